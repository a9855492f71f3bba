/**
 * Pure evaluation of a permission scheme for one user in one project: which grants give a
 * permission to the user (and through what), and which grants would.
 */

export interface Grant {
  permission: string;
  type: string;
  /** group name, role id, account id, product key or field id; null for anyone/projectLead/etc. */
  parameter: string | null;
}

export interface RoleMembers {
  id: string;
  name: string;
  users: string[];
  groups: string[];
}

export interface UserFacts {
  accountId: string;
  groups: string[];
  products: string[];
  accountType: string | null;
}

export interface ProjectSetting {
  key: string;
  lead: string | null;
  roles: RoleMembers[];
}

/** Holder types whose answer depends on the issue (reporter, assignee, custom fields). */
const ISSUE_DEPENDENT = new Set(['reporter', 'assignee', 'userCustomField', 'groupCustomField']);

export function describeHolder(grant: Grant, roles: readonly RoleMembers[]): string {
  switch (grant.type) {
    case 'anyone':
      return 'anyone (including anonymous users)';
    case 'applicationRole':
      return grant.parameter
        ? `application role ${grant.parameter}`
        : 'any user with Jira product access';
    case 'group':
      return `group ${grant.parameter}`;
    case 'projectRole':
      return `project role ${roles.find((r) => r.id === grant.parameter)?.name ?? `#${grant.parameter}`}`;
    case 'user':
      return `user ${grant.parameter}`;
    case 'projectLead':
      return 'the project lead';
    case 'sd.customer.portal.only':
      return 'Service Management portal customers';
    default:
      return grant.parameter ? `${grant.type} ${grant.parameter}` : grant.type;
  }
}

/** How the grant reaches the user, e.g. "project role Developers, through group jira-software-users"; null when it does not. */
export function grantPath(grant: Grant, user: UserFacts, project: ProjectSetting): string | null {
  const roles = project.roles;
  const label = describeHolder(grant, roles);
  switch (grant.type) {
    case 'anyone':
      return label;
    case 'applicationRole':
      if (grant.parameter) return user.products.includes(grant.parameter) ? label : null;
      return user.products.length > 0 ? label : null;
    case 'group':
      return grant.parameter && user.groups.includes(grant.parameter) ? label : null;
    case 'user':
      return grant.parameter === user.accountId ? label : null;
    case 'projectLead':
      return project.lead === user.accountId ? label : null;
    case 'projectRole': {
      const role = roles.find((r) => r.id === grant.parameter);
      if (!role) return null;
      if (role.users.includes(user.accountId)) return `${label}, as a direct member`;
      const group = role.groups.find((g) => user.groups.includes(g));
      return group ? `${label}, through group ${group}` : null;
    }
    case 'sd.customer.portal.only':
      return user.accountType === 'customer' ? label : null;
    default:
      return null;
  }
}

export interface PermissionExplanation {
  permission: string;
  held: boolean | null;
  /** How the user holds it (empty when not held or unknown). */
  grantedBy: string[];
  /** When not held: every grant in the scheme that gives it (to someone). */
  grantsInScheme: string[];
  /** Grants that depend on the issue (reporter, assignee, custom fields): Jira may allow it on some issues. */
  issueDependent: string[];
  /** When a grant reaches the user but Jira still says no: why. */
  ineffective?: string;
}

export function explainPermission(
  permission: string,
  held: boolean | null,
  grants: readonly Grant[],
  user: UserFacts,
  project: ProjectSetting,
): PermissionExplanation {
  const relevant = grants.filter((g) => g.permission === permission);
  return {
    permission,
    held,
    grantedBy: relevant
      .map((g) => grantPath(g, user, project))
      .filter((p): p is string => p !== null),
    grantsInScheme: relevant
      .filter((g) => !ISSUE_DEPENDENT.has(g.type))
      .map((g) => describeHolder(g, project.roles)),
    issueDependent: relevant
      .filter((g) => ISSUE_DEPENDENT.has(g.type))
      .map((g) => describeHolder(g, project.roles)),
  };
}
