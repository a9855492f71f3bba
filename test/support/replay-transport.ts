/**
 * Replays answers recorded from real Jira Cloud sites (test/fixtures/jira-cloud/) through the real
 * `HttpJiraClient`, engine and triage.
 *
 * Why it lives in test support and not beside the adapters in src/jira: no entry point replays
 * recorded answers (a production replay would need a file format, a CLI flag and a review of the
 * personal data recordings hold), so shipping it would add code that only tests run. It is still
 * a real `Transport`: it builds a WHATWG `Response` and hands it to `fromFetchResponse`, exactly as
 * the Node and Forge adapters do, so everything from header normalisation on is production code.
 */
import type { DiagnosisDeps } from '../../src/engine/port/deps';
import type { EvidenceLog } from '../../src/engine/port/evidence';
import { HttpJiraClient } from '../../src/jira/http-client';
import { jiraPath, type JiraClient, type Target } from '../../src/engine/port/jira-client';
import { createNodeTransport, type BasicCredentials } from '../../src/jira/node-transport';
import { fromFetchResponse, type Transport, type TransportRequest } from '../../src/jira/transport';
import { FAST_RETRY } from './scenario';

export type Credentials = 'sync-user' | 'admin' | 'none';

export interface RecordedRequest {
  target: 'site' | 'gateway';
  method: 'GET' | 'POST' | 'PUT';
  /** Below the site or the gateway base (`/rest/api/3/…`). */
  path: string;
  /** Parameters the request must carry (a subset of the request's query); absent: any query. */
  query?: Readonly<Record<string, string>>;
  /** Whose credentials the request carried. */
  credentials: Credentials;
}

export interface RecordedResponse {
  status: number;
  /** As recorded, in the recorded casing. */
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

/** Which recorded exchange answered a request (to prove a fixture really reached the engine). */
export interface Served {
  exchange: RecordedExchange;
  request: TransportRequest;
}

function matches(
  exchange: RecordedExchange,
  target: Target,
  credentials: Credentials,
  req: TransportRequest,
): boolean {
  const recorded = exchange.request;
  if (recorded.target !== target || recorded.credentials !== credentials) return false;
  if (recorded.method !== req.method || recorded.path !== req.path) return false;
  return Object.entries(recorded.query ?? {}).every(([name, value]) =>
    req.query.some(([n, v]) => n === name && v === value),
  );
}

/** The recorded answer as a fetch `Response`: the same object the Node adapter receives. */
function toResponse(recorded: RecordedResponse): Response {
  // Status 204/304 may not carry a body; none of the recordings is one.
  return new Response(recorded.body, { status: recorded.status, headers: recorded.headers });
}

/**
 * Answers requests that match a recorded exchange with the recorded answer; everything else goes
 * to `fallback` (the simulator standing in for the rest of the site), or fails loudly without one.
 * When several exchanges match, the most specific (most query parameters) wins.
 */
function createReplayTransport(
  exchanges: readonly RecordedExchange[],
  where: { target: Target; credentials: Credentials },
  served: Served[],
  fallback?: Transport,
): Transport {
  return async (req) => {
    const candidates = exchanges
      .filter((e) => matches(e, where.target, where.credentials, req))
      .sort(
        (a, b) =>
          Object.keys(b.request.query ?? {}).length - Object.keys(a.request.query ?? {}).length,
      );
    const hit = candidates[0];
    if (hit) {
      served.push({ exchange: hit, request: req });
      return fromFetchResponse(toResponse(hit.response));
    }
    if (fallback) return fallback(req);
    throw new Error(
      `No recorded answer for ${req.method} ${req.path} (${where.target}, ${where.credentials})`,
    );
  };
}

export interface ReplayClientsOptions {
  exchanges: readonly RecordedExchange[];
  evidence: EvidenceLog;
  served: Served[];
  /** Where unrecorded requests go (the simulator's site and gateway), if anywhere. */
  site: string;
  gateway: string;
  syncUser?: BasicCredentials;
  admin?: BasicCredentials;
}

/** The clients of a run, as `createNodeClients` builds them, with replay in front of each. */
export function createReplayClients(
  options: ReplayClientsOptions,
): Pick<DiagnosisDeps, 'token' | 'admin' | 'evidence'> {
  const client = (
    baseUrl: string,
    target: Target,
    credentials: Credentials,
    basic?: BasicCredentials,
  ): JiraClient =>
    new HttpJiraClient({
      transport: createReplayTransport(
        options.exchanges,
        { target, credentials },
        options.served,
        createNodeTransport({ baseUrl, credentials: basic }),
      ),
      target,
      auth: credentials,
      evidence: options.evidence,
      retry: FAST_RETRY,
      timeoutMs: 2_000,
    });
  const deps: Pick<DiagnosisDeps, 'token' | 'admin' | 'evidence'> = {
    evidence: options.evidence,
  };
  const syncUser = options.syncUser;
  if (syncUser) {
    deps.token = {
      site: client(options.site, 'site', 'sync-user', syncUser),
      anonymous: client(options.site, 'site', 'none'),
      gateway: (cloudId) =>
        client(options.gateway + jiraPath`/ex/jira/${cloudId}`, 'gateway', 'sync-user', syncUser),
    };
  }
  if (options.admin) deps.admin = client(options.site, 'site', 'admin', options.admin);
  return deps;
}
