/** Response values produced by handlers, and the few error bodies Jira is known to send. */

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as `application/json;charset=UTF-8`. */
  json?: unknown;
  /** Sent as-is with `contentType` (default `text/plain;charset=UTF-8`). */
  text?: string;
  contentType?: string;
  /**
   * The caller must log in: the server renders Jira's "Client must be authenticated" body per the
   * request's Accept header.
   */
  needsLogin?: boolean;
  /** Jira would have changed data for this request (the simulator never does): flagged in the log. */
  wouldChangeData?: true;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const TEXT_TYPE = 'text/plain;charset=UTF-8';

export const NOT_AUTHENTICATED = 'Client must be authenticated to access this resource.';
/** C5, recorded (two spaces and the trailing newline included). */
export const PASSWORD_DEPRECATED =
  'Basic authentication with passwords is deprecated.  For more information, see: https://confluence.atlassian.com/cloud/deprecation-of-basic-authentication-with-passwords-for-jira-and-confluence-apis-972355348.html\n';
export const IP_REJECTED =
  'The IP address has been rejected because it is not on the allowed list. See your admin for more information.';
export const ONLY_ADMINS = 'Only Jira administrators can perform this operation.';

export function ok(json: unknown): SimResponse {
  return { status: 200, json };
}

/** Jira's usual error shape: `{"errorMessages":[…],"errors":{…}}`. */
export function errorCollection(
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): SimResponse {
  return { status, json: { errorMessages, errors } };
}

/** Documented wording for a project that is missing, hidden or looked up anonymously. */
export function projectNotFound(idOrKey: string): SimResponse {
  // The key wording is documented; the id variant mirrors it (exact id wording not documented).
  const what = /^\d+$/.test(idOrKey) ? 'id' : 'key';
  return errorCollection(404, [`No project could be found with ${what} '${idOrKey}'.`]);
}

export function needsLogin(): SimResponse {
  return { status: 401, needsLogin: true };
}

/**
 * The 401 body for missing or refused credentials, wrapped per Accept (observed): JSON
 * `{"message":…,"status-code":401}`, XML, or plain text.
 */
export function notAuthenticatedBody(accept: string | undefined): {
  contentType: string;
  text: string;
} {
  const a = (accept ?? '').toLowerCase();
  if (a.includes('json')) {
    return {
      contentType: JSON_TYPE,
      text: JSON.stringify({ message: NOT_AUTHENTICATED, 'status-code': 401 }),
    };
  }
  if (a.includes('xml')) {
    // Shape of the Atlassian REST framework's status entity; Cloud's exact XML is not documented.
    return {
      contentType: 'application/xml;charset=UTF-8',
      text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><status><status-code>401</status-code><message>${NOT_AUTHENTICATED}</message></status>`,
    };
  }
  return { contentType: TEXT_TYPE, text: NOT_AUTHENTICATED };
}

/** Gateway 401 bodies. The scope-mismatch text is observed; the plain variant is inferred from it. */
export function gatewayUnauthorized(message = 'Unauthorized'): SimResponse {
  return { status: 401, json: { code: 401, message } };
}

export const SCOPE_MISMATCH = 'Unauthorized; scope does not match';

/** C7 (recorded): the gateway marks a scope refusal with this header; the body has varied. */
export function gatewayScopeRefusal(): SimResponse {
  const response = gatewayUnauthorized(SCOPE_MISMATCH);
  return { ...response, headers: { 'X-Failure-Category': 'FAILURE_CLIENT_SCOPE_CHECK' } };
}

/** C8 (recorded): an API token sent as `Authorization: Bearer …` to the site. */
export function connectSessionRefusal(): SimResponse {
  return { status: 403, json: { error: 'Failed to parse Connect Session Auth Token' } };
}
