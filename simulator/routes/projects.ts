/** Project search, project details and project roles. */
import { errorCollection, needsLogin, ok, projectNotFound } from '../http';
import {
  administersAnyProject,
  canViewProject,
  hasProjectPermission,
  isJiraAdmin,
  isProjectAdmin,
  type Caller,
} from '../permissions';
import { projectCategoryJson, projectJson, roleLinks } from '../representations';
import { findProject, siteOptions, siteRoles, type World, type WorldProject } from '../world';
import { badRequest, intParam, paging } from './common';
import type { Handler } from './context';

const ACTIONS = ['view', 'browse', 'edit', 'create'] as const;
const PROJECT_STATUSES = ['live', 'archived', 'deleted'] as const;
type Action = (typeof ACTIONS)[number];

/** The `action` filter of project search, as the spec defines each value. */
function allowed(world: World, caller: Caller, project: WorldProject, action: Action): boolean {
  switch (action) {
    case 'view':
      return canViewProject(world, caller, project);
    case 'browse':
      return hasProjectPermission(world, caller, project, 'BROWSE_PROJECTS');
    case 'edit':
      return isProjectAdmin(world, caller, project);
    case 'create':
      return hasProjectPermission(world, caller, project, 'CREATE_ISSUES');
  }
}

function compare(orderBy: string): (a: WorldProject, b: WorldProject) => number {
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[+-]/, '');
  // Only key and name ordering are modelled; other orderings fall back to key.
  const pick = (p: WorldProject): string => (field === 'name' ? p.name.toLowerCase() : p.key);
  return (a, b) => {
    const result = pick(a) < pick(b) ? -1 : pick(a) > pick(b) ? 1 : 0;
    return descending ? -result : result;
  };
}

export const searchProjects: Handler = (ctx) => {
  const page = paging(ctx.query, 50);
  if (!page.ok) return page.response;
  const action = (ctx.query.get('action') ?? 'view') as Action;
  if (!ACTIONS.includes(action)) return badRequest(`Invalid action: ${String(action)}`);
  // Documented: "If a value greater than 100 is provided, the maxResults parameter will default to 100."
  const maxResults = Math.min(page.value.maxResults, 100);
  const startAt = page.value.startAt;

  // Documented (J1): `status` is repeatable, default `live`; others are silently omitted.
  const statuses = ctx.query.all('status');
  const wanted = statuses.length === 0 ? ['live'] : statuses;
  if (wanted.some((st) => !PROJECT_STATUSES.includes(st as (typeof PROJECT_STATUSES)[number])))
    return badRequest(`Invalid status: ${wanted.join(', ')}`);
  const keys = ctx.query.all('keys');
  const ids = ctx.query.all('id');
  const text = ctx.query.get('query')?.toLowerCase();
  const types = ctx.query.list('typeKey');
  // Spec: `categoryId` is an int64. UNKNOWN: what Jira answers for an id no category has; a filter
  // that matches nothing (an empty page) is modelled, and callers list the categories first.
  const category = intParam(ctx.query, 'categoryId', -1);
  if (!category.ok) return category.response;
  const categoryId = category.value < 0 ? null : String(category.value);
  const keySet = new Set(keys);
  const idSet = new Set(ids);
  const matching = ctx.world.projects
    .filter(
      (p) =>
        wanted.includes(p.status ?? 'live') &&
        (keySet.size === 0 || keySet.has(p.key)) &&
        (idSet.size === 0 || idSet.has(p.id)) &&
        (!text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)) &&
        (types.length === 0 || types.includes(p.projectTypeKey)) &&
        (categoryId === null || p.categoryId === categoryId) &&
        allowed(ctx.world, ctx.caller, p, action),
    )
    .sort(compare(ctx.query.get('orderBy') ?? 'key'));

  const values = matching.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= matching.length;
  const body: Record<string, unknown> = {
    self: ctx.selfUrl,
    maxResults,
    startAt,
    total: matching.length,
    isLast,
    values: values.map((p) =>
      projectJson(ctx.world, ctx.baseUrl, p, {
        viewer: ctx.caller,
        expand: ctx.query.list('expand'),
      }),
    ),
  };
  if (!isLast) {
    const next = new URL(ctx.selfUrl);
    next.searchParams.set('startAt', String(startAt + maxResults));
    next.searchParams.set('maxResults', String(maxResults));
    body.nextPage = next.toString();
  }
  return ok(body);
};

/** Spec: every project category; "Permission to access Jira" (401 without credentials). */
export const getAllProjectCategories: Handler = (ctx) => {
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  return ok((ctx.world.projectCategories ?? []).map((c) => projectCategoryJson(ctx.baseUrl, c)));
};

export const getProject: Handler = (ctx) => {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  const project = findProject(ctx.world, idOrKey);
  // Documented: the same 404 whether the project is missing, hidden, or the call ran anonymously.
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) return projectNotFound(idOrKey);
  // A1: an archived project's details stay readable (with `archived: true`). A trashed one:
  // unknown for anyone but a Jira administrator (site option).
  if (
    project.status === 'deleted' &&
    !isJiraAdmin(ctx.world, ctx.caller) &&
    siteOptions(ctx.world).trashedProjectDetails === 'not-found'
  )
    return projectNotFound(idOrKey);
  return ok(
    projectJson(ctx.world, ctx.baseUrl, project, {
      viewer: ctx.caller,
      full: true,
      expand: ctx.query.list('expand'),
    }),
  );
};

export const getProjectRoles: Handler = (ctx) => {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  const project = findProject(ctx.world, idOrKey);
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) return projectNotFound(idOrKey);
  // Spec: Administer Projects for any project on the site, or Administer Jira.
  if (!administersAnyProject(ctx.world, ctx.caller)) {
    return siteOptions(ctx.world).roleListDeniedStatus === 401
      ? needsLogin()
      : projectNotFound(idOrKey);
  }
  return ok(roleLinks(ctx.world, ctx.baseUrl, project));
};

export const getProjectRole: Handler = (ctx) => {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  const roleId = ctx.params.id ?? '';
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  if (!/^\d+$/.test(roleId)) return badRequest(`The role id '${roleId}' is not valid.`);
  const project = findProject(ctx.world, idOrKey);
  // Spec: 404 when the project is missing or the caller lacks administrative permission for it.
  if (!project || !isProjectAdmin(ctx.world, ctx.caller, project)) return projectNotFound(idOrKey);
  const definition = siteRoles(ctx.world).find((r) => r.id === Number(roleId));
  if (!definition)
    return errorCollection(404, [`The project role with id '${roleId}' could not be found.`]);
  const role = project.roles.find((r) => r.id === definition.id);
  const excludeInactive = ctx.query.get('excludeInactiveUsers') === 'true';

  const actors: Array<Record<string, unknown>> = [];
  role?.actors.users.forEach((accountId, i) => {
    const user = ctx.world.users.find((u) => u.accountId === accountId);
    if (!user || (excludeInactive && !user.active)) return;
    actors.push({
      id: definition.id * 1000 + i,
      displayName: user.displayName,
      type: 'atlassian-user-role-actor',
      actorUser: { accountId },
    });
  });
  role?.actors.groups.forEach((name, i) => {
    const group = ctx.world.groups.find((g) => g.name === name);
    actors.push({
      id: definition.id * 1000 + 500 + i,
      displayName: name,
      type: 'atlassian-group-role-actor',
      name,
      actorGroup: { name, displayName: name, ...(group ? { groupId: group.groupId } : {}) },
    });
  });
  actors.sort((a, b) => String(a.displayName).localeCompare(String(b.displayName)));

  return ok({
    self: `${ctx.baseUrl}/rest/api/3/project/${project.id}/role/${definition.id}`,
    name: definition.name,
    id: definition.id,
    description: definition.description ?? '',
    actors,
  });
};
