import { jiraPath, type JiraClient } from '../port/jira-client';
import { explainProjects } from '../explain/explain-projects';
import type { View } from '../model/facts';
import { remedy } from '../findings/remedies';
import type { RunContext, StepHandle } from '../run/context';
import { myPermissionsShape } from '../knowledge/jira-shapes';
import { describe, send, unexpected } from '../run/send';
import { finishMissingPermissions } from '../run/missing-permissions';
import { ranAnonymously } from './identity';
import { dcRemedy } from '../findings/remedies';
import { dcProjectShape, dcUserListShape, dcUserShape, toJiraUser, type DcUser } from './shapes';

const USER_TITLE = 'The sync user exists and is active (as the administrator sees it)';
const PROJECT_TITLE = 'Target projects exist (as the administrator sees them)';
const PERMISSION_TITLE = "The sync user's permissions (user/permission/search, per project)";

export interface DcAdminOptions {
  /** The sync user's username: --user, or the one the sync user's credentials authenticated as. */
  username: Promise<string | null>;
  checker: string;
  /** Explain grants for missing permissions only (default) or for every required one. */
  explain: 'missing' | 'all';
}

/**
 * The administrator's view. Its first request (`mypermissions`, Administer Jira) goes alone, so
 * refused admin credentials cost one failed login. `user/permission/search` takes a search string, not an exact
 * username (documented), so only an exact, case-insensitive match counts. It lists only users
 * holding *all* the permissions asked: one request per project answers "all held"; only when it
 * does not, each permission is asked on its own.
 */
export async function runDcAdminView(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissions: readonly string[],
  options: DcAdminOptions,
): Promise<DcUser | null> {
  const who = options.checker;
  const userStep = ctx.step('admin-user', USER_TITLE);
  const me = await checkerIsJiraAdmin(ctx, userStep, client, who);
  const username = await options.username;
  const projectsStep = ctx.step(view.visibilityStep, PROJECT_TITLE);
  const permissionStep = ctx.step(view.permissionStep, PERMISSION_TITLE);
  if (!me || !username) {
    const why = !me
      ? 'Skipped: the checking account is not a working Jira administrator.'
      : 'Skipped: no sync user to look up (give --user NAME, or credentials that authenticate).';
    if (me) userStep.finish('skip', why);
    projectsStep.finish('skip', why);
    permissionStep.finish('skip', why);
    return null;
  }
  const user = await readUser(ctx, userStep, client, username, who);
  if (!user) {
    projectsStep.finish('skip', 'Skipped: the sync user was not found.');
    permissionStep.finish('skip', 'Skipped: the sync user was not found.');
    return null;
  }
  view.user = toJiraUser(user);
  const keys = [...view.projects.keys()];
  await Promise.all(
    keys.map(async (key) => {
      const facts = view.projects.get(key);
      if (!facts) return;
      const exists = await readProject(ctx, projectsStep, client, key, who, facts);
      facts.exists = exists;
      if (exists !== true || user.active === false) return;
      const held = await searchPermissions(
        { ctx, handle: permissionStep, client, key, username: user.name, who },
        permissions,
      );
      if (!held) return;
      for (const [permission, value] of held) facts.permissions.set(permission, value);
      facts.visible = held.get('BROWSE_PROJECTS') ?? null;
    }),
  );
  const projects = [...view.projects.values()];
  const missingProjects = projects.filter((p) => p.exists === false).map((p) => p.key);
  projectsStep.finish(
    missingProjects.length ? 'fail' : 'pass',
    missingProjects.length
      ? `Not found: ${missingProjects.join(', ')}.`
      : `All ${projects.length} exist.`,
  );
  if (user.active === false) {
    permissionStep.finish('skip', 'Skipped: the user is inactive (Jira lists only active users).');
  } else {
    // Grants and role members name users by username on Data Center.
    await explainProjects(
      ctx,
      client,
      view,
      { ...toJiraUser(user), accountId: user.name },
      permissions,
      options.explain,
      who,
      'datacenter',
    );
    finishMissingPermissions(permissionStep, projects);
  }
  return user;
}

/**
 * The first request with the admin credentials, sent alone. Only a Jira administrator's 404 for a
 * project says it does not exist, so the checker must hold Jira Administrators (ADMINISTER).
 */
async function checkerIsJiraAdmin(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  who: string,
): Promise<boolean> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/2/mypermissions',
    query: { permissions: 'ADMINISTER' },
  };
  const res = await send(ctx, handle, client, req, { expect: [200], who });
  if (!res) return false;
  if (ranAnonymously(res)) {
    handle.finish('fail', `${describe(req)}: answered as anonymous (X-AUSERNAME).`);
    ctx.add(
      remedy.checkerNotAdmin(handle.id, `Jira answered the checking account ${who} as anonymous.`),
    );
    return false;
  }
  const parsed = myPermissionsShape.safeParse(res.json);
  if (!parsed.success)
    return unexpected(ctx, handle, req, 'no permissions map in the body') ?? false;
  if (parsed.data.permissions['ADMINISTER']?.havePermission !== true) {
    handle.finish('fail', `${who} does not hold Jira Administrators.`);
    ctx.add(
      remedy.checkerNotAdmin(
        handle.id,
        `The checking account ${who} does not hold the global permission Jira Administrators, which admin mode needs on Data Center.`,
      ),
    );
    return false;
  }
  return true;
}

async function readUser(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  username: string,
  who: string,
): Promise<DcUser | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/2/user',
    query: { username, expand: 'groups,applicationRoles' },
  };
  const res = await send(ctx, handle, client, req, { expect: [200, 403, 404], who });
  if (!res) return null;
  if (res.status === 404) {
    handle.finish('fail', `No user named ${username}.`);
    ctx.add(dcRemedy.userNotFound(handle.id, username, ctx.site));
    return null;
  }
  if (res.status === 403) {
    handle.finish('fail', `${who} may not read users (403).`);
    ctx.add(
      remedy.checkerNotAdmin(
        handle.id,
        `Jira refused ${who} reading the user ${username} (403): the checking account needs Jira Administrators or Browse users.`,
      ),
    );
    return null;
  }
  const parsed = dcUserShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no name and key in the body');
  const user = parsed.data;
  handle.finish(
    user.active === false ? 'fail' : 'pass',
    user.active === false ? `${user.name} is inactive.` : `${user.name} exists and is active.`,
  );
  return user;
}

async function readProject(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  key: string,
  who: string,
  facts: { id: string | null; name: string | null; type: string | null; key: string },
): Promise<boolean | null> {
  const req = { method: 'GET' as const, path: jiraPath`/rest/api/2/project/${key}` };
  const res = await send(ctx, handle, client, req, { expect: [200, 404], who });
  if (!res) return null;
  // Assumed, not documented: a Jira administrator's 404 means the project does not exist
  // (administrators can open every project's settings on Data Center).
  if (res.status === 404) return false;
  const parsed = dcProjectShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no project id and key in the body');
  facts.id = parsed.data.id;
  facts.name = parsed.data.name ?? null;
  facts.type = parsed.data.projectTypeKey ?? null;
  return true;
}

/** One project's `user/permission/search` for one user, as the checking administrator. */
interface PermissionSearch {
  ctx: RunContext;
  handle: StepHandle;
  client: JiraClient;
  key: string;
  username: string;
  who: string;
}

async function searchPermissions(
  search: PermissionSearch,
  permissions: readonly string[],
): Promise<Map<string, boolean> | null> {
  const all = await listed(search, permissions);
  if (all === null) return null;
  // With one permission the combined answer is already that permission's answer.
  if (all || permissions.length === 1) return new Map(permissions.map((p) => [p, all]));
  const each = await Promise.all(permissions.map((p) => listed(search, [p])));
  if (each.some((v) => v === null)) return null;
  return new Map(permissions.map((p, i) => [p, each[i] === true]));
}

/** Whether `username` is listed as holding every one of `permissions` in `key`. */
async function listed(
  { ctx, handle, client, key, username, who }: PermissionSearch,
  permissions: readonly string[],
): Promise<boolean | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/2/user/permission/search',
    query: { username, projectKey: key, permissions: permissions.join(','), maxResults: 1000 },
  };
  const res = await send(ctx, handle, client, req, { expect: [200, 403], who });
  if (!res) return null;
  if (res.status === 403) {
    handle.finish('fail', `${who} may not search users by permission in ${key} (403).`);
    ctx.add(
      remedy.checkerNotAdmin(
        handle.id,
        `Jira refused ${who} searching users by permission in ${key} (403): it needs Jira Administrators, or Administer Projects in that project.`,
      ),
    );
    return null;
  }
  const parsed = dcUserListShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no user list in the body');
  const lower = username.toLowerCase();
  return parsed.data.some((u) => u.name.toLowerCase() === lower);
}
