/**
 * Wording that real Jira Cloud answers carry (test/fixtures/jira-cloud/ replays the recorded
 * answers; docs/jira-behaviour.md names the sources). The engine and the triage read
 * the same patterns, so a phrase recognised in a pasted log is recognised in a live answer too.
 */
export {
  BASIC_AUTH_DISABLED_TEXT,
  SCOPE_MISMATCH_TEXT,
  SCOPE_CHECK_FAILURE,
} from '../port/answer-signals';

/**
 * P1: the IP-allowlist refusal comes in two spellings, "…not on the allowed list…" (Atlassian KB)
 * and "…not on the allowedlist…" (recorded in a production log). Its status was never captured,
 * so the engine matches the wording on any 4xx.
 */
export const IP_ALLOWLIST_TEXT = /IP address\b.{0,80}\bnot on the allowed ?list/i;

/**
 * C5: answered to a password and, with the same words, to a malformed Basic header (e.g. a token
 * sent without `email:`).
 */
export const PASSWORD_DEPRECATED_TEXT = /Basic authentication with passwords is deprecated/i;

/** C8: an API token sent as `Authorization: Bearer …` (403). */
export const CONNECT_SESSION_TEXT = /Failed to parse Connect Session Auth Token/i;
