/**
 * Scopes proved, not assumed (#28): the local Forge runtime holds every platform call to the
 * manifest's scopes as the platform does (local-forge/scopes.ts). The whole app, run through its
 * flows with manifest.yml's scopes, needs no scope the manifest lacks; without a scope, the call is
 * refused the platform's way; without consent, `asUser()` gets NEEDS_AUTHENTICATION_ERR.
 */
// The harness loads local-forge, which must come before anything that loads @forge/api.
import { ACCOUNT, call, PROJECT_PAGE, startHarness, type Harness } from './harness';
import api, { route } from '@forge/api';
import { addBranchOffices, BRANCH_OFFICES } from '../../simulator/worlds/branch-offices';
import { CREDENTIALS, healthy, PROJECT_ID } from '../../simulator/worlds/scenarios';
import { jiraOperation, manifestScopes } from '../../local-forge/scopes';
import type { World } from '../../simulator';

const user = { accountId: ACCOUNT.sync };
const token = { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token };

function world(): World {
  const w = healthy().world;
  addBranchOffices(w, 3);
  return w;
}

const without = (scope: string) => manifestScopes().filter((s) => s !== scope);

describe('the manifest grants every scope the app uses (local runtime enforces them)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(world());
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  test('manifest.yml asks for the personal data reporting scope the privacy sweep needs', () => {
    expect(manifestScopes()).toContain('report:personal-data');
    expect(manifestScopes()).toContain('storage:app');
  });

  test('every resolver, the panel’s bridge calls and the privacy sweep run without a refused call', async () => {
    const admin = (functionKey: string, payload: unknown) =>
      call(h.runtime, { functionKey, accountId: ACCOUNT.admin, payload });
    // Admin page: a check with explanations and a token, a run of a category, history.
    const checked = await admin('runCheck', {
      user,
      projects: ['HR', 'SYNC'],
      explain: 'all',
      token,
    });
    expect(checked.ok).toBe(true);
    const planned = await admin('startRun', {
      user,
      selection: { kind: 'category', categoryId: BRANCH_OFFICES.id },
    });
    expect(planned.ok).toBe(true);
    const runId = (planned.run as { id: string }).id;
    expect((await admin('runCheck', { user, run: { id: runId, batch: 0 } })).ok).toBe(true);
    expect((await admin('startRun', { user, selection: { kind: 'every' } })).ok).toBe(true);
    expect((await admin('getCapabilities', {})).ok).toBe(true);
    expect((await admin('getHistory', {})).ok).toBe(true);
    // Project settings page.
    const onProject = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      moduleKey: PROJECT_PAGE,
      projectKey: 'SYNC',
      projectId: PROJECT_ID.SYNC,
      payload: { user, projects: ['SYNC'] },
    });
    expect(onProject.ok).toBe(true);
    // What the panel asks Jira from the browser (static/panel/src/api.ts).
    for (const path of [
      '/rest/api/3/user/search?query=sync&maxResults=20',
      '/rest/api/3/project/search?query=S&maxResults=50&orderBy=key',
      '/rest/api/3/projectCategory',
      '/rest/api/3/mypermissions?permissions=ADMINISTER',
      '/rest/api/3/mypermissions?projectKey=SYNC&permissions=ADMINISTER_PROJECTS,ADMINISTER',
      '/rest/api/3/project/SYNC',
      '/rest/api/3/field',
    ]) {
      expect((await h.runtime.requestJiraAsUser(ACCOUNT.admin, path)).status).toBe(200);
    }
    // The scheduled privacy sweep (as the app, no user).
    expect(await h.runtime.runScheduledTrigger('privacySweep')).toEqual({ statusCode: 200 });
    expect(h.runtime.privacyReports()).toHaveLength(1);
    expect((await admin('clearHistory', {})).ok).toBe(true);

    expect(h.runtime.scopeRefusals()).toEqual([]);
    // It was a real workout: resolver and bridge calls of many operations.
    const operations = new Set(
      h.runtime.productCalls().map((c) => jiraOperation(c.method, c.path)?.template),
    );
    expect(operations.size).toBeGreaterThanOrEqual(15);
  });
});

describe('a missing scope is refused the way the platform refuses it', () => {
  test('Jira answers 403 "missing scope grants" to the resolver and to the bridge', async () => {
    const h = await startHarness(world(), { scopes: without('read:permission:jira') });
    try {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['HR'] },
      });
      // Authorising the caller needs GET /mypermissions: the caller cannot be verified.
      expect(res.ok).toBe(false);
      const refused = h.runtime.scopeRefusals();
      expect(refused[0]).toMatchObject({ kind: 'jira', source: 'resolver', method: 'GET' });
      expect(refused[0]!.needed).toContainEqual(['read:permission:jira']);
      // Only the refusal went nowhere: Jira never saw the call.
      expect(h.sim.log.some((e) => e.path.startsWith('/rest/api/3/mypermissions'))).toBe(false);

      const bridge = await h.runtime.requestJiraAsUser(
        ACCOUNT.admin,
        '/rest/api/3/mypermissions?permissions=ADMINISTER',
      );
      expect(bridge.status).toBe(403);
      expect(bridge.body).toContain(
        'Access to the resource was denied due to missing scope grants',
      );
      expect(bridge.body).toContain('[read:permission:jira]');
    } finally {
      await h.close();
    }
  });

  test('without report:personal-data the privacy sweep reports nothing (as on main before #28)', async () => {
    const h = await startHarness(world(), { scopes: without('report:personal-data') });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['HR'] },
      });
      expect(res.ok).toBe(true);
      await h.runtime.runScheduledTrigger('privacySweep');
      expect(h.runtime.privacyReports()).toEqual([]);
      expect(h.runtime.scopeRefusals()).toEqual([
        {
          kind: 'privacy',
          source: 'platform',
          method: 'POST',
          path: '/app/report-accounts',
          needed: [['report:personal-data']],
        },
      ]);
      expect(warn.mock.calls.flat().join(' ')).toMatch(
        /personal data reporting API: batch 1 failed \(HTTP 403\)/,
      );
    } finally {
      warn.mockRestore();
      await h.close();
    }
  });

  test('without storage:app the history cannot be read', async () => {
    const h = await startHarness(world(), { scopes: without('storage:app') });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await call(h.runtime, {
        functionKey: 'getHistory',
        accountId: ACCOUNT.admin,
        payload: {},
      });
      expect(res.ok).toBe(false);
      expect(h.runtime.scopeRefusals().map((r) => r.kind)).toContain('storage');
    } finally {
      error.mockRestore();
      await h.close();
    }
  });

  test('asApp() Jira calls are held to the same scopes', async () => {
    const h = await startHarness(world(), {
      scopes: without('read:project:jira'),
      appAccountId: ACCOUNT.admin,
    });
    try {
      const serverInfo = await h.runtime.within('', () =>
        api.asApp().requestJira(route`/rest/api/3/serverInfo`),
      );
      expect(serverInfo.status).toBe(200);
      const projects = await h.runtime.within('', () =>
        api.asApp().requestJira(route`/rest/api/3/project/search`),
      );
      expect(projects.status).toBe(403);
      expect(h.runtime.scopeRefusals()).toEqual([
        expect.objectContaining({
          kind: 'jira',
          source: 'app',
          path: '/rest/api/3/project/search',
        }),
      ]);
    } finally {
      await h.close();
    }
  });
});

describe('consent ("Allow access")', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(world());
  });
  afterAll(() => h.close());

  test('a user who never allowed access: the resolver lets NEEDS_AUTHENTICATION_ERR through', async () => {
    h.runtime.setConsent(ACCOUNT.admin, null);
    await expect(
      call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user, projects: ['HR'] },
      }),
    ).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR', status: 401 });
    const bridge = await h.runtime.requestJiraAsUser(ACCOUNT.admin, '/rest/api/3/projectCategory');
    expect(bridge.status).toBe(401);
    expect(bridge.headers['forge-proxy-error']).toBe('NEEDS_AUTHENTICATION_ERR');
  });

  test('after an upgrade that adds a scope, a user who allowed the old scopes is asked again', async () => {
    h.runtime.setConsent(ACCOUNT.admin, without('report:personal-data'));
    await expect(
      call(h.runtime, { functionKey: 'getHistory', accountId: ACCOUNT.admin, payload: {} }),
    ).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
    h.runtime.setConsent(ACCOUNT.admin, manifestScopes());
    expect(
      (await call(h.runtime, { functionKey: 'getHistory', accountId: ACCOUNT.admin, payload: {} }))
        .ok,
    ).toBe(true);
  });
});
