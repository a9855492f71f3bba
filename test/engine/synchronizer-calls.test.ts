/**
 * Issue 22, part 1: a scoped token must cover every call the synchronizer makes, its reads
 * included. Granular tokens are minted from the report's own `requiredScopes`, so these tests
 * also prove that list is enough, and that dropping one scope from it is caught and named.
 */
import { presetOperations, presetPermissions } from '../../src/engine/knowledge/presets';
import { requiredScopes } from '../../src/engine/knowledge/operations';
import { verdictHeadline } from '../../src/engine/presentation/headline';
import { scopedToken, userByEmail } from '../../simulator/builders';
import { CREDENTIALS, healthy, type Scenario } from '../../simulator/worlds/scenarios';
import { codes, runScenario, withScenario } from '../support/scenario';

const TWO_WAY = presetOperations('two-way-sync', presetPermissions('two-way-sync'));
const NEEDED = requiredScopes(TWO_WAY).granular;

function withGranularToken(scopes: readonly string[]): Scenario {
  const s = healthy();
  userByEmail(s.world, CREDENTIALS.sync.email).tokens = [
    scopedToken(CREDENTIALS.sync.token, [...scopes], { id: 'sync-granular' }),
  ];
  return s;
}

const twoWay = { operations: TWO_WAY, permissions: presetPermissions('two-way-sync') };

describe('--preset two-way-sync with a granular scoped token at the gateway', () => {
  it('requiredScopes.granular holds the reads’ scopes: JQL search and transitions among them', () => {
    expect(NEEDED).toEqual(
      expect.arrayContaining(['read:issue.transition:jira', 'read:issue-details:jira']),
    );
  });

  it('with every needed scope: ready, every call’s scopes tested', async () => {
    const s = withGranularToken(NEEDED);
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true, ...twoWay });
      expect(codes(report)).toEqual([]);
      expect(report.verdict).toBe('ready');
      expect(report.coverage.scopes).toBe('tested');
      expect(report.requiredScopes.granular).toEqual(NEEDED);
      // Every read was probed directly, at the gateway.
      const probed = report.checks.find((c) => c.id === 'token-scopes')?.requests ?? [];
      for (const path of [
        '/rest/api/3/search/jql',
        '/rest/api/3/issue/CDPROBE-0/transitions',
        '/rest/api/3/field',
        '/rest/api/3/project/search',
        '/rest/api/3/project/CDPROBE-0',
      ])
        expect(probed.map((r) => r.path.split('?')[0])).toContain(path);
    });
  });

  it.each([
    [
      'read:issue.transition:jira',
      'list-transitions',
      'GET /rest/api/3/issue/{issueIdOrKey}/transitions',
    ],
    ['read:issue-details:jira', 'search', 'POST /rest/api/3/search/jql'],
  ])(
    'without %s: not ready, TOKEN_SCOPE_INSUFFICIENT names the scope and the call',
    async (scope, operation, request) => {
      const s = withGranularToken(NEEDED.filter((x) => x !== scope));
      await withScenario(s, async (sim) => {
        const report = await runScenario(sim, s, { mode: 'token', viaGateway: true, ...twoWay });
        expect(report.verdict).toBe('fix-credentials');
        expect(codes(report)).toEqual(['TOKEN_SCOPE_INSUFFICIENT']);
        const finding = report.findings[0];
        expect(finding?.operation).toBe(operation);
        expect(finding?.message).toContain(scope);
        expect(finding?.details).toMatchObject({ request });
        expect(finding?.details?.missingScopes).toContain(scope);
        // The fix lists every scope to tick on the new token, the missing one included.
        expect(finding?.steps[0]).toContain(NEEDED.join(', '));
        expect(verdictHeadline(report)).toBe('Fix credentials');
        // A missing scope is no failed login.
        expect(sim.authAttempts(CREDENTIALS.sync.email).failed).toBe(0);
      });
    },
  );

  it('a transition scope that no other call needs is named exactly', async () => {
    const s = withGranularToken(NEEDED.filter((x) => x !== 'read:issue.transition:jira'));
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true, ...twoWay });
      expect(report.findings[0]?.details).toMatchObject({
        missingScopes: ['read:issue.transition:jira'],
        exact: true,
        source: 'probes',
      });
    });
  });
});

describe('no sentence claims what the run did not test', () => {
  it('reads refused for the check’s own permission calls: ready, but the summary does not say it can work there', async () => {
    const s = withGranularToken(NEEDED);
    await withScenario(s, async (sim) => {
      // The token's own permission check is refused for its scopes (the summary issue 22 quotes).
      sim.faults.add({
        route: 'POST /rest/api/3/permissions/check',
        target: 'gateway',
        status: 401,
        headers: { 'X-Failure-Category': 'FAILURE_CLIENT_SCOPE_CHECK' },
        body: '{"code":401,"message":"Unauthorized; scope does not match"}',
      });
      const report = await runScenario(sim, s, { mode: 'token', viaGateway: true, ...twoWay });
      expect(report.verdict).toBe('ready');
      expect(report.coverage.permissions).not.toBe('tested');
      expect(report.summary).not.toMatch(/can work in/);
      expect(report.summary).toMatch(/permissions .* (not tested|partly tested)/);
    });
  });

  it('a fully tested run still says so', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const report = await runScenario(sim, s, { mode: 'both' });
      expect(report.verdict).toBe('ready');
      expect(report.summary).toMatch(/can work in all \d+ target projects/);
    });
  });
});
