/**
 * Issue 22, part 2: Atlassian service accounts (docs/jira-behaviour.md S3) — app accounts whose
 * email is under serviceaccount.atlassian.com — recognised in the token view and the admin view.
 */
import { buildFixPlan } from '../../src/engine/presentation/plan';
import { renderMarkdown } from '../../src/engine/presentation/render-markdown';
import { CLOUD_ID, CREDENTIALS, SCENARIOS } from '../../simulator/worlds/scenarios';
import { codes, finding, runScenario, withScenario } from '../support/scenario';

const GATEWAY = `https://api.atlassian.com/ex/jira/${CLOUD_ID}`;

describe('a service account as the sync user', () => {
  it('its API token at the gateway: ready, tokenIdentity.accountType app, the plan says gateway and project roles', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(report.verdict).toBe('ready');
      expect(codes(report)).toEqual(['APP_ACCOUNT']);
      expect(report.tokenIdentity).toMatchObject({
        acceptedAt: 'gateway',
        accountType: 'app',
        email: CREDENTIALS.app.email,
      });
      const app = finding(report, 'APP_ACCOUNT');
      expect(app?.details).toMatchObject({ serviceAccount: true });
      expect(app?.message).toContain('service account');
      const plan = buildFixPlan(report);
      const text = plan.actions.map((a) => [a.title, ...a.steps].join(' ')).join('\n');
      expect(text).toContain(GATEWAY);
      expect(text).toMatch(/project roles/);
      expect(renderMarkdown(report)).toContain('service account');
    });
  });

  it('its API token at the site URL: SCOPED_TOKEN_AT_SITE_URL worded for a service account (no unscoped-token advice)', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      const scoped = finding(report, 'SCOPED_TOKEN_AT_SITE_URL');
      expect(scoped?.message).toContain('is a service account');
      expect(scoped?.steps[0]).toContain(GATEWAY);
      expect(scoped?.steps.join(' ')).not.toMatch(/unscoped/);
      expect(report.tokenIdentity?.accountType).toBe('app');
      expect(finding(report, 'APP_ACCOUNT')?.steps.join(' ')).toContain(GATEWAY);
    });
  });

  it('in the admin view: APP_ACCOUNT says service account, gateway and project roles, and where to read the cloud ID', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin' });
      const app = finding(report, 'APP_ACCOUNT');
      expect(app?.message).toContain('service account');
      expect(app?.steps[0]).toMatch(/project roles/);
      // The admin view never read the cloud ID: the step says where it is.
      expect(app?.steps[1]).toContain(`${sim.siteUrl}/_edge/tenant_info`);
      expect(report.tokenIdentity).toBeNull();
    });
  });

  it('a refused service-account token: CREDENTIALS_REJECTED points at Atlassian Administration, not at signing in as it', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        login: { email: CREDENTIALS.app.email, secret: 'ATSTT-not-the-token' },
      });
      expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
      const rejected = finding(report, 'CREDENTIALS_REJECTED');
      expect(rejected?.steps[0]).toMatch(/Directory → Service accounts/);
      expect(rejected?.steps.join(' ')).not.toMatch(/id\.atlassian\.com/);
      expect(sim.authAttempts(CREDENTIALS.app.email)).toEqual({ total: 1, failed: 1 });
    });
  });
});
