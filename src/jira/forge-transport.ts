/**
 * Forge adapters for `HttpJiraClient` (retries, timeouts, evidence and error classification stay
 * there): `requestJira` as the signed-in user, and the egress `fetch` for the token check.
 */
import api, { route, type APIResponse, type RequestInit as ForgeRequestInit } from '@forge/api';
import { base64Utf8 } from './base64';
import { encodeQuery, fromFetchResponse, type Transport, type TransportRequest } from './transport';

/** Production API gateway. Local runs reach a simulator through local-forge's egress, not a setting. */
export const GATEWAY_ORIGIN = 'https://api.atlassian.com';

interface CallInit {
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /**
   * The account to act as when it is not the invocation's user (offline impersonation, the
   * permission watch's daily re-check: `asUser(accountId)`); absent: the signed-in user.
   */
  as?: string;
}

/** Up to two path parameters (checked against SEGMENT), the query, and the request's init. */
type ProductCall = (
  p: readonly [string, string],
  q: URLSearchParams,
  init: CallInit,
) => Promise<APIResponse>;

interface Endpoint {
  method: 'GET' | 'POST';
  /** The OpenAPI path, e.g. `/rest/api/3/project/{key}/role/{id}`. */
  path: string;
  call: ProductCall;
}

/** What a path parameter may be: project keys and numeric ids. `route` refuses `/ ? # ..` too. */
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Every Jira endpoint the engine's admin view (and the project selection) calls, as the signed-in user, each spelled out as
 * `requestJira(route`…`)`: `route` checks path values and encodes the query, and `forge lint` can
 * match each call to the scopes in manifest.yml. A request for anything else is refused without
 * calling Jira.
 */
const ENDPOINTS: readonly Endpoint[] = [
  {
    method: 'POST',
    path: '/rest/api/3/search/jql',
    call: (_p, q, { headers, body, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/search/jql?${q}`, {
        method: 'POST',
        headers,
        body,
        signal,
      }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/field',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/field?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/{key}/editmeta',
    call: ([key], q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/issue/${key}/editmeta?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/mypermissions',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/mypermissions?${q}`, { headers, signal }),
  },
  {
    method: 'POST',
    path: '/rest/api/3/permissions/check',
    call: (_p, q, { headers, body, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/permissions/check?${q}`, {
        method: 'POST',
        headers,
        body,
        signal,
      }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/permissions',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/permissions?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/user/permission/search',
    call: (_p, q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/user/permission/search?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/user',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/user?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/search',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/project/search?${q}`, { headers, signal }),
  },
  {
    // Resolving "every project of a category" (#14): the category's name and that it exists.
    method: 'GET',
    path: '/rest/api/3/projectCategory',
    call: (_p, q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/projectCategory?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/{key}/permissionscheme',
    call: ([key], q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/project/${key}/permissionscheme?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/permissionscheme/{id}',
    call: ([id], q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/permissionscheme/${id}?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/{key}/role',
    call: ([key], q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/project/${key}/role?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/project/{key}/role/{id}',
    call: ([key, id], q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/project/${key}/role/${id}?${q}`, { headers, signal }),
  },
  {
    // Which schemes the target projects use (#24): screens and fields are read once per scheme.
    method: 'GET',
    path: '/rest/api/3/issuetypescheme/project',
    call: (_p, q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/issuetypescheme/project?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuetypescreenscheme/project',
    call: (_p, q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/issuetypescreenscheme/project?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/fieldconfigurationscheme/project',
    call: (_p, q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/fieldconfigurationscheme/project?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issuesecurityschemes/search',
    call: (_p, q, { headers, signal, as }) =>
      api
        .asUser(as)
        .requestJira(route`/rest/api/3/issuesecurityschemes/search?${q}`, { headers, signal }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/createmeta/{key}/issuetypes',
    call: ([key], q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/issue/createmeta/${key}/issuetypes?${q}`, {
        headers,
        signal,
      }),
  },
  {
    method: 'GET',
    path: '/rest/api/3/issue/createmeta/{key}/issuetypes/{id}',
    call: ([key, id], q, { headers, signal, as }) =>
      api.asUser(as).requestJira(route`/rest/api/3/issue/createmeta/${key}/issuetypes/${id}?${q}`, {
        headers,
        signal,
      }),
  },
];

/** Matches an encoded request path against an endpoint; returns the decoded, checked parameters. */
function match(endpoint: Endpoint, method: string, path: string): string[] | null {
  if (endpoint.method !== method) return null;
  const template = endpoint.path.split('/');
  const actual = path.split('/');
  if (template.length !== actual.length) return null;
  const params: string[] = [];
  for (let i = 0; i < template.length; i++) {
    const part = template[i] ?? '';
    const value = actual[i] ?? '';
    if (part.startsWith('{')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return null;
      }
      if (!SEGMENT.test(decoded)) return null;
      params.push(decoded);
    } else if (part !== value) {
      return null;
    }
  }
  return params;
}

/** `METHOD path` pairs the requestJira transport serves (for tests and docs). */
export function supportedProductEndpoints(): string[] {
  return ENDPOINTS.map((e) => `${e.method} ${e.path}`);
}

export class UnsupportedEndpointError extends Error {
  constructor(method: string, path: string) {
    super(`The Forge adapter does not call ${method} ${path}`);
    this.name = 'UnsupportedEndpointError';
  }
}

/**
 * Product calls as the signed-in user (`api.asUser().requestJira`). Runs as whoever opened the
 * page; the resolver has already checked that this user is an administrator.
 * `unsupported` collects refused endpoints so the caller can report them.
 */
export function asUserTransport(unsupported: string[] = [], as?: string): Transport {
  return async (req: TransportRequest) => {
    let found: { endpoint: Endpoint; params: string[] } | null = null;
    for (const endpoint of ENDPOINTS) {
      const params = match(endpoint, req.method, req.path);
      if (params) {
        found = { endpoint, params };
        break;
      }
    }
    if (!found) {
      unsupported.push(`${req.method} ${req.path}`);
      throw new UnsupportedEndpointError(req.method, req.path);
    }
    const query = new URLSearchParams();
    for (const [name, value] of req.query) query.append(name, value);
    const [first = '', second = ''] = found.params;
    const response = await found.endpoint.call([first, second], query, {
      headers: { ...req.headers },
      ...(req.body === undefined ? {} : { body: req.body }),
      signal: req.signal,
      ...(as === undefined ? {} : { as }),
    });
    return fromFetchResponse(response);
  };
}

export interface FetchTransportOptions {
  /** Origin (and optional path prefix) every request goes to, e.g. https://acme.atlassian.net. */
  baseUrl: string;
  /** Basic credentials; omit for anonymous requests (`/_edge/tenant_info`). */
  basic?: { email: string; token: string };
}

/**
 * External calls through `@forge/api` `fetch` (the platform's egress, limited by
 * `permissions.external.fetch.backend`). The credentials live only in this closure: they go into
 * the Authorization header and nowhere else. Redirects are not followed, so credentials are
 * never replayed to another host.
 */
export function forgeFetchTransport(options: FetchTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const authorization = options.basic
    ? `Basic ${base64Utf8(`${options.basic.email}:${options.basic.token}`)}`
    : null;
  return async (req: TransportRequest) => {
    const query = req.query.length ? `?${encodeQuery(req.query)}` : '';
    const headers: Record<string, string> = { ...req.headers };
    if (authorization) headers.Authorization = authorization;
    const init: ForgeRequestInit = {
      method: req.method,
      headers,
      redirect: 'manual',
      signal: req.signal,
    };
    if (req.body !== undefined) init.body = req.body;
    const response = await api.fetch(`${base}${req.path}${query}`, init);
    return fromFetchResponse(response);
  };
}

/** `https://api.atlassian.com/ex/jira/{cloudId}`: where scoped API tokens work. */
export function gatewayBaseUrl(cloudId: string): string {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(cloudId)) throw new Error('Invalid cloud ID');
  return `${GATEWAY_ORIGIN}/ex/jira/${cloudId}`;
}
