/**
 * Contracts the panel consumes. The report types come straight from the engine (type-only
 * imports: nothing of the engine is bundled from here).
 */
import type { PresetName } from '@shared/engine/presets';

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
} from '@shared/engine/report';

/** The form fields a resolver's INVALID_INPUT can name (`error.fields`). */
export type FormField =
  'user' | 'projects' | 'preset' | 'permissions' | 'fields' | 'issueTypes' | 'email' | 'token';

export type ResolverErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL';

export interface ResolverError {
  code: ResolverErrorCode;
  message: string;
  /** Raw text of a failure the bridge threw: for "Technical details" only, never the headline. */
  detail?: string;
  /** INVALID_INPUT: the problems by form field, shown next to each field. */
  fields?: Partial<Record<FormField, string>>;
}

export type ResolverResult<T extends object> =
  ({ ok: true } & T) | { ok: false; error: ResolverError };

export interface RunCheckPayload {
  user: { accountId: string };
  projects: string[];
  permissions?: string[];
  /** Like --preset: its permissions are checked (with any given), its fields are the defaults. */
  preset?: PresetName;
  /** Like --fields: the fields the integration sets (IDs or names), stated by the admin. */
  fields?: string[];
  /** Like --issue-types: the issue types it creates and edits; absent: every creatable one. */
  issueTypes?: string[];
  /** 'all' explains held permissions too; the resolver's default is 'missing'. */
  explain?: 'missing' | 'all';
  token?: {
    email: string;
    token: string;
    expectAccountId?: string;
    /** How the integration connects: the site URL (default) or the API gateway. */
    via?: 'site' | 'gateway';
  };
}

export type { HistoryEntry, PersonName, Surface } from '@shared/history/types';
/** The check to join, and the JSON report the CLI wrote on the synchronizer's host. */
export interface ImportReportPayload extends Omit<RunCheckPayload, 'token'> {
  report: Record<string, unknown>;
}

export type { Capabilities } from '@shared/resolvers/capabilities';
import type { Surface } from '@shared/history/types';

/** What the panel needs from the Forge context. */
export interface PanelContext {
  surface: Surface;
  accountId: string | null;
  cloudId: string | null;
  siteUrl: string | null;
  projectKey: string | null;
  moduleKey: string | null;
}
