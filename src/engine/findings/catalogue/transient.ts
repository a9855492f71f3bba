import { defineCodes } from './define';
import { RERUN, clock, type NotCheckedReason, type RateLimitSeen } from './wording';
import { links } from '../links';
import type { CoolingOff } from '../../model/input';
import type { Finding } from '../../model/report';

const REASON_TEXT: Readonly<Record<NotCheckedReason, string>> = {
  cancelled: 'the run was cancelled before they were checked',
  failed: 'their batch did not finish (the app or Jira did not answer in time)',
  stopped:
    'Jira refused the credentials, so the run stopped: trying them again would have been another failed login on the sync account',
  pending: 'the run did not finish (it may still be running, or its page was closed)',
};

/** Transient: nothing was concluded (rate limits, outages, answers not understood, parts not checked). */
export const TRANSIENT = defineCodes({
  RATE_LIMITED: {
    category: 'transient',
    severity: 'error',
    title: 'Jira kept asking to slow down',
    meaning: 'still 429 after bounded retries',
    remedies: (make) => ({
      rateLimited(step: string, operation: string, limit: RateLimitSeen = {}): Finding {
        const reason = limit.reason ? ` (RateLimit-Reason: ${limit.reason})` : '';
        const wait =
          limit.retryAfterSeconds !== undefined && limit.retryAfterSeconds !== null
            ? ` Jira asked to wait ${limit.retryAfterSeconds} s.`
            : '';
        return make({
          step,
          message: `Jira kept answering 429 (rate limited${reason}) for ${operation} after bounded retries; nothing was concluded from this step.${wait}`,
          steps: [
            limit.retryAfterSeconds
              ? `Wait at least ${limit.retryAfterSeconds} s (other integrations may be using the same budget).`
              : 'Wait a minute (other integrations may be using the same budget).',
            RERUN,
          ],
        });
      },
    }),
  },
  JIRA_UNAVAILABLE: {
    category: 'transient',
    severity: 'error',
    title: 'Jira did not answer',
    meaning: '5xx or timeouts after bounded retries',
    remedies: (make) => ({
      jiraUnavailable(
        step: string,
        operation: string,
        detail: string,
        status: number | null = null,
      ): Finding {
        return make({
          step,
          message: `Jira did not answer ${operation} usefully (${detail}) after bounded retries; nothing was concluded from this step.`,
          steps: ['Check the Atlassian status page.', RERUN],
          links: [links.status()],
          ...(status === null ? {} : { details: { status, operation } }),
        });
      },
    }),
  },
  LOGIN_COOLING_OFF: {
    category: 'transient',
    severity: 'error',
    title: 'The token was not tried again yet (recent failed login)',
    meaning:
      'Forge app only: the failed-login guard did not let the token be tried: Jira refused this email and token (or too many tokens of this email) less than the cooling-off period ago, another check of the email was logging in, or the app’s store could not answer (each refused try is a failed login on the sync account)',
    docs: "*added (#15), Forge app only:* the token was not sent to Jira: Jira refused this email and token (or 3 other tokens of this email) less than 15 minutes ago, another check of the email was logging in, or the app's store could not answer (each refused try is a failed login on the sync account); `details.reason`, `causedBy` (who ran the refused checks), `guard` (what a Jira administrator lifts); makes the run `inconclusive`",
    remedies: (make) => ({
      loginCoolingOff(step: string, email: string, coolingOff: CoolingOff): Finding {
        const { refusedAt, until } = coolingOff;
        const reason = coolingOff.reason ?? 'refused';
        const causedBy = coolingOff.causedBy ?? [];
        const details: Record<string, unknown> = {
          reason,
          ...(causedBy.length ? { causedBy } : {}),
          ...(coolingOff.guard ? { guard: coolingOff.guard } : {}),
        };
        const who = causedBy.length
          ? ` The refused ${causedBy.length === 1 ? 'check was' : 'checks were'} run by ${causedBy.join(', ')}.`
          : '';
        const lift =
          'A Jira administrator who knows the token is right can lift the cooling-off from this finding on the Credential Doctor administration page.';
        if (reason === 'unavailable') {
          return make({
            step,
            details,
            message: `The token for ${email} was not sent to Jira: the app's store did not answer (it may be over its per-minute quota), so the app cannot tell whether Jira refused these credentials minutes ago, and every refused try is a failed login on that account. Nothing about the token was concluded from this run.`,
            steps: ['Try again in a minute.'],
          });
        }
        if (reason === 'busy') {
          return make({
            step,
            details,
            message: `The token for ${email} was not sent to Jira: another check of ${email} is logging in right now, and parallel tries of a wrong token would each be a failed login on that account. Nothing about the token was concluded from this run.`,
            steps: ['Try again in a minute.'],
          });
        }
        if (reason === 'too-many-tokens') {
          return make({
            step,
            details,
            message: `The token for ${email} was not sent to Jira: Jira refused several other tokens for ${email} in the last minutes (the last at ${clock(refusedAt)}), and every refused try is a failed login on that account (repeated failures lock it or make Jira demand a CAPTCHA).${who} Nothing about the token was concluded from this run.`,
            steps: [
              `Make sure the token was created by ${email} and is not expired or revoked before trying it.`,
              `Run the check with the token again after ${clock(until)}.`,
              lift,
            ],
          });
        }
        return make({
          step,
          details,
          message: `The token for ${email} was not sent to Jira: Jira refused these credentials for ${email} at ${clock(refusedAt)}, and every refused try counts as a failed login on that account (repeated failures lock it or make Jira demand a CAPTCHA).${who} Nothing about the token was concluded from this run.`,
          steps: [
            `Check that the token was created by ${email} and is not expired or revoked (the remedy of the refused run says how).`,
            `Run the check with the token again after ${clock(until)}, or with another token now.`,
            lift,
          ],
        });
      },
    }),
  },
  UNEXPECTED_RESPONSE: {
    category: 'transient',
    severity: 'error',
    title: 'Jira gave an answer the check does not understand',
    meaning: 'a body that is not what Jira documents',
    remedies: (make) => ({
      unexpectedResponse(step: string, operation: string, detail: string): Finding {
        return make({
          step,
          message: `Jira's answer to ${operation} is not what Jira documents (${detail}); nothing was concluded from it.`,
          steps: [
            RERUN,
            'If it persists, check for a proxy rewriting responses between this host and Jira.',
          ],
        });
      },
    }),
  },
  PROJECTS_NOT_CHECKED: {
    category: 'transient',
    severity: 'error',
    title: 'Some projects were not checked',
    meaning:
      'Forge app only: a run checked in batches (many projects) did not check every target project (cancelled, a batch did not finish, or stopped after a refused login); says how many and why',
    docs: '*added (#14), Forge app only:* a run of many projects (checked in batches) did not check every target project: cancelled, a batch did not finish, or stopped after Jira refused the credentials; `details.notChecked` of `details.total`, `details.reason`; never `ready`',
    remedies: (make) => ({
      projectsNotChecked(
        step: string,
        run: { keys: string[]; total: number; reason: NotCheckedReason; failedBatches: number },
      ): Finding {
        const { keys, reason, failedBatches } = run;
        const shown =
          keys.slice(0, 8).join(', ') + (keys.length > 8 ? ` and ${keys.length - 8} more` : '');
        const steps =
          reason === 'stopped'
            ? [
                'Fix the credentials first (see the credentials finding).',
                'Run the check again for every project.',
              ]
            : ['Run the check again for the projects that were not checked.'];
        return make({
          step,
          message: `${keys.length} of ${run.total} projects were not checked (${shown}): ${REASON_TEXT[reason]}.${
            failedBatches > 0 && reason !== 'failed'
              ? ` ${failedBatches} batch${failedBatches === 1 ? '' : 'es'} also did not finish.`
              : ''
          } Nothing is concluded about them.`,
          steps,
          details: {
            notChecked: keys.length,
            total: run.total,
            reason,
            projects: keys.slice(0, 50),
          },
        });
      },
    }),
  },
});
