import type { JiraClient } from '../port/jira-client';
import { allPermissionsShape } from '../knowledge/jira-shapes';
import { remedy } from '../findings/remedies';
import type { RunContext } from './context';
import { send, unexpected } from './send';

/**
 * Sites differ in which permissions exist (apps add some; some sites lack others), and an unknown
 * key makes `permissions/check` fail with 400 for all of them. `GET /permissions` needs no login,
 * so this costs no authentication attempt. Returns the keys safe to ask about.
 */
export async function checkPermissionKeys(
  ctx: RunContext,
  client: JiraClient,
  permissions: readonly string[],
  who: string,
  /** Data Center / Server list them at /rest/api/2/permissions. */
  path = '/rest/api/3/permissions',
  /** Low when nothing waits for the list before its first round (`startPermissionKeys`). */
  priority: 'normal' | 'low' = 'normal',
): Promise<readonly string[]> {
  const handle = ctx.step('permission-keys', 'The requested permissions exist on this site');
  const req = { method: 'GET' as const, path, priority };
  // Advisory: without the list every key is still asked about; an unknown one then fails the
  // permission step, which reports it.
  const res = await send(ctx, handle, client, req, { expect: [200], who, advisory: true });
  if (!res) return permissions;
  const parsed = allPermissionsShape.safeParse(res.json);
  if (!parsed.success)
    return unexpected(ctx, handle, req, 'no permissions map in the body', true) ?? permissions;
  const known = new Map(
    Object.entries(parsed.data.permissions).map(([key, p]) => [p.key ?? key, p.type ?? null]),
  );
  const usable: string[] = [];
  const problems: string[] = [];
  for (const key of permissions) {
    const type = known.get(key);
    if (type === undefined) {
      problems.push(key);
      ctx.add(remedy.unknownPermissionKey(handle.id, key, 'missing'));
    } else if (type !== null && type !== 'PROJECT') {
      problems.push(key);
      ctx.add(remedy.unknownPermissionKey(handle.id, key, 'global'));
    } else {
      usable.push(key);
    }
  }
  handle.finish(
    problems.length ? 'fail' : 'pass',
    problems.length
      ? `Not project permissions on this site: ${problems.join(', ')}.`
      : `All ${permissions.length} exist.`,
  );
  return usable;
}

/** The permission keys a run asks about, and what the site's list says of them. */
export interface PermissionKeys {
  readonly requested: readonly string[];
  /** The keys safe to ask about once the list answered (all requested when it could not be read). */
  readonly usable: Promise<readonly string[]>;
  /** `usable`'s value once it has settled; null while the list has not answered. */
  known(): readonly string[] | null;
}

/**
 * Reads the site's permission list at low priority, so that a run's first round holds the reads
 * the verdict needs; the bulk checks do not wait for it (`bulkCheckWithKeys`). Without a client
 * every requested key is asked about.
 */
export function startPermissionKeys(
  ctx: RunContext,
  client: JiraClient | null,
  permissions: readonly string[],
  who: string,
): PermissionKeys {
  let settled: readonly string[] | null = client ? null : permissions;
  const usable = client
    ? checkPermissionKeys(ctx, client, permissions, who, undefined, 'low').then((keys) => {
        settled = keys;
        return keys;
      })
    : Promise.resolve(permissions);
  return { requested: permissions, usable, known: () => settled };
}
