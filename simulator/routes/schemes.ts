/** Permission schemes: a project's assigned scheme and a scheme's grants. */
import { errorCollection, needsLogin, ok, projectNotFound } from '../http';
import { canViewProject, hasProductAccess, isProjectAdmin } from '../permissions';
import {
  findGroup,
  findProject,
  type World,
  type WorldGrant,
  type WorldPermissionScheme,
} from '../world';
import type { Handler } from './context';

const HOLDER_EXPAND: Record<string, string> = {
  group: 'group',
  projectRole: 'projectRole',
  user: 'user',
  userCustomField: 'field',
  groupCustomField: 'field',
};

/** Holder as documented: group → parameter name / value id; other types → value equals parameter. */
function holderJson(world: World, grant: WorldGrant): Record<string, unknown> {
  const { type, parameter } = grant.holder;
  const out: Record<string, unknown> = { type };
  if (parameter !== undefined) {
    out.parameter = parameter;
    out.value = type === 'group' ? (findGroup(world, parameter)?.groupId ?? parameter) : parameter;
  }
  const expand = HOLDER_EXPAND[type];
  if (expand) out.expand = expand;
  return out;
}

function schemeJson(
  world: World,
  base: string,
  scheme: WorldPermissionScheme,
  expand: readonly string[],
): unknown {
  const out: Record<string, unknown> = {
    expand: 'permissions,user,group,projectRole,field,all',
    id: scheme.id,
    self: `${base}/rest/api/3/permissionscheme/${scheme.id}`,
    name: scheme.name,
    description: scheme.description ?? '',
  };
  // Documented: "permissions are included when you specify any value" of expand.
  if (expand.length > 0) {
    out.permissions = scheme.grants.map((grant, i) => {
      const id = grant.id ?? scheme.id * 1000 + i;
      return {
        id,
        self: `${base}/rest/api/3/permissionscheme/${scheme.id}/permission/${id}`,
        holder: holderJson(world, grant),
        permission: grant.permission,
      };
    });
  }
  return out;
}

export const getAssignedPermissionScheme: Handler = (ctx) => {
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  const idOrKey = ctx.params.projectKeyOrId ?? '';
  const project = findProject(ctx.world, idOrKey);
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) return projectNotFound(idOrKey);
  if (!isProjectAdmin(ctx.world, ctx.caller, project)) {
    // Documented 403 "does not have permission to view the project's configuration" (wording not documented).
    return errorCollection(403, [
      'You do not have permission to view the configuration of this project.',
    ]);
  }
  const scheme = ctx.world.permissionSchemes.find((s) => s.id === project.permissionSchemeId);
  if (!scheme) return errorCollection(404, ['The project has no permission scheme.']);
  return ok(schemeJson(ctx.world, ctx.baseUrl, scheme, ctx.query.list('expand')));
};

export const getPermissionScheme: Handler = (ctx) => {
  if (ctx.caller.kind === 'anonymous') return needsLogin();
  const schemeId = ctx.params.schemeId ?? '';
  const scheme = /^\d+$/.test(schemeId)
    ? ctx.world.permissionSchemes.find((s) => s.id === Number(schemeId))
    : undefined;
  // Spec: "Permission to access Jira"; 404 when missing or the caller lacks the permission.
  if (!scheme || !hasProductAccess(ctx.caller.user)) {
    return errorCollection(404, [`The permission scheme with id '${schemeId}' does not exist.`]);
  }
  return ok(schemeJson(ctx.world, ctx.baseUrl, scheme, ctx.query.list('expand')));
};
