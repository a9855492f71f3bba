/**
 * Whether a report brought from the synchronizer's host may stand for the credential half of a
 * check here. It is evidence the administrator brings, not a signed statement (the CLI holds no
 * key that could sign it), so it is accepted only when it is a report in the published format,
 * about this site, recent, for the same user, projects and permissions as the check it joins, and
 * internally consistent: a verdict that does not follow from its own findings, or a finding whose
 * category or severity is not the catalogue's, shows it was edited after the CLI wrote it.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schema/report.schema.json';
import { normalisePermissions, normaliseProjectKeys } from '../engine/run/targets';
import { FINDING_CATALOGUE, severityAllowed } from '../engine/findings/catalogue';
import type { Report } from '../engine/model/report';
import { decideVerdict } from '../engine/findings/verdict';
import { HOST_REPORT_CLOCK_SKEW_MS, HOST_REPORT_MAX_AGE_HOURS } from './host-report-limits';

export interface ExpectedCheck {
  /** This installation's site origin (from the invocation context). */
  site: string;
  accountId: string;
  projects: readonly string[];
  permissions: readonly string[];
  now: number;
}

/** A report that may not be imported, and the reason in words an administrator can act on. */
export class HostReportRefused extends Error {
  constructor(readonly reason: string) {
    super(`The report was not imported: ${reason}`);
    this.name = 'HostReportRefused';
  }
}

let validator: ValidateFunction | null = null;

function validateSchema(report: unknown): report is Report {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator(report);
}

export function checkHostReport(candidate: unknown, expected: ExpectedCheck): Report {
  if (!validateSchema(candidate)) {
    const errors = (validator?.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || 'the report'} ${e.message ?? 'is invalid'}`)
      .join('; ');
    throw new HostReportRefused(
      `it is not a Credential Doctor report (schema/report.schema.json): ${errors}.`,
    );
  }
  const report = candidate;
  if (origin(report.site) !== origin(expected.site)) {
    throw new HostReportRefused(
      `it checked ${report.site}, not this site (${origin(expected.site)}). Run the command shown here, which names this site.`,
    );
  }
  if (report.mode === 'admin') {
    throw new HostReportRefused(
      'it has no credential check: it was made in admin mode only. Run the command shown here, which checks the sync user’s own token (--email).',
    );
  }
  if (report.hostReport) {
    throw new HostReportRefused(
      'it is a report from this app, not one the CLI wrote on the synchronizer’s host.',
    );
  }
  checkAge(report, expected.now);
  checkConsistency(report);
  checkSameCheck(report, expected);
  return report;
}

function checkAge(report: Report, now: number): void {
  const made = Date.parse(report.startedAt);
  if (made - now > HOST_REPORT_CLOCK_SKEW_MS) {
    throw new HostReportRefused(
      `it says it was made at ${report.startedAt}, which is in the future. Check the host's clock and run the command again.`,
    );
  }
  const ageHours = (now - made) / 3_600_000;
  if (ageHours > HOST_REPORT_MAX_AGE_HOURS) {
    throw new HostReportRefused(
      `it is ${Math.floor(ageHours)} hours old; reports older than ${HOST_REPORT_MAX_AGE_HOURS} hours are refused because the token may have changed since. Run the command again.`,
    );
  }
}

/**
 * Facts, not wording (#24): a finding's category is its code's, its severity one the engine
 * writes for that code at that step (the catalogue's, a documented variant, or `info` from an
 * advisory step: e.g. SITE_UNREACHABLE when the host could not reach the API gateway for the
 * optional scoped-token probe),
 * and the verdict follows from the findings. Texts are never compared: the import rebuilds them.
 */
function checkConsistency(report: Report): void {
  for (const finding of report.findings) {
    const kind = FINDING_CATALOGUE[finding.code];
    if (
      kind.category !== finding.category ||
      !severityAllowed(finding.code, finding.severity, finding.step)
    ) {
      const severities = [kind.severity, ...(kind.alsoAs ?? [])].join(' or ');
      throw new HostReportRefused(
        `it was changed after the CLI wrote it: finding ${finding.code} is marked ${finding.category}/${finding.severity}, but that finding is always ${kind.category}, ${severities} (information only from an optional check).`,
      );
    }
  }
  const verdict = decideVerdict(report.findings);
  if (verdict !== report.verdict) {
    throw new HostReportRefused(
      `it was changed after the CLI wrote it: its verdict says ${report.verdict}, but its findings give ${verdict}.`,
    );
  }
}

function checkSameCheck(report: Report, expected: ExpectedCheck): void {
  const identity = report.tokenIdentity?.accountId;
  const flaggedWrongAccount = report.findings.some((f) => f.code === 'WRONG_ACCOUNT');
  if (identity !== undefined && identity !== expected.accountId && !flaggedWrongAccount) {
    throw new HostReportRefused(
      `it checked the token of account ${identity}, not the chosen sync user (${expected.accountId}). Run the command shown for this user.`,
    );
  }
  const wantProjects = normaliseProjectKeys(expected.projects);
  const gotProjects = report.projects.map((p) => p.key.toUpperCase());
  const missingProjects = wantProjects.filter((k) => !gotProjects.includes(k));
  const extraProjects = gotProjects.filter((k) => !wantProjects.includes(k));
  if (missingProjects.length > 0 || extraProjects.length > 0) {
    throw new HostReportRefused(
      `it checked projects ${list(gotProjects)}, but this check is for ${list(wantProjects)}. Choose the same projects, or run the command shown here.`,
    );
  }
  const wantPermissions = normalisePermissions(expected.permissions);
  const got = new Set(report.requiredPermissions);
  if (wantPermissions.length !== got.size || wantPermissions.some((p) => !got.has(p))) {
    throw new HostReportRefused(
      `it checked permissions ${list(report.requiredPermissions)}, but this check needs ${list(wantPermissions)}. Choose the same preset or permissions, or run the command shown here.`,
    );
  }
}

function origin(site: string): string {
  try {
    return new URL(site).origin;
  } catch {
    return site;
  }
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown || '(none)';
}
