import { kvs } from '@forge/kvs';
import { ResolverError } from './envelope';

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
  const base = `quota:${quota.name}:${accountId}:${window}`;
  const ttl = { ttl: { value: quota.windowMinutes * 2, unit: 'MINUTES' as const } };
  try {
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
