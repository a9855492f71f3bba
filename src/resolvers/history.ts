import { byteLength, clearRuns, listRuns, withoutEvidence } from '../history/store';
import type { HistoryEntry } from '../history/types';
import { authorise } from './authorise';
import { readContext } from './context';
import type { ResolverRequest } from './run-check';
import { clearHistorySchema, getHistorySchema, parsePayload } from './validate';

/** Keep `getHistory` answers well under the platform's response size limit. */
const RESPONSE_BUDGET_BYTES = 4_000_000;

export async function getHistory(
  request: ResolverRequest,
): Promise<{ ok: true; runs: HistoryEntry[]; truncated?: true }> {
  const caller = readContext(request.context);
  const payload = parsePayload(getHistorySchema, request.payload);
  await authorise(caller);
  const entries = await listRuns(
    { surface: caller.surface, projectKey: caller.projectKey },
    payload.limit,
  );
  const runs: HistoryEntry[] = [];
  let used = 0;
  for (const entry of entries) {
    let candidate = entry;
    let size = byteLength(candidate);
    if (used + size > RESPONSE_BUDGET_BYTES && !candidate.evidenceDropped) {
      candidate = withoutEvidence(candidate);
      size = byteLength(candidate);
    }
    if (used + size > RESPONSE_BUDGET_BYTES) return { ok: true, runs, truncated: true };
    runs.push(candidate);
    used += size;
  }
  return { ok: true, runs };
}

export async function clearHistory(
  request: ResolverRequest,
): Promise<{ ok: true; cleared: number }> {
  const caller = readContext(request.context);
  parsePayload(clearHistorySchema, request.payload);
  await authorise(caller);
  const cleared = await clearRuns({ surface: caller.surface, projectKey: caller.projectKey });
  return { ok: true, cleared };
}
