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
  'oauth-token',
  'token-identity',
  'expected-account',
  'token-expiry',
]);

export const HOST_CHECK_PREFIX = "From the synchronizer's host: ";

/**
 * `suppliedBy`: who imported the host's report. Its credential half is evidence that person
 * brings, not something the app verified: each of its findings says so, and the credentials and
 * scopes count as not tested (what the host claimed is kept in `hostReport.coverage`).
 */
export function mergeHostReport(host: Report, admin: Report, supplied: { by: string }): Report {
  const fromHost = host.findings
    .filter(
      (f) =>
        CREDENTIAL_STEPS.has(f.step) ||
        f.category === 'credentials' ||
        f.category === 'connectivity',
    )
    .map((f) => ({ ...f, message: `${suppliedNote(supplied.by)}${f.message}` }));
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
  // What the app tested: the rest here. The token (and a scoped token's scopes) only as the
  // host reported them: never counted as tested.
  const coverage: Report['coverage'] = {
    ...admin.coverage,
    credentials: 'not-tested',
    scopes: 'not-tested',
    // The host's token list, shown as it reported it: never counted as tested by the app.
    ...(host.tokenExpiry ? { tokenExpiry: 'not-tested' as const } : {}),
  };
  return {
    ...admin,
    verdict,
    summary: summarise(verdict, findings, subject, admin.projects, coverage),
    mode: 'token+admin',
    subject,
    tokenIdentity: host.tokenIdentity,
    ...(host.tokenExpiry ? { tokenExpiry: host.tokenExpiry } : {}),
    findings,
    checks: [...hostChecks, ...admin.checks],
    coverage,
    requestCount: admin.requestCount + host.requestCount,
    hostReport: {
      startedAt: host.startedAt,
      verdict: host.verdict,
      durationMs: host.durationMs,
      requestCount: host.requestCount,
      suppliedBy: supplied.by,
      verified: false,
      coverage: {
        credentials: host.coverage.credentials,
        scopes: host.coverage.scopes,
        ...(host.coverage.tokenExpiry === undefined
          ? {}
          : { tokenExpiry: host.coverage.tokenExpiry }),
      },
    },
  };
}

/** Said before each finding of an imported host report. */
export function suppliedNote(by: string): string {
  return `From the synchronizer's host, in a report imported by ${by} and not verified by the app: `;
}

/** One fact, one finding: the admin view's wording wins when both halves saw it. */
function identity(f: Finding): string {
  return `${f.code}|${f.project ?? ''}|${f.permission ?? ''}`;
}
