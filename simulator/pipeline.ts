/**
 * One request through the simulated site: IP allowlist, authentication, the operation's handler,
 * and Jira's response headers. No sockets here (see server.ts).
 */
import { addressAllowed } from './allowlist';
import { authenticate, type AuthResult } from './auth';
import {
  errorCollection,
  IP_REJECTED,
  JSON_TYPE,
  needsLogin,
  notAuthenticatedBody,
  TEXT_TYPE,
  type SimResponse,
} from './http';
import type { OperationDef } from './operations';
import { ANONYMOUS, type Caller } from './permissions';
import type { AuthAttempts, AuthOutcome, Target } from './recording';
import { HANDLERS, QueryReader } from './routes';
import { siteOptions, type World, type WorldToken } from './world';
import type { IssuedToken } from './atlassian-apis';

export interface SiteState {
  world: World;
  siteUrl: string;
  attempts: AuthAttempts;
  forgeTokens: Map<string, string>;
  tokenUses: WeakMap<WorldToken, number>;
  /** OAuth 2.0 access tokens the token endpoint issued (atlassian-apis.ts). */
  issued: Map<string, IssuedToken>;
}

export interface Incoming {
  target: Target;
  op: OperationDef;
  params: Record<string, string>;
  query: Record<string, string[]>;
  rawBody: string | undefined;
  authorization: string | undefined;
  accept: string | undefined;
  remoteAddress: string;
  /** Base for links in responses: the site URL or the gateway base. */
  baseUrl: string;
  selfUrl: string;
  now: Date;
  /** Fault 'login-reason-failed': answer as anonymous with X-Seraph-LoginReason: AUTHENTICATED_FAILED. */
  forceFailedLogin: boolean;
}

/** A response ready for the wire. */
export interface Rendered {
  status: number;
  headers: Record<string, string>;
  contentType: string | null;
  body: string;
}

export interface Outcome {
  rendered: Rendered;
  authenticatedAs: string | null;
  authOutcome: AuthOutcome;
  requestBody?: unknown;
  /** Jira would have changed data (the simulator did not). */
  wouldChangeData?: true;
}

let requestCounter = 0;

export function render(response: SimResponse, accept: string | undefined): Rendered {
  const headers = { ...(response.headers ?? {}) };
  if (response.needsLogin) {
    const { contentType, text } = notAuthenticatedBody(accept);
    return { status: response.status, headers, contentType, body: text };
  }
  if (response.json !== undefined) {
    return {
      status: response.status,
      headers,
      contentType: JSON_TYPE,
      body: JSON.stringify(response.json),
    };
  }
  if (response.text !== undefined) {
    return {
      status: response.status,
      headers,
      contentType: response.contentType ?? TEXT_TYPE,
      body: response.text,
    };
  }
  return { status: response.status, headers, contentType: null, body: '' };
}

function parseBody(raw: string | undefined): { body: unknown; bodyError: boolean } {
  if (raw === undefined || raw.trim() === '') return { body: undefined, bodyError: false };
  try {
    return { body: JSON.parse(raw) as unknown, bodyError: false };
  } catch {
    return { body: undefined, bodyError: true };
  }
}

export function handle(state: SiteState, req: Incoming): Outcome {
  const { world } = state;
  const { body, bodyError } = parseBody(req.rawBody);
  const done = (
    response: SimResponse,
    authOutcome: AuthOutcome,
    authenticatedAs: string | null = null,
  ): Outcome => {
    const rendered = render(response, req.accept);
    rendered.headers['X-ARequestId'] = `sim-${++requestCounter}`;
    return {
      rendered,
      authOutcome,
      authenticatedAs,
      ...(body !== undefined ? { requestBody: body } : {}),
      ...(response.wouldChangeData ? { wouldChangeData: true as const } : {}),
    };
  };

  // A3 (recorded as a status only): a suspended site answers 503 everywhere, its status page
  // included. The body is not recorded; a plain text is modelled.
  if (world.site.suspended) return done({ status: 503, text: 'Service Unavailable' }, 'none');

  if (req.op.operationId === 'getTenantInfo' || req.op.operationId === 'getSiteStatus') {
    if (req.target !== 'site') return done({ status: 404, text: 'Not Found' }, 'none');
    return done(runHandler(state, req, ANONYMOUS, body, bodyError), 'none');
  }

  // IP allowlist (Atlassian Guard). The status is not documented; 403 is the likely one. Checked
  // before authentication, so refused requests do not count as login attempts.
  if (!addressAllowed(world.site.ipAllowlist, req.remoteAddress)) {
    return done(errorCollection(403, [IP_REJECTED]), 'none');
  }

  const auth: AuthResult = req.forceFailedLogin
    ? { kind: 'failed' }
    : authenticate(
        {
          world,
          target: req.target,
          op: req.op,
          siteUrl: state.siteUrl,
          attempts: state.attempts,
          forgeTokens: state.forgeTokens,
          issued: state.issued,
          tokenUses: state.tokenUses,
          now: req.now,
        },
        req.authorization,
      );
  if (auth.kind === 'reject') return done(auth.response, auth.outcome);

  const caller: Caller = auth.kind === 'user' ? { kind: 'user', user: auth.user } : ANONYMOUS;
  const loginRequired = siteOptions(world).requireLoginFor.includes(req.op.operationId);
  const response =
    caller.kind === 'anonymous' && loginRequired
      ? needsLogin()
      : runHandler(state, req, caller, body, bodyError);
  const headers = { ...(response.headers ?? {}) };
  if (auth.kind === 'user') {
    // Documented special header: the account the request ran as.
    headers['X-AAccountId'] = auth.user.accountId;
    return done(
      { ...response, headers },
      auth.via === 'bearer' ? 'bearer' : 'ok',
      auth.user.accountId,
    );
  }
  if (auth.kind === 'failed') {
    // Seraph could not log the credentials in and carried on anonymously; the header marks it on
    // every status (observed on 200 fallbacks and on the 401 of endpoints that need login).
    if (auth.flagged !== false) headers['X-Seraph-LoginReason'] = 'AUTHENTICATED_FAILED';
    return done(
      { ...response, headers },
      response.status === 401 ? 'failed' : 'anonymous-fallback',
    );
  }
  return done({ ...response, headers }, 'none');
}

function runHandler(
  state: SiteState,
  req: Incoming,
  caller: Caller,
  body: unknown,
  bodyError: boolean,
): SimResponse {
  const handler = HANDLERS[req.op.operationId];
  if (!handler) return { status: 404, text: 'Not Found' };
  return handler({
    world: state.world,
    caller,
    params: req.params,
    query: new QueryReader(req.query),
    body,
    bodyError,
    ...(req.rawBody === undefined ? {} : { rawBody: req.rawBody }),
    baseUrl: req.baseUrl,
    siteUrl: state.siteUrl,
    selfUrl: req.selfUrl,
    now: req.now,
  });
}
