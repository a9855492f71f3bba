import { limitConcurrency } from './concurrency';
import type { EvidenceLog } from '../engine/port/evidence';
import { HttpJiraClient } from './http-client';
import { JiraTransportError, type JiraClient, type Target } from '../engine/port/jira-client';
import type { RetryOptions } from './retry-policy';
import { encodeQuery, fromFetchResponse, type Transport } from './transport';

export const DEFAULT_GATEWAY = 'https://api.atlassian.com';

export interface BasicCredentials {
  email: string;
  token: string;
}

/** A Jira Data Center personal access token, sent as `Authorization: Bearer <token>`. */
export interface BearerCredentials {
  bearer: string;
}

/**
 * A Bearer token that exists only once the run has it: an OAuth 2.0 access token, issued by the
 * run's one token request (see oauth-token.ts). Read at every request; none yet: not sent.
 */
export interface LazyBearerCredentials {
  bearerFrom: () => string | null;
}

export type Credentials = BasicCredentials | BearerCredentials | LazyBearerCredentials;

export interface NodeTransportOptions {
  /** Origin plus optional base path, without a trailing slash, e.g. https://acme.atlassian.net. */
  baseUrl: string;
  credentials?: Credentials;
  userAgent?: string;
}

/**
 * Node's global `fetch`. The Authorization value is computed once and lives only in this
 * closure, so no object anyone might log or serialise carries it.
 */
export function createNodeTransport(options: NodeTransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const credentials = options.credentials;
  const fixed =
    credentials === undefined || 'bearerFrom' in credentials
      ? undefined
      : authorizationOf(credentials);
  const userAgent = options.userAgent ?? 'credential-doctor';

  return async (req) => {
    const query = encodeQuery(req.query);
    const url = `${baseUrl}${req.path}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = { ...req.headers, 'User-Agent': userAgent };
    const authorization =
      credentials !== undefined && 'bearerFrom' in credentials ? lazyBearer(credentials) : fixed;
    if (authorization !== undefined) headers.Authorization = authorization;
    const response = await fetch(url, {
      method: req.method,
      headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: req.signal,
      // A redirect is an answer worth reporting (not Jira, login page), and following it could
      // send the credentials to another host.
      redirect: 'manual',
    });
    return fromFetchResponse(response);
  };
}

function lazyBearer(credentials: LazyBearerCredentials): string {
  const token = credentials.bearerFrom();
  // The engine calls the gateway only after the token request succeeded; never send without it.
  if (token === null) throw new JiraTransportError('credential-refused', 'no access token yet', 1);
  return `Bearer ${token}`;
}

function authorizationOf(credentials: BasicCredentials | BearerCredentials): string {
  return 'bearer' in credentials ? `Bearer ${credentials.bearer}` : basicAuthorization(credentials);
}

function basicAuthorization({ email, token }: BasicCredentials): string {
  return `Basic ${Buffer.from(`${email}:${token}`, 'utf8').toString('base64')}`;
}

/** What every Jira connection of one CLI run shares: evidence log, limits, user agent. */
export interface RunClientOptions {
  evidence: EvidenceLog;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Maximum requests in flight across all clients of the run (default and most: 8). */
  concurrency?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** What one client of a run does differently: its transport wrapped, its own retries. */
export interface ClientExtras {
  wrap?: (transport: Transport) => Transport;
  retry?: Partial<RetryOptions>;
}

/** Builds the run's clients; they share one concurrency limiter. */
export function runClientFactory(
  options: RunClientOptions,
): (
  baseUrl: string,
  target: Target,
  auth: JiraClient['auth'],
  credentials?: Credentials,
  extras?: ClientExtras,
) => JiraClient {
  const limiter = limitConcurrency(options.concurrency);
  return (baseUrl, target, auth, credentials, extras) => {
    const transport = createNodeTransport({ baseUrl, credentials, userAgent: options.userAgent });
    return new HttpJiraClient({
      transport: extras?.wrap ? extras.wrap(transport) : transport,
      target,
      auth,
      evidence: options.evidence,
      limiter,
      timeoutMs: options.timeoutMs,
      retry: { ...options.retry, ...extras?.retry },
      signal: options.signal,
    });
  };
}
