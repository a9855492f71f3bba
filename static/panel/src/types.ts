/**
 * Contracts the panel consumes. The report types come straight from the engine (type-only
 * imports: nothing of the engine is bundled from here).
 */
import type { Report } from '../../../src/engine/report';

export type {
  Category,
  CheckResult,
  Finding,
  FindingCode,
  PermissionState,
  ProjectReport,
  Report,
  RequestEvidence,
  Severity,
  Verdict,
} from '../../../src/engine/report';

export type ResolverErrorCode = 'FORBIDDEN' | 'INVALID_INPUT' | 'NOT_FOUND' | 'INTERNAL';

export interface ResolverError {
  code: ResolverErrorCode;
  message: string;
}

export type ResolverResult<T extends object> = ({ ok: true } & T) | { ok: false; error: ResolverError };

export interface RunCheckPayload {
  user: { accountId: string };
  projects: string[];
  permissions?: string[];
  token?: { email: string; token: string; expectAccountId?: string };
}

export type Surface = 'admin' | 'project';

/** One stored run (mirrors src/history/types.ts from the Forge app). */
export interface HistoryEntry {
  id: string;
  ranAt: string;
  ranBy: string;
  surface: Surface;
  projectKey: string | null;
  inputs: {
    userAccountId: string;
    projects: string[];
    permissions: string[];
    tokenChecked: boolean;
    tokenEmail: string | null;
  };
  verdict: Report['verdict'];
  summary: string;
  findings?: unknown;
  report: Report;
}

/** What the panel needs from the Forge context. */
export interface PanelContext {
  surface: Surface;
  accountId: string | null;
  cloudId: string | null;
  siteUrl: string | null;
  projectKey: string | null;
  moduleKey: string | null;
}
