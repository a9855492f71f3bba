import { remedy } from './remedies';
import { ERROR_DAYS, WARN_DAYS, type ExpiryContext } from './catalogue/expiry-wording';
import type { Finding, TokenExpiryEntry } from '../model/report';

export { ERROR_DAYS, WARN_DAYS, type ExpiryContext };

function isExpired(t: TokenExpiryEntry): boolean {
  return t.daysLeft !== null && t.daysLeft < 0;
}

/**
 * The findings a list of the sync user's tokens gives (nearest expiry first): the nearest expiry
 * of an allowed, unexpired token within 30 days (an error at 7 days or less), each blocked token,
 * each expired one (information). Shared by the check and by an imported host report, whose
 * findings are rebuilt from its token facts.
 */
export function expiryFindings(
  step: string,
  c: ExpiryContext,
  tokens: readonly TokenExpiryEntry[],
  signInRefused: boolean,
): { findings: Finding[]; status: 'pass' | 'warn' | 'fail'; nearest: TokenExpiryEntry | null } {
  const usable = tokens.filter(
    (t) => t.status.toUpperCase() === 'ALLOWED' && t.daysLeft !== null && !isExpired(t),
  );
  const soon = usable.filter((t) => (t.daysLeft ?? Infinity) <= WARN_DAYS);
  const blocked = tokens.filter((t) => t.status.toUpperCase() === 'BLOCKED');
  const expired = tokens.filter((t) => t.status.toUpperCase() !== 'BLOCKED' && isExpired(t));
  const findings: Finding[] = [];
  const first = soon[0];
  if (first !== undefined) findings.push(remedy.tokenExpiresSoon(step, c, first, soon));
  for (const t of blocked) findings.push(remedy.tokenBlocked(step, c, t));
  for (const t of expired) findings.push(remedy.tokenExpired(step, c, t, signInRefused));
  const status =
    first !== undefined && (first.daysLeft ?? Infinity) <= ERROR_DAYS
      ? 'fail'
      : first !== undefined || blocked.length > 0
        ? 'warn'
        : 'pass';
  return { findings, status, nearest: usable[0] ?? null };
}
