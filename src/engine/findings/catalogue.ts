import type { Category, Finding, FindingCode, Link, ScopeSet, Severity } from '../model/report';

interface FindingKind {
  category: Category;
  severity: Severity;
  /** What the code means in general (README table, UI tooltips). */
  meaning: string;
}

/** The public finding catalogue. Codes, categories and severities are a stable contract. */
export const FINDING_KINDS: Readonly<Record<FindingCode, FindingKind>> = {
  CREDENTIALS_REJECTED: {
    category: 'credentials',
    severity: 'error',
    meaning:
      '401 for email + token at the site: expired, revoked, typo, deactivated user, or a token created by a different account than the email',
  },
  PASSWORD_NOT_TOKEN: {
    category: 'credentials',
    severity: 'error',
    meaning: 'a password was sent instead of an API token',
  },
  SCOPED_TOKEN_AT_SITE_URL: {
    category: 'credentials',
    severity: 'error',
    meaning:
      'rejected at the site URL but accepted at the gateway: a scoped token; use the gateway URL or an unscoped token',
  },
  TOKEN_SCOPE_INSUFFICIENT: {
    category: 'credentials',
    severity: 'error',
    meaning: 'scoped token accepted but missing a scope a required operation needs',
  },
  ANONYMOUS_FALLBACK: {
    category: 'credentials',
    severity: 'error',
    meaning: 'Jira answered as anonymous although credentials were sent',
  },
  LOGIN_CHALLENGE: {
    category: 'credentials',
    severity: 'error',
    meaning: 'Jira demands an interactive login (CAPTCHA) before the API accepts this account',
  },
  WRONG_ACCOUNT: {
    category: 'credentials',
    severity: 'error',
    meaning: 'the credentials authenticate as a different account than the intended sync user',
  },
  TOKEN_WHITESPACE: {
    category: 'credentials',
    severity: 'warning',
    meaning: 'the email or token had surrounding whitespace or quotes',
  },
  ACCOUNT_INACTIVE: {
    category: 'credentials',
    severity: 'error',
    meaning: 'the sync user is deactivated',
  },
  APP_ACCOUNT: {
    category: 'configuration',
    severity: 'warning',
    meaning:
      'the sync user is an app or service account (grant through project roles, the path known to work for it)',
  },
  CUSTOMER_ACCOUNT: {
    category: 'permissions',
    severity: 'error',
    meaning: 'a portal-only customer account',
  },
  NO_PRODUCT_ACCESS: {
    category: 'permissions',
    severity: 'error',
    meaning: 'the user has no Jira product access',
  },
  NO_PROJECTS_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    meaning: 'authenticated, but no project is visible at all (the "empty project list" symptom)',
  },
  PROJECT_NOT_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    meaning:
      'the sync user cannot see a target project (no Browse, or the key is wrong; token mode cannot tell which)',
  },
  PROJECT_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    meaning: 'no project with that key exists (admin view)',
  },
  PROJECT_ARCHIVED: {
    category: 'configuration',
    severity: 'error',
    meaning:
      'admin view: the target project is archived (a default project search omits it); restore it or remove it from the configuration',
  },
  PROJECT_IN_TRASH: {
    category: 'configuration',
    severity: 'error',
    meaning:
      'admin view: the target project is in the trash (recycle bin); restore it before it is deleted, or remove it from the configuration',
  },
  MISSING_PERMISSION: {
    category: 'permissions',
    severity: 'error',
    meaning:
      'the sync user lacks a required permission in a project (carries project and permission)',
  },
  JSM_AGENT_REQUIRED: {
    category: 'permissions',
    severity: 'error',
    meaning: 'a Service Management project and the user has no agent access',
  },
  OVER_PRIVILEGED: {
    category: 'permissions',
    severity: 'warning',
    meaning: 'the sync user is a Jira administrator; least privilege says no',
  },
  CHECKER_NOT_ADMIN: {
    category: 'configuration',
    severity: 'error',
    meaning: 'admin mode credentials lack Administer Jira',
  },
  IP_NOT_ALLOWED: {
    category: 'connectivity',
    severity: 'error',
    meaning: "rejected by the site's IP allowlist",
  },
  TLS_ERROR: {
    category: 'connectivity',
    severity: 'error',
    meaning: 'certificate problem (e.g. an intercepting proxy)',
  },
  SITE_UNREACHABLE: {
    category: 'connectivity',
    severity: 'error',
    meaning: 'DNS/connection failure, or not a Jira Cloud site',
  },
  RATE_LIMITED: {
    category: 'transient',
    severity: 'error',
    meaning: 'still 429 after bounded retries',
  },
  JIRA_UNAVAILABLE: {
    category: 'transient',
    severity: 'error',
    meaning: '5xx or timeouts after bounded retries',
  },
  USER_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    meaning:
      'admin view: no Jira user matches the given account ID or email (or privacy settings hide the email: use the account ID)',
  },
  CREATE_REQUIRES_FIELDS: {
    category: 'configuration',
    severity: 'warning',
    meaning:
      'a creatable issue type has required fields a synchronizer must fill, or its first create fails with 400 (carries project, issue type and field names)',
  },
  FIELD_NOT_ON_SCREEN: {
    category: 'configuration',
    severity: 'error',
    meaning:
      'a field the synchronizer sets is not on the project\'s create or edit screen for an issue type, so Jira answers "Field … cannot be set. It is not on the appropriate screen, or unknown." (carries project, issueType, field, screen)',
  },
  ISSUES_HIDDEN_BY_SECURITY: {
    category: 'permissions',
    severity: 'warning',
    meaning:
      'admin view: issue security levels hide sampled issues from the sync user although it can browse the project (carries project, hidden of sampled, levels)',
  },
  UNKNOWN_PERMISSION_KEY: {
    category: 'configuration',
    severity: 'error',
    meaning:
      'a requested permission key does not exist on this site (GET /rest/api/3/permissions does not list it)',
  },
  LOGIN_COOLING_OFF: {
    category: 'transient',
    severity: 'error',
    meaning:
      'Forge app only: the token was not tried, because Jira refused this email’s credentials less than the cooling-off period ago (each refused try is a failed login on the sync account)',
  },
  UNEXPECTED_RESPONSE: {
    category: 'transient',
    severity: 'error',
    meaning: 'a body that is not what Jira documents',
  },
  PROJECTS_NOT_CHECKED: {
    category: 'transient',
    severity: 'error',
    meaning:
      'Forge app only: a run checked in batches (many projects) did not check every target project (cancelled, a batch did not finish, or stopped after a refused login); says how many and why',
  },
};

export interface FindingDetails {
  message: string;
  /** Ordered remedy steps. */
  steps: string[];
  links?: Link[];
  step: string;
  project?: string;
  permission?: string;
  operation?: string;
  scopes?: ScopeSet;
  details?: Record<string, unknown>;
  /**
   * Overrides the catalogue severity: an informational variant, or the documented upgrade of
   * CREATE_REQUIRES_FIELDS to an error when the synchronizer's fields were given.
   */
  severity?: Severity;
}

export function makeFinding(code: FindingCode, details: FindingDetails): Finding {
  const kind = FINDING_KINDS[code];
  const finding: Finding = {
    code,
    category: kind.category,
    severity: details.severity ?? kind.severity,
    message: details.message,
    remedy: details.steps.join(' '),
    steps: details.steps,
    links: details.links ?? [],
    step: details.step,
  };
  if (details.project !== undefined) finding.project = details.project;
  if (details.permission !== undefined) finding.permission = details.permission;
  if (details.operation !== undefined) finding.operation = details.operation;
  if (details.scopes !== undefined) finding.scopes = details.scopes;
  if (details.details !== undefined) finding.details = details.details;
  return finding;
}
