import type { OperationName } from '../knowledge/operations';
import type { SchemeMemory } from './scheme-memory';

/** What the engine is asked to check. Built by the CLI and the resolvers after validation. */
export interface DiagnosisInput {
  /**
   * Site origin, e.g. https://acme.atlassian.net (no path, no credentials), or the API gateway
   * address the synchronizer uses, https://api.atlassian.com/ex/jira/{cloudId} (then the site's
   * own URL is read from serverInfo, and the token clients must be gateway clients).
   */
  site: string;
  /** What the synchronizer does (read, create, edit, …); default: what the permissions imply. */
  operations?: OperationName[];
  /** Target project keys (any case; the engine upper-cases them). */
  projects: string[];
  /** Required project permission keys, e.g. BROWSE_PROJECTS. */
  permissions: string[];
  /** Token mode: what the synchronizer experiences. The token itself never reaches the engine; it lives in the client. */
  token?: {
    /** The sync user's email; for an OAuth 2.0 client, how to name it (e.g. "the OAuth 2.0 client …"). */
    email: string;
    /**
     * The sync user signs in with an OAuth 2.0 client credential (a service account's), not an
     * API token: one token request, then everything at the API gateway with the access token.
     */
    oauth?: { clientId: string };
    expectAccountId?: string;
    expectEmail?: string;
    /** Problems found in the pasted values before they were cleaned (see `inspectCredentialText`). */
    hygiene?: CredentialHygieneIssue[];
    /**
     * Set by an entry point that remembers refused logins (the Forge app): Jira refused this
     * email's credentials recently, so the token is not tried until `until` (ISO 8601).
     */
    coolingOff?: CoolingOff;
  };
  /**
   * Dry-run the first create (required fields, the synchronizer's fields on the create screens);
   * on by default, for up to 10 target projects, the first 3 of larger runs (see `samplePlan`).
   */
  createReadiness?: boolean;
  /**
   * The fields the synchronizer sets on create and edit: field IDs (customfield_10010) or names.
   * `given`: named explicitly (--fields), so a required field outside them is an error. Absent:
   * summary and description. Reporter, assignee and security level add the permissions they need.
   */
  fields?: { names: string[]; given: boolean };
  /** The issue types the synchronizer creates and edits (names); absent: every creatable one. */
  issueTypes?: string[];
  /**
   * One batch of a larger run (the Forge app checks up to 1000 projects in batches): the projects
   * the whole run samples for screens and issue security (`samplePlan` of all its keys) and how
   * many projects it has. The batch reads only those among its own projects, so the run reads its
   * sample once, as one call of all its projects would, not once per batch.
   */
  runSample?: { projects: string[]; of: number };
  /**
   * One batch of a larger run: the screens of shared schemes that its earlier batches read (#26).
   * The check judges this batch's projects of those schemes on them instead of reading again, and
   * adds what it reads itself (the object is updated in place for the next batch).
   */
  schemeMemory?: SchemeMemory;
  /**
   * Read the sync user's API tokens and their expiry from the organisation admin API (the
   * client is `DiagnosisDeps.orgAdmin`). CLI only: Forge apps cannot call the admin APIs.
   */
  expiry?: { orgId: string };
  /** Admin mode: Permission-Helper style, as an administrator. */
  admin?: {
    /** The sync user: accountId or email. Defaults to the identity found in token mode. */
    user?: string;
    /**
     * 'jira-admin' uses the bulk `permissions/check` (needs Administer Jira).
     * 'project-admin' uses `user/permission/search`, which a project's administrators may call.
     */
    authority?: 'jira-admin' | 'project-admin';
    /** How to name the checking administrator in messages, e.g. their email. */
    checker?: string;
    /** Explain grants for missing permissions only (default) or for every required permission. */
    explain?: 'missing' | 'all';
  };
}

export interface CredentialHygieneIssue {
  field: 'email' | 'token';
  problem: 'whitespace' | 'quotes' | 'newline';
}

/**
 * Forge app only: why the token was not tried (the failed-login guard, resolvers/login-guard.ts).
 * `refused`: Jira refused this email and token less than the cooling-off period ago;
 * `too-many-tokens`: too many other tokens of this email were refused in that period; `busy`:
 * another check of this email is logging in right now; `unavailable`: the app's store could not
 * say (over its quota or failing), so the guard does not risk a failed login.
 */
export interface CoolingOff {
  refusedAt: string;
  until: string;
  reason?: 'refused' | 'too-many-tokens' | 'busy' | 'unavailable';
  /** Account IDs of whoever ran the refused checks. */
  causedBy?: string[];
  /** The email's guard (a digest): what a Jira administrator lifts (`liftCoolingOff`). */
  guard?: string | null;
}
