/**
 * Atlassian service accounts (docs/jira-behaviour.md S3): app-type accounts (`accountType: "app"`,
 * `appType: "service"`) whose email is under `serviceaccount.atlassian.com`. Their credentials (a
 * scoped API token, or an OAuth 2.0 client credential) work only through the API gateway, and
 * their tokens are managed by organisation admins, not by signing in as the account.
 */

export const SERVICE_ACCOUNT_DOMAIN = 'serviceaccount.atlassian.com';

const SERVICE_ACCOUNT_EMAIL = /@serviceaccount\.atlassian\.com$/i;

export function isServiceAccountEmail(email: string | null | undefined): boolean {
  return typeof email === 'string' && SERVICE_ACCOUNT_EMAIL.test(email.trim());
}

/** What Jira says about an account (any of these may be missing or hidden). */
export interface AccountKind {
  accountType?: string | null | undefined;
  appType?: string | null | undefined;
  emailAddress?: string | null | undefined;
}

/**
 * An app account that is a service account: `appType: "service"`, or its email under
 * serviceaccount.atlassian.com (the email may be hidden, appType is not always sent). `email`
 * is the address the synchronizer was configured with, if any.
 */
export function isServiceAccount(user: AccountKind | null, email?: string | null): boolean {
  if (user?.accountType !== undefined && user.accountType !== null && user.accountType !== 'app')
    return false;
  if (user?.appType === 'service') return true;
  return isServiceAccountEmail(user?.emailAddress) || isServiceAccountEmail(email);
}

/** "service account", "app account", "atlassian account", …: how a report names an account's kind. */
export function accountKindWords(accountType: string, email: string | null | undefined): string {
  return accountType === 'app' && isServiceAccountEmail(email)
    ? 'service account'
    : `${accountType} account`;
}
