import {
  DC_SCENARIOS,
  startDataCenterSimulator,
  type DcScenario,
  type RunningDataCenter,
} from '../../simulator/datacenter';
import { startSimulator } from '../../simulator';
import { healthy } from '../../simulator/worlds/scenarios';
import { exitCodeFor } from '../../src/cli/exit-codes';
import type { FindingCode, Report, Verdict } from '../../src/engine/model/report';
import { parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';

interface DcCase {
  scenario: () => DcScenario;
  mode: 'token' | 'admin' | 'both';
  extra?: (s: DcScenario) => string[];
  verdict: Verdict;
  codes: FindingCode[];
  then?: (report: Report, sim: RunningDataCenter, s: DcScenario) => void;
}

function argsFor(sim: RunningDataCenter, s: DcScenario, c: DcCase) {
  const args = ['check', '--site', sim.baseUrl, '--format', 'json', '--timeout-ms', '3000'];
  for (const p of s.projects) args.push('--project', p);
  args.push('--permissions', s.permissions.join(','));
  const env: Record<string, string> = {};
  if (c.mode !== 'admin') {
    if (s.login.auth === 'basic') args.push('--username', s.login.username);
    else args.push('--auth', 'bearer');
    env.JIRA_API_TOKEN = s.login.secret;
  }
  if (c.mode !== 'token') {
    args.push('--admin-username', s.admin.username);
    env.JIRA_ADMIN_TOKEN = s.admin.secret;
    if (c.mode === 'admin') args.push('--user', s.syncUser);
  }
  args.push(...(c.extra?.(s) ?? []));
  return { args, env };
}

/** Runs `fn` against a Data Center simulator of `s`, closed afterwards whatever happens. */
async function withDcSimulator(
  s: DcScenario,
  fn: (sim: RunningDataCenter) => Promise<void>,
): Promise<void> {
  const sim = await startDataCenterSimulator(s.world);
  try {
    await fn(sim);
  } finally {
    await sim.close();
  }
}

/** `check` of project SYNC at `site`, then `flags`. */
function checkSync(site: string, ...flags: string[]): string[] {
  return ['check', '--site', site, '--project', 'SYNC', ...flags];
}

const onlyOneFailedLogin = (_r: Report, sim: RunningDataCenter): void => {
  expect(sim.failedLogins('svc-sync')).toBe(1);
  // Nothing else was sent with the refused credentials.
  expect(sim.log.filter((e) => e.scheme !== 'none')).toHaveLength(1);
};

const CASES: Array<[string, DcCase]> = [
  [
    'healthy, password as Basic (token + admin)',
    {
      scenario: DC_SCENARIOS.healthyBasic,
      mode: 'both',
      verdict: 'ready',
      codes: [],
      then: (r) => {
        expect(r.deployment).toBe('datacenter');
        expect(r.tokenIdentity).toMatchObject({ username: 'svc-sync', accountId: 'JIRAUSER10100' });
        expect(r.subject?.username).toBe('svc-sync');
        expect(r.checks[0]).toMatchObject({ id: 'deployment', status: 'pass' });
        expect(r.checks.find((c) => c.id === 'cloud-only')?.status).toBe('skip');
        // Nothing Cloud-only was asked.
        const paths = r.checks.flatMap((c) => c.requests.map((q) => q.path));
        expect(paths.every((p) => p.startsWith('/rest/api/2/'))).toBe(true);
      },
    },
  ],
  [
    'healthy, personal access token as Bearer',
    {
      scenario: DC_SCENARIOS.healthyBearer,
      mode: 'token',
      extra: () => ['--expect-user', 'SVC-SYNC'],
      verdict: 'ready',
      codes: [],
      then: (_r, sim) =>
        expect(sim.log.some((e) => e.scheme === 'bearer' && e.ranAs === 'svc-sync')).toBe(true),
    },
  ],
  [
    'Jira Server is checked the same way',
    {
      scenario: DC_SCENARIOS.serverDeployment,
      mode: 'token',
      verdict: 'ready',
      codes: [],
      then: (r) => expect(r.deployment).toBe('server'),
    },
  ],
  [
    'wrong password → one failed login, no further attempt',
    {
      scenario: DC_SCENARIOS.wrongPassword,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['CREDENTIALS_REJECTED'],
      then: (r, sim) => {
        onlyOneFailedLogin(r, sim);
        expect(r.findings[0]?.message).toMatch(/sent as Basic/);
      },
    },
  ],
  [
    'a personal access token sent as Basic → the wrong scheme is named',
    {
      scenario: DC_SCENARIOS.patSentAsBasic,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['CREDENTIALS_REJECTED'],
      then: (r, sim) => {
        onlyOneFailedLogin(r, sim);
        expect(r.findings[0]?.message).toMatch(/accepts only as Bearer \(--auth bearer\)/);
        expect(r.findings[0]?.details).toEqual({ scheme: 'basic' });
      },
    },
  ],
  [
    'a password sent as Bearer → the wrong scheme is named',
    {
      scenario: DC_SCENARIOS.passwordSentAsBearer,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['CREDENTIALS_REJECTED'],
      then: (r) => {
        expect(r.findings[0]?.message).toMatch(/sent as Bearer .* password.*--username NAME/);
        expect(r.findings[0]?.details).toEqual({ scheme: 'bearer' });
      },
    },
  ],
  [
    'revoked personal access token',
    {
      scenario: DC_SCENARIOS.revokedPat,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['CREDENTIALS_REJECTED'],
    },
  ],
  [
    'expired personal access token',
    {
      scenario: DC_SCENARIOS.expiredPat,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['CREDENTIALS_REJECTED'],
    },
  ],
  [
    'Basic authentication switched off (D2: 403) → BASIC_AUTH_DISABLED, one attempt',
    {
      scenario: DC_SCENARIOS.basicAuthDisabled,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['BASIC_AUTH_DISABLED'],
      then: (r, sim) => {
        expect(r.findings[0]?.remedy).toMatch(/personal access token/);
        expect(sim.log.filter((e) => e.scheme !== 'none')).toHaveLength(1);
      },
    },
  ],
  [
    'CAPTCHA → LOGIN_CHALLENGE with the remedy, and no further attempt',
    {
      scenario: DC_SCENARIOS.captcha,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['LOGIN_CHALLENGE'],
      then: (r, sim) => {
        onlyOneFailedLogin(r, sim);
        const finding = r.findings.find((f) => f.code === 'LOGIN_CHALLENGE');
        expect(finding?.remedy).toMatch(/Sign in once through the browser .* as svc-sync/);
        expect(finding?.remedy).toMatch(/reset the failed-login count/);
      },
    },
  ],
  [
    'answers as anonymous although credentials were sent',
    {
      scenario: DC_SCENARIOS.anonymousAnswers,
      mode: 'token',
      verdict: 'fix-credentials',
      codes: ['ANONYMOUS_FALLBACK'],
      then: (r) => expect(r.findings[0]?.message).toMatch(/X-AUSERNAME/),
    },
  ],
  [
    'someone else’s token (--expect-user)',
    {
      scenario: DC_SCENARIOS.otherUsersPat,
      mode: 'token',
      extra: () => ['--expect-user', 'svc-sync'],
      verdict: 'fix-credentials',
      codes: ['WRONG_ACCOUNT'],
      then: (r) => expect(r.findings[0]?.message).toMatch(/Alice Example \(alice\).*svc-sync/),
    },
  ],
  [
    'someone else’s token (admin names the sync user)',
    {
      scenario: DC_SCENARIOS.otherUsersPat,
      mode: 'both',
      extra: (s) => ['--user', s.syncUser],
      verdict: 'fix-credentials',
      codes: ['WRONG_ACCOUNT'],
    },
  ],
  [
    'missing permissions (token mode, mypermissions per project)',
    {
      scenario: DC_SCENARIOS.missingPermission,
      mode: 'token',
      verdict: 'fix-permissions',
      codes: ['MISSING_PERMISSION', 'MISSING_PERMISSION'],
      then: (r) => {
        expect(r.projects.find((p) => p.key === 'OPS')?.permissions).toEqual({
          BROWSE_PROJECTS: true,
          CREATE_ISSUES: false,
          EDIT_ISSUES: false,
        });
      },
    },
  ],
  [
    'missing permissions (admin mode, user/permission/search)',
    {
      scenario: DC_SCENARIOS.missingPermission,
      mode: 'admin',
      verdict: 'fix-permissions',
      codes: ['MISSING_PERMISSION', 'MISSING_PERMISSION'],
      then: (r, sim) => {
        expect(r.projects.find((p) => p.key === 'SYNC')?.permissions['CREATE_ISSUES']).toBe(true);
        // Why, from the permission scheme and the project roles, with the least-privilege fix.
        const ops = r.projects.find((p) => p.key === 'OPS')?.explanation;
        expect(ops?.scheme.name).toBe('Default Permission Scheme');
        expect(ops?.userRoles).toEqual(['Users']);
        expect(ops?.recommendation?.roles).toEqual(['Developers']);
        const missing = r.findings.find((f) => f.code === 'MISSING_PERMISSION');
        expect(missing?.remedy).toMatch(/Developers/);
        expect(
          sim.log.some((e) =>
            e.path.startsWith('/rest/api/2/user/permission/search?username=svc-sync'),
          ),
        ).toBe(true);
      },
    },
  ],
  [
    'project not visible (token mode)',
    {
      scenario: DC_SCENARIOS.projectNotVisible,
      mode: 'token',
      verdict: 'fix-permissions',
      codes: ['PROJECT_NOT_VISIBLE'],
    },
  ],
  [
    'one permission (admin mode): user/permission/search asked once per project',
    {
      scenario: () => ({ ...DC_SCENARIOS.projectNotVisible(), permissions: ['BROWSE_PROJECTS'] }),
      mode: 'admin',
      verdict: 'fix-permissions',
      codes: ['PROJECT_NOT_VISIBLE'],
      then: (r, sim) => {
        expect(r.projects.find((p) => p.key === 'HIDDEN')?.permissions).toEqual({
          BROWSE_PROJECTS: false,
        });
        const searches = sim.log.filter((e) =>
          e.path.startsWith('/rest/api/2/user/permission/search'),
        );
        expect(
          searches.map((e) => new URL(e.path, sim.baseUrl).searchParams.get('projectKey')).sort(),
        ).toEqual(['HIDDEN', 'SYNC']);
      },
    },
  ],
  [
    'project does not exist (admin mode)',
    {
      scenario: DC_SCENARIOS.projectMissing,
      mode: 'both',
      verdict: 'fix-configuration',
      codes: ['PROJECT_NOT_FOUND'],
    },
  ],
  [
    'sync user is a Jira administrator',
    {
      scenario: DC_SCENARIOS.overPrivileged,
      mode: 'token',
      verdict: 'ready',
      codes: ['OVER_PRIVILEGED'],
    },
  ],
  [
    'inactive sync user (admin view)',
    {
      scenario: DC_SCENARIOS.inactiveUser,
      mode: 'admin',
      verdict: 'fix-credentials',
      codes: ['ACCOUNT_INACTIVE'],
    },
  ],
  [
    'unknown sync user (admin view)',
    {
      scenario: () => ({ ...DC_SCENARIOS.healthyBasic(), syncUser: 'nobody' }),
      mode: 'admin',
      verdict: 'fix-configuration',
      codes: ['USER_NOT_FOUND'],
    },
  ],
  [
    'checking account is no administrator',
    {
      scenario: DC_SCENARIOS.checkerNotAdmin,
      mode: 'admin',
      verdict: 'inconclusive',
      codes: ['CHECKER_NOT_ADMIN'],
    },
  ],
];

describe('CLI subprocess over the Data Center simulator', () => {
  beforeAll(requireBuiltCli);

  it.each(CASES)('%s', async (_name, c) => {
    const s = c.scenario();
    await withDcSimulator(s, async (sim) => {
      const { args, env } = argsFor(sim, s, c);
      const run = await runCliProcess(args, env);
      const report = parseReport(run);
      expect({ verdict: report.verdict, code: run.code }).toEqual({
        verdict: c.verdict,
        code: exitCodeFor(c.verdict),
      });
      expect(
        report.findings
          .filter((f) => f.severity !== 'info')
          .map((f) => f.code)
          .sort(),
      ).toEqual([...c.codes].sort());
      for (const secret of [s.login.secret, s.admin.secret]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
      c.then?.(report, sim, s);
    });
  });

  it('a personal access token piped in with --token-stdin', async () => {
    const s = DC_SCENARIOS.healthyBearer();
    await withDcSimulator(s, async (sim) => {
      const run = await runCliProcess(
        checkSync(sim.baseUrl, '--auth', 'bearer', '--token-stdin', '--format', 'json'),
        {},
        `${s.login.secret}\n`,
      );
      const report = parseReport(run);
      expect(report.verdict).toBe('ready');
      expect(run.stdout + run.stderr).not.toContain(s.login.secret);
    });
  });

  it('text and Markdown name the deployment and the username', async () => {
    const s = DC_SCENARIOS.healthyBasic();
    await withDcSimulator(s, async (sim) => {
      for (const format of ['text', 'markdown']) {
        const run = await runCliProcess(
          checkSync(sim.baseUrl, '--username', 'svc-sync', '--format', format),
          { JIRA_API_TOKEN: s.login.secret, NO_COLOR: '1' },
        );
        expect(run.code).toBe(0);
        expect(run.stdout).toMatch(/Jira\W+Jira Data Center/);
        if (format === 'markdown') expect(run.stdout).toContain('username `svc-sync`');
      }
    });
  });

  it('an unreachable instance → fix-connectivity (exit 6), credentials never judged', async () => {
    const s = DC_SCENARIOS.healthyBasic();
    const sim = await startDataCenterSimulator(s.world);
    const site = sim.baseUrl;
    await sim.close();
    const run = await runCliProcess(
      checkSync(site, '--username', 'svc-sync', '--format', 'json', '--timeout-ms', '2000'),
      { JIRA_API_TOKEN: s.login.secret },
    );
    const report = parseReport(run);
    expect({ verdict: report.verdict, code: run.code }).toEqual({
      verdict: 'fix-connectivity',
      code: 6,
    });
    expect(report.findings.map((f) => f.code)).toContain('SITE_UNREACHABLE');
    expect(report.findings.some((f) => f.category === 'credentials')).toBe(false);
    // Jira never said which it is: the Data Center flags decided, and the check says so.
    expect(report.checks[0]).toMatchObject({ id: 'deployment', status: 'warn' });
  });

  it('--deployment datacenter skips detection', async () => {
    const s = DC_SCENARIOS.healthyBearer();
    await withDcSimulator(s, async (sim) => {
      const run = await runCliProcess(
        checkSync(
          sim.baseUrl,
          '--auth',
          'bearer',
          '--deployment',
          'datacenter',
          '--format',
          'json',
        ),
        { JIRA_API_TOKEN: s.login.secret },
      );
      const report = parseReport(run);
      expect(report.deployment).toBe('datacenter');
      expect(sim.log.some((e) => e.path.includes('serverInfo'))).toBe(false);
    });
  });

  it('Cloud credentials against Data Center: a usage error naming what Jira said, nothing sent with them', async () => {
    const s = DC_SCENARIOS.healthyBasic();
    await withDcSimulator(s, async (sim) => {
      const run = await runCliProcess(checkSync(sim.baseUrl, '--email', 'sync@example.com'), {
        JIRA_API_TOKEN: 'secret-value-123',
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is Jira Data Center 10\.3\.19 .*--username NAME/);
      expect(sim.log.filter((e) => e.scheme !== 'none')).toHaveLength(0);
    });
  });

  it('Data Center credentials against Jira Cloud: a usage error', async () => {
    const sc = healthy();
    const sim = await startSimulator(sc.world, { latencyMs: 0 });
    try {
      const run = await runCliProcess(
        ['check', '--site', sim.siteUrl, '--project', 'SYNC', '--auth', 'bearer'],
        { JIRA_API_TOKEN: 'secret-value-123' },
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is Jira Cloud .*--email/);
    } finally {
      await sim.close();
    }
  });

  it('Jira Cloud runs report deployment "cloud"', async () => {
    const sc = healthy();
    const sim = await startSimulator(sc.world, { latencyMs: 0 });
    try {
      const run = await runCliProcess(
        [
          'check',
          '--site',
          sim.siteUrl,
          '--gateway',
          sim.gatewayUrl,
          '--format',
          'json',
          '--email',
          sc.login.email,
          ...sc.projects.flatMap((p) => ['--project', p]),
        ],
        { JIRA_API_TOKEN: sc.login.secret },
      );
      const report = parseReport(run);
      expect(report.deployment).toBe('cloud');
      expect(report.checks[0]).toMatchObject({ id: 'deployment', status: 'pass' });
    } finally {
      await sim.close();
    }
  });
});
