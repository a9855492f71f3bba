/**
 * The verdict as people read it, shared by the CLI text, the Markdown and the panel. "Ready" is
 * our promise that the synchronizer's operations will succeed, so it is only shown bare when the
 * credentials and the permissions were both tested; otherwise the headline says what was not.
 */
import type { Coverage, CoverageState, Report, Verdict } from '../model/report';

export const VERDICT_TITLES: Readonly<Record<Verdict, string>> = {
  ready: 'Ready',
  'fix-credentials': 'Fix credentials',
  'fix-permissions': 'Fix permissions',
  'fix-configuration': 'Fix configuration',
  'fix-connectivity': 'Fix connectivity',
  inconclusive: 'Inconclusive',
};

export type CoverageArea = keyof Coverage;

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

type HeadlineInput = Pick<Report, 'verdict'> & {
  coverage?: Coverage | undefined;
  hostReport?: Report['hostReport'];
};

/** The credential half came from an imported host report the app did not verify. */
function unverifiedHost(report: { hostReport?: Report['hostReport'] }): boolean {
  return report.hostReport?.verified === false;
}

/** True when the verdict is ready but credentials or permissions were not (fully) tested. */
export function isQualifiedReady(report: HeadlineInput): boolean {
  if (report.verdict !== 'ready') return false;
  const coverage = report.coverage;
  return !coverage || coverage.credentials !== 'tested' || coverage.permissions !== 'tested';
}

/**
 * "Ready", a non-ready verdict's title, or a qualified ready such as
 * "Permissions ready — credentials not tested". Reports saved before coverage existed never show
 * a bare "Ready" either.
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
  if (permissions) return `Permissions ready — ${state('credentials')}`;
  if (credentials) return `Credentials ready — ${state('permissions')}`;
  return `Nothing failed — ${state('credentials')}, ${state('permissions')}`;
}

/** Where the advice is read: the "Runs on Atlassian" build of the app has no token form. */
export interface AdviceOptions {
  tokenForm?: boolean;
}

/** What was not tested and how to test it: one sentence per area that needs one. */
export function coverageAdvice(
  report: Pick<Report, 'coverage' | 'mode'> & Partial<Pick<Report, 'findings' | 'hostReport'>>,
  { tokenForm = true }: AdviceOptions = {},
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
  return advice;
}

/** One line: every area with its state, e.g. "Credentials tested · Permissions tested · …". */
export function coverageLine(coverage: Coverage): string {
  return COVERAGE_AREAS.map(
    ({ key, label }) => `${label} ${COVERAGE_STATE_LABELS[coverage[key]]}`,
  ).join(' · ');
}
