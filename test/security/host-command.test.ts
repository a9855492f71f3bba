/**
 * Issue 25, item 6: format (bidi, zero-width) and C0/C1 control characters in field names, issue
 * types and emails that go into the host command are visibly escaped: the admin sees `\u202e`,
 * not text that reads differently from what the shell runs; bash still runs exactly the values.
 */
import { execFileSync } from 'node:child_process';
import { buildHostCommand, HOST_REPORT_FILE } from '../../src/engine/presentation/host-command';

const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const hostile = {
  site: 'https://acme.atlassian.net',
  email: 'sync\u200b@acme.example',
  accountId: '712020:0a1b2c3d-0000-4000-a000-000000000002',
  projects: ['SYNC'],
  permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES'],
  // Reads "Summary, Priority" but is "Summary" + RLO + "ytiroirP": another field entirely.
  fields: ['Summary\u202eytiroirP', "Team's \u0085field"],
  issueTypes: ['Bug\u001b[2K', 'Task\u2066'],
};

test('invisible characters are escaped where the admin can see them', () => {
  const command = buildHostCommand(hostile);
  expect(command.text).not.toMatch(INVISIBLE);
  expect(command.text).toContain("$'sync\\u200b@acme.example'");
  expect(command.text).toContain('\\u202e');
  expect(command.text).toContain('\\u0085');
  expect(command.text).toContain('\\u001b');
  expect(command.text).toContain('\\u2066');
});

test('bash runs exactly the values the command was built from', () => {
  const command = buildHostCommand(hostile);
  const words = command.text.replace(` > ${HOST_REPORT_FILE}`, '');
  // The same words, handed to printf instead of the CLI.
  const script = `set -- ${words}; for a in "$@"; do printf '%s\\0' "$a"; done`;
  const out = execFileSync('bash', ['-c', script], {
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    encoding: 'utf8',
  });
  expect(out.split('\0').slice(0, -1)).toEqual(command.argv);
});
