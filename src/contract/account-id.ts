/**
 * An Atlassian account ID as Jira Cloud writes it (e.g. `5b10ac8d82e05b22cc7d4ef5` or
 * `712020:3c4f…`): letters, digits, ':', '-', '_', at most 128 characters. Anything else that
 * claims to be one (from an imported report, an older record) is never stored in the index the
 * privacy sweep reads, and never reported to Atlassian's personal data reporting API.
 */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:_-]{0,127}$/;

export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID_PATTERN.test(value);
}
