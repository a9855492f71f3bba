/** The response envelope every resolver key returns. */
export type ErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL';

/** Form field → what is wrong with it, in words for the person who filled it in. */
export type FieldErrors = Partial<
  Record<
    'user' | 'projects' | 'preset' | 'permissions' | 'fields' | 'issueTypes' | 'email' | 'token',
    string
  >
>;

export interface ResolverFailure {
  ok: false;
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

export type ResolverResult<T extends object> = ({ ok: true } & T) | ResolverFailure;

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
