/**
 * Contracts the panel consumes. The report types come straight from the engine (type-only
 * imports: nothing of the engine is bundled from here).
 */

export type {
  Category,
  CheckResult,
  Coverage,
  CoverageState,
  Finding,
  FindingCode,
  PermissionExplanation,
  PermissionState,
  ProjectExplanation,
  ProjectReport,
  Report,
  RequestEvidence,
  Severity,
  TokenIdentityReport,
  Verdict,
} from '@shared/engine/model/report';

import type { PayloadOf, ResolverFailure } from '@shared/contract';

export type { FormField } from '@shared/contract';
/**
 * The resolvers' codes, and CONSENT_REQUIRED: the panel's own, when Forge asks the user to allow
 * access before a resolver can act for them (consent.ts).
 */
export type ResolverErrorCode = ResolverFailure['error']['code'] | 'CONSENT_REQUIRED';

/** A resolver's refusal as the panel holds it. */
export interface ResolverError extends Omit<ResolverFailure['error'], 'code'> {
  code: ResolverErrorCode;
  /** Raw text of a failure the bridge threw: for "Technical details" only, never the headline. */
  detail?: string;
}

export type ResolverResult<T extends object> =
  ({ ok: true } & T) | { ok: false; error: ResolverError };

/** One check of projects chosen one by one (`runCheck` without `run`). */
export type RunCheckPayload = Omit<PayloadOf<'runCheck'>, 'run' | 'projects'> & {
  projects: string[];
};

/** One batch of a run of many projects: the run's projects come from its plan, not from here. */
export type RunBatchPayload = Omit<PayloadOf<'runCheck'>, 'projects' | 'run'> & {
  run: { id: string; batch: number };
};

export type StartRunPayload = PayloadOf<'startRun'>;

export type { HistoryEntry, PersonName, Surface } from '@shared/contract';
export type {
  NeedsAdminReason,
  ProfileWatch,
  ProjectWatchEntry,
  SyncProfile,
  WatchFinding,
  WatchRun,
  WatchState,
} from '@shared/contract';
/** The check to join, and the JSON report the CLI wrote on the synchronizer's host. */
export type ImportReportPayload = PayloadOf<'importReport'>;

export type { Capabilities } from '@shared/contract';
import type { Surface } from '@shared/contract';

/** What the panel needs from the Forge context. */
export interface PanelContext {
  surface: Surface;
  accountId: string | null;
  cloudId: string | null;
  siteUrl: string | null;
  projectKey: string | null;
  moduleKey: string | null;
  /**
   * The app's admin page (jira:adminPage: /jira/settings/apps/{appId}/{envId}), from the module's
   * `localId`; null when the context does not name the app.
   */
  adminPageUrl: string | null;
}
