import { kvs } from '@forge/kvs';
import type { Report } from '../engine/model/report';
import type { Transport } from '../jira/transport';

/**
 * The failed-login guard (docs/SECURITY.md "The failed-login guard"). Every refused try of the
 * sync user's credentials is a failed login on that account, and Atlassian does not document how
 * many lock it or make Jira demand a CAPTCHA. The guard promises:
 *
 *  - the same email + token is not tried again from this installation for COOLING_OFF_MINUTES
 *    after Jira refused it (each refused check costs at most two failed logins: the site, and
 *    once the gateway probe);
 *  - at most MAX_REFUSED_TOKENS_PER_EMAIL distinct tokens of one email are tried in that period,
 *    so at most 2 × 3 = 6 failed logins per email per 15 minutes, however many people press the
 *    button with however many wrong tokens;
 *  - parallel checks of one email wait for one another until the first login is answered, so
 *    they cost what one check costs;
 *  - someone else's wrong token does not block a correct one: the cooling-off is per token (a
 *    keyed hash of email and token), and only the cap on distinct tokens is per email. The
 *    finding names who caused a cooling-off, and a Jira administrator can lift it
 *    (`liftCoolingOff`);
 *  - when the store cannot answer (over its quota, failing), the token is not tried: the guard
 *    fails closed with "try again in a minute".
 *
 * Nothing stored names the email or the token: keys are HMAC-SHA-256 digests with a key that is
 * made once per installation and kept with the store's secret methods (`kvs.setSecret`).
 */
export const COOLING_OFF_MINUTES = 15;
/** Distinct refused tokens of one email within the cooling-off period before any token waits. */
export const MAX_REFUSED_TOKENS_PER_EMAIL = 3;
/** A reservation outlives any invocation (25 s), so a crashed one frees the email by itself. */
const RESERVATION_SECONDS = 60;
/** How long a check waits for a parallel check of the same email to get its login answered. */
export const RESERVATION_WAIT_MS = 8_000;
const POLL_MS = 150;

const SECRET_KEY = 'guard-key';
const EMAIL_PREFIX = 'guard:e:';
const TOKEN_PREFIX = 'guard:t:';
const RESERVATION_PREFIX = 'guard:r:';
const DIGEST = /^[0-9a-f]{48}$/;

/** Why the token was not tried. */
export type CoolingOffReason = 'refused' | 'too-many-tokens' | 'busy' | 'unavailable';

export interface CoolingOff {
  /** When Jira refused (for 'busy' and 'unavailable': now). */
  refusedAt: string;
  /** When the token may be tried again. */
  until: string;
  reason: CoolingOffReason;
  /** Account IDs of whoever ran the refused checks (empty when unknown). */
  causedBy: string[];
  /** The email's guard (a digest, not the email): what a Jira administrator lifts. */
  guard: string | null;
}

interface Refusal {
  /** The token's digest (its key is `guard:t:<t>`). */
  t: string;
  at: string;
  until: string;
  by: string;
}

interface EmailRecord {
  v: 1;
  refusals: Refusal[];
}

/** An admitted check: it holds the email's reservation until its login is answered. */
export interface Admitted {
  kind: 'go';
  /** Wraps a transport that sends the credentials: an authenticated answer frees the email early. */
  watch(transport: Transport): Transport;
  /** After the check: remembers a refused login, then frees the email. Never throws. */
  finish(refused: boolean): Promise<void>;
}

export type Admission = Admitted | { kind: 'cool'; coolingOff: CoolingOff };

interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const REAL_CLOCK: Clock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Whether these credentials may be tried now, reserving the email first so that parallel checks
 * of it cost at most what one check costs. `by` is the account running the check.
 */
export async function admit(
  credentials: { email: string; token: string },
  by: string,
  options: { waitMs?: number; clock?: Clock } = {},
): Promise<Admission> {
  const clock = options.clock ?? REAL_CLOCK;
  const waitMs = options.waitMs ?? RESERVATION_WAIT_MS;
  const email = normalise(credentials.email);
  let secret: string;
  try {
    secret = await guardSecret();
  } catch {
    return cool('unavailable', clock.now(), null);
  }
  const emailId = await digest(secret, 'email', email);
  const tokenId = await digest(secret, 'token', email, credentials.token);
  try {
    // The common case (a token refused minutes ago) needs no reservation.
    const known = await activeTokenRefusal(tokenId, clock.now());
    if (known) return coolFrom('refused', [known], emailId);

    const nonce = crypto.randomUUID();
    const started = clock.now();
    for (;;) {
      if (await reserve(emailId, nonce)) break;
      if (clock.now() - started >= waitMs) return cool('busy', clock.now(), emailId);
      await clock.sleep(POLL_MS);
    }
    const release = once(() => unreserve(emailId, nonce));
    try {
      const refused = await activeTokenRefusal(tokenId, clock.now());
      if (refused) {
        await release();
        return coolFrom('refused', [refused], emailId);
      }
      const others = await activeRefusals(emailId, clock.now());
      if (others.length >= MAX_REFUSED_TOKENS_PER_EMAIL) {
        await release();
        return coolFrom('too-many-tokens', others, emailId);
      }
    } catch (error) {
      await release();
      throw error;
    }
    return {
      kind: 'go',
      watch: (transport) => async (req) => {
        const response = await transport(req);
        if (response.status >= 200 && response.status < 300 && response.headers['x-aaccountid']) {
          // Jira accepted the credentials: parallel checks of this email may log in now.
          void release().catch(() => undefined);
        }
        return response;
      },
      finish: async (refused) => {
        try {
          if (refused) await remember(emailId, tokenId, by, clock.now());
        } catch (error) {
          console.warn(
            `login guard: could not record the refused login (${(error as Error).name}).`,
          );
        }
        await release().catch(() => undefined);
      },
    };
  } catch {
    // The store failed (over its quota, unavailable): not knowing whether Jira refused these
    // credentials minutes ago, the app does not try them.
    return cool('unavailable', clock.now(), emailId);
  }
}

/**
 * A Jira administrator lifts the cooling-off of one email (by its guard digest, as the finding
 * names it): its refusals and any reservation are deleted. Returns whether anything was lifted.
 */
export async function liftCoolingOff(guard: string): Promise<boolean> {
  if (!DIGEST.test(guard)) return false;
  const record = await kvs.get<Partial<EmailRecord>>(`${EMAIL_PREFIX}${guard}`);
  const refusals = validRefusals(record?.refusals);
  for (const r of refusals) await kvs.delete(`${TOKEN_PREFIX}${r.t}`);
  await kvs.delete(`${EMAIL_PREFIX}${guard}`);
  await kvs.delete(`${RESERVATION_PREFIX}${guard}`);
  return record !== undefined;
}

/**
 * Whether the run cost a failed login: a request sent with the sync user's credentials was
 * answered 401, or Jira demanded a CAPTCHA or denied the login for the account.
 */
export function loginWasRefused(report: Report): boolean {
  const refused = report.checks.some((check) =>
    check.requests.some((r) => r.auth === 'sync-user' && r.status === 401),
  );
  return (
    refused ||
    report.findings.some((f) => f.code === 'LOGIN_CHALLENGE' || f.code === 'LOGIN_DENIED')
  );
}

/**
 * A keyed digest of installation data (the guard's, a run's credentials): HMAC-SHA-256 with the
 * installation's guard key, 48 hex digits.
 */
export async function keyedDigest(...parts: string[]): Promise<string> {
  return await digest(await guardSecret(), ...parts);
}

/** The guard's email normalisation: the same account however the email is spelled. */
export function normalise(email: string): string {
  return email.trim().toLowerCase();
}

/** HMAC-SHA-256 of the parts with the hex key, 48 hex digits (Web Crypto: no Node modules). */
async function digest(secret: string, ...parts: string[]): Promise<string> {
  const keyBytes = new Uint8Array((secret.match(/../g) ?? []).map((h) => parseInt(h, 16)));
  const key = await crypto.subtle.importKey(
    'raw',
    keyBytes,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(parts.join('\u0000')));
  return hex(new Uint8Array(mac)).slice(0, 48);
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The installation's guard key, made on first use (only one writer wins: FAIL_IF_EXISTS). */
async function guardSecret(): Promise<string> {
  const existing = await kvs.getSecret<string>(SECRET_KEY);
  if (typeof existing === 'string' && /^[0-9a-f]{64}$/.test(existing)) return existing;
  const fresh = hex(crypto.getRandomValues(new Uint8Array(32)));
  try {
    await kvs.setSecret(SECRET_KEY, fresh, { keyPolicy: 'FAIL_IF_EXISTS' });
    return fresh;
  } catch {
    const winner = await kvs.getSecret<string>(SECRET_KEY);
    if (typeof winner === 'string' && /^[0-9a-f]{64}$/.test(winner)) return winner;
    throw new Error('The guard key could not be made.');
  }
}

/** Takes the email's reservation; false when another check holds it. Throws when the store fails. */
async function reserve(emailId: string, nonce: string): Promise<boolean> {
  const key = `${RESERVATION_PREFIX}${emailId}`;
  try {
    await kvs.set(
      key,
      { nonce },
      { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: RESERVATION_SECONDS, unit: 'SECONDS' } },
    );
    return true;
  } catch (error) {
    // The refusal's code for an existing key is not documented: whether the key exists decides.
    // A store that cannot answer this read either throws, and the guard fails closed.
    const held = await kvs.get<unknown>(key);
    if (held !== undefined) return false;
    throw error;
  }
}

async function unreserve(emailId: string, nonce: string): Promise<void> {
  const key = `${RESERVATION_PREFIX}${emailId}`;
  const held = await kvs.get<{ nonce?: unknown }>(key);
  if (held?.nonce === nonce) await kvs.delete(key);
}

async function activeTokenRefusal(tokenId: string, now: number): Promise<Refusal | null> {
  const value = await kvs.get<Partial<Refusal>>(`${TOKEN_PREFIX}${tokenId}`);
  const [refusal] = validRefusals(value ? [{ ...value, t: tokenId }] : []);
  return refusal && Date.parse(refusal.until) > now ? refusal : null;
}

async function activeRefusals(emailId: string, now: number): Promise<Refusal[]> {
  const record = await kvs.get<Partial<EmailRecord>>(`${EMAIL_PREFIX}${emailId}`);
  return validRefusals(record?.refusals).filter((r) => Date.parse(r.until) > now);
}

/** Records a refused token (under the email's reservation, so no update is lost). */
async function remember(emailId: string, tokenId: string, by: string, now: number): Promise<void> {
  const refusal: Refusal = {
    t: tokenId,
    at: new Date(now).toISOString(),
    until: new Date(now + COOLING_OFF_MINUTES * 60_000).toISOString(),
    by,
  };
  const ttl = { ttl: { value: COOLING_OFF_MINUTES, unit: 'MINUTES' as const } };
  const { t: _key, ...stored } = refusal;
  await kvs.set(`${TOKEN_PREFIX}${tokenId}`, stored, ttl);
  const kept = (await activeRefusals(emailId, now)).filter((r) => r.t !== tokenId);
  const record: EmailRecord = {
    v: 1,
    refusals: [...kept, refusal].slice(-MAX_REFUSED_TOKENS_PER_EMAIL),
  };
  await kvs.set(`${EMAIL_PREFIX}${emailId}`, record, ttl);
}

function validRefusals(value: unknown): Refusal[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (r): r is Refusal =>
      typeof r === 'object' &&
      r !== null &&
      typeof r.t === 'string' &&
      DIGEST.test(r.t) &&
      typeof r.at === 'string' &&
      typeof r.until === 'string' &&
      typeof r.by === 'string',
  );
}

function cool(reason: CoolingOffReason, now: number, guard: string | null): Admission {
  return {
    kind: 'cool',
    coolingOff: {
      refusedAt: new Date(now).toISOString(),
      until: new Date(now + 60_000).toISOString(),
      reason,
      causedBy: [],
      guard,
    },
  };
}

function coolFrom(reason: CoolingOffReason, refusals: Refusal[], guard: string): Admission {
  const sorted = [...refusals].sort((a, b) => a.at.localeCompare(b.at));
  const first = sorted[0] as Refusal;
  const last = sorted[sorted.length - 1] as Refusal;
  return {
    kind: 'cool',
    coolingOff: {
      refusedAt: reason === 'refused' ? first.at : last.at,
      // With too many tokens refused, a new one may be tried once the oldest refusal expires.
      until: first.until,
      reason,
      causedBy: [...new Set(sorted.map((r) => r.by))],
      guard,
    },
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
