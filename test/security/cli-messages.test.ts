/**
 * Issue 25, item 6: every CLI message, usage errors included, passes the terminal-safe filter.
 * A usage error quotes what was typed (a project key, a URL) and, when the deployment is detected,
 * the version string Jira's serverInfo answered: a hostile server or a pasted value must not
 * retitle the terminal, move the cursor, reorder text (bidi) or start a line of its own.
 */
import { UsageError } from '../../src/cli/usage-error';
import { BASE, runCli, TOKEN_ENV } from '../cli/run-cli';

const CONTROL =
  // eslint-disable-next-line no-control-regex -- what the output must not contain
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE_VERSION = '9.12.0\u001b]0;pwned\u0007\u001b[2K\r\nVERDICT Ready\u009b31m\u202e';

describe('usage errors are terminal-safe', () => {
  test('a typed value with C1 and bidi controls is not echoed raw', async () => {
    const run = await runCli(
      [
        'check',
        '--site',
        'https://acme.atlassian.net',
        '--project',
        'AB\u202eC\u009b2K',
        '--email',
        'sync@acme.com',
      ],
      { env: TOKEN_ENV },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^credential-doctor: /);
    expect(run.stderr).not.toMatch(CONTROL);
  });

  test("a usage error naming what Jira's serverInfo said cannot start a line or move the cursor", async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com'], {
      env: TOKEN_ENV,
      // What decideForRun throws when serverInfo says Data Center but --email was given.
      diagnose: () =>
        Promise.reject(
          new UsageError(
            `https://acme.atlassian.net is Jira Data Center ${HOSTILE_VERSION} (serverInfo deploymentType): give --username NAME`,
          ),
        ),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('9.12.0');
    expect(run.stderr).not.toMatch(CONTROL);
    // The message is one line, then the help hint: the hostile text never starts a line.
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    expect(lines.filter((l) => /^\s*VERDICT/.test(l))).toEqual([]);
  });
});
