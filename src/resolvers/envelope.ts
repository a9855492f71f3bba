import type { ErrorCode, FieldErrors, ResolverFailure } from '../contract/envelope';

export type { ErrorCode, FieldErrors, ResolverFailure, ResolverResult } from '../contract/envelope';

/** Thrown inside a resolver to end it with `{ ok: false, error }`. Messages are shown to the user. */
export class ResolverError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** INVALID_INPUT: the same problems by form field, so the panel shows each next to its field. */
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ResolverError';
  }
}

export function failure(code: ErrorCode, message: string, fields?: FieldErrors): ResolverFailure {
  return { ok: false, error: { code, message, ...(fields ? { fields } : {}) } };
}
