/**
 * Data Center as it really answers (#23, jira-captures D1–D5), through the CLI in-process (the
 * real engine and HTTP client) against the Data Center simulator.
 */
import {
  DC_SCENARIOS,
  startDataCenterSimulator,
  type DcScenario,
  type RunningDataCenter,
} from '../../simulator/datacenter';
import { exitCodeFor } from '../../src/cli/exit-codes';
import type { Report } from '../../src/engine/model/report';
import { expectValidReport } from '../support/report-schema';
import { runCli } from './run-cli';

async function check(
  s: DcScenario,
  extra: string[] = [],
): Promise<{ report: Report; code: number; sim: RunningDataCenter; stderr: string }> {
  const sim = await startDataCenterSimulator(s.world);
  try {
    const args = ['check', '--site', sim.baseUrl, '--format', 'json', '--timeout-ms', '3000'];
    for (const p of s.projects) args.push('--project', p);
    args.push('--permissions', s.permissions.join(','));
    if (s.login.auth === 'basic') args.push('--username', s.login.username);
    else args.push('--auth', 'bearer');
    const run = await runCli([...args, ...extra], { env: { JIRA_API_TOKEN: s.login.secret } });
    const report = JSON.parse(run.stdout) as Report;
    expectValidReport(report);
    expect(run.stdout + run.stderr).not.toContain(s.login.secret);
    return { report, code: run.code, sim, stderr: run.stderr };
  } finally {
    await sim.close();
  }
}

const codes = (r: Report) => r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);

describe('Data Center as it answers', () => {
  it('D1: deploymentType "Server" on 10.3.19 is Data Center', async () => {
    const { report, code } = await check(DC_SCENARIOS.healthyBasic());
    expect({ verdict: report.verdict, code }).toEqual({ verdict: 'ready', code: 0 });
    expect(report.deployment).toBe('datacenter');
    expect(report.checks[0]?.detail).toMatch(
      /Jira Data Center 10\.3\.19 .*"Server".*Data Center only/,
    );
  });

  it('D1: "Server" on 9.12.15 stays server, named "Jira Server or Data Center"', async () => {
    const { report } = await check(DC_SCENARIOS.serverDeployment());
    expect(report.deployment).toBe('server');
    expect(report.checks[0]?.detail).toMatch(/^Jira Server or Data Center 9\.12\.15 /);
    expect(report.checks[0]?.detail).toMatch(/--deployment datacenter/);
  });

  it('--deployment datacenter is never overridden (not by a "Server" answer either)', async () => {
    const { report } = await check(DC_SCENARIOS.serverDeployment(), ['--deployment', 'datacenter']);
    expect(report.deployment).toBe('datacenter');
  });

  it('the documented "DataCenter" value still means Data Center', async () => {
    const { report } = await check(DC_SCENARIOS.documentedDataCenter());
    expect(report.deployment).toBe('datacenter');
  });

  it('D2: Basic switched off → BASIC_AUTH_DISABLED, fix-credentials (exit 3), one attempt only', async () => {
    const { report, code, sim } = await check(DC_SCENARIOS.basicAuthDisabled());
    expect({ verdict: report.verdict, code }).toEqual({
      verdict: 'fix-credentials',
      code: exitCodeFor('fix-credentials'),
    });
    expect(code).toBe(3);
    expect(codes(report)).toEqual(['BASIC_AUTH_DISABLED']);
    const finding = report.findings[0];
    expect(finding?.message).toContain('Basic Authentication has been disabled on this instance.');
    expect(finding?.steps.join(' ')).toMatch(/personal access token/);
    expect(finding?.steps.join(' ')).toMatch(/Bearer/);
    // One request with the credentials, nothing after it.
    expect(sim.log.filter((e) => e.scheme === 'basic')).toHaveLength(1);
  });

  it('D3: AUTHENTICATION_DENIED without the CAPTCHA header → LOGIN_DENIED naming the causes, never a certain CAPTCHA', async () => {
    const { report, code, sim } = await check(DC_SCENARIOS.loginDenied());
    expect(code).toBe(3);
    expect(codes(report)).toEqual(['LOGIN_DENIED']);
    const text = `${report.findings[0]?.message} ${report.findings[0]?.remedy}`;
    expect(text).toMatch(/CAPTCHA/);
    expect(text).toMatch(/single sign-on/);
    expect(text).toMatch(/directory/);
    expect(text).toMatch(/did not send X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE/);
    expect(sim.log.filter((e) => e.scheme === 'basic')).toHaveLength(1);
  });

  it('D3: with the CAPTCHA header it is LOGIN_CHALLENGE', async () => {
    const { report } = await check(DC_SCENARIOS.captcha());
    expect(codes(report)).toEqual(['LOGIN_CHALLENGE']);
    expect(report.findings[0]?.message).toMatch(/CAPTCHA_CHALLENGE/);
  });

  it('D4: a refused personal access token names tokens switched off on the instance', async () => {
    const { report, code } = await check(DC_SCENARIOS.patsDisabled());
    expect(code).toBe(3);
    expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
    expect(report.findings[0]?.message).toMatch(
      /personal access tokens are switched off on this instance/,
    );
  });

  it('D5: a wrong token is answered as anonymous; /myself needs a login, so it is refused once', async () => {
    const { report, sim } = await check(DC_SCENARIOS.revokedPat());
    expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
    expect(sim.log.filter((e) => e.scheme === 'bearer')).toHaveLength(1);
  });

  it('D5: mypermissions ignores permissions= and returns every key; only the asked ones are read', async () => {
    const s = DC_SCENARIOS.missingPermission();
    const { report } = await check(s);
    expect(report.projects.find((p) => p.key === 'OPS')?.permissions).toEqual({
      BROWSE_PROJECTS: true,
      CREATE_ISSUES: false,
      EDIT_ISSUES: false,
    });
  });

  it('unsourced claims are gone from the remedies: no "default since Jira 11", tokens avoid the CAPTCHA only as a report', async () => {
    const wrong = await check(DC_SCENARIOS.wrongPassword());
    const text = JSON.stringify(wrong.report.findings);
    expect(text).not.toMatch(/default since Jira 11/);
    expect(text).not.toMatch(/tokens are not subject to the CAPTCHA/);
    expect(text).toMatch(/users report that it does not trigger the CAPTCHA/);
  });
});
