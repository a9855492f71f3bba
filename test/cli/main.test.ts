import { EXIT_CODES, exitCodeFor } from '../../src/cli/exit-codes';
import { readVersion } from '../../src/cli/main';
import type { Report, Verdict } from '../../src/engine/model/report';
import { VERDICT_ORDER } from '../../src/engine/findings/verdict';
import { sendJson, startServer } from '../jira/local-server';
import { report } from './report-fixture';
import { BASE, TOKEN_ENV, runCli } from './run-cli';

const CANARY = 'ATATT-CANARY-5f2b9c1d7e3a';
const ADMIN_CANARY = 'ATATT-ADMIN-CANARY-8e1f2a';
const canaryForms = [
  CANARY,
  ADMIN_CANARY,
  Buffer.from(`sync@acme.com:${CANARY}`).toString('base64'),
  Buffer.from(`admin@acme.com:${ADMIN_CANARY}`).toString('base64'),
];

function expectNoCanary(...texts: string[]): void {
  for (const text of texts) for (const form of canaryForms) expect(text).not.toContain(form);
}

describe('help and version', () => {
  it('prints help on stdout with exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('credential-doctor check --site URL --project KEY');
    expect(run.stdout).toContain('JIRA_API_TOKEN');
  });

  it('prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.stdout.trim()).toBe(readVersion());
  });
});

describe('tokens', () => {
  it('reads the token from JIRA_API_TOKEN and passes only the email and hygiene to the engine', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com'], {
      env: { JIRA_API_TOKEN: CANARY },
    });
    expect(run.code).toBe(EXIT_CODES['fix-permissions']);
    const [call] = run.calls;
    expect(call?.input).toEqual({
      site: 'https://acme.atlassian.net',
      projects: ['ABC'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      token: { email: 'sync@acme.com', hygiene: [] },
    });
    expect(JSON.stringify(call?.input)).not.toContain(CANARY);
    expect(call?.deps.token).toBeDefined();
    expect(call?.deps.admin).toBeUndefined();
  });

  it('reads the token from a named variable', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com', '--token-env', 'SYNC_TOKEN'], {
      env: { SYNC_TOKEN: CANARY },
    });
    expect(run.code).toBe(EXIT_CODES['fix-permissions']);
  });

  it('accepts a single trailing newline from stdin silently', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com', '--token-stdin'], {
      stdin: `${CANARY}\n`,
    });
    expect(run.calls[0]?.input.token?.hygiene).toEqual([]);
  });

  it('cleans quotes and whitespace and reports them as hygiene issues', async () => {
    const run = await runCli([...BASE, '--email', ' "sync@acme.com" '], {
      env: { JIRA_API_TOKEN: `  '${CANARY}'\n` },
    });
    expect(run.calls[0]?.input.token).toEqual({
      email: 'sync@acme.com',
      hygiene: [
        { field: 'email', problem: 'whitespace' },
        { field: 'email', problem: 'quotes' },
        { field: 'token', problem: 'newline' },
        { field: 'token', problem: 'quotes' },
      ],
    });
  });

  it('treats extra blank lines from stdin as a hygiene issue', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com', '--token-stdin'], {
      stdin: `${CANARY}\n\n`,
    });
    expect(run.calls[0]?.input.token?.hygiene).toEqual([{ field: 'token', problem: 'newline' }]);
  });

  it.each([
    [
      'missing',
      {},
      /--email: the sync user's API token is missing: JIRA_API_TOKEN is empty or not set/,
    ],
    ['empty', { JIRA_API_TOKEN: '' }, /JIRA_API_TOKEN is empty or not set/],
    ['blank', { JIRA_API_TOKEN: ' \n ' }, /JIRA_API_TOKEN is empty or not set/],
    [
      'inner newline',
      { JIRA_API_TOKEN: `${CANARY.slice(0, 10)}\n${CANARY.slice(10)}` },
      /--email: the API token has a line break inside it/,
    ],
    [
      'control character',
      { JIRA_API_TOKEN: `${CANARY}\u0000x` },
      /--email: the API token contains an invisible control character/,
    ],
    [
      'inner space',
      { JIRA_API_TOKEN: `${CANARY} x` },
      /--email: the API token contains a space inside it/,
    ],
  ])('refuses a %s token with exit 2', async (_name, env, message) => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expectNoCanary(run.stderr, run.stdout);
    expect(run.calls).toHaveLength(0);
  });

  it('names --token-env when the named variable is missing', async () => {
    const run = await runCli([...BASE, '--email', 'a@b.co', '--token-env', 'NOPE']);
    expect(run.stderr).toMatch(/--token-env: .*NOPE is empty or not set/);
  });

  it('refuses empty stdin and a line break inside a piped token', async () => {
    const empty = await runCli([...BASE, '--email', 'a@b.co', '--token-stdin'], { stdin: '\n' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--token-stdin: nothing was read from stdin/);
    const split = await runCli([...BASE, '--email', 'a@b.co', '--token-stdin'], {
      stdin: 'abc\ndef\n',
    });
    expect(split.code).toBe(2);
    expect(split.stderr).toMatch(/--token-stdin: the API token has a line break inside it/);
  });

  it('reads the admin token from JIRA_ADMIN_TOKEN or a named variable', async () => {
    const run = await runCli([...BASE, '--admin-email', 'admin@acme.com', '--user', '557058:abc'], {
      env: { JIRA_ADMIN_TOKEN: ADMIN_CANARY },
    });
    expect(run.code).toBe(EXIT_CODES['fix-permissions']);
    expect(run.calls[0]?.input.admin).toEqual({
      checker: 'admin@acme.com',
      explain: 'missing',
      user: '557058:abc',
    });
    expect(run.calls[0]?.input.token).toBeUndefined();
    expect(run.calls[0]?.deps.admin?.auth).toBe('admin');

    const missing = await runCli([
      ...BASE,
      '--admin-email',
      'admin@acme.com',
      '--user',
      'u1',
      '--admin-token-env',
      'ADM',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--admin-token-env: the administrator's API token is missing: ADM/,
    );
  });

  it('runs both modes together, the admin user defaulting to the token identity', async () => {
    const run = await runCli(
      [...BASE, '--email', 'sync@acme.com', '--admin-email', 'admin@acme.com'],
      {
        env: { JIRA_API_TOKEN: CANARY, JIRA_ADMIN_TOKEN: ADMIN_CANARY },
      },
    );
    expect(run.calls[0]?.input.admin).toEqual({ checker: 'admin@acme.com', explain: 'missing' });
    expect(run.calls[0]?.input.token?.email).toBe('sync@acme.com');
  });
});

describe('exit codes', () => {
  const expected: Record<Verdict, number> = {
    ready: 0,
    'fix-credentials': 3,
    'fix-permissions': 4,
    'fix-configuration': 5,
    'fix-connectivity': 6,
    inconclusive: 7,
  };

  it.each(VERDICT_ORDER)('%s', async (verdict) => {
    expect(exitCodeFor(verdict)).toBe(expected[verdict]);
    const run = await runCli([...BASE, '--email', 'a@b.co'], {
      env: TOKEN_ENV,
      result: report({ verdict }),
    });
    expect(run.code).toBe(expected[verdict]);
  });

  it('returns 1 with a sanitised message when the engine throws', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com'], {
      env: { JIRA_API_TOKEN: CANARY },
      diagnose: () => Promise.reject(new Error(`engine blew up near ${CANARY}`)),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/internal error: Error: engine blew up near \[redacted\]/);
    expect(run.stderr).toMatch(/--verbose/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expectNoCanary(run.stderr);
  });

  it('shows the (redacted) stack with --verbose', async () => {
    const run = await runCli([...BASE, '--email', 'sync@acme.com', '--verbose'], {
      env: { JIRA_API_TOKEN: CANARY },
      diagnose: () => Promise.reject(new Error(`boom ${CANARY}`)),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
    expectNoCanary(run.stderr);
  });
});

describe('output', () => {
  const argv = [...BASE, '--email', 'a@b.co'];

  it('json: the report only, pretty-printed', async () => {
    const run = await runCli([...argv, '--format', 'json'], { env: TOKEN_ENV });
    expect(JSON.parse(run.stdout)).toEqual(report());
    expect(run.stdout).toBe(`${JSON.stringify(report(), null, 2)}\n`);
  });

  it('text: the verdict first, no colour when stdout is not a TTY', async () => {
    const run = await runCli(argv, { env: TOKEN_ENV });
    expect(run.stdout.startsWith('VERDICT  Fix permissions\n')).toBe(true);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('text: colour on a TTY unless NO_COLOR is set', async () => {
    const tty = await runCli(argv, { env: TOKEN_ENV, stdoutTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(argv, { env: { ...TOKEN_ENV, NO_COLOR: '1' }, stdoutTTY: true });
    expect(noColor.stdout).not.toContain('\u001b[');
    const emptyNoColor = await runCli(argv, {
      env: { ...TOKEN_ENV, NO_COLOR: '' },
      stdoutTTY: true,
    });
    expect(emptyNoColor.stdout).not.toContain('\u001b[');
  });

  it('markdown: the support-ticket report', async () => {
    const run = await runCli([...argv, '--format', 'markdown'], { env: TOKEN_ENV });
    expect(run.stdout).toMatch(/^## Credential Doctor: Fix permissions/);
    expect(run.stdout).toContain('`MISSING_PERMISSION`');
    expect(run.stdout).toContain('| `ABC` Alpha (software) | ✓ | ✓ | ✗ | ? |');
  });

  it('writes progress to stderr only when stderr is a TTY', async () => {
    const withRequest = async (
      input: unknown,
      deps: { evidence: { record(e: object): void } },
    ): Promise<Report> => {
      deps.evidence.record({
        step: 'identity',
        method: 'GET',
        path: '/rest/api/3/myself',
        target: 'site',
        auth: 'sync-user',
        status: 200,
        attempt: 1,
        startedAtMs: 0,
        durationMs: 5,
      });
      return report();
    };
    const quiet = await runCli(argv, { env: TOKEN_ENV, diagnose: withRequest as never });
    expect(quiet.stderr).toBe('');
    const tty = await runCli(argv, {
      env: TOKEN_ENV,
      stderrTTY: true,
      diagnose: withRequest as never,
    });
    expect(tty.stderr).toContain('Checking https://acme.atlassian.net for ABC');
    expect(tty.stderr).toContain('GET /rest/api/3/myself → 200');
    expect(tty.stdout.startsWith('VERDICT')).toBe(true);
  });
});

describe('canary token', () => {
  it('never appears in any output, evidence or error, even across real requests', async () => {
    const server = await startServer((req, res) => {
      sendJson(res, req.url.includes('mypermissions') ? 401 : 200, {
        message: 'Client must be authenticated to access this resource.',
      });
    });
    try {
      for (const format of ['text', 'json', 'markdown']) {
        for (const stdinMode of [false, true]) {
          const run = await runCli(
            [
              'check',
              '--site',
              server.url,
              '--gateway',
              server.url,
              '--project',
              'ABC',
              '--email',
              'sync@acme.com',
              '--admin-email',
              'admin@acme.com',
              '--format',
              format,
              '--verbose',
              '--timeout-ms',
              '2000',
              ...(stdinMode ? ['--token-stdin'] : []),
            ],
            {
              env: {
                JIRA_ADMIN_TOKEN: ADMIN_CANARY,
                ...(stdinMode ? {} : { JIRA_API_TOKEN: CANARY }),
              },
              ...(stdinMode ? { stdin: `${CANARY}\n` } : {}),
              stderrTTY: true,
              diagnose: async (_input, deps) => {
                const req = {
                  method: 'GET',
                  path: '/rest/api/3/myself',
                  step: 'identity',
                } as const;
                await deps.token!.site.request(req);
                await deps
                  .token!.gateway('cloud-1')
                  .request({ ...req, path: '/rest/api/3/mypermissions' });
                await deps.admin!.request(req);
                const evidence = JSON.stringify(deps.evidence.entries());
                expectNoCanary(evidence);
                return report({
                  verdict: 'fix-credentials',
                  // The redactor is the last line of defence should an engine ever echo a secret.
                  summary: `Leaked ${CANARY} and ${ADMIN_CANARY}`,
                  requestCount: deps.evidence.entries().length,
                });
              },
            },
          );
          expect(run.code).toBe(3);
          expect(run.stdout).toContain('[redacted]');
          expectNoCanary(run.stdout, run.stderr);
        }
      }
      const auth = server.requests.map((r) => r.headers.authorization ?? '');
      expect(auth.some((a) => a.includes(canaryForms[2]!))).toBe(true);
      expect(auth.some((a) => a.includes(canaryForms[3]!))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
