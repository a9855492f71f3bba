import { JiraTransportError, type TransportFailureKind } from '../engine/port/jira-client';

const CODE_KINDS: ReadonlyArray<[RegExp, TransportFailureKind]> = [
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA)$/, 'dns'],
  [/^ECONNREFUSED$/, 'refused'],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED)$/, 'reset'],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, 'timeout'],
  [
    /^(CERT_.*|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_TLS_.*|ERR_SSL_.*|EPROTO)$/,
    'tls',
  ],
];

export interface FailureContext {
  /** Our own per-request timer fired. */
  timedOut: boolean;
  /** The caller's signal was aborted. */
  cancelled: boolean;
}

/**
 * Maps whatever a transport threw to the kind the engine reasons about. Node's fetch wraps the
 * socket error as `TypeError('fetch failed', { cause })`; happy-eyeballs connects wrap it once
 * more in an AggregateError, so the search walks `cause` and `errors`.
 */
export function classifyTransportFailure(
  error: unknown,
  context: FailureContext,
): TransportFailureKind {
  if (error instanceof JiraTransportError) return error.kind;
  if (context.timedOut) return 'timeout';
  if (context.cancelled) return 'aborted';
  for (const code of errorCodes(error)) {
    const match = CODE_KINDS.find(([pattern]) => pattern.test(code));
    if (match) return match[1];
  }
  return 'network';
}

function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors : [];
  return [
    ...own,
    ...errorCodes(record.cause, depth + 1),
    ...nested.flatMap((inner: unknown) => errorCodes(inner, depth + 1)),
  ];
}

const DESCRIPTIONS: Readonly<Record<TransportFailureKind, string>> = {
  timeout: 'no answer before the timeout',
  tls: 'TLS/certificate error',
  dns: 'host name could not be resolved',
  refused: 'connection refused',
  reset: 'connection reset or closed early',
  aborted: 'request cancelled',
  network: 'network error',
  'credential-refused': 'not sent: Jira refused this credential earlier in the run',
};

/** A fixed phrase per kind: the underlying error message can echo URLs, so it is never used. */
export function describeFailureKind(kind: TransportFailureKind): string {
  return DESCRIPTIONS[kind];
}
