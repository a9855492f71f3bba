/**
 * An imported host report carries facts, not text (docs/SECURITY.md "Imported reports"). After
 * `checkHostReport` has validated it, only what the app can check the shape of is kept: finding
 * codes and the steps they came from, the operation of a scope finding, the token's account ID
 * and where it was accepted, each check's status, the request evidence's method, status and a
 * path of URL characters, counts and times. Every message, remedy step, link and check title is
 * rebuilt from the app's own catalogue (engine/remedies.ts, engine/links.ts), so a report edited
 * on the host cannot put its own words or links in front of an administrator. No email address
 * survives: the rebuilt texts name the token's account ID (or "the email address given"), and
 * every email-shaped string left (in evidence paths, also percent-encoded) is replaced.
 */
import { gatewayBaseUrl } from '../jira/forge-transport';
import { gatewayAddress } from '../engine/model/gateway';
import {
  isOperationName,
  OPERATIONS,
  requiredScopes,
  scopesFor,
  type OperationName,
} from '../engine/knowledge/operations';
import {
  OPERATION_SCOPES,
  type SpecOperationId,
} from '../engine/knowledge/operation-scopes.generated';
import { remedy } from '../engine/findings/remedies';
import type {
  CheckResult,
  CheckStatus,
  Finding,
  FindingCode,
  Report,
  RequestEvidence,
  TokenExpiryEntry,
  TokenExpiryReport,
} from '../engine/model/report';
import { expiryFindings } from '../engine/findings/expiry-remedies';
import { isAccountId } from '../contract/account-id';
import { UNKNOWN_EMAIL } from '../history/privacy';
import { HostReportRefused } from './host-report-check';

/**
 * The app's titles for the checks a host report may contribute (the CLI's token-mode steps).
 * A check or finding under any other step is not taken from a host report.
 */
const HOST_STEP_TITLES: Readonly<Record<string, string>> = {
  'credential-hygiene': 'The email and token were pasted cleanly',
  'oauth-token': 'The OAuth 2.0 client credential gets an access token (one token request)',
  'token-identity': 'The token authenticates',
  'scoped-token-probe': 'Is it a scoped token? (one try at the API gateway)',
  'expected-account': 'The token belongs to the intended sync user',
  'token-scopes': "The token's scopes cover every operation (probes that cannot change anything)",
  'token-projects': 'Target projects are visible to the sync user',
  'token-permissions': "The sync user's own permissions (bulk check)",
  'permission-keys': 'The requested permissions exist on this site',
  'site-url': "The site's own URL (for links), read through the gateway",
  'sync-fields': 'The synchronizer’s fields exist on the site',
  'create-readiness': 'Create screens and required fields',
  'edit-screens': 'Edit screens',
  'site-status': 'After a 503: is the site suspended, or is Jira down?',
  'token-expiry': "The sync user's API tokens and their expiry (organisation admin API)",
};

/** Findings rebuilt from the imported token facts (`tokenExpiry`), never from the host's words. */
const EXPIRY_CODES: ReadonlySet<FindingCode> = new Set([
  'TOKEN_EXPIRES_SOON',
  'TOKEN_BLOCKED',
  'TOKEN_EXPIRED',
]);
/** A token's label as shown: letters, digits and plain punctuation, no address or link. */
const SAFE_LABEL = /^[\p{L}\p{N} ._\-()#'+&,]{1,80}$/u;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ORG_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

const STATUS_WORDS: Readonly<Record<CheckStatus, string>> = {
  pass: 'Passed',
  fail: 'Failed',
  warn: 'Passed with a warning',
  skip: 'Skipped',
  error: 'Could not be concluded',
};

/** An email address, also percent-encoded (`%40`), in any case. */
const EMAIL_SHAPED =
  /[A-Za-z0-9.!#$&'*+/=?^_`{|}~%-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/gi;
/** What an evidence path may hold: URL characters only, and not too many of them. */
const SAFE_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]{0,2000}$/;

export interface HostFactsContext {
  /** The installation's site origin and cloud ID (from the invocation context). */
  site: string;
  cloudId: string | null;
  /** The chosen sync user's account ID. */
  userAccountId: string;
}

/** Replaces every email-shaped string (any case, plain or percent-encoded) in every string. */
export function withoutEmails<T>(value: T, replacement: string = UNKNOWN_EMAIL): T {
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(EMAIL_SHAPED, replacement);
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(value) as T;
}

/**
 * The facts of a validated host report as a report the merge can take its credential half from:
 * rebuilt texts, no email, no display name. Throws HostReportRefused for a finding or step the
 * app cannot rebuild, or an identity that is not an account ID.
 */
export function hostFacts(host: Report, ctx: HostFactsContext): Report {
  const identity = host.tokenIdentity;
  if (identity && !isAccountId(identity.accountId)) {
    throw new HostReportRefused(
      'the account it names for the token is not an Atlassian account ID. Run the command shown here.',
    );
  }
  const who = identity?.accountId ?? UNKNOWN_EMAIL;
  const operations = host.operations.filter(isOperationName);
  const expiry = importedExpiry(host);
  const expiryFound = expiry
    ? expiryFindings(
        'token-expiry',
        {
          who,
          serviceAccount: host.findings.some(
            (f) =>
              f.code === 'APP_ACCOUNT' &&
              (f.details as { serviceAccount?: unknown } | undefined)?.serviceAccount === true,
          ),
          scopes: identity?.acceptedAt === 'site' ? null : requiredScopes(operations),
          orgId: expiry.orgId,
        },
        expiry.tokens,
        host.findings.some((f) => f.code === 'CREDENTIALS_REJECTED'),
      ).findings
    : [];
  const findings = host.findings
    .filter((f) => isCredentialHalf(f) && !EXPIRY_CODES.has(f.code))
    .map((f) =>
      rebuildFinding(f, {
        ...ctx,
        who,
        acceptedAt: identity?.acceptedAt ?? null,
        operations,
        credential: host.checks.some((c) => c.id === 'oauth-token') ? 'oauth' : 'api-token',
      }),
    )
    .concat(expiryFound);
  const steps = new Set([...Object.keys(HOST_STEP_TITLES)]);
  const checks = host.checks.filter((c) => steps.has(c.id)).map(rebuildCheck);
  return {
    schemaVersion: host.schemaVersion,
    verdict: host.verdict,
    summary: 'Imported from the synchronizer’s host.',
    site: ctx.site,
    mode: 'token',
    subject: null,
    tokenIdentity: identity
      ? {
          accountId: identity.accountId,
          displayName: null,
          email: null,
          acceptedAt: identity.acceptedAt,
          // Enumerated facts (validated by the schema), never the host's words.
          ...(identity.accountType === undefined ? {} : { accountType: identity.accountType }),
          ...(identity.credential === undefined ? {} : { credential: identity.credential }),
        }
      : null,
    findings,
    projects: [],
    checks,
    requiredPermissions: host.requiredPermissions,
    operations,
    requiredScopes: requiredScopes(operations),
    coverage: expiry
      ? host.coverage
      : (({ tokenExpiry: _dropped, ...rest }) => rest)(host.coverage),
    ...(expiry ? { tokenExpiry: expiry } : {}),
    startedAt: host.startedAt,
    durationMs: host.durationMs,
    requestCount: host.requestCount,
  };
}

/**
 * The token facts of a host report made with `--org-id`: dates, whole days, an enumerated
 * status, the organisation and account IDs, and labels of plain characters (others are not
 * shown). No email, and the reason is the app's own sentence, never the host's.
 */
function importedExpiry(host: Report): TokenExpiryReport | undefined {
  const expiry = host.tokenExpiry;
  if (!expiry || !ORG_ID.test(expiry.orgId) || !ISO_TIME.test(expiry.checkedAt)) return undefined;
  const time = (v: string | null): string | null => (v !== null && ISO_TIME.test(v) ? v : null);
  const tokens: TokenExpiryEntry[] = expiry.tokens.slice(0, 1000).map((t) => {
    const status = t.status.toUpperCase();
    return {
      label: SAFE_LABEL.test(t.label) ? t.label : '(label not shown)',
      status: status === 'ALLOWED' || status === 'BLOCKED' ? status : 'unknown',
      createdAt: time(t.createdAt),
      expiresAt: time(t.expiresAt),
      lastActiveAt: time(t.lastActiveAt),
      daysLeft:
        t.daysLeft !== null && Number.isInteger(t.daysLeft) && Math.abs(t.daysLeft) <= 100_000
          ? t.daysLeft
          : null,
    };
  });
  const partial = host.coverage.tokenExpiry !== 'tested';
  return {
    orgId: expiry.orgId,
    accountId: expiry.accountId !== null && isAccountId(expiry.accountId) ? expiry.accountId : null,
    email: null,
    checkedAt: expiry.checkedAt,
    tokens,
    ...(partial
      ? {
          reason:
            'the synchronizer’s host could not read every token of the sync user from the organisation admin API (its reason is in the report on the host)',
        }
      : {}),
  };
}

/**
 * Findings about the account itself that the host drew from the token's `/myself`: the app's own
 * administrator's view reads the same account (status, type, product access) and draws them
 * again, so the host's are left to it, not refused (#24: a portal customer's report imports).
 */
const ACCOUNT_FINDINGS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'CUSTOMER_ACCOUNT',
  'NO_PRODUCT_ACCESS',
  'APP_ACCOUNT',
]);

/** What the merge takes from a host report (engine/host-report.ts). */
function isCredentialHalf(f: Finding): boolean {
  if (ACCOUNT_FINDINGS.has(f.code)) return false;
  return (
    ['credential-hygiene', 'token-identity', 'expected-account'].includes(f.step) ||
    f.category === 'credentials' ||
    f.category === 'connectivity'
  );
}

function rebuildFinding(
  f: Finding,
  ctx: HostFactsContext & {
    who: string;
    acceptedAt: 'site' | 'gateway' | null;
    operations: OperationName[];
    credential: 'api-token' | 'oauth';
  },
): Finding {
  const step = f.step;
  if (!(step in HOST_STEP_TITLES)) {
    throw new HostReportRefused(
      `finding ${f.code} names a check (${JSON.stringify(step.slice(0, 40))}) the CLI does not make. Run the command shown here.`,
    );
  }
  const title = (HOST_STEP_TITLES[step] as string).toLowerCase();
  const operation = `the check “${title}”`;
  const who = ctx.who;
  const gateway = ctx.cloudId ? gatewayBaseUrl(ctx.cloudId) : 'https://api.atlassian.com';
  const rebuild: Partial<Record<FindingCode, () => Finding>> = {
    CREDENTIALS_REJECTED: () => remedy.credentialsRejected(step, who, step !== 'token-identity'),
    PASSWORD_NOT_TOKEN: () => remedy.passwordNotToken(step, who),
    SCOPED_TOKEN_AT_SITE_URL: () =>
      remedy.scopedTokenAtSite(step, who, gateway, ctx.acceptedAt === 'gateway'),
    TOKEN_SCOPE_INSUFFICIENT: () => {
      const name = f.operation;
      if (name === undefined || !isOperationName(name)) throw unknownOperation();
      const scopes = scopesFor(name);
      const known = new Set([...scopes.classic, ...scopes.granular]);
      const details = (f.details ?? {}) as {
        missingScopes?: unknown;
        exact?: unknown;
        source?: unknown;
      };
      // Only scope names this operation needs (the app's catalogue), never the host's words.
      const named = Array.isArray(details.missingScopes)
        ? details.missingScopes.filter((x): x is string => typeof x === 'string' && known.has(x))
        : [];
      const spec = OPERATION_SCOPES[OPERATIONS[name].uses[0] as SpecOperationId];
      return remedy.operationScopeMissing(step, {
        operation: name,
        title: OPERATIONS[name].title,
        request: `${spec.method} ${spec.path}`,
        scopes,
        lacking: {
          scopes: named.length ? named : scopes.granular,
          exact: named.length > 0 && details.exact === true,
          source: details.source === 'granted' ? 'granted' : 'probes',
        },
        required: requiredScopes(ctx.operations),
        credential: ctx.credential,
      });
    },
    APP_ACCOUNT: () => {
      const service = (f.details as { serviceAccount?: unknown } | undefined)?.serviceAccount;
      return remedy.appAccount(
        step,
        who,
        service === true
          ? {
              gateway: gatewayAddress(ctx.cloudId, ctx.site),
              viaGateway: ctx.acceptedAt === 'gateway',
            }
          : undefined,
      );
    },
    OAUTH_CLIENT_REFUSED: () => {
      const details = (f.details ?? {}) as {
        status?: unknown;
        error?: unknown;
        clientId?: unknown;
      };
      // Facts of a known form only: a status, an RFC 6749 error code, a printable client ID.
      const status = typeof details.status === 'number' ? details.status : 401;
      const error =
        typeof details.error === 'string' && /^[a-z_]{1,64}$/.test(details.error)
          ? details.error
          : null;
      const clientId =
        typeof details.clientId === 'string' && /^[\x21-\x7e]{1,256}$/.test(details.clientId)
          ? details.clientId
          : 'given on the host';
      return remedy.oauthClientRefused(
        step,
        { clientId, status, error, description: null },
        requiredScopes(ctx.operations),
      );
    },
    ANONYMOUS_FALLBACK: () => remedy.anonymousFallback(step, who, operation),
    LOGIN_CHALLENGE: () => remedy.loginChallenge(step, who),
    LOGIN_DENIED: () => remedy.loginDenied(step, who),
    SITE_SUSPENDED: () => remedy.siteSuspended(step, ctx.site, 'a request'),
    WRONG_ACCOUNT: () => remedy.wrongAccount(step, who, ctx.userAccountId),
    TOKEN_WHITESPACE: () => remedy.whitespace(step, ['email or API token']),
    ACCOUNT_INACTIVE: () => remedy.accountInactive(step, ctx.userAccountId),
    IP_NOT_ALLOWED: () => remedy.ipNotAllowed(step),
    TLS_ERROR: () => remedy.tlsError(step, targetOf(f, ctx.site), 'as the host reported it'),
    SITE_UNREACHABLE: () =>
      remedy.siteUnreachable(
        step,
        ctx.site,
        'as the host reported it',
        f.message.includes('api.atlassian.com') ? 'gateway' : 'site',
      ),
    RATE_LIMITED: () => remedy.rateLimited(step, operation),
    JIRA_UNAVAILABLE: () => remedy.jiraUnavailable(step, operation, 'as the host reported it'),
    UNEXPECTED_RESPONSE: () =>
      remedy.unexpectedResponse(step, operation, 'as the host reported it'),
  };
  const build = rebuild[f.code];
  if (!build) {
    throw new HostReportRefused(
      `it holds finding ${f.code}, which the app does not take from a host report. Run the command shown here.`,
    );
  }
  const rebuilt = build();
  // The catalogue's severity for the code, as validated (an informational variant keeps its own).
  return f.severity === rebuilt.severity ? rebuilt : { ...rebuilt, severity: f.severity };
}

function targetOf(f: Finding, site: string): string {
  return f.message.includes('api.atlassian.com') ? 'the Atlassian API gateway' : site;
}

function unknownOperation(): HostReportRefused {
  return new HostReportRefused(
    'a token-scope finding names an operation the app does not know. Run the command shown here.',
  );
}

function rebuildCheck(c: CheckResult): CheckResult {
  return {
    id: c.id,
    title: HOST_STEP_TITLES[c.id] as string,
    status: c.status,
    detail: `${STATUS_WORDS[c.status]} on the synchronizer’s host.`,
    requests: c.requests.map(rebuildEvidence),
  };
}

function rebuildEvidence(r: RequestEvidence): RequestEvidence {
  const path = withoutEmails(r.path, 'EMAIL');
  return {
    method: r.method,
    path: SAFE_PATH.test(path) ? path : '/…',
    target: r.target,
    auth: r.auth,
    status: r.status,
    ...(r.error === undefined ? {} : { error: 'no usable answer' }),
    attempt: r.attempt,
    startedAtMs: r.startedAtMs,
    durationMs: r.durationMs,
  };
}
