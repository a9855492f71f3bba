import { createHash } from 'node:crypto';
import { kvs } from '@forge/kvs';
import type { Report } from '../engine/report';

/**
 * After Jira refuses the sync user's credentials, the same email is not tried again from this
 * installation for this long. Each refused check costs at most two failed logins (the site, and
 * once the gateway probe), so at most 8 an hour per email, however often admins press the button.
 * Atlassian does not document how many failed logins lock an account or trigger a CAPTCHA; 15
 * minutes keeps repeated checks far below any threshold we would expect while a corrected token
 * can be checked again the same quarter hour.
 */
export const COOLING_OFF_MINUTES = 15;
const PREFIX = 'guard:';

export interface Refusal {
  refusedAt: string;
  until: string;
}

/**
 * The guard's key: a SHA-256 of the normalised email (the email itself is not stored), per
 * installation because the KVS is per installation.
 */
function keyFor(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
  return `${PREFIX}${digest.slice(0, 48)}`;
}

/** The refusal still cooling off for this email, if any. */
export async function activeRefusal(
  email: string,
  now: number = Date.now(),
): Promise<Refusal | null> {
  const value = await kvs.get<Partial<Refusal>>(keyFor(email));
  if (typeof value?.refusedAt !== 'string' || typeof value.until !== 'string') return null;
  return Date.parse(value.until) > now ? { refusedAt: value.refusedAt, until: value.until } : null;
}

/** Remembers a refused login; the KVS TTL removes it when the cooling-off period ends. */
export async function recordRefusal(email: string, now: number = Date.now()): Promise<Refusal> {
  const refusal = {
    refusedAt: new Date(now).toISOString(),
    until: new Date(now + COOLING_OFF_MINUTES * 60_000).toISOString(),
  };
  await kvs.set(keyFor(email), refusal, { ttl: { value: COOLING_OFF_MINUTES, unit: 'MINUTES' } });
  return refusal;
}

/**
 * Whether the run cost a failed login: a request sent with the sync user's credentials was
 * answered 401, or Jira demanded a CAPTCHA for the account.
 */
export function loginWasRefused(report: Report): boolean {
  const refused = report.checks.some((check) =>
    check.requests.some((r) => r.auth === 'sync-user' && r.status === 401),
  );
  return refused || report.findings.some((f) => f.code === 'LOGIN_CHALLENGE');
}
