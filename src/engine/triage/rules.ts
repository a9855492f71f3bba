import {
  CONNECT_SESSION_TEXT,
  IP_ALLOWLIST_TEXT,
  PASSWORD_DEPRECATED_TEXT,
  SCOPE_CHECK_FAILURE,
  SCOPE_MISMATCH_TEXT,
} from '../knowledge/jira-wording';
import type { Category, FindingCode } from '../model/report';

/** Builds one pattern matching any of the given ones (their flags are not merged: all use `i`). */
function anyOf(...patterns: ReadonlyArray<RegExp | string>): RegExp {
  return new RegExp(patterns.map((p) => (typeof p === 'string' ? p : p.source)).join('|'), 'i');
}

export interface TriageRule {
  id: string;
  /** Matched against one message (a line, or one entry of a JSON log). */
  pattern: RegExp;
  category: Category;
  code?: FindingCode;
  cause: string;
  next: string;
}

/**
 * Wording first (it is more specific than a status), then status codes. The wording table comes
 * from Jira's own messages (the team's Jira behaviour notes, kept outside this repository) and
 * the error codes that Node, Java and .NET HTTP clients print for network failures. A line that
 * matches none of these is reported as unrecognised, never guessed.
 */
export const WORDING_RULES: readonly TriageRule[] = [
  {
    id: 'ip-allowlist',
    // Before every credential rule: an allowlist refusal can arrive as a 401 or 403.
    pattern: anyOf(
      IP_ALLOWLIST_TEXT,
      /Your IP address is not allowed/,
      /\bIP address\b.{0,80}\b(?:allow ?list|allowed ?list|whitelist)/,
    ),
    category: 'connectivity',
    code: 'IP_NOT_ALLOWED',
    cause: "The caller's IP address is not on the organisation's IP allowlist.",
    next: "Ask an organisation admin to allow the integration host's public IP.",
  },
  {
    id: 'password-instead-of-token',
    pattern: PASSWORD_DEPRECATED_TEXT,
    category: 'credentials',
    code: 'PASSWORD_NOT_TOKEN',
    cause:
      'Jira gives this answer for two causes: the integration sends an account password instead of an API token, or its Basic authorization header is malformed (e.g. the token sent without "email:").',
    next: 'Send HTTP Basic "email:token" with an API token created as the sync user.',
  },
  {
    id: 'scope-mismatch',
    pattern: anyOf(SCOPE_MISMATCH_TEXT, SCOPE_CHECK_FAILURE),
    category: 'credentials',
    code: 'TOKEN_SCOPE_INSUFFICIENT',
    cause: 'A scoped API token lacks a scope this operation needs.',
    next: 'Create a scoped token with the missing scopes, or an unscoped token for the site URL.',
  },
  {
    id: 'bearer-instead-of-basic',
    pattern: CONNECT_SESSION_TEXT,
    category: 'credentials',
    code: 'CREDENTIALS_REJECTED',
    cause:
      'The API token was sent as "Authorization: Bearer …"; Jira Cloud reads a bearer value as an app session token and refuses it.',
    next: 'Jira Cloud API tokens go in HTTP Basic auth: "email:token" (the account email, a colon, the token).',
  },
  {
    id: 'not-authenticated',
    pattern:
      /Client must be authenticated to access this resource|You are not authenticated\. Authentication required/i,
    category: 'credentials',
    code: 'CREDENTIALS_REJECTED',
    cause:
      'Jira rejected the email + token: an expired token (API tokens last at most a year; all created before 15 Dec 2024 expired in March–May 2026), a wrong or revoked token, a token of a different account than the email, an organisation policy blocking API tokens, a scoped token at the site URL, or a deactivated user.',
    next: 'Run `credential-doctor check` with the same email and token to tell which.',
  },
  {
    id: 'anonymous-fallback',
    pattern: /AUTHENTICATED_FAILED/,
    category: 'credentials',
    code: 'ANONYMOUS_FALLBACK',
    cause: 'Jira refused the credentials and answered as an anonymous user (empty results, 404s).',
    next: 'Fix the credentials: the integration is not logged in.',
  },
  {
    id: 'login-challenge',
    pattern: /CAPTCHA_CHALLENGE|AUTHENTICATION_DENIED/,
    category: 'credentials',
    code: 'LOGIN_CHALLENGE',
    cause: 'Too many failed logins: Jira demands an interactive login (CAPTCHA) for this account.',
    next: 'Stop the integration, sign in once in a browser as that user, fix the credentials, restart.',
  },
  {
    id: 'project-not-found',
    pattern: /No project could be found with key '([^']*)'/i,
    category: 'permissions',
    code: 'PROJECT_NOT_VISIBLE',
    cause:
      'The caller cannot see that project: no Browse Projects, a wrong key, or the call ran anonymously (bad credentials).',
    next: 'Check the key, then run `credential-doctor check --project KEY` to tell which.',
  },
  {
    id: 'issue-not-visible',
    pattern: /Issue does not exist or you do not have permission to see it/i,
    category: 'permissions',
    code: 'PROJECT_NOT_VISIBLE',
    cause:
      'No Browse Projects (or an issue security level hides it), a wrong issue key, or an anonymous call.',
    next: "Check the issue key and the sync user's Browse Projects and security levels.",
  },
  {
    id: 'cannot-create',
    pattern:
      /You do not have permission to create issues in this project|you cannot create issues in this project/i,
    category: 'permissions',
    code: 'MISSING_PERMISSION',
    cause: 'The sync user lacks Create Issues in the project.',
    next: 'Grant Create Issues through a project role the sync user holds.',
  },
  {
    id: 'project-value-invalid',
    pattern: /The value '[^']*' does not exist for the field 'project'/i,
    category: 'permissions',
    code: 'PROJECT_NOT_VISIBLE',
    cause:
      'Creating an issue named a project the caller cannot see or create in (or that does not exist).',
    next: 'Check the project key and the sync user’s Browse Projects and Create Issues.',
  },
  {
    id: 'admin-only',
    pattern: /Only Jira administrators can perform this operation/i,
    category: 'configuration',
    code: 'CHECKER_NOT_ADMIN',
    cause: 'The operation (e.g. checking another user’s permissions) needs Administer Jira.',
    next: 'Run it as a Jira administrator, or use an operation the account may call.',
  },
  {
    id: 'no-site-access',
    pattern: /You are not authorized to perform this operation\. Please log in/i,
    category: 'permissions',
    code: 'NO_PRODUCT_ACCESS',
    cause: 'The account has no access to this site or to Jira (web UI wording).',
    next: 'Give the user Jira product access in Atlassian Administration.',
  },
  {
    id: 'field-not-on-screen',
    pattern: /Field '[^']*' cannot be set\. It is not on the appropriate screen, or unknown/i,
    category: 'configuration',
    code: 'FIELD_NOT_ON_SCREEN',
    cause:
      'The integration sets a field that is not on the create/edit screen of that issue type (or does not exist).',
    next: "Add the field to the project's screen for that issue type, or stop mapping it.",
  },
  {
    id: 'field-required',
    pattern: /\bis required\b/i,
    category: 'configuration',
    code: 'CREATE_REQUIRES_FIELDS',
    cause: 'Jira requires a field the integration did not fill (400 on create).',
    next: 'Map a value for the required field in the synchronizer, or make the field optional.',
  },
  {
    id: 'tls',
    pattern:
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|ERR_TLS_CERT_ALTNAME_INVALID|PKIX path building failed|unable to find valid certification path|certificate verify failed|The remote certificate is invalid|SSL connection could not be established/i,
    category: 'connectivity',
    code: 'TLS_ERROR',
    cause:
      'The TLS certificate presented is not trusted: usually an intercepting proxy or antivirus.',
    next: "Trust the proxy's root CA on the integration host, or exempt Atlassian hosts from inspection.",
  },
  {
    id: 'unreachable',
    pattern:
      /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|Connection refused|UnknownHostException|Name or service not known|No such host is known/i,
    category: 'connectivity',
    code: 'SITE_UNREACHABLE',
    cause: 'The host name does not resolve or nothing accepts the connection.',
    next: 'Check the site URL and the DNS / proxy / firewall settings of the integration host.',
  },
  {
    id: 'timeout',
    pattern: /ETIMEDOUT|ESOCKETTIMEDOUT|timed out|\btimeout\b/i,
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'No answer in time: Jira slow or unavailable, or a network path dropping packets.',
    next: 'Retry later; if it persists, check the network path and the Atlassian status page.',
  },
  {
    id: 'rate-limited',
    pattern: /Too Many Requests|rate limit|Retry-After|X-RateLimit-|RateLimit-Reason/i,
    category: 'transient',
    code: 'RATE_LIMITED',
    cause: 'Jira is rate limiting the integration.',
    next: 'Honour Retry-After and back off; spread the integration’s load.',
  },
];

/** Status semantics from Jira's REST documentation, when the wording says nothing more specific. */
export const STATUS_RULES: Readonly<Record<number, Omit<TriageRule, 'id' | 'pattern'>>> = {
  400: {
    category: 'configuration',
    cause:
      'Jira rejected the request: a missing required field or an invalid value — or, when creating issues, a caller without permission (Jira answers 400 for both).',
    next: 'Read errors / errorMessages of the response to tell which.',
  },
  401: {
    category: 'credentials',
    code: 'CREDENTIALS_REJECTED',
    cause: 'The credentials were not accepted.',
    next: 'Run `credential-doctor check` with the same email and token.',
  },
  403: {
    category: 'permissions',
    cause:
      'Authenticated but not allowed: a missing permission (or, for API tokens, an IP allowlist or blocked API-token access).',
    next: 'Read the message; check the permission the operation needs.',
  },
  404: {
    category: 'permissions',
    code: 'PROJECT_NOT_VISIBLE',
    cause: 'Not found for this caller: no Browse Projects, a wrong key, or an anonymous call.',
    next: 'Check the key and the sync user’s Browse Projects.',
  },
  429: {
    category: 'transient',
    code: 'RATE_LIMITED',
    cause: 'Rate limited.',
    next: 'Honour Retry-After and back off.',
  },
  500: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'Jira failed internally.',
    next: 'Retry later; check the Atlassian status page.',
  },
  502: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'Bad gateway between you and Jira.',
    next: 'Retry later.',
  },
  503: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'Jira is unavailable (may carry Retry-After).',
    next: 'Retry later, honouring Retry-After.',
  },
  504: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'Gateway timeout.',
    next: 'Retry later.',
  },
};
