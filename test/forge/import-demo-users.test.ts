/**
 * Import accepts what the CLI writes (#24): the report the CLI writes on the synchronizer's host
 * for each demo user — healthy, refused, scoped, without permissions, a portal customer, and
 * connectivity failures (the API gateway unreachable from the host, the host outside the site's IP
 * allowlist) — imports unchanged. The tamper check judges facts (codes, categories, severities the
 * engine writes, the verdict they give), never wording.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from './harness';
import { createServer } from 'node:net';
import { buildHostCommand } from '../../src/engine/presentation/host-command';
import type { Report } from '../../src/engine/model/report';
import { DEMO_CREDENTIALS, demoWorld } from '../../simulator/worlds/demo';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';

const PROJECTS = ['SYNC', 'WEB'];
const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

/** A local port nothing listens on: the host cannot reach it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let h: Harness;
beforeAll(async () => {
  requireBuiltCli();
  h = await startHarness(demoWorld());
});
afterAll(() => h.close());

function accountOf(email: string): string {
  const user = h.sim.world.users.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user.accountId;
}

async function hostReport(
  key: string,
  options: { gateway?: string } = {},
): Promise<{ report: Report; accountId: string }> {
  const credential = DEMO_CREDENTIALS.find((c) => c.key === key);
  if (!credential) throw new Error(`no demo credential ${key}`);
  const accountId = accountOf(credential.email);
  const site =
    credential.use === 'gateway' ? `${h.sim.gatewayUrl}/ex/jira/${h.sim.cloudId}` : h.sim.siteUrl;
  const command = buildHostCommand({
    site,
    email: credential.email,
    accountId,
    projects: PROJECTS,
    permissions: PERMISSIONS,
    preset: 'sync-basic',
  });
  const [, ...args] = command.argv;
  const run = await runCliProcess([...args, '--gateway', options.gateway ?? h.sim.gatewayUrl], {
    JIRA_API_TOKEN: credential.secret,
  });
  return { report: parseReport(run), accountId };
}

function importReport(report: Report, accountId: string) {
  return call(h.runtime, {
    functionKey: 'importReport',
    accountId: ACCOUNT.admin,
    payload: { user: { accountId }, projects: PROJECTS, permissions: PERMISSIONS, report },
  });
}

describe('every report the CLI writes for a demo user imports unchanged', () => {
  const users = DEMO_CREDENTIALS.map((c) => c.key);

  it.each(users)('%s', async (key) => {
    const { report, accountId } = await hostReport(key);
    const res = await importReport(report, accountId);
    expect(res.error).toBeUndefined();
    const merged = res.report as Report;
    expect(merged.hostReport?.verdict).toBe(report.verdict);
  });

  it('the API gateway unreachable from the host (SITE_UNREACHABLE as information)', async () => {
    // Wendy's email with Alice's token: refused at the site, so the CLI tries the gateway once.
    const { report, accountId } = await hostReport('wrong-owner', {
      gateway: `http://127.0.0.1:${await closedPort()}`,
    });
    const unreachable = report.findings.find((f) => f.code === 'SITE_UNREACHABLE');
    expect(unreachable?.severity).toBe('info');
    const res = await importReport(report, accountId);
    expect(res.error).toBeUndefined();
    expect((res.report as Report).findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
  });

  it('the host outside the site’s IP allowlist (fix-connectivity)', async () => {
    h.sim.world.site.ipAllowlist = ['192.0.2.10'];
    let host: { report: Report; accountId: string };
    try {
      host = await hostReport('sync');
    } finally {
      delete h.sim.world.site.ipAllowlist;
    }
    expect(host.report.verdict).toBe('fix-connectivity');
    const res = await importReport(host.report, host.accountId);
    expect(res.error).toBeUndefined();
    expect((res.report as Report).findings.map((f) => f.code)).toContain('IP_NOT_ALLOWED');
  });

  it('still refuses a report whose facts were changed: a severity the engine never writes', async () => {
    const { report, accountId } = await hostReport('wrong-owner');
    const edited = {
      ...report,
      findings: report.findings.map((f) =>
        f.code === 'CREDENTIALS_REJECTED' ? { ...f, severity: 'warning' as const } : f,
      ),
    };
    const res = await importReport(edited, accountId);
    expect(res.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(String((res.error as { message?: string }).message)).toContain(
      'changed after the CLI wrote it',
    );
  });
});
