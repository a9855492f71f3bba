/**
 * Archived and trashed projects seen by the sync user alone (#23, docs/jira-behaviour.md A1, A2):
 * a token-only run reads each project its search did not list with its own
 * `GET /rest/api/3/project/{key}`, so an archived target is PROJECT_ARCHIVED with the restore fix,
 * never PROJECT_NOT_VISIBLE's "add the sync user to a role with Browse Projects".
 */
import { exitCodeFor } from '../../src/cli/exit-codes';
import { SCENARIOS } from '../../simulator/worlds/scenarios';
import { codes, finding, runScenario, withScenario } from '../support/scenario';

describe('archived and trashed targets in a token-only run', () => {
  it('an archived target → PROJECT_ARCHIVED (exit 5), never the Browse Projects fix', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', projects: ['SYNC', 'OLD'] });
      expect(codes(report)).toEqual(['PROJECT_ARCHIVED']);
      expect(report.verdict).toBe('fix-configuration');
      expect(exitCodeFor(report.verdict)).toBe(5);
      const archived = finding(report, 'PROJECT_ARCHIVED', 'OLD');
      expect(archived?.remedy).toMatch(/restore it/);
      expect(JSON.stringify(report.findings)).not.toMatch(/Browse Projects/);
      expect(report.projects.find((p) => p.key === 'OLD')).toMatchObject({
        exists: true,
        visible: false,
      });
      // Read with the sync user's own credentials, once, after its search left it out.
      const reads = sim.log.filter((e) => e.path === '/rest/api/3/project/OLD');
      expect(reads.map((e) => [e.authOutcome, e.status])).toEqual([['ok', 200]]);
    });
  });

  it('a trashed target: PROJECT_IN_TRASH where Jira says so (deleted: true) …', async () => {
    const s = SCENARIOS.retiredProjects();
    s.world.site.trashedProjectDetails = 'details';
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', projects: ['SYNC', 'BIN'] });
      expect(codes(report)).toEqual(['PROJECT_IN_TRASH']);
      expect(report.verdict).toBe('fix-configuration');
    });
  });

  it('… and PROJECT_NOT_VISIBLE where Jira answers 404 (whether it does is not documented)', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', projects: ['SYNC', 'BIN'] });
      expect(codes(report)).toEqual(['PROJECT_NOT_VISIBLE']);
    });
  });

  it('a project that is hidden stays PROJECT_NOT_VISIBLE (its read answers 404)', async () => {
    const s = SCENARIOS.projectHiddenVsMissing();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(codes(report)).toContain('PROJECT_NOT_VISIBLE');
      expect(codes(report)).not.toContain('PROJECT_ARCHIVED');
    });
  });

  it('with an admin view the administrator’s status searches decide; the sync user reads nothing one by one', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both', projects: ['SYNC', 'OLD'] });
      expect(codes(report)).toEqual(['PROJECT_ARCHIVED']);
      expect(sim.log.some((e) => e.path === '/rest/api/3/project/OLD')).toBe(false);
    });
  });

  it('the simulator keeps archived and trashed projects read-only and off the create screens', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      const auth = `Basic ${Buffer.from(`${s.admin.email}:${s.admin.token}`).toString('base64')}`;
      const get = (path: string) =>
        fetch(`${sim.siteUrl}${path}`, {
          headers: { Authorization: auth, Accept: 'application/json' },
        });
      for (const key of ['OLD', 'BIN']) {
        const types = (await (
          await get(`/rest/api/3/issue/createmeta/${key}/issuetypes`)
        ).json()) as {
          issueTypes: unknown[];
        };
        expect({ key, types: types.issueTypes }).toEqual({ key, types: [] });
      }
      const create = await fetch(`${sim.siteUrl}/rest/api/3/issue`, {
        method: 'POST',
        headers: {
          Authorization: auth,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          fields: { project: { key: 'OLD' }, issuetype: { id: '10001' }, summary: 'x' },
        }),
      });
      expect(create.status).toBe(400);
      expect(sim.log.filter((e) => e.wouldChangeData)).toEqual([]);
    });
  });
});
