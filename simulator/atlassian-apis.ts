/**
 * Atlassian's own APIs beside a Jira site: the OAuth 2.0 token endpoint (client credentials of
 * service accounts, docs/jira-behaviour.md S4) and the organisation admin API's token list (S5).
 * Served on the simulator's origin: `POST /oauth/token` (pass the origin as --auth-url) and
 * `GET /admin/api-access/v1/orgs/{orgId}/api-tokens` (pass it as --admin-api).
 *
 * Documented: the token request (`grant_type=client_credentials`, `client_id`, `client_secret`)
 * and answer (`access_token`, `expires_in` 3600, `token_type` Bearer, `scope`); a wrong secret's
 * 401 `{"error":"access_denied","error_description":"Unauthorized"}` (recorded in issue 22); the
 * token list's query (`q`, `status`, `pageSize`, `cursor`), answer shape, `links.next` and
 * `X-RateLimit-*` headers. NOT DOCUMENTED, chosen here and marked: the token endpoint's content
 * type (JSON and form bodies are both accepted), the answer to an unknown client (the same 401),
 * to a revoked or expired credential (the same 401), the admin API's refusals (401 for an unknown
 * or expired key, 403 for one without `read:tokens:admin`, bodies `{"code","message"}`), its page
 * sizes, and whether `links.next` is a cursor or a URL (`org.nextLink`).
 */
import { randomBytes } from 'node:crypto';
import { JSON_TYPE } from './http';
import type { Rendered } from './pipeline';
import type { World, WorldOrg, WorldToken, WorldUser } from './world';

export const TOKEN_PATH = '/oauth/token';
export const ADMIN_TOKENS_PATH = /^\/admin\/api-access\/v1\/orgs\/([^/]+)\/api-tokens$/;
export const ADMIN_TOKENS_ROUTE = 'GET /admin/api-access/v1/orgs/{orgId}/api-tokens';
export const TOKEN_ROUTE = 'POST /oauth/token';

/** An access token the token endpoint issued: who it acts as, its scopes, until when. */
export interface IssuedToken {
  accountId: string;
  scopes: string[];
  expiresAtMs: number;
}

export interface AtlassianApiState {
  world: World;
  /** Access token value → what it grants. */
  issued: Map<string, IssuedToken>;
  /** Token requests per client ID (tests assert "exactly one per run"). */
  tokenRequests: Map<string, number>;
}

const ACCESS_TOKEN_SECONDS = 3600;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Rendered {
  return { status, headers, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

/** The body as the client sent it: JSON or form-encoded (which one Atlassian expects is not stated). */
function readParams(
  raw: string | undefined,
  contentType: string | undefined,
): Record<string, string> {
  if (!raw) return {};
  if (contentType?.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          (e): e is [string, string] => typeof e[1] === 'string',
        ),
      );
    }
  } catch {
    // not JSON
  }
  return {};
}

/** The recorded request body never keeps the secret. */
export function recordedTokenRequest(
  raw: string | undefined,
  contentType: string | undefined,
): Record<string, string> {
  const params = readParams(raw, contentType);
  return params.client_secret === undefined ? params : { ...params, client_secret: '[sent]' };
}

/** `POST /oauth/token` with the client-credentials grant. */
export function oauthToken(
  state: AtlassianApiState,
  raw: string | undefined,
  contentType: string | undefined,
  now: Date,
): Rendered {
  const params = readParams(raw, contentType);
  const clientId = params.client_id ?? '';
  state.tokenRequests.set(clientId, (state.tokenRequests.get(clientId) ?? 0) + 1);
  if (params.grant_type !== 'client_credentials')
    return json(400, {
      error: 'unsupported_grant_type',
      error_description: 'Unsupported grant type',
    });
  const client = (state.world.oauthClients ?? []).find((c) => c.clientId === clientId);
  const usable =
    client !== undefined &&
    client.secret === params.client_secret &&
    !client.revoked &&
    (client.expiresAt === undefined || Date.parse(client.expiresAt) > now.getTime());
  // Recorded for a wrong secret; an unknown, revoked or expired client is assumed to get the same.
  if (!usable) return json(401, { error: 'access_denied', error_description: 'Unauthorized' });
  const token = `sim-oauth-${randomBytes(24).toString('hex')}`;
  state.issued.set(token, {
    accountId: client.accountId,
    scopes: [...client.scopes],
    expiresAtMs: now.getTime() + ACCESS_TOKEN_SECONDS * 1000,
  });
  return json(200, {
    access_token: token,
    expires_in: ACCESS_TOKEN_SECONDS,
    token_type: 'Bearer',
    scope: client.scopes.join(' '),
  });
}

/** Documented rate-limit headers of the admin API; the values are the simulator's. */
function adminRateHeaders(now: Date): Record<string, string> {
  return {
    'X-RateLimit-Limit': '1000',
    'X-RateLimit-Remaining': '999',
    'X-RateLimit-Reset': new Date(now.getTime() + 60_000).toISOString(),
  };
}

interface ListedToken {
  id: string;
  label: string;
  status: 'ALLOWED' | 'BLOCKED';
  createdAt: string;
  expiresAt: string;
  lastActiveAt: string | null;
  user: { id: string; orgId: string; name: string; email: string };
}

/**
 * Managed accounts' API tokens (S5: the list covers managed accounts only; service accounts'
 * tokens have their own endpoints, so app accounts are not listed), then the synthetic tokens of
 * other members.
 */
function listedTokens(world: World, org: WorldOrg): ListedToken[] {
  const list: ListedToken[] = [];
  const one = (user: WorldUser, token: WorldToken): ListedToken => ({
    id: token.id,
    label: token.label ?? token.id,
    status: token.blocked ? 'BLOCKED' : 'ALLOWED',
    createdAt: token.createdAt ?? '2025-06-01T00:00:00.000Z',
    expiresAt: token.expiresAt ?? '2026-06-01T00:00:00.000Z',
    lastActiveAt: token.lastActiveAt ?? null,
    user: { id: user.accountId, orgId: org.id, name: user.displayName, email: user.email },
  });
  for (const user of world.users) {
    if (user.accountType !== 'atlassian') continue;
    for (const token of user.tokens) list.push(one(user, token));
  }
  for (let i = 0; i < (org.otherTokens ?? 0); i++) {
    const n = String(i).padStart(6, '0');
    list.push({
      id: `other-${n}`,
      label: `integration ${n}`,
      status: 'ALLOWED',
      createdAt: '2025-09-01T00:00:00.000Z',
      expiresAt: '2026-09-01T00:00:00.000Z',
      lastActiveAt: null,
      user: {
        id: `712020:other-${n}`,
        orgId: org.id,
        name: `Member ${n}`,
        email: `member-${n}@other.example`,
      },
    });
  }
  return list;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^offset:(\d+)$/.exec(text);
  return match ? Number(match[1]) : null;
}

/** `GET /admin/api-access/v1/orgs/{orgId}/api-tokens`. */
export function adminApiTokens(
  state: AtlassianApiState,
  orgId: string,
  query: Record<string, string[]>,
  authorization: string | undefined,
  baseUrl: string,
  now: Date,
): Rendered {
  const org = state.world.org;
  const headers = adminRateHeaders(now);
  const bearer = /^Bearer\s+(.+)$/i.exec((authorization ?? '').trim())?.[1];
  const key = org?.apiKeys.find((k) => k.value === bearer);
  const keyUsable =
    key !== undefined &&
    !key.revoked &&
    (key.expiresAt === undefined || Date.parse(key.expiresAt) > now.getTime());
  // NOT DOCUMENTED: the refusals' statuses and bodies.
  if (!keyUsable) return json(401, { code: 401, message: 'Unauthorized' }, headers);
  if (!key.scopes.includes('read:tokens:admin'))
    return json(403, { code: 403, message: 'Forbidden' }, headers);
  if (!org || org.id !== orgId) return json(404, { code: 404, message: 'Not Found' }, headers);

  const first = (name: string): string | undefined => query[name]?.[0];
  const q = first('q')?.toLowerCase();
  const status = first('status')?.toUpperCase();
  const maxSize = org.maxPageSize ?? 100;
  const requested = Number(first('pageSize') ?? org.defaultPageSize ?? 20);
  if (!Number.isInteger(requested) || requested < 1)
    return json(400, { code: 400, message: 'Invalid pageSize' }, headers);
  const size = Math.min(requested, maxSize);
  const cursor = first('cursor');
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === null) return json(400, { code: 400, message: 'Invalid cursor' }, headers);

  const fields = org.queryFields ?? ['label', 'name', 'email'];
  const searched = (t: ListedToken): string[] =>
    fields.map((f) => (f === 'label' ? t.label : f === 'name' ? t.user.name : t.user.email));
  const all = listedTokens(state.world, org).filter(
    (t) =>
      (q === undefined || searched(t).some((v) => v.toLowerCase().includes(q))) &&
      (status === undefined || t.status === status),
  );
  const page = all.slice(offset, offset + size);
  const more = offset + size < all.length;
  const path = `/admin/api-access/v1/orgs/${encodeURIComponent(orgId)}/api-tokens`;
  const link = (at: number): string => {
    if ((org.nextLink ?? 'cursor') === 'cursor') return encodeCursor(at);
    const params = new URLSearchParams();
    for (const [name, values] of Object.entries(query))
      if (name !== 'cursor') for (const v of values) params.append(name, v);
    params.set('cursor', encodeCursor(at));
    return `${baseUrl}${path}?${params.toString()}`;
  };
  return json(
    200,
    {
      data: page,
      links: {
        self: cursor ?? '',
        ...(more ? { next: link(offset + size) } : {}),
        ...(offset > 0 ? { prev: link(Math.max(0, offset - size)) } : {}),
      },
    },
    headers,
  );
}
