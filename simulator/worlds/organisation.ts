/**
 * The organisation behind a scenario's site, for the admin API's token list (docs/jira-behaviour.md
 * S5): an org API key and the sync user's tokens with the expiry a test needs. Dates are relative
 * to `now`, so a scenario means the same whenever it runs.
 */
import { userByEmail } from '../builders';
import type { WorldOrg, WorldToken } from '../world';
import { CREDENTIALS, type Scenario } from './scenarios';

export const ORG = {
  id: 'f3a1c2d4-0b5e-4c6a-9d7e-00000000a0a1',
  /** An org API key with `read:tokens:admin`. */
  key: 'ATCTT3xFfGF0SIM-orgkey-000000000000000008',
  /** An org API key without it. */
  keyWithoutScope: 'ATCTT3xFfGF0SIM-orgkey-noscope-000000000009',
} as const;

const DAY_MS = 86_400_000;

export interface OrganisationOptions {
  /** Days until the sync user's token expires (its expiry in the world: Jira refuses it then); default 200. */
  daysLeft?: number;
  /** Extra tokens of the sync user, listed by the admin API only (never sent). */
  extraTokens?: Array<Partial<WorldToken> & { label: string }>;
  /** Tokens of other members, to make the list long. */
  otherTokens?: number;
  org?: Partial<WorldOrg>;
  now?: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `scenario` with an organisation and the sync user's token dated as asked. */
export function withOrganisation(scenario: Scenario, options: OrganisationOptions = {}): Scenario {
  const now = options.now ?? Date.now();
  const world = scenario.world;
  const sync = userByEmail(world, CREDENTIALS.sync.email);
  const token = sync.tokens[0];
  if (token) {
    token.label = token.label ?? 'synchronizer';
    token.createdAt = iso(now - 100 * DAY_MS);
    token.lastActiveAt = iso(now - DAY_MS);
    // Half a day past the whole days asked: daysLeft reads as asked however long the run takes.
    token.expiresAt = iso(now + (options.daysLeft ?? 200) * DAY_MS + DAY_MS / 2);
  }
  for (const [i, extra] of (options.extraTokens ?? []).entries())
    sync.tokens.push({
      id: `sync-extra-${i}`,
      value: `ATATT3xFfGF0SIM-unused-${i}-0000000000000`,
      kind: 'unscoped',
      createdAt: iso(now - 300 * DAY_MS),
      ...extra,
    });
  world.org = {
    id: ORG.id,
    apiKeys: [
      { value: ORG.key, scopes: ['read:tokens:admin'] },
      { value: ORG.keyWithoutScope, scopes: ['read:directories:admin'] },
    ],
    ...(options.otherTokens === undefined ? {} : { otherTokens: options.otherTokens }),
    ...options.org,
  };
  return scenario;
}

export const days = (n: number, now = Date.now()): string => iso(now + n * DAY_MS);
