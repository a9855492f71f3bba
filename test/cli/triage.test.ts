import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

async function triageCli(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {},
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      readStdin: async () => {
        if (stdin === undefined) throw new Error('no stdin');
        return stdin;
      },
    },
  );
  return { code, stdout, stderr };
}

describe('credential-doctor triage', () => {
  it('classifies stdin lines and lists unrecognised ones as such', async () => {
    const run = await triageCli(
      ['triage'],
      'Client must be authenticated to access this resource.\nall good here\n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^TRIAGE {2}2 messages \(text\): 1 credentials, 1 unrecognised/);
    expect(run.stdout).toContain('credentials (CREDENTIALS_REJECTED)');
    expect(run.stdout).toContain('unrecognised: no known Jira wording or status; not guessed');
  });

  it('reads a JSON log from a file and prints JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    const file = join(dir, 'log.json');
    writeFileSync(
      file,
      JSON.stringify([
        { status: 429, message: 'Too Many Requests', headers: { 'Retry-After': '12' } },
      ]),
    );
    const run = await triageCli(['triage', '--file', file, '--format', 'json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as {
      format: string;
      messages: Array<{ code: string; retryAfterSeconds: number }>;
    };
    expect(result.format).toBe('json');
    expect(result.messages[0]).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 12 });
  });

  it('exits 2 on empty input or an unreadable file', async () => {
    expect((await triageCli(['triage'], '   \n')).code).toBe(2);
    const missing = await triageCli(['triage', '--file', '/nonexistent/errors.log']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the file');
  });
});
