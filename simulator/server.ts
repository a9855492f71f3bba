/** The HTTP(S) server: sockets, latency, faults and recording around `pipeline.handle`. */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { FaultRegistry, rateLimitHeaders, seededRandom, type FaultRule } from './faults';
import { JSON_TYPE, TEXT_TYPE } from './http';
import { lookupRoute, operationKey, type OperationDef } from './operations';
import { handle, type Rendered, type SiteState } from './pipeline';
import {
  AuthAttempts,
  type AttemptCount,
  type AuthOutcome,
  type FaultKind,
  type RecordedExchange,
  type Target,
} from './recording';
import { findUserByAccountId, type World, type WorldToken } from './world';
import {
  ADMIN_TOKENS_PATH,
  ADMIN_TOKENS_ROUTE,
  adminApiTokens,
  oauthToken,
  recordedTokenRequest,
  TOKEN_PATH,
  TOKEN_ROUTE,
  type AtlassianApiState,
} from './atlassian-apis';

export interface SimulatorOptions {
  /** Default 0: a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Serve HTTPS with this PEM key and certificate. */
  tls?: { key: string; cert: string };
  /** Seed of the RNG behind probabilistic faults (default 1). */
  seed?: number;
}

export interface RunningSimulator {
  /** The "site", like https://acme.atlassian.net. */
  siteUrl: string;
  /** Base to pass as --gateway: the gateway for this site is `${gatewayUrl}/ex/jira/${cloudId}`. */
  gatewayUrl: string;
  /** Pass as --auth-url: the OAuth 2.0 token endpoint is `${authUrl}/oauth/token`. */
  authUrl: string;
  /** Pass as --admin-api: the organisation admin API's base. */
  adminApiUrl: string;
  /** Token requests the token endpoint received for this client ID. */
  tokenRequests(clientId: string): number;
  cloudId: string;
  /** Live and mutable: changes apply to the next request. */
  world: World;
  faults: { add(rule: FaultRule): void; clear(): void };
  setLatency(ms: number): void;
  log: RecordedExchange[];
  /** Basic-auth attempts per account, by the email used (pass the email or the accountId). */
  authAttempts(accountIdOrEmail: string): AttemptCount;
  /** An opaque bearer token acting as this user at site and gateway (stands in for Forge's asUser()). */
  issueForgeToken(accountId: string): string;
  resetLog(): void;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const GATEWAY_PREFIX = /^\/ex\/jira\/([^/]+)(\/.*)?$/;
/** REST v2 paths answered by their v3 operation (see `serve`). */
const V2_AS_V3: ReadonlyMap<string, string> = new Map([
  ['/rest/api/2/serverInfo', '/rest/api/3/serverInfo'],
  ['/rest/api/2/search', '/rest/api/3/search'],
]);

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

function parseQuery(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of params) (out[name] ??= []).push(value);
  return out;
}

function parseRecordedBody(contentType: string | null, body: string): unknown {
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  return body;
}

const DEFAULT_HTML =
  '<!DOCTYPE html><html><head><title>Atlassian</title></head><body><h1>Something went wrong</h1></body></html>';

/** The answer of a fault that replaces the response (status, malformed JSON, HTML). */
function faultResponse(rule: FaultRule, now: Date): Rendered {
  const kind = rule.kind ?? 'status';
  const headers = { ...(rule.headers ?? {}) };
  if (kind === 'malformed-json') {
    return {
      status: rule.status ?? 200,
      headers,
      contentType: JSON_TYPE,
      body: rule.body ?? '{"values":[{"id":"10000","key":',
    };
  }
  if (kind === 'html') {
    return {
      status: rule.status ?? 200,
      headers,
      contentType: 'text/html;charset=UTF-8',
      body: rule.body ?? DEFAULT_HTML,
    };
  }
  const status = rule.status ?? 500;
  if (status === 429) {
    // Documented rate-limit headers; Retry-After defaults to 1 second unless the rule says null.
    Object.assign(
      headers,
      rateLimitHeaders(
        now,
        rule.retryAfter === undefined ? 1 : rule.retryAfter,
        rule.rateLimitReason,
      ),
      rule.headers ?? {},
    );
  } else if (rule.retryAfter !== undefined && rule.retryAfter !== null) {
    headers['Retry-After'] = String(rule.retryAfter);
  }
  const body = rule.body ?? '';
  let contentType: string | null = body === '' ? null : TEXT_TYPE;
  try {
    if (body !== '') {
      JSON.parse(body);
      contentType = JSON_TYPE;
    }
  } catch {
    // not JSON: plain text
  }
  return { status, headers, contentType, body };
}

export async function startSimulator(
  world: World,
  options: SimulatorOptions = {},
): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const startedAt = Date.now();
  const log: RecordedExchange[] = [];
  const attempts = new AuthAttempts();
  const forgeTokens = new Map<string, string>();
  const faults = new FaultRegistry(seededRandom(options.seed ?? 1));
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let latencyMs = options.latencyMs ?? 0;
  let closed = false;
  const state: SiteState = {
    world,
    siteUrl: '',
    attempts,
    forgeTokens,
    tokenUses: new WeakMap<WorldToken, number>(),
    issued: new Map(),
  };
  const apis: AtlassianApiState = { world, issued: state.issued, tokenRequests: new Map() };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });

  const record = (
    base: Pick<
      RecordedExchange,
      'method' | 'path' | 'query' | 'target' | 'atMs' | 'requestContentType'
    >,
    rendered: Rendered | null,
    extra: {
      op: OperationDef | null;
      /** For Atlassian's own APIs (no Jira operation): their route key. */
      route?: string;
      authenticatedAs?: string | null;
      authOutcome?: AuthOutcome;
      requestBody?: unknown;
      wouldChangeData?: true;
      fault?: FaultKind;
    },
  ): void => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(rendered?.headers ?? {})) headers[k.toLowerCase()] = v;
    if (rendered?.contentType) headers['content-type'] = rendered.contentType;
    log.push({
      ...base,
      ...(extra.requestBody !== undefined ? { requestBody: extra.requestBody } : {}),
      status: rendered?.status ?? 0,
      contentType: rendered?.contentType ?? null,
      responseBody: rendered ? parseRecordedBody(rendered.contentType, rendered.body) : '',
      responseHeaders: headers,
      operation: extra.op ? operationKey(extra.op) : (extra.route ?? null),
      operationId: extra.op?.operationId ?? null,
      authenticatedAs: extra.authenticatedAs ?? null,
      authOutcome: extra.authOutcome ?? 'none',
      ...(extra.wouldChangeData ? { wouldChangeData: true as const } : {}),
      ...(extra.fault ? { fault: extra.fault } : {}),
    });
  };

  const write = (res: http.ServerResponse, rendered: Rendered): void => {
    const headers: Record<string, string> = { ...rendered.headers };
    if (rendered.contentType) headers['Content-Type'] = rendered.contentType;
    headers['Content-Length'] = String(Buffer.byteLength(rendered.body));
    res.writeHead(rendered.status, headers);
    res.end(rendered.body);
  };

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const atMs = Date.now() - startedAt;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const rawBody = await readBody(req);
    const gateway = GATEWAY_PREFIX.exec(url.pathname);
    const adminOrg = ADMIN_TOKENS_PATH.exec(url.pathname);
    const isToken = url.pathname === TOKEN_PATH;
    const target: Target = isToken ? 'auth' : adminOrg ? 'admin-api' : gateway ? 'gateway' : 'site';
    const requestType = req.headers['content-type'];
    const base = {
      method,
      path: url.pathname,
      query: parseQuery(url.searchParams),
      target,
      atMs,
      ...(rawBody !== undefined && rawBody !== '' && requestType
        ? { requestContentType: requestType }
        : {}),
    };

    if (isToken || adminOrg) {
      // Atlassian's token endpoint and admin API (atlassian-apis.ts), beside the Jira site.
      const route = isToken ? TOKEN_ROUTE : ADMIN_TOKENS_ROUTE;
      const fault = faults.pick(route, target);
      if (latencyMs > 0) await sleep(latencyMs);
      if (closed) return;
      const now = new Date();
      const requestBody = isToken ? recordedTokenRequest(rawBody, requestType) : undefined;
      const allowed = isToken ? 'POST' : 'GET';
      let rendered: Rendered;
      if (fault && fault.kind !== 'hang' && fault.kind !== 'reset') {
        rendered = faultResponse(fault, now);
      } else if (fault) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        record(base, null, { op: null, route, fault: fault.kind ?? 'hang' });
        if (fault.kind === 'reset') req.socket.destroy();
        return;
      } else if (method !== allowed) {
        rendered = { status: 405, headers: { Allow: allowed }, contentType: null, body: '' };
      } else if (isToken) {
        rendered = oauthToken(apis, rawBody, requestType, now);
      } else {
        rendered = adminApiTokens(
          apis,
          decodeURIComponent(adminOrg?.[1] ?? ''),
          base.query,
          req.headers.authorization,
          state.siteUrl,
          now,
        );
      }
      write(res, rendered);
      record(base, rendered, {
        op: null,
        route,
        ...(requestBody ? { requestBody } : {}),
        ...(fault ? { fault: fault.kind ?? 'status' } : {}),
      });
      return;
    }
    if (gateway && gateway[1] !== world.site.cloudId) {
      // Unknown cloudId at the gateway: answer shape not documented.
      const rendered: Rendered = {
        status: 404,
        headers: {},
        contentType: TEXT_TYPE,
        body: 'Not Found',
      };
      write(res, rendered);
      record(base, rendered, { op: null });
      return;
    }
    const innerPath = gateway ? (gateway[2] ?? '/') : url.pathname;
    // Cloud serves REST v2 too (the v2 and v3 APIs share their operations). Two v2 paths are
    // served as their v3 twins: serverInfo (the CLI reads it there because Data Center has no v3)
    // and the removed search (recorded answering 410 under both versions).
    const route = lookupRoute(method, V2_AS_V3.get(innerPath) ?? innerPath);
    const op = route.kind === 'match' ? route.match.op : null;
    const fault = faults.pick(op ? operationKey(op) : null, target);
    if (latencyMs > 0) await sleep(latencyMs);
    if (closed) return;
    const now = new Date();

    if (fault && fault.kind === 'hang') {
      // Never answer; the socket ends when the client gives up or the simulator closes.
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      record(base, null, { op, fault: 'hang' });
      return;
    }
    if (fault && fault.kind === 'reset') {
      record(base, null, { op, fault: 'reset' });
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    if (fault && fault.kind !== 'login-reason-failed') {
      const rendered = faultResponse(fault, now);
      write(res, rendered);
      record(base, rendered, {
        op,
        fault: fault.kind ?? 'status',
        ...(rawBody ? { requestBody: parseJsonOrText(rawBody) } : {}),
      });
      return;
    }
    if (route.kind !== 'match') {
      const rendered: Rendered =
        route.kind === 'method-not-allowed'
          ? {
              status: 405,
              headers: { Allow: route.allowed.join(', ') },
              contentType: null,
              body: '',
            }
          : { status: 404, headers: {}, contentType: TEXT_TYPE, body: 'Not Found' };
      write(res, rendered);
      record(base, rendered, { op: null });
      return;
    }

    const outcome = handle(state, {
      target,
      op: route.match.op,
      params: route.match.params,
      query: base.query,
      rawBody,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
      remoteAddress: req.socket.remoteAddress ?? '',
      baseUrl: gateway ? `${state.siteUrl}/ex/jira/${world.site.cloudId}` : state.siteUrl,
      selfUrl: `${state.siteUrl}${req.url ?? '/'}`,
      now,
      forceFailedLogin: fault?.kind === 'login-reason-failed',
    });
    write(res, outcome.rendered);
    record(base, outcome.rendered, {
      op,
      authenticatedAs: outcome.authenticatedAs,
      authOutcome: outcome.authOutcome,
      requestBody: outcome.requestBody,
      ...(outcome.wouldChangeData ? { wouldChangeData: outcome.wouldChangeData } : {}),
      ...(fault ? { fault: fault.kind } : {}),
    });
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    serve(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'Content-Type': TEXT_TYPE });
      res.end(`Simulator error: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : http.createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const siteUrl = `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`;
  state.siteUrl = siteUrl;

  return {
    siteUrl,
    gatewayUrl: siteUrl,
    authUrl: siteUrl,
    adminApiUrl: siteUrl,
    tokenRequests: (clientId: string) => apis.tokenRequests.get(clientId) ?? 0,
    cloudId: world.site.cloudId,
    world,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    log,
    authAttempts(accountIdOrEmail: string) {
      const email = accountIdOrEmail.includes('@')
        ? accountIdOrEmail
        : (findUserByAccountId(world, accountIdOrEmail)?.email ?? accountIdOrEmail);
      return attempts.get(email);
    },
    issueForgeToken(accountId: string) {
      if (!findUserByAccountId(world, accountId))
        throw new Error(`No user with accountId ${accountId}`);
      const token = `forge-${randomBytes(24).toString('hex')}`;
      forgeTokens.set(token, accountId);
      return token;
    },
    resetLog() {
      log.length = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const [timer, resolve] of sleepers) {
        clearTimeout(timer);
        resolve();
      }
      sleepers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** A recorded request body: JSON when it parses, the raw text otherwise. */
function parseJsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
