import type { ScopeSet } from '../../model/report';

/**
 * Wording the token expiry codes share (TOKEN_EXPIRES_SOON, TOKEN_BLOCKED, TOKEN_EXPIRED): whose
 * token it is and how a replacement is made.
 */
export interface ExpiryContext {
  /** The sync user as the run names it. */
  who: string;
  serviceAccount: boolean;
  /** What a new scoped token needs; null for a classic token used at the site. */
  scopes: ScopeSet | null;
  orgId: string;
}

/** At or below: replace it now (error). Above, up to WARN_DAYS: plan it (warning). */
export const ERROR_DAYS = 7;
export const WARN_DAYS = 30;

export function day(iso: string | null): string {
  return iso === null ? 'an unknown date' : iso.slice(0, 10);
}

export function inDays(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'in 1 day' : `in ${days} days`;
}

/** Where a replacement is created: the owner's own page, or Atlassian Administration for a service account. */
export function createTokenStep(c: ExpiryContext): string {
  const scopes =
    c.scopes && (c.scopes.granular.length || c.scopes.classic.length)
      ? ` as an API token with scopes, ticking ${[
          c.scopes.granular.length ? `the granular scopes ${c.scopes.granular.join(', ')}` : '',
          c.scopes.classic.length ? `the classic scopes ${c.scopes.classic.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join(', or ')}`
      : '';
  return c.serviceAccount
    ? `In Atlassian Administration → Directory → Service accounts, open ${c.who} and create a new API token${scopes}, with the longest expiry your organisation allows; note its expiry date.`
    : `Signed in as ${c.who}, create a new API token at id.atlassian.com → Security → API tokens${scopes}, with the longest expiry your organisation allows (at most a year); note its expiry date.`;
}

export const RERUN_EXPIRY =
  'Re-run this check with --org-id to confirm the new token works and when it expires.';
