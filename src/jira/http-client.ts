import { limitConcurrency, type Limiter } from './concurrency';
import type { EvidenceLog, ObjectCounts } from '../engine/port/evidence';
import { classifyTransportFailure, describeFailureKind } from './failure-kind';
import {
  JiraTransportError,
  type JiraClient,
  type JiraRequest,
  type JiraResponse,
  type Target,
  type TransportFailureKind,
  type RequestOrigin,
} from '../engine/port/jira-client';
import {
  isScopeRefusal,
  refusesBasicAuth,
  reportsFailedLogin,
} from '../engine/port/answer-signals';
import { hasMalformedJson, toJiraResponse } from './response';
import {
  DEFAULT_RETRY,
  backoffDelayMs,
  isIdempotent,
  isRetryableStatus,
  type RetryOptions,
} from './retry-policy';
import { pathWithQuery, type Transport } from './transport';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpJiraClientOptions {
  transport: Transport;
  target: Target;
  auth: JiraClient['auth'];
  /** Where the requests leave from (default: this host). */
  origin?: RequestOrigin;
  evidence: EvidenceLog;
  /** Per attempt, covering the headers and the body. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Share one limiter between the clients of a run so their sum stays small. */
  limiter?: Limiter;
  /** Cancels every request of this client (e.g. a Forge invocation running out of time). */
  signal?: AbortSignal;
  /**
   * Errors that are the platform's own signals, not network failures (Forge's "the user must
   * allow access" prompt): rethrown untouched so the platform can act on them.
   */
  passThrough?: (error: unknown) => boolean;
  /** Waits between attempts; should resolve early when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Clock for durations and HTTP-date `Retry-After`. */
  now?: () => number;
  random?: () => number;
}

type Attempt = { ok: true; response: JiraResponse } | { ok: false; kind: TransportFailureKind };

const RETRYABLE_FAILURES: ReadonlySet<TransportFailureKind> = new Set(['timeout', 'reset']);

export class HttpJiraClient implements JiraClient {
  readonly target: Target;
  readonly auth: JiraClient['auth'];
  readonly origin: RequestOrigin;
  private readonly transport: Transport;
  private readonly evidence: EvidenceLog;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  private readonly limiter: Limiter;
  private readonly signal: AbortSignal | undefined;
  private readonly passThrough: (error: unknown) => boolean;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  /**
   * Set once Jira refuses this client's credential (401, a failed-login reason, or Basic switched
   * off): every later request of the run is not sent, so a revoked token never piles up failed
   * logins.
   */
  private credentialRefused = false;

  constructor(options: HttpJiraClientOptions) {
    this.transport = options.transport;
    this.target = options.target;
    this.auth = options.auth;
    this.origin = options.origin ?? 'host';
    this.evidence = options.evidence;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = withDefaults(DEFAULT_RETRY, options.retry);
    this.limiter = options.limiter ?? limitConcurrency();
    this.signal = options.signal;
    this.passThrough = options.passThrough ?? (() => false);
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  request(req: JiraRequest): Promise<JiraResponse> {
    return this.limiter(() => this.requestWithRetries(req), req.priority);
  }

  private async requestWithRetries(req: JiraRequest): Promise<JiraResponse> {
    const idempotent = isIdempotent(req);
    let waitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      const result = await this.attemptOnce(req, attempt);
      const delayMs = req.once ? null : this.retryDelayMs(result, attempt, idempotent);
      if (
        delayMs !== null &&
        waitedMs + delayMs <= this.retry.maxTotalWaitMs &&
        !this.cancelled()
      ) {
        await this.pause(delayMs);
        waitedMs += delayMs;
        // A run cancelled during the wait keeps the answer it already has.
        if (!this.cancelled()) continue;
      }
      if (result.ok) return result.response;
      throw this.failure(req, result.kind, attempt);
    }
  }

  private cancelled(): boolean {
    return this.signal?.aborted ?? false;
  }

  /** Sleeps between attempts, ending early when the caller cancels the run. */
  private pause(ms: number): Promise<void> {
    const signal = this.signal;
    if (!signal) return this.sleep(ms);
    return new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
      void this.sleep(ms, signal).then(resolve);
    });
  }

  /** Milliseconds to wait before the next attempt, or null when this result is final. */
  private retryDelayMs(result: Attempt, attempt: number, idempotent: boolean): number | null {
    if (attempt > this.retry.maxRetries) return null;
    if (!result.ok) {
      if (!idempotent || !RETRYABLE_FAILURES.has(result.kind)) return null;
      return backoffDelayMs(attempt - 1, this.retry, this.random);
    }
    const { response } = result;
    if (!isRetryableStatus(response.status, idempotent) || reportsFailedLogin(response.headers)) {
      return null;
    }
    if (response.retryAfterSeconds !== null) return response.retryAfterSeconds * 1000;
    return backoffDelayMs(attempt - 1, this.retry, this.random);
  }

  private async attemptOnce(req: JiraRequest, attempt: number): Promise<Attempt> {
    const query = toQueryPairs(req.query);
    const startedAtMs = this.evidence.elapsedMs();
    const started = this.now();
    const record = (status: number | null, error?: string, objects?: ObjectCounts): void => {
      this.evidence.record({
        step: req.step,
        method: req.method,
        path: pathWithQuery(req.path, query),
        target: this.target,
        auth: this.auth,
        status,
        ...(error === undefined ? {} : { error }),
        attempt,
        startedAtMs,
        durationMs: Math.max(0, this.now() - started),
        ...(objects === undefined ? {} : { objects }),
      });
    };

    if (this.signal?.aborted) {
      record(null, 'aborted');
      return { ok: false, kind: 'aborted' };
    }
    if (this.credentialRefused) return { ok: false, kind: 'credential-refused' };
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const cancel = (): void => controller.abort();
    this.signal?.addEventListener('abort', cancel);

    let status: number | null = null;
    try {
      const headers: Record<string, string> = { Accept: 'application/json' };
      let body: string | undefined;
      if (req.multipart) {
        headers['Content-Type'] = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;
        headers['X-Atlassian-Token'] = 'no-check';
        body = `--${MULTIPART_BOUNDARY}--\r\n`;
      } else if (req.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(req.body);
      }
      const answer = await untilAborted(
        this.transport({
          method: req.method,
          path: req.path,
          query,
          headers,
          ...(body === undefined ? {} : { body }),
          signal: controller.signal,
        }),
        controller.signal,
      );
      status = answer.status;
      const text = await untilAborted(answer.text(), controller.signal);
      const response = toJiraResponse({ ...answer, text }, attempt, this.now());
      const malformed = hasMalformedJson(response);
      record(
        status,
        malformed ? 'malformed-json' : undefined,
        // Only what a successful JSON answer listed: a count, never the body.
        req.countObjects &&
          !malformed &&
          status >= 200 &&
          status < 300 &&
          response.json !== undefined
          ? req.countObjects(response.json)
          : undefined,
      );
      // A scope refusal recognised the token, so later operations (other scopes) may still work.
      // Basic switched off (D2) refuses this credential on every request: it is not sent again.
      if (
        this.auth !== 'none' &&
        (response.status === 401 ||
          reportsFailedLogin(response.headers) ||
          refusesBasicAuth(response)) &&
        !isScopeRefusal(response)
      ) {
        this.credentialRefused = true;
      }
      return { ok: true, response };
    } catch (error) {
      if (this.passThrough(error)) throw error;
      const kind = classifyTransportFailure(error, {
        timedOut,
        cancelled: this.signal?.aborted ?? false,
      });
      record(status, kind);
      return { ok: false, kind };
    } finally {
      clearTimeout(timer);
      this.signal?.removeEventListener('abort', cancel);
    }
  }

  /** The message names the request by method and path only: no host, query, header or cause. */
  private failure(
    req: JiraRequest,
    kind: TransportFailureKind,
    attempts: number,
  ): JiraTransportError {
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    return new JiraTransportError(
      kind,
      `${req.method} ${req.path} (${this.target}): ${describeFailureKind(kind)} after ${tries}`,
      attempts,
    );
  }
}

export function toQueryPairs(query: JiraRequest['query']): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values: ReadonlyArray<string | number | boolean> = Array.isArray(value)
      ? value
      : [value as string | number | boolean];
    for (const item of values) pairs.push([name, String(item)]);
  }
  return pairs;
}

function withDefaults<T extends object>(
  defaults: Readonly<T>,
  overrides: Partial<T> | undefined,
): T {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}

/** Enforces the timeout even when an adapter's HTTP stack ignores the abort signal. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // Cleared on abort so an abandoned wait cannot keep the process alive.
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** An empty multipart form: the end delimiter only. */
const MULTIPART_BOUNDARY = 'credential-doctor-probe';
