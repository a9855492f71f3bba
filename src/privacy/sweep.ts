import { privacy } from '@forge/api';
import { accountIdsOf } from '../history/privacy';
import {
  mapLimit,
  readEntry,
  readIndex,
  removeLegacyRun,
  removeRun,
  rewriteRun,
  type IndexItem,
} from '../history/store';

type ReportPersonalData = (
  accounts: Array<{ accountId: string; updatedAt: string }>,
) => Promise<Array<{ accountId: string; status: 'updated' | 'closed' }>>;

export interface SweepResult {
  /** Account IDs reported to Atlassian. */
  reported: number;
  /** Runs deleted because they were about a closed account (or of an older, unexpiring format). */
  erased: number;
  /** Runs kept with their closed runner's account ID removed. */
  anonymised: number;
  /** Set when the reporting API failed; the next sweep tries again. */
  failed?: string;
}

/**
 * Scheduled trigger `privacy-sweep` (manifest.yml, daily). Forge runs it without a user; its
 * return value is not used by the platform beyond the status (function reference: scheduled
 * triggers answer `{ statusCode }`).
 */
export async function privacySweep(): Promise<{ statusCode: number }> {
  const result = await sweepPersonalData(privacy.reportPersonalData);
  console.warn(
    `privacySweep: reported ${result.reported} accounts, erased ${result.erased} runs, anonymised ${result.anonymised}${result.failed ? `; ${result.failed}` : ''}.`,
  );
  return { statusCode: 200 };
}

/**
 * Reports every account ID the history holds to Atlassian's personal data reporting API
 * (`privacy.reportPersonalData`, which calls `/app/report-accounts` 90 accounts at a time), with
 * the time we last stored data about it, and erases what belongs to closed accounts: a run about
 * a closed account (the sync user, the token's account) is deleted; a run only made by a closed
 * account keeps its findings but loses the runner's account ID. "updated" needs nothing: the
 * history stores no name or email to refresh (names are looked up when read).
 */
export async function sweepPersonalData(report: ReportPersonalData): Promise<SweepResult> {
  // Runs stored before retention existed (no TTL, emails inside) are deleted with their chunks.
  const { items, legacy } = await readIndex();
  await mapLimit(legacy, 4, removeLegacyRun);
  let erased = legacy.length;
  const lastStored = new Map<string, string>();
  for (const { record } of items) {
    for (const id of record.accounts) {
      const previous = lastStored.get(id);
      if (previous === undefined || record.ranAt > previous) lastStored.set(id, record.ranAt);
    }
  }
  const accounts = [...lastStored].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
  let updates: Awaited<ReturnType<ReportPersonalData>>;
  try {
    updates = await report(accounts);
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    return {
      reported: accounts.length,
      erased,
      anonymised: 0,
      failed: `the personal data reporting API failed (${typeof status === 'number' ? `HTTP ${status}` : 'no answer'})`,
    };
  }
  const closed = new Set(updates.filter((u) => u.status === 'closed').map((u) => u.accountId));
  let anonymised = 0;
  const affected = items.filter((item) => item.record.accounts.some((id) => closed.has(id)));
  await mapLimit(affected, 4, async (item) => {
    const outcome = await eraseClosed(item, closed);
    if (outcome === 'erased') erased += 1;
    else anonymised += 1;
  });
  return { reported: accounts.length, erased, anonymised };
}

async function eraseClosed(
  item: IndexItem,
  closed: ReadonlySet<string>,
): Promise<'erased' | 'anonymised'> {
  const entry = await readEntry(item.record);
  if (entry === null) {
    await removeRun(item);
    return 'erased';
  }
  const about = accountIdsOf({ ...entry, ranBy: null });
  if (about.some((id) => closed.has(id))) {
    await removeRun(item);
    return 'erased';
  }
  await rewriteRun(item, { ...entry, ranBy: null });
  return 'anonymised';
}
