import { deploymentName } from '../engine/presentation/deployment-names';
import { accountKindWords } from '../engine/model/service-account';
import {
  expiryHeading,
  expiryTokenLine,
  replaceUrgency,
} from '../engine/presentation/token-expiry';
import {
  coverageRows,
  coverageAdvice,
  coverageStateText,
  isQualifiedReady,
  verdictHeadline,
} from '../engine/presentation/headline';
import {
  SEVERITY_LABELS,
  describeOutcome,
  formatDuration,
  permissionColumns,
  permissionMark,
  sortFindingsBySeverity,
} from '../engine/presentation/render-markdown';
import { FINDING_CATALOGUE } from '../engine/findings/catalogue';
import { permissionName } from '../engine/presentation/permission-names';
import {
  buildFixPlan,
  planStepOfFindings,
  type FixPlan,
  type PlanAction,
} from '../engine/presentation/plan';
import type { CheckStatus, CoverageState, Report, Severity } from '../engine/model/report';
import { createPalette, type Palette, type Style } from './ansi';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

/** Links shown under one plan action; the rest are counted (each finding still lists its own). */
const LINKS_PER_ACTION = 4;

/**
 * Terminal output: the verdict first, then the fix plan (each action once, across projects), then
 * the findings as evidence, then the permission table.
 */
export function renderText(report: Report, options: TextOptions): string {
  const paint = createPalette(options.color);
  const plan = buildFixPlan(report);
  const blocks = [
    verdictBlock(report, paint),
    contextBlock(report, paint),
    coverageBlock(report, paint),
    expiryBlock(report, paint),
    planBlock(plan, paint),
    findingsBlock(report, plan, paint),
    permissionsBlock(report, paint),
    ...(options.verbose ? [checksBlock(report, paint)] : []),
    paint.dim(
      `Finished in ${formatDuration(report.durationMs)} with ${report.requestCount} request${report.requestCount === 1 ? '' : 's'}.`,
    ),
  ];
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}

function verdictStyle(report: Report, paint: Palette): Style {
  const verdict = report.verdict;
  if (verdict === 'ready') return isQualifiedReady(report) ? paint.yellow : paint.green;
  if (verdict === 'inconclusive') return paint.yellow;
  return paint.red;
}

function verdictBlock(report: Report, paint: Palette): string {
  const style = verdictStyle(report, paint);
  return `${paint.bold(style(`VERDICT  ${verdictHeadline(report)}`))}\n\n${report.summary}`;
}

/** What was tested, and for each gap how to test it. */
function coverageBlock(report: Report, paint: Palette): string {
  const mark = (state: CoverageState): string => {
    if (state === 'tested') return paint.green('✓');
    if (state === 'not-applicable') return paint.dim('–');
    return paint.yellow('?');
  };
  const lines = coverageRows(report.coverage).map(
    ({ key, label, state }) =>
      `  ${mark(state)} ${label} ${paint.dim(coverageStateText(report, key))}`,
  );
  const advice = coverageAdvice(report).map((line) => `    ${line}`);
  return [paint.bold('TESTED'), ...lines, ...advice].join('\n');
}

/** The sync user's API tokens and their expiry (--org-id); nothing when not asked for. */
function expiryBlock(report: Report, paint: Palette): string {
  const heading = expiryHeading(report);
  if (heading === null || !report.tokenExpiry) return '';
  const lines = report.tokenExpiry.tokens.map((t) => {
    const line = `  ${expiryTokenLine(t)}`;
    const urgency = replaceUrgency(t);
    return urgency === 'now' ? paint.red(line) : urgency === 'soon' ? paint.yellow(line) : line;
  });
  return [paint.bold('TOKEN EXPIRY'), `  ${heading}`, ...lines].join('\n');
}

function contextBlock(report: Report, paint: Palette): string {
  const rows: Array<[string, string]> = [
    ['Site', report.site],
    ...(report.deployment ? [['Jira', deploymentName(report.deployment)] as [string, string]] : []),
    ['Mode', report.mode],
  ];
  const subject = report.subject;
  if (subject) {
    const details = [
      subject.accountId,
      subject.email,
      subject.accountType && accountKindWords(subject.accountType, subject.email),
    ]
      .filter((part): part is string => typeof part === 'string' && part !== '')
      .join(', ');
    const inactive = subject.active === false ? ' [inactive]' : '';
    rows.push(['Sync user', `${subject.displayName ?? subject.accountId} (${details})${inactive}`]);
  }
  rows.push(['Permissions', report.requiredPermissions.map(permissionName).join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${paint.dim(label.padEnd(width))}  ${value}`).join('\n');
}

function severityMark(severity: Severity, paint: Palette): string {
  const label = SEVERITY_LABELS[severity].toUpperCase().padEnd(7);
  if (severity === 'error') return paint.red(`✗ ${label}`);
  if (severity === 'warning') return paint.yellow(`! ${label}`);
  return paint.cyan(`i ${label}`);
}

function planBlock(plan: FixPlan, paint: Palette): string {
  if (plan.actions.length === 0) return '';
  const items = plan.actions.map((action, i) => actionLines(action, i + 1, paint));
  // The header counts the numbered actions; the closing re-run is said after them, unnumbered.
  if (plan.closing) items.push(`  Then: ${plan.closing}`);
  const count = `${plan.actions.length} action${plan.actions.length === 1 ? '' : 's'}`;
  return `${paint.bold(`FIX PLAN (${count})`)}\n${items.join('\n')}`;
}

function actionLines(action: PlanAction, n: number, paint: Palette): string {
  const lines = [`  ${n}. ${severityMark(action.severity, paint)} ${action.title}`];
  for (const step of action.steps) lines.push(indent(step, 6));
  const shown = action.links.slice(0, LINKS_PER_ACTION);
  for (const link of shown)
    lines.push(`      ${paint.dim('→')} ${link.label}: ${paint.cyan(link.url)}`);
  const hidden = action.links.length - shown.length;
  if (hidden > 0)
    lines.push(
      paint.dim(`      → and ${hidden} more link${hidden === 1 ? '' : 's'} (see the findings)`),
    );
  return lines.join('\n');
}

function findingsBlock(report: Report, plan: FixPlan, paint: Palette): string {
  const findings = report.findings;
  if (findings.length === 0)
    return `${paint.bold('FINDINGS')}\n  ${paint.green('✓')} No problems found.`;
  const stepOf = planStepOfFindings(plan);
  const indexOf = new Map(findings.map((f, i) => [f, i]));
  const items = sortFindingsBySeverity(findings).map((finding) => {
    const scope = [
      finding.project,
      finding.permission === undefined ? undefined : permissionName(finding.permission),
    ].filter((s): s is string => s !== undefined);
    const lines = [
      `  ${severityMark(finding.severity, paint)} ${paint.bold(FINDING_CATALOGUE[finding.code].title)}${scope.length > 0 ? paint.dim(`  [${scope.join(' · ')}]`) : ''}  ${paint.dim(finding.code)}`,
      indent(finding.message, 4),
    ];
    const step = stepOf.get(indexOf.get(finding) ?? -1);
    if (step !== undefined) lines.push(paint.dim(`    Fix: step ${step} of the plan.`));
    for (const link of finding.links ?? [])
      lines.push(`    ${paint.dim('→')} ${link.label}: ${paint.cyan(link.url)}`);
    return lines.join('\n');
  });
  return `${paint.bold(`FINDINGS (${findings.length})`)}\n${items.join('\n\n')}`;
}

function permissionsBlock(report: Report, paint: Palette): string {
  if (report.projects.length === 0) return '';
  const columns = permissionColumns(report);
  const showExists = report.projects.some((p) => p.exists !== null);
  const header = [
    'Project',
    ...(showExists ? ['Exists'] : []),
    'Visible',
    ...columns.map(permissionName),
  ];
  const rows = report.projects.map((project) => [
    project.key,
    ...(showExists ? [permissionMark(project.exists)] : []),
    permissionMark(project.visible),
    ...columns.map((key) => permissionMark(project.permissions[key] ?? null)),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const render = (cells: readonly string[], style: (text: string, i: number) => string): string =>
    `  ${cells.map((text, i) => style(text.padEnd(widths[i] ?? 0), i)).join('  ')}`.trimEnd();
  const markStyle = (text: string, i: number): string => (i === 0 ? text : colourMark(text, paint));
  return [
    paint.bold('PERMISSIONS'),
    render(header, (text) => paint.dim(text)),
    ...rows.map((row) => render(row, markStyle)),
    paint.dim('  ✓ yes  ✗ no  ? unknown'),
  ].join('\n');
}

function colourMark(padded: string, paint: Palette): string {
  const mark = padded.trim();
  if (mark === '✓') return padded.replace(mark, paint.green(mark));
  if (mark === '✗') return padded.replace(mark, paint.red(mark));
  if (mark === '?') return padded.replace(mark, paint.yellow(mark));
  return padded;
}

const CHECK_MARKS: Readonly<Record<CheckStatus, string>> = {
  pass: '✓ pass ',
  fail: '✗ fail ',
  warn: '! warn ',
  skip: '- skip ',
  error: '✗ error',
};

function checkStyle(status: CheckStatus, paint: Palette): Style {
  if (status === 'pass') return paint.green;
  if (status === 'warn') return paint.yellow;
  if (status === 'skip') return paint.dim;
  return paint.red;
}

function checksBlock(report: Report, paint: Palette): string {
  if (report.checks.length === 0) return '';
  const items = report.checks.map((check) => {
    const lines = [
      `  ${checkStyle(check.status, paint)(CHECK_MARKS[check.status])}  ${check.title} ${paint.dim(`(${check.id})`)}`,
    ];
    if (check.detail !== '') lines.push(indent(check.detail, 11));
    for (const request of check.requests) {
      lines.push(
        paint.dim(
          `           ${request.method} ${request.path} → ${describeOutcome(request)}  ` +
            `${request.target}/${request.auth}, attempt ${request.attempt}, ${formatDuration(request.durationMs)}`,
        ),
      );
    }
    return lines.join('\n');
  });
  return `${paint.bold('CHECKS AND EVIDENCE')}\n${items.join('\n')}`;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
