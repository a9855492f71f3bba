/**
 * The one thing an adapter must provide: send a single HTTP request to a fixed base and hand back
 * the answer. Retries, timeouts, JSON, evidence and error classification live in `HttpJiraClient`,
 * so the Node `fetch`, Forge `fetch` and Forge `requestJira` adapters stay a few lines each.
 * Credentials, when any, are added by the adapter from its own closure.
 */

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the adapter's base, starting with `/`, already percent-encoded. */
  path: string;
  /** Query parameters in order; repeated names are repeated parameters. Not yet encoded. */
  query: ReadonlyArray<readonly [string, string]>;
  /** Headers the client wants sent (Accept, Content-Type). Adapters add authentication. */
  headers: Readonly<Record<string, string>>;
  body?: string;
  /** Aborted when the client's timeout fires or the caller cancels. */
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased names. */
  headers: Readonly<Record<string, string>>;
  text(): Promise<string>;
}

/**
 * Rejects with whatever the underlying HTTP stack throws; `classifyTransportFailure` maps it.
 * An adapter that knows better may reject with a `JiraTransportError` itself.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

/** `a=1&b=x%20y`: names and values encoded the way `URLSearchParams` does it for a URL. */
export function encodeQuery(query: ReadonlyArray<readonly [string, string]>): string {
  return query.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
}

/** The path plus its query string, e.g. `/rest/api/3/project/search?keys=A&keys=B`. */
export function pathWithQuery(
  path: string,
  query: ReadonlyArray<readonly [string, string]>,
): string {
  return query.length === 0 ? path : `${path}?${encodeQuery(query)}`;
}

function encode(text: string): string {
  // encodeURIComponent leaves !'()* alone, which is valid in a query and what Jira expects.
  return encodeURIComponent(text);
}

/** The subset of a WHATWG `Response` (Node fetch, `@forge/api` fetch and requestJira) we read. */
export interface FetchLikeResponse {
  status: number;
  headers: { forEach(callback: (value: string, name: string) => void): void };
  text(): Promise<string>;
}

/** Cookies could carry session secrets and the engine never needs them, so they are dropped. */
const DROPPED_HEADERS = new Set(['set-cookie', 'set-cookie2']);

/** Adapts a fetch-style response; shared by every adapter. */
export function fromFetchResponse(response: FetchLikeResponse): TransportResponse {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    const lower = name.toLowerCase();
    if (!DROPPED_HEADERS.has(lower)) headers[lower] = value;
  });
  return { status: response.status, headers, text: () => response.text() };
}
