import { kvs, WhereConditions } from '@forge/kvs';
import { isAccountId } from '../contract/account-id';
import {
  MAX_WATCH_RUNS,
  WATCH_RUN_RETENTION_DAYS,
  type NeedsAdminReason,
  type ProfileWatch,
  type WatchRun,
} from '../contract/watch';
import { readChunkedJson, splitChunks } from './chunks';
import { asciiJson } from './store';

/**
 * The permission watch's daily runs (#27) in the Forge key-value store, kept like the history:
 * without personal data (findings as the history keeps them; people by account ID, in the index
 * record only, so the privacy sweep can remove one without rewriting the run), with a KVS TTL of
 * WATCH_RUN_RETENTION_DAYS on every key, at most MAX_WATCH_RUNS a profile, and erased with the
 * profile (removed by an administrator, or by the privacy sweep when its sync user's account is
 * closed). Each profile's state (what the Watch tab, the project page banner and the Automation
 * action read) is one small key, rewritten after every run.
 */
const RUN_PREFIX = 'watch:run:';
const CHUNK_PREFIX = 'watch:chunk:';
const STATE_PREFIX = 'watch:state:';
/** The site of the installation (scheduled functions have no site in their context). */
const SITE_KEY = 'watch:site';
/** When the daily trigger last ran (the Watch tab's "next run" is a day later). */
const SCHEDULE_KEY = 'watch:schedule';
const TTL = { ttl: { value: WATCH_RUN_RETENTION_DAYS, unit: 'DAYS' as const } };
const PAGE = 20;
/** A 1000-project run where every project fails is far below this (chunks of 150,000 chars). */
const MAX_CHUNKS = 26;

interface RunRecord {
  v: 1;
  id: string;
  profileId: string;
  ranAt: string;
  ranAs: string | null;
  /** Account IDs the run names (the administrator it ran as, the sync user). */
  accounts: string[];
  chunks: number;
  /** The run without `ranAs`, as JSON: the first chunk. */
  text: string;
}

/** The state kept per profile, with the run going on (if any). */
export interface WatchStatus extends ProfileWatch {
  v: 1;
  profileId: string;
  /** The trigger (its time) of the last run started: a start event delivered twice runs once. */
  trigger: string | null;
  /** The run going through its batches: its plan (history/batch-store.ts) and start time. */
  running?: { planId: string; startedAt: string };
}

export function emptyStatus(profileId: string): WatchStatus {
  return {
    v: 1,
    profileId,
    trigger: null,
    state: 'waiting',
    lastRunAt: null,
    lastChange: null,
    nextRunAt: null,
    verdict: null,
    failingProjects: [],
    failingSince: null,
  };
}

export async function getWatchStatus(profileId: string): Promise<WatchStatus | null> {
  const value = await kvs.get<WatchStatus>(`${STATE_PREFIX}${profileId}`);
  return value?.v === 1 && value.profileId === profileId ? value : null;
}

export async function putWatchStatus(status: WatchStatus): Promise<void> {
  await kvs.set(`${STATE_PREFIX}${status.profileId}`, status, TTL);
}

/** Stores a run and keeps the profile's newest MAX_WATCH_RUNS. False when it is too large. */
export async function saveWatchRun(run: WatchRun, syncUser: string): Promise<boolean> {
  const { ranAs, ...rest } = run;
  const [head = '', ...more] = splitChunks(asciiJson(rest));
  if (1 + more.length > MAX_CHUNKS) return false;
  for (const [i, text] of more.entries()) await kvs.set(chunkKey(run.id, i + 1), text, TTL);
  const record: RunRecord = {
    v: 1,
    id: run.id,
    profileId: run.profileId,
    ranAt: run.ranAt,
    ranAs,
    accounts: [...new Set([ranAs, syncUser])].filter(
      (id): id is string => typeof id === 'string' && isAccountId(id),
    ),
    chunks: 1 + more.length,
    text: head,
  };
  await kvs.set(runKey(run.profileId, run.ranAt, run.id), record, TTL);
  const all = await listRunRecords(run.profileId);
  for (const old of all.slice(MAX_WATCH_RUNS)) await removeRecord(old);
  return true;
}

/** A profile's runs, newest first (at most `limit`). */
export async function listWatchRuns(
  profileId: string,
  limit = MAX_WATCH_RUNS,
): Promise<WatchRun[]> {
  const records = (await listRunRecords(profileId)).slice(0, limit);
  const runs: WatchRun[] = [];
  for (const { record } of records) {
    const run = await readRun(record);
    if (run) runs.push(run);
  }
  return runs;
}

/** Deletes a profile's runs and state (the profile was removed or erased). */
export async function deleteWatchData(profileId: string): Promise<void> {
  for (const item of await listRunRecords(profileId)) await removeRecord(item);
  await kvs.delete(`${STATE_PREFIX}${profileId}`).catch(() => undefined);
}

/** Every run record (for the privacy sweep): its key, account IDs and who it ran as. */
export async function watchRunAccounts(): Promise<
  Array<{ key: string; profileId: string; ranAt: string; ranAs: string | null; accounts: string[] }>
> {
  return (await scan(RUN_PREFIX)).map(({ key, record }) => ({
    key,
    profileId: record.profileId,
    ranAt: record.ranAt,
    ranAs: record.ranAs,
    accounts: record.accounts,
  }));
}

/** Removes a closed administrator's account ID from a run (the sweep), keeping its retention. */
export async function forgetRanAs(key: string, accountId: string): Promise<void> {
  const record = await kvs.get<RunRecord>(key);
  if (record?.v !== 1 || record.ranAs !== accountId) return;
  const end = Date.parse(record.ranAt) + WATCH_RUN_RETENTION_DAYS * 86_400_000;
  const seconds = Math.floor((end - Date.now()) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  await kvs.set(
    key,
    { ...record, ranAs: null, accounts: record.accounts.filter((id) => id !== accountId) },
    { ttl: { value: seconds, unit: 'SECONDS' } },
  );
}

export async function saveSite(site: { siteUrl: string; cloudId: string | null }): Promise<void> {
  const known = await kvs.get<{ siteUrl?: unknown; cloudId?: unknown }>(SITE_KEY);
  if (known?.siteUrl === site.siteUrl && known.cloudId === site.cloudId) return;
  await kvs.set(SITE_KEY, site);
}

export async function loadSite(): Promise<{ siteUrl: string; cloudId: string | null } | null> {
  const value = await kvs.get<{ siteUrl?: unknown; cloudId?: unknown }>(SITE_KEY);
  return typeof value?.siteUrl === 'string'
    ? { siteUrl: value.siteUrl, cloudId: typeof value.cloudId === 'string' ? value.cloudId : null }
    : null;
}

export async function saveSchedule(at: string): Promise<void> {
  await kvs.set(SCHEDULE_KEY, { lastTriggerAt: at }, TTL);
}

/** When the next daily run is expected: a day after the last; null before the first. */
export async function nextRunAt(): Promise<string | null> {
  const value = await kvs.get<{ lastTriggerAt?: unknown }>(SCHEDULE_KEY);
  const last = typeof value?.lastTriggerAt === 'string' ? Date.parse(value.lastTriggerAt) : NaN;
  return Number.isFinite(last) ? new Date(last + 86_400_000).toISOString() : null;
}

export type { NeedsAdminReason };

interface RecordItem {
  key: string;
  record: RunRecord;
}

async function listRunRecords(profileId: string): Promise<RecordItem[]> {
  // Keys end in `<inverted time>:<id>`: ascending key order is newest first.
  return (await scan(`${RUN_PREFIX}${profileId}:`)).sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function scan(prefix: string): Promise<RecordItem[]> {
  const out: RecordItem[] = [];
  let cursor: string | undefined;
  // A backstop only: 50 profiles × 30 runs is 75 pages.
  for (let page = 0; page < 500; page++) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany<unknown>();
    for (const r of results) if (isRecord(r.value)) out.push({ key: r.key, record: r.value });
    if (!nextCursor || results.length === 0) break;
    cursor = nextCursor;
  }
  return out;
}

async function readRun(record: RunRecord): Promise<WatchRun | null> {
  const rest = Array.from(
    { length: Math.max(0, Math.min(record.chunks, MAX_CHUNKS) - 1) },
    (_, i) => chunkKey(record.id, i + 1),
  );
  const run = await readChunkedJson<Omit<WatchRun, 'ranAs'>>(record.text, rest);
  return run && { ...run, ranAs: record.ranAs };
}

async function removeRecord({ key, record }: RecordItem): Promise<void> {
  await kvs.delete(key).catch(() => undefined);
  for (let i = 1; i < Math.min(record.chunks, MAX_CHUNKS); i++) {
    await kvs.delete(chunkKey(record.id, i)).catch(() => undefined);
  }
}

function runKey(profileId: string, ranAt: string, id: string): string {
  const inverted = String(9_999_999_999_999 - Date.parse(ranAt)).padStart(13, '0');
  return `${RUN_PREFIX}${profileId}:${inverted}:${id}`;
}

function chunkKey(id: string, index: number): string {
  return `${CHUNK_PREFIX}${id}:${index}`;
}

function isRecord(value: unknown): value is RunRecord {
  const v = value as Partial<RunRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.v === 1 &&
    typeof v.id === 'string' &&
    typeof v.profileId === 'string' &&
    typeof v.ranAt === 'string' &&
    typeof v.text === 'string' &&
    typeof v.chunks === 'number' &&
    Array.isArray(v.accounts)
  );
}
