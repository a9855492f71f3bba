/**
 * Canary credentials: unique token values planted in a world so that any place they surface —
 * report, renderings, evidence, errors, CLI output — can be found, in every form a leak could
 * take (raw, Basic-auth encodings, percent-encoded, or a long enough piece of it).
 */
import { randomBytes } from 'node:crypto';
import type { Scenario } from '../../simulator/worlds/scenarios';

export interface Canary {
  email: string;
  token: string;
}

/** A token shaped like a current Atlassian API token: prefix, random body, `=` and a checksum. */
export function canaryToken(label: string): string {
  return `ATATT3xFfGF0-${label}-${randomBytes(20).toString('hex')}=${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A token shaped like a classic (pre-2023) API token: 24 letters and digits, all of it random. */
export function legacyCanaryToken(): string {
  const hex = randomBytes(12).toString('hex');
  // Starts with a letter, like a variable name or a command would.
  return `${'abcdef'[Number.parseInt(hex.slice(0, 1), 16) % 6] ?? 'a'}${hex.slice(1)}`;
}

const WINDOW = 12;

/** Every form in which the canary would count as leaked. */
export function canaryForms(canary: Canary): string[] {
  const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  const forms = new Set([
    canary.token,
    b64(canary.token),
    b64(`${canary.email}:${canary.token}`),
    encodeURIComponent(canary.token),
    JSON.stringify(canary.token).slice(1, -1),
  ]);
  // Any 12-character piece of the random part: a truncated or partly masked echo is a leak too.
  const random = /[0-9a-f]{20,}/.exec(canary.token)?.[0] ?? canary.token;
  for (let i = 0; i + WINDOW <= random.length; i++) forms.add(random.slice(i, i + WINDOW));
  return [...forms];
}

/** The forms of any canary found in `text` (empty when clean). */
export function leaks(text: string, canaries: readonly Canary[]): string[] {
  return canaries.flatMap((c) => canaryForms(c).filter((form) => text.includes(form)));
}

export interface CanaryScenario {
  scenario: Scenario;
  /** The canaries planted in this world (the sync login's secret and the admin token). */
  canaries: Canary[];
}

/**
 * Replaces the secret the synchronizer sends (a token or, for the password scenario, the
 * account password) and the administrator's token with canaries, wherever the world holds them,
 * so every scenario keeps its meaning but runs with canary credentials.
 */
export function plantCanaries(scenario: Scenario): CanaryScenario {
  const adminOld = scenario.admin.token;
  const syncOld = scenario.login.secret;
  const admin: Canary = { email: scenario.admin.email, token: canaryToken('ADMIN') };
  const sync: Canary = {
    email: scenario.login.email,
    token: syncOld === adminOld ? admin.token : canaryToken('SYNC'),
  };
  let plantedSync = false;
  for (const user of scenario.world.users) {
    for (const token of user.tokens) {
      if (token.value === adminOld) token.value = admin.token;
      else if (token.value === syncOld) {
        token.value = sync.token;
        plantedSync = true;
      }
    }
    if (user.password !== undefined && user.password === syncOld) {
      user.password = sync.token;
      plantedSync = true;
    }
  }
  if (!plantedSync && syncOld !== adminOld) {
    throw new Error(`${scenario.id}: the sync secret is not held by any user of the world`);
  }
  return {
    scenario: {
      ...scenario,
      login: { email: scenario.login.email, secret: sync.token },
      admin: { email: scenario.admin.email, token: admin.token },
    },
    canaries: [sync, admin],
  };
}
