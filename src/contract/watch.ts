import type { FindingCode, Severity, Verdict } from '../engine/model/report';
import type { PresetName } from '../engine/knowledge/presets';

/**
 * Sync profiles of the permission watch (#27): what a check was run with, saved so the daily
 * re-check can run it again. Never a token, never an email address, never a display name: people
 * are named by Atlassian account ID only (docs/SECURITY.md "Privacy").
 */

/** Profiles one site may keep (docs/watch.md "Limits"). */
export const MAX_PROFILES = 50;
/**
 * A profile is kept this long after it was last saved (KVS TTL, renewed by every save). The
 * privacy sweep erases it sooner when the sync user's account is closed.
 */
export const PROFILE_RETENTION_DAYS = 365;
/** Longest name a profile may have. */
export const MAX_PROFILE_NAME = 80;

/** The projects a profile watches: listed keys, a project category, or every project. */
export type ProfileSelection =
  { kind: 'keys'; keys: string[] } | { kind: 'category'; categoryId: string } | { kind: 'every' };

/** What the watched check asks, as the admin page's check asks it. */
export interface ProfileCheck {
  /** The sync user (the synchronizer's account), by account ID. */
  userAccountId: string;
  selection: ProfileSelection;
  preset: PresetName | null;
  /** Permission keys checked in addition to the preset's; empty: the preset's (or the default). */
  permissions: string[];
  /** Fields the synchronizer sets; null: the preset's defaults. */
  fields: string[] | null;
  /** Issue types it creates and edits; null: every creatable one. */
  issueTypes: string[] | null;
}

export interface SyncProfile {
  id: string;
  /** A label for admins, e.g. "Salesforce sync"; never a person's name or email by design. */
  name: string;
  check: ProfileCheck;
  /**
   * The Jira administrator who saved (or last edited) the profile: the daily re-check runs as
   * them. null once their account was closed: another administrator must take the profile over.
   */
  savedBy: string | null;
  /** ISO 8601: first saved. */
  createdAt: string;
  /** ISO 8601: last saved or edited (the retention counts from here). */
  updatedAt: string;
}

/**
 * The daily re-check (#27 items 2–4): where a profile stands, what its runs found, and what the
 * project page banner and the Automation action are told. Stored without personal data: people
 * by account ID, findings as the history keeps them (src/history/watch-runs.ts).
 */

/** Runs of a profile are kept this long (KVS TTL), like the history's runs. */
export const WATCH_RUN_RETENTION_DAYS = 90;
/** Newest runs kept per profile (one a day: a month), older ones are deleted. */
export const MAX_WATCH_RUNS = 30;

/**
 * - `waiting`: saved, not run yet;
 * - `running`: today's run is going through its batches;
 * - `passing`: the last run's verdict was `ready`;
 * - `failing`: the last run found something that stops the synchronizer (a `fix-…` verdict);
 * - `inconclusive`: the last run could not finish (Jira did not answer, time ran out);
 * - `needs-admin`: the re-check cannot run as the administrator who saved the profile
 *   (`needsAdmin` says why): another Jira administrator should open the profile and save it,
 *   which makes them the one it runs as.
 */
export type WatchState =
  'waiting' | 'running' | 'passing' | 'failing' | 'inconclusive' | 'needs-admin';

/**
 * Why the re-check cannot run as the saving administrator:
 * - `account-closed`: their Atlassian account was closed (the privacy sweep removed it);
 * - `not-jira-admin`: Jira says they no longer hold Administer Jira;
 * - `deactivated`: Jira says their account is deactivated;
 * - `app-account`: their account is an app or service account (never impersonated);
 * - `impersonation-refused`: the platform would not act as them and did not say why (they may
 *   be deactivated, have lost access to the app, or never have allowed it access).
 */
export type NeedsAdminReason =
  'account-closed' | 'not-jira-admin' | 'deactivated' | 'app-account' | 'impersonation-refused';

/** A finding as the watch compares runs: by code, project and permission. */
export interface WatchFinding {
  code: FindingCode;
  severity: Severity;
  /** As the history keeps it: personal data replaced by account IDs. */
  message: string;
  project?: string;
  permission?: string;
  /** ISO 8601: the first run of this profile that found it (carried from run to run). */
  firstSeenAt: string;
}

/** What changed since the profile's previous run. */
export interface WatchDrift {
  /** The previous run's time; null on the first run (nothing to compare with). */
  since: string | null;
  verdictFrom: Verdict | null;
  verdictTo: Verdict;
  /** Findings this run has that the previous did not. */
  added: WatchFinding[];
  /** Findings of the previous run this one no longer has. */
  resolved: WatchFinding[];
}

/** One daily run of a profile, kept WATCH_RUN_RETENTION_DAYS. */
export interface WatchRun {
  id: string;
  profileId: string;
  /** ISO 8601: when the run started. */
  ranAt: string;
  /** The administrator it ran as (account ID); null once that account was closed. */
  ranAs: string | null;
  /** `ran`: checked (`verdict`, `findings`); `needs-admin`: could not run as them. */
  outcome: 'ran' | 'needs-admin';
  needsAdmin?: NeedsAdminReason;
  verdict: Verdict | null;
  projects: number;
  /** Projects with an error-severity finding (the ones the synchronizer fails on). */
  failingProjects: string[];
  findings: WatchFinding[];
  drift: WatchDrift | null;
  /** Rate-limit points the run spent (report.cost), when known. */
  points?: number;
}

/** Where a profile's daily re-check stands (listProfiles `watch`, by profile ID). */
export interface ProfileWatch {
  state: WatchState;
  needsAdmin?: NeedsAdminReason;
  /** ISO 8601 of the last finished run; null before the first. */
  lastRunAt: string | null;
  /** The last run that changed something (verdict, new or resolved findings); null: none yet. */
  lastChange: {
    at: string;
    verdictFrom: Verdict | null;
    verdictTo: Verdict;
    added: number;
    resolved: number;
  } | null;
  /**
   * ISO 8601: when the next daily run is expected: the profile's hour of the day (UTC), at least
   * 12 hours after its last run. An estimate: the platform chooses the minute of its hourly tick,
   * and an hour with more profiles due than it may start defers some.
   */
  nextRunAt: string | null;
  verdict: Verdict | null;
  failingProjects: string[];
  /** The earliest `firstSeenAt` among the last run's error findings; null when none. */
  failingSince: string | null;
}

/** The project page banner: the watched profiles failing for this project. */
export interface ProjectWatchEntry {
  profileId: string;
  name: string;
  verdict: Verdict;
  lastRunAt: string;
  /** This project's error findings in the last run, with when each was first seen. */
  findings: WatchFinding[];
}

/**
 * The Automation action "Check a sync profile" answers this (function `check-sync-profile`,
 * handler `index.checkSyncProfile`): what the last daily run found, read from the store, without
 * any Jira call and without sending anything anywhere.
 */
export interface CheckSyncProfileResult {
  found: boolean;
  profileId?: string;
  name?: string;
  state?: WatchState;
  needsAdmin?: NeedsAdminReason;
  verdict?: Verdict | null;
  failingProjects?: string[];
  /** ISO 8601: the earliest first-seen time of the failing findings. */
  firstSeenAt?: string | null;
  lastRunAt?: string | null;
  /** Added findings of the last run, as "CODE in PROJECT" lines (for an email or Slack rule). */
  newProblems?: string[];
}
