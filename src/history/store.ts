import { CHUNK_CHARS, readChunkedJson, splitChunks } from './chunks';
import { kvs, WhereConditions } from '@forge/kvs';
import { accountIdsOf } from './privacy';
import type { HistoryEntry, RunAuthority, Surface } from '../contract/history';

/**
 * How long a run is kept. Every key of a run is written with this KVS TTL, so Forge deletes it
 * without any job of ours (`@forge/kvs` `set(key, value, { ttl })`). Whether the platform caps a
 * TTL is not documented as far as we know: 90 days is well inside any cap we would expect.
 */
export const RETENTION_DAYS = 90;
/**
 * Runs kept per person, per page: each administrator keeps their newest 50 runs on the admin page
 * and on each project's page, so nobody's runs can push out someone else's.
 */
export const MAX_RUNS = 50;
/** Above this size (bytes of JSON) an entry loses its per-request evidence. */
export const ENTRY_BUDGET_BYTES = 200_000;
/**
 * An entry larger than this even without evidence is not kept (the run itself still succeeds).
 * A run of 1000 projects (#14) where every project has problems is ~3.5 MB without evidence
 * (measured: ~3.4 KB a project); 26 chunks (3.9 MB) keep it and stay under what one `getHistory`
 * answer may carry.
 */
const MAX_CHUNKS = 26;
/** KVS queries return at most 20 results per page. */
const PAGE = 20;
/**
 * A backstop only (100,000 index records): listings page through every record until the index
 * ends or the caller's time is up (`stop`), so the privacy sweep and "clear every run" never stop
 * at an arbitrary count. This bound only guards against a store that never ends a listing.
 */
const MAX_SCAN_PAGES = 5_000;

/** Whether the caller's time is up: a listing stops before its next page and says it is incomplete. */
export type Stop = () => boolean;
const NEVER: Stop = () => false;

const INDEX_PREFIX = 'run:';
const CHUNK_PREFIX = 'chunk:';
const TTL = { ttl: { value: RETENTION_DAYS, unit: 'DAYS' as const } };

/** Small, queryable record per run; the entry itself lives in chunks. */
interface IndexRecord {
  v: 2;
  id: string;
  ranAt: string;
  surface: Surface;
  projectId: string | null;
  ranBy: string | null;
  authority: RunAuthority;
  chunks: number;
  /** Every account ID the entry names (for the privacy sweep), each a valid account ID. */
  accounts: string[];
  /**
   * Bytes of the entry as `getHistory` returns it (UTF-8 JSON), and without its evidence: a
   * listing picks the entries its answer budget can carry before reading any chunk. Absent in
   * records written before these existed (then estimated from the chunk count).
   */
  bytes?: number;
  leanBytes?: number;
}

export interface IndexItem {
  key: string;
  record: IndexRecord;
}

/** Whose runs: all of them (admin page) or one project's page, by project ID. */
export type HistoryScope = { kind: 'all' } | { kind: 'project'; projectId: string };

let lastSortMs = 0;

/**
 * New id + timestamp for a run. The sort key is inverted milliseconds (newest first); within one
 * process it is strictly increasing, so runs in the same millisecond keep their order.
 */
export function newRunId(now: number = Date.now()): { id: string; ranAt: string; sortKey: string } {
  const sortMs = Math.max(now, lastSortMs + 1);
  lastSortMs = sortMs;
  const inverted = String(9_999_999_999_999 - sortMs).padStart(13, '0');
  return { id: crypto.randomUUID(), ranAt: new Date(now).toISOString(), sortKey: inverted };
}

/** Shrinks an entry to the budget: drops `checks[].requests` when it is too large. */
export function fitEntry(entry: HistoryEntry): HistoryEntry {
  if (byteLength(entry) <= ENTRY_BUDGET_BYTES) return entry;
  return withoutEvidence(entry);
}

export function withoutEvidence(entry: HistoryEntry): HistoryEntry {
  return {
    ...entry,
    report: { ...entry.report, checks: entry.report.checks.map((c) => ({ ...c, requests: [] })) },
    evidenceDropped: true,
  };
}

export function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

function scopeOf(entry: Pick<HistoryEntry, 'surface' | 'projectId'>): string {
  return entry.surface === 'project' && entry.projectId !== null ? `p${entry.projectId}` : 'admin';
}

function prefixOf(scope: HistoryScope): string {
  return scope.kind === 'all' ? INDEX_PREFIX : `${INDEX_PREFIX}p${scope.projectId}:`;
}

/**
 * Stores a run (with the retention TTL) and trims its page to the newest MAX_RUNS of the person
 * who ran it. Chunks are written before the index record, so a reader never finds an index record
 * without its entry. Returns false (and stores nothing) when the entry is too large even without
 * evidence.
 */
export async function saveRun(sortKey: string, entry: HistoryEntry): Promise<boolean> {
  const fitted = fitEntry(entry);
  const texts = storedChunks(fitted);
  if (!texts) return false;
  const chunks = texts.length;
  for (const [i, text] of texts.entries()) await kvs.set(chunkKey(fitted.id, i), text, TTL);
  const record: IndexRecord = {
    v: 2,
    id: fitted.id,
    ranAt: fitted.ranAt,
    surface: fitted.surface,
    projectId: fitted.projectId,
    ranBy: fitted.ranBy,
    authority: fitted.authority,
    chunks,
    accounts: accountIdsOf(fitted),
    ...entrySizes(fitted),
  };
  const scope = scopeOf(fitted);
  await kvs.set(`${INDEX_PREFIX}${scope}:${sortKey}:${fitted.id}`, record, TTL);
  await trim(scope, fitted.ranBy);
  return true;
}

/** What a listing may read: at most `limit` runs, and only as many bytes as its answer may carry. */
export interface ListLimits {
  limit?: number;
  /** The answer's byte budget: runs are chosen from their index records before any is read. */
  budgetBytes?: number;
  stop?: Stop;
}

/**
 * Newest first. With a byte budget, the runs are chosen from their index records (their sizes)
 * before any chunk is read, so a listing never reads an entry it could not return; `truncated`
 * says runs were left out.
 */
export async function listRuns(
  scope: HistoryScope,
  limits: ListLimits = {},
): Promise<{ entries: HistoryEntry[]; truncated: boolean }> {
  const { limit = MAX_RUNS, budgetBytes = Number.POSITIVE_INFINITY, stop = NEVER } = limits;
  const index = await readIndex(prefixOf(scope), stop);
  const chosen: IndexItem[] = [];
  let used = 0;
  let truncated = !index.complete;
  for (const item of index.items.slice(0, limit)) {
    const { full, lean } = sizesOf(item.record);
    const size = used + full <= budgetBytes ? full : lean;
    if (used + size > budgetBytes) {
      truncated = true;
      break;
    }
    chosen.push(item);
    used += size;
  }
  const entries = await mapLimit(chosen, 5, async ({ record }) => readEntry(record));
  return { entries: entries.filter((e): e is HistoryEntry => e !== null), truncated };
}

/** The entry's size as returned, and without evidence; estimated for records that predate them. */
function sizesOf(record: IndexRecord): { full: number; lean: number } {
  const estimate = Math.max(1, record.chunks) * CHUNK_CHARS;
  const full = typeof record.bytes === 'number' ? record.bytes : estimate;
  const lean = typeof record.leanBytes === 'number' ? record.leanBytes : full;
  return { full, lean: Math.min(full, lean) };
}

function entrySizes(entry: HistoryEntry): { bytes: number; leanBytes: number } {
  const bytes = byteLength(entry);
  return { bytes, leanBytes: entry.evidenceDropped ? bytes : byteLength(withoutEvidence(entry)) };
}

/**
 * Deletes the scope's runs; only `ranBy`'s when given. Pages through every index record (no
 * count cap) until `stop` says the time is up: `complete` is false when runs may be left.
 */
export async function clearRuns(
  scope: HistoryScope,
  ranBy?: string,
  stop: Stop = NEVER,
): Promise<{ cleared: number; complete: boolean }> {
  const index = await readIndex(prefixOf(scope), stop);
  const doomed = index.items.filter((item) => ranBy === undefined || item.record.ranBy === ranBy);
  let cleared = 0;
  await mapLimit(doomed, 5, async (item) => {
    if (stop()) return;
    await removeRun(item);
    cleared += 1;
  });
  return { cleared, complete: index.complete && cleared === doomed.length };
}

async function trim(scope: string, ranBy: string | null): Promise<void> {
  const mine = (await listIndex(`${INDEX_PREFIX}${scope}:`)).filter(
    (item) => item.record.ranBy === ranBy,
  );
  await mapLimit(mine.slice(MAX_RUNS), 5, removeRun);
}

export async function removeRun(item: IndexItem): Promise<void> {
  await kvs.delete(item.key);
  const chunks = Number.isInteger(item.record.chunks) ? item.record.chunks : 0;
  for (let i = 0; i < Math.min(chunks, MAX_CHUNKS); i++) {
    await kvs.delete(chunkKey(item.record.id, i)).catch(() => undefined);
  }
}

/** Rewrites a stored run in place (same keys, fresh TTL from now is NOT wanted: keeps ranAt's). */
export async function rewriteRun(item: IndexItem, entry: HistoryEntry): Promise<void> {
  const texts = storedChunks(entry);
  if (!texts) {
    await removeRun(item);
    return;
  }
  const chunks = texts.length;
  const ttl = remainingTtl(entry.ranAt);
  if (ttl === null) {
    await removeRun(item);
    return;
  }
  for (const [i, text] of texts.entries()) await kvs.set(chunkKey(entry.id, i), text, ttl);
  for (let i = chunks; i < Math.min(item.record.chunks, MAX_CHUNKS); i++) {
    await kvs.delete(chunkKey(entry.id, i)).catch(() => undefined);
  }
  await kvs.set(
    item.key,
    {
      ...item.record,
      ranBy: entry.ranBy,
      chunks,
      accounts: accountIdsOf(entry),
      ...entrySizes(entry),
    },
    ttl,
  );
}

/** What is left of a run's retention, in whole seconds; null when it is over. */
function remainingTtl(ranAt: string): { ttl: { value: number; unit: 'SECONDS' } } | null {
  const end = Date.parse(ranAt) + RETENTION_DAYS * 86_400_000;
  const seconds = Math.floor((end - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0
    ? { ttl: { value: seconds, unit: 'SECONDS' } }
    : null;
}

/** Every index record under `prefix`, newest first. Records of an older format are left out. */
export async function listIndex(prefix: string = INDEX_PREFIX): Promise<IndexItem[]> {
  return (await readIndex(prefix)).items;
}

/** A key under the index prefix whose value is not a current index record (an older format). */
export interface LegacyItem {
  key: string;
  value: unknown;
}

/**
 * One scan of the index under `prefix`, page after page to its end: the current records, newest
 * first, and the keys of an older format with their values (for the privacy sweep, which erases
 * those). `complete` is false when `stop` ended the scan early.
 */
export async function readIndex(
  prefix: string = INDEX_PREFIX,
  stop: Stop = NEVER,
): Promise<{ items: IndexItem[]; legacy: LegacyItem[]; complete: boolean }> {
  const items: IndexItem[] = [];
  const legacy: LegacyItem[] = [];
  const complete = await scan(prefix, stop, ({ key, value }) => {
    if (isIndexRecord(value)) items.push({ key, record: value });
    else legacy.push({ key, value });
  });
  // Keys end in `<inverted time>:<id>`: ascending order of that part is newest first.
  const sortPart = (key: string) => key.split(':').slice(-2).join(':');
  items.sort((a, b) => {
    const x = sortPart(a.key);
    const y = sortPart(b.key);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { items, legacy, complete };
}

/** Deletes a run stored in an older format (no TTL) and the chunks its record names. */
export async function removeLegacyRun({ key, value }: LegacyItem): Promise<void> {
  await kvs.delete(key);
  const { id, chunks } = (value ?? {}) as { id?: unknown; chunks?: unknown };
  const count = typeof chunks === 'number' ? Math.min(chunks, MAX_CHUNKS) : 0;
  if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
    for (let i = 0; i < count; i++) await kvs.delete(chunkKey(id, i)).catch(() => undefined);
  }
}

/** Every key under `prefix`, page by page; false when `stop` ended it before the last page. */
async function scan(
  prefix: string,
  stop: Stop,
  visit: (row: { key: string; value: unknown }) => void,
): Promise<boolean> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_SCAN_PAGES; page++) {
    if (stop()) return false;
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany<unknown>();
    for (const r of results) visit({ key: r.key, value: r.value });
    if (!nextCursor || results.length === 0) return true;
    cursor = nextCursor;
  }
  return false;
}

export async function readEntry(record: IndexRecord): Promise<HistoryEntry | null> {
  const keys = Array.from({ length: record.chunks }, (_, i) => chunkKey(record.id, i));
  const entry = await readChunkedJson<HistoryEntry>('', keys);
  return entry && withRemedies(entry);
}

/**
 * The entry's text in chunks, or null when it does not fit in MAX_CHUNKS. A run with thousands of
 * findings (#14: 1000 projects) fits when each finding's remedy, which is its steps joined
 * (makeFinding), is left out; reading puts it back.
 */
function storedChunks(entry: HistoryEntry): string[] | null {
  const whole = splitChunks(asciiJson(entry));
  if (whole.length <= MAX_CHUNKS) return whole;
  const findings = entry.report.findings.map((finding) => {
    if (!Array.isArray(finding.steps) || finding.remedy !== finding.steps.join(' ')) return finding;
    const { remedy: _derived, ...rest } = finding;
    return rest;
  });
  const compact = splitChunks(asciiJson({ ...entry, report: { ...entry.report, findings } }));
  return compact.length <= MAX_CHUNKS ? compact : null;
}

function withRemedies(entry: HistoryEntry): HistoryEntry {
  const findings = entry.report.findings.map((finding) =>
    typeof finding.remedy === 'string' ? finding : { ...finding, remedy: finding.steps.join(' ') },
  );
  return { ...entry, report: { ...entry.report, findings } };
}

function chunkKey(id: string, index: number): string {
  return `${CHUNK_PREFIX}${id}:${index}`;
}

function isIndexRecord(value: unknown): value is IndexRecord {
  const v = value as Partial<IndexRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.v === 2 &&
    typeof v.id === 'string' &&
    /^[0-9a-f-]{36}$/.test(v.id) &&
    (v.surface === 'admin' || v.surface === 'project') &&
    (v.authority === 'jira-admin' || v.authority === 'project-admin') &&
    typeof v.chunks === 'number' &&
    Array.isArray(v.accounts)
  );
}

/** JSON with every non-ASCII character escaped, so string length equals stored bytes. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
