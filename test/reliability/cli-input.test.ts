/**
 * CLI input (issue 8), through the real CLI subprocess: malformed site URLs, credentials in the
 * URL, non-loopback http://, invalid project keys, ill-formed permission keys, empty tokens,
 * tokens with line breaks or control characters, oversized values. Each must exit 2 with a
 * specific message naming the flag, print nothing on stdout, and send nothing to Jira.
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { SCENARIOS } from '../../simulator/worlds/scenarios';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { canaryToken, leaks } from './canary';
import { pool } from './harness';

jest.setTimeout(120_000);

const EMAIL = 'sync@acme.example';
const TOKEN = 'ATATT3xFfGF0-input-0123456789abcdef0123456789abcdef=0A1B2C3D';

interface InputCase {
  name: string;
  /** `SITE` is replaced by the simulator's URL. */
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** The flag the message must name. */
  flag: string;
  /** What the message must say about it. */
  says: RegExp;
}

const long = (n: number, c = 'a'): string => c.repeat(n);

function check(...extra: string[]): string[] {
  return ['check', '--site', 'SITE', '--project', 'SYNC', '--email', EMAIL, ...extra];
}

function withSite(site: string, ...extra: string[]): string[] {
  return ['check', '--site', site, '--project', 'SYNC', '--email', EMAIL, ...extra];
}

const CASES: InputCase[] = [
  // Site URLs.
  { name: 'no scheme', args: withSite('acme.atlassian.invalid'), flag: '--site', says: /full URL/ },
  { name: 'not a URL', args: withSite('https://'), flag: '--site', says: /not a valid URL/ },
  {
    name: 'space in the host',
    args: withSite('https://acme .atlassian.invalid'),
    flag: '--site',
    says: /not a valid URL/,
  },
  {
    name: 'port out of range',
    args: withSite('https://acme.atlassian.invalid:99999'),
    flag: '--site',
    says: /not a valid URL/,
  },
  {
    name: 'ftp scheme',
    args: withSite('ftp://acme.atlassian.invalid'),
    flag: '--site',
    says: /https/,
  },
  { name: 'javascript: URL', args: withSite('javascript:alert(1)'), flag: '--site', says: /URL/ },
  {
    name: 'a path',
    args: withSite('https://acme.atlassian.invalid/jira'),
    flag: '--site',
    says: /without a path/,
  },
  {
    name: 'a REST path',
    args: withSite('https://acme.atlassian.invalid/rest/api/3'),
    flag: '--site',
    says: /without a path/,
  },
  {
    name: 'a query',
    args: withSite('https://acme.atlassian.invalid?os_authType=basic'),
    flag: '--site',
    says: /query/,
  },
  {
    name: 'a fragment',
    args: withSite('https://acme.atlassian.invalid#x'),
    flag: '--site',
    says: /fragment/,
  },
  {
    name: 'user:password@ in the URL',
    args: withSite(`https://sync:${TOKEN}@acme.atlassian.invalid`),
    flag: '--site',
    says: /must not contain credentials/,
  },
  {
    name: 'encoded email:token@ in the URL',
    args: withSite(`https://sync%40acme.example:${TOKEN}@acme.atlassian.invalid`),
    flag: '--site',
    says: /must not contain credentials/,
  },
  {
    name: 'user@ only in the URL',
    args: withSite('https://sync@acme.atlassian.invalid'),
    flag: '--site',
    says: /must not contain credentials/,
  },
  {
    name: 'credentials in the gateway URL',
    args: check('--gateway', `https://sync:${TOKEN}@api.atlassian.invalid`),
    flag: '--gateway',
    says: /must not contain credentials/,
  },
  {
    name: 'http:// to a public host',
    args: withSite('http://acme.atlassian.invalid'),
    flag: '--site',
    says: /https:\/\/.*localhost/,
  },
  {
    name: 'http:// to a private address',
    args: withSite('http://10.0.0.7'),
    flag: '--site',
    says: /https:\/\//,
  },
  {
    name: 'http:// to a host that only starts like localhost',
    args: withSite('http://localhost.evil.example'),
    flag: '--site',
    says: /https:\/\//,
  },
  {
    name: 'http:// to a host that only starts like 127.0.0.1',
    args: withSite('http://127.0.0.1.nip.io'),
    flag: '--site',
    says: /https:\/\//,
  },
  {
    name: 'http:// to 0.0.0.0',
    args: withSite('http://0.0.0.0:8080'),
    flag: '--site',
    says: /https:\/\//,
  },
  {
    name: 'http:// gateway to a public host',
    args: check('--gateway', 'http://api.atlassian.invalid'),
    flag: '--gateway',
    says: /https:\/\//,
  },
  {
    name: 'oversized site URL',
    args: withSite(`https://${long(10_000)}.atlassian.invalid`),
    flag: '--site',
    says: /./,
  },
  {
    name: 'missing --site value',
    args: ['check', '--project', 'SYNC', '--site'],
    flag: '--site',
    says: /needs a value/,
  },
  {
    name: 'no --site',
    args: ['check', '--project', 'SYNC', '--email', EMAIL],
    flag: '--site',
    says: /required/,
  },
  {
    name: '--site given twice',
    args: [...check(), '--site', 'https://other.atlassian.invalid'],
    flag: '--site',
    says: /more than once/,
  },

  // Project keys.
  ...[
    ['starts with a digit', '1ABC'],
    ['a dash', 'AB-C'],
    ['a space', 'AB C'],
    ['a non-ASCII letter', 'ÄBC'],
    ['a path', 'SYNC/../OPS'],
    ['a query', 'SYNC?x=1'],
    ['oversized', long(256, 'A')],
  ].map(([name, key]): InputCase => ({
    name: `project key with ${name}`,
    args: ['check', '--site', 'SITE', '--project', key ?? '', '--email', EMAIL],
    flag: '--project',
    says: /is not a project key/,
  })),
  {
    name: 'empty project list',
    args: ['check', '--site', 'SITE', '--project', ' , ', '--email', EMAIL],
    flag: '--project',
    says: /at least one/,
  },
  {
    name: 'more than 1000 projects',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      Array.from({ length: 1001 }, (_, i) => `P${i}`).join(','),
      '--email',
      EMAIL,
    ],
    flag: '--project',
    says: /at most 1000/,
  },
  {
    name: 'no --project',
    args: ['check', '--site', 'SITE', '--email', EMAIL],
    flag: '--project',
    says: /required/,
  },

  // Permission keys.
  ...[
    ['a space', 'create issues'],
    ['a dash', 'CREATE-ISSUES'],
    ['a leading digit', '1CREATE'],
    ['a non-ASCII letter', 'CRÉER'],
    ['punctuation', 'BROWSE_PROJECTS;DROP'],
    ['oversized', long(10_000, 'A')],
  ].map(([name, key]): InputCase => ({
    name: `permission key with ${name}`,
    args: check('--permissions', key ?? ''),
    flag: '--permissions',
    says: /not a permission key/,
  })),
  {
    name: 'empty permission list',
    args: check('--permissions', ','),
    flag: '--permissions',
    says: /at least one/,
  },
  {
    name: 'unknown preset',
    args: check('--preset', 'everything'),
    flag: '--preset',
    says: /one of/,
  },

  // Emails and users.
  {
    name: 'not an email',
    args: ['check', '--site', 'SITE', '--project', 'SYNC', '--email', 'sync'],
    flag: '--email',
    says: /email address/,
  },
  {
    name: 'email with a line break inside',
    args: ['check', '--site', 'SITE', '--project', 'SYNC', '--email', 'sync@acme\n.example'],
    flag: '--email',
    says: /line break/,
  },
  {
    name: 'email with a control character',
    args: ['check', '--site', 'SITE', '--project', 'SYNC', '--email', 'sync@acme.exa\u0007mple'],
    flag: '--email',
    says: /control character/,
  },
  {
    name: 'empty email',
    args: ['check', '--site', 'SITE', '--project', 'SYNC', '--email', '  '],
    flag: '--email',
    says: /empty/,
  },
  {
    name: 'oversized email',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      'SYNC',
      '--email',
      `${long(10_000)}@acme.example`,
    ],
    flag: '--email',
    says: /./,
  },
  {
    name: 'malformed --user',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      'SYNC',
      '--admin-email',
      'admin@acme.example',
      '--user',
      'not an id',
    ],
    env: { JIRA_ADMIN_TOKEN: TOKEN },
    flag: '--user',
    says: /account ID or an email/,
  },
  {
    name: 'oversized --expect-account',
    args: check('--expect-account', long(200, 'x')),
    flag: '--expect-account',
    says: /account ID/,
  },

  // Tokens.
  {
    name: 'no token at all',
    args: check(),
    env: {},
    flag: '--email',
    says: /JIRA_API_TOKEN is empty or not set/,
  },
  {
    name: 'empty token',
    args: check(),
    env: { JIRA_API_TOKEN: '' },
    flag: '--email',
    says: /empty or not set/,
  },
  {
    name: 'blank token',
    args: check(),
    env: { JIRA_API_TOKEN: ' \t ' },
    flag: '--email',
    says: /empty or not set/,
  },
  {
    name: 'token with a line break inside',
    args: check(),
    env: { JIRA_API_TOKEN: `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}` },
    flag: '--email',
    says: /line break/,
  },
  {
    name: 'token with a CR LF inside',
    args: check(),
    env: { JIRA_API_TOKEN: `${TOKEN.slice(0, 20)}\r\n${TOKEN.slice(20)}` },
    flag: '--email',
    says: /line break/,
  },
  {
    name: 'token with a control character',
    args: check(),
    env: { JIRA_API_TOKEN: `${TOKEN}\u001b[31m` },
    flag: '--email',
    says: /control character/,
  },
  {
    name: 'token with a zero-width space inside',
    args: check(),
    env: { JIRA_API_TOKEN: `${TOKEN.slice(0, 20)}\u200b${TOKEN.slice(20)}` },
    flag: '--email',
    says: /control character|invisible/,
  },
  {
    name: 'token with a space inside',
    args: check(),
    env: { JIRA_API_TOKEN: `${TOKEN.slice(0, 20)} ${TOKEN.slice(20)}` },
    flag: '--email',
    says: /space inside/,
  },
  {
    name: 'named variable missing',
    args: check('--token-env', 'SYNC_TOKEN'),
    env: {},
    flag: '--token-env',
    says: /SYNC_TOKEN is empty or not set/,
  },
  {
    name: 'ill-formed variable name',
    args: check('--token-env', 'SYNC-TOKEN'),
    flag: '--token-env',
    says: /NAME of an environment variable/,
  },
  {
    name: 'oversized token',
    args: check(),
    env: { JIRA_API_TOKEN: `ATATT3xFfGF0${long(100_000, 'Q')}` },
    flag: '--email',
    says: /./,
  },
  {
    name: 'empty stdin',
    args: check('--token-stdin'),
    stdin: '',
    flag: '--token-stdin',
    says: /nothing was read/,
  },
  {
    name: 'blank stdin',
    args: check('--token-stdin'),
    stdin: ' \n',
    flag: '--token-stdin',
    says: /nothing was read/,
  },
  {
    name: 'two lines on stdin',
    args: check('--token-stdin'),
    stdin: `${TOKEN}\n${TOKEN}\n`,
    flag: '--token-stdin',
    says: /line break/,
  },
  {
    name: 'NUL on stdin',
    args: check('--token-stdin'),
    stdin: `${TOKEN}\u0000\n`,
    flag: '--token-stdin',
    says: /control character/,
  },
  {
    name: 'oversized token on stdin',
    args: check('--token-stdin'),
    stdin: `ATATT3xFfGF0${long(1_000_000, 'Q')}\n`,
    flag: '--token-stdin',
    says: /more than 8192 bytes on stdin/,
  },
  {
    name: 'both --token-env and --token-stdin',
    args: check('--token-env', 'X', '--token-stdin'),
    stdin: TOKEN,
    flag: '--token-stdin',
    says: /not both/,
  },
  {
    name: 'empty admin token',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      'SYNC',
      '--admin-email',
      'admin@acme.example',
      '--user',
      EMAIL,
    ],
    env: { JIRA_ADMIN_TOKEN: '' },
    flag: '--admin-email',
    says: /JIRA_ADMIN_TOKEN is empty or not set/,
  },
  {
    name: 'admin token with a line break inside',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      'SYNC',
      '--admin-email',
      'admin@acme.example',
      '--user',
      EMAIL,
    ],
    env: { JIRA_ADMIN_TOKEN: `${TOKEN.slice(0, 9)}\n${TOKEN.slice(9)}` },
    flag: '--admin-email',
    says: /line break/,
  },
  {
    name: 'oversized admin token',
    args: [
      'check',
      '--site',
      'SITE',
      '--project',
      'SYNC',
      '--admin-email',
      'admin@acme.example',
      '--user',
      EMAIL,
    ],
    env: { JIRA_ADMIN_TOKEN: `ATATT3xFfGF0${long(100_000, 'Q')}` },
    flag: '--admin-email',
    says: /./,
  },

  // Other values.
  ...['0', '-5', 'abc', '1e3', '600001', long(400, '9')].map((value): InputCase => ({
    name: `--timeout-ms ${value.length > 10 ? 'oversized' : value}`,
    args: check(`--timeout-ms=${value}`),
    flag: '--timeout-ms',
    says: /whole number of milliseconds/,
  })),
  { name: 'unknown format', args: check('--format', 'yaml'), flag: '--format', says: /one of/ },
  { name: 'unknown option', args: check('--colour'), flag: '--colour', says: /unknown option/ },
];

describe('CLI input: every bad value exits 2 naming the flag, with nothing on stdout and nothing sent', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    requireBuiltCli();
    sim = await startSimulator(SCENARIOS.healthy().world);
  });

  afterAll(async () => {
    await sim.close();
  });

  /** Each case against its own simulator, so a request is blamed on the case that sent it. */
  async function runCase(c: InputCase): Promise<string[]> {
    const own = await startSimulator(SCENARIOS.healthy().world);
    try {
      const args = c.args.map((a) => (a === 'SITE' ? own.siteUrl : a));
      // Should a case wrongly pass, its scoped-token probe stays on loopback too.
      if (c.args.includes('SITE') && !args.includes('--gateway'))
        args.push('--gateway', own.siteUrl);
      const run = await runCliProcess(args, c.env ?? { JIRA_API_TOKEN: TOKEN }, c.stdin);
      const found: string[] = [];
      const message = run.stderr.split('\n')[0] ?? '';
      if (run.code !== 2) {
        found.push(`exit ${run.code} (expected 2); stdout ${run.stdout.length} characters`);
      } else if (!message.startsWith('credential-doctor: ')) {
        found.push('no usage message on stderr');
      } else {
        if (!message.includes(c.flag)) found.push(`the message does not name ${c.flag}`);
        if (!c.says.test(message)) found.push(`the message does not say ${String(c.says)}`);
        if (message.length > 600) found.push(`the message is ${message.length} characters long`);
        if (run.stdout !== '') found.push(`stdout has ${run.stdout.length} characters`);
      }
      if (own.log.length > 0) found.push(`${own.log.length} request(s) reached Jira`);
      return found.map((f) => `${c.name}: ${f}`);
    } finally {
      await own.close();
    }
  }

  it('the table covers every kind of input the issue names', () => {
    expect(CASES.length).toBeGreaterThan(60);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('each case: exit 2, a specific message naming the flag, stdout empty, no request', async () => {
    const problems = (await pool(CASES, 4, runCase)).flat();
    expect(problems).toEqual([]);
  });

  it('messages quote a bad value only shortened, and never a value that might be a secret', async () => {
    const secret = canaryToken('INPUT');
    const canaries = [{ email: EMAIL, token: secret }];
    const cases = [
      withSite(`https://sync:${secret}@acme.atlassian.invalid`),
      withSite(`https://acme.atlassian.invalid/${secret}`),
      withSite(`https://acme.atlassian.invalid?token=${secret}`),
      ['check', '--site', sim.siteUrl, '--project', `${secret}`, '--email', EMAIL],
      check('--permissions', `browse,${secret}`).map((a) => (a === 'SITE' ? sim.siteUrl : a)),
      ['check', '--site', sim.siteUrl, '--project', 'SYNC', '--email', secret],
    ];
    const problems: string[] = [];
    for (const args of cases) {
      const run = await runCliProcess(args, { JIRA_API_TOKEN: TOKEN });
      const label = args.join(' ').replace(secret, '<secret>');
      if (run.code !== 2) problems.push(`${label}: exit ${run.code}`);
      if (leaks(run.stdout + run.stderr, canaries).length > 0) problems.push(`${label}: echoed`);
    }
    expect(problems).toEqual([]);
  });
});

describe('CLI input accepted by design (documented in docs/cli.md)', () => {
  let sim: RunningSimulator;

  beforeAll(async () => {
    requireBuiltCli();
    sim = await startSimulator(SCENARIOS.healthy().world);
  });

  afterAll(async () => {
    await sim.close();
  });

  const base = (site: string, ...extra: string[]): string[] => [
    'check',
    '--site',
    site,
    '--gateway',
    site,
    '--email',
    EMAIL,
    '--format',
    'json',
    ...extra,
  ];
  const env = (): Record<string, string> => ({
    JIRA_API_TOKEN: SCENARIOS.healthy().login.secret,
  });

  it('loopback http:// in any spelling, a trailing slash, lower-case keys and aliases', async () => {
    const port = new URL(sim.siteUrl).port;
    for (const site of [
      sim.siteUrl,
      `${sim.siteUrl}/`,
      `http://localhost:${port}`,
      `http://LOCALHOST:${port}`,
    ]) {
      const run = await runCliProcess(
        base(site, '--project', 'sync,ops', '--permissions', 'browse,Create,EDIT_ISSUES'),
        env(),
      );
      expect({ site, code: run.code, stderr: run.stderr }).toEqual({ site, code: 0, stderr: '' });
      const report = parseReport(run);
      expect(report.projects.map((p) => p.key)).toEqual(['SYNC', 'OPS']);
      expect(report.requiredPermissions).toEqual([
        'BROWSE_PROJECTS',
        'CREATE_ISSUES',
        'EDIT_ISSUES',
      ]);
    }
  });

  it('a well-formed permission key the site lacks runs, and is reported as UNKNOWN_PERMISSION_KEY', async () => {
    // Sites can define permissions through apps, so the CLI cannot refuse an unknown key offline.
    const run = await runCliProcess(
      base(sim.siteUrl, '--project', 'SYNC', '--permissions', 'browse,TELEPORT_ISSUES'),
      env(),
    );
    const report = parseReport(run);
    expect(run.code).toBe(5);
    expect(report.verdict).toBe('fix-configuration');
    expect(report.findings.map((f) => [f.code, f.permission])).toContainEqual([
      'UNKNOWN_PERMISSION_KEY',
      'TELEPORT_ISSUES',
    ]);
  });
});
