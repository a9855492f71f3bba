/** /myself and the /user* operations. */
import { sitePermission } from '../catalogue';
import { errorCollection, needsLogin, ok, projectNotFound, type SimResponse } from '../http';
import {
  callerFor,
  hasGlobalPermission,
  hasProductAccess,
  hasProjectPermission,
  isProjectAdmin,
  type Caller,
} from '../permissions';
import { userJson } from '../representations';
import { findUserByAccountId, siteOptions, type World, type WorldUser } from '../world';
import { badRequest, matchesUserQuery, paging } from './common';
import type { Handler, RequestContext } from './context';

const BROWSE_USERS = 'USER_PICKER';

export const getCurrentUser: Handler = (ctx) => {
  // Needs login: an anonymous (or refused) caller gets 401.
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  if (!hasProductAccess(ctx.caller.user)) {
    const status = siteOptions(ctx.world).myselfWithoutProductAccess;
    if (status === 401) return needsLogin();
    // Wording not documented.
    if (status === 403) return errorCollection(403, ['You do not have access to Jira.']);
  }
  return ok(
    userJson(ctx.world, ctx.baseUrl, ctx.caller.user, {
      viewer: ctx.caller,
      withLists: true,
      expand: ctx.query.list('expand'),
    }),
  );
};

/** Shared gate of GET /user and GET /user/groups: login, accountId, Browse users and groups. */
function lookUpUser(
  ctx: RequestContext,
): { ok: true; user: WorldUser } | { ok: false; response: SimResponse } {
  if (ctx.caller.kind === 'anonymous') return { ok: false, response: needsLogin() };
  const accountId = ctx.query.get('accountId');
  // Wording of the 400/403/404 bodies is not documented.
  if (!accountId)
    return {
      ok: false,
      response: badRequest('The accountId query parameter needs to be provided.'),
    };
  if (!hasGlobalPermission(ctx.world, ctx.caller, BROWSE_USERS)) {
    return {
      ok: false,
      response: errorCollection(403, ['You do not have the Browse users and groups permission.']),
    };
  }
  const user = findUserByAccountId(ctx.world, accountId);
  if (!user)
    return {
      ok: false,
      response: errorCollection(404, [`The user with account ID '${accountId}' does not exist.`]),
    };
  return { ok: true, user };
}

export const getUser: Handler = (ctx) => {
  const found = lookUpUser(ctx);
  if (!found.ok) return found.response;
  return ok(
    userJson(ctx.world, ctx.baseUrl, found.user, {
      viewer: ctx.caller,
      withLists: true,
      expand: ctx.query.list('expand'),
    }),
  );
};

export const getUserGroups: Handler = (ctx) => {
  const found = lookUpUser(ctx);
  if (!found.ok) return found.response;
  const { world, baseUrl } = ctx;
  return ok(
    [...found.user.groups].sort().map((name) => {
      const group = world.groups.find((g) => g.name === name);
      return group
        ? {
            name,
            groupId: group.groupId,
            self: `${baseUrl}/rest/api/3/group?groupId=${group.groupId}`,
          }
        : { name };
    }),
  );
};

/** Users a query string finds, honouring hidden emails. */
function usersMatching(world: World, viewer: Caller, text: string): WorldUser[] {
  const options = siteOptions(world);
  return world.users.filter((u) => {
    const isSelf = viewer.kind === 'user' && viewer.user.accountId === u.accountId;
    const emailSearchable =
      u.emailVisible ||
      options.searchMatchesHiddenEmail ||
      (isSelf && options.hiddenEmailVisibleToSelf);
    return matchesUserQuery(text, u.displayName, emailSearchable ? u.email : null);
  });
}

function queryOrAccountId(ctx: RequestContext, allowProperty: boolean): SimResponse | undefined {
  const hasQuery = ctx.query.has('query');
  const hasAccountId = ctx.query.has('accountId');
  const hasProperty = allowProperty && ctx.query.has('property');
  if (!hasQuery && !hasAccountId && !hasProperty) {
    return badRequest(
      allowProperty
        ? 'One of query, accountId or property is required.'
        : 'One of query or accountId is required.',
    );
  }
  if (hasQuery && hasAccountId)
    return badRequest('Only one of query or accountId may be provided.');
  return undefined;
}

export const findUsers: Handler = (ctx) => {
  const invalid = queryOrAccountId(ctx, true);
  if (invalid) return invalid;
  const page = paging(ctx.query, 50);
  if (!page.ok) return page.response;
  // Documented: anonymous calls or callers without Browse users and groups get empty results.
  if (!hasGlobalPermission(ctx.world, ctx.caller, BROWSE_USERS)) return ok([]);
  const accountId = ctx.query.get('accountId');
  const text = ctx.query.get('query');
  let users: WorldUser[];
  if (accountId !== undefined) users = ctx.world.users.filter((u) => u.accountId === accountId);
  else if (text !== undefined) users = usersMatching(ctx.world, ctx.caller, text);
  else users = []; // user properties are not modelled
  const active = users.filter((u) => u.active);
  const { startAt, maxResults } = page.value;
  return ok(
    active
      .slice(startAt, startAt + maxResults)
      .map((u) => userJson(ctx.world, ctx.baseUrl, u, { viewer: ctx.caller })),
  );
};

export const findUsersWithAllPermissions: Handler = (ctx) => {
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  const keys = ctx.query.list('permissions');
  if (keys.length === 0) return badRequest('The permissions parameter is required.');
  const invalid = queryOrAccountId(ctx, false);
  if (invalid) return invalid;
  const page = paging(ctx.query, 50);
  if (!page.ok) return page.response;
  const projectKey = ctx.query.get('projectKey');
  const issueKey = ctx.query.get('issueKey');
  if (!projectKey && !issueKey) return badRequest('One of projectKey or issueKey is required.');
  if (!projectKey) {
    // Issues are not modelled: documented wording for a missing or hidden issue.
    return errorCollection(404, ['Issue does not exist or you do not have permission to see it.']);
  }
  const project = ctx.world.projects.find((p) => p.key === projectKey);
  if (!project) return projectNotFound(projectKey);
  if (!isProjectAdmin(ctx.world, ctx.caller, project)) {
    return errorCollection(403, ['You do not have the permission to see users of this project.']);
  }
  const defs = keys.map((k) => sitePermission(ctx.world, k));
  const unknown = keys.filter((_, i) => defs[i] === undefined);
  if (unknown.length > 0) return badRequest(`Invalid permissions: ${unknown.join(', ')}`);

  const accountId = ctx.query.get('accountId');
  const candidates =
    accountId !== undefined
      ? ctx.world.users.filter((u) => u.accountId === accountId)
      : usersMatching(ctx.world, ctx.caller, ctx.query.get('query') ?? '');
  const { startAt, maxResults } = page.value;
  const holders = candidates.slice(startAt, startAt + maxResults).filter((u) => {
    const who = callerFor(u);
    return defs.every((def) =>
      def?.type === 'GLOBAL'
        ? hasGlobalPermission(ctx.world, who, def.key)
        : hasProjectPermission(ctx.world, who, project, def?.key ?? ''),
    );
  });
  return ok(holders.map((u) => userJson(ctx.world, ctx.baseUrl, u, { viewer: ctx.caller })));
};
