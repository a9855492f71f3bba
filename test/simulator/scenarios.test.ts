import { PASSWORD_DEPRECATED } from '../../simulator/http';
import { DEMO_CREDENTIALS, demoWorld } from '../../simulator/worlds/demo';
import {
  ACCOUNT,
  CREDENTIALS,
  SCENARIOS,
  type Scenario,
  type ScenarioId,
} from '../../simulator/worlds/scenarios';
import type { RunningSimulator } from '../../simulator';
import { call, JSON_ACCEPT, useSimulator, type CallResult } from './helpers';

const sim = useSimulator();

interface Ctx {
  s: RunningSimulator;
  sc: Scenario;
  /** As the scenario's sync login. */
  get(path: string, target?: 'site' | 'gateway'): Promise<CallResult>;
  /** As the scenario's admin. */
  admin(path: string, body?: unknown): Promise<CallResult>;
}

async function boot(id: ScenarioId): Promise<Ctx> {
  const sc = SCENARIOS[id]();
  const s = await sim.start(sc.world);
  return {
    s,
    sc,
    get: (path, target = 'site') => call(s, path, { auth: sc.login, target, accept: JSON_ACCEPT }),
    admin: (path, body) =>
      call(s, path, { auth: { email: sc.admin.email, secret: sc.admin.token }, body }),
  };
}

const have = (r: CallResult, key: string): boolean =>
  (r.json as { permissions: Record<string, { havePermission: boolean }> }).permissions[key]
    ?.havePermission === true;
const keys = (r: CallResult): string[] =>
  (r.json as { values: Array<{ key: string }> }).values.map((p) => p.key);
const mine = (project: string, permissions: string[]) =>
  `/rest/api/3/mypermissions?projectKey=${project}&permissions=${permissions.join(',')}`;

describe('named scenarios', () => {
  it('exports one builder per case, each building a fresh world', () => {
    expect(Object.keys(SCENARIOS)).toHaveLength(26);
    expect(SCENARIOS.healthy().world).not.toBe(SCENARIOS.healthy().world);
    for (const build of Object.values(SCENARIOS)) {
      const sc = build();
      expect(JSON.parse(JSON.stringify(sc.world))).toEqual(sc.world);
      expect(sc.projects.length).toBeGreaterThan(0);
    }
  });

  it('healthy', async () => {
    const { get, sc } = await boot('healthy');
    expect((await get('/rest/api/3/myself')).json).toMatchObject({ accountId: ACCOUNT.sync });
    expect(
      keys(
        await get(`/rest/api/3/project/search?${sc.projects.map((k) => `keys=${k}`).join('&')}`),
      ),
    ).toEqual(['HR', 'OPS', 'SYNC']);
    for (const project of sc.projects) {
      const r = await get(mine(project, sc.permissions));
      expect(sc.permissions.every((p) => have(r, p))).toBe(true);
    }
  });

  it.each(['tokenFromAnotherAccount', 'expiredToken', 'revokedToken', 'deactivatedUser'] as const)(
    '%s: 401',
    async (id) => {
      const { get, s } = await boot(id);
      expect((await get('/rest/api/3/myself')).status).toBe(401);
      const search = await get('/rest/api/3/project/search');
      expect(search.status).toBe(200);
      expect(search.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(s.authAttempts(ACCOUNT.sync).failed).toBe(2);
    },
  );

  it('scopedToken: 401 at the site, works at the gateway', async () => {
    const { get } = await boot('scopedToken');
    expect((await get('/rest/api/3/myself')).status).toBe(401);
    expect((await get('/rest/api/3/myself', 'gateway')).status).toBe(200);
  });

  it('scopedTokenMissingScope: scope mismatch at the gateway', async () => {
    const { get } = await boot('scopedTokenMissingScope');
    expect((await get('/rest/api/3/myself', 'gateway')).json).toEqual({
      code: 401,
      message: 'Unauthorized; scope does not match',
    });
  });

  it('passwordInsteadOfToken', async () => {
    const { get } = await boot('passwordInsteadOfToken');
    expect((await get('/rest/api/3/myself')).text).toBe(PASSWORD_DEPRECATED);
  });

  it('emailHidden: the admin cannot see or search the email', async () => {
    const { admin } = await boot('emailHidden');
    expect((await admin(`/rest/api/3/user?accountId=${ACCOUNT.sync}`)).json).toMatchObject({
      emailAddress: null,
    });
    expect(
      (await admin(`/rest/api/3/user/search?query=${encodeURIComponent(CREDENTIALS.sync.email)}`))
        .json,
    ).toEqual([]);
  });

  it('missingCreateInOneProject: no Create in OPS only', async () => {
    const { get } = await boot('missingCreateInOneProject');
    expect(have(await get(mine('SYNC', ['CREATE_ISSUES'])), 'CREATE_ISSUES')).toBe(true);
    expect(have(await get(mine('HR', ['CREATE_ISSUES'])), 'CREATE_ISSUES')).toBe(true);
    const ops = await get(mine('OPS', ['BROWSE_PROJECTS', 'CREATE_ISSUES']));
    expect([have(ops, 'BROWSE_PROJECTS'), have(ops, 'CREATE_ISSUES')]).toEqual([true, false]);
  });

  it('projectHiddenVsMissing: identical 404s for the sync user, SECRET exists for the admin', async () => {
    const { get, admin } = await boot('projectHiddenVsMissing');
    const hidden = await get('/rest/api/3/project/SECRET');
    const missing = await get('/rest/api/3/project/NOPE');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect((await admin('/rest/api/3/project/SECRET')).status).toBe(200);
    expect((await admin('/rest/api/3/project/NOPE')).status).toBe(404);
  });

  it('serviceManagementPortalCustomer: /mypermissions says yes, nothing else does', async () => {
    const { get } = await boot('serviceManagementPortalCustomer');
    const r = await get(mine('HELP', ['BROWSE_PROJECTS', 'CREATE_ISSUES']));
    expect([have(r, 'BROWSE_PROJECTS'), have(r, 'CREATE_ISSUES')]).toEqual([true, true]);
    expect((await get('/rest/api/3/project/HELP')).status).toBe(404);
    const me = await get('/rest/api/3/myself?expand=applicationRoles');
    expect(me.json).toMatchObject({ applicationRoles: { size: 0 } });
  });

  it('serviceManagementWithoutAgentLicence: HELP is invisible', async () => {
    const { get } = await boot('serviceManagementWithoutAgentLicence');
    expect((await get(mine('HELP', ['BROWSE_PROJECTS']))).status).toBe(404);
    expect((await get('/rest/api/3/myself?expand=applicationRoles')).json).toMatchObject({
      applicationRoles: { items: [{ key: 'jira-software' }] },
    });
  });

  it('jiraAdminSyncUser: holds ADMINISTER', async () => {
    const { get } = await boot('jiraAdminSyncUser');
    expect(have(await get('/rest/api/3/mypermissions?permissions=ADMINISTER'), 'ADMINISTER')).toBe(
      true,
    );
  });

  it('noProjectsVisible: authenticated, but project search is empty', async () => {
    const { get } = await boot('noProjectsVisible');
    const search = await get('/rest/api/3/project/search');
    expect(search.headers.get('x-aaccountid')).toBe(ACCOUNT.sync);
    expect(search.json).toMatchObject({ total: 0 });
  });

  it('noProductAccess: no application roles, nothing visible', async () => {
    const { get } = await boot('noProductAccess');
    expect((await get('/rest/api/3/myself?expand=applicationRoles')).json).toMatchObject({
      applicationRoles: { size: 0, items: [] },
    });
    expect((await get('/rest/api/3/project/search')).json).toMatchObject({ total: 0 });
  });

  it('appAccount: an app user reaching projects through atlassian-addons-project-access at the gateway', async () => {
    const { get, sc } = await boot('appAccount');
    expect((await get('/rest/api/3/myself')).status).toBe(401);
    const me = await get('/rest/api/3/myself?expand=groups', 'gateway');
    expect(me.json).toMatchObject({ accountType: 'app', appType: 'service', groups: { size: 0 } });
    // No jira-servicedesk access, so the HELP grants do not apply.
    expect(keys(await get('/rest/api/3/project/search', 'gateway'))).toEqual(['HR', 'OPS', 'SYNC']);
    expect(sc.syncAccountId).toBe(ACCOUNT.app);
  });

  it('ipAllowlist: 403', async () => {
    const { get } = await boot('ipAllowlist');
    expect((await get('/rest/api/3/myself')).status).toBe(403);
  });

  it('loginChallenge: 403 AUTHENTICATION_DENIED', async () => {
    const { get } = await boot('loginChallenge');
    const r = await get('/rest/api/3/myself');
    expect(r.status).toBe(403);
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
  });

  it('tokenRevokedMidCheck: the second request fails', async () => {
    const { get } = await boot('tokenRevokedMidCheck');
    expect((await get('/rest/api/3/myself')).status).toBe(200);
    expect((await get('/rest/api/3/myself')).status).toBe(401);
  });

  it('siteLacksPermission: the key is unknown (400)', async () => {
    const { get, sc } = await boot('siteLacksPermission');
    expect((await get(mine('SYNC', sc.permissions))).status).toBe(400);
    expect((await get(mine('SYNC', sc.permissions.slice(0, 3)))).status).toBe(200);
  });

  it('requiredFieldsOnCreate: a required custom field in SYNC', async () => {
    const { get } = await boot('requiredFieldsOnCreate');
    const r = await get('/rest/api/3/issue/createmeta/SYNC/issuetypes/10001');
    expect(
      (r.json as { fields: Array<{ fieldId: string; required: boolean }> }).fields,
    ).toContainEqual(expect.objectContaining({ fieldId: 'customfield_10050', required: true }));
  });
});

describe('demo world', () => {
  it('serves every demo credential as its table says', async () => {
    const s = await sim.start(demoWorld());
    for (const c of DEMO_CREDENTIALS) {
      const r = await call(s, '/rest/api/3/myself', {
        auth: { email: c.email, secret: c.secret },
        target: c.use,
      });
      expect([c.key, r.status]).toEqual([c.key, c.key === 'wrong-owner' ? 401 : 200]);
    }
    const nora = DEMO_CREDENTIALS.find((c) => c.key === 'no-create')!;
    const create = await call(s, '/rest/api/3/project/search?action=create', {
      auth: { email: nora.email, secret: nora.secret },
    });
    const view = await call(s, '/rest/api/3/project/search', {
      auth: { email: nora.email, secret: nora.secret },
    });
    expect(keys(view)).toEqual(['OPS', 'SYNC', 'WEB']);
    expect(keys(create)).toEqual(['OPS', 'SYNC']);
    const pat = DEMO_CREDENTIALS.find((c) => c.key === 'project-admin')!;
    expect(
      keys(
        await call(s, '/rest/api/3/project/search?action=edit', {
          auth: { email: pat.email, secret: pat.secret },
        }),
      ),
    ).toEqual(['OPS']);
    const types = (
      await call(s, '/rest/api/3/project/search', {
        auth: { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token },
      })
    ).json as {
      values: Array<{ key: string; projectTypeKey: string }>;
    };
    // The generated branch offices (ZB…, category "Branch offices") are left out of this count.
    const handMade = types.values.filter((p) => !/^ZB\d{4}$/.test(p.key));
    const count = (t: string) => handMade.filter((p) => p.projectTypeKey === t).length;
    expect([count('software'), count('business'), count('service_desk')]).toEqual([4, 3, 2]);
  });
});
