import {
  ACCOUNT,
  call,
  failOnRefusedEndpoints,
  makeProjectAdmin,
  resolverCalls,
  startHarness,
  type Harness,
} from './harness';
import { healthy } from '../../simulator/worlds/scenarios';
import { expectValidReport } from '../support/report-schema';
import type { Report } from '../../src/engine/model/report';

describe('project settings page (jira:projectSettingsPage)', () => {
  failOnRefusedEndpoints();
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC'); // Alice: administrator of SYNC only, not a Jira administrator
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  test("a project administrator checks their own project with the project admin's search", async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
    });
    expect(res.ok).toBe(true);
    const report = res.report as Report;
    expectValidReport(report);
    expect(report.projects.map((p) => p.key)).toEqual(['SYNC']);
    expect(report.projects[0]?.permissions).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: true,
      EDIT_ISSUES: true,
    });
    const calls = resolverCalls(h.runtime);
    expect(calls[0]).toBe(
      'GET /rest/api/3/mypermissions?projectKey=SYNC&permissions=ADMINISTER_PROJECTS,ADMINISTER',
    );
    // Not a Jira administrator: no bulk check of another account, per-project search instead.
    expect(calls.some((c) => c.startsWith('GET /rest/api/3/user/permission/search?'))).toBe(true);
    expect(calls).not.toContain('POST /rest/api/3/permissions/check');
    expect(h.runtime.productCalls().every((c) => c.accountId === ACCOUNT.alice)).toBe(true);
  });

  test('an empty project list means the page’s project', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { user: { accountId: ACCOUNT.sync }, projects: [] },
    });
    expect(res.ok).toBe(true);
    expect((res.report as Report).projects.map((p) => p.key)).toEqual(['SYNC']);
  });

  test('naming another project is refused before any Jira call', async () => {
    for (const projects of [['OPS'], ['SYNC', 'OPS'], ['sync', 'HR']]) {
      h.runtime.clearCalls();
      const res = await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.alice,
        projectKey: 'SYNC',
        payload: { user: { accountId: ACCOUNT.sync }, projects },
      });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(res.error?.message).toMatch(/checks project SYNC only/);
      expect(h.runtime.productCalls()).toEqual([]);
    }
  });

  test('a project administrator of another project is refused after one permission check', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'OPS',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['OPS'] },
    });
    expect(res.ok).toBe(false);
    expect(res.error).toEqual({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/Only administrators of project OPS/),
    });
    expect(resolverCalls(h.runtime)).toEqual([
      'GET /rest/api/3/mypermissions?projectKey=OPS&permissions=ADMINISTER_PROJECTS,ADMINISTER',
    ]);
  });

  test('a user who cannot see the project is refused', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.customer,
      projectKey: 'SYNC',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
    });
    expect(res.error?.code).toBe('FORBIDDEN');
    expect(resolverCalls(h.runtime)).toHaveLength(1);
  });

  test('a Jira administrator on a project page checks that project in bulk', async () => {
    const res = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      projectKey: 'OPS',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['OPS'] },
    });
    expect(res.ok).toBe(true);
    expect((res.report as Report).projects.map((p) => p.key)).toEqual(['OPS']);
    expect(resolverCalls(h.runtime)).toContain('POST /rest/api/3/permissions/check');
  });
});
