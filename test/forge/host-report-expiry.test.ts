/**
 * Issue 22, part 4: a host report made with `--org-id` (the CLI in-process against the
 * simulator's admin API), imported into the app: the token facts are kept, the expiry findings
 * rebuilt from them with the app's own words, a hostile label or message never shown.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from './harness';
import { main } from '../../src/cli/main';
import type { Report } from '../../src/engine/model/report';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import { ORG, withOrganisation } from '../../simulator/worlds/organisation';
import { expectValidReport } from '../support/report-schema';

const PROJECTS = ['SYNC'];
const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

async function hostReport(h: Harness): Promise<Report> {
  let stdout = '';
  await main(
    [
      'check',
      '--site',
      h.sim.siteUrl,
      '--email',
      CREDENTIALS.sync.email,
      '--expect-account',
      ACCOUNT.sync,
      '--project',
      'SYNC',
      '--permissions',
      PERMISSIONS.join(','),
      '--org-id',
      ORG.id,
      '--admin-api',
      h.sim.adminApiUrl,
      '--format',
      'json',
    ],
    { JIRA_API_TOKEN: CREDENTIALS.sync.token, ATLASSIAN_ORG_API_KEY: ORG.key },
    {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      readStdin: () => Promise.reject(new Error('no stdin')),
    },
  );
  return JSON.parse(stdout) as Report;
}

const importAs = (h: Harness, report: unknown) =>
  call(h.runtime, {
    functionKey: 'importReport',
    accountId: ACCOUNT.admin,
    payload: {
      user: { accountId: ACCOUNT.sync },
      projects: PROJECTS,
      permissions: PERMISSIONS,
      report,
    },
  });

describe('a host report made with --org-id, imported into the app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(withOrganisation(healthy(), { daysLeft: 5 }).world);
  });
  afterAll(() => h.close());

  it('keeps the token facts; TOKEN_EXPIRES_SOON rebuilt, decides the verdict; expiry not counted as tested', async () => {
    const host = await hostReport(h);
    expect(host.verdict).toBe('fix-credentials');
    const res = await importAs(h, host);
    expect(res.error).toBeUndefined();
    const report = res.report as Report;
    expectValidReport(report);
    expect(report.verdict).toBe('fix-credentials');
    expect(report.tokenExpiry).toMatchObject({
      orgId: ORG.id,
      accountId: ACCOUNT.sync,
      email: null,
    });
    expect(report.tokenExpiry?.tokens[0]).toMatchObject({ label: 'synchronizer', daysLeft: 5 });
    expect(report.coverage.tokenExpiry).toBe('not-tested');
    expect(report.hostReport?.coverage?.tokenExpiry).toBe('tested');
    const soon = report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON');
    expect(soon).toMatchObject({ severity: 'error' });
    expect(soon?.message).toMatch(/not verified by the app/);
    // No email from the host: the token facts and the rebuilt findings name the account ID.
    expect(JSON.stringify([report.tokenExpiry, report.findings])).not.toContain(
      CREDENTIALS.sync.email,
    );
  });

  it('an edited report: a label that carries a link is not shown, the host’s words are not used', async () => {
    const host = await hostReport(h);
    const edited: Report = {
      ...host,
      findings: host.findings.map((f) =>
        f.code === 'TOKEN_EXPIRES_SOON'
          ? { ...f, message: 'Call +1 555 0100 to renew', steps: ['Visit https://evil.example'] }
          : f,
      ),
      tokenExpiry: host.tokenExpiry && {
        ...host.tokenExpiry,
        tokens: host.tokenExpiry.tokens.map((t) => ({
          ...t,
          label: 'renew at https://evil.example',
        })),
      },
    };
    const res = await importAs(h, edited);
    expect(res.error).toBeUndefined();
    const text = JSON.stringify(res.report);
    expect(text).not.toContain('evil.example');
    expect(text).not.toContain('555 0100');
    const report = res.report as Report;
    expect(report.tokenExpiry?.tokens[0]?.label).toBe('(label not shown)');
    expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity).toBe('error');
  });
});
