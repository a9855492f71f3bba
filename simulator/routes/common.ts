import { errorCollection, type SimResponse } from '../http';
import type { QueryReader } from './context';

/**
 * Error wording for cases Atlassian does not document. Clients must not depend on these texts;
 * they only need to be recognisably Jira-shaped (`{"errorMessages":[…],"errors":{}}`).
 */
export function badRequest(message: string): SimResponse {
  return errorCollection(400, [message]);
}

export type IntParam = { ok: true; value: number } | { ok: false; response: SimResponse };

/** Parses an optional non-negative integer query parameter. */
export function intParam(query: QueryReader, name: string, fallback: number): IntParam {
  const raw = query.get(name);
  if (raw === undefined || raw === '') return { ok: true, value: fallback };
  if (!/^\d+$/.test(raw)) {
    return {
      ok: false,
      response: badRequest(`The value '${raw}' is not valid for parameter '${name}'.`),
    };
  }
  return { ok: true, value: Number(raw) };
}

export interface Paging {
  startAt: number;
  maxResults: number;
}

export function paging(
  query: QueryReader,
  defaultMax: number,
): { ok: true; value: Paging } | { ok: false; response: SimResponse } {
  const startAt = intParam(query, 'startAt', 0);
  if (!startAt.ok) return startAt;
  const maxResults = intParam(query, 'maxResults', defaultMax);
  if (!maxResults.ok) return maxResults;
  return { ok: true, value: { startAt: startAt.value, maxResults: maxResults.value } };
}

/** Prefix match on words of a display name, or on the whole email address (case-insensitive). */
export function matchesUserQuery(text: string, displayName: string, email: string | null): boolean {
  const q = text.trim().toLowerCase();
  if (q === '') return false;
  const words = displayName.toLowerCase().split(/\s+/);
  if (displayName.toLowerCase().startsWith(q) || words.some((w) => w.startsWith(q))) return true;
  return email !== null && email.toLowerCase().startsWith(q);
}
