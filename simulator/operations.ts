/**
 * The operations the simulator serves, with the OAuth 2.0 scopes the official spec lists for each
 * (`x-atlassian-oauth2-scopes`: one alternative per entry, classic and granular; any alternative
 * satisfies). `test/simulator/operations.test.ts` checks this table against the spec.
 */

import { OPERATION_SCOPES } from '../src/engine/knowledge/operation-scopes.generated';

export interface OperationDef {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Path template relative to the site or gateway base. */
  template: string;
  /** Scope alternatives; an empty alternative means any token qualifies. */
  scopes: string[][];
  /** False for endpoints outside the REST spec (e.g. `/_edge/tenant_info`). */
  inSpec: boolean;
}

const op = (
  operationId: string,
  method: 'GET' | 'POST' | 'PUT',
  template: string,
  scopes: string[][],
): OperationDef => ({ operationId, method, template, scopes, inSpec: true });

/** The spec's scopes of both JQL searches by POST: the removed one and its replacement. */
const JQL_SEARCH_POST_SCOPES = [
  ['read:jira-work'],
  [
    'read:issue-details:jira',
    'read:field.default-value:jira',
    'read:field.option:jira',
    'read:field:jira',
    'read:group:jira',
  ],
];

const PROJECT_READ = [
  'read:issue-type:jira',
  'read:project:jira',
  'read:project.property:jira',
  'read:user:jira',
  'read:application-role:jira',
  'read:avatar:jira',
  'read:group:jira',
  'read:issue-type-hierarchy:jira',
  'read:project-category:jira',
  'read:project-version:jira',
  'read:project.component:jira',
];
const SCHEME_READ = [
  'read:application-role:jira',
  'read:field:jira',
  'read:group:jira',
  'read:permission-scheme:jira',
  'read:permission:jira',
  'read:project-role:jira',
  'read:user:jira',
  'read:avatar:jira',
  'read:project-category:jira',
  'read:project:jira',
];
const USER_READ = [
  'read:application-role:jira',
  'read:group:jira',
  'read:user:jira',
  'read:avatar:jira',
];
const CREATEMETA_READ = [
  'read:issue-meta:jira',
  'read:avatar:jira',
  'read:field-configuration:jira',
];

const CORE_OPERATIONS: readonly OperationDef[] = [
  {
    operationId: 'getTenantInfo',
    method: 'GET',
    template: '/_edge/tenant_info',
    scopes: [[]],
    inSpec: false,
  },
  {
    // The site's own status page, outside the REST API (A3: Atlassian's GitHub for Jira app asks
    // it after a 503 to tell a suspended site from an outage).
    operationId: 'getSiteStatus',
    method: 'GET',
    template: '/status',
    scopes: [[]],
    inSpec: false,
  },
  op('getCurrentUser', 'GET', '/rest/api/3/myself', [['read:jira-user'], USER_READ]),
  op('getServerInfo', 'GET', '/rest/api/3/serverInfo', [[], []]),
  op('getMyPermissions', 'GET', '/rest/api/3/mypermissions', [
    ['read:jira-work'],
    ['read:permission:jira'],
  ]),
  op('getAllPermissions', 'GET', '/rest/api/3/permissions', [
    ['manage:jira-configuration'],
    ['read:permission:jira'],
  ]),
  op('getBulkPermissions', 'POST', '/rest/api/3/permissions/check', [[], ['read:permission:jira']]),
  op('searchProjects', 'GET', '/rest/api/3/project/search', [['read:jira-work'], PROJECT_READ]),
  op('getAllProjectCategories', 'GET', '/rest/api/3/projectCategory', [
    ['read:jira-work'],
    ['read:project-category:jira'],
  ]),
  op('getProject', 'GET', '/rest/api/3/project/{projectIdOrKey}', [
    ['read:jira-work'],
    PROJECT_READ,
  ]),
  op(
    'getAssignedPermissionScheme',
    'GET',
    '/rest/api/3/project/{projectKeyOrId}/permissionscheme',
    [['read:jira-work'], SCHEME_READ],
  ),
  op('getPermissionScheme', 'GET', '/rest/api/3/permissionscheme/{schemeId}', [
    ['read:jira-work'],
    SCHEME_READ,
  ]),
  // Which schemes the target projects use (#24): Administer Jira only.
  op('getIssueTypeSchemeForProjects', 'GET', '/rest/api/3/issuetypescheme/project', [
    ['manage:jira-configuration'],
    ['read:issue-type-scheme:jira'],
  ]),
  op(
    'getIssueTypeScreenSchemeProjectAssociations',
    'GET',
    '/rest/api/3/issuetypescreenscheme/project',
    [['manage:jira-configuration'], ['read:issue-type-screen-scheme:jira']],
  ),
  op(
    'getFieldConfigurationSchemeProjectMapping',
    'GET',
    '/rest/api/3/fieldconfigurationscheme/project',
    [['manage:jira-configuration'], ['read:field-configuration-scheme:jira']],
  ),
  op('searchSecuritySchemes', 'GET', '/rest/api/3/issuesecurityschemes/search', [
    ['manage:jira-configuration'],
    ['read:issue-security-level:jira', 'read:issue-security-scheme:jira'],
  ]),
  op('getProjectRoles', 'GET', '/rest/api/3/project/{projectIdOrKey}/role', [
    ['read:jira-work'],
    ['read:project-role:jira'],
  ]),
  op('getProjectRole', 'GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}', [
    ['read:jira-work'],
    [
      'read:user:jira',
      'read:group:jira',
      'read:project-role:jira',
      'read:project:jira',
      'read:avatar:jira',
      'read:project-category:jira',
    ],
  ]),
  op('getUser', 'GET', '/rest/api/3/user', [['read:jira-user'], USER_READ]),
  op('getUserGroups', 'GET', '/rest/api/3/user/groups', [['read:jira-user'], ['read:group:jira']]),
  op('findUsers', 'GET', '/rest/api/3/user/search', [
    ['read:jira-user'],
    [
      'read:user:jira',
      'read:user.property:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:group:jira',
    ],
  ]),
  op('findUsersWithAllPermissions', 'GET', '/rest/api/3/user/permission/search', [
    ['read:jira-user'],
    [
      'read:issue:jira',
      'read:project:jira',
      'read:user:jira',
      'read:application-role:jira',
      'read:avatar:jira',
      'read:group:jira',
    ],
  ]),
  op(
    'getCreateIssueMetaIssueTypes',
    'GET',
    '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
    [['read:jira-work'], CREATEMETA_READ],
  ),
  op(
    'getCreateIssueMetaIssueTypeId',
    'GET',
    '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}',
    [['read:jira-work'], CREATEMETA_READ],
  ),
  // The old JQL search, removed in 2025: the spec still lists it, deprecated ("Endpoint is
  // currently being removed", CHANGE-2046); Jira Cloud answers 410 (recorded: docs/jira-behaviour.md,
  // "Triage: what pasted errors also look like"; routes/issues.ts `removedSearch`).
  op('searchForIssuesUsingJql', 'GET', '/rest/api/3/search', [
    ['read:jira-work'],
    [
      'read:issue-details:jira',
      'read:audit-log:jira',
      'read:avatar:jira',
      'read:field-configuration:jira',
      'read:issue-meta:jira',
    ],
  ]),
  op('searchForIssuesUsingJqlPost', 'POST', '/rest/api/3/search', JQL_SEARCH_POST_SCOPES),
  op(
    'searchAndReconsileIssuesUsingJqlPost',
    'POST',
    '/rest/api/3/search/jql',
    JQL_SEARCH_POST_SCOPES,
  ),
  op('getEditIssueMeta', 'GET', '/rest/api/3/issue/{issueIdOrKey}/editmeta', [
    ['read:jira-work'],
    ['read:issue-meta:jira', 'read:field-configuration:jira'],
  ]),
  op('getFields', 'GET', '/rest/api/3/field', [
    ['read:jira-work'],
    [
      'read:field:jira',
      'read:avatar:jira',
      'read:project-category:jira',
      'read:project:jira',
      'read:field-configuration:jira',
    ],
  ]),
];

/**
 * The synchronizer's own operations (read an issue, create, edit, comment, …). Their scopes come
 * from the same spec-generated table the engine uses (`npm run generate:scopes`);
 * `test/simulator/operations.test.ts` checks every row against the spec itself.
 */
const SYNC_OPERATIONS: readonly OperationDef[] = Object.entries(OPERATION_SCOPES)
  .filter(([operationId]) => !CORE_OPERATIONS.some((core) => core.operationId === operationId))
  .map(([operationId, spec]) =>
    op(operationId, spec.method as OperationDef['method'], spec.path, [
      [...spec.classic],
      [...spec.granular],
    ]),
  );

export const OPERATIONS: readonly OperationDef[] = [...CORE_OPERATIONS, ...SYNC_OPERATIONS];

export interface OperationMatch {
  op: OperationDef;
  params: Record<string, string>;
}

export type RouteLookup =
  | { kind: 'match'; match: OperationMatch }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'none' };

/** `'GET /rest/api/3/project/{projectIdOrKey}'`: the key fault rules and the log use. */
export function operationKey(op: OperationDef): string {
  return `${op.method} ${op.template}`;
}

function matchTemplate(
  template: string,
  path: string,
): { params: Record<string, string>; literals: number } | null {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return null;
  const params: Record<string, string> = {};
  let literals = 0;
  for (let i = 0; i < t.length; i++) {
    const seg = t[i] as string;
    const actual = p[i] as string;
    const name = /^\{(.+)\}$/.exec(seg)?.[1];
    if (name !== undefined) {
      if (actual === '') return null;
      try {
        params[name] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (seg === actual) {
      literals++;
    } else {
      return null;
    }
  }
  return { params, literals };
}

/** Finds the operation for a path; literal segments beat parameters (`/project/search` vs `/project/{key}`). */
export function lookupRoute(method: string, path: string): RouteLookup {
  const normalised = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  let best: { op: OperationDef; params: Record<string, string>; literals: number } | null = null;
  const allowed = new Set<string>();
  for (const candidate of OPERATIONS) {
    const m = matchTemplate(candidate.template, normalised);
    if (!m) continue;
    if (candidate.method !== method.toUpperCase()) {
      allowed.add(candidate.method);
      continue;
    }
    if (!best || m.literals > best.literals) best = { op: candidate, ...m };
  }
  if (best) return { kind: 'match', match: { op: best.op, params: best.params } };
  if (allowed.size > 0) return { kind: 'method-not-allowed', allowed: [...allowed] };
  return { kind: 'none' };
}

/** True when a token with these scopes may call the operation. */
export function scopesSatisfy(op: OperationDef, tokenScopes: readonly string[]): boolean {
  return op.scopes.some((alternative) => alternative.every((s) => tokenScopes.includes(s)));
}
