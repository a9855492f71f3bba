import type { JiraResponse } from './port';
import { parseRetryAfter } from './retry-policy';

/** Bodies are kept for diagnosis and evidence, not archived: 64 KB is plenty for an error. */
export const MAX_TEXT_CHARS = 64 * 1024;

export interface RawAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
}

export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** Parsed JSON, or undefined when the body is not declared JSON, is empty or does not parse. */
export function parseJsonBody(contentType: string | null, text: string): unknown {
  if (!isJsonContentType(contentType) || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** True when the body claims to be JSON but did not parse. */
export function hasMalformedJson(response: JiraResponse): boolean {
  return (
    response.json === undefined &&
    isJsonContentType(response.contentType) &&
    response.text.trim() !== ''
  );
}

export function toJiraResponse(answer: RawAnswer, attempts: number, nowMs: number): JiraResponse {
  const header = (name: string): string | null => answer.headers[name] ?? null;
  const contentType = header('content-type');
  return {
    status: answer.status,
    headers: answer.headers,
    json: parseJsonBody(contentType, answer.text),
    text: answer.text.length > MAX_TEXT_CHARS ? answer.text.slice(0, MAX_TEXT_CHARS) : answer.text,
    contentType,
    loginReason: header('x-seraph-loginreason'),
    accountId: header('x-aaccountid'),
    deniedReason: header('x-authentication-denied-reason'),
    retryAfterSeconds: parseRetryAfter(header('retry-after'), nowMs),
    attempts,
  };
}

/** A failed login counts towards Jira's lockout, so such answers are never repeated. */
export function reportsFailedLogin(headers: Readonly<Record<string, string>>): boolean {
  const reason = headers['x-seraph-loginreason']?.toUpperCase() ?? '';
  return reason.includes('FAILED') || reason.includes('DENIED');
}

/**
 * The API gateway's refusal of a scoped token for one operation: 401 with
 * `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK` (jira-captures C7; the header is the sturdier
 * signal than the body). The token was recognised, so it is no failed login.
 */
export function isScopeRefusal(response: Pick<JiraResponse, 'status' | 'headers'>): boolean {
  return (
    response.status === 401 &&
    (response.headers['x-failure-category'] ?? '').toUpperCase() === 'FAILURE_CLIENT_SCOPE_CHECK'
  );
}
