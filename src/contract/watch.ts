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
