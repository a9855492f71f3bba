import type { FindingCode, Report, Severity, Verdict } from '../engine/report';

/** Which page ran the check. */
export type Surface = 'admin' | 'project';

/** One past run, as stored in the Forge key-value store and returned by `getHistory`. */
export interface HistoryEntry {
  id: string;
  /** ISO 8601. */
  ranAt: string;
  /** accountId of the administrator who ran the check. */
  ranBy: string;
  surface: Surface;
  /** The project of the project settings page; null on the admin page. */
  projectKey: string | null;
  /** What was asked. Never holds the token. */
  inputs: {
    userAccountId: string;
    projects: string[];
    permissions: string[];
    tokenChecked: boolean;
    tokenEmail: string | null;
  };
  verdict: Verdict;
  summary: string;
  findings: HistoryFinding[];
  /** The full report. `checks[].requests` is emptied when keeping it would make the entry too large. */
  report: Report;
  /** Present (true) when `report.checks[].requests` was dropped to keep the entry small. */
  evidenceDropped?: true;
}

export interface HistoryFinding {
  code: FindingCode;
  severity: Severity;
  message: string;
  project?: string;
  permission?: string;
}
