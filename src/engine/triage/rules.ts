import {
  BASIC_AUTH_DISABLED_TEXT,
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
    id: 'basic-auth-disabled',
    // D2 (Data Center): before every status rule, as it comes as a 403.
    pattern: BASIC_AUTH_DISABLED_TEXT,
    category: 'credentials',
    code: 'BASIC_AUTH_DISABLED',
    cause:
      'Jira Data Center / Server: an administrator has switched off Basic authentication for API calls, so every username and password is refused, right or wrong.',
    next: 'Create a personal access token as the sync user (Profile → Personal Access Tokens) and have the integration send it as "Authorization: Bearer <token>"; or ask a Jira administrator to allow Basic authentication for it.',
  },
  {
    id: 'not-authenticated',
    pattern:
      /Client must be authenticated to access this resource|You are not authenticated\. Authentication required/i,
    category: 'credentials',
    code: 'CREDENTIALS_REJECTED',
    cause:
      'Jira rejected the credentials. Jira Cloud: an expired token (API tokens last at most a year; all created before 15 Dec 2024 expired in March–May 2026), a wrong or revoked token, a token of a different account than the email, an organisation policy blocking API tokens, a scoped token at the site URL, or a deactivated user. Jira Data Center / Server (same wording): a wrong username or password, or a wrong, expired or revoked personal access token, or personal access tokens switched off on the instance.',
    next: 'Run `credential-doctor check` with the same credentials to tell which.',
  },
  {
    id: 'anonymous-fallback',
    // C4: Jira Cloud marks an answer it gave anonymously to a request with credentials.
    pattern: /AUTHENTICATED_FAILED/,
    category: 'credentials',
    code: 'ANONYMOUS_FALLBACK',
    cause:
      'Jira answered as an anonymous user (empty results, 404s) because it did not accept the credentials sent; the header alone does not say why. Jira Cloud: a wrong, expired or revoked token, but also credentials it does not take here — a scoped token sent to the site URL instead of the API gateway, API tokens blocked by an organisation policy, a deactivated account. Jira Data Center / Server: a wrong username or password.',
    next: 'Run `credential-doctor check` with the same credentials and site URL to tell which.',
  },
  {
    id: 'anonymous-fallback-datacenter',
    // D5: Data Center 10.3 answers a wrong or missing Authorization with 200 as anonymous.
    pattern: /\bX-AUSERNAME\b["']?\s*[:=]\s*["']?anonymous\b/i,
    category: 'credentials',
    code: 'ANONYMOUS_FALLBACK',
    cause:
      'Jira Data Center / Server answered as an anonymous user (X-AUSERNAME: anonymous): if the integration sent credentials, they were not accepted — a wrong username or password, a wrong, expired or revoked personal access token, or a token sent in the wrong form (personal access tokens go in "Authorization: Bearer <token>").',
    next: 'Run `credential-doctor check --deployment datacenter` with the same credentials to tell which.',
  },
  {
    id: 'login-challenge',
    // P2: only this header proves a CAPTCHA (D3).
    pattern: /CAPTCHA_CHALLENGE/,
    category: 'credentials',
    code: 'LOGIN_CHALLENGE',
    cause: 'Too many failed logins: Jira demands an interactive login (CAPTCHA) for this account.',
    next: 'Stop the integration, sign in once in a browser as that user, fix the credentials, restart.',
  },
  {
    id: 'login-denied',
    // D3: AUTHENTICATION_DENIED without CAPTCHA_CHALLENGE (e.g. "Basic Authentication Failure -
    // Reason : AUTHENTICATION_DENIED", recorded behind single sign-on without any CAPTCHA).
    pattern: /AUTHENTICATION_DENIED/,
    category: 'credentials',
    code: 'LOGIN_DENIED',
    cause:
      'Jira denied the login without saying why (no X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE, which would prove a CAPTCHA). Causes seen with it: a CAPTCHA after repeated failed logins (the most common), single sign-on in front of Jira that refuses password logins, or the user directory (Crowd, LDAP) refusing or not answering.',
    next: 'Stop the integration; sign in in a browser as that user (answer a CAPTCHA if shown). If sign-in goes through single sign-on, give the integration a token instead of the password (Data Center: a personal access token sent as Bearer); else ask a Jira administrator whether the user directory is reachable.',
  },
  {
    id: 'api-removed',
    // Recorded in 2025: the old JQL search (/rest/api/2|3/search) answers 410 with this text
    // (CHANGE-2046); also seen translated.
    pattern: /The requested API has been removed|L['’]API demandée a été supprimée/i,
    category: 'configuration',
    cause:
      'The integration calls a Jira Cloud REST API that Atlassian has removed (here the old JQL search, /rest/api/2/search or /rest/api/3/search, removed in 2025). No permission, token or setting on the site brings it back.',
    next: 'Upgrade the integration to a version that uses the replacement (/rest/api/3/search/jql); if there is none, ask its vendor.',
  },
  {
    id: 'request-header-missing',
    // XSRF protection: a form or multipart post (attachments) without X-Atlassian-Token, or a
    // request carrying a browser User-Agent.
    pattern: /XSRF check failed/i,
    category: 'configuration',
    cause:
      'Jira\'s XSRF protection refused the request: the integration did not send the header "X-Atlassian-Token: no-check" (required for attachments and other multipart or form posts), or it sent a web browser\'s User-Agent. Reads still work, so it looks like a permission problem; it is not one.',
    next: 'The integration must send "X-Atlassian-Token: no-check" on such requests and a User-Agent of its own: upgrade it or ask its vendor. No permission change fixes this.',
  },
  {
    id: 'invalid-value',
    // Jira's field errors for a value that names nothing on the site: "Specify a valid project
    // ID or key", "You must specify a valid project lead."
    pattern: /\b(?:must )?specify a valid\b/i,
    category: 'configuration',
    cause:
      'Jira refused a value in the request body: it names something that does not exist on this site (a project ID or key, a user, an issue type) — for a project, possibly one the caller cannot see.',
    next: "Correct the value in the integration's configuration (e.g. a project's key, not its name; an account ID, not an email); if the project exists, check the sync user's Browse Projects.",
  },
  {
    id: 'atlassian-page',
    // Atlassian's edge answers with its own HTML page instead of Jira's JSON (recorded on an
    // outage and on a wrong API path).
    pattern: /Atlassian Cloud Notifications|<title>[^<]*Page Unavailable/i,
    category: 'transient',
    cause:
      "Atlassian answered with its own page, not Jira's: an Atlassian outage or maintenance, a site that is suspended, deactivated or does not exist, or a request path that no Jira serves.",
    next: 'Check status.atlassian.com and open <site>/status: a 503 there means the site is suspended or deactivated (its administrator or billing contact must act, waiting will not help). If both are fine, check the site URL and API path the integration uses.',
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
      'Authenticated but not allowed: a missing permission (or, on Jira Cloud, an IP allowlist or blocked API-token access; on Data Center / Server, Basic authentication switched off or a login challenge).',
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
  410: {
    category: 'configuration',
    cause:
      'Gone: the integration calls an API that no longer exists (Jira Cloud answers 410 for the REST APIs Atlassian removed).',
    next: 'Upgrade the integration to a version that uses the current API; if there is none, ask its vendor.',
  },
  503: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause:
      'Jira is unavailable (may carry Retry-After): an outage or maintenance, or on Jira Cloud a suspended or deactivated site, which answers 503 too.',
    next: 'Retry later, honouring Retry-After. If it lasts, open <site>/status without signing in: a 503 there means the site is suspended or deactivated, and only its administrator or billing contact can fix it.',
  },
  504: {
    category: 'transient',
    code: 'JIRA_UNAVAILABLE',
    cause: 'Gateway timeout.',
    next: 'Retry later.',
  },
};
