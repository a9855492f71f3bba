import { coverageAdvice, verdictHeadline } from '../../src/engine/presentation/headline';
import { SCENARIOS, healthy } from '../../simulator/worlds/scenarios';
import { runScenario, withScenario } from '../support/scenario';

/**
 * The report's `coverage`: what a run could test. Every state of credentials and permissions is
 * produced by a real run over the simulator; "Ready" is only bare when both were tested.
 */
describe('coverage over the simulator', () => {
  it('token + admin on a healthy site: credentials and permissions tested, a classic token has no scopes', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('ready');
      expect(report.coverage).toEqual({
        credentials: 'tested',
        permissions: 'tested',
        scopes: 'not-applicable',
        createFields: 'tested',
        editFields: 'tested',
        issueSecurity: 'tested',
      });
      expect(verdictHeadline(report)).toBe('Ready');
    });
  });

  it('admin view only: permissions tested, credentials and scopes not tested, Ready is qualified', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin' });
      expect(report.verdict).toBe('ready');
      expect(report.coverage).toMatchObject({
        credentials: 'not-tested',
        permissions: 'tested',
        scopes: 'not-tested',
      });
      expect(verdictHeadline(report)).toBe('Permissions ready — credentials not tested');
      // Where a token form exists the advice offers it; the "Runs on Atlassian" build has none.
      expect(coverageAdvice(report)[0]).toMatch(/add the sync user's API token/);
      const withoutForm = coverageAdvice(report, { tokenForm: false });
      expect(withoutForm[0]).toMatch(/from the synchronizer's host and import its report/);
      expect(withoutForm.join(' ')).not.toMatch(/API token/);
    });
  });

  it('a rejected token is a tested credential; its permissions are not tested', async () => {
    const s = SCENARIOS.expiredToken();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(report.coverage).toMatchObject({
        credentials: 'tested',
        permissions: 'not-tested',
        scopes: 'not-tested',
      });
    });
  });

  it('a token Jira never answered about is not tested', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', status: 503, retryAfter: 0 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('inconclusive');
      expect(report.coverage).toMatchObject({
        credentials: 'not-tested',
        permissions: 'not-tested',
      });
    });
  });

  it('the bulk check failing leaves only Browse (from the project search) known → partial, and Ready is never bare', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'POST /rest/api/3/permissions/check', status: 503, retryAfter: 0 });
      const report = await runScenario(sim, s, { mode: 'token', projects: ['SYNC'] });
      expect(report.projects[0]?.permissions).toEqual({
        BROWSE_PROJECTS: true,
        CREATE_ISSUES: null,
        EDIT_ISSUES: null,
      });
      expect(report.coverage.credentials).toBe('tested');
      expect(report.coverage.permissions).toBe('partial');
      expect(report.verdict).toBe('inconclusive');
      // Were it ready, the headline would still say what was not tested.
      expect(verdictHeadline({ verdict: 'ready', coverage: report.coverage })).toBe(
        'Credentials ready — permissions partly tested; fields not checked; issue security not checked',
      );
    });
  });

  it('admin view by a project administrator: the partial-permissions advice points to the findings, not to a plain re-run', async () => {
    // Limited authority (CHECKER_NOT_ADMIN) is not fixed by running the same check again.
    const advice = coverageAdvice({
      mode: 'admin',
      coverage: {
        credentials: 'not-tested',
        permissions: 'partial',
        scopes: 'not-tested',
        createFields: 'partial',
        editFields: 'partial',
        issueSecurity: 'partial',
      },
    });
    const permissions = advice.find((a) => a.startsWith('Permissions partly tested'));
    expect(permissions).toMatch(/the findings and checks say why/);
    expect(permissions).not.toMatch(/run the check again/);
  });

  it('a token Jira refused: no advice to test its scopes at the gateway, the credentials come first', async () => {
    const s = SCENARIOS.tokenFromAnotherAccount();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(report.coverage.scopes).toBe('not-tested');
      expect(coverageAdvice(report).join(' ')).not.toMatch(/Token scopes not tested/);
      // Without the findings (e.g. an old caller), the advice is unchanged.
      expect(coverageAdvice({ mode: report.mode, coverage: report.coverage }).join(' ')).toMatch(
        /Token scopes not tested/,
      );
    });
  });

  it('screens read where Create/Edit Issues is unknown were never judged: not tested', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'POST /rest/api/3/permissions/check', status: 503, retryAfter: 0 });
      const report = await runScenario(sim, s, { mode: 'token', projects: ['SYNC'] });
      expect(report.projects[0]?.permissions['CREATE_ISSUES']).toBeNull();
      expect(report.projects[0]?.screens).toBeUndefined();
      expect(report.coverage.createFields).toBe('not-tested');
      expect(report.coverage.editFields).toBe('not-tested');
    });
  });

  it('a create or edit screen that could not be read leaves its coverage partial, never tested', async () => {
    const createmeta = 'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}';
    const editmeta = 'GET /rest/api/3/issue/{issueIdOrKey}/editmeta';
    for (const route of [createmeta, editmeta]) {
      const s = healthy();
      await withScenario(s, async (sim) => {
        sim.faults.add({ route, status: 503, retryAfter: 0, afterMatches: 1 });
        const report = await runScenario(sim, s, { mode: 'both', projects: ['SYNC'] });
        expect(report.coverage.createFields).toBe(route === createmeta ? 'partial' : 'tested');
        expect(report.coverage.editFields).toBe(route === editmeta ? 'partial' : 'tested');
      });
    }
  });

  it('a project the user cannot see settles its row: the other projects decide partial or tested', async () => {
    const s = SCENARIOS.projectHiddenVsMissing();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.projects.some((p) => p.visible === false || p.exists === false)).toBe(true);
      expect(report.coverage.permissions).toBe('tested');
    });
  });
});
