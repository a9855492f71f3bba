/** Fault injection: rules that replace or shape the answer to matching requests. */
import type { FaultKind, Target } from './recording';

export interface FaultRule {
  /** 'METHOD /path/template' (e.g. 'GET /rest/api/3/myself') or '*'. */
  route: string;
  target?: Target;
  /** Fire at most this many times, then stop. */
  times?: number;
  /** Let the first N matching requests through untouched. */
  afterMatches?: number;
  /** Fire with this probability (0..1), drawn from the simulator's seeded RNG. */
  probability?: number;
  /** Status for 'status', 'html' and 'malformed-json' faults. */
  status?: number;
  /** Seconds for `Retry-After`; 429 answers default to 1; null omits the header. */
  retryAfter?: number | null;
  headers?: Record<string, string>;
  /** `RateLimit-Reason` of a 429 (default `jira-burst-based`). */
  rateLimitReason?: RateLimitReason;
  body?: string;
  /** Default 'status'. 'login-reason-failed' answers as anonymous with X-Seraph-LoginReason: AUTHENTICATED_FAILED. */
  kind?: FaultKind;
}

interface ArmedRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

/** Small deterministic PRNG (mulberry32) so probabilistic faults are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultRegistry {
  private rules: ArmedRule[] = [];

  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    if (rule.probability !== undefined && (rule.probability < 0 || rule.probability > 1)) {
      throw new Error(`Fault probability must be within 0..1, got ${rule.probability}`);
    }
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that fires for this request (rules are consulted in the order they were added). */
  pick(operationKey: string | null, target: Target): FaultRule | undefined {
    for (const armed of this.rules) {
      const { rule } = armed;
      if (rule.target && rule.target !== target) continue;
      if (rule.route !== '*' && rule.route !== operationKey) continue;
      armed.seen++;
      if (armed.seen <= (rule.afterMatches ?? 0)) continue;
      if (rule.times !== undefined && armed.fired >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      armed.fired++;
      return rule;
    }
    return undefined;
  }
}

/** `X-RateLimit-Reset` is documented as an ISO 8601 timestamp in the form yyyy-MM-ddTHH:mmZ. */
export function rateLimitReset(now: Date, retryAfterSeconds: number): string {
  const at = new Date(now.getTime() + retryAfterSeconds * 1000);
  return `${at.toISOString().slice(0, 16)}Z`;
}

/**
 * Headers documented for Jira Cloud rate limiting. The limit value is site-specific and not
 * published; 100 is a placeholder a rule can override through `headers`. `X-RateLimit-NearLimit`
 * only rides on cost-based 429s (JRACLOUD-83791), so a burst or per-issue limit never sends it.
 */
export function rateLimitHeaders(
  now: Date,
  retryAfterSeconds: number | null,
  reason: RateLimitReason = 'jira-burst-based',
): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': '100',
    'X-RateLimit-Remaining': '0',
    'RateLimit-Reason': reason,
  };
  if (reason.startsWith('jira-quota-')) headers['X-RateLimit-NearLimit'] = 'true';
  if (retryAfterSeconds !== null) {
    headers['Retry-After'] = String(retryAfterSeconds);
    headers['X-RateLimit-Reset'] = rateLimitReset(now, retryAfterSeconds);
  }
  return headers;
}

/**
 * `RateLimit-Reason` values: burst (the limit API-token traffic meets), per-issue writes (W5,
 * recorded) and the cost-based quotas of apps (the only kind with `X-RateLimit-NearLimit`).
 */
export type RateLimitReason =
  | 'jira-burst-based'
  | 'jira-per-issue-on-write'
  | 'jira-quota-tenant-based'
  | 'jira-quota-global-based';
