import { kvs } from '@forge/kvs';
import { ResolverError } from './envelope';
import { keyedDigest } from './login-guard';

/**
 * Per-person quotas on what costs the installation's store the most (docs/SECURITY.md "Store
 * quota"). Each use takes one numbered slot of the person's current window with a write that
 * fails when the slot exists (`keyPolicy: 'FAIL_IF_EXISTS'`), so parallel calls cannot take more
 * than the quota; a hint of the next free slot keeps the usual cost at one read and two writes.
 * The slots expire with their window (KVS TTL). When the store cannot answer, the use is refused
 * ("try again in a minute"): a quota that cannot be counted is not granted.
 */
export interface Quota {
  /** Key part naming what is counted, e.g. `import`. */
  name: string;
  /** Uses per window and person. */
  limit: number;
  windowMinutes: number;
  /** What the refusal says was used up, e.g. "reports imported". */
  what: string;
}

/** Imports per person per hour: a person checking by hand needs a few; the store is spared. */
export const IMPORT_QUOTA: Quota = {
  name: 'import',
  limit: 10,
  windowMinutes: 60,
  what: 'reports imported',
};

export async function spend(
  quota: Quota,
  accountId: string,
  now: number = Date.now(),
): Promise<void> {
  const windowMs = quota.windowMinutes * 60_000;
  const window = Math.floor(now / windowMs);
  const ttl = { ttl: { value: quota.windowMinutes * 2, unit: 'MINUTES' as const } };
  try {
    const base = `quota:${quota.name}:${await whose(accountId)}:${window}`;
    const hint = await kvs.get<{ next?: unknown }>(`${base}:next`);
    let slot = typeof hint?.next === 'number' && Number.isInteger(hint.next) ? hint.next : 0;
    for (; slot < quota.limit; slot++) {
      if (await claim(`${base}:${slot}`, ttl)) {
        await kvs.set(`${base}:next`, { next: slot + 1 }, ttl);
        return;
      }
    }
  } catch {
    throw new ResolverError(
      'INTERNAL',
      "The app's store did not answer (it may be busy). Try again in a minute.",
    );
  }
  const reopens = new Date((window + 1) * windowMs).toISOString().slice(11, 16);
  throw new ResolverError(
    'INVALID_INPUT',
    `${quota.limit} ${quota.what} within ${quota.windowMinutes} minutes is the most one person may; try again after ${reopens} UTC.`,
  );
}

/** Takes a slot; false when it is taken. Throws when the store fails. */
async function claim(
  key: string,
  ttl: { ttl: { value: number; unit: 'MINUTES' } },
): Promise<boolean> {
  try {
    await kvs.set(key, 1, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl });
    return true;
  } catch (error) {
    if ((await kvs.get<unknown>(key)) !== undefined) return false;
    throw error;
  }
}

/**
 * Store read units one person's History reads may use per minute: a quarter of the installation's
 * 4,000 (developer.atlassian.com/platform/forge/limits-kvs-ce: reads counted per 10 KB, rounded
 * up). A `getHistory` answer is cut to what is left of it (it says `truncated`), so one person
 * pressing reload cannot spend the installation's reads; when nothing is left, it says to try
 * again in a minute. The count is read and written once per call (not atomic: parallel calls of
 * one person may overspend by what one call reads, at most the 4 MB answer budget).
 */
export const HISTORY_READ_UNITS_PER_MINUTE = 1_000;
/** One KVS read unit covers 10 KB. */
export const READ_UNIT_BYTES = 10 * 1024;

export interface ReadBudget {
  /** Bytes this call may still read. */
  bytes: number;
  /** Records what the call read. Never throws: the answer is already made. */
  spend(bytes: number): Promise<void>;
}

export async function historyReadBudget(
  accountId: string,
  now: number = Date.now(),
): Promise<ReadBudget> {
  let key: string;
  let used: number;
  try {
    key = `quota:reads:${await whose(accountId)}:${Math.floor(now / 60_000)}`;
    const value = await kvs.get<{ units?: unknown }>(key);
    used = typeof value?.units === 'number' && value.units >= 0 ? value.units : 0;
  } catch {
    throw new ResolverError(
      'INTERNAL',
      "The app's store did not answer (it may be busy). Try again in a minute.",
    );
  }
  const remaining = HISTORY_READ_UNITS_PER_MINUTE - used;
  if (remaining <= 0) {
    throw new ResolverError(
      'INVALID_INPUT',
      'You have read much of the history in the last minute; to spare the app’s store, try again in a minute.',
    );
  }
  return {
    bytes: remaining * READ_UNIT_BYTES,
    spend: async (bytes) => {
      const units = used + Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
      await kvs.set(key, { units }, { ttl: { value: 2, unit: 'MINUTES' } }).catch(() => undefined);
    },
  };
}

/** Quota keys name people by a keyed digest of their account ID, never the ID itself. */
function whose(accountId: string): Promise<string> {
  return keyedDigest('quota', accountId);
}
