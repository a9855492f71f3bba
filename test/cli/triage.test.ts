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
    expect(run.stdout).not.toContain('×');
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

  it('groups identical lines into one block with a count, and adds `groups` to the JSON', async () => {
    const line =
      'HTTP 403: You do not have permission to create issues in project WEB (sync@acme.example)';
    const log = `${Array.from({ length: 5000 }, () => line).join('\n')}\n`;
    const text = await triageCli(['triage'], log);
    expect(text.stdout).toMatch(/^TRIAGE {2}5000 messages/);
    expect(text.stdout).toContain('5000× (line 1, line 2, line 3, line 4, line 5 and 4995 more)');
    expect(text.stdout.split('You do not have permission')).toHaveLength(2);

    const json = JSON.parse((await triageCli(['triage', '--format', 'json'], log)).stdout) as {
      messages: unknown[];
      groups: Array<{ count: number; category: string; project: string; user: string }>;
    };
    expect(json.messages).toHaveLength(5000);
    expect(json.groups).toHaveLength(1);
    expect(json.groups[0]).toMatchObject({
      count: 5000,
      category: 'permissions',
      project: 'WEB',
      user: 'sync@acme.example',
    });
  });

  it('exits 2 on empty input or an unreadable file', async () => {
    expect((await triageCli(['triage'], '   \n')).code).toBe(2);
    const missing = await triageCli(['triage', '--file', '/nonexistent/errors.log']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the file');
  });
});
