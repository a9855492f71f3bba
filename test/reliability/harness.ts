/**
 * Shared by the reliability suites: the fault matrix (every endpoint the engine uses × every
 * fault), one diagnosis over a running simulator, the judge that tells a right outcome from a
 * wrong one, and a small pool that runs cases with limited parallelism.
 */
import { diagnose } from '../../src/engine/cloud/diagnose';
import type { DiagnosisInput } from '../../src/engine/model/input';
import type { Finding, FindingCode, Report, Verdict } from '../../src/engine/model/report';
import { EvidenceLog, type EvidenceEntry } from '../../src/engine/port/evidence';
import { createNodeClients } from '../../src/cli/clients';
import { startSimulator, type FaultRule, type RunningSimulator } from '../../simulator';
import type { Scenario } from '../../simulator/worlds/scenarios';
import { FAST_RETRY } from '../support/scenario';

/**
 * Per-attempt timeout of runs with a hang fault: a hang costs (1 + retries) × this. It applies to
 * every request of such a run, so it stays well above what a healthy answer takes on a loaded
 * 2-core machine (at 400 ms, CPU contention timed healthy requests out and blamed the wrong step).
 */
export const HANG_TIMEOUT_MS = 1_000;

/** Per-attempt timeout otherwise: generous, so a busy machine never turns into a fault. */
export const RUN_TIMEOUT_MS = 5_000;

/** How the engine is run in the fault and secret suites: every view and every endpoint. */
export interface RunShape {
  mode: 'token' | 'admin' | 'both';
  /** Admin mode: the sync user as given (an email exercises `user/search`). */
  user?: string;
  explain?: 'missing' | 'all';
  createReadiness?: boolean;
  timeoutMs?: number;
}

/** Token + admin, the sync user named by email, every grant explained, create readiness on. */
export function fullShape(scenario: Scenario): RunShape {
  return {
    mode: 'both',
    user: scenario.login.email,
    explain: 'all',
    createReadiness: true,
    timeoutMs: RUN_TIMEOUT_MS,
  };
}

export function inputFor(
  sim: RunningSimulator,
  scenario: Scenario,
  shape: RunShape,
): DiagnosisInput {
  const withToken = shape.mode !== 'admin';
  const withAdmin = shape.mode !== 'token';
  return {
    site: sim.siteUrl,
    projects: [...scenario.projects],
    permissions: [...scenario.permissions],
    ...(shape.createReadiness === undefined ? {} : { createReadiness: shape.createReadiness }),
    ...(withToken ? { token: { email: scenario.login.email } } : {}),
    ...(withAdmin
      ? {
          admin: {
            checker: scenario.admin.email,
            explain: shape.explain ?? 'missing',
            ...(shape.user ? { user: shape.user } : {}),
          },
        }
      : {}),
  };
}

export interface Diagnosis {
  input: DiagnosisInput;
  evidence: EvidenceLog;
  report?: Report;
  /** Set when diagnose rejected (a crash). */
  error?: unknown;
}

/** One run over a live simulator. Never throws: a rejection is returned as `error`. */
export async function diagnoseOver(
  sim: RunningSimulator,
  scenario: Scenario,
  shape: RunShape,
  evidence: EvidenceLog = new EvidenceLog(),
): Promise<Diagnosis> {
  const withToken = shape.mode !== 'admin';
  const withAdmin = shape.mode !== 'token';
  const clients = createNodeClients({
    site: sim.siteUrl,
    gateway: sim.gatewayUrl,
    evidence,
    retry: FAST_RETRY,
    timeoutMs: shape.timeoutMs ?? RUN_TIMEOUT_MS,
    ...(withToken ? { email: scenario.login.email, token: scenario.login.secret } : {}),
    ...(withAdmin ? { admin: { email: scenario.admin.email, token: scenario.admin.token } } : {}),
  });
  const input = inputFor(sim, scenario, shape);
  try {
    const report = await diagnose(input, clients);
    return { input, evidence, report };
  } catch (error) {
    return { input, evidence, error };
  }
}

/** Starts a simulator for the scenario's world, runs `fn`, and always closes it. */
export async function withSimulator<T>(
  scenario: Scenario,
  fn: (sim: RunningSimulator) => Promise<T>,
): Promise<T> {
  const sim = await startSimulator(scenario.world);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/** An endpoint as the simulator names it: 'METHOD /path/template', and how often a run calls it. */
export interface Endpoint {
  route: string;
  calls: number;
}

/** Every operation a run of this shape calls, collected from the simulator's log. */
export async function collectEndpoints(scenario: Scenario, shape: RunShape): Promise<Endpoint[]> {
  return withSimulator(scenario, async (sim) => {
    const run = await diagnoseOver(sim, scenario, shape);
    if (!run.report) throw new Error(`baseline run failed: ${String(run.error)}`);
    const counts = new Map<string, number>();
    for (const exchange of sim.log) {
      if (!exchange.operation)
        throw new Error(`unrouted request ${exchange.method} ${exchange.path}`);
      counts.set(exchange.operation, (counts.get(exchange.operation) ?? 0) + 1);
    }
    return [...counts]
      .map(([route, calls]) => ({ route, calls }))
      .sort((a, b) => a.route.localeCompare(b.route));
  });
}

/** Does an evidence entry (path relative to the client's base, with query) hit this route? */
export function matchesRoute(
  route: string,
  entry: Pick<EvidenceEntry, 'method' | 'path'>,
): boolean {
  const [method, template] = route.split(' ');
  if (!method || !template || method !== entry.method) return false;
  const pattern = new RegExp(
    `^${template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}$`,
  );
  return pattern.test(entry.path.split('?')[0] ?? '');
}

export interface FaultKindSpec {
  id: string;
  /** The rule for one endpoint (`calls`: how often a healthy run calls it). */
  rule(endpoint: Endpoint): FaultRule;
  /** Jira refusing the credential: `fix-credentials` naming the faulted step is a true report. */
  credentialRefusal?: boolean;
  /** Per-attempt timeout for runs with this fault (default RUN_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Every fault of issue 8, applied to one endpoint at a time. */
export const FAULT_KINDS: readonly FaultKindSpec[] = [
  { id: '500', rule: ({ route }) => ({ route, status: 500 }) },
  { id: '502', rule: ({ route }) => ({ route, status: 502 }) },
  {
    id: '503 Retry-After: 1 (longer than the retry budget)',
    rule: ({ route }) => ({ route, status: 503, retryAfter: 1 }),
  },
  {
    id: '503 Retry-After: 0, once',
    rule: ({ route }) => ({ route, status: 503, retryAfter: 0, times: 1 }),
  },
  {
    id: '429 Retry-After: 0, once',
    rule: ({ route }) => ({ route, status: 429, retryAfter: 0, times: 1 }),
  },
  { id: '429 persistently', rule: ({ route }) => ({ route, status: 429, retryAfter: 0 }) },
  {
    id: 'hang past the timeout',
    rule: ({ route }) => ({ route, kind: 'hang' }),
    timeoutMs: HANG_TIMEOUT_MS,
  },
  { id: 'connection reset', rule: ({ route }) => ({ route, kind: 'reset' }) },
  {
    id: 'malformed JSON (200)',
    rule: ({ route }) => ({ route, kind: 'malformed-json', status: 200 }),
  },
  { id: 'HTML error page (500)', rule: ({ route }) => ({ route, kind: 'html', status: 500 }) },
  { id: 'HTML page (200)', rule: ({ route }) => ({ route, kind: 'html', status: 200 }) },
  {
    id: '401 mid-run',
    credentialRefusal: true,
    // After the first success where the run calls the endpoint more than once.
    rule: ({ route, calls }) => ({
      route,
      status: 401,
      ...(calls > 1 ? { afterMatches: 1 } : {}),
      body: '{"message":"Client must be authenticated to access this resource.","status-code":401}',
    }),
  },
  {
    id: '200 with X-Seraph-LoginReason: AUTHENTICATED_FAILED',
    credentialRefusal: true,
    rule: ({ route, calls }) => ({
      route,
      kind: 'login-reason-failed',
      ...(calls > 1 ? { afterMatches: 1 } : {}),
    }),
  },
  {
    // The site's login layer refuses while the API gateway (the scoped-token probe) still works.
    id: '401 mid-run at the site only',
    credentialRefusal: true,
    rule: ({ route, calls }) => ({
      route,
      target: 'site',
      status: 401,
      ...(calls > 1 ? { afterMatches: 1 } : {}),
      body: '{"message":"Client must be authenticated to access this resource.","status-code":401}',
    }),
  },
  {
    id: 'AUTHENTICATED_FAILED at the site only',
    credentialRefusal: true,
    rule: ({ route, calls }) => ({
      route,
      target: 'site',
      kind: 'login-reason-failed',
      ...(calls > 1 ? { afterMatches: 1 } : {}),
    }),
  },
];

/**
 * Findings that say Jira refused the credential: true reports when Jira really said so.
 * SCOPED_TOKEN_AT_SITE_URL is defined by exactly what a site-only refusal shows: rejected at the
 * site URL, accepted at the gateway (its message says a site policy looks the same).
 */
const CREDENTIAL_REFUSALS: ReadonlySet<FindingCode> = new Set([
  'CREDENTIALS_REJECTED',
  'ANONYMOUS_FALLBACK',
  'SCOPED_TOKEN_AT_SITE_URL',
]);

export type Outcome =
  | { kind: 'correct' }
  | { kind: 'inconclusive-named' }
  | { kind: 'credential-refusal' }
  | { kind: 'wrong'; why: string }
  | { kind: 'crash'; why: string };

/** What a fault-free run of the same world concluded: the reference for the faulted runs. */
export interface Baseline {
  verdict: Verdict;
  /** `code project permission` of every decisive error finding. */
  decisive: Set<string>;
}

export function baselineOf(report: Report): Baseline {
  return {
    verdict: report.verdict,
    decisive: new Set(report.findings.filter(isDecisive).map(findingKey)),
  };
}

function isDecisive(f: Finding): boolean {
  return f.severity === 'error' && f.category !== 'transient' && f.code !== 'CHECKER_NOT_ADMIN';
}

/**
 * A conclusion about the world (what the user may see or do, what exists) drawn from a broken
 * answer. Credential findings are judged by the verdict: the site's refusal of a credential stays
 * true whatever happened to later requests.
 */
function isWorldConclusion(f: Finding): boolean {
  return isDecisive(f) && (f.category === 'permissions' || f.category === 'configuration');
}

export function findingKey(f: Pick<Finding, 'code' | 'project' | 'permission'>): string {
  return [f.code, f.project ?? '', f.permission ?? ''].join(' ');
}

/**
 * The rule of issue 8: the right verdict for the world (the retry got through, or the failing
 * step was advisory), or `inconclusive` with an error finding naming a faulted step — never a
 * wrong verdict, never a crash. A fault that is Jira refusing the credential may also give
 * `fix-credentials` with CREDENTIALS_REJECTED / ANONYMOUS_FALLBACK, when that finding names the
 * faulted step. A permission or configuration finding the fault-free run did not draw is wrong
 * even when the verdict happens to match: a conclusion about the world from a broken answer.
 */
export function judge(
  run: Diagnosis,
  baseline: Baseline,
  faultedSteps: ReadonlySet<string>,
  credentialRefusal: boolean,
): Outcome {
  if (!run.report) return { kind: 'crash', why: `diagnose rejected: ${describeError(run.error)}` };
  const report = run.report;
  const refusals = report.findings.filter(
    (f) => f.severity === 'error' && CREDENTIAL_REFUSALS.has(f.code),
  );
  const newConclusions = report.findings
    .filter(isWorldConclusion)
    .filter((f) => !baseline.decisive.has(findingKey(f)));
  if (newConclusions.length > 0) {
    return {
      kind: 'wrong',
      why: `${report.verdict}: conclusion(s) the fault-free run did not draw: ${newConclusions
        .map((f) => `${f.code}@${f.step}${f.project ? ` ${f.project}` : ''}`)
        .join(', ')}`,
    };
  }
  if (report.verdict === baseline.verdict) return { kind: 'correct' };
  if (report.verdict === 'inconclusive') {
    const named = report.findings.some(
      (f) =>
        f.severity === 'error' &&
        (f.category === 'transient' || f.code === 'CHECKER_NOT_ADMIN') &&
        faultedSteps.has(f.step),
    );
    return named
      ? { kind: 'inconclusive-named' }
      : {
          kind: 'wrong',
          why: `inconclusive without an error finding naming ${[...faultedSteps].join('/')}: ${summarise(report)}`,
        };
  }
  if (
    credentialRefusal &&
    report.verdict === 'fix-credentials' &&
    refusals.some((f) => faultedSteps.has(f.step))
  ) {
    return { kind: 'credential-refusal' };
  }
  return {
    kind: 'wrong',
    why: `${report.verdict} (expected ${baseline.verdict}): ${summarise(report)}`,
  };
}

export function summarise(report: Report): string {
  return report.findings
    .map((f) => `${f.code}/${f.severity}@${f.step}${f.project ? ` ${f.project}` : ''}`)
    .join(', ');
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Steps that sent at least one request to the route in this run. */
export function stepsHitting(route: string, evidence: EvidenceLog): Set<string> {
  return new Set(
    evidence
      .entries()
      .filter((e) => matchesRoute(route, e))
      .map((e) => e.step),
  );
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
