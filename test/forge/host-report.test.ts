// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, resolverCalls, startHarness, type Harness } from './harness';
import { buildHostCommand } from '../../src/engine/presentation/host-command';
import type { Report } from '../../src/engine/model/report';
import type { HistoryEntry } from '../../src/contract/history';
import {
  CREDENTIALS,
  missingCreateInOneProject,
  revokedToken,
} from '../../simulator/worlds/scenarios';
import { BIN, parseReport, requireBuiltCli, runCliProcess } from '../support/cli-process';
import { expectValidReport } from '../support/report-schema';

const PROJECTS = ['SYNC', 'OPS'];
const PRESET = 'sync-basic';
const PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'];

/** Runs the exact command the panel shows (plus the simulator's gateway) as a real CLI process. */
async function hostReport(h: Harness, token: string): Promise<Report> {
  const command = buildHostCommand({
    site: h.sim.siteUrl,
    email: CREDENTIALS.sync.email,
    accountId: ACCOUNT.sync,
    projects: PROJECTS,
    permissions: PERMISSIONS,
    preset: PRESET,
  });
  expect(command.text).not.toContain(token);
  const [, ...args] = command.argv;
  const run = await runCliProcess([...args, '--gateway', h.sim.gatewayUrl], {
    JIRA_API_TOKEN: token,
  });
  expect(run.stderr).not.toContain(token);
  return parseReport(run);
}

const importAs = (h: Harness, report: unknown, over: Record<string, unknown> = {}) =>
  call(h.runtime, {
    functionKey: 'importReport',
    accountId: ACCOUNT.admin,
    payload: {
      user: { accountId: ACCOUNT.sync },
      projects: PROJECTS,
      permissions: PERMISSIONS,
      report,
      ...over,
    },
  });

beforeAll(requireBuiltCli);

describe.each(['default', 'runs-on-atlassian'] as const)(
  'importing the host report in the %s build',
  (profile) => {
    describe('a working token, a permission missing in one project', () => {
      let h: Harness;
      let host: Report;
      beforeAll(async () => {
        h = await startHarness(missingCreateInOneProject().world, { profile });
        host = await hostReport(h, CREDENTIALS.sync.token);
      });
      afterAll(() => h.close());
      beforeEach(() => h.runtime.clearCalls());

      it('merges the host credentials with the admin view into one decision, kept in history', async () => {
        expect(host.mode).toBe('token');
        expect(host.tokenIdentity?.accountId).toBe(ACCOUNT.sync);
        const res = await importAs(h, host);
        expect(res.error).toBeUndefined();
        const report = res.report as Report;
        expectValidReport(report);
        expect(report.mode).toBe('token+admin');
        // Facts only: the token's account and where it was accepted, no name or email.
        expect(report.tokenIdentity).toEqual({
          ...host.tokenIdentity,
          displayName: null,
          email: null,
        });
        expect(report.hostReport).toEqual({
          startedAt: host.startedAt,
          verdict: host.verdict,
          durationMs: host.durationMs,
          requestCount: host.requestCount,
          suppliedBy: ACCOUNT.admin,
          verified: false,
          coverage: { credentials: host.coverage.credentials, scopes: host.coverage.scopes },
        });
        expect(report.verdict).toBe('fix-permissions');
        // The host says it tested the token; the app did not, so it never counts as tested.
        expect(host.coverage.credentials).toBe('tested');
        expect(report.coverage.credentials).toBe('not-tested');
        expect(report.coverage.scopes).toBe('not-tested');
        expect(report.coverage.permissions).toBe('tested');
        // Permissions from the admin view (with its grant explanations), credentials from the host.
        expect(
          report.findings.some(
            (f) => f.code === 'MISSING_PERMISSION' && f.step === 'admin-permissions',
          ),
        ).toBe(true);
        expect(report.checks.map((c) => c.id)).toEqual(
          expect.arrayContaining(['token-identity', 'admin-permissions']),
        );
        expect(report.checks.find((c) => c.id === 'token-identity')?.title).toMatch(
          /^From the synchronizer's host: /,
        );
        // The admin view ran inside Forge without a token and without egress.
        expect(h.runtime.egressCalls()).toEqual([]);
        expect(resolverCalls(h.runtime)[0]).toMatch(/mypermissions/);

        const history = await call(h.runtime, {
          functionKey: 'getHistory',
          accountId: ACCOUNT.admin,
          payload: {},
        });
        const entry = (history.runs as HistoryEntry[])[0];
        expect(entry?.inputs).toMatchObject({
          tokenChecked: true,
          credentialsFrom: 'host',
          userAccountId: ACCOUNT.sync,
        });
        expect(entry?.report.hostReport?.startedAt).toBe(host.startedAt);
        expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(CREDENTIALS.sync.token);
      });

      const refusals: Array<[string, (r: Report) => unknown, RegExp, Record<string, unknown>]> = [
        [
          'another site',
          (r) => ({ ...r, site: 'https://elsewhere.atlassian.net' }),
          /checked https:\/\/elsewhere\.atlassian\.net, not this site/,
          {},
        ],
        [
          'a stale report',
          (r) => ({ ...r, startedAt: new Date(Date.now() - 25 * 3_600_000).toISOString() }),
          /25 hours old; reports older than 24 hours are refused/,
          {},
        ],
        [
          'a report from the future',
          (r) => ({ ...r, startedAt: new Date(Date.now() + 3_600_000).toISOString() }),
          /in the future/,
          {},
        ],
        [
          'a forged verdict',
          (r) => ({ ...r, verdict: 'fix-permissions' === r.verdict ? 'ready' : 'fix-permissions' }),
          /changed after the CLI wrote it: its verdict says/,
          {},
        ],
        [
          'a finding downgraded to a warning',
          (r) => ({
            ...r,
            findings: r.findings.map((f) => ({ ...f, severity: 'info' })),
            verdict: 'ready',
          }),
          /changed after the CLI wrote it: finding \w+ is marked/,
          {},
        ],
        [
          'a report that is not one',
          () => ({ schemaVersion: 1, verdict: 'ready' }),
          /not a Credential Doctor report \(schema\/report\.schema\.json\)/,
          {},
        ],
        ['an admin-mode report', (r) => ({ ...r, mode: 'admin' }), /no credential check/, {}],
        [
          'other projects',
          (r) => r,
          /checked projects SYNC, OPS, but this check is for SYNC, HR/,
          { projects: ['SYNC', 'HR'] },
        ],
        [
          'another sync user',
          (r) => r,
          /token of account .+, not the chosen sync user/,
          { user: { accountId: ACCOUNT.alice } },
        ],
      ];
      // Every row has all four values: jest takes a missing last one for a `done` callback.
      it.each(refusals)('refuses %s and says why', async (_name, change, reason, over) => {
        const res = await importAs(h, change(host), over);
        expect(res.ok).toBe(false);
        expect(res.error?.code).toBe('INVALID_INPUT');
        expect(res.error?.message).toMatch(/^The report was not imported: /);
        expect(res.error?.message).toMatch(reason);
        // Authorised, then refused before the admin view ran.
        expect(resolverCalls(h.runtime)).toEqual([
          'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
        ]);
      });
    });

    describe('a revoked token', () => {
      let h: Harness;
      beforeAll(async () => {
        h = await startHarness(revokedToken().world, { profile });
      });
      afterAll(() => h.close());

      it('makes the merged decision "fix credentials" while the admin view finds the permissions fine', async () => {
        const host = await hostReport(h, CREDENTIALS.sync.token);
        expect(host.verdict).toBe('fix-credentials');
        const res = await importAs(h, host);
        const report = res.report as Report;
        expect(report.verdict).toBe('fix-credentials');
        expect(report.findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
        expect(
          report.projects.every((p) => Object.values(p.permissions).every((v) => v === true)),
        ).toBe(true);
      });
    });
  },
);

it('the command names the site, the user and the check, and never a token', () => {
  const command = buildHostCommand({
    site: 'https://acme.atlassian.net/jira/settings',
    email: null,
    accountId: ACCOUNT.sync,
    projects: ['sync', 'OPS'],
    permissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
  });
  expect(command.text).toBe(
    `credential-doctor check --site https://acme.atlassian.net --email SYNC_USER_EMAIL --expect-account ${ACCOUNT.sync} --project SYNC,OPS --permissions BROWSE_PROJECTS,ADD_COMMENTS --format json > credential-doctor-report.json`,
  );
  expect(command.placeholders).toEqual(['SYNC_USER_EMAIL']);
  expect(BIN).toMatch(/credential-doctor$/);
});
