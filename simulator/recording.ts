/** What the simulator records about every exchange, and per-account Basic-auth attempt counters. */

/** `auth`: the OAuth 2.0 token endpoint; `admin-api`: the organisation admin API (atlassian-apis.ts). */
export type Target = 'site' | 'gateway' | 'auth' | 'admin-api';

/**
 * How the request's credentials fared. `scope-refused`: the gateway recognised a scoped token but
 * refused it for this operation (C7): no failed login.
 */
export type AuthOutcome =
  'none' | 'ok' | 'failed' | 'anonymous-fallback' | 'bearer' | 'scope-refused';

export type FaultKind =
  'status' | 'hang' | 'reset' | 'malformed-json' | 'html' | 'login-reason-failed';

export interface RecordedExchange {
  method: string;
  /** The request path without the query, exactly as sent (gateway requests keep `/ex/jira/{cloudId}`). */
  path: string;
  /** Parsed query: every parameter name with all its values, in order. */
  query: Record<string, string[]>;
  target: Target;
  /** Parsed JSON request body (POST), when there was one. */
  requestBody?: unknown;
  /** 0 when no HTTP answer was sent (hang, reset). */
  status: number;
  contentType: string | null;
  /** Parsed JSON when the body was JSON, else the text ('' for none). */
  responseBody: unknown;
  /** Lower-cased response header names. */
  responseHeaders: Record<string, string>;
  /** E.g. 'GET /rest/api/3/project/{projectIdOrKey}'; null when no operation matched. */
  operation: string | null;
  operationId: string | null;
  /** Account the request ran as; null when anonymous or refused. */
  authenticatedAs: string | null;
  authOutcome: AuthOutcome;
  /** Request content type, when a body was sent. */
  requestContentType?: string;
  /** Jira would have changed data for this request (the simulator never does). */
  wouldChangeData?: true;
  /** Set when a fault rule produced (or shaped) the answer. */
  fault?: FaultKind;
  /** Milliseconds since the simulator started, when the request arrived. */
  atMs: number;
}

export interface AttemptCount {
  total: number;
  failed: number;
}

/** Basic-auth attempts keyed by the (lower-cased) email that was sent. */
export class AuthAttempts {
  private readonly counts = new Map<string, AttemptCount>();

  record(email: string, failed: boolean): void {
    const key = email.trim().toLowerCase();
    const current = this.counts.get(key) ?? { total: 0, failed: 0 };
    current.total++;
    if (failed) current.failed++;
    this.counts.set(key, current);
  }

  get(email: string): AttemptCount {
    const found = this.counts.get(email.trim().toLowerCase());
    return found ? { ...found } : { total: 0, failed: 0 };
  }

  clear(): void {
    this.counts.clear();
  }
}
