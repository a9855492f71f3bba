import { parseCommand, type CheckArgs } from '../../src/cli/args';
import { BASE, SITE, TOKEN_ENV, runCli } from './run-cli';

function check(argv: string[]): CheckArgs {
  const command = parseCommand(argv);
  if (command.kind !== 'check') throw new Error(`expected check, got ${command.kind}`);
  return command.args;
}

describe('parseCommand', () => {
  it('reads a full token + admin command line', () => {
    const args = check([
      'check',
      '--site',
      'https://acme.atlassian.net/',
      '--project',
      'abc,Def',
      '--project',
      'ABC',
      '--email',
      '  sync@acme.com\n',
      '--expect-account',
      '557058:abc',
      '--expect-email',
      'sync@acme.com',
      '--admin-email',
      'admin@acme.com',
      '--admin-token-env',
      'MY_ADMIN',
      '--user',
      '557058:abc',
      '--permissions',
      'browse,create_issues',
      '--permissions',
      'comment',
      '--gateway',
      'https://api.atlassian.com',
      '--format',
      'markdown',
      '--timeout-ms',
      '2500',
      '--verbose',
    ]);
    expect(args).toEqual<CheckArgs>({
      site: SITE,
      gateway: 'https://api.atlassian.com',
      projects: ['ABC', 'DEF'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'ADD_COMMENTS'],
      format: 'markdown',
      timeoutMs: 2500,
      verbose: true,
      explainAll: false,
      syncUser: {
        email: 'sync@acme.com',
        emailIssues: [{ field: 'email', problem: 'newline' }],
        tokenSource: { kind: 'env', name: 'JIRA_API_TOKEN' },
        expectAccountId: '557058:abc',
        expectEmail: 'sync@acme.com',
      },
      admin: { email: 'admin@acme.com', tokenEnv: 'MY_ADMIN', user: '557058:abc' },
    });
  });

  it('applies defaults', () => {
    const args = check([...BASE, '--email', 'sync@acme.com']);
    expect(args).toMatchObject({
      gateway: 'https://api.atlassian.com',
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      format: 'text',
      timeoutMs: undefined,
      verbose: false,
    });
    expect(args.admin).toBeUndefined();
  });

  it('accepts --name=value forms, --token-stdin and --token-env', () => {
    expect(
      check([...BASE, '--email=sync@acme.com', '--token-stdin']).syncUser?.tokenSource,
    ).toEqual({
      kind: 'stdin',
    });
    expect(
      check([...BASE, '--email', 'a@b.co', '--token-env', 'SYNC_TOKEN']).syncUser?.tokenSource,
    ).toEqual({
      kind: 'env',
      name: 'SYNC_TOKEN',
    });
  });

  it('a --project list may be separated by semicolons too (#24)', () => {
    const site = 'https://acme.atlassian.net';
    expect(
      check(['check', '--site', site, '--project', 'sync;OPS, web;', '--email', 'a@b.co']).projects,
    ).toEqual(['SYNC', 'OPS', 'WEB']);
  });

  it('allows http only for loopback hosts', () => {
    for (const site of ['http://localhost:8080', 'http://127.0.0.1:9', 'http://[::1]:3000']) {
      expect(check(['check', '--site', site, '--project', 'A', '--email', 'a@b.co']).site).toBe(
        site,
      );
    }
  });

  it.each([['--help'], ['-h'], ['help'], ['check', '--help']])('recognises help: %s', (...argv) => {
    expect(parseCommand(argv).kind).toBe('help');
  });

  it('recognises --version', () => {
    expect(parseCommand(['--version']).kind).toBe('version');
  });
});

describe('usage errors (exit 2, message names the flag)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no command', [], /no command/],
    ['unknown command', ['diagnose'], /unknown command \(the first argument\)/],
    ['flag before command', ['--site', SITE], /--site must follow the command/],
    [
      'unknown option',
      [...BASE, '--email', 'a@b.co', '--frobnicate'],
      /unknown option --frobnicate/,
    ],
    ['stray positional', [...BASE, '--email', 'a@b.co', 'extra'], /unexpected argument/],
    ['missing value', [...BASE, '--email'], /--email needs a value/],
    [
      'value on a boolean',
      [...BASE, '--email', 'a@b.co', '--verbose=yes'],
      /--verbose does not take a value/,
    ],
    [
      'duplicate single flag',
      [...BASE, '--site', SITE, '--email', 'a@b.co'],
      /--site is given more than once/,
    ],
    ['missing --site', ['check', '--project', 'A', '--email', 'a@b.co'], /--site is required/],
    [
      'bare host',
      ['check', '--site', 'acme.atlassian.net', '--project', 'A', '--email', 'a@b.co'],
      /--site must be a full URL/,
    ],
    [
      'http site',
      ['check', '--site', 'http://acme.atlassian.net', '--project', 'A', '--email', 'a@b.co'],
      /--site must use https/,
    ],
    [
      'ftp site',
      ['check', '--site', 'ftp://acme.atlassian.net', '--project', 'A', '--email', 'a@b.co'],
      /--site must use https/,
    ],
    [
      'credentials in site',
      [
        'check',
        '--site',
        'https://me:pw@acme.atlassian.net',
        '--project',
        'A',
        '--email',
        'a@b.co',
      ],
      /--site must not contain credentials/,
    ],
    [
      'query in site',
      ['check', '--site', 'https://acme.atlassian.net/?x=1', '--project', 'A', '--email', 'a@b.co'],
      /--site must not have a query/,
    ],
    [
      'fragment in site',
      ['check', '--site', 'https://acme.atlassian.net#x', '--project', 'A', '--email', 'a@b.co'],
      /--site must not have a query/,
    ],
    [
      'path in site',
      ['check', '--site', 'https://acme.atlassian.net/jira', '--project', 'A', '--email', 'a@b.co'],
      /--site must be the site address without a path/,
    ],
    [
      'bad gateway',
      [...BASE, '--email', 'a@b.co', '--gateway', 'http://api.atlassian.com'],
      /--gateway must use https/,
    ],
    [
      'gateway path',
      [...BASE, '--email', 'a@b.co', '--gateway', 'https://api.atlassian.com/ex/jira'],
      /--gateway must be the site address without a path/,
    ],
    ['missing --project', ['check', '--site', SITE, '--email', 'a@b.co'], /--project is required/],
    [
      'empty --project',
      ['check', '--site', SITE, '--project', ',', '--email', 'a@b.co'],
      /--project needs at least one/,
    ],
    [
      'bad project key',
      ['check', '--site', SITE, '--project', 'AB-1', '--email', 'a@b.co'],
      /--project: "AB-1" is not a project key/,
    ],
    [
      'digit-first project key',
      ['check', '--site', SITE, '--project', '1AB', '--email', 'a@b.co'],
      /--project: "1AB"/,
    ],
    [
      'too many projects',
      [
        'check',
        '--site',
        SITE,
        '--project',
        Array.from({ length: 1001 }, (_, i) => `P${i}`).join(','),
        '--email',
        'a@b.co',
      ],
      /--project: at most 1000 projects/,
    ],
    ['no mode', [...BASE], /give --email .* or --admin-email/],
    ['bad email', [...BASE, '--email', 'not-an-email'], /--email must be an email address/],
    ['empty email', [...BASE, '--email', '  '], /--email is empty/],
    [
      'bad expect-email',
      [...BASE, '--email', 'a@b.co', '--expect-email', 'nope'],
      /--expect-email must be an email/,
    ],
    [
      'bad expect-account',
      [...BASE, '--email', 'a@b.co', '--expect-account', 'has space'],
      /--expect-account must be an Atlassian account ID/,
    ],
    [
      'token-env without email',
      [...BASE, '--admin-email', 'x@y.co', '--user', 'u1', '--token-env', 'X'],
      /--token-env belongs to token mode and needs --email/,
    ],
    [
      'token-stdin without email',
      [...BASE, '--admin-email', 'x@y.co', '--user', 'u1', '--token-stdin'],
      /--token-stdin belongs to token mode/,
    ],
    [
      'expect-account without email',
      [...BASE, '--admin-email', 'x@y.co', '--user', 'u1', '--expect-account', 'u1'],
      /--expect-account belongs to token mode/,
    ],
    [
      'both token sources',
      [...BASE, '--email', 'a@b.co', '--token-env', 'X', '--token-stdin'],
      /--token-env NAME or --token-stdin, not both/,
    ],
    [
      'token value in --token-env',
      [...BASE, '--email', 'a@b.co', '--token-env', 'ATATT3x-abc=='],
      /--token-env takes the NAME of an environment variable/,
    ],
    [
      'bad admin token env',
      [...BASE, '--admin-email', 'x@y.co', '--user', 'u1', '--admin-token-env', 'a-b'],
      /--admin-token-env takes the NAME/,
    ],
    [
      'user without admin',
      [...BASE, '--email', 'a@b.co', '--user', 'u1'],
      /--user belongs to admin mode and needs --admin-email/,
    ],
    [
      'admin-token-env without admin',
      [...BASE, '--email', 'a@b.co', '--admin-token-env', 'X'],
      /--admin-token-env belongs to admin mode/,
    ],
    [
      'admin mode without user',
      [...BASE, '--admin-email', 'x@y.co'],
      /--user ACCOUNT_ID\|EMAIL is required in admin mode/,
    ],
    [
      'bad user',
      [...BASE, '--admin-email', 'x@y.co', '--user', 'not valid'],
      /--user must be an account ID or an email/,
    ],
    [
      'bad admin email',
      [...BASE, '--admin-email', 'admin', '--user', 'u1'],
      /--admin-email must be an email/,
    ],
    [
      'empty permissions',
      [...BASE, '--email', 'a@b.co', '--permissions', ' , '],
      /--permissions needs at least one/,
    ],
    [
      'bad permission',
      [...BASE, '--email', 'a@b.co', '--permissions', 'browse,make-coffee'],
      /--permissions: "make-coffee" is not a permission key or alias/,
    ],
    [
      'bad format',
      [...BASE, '--email', 'a@b.co', '--format', 'yaml'],
      /--format must be one of text, json, markdown/,
    ],
    [
      'bad timeout',
      [...BASE, '--email', 'a@b.co', '--timeout-ms', '0'],
      /--timeout-ms must be a whole number/,
    ],
    [
      'non-numeric timeout',
      [...BASE, '--email', 'a@b.co', '--timeout-ms', '10s'],
      /--timeout-ms must be a whole number/,
    ],
  ];

  it.each(cases)('%s', async (_name, argv, message) => {
    const run = await runCli(argv, { env: TOKEN_ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("Run 'credential-doctor --help' for usage.");
    expect(run.stdout).toBe('');
    expect(run.calls).toHaveLength(0);
  });

  it('never echoes the URL of a site with credentials', async () => {
    const run = await runCli([
      'check',
      '--site',
      'https://me:hunter2@acme.atlassian.net',
      '--project',
      'A',
      '--email',
      'a@b.co',
    ]);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('never echoes a stray positional value', async () => {
    const run = await runCli([...BASE, '--email', 'a@b.co', 'ATATT3xFfGF0-stray-secret']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('stray-secret');
  });
});

describe('tokens as arguments are refused', () => {
  const secret = 'ATATT3xFfGF0-canary-argument-token';
  it.each([
    ['--token', secret],
    [`--token=${secret}`],
    ['--api-token', secret],
    [`--api-token=${secret}`],
    ['--admin-token', secret],
    [`--admin-token=${secret}`],
    ['--password', secret],
    [`--password=${secret}`],
    ['--api_token', secret],
  ])('%s', async (...flag) => {
    const run = await runCli([...BASE, '--email', 'a@b.co', ...flag], { env: TOKEN_ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not accepted/);
    expect(run.stderr).toMatch(/JIRA_API_TOKEN/);
    expect(run.stderr).toMatch(/--token-stdin/);
    expect(run.stderr).not.toContain(secret);
    expect(run.calls).toHaveLength(0);
  });

  it('refuses them even before the command', async () => {
    const run = await runCli([`--token=${secret}`, ...BASE]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(secret);
  });
});

describe('presets, explain and triage', () => {
  it('expands a preset and adds explicit permissions to it', () => {
    const command = parseCommand([
      ...BASE,
      '--email',
      'a@b.co',
      '--preset',
      'two-way-sync',
      '--permissions',
      'DELETE_ISSUES',
    ]);
    if (command.kind !== 'check') throw new Error('expected check');
    expect(command.args.preset).toBe('two-way-sync');
    expect(command.args.permissions).toEqual([
      'BROWSE_PROJECTS',
      'CREATE_ISSUES',
      'EDIT_ISSUES',
      'ADD_COMMENTS',
      'TRANSITION_ISSUES',
      'CREATE_ATTACHMENTS',
      'LINK_ISSUES',
      'ASSIGN_ISSUES',
      'DELETE_ISSUES',
    ]);
  });

  it('reads --fields and --issue-types as trimmed, de-duplicated lists', () => {
    const args = check([
      ...BASE,
      '--email',
      'a@b.co',
      '--fields',
      ' summary , Summary,customfield_10010',
      '--fields',
      'Team',
      '--issue-types',
      'Bug,bug',
    ]);
    expect(args.fields).toEqual(['summary', 'customfield_10010', 'Team']);
    expect(args.issueTypes).toEqual(['Bug']);
  });

  it('refuses a field name with a control character, or more than 50', () => {
    expect(() => parseCommand([...BASE, '--email', 'a@b.co', '--fields', 'Team\u0007'])).toThrow(
      /--fields: .* is not a name \(at most 255 printable characters\)/,
    );
    const many = Array.from({ length: 51 }, (_, i) => `f${i}`).join(',');
    expect(() => parseCommand([...BASE, '--email', 'a@b.co', '--fields', many])).toThrow(
      /--fields: at most 50 per run \(got 51\)/,
    );
  });

  it('refuses an unknown preset by name', () => {
    expect(() => parseCommand([...BASE, '--email', 'a@b.co', '--preset', 'everything'])).toThrow(
      /--preset must be one of sync-basic, two-way-sync, backup-read, backup-restore/,
    );
  });

  it('turns --explain into explain-all', () => {
    const command = parseCommand([...BASE, '--email', 'a@b.co', '--explain']);
    expect(command.kind === 'check' && command.args.explainAll).toBe(true);
  });

  it('parses triage with a file and a format, and refuses other flags', () => {
    expect(parseCommand(['triage', '--file', 'errors.log', '--format', 'json'])).toEqual({
      kind: 'triage',
      args: { file: 'errors.log', format: 'json' },
    });
    expect(parseCommand(['triage'])).toEqual({ kind: 'triage', args: { format: 'text' } });
    expect(() => parseCommand(['triage', '--format', 'xml'])).toThrow(/text or json/);
    expect(() => parseCommand(['triage', '--site', 'x'])).toThrow(/unknown option --site/);
  });
});
