/**
 * Issue 22, part 3: the panel's host command for a service account's OAuth 2.0 client, run as a
 * real CLI process, and its report imported into the app (facts only, rebuilt texts).
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from './harness';
import { buildHostCommand } from '../../src/engine/presentation/host-command';
import type { Report } from '../../src/engine/model/report';
import { appAccount, CREDENTIALS } from '../../simulator/worlds/scenarios';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { expectValidReport } from '../support/report-schema';

const PROJECTS = ['SYNC'];
const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

/** The panel's command, pointed at the simulator's gateway and token endpoint. */
async function hostReport(h: Harness, secret: string): Promise<Report> {
  const command = buildHostCommand({
    site: h.sim.siteUrl,
    email: null,
    accountId: ACCOUNT.app,
    projects: PROJECTS,
    permissions: PERMISSIONS,
    oauth: { clientId: CREDENTIALS.appOAuth.clientId, cloudId: h.sim.cloudId },
  });
  expect(command.placeholders).toEqual([]);
  const gatewayAddress = `https://api.atlassian.com/ex/jira/${h.sim.cloudId}`;
  const [, ...args] = command.argv.map((a) =>
    a === gatewayAddress ? `${h.sim.gatewayUrl}/ex/jira/${h.sim.cloudId}` : a,
  );
  const run = await runCliProcess(
    [...args, '--gateway', h.sim.gatewayUrl, '--auth-url', h.sim.authUrl],
    { JIRA_CLIENT_SECRET: secret },
  );
  expect(run.stdout).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
  if (run.stdout === '') throw new Error(`no report: exit ${run.code}: ${run.stderr}`);
  return parseReport(run);
}

const importAs = (h: Harness, report: unknown) =>
  call(h.runtime, {
    functionKey: 'importReport',
    accountId: ACCOUNT.admin,
    payload: {
      user: { accountId: ACCOUNT.app },
      projects: PROJECTS,
      permissions: PERMISSIONS,
      report,
    },
  });

beforeAll(requireBuiltCli);

describe('a host report made with a service account’s OAuth 2.0 client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(appAccount().world);
  });
  afterAll(() => h.close());

  it('a working client: imported with the token account, its kind and credential as facts', async () => {
    const host = await hostReport(h, CREDENTIALS.appOAuth.secret);
    expect(host.tokenIdentity).toMatchObject({ credential: 'oauth', accountType: 'app' });
    const res = await importAs(h, host);
    expect(res.error).toBeUndefined();
    const report = res.report as Report;
    expectValidReport(report);
    expect(report.tokenIdentity).toMatchObject({
      accountId: ACCOUNT.app,
      credential: 'oauth',
      accountType: 'app',
      email: null,
    });
    expect(report.checks.map((c) => c.id)).toContain('oauth-token');
  });

  it('a refused client: OAUTH_CLIENT_REFUSED is rebuilt from the app’s catalogue and decides the verdict', async () => {
    const host = await hostReport(h, 'ATOASIM-not-the-secret-000000000000000000000000');
    expect(host.verdict).toBe('fix-credentials');
    const res = await importAs(h, host);
    expect(res.error).toBeUndefined();
    const report = res.report as Report;
    expect(report.verdict).toBe('fix-credentials');
    const refused = report.findings.find((f) => f.code === 'OAUTH_CLIENT_REFUSED');
    expect(refused?.message).toContain(CREDENTIALS.appOAuth.clientId);
    expect(refused?.steps[0]).toMatch(/Service accounts/);
  });
});
