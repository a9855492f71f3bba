/**
 * The verdict as people read it, shared by the CLI text, the Markdown and the panel. "Ready" is
 * our promise that the synchronizer's operations will succeed, so it is only shown bare when the
 * credentials and the permissions were both tested; otherwise the headline says what was not.
 */
import type {
  AreaCoverage,
  Coverage,
  CoverageDetail,
  CoverageState,
  Report,
  Verdict,
} from '../model/report';

export const VERDICT_TITLES: Readonly<Record<Verdict, string>> = {
  ready: 'Ready',
  'fix-credentials': 'Fix credentials',
  'fix-permissions': 'Fix permissions',
  'fix-configuration': 'Fix configuration',
  'fix-connectivity': 'Fix connectivity',
  inconclusive: 'Inconclusive',
};

/** The areas every report has; `tokenExpiry` appears only when the run was asked for it. */
export type CoverageArea = Exclude<keyof Coverage, 'tokenExpiry'>;

/** Display order and admin wording of each area. */
export const COVERAGE_AREAS: ReadonlyArray<{ key: CoverageArea; label: string }> = [
  { key: 'credentials', label: 'Credentials' },
  { key: 'permissions', label: 'Permissions' },
  { key: 'scopes', label: 'Token scopes' },
  { key: 'createFields', label: 'Fields on create screens' },
  { key: 'editFields', label: 'Fields on edit screens' },
  { key: 'issueSecurity', label: 'Issue security' },
];

export const COVERAGE_STATE_LABELS: Readonly<Record<CoverageState, string>> = {
  tested: 'tested',
  partial: 'partly tested',
  'not-tested': 'not tested',
  'not-applicable': 'not applicable',
};

/** Every area of this report's coverage with its state: the fixed areas, then token expiry when asked for. */
export function coverageRows(
  coverage: Coverage,
): Array<{ key: keyof Coverage; label: string; state: CoverageState }> {
  return [
    ...COVERAGE_AREAS.map(({ key, label }) => ({ key, label, state: coverage[key] })),
    ...(coverage.tokenExpiry === undefined
      ? []
      : [{ key: 'tokenExpiry' as const, label: 'Token expiry', state: coverage.tokenExpiry }]),
  ];
}

type HeadlineInput = Pick<Report, 'verdict'> & {
  coverage?: Coverage | undefined;
  hostReport?: Report['hostReport'];
  coverageDetail?: CoverageDetail | undefined;
  projects?: ReadonlyArray<{ key: string }> | undefined;
};

/** The credential half came from an imported host report the app did not verify. */
function unverifiedHost(report: { hostReport?: Report['hostReport'] }): boolean {
  return report.hostReport?.verified === false;
}

/** The areas tested per scheme: a gap in any of them qualifies a Ready (#24). */
const SCHEME_AREAS = ['createFields', 'editFields', 'issueSecurity'] as const;

const untested = (state: CoverageState) => state === 'partial' || state === 'not-tested';

/**
 * True when the verdict is ready but something that applies was not (fully) tested: the
 * credentials, the permissions, the fields on the screens or issue security.
 */
export function isQualifiedReady(report: HeadlineInput): boolean {
  if (report.verdict !== 'ready') return false;
  const coverage = report.coverage;
  return (
    !coverage ||
    coverage.credentials !== 'tested' ||
    coverage.permissions !== 'tested' ||
    SCHEME_AREAS.some((area) => untested(coverage[area]))
  );
}

/**
 * "Ready", a non-ready verdict's title, or a qualified ready such as
 * "Permissions ready — credentials not tested" or
 * "Ready for permissions in all 249 projects; fields checked in 12 of 249". Reports saved before
 * coverage existed never show a bare "Ready" either.
 */
export function verdictHeadline(report: HeadlineInput): string {
  if (!isQualifiedReady(report)) return VERDICT_TITLES[report.verdict];
  const coverage = report.coverage;
  if (!coverage) return 'Nothing failed — coverage not recorded (re-run the check)';
  const credentials = coverage.credentials === 'tested';
  const permissions = coverage.permissions === 'tested';
  const state = (area: 'credentials' | 'permissions') =>
    area === 'credentials' && unverifiedHost(report) && coverage.credentials === 'not-tested'
      ? "credentials as the synchronizer's host reported them, not verified"
      : `${area} ${COVERAGE_STATE_LABELS[coverage[area]]}`;
  const total = report.projects?.length ?? 0;
  const where =
    total === 1 && report.projects?.[0]
      ? ` in project ${report.projects[0].key}`
      : total > 1
        ? ` in all ${total} projects`
        : '';
  const base =
    permissions && credentials
      ? `Ready for permissions${where}`
      : permissions
        ? `Permissions ready — ${state('credentials')}`
        : credentials
          ? `Credentials ready — ${state('permissions')}`
          : `Nothing failed — ${state('credentials')}, ${state('permissions')}`;
  const gaps = schemeGaps(report);
  return gaps.length ? `${base}; ${gaps.join('; ')}` : base;
}

/**
 * "fields checked in 12 of 249", "issue security not checked": one phrase per area tested per
 * scheme that was not tested in every project. Fields count a project when every field area that
 * applies (create and edit screens) was tested there.
 */
export function schemeGaps(report: HeadlineInput): string[] {
  const coverage = report.coverage;
  if (!coverage) return [];
  const detail = report.coverageDetail;
  const total = report.projects?.length ?? 0;
  const phrase = (
    name: string,
    areas: ReadonlyArray<(typeof SCHEME_AREAS)[number]>,
  ): string | null => {
    const applicable = areas.filter((a) => coverage[a] !== 'not-applicable');
    if (!applicable.some((a) => untested(coverage[a]))) return null;
    const lists = applicable.map((a) => detail?.[a]);
    if (total > 0 && lists.every((l): l is AreaCoverage => l !== undefined)) {
      const tested = testedInAll(lists);
      return tested === 0 ? `${name} not checked` : `${name} checked in ${tested} of ${total}`;
    }
    return applicable.every((a) => coverage[a] === 'not-tested')
      ? `${name} not checked`
      : `${name} partly checked`;
  };
  return [
    phrase('fields', ['createFields', 'editFields']),
    phrase('issue security', ['issueSecurity']),
  ].filter((p): p is string => p !== null);
}

/** How many projects every one of the lists counts as tested. */
function testedInAll(lists: readonly AreaCoverage[]): number {
  const [first, ...rest] = lists;
  if (!first) return 0;
  const others = rest.map((l) => new Set(l.tested));
  return first.tested.filter((key) => others.every((set) => set.has(key))).length;
}

/**
 * The target projects an area was not tested in, grouped by why, in admin words: e.g.
 * "Not read: ZB0250, ZB0500 (beyond 10 distinct combinations of schemes per run)".
 */
export function notTestedLines(area: AreaCoverage | undefined, maxKeys = 30): string[] {
  if (!area) return [];
  const byReason = new Map<string, string[]>();
  for (const { project, reason } of area.notTested) {
    if (reason === 'not-found') continue;
    byReason.set(reason, [...(byReason.get(reason) ?? []), project]);
  }
  return [...byReason].map(
    ([reason, keys]) =>
      `${NOT_TESTED_REASONS[reason as keyof typeof NOT_TESTED_REASONS].toLowerCase()}: ${shortList(keys, maxKeys)}`,
  );
}

export const NOT_TESTED_REASONS = {
  limit: 'Beyond what one run reads',
  'not-read': 'Jira did not show it',
  'no-permission': 'The sync user may not work there yet',
  'no-issues': 'No issue to read it on',
  'needs-admin': 'Needs an administrator’s view',
  'not-found': 'The project does not exist',
  'not-checked': 'The run did not check the project',
} as const;

function shortList(keys: readonly string[], max = 30): string {
  return keys.length <= max
    ? keys.join(', ')
    : `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}

/** Where the advice is read: the "Runs on Atlassian" build of the app has no token form. */
export interface AdviceOptions {
  tokenForm?: boolean;
}

/** What was not tested and how to test it: one sentence per area that needs one. */
export function coverageAdvice(
  report: Pick<Report, 'coverage' | 'mode'> &
    Partial<Pick<Report, 'findings' | 'hostReport' | 'coverageDetail' | 'projects'>>,
  { tokenForm = true, maxKeys = 30 }: AdviceOptions & { maxKeys?: number } = {},
): string[] {
  const coverage = report.coverage;
  const advice: string[] = [];
  const hasToken = report.mode !== 'admin';
  // A token Jira refused has no scopes worth testing yet: its credentials finding comes first.
  const tokenRefused = (report.findings ?? []).some(
    (f) => f.category === 'credentials' && f.severity === 'error',
  );
  const hasAdmin = report.mode !== 'token';
  if (coverage.credentials === 'not-tested' && unverifiedHost(report)) {
    advice.push(
      tokenForm
        ? "Credentials not tested by the app: they are as the synchronizer's host reported them, in a report imported by the person who ran this check. To have the app test them, add the sync user's API token here."
        : "Credentials not tested by the app: they are as the synchronizer's host reported them, in a report imported by the person who ran this check; the app cannot verify a report it did not make.",
    );
  } else if (coverage.credentials === 'not-tested') {
    advice.push(
      hasToken
        ? 'Credentials not tested: Jira did not answer about the token; run the check again.'
        : tokenForm
          ? "Credentials not tested: add the sync user's API token, or run the CLI on the synchronizer's host."
          : "Credentials not tested: run the check from the synchronizer's host and import its report.",
    );
  } else if (coverage.credentials === 'partial') {
    advice.push('Credentials partly tested: see the checks for what could not be read.');
  }
  if (coverage.permissions === 'not-tested' || coverage.permissions === 'partial') {
    const what =
      coverage.permissions === 'partial' ? 'Permissions partly tested' : 'Permissions not tested';
    advice.push(
      hasAdmin
        ? `${what}: some answers could not be read; the findings and checks say why and what to do.`
        : `${what}: the token's own answers were not enough; add a Jira administrator's view (admin mode).`,
    );
  }
  if (
    coverage.scopes === 'not-tested' &&
    coverage.credentials === 'tested' &&
    hasToken &&
    !tokenRefused
  ) {
    advice.push(
      'Token scopes not tested: to verify a scoped token, check it at the API gateway address (https://api.atlassian.com/ex/jira/<cloudId>), where the synchronizer uses it.',
    );
  } else if (coverage.scopes === 'partial') {
    advice.push(
      'Token scopes partly tested: some operations got an answer that proves nothing; see the scope checks.',
    );
  }
  for (const { key, label } of COVERAGE_AREAS) {
    if (!(SCHEME_AREAS as readonly string[]).includes(key) || !untested(coverage[key])) continue;
    const area = report.coverageDetail?.[key as (typeof SCHEME_AREAS)[number]];
    advice.push(
      areaSentence(label, coverage[key], area, report.projects?.length ?? 0, maxKeys, hasAdmin),
    );
  }
  return advice;
}

/**
 * One area tested per scheme that was not tested everywhere: where it was tested, where not and
 * why, and how to test the rest. E.g. "Fields on create screens partly tested: tested in 12 of 249
 * projects (…). Not tested — beyond what one run reads: ZB0013, … Check those projects in a
 * separate run."
 */
function areaSentence(
  label: string,
  state: CoverageState,
  area: AreaCoverage | undefined,
  total: number,
  maxKeys: number,
  hasAdmin: boolean,
): string {
  const head = `${label} ${COVERAGE_STATE_LABELS[state]}`;
  if (!area)
    return `${head}: ${hasAdmin ? 'see the checks for what could not be read.' : "add a Jira administrator's view (admin mode)."}`;
  const tested = area.tested.length;
  const where =
    tested === 0
      ? `tested in none of the ${total} projects`
      : `tested in ${tested} of ${total} project${total === 1 ? '' : 's'}${tested <= maxKeys ? ` (${area.tested.join(', ')})` : ''}`;
  const reasons = new Set(area.notTested.map((n) => n.reason));
  const how = [
    reasons.has('limit') ? 'check the projects beyond the limit in a separate run' : '',
    reasons.has('needs-admin') ? "add a Jira administrator's view (admin mode)" : '',
    reasons.has('no-permission')
      ? hasAdmin
        ? 'fix the permissions in the plan and re-run'
        : "fix the permissions in the plan, or add a Jira administrator's view"
      : '',
    reasons.has('no-issues') ? 'test them by hand once those projects have an issue' : '',
    reasons.has('not-read') ? 'see the checks for why Jira did not show them, and re-run' : '',
  ].filter(Boolean);
  const lines = notTestedLines(area, maxKeys);
  return `${head}: ${where}.${lines.length ? ` Not tested — ${lines.join('; ')}.` : ''}${how.length ? ` To test them: ${how.join('; ')}.` : ''}`;
}

/** One line: every area with its state, e.g. "Credentials tested · Permissions tested · …". */
export function coverageLine(coverage: Coverage): string {
  return coverageRows(coverage)
    .map(({ label, state }) => `${label} ${COVERAGE_STATE_LABELS[state]}`)
    .join(' · ');
}

/**
 * An area's state as shown beside its name: for the areas tested per scheme, with how many
 * projects it covers, e.g. "tested (249 of 249 projects)", "partly tested (12 of 249 projects)".
 */
export function coverageStateText(
  report: Pick<Report, 'coverage'> & Partial<Pick<Report, 'coverageDetail' | 'projects'>>,
  key: keyof Coverage,
): string {
  const state = report.coverage[key] ?? 'not-tested';
  const label = COVERAGE_STATE_LABELS[state];
  if (!(SCHEME_AREAS as readonly string[]).includes(key) || state === 'not-applicable')
    return label;
  const area = report.coverageDetail?.[key as (typeof SCHEME_AREAS)[number]];
  const total = report.projects?.length ?? 0;
  if (!area || total === 0) return label;
  return `${label} (${area.tested.length} of ${total} project${total === 1 ? '' : 's'})`;
}

/** How a stored or finished run turned out, as one label and its headline (History, #24). */
export interface RunOutcome {
  /** A word or two: "Ready", "Ready, not all tested", "Fix permissions", "Cancelled". */
  label: string;
  tone: 'ready' | 'qualified' | 'problem' | 'inconclusive' | 'cancelled';
  /** The headline the run's report shows, or for a cancelled run how far it got. */
  headline: string;
}

/**
 * The History row's verdict: the same words as the opened run's headline, never a green Ready for
 * a run whose headline was qualified, and a cancelled run said to be cancelled, with the number
 * of projects checked that its report (and so its entry) holds.
 */
export function runOutcome(
  report: Pick<Report, 'verdict' | 'findings'> & HeadlineInput,
): RunOutcome {
  const cancelled = report.findings.find(
    (f) => f.code === 'PROJECTS_NOT_CHECKED' && f.details?.['reason'] === 'cancelled',
  );
  if (cancelled) {
    const total = Number(cancelled.details?.['total']);
    const notChecked = Number(cancelled.details?.['notChecked']);
    const checked = Number.isFinite(total - notChecked) ? total - notChecked : null;
    const problem = report.verdict !== 'inconclusive' && report.verdict !== 'ready';
    return {
      label: 'Cancelled',
      tone: 'cancelled',
      headline: `Cancelled${checked === null ? '' : ` after ${checked} of ${total} projects`}${
        problem ? `; ${VERDICT_TITLES[report.verdict]} in those` : ''
      }`,
    };
  }
  const headline = verdictHeadline(report);
  if (report.verdict === 'ready')
    return isQualifiedReady(report)
      ? { label: 'Ready, not all tested', tone: 'qualified', headline }
      : { label: 'Ready', tone: 'ready', headline };
  return {
    label: VERDICT_TITLES[report.verdict],
    tone: report.verdict === 'inconclusive' ? 'inconclusive' : 'problem',
    headline,
  };
}
