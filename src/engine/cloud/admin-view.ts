import type { JiraClient } from '../port/jira-client';
import type { View } from '../model/facts';
import {
  myPermissionsShape,
  userListShape,
  userShape,
  type JiraUser,
} from '../knowledge/jira-shapes';
import { remedy } from '../findings/remedies';
import type { RunContext, StepHandle } from '../run/context';
import { send, unexpected } from '../run/send';
import { bulkCheckWithKeys, perProjectCheck } from './steps/permissions';
import type { PermissionKeys } from '../run/permission-keys';
import { finishMissingPermissions } from '../run/missing-permissions';
import { findRetiredProjects, KEYS_PER_PAGE, readLeads, searchProjects } from './steps/projects';
import { sentence } from '../presentation/text';
import { explainProjects } from '../explain/explain-projects';

export interface AdminOptions {
  /** accountId or email of the sync user; when absent, the token's identity (awaited). */
  user: string | undefined;
  tokenAccountId: Promise<string | null>;
  /**
   * The token's own account as its `/myself` answered (with groups and product access): when the
   * sync user is the token's identity, the same answer `GET /user` would give, so it is not read
   * again (#26). Absent or null: read with `GET /user`.
   */
  tokenUser?: Promise<JiraUser | null>;
  authority: 'jira-admin' | 'project-admin';
  checker: string;
  explain: 'missing' | 'all';
}

/** What the admin view tells the rest of the run, each as soon as it knows it. */
export interface AdminViewRun {
  /** The sync user's account ID; null when the view will never know it (or failed). */
  accountId: Promise<string | null>;
  /** key → project ID once the administrator's project search ends; null when it failed. */
  projectIds: Promise<ReadonlyMap<string, string | null> | null>;
  /** Whether the checking account holds Administer Jira; null when not known (or not asked). */
  jiraAdmin: Promise<boolean | null>;
  /** Settles once the sync user's permissions are in `view` (or will never be). */
  permissionsChecked: Promise<void>;
  /** The whole view, with its conclusions recorded in `view`. */
  done: Promise<void>;
}

/**
 * The Permission-Helper view: an administrator looks up the sync user and asks Jira what that
 * account may do in each target project. Needs no sync token, and tells a project that does not
 * exist from one the user cannot see.
 */
export function startAdminView(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissionKeys: PermissionKeys,
  options: AdminOptions,
): AdminViewRun {
  const { checker } = options;
  const projectsHandle = ctx.step(
    view.visibilityStep,
    'Target projects exist (administrator’s search)',
  );
  const authority =
    options.authority === 'jira-admin'
      ? checkAuthority(ctx, client, checker)
      : Promise.resolve(false);
  const userHandle = ctx.step(
    'admin-user',
    'The sync user’s account (status, product access, groups)',
  );
  const accountId = resolveAccountId(ctx, userHandle, client, options);
  const details = accountId.then(async (id) => {
    if (id === null) return null;
    const own = options.user === undefined ? await options.tokenUser : null;
    if (own?.accountId === id && own.groups !== undefined && own.applicationRoles !== undefined) {
      userHandle.finish(
        'pass',
        `Found ${own.displayName ?? id} (${id}): the token's own account, as its /myself answered (groups and product access included), so it was not read again.`,
      );
      return own;
    }
    return readUser(ctx, userHandle, client, id, options.checker);
  });
  // An account ID that came from a request (the token's /myself, or an exact email match) is
  // known to exist: the bulk check needs nothing else, so it does not wait for GET /user.
  const proven = options.user === undefined || options.user.includes('@');
  // A run of one page asks for the leads with its projects; a larger one asks only for those of
  // the projects it explains (the leads more than double a page's size).
  const withLead = view.projects.size <= KEYS_PER_PAGE;
  const search = searchProjects(ctx, projectsHandle, client, view, checker, withLead);
  const projectIds = search.then(
    (ok) => (ok ? new Map([...view.projects.values()].map((p) => [p.key, p.id])) : null),
    () => null,
  );
  const head = Promise.all([
    authority,
    proven ? accountId : details.then((u) => u?.accountId ?? null),
    search,
  ]);
  let permissionsChecked: () => void = () => undefined;
  const checked = new Promise<void>((resolve) => (permissionsChecked = resolve));
  const done = head
    .then(([isJiraAdmin, id, searched]) =>
      finishAdminView(ctx, view, client, permissionKeys, options, {
        projectsHandle,
        isJiraAdmin,
        id,
        searched,
        details,
        permissionsChecked,
      }),
    )
    .finally(permissionsChecked);
  return {
    accountId: head.then(
      ([, id]) => id,
      () => null,
    ),
    projectIds,
    jiraAdmin: authority.then(
      (held) => held,
      () => null,
    ),
    permissionsChecked: checked,
    done,
  };
}

/** After the account and the projects are known: existence, permissions, explanations. */
async function finishAdminView(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissionKeys: PermissionKeys,
  options: AdminOptions,
  known: {
    projectsHandle: StepHandle;
    isJiraAdmin: boolean | null;
    id: string | null;
    searched: boolean;
    details: Promise<JiraUser | null>;
    permissionsChecked: () => void;
  },
): Promise<void> {
  const { checker } = options;
  const { projectsHandle, isJiraAdmin, id, searched, details } = known;
  if (searched) {
    const asJiraAdmin = isJiraAdmin === true;
    const retiredKnown =
      asJiraAdmin && (await findRetiredProjects(ctx, projectsHandle, client, view, checker));
    recordExistence(projectsHandle, view, asJiraAdmin && retiredKnown);
  }
  const checked = await checkPermissions(
    ctx,
    view,
    client,
    permissionKeys,
    options,
    isJiraAdmin,
    id,
  );
  if (checked) {
    for (const project of view.projects.values()) {
      const browse = project.permissions.get('BROWSE_PROJECTS');
      if (browse !== undefined) project.visible = browse;
    }
  }
  known.permissionsChecked();
  const user = await details;
  // Without the details (a transient failure of GET /user) the proven account ID still names the subject.
  view.user = user ?? (id === null ? null : { accountId: id });
  if (!checked) return;
  finishMissingPermissions(checked.handle, view.projects.values());
  // Explanations need the user's groups and product access.
  if (user && (user.accountType !== undefined || user.groups)) {
    const withLead = view.projects.size <= KEYS_PER_PAGE;
    await explainProjects(
      ctx,
      client,
      view,
      user,
      checked.permissions,
      options.explain,
      checker,
      'cloud',
      withLead ? undefined : (keys, handle) => readLeads(ctx, handle, client, keys, checker),
    );
  }
}

/** Bulk for Jira administrators, per project otherwise. Null when nothing was concluded. */
async function checkPermissions(
  ctx: RunContext,
  view: View,
  client: JiraClient,
  permissionKeys: PermissionKeys,
  options: AdminOptions,
  isJiraAdmin: boolean | null,
  accountId: string | null,
): Promise<{ handle: StepHandle; permissions: readonly string[] } | null> {
  const { checker } = options;
  const handle = ctx.step(
    view.permissionStep,
    "The sync user's permissions, as an administrator sees them",
  );
  if (accountId === null) {
    handle.finish('skip', 'Skipped: the sync user is not known.');
    return null;
  }
  if (options.authority === 'jira-admin' && isJiraAdmin === null) {
    handle.finish(
      'skip',
      'Skipped: whether the checking account is a Jira administrator is not known.',
    );
    return null;
  }
  if (isJiraAdmin === true) {
    const { outcome, permissions } = await bulkCheckWithKeys(
      ctx,
      handle,
      client,
      view,
      permissionKeys,
      checker,
      accountId,
    );
    if (outcome === 'forbidden') {
      handle.finish('fail', 'Jira refused to check another account: Administer Jira is required.');
      ctx.add(
        remedy.checkerNotAdmin(
          handle.id,
          `${sentence(checker)} may not check another account's permissions (403: Only Jira administrators can perform this operation).`,
        ),
      );
      return null;
    }
    return outcome === 'done' ? { handle, permissions } : null;
  }
  const permissions = await permissionKeys.usable;
  const done = await perProjectCheck(ctx, handle, client, view, permissions, checker, accountId);
  return done ? { handle, permissions } : null;
}

async function checkAuthority(
  ctx: RunContext,
  client: JiraClient,
  checker: string,
): Promise<boolean | null> {
  const handle = ctx.step('admin-authority', 'The checking account holds Administer Jira');
  const req = {
    method: 'GET' as const,
    path: '/rest/api/3/mypermissions',
    query: { permissions: 'ADMINISTER' },
  };
  const res = await send(ctx, handle, client, req, { expect: [200], who: checker });
  if (!res) return null;
  const parsed = myPermissionsShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no permissions map in the body');
  const held = parsed.data.permissions['ADMINISTER']?.havePermission === true;
  if (held) {
    handle.finish('pass', `${sentence(checker)} holds Administer Jira.`);
  } else {
    handle.finish(
      'fail',
      `${sentence(checker)} lacks Administer Jira; falling back to per-project checks where it administers the project.`,
    );
    ctx.add(
      remedy.checkerNotAdmin(
        handle.id,
        `${sentence(checker)} lacks Administer Jira, so the administrator's view is limited to projects it administers.`,
      ),
    );
  }
  return held;
}

/**
 * A Jira administrator's search finds every project (Administer Jira shows them all); anyone
 * else's finds only projects it may see, so "not found" proves nothing for them.
 */
function recordExistence(handle: StepHandle, view: View, searchedAsJiraAdmin: boolean): void {
  const missing: string[] = [];
  const retired: string[] = [];
  for (const facts of view.projects.values()) {
    const found = facts.visible === true || facts.retired !== null;
    facts.visible = null;
    facts.exists = found ? true : searchedAsJiraAdmin ? false : null;
    if (facts.exists === false) missing.push(facts.key);
    if (facts.retired !== null)
      retired.push(`${facts.key} (${facts.retired === 'archived' ? 'archived' : 'in the trash'})`);
  }
  const problems = [
    missing.length ? `No such project: ${missing.join(', ')}.` : '',
    retired.length ? `Not live: ${retired.join(', ')}.` : '',
  ].filter(Boolean);
  handle.finish(
    problems.length ? 'fail' : 'pass',
    problems.length ? problems.join(' ') : 'All target projects were found.',
  );
}

async function resolveAccountId(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  options: AdminOptions,
): Promise<string | null> {
  let accountId: string | null;
  if (options.user === undefined) {
    accountId = await options.tokenAccountId;
    if (!accountId) {
      handle.finish('skip', 'Skipped: no sync user given and the token did not authenticate.');
      return null;
    }
  } else if (options.user.includes('@')) {
    accountId = await findByEmail(ctx, handle, client, options.user, options.checker);
    if (!accountId) return null;
  } else {
    accountId = options.user;
  }
  return accountId;
}

async function readUser(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  accountId: string,
  checker: string,
): Promise<JiraUser | null> {
  const options = { checker };
  const req = {
    method: 'GET' as const,
    path: '/rest/api/3/user',
    query: { accountId, expand: 'groups,applicationRoles' },
  };
  const res = await send(ctx, handle, client, req, {
    expect: [200, 403, 404],
    who: options.checker,
  });
  if (!res) return null;
  if (res.status === 404) {
    handle.finish('fail', `No user with account ID ${accountId}.`);
    ctx.add(remedy.userNotFound(handle.id, accountId));
    return null;
  }
  if (res.status === 403) {
    handle.finish(
      'skip',
      `${sentence(options.checker)} may not read users (needs Browse users and groups); account details not checked.`,
    );
    return { accountId };
  }
  const parsed = userShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no accountId in the body');
  handle.finish('pass', `Found ${parsed.data.displayName ?? accountId} (${accountId}).`);
  return parsed.data;
}

/** Exact, case-insensitive email match only: another account is never guessed. */
async function findByEmail(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  email: string,
  checker: string,
): Promise<string | null> {
  const req = {
    method: 'GET' as const,
    path: '/rest/api/3/user/search',
    query: { query: email, maxResults: 50 },
  };
  const res = await send(ctx, handle, client, req, { expect: [200], who: checker });
  if (!res) return null;
  const parsed = userListShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no user list in the body');
  const matches = parsed.data.filter((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
  if (matches.length !== 1 || !matches[0]) {
    handle.finish('fail', `No user with the email ${email} is visible to ${checker}.`);
    ctx.add(remedy.userNotFound(handle.id, email));
    return null;
  }
  return matches[0].accountId;
}
