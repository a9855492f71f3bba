/** Facts the cards show, derived from a report without any secret. */
import { FINDING_CATALOGUE } from '@shared/engine/findings/catalogue';
import { isServiceAccountEmail } from '@shared/engine/model/service-account';
import { permissionLabel } from './labels';
import type { Finding, FindingCode, PermissionExplanation, ProjectReport, Report } from './types';

export type ColumnStatus = 'ok' | 'problem' | 'not-checked';

export interface FactRow {
  label: string;
  value: string;
  tone?: 'ok' | 'problem' | 'neutral';
}

export interface CredentialsColumn {
  status: ColumnStatus;
  note: string;
  rows: FactRow[];
}

const has = (report: Report, ...codes: FindingCode[]): Finding | undefined =>
  report.findings.find((f) => codes.includes(f.code));

export function tokenWasChecked(report: Report): boolean {
  return report.mode === 'token' || report.mode === 'token+admin';
}

function subjectName(report: Report): string {
  const s = report.subject;
  if (!s) return 'Unknown user';
  const name = s.displayName ?? s.accountId;
  return s.email ? `${name} (${s.email})` : name;
}

function accountTypeLabel(
  type: NonNullable<Report['subject']>['accountType'],
  email: string | null,
): string {
  switch (type) {
    case 'atlassian':
      return 'Atlassian account';
    case 'app':
      return isServiceAccountEmail(email) ? 'Service account' : 'App account';
    case 'customer':
      return 'Customer (portal-only) account';
    default:
      return 'Unknown account type';
  }
}

function accountRows(report: Report): FactRow[] {
  const rows: FactRow[] = [];
  const s = report.subject;
  const inactive = has(report, 'ACCOUNT_INACTIVE');
  const status =
    inactive || s?.active === false
      ? { value: 'Deactivated', tone: 'problem' as const }
      : s?.active === true
        ? { value: 'Active', tone: 'ok' as const }
        : { value: 'Unknown', tone: 'neutral' as const };
  rows.push({
    label: 'Account status',
    value: s?.accountType
      ? `${status.value} · ${accountTypeLabel(s.accountType, s.email)}`
      : status.value,
    tone: status.tone,
  });
  const customer = has(report, 'CUSTOMER_ACCOUNT');
  const noAccess = has(report, 'NO_PRODUCT_ACCESS');
  rows.push(
    customer
      ? { label: 'Product access', value: 'Service Management portal only', tone: 'problem' }
      : noAccess
        ? { label: 'Product access', value: 'No Jira access', tone: 'problem' }
        : s
          ? { label: 'Product access', value: 'Jira', tone: 'ok' }
          : { label: 'Product access', value: 'Unknown', tone: 'neutral' },
  );
  return rows;
}

/** The token's kind, from where Jira accepted it (`tokenIdentity.acceptedAt`) and the findings. */
function tokenKind(report: Report): FactRow {
  if (has(report, 'PASSWORD_NOT_TOKEN')) {
    return { label: 'Token kind', value: 'A password, not an API token', tone: 'problem' };
  }
  if (has(report, 'TOKEN_SCOPE_INSUFFICIENT')) {
    return { label: 'Token kind', value: 'Scoped API token, missing a scope', tone: 'problem' };
  }
  const identity = report.tokenIdentity;
  if (identity?.acceptedAt === 'gateway') {
    return {
      label: 'Token kind',
      value: 'Scoped API token: accepted only through the API gateway, not at the site URL',
      tone: has(report, 'SCOPED_TOKEN_AT_SITE_URL') ? 'problem' : 'neutral',
    };
  }
  if (identity?.acceptedAt === 'site') {
    return { label: 'Token kind', value: 'API token, accepted at the site URL', tone: 'ok' };
  }
  return { label: 'Token kind', value: 'Unknown: Jira did not accept it', tone: 'neutral' };
}

/** Who the token signed in as (`report.tokenIdentity`), e.g. "Sync Bot (sync@acme.com)"; null when it did not. */
export function authenticatedAs(report: Report): string | null {
  const identity = report.tokenIdentity;
  if (!identity) return null;
  const name = identity.displayName ?? identity.accountId;
  return identity.email ? `${name} (${identity.email})` : name;
}

export function credentialsColumn(report: Report): CredentialsColumn {
  if (!tokenWasChecked(report)) {
    return {
      status: 'not-checked',
      note: 'No token was given, so what the integration signs in as was not checked.',
      rows: [{ label: 'Intended user', value: subjectName(report) }, ...accountRows(report)],
    };
  }
  const credentialErrors = report.findings.filter(
    (f) => f.category === 'credentials' && f.severity === 'error',
  );
  const unreachable = has(report, 'SITE_UNREACHABLE', 'TLS_ERROR', 'IP_NOT_ALLOWED');
  const rows: FactRow[] = [];
  const wrong = has(report, 'WRONG_ACCOUNT');
  const rejected = has(
    report,
    'CREDENTIALS_REJECTED',
    'PASSWORD_NOT_TOKEN',
    'LOGIN_CHALLENGE',
    'LOGIN_DENIED',
  );
  const anonymous = has(report, 'ANONYMOUS_FALLBACK');
  const actual = authenticatedAs(report);
  const identity = report.tokenIdentity;
  if (wrong) {
    rows.push({ label: 'Authenticates as', value: actual ?? 'Another account', tone: 'problem' });
    if (identity)
      rows.push({ label: 'Its account ID', value: identity.accountId, tone: 'problem' });
    rows.push({
      label: 'Intended user',
      value: `No, expected ${subjectName(report)}`,
      tone: 'problem',
    });
  } else if (rejected) {
    rows.push({
      label: 'Authenticates as',
      value: 'Nobody: Jira rejected the sign-in',
      tone: 'problem',
    });
  } else if (anonymous) {
    rows.push({ label: 'Authenticates as', value: 'Anonymous', tone: 'problem' });
  } else if (unreachable) {
    rows.push({
      label: 'Authenticates as',
      value: 'Not known: Jira could not be reached',
      tone: 'neutral',
    });
  } else if (actual) {
    rows.push({ label: 'Authenticates as', value: actual, tone: 'ok' });
    rows.push({ label: 'Intended user', value: 'Yes', tone: 'ok' });
  } else {
    rows.push({
      label: 'Authenticates as',
      value: 'Not determined in this run',
      tone: 'neutral',
    });
  }
  rows.push(tokenKind(report), ...accountRows(report));
  if (unreachable && credentialErrors.length === 0) {
    return { status: 'not-checked', note: 'Jira could not be reached with the token.', rows };
  }
  const accountProblem = has(report, 'ACCOUNT_INACTIVE');
  if (credentialErrors.length > 0 || accountProblem) {
    const first = credentialErrors[0] ?? accountProblem;
    const note = first ? (FINDING_CATALOGUE[first.code].panelNote ?? first.message) : '';
    return { status: 'problem', note, rows };
  }
  if (!identity) {
    return {
      status: 'not-checked',
      note: 'Who the token signs in as could not be determined in this run.',
      rows,
    };
  }
  return { status: 'ok', note: 'The token signs in as the intended sync user.', rows };
}

export interface ProjectRow {
  project: ProjectReport;
  value: string;
  tone: 'ok' | 'problem' | 'neutral';
}

export interface PermissionsColumn {
  status: ColumnStatus;
  note: string;
  rows: ProjectRow[];
}

export function projectState(project: ProjectReport): ProjectRow {
  const entries = Object.entries(project.permissions);
  if (project.exists === false) return { project, value: 'Project not found', tone: 'problem' };
  if (project.visible === false)
    return { project, value: 'Not visible to the user', tone: 'problem' };
  const missing = entries.filter(([, v]) => v === false).map(([k]) => permissionLabel(k));
  if (missing.length > 0)
    return { project, value: `Missing: ${missing.join(', ')}`, tone: 'problem' };
  const unknown = entries.filter(([, v]) => v === null).length;
  if (entries.length === 0 || unknown === entries.length) {
    return { project, value: 'Not checked', tone: 'neutral' };
  }
  if (unknown > 0) return { project, value: `${unknown} not determined`, tone: 'neutral' };
  return { project, value: `All ${entries.length} held`, tone: 'ok' };
}

export function permissionsColumn(report: Report): PermissionsColumn {
  const rows = report.projects.map(projectState);
  const permissionErrors = report.findings.filter(
    (f) => f.category === 'permissions' && f.severity === 'error',
  );
  if (permissionErrors.length > 0 || rows.some((r) => r.tone === 'problem')) {
    const affected = rows.filter((r) => r.tone === 'problem').length;
    const note =
      affected > 0
        ? `Something the integration needs is missing in ${affected} of ${rows.length} project${rows.length === 1 ? '' : 's'}.`
        : (permissionErrors[0]?.message ?? 'The user lacks access the integration needs.');
    return { status: 'problem', note, rows };
  }
  if (rows.length === 0 || rows.every((r) => r.tone === 'neutral')) {
    return {
      status: 'not-checked',
      note: 'Project permissions could not be determined in this run.',
      rows,
    };
  }
  if (rows.some((r) => r.tone === 'neutral')) {
    return { status: 'ok', note: 'No permission is missing; some could not be determined.', rows };
  }
  return { status: 'ok', note: 'Every required permission is held in every project.', rows };
}

/** The explanation of one permission in one project, when the admin view explained it. */
export function permissionExplanation(
  project: ProjectReport,
  permission: string,
): PermissionExplanation | undefined {
  return project.explanation?.permissions.find((p) => p.permission === permission);
}

/** "a; b; c": grant descriptions may contain commas themselves ("role X, through group Y"). */
function grantList(items: readonly string[]): string {
  return items.join('; ');
}

function withoutStop(text: string): string {
  return text.trim().replace(/\.+$/, '');
}

/** Why a matrix cell is what it is (tooltip and focus text). */
export function cellReason(report: Report, project: ProjectReport, permission: string): string {
  const state = project.permissions[permission];
  const label = permissionLabel(permission);
  const why = permissionExplanation(project, permission);
  const finding = report.findings.find(
    (f) => f.project === project.key && (f.permission === permission || f.permission === undefined),
  );
  if (state === true) {
    if (why && why.grantedBy.length > 0) {
      return `${label} is granted in ${project.key}, held through ${grantList(why.grantedBy)}.`;
    }
    return `${label} is granted in ${project.key}.`;
  }
  if (state === false) {
    if (why) return `${label} is not granted in ${project.key}. ${missingReason(project, why)}`;
    const specific = report.findings.find(
      (f) => f.project === project.key && f.permission === permission,
    );
    return specific?.message ?? `${label} is not granted in ${project.key}.`;
  }
  if (finding) return finding.message;
  if (project.visible === false)
    return `${project.key} is not visible to the user, so ${label} could not be checked.`;
  return `${label} in ${project.key} could not be determined in this run.`;
}

/** Why the scheme does not give a missing permission to the user, from the explanation. */
function missingReason(project: ProjectReport, why: PermissionExplanation): string {
  const sentences: string[] = [];
  if (why.grantedBy.length > 0) {
    sentences.push(`The scheme grants it to the user through ${grantList(why.grantedBy)}`);
    sentences.push(
      why.ineffective ? withoutStop(why.ineffective) : 'Jira still does not apply it to the user',
    );
  } else {
    sentences.push(
      why.grantsInScheme.length > 0
        ? `Granted in the scheme to: ${grantList(why.grantsInScheme)}`
        : 'No grant in the permission scheme gives it to anyone',
    );
    const roles = project.explanation?.userRoles ?? [];
    sentences.push(
      roles.length > 0
        ? `The user is in ${roles.length === 1 ? 'role' : 'roles'} ${roles.join(', ')}`
        : 'The user is in no project role here',
    );
  }
  if (why.issueDependent.length > 0) {
    sentences.push(`On some issues only, as ${grantList(why.issueDependent)}`);
  }
  return `${sentences.join('. ')}.`;
}
