/**
 * Issue 22, part 3: the panel's host-check command for an integration that signs in with a
 * service account's OAuth 2.0 client credential.
 */
import { parseCommand } from '../../src/cli/args';
import {
  buildHostCommand,
  CLIENT_ID_PLACEHOLDER,
  CLOUD_ID_PLACEHOLDER,
} from '../../src/engine/presentation/host-command';

const BASE = {
  site: 'https://acme.atlassian.net',
  email: null,
  accountId: '712020:0a1b2c3d-0000-4000-a000-000000000006',
  projects: ['SYNC', 'OPS'],
  permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
};

describe('host command for an OAuth 2.0 client', () => {
  it('runs at the gateway address with --auth oauth --client-id, and the CLI accepts it as written', () => {
    const command = buildHostCommand({
      ...BASE,
      oauth: { clientId: 'Abc123ClientId', cloudId: '5f1a9c3e-2b7d-4e8a-9c61-0d4b7e2f8a10' },
    });
    expect(command.placeholders).toEqual([]);
    expect(command.argv).toEqual(
      expect.arrayContaining([
        'https://api.atlassian.com/ex/jira/5f1a9c3e-2b7d-4e8a-9c61-0d4b7e2f8a10',
        '--auth',
        'oauth',
        '--client-id',
        'Abc123ClientId',
      ]),
    );
    expect(command.argv).not.toContain('--email');
    const parsed = parseCommand(command.argv.slice(1));
    expect(parsed.kind).toBe('check');
    if (parsed.kind !== 'check') return;
    expect(parsed.args.oauth).toMatchObject({
      clientId: 'Abc123ClientId',
      secretSource: { kind: 'env', name: 'JIRA_CLIENT_SECRET' },
      authUrl: 'https://auth.atlassian.com',
      expectAccountId: BASE.accountId,
    });
  });

  it('names what it does not know as placeholders; without oauth it stays the email form', () => {
    const command = buildHostCommand({ ...BASE, oauth: { clientId: '  ', cloudId: null } });
    expect(command.placeholders).toEqual([CLOUD_ID_PLACEHOLDER, CLIENT_ID_PLACEHOLDER]);
    expect(command.text).toContain(`https://api.atlassian.com/ex/jira/${CLOUD_ID_PLACEHOLDER}`);
    expect(command.text).toContain(`--client-id ${CLIENT_ID_PLACEHOLDER}`);
    const plain = buildHostCommand({ ...BASE, email: 'sync@acme.example' });
    expect(plain.argv).toEqual(expect.arrayContaining(['--site', BASE.site, '--email']));
    expect(plain.argv).not.toContain('--auth');
  });
});
