import {
  ACCOUNT,
  call,
  resolverCalls,
  startHarness,
  type Harness,
  failOnRefusedEndpoints,
} from './harness';
import {
  CREDENTIALS,
  healthy,
  revokedToken,
  scopedToken,
  scopedTokenMissingScope,
  tokenFromAnotherAccount,
  type Scenario,
} from '../../simulator/worlds/scenarios';
import { expectValidReport } from '../support/report-schema';
import type { Report } from '../../src/engine/model/report';

const GATEWAY = 'https://api.atlassian.com';

async function tokenCheck(
  scenario: Scenario,
  via?: 'site' | 'gateway',
): Promise<{ h: Harness; report: Report }> {
  const h = await startHarness(scenario.world);
  const res = await call(h.runtime, {
    functionKey: 'runCheck',
    accountId: ACCOUNT.admin,
    payload: {
      user: { accountId: scenario.syncAccountId },
      projects: scenario.projects,
      token: {
        email: scenario.login.email,
        token: scenario.login.secret,
        ...(via ? { via } : {}),
      },
    },
  });
  expect(res.ok).toBe(true);
  return { h, report: res.report as Report };
}

/** Egress went only to the invocation's site and this site's gateway, and each one was allowed. */
function expectOnlySiteAndGateway(h: Harness): void {
  const calls = h.runtime.egressCalls();
  expect(calls.length).toBeGreaterThan(0);
  for (const c of calls) {
    expect(c.allowed).toBe(true);
    expect(
      c.url.startsWith(`${h.sim.siteUrl}/`) ||
        c.url.startsWith(`${GATEWAY}/ex/jira/${h.sim.cloudId}/`),
    ).toBe(true);
  }
  // The simulator saw only site and gateway traffic, and Basic auth only from egress.
  for (const exchange of h.sim.log) {
    expect(['site', 'gateway']).toContain(exchange.target);
    if (exchange.target === 'gateway') expect(exchange.path).toMatch(`/ex/jira/${h.sim.cloudId}/`);
  }
}

describe('token mode through Forge egress', () => {
  failOnRefusedEndpoints();
  test('a working token: token+admin report, egress to the site only', async () => {
    const { h, report } = await tokenCheck(healthy());
    try {
      expectValidReport(report);
      expect(report).toMatchObject({ mode: 'token+admin', verdict: 'ready' });
      expectOnlySiteAndGateway(h);
      const targets = new Set(
        report.checks.flatMap((c) => c.requests.map((r) => `${r.target}/${r.auth}`)),
      );
      expect(targets).toEqual(new Set(['site/sync-user', 'site/none', 'forge/admin']));
      // The admin side still runs as the signed-in admin, and the token never reaches it.
      expect(h.runtime.productCalls().every((c) => c.accountId === ACCOUNT.admin)).toBe(true);
      expect(h.sim.authAttempts(CREDENTIALS.sync.email).failed).toBe(0);
    } finally {
      await h.close();
    }
  });

  test('a scoped token is tried at the gateway of this site (cloud ID from the context)', async () => {
    const { h, report } = await tokenCheck(scopedToken());
    try {
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toContain('SCOPED_TOKEN_AT_SITE_URL');
      expectOnlySiteAndGateway(h);
      const gatewayCalls = h.runtime.egressCalls().filter((c) => c.url.startsWith(GATEWAY));
      expect(gatewayCalls.length).toBeGreaterThan(0);
      expect(
        gatewayCalls.every((c) =>
          c.sentTo?.startsWith(`${h.sim.gatewayUrl}/ex/jira/${h.sim.cloudId}/`),
        ),
      ).toBe(true);
    } finally {
      await h.close();
    }
  });

  test("via the gateway: every token call goes to this site's gateway, and its scopes are verified", async () => {
    const { h, report } = await tokenCheck(scopedToken(), 'gateway');
    try {
      expectValidReport(report);
      expect(report.findings.map((f) => f.code)).not.toContain('SCOPED_TOKEN_AT_SITE_URL');
      expect(report.verdict).toBe('ready');
      expect(report.coverage).toMatchObject({ credentials: 'tested', scopes: 'tested' });
      expect(report.site).toBe(h.sim.siteUrl);
      expectOnlySiteAndGateway(h);
      const tokenRequests = report.checks
        .flatMap((c) => c.requests)
        .filter((r) => r.auth === 'sync-user');
      expect(tokenRequests.length).toBeGreaterThan(0);
      expect(tokenRequests.every((r) => r.target === 'gateway')).toBe(true);
      // The token never went to the site URL: the site saw no Basic-auth attempt at all.
      const basicAtSite = h.sim.log.filter(
        (e) =>
          e.target === 'site' && ['ok', 'failed', 'anonymous-fallback'].includes(e.authOutcome),
      );
      expect(basicAtSite).toEqual([]);
      expect(h.sim.authAttempts(CREDENTIALS.sync.email).failed).toBe(0);
    } finally {
      await h.close();
    }
  });

  test('via the gateway, a scope the synchronizer needs but lacks is named with its operation', async () => {
    const { h, report } = await tokenCheck(scopedTokenMissingScope(), 'gateway');
    try {
      const scopeFindings = report.findings.filter((f) => f.code === 'TOKEN_SCOPE_INSUFFICIENT');
      expect(scopeFindings.length).toBeGreaterThan(0);
      expect(scopeFindings.map((f) => f.operation)).toContain('create');
      expect(report.requiredScopes.classic).toContain('write:jira-work');
    } finally {
      await h.close();
    }
  });

  test("the email of the sync user with another account's token is refused", async () => {
    const { h, report } = await tokenCheck(tokenFromAnotherAccount());
    try {
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
    } finally {
      await h.close();
    }
  });

  test('working credentials of another account are WRONG_ACCOUNT for the chosen sync user', async () => {
    const { h, report } = await tokenCheck({
      ...healthy(),
      login: { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token },
    });
    try {
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toContain('WRONG_ACCOUNT');
    } finally {
      await h.close();
    }
  });

  test('a revoked token is a credentials problem, and a 401 is never retried', async () => {
    const { h, report } = await tokenCheck(revokedToken());
    try {
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toContain('CREDENTIALS_REJECTED');
      const attempts = report.checks.flatMap((c) => c.requests).filter((r) => r.status === 401);
      expect(attempts.every((r) => r.attempt === 1)).toBe(true);
      expect(resolverCalls(h.runtime)[0]).toBe(
        'GET /rest/api/3/mypermissions?permissions=ADMINISTER',
      );
    } finally {
      await h.close();
    }
  });
});
