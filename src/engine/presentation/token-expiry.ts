import type { Report, TokenExpiryEntry } from '../model/report';
import { ERROR_DAYS, WARN_DAYS } from '../findings/catalogue/expiry-wording';

/**
 * The sync user's API tokens and their expiry, in admin words, shared by the CLI text, the
 * Markdown and the panel: one line per token, nearest expiry first.
 */
export function expiryTokenLine(t: TokenExpiryEntry): string {
  const status = t.status.toUpperCase();
  const date = t.expiresAt === null ? null : t.expiresAt.slice(0, 10);
  const expiry =
    date === null || t.daysLeft === null
      ? 'expiry not listed'
      : t.daysLeft < 0
        ? `expired ${date}`
        : `expires ${date} (${t.daysLeft === 0 ? 'today' : `in ${t.daysLeft} day${t.daysLeft === 1 ? '' : 's'}`})`;
  const used = t.lastActiveAt ? `last used ${t.lastActiveAt.slice(0, 10)}` : 'no recorded use';
  const state = status === 'ALLOWED' ? '' : `${status === 'BLOCKED' ? 'blocked' : status}, `;
  return `"${t.label}": ${state}${expiry}; ${used}`;
}

/**
 * How soon an allowed, unexpired token must be replaced, by the thresholds of TOKEN_EXPIRES_SOON
 * (an error at ERROR_DAYS or fewer, a warning up to WARN_DAYS); null when it need not be yet.
 */
export function replaceUrgency(
  t: Pick<TokenExpiryEntry, 'status' | 'daysLeft'>,
): 'now' | 'soon' | null {
  if (t.status.toUpperCase() !== 'ALLOWED' || t.daysLeft === null || t.daysLeft < 0) return null;
  if (t.daysLeft <= ERROR_DAYS) return 'now';
  return t.daysLeft <= WARN_DAYS ? 'soon' : null;
}

/** The heading line: whose tokens, from which organisation, and what could not be read. */
export function expiryHeading(report: Pick<Report, 'tokenExpiry' | 'coverage'>): string | null {
  const expiry = report.tokenExpiry;
  if (!expiry) return null;
  const count = expiry.tokens.length;
  const head = `API tokens of the sync user in organisation ${expiry.orgId}: ${count === 0 ? 'none listed' : `${count}, nearest expiry first`}`;
  return expiry.reason ? `${head}. ${capitalise(expiry.reason)}.` : `${head}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
