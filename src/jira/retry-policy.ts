import type { JiraRequest } from '../engine/port/jira-client';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Total time spent waiting between attempts; a wait that would exceed it ends the retries. */
  maxTotalWaitMs: number;
  /** First backoff delay when the answer has no `Retry-After`; doubles per retry. */
  initialDelayMs: number;
  /** Ceiling of a single backoff delay. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = {
  maxRetries: 3,
  maxTotalWaitMs: 30_000,
  initialDelayMs: 1_000,
  maxDelayMs: 10_000,
};

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * POSTs that only read. `permissions/check` evaluates permissions and changes nothing, so
 * repeating it after a timeout or a 5xx cannot have a side effect twice.
 */
const READ_ONLY_POSTS = new Set(['/rest/api/3/permissions/check']);

export function isIdempotent(req: Pick<JiraRequest, 'method' | 'path'>): boolean {
  return req.method === 'GET' || READ_ONLY_POSTS.has(req.path);
}

/**
 * 429 means Jira refused before doing anything, so it is safe to repeat any request; a 5xx may
 * have half-happened, so only idempotent requests are repeated.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (!RETRYABLE_STATUSES.has(status)) return false;
  return status === 429 || idempotent;
}

/** Whole seconds to wait, from delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Date.parse accepts bare numbers such as '-3' as years; an HTTP date always has a day name.
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** Exponential backoff with 0.7–1.3 jitter (Atlassian's sample policy), capped. */
export function backoffDelayMs(
  retryIndex: number,
  options: RetryOptions,
  random: () => number,
): number {
  const base = options.initialDelayMs * 2 ** retryIndex;
  const jitter = 0.7 + 0.6 * random();
  return Math.round(Math.min(options.maxDelayMs, base * jitter));
}
