import { z } from 'zod';
import { MAX_PERMISSIONS, MAX_PROJECTS, type RunCheckPayload } from '../contract/payloads';
import { MAX_SYNC_NAMES } from '../engine/model/sync-targets';
import type { CredentialHygieneIssue } from '../engine/model/input';
import { inspectCredentialText } from '../engine/model/credential-text';
import { ResolverError, type FieldErrors } from './envelope';

/** The payload schemas are the declared contract (src/contract); parsing them is the backend's. */
export * from '../contract/payloads';

export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  precheck(payload);
  // reportInput only lets describeIssues tell a missing field from a wrong one; inputs are never shown.
  const result = schema.safeParse(payload ?? {}, { reportInput: true });
  if (result.success) return result.data;
  throw new ResolverError(
    'INVALID_INPUT',
    describeIssues(result.error.issues),
    fieldErrors(result.error.issues),
  );
}

/** The issues by form field, in the form's words ("Project key 3 must be…"), first one per field. */
function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors | undefined {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const [top, second] = issue.path;
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const said = missing ? 'is required' : issue.message;
    let field: keyof FieldErrors | null = null;
    let subject = '';
    if (top === 'user') [field, subject] = ['user', "The sync user's account ID"];
    else if (top === 'projects')
      [field, subject] = [
        'projects',
        typeof second === 'number' ? `Project key ${second + 1}` : 'The project list',
      ];
    else if (top === 'permissions')
      [field, subject] = [
        'permissions',
        typeof second === 'number' ? `Permission ${second + 1}` : 'The permission list',
      ];
    else if (top === 'preset') [field, subject] = ['preset', 'The integration preset'];
    else if (top === 'fields')
      [field, subject] = [
        'fields',
        typeof second === 'number' ? `Field ${second + 1}` : 'The field list',
      ];
    else if (top === 'issueTypes')
      [field, subject] = [
        'issueTypes',
        typeof second === 'number' ? `Issue type ${second + 1}` : 'The issue type list',
      ];
    else if (top === 'selection') [field, subject] = ['projects', 'The project selection'];
    else if (top === 'token' && second === 'email')
      [field, subject] = ['email', 'The email address'];
    else if (top === 'token' && second === 'token') [field, subject] = ['token', 'The API token'];
    if (field !== null && fields[field] === undefined) fields[field] = `${subject} ${said}.`;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Cheap guards before zod walks the payload: refuse enormous arrays without touching each element. */
function precheck(payload: unknown): void {
  if (payload === null || payload === undefined) return;
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ResolverError('INVALID_INPUT', 'The request must be an object.');
  }
  const p = payload as Record<string, unknown>;
  const limits: Array<[keyof FieldErrors, string, number]> = [
    ['projects', 'The project list', MAX_PROJECTS],
    ['permissions', 'The permission list', MAX_PERMISSIONS],
    ['fields', 'The field list', MAX_SYNC_NAMES],
    ['issueTypes', 'The issue type list', MAX_SYNC_NAMES],
  ];
  for (const [field, subject, max] of limits) {
    const value = p[field];
    if (Array.isArray(value) && value.length > max) {
      throw new ResolverError(
        'INVALID_INPUT',
        `${field} lists too many entries (at most ${max}).`,
        { [field]: `${subject} has too many entries (at most ${max}).` },
      );
    }
  }
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 5).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length ? `${fieldName(issue.path)}: ` : '';
      const keys = issue.keys.slice(0, 3).map(safeKey).join(', ');
      return `${where}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
    }
    const field = issue.path.length ? fieldName(issue.path) : 'request';
    const message =
      issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return `${field} ${message}`;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `Invalid request: ${lines.join('; ')}${more}.`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${safeKey(part)}`,
    )
    .join('');
}

/** Field names come from the caller: show at most 40 plain characters of them. */
function safeKey(key: PropertyKey): string {
  const text = String(key).replace(/[^\x20-\x7e]/g, '?');
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The email and token as they will be sent, and what was cleaned from them. */
export function cleanCredentials(token: NonNullable<RunCheckPayload['token']>): {
  email: string;
  token: string;
  hygiene: CredentialHygieneIssue[];
} {
  const email = inspectCredentialText(token.email, 'email');
  const secret = inspectCredentialText(token.token, 'token');
  return { email: email.value, token: secret.value, hygiene: [...email.issues, ...secret.issues] };
}
