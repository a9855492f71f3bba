/**
 * A 503 from a suspended site (#23, jira-captures A3): the site's status page tells a suspended,
 * deactivated or missing site from an outage, so the admin is told who must act instead of
 * "retry later".
 */
import { exitCodeFor } from '../../src/cli/exit-codes';
import { healthy } from '../../simulator/worlds/scenarios';
import { codes, runScenario, withScenario } from '../support/scenario';

describe('a 503 from Jira Cloud', () => {
  it.each(['token', 'admin', 'both'] as const)(
    'a suspended site (status page 503 too) → SITE_SUSPENDED with the billing fix, fix-connectivity (%s)',
    async (mode) => {
      const s = healthy();
      s.world.site.suspended = true;
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode });
        expect(codes(report)).toEqual(['SITE_SUSPENDED']);
        expect(report.verdict).toBe('fix-connectivity');
        expect(exitCodeFor(report.verdict)).toBe(6);
        const finding = report.findings[0];
        expect(finding?.remedy).toMatch(/administrator or billing contact/);
        expect(finding?.remedy).not.toMatch(/^Retry/);
        expect(finding?.links.map((l) => l.label).join(' ')).toMatch(/Billing/);
        // The status page was asked once, without credentials.
        const status = sim.log.filter((e) => e.path === '/status');
        expect(status).toHaveLength(1);
        expect(status[0]?.authOutcome).toBe('none');
      });
    },
  );

  it('an outage (503 from Jira, the status page answers) stays JIRA_UNAVAILABLE: retry later', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', status: 503 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(codes(report)).toContain('JIRA_UNAVAILABLE');
      expect(codes(report)).not.toContain('SITE_SUSPENDED');
      expect(report.verdict).toBe('inconclusive');
      expect(report.checks.find((c) => c.id === 'site-status')?.status).toBe('pass');
    });
  });

  it('no 503, no status request', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      await runScenario(sim, s, { mode: 'both' });
      expect(sim.log.some((e) => e.path === '/status')).toBe(false);
    });
  });
});
