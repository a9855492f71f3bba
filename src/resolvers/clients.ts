/**
 * Wiring: the Jira connections of one Forge check, built from the Forge adapters for the engine's
 * port. The admin view runs as the signed-in admin (`asUser().requestJira`); the sync user's token
 * goes out with Forge's `fetch` to this site and its API gateway only.
 */
import { NeedsAuthenticationError } from '@forge/api';
import type { DiagnosisDeps } from '../engine/port/deps';
import type { EvidenceLog } from '../engine/port/evidence';
import { limitConcurrency } from '../jira/concurrency';
import { asUserTransport, forgeFetchTransport, gatewayBaseUrl } from '../jira/forge-transport';
import { HttpJiraClient, type HttpJiraClientOptions } from '../jira/http-client';
import type { Transport } from '../jira/transport';
import { RESOLVER_CONCURRENCY } from './limits';

type Common = Omit<HttpJiraClientOptions, 'transport' | 'target' | 'auth'>;

export interface ForgeClients {
  deps: DiagnosisDeps;
  /** Product endpoints the Forge adapter refused to call (logged, never sent). */
  unsupported: string[];
  /** Adds the sync user's token clients (site, anonymous site, this site's gateway). */
  addToken(token: {
    siteUrl: string;
    cloudId: string;
    basic: { email: string; token: string };
    via?: 'site' | 'gateway';
    /** Wraps each transport that sends the credentials (the failed-login guard watches them). */
    watch?: (transport: Transport) => Transport;
  }): void;
}

export function createForgeClients(options: {
  evidence: EvidenceLog;
  signal: AbortSignal;
  timeoutMs: number;
  retry: HttpJiraClientOptions['retry'];
  /**
   * The site, when this build may `fetch` it (the token check's egress): the permission list is
   * then read there without credentials, which spends none of the app's rate-limit points.
   */
  anonymousSite?: string;
  /**
   * The administrator the admin view acts as when it is not the invocation's user (the
   * permission watch's daily re-check: offline impersonation, `asUser(accountId)`).
   */
  asAccount?: string;
}): ForgeClients {
  const common: Common = {
    evidence: options.evidence,
    limiter: limitConcurrency(RESOLVER_CONCURRENCY),
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    // The consent prompt must reach the platform, not become a "Jira unavailable" finding.
    passThrough: (error) => error instanceof NeedsAuthenticationError,
    // Every request leaves from Atlassian's Forge platform (IP allowlists see Forge, not a host).
    origin: 'forge' as const,
  };
  const unsupported: string[] = [];
  const deps: DiagnosisDeps = {
    admin: new HttpJiraClient({
      ...common,
      transport: asUserTransport(unsupported, options.asAccount),
      target: 'forge',
      auth: 'admin',
    }),
    evidence: options.evidence,
  };
  const anonymousAt = (siteUrl: string): HttpJiraClient =>
    new HttpJiraClient({
      ...common,
      transport: forgeFetchTransport({ baseUrl: siteUrl }),
      target: 'site',
      auth: 'none',
    });
  if (options.anonymousSite !== undefined) deps.anonymous = anonymousAt(options.anonymousSite);
  return {
    deps,
    unsupported,
    addToken({ siteUrl, cloudId, basic, via, watch = (transport) => transport }) {
      const anonymous = anonymousAt(siteUrl);
      // The gateway is always this site's: the cloud ID comes from the invocation context.
      const atGateway = (): HttpJiraClient =>
        new HttpJiraClient({
          ...common,
          transport: watch(forgeFetchTransport({ baseUrl: gatewayBaseUrl(cloudId), basic })),
          target: 'gateway',
          auth: 'sync-user',
        });
      if (via === 'gateway') {
        // The synchronizer connects through the gateway: every token call goes there, where a
        // scoped token is correct use and its scopes are verified per operation.
        const gateway = atGateway();
        deps.token = { site: gateway, anonymous, gateway: () => gateway };
        return;
      }
      deps.token = {
        site: new HttpJiraClient({
          ...common,
          transport: watch(forgeFetchTransport({ baseUrl: siteUrl, basic })),
          target: 'site',
          auth: 'sync-user',
        }),
        anonymous,
        gateway: atGateway,
      };
    },
  };
}
