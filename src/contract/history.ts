import type { FindingCode, Report, Severity, Verdict } from '../engine/model/report';

/** How the projects of a run checked in batches were chosen. */
export type RunSelection =
  | { kind: 'keys' }
  | { kind: 'category'; categoryId: string; categoryName: string }
  | { kind: 'every' };

/** Which page ran the check. */
export type Surface = 'admin' | 'project';

/** The authority a run was made with (see resolvers/authorise.ts). */
export type RunAuthority = 'jira-admin' | 'project-admin';

/**
 * One past run, as stored in the Forge key-value store and returned by `getHistory`.
 *
 * Privacy (docs/SECURITY.md "Privacy"): an entry names people by Atlassian account ID only. No
 * email address or display name is stored; `getHistory` resolves names as the reader, so a reader
 * sees only what Jira shows them. Entries expire after `RETENTION_DAYS`.
 */
export interface HistoryEntry {
  id: string;
  /** ISO 8601. */
  ranAt: string;
  /** accountId of the administrator who ran the check; null once that account was closed. */
  ranBy: string | null;
  /** The authority the run used. A project administrator sees a Jira administrator's run reduced. */
  authority: RunAuthority;
  surface: Surface;
  /** The project of the project settings page, by ID (keys can be reused); null on the admin page. */
  projectId: string | null;
  /** That project's key when the run was made (a label only); null on the admin page. */
  projectKey: string | null;
  /** What was asked. Never holds the token or the email address sent with it. */
  inputs: {
    userAccountId: string;
    projects: string[];
    permissions: string[];
    tokenChecked: boolean;
    /** 'host' when the credentials were checked by the CLI on the synchronizer's host and imported. */
    credentialsFrom?: 'host';
    /**
     * A run of many projects checked in batches (#14): how its projects were chosen (pasted keys,
     * a project category, or every project the administrator could see).
     */
    selection?: RunSelection;
  };
  verdict: Verdict;
  /** Personal data replaced by account IDs, like `report`. */
  summary: string;
  findings: HistoryFinding[];
  /**
   * The report with personal data removed: `subject` and `tokenIdentity` carry account IDs but no
   * display name or email, and every email address and display name the run met is replaced by
   * the account ID it belongs to. `checks[].requests` is emptied when keeping it would make the
   * entry too large.
   */
  report: Report;
  /** Present (true) when `report.checks[].requests` was dropped to keep the entry small. */
  evidenceDropped?: true;
  /**
   * Present (true) in a `getHistory` answer when the reader may not see all of the run: a project
   * administrator reading a Jira administrator's run gets no groups, product access or grant
   * explanations (what Jira would not show them either when Browse users and groups is restricted).
   */
  reduced?: true;
}

export interface HistoryFinding {
  code: FindingCode;
  severity: Severity;
  message: string;
  project?: string;
  permission?: string;
}

/** A person named in the history, resolved for display as the reader (`getHistory`). */
export interface PersonName {
  /** null when Jira does not show this reader the account (or it no longer exists). */
  displayName: string | null;
}
