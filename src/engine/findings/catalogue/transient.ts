import type { CatalogueEntry } from './entry';

/** Transient: nothing was concluded (rate limits, outages, answers not understood, parts not checked). */
export const TRANSIENT = {
  RATE_LIMITED: {
    category: 'transient',
    severity: 'error',
    title: 'Jira kept asking to slow down',
    meaning: 'still 429 after bounded retries',
  },
  JIRA_UNAVAILABLE: {
    category: 'transient',
    severity: 'error',
    title: 'Jira did not answer',
    meaning: '5xx or timeouts after bounded retries',
  },
  LOGIN_COOLING_OFF: {
    category: 'transient',
    severity: 'error',
    title: 'The token was not tried again yet (recent failed login)',
    meaning:
      'Forge app only: the failed-login guard did not let the token be tried: Jira refused this email and token (or too many tokens of this email) less than the cooling-off period ago, another check of the email was logging in, or the app’s store could not answer (each refused try is a failed login on the sync account)',
    docs: "*added (#15), Forge app only:* the token was not tried: Jira refused this email and token (or 3 other tokens of this email) less than 15 minutes ago, another check of the email was logging in, or the app's store could not answer (each refused try is a failed login on the sync account); `details.reason`, `causedBy` (who ran the refused checks), `guard` (what a Jira administrator lifts); makes the run `inconclusive`",
  },
  UNEXPECTED_RESPONSE: {
    category: 'transient',
    severity: 'error',
    title: 'Jira gave an answer the check does not understand',
    meaning: 'a body that is not what Jira documents',
  },
  PROJECTS_NOT_CHECKED: {
    category: 'transient',
    severity: 'error',
    title: 'Some projects were not checked',
    meaning:
      'Forge app only: a run checked in batches (many projects) did not check every target project (cancelled, a batch did not finish, or stopped after a refused login); says how many and why',
    docs: '*added (#14), Forge app only:* a run of many projects (checked in batches) did not check every target project: cancelled, a batch did not finish, or stopped after Jira refused the credentials; `details.notChecked` of `details.total`, `details.reason`; never `ready`',
  },
} satisfies Record<string, CatalogueEntry>;
