/**
 * Permission evaluation from permission schemes, project roles, groups and product access.
 * Pure functions over the world; no HTTP here.
 */
import { sitePermission } from './catalogue';
import {
  siteOptions,
  type World,
  type WorldHolder,
  type WorldProject,
  type WorldUser,
} from './world';

export type Caller = { kind: 'anonymous' } | { kind: 'user'; user: WorldUser };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

/**
 * 'mypermissions': `/mypermissions`, documented to evaluate Service Management projects like the
 * customer portal and to count issue-data grants at project level. 'standard': everything else.
 */
export type EvalContext = 'standard' | 'mypermissions';

/** Role whose members are the project's portal customers (Jira Service Management). */
export const SERVICE_DESK_CUSTOMERS_ROLE = 'Service Desk Customers';

const ISSUE_DATA_HOLDERS = new Set(['reporter', 'assignee', 'userCustomField', 'groupCustomField']);

export function callerFor(user: WorldUser | undefined): Caller {
  return user ? { kind: 'user', user } : ANONYMOUS;
}

/**
 * Access to at least one Jira product. Deactivated users lose it; portal-only `customer` accounts
 * never have it.
 */
export function hasProductAccess(user: WorldUser): boolean {
  return user.active && user.accountType !== 'customer' && user.applicationRoles.length > 0;
}

export function hasGlobalPermission(world: World, caller: Caller, key: string): boolean {
  const def = sitePermission(world, key);
  if (!def || def.type !== 'GLOBAL' || caller.kind === 'anonymous') return false;
  const user = caller.user;
  if (!user.active || user.accountType === 'customer') return false;
  const groups = world.globalPermissions[key] ?? [];
  return user.groups.some((g) => groups.includes(g));
}

function inRole(
  user: WorldUser,
  project: WorldProject,
  match: (role: { id: number; name: string }) => boolean,
): boolean {
  return project.roles.some(
    (role) =>
      match(role) &&
      (role.actors.users.includes(user.accountId) ||
        role.actors.groups.some((g) => user.groups.includes(g))),
  );
}

export function isPortalCustomer(user: WorldUser, project: WorldProject): boolean {
  return (
    user.active &&
    project.projectTypeKey === 'service_desk' &&
    inRole(user, project, (r) => r.name === SERVICE_DESK_CUSTOMERS_ROLE)
  );
}

export function holderMatches(
  world: World,
  holder: WorldHolder,
  caller: Caller,
  project: WorldProject,
  ctx: EvalContext,
): boolean {
  if (holder.type === 'anyone') return true;
  if (caller.kind === 'anonymous') return false;
  const user = caller.user;
  // Read where needed: building the options is the costliest part of a common grant's match.
  const options = (): ReturnType<typeof siteOptions> => siteOptions(world);
  if (holder.type === 'sd.customer.portal.only') {
    const counts = ctx === 'mypermissions' || options().portalCustomerGrants === 'everywhere';
    return counts && isPortalCustomer(user, project);
  }
  if (!hasProductAccess(user)) return false;
  if (
    project.projectTypeKey === 'service_desk' &&
    options().serviceDeskNeedsAgentLicence &&
    !user.applicationRoles.includes('jira-servicedesk')
  ) {
    return false;
  }
  if (ISSUE_DATA_HOLDERS.has(holder.type)) {
    // Issue-level holders: at project level only /mypermissions counts them (documented example:
    // "any user can be a reporter"); a specific issue may still say no.
    return ctx === 'mypermissions' && options().issueHoldersInMyPermissions;
  }
  switch (holder.type) {
    case 'applicationRole':
      // No parameter = "any logged in user": anyone with access to a Jira product.
      return holder.parameter ? user.applicationRoles.includes(holder.parameter) : true;
    case 'group':
      return holder.parameter !== undefined && user.groups.includes(holder.parameter);
    case 'user':
      return holder.parameter === user.accountId;
    case 'projectLead':
      return project.lead === user.accountId;
    case 'projectRole':
      return inRole(user, project, (r) => String(r.id) === holder.parameter);
    default:
      return false;
  }
}

export function hasProjectPermission(
  world: World,
  caller: Caller,
  project: WorldProject,
  key: string,
  ctx: EvalContext = 'standard',
): boolean {
  const def = sitePermission(world, key);
  if (!def || def.type !== 'PROJECT') return false;
  const scheme = world.permissionSchemes.find((s) => s.id === project.permissionSchemeId);
  if (!scheme) return false;
  return scheme.grants.some(
    (grant) => grant.permission === key && holderMatches(world, grant.holder, caller, project, ctx),
  );
}

export function isJiraAdmin(world: World, caller: Caller): boolean {
  return hasGlobalPermission(world, caller, 'ADMINISTER');
}

/** Project administrators: Administer Projects in that project, or Administer Jira. */
export function isProjectAdmin(world: World, caller: Caller, project: WorldProject): boolean {
  return (
    isJiraAdmin(world, caller) ||
    hasProjectPermission(world, caller, project, 'ADMINISTER_PROJECTS')
  );
}

/** "View" as the spec defines it for project search: Browse, Administer Projects or Administer Jira. */
export function canViewProject(
  world: World,
  caller: Caller,
  project: WorldProject,
  ctx: EvalContext = 'standard',
): boolean {
  return (
    hasProjectPermission(world, caller, project, 'BROWSE_PROJECTS', ctx) ||
    hasProjectPermission(world, caller, project, 'ADMINISTER_PROJECTS', ctx) ||
    isJiraAdmin(world, caller)
  );
}

/** The global context of /mypermissions: a project permission held in any project. */
export function hasProjectPermissionAnywhere(
  world: World,
  caller: Caller,
  key: string,
  ctx: EvalContext = 'standard',
): boolean {
  return world.projects.some((p) => hasProjectPermission(world, caller, p, key, ctx));
}

export function administersAnyProject(world: World, caller: Caller): boolean {
  return isJiraAdmin(world, caller) || world.projects.some((p) => isProjectAdmin(world, caller, p));
}
