/**
 * The report as Markdown for a support ticket (CLI `--format markdown`, the panel's "copy as
 * Markdown"). Pure. Everything that came from Jira or the user is escaped, so a project name
 * cannot inject links, HTML or table cells.
 */
import { deploymentName } from './deployment-names';
import { accountKindWords, isServiceAccountEmail } from '../model/service-account';
import type {
  CheckStatus,
  Finding,
  Link,
  PermissionExplanation,
  PermissionState,
  ProjectReport,
  Report,
  RequestEvidence,
  Severity,
  TokenIdentityReport,
} from '../model/report';
import { expiryHeading, expiryTokenLine } from './token-expiry';
import {
  coverageRows,
  VERDICT_TITLES,
  coverageAdvice,
  coverageStateText,
  verdictHeadline,
} from './headline';
import { FINDING_CATALOGUE } from '../findings/catalogue';
import { sortFindingsBySeverity } from '../findings/order';
import { permissionName } from './permission-names';
import { buildFixPlan, planStepOfFindings, type FixPlan } from './plan';

export { VERDICT_TITLES };

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Info',
};

/** Most severe first; the engine's order is kept within a severity. */
export { sortFindingsBySeverity };

export function permissionMark(state: PermissionState): '✓' | '✗' | '?' {
  if (state === true) return '✓';
  if (state === false) return '✗';
  return '?';
}

/** Required keys first, then any other key a project reports, in first-seen order. */
export function permissionColumns(
  report: Pick<Report, 'requiredPermissions' | 'projects'>,
): string[] {
  const columns = [...report.requiredPermissions];
  for (const project of report.projects) {
    for (const key of Object.keys(project.permissions))
      if (!columns.includes(key)) columns.push(key);
  }
  return columns;
}

/** The remedy as steps, whether or not the engine filled `steps`. */
export function remedySteps(
  finding: Pick<Finding, 'remedy'> & { steps?: readonly string[] },
): string[] {
  if (finding.steps && finding.steps.length > 0) return [...finding.steps];
  return finding.remedy.trim() === '' ? [] : [finding.remedy.trim()];
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export interface MarkdownOptions {
  /** Include checks and the request log (default true: support wants the evidence). */
  evidence?: boolean;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const plan = buildFixPlan(report);
  const sections = [
    header(report),
    planSection(plan),
    findingsSection(report.findings, plan),
    expirySection(report),
    permissionsSection(report),
    explanationsSection(report),
    ...(options.evidence === false ? [] : [checksSection(report), requestsSection(report)]),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** The sync user's API tokens and their expiry (--org-id); nothing when not asked for. */
function expirySection(report: Report): string {
  const heading = expiryHeading(report);
  if (heading === null || !report.tokenExpiry) return '';
  return [
    '### Token expiry',
    '',
    escapeInline(heading),
    ...(report.tokenExpiry.tokens.length ? [''] : []),
    ...report.tokenExpiry.tokens.map((t) => `- ${escapeInline(expiryTokenLine(t))}`),
  ].join('\n');
}

function header(report: Report): string {
  const title = verdictHeadline(report);
  const rows: Array<[string, string]> = [
    ['Site', escapeInline(report.site)],
    ...(report.deployment ? [['Jira', deploymentName(report.deployment)] as [string, string]] : []),
    ['Mode', escapeInline(report.mode)],
  ];
  if (report.subject) rows.push(['Sync user', describeSubject(report.subject)]);
  if (report.tokenIdentity) rows.push(['Token signs in as', describeToken(report.tokenIdentity)]);
  rows.push(['Projects', report.projects.map((p) => code(p.key)).join(', ') || '–']);
  rows.push([
    'Permissions',
    report.requiredPermissions.map((p) => `${permissionName(p)} (${code(p)})`).join(', ') || '–',
  ]);
  if (report.coverage) rows.push(['Tested', describeCoverage(report)]);
  rows.push([
    'Run',
    `${escapeInline(report.startedAt)} · ${formatDuration(report.durationMs)} · ${report.requestCount} request${report.requestCount === 1 ? '' : 's'}`,
  ]);
  return [
    `## Credential Doctor: ${title}`,
    '',
    `**Verdict: ${title}** (${code(report.verdict)})`,
    '',
    escapeInline(report.summary),
    '',
    ...(report.coverage
      ? coverageAdvice(report, { maxKeys: Number.POSITIVE_INFINITY }).flatMap((line) => [
          escapeInline(line),
          '',
        ])
      : []),
    table(['Item', 'Value'], rows),
  ].join('\n');
}

function describeCoverage(report: Report): string {
  return coverageRows(report.coverage)
    .map(({ key, label }) => `${label}: ${coverageStateText(report, key)}`)
    .join(' · ');
}

function describeSubject(subject: NonNullable<Report['subject']>): string {
  const parts = [
    subject.displayName === null ? null : escapeInline(subject.displayName),
    code(subject.accountId),
    subject.email === null ? null : escapeInline(subject.email),
    subject.accountType === null
      ? null
      : escapeInline(accountKindWords(subject.accountType, subject.email)),
    subject.active === false ? '**inactive**' : null,
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

/** Who the token authenticated as, and where it was accepted (which tells the token's kind). */
function describeToken(identity: TokenIdentityReport): string {
  const parts = [
    identity.displayName === null ? null : escapeInline(identity.displayName),
    code(identity.accountId),
    identity.email === null ? null : escapeInline(identity.email),
    identity.accountType === 'app' && isServiceAccountEmail(identity.email)
      ? 'service account'
      : null,
    identity.username !== undefined
      ? `username ${code(identity.username)}`
      : identity.acceptedAt === 'site'
        ? 'API token, accepted at the site URL'
        : 'scoped API token, accepted only at the API gateway',
  ];
  return parts.filter((p) => p !== null).join(' · ');
}

/** Links listed under one plan action; each finding below keeps its own. */
const LINKS_PER_ACTION = 6;

function planSection(plan: FixPlan): string {
  if (plan.actions.length === 0) return '';
  const items = plan.actions.map((action, i) => {
    const marker = `${i + 1}. `;
    const pad = ' '.repeat(marker.length);
    const lines = [
      `${marker}**${SEVERITY_LABELS[action.severity]}:** ${escapeInline(action.title)}`,
    ];
    for (const step of action.steps) lines.push(`${pad}- ${escapeInline(step)}`);
    const shown = action.links.slice(0, LINKS_PER_ACTION);
    for (const link of shown) lines.push(`${pad}- ${markdownLink(link)}`);
    const hidden = action.links.length - shown.length;
    if (hidden > 0) lines.push(`${pad}- and ${hidden} more (see the findings)`);
    return lines.join('\n');
  });
  const closing = plan.closing ? `\n\nThen: ${escapeInline(plan.closing)}` : '';
  return `### Fix plan (${plan.actions.length} action${plan.actions.length === 1 ? '' : 's'})\n\n${items.join('\n')}${closing}`;
}

function findingsSection(findings: readonly Finding[], plan: FixPlan): string {
  if (findings.length === 0) return '### Findings\n\nNo problems found.';
  const stepOf = planStepOfFindings(plan);
  const indexOf = new Map(findings.map((f, i) => [f, i]));
  const items = sortFindingsBySeverity(findings).map((finding, i) => {
    const marker = `${i + 1}. `;
    // Continuation lines must be indented to the item's content column to stay inside it.
    const pad = ' '.repeat(marker.length);
    const scope = [
      finding.project === undefined ? undefined : code(finding.project),
      finding.permission === undefined
        ? undefined
        : `${escapeInline(permissionName(finding.permission))} (${code(finding.permission)})`,
    ].filter((s): s is string => s !== undefined);
    const lines = [
      `${marker}**${SEVERITY_LABELS[finding.severity]}: ${escapeInline(FINDING_CATALOGUE[finding.code].title)}** ${code(finding.code)}` +
        (scope.length > 0 ? ` (${scope.join(', ')})` : '') +
        `: ${escapeInline(finding.message)}`,
    ];
    const step = stepOf.get(indexOf.get(finding) ?? -1);
    if (step !== undefined) lines.push(`${pad}Fix: step ${step} of the fix plan.`);
    for (const link of finding.links ?? []) lines.push(`${pad}- ${markdownLink(link)}`);
    return lines.join('\n');
  });
  return `### Findings\n\n${items.join('\n')}`;
}

function permissionsSection(report: Report): string {
  if (report.projects.length === 0) return '';
  const columns = permissionColumns(report);
  const showExists = report.projects.some((p) => p.exists !== null);
  const headers = ['Project', ...(showExists ? ['Exists'] : []), 'Visible', ...columns.map(code)];
  const rows = report.projects.map((project) => [
    projectLabel(project),
    ...(showExists ? [permissionMark(project.exists)] : []),
    permissionMark(project.visible),
    ...columns.map((key) => permissionMark(project.permissions[key] ?? null)),
  ]);
  return ['### Project permissions', '', table(headers, rows), '', '✓ yes · ✗ no · ? unknown'].join(
    '\n',
  );
}

/**
 * Admin view: per explained project, the least-privilege fix and the grants behind every
 * explained permission (missing ones first), so support can act without opening the scheme.
 */
function explanationsSection(report: Report): string {
  const explained = report.projects.filter(
    (p): p is ProjectReport & { explanation: NonNullable<ProjectReport['explanation']> } =>
      p.explanation !== undefined,
  );
  if (explained.length === 0) return '';
  const blocks = explained.map((project) => {
    const e = project.explanation;
    const context = [
      `permission scheme ${escapeInline(e.scheme.name)} (${e.scheme.id})`,
      `the user's roles: ${list(e.userRoles)}`,
      `groups: ${list(e.userGroups)}`,
    ].join(' · ');
    const lines = [`**${projectLabel(project)}** · ${context}`, ''];
    if (e.recommendation) {
      lines.push(`**Recommended fix:** ${escapeInline(e.recommendation.summary)}`, '');
    }
    const ordered = [...e.permissions].sort((a, b) => heldRank(a.held) - heldRank(b.held));
    for (const permission of ordered) lines.push(`- ${describeGrants(permission)}`);
    return lines.join('\n').trimEnd();
  });
  return ['### Why, and the least-privilege fix', '', blocks.join('\n\n')].join('\n');
}

function heldRank(held: PermissionState): number {
  if (held === false) return 0;
  if (held === null) return 1;
  return 2;
}

function describeGrants(p: PermissionExplanation): string {
  const head = `${permissionMark(p.held)} ${code(p.permission)}`;
  const grants = (items: readonly string[]) => items.map(escapeInline).join('; ');
  const parts: string[] = [];
  if (p.held === true) {
    parts.push(
      p.grantedBy.length > 0
        ? `held through ${grants(p.grantedBy)}`
        : 'held, though no grant in the scheme could be traced to the user',
    );
  } else if (p.held === null) {
    parts.push(
      p.grantsInScheme.length > 0
        ? `not determined; the scheme grants it to ${grants(p.grantsInScheme)}`
        : 'not determined; no grant in the scheme gives it to anyone',
    );
  } else if (p.grantedBy.length > 0) {
    parts.push(`the scheme grants it to the user through ${grants(p.grantedBy)}`);
    if (p.ineffective) parts.push(escapeInline(p.ineffective));
  } else {
    parts.push(
      p.grantsInScheme.length > 0
        ? `granted in the scheme to ${grants(p.grantsInScheme)}; the user is in none of these`
        : 'no grant in the scheme gives it to anyone',
    );
  }
  if (p.issueDependent.length > 0) {
    parts.push(`on some issues only, as ${grants(p.issueDependent)}`);
  }
  const sentences = parts.map((part, i) => {
    const text = part.replace(/[.\s]+$/, '');
    return i === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
  });
  return `${head}: ${sentences.join('. ')}.`;
}

function list(items: readonly string[]): string {
  return items.length > 0 ? items.map(escapeInline).join(', ') : 'none';
}

function projectLabel(project: ProjectReport): string {
  const name = project.name === null ? '' : ` ${escapeInline(project.name)}`;
  const type = project.type === null ? '' : ` (${escapeInline(project.type)})`;
  return `${code(project.key)}${name}${type}`;
}

const STATUS_MARKS: Readonly<Record<CheckStatus, string>> = {
  pass: '✓ pass',
  fail: '✗ fail',
  warn: '! warn',
  skip: '– skip',
  error: '✗ error',
};

function checksSection(report: Report): string {
  if (report.checks.length === 0) return '';
  const rows = report.checks.map((check) => [
    STATUS_MARKS[check.status],
    escapeInline(check.title),
    escapeInline(check.detail),
  ]);
  return ['### Checks', '', table(['Result', 'Check', 'Detail'], rows)].join('\n');
}

function requestsSection(report: Report): string {
  const requests = report.checks.flatMap((check) =>
    check.requests.map((request) => ({ check: check.id, request })),
  );
  if (requests.length === 0) return '';
  const rows = requests
    .sort((a, b) => a.request.startedAtMs - b.request.startedAtMs)
    .map(({ check, request }) => [
      code(check),
      code(`${request.method} ${request.path}`),
      `${request.target} · ${request.auth}`,
      escapeInline(describeOutcome(request)),
      `${request.attempt}`,
      formatDuration(request.durationMs),
    ]);
  return [
    '<details>',
    `<summary>Requests (${requests.length})</summary>`,
    '',
    table(['Check', 'Request', 'Sent to', 'Result', 'Attempt', 'Time'], rows),
    '',
    '</details>',
  ].join('\n');
}

export function describeOutcome(request: Pick<RequestEvidence, 'status' | 'error'>): string {
  const status = request.status === null ? 'no answer' : String(request.status);
  return request.error === undefined ? status : `${status} (${request.error})`;
}

function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Inside a table a pipe ends the cell even within a code span, so it is always escaped. */
function cell(text: string): string {
  return text.replace(/(?<!\\)\|/g, '\\|');
}

/**
 * Backslash-escapes what could start emphasis, code, links, HTML or a table cell. An underscore
 * inside a word (CREATE_ISSUES) never starts emphasis, so it stays readable.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*[\]<>|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, (c) => `\\${c}`);
}

export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const fence = flat.includes('`') ? '``' : '`';
  const pad = fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function markdownLink(link: Link): string {
  if (!/^https?:\/\//i.test(link.url)) return escapeInline(`${link.label}: ${link.url}`);
  const url = link.url.replace(
    /[\s()<>]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return `[${escapeInline(link.label)}](${url})`;
}
