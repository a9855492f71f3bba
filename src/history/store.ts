import { randomUUID } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import type { HistoryEntry, Surface } from './types';

/** Runs kept per installation. */
export const MAX_RUNS = 50;
/** Above this size (bytes of JSON) an entry loses its per-request evidence. */
export const ENTRY_BUDGET_BYTES = 200_000;
/** Forge KVS values are limited to about 240 KiB: entries are stored in chunks below that. */
const CHUNK_CHARS = 150_000;
/** An entry larger than this even without evidence is not kept (the run itself still succeeds). */
const MAX_CHUNKS = 8;
/** KVS queries return at most 20 results per page. */
const PAGE = 20;
const MAX_PAGES = 20;

const INDEX_PREFIX = 'run:';
const CHUNK_PREFIX = 'chunk:';

/** Small, queryable record per run; the entry itself lives in chunks. */
interface IndexRecord {
  id: string;
  ranAt: string;
  surface: Surface;
  projectKey: string | null;
  chunks: number;
}

interface IndexItem {
  key: string;
  record: IndexRecord;
}

export interface HistoryFilter {
  surface: Surface;
  /** For the project surface: only runs made from that project's settings page. */
  projectKey: string | null;
}

let lastSortMs = 0;

/**
 * New id + timestamp for a run. Keys sort newest first (inverted milliseconds); within one
 * process the sort time is strictly increasing, so runs in the same millisecond keep their order.
 */
export function newRunId(now: number = Date.now()): { id: string; ranAt: string; sortKey: string } {
  const sortMs = Math.max(now, lastSortMs + 1);
  lastSortMs = sortMs;
  const inverted = String(9_999_999_999_999 - sortMs).padStart(13, '0');
  const id = randomUUID();
  return { id, ranAt: new Date(now).toISOString(), sortKey: `${INDEX_PREFIX}${inverted}:${id}` };
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
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Stores a run and trims the history to the newest MAX_RUNS. Chunks are written before the index
 * record, so a reader never finds an index record without its entry.
 * Returns false (and stores nothing) when the entry is too large even without evidence.
 */
export async function saveRun(sortKey: string, entry: HistoryEntry): Promise<boolean> {
  const fitted = fitEntry(entry);
  const text = asciiJson(fitted);
  const chunks = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
  if (chunks > MAX_CHUNKS) return false;
  for (let i = 0; i < chunks; i++) {
    await kvs.set(chunkKey(fitted.id, i), text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS));
  }
  const record: IndexRecord = {
    id: fitted.id,
    ranAt: fitted.ranAt,
    surface: fitted.surface,
    projectKey: fitted.projectKey,
    chunks,
  };
  await kvs.set(sortKey, record);
  await trim();
  return true;
}

/** Newest first, filtered to what the surface may see. */
export async function listRuns(
  filter: HistoryFilter,
  limit: number = MAX_RUNS,
): Promise<HistoryEntry[]> {
  const visible = (await listIndex())
    .filter((item) => isVisible(item.record, filter))
    .slice(0, limit);
  const entries = await mapLimit(visible, 5, async ({ record }) => readEntry(record));
  return entries.filter((e): e is HistoryEntry => e !== null);
}

/** Deletes the runs the surface may see: all on the admin page, that project's on a project page. */
export async function clearRuns(filter: HistoryFilter): Promise<number> {
  const doomed = (await listIndex()).filter((item) =>
    filter.surface === 'admin' ? true : isVisible(item.record, filter),
  );
  await mapLimit(doomed, 5, removeRun);
  return doomed.length;
}

function isVisible(record: IndexRecord, filter: HistoryFilter): boolean {
  if (filter.surface === 'admin') return true;
  return record.surface === 'project' && record.projectKey === filter.projectKey;
}

async function trim(): Promise<void> {
  const all = await listIndex();
  await mapLimit(all.slice(MAX_RUNS), 5, removeRun);
}

async function removeRun(item: IndexItem): Promise<void> {
  await kvs.delete(item.key);
  const chunks = Number.isInteger(item.record.chunks) ? item.record.chunks : 0;
  for (let i = 0; i < Math.min(chunks, MAX_CHUNKS); i++) {
    await kvs.delete(chunkKey(item.record.id, i));
  }
}

async function listIndex(): Promise<IndexItem[]> {
  const items: IndexItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(INDEX_PREFIX)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany<IndexRecord>();
    for (const r of results) {
      if (isIndexRecord(r.value)) items.push({ key: r.key, record: r.value });
    }
    if (!nextCursor || results.length === 0) break;
    cursor = nextCursor;
  }
  // Keys embed inverted time: ascending key order is newest first, whatever order KVS returns.
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function readEntry(record: IndexRecord): Promise<HistoryEntry | null> {
  const parts: string[] = [];
  for (let i = 0; i < record.chunks; i++) {
    const part = await kvs.get<string>(chunkKey(record.id, i));
    if (typeof part !== 'string') return null;
    parts.push(part);
  }
  try {
    return JSON.parse(parts.join('')) as HistoryEntry;
  } catch {
    return null;
  }
}

function chunkKey(id: string, index: number): string {
  return `${CHUNK_PREFIX}${id}:${index}`;
}

function isIndexRecord(value: unknown): value is IndexRecord {
  const v = value as Partial<IndexRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    /^[0-9a-f-]{36}$/.test(v.id) &&
    (v.surface === 'admin' || v.surface === 'project') &&
    typeof v.chunks === 'number'
  );
}

/** JSON with every non-ASCII character escaped, so string length equals stored bytes. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function mapLimit<T, R>(
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
