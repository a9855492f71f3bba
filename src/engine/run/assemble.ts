import { sortFindings } from '../findings/order';
import { decideVerdict } from '../findings/verdict';
import {
  SCHEMA_VERSION,
  type Coverage,
  type CoverageDetail,
  type Finding,
  type Mode,
  type ProjectReport,
  type Report,
  type ScopeSet,
  type SyncField,
  type TokenExpiryReport,
  type TokenIdentityReport,
} from '../model/report';
import { summarise } from '../presentation/summary';
import { POINTS_BASIS, type RunCost } from '../knowledge/rate-limit-points';
import { assessCoverage, type CoverageFacts } from './coverage';
import type { RunContext } from './context';

/** What a finished run knows; Cloud and Data Center each gather it their own way. */
export interface RunOutcome {
  ctx: RunContext;
  site: string;
  mode: Mode;
  /** Every finding of the run, in any order. */
  findings: readonly Finding[];
  projects: ProjectReport[];
  tokenIdentity: TokenIdentityReport | null;
  permissions: string[];
  operations: string[];
  requiredScopes: ScopeSet;
  coverage: Omit<CoverageFacts, 'findings' | 'projects' | 'tokenIdentity'>;
  /** Coverage areas the variant settles itself (e.g. scopes do not apply on Data Center). */
  coverageOverride?: Partial<Coverage>;
  /** Which target projects the per-scheme areas were tested in (Cloud). */
  coverageDetail?: CoverageDetail;
  fields?: SyncField[];
  /** The sync user's API tokens and their expiry (organisation admin API), when asked for. */
  tokenExpiry?: TokenExpiryReport;
  startedAt: number;
  finishedAt: number;
  requestCount: number;
  /** Jira Cloud: the run's requests that spend rate-limit points, and their points. */
  cost?: RunCost;
}

/** One report from a finished run, the same way for every deployment. */
export function assembleReport(run: RunOutcome): Report {
  const findings = sortFindings(run.findings);
  const verdict = decideVerdict(findings);
  const coverage = assessCoverage({
    ...run.coverage,
    tokenIdentity: run.tokenIdentity,
    findings,
    projects: run.projects,
  });
  const finalCoverage = { ...coverage, ...run.coverageOverride };
  return {
    schemaVersion: SCHEMA_VERSION,
    verdict,
    summary: summarise(verdict, findings, run.ctx.subject, run.projects, finalCoverage),
    site: run.site,
    mode: run.mode,
    subject: run.ctx.subject,
    tokenIdentity: run.tokenIdentity,
    findings,
    projects: run.projects,
    checks: run.ctx.checkResults(),
    requiredPermissions: run.permissions,
    operations: run.operations,
    requiredScopes: run.requiredScopes,
    coverage: finalCoverage,
    ...(run.coverageDetail ? { coverageDetail: run.coverageDetail } : {}),
    ...(run.fields?.length ? { fields: run.fields } : {}),
    ...(run.tokenExpiry ? { tokenExpiry: run.tokenExpiry } : {}),
    startedAt: new Date(run.startedAt).toISOString(),
    durationMs: Math.max(0, run.finishedAt - run.startedAt),
    requestCount: run.requestCount,
    ...(run.cost ? { cost: { ...run.cost, pointsBasis: POINTS_BASIS } } : {}),
  };
}

/** Which views a run has, as the report names them. */
export function modeOf(hasToken: boolean, hasAdmin: boolean): Mode {
  if (hasToken && hasAdmin) return 'token+admin';
  if (hasToken) return 'token';
  if (hasAdmin) return 'admin';
  throw new Error('Nothing to check: give token credentials, admin credentials, or both.');
}
