import type { ScopeSet } from '../../model/report';

/**
 * Wording the remedy builders of several codes share. One builder per finding: the message names
 * what was seen in this run, the steps say what to do, in order. Token remedies follow the
 * checklist that fixes most broken synchronizers: identify the intended user → sign in as that
 * user → create an unscoped token → update the synchronizer → re-run the check.
 */

/** Which credential a scope refusal is about: a scoped API token, or an OAuth 2.0 client credential. */
export type ScopeCredential = 'api-token' | 'oauth';

/** A call the gateway refused for its scopes, and what the run could tell about why. */
export interface ScopeRefusal {
  operation: string;
  /** Admin words, e.g. "search issues by JQL". */
  title: string;
  /** The REST call, e.g. `POST /rest/api/3/search/jql`. */
  request: string;
  /** Every scope the call needs, in both forms. */
  scopes: ScopeSet;
  lacking: { scopes: string[]; exact: boolean; source: 'granted' | 'probes' };
  /** Everything the synchronizer needs: what to tick on a new credential. */
  required: ScopeSet;
  credential: ScopeCredential;
}

/** Where a request went: the site itself, or Atlassian's API gateway. */
export type Via = 'site' | 'gateway';

export const RERUN = 'Re-run this check.';

/** "14:05 UTC" from an ISO 8601 time (the panel and the CLI show UTC). */
export function clock(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(11, 16)} UTC`;
}

/** What a 429 said about itself: `RateLimit-Reason` and the wait it asked for. */
export interface RateLimitSeen {
  reason?: string | null;
  retryAfterSeconds?: number | null;
}

export const tokenChecklist = (who: string): string[] => [
  `Identify the account the synchronizer is meant to use (${who}).`,
  'Sign in to id.atlassian.com as exactly that account (not as your own admin account).',
  'Create a new API token there (an unscoped "API token", not "API token with scopes") and copy it.',
  'Update the synchronizer with that account’s email address and the new token.',
  RERUN,
];

/** Jira's own wording for a field it will not take (W1): what the synchronizer's log shows. */
export const JIRA_SAYS = (field: string) =>
  `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Without these permissions Jira hides the field from the user's screens. */
export const SCREEN_FIELD_PERMISSIONS: Readonly<Record<string, string>> = {
  reporter: 'Modify Reporter',
  assignee: 'Assign Issues',
  security: 'Set Issue Security',
};

/**
 * Jira Data Center / Server: the same codes as on Cloud, with the fixes that exist there
 * (passwords and personal access tokens, the instance's own user management, the CAPTCHA after
 * failed logins) instead of Atlassian-account pages.
 */
export type DcScheme = 'basic' | 'bearer';

/**
 * Reported, not documented by Atlassian: failed token logins do not count towards the CAPTCHA
 * (github.com/gitlab-org/gitlab issue 385517); docs/jira-behaviour.md.
 */
export const TOKEN_AVOIDS_CAPTCHA =
  'a token is no password login, and users report that it does not trigger the CAPTCHA';

export function dcCredentialSteps(who: string, scheme: DcScheme, site: string): string[] {
  return scheme === 'bearer'
    ? [
        `Sign in to Jira as ${who} (the account the synchronizer is meant to use).`,
        'Create a personal access token under Profile → Personal Access Tokens and copy it.',
        'Update the synchronizer with the new token, sent as "Authorization: Bearer <token>".',
        RERUN,
      ]
    : [
        `Stop the synchronizer first: every failed Basic login of ${who} counts towards Jira's CAPTCHA limit (by default 3).`,
        `Check the username and password of ${who} by signing in to ${site} in a browser.`,
        `Prefer a personal access token sent as Bearer (credential-doctor: --auth bearer): ${TOKEN_AVOIDS_CAPTCHA}.`,
        'Update the synchronizer, then restart it.',
        RERUN,
      ];
}

/**
 * Why a batch of a batched run has no report: the admin cancelled; its invocation failed (timed
 * out, or the app failed) and later batches went on; the run stopped because Jira refused the
 * credentials (no second failed login); or the run has not got that far (still running, or the
 * page was closed).
 */
export type NotCheckedReason = 'cancelled' | 'failed' | 'stopped' | 'pending';
