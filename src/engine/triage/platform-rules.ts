/**
 * Answers from Atlassian's app platform rather than from Jira's permission checks (#24): they
 * need neither a permission nor a credential fix, so they get their own category. Kept apart from
 * rules.ts (Jira's own wording), and consulted first: a 404 whose body says the app is not
 * installed is not a missing project.
 *
 * Source: the wording as an administrator pasted it from an integration's log in the issue 24
 * walk ("404 … The app is not installed on this instance"). Apps are installed per site; a call
 * made for an app the site does not have cannot succeed whatever the sync user's rights.
 */
import type { TriageRule } from './rules';

/** The triage category of answers from the app platform. */
export type PlatformCategory = 'platform';

export interface PlatformRule extends Omit<TriageRule, 'category'> {
  category: PlatformCategory;
}

export const PLATFORM_RULES: readonly PlatformRule[] = [
  {
    id: 'app-not-installed',
    // Only the wording recorded in the issue; other wordings stay unrecognised until recorded.
    pattern: /\bapp is not installed\b/i,
    category: 'platform',
    cause:
      'The request was made for an app (the integration, or an app it relies on) that is not installed on this site: the answer is about the app, not about the sync user’s permissions.',
    next: 'Install the integration’s app on this site again (Jira → Apps → Manage your apps), or ask a site administrator to; no permission or token change fixes this.',
  },
];
