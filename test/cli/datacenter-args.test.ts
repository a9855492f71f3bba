import { parseCommand, type CheckArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/usage-error';

const DC = 'https://jira.example.com';

function check(argv: string[]): CheckArgs {
  const command = parseCommand(['check', '--project', 'SYNC', ...argv]);
  if (command.kind !== 'check') throw new Error(`expected check, got ${command.kind}`);
  return command.args;
}

function refused(argv: string[]): string {
  try {
    check(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('accepted');
}

describe('Data Center flags', () => {
  it('reads Basic token mode with a context path, --expect-user and --deployment', () => {
    const args = check([
      '--site',
      `${DC}/jira/`,
      '--username',
      ' svc-sync ',
      '--expect-user',
      'svc-sync',
      '--deployment',
      'DataCenter',
    ]);
    expect(args.site).toBe(`${DC}/jira`);
    expect(args.form).toBe('datacenter');
    expect(args.deployment).toBe('datacenter');
    expect(args.dcSyncUser).toEqual({
      scheme: 'basic',
      username: 'svc-sync',
      tokenSource: { kind: 'env', name: 'JIRA_API_TOKEN' },
      expectUser: 'svc-sync',
    });
    expect(args.syncUser).toBeUndefined();
  });

  it('reads Bearer token mode and Bearer admin mode with --user', () => {
    const args = check([
      '--site',
      DC,
      '--auth',
      'bearer',
      '--token-stdin',
      '--admin-auth',
      'bearer',
      '--admin-token-env',
      'DC_ADMIN',
      '--user',
      'svc-sync',
    ]);
    expect(args.dcSyncUser).toEqual({ scheme: 'bearer', tokenSource: { kind: 'stdin' } });
    expect(args.dcAdmin).toEqual({ scheme: 'bearer', tokenEnv: 'DC_ADMIN', user: 'svc-sync' });
  });

  it('Server counts as datacenter; Cloud command lines are unchanged', () => {
    expect(check(['--site', DC, '--username', 'a', '--deployment', 'server']).deployment).toBe(
      'datacenter',
    );
    const cloud = check(['--site', 'https://acme.atlassian.net', '--email', 'sync@acme.com']);
    expect(cloud.form).toBeUndefined();
    expect(cloud.dcSyncUser).toBeUndefined();
  });

  it.each([
    [['--site', DC, '--email', 'a@b.co', '--username', 'a'], /either --email .* or --username/],
    [['--site', DC, '--email', 'a@b.co', '--auth', 'bearer'], /--auth bearer is for Data Center/],
    [
      ['--site', DC, '--auth', 'bearer', '--username', 'a'],
      /--username is not used with --auth bearer/,
    ],
    [
      ['--site', DC, '--username', 'a', '--admin-email', 'x@b.co'],
      /both use Jira Cloud flags .* or both Data Center/,
    ],
    [
      ['--site', DC, '--username', 'a', '--expect-account', '557058:abc'],
      /--expect-account is for Jira Cloud/,
    ],
    [
      ['--site', DC, '--username', 'a', '--gateway', 'https://api.atlassian.com'],
      /--gateway is for Jira Cloud only/,
    ],
    [
      ['--site', DC, '--email', 'a@b.co', '--expect-user', 'a'],
      /--expect-user belongs to Data Center/,
    ],
    [
      ['--site', DC, '--email', 'a@b.co', '--deployment', 'datacenter'],
      /--deployment datacenter needs Data Center credentials/,
    ],
    [
      ['--site', DC, '--username', 'a', '--deployment', 'cloud'],
      /--deployment cloud needs Jira Cloud credentials/,
    ],
    [
      ['--site', DC, '--username', 'a', '--deployment', 'onprem'],
      /--deployment must be cloud or datacenter/,
    ],
    [['--site', DC, '--auth', 'token'], /--auth must be basic or bearer/],
    [['--site', DC, '--auth', 'basic'], /--auth basic needs --username NAME/],
    [['--site', DC, '--username', 'svc:sync'], /cannot contain ":"/],
    [['--site', DC, '--username', '  '], /--username is empty/],
    [['--site', DC, '--admin-username', 'jadmin'], /--user NAME .* is required in admin mode/],
    [['--site', `${DC}/jira?x=1`, '--username', 'a'], /query/],
    [['--site', 'http://jira.example.com', '--username', 'a'], /https/],
    [['--site', 'https://u:p@jira.example.com/jira', '--username', 'a'], /credentials/],
  ])('refuses %j', (argv, message) => {
    expect(refused(argv)).toMatch(message);
  });
});
