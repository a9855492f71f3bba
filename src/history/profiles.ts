import { kvs, WhereConditions } from '@forge/kvs';
import { isAccountId } from '../contract/account-id';
import { PROFILE_RETENTION_DAYS, type SyncProfile } from '../contract/watch';

/**
 * The permission watch's sync profiles (#27) in the Forge key-value store, one key each. Like the
 * history: people by account ID only, a TTL on every key, and the privacy sweep reports the
 * account IDs and erases what belongs to closed accounts (src/privacy/sweep.ts).
 */
const PREFIX = 'watch:profile:';
/** KVS queries return at most 20 results per page; a site keeps at most MAX_PROFILES (50). */
const PAGE = 20;
/** Backstop only: a listing that never ends stops here (far above MAX_PROFILES). */
const MAX_PAGES = 50;
const TTL = { ttl: { value: PROFILE_RETENTION_DAYS, unit: 'DAYS' as const } };

export function profileKey(id: string): string {
  return `${PREFIX}${id}`;
}

/** Stores the profile; its retention starts again from now. */
export async function putProfile(profile: SyncProfile): Promise<void> {
  await kvs.set(profileKey(profile.id), profile, TTL);
}

export async function getProfile(id: string): Promise<SyncProfile | null> {
  const value = await kvs.get<unknown>(profileKey(id));
  return isProfile(value) ? value : null;
}

export async function deleteProfile(id: string): Promise<void> {
  await kvs.delete(profileKey(id));
}

/** Every profile, oldest first. Values that are not a profile are left out. */
export async function listProfiles(): Promise<SyncProfile[]> {
  const profiles: SyncProfile[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    let query = kvs.query().where('key', WhereConditions.beginsWith(PREFIX)).limit(PAGE);
    if (cursor) query = query.cursor(cursor);
    const { results, nextCursor } = await query.getMany<unknown>();
    for (const r of results) if (isProfile(r.value)) profiles.push(r.value);
    if (!nextCursor || results.length === 0) break;
    cursor = nextCursor;
  }
  return profiles.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
}

/** The account IDs a profile names (for the privacy sweep): the sync user and who saved it. */
export function profileAccounts(profile: SyncProfile): string[] {
  const ids = new Set<string>([profile.check.userAccountId]);
  if (profile.savedBy) ids.add(profile.savedBy);
  return [...ids].filter(isAccountId);
}

/**
 * Rewrites a profile without renewing its retention: the TTL left is counted from `updatedAt`.
 * Deletes it when the retention is over.
 */
export async function rewriteProfile(
  profile: SyncProfile,
  now: number = Date.now(),
): Promise<void> {
  const end = Date.parse(profile.updatedAt) + PROFILE_RETENTION_DAYS * 86_400_000;
  const seconds = Math.floor((end - now) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    await deleteProfile(profile.id);
    return;
  }
  await kvs.set(profileKey(profile.id), profile, { ttl: { value: seconds, unit: 'SECONDS' } });
}

function isProfile(value: unknown): value is SyncProfile {
  const v = value as Partial<SyncProfile> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.createdAt === 'string' &&
    typeof v.updatedAt === 'string' &&
    (v.savedBy === null || typeof v.savedBy === 'string') &&
    typeof v.check === 'object' &&
    v.check !== null &&
    typeof v.check.userAccountId === 'string'
  );
}
