import type { DiagnosisDeps } from '../engine/deps';
import { limitConcurrency } from './concurrency';
import type { EvidenceLog } from './evidence';
import { HttpJiraClient } from './http-client';
import { jiraPath, type JiraClient, type Target } from './port';
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

export type Credentials = BasicCredentials | BearerCredentials;

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
  const authorization =
    options.credentials === undefined ? undefined : authorizationOf(options.credentials);
  const userAgent = options.userAgent ?? 'credential-doctor';

  return async (req) => {
    const query = encodeQuery(req.query);
    const url = `${baseUrl}${req.path}${query === '' ? '' : `?${query}`}`;
    const headers: Record<string, string> = { ...req.headers, 'User-Agent': userAgent };
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

function authorizationOf(credentials: Credentials): string {
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

/** Builds the run's clients; they share one concurrency limiter. */
export function runClientFactory(
  options: RunClientOptions,
): (
  baseUrl: string,
  target: Target,
  auth: JiraClient['auth'],
  credentials?: Credentials,
) => JiraClient {
  const limiter = limitConcurrency(options.concurrency);
  return (baseUrl, target, auth, credentials) =>
    new HttpJiraClient({
      transport: createNodeTransport({ baseUrl, credentials, userAgent: options.userAgent }),
      target,
      auth,
      evidence: options.evidence,
      limiter,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      signal: options.signal,
    });
}

export interface NodeClientsOptions extends RunClientOptions {
  /**
   * Site origin, e.g. https://acme.atlassian.net, or the API gateway address
   * `…/ex/jira/{cloudId}`: then every client talks to the gateway, as the synchronizer does.
   */
  site: string;
  /** API gateway origin; default https://api.atlassian.com. */
  gateway?: string;
  /** Token mode: the sync user's email and API token. */
  email?: string;
  token?: string;
  /** Admin mode: an administrator's email and API token, used at the site. */
  admin?: BasicCredentials;
}

export type NodeClients = Pick<DiagnosisDeps, 'token' | 'admin' | 'evidence'>;

/** The Jira connections of a CLI run. Token mode needs both `email` and `token`. */
export function createNodeClients(options: NodeClientsOptions): NodeClients {
  const site = trimSlash(options.site);
  const gateway = trimSlash(options.gateway ?? DEFAULT_GATEWAY);
  const client = runClientFactory(options);

  const clients: NodeClients = { evidence: options.evidence };
  const siteTarget: Target = GATEWAY_ADDRESS.test(site) ? 'gateway' : 'site';
  if (options.email !== undefined && options.token !== undefined) {
    const syncUser: BasicCredentials = { email: options.email, token: options.token };
    const gatewayClients = new Map<string, JiraClient>();
    if (siteTarget === 'gateway') {
      const atGateway = client(site, 'gateway', 'sync-user', syncUser);
      clients.token = {
        site: atGateway,
        anonymous: client(site, 'gateway', 'none'),
        gateway: () => atGateway,
      };
    }
    clients.token ??= {
      site: client(site, 'site', 'sync-user', syncUser),
      anonymous: client(site, 'site', 'none'),
      gateway(cloudId: string): JiraClient {
        const existing = gatewayClients.get(cloudId);
        if (existing) return existing;
        // jiraPath refuses '/', '?', '#', '..' so a hostile cloudId cannot leave /ex/jira/.
        const created = client(
          gateway + jiraPath`/ex/jira/${cloudId}`,
          'gateway',
          'sync-user',
          syncUser,
        );
        gatewayClients.set(cloudId, created);
        return created;
      },
    };
  }
  if (options.admin !== undefined) {
    clients.admin = client(site, siteTarget, 'admin', options.admin);
  }
  return clients;
}

/** `https://api.atlassian.com/ex/jira/{cloudId}` (any origin: tests use a loopback gateway). */
const GATEWAY_ADDRESS = /^[a-z]+:\/\/[^/]+\/ex\/jira\/[^/]+$/i;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
