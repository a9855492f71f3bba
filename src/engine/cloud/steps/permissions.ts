import type { JiraClient } from '../../port/jira-client';
import type { View } from '../../model/facts';
import { bulkPermissionsShape, userListShape } from '../../knowledge/jira-shapes';
import type { RunContext, StepHandle } from '../../run/context';
import { answeredAnonymously, send, unexpected } from '../../run/send';
import { chunk } from './projects';
import type { PermissionKeys } from '../../run/permission-keys';

/** `permissions/check` accepts up to 1000 project IDs per entry. */
export const IDS_PER_CHECK = 1000;

export type BulkOutcome = 'done' | 'forbidden' | 'failed';

/**
 * The bulk check without waiting for the site's permission list (#26): when the list has not
 * answered yet, the check is sent with the requested keys at once. Should the list then leave a
 * key out (a site without it, or a global permission), or should Jira refuse the keys (400), that
 * answer is not used: the permissions it set are unknown again and the check is sent once more
 * with the keys the site has. On a site that has every key this costs nothing; on one that lacks
 * a key, one more request.
 */
export async function bulkCheckWithKeys(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  keys: PermissionKeys,
  who: string,
  accountId?: string,
): Promise<{ outcome: BulkOutcome; permissions: readonly string[] }> {
  // Without `beforeKeyList` a 400 is not expected: `send` records it and the outcome is 'failed'.
  const settled = async (permissions: readonly string[]) => {
    const outcome = await bulkCheck(ctx, handle, client, view, permissions, who, accountId);
    return { outcome: outcome === 'refused-keys' ? 'failed' : outcome, permissions };
  };
  const known = keys.known();
  if (known) return settled(known);
  const first = await bulkCheck(ctx, handle, client, view, keys.requested, who, accountId, true);
  const usable = await keys.usable;
  // A refusal of the account (403) or a failure says nothing about the keys: it stands.
  if (first === 'forbidden' || first === 'failed') return { outcome: first, permissions: usable };
  const sameKeys = usable.length === keys.requested.length; // the list only ever removes keys
  if (first === 'done' && sameKeys) return { outcome: first, permissions: usable };
  for (const project of view.projects.values())
    for (const key of keys.requested) project.permissions.set(key, null);
  return settled(usable);
}

/**
 * One bulk call per 1000 projects: every required permission for every visible project, plus
 * Administer Jira. Without `accountId` Jira checks the caller. Jira lists only what is granted,
 * so anything absent from the answer is not held.
 */
async function bulkCheck(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  permissions: readonly string[],
  who: string,
  accountId?: string,
  /** Sent before the site's permission list answered: a 400 then means "ask again". */
  beforeKeyList = false,
): Promise<BulkOutcome | 'refused-keys'> {
  const known = [...view.projects.values()].filter((p) => p.id !== null);
  const batches = known.length === 0 ? [[]] : chunk(known, IDS_PER_CHECK);
  const outcomes = await Promise.all(
    batches.map(async (batch, index): Promise<BulkOutcome | 'refused-keys'> => {
      const ids = batch.map((p) => Number(p.id));
      const body = {
        ...(accountId ? { accountId } : {}),
        globalPermissions: index === 0 ? ['ADMINISTER'] : [],
        projectPermissions:
          ids.length > 0 && permissions.length > 0
            ? [{ permissions: [...permissions], projects: ids, issues: [] }]
            : [],
      };
      const req = { method: 'POST' as const, path: '/rest/api/3/permissions/check', body };
      const res = await send(ctx, handle, client, req, {
        expect: beforeKeyList ? [200, 400, 403] : [200, 403],
        who,
      });
      if (!res) return 'failed';
      if (res.status === 400) return 'refused-keys';
      if (res.status === 403) return 'forbidden';
      const parsed = bulkPermissionsShape.safeParse(res.json);
      if (!parsed.success)
        return unexpected(ctx, handle, req, 'no permission lists in the body') ?? 'failed';
      const anyDenied =
        parsed.data.projectPermissions === undefined || batch.length * permissions.length > 0;
      if (anyDenied && answeredAnonymously(ctx, handle, client, res, req, who)) return 'failed';
      if (index === 0)
        view.administer = (parsed.data.globalPermissions ?? []).includes('ADMINISTER');
      const granted = new Map<string, Set<number>>();
      for (const entry of parsed.data.projectPermissions ?? []) {
        const set = granted.get(entry.permission) ?? new Set<number>();
        for (const id of entry.projects ?? []) set.add(id);
        granted.set(entry.permission, set);
      }
      for (const project of batch) {
        for (const permission of permissions) {
          project.permissions.set(
            permission,
            granted.get(permission)?.has(Number(project.id)) ?? false,
          );
        }
      }
      return 'done';
    }),
  );
  if (outcomes.includes('failed')) return 'failed';
  if (outcomes.includes('refused-keys')) return 'refused-keys';
  return outcomes.includes('forbidden') ? 'forbidden' : 'done';
}

/**
 * For callers who administer a project but not Jira: `user/permission/search` lists the users
 * holding all given permissions in a project; one call per permission tells which are missing.
 */
export async function perProjectCheck(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  permissions: readonly string[],
  who: string,
  accountId: string,
): Promise<boolean> {
  const projects = [...view.projects.values()].filter((p) => p.exists !== false);
  const results = await Promise.all(
    projects.flatMap((project) =>
      permissions.map(async (permission) => {
        const req = {
          method: 'GET' as const,
          path: '/rest/api/3/user/permission/search',
          query: { accountId, projectKey: project.key, permissions: permission, maxResults: 50 },
        };
        const res = await send(ctx, handle, client, req, { expect: [200, 403, 404], who });
        if (!res) return false;
        if (res.status !== 200) return true; // not this caller's project: stays unknown
        const parsed = userListShape.safeParse(res.json);
        if (!parsed.success)
          return unexpected(ctx, handle, req, 'no user list in the body') ?? false;
        project.permissions.set(
          permission,
          parsed.data.some((u) => u.accountId === accountId),
        );
        return true;
      }),
    ),
  );
  return results.every(Boolean);
}
