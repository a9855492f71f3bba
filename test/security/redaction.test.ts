/**
 * Issue 25, item 6: a token shows up in logs not only as typed. A JSON log line escapes its quotes,
 * backslashes and non-ASCII characters; a logged query string or form body percent-encodes it.
 * The CLI's last-line redactor and the resolvers' log redaction replace those forms too.
 */
import { createRedactor } from '../../src/cli/redact';
import { describeForLog } from '../../src/resolvers';
import { redact } from '../../src/resolvers/secrets';

// A token a user pasted with characters that JSON and URLs escape: a quote, a backslash, '/',
// '+', '=', and a non-ASCII letter (a look-alike typed on another keyboard layout).
const TOKEN = 'ATATT3x"canary\\0000/0000+0000=\u00e90000d9';
const EMAIL = 'sync+bot@acme.example';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const forms: Array<[string, string]> = [
  ['JSON-escaped', JSON.stringify(TOKEN).slice(1, -1)],
  [
    'ASCII-only JSON',
    JSON.stringify(TOKEN)
      .slice(1, -1)
      .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  ],
  ['URL-encoded', encodeURIComponent(TOKEN)],
  [
    'URL-encoded, lower-case escapes',
    encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  ],
  ['base64 of email:token, URL-encoded', encodeURIComponent(b64(`${EMAIL}:${TOKEN}`))],
  ['base64url of the token', Buffer.from(TOKEN, 'utf8').toString('base64url')],
];

describe('JSON-escaped and URL-encoded token forms are redacted', () => {
  test.each(forms)('CLI output: %s', (_name, form) => {
    const redactor = createRedactor([{ email: EMAIL, token: TOKEN }]);
    const out = redactor(`request log: {"auth":"${form}"} ?token=${form}`);
    expect(out).toContain('[redacted]');
    expect(out).not.toContain(form);
  });

  test.each(forms)('resolver error log: %s', (_name, form) => {
    const logged = describeForLog(new Error(`upstream said ${form} back`), {
      token: { email: EMAIL, token: TOKEN },
    });
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(form);
  });

  test('a report carrying the URL-encoded token is redacted before it is returned or stored', () => {
    const { secretForms } = jest.requireActual<typeof import('../../src/jira/secret-forms')>(
      '../../src/jira/secret-forms',
    );
    const report = { evidence: [`/rest/api/3/search?jql=${encodeURIComponent(TOKEN)}`] };
    const { value, found } = redact(report, secretForms(TOKEN, EMAIL));
    expect(found).toBe(true);
    expect(JSON.stringify(value)).not.toContain(encodeURIComponent(TOKEN));
  });
});
