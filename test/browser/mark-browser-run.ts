// Set by jest.browser.config.js only: the default jest run skips the browser suites.
process.env.CD_BROWSER_TESTS = '1';
