/**
 * The local Forge runtime's offline user impersonation (#27): `asUser(accountId)` from a function
 * run without a user acts as that account only for operations the manifest's
 * `allowImpersonation` scopes cover, and is refused for a deactivated account, an app account and
 * someone who has not allowed the app access (RFC-92, docs/forge-local-runtime.md). How the
 * platform words a refusal is not documented: the runtime answers it in each possible way.
 */
import { ACCOUNT, startHarness, type Harness } from './harness';
import api, { NeedsAuthenticationError, route } from '@forge/api';
import type { World } from '../../simulator';
import { healthy } from '../../simulator/worlds/scenarios';
import { manifestScopes } from '../../local-forge/scopes';

const askAsAdmin = (accountId: string) =>
  api.asUser(accountId).requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
    headers: { Accept: 'application/json' },
  });

describe('local Forge runtime: offline user impersonation', () => {
  let h: Harness;
  let world: World;
  const start = async (options: Parameters<typeof startHarness>[1] = {}) => {
    world = healthy().world;
    h = await startHarness(world, options);
  };
  afterEach(() => h.close());

  test('acts as the account, without a user in the invocation, when the scopes allow impersonation', async () => {
    await start({ impersonableScopes: manifestScopes() });
    const res = await h.runtime.within('', () => askAsAdmin(ACCOUNT.admin));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { permissions: { ADMINISTER: { havePermission: boolean } } };
    expect(body.permissions.ADMINISTER.havePermission).toBe(true);
    expect(h.runtime.productCalls()).toEqual([
      {
        accountId: ACCOUNT.admin,
        method: 'GET',
        path: '/rest/api/3/mypermissions?permissions=ADMINISTER',
        source: 'impersonation',
      },
    ]);
    expect(h.runtime.impersonations()).toEqual([
      expect.objectContaining({ accountId: ACCOUNT.admin, allowed: true }),
    ]);
  });

  test('is refused for an operation whose scopes are not declared with allowImpersonation', async () => {
    await start({ impersonableScopes: ['storage:app'] });
    await expect(h.runtime.within('', () => askAsAdmin(ACCOUNT.admin))).rejects.toMatchObject({
      name: 'PROXY_ERR',
      errorCode: 'IMPERSONATION_NOT_ALLOWED',
    });
    expect(h.runtime.productCalls()).toEqual([]);
    expect(h.runtime.impersonations()).toEqual([
      expect.objectContaining({ allowed: false, reason: 'scope-not-impersonable' }),
    ]);
    expect(h.runtime.scopeRefusals()).toEqual([
      expect.objectContaining({
        kind: 'impersonation',
        needed: [['read:jira-work'], ['read:permission:jira']],
      }),
    ]);
  });

  test.each([
    [
      'a deactivated account',
      'deactivated',
      (w: World) => user(w, ACCOUNT.admin, { active: false }),
    ],
    [
      'an app account (service account)',
      'app-account',
      (w: World) => user(w, ACCOUNT.admin, { accountType: 'app' }),
    ],
  ] as const)('is refused for %s, before anything reaches Jira', async (_name, reason, change) => {
    await start({ impersonableScopes: manifestScopes() });
    change(world);
    await expect(h.runtime.within('', () => askAsAdmin(ACCOUNT.admin))).rejects.toMatchObject({
      name: 'PROXY_ERR',
    });
    expect(h.runtime.impersonations()).toEqual([
      expect.objectContaining({ accountId: ACCOUNT.admin, allowed: false, reason }),
    ]);
    expect(h.runtime.productCalls()).toEqual([]);
  });

  test('is refused for someone who has not allowed the app access', async () => {
    await start({ impersonableScopes: manifestScopes() });
    h.runtime.setConsent(ACCOUNT.admin, null);
    await expect(h.runtime.within('', () => askAsAdmin(ACCOUNT.admin))).rejects.toMatchObject({
      name: 'PROXY_ERR',
    });
    expect(h.runtime.impersonations()[0]).toMatchObject({ allowed: false, reason: 'no-access' });
  });

  test('answers a refusal in each undocumented form the app must cope with', async () => {
    await start({
      impersonableScopes: manifestScopes(),
      impersonationRefusal: 'needs-authentication',
    });
    user(world, ACCOUNT.admin, { active: false });
    await expect(h.runtime.within('', () => askAsAdmin(ACCOUNT.admin))).rejects.toBeInstanceOf(
      NeedsAuthenticationError,
    );
    await h.close();
    await start({ impersonableScopes: manifestScopes(), impersonationRefusal: 'jira-401' });
    user(world, ACCOUNT.admin, { active: false });
    const res = await h.runtime.within('', () => askAsAdmin(ACCOUNT.admin));
    expect(res.status).toBe(401);
    expect(h.runtime.productCalls()).toEqual([]);
  });

  test("asUser() with the invocation's own user is not impersonation", async () => {
    await start({ impersonableScopes: [] });
    const res = await h.runtime.within(ACCOUNT.admin, () => askAsAdmin(ACCOUNT.admin));
    expect(res.status).toBe(200);
    expect(h.runtime.impersonations()).toEqual([]);
    expect(h.runtime.productCalls()[0]?.source).toBe('resolver');
  });
});

describe('local Forge runtime: scheduled triggers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(healthy().world);
  });
  afterAll(() => h.close());

  test('runs only a function a scheduledTrigger of manifest.yml names', async () => {
    await expect(h.runtime.runScheduledTrigger('handler')).rejects.toThrow(
      /no scheduledTrigger in manifest.yml runs handler/,
    );
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(h.runtime.runScheduledTrigger('privacySweep')).resolves.toEqual({
      statusCode: 200,
    });
    jest.restoreAllMocks();
  });
});

function user(world: World, accountId: string, change: Partial<World['users'][number]>): void {
  const found = world.users.find((u) => u.accountId === accountId);
  if (!found) throw new Error(`no user ${accountId}`);
  Object.assign(found, change);
}
