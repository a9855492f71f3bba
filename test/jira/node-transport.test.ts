import { EvidenceLog } from '../../src/engine/port/evidence';
import { createNodeClients } from '../../src/cli/clients';
import { sendJson, startServer, type LocalServer } from './local-server';

const CANARY_TOKEN = 'CANARY-node-transport-9f8e7d';
const ADMIN_TOKEN = 'CANARY-admin-1a2b3c';

let server: LocalServer;
beforeEach(async () => {
  server = await startServer((req, res) =>
    sendJson(res, 200, { path: req.url }, { 'X-AAccountId': 'acc-1' }),
  );
});
afterEach(() => server.close());

function basic(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

describe('createNodeClients', () => {
  it('builds site, anonymous, gateway and admin clients with the right credentials', async () => {
    const evidence = new EvidenceLog();
    const deps = createNodeClients({
      site: `${server.url}/`,
      gateway: server.url,
      email: 'sync@example.com',
      token: CANARY_TOKEN,
      admin: { email: 'admin@example.com', token: ADMIN_TOKEN },
      evidence,
    });
    const req = { method: 'GET', path: '/rest/api/3/myself', step: 'identity' } as const;

    await deps.token!.site.request(req);
    await deps.token!.anonymous.request({ ...req, path: '/_edge/tenant_info' });
    await deps.token!.gateway('1234-abcd').request(req);
    await deps.admin!.request(req);

    const [site, anonymous, gateway, admin] = server.requests;
    expect(site?.url).toBe('/rest/api/3/myself');
    expect(site?.headers.authorization).toBe(basic('sync@example.com', CANARY_TOKEN));
    expect(anonymous?.headers.authorization).toBeUndefined();
    expect(gateway?.url).toBe('/ex/jira/1234-abcd/rest/api/3/myself');
    expect(gateway?.headers.authorization).toBe(basic('sync@example.com', CANARY_TOKEN));
    expect(admin?.headers.authorization).toBe(basic('admin@example.com', ADMIN_TOKEN));

    expect(evidence.entries().map((e) => [e.target, e.auth])).toEqual([
      ['site', 'sync-user'],
      ['site', 'none'],
      ['gateway', 'sync-user'],
      ['site', 'admin'],
    ]);
    expect(deps.token!.gateway('1234-abcd')).toBe(deps.token!.gateway('1234-abcd'));
  });

  it('keeps tokens out of anything that can be serialised or inspected', () => {
    const deps = createNodeClients({
      site: server.url,
      email: 'sync@example.com',
      token: CANARY_TOKEN,
      admin: { email: 'admin@example.com', token: ADMIN_TOKEN },
      evidence: new EvidenceLog(),
    });
    const { inspect } = jest.requireActual<typeof import('node:util')>('node:util');
    const dump = inspect(deps, { depth: 10, showHidden: true }) + JSON.stringify(deps);
    for (const secret of [CANARY_TOKEN, ADMIN_TOKEN]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(Buffer.from(secret).toString('base64').slice(0, 12));
    }
  });

  it('refuses a cloudId that would leave the gateway path', () => {
    const deps = createNodeClients({
      site: server.url,
      email: 'a@b.c',
      token: 't',
      evidence: new EvidenceLog(),
    });
    expect(() => deps.token!.gateway('../admin')).toThrow(/unsafe/);
    expect(() => deps.token!.gateway('a/b')).toThrow(/unsafe/);
  });

  it('creates only the clients whose credentials were given', () => {
    const evidence = new EvidenceLog();
    // Without credentials only the anonymous client exists (the site's status page and the
    // permission list are read without credentials).
    const none = createNodeClients({ site: server.url, evidence });
    expect(Object.keys(none).sort()).toEqual(['anonymous', 'evidence']);
    expect(none.anonymous?.auth).toBe('none');
    const adminOnly = createNodeClients({
      site: server.url,
      admin: { email: 'a@b.c', token: 't' },
      evidence,
    });
    expect(adminOnly.token).toBeUndefined();
    expect(adminOnly.admin?.auth).toBe('admin');
  });
});
