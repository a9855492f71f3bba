/**
 * Lockout safety (issue 8). Failed logins count towards Jira's lockout and CAPTCHA, so for every
 * credential-failure scenario a run makes at most one failed authentication attempt per
 * credential per endpoint family (the site; the gateway probe at most once), never retries a
 * 401/403 or an answer flagged as a failed login, sends nothing more with a credential once the
 * refusal is known, and never looks up any account by email except the given --user.
 */
import { performance } from 'node:perf_hooks';
import { EvidenceLog, type EvidenceEntry } from '../../src/engine/port/evidence';
import type { FaultRule, RecordedExchange, RunningSimulator } from '../../simulator';
import { ACCOUNT, SCENARIOS, healthy, type ScenarioId } from '../../simulator/worlds/scenarios';
import {
  collectEndpoints,
  diagnoseOver,
  fullShape,
  pool,
  withSimulator,
  type Diagnosis,
  type RunShape,
} from './harness';

jest.setTimeout(120_000);

const CREDENTIAL_FAILURES: readonly ScenarioId[] = [
  'expiredToken',
  'revokedToken',
  'tokenFromAnotherAccount',
  'passwordInsteadOfToken',
  'scopedToken',
  'scopedTokenMissingScope',
  'deactivatedUser',
  'loginChallenge',
];

/** Every answer takes this long, so "sent after the refusal arrived" is measurable. */
const LATENCY_MS = 25;

/**
 * Evidence on a sub-millisecond clock that also notes when each attempt's answer reached the
 * client (the moment the engine could know of a refusal): `record` runs before the answer is
 * handed to the engine, and a request is only started after its `startedAtMs` was taken.
 */
class TimedEvidence extends EvidenceLog {
  readonly answeredAt = new Map<EvidenceEntry, number>();

  constructor() {
    super(() => performance.now());
  }

  override record(entry: EvidenceEntry): void {
    super.record(entry);
    this.answeredAt.set(entry, this.elapsedMs());
  }
}

const GATEWAY_PREFIX = /^\/ex\/jira\/[^/]+(?=\/)/;

function innerPath(exchange: RecordedExchange): string {
  return exchange.path.replace(GATEWAY_PREFIX, '');
}

/** The same request as the simulator and as the evidence see it: target, method, path, query. */
function exchangeKey(e: RecordedExchange): string {
  const query = Object.entries(e.query)
    .flatMap(([name, values]) => values.map((v) => `${name}=${v}`))
    .sort();
  // POSTs with different bodies (a search per project) are different requests.
  const body = e.requestBody === undefined ? [] : [JSON.stringify(e.requestBody)];
  return [e.target, e.method, innerPath(e), ...query, ...body].join(' ');
}

function evidenceKey(e: EvidenceEntry): string {
  const url = new URL(e.path, 'http://evidence.invalid');
  const query = [...url.searchParams].map(([name, v]) => `${name}=${v}`).sort();
  return [e.target, e.method, url.pathname, ...query].join(' ');
}

/** Jira refused the credential: a failed login, a fallback to anonymous, a login challenge. */
function isRefusal(e: RecordedExchange): boolean {
  const reason = e.responseHeaders['x-seraph-loginreason'];
  return (
    e.authOutcome === 'failed' ||
    e.authOutcome === 'anonymous-fallback' ||
    reason === 'AUTHENTICATED_FAILED' ||
    reason === 'AUTHENTICATION_DENIED' ||
    (e.fault !== undefined && e.status === 401)
  );
}

interface Audit {
  /** Failed sync-user logins per endpoint family, as the simulator counted them. */
  failedAt: Record<'site' | 'gateway', number>;
  gatewayProbes: number;
  problems: string[];
}

/**
 * Checks one run: retries of refusals, requests sent with a credential after its refusal arrived
 * (`afterRefusal`), and account lookups. Failed logins in the log are the sync user's: in these
 * runs the administrator's credentials always work.
 */
function audit(
  sim: RunningSimulator,
  run: Diagnosis,
  givenUser?: string,
  options: { afterRefusal: boolean } = { afterRefusal: true },
): Audit {
  const timed = run.evidence instanceof TimedEvidence ? run.evidence : new TimedEvidence();
  const problems: string[] = [];
  const failedAt: Record<RunningSimulator['log'][number]['target'], number> = {
    site: 0,
    gateway: 0,
    auth: 0,
    'admin-api': 0,
  };
  for (const e of sim.log) {
    if (e.authOutcome === 'failed' || e.authOutcome === 'anonymous-fallback') failedAt[e.target]++;
  }
  const gatewayProbes = sim.log.filter(
    (e) => e.target === 'gateway' && innerPath(e) === '/rest/api/3/myself',
  ).length;

  // No retry of a refusal: the attempt after a 401/403 or a failed-login answer never comes.
  const evidence = run.evidence.entries();
  const refusedKeys = new Set(sim.log.filter(isRefusal).map(exchangeKey));
  for (const e of evidence) {
    if (e.attempt > 1) {
      const previous = evidence.find(
        (p) =>
          evidenceKey(p) === evidenceKey(e) && p.auth === e.auth && p.attempt === e.attempt - 1,
      );
      if (previous?.status === 401 || previous?.status === 403 || refusedKeys.has(evidenceKey(e)))
        problems.push(`retried after a refusal: ${e.method} ${e.path} attempt ${e.attempt}`);
    }
  }

  // Nothing more with the sync credential at a target once that target's refusal has arrived.
  for (const target of options.afterRefusal ? (['site', 'gateway'] as const) : []) {
    const refused = evidence.filter(
      (e) => e.auth === 'sync-user' && e.target === target && refusedKeys.has(evidenceKey(e)),
    );
    if (refused.length === 0) continue;
    const knownAt = Math.min(
      ...refused.map((e) => timed.answeredAt.get(e) ?? e.startedAtMs + e.durationMs),
    );
    const later = evidence.filter(
      (e) => e.auth === 'sync-user' && e.target === target && e.startedAtMs > knownAt,
    );
    for (const e of later) {
      problems.push(
        `sent with the refused credential after the refusal arrived (${target}): ${e.method} ${e.path} (step ${e.step}, ${(e.startedAtMs - knownAt).toFixed(1)} ms after)`,
      );
    }
  }

  // Accounts are looked up only as asked: user/search only for the given --user email.
  for (const e of sim.log) {
    const path = innerPath(e);
    if (path === '/rest/api/3/user/search') {
      const query = e.query['query'] ?? [];
      if (givenUser === undefined || !givenUser.includes('@'))
        problems.push(`user/search without an email to look up: ${query.join(',')}`);
      else if (query.length !== 1 || query[0]?.toLowerCase() !== givenUser.toLowerCase())
        problems.push(`user/search for ${query.join(',')} (given ${givenUser})`);
    } else if (/^\/rest\/api\/[23]\/(users?\b|groupuserpicker)/.test(path)) {
      const allowed = ['/rest/api/3/user', '/rest/api/3/user/permission/search'];
      if (!allowed.includes(path)) problems.push(`looked up users through ${path}`);
    }
  }
  return { failedAt, gatewayProbes, problems };
}

interface Case {
  id: ScenarioId;
  shapeName: string;
  shape: RunShape;
}

function shapesFor(id: ScenarioId): Case[] {
  const s = SCENARIOS[id]();
  return [
    { id, shapeName: 'token', shape: { mode: 'token' } },
    { id, shapeName: 'token+admin', shape: { mode: 'both', explain: 'all' } },
    {
      id,
      shapeName: 'token+admin, --user EMAIL',
      shape: fullShape(s),
    },
  ];
}

describe('lockout: credential-failure scenarios', () => {
  const cases = CREDENTIAL_FAILURES.flatMap(shapesFor);

  it.each(cases.map((c) => [`${c.id} (${c.shapeName})`, c] as const))(
    '%s: one failed login per endpoint family, no retry, nothing after the refusal, no other lookups',
    async (_name, c) => {
      const scenario = SCENARIOS[c.id]();
      await withSimulator(scenario, async (sim) => {
        sim.setLatency(LATENCY_MS);
        const run = await diagnoseOver(sim, scenario, c.shape, new TimedEvidence());
        expect(run.report?.verdict).toBe('fix-credentials');
        const result = audit(sim, run, c.shape.user);
        expect(result.problems).toEqual([]);
        expect(result.failedAt.site).toBeLessThanOrEqual(1);
        expect(result.failedAt.gateway).toBeLessThanOrEqual(1);
        expect(result.gatewayProbes).toBeLessThanOrEqual(1);
        // The simulator's own per-account counter agrees: at most one per family.
        expect(sim.authAttempts(scenario.login.email).failed).toBeLessThanOrEqual(2);
        // Every failing login was the sync user's: the admin credential never failed.
        expect(sim.authAttempts(scenario.admin.email).failed).toBe(0);
      });
    },
  );

  it('a password and a login challenge never reach the gateway (nothing there to learn)', async () => {
    for (const id of ['passwordInsteadOfToken', 'loginChallenge'] as const) {
      const scenario = SCENARIOS[id]();
      await withSimulator(scenario, async (sim) => {
        await diagnoseOver(sim, scenario, { mode: 'token' });
        expect({ id, gateway: sim.log.filter((e) => e.target === 'gateway').length }).toEqual({
          id,
          gateway: 0,
        });
      });
    }
  });
});

describe('lockout: a token revoked in the middle of the check', () => {
  it('nothing more is sent with the token once Jira has refused it', async () => {
    const scenario = SCENARIOS.tokenRevokedMidCheck();
    await withSimulator(scenario, async (sim) => {
      sim.setLatency(LATENCY_MS);
      const run = await diagnoseOver(sim, scenario, { mode: 'token' }, new TimedEvidence());
      expect(run.report?.verdict).toBe('fix-credentials');
      expect(audit(sim, run).problems).toEqual([]);
    });
  });
});

describe('lockout: refusals injected at every endpoint of a healthy run (token mode)', () => {
  it('no retry of a refusal, nothing more with the credential after it, gateway probe at most once', async () => {
    const shape: RunShape = { mode: 'token', createReadiness: true };
    const endpoints = await collectEndpoints(healthy(), shape);
    const refusals: Array<{ id: string; rule: Omit<FaultRule, 'route'> }> = [
      { id: '401', rule: { status: 401 } },
      {
        id: '403 with a login challenge',
        rule: {
          status: 403,
          headers: {
            'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
            'X-Authentication-Denied-Reason':
              'CAPTCHA_CHALLENGE; login-url=https://acme.atlassian.invalid/login.jsp',
          },
        },
      },
      { id: 'AUTHENTICATED_FAILED', rule: { kind: 'login-reason-failed' } },
      {
        id: '429 flagged as a failed login',
        rule: {
          status: 429,
          retryAfter: 0,
          headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
        },
      },
      {
        id: '503 flagged as a failed login',
        rule: {
          status: 503,
          retryAfter: 0,
          headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
        },
      },
      { id: '401 with Retry-After', rule: { status: 401, retryAfter: 0 } },
    ];
    const cases = endpoints.flatMap((endpoint) =>
      refusals.flatMap((refusal) =>
        [false, true].map((afterFirst) => ({ endpoint, refusal, afterFirst })),
      ),
    );
    const problems = await pool(cases, 6, async ({ endpoint, refusal, afterFirst }) => {
      const scenario = healthy();
      return withSimulator(scenario, async (sim) => {
        sim.setLatency(LATENCY_MS);
        sim.faults.add({
          route: endpoint.route,
          ...refusal.rule,
          ...(afterFirst && endpoint.calls > 1 ? { afterMatches: 1 } : {}),
        });
        const run = await diagnoseOver(sim, scenario, shape);
        // One endpoint refusing while the others answer is no lockout risk in itself; what
        // matters here is that no refusal is ever repeated.
        const result = audit(sim, run, undefined, { afterRefusal: false });
        const found = [...result.problems];
        if (!run.report) found.push('diagnose rejected');
        if (result.gatewayProbes > 1) found.push(`${result.gatewayProbes} gateway probes`);
        // The same request is never sent twice once refused.
        const refused = sim.log.filter(isRefusal).map(exchangeKey);
        const counts = new Map<string, number>();
        for (const e of sim.log) counts.set(exchangeKey(e), (counts.get(exchangeKey(e)) ?? 0) + 1);
        for (const key of new Set(refused)) {
          if ((counts.get(key) ?? 0) > 1) found.push(`sent ${counts.get(key)} times: ${key}`);
        }
        return found.map(
          (f) =>
            `${endpoint.route} / ${refusal.id}${afterFirst ? ' (after the first success)' : ''}: ${f}`,
        );
      });
    });
    expect(problems.flat()).toEqual([]);
  });
});

describe('lockout: accounts are looked up only by the given --user email', () => {
  it('every scenario, admin and token+admin modes, with the user as email, account ID or the token identity', async () => {
    const ids = Object.keys(SCENARIOS) as ScenarioId[];
    const cases = ids.flatMap((id) => {
      const s = SCENARIOS[id]();
      const upper = s.login.email.toUpperCase();
      return [
        { id, shape: { mode: 'admin', user: s.login.email, explain: 'all' } as RunShape },
        { id, shape: { mode: 'admin', user: upper } as RunShape },
        { id, shape: { mode: 'admin', user: s.syncAccountId } as RunShape },
        { id, shape: { mode: 'both', explain: 'all' } as RunShape },
        { id, shape: { mode: 'both', user: s.login.email } as RunShape },
        { id, shape: { mode: 'token' } as RunShape },
      ];
    });
    const problems = await pool(cases, 6, async ({ id, shape }) => {
      const scenario = SCENARIOS[id]();
      return withSimulator(scenario, async (sim) => {
        const run = await diagnoseOver(sim, scenario, shape, new TimedEvidence());
        const { problems: found } = audit(sim, run, shape.user, {
          // Revoked mid-check has its own test above.
          afterRefusal: id !== 'tokenRevokedMidCheck',
        });
        // user/search at most once, and only when the user was given as an email.
        const searches = sim.log.filter((e) => innerPath(e) === '/rest/api/3/user/search');
        if (searches.length > (shape.user?.includes('@') ? 1 : 0))
          found.push(`${searches.length} user searches`);
        // /user only for the sync account (or the account the token authenticated as).
        for (const e of sim.log.filter((x) => innerPath(x) === '/rest/api/3/user')) {
          const accountId = e.query['accountId']?.[0];
          const known = [scenario.syncAccountId, ACCOUNT.sync, ACCOUNT.admin, ACCOUNT.app];
          if (!accountId || !known.includes(accountId as (typeof known)[number]))
            found.push(`/user for ${accountId}`);
        }
        return found.map((f) => `${id} ${JSON.stringify(shape)}: ${f}`);
      });
    });
    expect(problems.flat()).toEqual([]);
  });
});
