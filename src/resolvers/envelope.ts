/** The response envelope every resolver key returns. */
export type ErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL';

export interface ResolverFailure {
  ok: false;
  error: { code: ErrorCode; message: string };
}

export type ResolverResult<T extends object> = ({ ok: true } & T) | ResolverFailure;

/** Thrown inside a resolver to end it with `{ ok: false, error }`. Messages are shown to the user. */
export class ResolverError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

export function failure(code: ErrorCode, message: string): ResolverFailure {
  return { ok: false, error: { code, message } };
}
