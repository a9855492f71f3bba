import type { JiraClient } from '../port/jira-client';
import type { View } from '../model/facts';
import { projectSearchShape } from '../knowledge/jira-shapes';
import type { RunContext, StepHandle } from '../run/context';
import { answeredAnonymously, send, unexpected } from '../run/send';
import { bulkCheckWithKeys } from './steps/permissions';
import type { PermissionKeys } from '../run/permission-keys';
import { finishMissingPermissions } from '../run/missing-permissions';
import { HIDDEN_LOOKUP_MAX, readHiddenProjects, searchProjects } from './steps/projects';
import type { TokenIdentity } from '../model/token-identity';

const VISIBILITY_TITLE = 'Target projects are visible to the sync user';
const PERMISSION_TITLE = "The sync user's own permissions (bulk check)";

/** The token part of a run: skipped (and said so) when the token did not authenticate. */
export async function runTokenMode(
  ctx: RunContext,
  view: View,
  identity: TokenIdentity | null,
  permissionKeys: PermissionKeys,
  email: string,
  knownIds?: Promise<ReadonlyMap<string, string | null> | null>,
  lookUpRetired = false,
): Promise<void> {
  if (!identity) {
    const why = 'Skipped: the token did not authenticate.';
    ctx.skip(view.visibilityStep, VISIBILITY_TITLE, why);
    ctx.skip(view.permissionStep, PERMISSION_TITLE, why);
    return;
  }
  view.user = identity.user;
  await runTokenView(ctx, view, identity.client, permissionKeys, email, knownIds, lookUpRetired);
}

/**
 * What the synchronizer itself can see and do, asked with its own token: the target projects
 * (plus whether any project at all is visible) and then, in bulk, its permissions there.
 */
export async function runTokenView(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissionKeys: PermissionKeys,
  who: string,
  knownIds?: Promise<ReadonlyMap<string, string | null> | null>,
  /**
   * Token-only runs: read each project the search did not list with `GET /project/{key}`, which
   * tells an archived or trashed project from a hidden one (A1). With an admin view the
   * administrator's status searches do it.
   */
  lookUpRetired = false,
): Promise<void> {
  const visibility = ctx.step(view.visibilityStep, VISIBILITY_TITLE);
  const searched: boolean | 'by-bulk-check' = await (knownIds
    ? knownIds.then((ids): boolean | 'by-bulk-check' | Promise<boolean> =>
        adoptIds(view, ids) ? 'by-bulk-check' : searchProjects(ctx, visibility, client, view, who),
      )
    : searchProjects(ctx, visibility, client, view, who));
  const projects = [...view.projects.values()];
  if (searched === true) {
    const notLookedUp =
      lookUpRetired && projects.some((p) => p.visible === false)
        ? await readHiddenProjects(ctx, visibility, client, view, who)
        : [];
    const retired = projects.filter((p) => p.retired !== null);
    const hidden = projects.filter((p) => p.visible === false && p.retired === null);
    const parts = [
      retired.length
        ? `${retired.map((p) => `${p.key} (${p.retired === 'archived' ? 'archived' : 'in the trash'})`).join(', ')}: read with GET /project/{key}, left out of searches`
        : '',
      hidden.length ? `Not visible: ${hidden.map((p) => p.key).join(', ')}` : '',
      notLookedUp.length
        ? `${notLookedUp.length} of them not read one by one (only the first ${HIDDEN_LOOKUP_MAX} are)`
        : '',
    ].filter(Boolean);
    visibility.finish(
      hidden.length || retired.length ? 'fail' : 'pass',
      parts.length ? `${parts.join('; ')}.` : `All ${projects.length} visible.`,
    );
  }

  const handle = ctx.step(view.permissionStep, PERMISSION_TITLE);
  const { outcome } = await bulkCheckWithKeys(ctx, handle, client, view, permissionKeys, who);
  if (searched === 'by-bulk-check' && outcome === 'done') {
    // The administrator's search gave the IDs: Browse Projects in the sync user's own bulk check
    // answers whether it can see each project, without paging project/search a second time.
    for (const p of projects) p.visible = p.permissions.get('BROWSE_PROJECTS') ?? null;
    const hidden = projects.filter((p) => p.visible === false).map((p) => p.key);
    visibility.finish(
      hidden.length ? 'fail' : 'pass',
      hidden.length
        ? `Not visible (Browse Projects in the bulk check): ${hidden.join(', ')}.`
        : `All ${projects.length} visible (Browse Projects in the bulk check; IDs from the administrator's search).`,
    );
  } else if (searched === 'by-bulk-check') {
    visibility.finish('error', 'Not concluded: the bulk check did not answer (see its check).');
  }
  // Whether any project at all is visible only matters when no target is: a visible target
  // answers it without a request (the conclusions act only on "none visible").
  view.anyProjectVisible = projects.some((p) => p.visible === true)
    ? true
    : await anyProjectVisible(ctx, visibility, client, who);
  if (outcome === 'done') {
    finishMissingPermissions(handle, projects, (p) => p.visible === true);
  } else if (outcome === 'forbidden') {
    // Checking one's own permissions needs no global permission; a 403 here is not documented.
    unexpected(
      ctx,
      handle,
      { method: 'POST', path: '/rest/api/3/permissions/check' },
      'HTTP 403 for a self-check',
    );
  }
}

/**
 * Takes the administrator's project IDs when every target has one (an administrator who found
 * them all); otherwise the token view searches itself.
 */
function adoptIds(view: View, ids: ReadonlyMap<string, string | null> | null): boolean {
  if (!ids) return false;
  const projects = [...view.projects.values()];
  if (!projects.every((p) => typeof ids.get(p.key) === 'string')) return false;
  for (const p of projects) p.id = ids.get(p.key) ?? null;
  return true;
}

async function anyProjectVisible(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  who: string,
): Promise<boolean | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/3/project/search',
    query: { maxResults: 1 },
  };
  const res = await send(ctx, handle, client, req, { expect: [200], who });
  if (!res) return null;
  const parsed = projectSearchShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no project list in the body');
  const empty = parsed.data.values.length === 0;
  if (empty && answeredAnonymously(ctx, handle, client, res, req, who)) return null;
  return !empty;
}
