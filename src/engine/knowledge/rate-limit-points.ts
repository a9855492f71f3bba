import type { ObjectCounts, RequestEvidence } from '../port/evidence';

/**
 * What a Forge run costs in Jira Cloud's points-based rate limit (docs/jira-behaviour.md S7, S8).
 *
 * Source: Atlassian, "Rate limiting", Jira Cloud platform
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/, enforced since 2 March
 * 2026). What the page says, and all this module relies on:
 *
 * - Every request starts at 1 point; each object involved adds its cost: core domain objects
 *   (issues, projects, dashboards, attachments) 1 point, identity and access objects (users,
 *   groups, project roles, permissions) 2 points, any object the catalogue does not list 1 point
 *   (the documented default). Write requests (POST, PUT, PATCH, DELETE) cost the base point only.
 * - The quota: Tier 1, the default, is one pool of 65,000 points an hour shared by all the app's
 *   sites; Tier 2 (after Atlassian's review) gives each site its own pool by edition.
 * - It applies to Forge, Connect and OAuth 2.0 (3LO) apps; API-token traffic is exempt.
 *
 * What the page does not say, and how this model decides it (each says so where it is used):
 *
 * - Which objects of an answer count. The page's examples count the entities an answer lists
 *   (1 issue; 8 group members). We count the same: the items of the answer's list, or 1 for a
 *   single entity; objects nested inside them (a project's lead, a user's groups) are not
 *   counted.
 * - A POST that only reads (`search/jql`, `permissions/check`). The page's write row names POST
 *   but "applies to" operations that create, update or remove data. We price such a POST as a
 *   read (base + objects), the higher of the two readings.
 * - A refused or failed answer. We count its base point and no objects.
 */

export const RATE_LIMIT_SOURCE =
  'https://developer.atlassian.com/cloud/jira/platform/rate-limiting/';

/** Points, as documented. */
export const POINTS = {
  /** Every request. */
  base: 1,
  /** Per core domain object read: issues, projects, dashboards, attachments. */
  core: 1,
  /** Per identity and access object read: users, groups, project roles, permissions. */
  identity: 2,
  /** Per object the catalogue does not list: the documented default. */
  other: 1,
  /** A write (create, update, delete): the base point only. */
  write: 1,
} as const;

/** Points an hour, as documented; a window resets at the top of each UTC hour. */
export const QUOTA = {
  /** Tier 1 (every app by default): one pool shared by all the app's sites. */
  globalPoolPerHour: 65_000,
  /** Tier 2 (after review): each site's own pool, by edition: base + per user. */
  perTenant: {
    free: { base: 65_000, perUser: 0 },
    standard: { base: 100_000, perUser: 10 },
    premium: { base: 130_000, perUser: 20 },
    enterprise: { base: 150_000, perUser: 30 },
  },
  /** Tier 2's cap for Standard, Premium and Enterprise. */
  perTenantCapPerHour: 500_000,
} as const;

export type Edition = keyof typeof QUOTA.perTenant;

/** A site's own hourly pool in Tier 2. */
export function perTenantQuota(edition: Edition, users: number): number {
  const { base, perUser } = QUOTA.perTenant[edition];
  const quota = base + perUser * Math.max(0, users);
  return edition === 'free' ? quota : Math.min(quota, QUOTA.perTenantCapPerHour);
}

/** One line a report carries: how the points were counted (the report's `cost.pointsBasis`). */
export const POINTS_BASIS =
  "Atlassian's Jira Cloud points model (rate limiting, enforced since 2 March 2026): 1 point a request, plus 1 for each project, issue or other object and 2 for each user, role or permission the answer lists; a write costs 1. Counted for the requests the Forge app makes as the signed-in user; API-token and anonymous requests are exempt.";

const NONE: ObjectCounts = { core: 0, identity: 0, other: 0 };

type Counter = (json: unknown) => ObjectCounts;

interface Rule {
  method: 'GET' | 'POST';
  path: RegExp;
  count: Counter;
}

const obj = (json: unknown): Record<string, unknown> =>
  typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const keysOf = (value: unknown): number => Object.keys(obj(value)).length;

const core = (n: number): ObjectCounts => ({ core: n, identity: 0, other: 0 });
const identity = (n: number): ObjectCounts => ({ core: 0, identity: n, other: 0 });
const other = (n: number): ObjectCounts => ({ core: 0, identity: 0, other: n });

/** A list answer (an array, or a page's `values`), else one entity. */
function listed(json: unknown): number {
  if (Array.isArray(json)) return json.length;
  const values = obj(json).values;
  return Array.isArray(values) ? values.length : 1;
}

/** The endpoints a check reads, by what their answers list; anything else: `defaultCount`. */
const RULES: readonly Rule[] = [
  // Permissions: the site's list, or the caller's own (a map of permission key → permission).
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/(my)?permissions$/,
    count: (j) => identity(keysOf(obj(j).permissions)),
  },
  {
    // The bulk check lists each permission with the project and issue IDs that hold it.
    method: 'POST',
    path: /^\/rest\/api\/3\/permissions\/check$/,
    count: (j) => {
      const entries = list(obj(j).projectPermissions).map(obj);
      return {
        core: entries.reduce((n, e) => n + list(e.projects).length + list(e.issues).length, 0),
        identity: list(obj(j).globalPermissions).length + entries.length,
        other: 0,
      };
    },
  },
  { method: 'GET', path: /^\/rest\/api\/3\/project\/search$/, count: (j) => core(listed(j)) },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/search\/jql$/,
    count: (j) => core(list(obj(j).issues).length),
  },
  { method: 'GET', path: /^\/rest\/api\/3\/(myself|user)$/, count: () => identity(1) },
  { method: 'GET', path: /^\/rest\/api\/3\/user\/search$/, count: (j) => identity(listed(j)) },
  // A project's roles: a map of role name → address.
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/project\/[^/]+\/role$/,
    count: (j) => identity(keysOf(j)),
  },
  {
    // One role and its actors (users and groups).
    method: 'GET',
    path: /^\/rest\/api\/3\/project\/[^/]+\/role\/[^/]+$/,
    count: (j) => identity(1 + list(obj(j).actors).length),
  },
  {
    // A permission scheme and its grants (each a permission given to a holder).
    method: 'GET',
    path: /^\/rest\/api\/3\/permissionscheme\/[^/]+$/,
    count: (j) => ({ core: 0, identity: list(obj(j).permissions).length, other: 1 }),
  },
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/project\/(?!search$)[^/]+$/,
    count: () => core(1),
  },
  {
    // Create metadata: a project's issue types, or one issue type's fields.
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/createmeta\//,
    count: (j) => {
      const body = obj(j);
      const items = body.issueTypes ?? body.fields ?? body.values;
      return other(Array.isArray(items) ? items.length : 1);
    },
  },
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/[^/]+\/editmeta$/,
    count: (j) => other(keysOf(obj(j).fields)),
  },
];

/** Any other read: the items of its list, or one entity, at the documented default cost. */
const defaultCount: Counter = (json) => other(listed(json));

const pathOnly = (path: string): string => {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
};

/** Reads: every GET, and the POSTs that only read. Anything else is priced as a write. */
function ruleFor(method: string, path: string): Counter | null {
  const bare = pathOnly(path);
  const rule = RULES.find((r) => r.method === method && r.path.test(bare));
  if (rule) return rule.count;
  return method === 'GET' ? defaultCount : null;
}

/**
 * The counter the HTTP client applies to a successful JSON answer (see `JiraRequest.countObjects`),
 * or undefined for a write, whose objects cost nothing.
 */
export function objectCounter(method: string, path: string): Counter | undefined {
  const count = ruleFor(method, path);
  if (!count) return undefined;
  return (json) => {
    try {
      return count(json);
    } catch {
      return NONE;
    }
  };
}

/** Does this request spend the app's points? Only what Forge sends as the app or the signed-in user. */
export function spendsPoints(entry: Pick<RequestEvidence, 'target' | 'auth'>): boolean {
  return entry.target === 'forge' && entry.auth !== 'none';
}

/** One request's points: a write its base point; a read its base point plus its objects. */
export function requestPoints(
  entry: Pick<RequestEvidence, 'method' | 'path' | 'status'> & { objects?: ObjectCounts },
): number {
  if (ruleFor(entry.method, entry.path) === null) return POINTS.write;
  const ok = entry.status !== null && entry.status >= 200 && entry.status < 300;
  const o = ok ? (entry.objects ?? NONE) : NONE;
  return POINTS.base + o.core * POINTS.core + o.identity * POINTS.identity + o.other * POINTS.other;
}

export interface RunCost {
  /** Requests that spend the site's rate-limit points (made by Forge as the app or user). */
  requests: number;
  points: number;
}

/** What a run's requests cost, from its evidence (every attempt is one request). */
export function runCost(
  entries: ReadonlyArray<
    Pick<RequestEvidence, 'method' | 'path' | 'status' | 'target' | 'auth'> & {
      objects?: ObjectCounts;
    }
  >,
): RunCost {
  let requests = 0;
  let points = 0;
  for (const entry of entries) {
    if (!spendsPoints(entry)) continue;
    requests += 1;
    points += requestPoints(entry);
  }
  return { requests, points };
}
