import { SCENARIOS, healthy } from '../../simulator/worlds/scenarios';
import { codes, runScenario, withScenario } from '../support/scenario';

/** With both views, project/search is paged once (by the administrator), not twice. */
describe('token + admin: one project search', () => {
  const keyedSearches = (log: ReadonlyArray<{ path: string; query: Record<string, string[]> }>) =>
    log.filter(
      (e) =>
        e.path.endsWith('/rest/api/3/project/search') &&
        'keys' in e.query &&
        !('status' in e.query),
    );

  it('the token view takes the administrator’s project IDs and reads visibility from its bulk check', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('ready');
      expect(keyedSearches(sim.log)).toHaveLength(1);
      expect(report.projects.every((p) => p.visible === true)).toBe(true);
      expect(report.checks.find((c) => c.id === 'token-projects')?.detail).toContain(
        "IDs from the administrator's search",
      );
    });
  });

  it('a project the sync user cannot browse is still PROJECT_NOT_VISIBLE; one the admin cannot find makes the token view search itself', async () => {
    const s = SCENARIOS.projectHiddenVsMissing();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(codes(report)).toEqual(
        expect.arrayContaining(['PROJECT_NOT_VISIBLE', 'PROJECT_NOT_FOUND']),
      );
      // A missing key: the administrator's IDs do not cover every target, so both searched.
      expect(keyedSearches(sim.log)).toHaveLength(2);
    });
  });

  it('when only some rights are missing, the verdict is the same as with two searches', async () => {
    const s = SCENARIOS.missingCreateInOneProject();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('fix-permissions');
      expect(codes(report)).toContain('MISSING_PERMISSION');
      expect(keyedSearches(sim.log)).toHaveLength(1);
    });
  });
});
