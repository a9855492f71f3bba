import type { JiraResponse } from '../port/jira-client';
import { isScopeRefusal, refusesBasicAuth } from '../port/answer-signals';
import { errorTexts } from './jira-shapes';
import { CONNECT_SESSION_TEXT, IP_ALLOWLIST_TEXT, PASSWORD_DEPRECATED_TEXT } from './jira-wording';

/**
 * What an answer from Jira means, read from the answer alone (status, headers, body) and from
 * which credentials were sent. Pure: it concludes nothing about the sync user and writes no
 * finding; `run/send.ts` and the identity steps decide what follows from it.
 * The facts behind each rule are in docs/jira-behaviour.md (C…, P…, W…); the table of recorded
 * answers in test/engine/classify-answer.test.ts holds the rules to them.
 */
export type AnswerMeaning =
  /** P1: the site's IP allowlist refused the caller (any 4xx with the recorded wording). */
  | { kind: 'ip-allowlist' }
  /** D2: Data Center with Basic authentication switched off refuses every username and password. */
  | { kind: 'basic-auth-disabled' }
  /** P2: Jira demands an interactive login (CAPTCHA) before it accepts these credentials again. */
  | { kind: 'login-challenge' }
  /** D3: AUTHENTICATION_DENIED without the CAPTCHA header: a CAPTCHA, single sign-on, or the directory. */
  | { kind: 'login-denied' }
  /**
   * C7, W2: the API gateway's scope check refused a scoped credential; the credential itself was
   * recognised, so this is no failed login. `beneath`: what the answer means without that signal,
   * for a caller that does not read scope refusals.
   */
  | { kind: 'scope-refusal'; beneath: AnswerMeaning }
  /** A login refusal for a request that carried no credentials at all. */
  | { kind: 'refused-without-credentials' }
  /** C5: 401 "Basic authentication with passwords is deprecated": a password, or a malformed Basic header. */
  | { kind: 'password-deprecated' }
  /** C1, C2, C3, C9: 401 with credentials: refused (expired, revoked, wrong, or another account's). */
  | { kind: 'failed-login' }
  /** C4: answered, but as an anonymous user although credentials were sent (X-Seraph-LoginReason). */
  | { kind: 'anonymous-fallback' }
  /** W5: 429 (after the adapter's bounded retries). */
  | { kind: 'rate-limited'; reason: string | null; retryAfterSeconds: number | null }
  /** 5xx (after the adapter's bounded retries). */
  | { kind: 'server-error' }
  /** A 2xx whose body is not JSON: not what Jira documents. */
  | { kind: 'malformed' }
  /** C8: 403 "Failed to parse Connect Session Auth Token": Jira Cloud refusing a Bearer token. */
  | { kind: 'connect-session' }
  /** An answer for the step to read by its status: 2xx with JSON, or a 4xx without a signal above. */
  | { kind: 'answer' };

/**
 * Which credentials the request carried: none; Basic (email + API token, or username +
 * password); Bearer (a personal access token); or credentials whose scheme the caller does not
 * track (`some`).
 */
export type SentCredentials = 'none' | 'basic' | 'bearer' | 'some';

export type Answer = Pick<
  JiraResponse,
  'status' | 'headers' | 'json' | 'text' | 'loginReason' | 'deniedReason' | 'retryAfterSeconds'
>;

/** Rules in order: the first that matches decides. */
export function classifyAnswer(answer: Answer, sent: SentCredentials): AnswerMeaning {
  const { status } = answer;
  const texts = errorTexts(answer.json, answer.text);
  if (status >= 400 && status < 500 && texts.some((t) => IP_ALLOWLIST_TEXT.test(t)))
    return { kind: 'ip-allowlist' };
  if (sent !== 'none' && sent !== 'bearer' && refusesBasicAuth(answer))
    return { kind: 'basic-auth-disabled' };
  if (/CAPTCHA/i.test(answer.deniedReason ?? '')) return { kind: 'login-challenge' };
  if (answer.loginReason === 'AUTHENTICATION_DENIED') return { kind: 'login-denied' };
  if (sent !== 'none' && isScopeRefusal(answer))
    return { kind: 'scope-refusal', beneath: beneathScope(answer, texts, sent) };
  return beneathScope(answer, texts, sent);
}

function beneathScope(
  answer: Answer,
  texts: readonly string[],
  sent: SentCredentials,
): AnswerMeaning {
  const { status } = answer;
  const loginFailed = status === 401 || answer.loginReason === 'AUTHENTICATED_FAILED';
  if (loginFailed && sent === 'none') return { kind: 'refused-without-credentials' };
  if (status === 401)
    return texts.some((t) => PASSWORD_DEPRECATED_TEXT.test(t))
      ? { kind: 'password-deprecated' }
      : { kind: 'failed-login' };
  if (loginFailed) return { kind: 'anonymous-fallback' };
  if (status === 429)
    return {
      kind: 'rate-limited',
      reason: answer.headers['ratelimit-reason'] ?? null,
      retryAfterSeconds: answer.retryAfterSeconds,
    };
  if (status >= 500) return { kind: 'server-error' };
  if (status >= 200 && status < 300 && answer.json === undefined) return { kind: 'malformed' };
  if (status === 403 && sent === 'bearer' && texts.some((t) => CONNECT_SESSION_TEXT.test(t)))
    return { kind: 'connect-session' };
  return { kind: 'answer' };
}

/** The meaning for a caller that does not read scope refusals: what lies beneath the signal. */
export function ignoringScope(meaning: AnswerMeaning): AnswerMeaning {
  return meaning.kind === 'scope-refusal' ? meaning.beneath : meaning;
}
