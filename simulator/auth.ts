/**
 * Authentication: HTTP Basic (email + API token), Forge-style bearer tokens, and the gateway's
 * scope check. Decides who a request runs as; never decides what that account may do.
 */
import {
  connectSessionRefusal,
  gatewayScopeRefusal,
  gatewayUnauthorized,
  needsLogin,
  PASSWORD_DEPRECATED,
  TEXT_TYPE,
  type SimResponse,
} from './http';
import { scopesSatisfy, type OperationDef } from './operations';
import type { IssuedToken } from './atlassian-apis';
import type { AuthAttempts, Target } from './recording';
import {
  findUserByAccountId,
  findUserByEmail,
  siteOptions,
  type World,
  type WorldToken,
  type WorldUser,
} from './world';

export type AuthResult =
  /** No credentials sent. */
  | { kind: 'anonymous' }
  | { kind: 'user'; user: WorldUser; via: 'basic' | 'bearer' }
  /**
   * Bad Basic credentials: Jira carries on as an anonymous user and flags the response with
   * `X-Seraph-LoginReason` unless `flagged` is false (C6 'anonymous-unflagged').
   */
  | { kind: 'failed'; flagged?: false }
  /** Refused before reaching the resource: 'none' when no credentials were sent. */
  | { kind: 'reject'; response: SimResponse; outcome: 'failed' | 'none' | 'scope-refused' };

export interface AuthContext {
  world: World;
  target: Target;
  /** The matched operation (for the gateway's scope check). */
  op: OperationDef;
  siteUrl: string;
  attempts: AuthAttempts;
  forgeTokens: ReadonlyMap<string, string>;
  /** OAuth 2.0 access tokens issued by the token endpoint. */
  issued: ReadonlyMap<string, IssuedToken>;
  tokenUses: WeakMap<WorldToken, number>;
  now: Date;
}

function decodeBasic(value: string): { email: string; secret: string } | null {
  let decoded: string;
  try {
    decoded = Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { email: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function tokenUsable(token: WorldToken, now: Date): boolean {
  if (token.revoked || token.blocked) return false;
  if (token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now.getTime()) return false;
  return true;
}

function consume(ctx: AuthContext, token: WorldToken): void {
  if (token.validForRequests === undefined) return;
  const uses = (ctx.tokenUses.get(token) ?? 0) + 1;
  ctx.tokenUses.set(token, uses);
  if (uses >= token.validForRequests) token.revoked = true;
}

/**
 * DATA CENTER behaviour (docs/jira-behaviour.md P2): the CAPTCHA login challenge after repeated failures
 * is only captured from Data Center (go-jira issue 8: 403, HTML). No capture exists for Cloud API
 * tokens; worlds opt in through `site.loginChallengeFor` so the engine's recognition of it, which
 * holds on any deployment, stays tested.
 */
function loginChallenge(siteUrl: string): SimResponse {
  return {
    status: 403,
    headers: {
      'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
      // The login-url value is the Data Center form; Cloud's is not documented.
      'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${siteUrl}/login.jsp`,
    },
    // Body not documented: headers are the signal, so the body is left empty.
    text: '',
    contentType: TEXT_TYPE,
  };
}

/** C5 (recorded from `AtlassianProxy`): plain text, no Seraph header. */
function passwordNotice(): SimResponse {
  return {
    status: 401,
    headers: { Server: 'AtlassianProxy/1.19.3.1' },
    text: PASSWORD_DEPRECATED,
    contentType: 'text/plain',
  };
}

function credentialFailure(ctx: AuthContext): AuthResult {
  if (ctx.target === 'gateway' && siteOptions(ctx.world).gatewayAuthFailure === 'gateway-401') {
    return { kind: 'reject', response: gatewayUnauthorized(), outcome: 'failed' };
  }
  return { kind: 'failed' };
}

function authenticateBearer(ctx: AuthContext, value: string): AuthResult {
  const issued = ctx.issued.get(value.trim());
  if (issued) {
    // An OAuth 2.0 access token (S4): sent to the gateway URL. How the site answers one is not
    // documented; it is read like any other bearer value it does not know (C8).
    if (ctx.target !== 'gateway')
      return { kind: 'reject', response: connectSessionRefusal(), outcome: 'failed' };
    const user = findUserByAccountId(ctx.world, issued.accountId);
    if (!user || !user.active || issued.expiresAtMs <= ctx.now.getTime())
      return { kind: 'reject', response: gatewayUnauthorized(), outcome: 'failed' };
    if (!scopesSatisfy(ctx.op, issued.scopes))
      return { kind: 'reject', response: gatewayScopeRefusal(), outcome: 'scope-refused' };
    return { kind: 'user', user, via: 'bearer' };
  }
  const accountId = ctx.forgeTokens.get(value.trim());
  const user = accountId === undefined ? undefined : findUserByAccountId(ctx.world, accountId);
  if (user && user.active) return { kind: 'user', user, via: 'bearer' };
  // C8 (recorded): the site reads any other bearer value as a Connect session token.
  const response = ctx.target === 'gateway' ? gatewayUnauthorized() : connectSessionRefusal();
  return { kind: 'reject', response, outcome: 'failed' };
}

function authenticateBasic(ctx: AuthContext, value: string): AuthResult {
  const creds = decodeBasic(value);
  if (!creds) {
    // C5 (recorded): the site answers a malformed Basic header (no `email:`) like a password.
    return ctx.target === 'site'
      ? { kind: 'reject', response: passwordNotice(), outcome: 'failed' }
      : credentialFailure(ctx);
  }
  const options = siteOptions(ctx.world);
  const user = findUserByEmail(ctx.world, creds.email);
  const fail = (): AuthResult => {
    ctx.attempts.record(creds.email, true);
    return credentialFailure(ctx);
  };

  // The gateway validates tokens itself; CAPTCHA challenges and the password notice come from
  // the site's login layer.
  if (
    ctx.target === 'site' &&
    user &&
    (ctx.world.site.loginChallengeFor ?? []).includes(user.accountId)
  ) {
    ctx.attempts.record(creds.email, true);
    return { kind: 'reject', response: loginChallenge(ctx.siteUrl), outcome: 'failed' };
  }
  if (user?.password !== undefined && creds.secret === user.password) {
    if (ctx.target === 'gateway') return fail();
    ctx.attempts.record(creds.email, true);
    return { kind: 'reject', response: passwordNotice(), outcome: 'failed' };
  }
  // A token only authenticates together with the email of the account that created it.
  const token = user?.tokens.find((t) => t.value === creds.secret);
  if (!user || !token || !user.active || !tokenUsable(token, ctx.now)) return fail();

  if (ctx.target === 'site' && token.kind === 'scoped') {
    // C6: the site's login layer cannot use a scoped token; by default the request carries on as
    // anonymous (/myself, which needs a login, then answers 401).
    if (options.scopedTokenAtSite === 'anonymous-fallback') return fail();
    if (options.scopedTokenAtSite === 'anonymous-unflagged') {
      ctx.attempts.record(creds.email, true);
      return { kind: 'failed', flagged: false };
    }
    ctx.attempts.record(creds.email, true);
    // To the site's login layer a scoped token is a credential it cannot accept: flagged like any
    // refused login, but answered 401 even where anonymous access is allowed.
    const response = {
      ...needsLogin(),
      headers: { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' },
    };
    return { kind: 'reject', response, outcome: 'failed' };
  }
  if (ctx.target === 'gateway') {
    if (token.kind === 'unscoped' && options.unscopedTokensAtGateway === 'reject') return fail();
    if (token.kind === 'scoped' && !scopesSatisfy(ctx.op, token.scopes ?? [])) {
      // Authenticated, but the token may not call this operation: not a login failure.
      ctx.attempts.record(creds.email, false);
      return { kind: 'reject', response: gatewayScopeRefusal(), outcome: 'scope-refused' };
    }
  }
  ctx.attempts.record(creds.email, false);
  consume(ctx, token);
  return { kind: 'user', user, via: 'basic' };
}

export function authenticate(ctx: AuthContext, authorization: string | undefined): AuthResult {
  const header = (authorization ?? '').trim();
  if (header === '') {
    if (ctx.target === 'gateway' && siteOptions(ctx.world).gatewayAuthFailure === 'gateway-401') {
      return { kind: 'reject', response: gatewayUnauthorized(), outcome: 'none' };
    }
    return { kind: 'anonymous' };
  }
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1);
  if (scheme === 'basic') return authenticateBasic(ctx, value);
  if (scheme === 'bearer') return authenticateBearer(ctx, value);
  return credentialFailure(ctx);
}
