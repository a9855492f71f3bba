import { permissionNames } from '../presentation/permission-names';
import { sentence } from '../presentation/text';
import type { Grant, RoleMembers } from './grants';

/** The project role Atlassian creates for app users (Connect and Forge apps, service accounts). */
const APP_ACCESS_ROLE = 'atlassian-addons-project-access';

export interface Recommendation {
  /** One sentence an admin can act on. */
  summary: string;
  roles: string[];
  groups: string[];
  /** Missing permissions that no role or group in the scheme grants: the scheme itself must change. */
  ungranted: string[];
}

interface Option {
  kind: 'role' | 'group';
  name: string;
  grants: Set<string>;
}

/**
 * Least privilege: prefer one existing project role that carries every missing permission and
 * not Administer Projects, the one with the fewest other grants; otherwise the smallest set of
 * roles (then groups) that covers them, greedily. Never suggests Administer Jira or a role that
 * administers the project. Whether app and service accounts can join ordinary groups is not
 * documented (docs/jira-behaviour.md J3), so only roles, the path known to work for them, are offered;
 * the app-access role is offered to app accounts only.
 */
export function recommend(
  who: string,
  projectKey: string,
  missing: readonly string[],
  grants: readonly Grant[],
  roles: readonly RoleMembers[],
  options: {
    /** False for app and service accounts: project roles are the path known to work for them. */
    groupsAllowed: boolean;
    serviceDesk: boolean;
    /** Roles the user already has in this project. */
    userRoles: readonly string[];
  },
): Recommendation | null {
  if (missing.length === 0) return null;
  const candidates: Option[] = [];
  for (const role of roles) {
    // Atlassian reserves this role for app users; a person added to it is hard to audit later.
    if (options.groupsAllowed && role.name === APP_ACCESS_ROLE) continue;
    const given = new Set(
      grants
        .filter((g) => g.type === 'projectRole' && g.parameter === role.id)
        .map((g) => g.permission),
    );
    if (!given.has('ADMINISTER_PROJECTS') && given.size > 0)
      candidates.push({ kind: 'role', name: role.name, grants: given });
  }
  if (options.groupsAllowed) {
    const groups = new Set(
      grants.filter((g) => g.type === 'group' && g.parameter).map((g) => g.parameter as string),
    );
    for (const name of groups) {
      const given = new Set(
        grants.filter((g) => g.type === 'group' && g.parameter === name).map((g) => g.permission),
      );
      if (!given.has('ADMINISTER_PROJECTS'))
        candidates.push({ kind: 'group', name, grants: given });
    }
  }

  const single = candidates
    .filter((c) => c.kind === 'role' && missing.every((p) => c.grants.has(p)))
    .sort((a, b) => a.grants.size - b.grants.size)[0];
  const chosen: Option[] = single ? [single] : greedyCover(missing, candidates);
  const covered = new Set(chosen.flatMap((c) => [...c.grants]));
  const ungranted = missing.filter((p) => !covered.has(p));

  const parts = chosen.map((c) =>
    c.kind === 'role'
      ? `add ${who} to project role "${c.name}" in ${projectKey}`
      : `add ${who} to group "${c.name}"`,
  );
  let summary = parts.length
    ? `${sentence(parts.join(', and '))} (grants ${permissionNames(missing.filter((p) => covered.has(p)))}).`
    : '';
  if (ungranted.length) {
    const held = grantTarget(
      chosen.filter((c) => c.kind === 'role').map((c) => c.name),
      options.userRoles,
    );
    const where = held
      ? options.userRoles.includes(held)
        ? `add a grant of ${permissionNames(ungranted)} to project role "${held}", which ${who} already has`
        : `add a grant of ${permissionNames(ungranted)} to project role "${held}", the role suggested above`
      : `add a grant of ${permissionNames(ungranted)} to a project role and add ${who} to that role`;
    summary += `${summary ? ' ' : ''}No suitable role${options.groupsAllowed ? ' or group' : ''} in the permission scheme of ${projectKey} grants ${permissionNames(ungranted)}: ${where} (mind that the scheme may be shared with other projects).`;
  }
  if (options.serviceDesk)
    summary += ` ${projectKey} is a Service Management project: ${who} also needs a Jira Service Management agent licence.`;
  return {
    summary: summary.trim(),
    roles: chosen.filter((c) => c.kind === 'role').map((c) => c.name),
    groups: chosen.filter((c) => c.kind === 'group').map((c) => c.name),
    ungranted,
  };
}

/**
 * Project roles meant for every user of a product (Jira's default "Users" role): a grant to one
 * reaches far more people than the sync user. Never the target of a suggested grant when another
 * role will do (#24).
 */
const BROAD_ROLES = new Set(['users']);

export function isBroadRole(name: string): boolean {
  return BROAD_ROLES.has(name.trim().toLowerCase());
}

/**
 * The role a missing permission should be granted to, least privilege first: a role the
 * recommendation adds the user to anyway (it was chosen for what a sync user needs), else a role
 * the user already has that is not broad, else (only when nothing else exists) a broad one the
 * user has. Null when the user has no role and none is recommended.
 */
export function grantTarget(
  recommended: readonly string[],
  userRoles: readonly string[],
): string | null {
  const count = (names: readonly string[]) => {
    const seen = new Map<string, number>();
    for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
    return [...seen].sort((a, b) => b[1] - a[1]).map(([n]) => n);
  };
  const fits = (n: string) => !isBroadRole(n);
  return (
    count(recommended).find(fits) ??
    count(userRoles).find(fits) ??
    count(recommended)[0] ??
    count(userRoles)[0] ??
    null
  );
}

function greedyCover(missing: readonly string[], candidates: readonly Option[]): Option[] {
  const left = new Set(missing);
  const chosen: Option[] = [];
  while (left.size > 0) {
    const gain = (c: Option): number => [...left].filter((p) => c.grants.has(p)).length;
    // Roles before groups on a tie; fewer extra grants first.
    const best = [...candidates]
      .filter((c) => !chosen.includes(c) && gain(c) > 0)
      .sort(
        (a, b) =>
          gain(b) - gain(a) ||
          (a.kind === b.kind ? 0 : a.kind === 'role' ? -1 : 1) ||
          a.grants.size - b.grants.size,
      )[0];
    if (!best) break;
    chosen.push(best);
    for (const p of best.grants) left.delete(p);
  }
  return chosen;
}
