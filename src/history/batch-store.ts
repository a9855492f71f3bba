import { kvs } from '@forge/kvs';
import type { Report } from '../engine/model/report';
import type { SchemeMemory } from '../engine/model/scheme-memory';
import { readChunkedJson, splitChunks } from './chunks';
import { asciiJson } from './store';
import type { RunAuthority, RunSelection } from '../contract/history';

/**
 * The state of a run checked in batches (#14), in the Forge key-value store: the plan (which
 * projects, for whom, in which batches) written when the run starts, and each batch's report as
 * it arrives. The batches' reports are merged into the run's one history entry after every batch
 * (resolvers/batch-run.ts), so this state is only needed while the run goes on: it expires after
 * RUN_STATE_HOURS and is deleted when the run finishes or is cancelled.
 */
export const RUN_STATE_HOURS = 6;
const TTL = { ttl: { value: RUN_STATE_HOURS, unit: 'HOURS' as const } };
/** A batch's report without evidence is ~3.4 KB a project at worst (measured): 100 fit in 3. */
const MAX_PART_CHUNKS = 6;

const PLAN_PREFIX = 'batchrun:';
/** Each administrator's active run (one at a time: a new run cancels the old). */
const ACTIVE_PREFIX = 'batchactive:';
const PART_PREFIX = 'batchpart:';
/** What the run's batches learnt about shared screens (#26): one value, see saveSchemeMemory. */
const MEMORY_PREFIX = 'batchschemes:';
/**
 * The memory's size limit: one value of at most 100,000 characters (10 write units a batch; the
 * demo world's 1000-project run keeps 2 classes in about 3 KB). Beyond it the memory is not
 * updated, and later batches read those screens again: correct, only dearer.
 */
const MAX_MEMORY_CHARS = 100_000;

export interface RunPlan {
  v: 1;
  id: string;
  /** Who started it: only they may run its batches. */
  ranBy: string;
  authority: RunAuthority;
  createdAt: string;
  /** The history entry's sort key and id, fixed for the run so every batch rewrites one entry. */
  sortKey: string;
  entryId: string;
  userAccountId: string;
  /** Resolved permission keys (the preset's and any given). */
  permissions: string[];
  explain: 'missing' | 'all' | null;
  /** The synchronizer's preset, fields and issue types as given (null: not given). */
  preset: string | null;
  fields: string[] | null;
  issueTypes: string[] | null;
  /** Every project of the run, in order; batch i is keys[i*batchSize … (i+1)*batchSize). */
  keys: string[];
  batchSize: number;
  /** How the projects were chosen, for the history and the panel. */
  source: RunSource;
  /**
   * The credentials of the run's first batch, as a keyed digest (HMAC with the installation's
   * guard key, never the token): every later batch must send the same. Null: no token (admin
   * view only). Absent until the first batch starts.
   */
  credentials?: string | null;
  /** The highest batch recorded so far: batches run in order, none twice. */
  lastBatch?: number;
  /** Set when Jira refused the credentials: no further batch is run. */
  stopped?: true;
  cancelled?: true;
  finished?: true;
}

export type RunSource = RunSelection;

export function batchCount(plan: Pick<RunPlan, 'keys' | 'batchSize'>): number {
  return Math.ceil(plan.keys.length / plan.batchSize);
}

export function batchKeys(plan: Pick<RunPlan, 'keys' | 'batchSize'>, index: number): string[] {
  return plan.keys.slice(index * plan.batchSize, (index + 1) * plan.batchSize);
}

export async function savePlan(plan: RunPlan): Promise<void> {
  await kvs.set(`${PLAN_PREFIX}${plan.id}`, plan, TTL);
}

/** The run an administrator has going, if any (its plan may be over already). */
export async function loadActiveRun(accountId: string): Promise<string | null> {
  const value = await kvs.get<{ id?: unknown }>(`${ACTIVE_PREFIX}${accountId}`);
  return typeof value?.id === 'string' ? value.id : null;
}

export async function saveActiveRun(accountId: string, id: string): Promise<void> {
  await kvs.set(`${ACTIVE_PREFIX}${accountId}`, { id }, TTL);
}

/** Deletes a plan (the permission watch's, once its run is stored: a late event finds nothing). */
export async function deletePlan(id: string): Promise<void> {
  await kvs.delete(`${PLAN_PREFIX}${id}`);
}

/** The plan, or null when it does not exist, expired, or is not in the current format. */
export async function loadPlan(id: string): Promise<RunPlan | null> {
  const value = await kvs.get<Partial<RunPlan>>(`${PLAN_PREFIX}${id}`);
  if (
    value?.v !== 1 ||
    typeof value.id !== 'string' ||
    !Array.isArray(value.keys) ||
    typeof value.batchSize !== 'number'
  )
    return null;
  return value as RunPlan;
}

/** A batch's report (personal data already removed). Returns false when it is too large to keep. */
export async function savePart(plan: RunPlan, index: number, report: Report): Promise<boolean> {
  const [head = '', ...rest] = splitChunks(asciiJson(report));
  const chunks = 1 + rest.length;
  if (chunks > MAX_PART_CHUNKS) return false;
  for (const [i, text] of rest.entries()) await kvs.set(partKey(plan.id, index, i + 1), text, TTL);
  // The head (chunk 0) goes last and says how many chunks there are: a reader never sees half.
  await kvs.set(partKey(plan.id, index, 0), { chunks, text: head }, TTL);
  return true;
}

/** Every batch's report, by index; null where the batch has not been stored. */
export async function loadParts(plan: RunPlan): Promise<Array<Report | null>> {
  const count = batchCount(plan);
  return Promise.all(Array.from({ length: count }, (_, i) => loadPart(plan.id, i)));
}

export async function loadPart(id: string, index: number): Promise<Report | null> {
  const head = await kvs.get<{ chunks?: unknown; text?: unknown }>(partKey(id, index, 0));
  if (typeof head?.text !== 'string' || typeof head.chunks !== 'number') return null;
  const count = Math.min(head.chunks, MAX_PART_CHUNKS);
  const rest = Array.from({ length: Math.max(0, count - 1) }, (_, i) => partKey(id, index, i + 1));
  return readChunkedJson<Report>(head.text, rest);
}

/** The screens of shared schemes earlier batches read; empty when none (or not readable). */
export async function loadSchemeMemory(id: string): Promise<SchemeMemory> {
  const value = await kvs.get<{ v?: unknown; reads?: unknown }>(`${MEMORY_PREFIX}${id}`);
  if (value?.v !== 1 || typeof value.reads !== 'object' || value.reads === null)
    return { v: 1, reads: {} };
  return { v: 1, reads: { ...(value.reads as SchemeMemory['reads']) } };
}

/** Keeps the memory for the next batch. Returns false when it is too large to keep. */
export async function saveSchemeMemory(plan: RunPlan, memory: SchemeMemory): Promise<boolean> {
  if (asciiJson(memory).length > MAX_MEMORY_CHARS) return false;
  await kvs.set(`${MEMORY_PREFIX}${plan.id}`, memory, TTL);
  return true;
}

/**
 * Deletes the batches' reports and the run's scheme memory (the plan stays until it expires, so
 * late batches are refused).
 */
export async function deleteParts(plan: RunPlan): Promise<void> {
  for (let index = 0; index < batchCount(plan); index++) {
    const head = await kvs.get<{ chunks?: unknown }>(partKey(plan.id, index, 0));
    const chunks = typeof head?.chunks === 'number' ? Math.min(head.chunks, MAX_PART_CHUNKS) : 1;
    for (let i = 0; i < chunks; i++) await kvs.delete(partKey(plan.id, index, i));
  }
  await kvs.delete(`${MEMORY_PREFIX}${plan.id}`);
}

function partKey(id: string, index: number, chunk: number): string {
  return `${PART_PREFIX}${id}:${index}:${chunk}`;
}
