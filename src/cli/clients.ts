/**
 * Wiring: the Jira connections of one CLI run, built from the Node adapter for the engine's
 * ports (Cloud and Data Center). Only the entry point knows which adapter serves which port.
 */
import type { DataCenterDeps } from '../engine/port/datacenter-deps';
import type { DiagnosisDeps } from '../engine/port/deps';
import { jiraPath, type JiraClient, type Target } from '../engine/port/jira-client';
import {
  DEFAULT_GATEWAY,
  runClientFactory,
  type BasicCredentials,
  type Credentials,
  type RunClientOptions,
} from '../jira/node-transport';
import {
  AccessTokenHolder,
  oauthTokenTransport,
  type ClientCredentials,
} from '../jira/oauth-token';

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
  /**
   * Token mode with an OAuth 2.0 client credential instead of email + token: the token endpoint's
   * origin (`<authUrl>/oauth/token`), the client, and who learns the access token once issued
   * (the output redaction). `site` must then be the gateway address.
   */
  oauth?: ClientCredentials & { authUrl: string; onAccessToken?: (token: string) => void };
  /** The organisation admin API (token expiry): its origin and the org API key (Bearer). */
  orgAdmin?: OrgAdminOptions;
}

export interface OrgAdminOptions {
  /** Origin, default https://api.atlassian.com. */
  url: string;
  key: string;
}

export type NodeClients = Pick<
  DiagnosisDeps,
  'token' | 'admin' | 'evidence' | 'anonymous' | 'orgAdmin'
>;

/**
 * The organisation admin API as a client of the run: the org API key as Bearer. A 429 waits as
 * `Retry-After` says (the run's retry policy); a refused key is never sent again.
 */
export function createOrgAdminClient(
  options: RunClientOptions & { orgAdmin: OrgAdminOptions },
): JiraClient {
  return runClientFactory(options)(trimSlash(options.orgAdmin.url), 'admin-api', 'admin', {
    bearer: options.orgAdmin.key,
  });
}

/** The Jira connections of a CLI run. Token mode needs both `email` and `token`. */
export function createNodeClients(options: NodeClientsOptions): NodeClients {
  const site = trimSlash(options.site);
  const gateway = trimSlash(options.gateway ?? DEFAULT_GATEWAY);
  const client = runClientFactory(options);

  const clients: NodeClients = { evidence: options.evidence };
  const siteTarget: Target = GATEWAY_ADDRESS.test(site) ? 'gateway' : 'site';
  if (options.oauth !== undefined) {
    if (siteTarget !== 'gateway')
      throw new Error('An OAuth 2.0 client is checked at the API gateway address only.');
    const holder = new AccessTokenHolder(options.oauth.onAccessToken);
    const credentials = {
      clientId: options.oauth.clientId,
      clientSecret: options.oauth.clientSecret,
    };
    const atGateway = client(site, 'gateway', 'sync-user', { bearerFrom: () => holder.get() });
    clients.token = {
      site: atGateway,
      anonymous: client(site, 'gateway', 'none'),
      gateway: () => atGateway,
      // Exactly one token request per run: never retried, whatever the answer.
      tokenEndpoint: client(trimSlash(options.oauth.authUrl), 'auth', 'sync-user', undefined, {
        wrap: (transport) => oauthTokenTransport(transport, credentials, holder),
        retry: { maxRetries: 0 },
      }),
    };
  }
  if (options.oauth === undefined && options.email !== undefined && options.token !== undefined) {
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
  if (siteTarget === 'site')
    clients.anonymous = clients.token?.anonymous ?? client(site, 'site', 'none');
  if (options.orgAdmin !== undefined)
    clients.orgAdmin = client(trimSlash(options.orgAdmin.url), 'admin-api', 'admin', {
      bearer: options.orgAdmin.key,
    });
  return clients;
}

/** `https://api.atlassian.com/ex/jira/{cloudId}` (any origin: tests use a loopback gateway). */
const GATEWAY_ADDRESS = /^[a-z]+:\/\/[^/]+\/ex\/jira\/[^/]+$/i;

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export interface DataCenterClientsOptions extends RunClientOptions {
  /** Base URL of the instance, with its context path if any, e.g. https://jira.example.com/jira. */
  site: string;
  /** The sync user: username + password (Basic) or a personal access token (Bearer). */
  syncUser?: Credentials;
  /** The checking administrator, in either form. */
  admin?: Credentials;
}

/** The Jira connections of a Data Center CLI run. */
export function createDataCenterClients(options: DataCenterClientsOptions): DataCenterDeps {
  const baseUrl = options.site.replace(/\/+$/, '');
  const create = runClientFactory(options);
  const client = (auth: JiraClient['auth'], credentials?: Credentials): JiraClient =>
    create(baseUrl, 'site', auth, credentials);
  return {
    evidence: options.evidence,
    anonymous: client('none'),
    ...(options.syncUser ? { token: client('sync-user', options.syncUser) } : {}),
    ...(options.admin ? { admin: client('admin', options.admin) } : {}),
  };
}
