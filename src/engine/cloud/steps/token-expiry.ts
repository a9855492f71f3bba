import { jiraPath, JiraTransportError, type JiraClient } from '../../port/jira-client';
import {
  ORG_TOKENS_MAX_PAGES,
  ORG_TOKENS_PAGE_SIZE,
  nextCursor,
  orgTokenPageShape,
  type OrgToken,
} from '../../knowledge/org-admin-api';
import { expiryFindings } from '../../findings/expiry-remedies';
import type {
  CoverageState,
  ScopeSet,
  TokenExpiryEntry,
  TokenExpiryReport,
} from '../../model/report';
import type { RunContext } from '../../run/context';

const EXPIRY_STEP = 'token-expiry';

const DAY_MS = 86_400_000;

/** The outcome of reading the organisation's token list. */
interface OrgTokenRead {
  /** The tokens `keep` accepted, as listed. */
  tokens: OrgToken[];
  /** Every page was read, to the last. */
  complete: boolean;
  /** Why the list stops short: the admin API's refusal, no answer, the page limit. */
  failure: string | null;
  /** Whether the org key itself was refused (401/403/404): asking again is pointless. */
  keyRefused: boolean;
  pages: number;
}

/**
 * Reads `GET /admin/api-access/v1/orgs/{orgId}/api-tokens` page by page, following the cursor
 * of `links.next` until there is none (docs/jira-behaviour.md S5). The client honours
 * `Retry-After` on 429 within the run's limits. Never throws: a refusal or a missing answer ends
 * the list with the reason.
 */
export async function readOrgTokens(
  client: JiraClient,
  orgId: string,
  q: string | null,
  keep: (token: OrgToken) => boolean,
  step: string = EXPIRY_STEP,
): Promise<OrgTokenRead> {
  const path = jiraPath`/admin/api-access/v1/orgs/${orgId}/api-tokens`;
  const tokens: OrgToken[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    if (pages >= ORG_TOKENS_MAX_PAGES)
      return {
        tokens,
        complete: false,
        keyRefused: false,
        pages,
        failure: `the list is longer than ${ORG_TOKENS_MAX_PAGES} pages of ${ORG_TOKENS_PAGE_SIZE}; only those were read`,
      };
    let res;
    try {
      res = await client.request({
        method: 'GET',
        path,
        query: {
          ...(q === null ? {} : { q }),
          pageSize: ORG_TOKENS_PAGE_SIZE,
          ...(cursor === null ? {} : { cursor }),
        },
        step,
      });
    } catch (error) {
      const kind = error instanceof JiraTransportError ? error.kind : 'network';
      return {
        tokens,
        complete: false,
        keyRefused: kind === 'credential-refused',
        pages,
        failure: `the organisation admin API did not answer (${kind})`,
      };
    }
    pages += 1;
    if (res.status !== 200)
      return {
        tokens,
        complete: false,
        keyRefused: [401, 403, 404].includes(res.status),
        pages,
        failure: refusal(res.status, orgId),
      };
    const page = orgTokenPageShape.safeParse(res.json);
    if (!page.success)
      return {
        tokens,
        complete: false,
        keyRefused: false,
        pages,
        failure: `the organisation admin API answered ${pagePath(orgId)} in a form this check does not know (no "data" list)`,
      };
    tokens.push(...page.data.data.filter(keep));
    const next = nextCursor(page.data.links.next);
    if (next === null) return { tokens, complete: true, keyRefused: false, pages, failure: null };
    if (seen.has(next))
      return {
        tokens,
        complete: false,
        keyRefused: false,
        pages,
        failure: 'the organisation admin API gave a cursor it had already given (the list loops)',
      };
    seen.add(next);
    cursor = next;
  }
}

function pagePath(orgId: string): string {
  return `GET /admin/api-access/v1/orgs/${orgId}/api-tokens`;
}

/**
 * The admin API's refusals are not documented (only the key's scope `read:tokens:admin` and
 * that org API keys expire): each status is named with every cause it can have.
 */
function refusal(status: number, orgId: string): string {
  const where = `${pagePath(orgId)} answered ${status}`;
  switch (status) {
    case 401:
      return `${where}: the organisation API key was refused (wrong, revoked or expired: org API keys expire within a year)`;
    case 403:
      return `${where}: the organisation API key may not read API tokens (it needs the scope read:tokens:admin)`;
    case 404:
      return `${where}: no organisation ${orgId} for this API key (check --org-id, and that the key was created in that organisation)`;
    case 429:
      return `${where}: rate limited, still after waiting as Retry-After asked`;
    default:
      return status >= 500 ? `${where}: the admin API failed (${status})` : where;
  }
}

/** The account whose tokens are looked for, as far as the run knows it. */
export interface ExpiryAccount {
  accountId: string | null;
  email: string | null;
  displayName: string | null;
  /** An app-type account under serviceaccount.atlassian.com (or appType service). */
  serviceAccount: boolean;
}

export interface ExpiryCheck {
  orgId: string;
  /** Null when the run learnt neither the account ID nor an email. */
  account: ExpiryAccount | null;
  /** How the run signed in as the sync user: the token list is about API tokens only. */
  credential: 'api-token' | 'oauth' | null;
  /** Jira refused the run's own API token (an expired token is answered like a wrong one, C9). */
  signInRefused: boolean;
  /** What a new scoped token needs (null for a classic token at the site). */
  scopes: ScopeSet | null;
  now: number;
}

export interface ExpiryOutcome {
  report: TokenExpiryReport;
  coverage: CoverageState;
}

/**
 * The day the token expires: the sync user's API tokens from the organisation admin API. The
 * nearest expiry of an allowed, unexpired token 7 days away or less is an error (replace it now),
 * 8 to 30 days a warning; a blocked token is named; expired tokens are information. Nothing the
 * admin API answers changes the rest of the check: a refused key leaves expiry not tested, with
 * the reason.
 */
export async function checkTokenExpiry(
  ctx: RunContext,
  client: JiraClient,
  check: ExpiryCheck,
): Promise<ExpiryOutcome> {
  const handle = ctx.step(
    EXPIRY_STEP,
    "The sync user's API tokens and their expiry (organisation admin API)",
  );
  const checkedAt = new Date(check.now).toISOString();
  const base = {
    orgId: check.orgId,
    accountId: check.account?.accountId ?? null,
    email: check.account?.email ?? null,
    checkedAt,
  };
  const account = check.account;
  if (account === null || (account.accountId === null && account.email === null)) {
    const reason =
      'the sync user’s account is not known (the sign-in failed before Jira named it), so its tokens cannot be picked out';
    handle.finish('skip', `Not tested: ${reason}.`);
    return { report: { ...base, tokens: [], reason }, coverage: 'not-tested' };
  }

  const matches = (t: OrgToken): boolean =>
    account.accountId !== null
      ? t.user.id === account.accountId
      : t.user.email?.toLowerCase() === account.email?.toLowerCase();
  // `q` is a fuzzy search of label, user name and email (S5): narrow by it, match on the
  // account; how fuzzy it is is not documented, so a narrowed search that finds nothing is
  // followed by the whole list.
  const q = account.email ?? account.displayName;
  let read = await readOrgTokens(client, check.orgId, q, matches);
  let pages = read.pages;
  if (q !== null && read.complete && read.tokens.length === 0) {
    read = await readOrgTokens(client, check.orgId, null, matches);
    pages += read.pages;
  }

  const tokens = read.tokens
    .map((t) => expiryEntry(t, check.now))
    .sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity))
    .slice(0, MAX_TOKENS);
  const who = account.displayName ?? account.email ?? account.accountId ?? 'the sync user';
  const scanned = `${pages} page${pages === 1 ? '' : 's'} read`;

  if (read.failure !== null && tokens.length === 0) {
    handle.finish('skip', `Not tested: ${read.failure}.`);
    return { report: { ...base, tokens, reason: read.failure }, coverage: 'not-tested' };
  }
  if (tokens.length === 0) {
    const reason = notListedReason(who, account.serviceAccount, check.credential);
    handle.finish('skip', `Not tested: ${reason} (${scanned}).`);
    return { report: { ...base, tokens, reason }, coverage: 'not-tested' };
  }

  const found = judge(ctx, handle.id, who, tokens, check, account.serviceAccount);
  const reasons = [
    read.failure,
    check.credential === 'oauth'
      ? 'the run signed in with an OAuth 2.0 client, whose expiry the API token list does not show (Atlassian Administration shows it under the service account’s credentials)'
      : null,
  ].filter((r): r is string => r !== null);
  handle.finish(
    found.status,
    `${tokens.length} API token${tokens.length === 1 ? '' : 's'} of ${who} (${scanned}); ${found.summary}${
      reasons.length ? ` Partly tested: ${reasons.join('; ')}.` : ''
    }`,
  );
  return {
    report: { ...base, tokens, ...(reasons.length ? { reason: reasons.join('; ') } : {}) },
    coverage: reasons.length ? 'partial' : 'tested',
  };
}

export function expiryEntry(t: OrgToken, now: number): TokenExpiryEntry {
  const expiresAt = time(t.expiresAt);
  const expires = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  return {
    label: t.label ? t.label.slice(0, MAX_LABEL) : '(no label)',
    status: t.status ? t.status.slice(0, 64) : 'unknown',
    createdAt: time(t.createdAt),
    expiresAt,
    lastActiveAt: time(t.lastActiveAt),
    daysLeft: Number.isNaN(expires) ? null : Math.floor((expires - now) / DAY_MS),
  };
}

/** The report's bounds (schema): a label of at most 200 characters, a time of at most 64. */
const MAX_LABEL = 200;
/** A date as listed; anything that is not a readable time of a sane length counts as absent. */
function time(value: string | null): string | null {
  return value !== null && value.length <= 64 && !Number.isNaN(Date.parse(value)) ? value : null;
}
/** The report holds at most this many tokens of the account (schema), the nearest expiry first. */
const MAX_TOKENS = 1000;

function notListedReason(
  who: string,
  serviceAccount: boolean,
  credential: ExpiryCheck['credential'],
): string {
  const base = `the organisation’s API token list holds no token of ${who}`;
  if (serviceAccount)
    return `${base}: a service account’s tokens are listed by the admin API’s service-account endpoints, whose paths this check does not know from a documented source; see them in Atlassian Administration → Directory → Service accounts`;
  if (credential === 'oauth')
    return `${base}: the run signed in with an OAuth 2.0 client, whose expiry the token list does not show`;
  return `${base}: the list covers only accounts the organisation manages (S5); an account outside its verified domains, or a token made by another account, is not in it`;
}

/** Adds the findings; says how the step ends. */
function judge(
  ctx: RunContext,
  step: string,
  who: string,
  tokens: readonly TokenExpiryEntry[],
  check: ExpiryCheck,
  serviceAccount: boolean,
): { status: 'pass' | 'warn' | 'fail'; summary: string } {
  const context = { who, serviceAccount, scopes: check.scopes, orgId: check.orgId };
  const { findings, status, nearest } = expiryFindings(step, context, tokens, check.signInRefused);
  for (const f of findings) ctx.add(f);
  const summary =
    nearest === null
      ? 'none is allowed and unexpired.'
      : `the nearest expiry is "${nearest.label}" in ${nearest.daysLeft} days (${nearest.expiresAt ?? ''}).`;
  return { status, summary };
}
