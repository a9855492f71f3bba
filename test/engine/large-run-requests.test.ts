/**
 * Issue 26: what a run of many projects asks Jira, beyond one page of projects. The same answers
 * as a small run, for fewer requests and smaller answers: the project search asks for leads only
 * for the projects it explains, and "is any project visible" is asked only when no target is; the
 * token's own account is not read a second time as the sync user.
 */
import { branchOfficeKey } from '../../simulator/worlds/branch-offices';
import { demoWorld } from '../../simulator/worlds/demo';
import type { RunningSimulator } from '../../simulator';
import { ACCOUNT, CREDENTIALS, type Scenario } from '../../simulator/worlds/scenarios';
import { runScenario, withScenario } from '../support/scenario';

/** The branch office whose sync user's group is not a Developer: explained in admin mode. */
const BROKEN = branchOfficeKey(250);
const FEW = [1, 2, 3, 4, 5, 250].map(branchOfficeKey);
const MANY = [...Array.from({ length: 59 }, (_, i) => branchOfficeKey(i + 1)), BROKEN];

function scenario(projects: string[]): Scenario {
  return {
    id: 'healthy',
    summary: 'Sync Bot across branch offices',
    world: demoWorld(),
    login: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token },
    syncAccountId: ACCOUNT.sync,
    projects,
    permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    admin: CREDENTIALS.admin,
  };
}

const SEARCH = '/rest/api/3/project/search';

function searches(sim: RunningSimulator) {
  return sim.log
    .filter((e) => e.path === SEARCH)
    .map((e) => ({ keys: e.query.keys ?? [], lead: (e.query.expand ?? []).includes('lead') }));
}

describe('a run of more than one page of projects', () => {
  it('asks for leads only for the projects it explains, and explains them as a small run does', async () => {
    const small = await withScenario(scenario(FEW), async (sim) => {
      const report = await runScenario(sim, scenario(FEW), { mode: 'admin' });
      // One page: the leads come with the projects.
      expect(searches(sim)).toEqual([{ keys: FEW, lead: true }]);
      return report;
    });
    const large = await withScenario(scenario(MANY), async (sim) => {
      const report = await runScenario(sim, scenario(MANY), { mode: 'admin' });
      const pages = searches(sim);
      expect(pages.filter((p) => !p.lead).map((p) => p.keys.length)).toEqual([50, 10]);
      expect(pages.filter((p) => p.lead)).toEqual([{ keys: [BROKEN], lead: true }]);
      return report;
    });
    const explanation = (r: typeof small) => r.projects.find((p) => p.key === BROKEN)?.explanation;
    expect(explanation(large)).toBeDefined();
    expect(explanation(large)).toEqual(explanation(small));
    expect(large.projects.filter((p) => p.explanation).map((p) => p.key)).toEqual([BROKEN]);
  });

  it('asks whether any project is visible only when no target is', async () => {
    await withScenario(scenario(FEW), async (sim) => {
      await runScenario(sim, scenario(FEW), { mode: 'token' });
      const unkeyed = sim.log.filter((e) => e.path === SEARCH && (e.query.keys ?? []).length === 0);
      expect(unkeyed).toEqual([]);
    });
  });

  it("takes the sync user's account from the token's /myself when the sync user is the token's account", async () => {
    const reads = async (user: string | undefined) =>
      withScenario(scenario(FEW), async (sim) => {
        const report = await runScenario(sim, scenario(FEW), { mode: 'both', user });
        const userReads = sim.log.filter((e) => e.path === '/rest/api/3/user');
        const check = report.checks.find((c) => c.id === 'admin-user');
        return { userReads: userReads.length, subject: report.subject, status: check?.status };
      });
    const own = await reads(undefined);
    const named = await reads(ACCOUNT.sync);
    expect(own.userReads).toBe(0);
    expect(named.userReads).toBe(1);
    expect(own.status).toBe('pass');
    // The same account, groups and product access either way.
    expect(own.subject).toEqual(named.subject);
    expect(own.subject?.groups?.length).toBeGreaterThan(0);
  });
});
