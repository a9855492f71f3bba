/**
 * The declarative "world" a simulated Jira Cloud site serves. Plain JSON-able data only: no
 * functions, no Dates, no classes. The running simulator reads it live, so tests may mutate it
 * between requests (revoke a token, deactivate a user, move a project to another scheme).
 */

export type AccountType = 'atlassian' | 'app' | 'customer' | 'unknown';

/** Product (application role) keys, e.g. `jira-software`, `jira-servicedesk`. */
export type ProductKey =
  'jira-software' | 'jira-servicedesk' | 'jira-core' | 'jira-product-discovery' | (string & {});

export type ProjectTypeKey = 'software' | 'service_desk' | 'business';

export interface WorldToken {
  /** Stable identifier for tests and logs (never sent over the wire). */
  id: string;
  /** The secret value a client sends as the Basic-auth password. */
  value: string;
  /** Classic API tokens are `unscoped`; 2025 scoped API tokens only work at the API gateway. */
  kind: 'unscoped' | 'scoped';
  /** OAuth 2.0 scopes of a scoped token (classic like `read:jira-work` or granular like `read:project:jira`). */
  scopes?: string[];
  /** ISO timestamp; the token is rejected from this instant on. */
  expiresAt?: string;
  revoked?: boolean;
  /** The name its owner gave it (the organisation admin API lists it as `label`). */
  label?: string;
  /** ISO timestamps the organisation admin API lists (S5); absent: not listed. */
  createdAt?: string;
  lastActiveAt?: string;
  /**
   * Blocked by an organisation policy: the admin API lists it as `BLOCKED`, and Jira refuses it
   * like a revoked one (how Jira answers a blocked token is not documented: a refused login).
   */
  blocked?: boolean;
  /**
   * Revoked automatically after this many successful uses (models "revoked in the middle of a
   * check"). The simulator sets `revoked: true` on the world when the budget is spent.
   */
  validForRequests?: number;
}

export interface WorldUser {
  accountId: string;
  displayName: string;
  email: string;
  /** False when the user hides their email address through profile visibility settings. */
  emailVisible: boolean;
  active: boolean;
  accountType: AccountType;
  /** For `accountType: 'app'`: `service` (service account) or `agent` (Rovo agent). */
  appType?: string;
  /**
   * Group names. Connect app users sit in the atlassian-addons groups; whether app and service
   * accounts can join other groups is unknown (docs/jira-behaviour.md J3).
   */
  groups: string[];
  /** Product access. Empty means no access to any Jira product. */
  applicationRoles: ProductKey[];
  /** The Atlassian account password (sending it instead of a token is a known mistake). */
  password?: string;
  tokens: WorldToken[];
  timeZone?: string;
  locale?: string;
}

export interface WorldGroup {
  name: string;
  /** Group ID (a UUID on Cloud). */
  groupId: string;
}

export interface WorldRoleActors {
  /** Account IDs. */
  users: string[];
  /** Group names. */
  groups: string[];
}

export interface WorldProjectRole {
  /** Project roles are site-wide on Cloud; the same id means the same role in every project. */
  id: number;
  name: string;
  description?: string;
  actors: WorldRoleActors;
}

export interface WorldFieldSchema {
  type: string;
  system?: string;
  custom?: string;
  customId?: number;
  items?: string;
}

export interface WorldField {
  fieldId: string;
  name: string;
  required: boolean;
  schema: WorldFieldSchema;
  hasDefaultValue?: boolean;
  operations?: string[];
  allowedValues?: unknown[];
}

export interface WorldIssueType {
  id: string;
  name: string;
  description?: string;
  subtask?: boolean;
  hierarchyLevel?: number;
  /** Fields on the create screen of this issue type in this project. */
  fields: WorldField[];
  /**
   * Field IDs on the edit screen of this issue type in this project. Absent: the create screen's
   * fields except `project` (a project is changed by moving the issue, not by editing it).
   */
  editFields?: string[];
}

/** An issue, as far as the doctor reads issues: to find one to read the edit screen of, and security. */
export interface WorldIssue {
  /** Numeric string, e.g. "10100". */
  id: string;
  key: string;
  issueTypeId: string;
  summary: string;
  /** ISO timestamp; searches order by it. */
  updated: string;
  /** The issue security level (id within the project's issue security scheme). */
  securityLevelId?: string;
  reporter?: string;
  assignee?: string;
}

/** An issue security level: who may see issues set to it (the members' holder types as Jira has them). */
export interface WorldSecurityLevel {
  id: string;
  name: string;
  description?: string;
  members: WorldHolder[];
}

export interface WorldIssueSecurityScheme {
  id: number;
  name: string;
  description?: string;
  levels: WorldSecurityLevel[];
}

export interface WorldProject {
  /** Numeric string, e.g. "10000". */
  id: string;
  key: string;
  name: string;
  projectTypeKey: ProjectTypeKey;
  description?: string;
  /** Account ID of the project lead. */
  lead: string;
  permissionSchemeId: number;
  roles: WorldProjectRole[];
  issueTypes: WorldIssueType[];
  /**
   * Lifecycle (absent = live). Documented (J1): `project/search` omits archived and recycle-bin
   * projects unless `status=archived` / `status=deleted` asks for them. Documented (A1, A2): both
   * are read-only (writes are refused; createmeta lists no issue type), and a user who had access
   * can still read an archived project's details (`GET /project/{key}`, with `archived: true`).
   * Whether a user can read a trashed one is unknown (site option `trashedProjectDetails`). How
   * the permission endpoints answer for them is not documented: as for a live project.
   */
  status?: 'live' | 'archived' | 'deleted';
  /** Issues of the project (newest last or in any order; searches sort by `updated`). */
  issues?: WorldIssue[];
  /** The issue security scheme of the project, if any (id in `World.issueSecuritySchemes`). */
  issueSecuritySchemeId?: number;
  /** The project's category, if any (id in `World.projectCategories`). */
  categoryId?: string;
  /**
   * Company-managed (`classic`, the default) or team-managed (`next-gen`). The scheme mapping
   * endpoints answer for classic projects only (the spec: "Only … used in classic projects are
   * returned"); team-managed projects have no issue type, screen or field configuration scheme.
   */
  style?: 'classic' | 'next-gen';
}

/** A project category (GET /rest/api/3/projectCategory). */
export interface WorldProjectCategory {
  /** Numeric string, e.g. "10000" (the spec types the id as a string). */
  id: string;
  name: string;
  description?: string;
}

export type HolderType =
  | 'anyone'
  | 'applicationRole'
  | 'assignee'
  | 'group'
  | 'groupCustomField'
  | 'projectLead'
  | 'projectRole'
  | 'reporter'
  | 'sd.customer.portal.only'
  | 'user'
  | 'userCustomField';

export interface WorldHolder {
  type: HolderType;
  /**
   * group: group name; projectRole: role id; user: account id; applicationRole: product key
   * (absent = any Jira product); custom fields: field id. Absent for the other types.
   */
  parameter?: string;
}

export interface WorldGrant {
  /** Grant id in responses; defaults to a stable id derived from the scheme id and position. */
  id?: number;
  permission: string;
  holder: WorldHolder;
}

export interface WorldPermissionScheme {
  id: number;
  name: string;
  description?: string;
  grants: WorldGrant[];
}

/**
 * Site facts and choices for behaviour Atlassian does not document. Every optional field has a
 * default (see `siteOptions`); each default is explained where it is declared.
 */
export interface WorldSite {
  cloudId: string;
  serverTitle?: string;
  /**
   * Remote addresses allowed to call the REST API (exact addresses or IPv4 CIDR ranges). Absent:
   * no allowlist. Loopback is rejected unless listed.
   */
  ipAllowlist?: string[];
  /** Accounts for which the site demands an interactive login (CAPTCHA) before accepting Basic auth. */
  loginChallengeFor?: string[];
  /**
   * The site is suspended (e.g. unpaid) or deactivated: every request, the status page `/status`
   * included, answers 503 (A3: recorded as a status; bodies not recorded).
   */
  suspended?: boolean;
  /** UNKNOWN: whether `/user/search?query=<email>` finds a user whose email is hidden. Default false. */
  searchMatchesHiddenEmail?: boolean;
  /** UNKNOWN: whether a hidden email is still shown to the user themself (`/myself`). Default true. */
  hiddenEmailVisibleToSelf?: boolean;
  /**
   * The spec says a hidden `emailAddress` "may be returned as null"; clients also report it
   * missing. Default 'null' (the documented wording).
   */
  hiddenEmailAs?: 'null' | 'absent';
  /** UNDOCUMENTED: unscoped (classic) API tokens at the API gateway. Default 'accept'. */
  unscopedTokensAtGateway?: 'accept' | 'reject';
  /**
   * Scoped tokens at the site URL (docs/jira-behaviour.md C6, reported and documented, no raw capture):
   * `/myself` answers 401 and the other endpoints answer as anonymous (200 with empty results,
   * 404 for projects). UNKNOWN whether those anonymous answers carry
   * `X-Seraph-LoginReason: AUTHENTICATED_FAILED` like a bad classic token (C4):
   * 'anonymous-fallback' (default) sends it, 'anonymous-unflagged' does not, and 'reject' is the
   * older belief of a 401 on every endpoint.
   */
  scopedTokenAtSite?: 'anonymous-fallback' | 'anonymous-unflagged' | 'reject';
  /**
   * UNKNOWN: how the gateway answers missing or bad credentials. 'gateway-401' answers
   * `{"code":401,"message":"Unauthorized"}` (shape inferred from the observed scope-mismatch body);
   * 'like-site' behaves like the site (anonymous fallback included). Default 'gateway-401'.
   */
  gatewayAuthFailure?: 'gateway-401' | 'like-site';
  /**
   * UNDOCUMENTED on Cloud: createmeta for a caller without Create issues. Data Center answered 400.
   * Default 'error-400'.
   */
  createMetaWithoutCreatePermission?: 'error-400' | 'empty-200' | 'not-found-404';
  /**
   * `/mypermissions` is documented to evaluate Service Management projects "similarly to a user in
   * the customer portal". UNKNOWN whether `sd.customer.portal.only` grants count anywhere else
   * (project search, bulk check, user permission search). Default 'mypermissions-only'.
   */
  portalCustomerGrants?: 'mypermissions-only' | 'everywhere';
  /**
   * Documented for `/mypermissions`: issue-data grants (reporter, assignee, user/group custom
   * fields) make a project-level answer say yes ("any user can be a reporter"). Elsewhere they
   * never count at project level. Default true.
   */
  issueHoldersInMyPermissions?: boolean;
  /**
   * Service Management needs an agent licence: when true, users without `jira-servicedesk` get
   * only `anyone` and portal-customer grants in `service_desk` projects. UNKNOWN in detail
   * (unlicensed users may act as collaborators). Default true.
   */
  serviceDeskNeedsAgentLicence?: boolean;
  /**
   * UNKNOWN: whether `POST /permissions/check` lists a requested project permission that was
   * granted nowhere (with empty arrays) or omits it. Default 'omit'.
   */
  bulkCheckEmptyEntries?: 'omit' | 'include';
  /**
   * The spec documents both 401 and 404 for a caller who may not list a project's roles.
   * Default 404.
   */
  roleListDeniedStatus?: 401 | 404;
  /**
   * Operation ids (e.g. 'findUsers', 'getAllPermissions') that answer anonymous callers — and bad
   * credentials — with 401 although the spec says they can be accessed anonymously. Default none:
   * every operation follows the spec.
   */
  requireLoginFor?: string[];
  /**
   * `GET /issue/{key}/editmeta` for a caller who may see the issue but lacks Edit Issues.
   * Documented: no field is editable without Edit Issues (the spec's note on editmeta), so no field
   * is listed; the status is not stated. 'empty-fields' (default): 200 `{"fields":{}}`, as Server
   * answered; 'forbidden-403' for a site that refuses instead.
   */
  editMetaWithoutEditPermission?: 'empty-fields' | 'forbidden-403';
  /**
   * UNKNOWN: `/myself` for an authenticated user without access to any Jira product (the spec asks
   * for "Permission to access Jira"). Default 200 (the account exists; its applicationRoles are empty).
   */
  myselfWithoutProductAccess?: 200 | 401 | 403;
  /**
   * UNKNOWN: `POST /issue/{key}/attachments` with a form that has no file part, on an issue that
   * exists (the spec lists no 400 for it). 'error-400' refuses it; 'empty-200' answers `[]`
   * (nothing attached). Default 'error-400'.
   */
  attachmentWithoutFile?: 'error-400' | 'empty-200';
  /**
   * UNKNOWN: `GET /project/{key}` of a project in the trash for a user who is not a Jira
   * administrator. 'not-found' (default) answers 404 like a hidden project; 'details' answers it
   * with `deleted: true`.
   */
  trashedProjectDetails?: 'not-found' | 'details';
  /**
   * The site's issue link type names. Default: Blocks, Cloners, Duplicate, Relates (the types a
   * new site has, as client tools list them: github.com/ankitpokhrel/jira-cli pull 89).
   */
  issueLinkTypes?: string[];
  /**
   * UNKNOWN: whether the scheme mapping endpoints filtered by `projectId`
   * (`issuetypescheme/project`, `issuetypescreenscheme/project`, `fieldconfigurationscheme/project`)
   * list, for each scheme, only the requested projects or every project using it. The spec says
   * "the projects that use it". Default 'requested'.
   */
  schemeMappingProjects?: 'requested' | 'all';
}

/**
 * A service account's OAuth 2.0 client credential (docs/jira-behaviour.md S3, S4): the client
 * ID and secret get an access token at the token endpoint, valid for an hour, with these scopes.
 */
export interface WorldOAuthClient {
  clientId: string;
  secret: string;
  /** The (service) account the access token acts as. */
  accountId: string;
  scopes: string[];
  revoked?: boolean;
  /** ISO timestamp; the credential is refused from this instant on. */
  expiresAt?: string;
}

/** An organisation admin API key (S5): Bearer, its scopes, its expiry (at most a year). */
export interface WorldOrgApiKey {
  value: string;
  scopes: string[];
  expiresAt?: string;
  revoked?: boolean;
}

/** The organisation behind the site, for the admin API (S5). */
export interface WorldOrg {
  id: string;
  apiKeys: WorldOrgApiKey[];
  /**
   * NOT DOCUMENTED: the page size without `pageSize`, and the most one page holds. Defaults 20
   * and 100.
   */
  defaultPageSize?: number;
  maxPageSize?: number;
  /**
   * The form of `links.next`, documented only as "the cursor for the next page": the opaque
   * cursor itself (default), or a URL carrying it as `cursor=`. Both are followed.
   */
  nextLink?: 'cursor' | 'url';
  /** Tokens of other members of the organisation (synthetic), to make the list long. */
  otherTokens?: number;
  /**
   * NOT DOCUMENTED beyond "fuzzy: label, user name, email": which fields `q` searches here.
   * Default all three (substring, any case); narrower to model a search that misses.
   */
  queryFields?: Array<'label' | 'name' | 'email'>;
}

export interface World {
  site: WorldSite;
  /** Service accounts' OAuth 2.0 client credentials (absent: none). */
  oauthClients?: WorldOAuthClient[];
  /** The organisation and its admin API (absent: the admin API answers 404 for every org). */
  org?: WorldOrg;
  users: WorldUser[];
  groups: WorldGroup[];
  projects: WorldProject[];
  /** Project categories (absent: none). */
  projectCategories?: WorldProjectCategory[];
  permissionSchemes: WorldPermissionScheme[];
  /** Issue security schemes (projects refer to them by id). */
  issueSecuritySchemes?: WorldIssueSecurityScheme[];
  /** Fields that exist on the site but are on no screen of any project (GET /field lists them). */
  extraFields?: WorldField[];
  /** Global permission key → group names holding it (e.g. ADMINISTER → ['jira-administrators']). */
  globalPermissions: Record<string, string[]>;
  /**
   * Permission keys that exist on this site (some sites lack some, e.g. without Jira Software).
   * Absent: every permission in the built-in catalogue.
   */
  permissionKeys?: string[];
}

export type SiteOptions = Required<
  Omit<WorldSite, 'cloudId' | 'serverTitle' | 'ipAllowlist' | 'loginChallengeFor' | 'suspended'>
>;

export const DEFAULT_SITE_OPTIONS: Readonly<SiteOptions> = {
  searchMatchesHiddenEmail: false,
  hiddenEmailVisibleToSelf: true,
  hiddenEmailAs: 'null',
  unscopedTokensAtGateway: 'accept',
  scopedTokenAtSite: 'anonymous-fallback',
  gatewayAuthFailure: 'gateway-401',
  createMetaWithoutCreatePermission: 'error-400',
  portalCustomerGrants: 'mypermissions-only',
  issueHoldersInMyPermissions: true,
  serviceDeskNeedsAgentLicence: true,
  bulkCheckEmptyEntries: 'omit',
  roleListDeniedStatus: 404,
  requireLoginFor: [],
  myselfWithoutProductAccess: 200,
  editMetaWithoutEditPermission: 'empty-fields',
  attachmentWithoutFile: 'error-400',
  trashedProjectDetails: 'not-found',
  issueLinkTypes: ['Blocks', 'Cloners', 'Duplicate', 'Relates'],
  schemeMappingProjects: 'requested',
};

/** The site's behaviour choices with defaults filled in. */
export function siteOptions(world: World): SiteOptions {
  const site = world.site;
  const out = { ...DEFAULT_SITE_OPTIONS } as SiteOptions;
  for (const key of Object.keys(DEFAULT_SITE_OPTIONS) as Array<keyof SiteOptions>) {
    const value = site[key];
    if (value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export function findUserByAccountId(world: World, accountId: string): WorldUser | undefined {
  return world.users.find((u) => u.accountId === accountId);
}

/** Emails are matched case-insensitively, like Atlassian accounts. */
export function findUserByEmail(world: World, email: string): WorldUser | undefined {
  const wanted = email.trim().toLowerCase();
  return world.users.find((u) => u.email.toLowerCase() === wanted);
}

/** `projectIdOrKey` lookup: numeric → id, else key (case-sensitive, as the spec says). */
interface ProjectIndex {
  list: WorldProject[];
  length: number;
  byId: Map<string, number>;
  byKey: Map<string, number>;
}

/** Per world: where each project ID and key first appears in `world.projects`. */
const projectIndexes = new WeakMap<World, ProjectIndex>();

function projectIndex(world: World): ProjectIndex {
  const known = projectIndexes.get(world);
  if (known && known.list === world.projects && known.length === world.projects.length)
    return known;
  const index: ProjectIndex = {
    list: world.projects,
    length: world.projects.length,
    byId: new Map(),
    byKey: new Map(),
  };
  world.projects.forEach((p, at) => {
    if (!index.byId.has(p.id)) index.byId.set(p.id, at);
    if (!index.byKey.has(p.key)) index.byKey.set(p.key, at);
  });
  projectIndexes.set(world, index);
  return index;
}

/**
 * The first project with that ID (all digits) or key. Indexed, since a bulk check of 1000
 * projects looks each one up (a linear search made it quadratic: the bench's simulator spent
 * more on it than Jira's latency, #26). A hit is confirmed against the project itself, and a miss
 * or a project whose ID or key changed since is searched for as before, so a test that edits its
 * world while the simulator runs gets the same answer.
 */
export function findProject(world: World, idOrKey: string): WorldProject | undefined {
  const byId = /^\d+$/.test(idOrKey);
  const at = (byId ? projectIndex(world).byId : projectIndex(world).byKey).get(idOrKey);
  const hit = at === undefined ? undefined : world.projects[at];
  // (IDs and keys are unique on a site: no earlier project can have taken this one since.)
  if (hit && (byId ? hit.id : hit.key) === idOrKey) return hit;
  if (byId) return world.projects.find((p) => p.id === idOrKey);
  return world.projects.find((p) => p.key === idOrKey);
}

export function findGroup(world: World, name: string): WorldGroup | undefined {
  return world.groups.find((g) => g.name === name);
}

/** All project roles on the site: project roles are shared by every project on Cloud. */
export function siteRoles(
  world: World,
): Array<Pick<WorldProjectRole, 'id' | 'name' | 'description'>> {
  const byId = new Map<number, Pick<WorldProjectRole, 'id' | 'name' | 'description'>>();
  for (const project of world.projects) {
    for (const role of project.roles) {
      if (!byId.has(role.id))
        byId.set(role.id, { id: role.id, name: role.name, description: role.description });
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
