/**
 * What an answer's headers and wording signal about the credentials, as far as the port's own
 * promise needs it: a client never repeats a failed login (Jira counts it towards a lockout), and
 * a scope refusal at the gateway is no failed login. The engine reads the same signals when it
 * classifies an answer; adapters import them from here, so the wording lives in the engine.
 */

/** The gateway's wording for a scoped token without a scope the operation needs (C7, observed). */
export const SCOPE_MISMATCH_TEXT = /scope does not match/i;

/** C7: the gateway's header for a scope refusal; sturdier than the body, which has varied. */
export const SCOPE_CHECK_FAILURE = 'FAILURE_CLIENT_SCOPE_CHECK';

/**
 * The API gateway refused a scoped token because it lacks a scope this operation needs: the
 * `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK` header on any body (docs/jira-behaviour.md C7, W2),
 * or the recorded wording on a 401. The token itself was recognised, so this is no failed login.
 */
export function isScopeRefusal(answer: {
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
}): boolean {
  if (answer.status < 400) return false;
  const category = answer.headers['x-failure-category']?.toUpperCase() ?? '';
  if (category.includes(SCOPE_CHECK_FAILURE)) return true;
  return answer.status === 401 && SCOPE_MISMATCH_TEXT.test(answer.text.slice(0, 2000));
}

/**
 * D2 (recorded, Data Center 8.16+): an administrator switched Basic authentication off for API
 * calls. Jira answers 403 `{"message":"Basic Authentication has been disabled on this instance."}`
 * to any username and password, right or wrong.
 */
export const BASIC_AUTH_DISABLED_TEXT = /Basic Authentication has been disabled on this instance/i;

/** The answer refuses every Basic credential on this instance (D2): never send it again. */
export function refusesBasicAuth(answer: { status: number; text: string }): boolean {
  return (
    answer.status >= 400 &&
    answer.status < 500 &&
    BASIC_AUTH_DISABLED_TEXT.test(answer.text.slice(0, 2000))
  );
}

/** A failed login counts towards Jira's lockout, so such answers are never repeated. */
export function reportsFailedLogin(headers: Readonly<Record<string, string>>): boolean {
  const reason = headers['x-seraph-loginreason']?.toUpperCase() ?? '';
  // A CAPTCHA demand (Data Center) may come without the Seraph header: never repeat it either.
  const denied = headers['x-authentication-denied-reason']?.toUpperCase() ?? '';
  return reason.includes('FAILED') || reason.includes('DENIED') || denied.includes('CAPTCHA');
}
