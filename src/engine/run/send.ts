import {
  JiraTransportError,
  type JiraClient,
  type JiraRequest,
  type JiraResponse,
} from '../port/jira-client';
import { classifyAnswer, ignoringScope } from '../knowledge/classify-answer';
import { objectCounter } from '../knowledge/rate-limit-points';
import { remedy } from '../findings/remedies';
import type { Finding } from '../model/report';
import type { RunContext, StepHandle } from './context';

export interface SendOptions {
  /** Statuses the step interprets itself; anything else is classified here. */
  expect: readonly number[];
  /** Whose credentials: decides whether a refusal is the sync user's problem or the checker's. */
  who: string;
  /** Let the caller interpret 401 (identity step: password, scoped token, rejected). */
  callerHandles401?: boolean;
  /**
   * An advisory step (e.g. create readiness): its failures are reported as information, so they
   * never turn a verdict into `inconclusive`.
   */
  advisory?: boolean;
}

export function describe(req: Pick<JiraRequest, 'method' | 'path'>): string {
  return `${req.method} ${req.path}`;
}

/**
 * Sends one request and turns every answer the step cannot use into a finding, so a step sees
 * only answers it expects. Returns null when a finding was recorded instead.
 *
 * What an answer means is `classifyAnswer`'s (knowledge/classify-answer.ts); this decides what
 * follows from it for the run: whose problem a refusal is (the sync user's or the checking
 * account's), which finding, and whether the step gets the answer.
 */
export async function send(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  req: Omit<JiraRequest, 'step'>,
  options: SendOptions,
): Promise<JiraResponse | null> {
  const operation = describe(req);
  const target = client.target === 'gateway' ? 'the Atlassian API gateway' : ctx.site;
  const add = adder(ctx, options.advisory === true);
  let res: JiraResponse;
  try {
    // The evidence counts what each answer lists: a Forge run's rate-limit points (S8).
    const countObjects = objectCounter(req.method, req.path);
    res = await client.request({
      ...req,
      step: handle.id,
      ...(countObjects === undefined ? {} : { countObjects }),
    });
  } catch (error) {
    if (!(error instanceof JiraTransportError)) throw error;
    if (error.kind === 'credential-refused') {
      // The refusal itself was reported where it happened.
      handle.finish(
        'skip',
        `${operation}: not sent, Jira refused this credential earlier in the run.`,
      );
      return null;
    }
    handle.finish('error', `${operation}: ${error.message}`);
    switch (error.kind) {
      case 'tls':
        add(remedy.tlsError(handle.id, target, error.message));
        break;
      case 'dns':
      case 'refused':
        add(
          remedy.siteUnreachable(
            handle.id,
            target,
            error.message,
            client.target === 'gateway' ? 'gateway' : 'site',
          ),
        );
        break;
      default:
        add(remedy.jiraUnavailable(handle.id, operation, error.message));
    }
    return null;
  }

  const isSyncUser = client.auth === 'sync-user';
  let meaning = classifyAnswer(res, client.auth === 'none' ? 'none' : 'some');

  if (meaning.kind === 'ip-allowlist') {
    handle.finish('fail', `${operation}: rejected by the IP allowlist (${res.status}).`);
    add(remedy.ipNotAllowed(handle.id, client.origin));
    return null;
  }

  if (meaning.kind === 'basic-auth-disabled') {
    // D2: Data Center with Basic switched off refuses every username and password.
    handle.finish(
      'fail',
      `${operation}: Basic authentication is switched off on this instance (${res.status}).`,
    );
    add(
      isSyncUser
        ? remedy.basicAuthDisabled(handle.id, options.who)
        : remedy.checkerNotAdmin(
            handle.id,
            `Basic authentication is switched off on this instance, so Jira refuses the checking account's username and password (${options.who}); use its personal access token instead (--admin-auth bearer).`,
          ),
    );
    return null;
  }

  if (meaning.kind === 'login-challenge' || meaning.kind === 'login-denied') {
    // D3: AUTHENTICATION_DENIED is most often a CAPTCHA, but only the denied-reason header proves it.
    const captcha = meaning.kind === 'login-challenge';
    handle.finish(
      'fail',
      captcha
        ? `${operation}: Jira demands an interactive login (CAPTCHA_CHALLENGE, ${res.status}).`
        : `${operation}: Jira denied the login (AUTHENTICATION_DENIED, ${res.status}).`,
    );
    add(
      isSyncUser
        ? captcha
          ? remedy.loginChallenge(handle.id, options.who)
          : remedy.loginDenied(handle.id, options.who)
        : remedy.checkerNotAdmin(
            handle.id,
            captcha
              ? `Jira demands an interactive login (CAPTCHA) for the checking account ${options.who}.`
              : `Jira denied the login of the checking account ${options.who} (AUTHENTICATION_DENIED).`,
          ),
    );
    return null;
  }

  if (res.status === 401 && options.callerHandles401) return res;

  if (meaning.kind === 'scope-refusal') {
    if (isSyncUser) {
      // The check's own read, not one of the synchronizer's operations: a scope only this read
      // needs is never blamed on the token (the operations are verified by the scope probes).
      handle.finish(
        'skip',
        `${operation}: not read, the API gateway's scope check refused it (${res.status}); only this check needs that read.`,
      );
      return null;
    }
    // The checking account's requests are judged by what the answer says beneath the signal.
    meaning = ignoringScope(meaning);
  }

  switch (meaning.kind) {
    case 'refused-without-credentials':
      // No credentials were sent, so nobody's credentials were refused.
      handle.finish('error', `${operation}: refused although no credentials were sent.`);
      add(
        remedy.unexpectedResponse(
          handle.id,
          operation,
          'a login refusal for a request without credentials',
        ),
      );
      return null;
    case 'failed-login':
    case 'password-deprecated':
    case 'anonymous-fallback':
      handle.finish(
        'fail',
        `${operation}: credentials refused (${res.status}${res.loginReason ? `, ${res.loginReason}` : ''}).`,
      );
      if (!isSyncUser) {
        add(
          remedy.checkerNotAdmin(
            handle.id,
            `Jira refused the checking account's credentials (${options.who}) for ${operation}.`,
          ),
        );
      } else if (meaning.kind === 'anonymous-fallback') {
        add(remedy.anonymousFallback(handle.id, options.who, operation));
      } else {
        add(remedy.credentialsRejected(handle.id, options.who, true));
      }
      return null;
    case 'rate-limited':
      handle.finish('error', `${operation}: still rate limited after ${res.attempts} attempts.`);
      add(
        remedy.rateLimited(handle.id, operation, {
          reason: meaning.reason,
          retryAfterSeconds: meaning.retryAfterSeconds,
        }),
      );
      return null;
    case 'server-error':
      handle.finish('error', `${operation}: HTTP ${res.status} after ${res.attempts} attempts.`);
      add(remedy.jiraUnavailable(handle.id, operation, `HTTP ${res.status}`, res.status));
      return null;
    default:
      break;
  }

  if (!options.expect.includes(res.status)) {
    handle.finish('error', `${operation}: unexpected HTTP ${res.status}.`);
    add(remedy.unexpectedResponse(handle.id, operation, `HTTP ${res.status}`));
    return null;
  }

  if (meaning.kind === 'malformed') {
    handle.finish('error', `${operation}: the body is not JSON.`);
    add(remedy.unexpectedResponse(handle.id, operation, 'the body is not JSON'));
    return null;
  }
  return res;
}

/** Records that a 2xx body lacked what Jira documents. Always returns null for `return unexpected(...)`. */
export function unexpected(
  ctx: RunContext,
  handle: StepHandle,
  req: Pick<JiraRequest, 'method' | 'path'>,
  what: string,
  advisory = false,
): null {
  const operation = describe(req);
  handle.finish('error', `${operation}: ${what}.`);
  adder(ctx, advisory)(remedy.unexpectedResponse(handle.id, operation, what));
  return null;
}

/** Advisory steps report their failures as information only. */
function adder(ctx: RunContext, advisory: boolean): (finding: Finding) => void {
  return advisory
    ? (finding) => ctx.add({ ...finding, severity: 'info' })
    : (finding) => ctx.add(finding);
}

/**
 * A negative answer (nothing visible, not found) is only believed when it was given to the
 * account that asked. Jira marks authenticated answers with X-AAccountId; an answer from the site
 * without it ran anonymously. Whether the gateway or Forge's product proxy send the header is not
 * documented, so only site answers are judged by its absence.
 */
export function answeredAnonymously(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  res: JiraResponse,
  req: Pick<JiraRequest, 'method' | 'path'>,
  who: string,
): boolean {
  if (client.target !== 'site' || client.auth === 'none' || res.accountId !== null) return false;
  const operation = describe(req);
  handle.finish('fail', `${operation}: answered anonymously (no X-AAccountId).`);
  ctx.add(
    client.auth === 'sync-user'
      ? remedy.anonymousFallback(handle.id, who, operation)
      : remedy.checkerNotAdmin(
          handle.id,
          `Jira answered ${operation} anonymously for the checking account ${who}.`,
        ),
  );
  return true;
}
