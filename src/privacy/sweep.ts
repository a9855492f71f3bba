import { privacy } from '@forge/api';
import { kvs } from '@forge/kvs';
import { isAccountId } from '../contract/account-id';
import { accountIdsOf } from '../history/privacy';
import { deleteProfile, listProfiles, profileAccounts, rewriteProfile } from '../history/profiles';
import type { SyncProfile } from '../contract/watch';
import { deleteWatchData, forgetRanAs, watchRunAccounts } from '../history/watch-runs';
import {
  mapLimit,
  readEntry,
  readIndex,
  removeLegacyRun,
  removeRun,
  rewriteRun,
  type IndexItem,
  type LegacyItem,
} from '../history/store';

type ReportPersonalData = (
  accounts: Array<{ accountId: string; updatedAt: string }>,
) => Promise<Array<{ accountId: string; status: 'updated' | 'closed' }>>;

export interface SweepResult {
  /** Account IDs reported to Atlassian (in batches that were answered). */
  reported: number;
  /** Runs deleted because they were about a closed account (or of an older, unexpiring format). */
  erased: number;
  /** Runs kept with their closed runner's account ID removed. */
  anonymised: number;
  /**
   * Sync profiles of the permission watch (#27) deleted because their sync user's account was
   * closed, and kept without the account ID of the closed administrator who saved them.
   */
  profilesErased: number;
  profilesOrphaned: number;
  /** Set when a batch of the reporting API failed; the other batches were still reported. */
  failed?: string;
  /**
   * False when the time of this invocation ran out before every index record was read: the
   * next sweep starts where this one stopped (a shard of the index, kept under `sweep:resume`).
   */
  complete: boolean;
}

/** Accounts per call of the personal data reporting API (`/app/report-accounts` takes 90). */
export const REPORT_BATCH = 90;
/**
 * A scheduled trigger may run 55 s unless its function sets a longer `timeoutSeconds`
 * (developer.atlassian.com/platform/forge/limits-invocation): reading the index stops after
 * SCAN_MS, erasing after WORK_MS, so the sweep always ends inside the limit; what is left is done
 * by the next sweep.
 */
const SCAN_MS = 25_000;
const WORK_MS = 45_000;
/**
 * The index in disjoint parts (admin page, project pages by the first digit of the project ID,
 * the older format by its first digit), so a sweep that runs out of time resumes with the part
 * it could not finish: KVS cursors may not be kept between invocations.
 */
const SHARDS: readonly string[] = [
  'run:admin:',
  ...Array.from({ length: 10 }, (_, d) => `run:p${d}`),
  ...Array.from({ length: 10 }, (_, d) => `run:${d}`),
];
const RESUME_KEY = 'sweep:resume';
const RESUME_TTL = { ttl: { value: 30, unit: 'DAYS' as const } };

export interface SweepClock {
  now: () => number;
}

/**
 * Scheduled trigger `privacy-sweep` (manifest.yml, weekly). Forge runs it without a user; its
 * return value is not used by the platform beyond the status (function reference: scheduled
 * triggers answer `{ statusCode }`).
 */
export async function privacySweep(): Promise<{ statusCode: number }> {
  const result = await sweepPersonalData(privacy.reportPersonalData);
  console.warn(
    `privacySweep: reported ${result.reported} accounts, erased ${result.erased} runs, anonymised ${result.anonymised}, sync profiles erased ${result.profilesErased} and orphaned ${result.profilesOrphaned}${result.failed ? `; ${result.failed}` : ''}${result.complete ? '' : '; the index was not finished, the next sweep resumes it'}.`,
  );
  return { statusCode: 200 };
}

/**
 * Reports every account ID the history holds to Atlassian's personal data reporting API
 * (`privacy.reportPersonalData`), REPORT_BATCH accounts a call, with the time we last stored data
 * about it, and erases what belongs to closed accounts: a run about a closed account (the sync
 * user, the token's account) is deleted; a run only made by a closed account keeps its findings
 * but loses the runner's account ID. "updated" needs nothing: the history stores no name or
 * email to refresh (names are looked up when read). Pages through every index record (shard by
 * shard); a batch the API refuses is reported again by the next sweep, the others are acted on.
 * Only valid account IDs are reported.
 */
export async function sweepPersonalData(
  report: ReportPersonalData,
  clock: SweepClock = { now: Date.now },
): Promise<SweepResult> {
  const started = clock.now();
  const scanOver = () => clock.now() - started >= SCAN_MS;
  const workOver = () => clock.now() - started >= WORK_MS;

  const first = await resumeShard();
  const items: IndexItem[] = [];
  const legacy: LegacyItem[] = [];
  let next: number | null = null;
  for (let shard = first; shard < SHARDS.length; shard++) {
    const part = await readIndex(SHARDS[shard] as string, scanOver);
    if (!part.complete) {
      next = shard;
      break;
    }
    items.push(...part.items);
    legacy.push(...part.legacy);
  }
  await saveResume(next);

  // Runs stored before retention existed (no TTL, emails inside) are deleted with their chunks.
  await mapLimit(legacy, 4, removeLegacyRun);
  let erased = legacy.length;
  const lastStored = new Map<string, string>();
  // The watch's profiles (at most MAX_PROFILES) are read whole every sweep.
  const profiles: SyncProfile[] = await listProfiles().catch(() => []);
  for (const profile of profiles) {
    for (const id of profileAccounts(profile)) {
      const previous = lastStored.get(id);
      if (previous === undefined || profile.updatedAt > previous)
        lastStored.set(id, profile.updatedAt);
    }
  }
  // The watch's daily runs (at most 50 profiles × MAX_WATCH_RUNS), read whole every sweep.
  const watchRuns = await watchRunAccounts().catch(() => []);
  for (const run of watchRuns) {
    for (const id of run.accounts) {
      const previous = lastStored.get(id);
      if (previous === undefined || run.ranAt > previous) lastStored.set(id, run.ranAt);
    }
  }
  for (const { record } of items) {
    for (const id of record.accounts) {
      if (!isAccountId(id)) continue;
      const previous = lastStored.get(id);
      if (previous === undefined || record.ranAt > previous) lastStored.set(id, record.ranAt);
    }
  }
  const accounts = [...lastStored].map(([accountId, updatedAt]) => ({ accountId, updatedAt }));
  const closed = new Set<string>();
  let reported = 0;
  const failures: string[] = [];
  for (let i = 0; i < accounts.length; i += REPORT_BATCH) {
    if (workOver()) {
      failures.push('out of time before every batch was reported');
      break;
    }
    const batch = accounts.slice(i, i + REPORT_BATCH);
    try {
      const updates = await report(batch);
      reported += batch.length;
      for (const u of updates) if (u.status === 'closed') closed.add(u.accountId);
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      failures.push(
        `batch ${i / REPORT_BATCH + 1} failed (${typeof status === 'number' ? `HTTP ${status}` : 'no answer'})`,
      );
    }
  }
  let anonymised = 0;
  const affected = items.filter((item) => item.record.accounts.some((id) => closed.has(id)));
  await mapLimit(affected, 4, async (item) => {
    if (workOver()) return;
    const outcome = await eraseClosed(item, closed);
    if (outcome === 'erased') erased += 1;
    else anonymised += 1;
  });
  let profilesErased = 0;
  let profilesOrphaned = 0;
  for (const profile of profiles) {
    if (workOver()) break;
    if (closed.has(profile.check.userAccountId)) {
      await deleteProfile(profile.id);
      // Its daily runs and state go with it.
      await deleteWatchData(profile.id);
      profilesErased += 1;
    } else if (profile.savedBy !== null && closed.has(profile.savedBy)) {
      await rewriteProfile({ ...profile, savedBy: null });
      profilesOrphaned += 1;
    }
  }
  // Daily runs made as a closed administrator keep their findings without that account ID.
  for (const run of watchRuns) {
    if (workOver()) break;
    if (run.ranAs !== null && closed.has(run.ranAs)) await forgetRanAs(run.key, run.ranAs);
  }
  return {
    reported,
    erased,
    anonymised,
    profilesErased,
    profilesOrphaned,
    ...(failures.length
      ? { failed: `the personal data reporting API: ${failures.join('; ')}` }
      : {}),
    complete: next === null,
  };
}

/** The shard the last sweep could not finish, if any. */
async function resumeShard(): Promise<number> {
  const saved = await kvs.get<{ shard?: unknown }>(RESUME_KEY).catch(() => undefined);
  const shard = saved?.shard;
  return typeof shard === 'number' && Number.isInteger(shard) && shard >= 0 && shard < SHARDS.length
    ? shard
    : 0;
}

async function saveResume(shard: number | null): Promise<void> {
  try {
    if (shard === null) await kvs.delete(RESUME_KEY);
    else await kvs.set(RESUME_KEY, { shard }, RESUME_TTL);
  } catch {
    // The next sweep starts from the first part: slower, never wrong.
  }
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
