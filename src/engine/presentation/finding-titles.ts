import type { FindingCode } from '../report';

/**
 * A finding as an admin would name it. The code (CREDENTIALS_REJECTED) stays in the report,
 * the exports and the technical details; headings use these.
 */
export const FINDING_TITLES: Readonly<Record<FindingCode, string>> = {
  CREDENTIALS_REJECTED: 'Jira rejects the email and API token',
  PASSWORD_NOT_TOKEN: 'A password is used instead of an API token',
  SCOPED_TOKEN_AT_SITE_URL: 'A scoped API token is used at the site address',
  TOKEN_SCOPE_INSUFFICIENT: 'The scoped token lacks a scope',
  ANONYMOUS_FALLBACK: 'Jira treats the integration as not logged in',
  LOGIN_CHALLENGE: 'Jira asks for an interactive login (CAPTCHA)',
  LOGIN_COOLING_OFF: 'The token was not tried again yet (recent failed login)',
  WRONG_ACCOUNT: 'The token belongs to a different account',
  TOKEN_WHITESPACE: 'Spaces or quotes around the email or token',
  ACCOUNT_INACTIVE: 'The sync user is deactivated',
  APP_ACCOUNT: 'The sync user is an app account',
  CUSTOMER_ACCOUNT: 'The sync user is a portal-only customer',
  NO_PRODUCT_ACCESS: 'The sync user has no Jira product access',
  NO_PROJECTS_VISIBLE: 'The sync user sees no project at all',
  PROJECT_NOT_VISIBLE: 'A project is hidden from the sync user',
  PROJECT_NOT_FOUND: 'No project has this key',
  PROJECT_ARCHIVED: 'The project is archived',
  PROJECT_IN_TRASH: 'The project is in the trash',
  MISSING_PERMISSION: 'A permission is missing',
  JSM_AGENT_REQUIRED: 'A Jira Service Management agent licence is needed',
  OVER_PRIVILEGED: 'The sync user is a Jira administrator',
  CHECKER_NOT_ADMIN: 'The admin part of the check could not run',
  IP_NOT_ALLOWED: "Blocked by the site's IP allowlist",
  TLS_ERROR: 'The secure connection to Jira failed',
  SITE_UNREACHABLE: 'The site cannot be reached',
  RATE_LIMITED: 'Jira kept asking to slow down',
  JIRA_UNAVAILABLE: 'Jira did not answer',
  UNEXPECTED_RESPONSE: 'Jira gave an answer the check does not understand',
  USER_NOT_FOUND: 'No Jira user matches',
  CREATE_REQUIRES_FIELDS: 'Creating issues needs fields filled in',
  UNKNOWN_PERMISSION_KEY: 'A requested permission does not exist on this site',
};
