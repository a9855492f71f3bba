/**
 * Runs the engine against a running simulator the way the CLI does (`createNodeClients` +
 * `diagnose`), and measures what a run costs: requests, dependent round trips, waves on the wire,
 * requests in flight, and the request-count rules.
 */
import { performance } from 'node:perf_hooks';
import type { RunningSimulator } from '../simulator';
import type { RecordedExchange } from '../simulator/recording';
import type { DiagnosisDeps } from '../src/engine/port/deps';
import { diagnose } from '../src/engine/cloud/diagnose';
import type { DiagnosisInput } from '../src/engine/model/input';
import type { Report } from '../src/engine/model/report';
import { EXPLAIN_MAX_PROJECTS } from '../src/engine/explain/explain-projects';
import { samplePlan } from '../src/engine/cloud/sync-checks';
import { MAX_SCREEN_CLASSES, MAX_SECURITY_SAMPLES } from '../src/engine/cloud/sync-plan';
import { EDIT_MAX_TYPES } from '../src/engine/cloud/steps/fields';
import { IDS_PER_CHECK } from '../src/engine/cloud/steps/permissions';
import { KEYS_PER_PAGE } from '../src/engine/cloud/steps/projects';
import { MAX_CONCURRENCY } from '../src/jira/concurrency';
import { EvidenceLog, type EvidenceEntry } from '../src/engine/port/evidence';
import { createNodeClients } from '../src/cli/clients';
import { runClientFactory, type BasicCredentials } from '../src/jira/node-transport';
import { RESOLVER_CONCURRENCY } from '../src/resolvers/limits';
import type { JiraClient, JiraRequest, JiraResponse } from '../src/engine/port/jira-client';
import { BENCH_LOGINS, type BenchWorld } from './worlds';

/**
 * What a run needs from a simulator: in this process (`localSimulator`, tests) or in a worker
 * thread (`bench/sim-host.ts`, so that the simulator's own CPU time does not share the engine's
 * event loop).
 */
export interface SimulatorHandle {
  siteUrl: string;
  gatewayUrl: string;
  resetLog(): Promise<void> | void;
  /** What reached the simulator since the last reset. */
  exchanges(): Promise<RecordedExchange[]> | RecordedExchange[];
}

export function localSimulator(sim: RunningSimulator): SimulatorHandle {
  return {
    siteUrl: sim.siteUrl,
    gatewayUrl: sim.gatewayUrl,
    resetLog: () => sim.resetLog(),
    exchanges: () => [...sim.log],
  };
}

export type BenchMode = 'token' | 'admin' | 'both';
export const BENCH_MODES: readonly BenchMode[] = ['token', 'admin', 'both'];

/**
 * How admin mode names the sync user. Defaults follow the CLI: `--user ACCOUNT_ID` in admin mode
 * (required there), and no `--user` in both mode (the token's identity is used).
 */
export type UserRef = 'accountId' | 'email' | 'token-identity';

export interface RunSpec {
  mode: BenchMode;
  user?: UserRef;
  /** In-flight cap passed to `createNodeClients` (default: the library default). */
  concurrency?: number;
  /** Release requests in dependency rounds (see `Lockstep`); for counting round trips. */
  lockstep?: boolean;
  /**
   * `false` turns the create-readiness dry run off (it runs by default for the first
   * `CREATE_READINESS_MAX_PROJECTS` projects).
   */
  createReadiness?: false;
  /**
   * Wire the clients as a Forge run does (src/resolvers/clients.ts): the admin view's requests are
   * the app's product calls as the signed-in admin (target `forge`, they spend rate-limit points);
   * the sync user's token goes out with Forge's `fetch` (exempt). Over Node HTTP to the simulator.
   */
  forge?: true;
}

export function defaultUserRef(mode: BenchMode): UserRef | undefined {
  if (mode === 'token') return undefined;
  return mode === 'admin' ? 'accountId' : 'token-identity';
}

export function describeSpec(spec: RunSpec): string {
  const user = spec.user ?? defaultUserRef(spec.mode);
  const isDefault = user === defaultUserRef(spec.mode);
  const name = isDefault ? spec.mode : `${spec.mode} (user by ${user})`;
  const extras = [
    ...(spec.forge ? ['Forge clients'] : []),
    ...(spec.createReadiness === false ? ['no create readiness'] : []),
    ...(spec.concurrency === undefined ? [] : [`concurrency ${spec.concurrency}`]),
  ];
  return [name, ...extras].join(', ');
}

/** One call of `JiraClient.request` by the engine (retries included). */
export interface CallRecord {
  method: string;
  path: string;
  step: string;
  /** ms since the run started: when the engine asked, and when it got the answer. */
  issuedAtMs: number;
  endedAtMs: number;
  /** Lockstep runs: the dependency round (1 = needs no earlier answer). */
  round: number | null;
  /** How many project keys the call names (`project/search?keys=…`); 0 for other calls. */
  keys: number;
}

export interface RunResult {
  spec: RunSpec;
  report: Report;
  /** One entry per HTTP attempt, as the engine recorded it. */
  evidence: readonly EvidenceEntry[];
  /** What reached the simulator during the run. */
  exchanges: RecordedExchange[];
  calls: CallRecord[];
  wallMs: number;
  /** Lockstep runs: dependent round trips. */
  rounds: number | null;
}

/**
 * Releases requests in rounds: round k+1 starts only when every request of round k has been
 * answered and the engine has gone quiet (its continuations have run and issued whatever they
 * issue). A request issued then depends on an answer of round k (otherwise it would have been
 * issued earlier), so its round is exactly 1 + the depth of what it waited for, and the number
 * of rounds is the length of the longest chain of dependent requests. Queueing behind the
 * concurrency cap happens inside a round and cannot add rounds, and timing noise plays no part:
 * the count is deterministic.
 */
export class Lockstep {
  private waiting: Array<() => void> = [];
  private inFlight = 0;
  private idle: (() => void) | null = null;
  round = 0;

  /** Resolves with the round in which the request may go. */
  enter(): Promise<number> {
    return new Promise((resolve) => this.waiting.push(() => resolve(this.round)));
  }

  started(): void {
    this.inFlight++;
  }

  ended(): void {
    this.inFlight--;
    if (this.inFlight === 0 && this.idle) {
      const idle = this.idle;
      this.idle = null;
      idle();
    }
  }

  /** Drives rounds until `run` settles; returns the number of rounds used. */
  async drive(run: Promise<unknown>): Promise<number> {
    let finished = false;
    run.then(
      () => (finished = true),
      () => (finished = true),
    );
    for (;;) {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      await this.quiet();
      if (this.waiting.length > 0) {
        this.round++;
        const release = this.waiting;
        this.waiting = [];
        for (const go of release) go();
        continue;
      }
      if (finished) return this.round;
      // Nothing to send and not finished: the engine waits on a timer (a retry); look again soon.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Lets the engine's continuations run until no new request appears for a few turns. */
  private async quiet(): Promise<void> {
    let last = -1;
    let stable = 0;
    while (stable < 3) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.waiting.length === last && this.inFlight === 0) stable++;
      else stable = 0;
      last = this.waiting.length;
    }
  }
}

/** Wraps a client of the run: records each call and, in lockstep runs, holds it for its round. */
function instrument(
  inner: JiraClient,
  calls: CallRecord[],
  t0: number,
  gate: Lockstep | null,
): JiraClient {
  return {
    target: inner.target,
    auth: inner.auth,
    async request(req: JiraRequest): Promise<JiraResponse> {
      const record: CallRecord = {
        method: req.method,
        path: req.path,
        step: req.step,
        issuedAtMs: performance.now() - t0,
        endedAtMs: Number.NaN,
        round: null,
        keys: Array.isArray(req.query?.keys) ? req.query.keys.length : 0,
      };
      calls.push(record);
      if (gate) {
        record.round = await gate.enter();
        gate.started();
      }
      try {
        return await inner.request(req);
      } finally {
        record.endedAtMs = performance.now() - t0;
        gate?.ended();
      }
    },
  };
}

function instrumentDeps(
  deps: DiagnosisDeps,
  calls: CallRecord[],
  t0: number,
  gate: Lockstep | null,
): DiagnosisDeps {
  const wrap = (client: JiraClient): JiraClient => instrument(client, calls, t0, gate);
  const out: DiagnosisDeps = { evidence: deps.evidence };
  if (deps.anonymous) out.anonymous = wrap(deps.anonymous);
  if (deps.token) {
    const token = deps.token;
    const gateways = new Map<string, JiraClient>();
    out.token = {
      site: wrap(token.site),
      anonymous: wrap(token.anonymous),
      gateway(cloudId: string): JiraClient {
        let client = gateways.get(cloudId);
        if (!client) {
          client = wrap(token.gateway(cloudId));
          gateways.set(cloudId, client);
        }
        return client;
      },
    };
  }
  if (deps.admin) out.admin = wrap(deps.admin);
  return out;
}

export function diagnosisInput(
  sim: SimulatorHandle,
  bench: BenchWorld,
  spec: RunSpec,
  projects: readonly string[] = bench.keys,
): DiagnosisInput {
  const user = spec.user ?? defaultUserRef(spec.mode);
  const input: DiagnosisInput = {
    site: sim.siteUrl,
    projects: [...projects],
    permissions: bench.permissions,
    ...(spec.createReadiness === false ? { createReadiness: false } : {}),
  };
  if (spec.mode !== 'admin') input.token = { email: BENCH_LOGINS.sync.email };
  if (spec.mode !== 'token') {
    input.admin = {
      checker: BENCH_LOGINS.admin.email,
      explain: 'missing',
      ...(user === 'accountId' ? { user: BENCH_LOGINS.syncAccountId } : {}),
      ...(user === 'email' ? { user: BENCH_LOGINS.sync.email } : {}),
    };
  }
  return input;
}

/**
 * One check, as the CLI would run it (fresh evidence log, clients and limiter). `exchanges: false`
 * skips copying the simulator's log (timed runs do not need it).
 */
export async function runCheck(
  sim: SimulatorHandle,
  bench: BenchWorld,
  spec: RunSpec,
  options: {
    exchanges?: boolean;
    /** A batch: these of the world's projects (default: all of them). */
    projects?: readonly string[];
    /** A batch of a larger run: the run's sample (`DiagnosisInput.runSample`). */
    runSample?: DiagnosisInput['runSample'];
    /** A batch of a larger run: what its earlier batches read (`DiagnosisInput.schemeMemory`). */
    schemeMemory?: DiagnosisInput['schemeMemory'];
  } = {},
): Promise<RunResult> {
  await sim.resetLog();
  const evidence = new EvidenceLog();
  const clientOptions = {
    site: sim.siteUrl,
    gateway: sim.gatewayUrl,
    evidence,
    ...(spec.mode !== 'admin' ? BENCH_LOGINS.sync : {}),
    ...(spec.mode !== 'token' ? { admin: BENCH_LOGINS.admin } : {}),
    ...(spec.concurrency === undefined ? {} : { concurrency: spec.concurrency }),
  };
  const clients = spec.forge ? forgeLikeClients(clientOptions) : createNodeClients(clientOptions);
  const calls: CallRecord[] = [];
  const gate = spec.lockstep ? new Lockstep() : null;
  const t0 = performance.now();
  const deps = instrumentDeps(clients, calls, t0, gate);
  const input = diagnosisInput(sim, bench, spec, options.projects);
  if (options.runSample) input.runSample = options.runSample;
  if (options.schemeMemory) input.schemeMemory = options.schemeMemory;
  const running = diagnose(input, deps);
  const rounds = gate ? await gate.drive(running) : null;
  const report = await running;
  const wallMs = performance.now() - t0;
  return {
    spec,
    report,
    evidence: evidence.entries(),
    exchanges: options.exchanges === false ? [] : await sim.exchanges(),
    calls,
    wallMs,
    rounds,
  };
}

/**
 * The clients of a Forge run (src/resolvers/clients.ts) over Node HTTP: the admin view as the
 * app's product calls (`asUser().requestJira`, target `forge`), the token with `fetch` to the
 * site and its gateway, all sharing one limiter (default: the resolver's concurrency).
 */
function forgeLikeClients(options: {
  site: string;
  gateway: string;
  evidence: EvidenceLog;
  email?: string;
  token?: string;
  admin?: BasicCredentials;
  concurrency?: number;
}): DiagnosisDeps {
  const client = runClientFactory({
    evidence: options.evidence,
    concurrency: options.concurrency ?? RESOLVER_CONCURRENCY,
  });
  // The default build reads the permission list from the site without credentials.
  const deps: DiagnosisDeps = {
    evidence: options.evidence,
    anonymous: client(options.site, 'site', 'none'),
  };
  if (options.admin) deps.admin = client(options.site, 'forge', 'admin', options.admin);
  if (options.email !== undefined && options.token !== undefined) {
    const sync: BasicCredentials = { email: options.email, token: options.token };
    const gateways = new Map<string, JiraClient>();
    deps.token = {
      site: client(options.site, 'site', 'sync-user', sync),
      anonymous: client(options.site, 'site', 'none'),
      gateway(cloudId: string): JiraClient {
        const existing = gateways.get(cloudId);
        if (existing) return existing;
        const created = client(
          `${options.gateway}/ex/jira/${encodeURIComponent(cloudId)}`,
          'gateway',
          'sync-user',
          sync,
        );
        gateways.set(cloudId, created);
        return created;
      },
    };
  }
  return deps;
}

interface Interval {
  start: number;
  end: number;
}

const attemptInterval = (e: EvidenceEntry): Interval => ({
  start: e.startedAtMs,
  end: e.startedAtMs + e.durationMs,
});

/**
 * Longest chain a1, a2, …, ak of intervals where each starts at or after the previous one ended
 * (a_{i+1}.start ≥ a_i.end). Intervals that overlap can never be in the same chain.
 */
export function longestChain(intervals: readonly Interval[]): number {
  return Math.max(0, ...chainPositions(intervals));
}

/**
 * For each interval (in the given order), the length of the longest chain that ends with it: 1
 * for an attempt that started before any other had ended, k + 1 for one that started after an
 * attempt at position k ended. The position is the wave the attempt went out in.
 */
export function chainPositions(intervals: readonly Interval[]): number[] {
  const order = intervals
    .map((interval, index) => ({ interval, index }))
    .sort((a, b) => a.interval.start - b.interval.start || a.interval.end - b.interval.end);
  const best: number[] = [];
  const out: number[] = new Array<number>(intervals.length).fill(0);
  for (let i = 0; i < order.length; i++) {
    const current = (order[i] as (typeof order)[number]).interval;
    let length = 1;
    for (let j = 0; j < i; j++) {
      const before = (order[j] as (typeof order)[number]).interval;
      if (current.start >= before.end) length = Math.max(length, (best[j] ?? 0) + 1);
    }
    best.push(length);
    out[(order[i] as (typeof order)[number]).index] = length;
  }
  return out;
}

/**
 * Where the waves of a timed run go: per wave (see `chainPositions`), when it ran and how many
 * attempts of each step went out in it, e.g. "wave 2 (47–101 ms): admin-projects ×8".
 */
export function wavesSummary(evidence: readonly EvidenceEntry[]): string[] {
  const positions = chainPositions(evidence.map(attemptInterval));
  const waves = new Map<number, EvidenceEntry[]>();
  evidence.forEach((e, i) => {
    const wave = positions[i] ?? 0;
    waves.set(wave, [...(waves.get(wave) ?? []), e]);
  });
  return [...waves.keys()]
    .sort((a, b) => a - b)
    .map((wave) => {
      const entries = waves.get(wave) ?? [];
      const from = Math.min(...entries.map((e) => e.startedAtMs));
      const to = Math.max(...entries.map((e) => e.startedAtMs + e.durationMs));
      const steps = new Map<string, number>();
      for (const e of entries) steps.set(e.step, (steps.get(e.step) ?? 0) + 1);
      const low = entries.filter((e) => LOW_PRIORITY_STEPS.has(e.step)).length;
      return `wave ${wave} (${Math.round(from)}–${Math.round(to)} ms, ${entries.length} request${entries.length === 1 ? '' : 's'}${low ? `, ${low} advisory` : ''}): ${[
        ...steps,
      ]
        .map(([step, count]) => `${step} ×${count}`)
        .join(', ')}`;
    });
}

/**
 * Waves on the wire: `longestChain` over the evidence timeline, one interval per HTTP attempt
 * from `startedAtMs` (taken when the attempt starts, i.e. after a concurrency slot was free) to
 * `startedAtMs + durationMs` (the body was read). This counts every latency the run waited
 * through in sequence, including waits for a free slot under the concurrency cap; it is the
 * quantity wall time follows (≈ waves × latency).
 */
export function wireWaves(evidence: readonly EvidenceEntry[]): number {
  return longestChain(evidence.map(attemptInterval));
}

/** Most HTTP attempts in flight at once (an attempt ending at t does not overlap one starting at t). */
export function maxInFlight(evidence: readonly EvidenceEntry[]): number {
  const events: Array<[number, number]> = [];
  for (const e of evidence) {
    const { start, end } = attemptInterval(e);
    events.push([start, 1], [end, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let max = 0;
  for (const [, delta] of events) {
    current += delta;
    max = Math.max(max, current);
  }
  return max;
}

/** The step whose requests go at low priority (the create-readiness dry run: advisory only). */
const LOW_PRIORITY_STEP = 'create-readiness';
/** Every advisory step whose requests run at low priority (create readiness, fields, security). */
export const LOW_PRIORITY_STEPS: ReadonlySet<string> = new Set([
  LOW_PRIORITY_STEP,
  'token-scopes',
  'sync-fields',
  'edit-screens',
  'issue-security',
]);

/**
 * When the last answer of the normal-priority requests (every check except the advisory
 * low-priority steps) arrived, in ms since the run started: what the priority limiter protects.
 */
export function checksDoneMs(evidence: readonly EvidenceEntry[]): number {
  return Math.max(
    0,
    ...evidence.filter((e) => !LOW_PRIORITY_STEPS.has(e.step)).map((e) => attemptInterval(e).end),
  );
}

export interface RuleResult {
  rule: string;
  ok: boolean;
  detail: string;
}

const SEARCH = '/rest/api/3/project/search';
const BULK_CHECK = '/rest/api/3/permissions/check';
const SCHEME_PATH = /^\/rest\/api\/3\/permissionscheme\/(\d+)$/;
const PROJECT_PATH = /^\/rest\/api\/3\/project\/([^/]+)(\/.*)?$/;
const CREATEMETA_PATH = /^\/rest\/api\/3\/issue\/createmeta\/([^/]+)\//;
const EDITMETA_PATH = /^\/rest\/api\/3\/issue\/([^/]+)\/editmeta$/;
const SEARCH_JQL = '/rest/api/3/search/jql';
/** The project a search names (`project = "KEY" …`). */
const JQL_PROJECT = /^project = "([^"]+)"/;
/** The projects a search names (`project in ("A", "B") …`): one class of projects sharing schemes. */
const JQL_PROJECTS = /^project in \(([^)]*)\)/;

function bulkIssueIds(body: unknown): number {
  const entries = (body as { projectPermissions?: Array<{ issues?: unknown[] }> } | undefined)
    ?.projectPermissions;
  return (entries ?? []).reduce((sum, e) => sum + (e.issues?.length ?? 0), 0);
}

function bulkIds(body: unknown): number {
  const entries = (body as { projectPermissions?: Array<{ projects?: unknown[] }> } | undefined)
    ?.projectPermissions;
  return (entries ?? []).reduce((sum, e) => sum + (e.projects?.length ?? 0), 0);
}

/**
 * The request-count rules, checked on what reached the simulator (queries and bodies included):
 *
 * 1. `project/search` asks for at most 50 keys a page, and each caller asks for each key once.
 * 2. `permissions/check` carries at most 1000 project IDs, one call per 1000 projects and view;
 *    at most one more call per run checks sampled issues (issue security), ≤ 1000 issue IDs.
 * 3. Each permission scheme is fetched at most once per run.
 * 4. No per-project-per-permission calls (`user/permission/search`, `mypermissions` for a
 *    project), and per-project calls at all only to explain a project with a missing permission
 *    (admin view, at most `EXPLAIN_MAX_PROJECTS` of them) or for the sampled projects' screens and
 *    issue security (the sampled projects: all up to 10, the first 3 above; see `samplePlan`).
 *    With the administrator's view of the schemes (#24), screens are read once per combination
 *    of schemes, in at most `MAX_SCREEN_CLASSES` projects (one search per combination), and
 *    secured issues in at most `MAX_SECURITY_SAMPLES` projects that use an issue security scheme.
 * 5. No request is sent twice (same caller, method, path, query and body).
 * 6. At most 8 requests in flight.
 */
export function checkRequestRules(run: RunResult, bench: BenchWorld): RuleResult[] {
  const results: RuleResult[] = [];
  const x = run.exchanges;
  const caller = (e: RecordedExchange): string => e.authenticatedAs ?? 'anonymous';

  // 1 (a run of more than one page reads the leads of the projects it explains on a page of its own)
  const explainedKeys = new Set(
    run.report.projects.filter((p) => p.explanation !== undefined).map((p) => p.key),
  );
  const isLeadPage = (e: RecordedExchange): boolean =>
    bench.n > KEYS_PER_PAGE && e.path === SEARCH && (e.query.expand ?? []).includes('lead');
  const leadPages = x.filter(isLeadPage);
  const leadKeys = leadPages.flatMap((e) => e.query.keys ?? []);
  results.push({
    rule: `leads read only for the explained projects (≤ ${EXPLAIN_MAX_PROJECTS}), on one page`,
    ok:
      leadPages.length <= 1 &&
      leadKeys.length <= EXPLAIN_MAX_PROJECTS &&
      leadKeys.every((k) => explainedKeys.has(k)),
    detail: `${leadPages.length} lead page(s) naming ${leadKeys.length} project(s)`,
  });
  const searches = x.filter(
    (e) => e.path === SEARCH && (e.query.keys?.length ?? 0) > 0 && !isLeadPage(e),
  );
  const widest = Math.max(0, ...searches.map((e) => e.query.keys?.length ?? 0));
  const keysByCaller = new Map<string, string[]>();
  for (const e of searches)
    keysByCaller.set(caller(e), [...(keysByCaller.get(caller(e)) ?? []), ...(e.query.keys ?? [])]);
  const repeated = [...keysByCaller.values()].some((keys) => new Set(keys).size !== keys.length);
  const pagesPerCaller = [...keysByCaller.keys()].map(
    (who) => searches.filter((e) => caller(e) === who).length,
  );
  const expectedPages = Math.ceil(bench.n / KEYS_PER_PAGE);
  results.push({
    rule: `project/search: ≤ ${KEYS_PER_PAGE} keys a page, each key once per caller`,
    ok: widest <= KEYS_PER_PAGE && !repeated && pagesPerCaller.every((p) => p === expectedPages),
    detail: `${searches.length} keyed page(s), widest ${widest} keys, pages per caller [${pagesPerCaller.join(', ')}] (expected ${expectedPages})`,
  });

  // 2
  const issueChecks = x.filter(
    (e) => e.path === BULK_CHECK && bulkIssueIds(e.requestBody) > 0 && bulkIds(e.requestBody) === 0,
  );
  const checks = x.filter((e) => e.path === BULK_CHECK && !issueChecks.includes(e));
  const ids = checks.map((e) => bulkIds(e.requestBody));
  const views = new Map<string, number>();
  for (const e of checks) {
    const subject = (e.requestBody as { accountId?: string } | undefined)?.accountId ?? 'self';
    const key = `${caller(e)}→${subject}`;
    views.set(key, (views.get(key) ?? 0) + 1);
  }
  const maxCalls = Math.max(1, Math.ceil(bench.n / IDS_PER_CHECK));
  results.push({
    rule: `permissions/check: ≤ ${IDS_PER_CHECK} project IDs a call, ≤ ${maxCalls} call(s) per view`,
    ok:
      ids.every((n) => n <= IDS_PER_CHECK) &&
      [...views.values()].every((c) => c <= maxCalls) &&
      issueChecks.length <= 1 &&
      issueChecks.every((e) => bulkIssueIds(e.requestBody) <= IDS_PER_CHECK),
    detail: `${checks.length} call(s) carrying [${ids.join(', ')}] IDs; ${issueChecks.length} issue check(s)`,
  });

  // 3
  const schemeFetches = new Map<string, number>();
  for (const e of x) {
    const id = SCHEME_PATH.exec(e.path)?.[1];
    if (id && e.method === 'GET') schemeFetches.set(id, (schemeFetches.get(id) ?? 0) + 1);
  }
  const fetchedTwice = [...schemeFetches].filter(([, count]) => count > 1).map(([id]) => id);
  results.push({
    rule: 'each permission scheme fetched at most once',
    ok: fetchedTwice.length === 0,
    detail:
      schemeFetches.size === 0
        ? 'no scheme fetched (nothing to explain)'
        : `${schemeFetches.size} scheme(s) fetched: ${[...schemeFetches].map(([id, c]) => `${id}×${c}`).join(', ')}`,
  });

  // 4
  const perProjectPermission = x.filter(
    (e) =>
      e.path === '/rest/api/3/user/permission/search' ||
      (e.path === '/rest/api/3/mypermissions' &&
        (e.query.projectKey !== undefined || e.query.projectId !== undefined)),
  );
  const explained = new Set(
    run.report.projects.filter((p) => p.explanation !== undefined).map((p) => p.key),
  );
  const byScheme = run.report.checks.some(
    (c) => c.id === 'scheme-mapping' && c.status !== 'skip' && c.status !== 'error',
  );
  const targets = new Set(bench.keys);
  const plan = byScheme
    ? { projects: bench.keys, editTypes: EDIT_MAX_TYPES }
    : samplePlan(bench.keys, null);
  const sampled = new Set(plan.projects);
  const searchedProject = (e: RecordedExchange): string | undefined =>
    e.path === SEARCH_JQL
      ? JQL_PROJECT.exec((e.requestBody as { jql?: string } | undefined)?.jql ?? '')?.[1]
      : undefined;
  const editmetaPerSampled = new Map<string, number>();
  for (const e of x) {
    const issueKey = EDITMETA_PATH.exec(e.path)?.[1];
    const project = issueKey ? decodeURIComponent(issueKey).replace(/-\d+$/, '') : undefined;
    if (project) editmetaPerSampled.set(project, (editmetaPerSampled.get(project) ?? 0) + 1);
  }
  const strayPerProject = x.filter((e) => {
    const createmeta = CREATEMETA_PATH.exec(e.path)?.[1];
    if (createmeta) return !sampled.has(decodeURIComponent(createmeta));
    if (e.path === SEARCH_JQL) {
      const jql = (e.requestBody as { jql?: string } | undefined)?.jql ?? '';
      const many = JQL_PROJECTS.exec(jql)?.[1];
      if (many !== undefined)
        return !byScheme || !many.split(',').every((k) => targets.has(k.trim().replace(/"/g, '')));
      return !sampled.has(searchedProject(e) ?? '');
    }
    const issueKey = EDITMETA_PATH.exec(e.path)?.[1];
    if (issueKey) return !sampled.has(decodeURIComponent(issueKey).replace(/-\d+$/, ''));
    const key = PROJECT_PATH.exec(e.path)?.[1];
    return key !== undefined && key !== 'search' && !explained.has(decodeURIComponent(key));
  });
  const tooManyEdits = byScheme
    ? [...editmetaPerSampled.values()].reduce((a, b) => a + b, 0) >
      MAX_SCREEN_CLASSES * EDIT_MAX_TYPES
    : [...editmetaPerSampled.values()].some((n) => n > plan.editTypes);
  // With the schemes: one create screen read per combination, secured issues in a few projects.
  const createmetaProjects = new Set(
    x.map((e) => CREATEMETA_PATH.exec(e.path)?.[1]).filter((k): k is string => k !== undefined),
  );
  const securitySearches = x.filter(
    (e) =>
      e.path === SEARCH_JQL &&
      ((e.requestBody as { jql?: string } | undefined)?.jql ?? '').includes('level is not EMPTY'),
  );
  const tooManyClasses =
    byScheme &&
    (createmetaProjects.size > MAX_SCREEN_CLASSES ||
      securitySearches.length > MAX_SECURITY_SAMPLES);
  const perProject = x.filter(
    (e) =>
      CREATEMETA_PATH.test(e.path) ||
      EDITMETA_PATH.test(e.path) ||
      e.path === SEARCH_JQL ||
      (PROJECT_PATH.test(e.path) && e.path !== SEARCH),
  );
  results.push({
    rule: byScheme
      ? `no per-project-per-permission calls; per-project calls only to explain (≤ ${EXPLAIN_MAX_PROJECTS} projects), to read screens once per combination of schemes (≤ ${MAX_SCREEN_CLASSES}) and secured issues (≤ ${MAX_SECURITY_SAMPLES} projects)`
      : `no per-project-per-permission calls; per-project calls only to explain (≤ ${EXPLAIN_MAX_PROJECTS} projects) or, for the ${plan.projects.length} sampled project(s), to read create/edit screens (≤ ${plan.editTypes} edit screen(s) each) and secured issues`,
    ok:
      perProjectPermission.length === 0 &&
      strayPerProject.length === 0 &&
      !tooManyEdits &&
      !tooManyClasses &&
      explained.size <= EXPLAIN_MAX_PROJECTS,
    detail: `${perProjectPermission.length} per-project-per-permission, ${perProject.length} per-project (${explained.size} project(s) explained), ${strayPerProject.length} stray${byScheme ? `, create screens read in ${createmetaProjects.size} project(s), ${securitySearches.length} secured-issue search(es)` : ''}`,
  });

  // 5
  const seen = new Map<string, number>();
  for (const e of x) {
    const query = Object.entries(e.query)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v.join(',')}`)
      .join('&');
    const signature = `${caller(e)} ${e.method} ${e.path}?${query} ${JSON.stringify(e.requestBody ?? null)}`;
    seen.set(signature, (seen.get(signature) ?? 0) + 1);
  }
  const duplicates = [...seen.values()].filter((c) => c > 1).length;
  results.push({
    rule: 'no request sent twice',
    ok: duplicates === 0,
    detail: `${duplicates} duplicated request(s)`,
  });

  // 6
  const inFlight = maxInFlight(run.evidence);
  results.push({
    rule: `≤ ${MAX_CONCURRENCY} requests in flight`,
    ok: inFlight <= MAX_CONCURRENCY,
    detail: `max ${inFlight} in flight`,
  });

  results.push({
    rule: 'the engine and the simulator count the same requests',
    ok: run.evidence.length === x.length && run.report.requestCount === x.length,
    detail: `evidence ${run.evidence.length}, report ${run.report.requestCount}, simulator ${x.length}`,
  });
  return results;
}

/** Requests per dependency round of a lockstep run, e.g. "1: GET /rest/api/3/myself ×1, …". */
export function roundsSummary(calls: readonly CallRecord[]): string[] {
  const byRound = new Map<number, Map<string, number>>();
  for (const c of calls) {
    const round = c.round ?? 0;
    const name = `${c.method} ${c.path
      .replace(/\/project\/(?!search$)[^/]+/, '/project/{key}')
      .replace(/\/createmeta\/[^/]+/, '/createmeta/{key}')
      .replace(/\/issuetypes\/\d+/, '/issuetypes/{id}')
      .replace(/\/role\/\d+/, '/role/{id}')
      .replace(/\/permissionscheme\/\d+/, '/permissionscheme/{id}')}`;
    const names = byRound.get(round) ?? new Map<string, number>();
    names.set(name, (names.get(name) ?? 0) + 1);
    byRound.set(round, names);
  }
  return [...byRound.keys()]
    .sort((a, b) => a - b)
    .map(
      (round) =>
        `${round}: ${[...(byRound.get(round) ?? [])].map(([name, count]) => `${name} ×${count}`).join(', ')}`,
    );
}
