/** The response envelope every resolver key returns. */
export type ErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL';

/** The form fields a refusal can name. */
export type FormField =
  'user' | 'projects' | 'preset' | 'permissions' | 'fields' | 'issueTypes' | 'email' | 'token';

/** Form field → what is wrong with it, in words for the person who filled it in. */
export type FieldErrors = Partial<Record<FormField, string>>;

export interface ResolverFailure {
  ok: false;
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

export type ResolverResult<T extends object> = ({ ok: true } & T) | ResolverFailure;
