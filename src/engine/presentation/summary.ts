import type { Finding, ProjectReport, Subject, Verdict } from '../model/report';

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

/** One sentence: what to do first and why, or that the sync user is ready. */
export function summarise(
  verdict: Verdict,
  findings: readonly Finding[],
  subject: Subject | null,
  projects: readonly ProjectReport[],
): string {
  const who = subject ? (subject.displayName ?? subject.accountId) : 'The sync user';
  if (verdict === 'ready') {
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const tail = warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''} to review)` : '';
    const where =
      projects.length === 1
        ? `target project ${projects[0]?.key}`
        : `all ${projects.length} target projects`;
    return `${who} can work in ${where} with the required permissions${tail}.`;
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
