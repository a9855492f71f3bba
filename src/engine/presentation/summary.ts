import type {
  Coverage,
  CoverageState,
  Finding,
  ProjectReport,
  Subject,
  Verdict,
} from '../model/report';

const HEADLINE: Record<Verdict, string> = {
  'fix-connectivity': 'Fix connectivity first',
  'fix-credentials': 'Fix the credentials first',
  'fix-configuration': 'Fix the configuration first',
  'fix-permissions': 'Fix permissions',
  inconclusive: 'Inconclusive',
  ready: 'Ready',
};

export function verdictLabel(verdict: Verdict): string {
  return HEADLINE[verdict];
}

const STATE_WORDS: Readonly<Record<CoverageState, string>> = {
  tested: 'tested',
  partial: 'partly tested',
  'not-tested': 'not tested',
  'not-applicable': 'not applicable',
};

/**
 * One sentence: what to do first and why, or what a run without problems could vouch for. It
 * says the sync user can work in the projects only when this run tested both its credentials and
 * its permissions there (and a scoped token's scopes, where they apply); otherwise it says what
 * was tested and what was not.
 */
export function summarise(
  verdict: Verdict,
  findings: readonly Finding[],
  subject: Subject | null,
  projects: readonly ProjectReport[],
  coverage: Pick<Coverage, 'credentials' | 'permissions' | 'scopes'>,
): string {
  const who = subject ? (subject.displayName ?? subject.accountId) : 'The sync user';
  if (verdict === 'ready') {
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const tail = warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''} to review)` : '';
    const where =
      projects.length === 1
        ? `target project ${projects[0]?.key}`
        : `all ${projects.length} target projects`;
    const credentials = coverage.credentials === 'tested';
    const permissions = coverage.permissions === 'tested';
    const scopes = coverage.scopes === 'tested' || coverage.scopes === 'not-applicable';
    if (credentials && permissions && scopes)
      return `${who} can work in ${where} with the required permissions${tail}.`;
    if (credentials && permissions)
      return `${who} holds the required permissions in ${where}; the token's scopes were ${STATE_WORDS[coverage.scopes]}${tail}.`;
    if (permissions)
      return `${who} holds the required permissions in ${where}; the credentials were ${STATE_WORDS[coverage.credentials]}${tail}.`;
    if (credentials)
      return `Nothing failed, but ${who === 'The sync user' ? "the sync user's" : `${who}'s`} permissions in ${projects.length === 1 ? 'the target project' : 'the target projects'} were ${STATE_WORDS[coverage.permissions]}: this run cannot say it can work there${tail}.`;
    return `Nothing failed, but the credentials were ${STATE_WORDS[coverage.credentials]} and the permissions ${STATE_WORDS[coverage.permissions]}: this run cannot say the sync user can work in the target projects${tail}.`;
  }
  const errors = findings.filter((f) => f.severity === 'error');
  const first =
    verdict === 'inconclusive'
      ? errors[0]
      : (errors.find((f) => categoryOf(verdict) === f.category && f.code !== 'CHECKER_NOT_ADMIN') ??
        errors[0]);
  if (!first) return `${HEADLINE[verdict]}.`;
  // The verdict is shown beside the summary everywhere, so the sentence does not repeat it.
  if (verdict === 'fix-permissions') {
    const more = errors.filter((f) => f.category === 'permissions').length - 1;
    return `${first.message}${more > 0 ? ` (${more} more permission problem${more > 1 ? 's' : ''})` : ''}`;
  }
  return first.message;
}

function categoryOf(verdict: Verdict): string {
  return verdict.replace('fix-', '');
}
