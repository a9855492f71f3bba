/**
 * Benchmark worlds: the base site's users, groups and schemes, with N generated projects instead
 * of the four hand-written ones.
 *
 * - `healthy`: the sync user holds every required permission in every project. Most projects
 *   share the default software scheme; every 7th uses "Team scheme B" and every 11th "Team scheme
 *   C" (same grants, different ids), so a run that read schemes would have several to read.
 * - `explain`: like `healthy`, but every 100th project (index 0, 100, 200, …; so 1 project for
 *   N ≤ 100, 5 for 500, 10 for 1000) lacks a permission, which makes admin mode explain it. The
 *   broken projects alternate between two shared schemes (Create Issues or Edit Issues granted
 *   to Administrators only), so "each scheme is fetched once" is tested with several projects per
 *   scheme.
 */
import { project, role, ROLE } from '../simulator/builders';
import type { ProjectTypeKey, World, WorldPermissionScheme } from '../simulator/world';
import {
  ACCOUNT,
  baseWorld,
  CREDENTIALS,
  DEFAULT_PERMISSIONS,
  GROUP,
  SCHEME,
  softwareScheme,
} from '../simulator/worlds/scenarios';

export type WorldKind = 'healthy' | 'explain';
export const WORLD_KINDS: readonly WorldKind[] = ['healthy', 'explain'];

/** Every 100th project is broken in the `explain` world. */
export const BROKEN_EVERY = 100;

export const BENCH_SCHEME = {
  shared: SCHEME.software,
  teamB: 10400,
  teamC: 10500,
  noCreate: 10600,
  noEdit: 10700,
} as const;

export interface BenchWorld {
  kind: WorldKind;
  n: number;
  brokenEvery: number;
  world: World;
  /** Target project keys, in order. */
  keys: string[];
  /** Keys of the projects where the sync user misses a required permission. */
  broken: string[];
  permissions: string[];
  /** Distinct permission schemes of the target projects. */
  schemes: number[];
  /** Distinct permission schemes of the broken projects. */
  brokenSchemes: number[];
}

export const projectKey = (index: number): string => `P${index + 1}`;

function withoutRoleGrant(
  id: number,
  name: string,
  permission: string,
  roleId: number,
): WorldPermissionScheme {
  const scheme = softwareScheme(id, name);
  scheme.grants = scheme.grants.filter(
    (g) => !(g.permission === permission && g.holder.parameter === String(roleId)),
  );
  return scheme;
}

/** `brokenEvery` (explain world): every how many projects one lacks a permission (default 100). */
export function benchWorld(kind: WorldKind, n: number, brokenEvery = BROKEN_EVERY): BenchWorld {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('n must be a positive integer');
  const world = baseWorld();
  world.permissionSchemes = [
    softwareScheme(BENCH_SCHEME.shared, 'Default software scheme'),
    softwareScheme(BENCH_SCHEME.teamB, 'Team scheme B'),
    softwareScheme(BENCH_SCHEME.teamC, 'Team scheme C'),
    withoutRoleGrant(
      BENCH_SCHEME.noCreate,
      'Create for administrators only',
      'CREATE_ISSUES',
      ROLE.developers.id,
    ),
    withoutRoleGrant(
      BENCH_SCHEME.noEdit,
      'Edit for administrators only',
      'EDIT_ISSUES',
      ROLE.developers.id,
    ),
  ];
  world.projects = [];
  const keys: string[] = [];
  const broken: string[] = [];
  const schemes = new Set<number>();
  const brokenSchemes = new Set<number>();
  for (let i = 0; i < n; i++) {
    const key = projectKey(i);
    const isBroken = kind === 'explain' && i % brokenEvery === 0;
    const schemeId = isBroken
      ? (i / brokenEvery) % 2 === 0
        ? BENCH_SCHEME.noCreate
        : BENCH_SCHEME.noEdit
      : i % 11 === 5
        ? BENCH_SCHEME.teamC
        : i % 7 === 3
          ? BENCH_SCHEME.teamB
          : BENCH_SCHEME.shared;
    const type: ProjectTypeKey = i % 5 === 4 ? 'business' : 'software';
    world.projects.push(
      project({
        id: String(20000 + i),
        key,
        name: `Bench project ${i + 1}`,
        type,
        lead: ACCOUNT.admin,
        schemeId,
        roles: [
          role(ROLE.developers, { groups: [GROUP.software] }),
          role(ROLE.users),
          role(ROLE.administrators, { groups: [GROUP.admins] }),
          role(ROLE.addons),
        ],
      }),
    );
    keys.push(key);
    schemes.add(schemeId);
    if (isBroken) {
      broken.push(key);
      brokenSchemes.add(schemeId);
    }
  }
  return {
    kind,
    n,
    brokenEvery,
    world,
    keys,
    broken,
    permissions: [...DEFAULT_PERMISSIONS],
    schemes: [...schemes].sort((a, b) => a - b),
    brokenSchemes: [...brokenSchemes].sort((a, b) => a - b),
  };
}

/** The logins of the base world that the bench uses. */
export const BENCH_LOGINS = {
  sync: { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token },
  admin: { email: CREDENTIALS.admin.email, token: CREDENTIALS.admin.token },
  syncAccountId: ACCOUNT.sync,
} as const;
