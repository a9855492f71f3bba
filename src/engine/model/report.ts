import type { RequestEvidence } from '../port/evidence';
import type { FindingCode } from './finding-codes.generated';

export type { RequestEvidence };

/**
 * The report: the public contract shared by the CLI (`--format json`), the Forge resolver
 * (`runCheck`) and the Custom UI. `schemaVersion` changes only on breaking changes.
 * The JSON Schema in `schema/report.schema.json` describes exactly this shape.
 */

export const SCHEMA_VERSION = 1 as const;

export type Verdict =
  | 'fix-connectivity'
  | 'fix-credentials'
  | 'fix-configuration'
  | 'fix-permissions'
  | 'inconclusive'
  | 'ready';

export type Category =
  'connectivity' | 'credentials' | 'configuration' | 'permissions' | 'transient';

export type Severity = 'error' | 'warning' | 'info';

/** Generated from the finding catalogue (`src/engine/findings/catalogue/`). */
export type { FindingCode };

export interface Finding {
  code: FindingCode;
  category: Category;
  severity: Severity;
  /** One or two sentences, specific to this run (names the account, project, permission). */
  message: string;
  /** What to do: the ordered steps joined into one paragraph; the first step is the headline fix. */
  remedy: string;
  /** The same remedy as ordered steps. */
  steps: string[];
  /** Where to do it: Jira / Atlassian admin pages. */
  links: Link[];
  /** The check step that produced this finding (matches `checks[].id`). */
  step: string;
  project?: string;
  permission?: string;
  /** TOKEN_SCOPE_INSUFFICIENT: the synchronizer operation the token's scopes do not cover, e.g. `create`. */
  operation?: string;
  /** TOKEN_SCOPE_INSUFFICIENT: the scopes to add: the classic scopes, or all of the granular ones. */
  scopes?: ScopeSet;
  /** Structured extras of some codes, e.g. CREATE_REQUIRES_FIELDS: { issueType, fields }. */
  details?: Record<string, unknown>;
}

/** OAuth scopes in both forms a scoped API token can be created with. */
export interface ScopeSet {
  /** Classic scopes, e.g. `write:jira-work`. */
  classic: string[];
  /** Granular scopes, e.g. `write:issue:jira`: all of them are needed. */
  granular: string[];
}

export interface Link {
  label: string;
  url: string;
}

export type Mode = 'token' | 'admin' | 'token+admin';

/** Which Jira was checked: detected from serverInfo `deploymentType`, or chosen with --deployment. */
export type Deployment = 'cloud' | 'datacenter' | 'server';

export interface Subject {
  accountId: string;
  displayName: string | null;
  /** null when the user's privacy settings hide it, or when it was not asked. */
  email: string | null;
  active: boolean | null;
  accountType: 'atlassian' | 'app' | 'customer' | 'unknown' | null;
  /** Product access (application role keys); null when not read. */
  products?: string[] | null;
  /** Group names; null when not read. */
  groups?: string[] | null;
  /** Data Center / Server: the username (there `accountId` carries the user key). */
  username?: string;
}

export interface TokenIdentityReport {
  /** On Data Center / Server: the user key (Data Center has no account IDs). */
  accountId: string;
  /** Data Center / Server: the username the credentials authenticated as. */
  username?: string;
  displayName: string | null;
  email: string | null;
  /** 'site' for an API token that works at the site URL; 'gateway' for a scoped token that only works at the API gateway. */
  acceptedAt: 'site' | 'gateway';
  /**
   * Jira Cloud: the kind of account the credentials authenticated as (`app` for app and service
   * accounts); null when Jira did not say. Absent on Data Center / Server and in older reports.
   */
  accountType?: 'atlassian' | 'app' | 'customer' | 'unknown' | null;
  /** Jira Cloud: what authenticated — an API token (email + token) or an OAuth 2.0 client's access token. */
  credential?: 'api-token' | 'oauth';
}

export type PermissionState = boolean | null;

export interface ProjectReport {
  /** The key as Jira spells it (or as given, upper-cased, if Jira never confirmed it). */
  key: string;
  id: string | null;
  name: string | null;
  /** 'software' | 'service_desk' | 'business' | … as Jira reports it; null when unknown. */
  type: string | null;
  /** Whether the sync user can see the project; null when it could not be determined. */
  visible: boolean | null;
  /** Whether the project exists (admin view only); null when unknown. */
  exists: boolean | null;
  /** permission key → held (true), not held (false), unknown (null). */
  permissions: Record<string, PermissionState>;
  /** Admin view: why permissions are (not) held and the least-privilege fix. */
  explanation?: ProjectExplanation;
  /** The create and edit screens read for the synchronizer's fields, in this project. */
  screens?: ScreenReport[];
  /**
   * Added (#24): where this project's screens were read when they were read in another target
   * project that uses the same issue type scheme, issue type screen scheme and field
   * configuration scheme (so the same screens): that project's key, per screen kind.
   */
  screensReadIn?: { create?: string; edit?: string };
  /** Admin view: secured issues sampled and how many the sync user cannot see (sampled projects only). */
  issueSecurity?: IssueSecurityReport;
}

/** One screen of one issue type: which of the synchronizer's fields are on it. */
export interface ScreenReport {
  screen: 'create' | 'edit';
  issueType: string;
  /** Edit screens are read on an existing issue: its key. */
  issueKey?: string;
  /** Field IDs of the synchronizer's fields that are on the screen. */
  onScreen: string[];
  /** Field IDs of the synchronizer's fields that are not on the screen. */
  missing: string[];
}

export interface IssueSecurityReport {
  /** Secured issues (with a security level) sampled, among those the checking administrator can see. */
  sampled: number;
  /** How many of them the sync user cannot see. */
  hidden: number;
  /** The security levels of the hidden issues. */
  levels: string[];
  /**
   * Added (#24): the project's issue security scheme as the administrator's mapping names it;
   * null when the project uses none (then no level can hide an issue and nothing is sampled).
   * Absent when the mapping was not read.
   */
  scheme?: string | null;
}

/** A field the synchronizer sets, as resolved on the site (GET /rest/api/3/field). */
export interface SyncField {
  /** What was given (an ID or a name). */
  given: string;
  /** The field ID, or null when no field on the site has that ID or name. */
  id: string | null;
  name: string | null;
}

export interface PermissionExplanation {
  permission: string;
  held: PermissionState;
  /** How the user holds it, e.g. "project role Developers, through group jira-software-users". */
  grantedBy: string[];
  /** Every grant in the project's permission scheme that gives it (to anyone). */
  grantsInScheme: string[];
  /** Grants that depend on the issue (reporter, assignee, custom fields). */
  issueDependent: string[];
  /** When a grant reaches the user but Jira still says no: why. */
  ineffective?: string;
}

export interface ProjectExplanation {
  scheme: { id: number; name: string };
  /** Project roles the user is in (directly or through a group). */
  userRoles: string[];
  userGroups: string[];
  permissions: PermissionExplanation[];
  recommendation: {
    summary: string;
    roles: string[];
    groups: string[];
    ungranted: string[];
  } | null;
}

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  requests: RequestEvidence[];
}

/**
 * How much of what the synchronizer will do this run could test. `tested`: fully checked (the
 * answer may still be a finding); `partial`: some of it could not be read; `not-tested`: nothing
 * of it was checked (no credentials for it, or every read failed); `not-applicable`: it does not
 * apply to this setup (e.g. scopes for a classic, unscoped API token).
 */
export type CoverageState = 'tested' | 'partial' | 'not-tested' | 'not-applicable';

export interface Coverage {
  /** The sync user's own email + API token: does it authenticate, as whom, where. */
  credentials: CoverageState;
  /** The required project permissions of the sync user in every target project. */
  permissions: CoverageState;
  /** A scoped token's scopes for every operation the synchronizer performs. */
  scopes: CoverageState;
  /** The fields the synchronizer sets are on each target project's create screens. */
  createFields: CoverageState;
  /** The fields the synchronizer updates are on each target project's edit screens. */
  editFields: CoverageState;
  /** Issue security levels do not hide issues from the sync user. */
  issueSecurity: CoverageState;
  /**
   * The sync user's API tokens and their expiry, read from the organisation admin API
   * (`--org-id`). Absent when the run was not asked to check expiry (and in the Forge app's own
   * runs: Forge apps cannot call the admin APIs); `not-tested` with `tokenExpiry.reason` when the
   * list could not be read or holds none of the account's tokens.
   */
  tokenExpiry?: CoverageState;
}

/**
 * The sync user's API tokens as the organisation admin API lists them (docs/jira-behaviour.md
 * S5): never the token values, only their metadata.
 */
export interface TokenExpiryReport {
  /** The organisation whose admin API was asked. */
  orgId: string;
  /** The account whose tokens are listed; null when only its email was known. */
  accountId: string | null;
  email: string | null;
  /** The instant `daysLeft` counts from (when the list was read). */
  checkedAt: string;
  /** The account's tokens, the nearest expiry first. */
  tokens: TokenExpiryEntry[];
  /** Why `coverage.tokenExpiry` is partial or not tested; absent when it is tested. */
  reason?: string;
}

export interface TokenExpiryEntry {
  /** The name the token's owner gave it. */
  label: string;
  /** As the admin API lists it: `ALLOWED` or `BLOCKED` (another value is passed on as listed). */
  status: string;
  createdAt: string | null;
  expiresAt: string | null;
  lastActiveAt: string | null;
  /** Whole days until `expiresAt` (rounded down; negative once expired); null without a date. */
  daysLeft: number | null;
}

/**
 * Added (#24): why an area was not tested in a target project.
 * `not-found`: the project does not exist or is not live (nothing to test; it does not make the
 * area partial); `limit`: beyond what one run reads (the number of distinct schemes, or the
 * projects sampled without an administrator's view of the schemes); `not-read`: Jira did not show
 * it (refused, failed, or no screen for the account that asked); `no-permission`: the sync user
 * may not create, edit or browse there, so its own view shows nothing, and no administrator's
 * view read it; `no-issues`: no issue to read an edit screen or a secured issue on;
 * `needs-admin`: only an administrator's view can test it; `not-checked`: a run of many projects
 * did not check this project at all (cancelled, or its batch did not finish).
 */
export type NotTestedReason =
  | 'not-found'
  | 'limit'
  | 'not-read'
  | 'no-permission'
  | 'no-issues'
  | 'needs-admin'
  | 'not-checked';

/** Added (#24): which target projects one coverage area was tested in. */
export interface AreaCoverage {
  /** Keys of the target projects where it was read in this run (their own, or through a shared scheme). */
  tested: string[];
  /** The other target projects, each with why. */
  notTested: Array<{ project: string; reason: NotTestedReason }>;
}

/** Added (#24): per target project, the areas that are read per scheme. */
export interface CoverageDetail {
  createFields?: AreaCoverage;
  editFields?: AreaCoverage;
  issueSecurity?: AreaCoverage;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  verdict: Verdict;
  summary: string;
  /** Site origin, e.g. https://example.atlassian.net (never contains credentials). */
  site: string;
  /** Which Jira was checked. Set by the CLI; absent in reports of the Forge app (always Cloud). */
  deployment?: Deployment;
  mode: Mode;
  subject: Subject | null;
  /** Token mode: who the token authenticated as (may differ from `subject`), and where; null when it did not authenticate or was not checked. */
  tokenIdentity: TokenIdentityReport | null;
  findings: Finding[];
  projects: ProjectReport[];
  checks: CheckResult[];
  /** The permission keys that were checked. */
  requiredPermissions: string[];
  /** The synchronizer operations the check covers (e.g. read, create, edit). */
  operations: string[];
  /** The minimal scopes a scoped API token needs for those operations, in both forms. */
  requiredScopes: ScopeSet;
  /** What this run could test; "Ready" is only unqualified when everything that applies was tested. */
  coverage: Coverage;
  /** Added (#24): which target projects the per-scheme areas were tested in (Cloud checks). */
  coverageDetail?: CoverageDetail;
  /** The fields the synchronizer sets (from --fields or the preset); absent when none were checked. */
  fields?: SyncField[];
  /**
   * The sync user's API tokens and their expiry (CLI `--org-id`, from the organisation admin
   * API); absent when not asked for.
   */
  tokenExpiry?: TokenExpiryReport;
  startedAt: string;
  durationMs: number;
  requestCount: number;
  /**
   * Jira Cloud only: what the run spent of the app's hourly rate-limit points. Absent on Data
   * Center and Server (no points there) and in reports made before it existed.
   */
  cost?: ReportCost;
  /**
   * Set when the credential half came from a report the CLI wrote on the synchronizer's host and
   * was imported into the app: when that report was made and what it concluded on its own.
   * `requestCount` then includes the host's requests.
   */
  hostReport?: HostReportOrigin;
}

/** A run's price in Jira Cloud's points-based rate limit (engine/knowledge/rate-limit-points.ts). */
export interface ReportCost {
  /**
   * Requests that spend points: those the Forge app made as the signed-in user. 0 from the CLI,
   * whose API-token requests are exempt.
   */
  requests: number;
  /** Their points, by Atlassian's published costs. */
  points: number;
  /** How the points were counted (one sentence naming the model). */
  pointsBasis: string;
}

export interface HostReportOrigin {
  startedAt: string;
  verdict: Verdict;
  durationMs: number;
  requestCount: number;
  /**
   * Who imported it (account ID). The app cannot verify a report it did not make, so the
   * credential half is shown as supplied by this person and never counted as tested.
   */
  suppliedBy?: string;
  /** Always false: the app did not verify the imported credential half. */
  verified?: false;
  /** What the host's report said it tested; `coverage.credentials` and `.scopes` are not-tested. */
  coverage?: Pick<Coverage, 'credentials' | 'scopes' | 'tokenExpiry'>;
}
