import type { JiraResponse } from '../engine/port/jira-client';
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
    username: header('x-ausername'),
    retryAfterSeconds: retryAfterSeconds(header, nowMs),
    attempts,
  };
}

/**
 * How long Jira asked to wait. `Retry-After` and `Beta-Retry-After` (W5: both exist on Cloud; the
 * longer one wins, so neither limit is ignored); failing both, the `X-RateLimit-Reset` instant.
 */
function retryAfterSeconds(header: (name: string) => string | null, nowMs: number): number | null {
  const asked = [header('retry-after'), header('beta-retry-after')]
    .map((value) => parseRetryAfter(value, nowMs))
    .filter((seconds): seconds is number => seconds !== null);
  if (asked.length > 0) return Math.max(...asked);
  return parseResetInstant(header('x-ratelimit-reset'), nowMs);
}

/** `X-RateLimit-Reset` is an ISO 8601 instant (e.g. `2026-03-01T10:31Z`): seconds until then. */
function parseResetInstant(value: string | null, nowMs: number): number | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
