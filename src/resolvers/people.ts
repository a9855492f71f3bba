import api, { NeedsAuthenticationError, route } from '@forge/api';
import { mapLimit } from '../history/store';
import type { PersonName } from '../contract/history';
import type { Deadline } from './deadline';

/** At most this many people are looked up per answer; the rest show as account IDs. */
const MAX_LOOKUPS = 30;
const CONCURRENCY = 4;

/**
 * Display names for the account IDs a history answer names, asked of Jira as the reader
 * (`GET /rest/api/3/user`, which needs Browse users and groups): a reader sees exactly the names
 * Jira shows them, and nobody's name is stored. Unknown or hidden → `displayName: null`.
 */
export async function namesFor(
  accountIds: readonly string[],
  deadline: Deadline,
  reserveMs: number,
): Promise<Record<string, PersonName>> {
  const unique = [...new Set(accountIds)];
  const names: Record<string, PersonName> = {};
  for (const id of unique) names[id] = { displayName: null };
  await mapLimit(unique.slice(0, MAX_LOOKUPS), CONCURRENCY, async (accountId) => {
    if (deadline.remainingMs(reserveMs) === 0) return;
    try {
      const res = await deadline.race(
        api.asUser().requestJira(route`/rest/api/3/user?accountId=${accountId}`, {
          headers: { Accept: 'application/json' },
          signal: deadline.signal(reserveMs),
        }),
        reserveMs,
      );
      if (res.status !== 200) return;
      const body = (await deadline.race(res.json() as Promise<unknown>, reserveMs)) as {
        accountId?: unknown;
        displayName?: unknown;
      } | null;
      if (body?.accountId === accountId && typeof body.displayName === 'string') {
        names[accountId] = { displayName: body.displayName };
      }
    } catch (error) {
      // The consent prompt must reach the platform; anything else leaves the name unresolved.
      if (error instanceof NeedsAuthenticationError) throw error;
    }
  });
  return names;
}
