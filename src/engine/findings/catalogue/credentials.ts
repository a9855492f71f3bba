import { adminPages } from './admin-pages';
import type { CatalogueEntry } from './entry';

/** Credentials: the sync user cannot sign in, or signs in as the wrong account. */
export const CREDENTIALS = {
  CREDENTIALS_REJECTED: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira rejects the email and API token',
    meaning:
      '401 for email + token at the site: expired, revoked, typo, deactivated user, or a token created by a different account than the email',
    adminPage: adminPages.apiTokens,
  },
  PASSWORD_NOT_TOKEN: {
    category: 'credentials',
    severity: 'error',
    title: 'A password is used instead of an API token',
    meaning: 'a password was sent instead of an API token',
    adminPage: adminPages.apiTokens,
  },
  SCOPED_TOKEN_AT_SITE_URL: {
    category: 'credentials',
    severity: 'error',
    title: 'A scoped API token is used at the site address',
    meaning:
      'rejected at the site URL but accepted at the gateway: a scoped token; use the gateway URL or an unscoped token',
    docs: 'rejected at the site URL but accepted at the gateway: a scoped token; use the gateway URL or an unscoped token (for a service account: the gateway URL, the only place its tokens work)',
    adminPage: adminPages.apiTokens,
  },
  TOKEN_SCOPE_INSUFFICIENT: {
    category: 'credentials',
    severity: 'error',
    title: 'The scoped token lacks a scope',
    meaning: 'scoped token accepted but missing a scope a required operation needs',
    docs: "scoped token (or OAuth 2.0 credential) accepted but missing a scope one of the synchronizer's calls needs, reads included; carries `operation`, `scopes` (classic and granular) and `details.missingScopes` (the scope(s) it lacks); the fix lists every scope to tick",
    adminPage: adminPages.apiTokens,
  },
  ANONYMOUS_FALLBACK: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira treats the integration as not logged in',
    meaning: 'Jira answered as anonymous although credentials were sent',
    adminPage: adminPages.apiTokens,
  },
  LOGIN_CHALLENGE: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira asks for an interactive login (CAPTCHA)',
    meaning: 'Jira demands an interactive login (CAPTCHA) before the API accepts this account',
    docs: 'Jira demands an interactive login (CAPTCHA) before the API accepts this account: `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE` (#23: without that header it is `LOGIN_DENIED`)',
    adminPage: adminPages.users,
  },
  LOGIN_DENIED: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira denies the login',
    meaning:
      'Jira denied the login (AUTHENTICATION_DENIED) without saying it is a CAPTCHA: a CAPTCHA after failed logins, single sign-on refusing password logins, or the user directory',
    docs: '*added (#23):* Jira denied the login (`X-Seraph-LoginReason: AUTHENTICATION_DENIED`) without `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE`: a CAPTCHA after failed logins, single sign-on refusing password logins, or the user directory (docs/jira-behaviour.md D3); nothing more is sent with that credential',
    adminPage: adminPages.users,
  },
  BASIC_AUTH_DISABLED: {
    category: 'credentials',
    severity: 'error',
    title: 'Basic authentication is switched off on this Jira',
    meaning:
      'Data Center: Basic authentication is switched off for API calls on this instance; use a personal access token sent as Bearer',
    docs: '*added (#23), Data Center:* Basic authentication is switched off for API calls (403 "Basic Authentication has been disabled on this instance.", D2); the fix is a personal access token sent as Bearer; one attempt only',
  },
  WRONG_ACCOUNT: {
    category: 'credentials',
    severity: 'error',
    title: 'The token belongs to a different account',
    meaning: 'the credentials authenticate as a different account than the intended sync user',
    adminPage: adminPages.apiTokens,
  },
  TOKEN_WHITESPACE: {
    category: 'credentials',
    severity: 'warning',
    title: 'Spaces or quotes around the email or token',
    meaning: 'the email or token had surrounding whitespace or quotes',
    adminPage: adminPages.apiTokens,
  },
  ACCOUNT_INACTIVE: {
    category: 'credentials',
    severity: 'error',
    title: 'The sync user is deactivated',
    meaning: 'the sync user is deactivated',
    adminPage: adminPages.users,
  },
  OAUTH_CLIENT_REFUSED: {
    category: 'credentials',
    severity: 'error',
    title: 'Atlassian refuses the OAuth 2.0 client',
    meaning:
      "Atlassian's token endpoint refused the OAuth 2.0 client credential (wrong client ID or secret, or the credential was revoked, deleted or expired)",
    docs: "Atlassian's token endpoint (`POST <auth-url>/oauth/token`, `grant_type=client_credentials`) refused the OAuth 2.0 client credential: wrong client ID or secret, or the credential was revoked, deleted or expired; carries `details.status` and `details.error` (the OAuth error code); the run makes no other request with it",
    adminPage: adminPages.serviceAccounts,
  },
} satisfies Record<string, CatalogueEntry>;
