import { NOT_AUTHENTICATED, PASSWORD_DEPRECATED, IP_REJECTED } from '../../simulator/http';
import { ACCOUNT, CREDENTIALS, baseWorld } from '../../simulator/worlds/scenarios';
import { basic, call, JSON_ACCEPT, useSimulator } from './helpers';

const sim = useSimulator();
const SYNC = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
const BAD = { email: CREDENTIALS.sync.email, secret: 'not-a-token' };

describe('Basic authentication', () => {
  it('authenticates email + token and names the account in X-AAccountId', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-aaccountid')).toBe(ACCOUNT.sync);
    expect(r.headers.get('x-seraph-loginreason')).toBeNull();
    expect((r.json as { accountId: string }).accountId).toBe(ACCOUNT.sync);
    expect(s.log[0]).toMatchObject({
      authOutcome: 'ok',
      authenticatedAs: ACCOUNT.sync,
      target: 'site',
    });
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 1, failed: 0 });
  });

  it('matches the email case-insensitively', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', {
      auth: { ...SYNC, email: 'Sync@ACME.example' },
    });
    expect(r.status).toBe(200);
    expect(s.authAttempts('sync@acme.example').total).toBe(1);
  });

  it.each([
    [
      'JSON when Accept includes json',
      JSON_ACCEPT,
      'application/json',
      { message: NOT_AUTHENTICATED, 'status-code': 401 },
    ],
    ['plain text otherwise', '*/*', 'text/plain', NOT_AUTHENTICATED],
  ])('401 for a wrong token: %s', async (_label, accept, type, body) => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', { auth: BAD, accept });
    expect(r.status).toBe(401);
    expect(r.headers.get('content-type')).toContain(type);
    expect(typeof body === 'string' ? r.text : r.json).toEqual(body);
    expect(r.headers.get('x-aaccountid')).toBeNull();
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(s.log[0]).toMatchObject({ authOutcome: 'failed', authenticatedAs: null });
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 1, failed: 1 });
  });

  it('wraps the 401 in XML when XML is accepted', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', { auth: BAD, accept: 'application/xml' });
    expect(r.status).toBe(401);
    expect(r.text).toContain(`<message>${NOT_AUTHENTICATED}</message>`);
  });

  it.each([
    [
      'a token created by another account',
      (w: ReturnType<typeof baseWorld>) => w,
      { email: CREDENTIALS.sync.email, secret: CREDENTIALS.admin.token },
    ],
    [
      'an unknown email',
      (w: ReturnType<typeof baseWorld>) => w,
      { email: 'nobody@acme.example', secret: CREDENTIALS.sync.token },
    ],
    [
      'an expired token',
      (w: ReturnType<typeof baseWorld>) => {
        w.users[1]!.tokens[0]!.expiresAt = '2020-01-01T00:00:00.000Z';
        return w;
      },
      SYNC,
    ],
    [
      'a revoked token',
      (w: ReturnType<typeof baseWorld>) => {
        w.users[1]!.tokens[0]!.revoked = true;
        return w;
      },
      SYNC,
    ],
    [
      'a deactivated user',
      (w: ReturnType<typeof baseWorld>) => {
        w.users[1]!.active = false;
        return w;
      },
      SYNC,
    ],
  ])('401 on /myself for %s', async (_label, prepare, login) => {
    const s = await sim.start(prepare(baseWorld()));
    const r = await call(s, '/rest/api/3/myself', { auth: login, accept: JSON_ACCEPT });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ message: NOT_AUTHENTICATED, 'status-code': 401 });
  });

  it('accepts a token that has not expired yet', async () => {
    const world = baseWorld();
    world.users[1]!.tokens[0]!.expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
  });

  it('answers a password with the deprecation notice (401 text/plain), on every endpoint', async () => {
    const s = await sim.start(baseWorld());
    const login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.password };
    for (const path of ['/rest/api/3/myself', '/rest/api/3/project/search']) {
      const r = await call(s, path, { auth: login, accept: JSON_ACCEPT });
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toContain('text/plain');
      expect(r.text).toBe(PASSWORD_DEPRECATED);
      expect(r.text.startsWith('Basic authentication with passwords is deprecated.')).toBe(true);
    }
    expect(s.authAttempts(CREDENTIALS.sync.email)).toEqual({ total: 2, failed: 2 });
  });

  it('sees world changes between requests (token revoked by a test)', async () => {
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
    s.world.users[1]!.tokens[0]!.revoked = true;
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(401);
  });

  it('revokes a token after validForRequests successful uses (revoked mid-check)', async () => {
    const world = baseWorld();
    world.users[1]!.tokens[0]!.validForRequests = 1;
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
    const second = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(s.world.users[1]!.tokens[0]!.revoked).toBe(true);
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(401);
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 3, failed: 2 });
  });

  it('answers a malformed Basic header (no "email:") with the password notice, as recorded (C5)', async () => {
    const s = await sim.start(baseWorld());
    const tokenOnly = `Basic ${Buffer.from(CREDENTIALS.sync.token).toString('base64')}`;
    for (const auth of ['Basic !!!notbase64', tokenOnly]) {
      const r = await call(s, '/rest/api/3/myself', { auth });
      expect(r.status).toBe(401);
      expect(r.text).toBe(PASSWORD_DEPRECATED);
      expect(r.headers.get('content-type')).toBe('text/plain');
      expect(r.headers.get('x-seraph-loginreason')).toBeNull();
    }
    // The gateway validates tokens itself: no password notice there.
    const atGateway = await call(s, '/rest/api/3/myself', { auth: tokenOnly, target: 'gateway' });
    expect(atGateway.status).toBe(401);
    expect(atGateway.text).not.toContain('passwords is deprecated');
  });
});

describe('anonymous fallback', () => {
  it('answers anonymous-capable endpoints as anonymous, flagged with X-Seraph-LoginReason', async () => {
    const s = await sim.start(baseWorld());
    const search = await call(s, '/rest/api/3/project/search', { auth: BAD });
    expect(search.status).toBe(200);
    expect(search.json).toMatchObject({ total: 0, values: [] });
    expect(search.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(search.headers.get('x-aaccountid')).toBeNull();

    const project = await call(s, '/rest/api/3/project/SYNC', { auth: BAD });
    expect(project.status).toBe(404);
    expect(project.json).toEqual({
      errorMessages: ["No project could be found with key 'SYNC'."],
      errors: {},
    });
    expect(project.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');

    const mine = await call(s, '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS', {
      auth: BAD,
    });
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      permissions: { BROWSE_PROJECTS: { havePermission: false } },
    });

    const mineInProject = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=SYNC&permissions=BROWSE_PROJECTS',
      { auth: BAD },
    );
    expect(mineInProject.status).toBe(404);

    const bulk = await call(s, '/rest/api/3/permissions/check', {
      auth: BAD,
      body: {
        globalPermissions: ['USER_PICKER'],
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000] }],
      },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.json).toEqual({ globalPermissions: [], projectPermissions: [] });

    const info = await call(s, '/rest/api/3/serverInfo', { auth: BAD });
    expect(info.status).toBe(200);
    expect(info.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');

    for (const exchange of s.log)
      expect(exchange.authOutcome).toBe(exchange.status === 401 ? 'failed' : 'anonymous-fallback');
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 6, failed: 6 });
  });

  it.each([
    '/rest/api/3/myself',
    `/rest/api/3/user?accountId=${ACCOUNT.sync}`,
    `/rest/api/3/user/groups?accountId=${ACCOUNT.sync}`,
    `/rest/api/3/user/permission/search?accountId=${ACCOUNT.sync}&projectKey=SYNC&permissions=BROWSE_PROJECTS`,
    '/rest/api/3/permissionscheme/10000',
    '/rest/api/3/project/SYNC/permissionscheme',
    '/rest/api/3/project/SYNC/role',
    '/rest/api/3/project/SYNC/role/10000',
    '/rest/api/3/issue/createmeta/SYNC/issuetypes',
    '/rest/api/3/issue/createmeta/SYNC/issuetypes/10001',
  ])('401 for bad credentials on %s (needs login)', async (path) => {
    const s = await sim.start(baseWorld());
    const r = await call(s, path, { auth: BAD, accept: JSON_ACCEPT });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ message: NOT_AUTHENTICATED, 'status-code': 401 });
    expect(s.log[0]?.authOutcome).toBe('failed');
  });

  it('follows the spec for /user/search and /permissions (anonymous allowed) unless the world requires login', async () => {
    const world = baseWorld();
    const s = await sim.start(world);
    const search = await call(s, '/rest/api/3/user/search?query=sync', { auth: BAD });
    expect([search.status, search.json]).toEqual([200, []]);
    expect(search.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect((await call(s, '/rest/api/3/permissions', { auth: BAD })).status).toBe(200);
    world.site.requireLoginFor = ['findUsers', 'getAllPermissions'];
    expect((await call(s, '/rest/api/3/user/search?query=sync', { auth: BAD })).status).toBe(401);
    expect((await call(s, '/rest/api/3/permissions')).status).toBe(401);
    expect((await call(s, '/rest/api/3/permissions', { auth: SYNC })).status).toBe(200);
  });

  it('marks nothing when no credentials were sent at all', async () => {
    const s = await sim.start(baseWorld());
    const search = await call(s, '/rest/api/3/project/search');
    expect(search.status).toBe(200);
    expect(search.headers.get('x-seraph-loginreason')).toBeNull();
    const me = await call(s, '/rest/api/3/myself');
    expect(me.status).toBe(401);
    expect(me.headers.get('x-seraph-loginreason')).toBeNull();
    expect(s.log.map((e) => e.authOutcome)).toEqual(['none', 'none']);
  });

  it('lets anonymous callers see projects granted to "anyone"', async () => {
    const world = baseWorld();
    world.permissionSchemes[0]!.grants.push({
      id: 1,
      permission: 'BROWSE_PROJECTS',
      holder: { type: 'anyone' },
    });
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/project/search');
    expect((r.json as { values: Array<{ key: string }> }).values.map((p) => p.key)).toEqual([
      'HR',
      'OPS',
      'SYNC',
    ]);
  });
});

describe('bearer (Forge asUser) tokens', () => {
  it('act as the user at the site and at the gateway', async () => {
    const s = await sim.start(baseWorld());
    const t = s.issueForgeToken(ACCOUNT.admin);
    for (const target of ['site', 'gateway'] as const) {
      const r = await call(s, '/rest/api/3/myself', { auth: `Bearer ${t}`, target });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-aaccountid')).toBe(ACCOUNT.admin);
    }
    expect(s.log.map((e) => e.authOutcome)).toEqual(['bearer', 'bearer']);
    expect(s.authAttempts(ACCOUNT.admin).total).toBe(0);
  });

  it('refuses unknown bearer tokens', async () => {
    const s = await sim.start(baseWorld());
    // C8 (recorded): the site reads an unknown bearer value as a Connect session token.
    const atSite = await call(s, '/rest/api/3/myself', { auth: 'Bearer nope' });
    expect(atSite.status).toBe(403);
    expect(atSite.json).toEqual({ error: 'Failed to parse Connect Session Auth Token' });
    expect(
      (await call(s, '/rest/api/3/myself', { auth: 'Bearer nope', target: 'gateway' })).status,
    ).toBe(401);
    expect(() => s.issueForgeToken('no-such-account')).toThrow();
  });
});

describe('login challenge', () => {
  it('answers 403 with AUTHENTICATION_DENIED and the CAPTCHA reason, even for a valid token', async () => {
    const world = baseWorld();
    world.site.loginChallengeFor = [ACCOUNT.sync];
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(r.status).toBe(403);
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(r.headers.get('x-authentication-denied-reason')).toMatch(
      /^CAPTCHA_CHALLENGE; login-url=http:\/\/127\.0\.0\.1:\d+\/login\.jsp$/,
    );
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 1, failed: 1 });
    // Other accounts are unaffected.
    expect(
      (
        await call(s, '/rest/api/3/myself', {
          auth: basic(CREDENTIALS.admin.email, CREDENTIALS.admin.token),
        })
      ).status,
    ).toBe(200);
  });
});

describe('IP allowlist', () => {
  it('rejects loopback when the allowlist does not include it (403, documented body)', async () => {
    const world = baseWorld();
    world.site.ipAllowlist = ['203.0.113.0/24', '198.51.100.7'];
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ errorMessages: [IP_REJECTED], errors: {} });
    expect(
      (await call(s, '/rest/api/3/project/search', { auth: SYNC, target: 'gateway' })).status,
    ).toBe(403);
    expect(s.authAttempts(ACCOUNT.sync).total).toBe(0);
    // The edge tenant endpoint is not an API call.
    expect((await call(s, '/_edge/tenant_info')).status).toBe(200);
  });

  it.each([['127.0.0.1'], ['127.0.0.0/8']])('allows loopback when listed as %s', async (entry) => {
    const world = baseWorld();
    world.site.ipAllowlist = [entry];
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC })).status).toBe(200);
  });
});
