/**
 * Data Center authentication: HTTP Basic (username + password) and personal access tokens sent
 * as Bearer. Decides who a request runs as, never what that account may do.
 */
import type { DcUser, DcWorld } from './world';

export type DcAuth =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: DcUser; via: 'basic' | 'bearer' }
  /** A refused personal access token answered as anonymous (D5), without a Seraph header. */
  | { kind: 'anonymous-bearer' }
  /** Seraph could not log the Basic credentials in and carries on anonymously (observed). */
  | { kind: 'failed' }
  /** Refused before the resource runs. */
  | {
      kind: 'reject';
      status: number;
      headers: Record<string, string>;
      body: string;
      contentType: string;
    };

export interface FailedLoginLog {
  /** Failed Basic logins per username (lower case) in this simulator's lifetime. */
  record(username: string): void;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

/** D5 (recorded on 10.3.19): the 401 body for a request that needs a login. */
export const NOT_AUTHENTICATED_BODY = {
  message: 'Client must be authenticated to access this resource.',
  'status-code': 401,
};

function findUser(world: DcWorld, name: string): DcUser | undefined {
  // Usernames are case-insensitive in Jira (documented: stored and compared in lower case).
  const lower = name.toLowerCase();
  return world.users.find((u) => u.name.toLowerCase() === lower);
}

/**
 * The CAPTCHA answer (observed: github.com/cristibaluta/Jit issue 12, go-jira issue 8,
 * pycontribs/jira issue 733): 403, `X-Seraph-LoginReason: AUTHENTICATION_DENIED`,
 * `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=<base>/login.jsp`, an HTML body.
 * Jira "rejected the login without even checking the password" (documented, Basic-auth tutorial).
 */
function captcha(baseUrl: string): DcAuth {
  return {
    kind: 'reject',
    status: 403,
    headers: {
      'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED',
      'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${baseUrl}/login.jsp`,
    },
    // Body content not documented; an HTML page was observed.
    body: '<html><body>Forbidden</body></html>',
    contentType: 'text/html;charset=UTF-8',
  };
}

/**
 * D3 (recorded: github.com/gioboa/jira-plugin issue 173, a single-sign-on instance): the login is
 * denied without a CAPTCHA: 403, `X-Seraph-LoginReason: AUTHENTICATION_DENIED` and no
 * `X-Authentication-Denied-Reason`; an HTML page "Basic Authentication Failure - Reason :
 * AUTHENTICATION_DENIED".
 */
function denied(): DcAuth {
  return {
    kind: 'reject',
    status: 403,
    headers: { 'X-Seraph-LoginReason': 'AUTHENTICATION_DENIED' },
    body: '<html><body><h1>Forbidden (403)</h1><p>Basic Authentication Failure - Reason : AUTHENTICATION_DENIED</p></body></html>',
    contentType: 'text/html;charset=UTF-8',
  };
}

function tokenUsable(token: { expiresAt?: string; revoked?: boolean }, now: Date): boolean {
  if (token.revoked) return false;
  return token.expiresAt === undefined || Date.parse(token.expiresAt) > now.getTime();
}

export function authenticate(
  world: DcWorld,
  authorization: string | undefined,
  baseUrl: string,
  now: Date,
  failures: FailedLoginLog,
): DcAuth {
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') {
    // Documented: PATs are sent as `Authorization: Bearer <token>` (Jira 8.14+).
    const owner =
      world.patsEnabled === false
        ? undefined
        : world.users.find((u) => u.tokens.some((t) => t.value === value && tokenUsable(t, now)));
    if (owner && owner.active) return { kind: 'user', user: owner, via: 'bearer' };
    // D5 (recorded on 10.3.19): a wrong Authorization runs as anonymous. It names no account,
    // so it counts against nobody; whether X-Seraph-LoginReason comes with it is not recorded.
    if (world.badBearer === 'anonymous') return { kind: 'anonymous-bearer' };
    return {
      kind: 'reject',
      status: 401,
      headers: {},
      body: JSON.stringify(NOT_AUTHENTICATED_BODY),
      contentType: JSON_TYPE,
    };
  }
  if (scheme?.toLowerCase() !== 'basic') return { kind: 'failed' };
  let decoded = '';
  try {
    decoded = Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return { kind: 'failed' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'failed' };
  const name = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (!world.basicAuth) {
    // D2 (recorded: codeclou.io, "Disabling Basic Auth in Jira Data Center", March 2021).
    return {
      kind: 'reject',
      status: 403,
      headers: {},
      body: JSON.stringify({ message: 'Basic Authentication has been disabled on this instance.' }),
      contentType: JSON_TYPE,
    };
  }
  const user = findUser(world, name);
  if (user?.loginDenied) {
    failures.record(name);
    return denied();
  }
  const limit = world.captchaAfterFailures;
  if (user && limit !== null && (user.failedLogins ?? 0) >= limit) {
    failures.record(name);
    return captcha(baseUrl);
  }
  // Observed (go-jira issue 421, jira-cli discussion 268): a PAT is not accepted as a Basic
  // password, so only the password is compared here.
  if (user && user.active && user.password !== undefined && user.password === secret) {
    user.failedLogins = 0;
    return { kind: 'user', user, via: 'basic' };
  }
  failures.record(name);
  if (user) user.failedLogins = (user.failedLogins ?? 0) + 1;
  return { kind: 'failed' };
}
