/**
 * One decision from two halves of the same check: the credential half from a report the CLI wrote
 * on the synchronizer's host (what the integration's own token experiences there), and the
 * permission half from the admin view the app ran just now. The host's credential and
 * connectivity findings are kept with the checks they came from; projects, permissions and
 * account facts come from the admin view; the verdict and summary are decided anew.
 */
import { sortFindings } from '../findings/order';
import type { Finding, Report } from '../model/report';
import { summarise } from '../presentation/summary';
import { decideVerdict } from '../findings/verdict';

/** Steps only token mode runs: all they found is about the credentials. */
const CREDENTIAL_STEPS: ReadonlySet<string> = new Set([
  'credential-hygiene',
  'token-identity',
  'expected-account',
]);

export const HOST_CHECK_PREFIX = "From the synchronizer's host: ";

export function mergeHostReport(host: Report, admin: Report): Report {
  const fromHost = host.findings.filter(
    (f) =>
      CREDENTIAL_STEPS.has(f.step) || f.category === 'credentials' || f.category === 'connectivity',
  );
  const seen = new Set(admin.findings.map(identity));
  const findings = sortFindings([
    ...admin.findings,
    ...fromHost.filter((f) => !seen.has(identity(f))),
  ]);

  const adminCheckIds = new Set(admin.checks.map((c) => c.id));
  const hostCheckIds = new Set([...CREDENTIAL_STEPS, ...fromHost.map((f) => f.step)]);
  const hostChecks = host.checks
    .filter((c) => hostCheckIds.has(c.id) && !adminCheckIds.has(c.id))
    .map((c) => ({ ...c, title: `${HOST_CHECK_PREFIX}${c.title}` }));

  const verdict = decideVerdict(findings);
  const subject = admin.subject ?? host.subject;
  // What was tested: the token (and a scoped token's scopes) on the host, the rest here.
  const coverage = {
    ...admin.coverage,
    credentials: host.coverage.credentials,
    scopes: host.coverage.scopes,
  };
  return {
    ...admin,
    verdict,
    summary: summarise(verdict, findings, subject, admin.projects, coverage),
    mode: 'token+admin',
    subject,
    tokenIdentity: host.tokenIdentity,
    findings,
    checks: [...hostChecks, ...admin.checks],
    coverage,
    requestCount: admin.requestCount + host.requestCount,
    hostReport: {
      startedAt: host.startedAt,
      verdict: host.verdict,
      durationMs: host.durationMs,
      requestCount: host.requestCount,
    },
  };
}

/** One fact, one finding: the admin view's wording wins when both halves saw it. */
function identity(f: Finding): string {
  return `${f.code}|${f.project ?? ''}|${f.permission ?? ''}`;
}
