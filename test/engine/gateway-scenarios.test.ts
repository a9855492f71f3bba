import { verdictHeadline } from '../../src/engine/presentation/headline';
import {
  BASE_READS,
  OPERATION_NAMES,
  PROBE_ISSUE_KEY,
  scopesFor,
} from '../../src/engine/knowledge/operations';
import { scopedToken, userByEmail } from '../../simulator/builders';
import { CREDENTIALS, healthy, type Scenario } from '../../simulator/worlds/scenarios';
import type { RunningSimulator } from '../../simulator';
import { codes, finding, runScenario, withScenario } from '../support/scenario';

/** The sync user's token replaced by a scoped one with exactly these scopes. */
function withScopedToken(scopes: string[]): Scenario {
  const s = healthy();
  userByEmail(s.world, CREDENTIALS.sync.email).tokens = [
    scopedToken(CREDENTIALS.sync.token, scopes, { id: 'sync-token' }),
  ];
  return s;
}

const READ_WRITE = ['read:jira-work', 'read:jira-user', 'write:jira-work'];
const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
/** POSTs that only read. */
const READ_POSTS = new Set(['/rest/api/3/permissions/check', '/rest/api/3/search/jql']);

/**
 * Nothing that could change data reached Jira with a target or body that exists: every write is
 * aimed at the probe issue (which cannot exist) or, for create, at project ID 0, and the simulator
 * saw no exchange for which Jira would have changed data.
 */
function expectReadOnly(sim: RunningSimulator): void {
  const writes = sim.log.filter(
    (e) => WRITE_METHODS.has(e.method) && !READ_POSTS.has(e.path.replace(/^\/ex\/jira\/[^/]+/, '')),
  );
  for (const write of writes) {
    const path = write.path.replace(/^\/ex\/jira\/[^/]+/, '');
    const body = JSON.stringify(write.requestBody ?? null);
    const aimed =
      path.includes(`/issue/${PROBE_ISSUE_KEY}`) ||
      (path === '/rest/api/3/issueLink' && body.includes(PROBE_ISSUE_KEY)) ||
      (path === '/rest/api/3/issue' && body.includes('"project":{"id":"0"}'));
    expect({ path, aimed }).toEqual({ path, aimed: true });
    expect([400, 401, 404]).toContain(write.status);
  }
  expect(sim.log.filter((e) => e.wouldChangeData)).toEqual([]);
}

describe('the API gateway as the synchronizer’s address', () => {
  it('a scoped token with the scopes it needs is correct use: ready, scopes tested, links to the site', async () => {
    const s = withScopedToken(READ_WRITE);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        operations: [...OPERATION_NAMES],
      });
      expect(codes(report)).toEqual([]);
      expect(report.verdict).toBe('ready');
      expect(report.tokenIdentity?.acceptedAt).toBe('gateway');
      expect(report.site).toBe(sim.siteUrl);
      expect(report.coverage).toMatchObject({
        credentials: 'tested',
        permissions: 'tested',
        scopes: 'tested',
      });
      // The token alone cannot look behind issue security levels (#24): never a bare Ready.
      expect(verdictHeadline(report)).toBe(
        'Ready for permissions in all 3 projects; issue security not checked',
      );
      expect(report.requiredScopes.classic).toEqual(['read:jira-work', 'write:jira-work']);
      // Every request went to the gateway; no site URL, no tenant_info.
      expect(sim.log.every((e) => e.target === 'gateway')).toBe(true);
      expect(report.checks.find((c) => c.id === 'token-scopes')?.status).toBe('pass');
      expectReadOnly(sim);
    });
  });

  it('a scoped token without write scopes → TOKEN_SCOPE_INSUFFICIENT per write operation, carrying operation and scopes', async () => {
    const s = withScopedToken(['read:jira-work', 'read:jira-user']);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(report.verdict).toBe('fix-credentials');
      expect(codes(report)).toEqual(['TOKEN_SCOPE_INSUFFICIENT', 'TOKEN_SCOPE_INSUFFICIENT']);
      expect(report.operations).toEqual([...BASE_READS, 'create', 'edit']);
      const create = report.findings.find((f) => f.operation === 'create');
      expect(create?.scopes).toEqual(scopesFor('create'));
      expect(create?.message).toContain('create issues');
      expect(create?.steps[0]).toContain('write:jira-work');
      expect(report.findings.find((f) => f.operation === 'edit')).toBeDefined();
      // Reads work, so the permissions were tested all the same.
      expect(report.coverage).toMatchObject({ permissions: 'tested', scopes: 'tested' });
      // A missing scope is not a failed login: the token kept working for the other requests.
      expect(sim.authAttempts(CREDENTIALS.sync.email).failed).toBe(0);
      expectReadOnly(sim);
    });
  });

  it('granular scopes: all of an operation’s granular set is needed', async () => {
    const read = scopesFor('read').granular;
    const edit = scopesFor('edit').granular;
    const s = withScopedToken([
      'read:jira-work',
      'read:jira-user',
      ...read,
      ...edit,
      ...scopesFor('create').granular.filter((scope) => scope !== 'write:attachment:jira'),
    ]);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(report.findings.map((f) => f.operation).filter(Boolean)).toEqual(['create']);
      expectReadOnly(sim);
    });
  });

  it('the doctor’s own read of the account is never blamed on the token: credentials partly tested', async () => {
    // read:jira-work + write:jira-work cover the synchronizer; /myself would need read:jira-user.
    const s = withScopedToken(['read:jira-work', 'write:jira-work']);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(codes(report)).toEqual([]);
      expect(report.verdict).toBe('ready');
      expect(report.tokenIdentity).toBeNull();
      expect(report.checks.find((c) => c.id === 'token-identity')?.status).toBe('warn');
      expect(report.coverage).toMatchObject({
        credentials: 'partial',
        permissions: 'tested',
        scopes: 'tested',
      });
      expect(verdictHeadline(report)).toBe(
        'Permissions ready — credentials partly tested; fields not checked; issue security not checked',
      );
      expect(report.projects.every((p) => p.permissions.CREATE_ISSUES === true)).toBe(true);
    });
  });

  it('a scope only the check’s own read needs is reported as not read, never as a finding', async () => {
    const s = withScopedToken(READ_WRITE);
    await withScenario(s, async (sim) => {
      sim.faults.add({
        route: 'POST /rest/api/3/permissions/check',
        target: 'gateway',
        status: 401,
        headers: { 'X-Failure-Category': 'FAILURE_CLIENT_SCOPE_CHECK' },
        body: '{"code":401,"message":"Unauthorized; scope does not match"}',
      });
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(codes(report)).toEqual([]);
      expect(report.checks.find((c) => c.id === 'token-permissions')?.status).toBe('skip');
      expect(report.coverage).toMatchObject({ permissions: 'partial', scopes: 'tested' });
      expect(verdictHeadline(report)).toBe(
        'Credentials ready — permissions partly tested; fields not checked; issue security not checked',
      );
    });
  });

  it('an answer that proves nothing is unknown, never held: scopes partly tested', async () => {
    const s = withScopedToken(READ_WRITE);
    await withScenario(s, async (sim) => {
      sim.faults.add({
        route: 'PUT /rest/api/3/issue/{issueIdOrKey}',
        status: 403,
        target: 'gateway',
      });
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true });
      expect(codes(report)).toEqual([]);
      expect(report.coverage.scopes).toBe('partial');
      expect(report.checks.find((c) => c.id === 'token-scopes')?.detail).toContain(
        'not proven for edit',
      );
    });
  });

  it('a rejected token at the gateway is CREDENTIALS_REJECTED, tried once', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, {
        mode: 'token',
        viaGateway: true,
        login: { email: CREDENTIALS.sync.email, secret: 'ATATT-not-a-token' },
      });
      expect(codes(report)).toEqual(['CREDENTIALS_REJECTED']);
      expect(sim.authAttempts(CREDENTIALS.sync.email)).toEqual({ total: 1, failed: 1 });
      expect(report.coverage.credentials).toBe('tested');
    });
  });

  it('an unscoped token at the site URL is not probed: scopes not applicable, nothing written', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.coverage.scopes).toBe('not-applicable');
      expect(sim.log.some((e) => e.method === 'PUT')).toBe(false);
      expect(finding(report, 'TOKEN_SCOPE_INSUFFICIENT')).toBeUndefined();
    });
  });
});
