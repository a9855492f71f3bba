/** Every state honest: a backend failure reads as one, with a retry; a cancel never shows another run. */
import {
  chooseProjects,
  chooseUser,
  openPanel,
  runCheck,
  useHarness,
  waitForVerdict,
} from './support';
import { HEALTHY, NO_CREATE } from './demo-world';

describe('honest states', () => {
  const harness = useHarness();

  test('a backend failure is said in plain words, with the raw text behind details, and Try again works', async () => {
    const { page, panel } = await openPanel(harness());
    let failed = 0;
    await page.route('**/demo/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"runCheck"') && failed === 0) {
        failed += 1;
        await route.fulfill({
          status: 500,
          contentType: 'text/plain',
          body: 'Internal Server Error',
        });
      } else {
        await route.continue();
      }
    });
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await panel.getByTestId('run-check').click();
    const notice = panel.getByTestId('error-internal');
    await notice.waitFor();
    const visible = await notice.innerText();
    expect(visible).toContain("The app's backend did not answer");
    expect(visible).not.toMatch(/Unexpected token|Internal S/);
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(0);
    const started = Date.now();
    await panel.getByTestId('retry-check').click();
    const { verdict } = await waitForVerdict(panel, started, 'after Try again');
    expect(verdict).toBe('ready');
    expect(failed).toBe(1);
    await page.close();
  });

  test('cancel shows a cancelled state, never the previous run as current', async () => {
    const { page, panel } = await openPanel(harness());
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await runCheck(panel, 'first run');
    await page.route('**/demo/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"runCheck"')) {
        const response = await route.fetch();
        await new Promise((r) => setTimeout(r, 2000));
        await route.fulfill({ response }).catch(() => undefined);
      } else {
        await route.continue();
      }
    });
    await panel.locator('#cd-user').click();
    await chooseUser(panel, NO_CREATE.query, NO_CREATE.name);
    await panel.getByTestId('run-check').click();
    // While it runs, the first user's result is not on screen as if it were this run's.
    await panel.getByTestId('run-progress').waitFor();
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(0);
    await panel.getByTestId('cancel-check').click();
    await expect(panel.getByTestId('empty-result').innerText()).resolves.toContain('cancelled');
    await expect(panel.getByTestId('result').getAttribute('data-run-state')).resolves.toBe(
      'cancelled',
    );
    await page.waitForTimeout(2500);
    await expect(panel.getByTestId('verdict').count()).resolves.toBe(0);
    await page.close();
  });
});

describe('server-side validation', () => {
  const harness = useHarness();

  test("the resolver's refusal lands on the field it is about, and focuses it", async () => {
    const { page, panel } = await openPanel(harness());
    // The pickers only offer valid keys: the request is altered on its way, the real resolver refuses it.
    await page.route('**/demo/api/invoke', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('"runCheck"')) return route.continue();
      return route.continue({ postData: body.replace('"SYNC"', '"1BAD"') });
    });
    await chooseUser(panel, HEALTHY.query, HEALTHY.name);
    await chooseProjects(panel, ['SYNC']);
    await panel.getByTestId('run-check').click();
    const error = panel.locator('#cd-projects-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toMatch(/^Project key 1 must be a Jira project key/);
    await panel.getByTestId('form-refused').waitFor();
    await expect(panel.getByTestId('error-invalid').count()).resolves.toBe(0);
    const focusedId = await page
      .frames()
      .find((f) => f.url().includes('/panel/'))
      ?.evaluate(() => document.activeElement?.id);
    expect(focusedId).toBe('cd-projects');
    await page.close();
  });
});
