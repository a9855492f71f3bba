/**
 * The port between the pure engine and Jira. Adapters: Node fetch (CLI), Forge `fetch`
 * (token check from a resolver), Forge `requestJira` (admin check as the signed-in admin).
 */

import type { ObjectCounts } from './evidence';

/**
 * Where a client sends: the site, its API gateway, Forge's product proxy, Atlassian's OAuth 2.0
 * token endpoint (`auth`: the one token request of an OAuth client-credentials run) or the
 * organisation admin API (`admin-api`: token expiry).
 */
export type Target = 'site' | 'gateway' | 'forge' | 'auth' | 'admin-api';

/**
 * Where a client's requests leave from, as an IP allowlist sees them: this machine (the CLI, run
 * on the synchronizer's host or an admin's), or Atlassian's Forge platform (the Forge app's
 * egress `fetch` and its product calls).
 */
export type RequestOrigin = 'host' | 'forge';

export type QueryValue = string | number | boolean | ReadonlyArray<string | number>;

export interface JiraRequest {
  /** PUT only for scope probes aimed at targets that cannot exist (see engine/operations.ts). */
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base, starting with `/`, e.g. `/rest/api/3/myself`. Path parameters must already be encoded (use `jiraPath`). */
  path: string;
  /** Query parameters; arrays become repeated parameters (`keys=A&keys=B`). */
  query?: Readonly<Record<string, QueryValue | undefined>>;
  /** JSON body for POST and PUT. */
  body?: unknown;
  /** Send an empty multipart form instead of JSON (the attachments probe; XSRF check disabled as Jira requires). */
  multipart?: true;
  /** The engine step that made this request (for evidence). */
  step: string;
  /** 'low' for advisory work that must not delay the requests deciding the verdict. */
  priority?: 'normal' | 'low';
  /**
   * Counts the entities a successful JSON answer lists, for the evidence (`EvidenceEntry.objects`,
   * from which a run's rate-limit points are counted). The body itself is never kept.
   */
  countObjects?: (json: unknown) => ObjectCounts;
  /** One attempt only, whatever the answer (the site's status page: its 503 is the answer). */
  once?: true;
}

export interface JiraResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the body is JSON; undefined otherwise (see `text`). */
  json: unknown;
  /** The raw body, truncated to a bounded size. */
  text: string;
  contentType: string | null;
  /** `X-Seraph-LoginReason`, e.g. AUTHENTICATED_FAILED (anonymous fallback) or AUTHENTICATION_DENIED. */
  loginReason: string | null;
  /** `X-AAccountId`: the account Jira ran the request as; absent when it ran anonymously. */
  accountId: string | null;
  /** `X-Authentication-Denied-Reason`, e.g. `CAPTCHA_CHALLENGE; login-url=…`. */
  deniedReason: string | null;
  /**
   * `X-AUSERNAME` (Jira Data Center/Server): the username the request ran as, `anonymous` when it
   * ran without a login. Absent on Cloud and from adapters that do not read it.
   */
  username?: string | null;
  /** Seconds from `Retry-After`, when present. */
  retryAfterSeconds: number | null;
  /** How many attempts this answer took (retries of 429/5xx). */
  attempts: number;
}

/** No HTTP answer at all. `kind` is what the engine needs to classify connectivity. */
export type TransportFailureKind =
  | 'timeout'
  | 'tls'
  | 'dns'
  | 'refused'
  | 'reset'
  | 'aborted'
  | 'network'
  /** Not sent: Jira refused this client's credential earlier in the run (lockout safety). */
  | 'credential-refused';

export class JiraTransportError extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    /** Sanitised: never contains credentials, headers or query values. */
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'JiraTransportError';
  }
}

export interface JiraClient {
  readonly target: Target;
  /** Which credentials this client sends (for evidence and for reasoning about answers). */
  readonly auth: 'sync-user' | 'admin' | 'none';
  /** Where its requests leave from (default: this host). */
  readonly origin?: RequestOrigin;
  /** Resolves with any HTTP answer (after bounded retries of 429/502/503/504); rejects only with JiraTransportError. */
  request(req: JiraRequest): Promise<JiraResponse>;
}

/** Encodes path segments the way `route` from @forge/api does, refusing traversal characters. */
export function jiraPath(
  strings: TemplateStringsArray,
  ...values: ReadonlyArray<string | number>
): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const text = String(value);
    if (/[/\\?#]/.test(text) || text === '..' || text === '.') {
      throw new Error(`Refusing unsafe path value: ${JSON.stringify(text)}`);
    }
    out += encodeURIComponent(text) + (strings[i + 1] ?? '');
  });
  return out;
}
