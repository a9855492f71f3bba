/**
 * `credential-doctor tokens --org-id ID [--user ACCOUNT_ID|EMAIL]`: the organisation's API
 * tokens and their expiry, from the organisation admin API (docs/jira-behaviour.md S5), nearest
 * expiry first. Read-only; the org API key comes from the environment and is never printed.
 */
import { EvidenceLog } from '../engine/port/evidence';
import { readOrgTokens, expiryEntry } from '../engine/cloud/steps/token-expiry';
import { replaceUrgency } from '../engine/presentation/token-expiry';
import type { OrgToken } from '../engine/knowledge/org-admin-api';
import type { TokenExpiryEntry } from '../engine/model/report';
import type { TokensArgs } from './args';
import { createOrgAdminClient } from './clients';
import { EXIT_CODES } from './exit-codes';
import { createRedactor } from './redact';
import { readOrgKey, type Env } from './secrets';
import { terminalSafe, terminalSafeDeep } from './terminal-safe';
import { readVersion } from './version';

interface Out {
  write(text: string): unknown;
}

interface TokensListing {
  orgId: string;
  /** The account or email asked for with --user; absent: every token of the organisation. */
  user?: string;
  checkedAt: string;
  /** Every page was read. */
  complete: boolean;
  /** Why the list is incomplete or empty. */
  reason?: string;
  tokens: Array<
    TokenExpiryEntry & {
      user: { accountId: string | null; name: string | null; email: string | null };
    }
  >;
}

export async function runTokens(
  args: TokensArgs,
  env: Env,
  io: { stdout: Out; stderr: Out },
  now: () => number = Date.now,
): Promise<number> {
  const key = readOrgKey(args.keyEnv, env);
  const redact = createRedactor([{ token: key }]);
  const client = createOrgAdminClient({
    evidence: new EvidenceLog(),
    timeoutMs: args.timeoutMs,
    userAgent: `credential-doctor/${readVersion()}`,
    orgAdmin: { url: args.adminApi, key },
  });
  const user = args.user;
  const byEmail = user?.includes('@') ?? false;
  const keep = (t: OrgToken): boolean =>
    user === undefined ||
    (byEmail ? t.user.email?.toLowerCase() === user.toLowerCase() : t.user.id === user);
  let read = await readOrgTokens(
    client,
    args.orgId,
    byEmail ? (user ?? null) : null,
    keep,
    'tokens',
  );
  // `q` is fuzzy and its rules are not documented: nothing found by it → the whole list.
  if (byEmail && read.complete && read.tokens.length === 0)
    read = await readOrgTokens(client, args.orgId, null, keep, 'tokens');
  const at = now();
  const listing: TokensListing = {
    orgId: args.orgId,
    ...(user === undefined ? {} : { user }),
    checkedAt: new Date(at).toISOString(),
    complete: read.complete,
    ...(read.failure === null ? {} : { reason: read.failure }),
    tokens: read.tokens
      .map((t) => ({
        ...expiryEntry(t, at),
        user: { accountId: t.user.id, name: t.user.name, email: t.user.email },
      }))
      .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity)),
  };
  const safe = terminalSafeDeep(listing);
  io.stdout.write(
    redact(args.format === 'json' ? `${JSON.stringify(safe, null, 2)}\n` : renderTokens(safe)),
  );
  if (read.failure !== null)
    io.stderr.write(`credential-doctor: ${redact(terminalSafe(read.failure))}\n`);
  if (read.keyRefused) return EXIT_CODES['fix-credentials'];
  return read.complete ? EXIT_CODES.ready : EXIT_CODES.inconclusive;
}

function when(t: TokenExpiryEntry): string {
  if (t.expiresAt === null || t.daysLeft === null) return 'expiry not listed';
  const date = t.expiresAt.slice(0, 10);
  if (t.daysLeft < 0) return `EXPIRED ${date}`;
  return `expires ${date} (${t.daysLeft} day${t.daysLeft === 1 ? '' : 's'})`;
}

function renderTokens(listing: TokensListing): string {
  const whose = listing.user === undefined ? 'the organisation' : listing.user;
  const lines = [
    `API tokens of ${whose} in organisation ${listing.orgId} (nearest expiry first), ${listing.checkedAt}:`,
  ];
  if (listing.tokens.length === 0) lines.push('  none listed');
  for (const t of listing.tokens) {
    const owner = t.user.email ?? t.user.name ?? t.user.accountId ?? 'unknown account';
    const flag = t.status.toUpperCase() === 'ALLOWED' ? '' : ` [${t.status}]`;
    const urgency = replaceUrgency(t);
    const soon = urgency === null ? '' : `  ← replace ${urgency}`;
    lines.push(
      `  ${owner}  "${t.label}"${flag}  ${when(t)}; last used ${t.lastActiveAt?.slice(0, 10) ?? 'never (or not listed)'}${soon}`,
    );
  }
  if (!listing.complete)
    lines.push(`Incomplete: ${listing.reason ?? 'the list could not be read to the end'}.`);
  return `${lines.join('\n')}\n`;
}
