import { SEVERITY_RANK, sortFindings } from '../findings/order';
import { STATUS_RANK } from './context';
import { remedy, type NotCheckedReason } from '../findings/remedies';
import { unknownProject } from '../model/project-report';
import type {
  AreaCoverage,
  CheckResult,
  Coverage,
  CoverageDetail,
  CoverageState,
  Finding,
  ProjectReport,
  Report,
} from '../model/report';
import { summarise } from '../presentation/summary';
import { decideVerdict } from '../findings/verdict';

/**
 * A run of many projects is checked in batches (one Forge invocation each, see
 * resolvers/batch-run.ts). This turns the batches' reports into the run's one report, the same
 * way in the resolver (history) and in the panel (what the admin sees).
 */

/** The check that says whether every batch of a batched run was checked. */
export const BATCH_STEP = 'project-batches';
const BATCH_STEP_TITLE = 'Every batch of projects was checked';

/** Why a batch has no report (the wording is PROJECTS_NOT_CHECKED's, in the finding catalogue). */
export type { NotCheckedReason };

export type BatchPart =
  | { keys: readonly string[]; report: Report }
  | { keys: readonly string[]; report: null; notChecked: NotCheckedReason };

/** Details that name what a finding is about (as RunContext.add tells findings apart). */
const SUBJECT_DETAILS = ['issueType', 'field', 'screen'] as const;

/**
 * The run's report from its batches, in run order. Projects are concatenated; findings that
 * every batch repeats (about the account, the token) appear once, the more severe kept; each
 * check takes its worst state and coverage the least tested; the verdict and summary come from
 * the engine's own rules over the merged findings. Projects without a report are listed with
 * nothing known and a PROJECTS_NOT_CHECKED finding, so such a run is never "ready".
 */
export function mergeBatchReports(parts: readonly BatchPart[]): Report {
  const reported = parts.filter((p): p is BatchPart & { report: Report } => p.report !== null);
  const first = reported[0]?.report;
  if (!first) throw new Error('A batched run needs at least one checked batch to report.');
  // The cost is the batches' sum (mergeCost), never the first batch's alone.
  const { cost: _firstCost, ...base } = first;
  const missing = parts.filter((p): p is Extract<BatchPart, { report: null }> => p.report === null);

  const projects = mergeProjects(parts, base.requiredPermissions);
  const findings = mergeFindings(reported.map((p) => p.report));
  const checks = mergeChecks(parts, base);
  if (missing.length > 0) findings.push(notCheckedFinding(parts, missing));
  const sorted = sortFindings(findings);
  let verdict = decideVerdict(sorted);
  // A batch that was itself not ready keeps the run from being ready, whatever was merged away.
  if (
    verdict === 'ready' &&
    (missing.length > 0 || reported.some((p) => p.report.verdict !== 'ready'))
  )
    verdict = 'inconclusive';
  const subject = reported.find((p) => p.report.subject)?.report.subject ?? null;
  const coverage = mergeCoverage(
    reported.map((p) => p.report.coverage),
    missing.length > 0,
  );
  const coverageDetail = mergeCoverageDetail(parts);
  return {
    ...base,
    verdict,
    summary: summarise(verdict, sorted, subject, projects, coverage),
    subject,
    tokenIdentity: reported.find((p) => p.report.tokenIdentity)?.report.tokenIdentity ?? null,
    findings: sorted,
    projects,
    checks,
    coverage,
    ...(coverageDetail ? { coverageDetail } : {}),
    durationMs: reported.reduce((sum, p) => sum + p.report.durationMs, 0),
    requestCount: reported.reduce((sum, p) => sum + p.report.requestCount, 0),
    ...mergeCost(reported.map((p) => p.report)),
  };
}

function mergeProjects(
  parts: readonly BatchPart[],
  permissions: readonly string[],
): ProjectReport[] {
  const out: ProjectReport[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const byKey = new Map((part.report?.projects ?? []).map((p) => [p.key, p]));
    // The batch's own projects in its order; a key it did not report is unknown, not fine.
    for (const project of part.report?.projects ?? []) {
      if (!seen.has(project.key)) out.push(project);
      seen.add(project.key);
    }
    for (const key of part.keys) {
      const upper = key.toUpperCase();
      if (seen.has(upper) || byKey.has(upper)) continue;
      seen.add(upper);
      out.push(unknownProject(upper, permissions));
    }
  }
  return out;
}

/**
 * A finding about a screen several projects share (#24) is about the scheme, not one project:
 * batches that read the same scheme in different projects say the same thing.
 */
function sharedScheme(f: Finding): string | null {
  const scheme = f.details?.['scheme'];
  return typeof scheme === 'string' && Array.isArray(f.details?.['projects']) ? scheme : null;
}

function identity(f: Finding): string {
  const scheme = sharedScheme(f);
  return JSON.stringify([
    f.code,
    scheme === null ? (f.project ?? null) : `scheme:${scheme}`,
    f.permission ?? null,
    f.operation ?? null,
    ...SUBJECT_DETAILS.map((k) => f.details?.[k] ?? null),
  ]);
}

function mergeFindings(reports: readonly Report[]): Finding[] {
  const byIdentity = new Map<string, Finding>();
  for (const report of reports) {
    for (const finding of report.findings) {
      const key = identity(finding);
      const existing = byIdentity.get(key);
      if (existing && sharedScheme(finding) !== null) {
        byIdentity.set(key, joinShared(existing, finding));
        continue;
      }
      if (!existing || SEVERITY_RANK[finding.severity] < SEVERITY_RANK[existing.severity])
        byIdentity.set(key, finding);
    }
  }
  return [...byIdentity.values()];
}

/** One finding for a shared screen: every batch's projects, the more severe state. */
function joinShared(a: Finding, b: Finding): Finding {
  const projects = (f: Finding) => (f.details?.['projects'] as unknown[]).map(String);
  const all = [...new Set([...projects(a), ...projects(b)])];
  const added = all.filter((k) => !projects(a).includes(k));
  const first = SEVERITY_RANK[b.severity] < SEVERITY_RANK[a.severity] ? b : a;
  return {
    ...first,
    message: added.length
      ? `${first.message} Other batches found the same in ${added.slice(0, 12).join(', ')}${added.length > 12 ? ` and ${added.length - 12} more` : ''}.`
      : first.message,
    details: { ...first.details, projects: all },
  };
}

/**
 * Which projects the per-scheme areas were tested in, over every batch; the projects of a batch
 * without a report were not checked at all.
 */
function mergeCoverageDetail(parts: readonly BatchPart[]): CoverageDetail | undefined {
  const reported = parts.filter((p) => p.report?.coverageDetail);
  if (reported.length === 0) return undefined;
  const out: CoverageDetail = {};
  for (const key of ['createFields', 'editFields', 'issueSecurity'] as const) {
    const areas = reported.map((p) => p.report?.coverageDetail?.[key]);
    if (areas.every((a) => a === undefined)) continue;
    const tested: string[] = [];
    const notTested: AreaCoverage['notTested'] = [];
    for (const part of parts) {
      const area = part.report?.coverageDetail?.[key];
      if (area) {
        tested.push(...area.tested);
        notTested.push(...area.notTested);
      } else {
        for (const project of part.keys)
          notTested.push({ project: project.toUpperCase(), reason: 'not-checked' });
      }
    }
    out[key] = { tested, notTested };
  }
  return out;
}

function mergeChecks(parts: readonly BatchPart[], base: Omit<Report, 'cost'>): CheckResult[] {
  const started = Date.parse(base.startedAt);
  const merged = new Map<string, { check: CheckResult; details: Set<string>; worst: number }>();
  parts.forEach((part, index) => {
    if (!part.report) return;
    // Evidence times are relative to each batch's start: shift them onto the run's.
    const offset = Math.max(0, Date.parse(part.report.startedAt) - started) || 0;
    for (const check of part.report.checks) {
      const requests = check.requests.map((r) => ({ ...r, startedAtMs: r.startedAtMs + offset }));
      const entry = merged.get(check.id);
      if (!entry) {
        merged.set(check.id, {
          check: { ...check, requests },
          details: new Set([check.detail]),
          worst: index,
        });
        continue;
      }
      entry.details.add(check.detail);
      entry.check.requests.push(...requests);
      if (STATUS_RANK[check.status] > STATUS_RANK[entry.check.status]) {
        entry.check.status = check.status;
        entry.check.detail = check.detail;
        entry.worst = index;
      }
    }
  });
  const checks = [...merged.values()].map(({ check, details, worst }) => {
    if (details.size <= 1 || parts.length <= 1) return check;
    // Batches said different things: the worst one, and which batch said it.
    return { ...check, detail: `${batchName(parts, worst)}: ${check.detail}` };
  });
  const missing = parts.filter((p) => p.report === null);
  const notChecked = missing.reduce((sum, p) => sum + p.keys.length, 0);
  checks.push({
    id: BATCH_STEP,
    title: BATCH_STEP_TITLE,
    status: missing.length > 0 ? 'error' : 'pass',
    detail:
      missing.length > 0
        ? `${parts.length - missing.length} of ${parts.length} batches checked; ${notChecked} projects not checked.`
        : `All ${parts.length} batch${parts.length === 1 ? '' : 'es'} checked (${total(parts)} projects).`,
    requests: [],
  });
  return checks;
}

function batchName(parts: readonly BatchPart[], index: number): string {
  const keys = parts[index]?.keys ?? [];
  const range = keys.length > 1 ? `${keys[0]}–${keys[keys.length - 1]}` : (keys[0] ?? '');
  return `Batch ${index + 1} of ${parts.length} (${range})`;
}

function total(parts: readonly BatchPart[]): number {
  return parts.reduce((sum, p) => sum + p.keys.length, 0);
}

/** Run-wide first reason: stopped beats cancelled beats failed beats pending. */
const REASON_ORDER: readonly NotCheckedReason[] = ['stopped', 'cancelled', 'failed', 'pending'];

function notCheckedFinding(
  parts: readonly BatchPart[],
  missing: ReadonlyArray<Extract<BatchPart, { report: null }>>,
): Finding {
  const keys = missing.flatMap((p) => p.keys.map((k) => k.toUpperCase()));
  const reasons = REASON_ORDER.filter((r) => missing.some((p) => p.notChecked === r));
  const reason = reasons[0] ?? 'pending';
  const all = total(parts);
  return remedy.projectsNotChecked(BATCH_STEP, {
    keys,
    total: all,
    reason,
    failedBatches: missing.filter((p) => p.notChecked === 'failed').length,
  });
}

/** The least tested state: what some batches tested and others did not is partial. */
export function combineCoverage(a: CoverageState, b: CoverageState): CoverageState {
  if (a === b) return a;
  if (a === 'not-applicable') return b;
  if (b === 'not-applicable') return a;
  return 'partial';
}

/** Per-project coverage is not tested where a batch is missing; the account's is the batches'. */
const PER_PROJECT: ReadonlyArray<keyof Coverage> = [
  'permissions',
  'createFields',
  'editFields',
  'issueSecurity',
];

function mergeCoverage(coverages: readonly Coverage[], anyMissing: boolean): Coverage {
  const [first, ...rest] = coverages;
  if (!first) throw new Error('No coverage to merge.');
  const out: Coverage = { ...first };
  for (const coverage of rest) {
    for (const key of Object.keys(out) as Array<keyof Coverage>) {
      const mine = out[key];
      const theirs = coverage[key];
      if (mine !== undefined && theirs !== undefined) out[key] = combineCoverage(mine, theirs);
    }
  }
  if (anyMissing)
    for (const key of PER_PROJECT)
      out[key] = combineCoverage(out[key] ?? 'not-tested', 'not-tested');
  return out;
}

/** The run's project keys in batches of `size`, in order. */
export function splitIntoBatches(keys: readonly string[], size: number): string[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error('A batch holds at least one project.');
  const out: string[][] = [];
  for (let i = 0; i < keys.length; i += size) out.push(keys.slice(i, i + size));
  return out;
}

/** The batches' points add up; a batch reported without a cost leaves the run without one. */
function mergeCost(reports: readonly Report[]): Pick<Report, 'cost'> {
  const costs = reports.map((r) => r.cost);
  const first = costs[0];
  if (!first || costs.some((c) => c === undefined)) return {};
  return {
    cost: {
      requests: costs.reduce((sum, c) => sum + (c?.requests ?? 0), 0),
      points: costs.reduce((sum, c) => sum + (c?.points ?? 0), 0),
      pointsBasis: first.pointsBasis,
    },
  };
}
