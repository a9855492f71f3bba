/**
 * #23 item 6: Jira's "Field … cannot be set. It is not on the appropriate screen, or unknown." has
 * documented causes besides the screen (the spec's editmeta conditions 2 and 4): a field hidden in
 * the field configuration, and a custom field whose context does not cover the project and issue
 * type. The fix names them, so an admin whose field is on the screen is not left without a cause.
 */
import { EXTERNAL_ID, SCENARIOS, fieldsNotOnScreens } from '../../simulator/worlds/scenarios';
import { runScenario, withScenario } from '../support/scenario';

describe('FIELD_NOT_ON_SCREEN names every documented cause', () => {
  it('a custom field: the screen, the field configuration and its context for the project and issue type', async () => {
    const s = fieldsNotOnScreens();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      const found = report.findings.filter(
        (f) => f.code === 'FIELD_NOT_ON_SCREEN' && f.details?.['field'] === EXTERNAL_ID.id,
      );
      expect(found.length).toBeGreaterThan(0);
      for (const finding of found) {
        const steps = finding.steps.join(' ');
        expect(steps).toMatch(/add External ID .*to it/);
        expect(steps).toMatch(/field configuration/);
        expect(steps).toMatch(/custom field context includes/);
        expect(steps).toContain(finding.project ?? '');
      }
    });
  });

  it('a system field names the field configuration, not a custom field context', async () => {
    const s = fieldsNotOnScreens();
    for (const type of s.world.projects.find((p) => p.key === 'OPS')?.issueTypes ?? [])
      type.fields = type.fields.filter((f) => f.fieldId !== 'description');
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', projects: ['OPS'] });
      const found = report.findings.find(
        (f) => f.code === 'FIELD_NOT_ON_SCREEN' && f.details?.['field'] === 'description',
      );
      expect(found).toBeDefined();
      const steps = found?.steps.join(' ') ?? '';
      expect(steps).toMatch(/field configuration/);
      expect(steps).not.toMatch(/context/);
    });
  });
});

describe('ANONYMOUS_FALLBACK: AUTHENTICATED_FAILED alone is not proof of a bad token (#23 item 6)', () => {
  it('names the other causes Jira answers the same way, and the gateway fix', async () => {
    const s = SCENARIOS.tokenRevokedMidCheck();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      const found = report.findings.find((f) => f.code === 'ANONYMOUS_FALLBACK');
      expect(found?.message).toMatch(/scoped token .*sent to the site address/);
      expect(found?.message).toMatch(/organisation policy/);
      expect(found?.message).toMatch(/deactivated account/);
      expect(found?.steps[0]).toMatch(/https:\/\/api\.atlassian\.com\/ex\/jira\/<cloudId>/);
    });
  });
});
