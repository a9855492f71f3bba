import { projectByKey } from '../../simulator/builders';
import {
  SCENARIOS,
  ACCOUNT,
  CREDENTIALS,
  EXTERNAL_ID,
  STAFF_LEVEL,
  healthy,
} from '../../simulator/worlds/scenarios';
import { codes, finding, runScenario, withScenario } from '../support/scenario';

/**
 * One scenario per finding code and verdict, through the engine over real HTTP to the simulator.
 * Every report is validated against schema/report.schema.json and every exchange against the
 * official OpenAPI spec (see withScenario / runScenario).
 */
describe('engine scenarios over the simulator', () => {
  it('healthy sync user → ready, every permission held', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      for (const mode of ['token', 'admin', 'both'] as const) {
        const report = await runScenario(sim, s, { mode });
        expect({ mode, verdict: report.verdict, codes: codes(report) }).toEqual({
          mode,
          verdict: 'ready',
          codes: [],
        });
        expect(report.subject?.accountId).toBe(ACCOUNT.sync);
        expect(report.projects.map((p) => [p.key, p.visible, p.permissions])).toEqual(
          ['SYNC', 'OPS', 'HR'].map((k) => [
            k,
            true,
            { BROWSE_PROJECTS: true, CREATE_ISSUES: true, EDIT_ISSUES: true },
          ]),
        );
      }
    });
  });

  it.each([['tokenFromAnotherAccount'], ['expiredToken'], ['revokedToken']] as const)(
    '%s → fix-credentials with CREDENTIALS_REJECTED, one attempt at each of site and gateway',
    async (id) => {
      const s = SCENARIOS[id]();
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode: 'token' });
        expect(report.verdict).toBe('fix-credentials');
        expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
        expect(report.projects.every((p) => p.visible === null)).toBe(true);
        expect(sim.authAttempts(s.login.email).failed).toBeLessThanOrEqual(2);
        expect(report.checks.find((c) => c.id === 'scoped-token-probe')?.status).toBe('pass');
      });
    },
  );

  it('a 401 at /myself stays CREDENTIALS_REJECTED when the gateway probe fails (its failure is information)', async () => {
    const s = SCENARIOS.expiredToken();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/myself', target: 'gateway', status: 500 });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
      expect(
        report.findings.filter((f) => f.step === 'scoped-token-probe').map((f) => f.severity),
      ).toEqual(['info']);
    });
  });

  it('scoped token at the site URL → SCOPED_TOKEN_AT_SITE_URL, and permissions read through the gateway', async () => {
    const s = SCENARIOS.scopedToken();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toEqual(['SCOPED_TOKEN_AT_SITE_URL']);
      expect(finding(report, 'SCOPED_TOKEN_AT_SITE_URL')?.message).toContain('/ex/jira/');
      expect(report.tokenIdentity).toMatchObject({
        accountId: ACCOUNT.sync,
        acceptedAt: 'gateway',
      });
      expect(
        report.projects.every((p) => p.visible === true && p.permissions.CREATE_ISSUES === true),
      ).toBe(true);
      expect(
        report.checks
          .find((c) => c.id === 'token-projects')
          ?.requests.every((r) => r.target === 'gateway'),
      ).toBe(true);
    });
  });

  it.each(['anonymous-fallback', 'anonymous-unflagged', 'reject'] as const)(
    'scoped token at the site answered %s (C6) → exactly one SCOPED_TOKEN_AT_SITE_URL, no permission blame',
    async (atSite) => {
      const s = SCENARIOS.scopedToken();
      s.world.site.scopedTokenAtSite = atSite;
      await withScenario(s, async (sim) => {
        for (const mode of ['token', 'both'] as const) {
          const report = await runScenario(sim, s, { mode });
          expect({ mode, verdict: report.verdict, codes: codes(report) }).toEqual({
            mode,
            verdict: 'fix-credentials',
            codes: ['SCOPED_TOKEN_AT_SITE_URL'],
          });
          expect(report.findings.filter((f) => f.category === 'permissions')).toEqual([]);
          expect(report.projects.every((p) => p.visible === true)).toBe(true);
        }
      });
    },
  );

  it('X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK alone (plain body) on the check’s own read → a scope refusal, not blamed on the token, and later gateway calls still go out', async () => {
    const s = SCENARIOS.scopedToken();
    await withScenario(s, async (sim) => {
      sim.faults.add({
        route: 'POST /rest/api/3/permissions/check',
        target: 'gateway',
        status: 401,
        headers: { 'X-Failure-Category': 'FAILURE_CLIENT_SCOPE_CHECK' },
        body: '{"code":401,"message":"Unauthorized"}',
      });
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      // Only the check needs that read (#12): reported as not read, never as TOKEN_SCOPE_INSUFFICIENT.
      expect(codes(report)).toEqual(['SCOPED_TOKEN_AT_SITE_URL']);
      expect(report.checks.find((c) => c.id === 'token-permissions')?.status).toBe('skip');
      expect(codes(report)).not.toContain('CREDENTIALS_REJECTED');
      // The scope probes went out after the refusal, through the same credential.
      expect(report.checks.find((c) => c.id === 'token-scopes')?.status).toBe('pass');
    });
  });

  it('scoped token at the site lacking read:jira-user and write:jira-work → SCOPED_TOKEN_AT_SITE_URL, and TOKEN_SCOPE_INSUFFICIENT for the writes only', async () => {
    const s = SCENARIOS.scopedTokenMissingScope();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report).sort()).toEqual([
        'SCOPED_TOKEN_AT_SITE_URL',
        'TOKEN_SCOPE_INSUFFICIENT',
        'TOKEN_SCOPE_INSUFFICIENT',
      ]);
      // /myself (read:jira-user) is the check's need only: never a finding.
      expect(
        report.findings
          .filter((f) => f.code === 'TOKEN_SCOPE_INSUFFICIENT')
          .map((f) => f.operation),
      ).toEqual(['create', 'edit']);
    });
  });

  it('archived and trashed projects (J1) → PROJECT_ARCHIVED / PROJECT_IN_TRASH, never PROJECT_NOT_FOUND', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      for (const mode of ['admin', 'both'] as const) {
        const report = await runScenario(sim, s, {
          mode,
          projects: ['SYNC', 'OLD', 'BIN', 'NOPE'],
        });
        expect(report.verdict).toBe('fix-configuration');
        expect(codes(report).sort()).toEqual([
          'PROJECT_ARCHIVED',
          'PROJECT_IN_TRASH',
          'PROJECT_NOT_FOUND',
        ]);
        expect(finding(report, 'PROJECT_ARCHIVED', 'OLD')?.category).toBe('configuration');
        expect(finding(report, 'PROJECT_IN_TRASH', 'BIN')?.severity).toBe('error');
        expect(finding(report, 'PROJECT_NOT_FOUND', 'NOPE')).toBeDefined();
        expect(report.projects.find((p) => p.key === 'OLD')?.exists).toBe(true);
      }
      // The lookups were asked of Jira with the documented status filter.
      const statuses = sim.log
        .filter((e) => e.path.endsWith('/rest/api/3/project/search'))
        .flatMap((e) => e.query['status'] ?? []);
      expect(new Set(statuses)).toEqual(new Set(['archived', 'deleted']));
    });
  });

  it('a failed archived/trash lookup never turns into PROJECT_NOT_FOUND', async () => {
    const s = SCENARIOS.retiredProjects();
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /rest/api/3/project/search', status: 500, afterMatches: 1 });
      const report = await runScenario(sim, s, { mode: 'admin', projects: ['SYNC', 'OLD'] });
      expect(codes(report)).not.toContain('PROJECT_NOT_FOUND');
      expect(report.verdict).toBe('inconclusive');
    });
  });

  it('password instead of a token → PASSWORD_NOT_TOKEN without probing the gateway', async () => {
    const s = SCENARIOS.passwordInsteadOfToken();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toEqual(['PASSWORD_NOT_TOKEN']);
      expect(sim.authAttempts(s.login.email)).toEqual({ total: 1, failed: 1 });
      expect(sim.log.some((e) => e.target === 'gateway')).toBe(false);
    });
  });

  it('token of another (valid) account → WRONG_ACCOUNT, by expected account ID and by the admin view', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };
      const byId = await runScenario(sim, s, {
        mode: 'token',
        login,
        expectAccountId: ACCOUNT.sync,
      });
      expect(byId.verdict).toBe('fix-credentials');
      expect(codes(byId)).toContain('WRONG_ACCOUNT');

      const byEmail = await runScenario(sim, s, {
        mode: 'token',
        login,
        expectEmail: CREDENTIALS.sync.email,
      });
      expect(codes(byEmail)).toContain('WRONG_ACCOUNT');

      const both = await runScenario(sim, s, { mode: 'both', login, user: ACCOUNT.sync });
      expect(both.verdict).toBe('fix-credentials');
      expect(codes(both)).toEqual(['WRONG_ACCOUNT']);
      // The matrix describes the intended sync user, not the account the token belongs to.
      expect(both.subject?.accountId).toBe(ACCOUNT.sync);
      expect(both.tokenIdentity).toMatchObject({ accountId: ACCOUNT.admin, acceptedAt: 'site' });
      expect(codes(both)).not.toContain('OVER_PRIVILEGED');
    });
  });

  it('email hidden by privacy → still ready by token; cannot compare emails; admin lookup by email says USER_NOT_FOUND', async () => {
    const s = SCENARIOS.emailHidden();
    await withScenario(s, async (sim) => {
      const byToken = await runScenario(sim, s, {
        mode: 'token',
        expectEmail: CREDENTIALS.sync.email,
      });
      expect(byToken.verdict).toBe('ready');
      const expected = byToken.checks.find((c) => c.id === 'expected-account');
      expect(expected?.status === 'warn' || expected?.status === 'pass').toBe(true);

      const byAdmin = await runScenario(sim, s, { mode: 'admin', user: CREDENTIALS.sync.email });
      expect(byAdmin.verdict).toBe('fix-configuration');
      expect(codes(byAdmin)).toEqual(['USER_NOT_FOUND']);
      expect(byAdmin.subject).toBeNull();

      const byAccountId = await runScenario(sim, s, { mode: 'admin', user: ACCOUNT.sync });
      expect(byAccountId.verdict).toBe('ready');
      expect(byAccountId.subject?.email).toBeNull();
    });
  });

  it('missing Create in one of three projects → fix-permissions with one MISSING_PERMISSION and an explained fix', async () => {
    const s = SCENARIOS.missingCreateInOneProject();
    await withScenario(s, async (sim) => {
      for (const mode of ['token', 'admin'] as const) {
        const report = await runScenario(sim, s, { mode });
        expect(report.verdict).toBe('fix-permissions');
        expect(codes(report)).toEqual(['MISSING_PERMISSION']);
        expect(finding(report, 'MISSING_PERMISSION', 'OPS', 'CREATE_ISSUES')).toBeDefined();
        const ops = report.projects.find((p) => p.key === 'OPS');
        expect(ops?.permissions).toEqual({
          BROWSE_PROJECTS: true,
          CREATE_ISSUES: false,
          EDIT_ISSUES: true,
        });
        if (mode === 'token') {
          // The create screen of OPS could not be read: the check does not pass as if it had been.
          const readiness = report.checks.find((c) => c.id === 'create-readiness');
          expect(readiness?.status).toBe('warn');
          expect(readiness?.detail).toMatch(/Not read: OPS /);
        }
      }
      const admin = await runScenario(sim, s, { mode: 'admin' });
      const ops = admin.projects.find((p) => p.key === 'OPS');
      const why = ops?.explanation?.permissions.find((p) => p.permission === 'CREATE_ISSUES');
      expect(why?.held).toBe(false);
      expect(why?.grantsInScheme).toEqual(
        expect.arrayContaining([
          'project role Administrators',
          'project role atlassian-addons-project-access',
        ]),
      );
      expect(ops?.explanation?.userRoles).toEqual(['Developers']);
      // Least privilege: never the role that administers the project, and the app-access role is
      // for app users only; so the fix is a grant to the role the user already has.
      expect(ops?.explanation?.recommendation?.roles).toEqual([]);
      expect(ops?.explanation?.recommendation?.ungranted).toEqual(['CREATE_ISSUES']);
      expect(finding(admin, 'MISSING_PERMISSION', 'OPS')?.steps[0]).toContain(
        'add a grant of Create Issues to project role "Developers", which',
      );
      // Only OPS needed explaining, so only its scheme and roles were read.
      const explained = admin.checks.find((c) => c.id === 'grant-explanation');
      expect(explained?.requests.some((r) => r.path.includes('/project/SYNC/'))).toBe(false);
    });
  });

  it('held permission explained through a group in a project role (explain all)', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin', explain: 'all' });
      const create = report.projects[0]?.explanation?.permissions.find(
        (p) => p.permission === 'CREATE_ISSUES',
      );
      expect(create?.held).toBe(true);
      expect(create?.grantedBy).toEqual([
        'project role Developers, through group jira-software-users',
      ]);
      // Three projects share one scheme: it is fetched once.
      const schemeReads = report.checks
        .flatMap((c) => c.requests)
        .filter((r) => /^\/rest\/api\/3\/permissionscheme\/\d+/.test(r.path));
      expect(schemeReads).toHaveLength(1);
    });
  });

  it('project not visible vs not existing: token cannot tell, the admin view can', async () => {
    const s = SCENARIOS.projectHiddenVsMissing();
    await withScenario(s, async (sim) => {
      const token = await runScenario(sim, s, { mode: 'token' });
      expect(token.verdict).toBe('fix-permissions');
      expect(codes(token).sort()).toEqual(['PROJECT_NOT_VISIBLE', 'PROJECT_NOT_VISIBLE']);

      const both = await runScenario(sim, s, { mode: 'both' });
      expect(both.verdict).toBe('fix-configuration');
      expect(finding(both, 'PROJECT_NOT_FOUND', 'NOPE')).toBeDefined();
      expect(finding(both, 'PROJECT_NOT_VISIBLE', 'SECRET')?.message).toContain('exists');
      expect(finding(both, 'PROJECT_NOT_VISIBLE', 'NOPE')).toBeUndefined();
      expect(both.projects.find((p) => p.key === 'NOPE')?.exists).toBe(false);
    });
  });

  it('Service Management portal-only customer account → CUSTOMER_ACCOUNT as the one cause', async () => {
    const s = SCENARIOS.serviceManagementPortalCustomer();
    // Portal-only customer accounts are `accountType: customer` on Cloud.
    const syncUser = s.world.users.find((u) => u.accountId === ACCOUNT.sync);
    if (syncUser) syncUser.accountType = 'customer';
    await withScenario(s, async (sim) => {
      for (const mode of ['token', 'admin'] as const) {
        const report = await runScenario(sim, s, { mode });
        expect(report.verdict).toBe('fix-permissions');
        expect(codes(report)).toEqual(['CUSTOMER_ACCOUNT']);
        expect(report.subject?.accountType).toBe('customer');
      }
    });
  });

  it('Atlassian account that is only a portal customer → NO_PRODUCT_ACCESS as the one cause', async () => {
    const s = SCENARIOS.serviceManagementPortalCustomer();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('fix-permissions');
      expect(codes(report)).toEqual(['NO_PRODUCT_ACCESS']);
      expect(report.projects[0]?.permissions.CREATE_ISSUES).toBe(false);
    });
  });

  it('Service Management user without an agent licence → JSM_AGENT_REQUIRED', async () => {
    const s = SCENARIOS.serviceManagementWithoutAgentLicence();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('fix-permissions');
      // The licence is the fix: the user is already in the role that carries the grants.
      expect(codes(report)).toEqual(['JSM_AGENT_REQUIRED']);
      const create = report.projects[0]?.explanation?.permissions.find(
        (p) => p.permission === 'CREATE_ISSUES',
      );
      expect(create?.grantedBy).toEqual(['project role Service Desk Team, as a direct member']);
      expect(create?.ineffective).toContain('agent licence');
    });
  });

  it('deactivated user → token rejected; the admin view names ACCOUNT_INACTIVE', async () => {
    const s = SCENARIOS.deactivatedUser();
    await withScenario(s, async (sim) => {
      const token = await runScenario(sim, s, { mode: 'token' });
      expect(codes(token)).toEqual(['CREDENTIALS_REJECTED']);
      const both = await runScenario(sim, s, { mode: 'both', user: ACCOUNT.sync });
      expect(both.verdict).toBe('fix-credentials');
      expect(codes(both)).toEqual(
        expect.arrayContaining(['CREDENTIALS_REJECTED', 'ACCOUNT_INACTIVE']),
      );
      expect(both.subject?.active).toBe(false);
    });
  });

  it('Jira-admin sync user → ready with an OVER_PRIVILEGED warning', async () => {
    const s = SCENARIOS.jiraAdminSyncUser();
    await withScenario(s, async (sim) => {
      for (const mode of ['token', 'admin'] as const) {
        const report = await runScenario(sim, s, { mode });
        expect(report.verdict).toBe('ready');
        expect(finding(report, 'OVER_PRIVILEGED')?.severity).toBe('warning');
      }
    });
  });

  it('no project visible at all → NO_PROJECTS_VISIBLE', async () => {
    const s = SCENARIOS.noProjectsVisible();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-permissions');
      expect(codes(report)).toContain('NO_PROJECTS_VISIBLE');
      expect(report.projects.every((p) => p.visible === false)).toBe(true);
    });
  });

  it('no product access → NO_PRODUCT_ACCESS', async () => {
    const s = SCENARIOS.noProductAccess();
    await withScenario(s, async (sim) => {
      for (const mode of ['token', 'admin'] as const) {
        const report = await runScenario(sim, s, { mode });
        expect(report.verdict).toBe('fix-permissions');
        expect(codes(report)).toContain('NO_PRODUCT_ACCESS');
      }
    });
  });

  it('app account → APP_ACCOUNT warning and role-only recommendations', async () => {
    const s = SCENARIOS.appAccount();
    await withScenario(s, async (sim) => {
      const admin = await runScenario(sim, s, {
        mode: 'admin',
        permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'DELETE_ISSUES'],
      });
      expect(finding(admin, 'APP_ACCOUNT')?.severity).toBe('warning');
      // J3: whether app and service accounts can join groups is unknown; roles are the safe path.
      const app = finding(admin, 'APP_ACCOUNT');
      expect(app?.message).not.toMatch(/cannot (be added to|join) groups/i);
      expect(app?.steps[0]).toMatch(/project roles/);
      const rec = admin.projects[0]?.explanation?.recommendation;
      expect(rec?.groups).toEqual([]);
      expect(rec?.ungranted).toEqual(['DELETE_ISSUES']);
      const token = await runScenario(sim, s, { mode: 'token' });
      expect(codes(token)).toEqual(
        expect.arrayContaining(['SCOPED_TOKEN_AT_SITE_URL', 'APP_ACCOUNT']),
      );
    });
  });

  it('IP allowlist → fix-connectivity with IP_NOT_ALLOWED', async () => {
    const s = SCENARIOS.ipAllowlist();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-connectivity');
      expect(codes(report)).toContain('IP_NOT_ALLOWED');
      // From this host: the advice is about this host's (and the synchronizer's) address.
      const ip = report.findings.find((f) => f.code === 'IP_NOT_ALLOWED');
      expect(ip?.message).toMatch(/the machine running the check/);
      expect(ip?.message).not.toMatch(/Forge/);
    });
  });

  it("IP allowlist from the Forge app's egress → says the request left from Forge, not the synchronizer", async () => {
    const s = SCENARIOS.ipAllowlist();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', origin: 'forge' });
      expect(report.verdict).toBe('fix-connectivity');
      const ip = report.findings.find((f) => f.code === 'IP_NOT_ALLOWED');
      expect(ip?.message).toMatch(/sent from Atlassian's Forge platform/);
      expect(ip?.message).toMatch(/not from the synchronizer's host/);
      expect(ip?.steps[0]).toMatch(/Check the credentials from the synchronizer's host/);
    });
  });

  it('login challenge → LOGIN_CHALLENGE', async () => {
    const s = SCENARIOS.loginChallenge();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toEqual(['LOGIN_CHALLENGE']);
    });
  });

  it('token revoked mid-check → ANONYMOUS_FALLBACK, no permission concluded from anonymous answers', async () => {
    const s = SCENARIOS.tokenRevokedMidCheck();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toContain('ANONYMOUS_FALLBACK');
      expect(codes(report)).not.toContain('PROJECT_NOT_VISIBLE');
      expect(codes(report)).not.toContain('NO_PROJECTS_VISIBLE');
      expect(codes(report)).not.toContain('MISSING_PERMISSION');
    });
  });

  it('site lacking a permission key → UNKNOWN_PERMISSION_KEY, the others still checked', async () => {
    const s = SCENARIOS.siteLacksPermission();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('fix-configuration');
      expect(codes(report)).toEqual(['UNKNOWN_PERMISSION_KEY']);
      expect(report.projects[0]?.permissions).toEqual({
        BROWSE_PROJECTS: true,
        CREATE_ISSUES: true,
        EDIT_ISSUES: true,
        MANAGE_SPRINTS_PERMISSION: null,
      });
    });
  });

  it('required fields on create → CREATE_REQUIRES_FIELDS warning naming project, issue type and field', async () => {
    const s = SCENARIOS.requiredFieldsOnCreate();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token' });
      expect(report.verdict).toBe('ready');
      const required = report.findings.filter((f) => f.code === 'CREATE_REQUIRES_FIELDS');
      expect(required.length).toBeGreaterThan(0);
      expect(required.every((f) => f.project === 'SYNC' && f.severity === 'warning')).toBe(true);
      expect(required[0]?.details).toMatchObject({
        fields: [expect.stringContaining('Customer impact')],
      });
    });
  });

  it('checker without Administer Jira → CHECKER_NOT_ADMIN and inconclusive', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'admin', admin: { ...CREDENTIALS.alice } });
      expect(report.verdict).toBe('inconclusive');
      expect(codes(report)).toContain('CHECKER_NOT_ADMIN');
    });
  });

  describe('the synchronizer’s fields on screens, and issue security (#12)', () => {
    it('a field missing from a create screen and an edit screen → FIELD_NOT_ON_SCREEN per project, issue type and screen', async () => {
      const s = SCENARIOS.fieldsNotOnScreens();
      await withScenario(s, async (sim) => {
        for (const mode of ['token', 'admin'] as const) {
          const report = await runScenario(sim, s, { mode });
          expect(report.verdict).toBe('fix-configuration');
          const screens = report.findings.filter((f) => f.code === 'FIELD_NOT_ON_SCREEN');
          const subjects = screens.map((f) => [f.project, f.details?.issueType, f.details?.screen]);
          // OPS: not on any create screen (Epic, Task, Bug, Story) nor on the edit screens read.
          for (const type of ['Epic', 'Task', 'Bug', 'Story'])
            expect(subjects).toContainEqual(['OPS', type, 'create']);
          expect(
            subjects.filter(([p, , screen]) => p === 'OPS' && screen === 'edit').length,
          ).toBeGreaterThan(0);
          // SYNC: on every create screen; missing from the edit screen of Task only.
          expect(subjects.filter(([p]) => p === 'SYNC')).toEqual([['SYNC', 'Task', 'edit']]);
          const syncTask = screens.find((f) => f.project === 'SYNC');
          expect(syncTask).toMatchObject({
            category: 'configuration',
            severity: 'error',
            details: { field: EXTERNAL_ID.id, screen: 'edit', issueType: 'Task' },
          });
          expect(syncTask?.details?.issueKey).toMatch(/^SYNC-\d+$/);
          expect(syncTask?.message).toContain('cannot be set. It is not on the appropriate screen');
          expect(syncTask?.links.map((l) => l.url)).toContain(
            `${sim.siteUrl}/plugins/servlet/project-config/SYNC/screens`,
          );
          expect(report.fields).toEqual([
            { given: 'summary', id: 'summary', name: 'Summary' },
            { given: 'description', id: 'description', name: 'Description' },
            { given: EXTERNAL_ID.name, id: EXTERNAL_ID.id, name: EXTERNAL_ID.name },
          ]);
          const sync = report.projects.find((p) => p.key === 'SYNC');
          expect(sync?.screens).toContainEqual(
            expect.objectContaining({
              screen: 'edit',
              issueType: 'Task',
              missing: [EXTERNAL_ID.id],
            }),
          );
          expect(sync?.screens).toContainEqual({
            screen: 'create',
            issueType: 'Bug',
            onScreen: ['summary', 'description', EXTERNAL_ID.id],
            missing: [],
          });
        }
      });
    });

    it('--issue-types narrows the screens checked', async () => {
      const s = SCENARIOS.fieldsNotOnScreens();
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode: 'token', issueTypes: ['Bug'] });
        const subjects = report.findings
          .filter((f) => f.code === 'FIELD_NOT_ON_SCREEN')
          .map((f) => [f.project, f.details?.issueType, f.details?.screen]);
        expect(subjects).toEqual([
          ['OPS', 'Bug', 'create'],
          ['OPS', 'Bug', 'edit'],
        ]);
        const search = sim.log.find((e) => e.path.endsWith('/search/jql'));
        expect((search?.requestBody as { jql: string }).jql).toContain('issuetype in ("Bug")');
      });
    });

    it('a field name that no field has → FIELD_NOT_ON_SCREEN naming the given value', async () => {
      const s = healthy();
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, {
          mode: 'token',
          fields: ['summary', 'Customer referenc'],
        });
        expect(report.verdict).toBe('fix-configuration');
        expect(finding(report, 'FIELD_NOT_ON_SCREEN')).toMatchObject({
          details: { field: 'Customer referenc', reason: 'unknown-field' },
        });
        expect(report.fields).toContainEqual({ given: 'Customer referenc', id: null, name: null });
        // The remedy is whole sentences (its first step was once cut off after a comma).
        for (const step of finding(report, 'FIELD_NOT_ON_SCREEN')?.steps ?? [])
          expect(step).toMatch(/[.)]$/);
      });
    });

    it('required field not among --fields → CREATE_REQUIRES_FIELDS is an error; without --fields a warning', async () => {
      const s = SCENARIOS.requiredFieldsOnCreate();
      await withScenario(s, async (sim) => {
        const given = await runScenario(sim, s, {
          mode: 'token',
          fields: ['summary', 'description'],
        });
        expect(given.verdict).toBe('fix-configuration');
        const errors = given.findings.filter((f) => f.code === 'CREATE_REQUIRES_FIELDS');
        expect(errors.length).toBe(4); // Epic, Task, Bug, Story of SYNC
        expect(errors.every((f) => f.severity === 'error' && f.project === 'SYNC')).toBe(true);
        // Mapped: no required-field finding in SYNC; OPS and HR lack the field on their screens.
        const mapped = await runScenario(sim, s, {
          mode: 'token',
          fields: ['summary', 'Customer impact'],
        });
        expect(mapped.findings.filter((f) => f.code === 'CREATE_REQUIRES_FIELDS')).toEqual([]);
        expect([
          ...new Set(
            mapped.findings.filter((f) => f.code === 'FIELD_NOT_ON_SCREEN').map((f) => f.project),
          ),
        ]).toEqual(['OPS', 'HR']);
        const warned = await runScenario(sim, s, { mode: 'token', fields: undefined });
        expect(
          warned.findings.filter((f) => f.code === 'CREATE_REQUIRES_FIELDS').map((f) => f.severity),
        ).toEqual(['warning', 'warning', 'warning', 'warning']);
      });
    });

    it('reporter among the fields adds Modify Reporter; without it MISSING_PERMISSION, not a screen finding', async () => {
      const s = healthy();
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, {
          mode: 'token',
          fields: ['summary', 'Reporter', 'assignee'],
        });
        expect(report.requiredPermissions).toEqual(
          expect.arrayContaining(['MODIFY_REPORTER', 'ASSIGN_ISSUES']),
        );
        expect(report.verdict).toBe('fix-permissions');
        expect(finding(report, 'MISSING_PERMISSION', 'SYNC', 'MODIFY_REPORTER')).toBeDefined();
        expect(report.findings.filter((f) => f.code === 'FIELD_NOT_ON_SCREEN')).toEqual([]);
      });
    });

    it('coverage of fields and issue security: tested, partial, not-tested, not-applicable', async () => {
      const s = healthy();
      projectByKey(s.world, 'HR').issues = [];
      await withScenario(s, async (sim) => {
        const token = await runScenario(sim, s, { mode: 'token' });
        expect(token.coverage).toMatchObject({
          createFields: 'tested',
          editFields: 'partial', // HR has no issue: its edit screen could not be read
          issueSecurity: 'not-tested', // the admin view checks it
        });
        const both = await runScenario(sim, s, { mode: 'both', projects: ['SYNC'] });
        expect(both.coverage).toMatchObject({
          createFields: 'tested',
          editFields: 'tested',
          issueSecurity: 'tested',
        });
        const readOnly = await runScenario(sim, s, {
          mode: 'both',
          permissions: ['BROWSE_PROJECTS', 'VIEW_VOTERS_AND_WATCHERS'],
        });
        expect(readOnly.coverage).toMatchObject({
          createFields: 'not-applicable',
          editFields: 'not-applicable',
          issueSecurity: 'tested',
        });
        expect(readOnly.fields).toBeUndefined();
        const many = await runScenario(sim, s, {
          mode: 'token',
          projects: ['SYNC', ...Array.from({ length: 10 }, (_, i) => `P${i + 1}`)],
        });
        // Only the first 10 projects are sampled: never "tested" for all.
        expect(many.coverage.createFields).toBe('partial');
      });
    });

    it('a project without issues → edit screens not tested, never fine', async () => {
      const s = healthy();
      projectByKey(s.world, 'HR').issues = [];
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode: 'token' });
        expect(report.verdict).toBe('ready');
        const check = report.checks.find((c) => c.id === 'edit-screens');
        expect(check?.status).toBe('warn');
        expect(check?.detail).toContain('Not tested: HR has no issue');
        expect(
          report.projects.find((p) => p.key === 'HR')?.screens?.some((x) => x.screen === 'edit'),
        ).toBe(false);
        expect(
          report.projects.find((p) => p.key === 'SYNC')?.screens?.some((x) => x.screen === 'edit'),
        ).toBe(true);
      });
    });

    it('more than 10 target projects → the first 3 are sampled, one edit screen each, and the checks say so', async () => {
      const s = healthy();
      const keys = Array.from({ length: 12 }, (_, i) => `P${i + 1}`);
      const report = await withScenario(s, (sim) =>
        runScenario(sim, s, { mode: 'token', projects: ['SYNC', ...keys] }),
      );
      const detail = report.checks.find((c) => c.id === 'create-readiness')?.detail ?? '';
      // P1… do not exist: the token cannot tell, so they are "not read", never fine.
      expect(detail).toContain('Read the create screens of 1 of 13 projects: read in SYNC');
      expect(detail).toContain(
        "Not read (without an administrator's view of the schemes a run reads 3 projects): P3, P4,",
      );
      expect(report.checks.find((c) => c.id === 'edit-screens')?.detail).toContain(
        'a run reads 3 projects): P3,',
      );
      expect(report.coverageDetail?.createFields).toEqual({
        tested: ['SYNC'],
        notTested: [
          { project: 'P1', reason: 'not-read' },
          { project: 'P2', reason: 'not-read' },
          ...keys.slice(2).map((project) => ({ project, reason: 'limit' })),
        ],
      });
      expect(
        report.projects.find((p) => p.key === 'SYNC')?.screens?.filter((x) => x.screen === 'edit'),
      ).toHaveLength(1);
      expect(report.coverage.createFields).toBe('partial');
    });

    it('issue security hides sampled issues → ISSUES_HIDDEN_BY_SECURITY with hidden of sampled and the level', async () => {
      const s = SCENARIOS.issueSecurityHidesIssues();
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode: 'both' });
        expect(report.verdict).toBe('ready');
        const hidden = finding(report, 'ISSUES_HIDDEN_BY_SECURITY', 'SYNC');
        expect(hidden).toMatchObject({
          category: 'permissions',
          severity: 'warning',
          details: { hidden: 2, sampled: 3, levels: [STAFF_LEVEL] },
        });
        expect(hidden?.steps[0]).toContain(`security level “${STAFF_LEVEL}”`);
        expect(report.projects.find((p) => p.key === 'SYNC')?.issueSecurity).toEqual({
          sampled: 3,
          hidden: 2,
          levels: [STAFF_LEVEL],
          scheme: 'Confidential work',
        });
        // OPS uses no issue security scheme (the administrator's mapping says so): nothing can
        // hide an issue there, without sampling a single one.
        expect(report.projects.find((p) => p.key === 'OPS')?.issueSecurity).toEqual({
          sampled: 0,
          hidden: 0,
          levels: [],
          scheme: null,
        });
        expect(report.coverageDetail?.issueSecurity?.tested).toContain('OPS');
        const check = sim.log.find(
          (e) =>
            e.path.endsWith('/permissions/check') &&
            JSON.stringify(e.requestBody).includes('"issues":[2'),
        );
        expect(check?.requestBody).toMatchObject({ accountId: ACCOUNT.sync });
        // Token mode alone cannot look behind security levels: nothing is claimed.
        const token = await runScenario(sim, s, { mode: 'token' });
        expect(finding(token, 'ISSUES_HIDDEN_BY_SECURITY')).toBeUndefined();
      });
    });

    it('every read of fields, screens and security is a read: no write reaches the simulator', async () => {
      const s = SCENARIOS.fieldsNotOnScreens();
      await withScenario(s, async (sim) => {
        await runScenario(sim, s, { mode: 'both' });
        const writes = sim.log.filter(
          (e) => e.method !== 'GET' && !/\/(search\/jql|permissions\/check)$/.test(e.path),
        );
        expect(writes).toEqual([]);
      });
    });
  });
});
