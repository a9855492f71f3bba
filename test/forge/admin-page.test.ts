import {
  ACCOUNT,
  call,
  failOnRefusedEndpoints,
  makeProjectAdmin,
  resolverCalls,
  startHarness,
  type Harness,
} from './harness';
import { healthy, missingCreateInOneProject } from '../../simulator/worlds/scenarios';
import { expectValidReport } from '../support/report-schema';
import type { Report } from '../../src/engine/model/report';

describe('admin page (jira:adminPage)', () => {
  failOnRefusedEndpoints();
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  test('a Jira administrator gets a schemaVersion 1 report, checked as themself', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC', 'OPS'] },
    });
    expect(res.ok).toBe(true);
    const report = res.report as Report;
    expectValidReport(report);
    expect(report).toMatchObject({ schemaVersion: 1, verdict: 'ready', mode: 'admin' });
    expect(report.site).toBe(h.sim.siteUrl);
    expect(report.subject?.accountId).toBe(ACCOUNT.sync);
    expect(report.projects.map((p) => p.key)).toEqual(['SYNC', 'OPS']);
    expect(report.requiredPermissions).toEqual(['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES']);
    // Every request is evidence of a product call made by the platform as the admin, except the
    // permission list, which Jira gives anyone: read without credentials, it spends no points.
    const requests = report.checks.flatMap((c) => c.requests);
    expect(requests.length).toBeGreaterThan(0);
    const anonymous = requests.filter((r) => !(r.target === 'forge' && r.auth === 'admin'));
    expect(anonymous.map((r) => [r.method, r.path, r.target, r.auth])).toEqual([
      ['GET', '/rest/api/3/permissions', 'site', 'none'],
    ]);
    // The run's price: the admin's requests, at Atlassian's published points.
    expect(report.cost).toMatchObject({ requests: requests.length - 1 });
    expect(report.cost?.points).toBeGreaterThan(report.cost?.requests ?? Infinity);

    const calls = h.runtime.productCalls();
    expect(calls.every((c) => c.accountId === ACCOUNT.admin)).toBe(true);
    expect(resolverCalls(h.runtime)[0]).toBe(
      'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
    );
    // A Jira administrator checks another account in bulk.
    expect(resolverCalls(h.runtime)).toContain('POST /rest/api/3/permissions/check');
    expect(
      h.runtime.egressCalls().map((c) => ({ method: c.method, url: c.url, allowed: c.allowed })),
    ).toEqual([{ method: 'GET', url: `${h.sim.siteUrl}/rest/api/3/permissions`, allowed: true }]);
  });

  test('a missing permission is reported with project and permission', async () => {
    const world = missingCreateInOneProject().world;
    const local = await startHarness(world);
    try {
      const res = await call(local.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: {
          user: { accountId: ACCOUNT.sync },
          projects: ['sync', 'OPS', 'HR'],
          permissions: ['BROWSE_PROJECTS', 'create'],
        },
      });
      expect(res.ok).toBe(true);
      const report = res.report as Report;
      expect(report.verdict).toBe('fix-permissions');
      expect(report.requiredPermissions).toEqual(['BROWSE_PROJECTS', 'CREATE_ISSUES']);
      expect(report.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            code: 'MISSING_PERMISSION',
            project: 'OPS',
            permission: 'CREATE_ISSUES',
          }),
        ]),
      );
    } finally {
      await local.close();
    }
  });

  test('missing permissions are explained from the scheme, with a least-privilege fix', async () => {
    const local = await startHarness(missingCreateInOneProject().world);
    try {
      const res = await call(local.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC', 'OPS'] },
      });
      expect(res.ok).toBe(true);
      const report = res.report as Report;
      expectValidReport(report);
      // By default only projects with something missing are explained, and only what is missing.
      expect(report.projects.find((p) => p.key === 'SYNC')?.explanation).toBeUndefined();
      const ops = report.projects.find((p) => p.key === 'OPS')?.explanation;
      expect(ops?.permissions.map((p) => p.permission)).toEqual(['CREATE_ISSUES']);
      expect(ops?.permissions[0]).toMatchObject({ held: false, grantedBy: [] });
      expect(ops?.permissions[0]?.grantsInScheme.length).toBeGreaterThan(0);
      expect(ops?.recommendation?.summary).toMatch(/Create Issues/);
    } finally {
      await local.close();
    }
  });

  test("explain 'all' explains held permissions too: how the user holds them", async () => {
    const local = await startHarness(missingCreateInOneProject().world);
    try {
      const res = await call(local.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC', 'OPS'], explain: 'all' },
      });
      expect(res.ok).toBe(true);
      const report = res.report as Report;
      expectValidReport(report);
      expect(report.verdict).toBe('fix-permissions');
      // SYNC has nothing missing, yet it is explained: every held permission names its grant.
      const sync = report.projects.find((p) => p.key === 'SYNC')?.explanation;
      expect(sync?.permissions.map((p) => p.permission)).toEqual(report.requiredPermissions);
      for (const permission of sync?.permissions ?? []) {
        expect(permission.held).toBe(true);
        expect(permission.grantedBy.length).toBeGreaterThan(0);
      }
      expect(sync?.recommendation).toBeNull();
      // OPS: the held ones say how, the missing one is still explained with a fix.
      const ops = report.projects.find((p) => p.key === 'OPS')?.explanation;
      expect(ops?.permissions.map((p) => p.permission)).toEqual(report.requiredPermissions);
      expect(
        ops?.permissions.find((p) => p.permission === 'BROWSE_PROJECTS')?.grantedBy,
      ).not.toEqual([]);
      expect(ops?.permissions.find((p) => p.permission === 'CREATE_ISSUES')).toMatchObject({
        held: false,
        grantedBy: [],
      });
      expect(ops?.recommendation?.summary).toMatch(/Create Issues/);
    } finally {
      await local.close();
    }
  });

  test('a user who is not a Jira administrator is refused after one permission check', async () => {
    // Alice administers project SYNC, which does not make her a Jira administrator.
    for (const accountId of [ACCOUNT.alice, ACCOUNT.sync]) {
      h.runtime.clearCalls();
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId,
        payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
      });
      expect(res).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/Only Jira administrators/) },
      });
      expect(resolverCalls(h.runtime)).toEqual([
        'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
      ]);
      expect(h.runtime.egressCalls()).toEqual([]);
    }
    for (const functionKey of ['getHistory', 'clearHistory']) {
      h.runtime.clearCalls();
      const res = await call(h.runtime, { functionKey, accountId: ACCOUNT.alice, payload: {} });
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(resolverCalls(h.runtime)).toEqual([
        'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
      ]);
    }
  });

  test('an unknown resolver key is not served', async () => {
    await expect(
      call(h.runtime, { functionKey: 'deleteEverything', accountId: ACCOUNT.admin, payload: {} }),
    ).rejects.toThrow(/no definition/);
    expect(h.runtime.productCalls()).toEqual([]);
  });
});
