import { scopedToken, userByEmail } from '../../simulator/builders';
import { NOT_AUTHENTICATED } from '../../simulator/http';
import {
  ACCOUNT,
  CLOUD_ID,
  CREDENTIALS,
  SYNC_SCOPES,
  baseWorld,
} from '../../simulator/worlds/scenarios';
import type { World } from '../../simulator';
import { call, JSON_ACCEPT, useSimulator } from './helpers';

const sim = useSimulator();
const SYNC = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };

function withScopedSyncToken(scopes: string[], world: World = baseWorld()): World {
  userByEmail(world, CREDENTIALS.sync.email).tokens = [scopedToken(CREDENTIALS.sync.token, scopes)];
  return world;
}

describe('tenant info and routing', () => {
  it('serves /_edge/tenant_info without auth at the site only', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/_edge/tenant_info');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ cloudId: CLOUD_ID });
    expect(s.cloudId).toBe(CLOUD_ID);
    expect((await call(s, '/_edge/tenant_info', { target: 'gateway' })).status).toBe(404);
  });

  it('answers 404 for another cloudId at the gateway and for unknown paths', async () => {
    const s = await sim.start(baseWorld());
    const other = await fetch(
      `${s.gatewayUrl}/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/3/myself`,
    );
    expect(other.status).toBe(404);
    await other.text();
    expect((await call(s, '/rest/api/3/nothing-here', { auth: SYNC })).status).toBe(404);
    expect(
      (await call(s, '/rest/api/3/myself', { auth: SYNC, method: 'POST', body: {} })).status,
    ).toBe(405);
    // Nothing above is a spec operation the product would call.
    s.resetLog();
  });

  it('uses the gateway base in self links of gateway answers', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' });
    expect(
      (r.json as { self: string }).self.startsWith(
        `${s.gatewayUrl}/ex/jira/${CLOUD_ID}/rest/api/3/user`,
      ),
    ).toBe(true);
    expect(s.log[0]).toMatchObject({
      target: 'gateway',
      path: `/ex/jira/${CLOUD_ID}/rest/api/3/myself`,
    });
  });
});

describe('scoped API tokens', () => {
  it('by default (C6) get 401 at /myself and anonymous answers elsewhere at the site', async () => {
    const s = await sim.start(withScopedSyncToken(SYNC_SCOPES));
    const me = await call(s, '/rest/api/3/myself', { auth: SYNC, accept: JSON_ACCEPT });
    expect(me.status).toBe(401);
    expect(me.json).toEqual({ message: NOT_AUTHENTICATED, 'status-code': 401 });
    const search = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(search.status).toBe(200);
    expect((search.json as { values: unknown[] }).values).toEqual([]);
    expect(search.headers.get('x-aaccountid')).toBeNull();
    expect(search.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    const project = await call(s, '/rest/api/3/project/SYNC', { auth: SYNC });
    expect(project.status).toBe(404);
    expect(s.log.map((e) => e.authOutcome)).toEqual([
      'failed',
      'anonymous-fallback',
      'anonymous-fallback',
    ]);
  });

  it('answer anonymously without the Seraph flag when the world says so (unknown which holds)', async () => {
    const world = withScopedSyncToken(SYNC_SCOPES);
    world.site.scopedTokenAtSite = 'anonymous-unflagged';
    const s = await sim.start(world);
    const me = await call(s, '/rest/api/3/myself', { auth: SYNC });
    expect(me.status).toBe(401);
    expect(me.headers.get('x-seraph-loginreason')).toBeNull();
    const search = await call(s, '/rest/api/3/project/search', { auth: SYNC });
    expect(search.status).toBe(200);
    expect(search.headers.get('x-seraph-loginreason')).toBeNull();
    expect(search.headers.get('x-aaccountid')).toBeNull();
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 2, failed: 2 });
  });

  it('get 401 at the site, on anonymous-capable endpoints too, when the world says so', async () => {
    const world = withScopedSyncToken(SYNC_SCOPES);
    world.site.scopedTokenAtSite = 'reject';
    const s = await sim.start(world);
    for (const path of ['/rest/api/3/myself', '/rest/api/3/project/search']) {
      const r = await call(s, path, { auth: SYNC, accept: JSON_ACCEPT });
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ message: NOT_AUTHENTICATED, 'status-code': 401 });
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    }
    expect(s.log.map((e) => e.authOutcome)).toEqual(['failed', 'failed']);
  });

  it('work at the gateway when their scopes cover the operation', async () => {
    const s = await sim.start(withScopedSyncToken(SYNC_SCOPES));
    const me = await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-aaccountid')).toBe(ACCOUNT.sync);
    const search = await call(s, '/rest/api/3/project/search?keys=SYNC', {
      auth: SYNC,
      target: 'gateway',
    });
    expect((search.json as { total: number }).total).toBe(1);
  });

  it('answer 401 "scope does not match" at the gateway when a scope is missing', async () => {
    const s = await sim.start(withScopedSyncToken(['read:jira-work']));
    const me = await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' });
    expect(me.status).toBe(401);
    expect(me.json).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    expect(me.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(me.headers.get('x-aaccountid')).toBeNull();
    // read:jira-work covers project search.
    expect(
      (await call(s, '/rest/api/3/project/search', { auth: SYNC, target: 'gateway' })).status,
    ).toBe(200);
    // Authenticated, so not a failed login.
    expect(s.authAttempts(ACCOUNT.sync)).toEqual({ total: 2, failed: 0 });
    expect(s.log.map((e) => e.authOutcome)).toEqual(['scope-refused', 'ok']);
  });

  it('accept granular scopes as an alternative to classic ones (all of one alternative needed)', async () => {
    const granular = [
      'read:application-role:jira',
      'read:group:jira',
      'read:user:jira',
      'read:avatar:jira',
    ];
    const s = await sim.start(withScopedSyncToken(granular));
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' })).status).toBe(
      200,
    );
    s.world.users[1]!.tokens = [scopedToken(CREDENTIALS.sync.token, granular.slice(0, 3))];
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' })).status).toBe(
      401,
    );
  });

  it('reach operations whose spec lists an empty scope alternative with any scopes', async () => {
    const s = await sim.start(withScopedSyncToken(['read:jira-work']));
    expect(
      (await call(s, '/rest/api/3/serverInfo', { auth: SYNC, target: 'gateway' })).status,
    ).toBe(200);
    const bulk = await call(s, '/rest/api/3/permissions/check', {
      auth: SYNC,
      target: 'gateway',
      body: { projectPermissions: [{ permissions: ['CREATE_ISSUES'], projects: [10000] }] },
    });
    expect(bulk.status).toBe(200);
  });
});

describe('other credentials at the gateway', () => {
  it('accept unscoped tokens by default (undocumented: world option)', async () => {
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' })).status).toBe(
      200,
    );
  });

  it('reject unscoped tokens when the world says so', async () => {
    const world = baseWorld();
    world.site.unscopedTokensAtGateway = 'reject';
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/myself', { auth: SYNC, target: 'gateway' });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ code: 401, message: 'Unauthorized' });
  });

  it('refuse bad and missing credentials with the gateway 401 (no anonymous fallback)', async () => {
    const s = await sim.start(baseWorld());
    const bad = await call(s, '/rest/api/3/project/search', {
      auth: { ...SYNC, secret: 'wrong' },
      target: 'gateway',
    });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ code: 401, message: 'Unauthorized' });
    const none = await call(s, '/rest/api/3/project/search', { target: 'gateway' });
    expect(none.status).toBe(401);
    expect(s.log.map((e) => e.authOutcome)).toEqual(['failed', 'none']);
  });

  it('behave like the site when the world says so', async () => {
    const world = baseWorld();
    world.site.gatewayAuthFailure = 'like-site';
    const s = await sim.start(world);
    const bad = await call(s, '/rest/api/3/project/search', {
      auth: { ...SYNC, secret: 'wrong' },
      target: 'gateway',
    });
    expect(bad.status).toBe(200);
    expect(bad.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
  });

  it('treat a password as bad credentials', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/myself', {
      auth: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.password },
      target: 'gateway',
    });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ code: 401, message: 'Unauthorized' });
  });
});
