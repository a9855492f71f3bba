import { conclude } from './conclude';
import { assessCoverage } from './coverage';
import type { DiagnosisDeps } from './deps';
import { emptyView, type View } from './facts';
import type { DiagnosisInput } from './input';
import { runAdminView } from './modes/admin-mode';
import { runTokenMode, runTokenView } from './modes/token-mode';
import { operationsForPermissions, requiredScopes } from './operations';
import { remedy } from './remedies';
import { SCHEMA_VERSION, type Mode, type Report } from './report';
import { RunContext } from './run-context';
import { ADMIN_STEPS, TOKEN_STEPS } from './step-ids';
import {
  NO_ACCESS,
  toTokenIdentityReport,
  type TokenAccess,
  type TokenIdentity,
} from './steps/identity';
import { checkPermissionKeys } from './steps/permission-keys';
import { fieldPermissions } from './steps/fields';
import { concludeSyncChecks, readSyncChecks, syncCoverage, syncFieldNames } from './sync-checks';
import { summarise } from './summary';
import {
  isGatewayAddress,
  scopeCoverage,
  siteUrlThroughGateway,
  startTokenAccess,
} from './token-access';
import { decideVerdict } from './verdict';
import { sortFindings } from './finding-order';

/** Browse Projects is always checked: without it nothing else in a project can be used. */
export function normalisePermissions(permissions: readonly string[]): string[] {
  const keys = permissions.map((p) => p.trim().toUpperCase()).filter(Boolean);
  return [...new Set(['BROWSE_PROJECTS', ...keys])];
}

export function normaliseProjectKeys(keys: readonly string[]): string[] {
  return [...new Set(keys.map((k) => k.trim().toUpperCase()).filter(Boolean))];
}

/** The permissions a run checks: those asked for, plus what the synchronizer's fields need. */
export function checkedPermissions(
  input: Pick<DiagnosisInput, 'permissions' | 'fields'>,
): string[] {
  return normalisePermissions([...input.permissions, ...fieldPermissions(syncFieldNames(input))]);
}

/**
 * One on-demand check. Token mode asks Jira as the synchronizer; admin mode asks as an
 * administrator about the sync user; together they tell credentials from permissions. A
 * permission conclusion is drawn only from authenticated answers; a step that cannot complete
 * leaves its facts unknown and says why.
 */
export async function diagnose(input: DiagnosisInput, deps: DiagnosisDeps): Promise<Report> {
  const now = deps.now ?? Date.now;
  const started = now();
  const permissions = checkedPermissions(input);
  const keys = normaliseProjectKeys(input.projects);
  const site = siteOrigin(input.site);
  const ctx = new RunContext(site, permissions, deps.evidence);
  const mode = modeOf(input);
  if (input.token && !deps.token) throw new Error('Token mode needs token clients.');
  if (input.admin && !deps.admin) throw new Error('Admin mode needs an admin client.');

  if (input.token) checkHygiene(ctx, input.token.hygiene ?? []);

  // Given the gateway address, no anonymous site client exists (and the gateway's anonymous
  // answers are not documented): the key list is read by the administrator, or not at all.
  const keyClient = isGatewayAddress(input.site)
    ? deps.admin
    : (deps.token?.anonymous ?? deps.admin);
  const usablePermissions: Promise<readonly string[]> = keyClient
    ? checkPermissionKeys(
        ctx,
        keyClient,
        permissions,
        input.admin?.checker ?? input.token?.email ?? 'anonymous',
      )
    : Promise.resolve(permissions);

  let tellAccountId: (id: string | null) => void = () => undefined;
  const adminAccountId = new Promise<string | null>((resolve) => (tellAccountId = resolve));
  const tokenView = input.token ? emptyView(keys, permissions, TOKEN_STEPS) : null;
  const adminView = input.admin ? emptyView(keys, permissions, ADMIN_STEPS) : null;
  const access: Promise<TokenAccess> = input.token?.coolingOff
    ? Promise.resolve(coolOff(ctx, input.token.email, input.token.coolingOff) ?? NO_ACCESS)
    : startTokenAccess(ctx, input, deps);
  const identity: Promise<TokenIdentity | null> = access.then((a) => a.identity);
  const operations = input.operations ?? operationsForPermissions(permissions);
  const scopes = scopeCoverage(ctx, access, operations, input.token?.email ?? 'the sync user');
  const siteUrl = siteUrlThroughGateway(ctx, input, deps, access);

  // With both views, the administrator's project search gives the token view the IDs for its
  // bulk check, so project/search is paged once, not twice.
  let tellProjectIds: (ids: ReadonlyMap<string, string | null> | null) => void = () => undefined;
  const adminProjectIds = adminView
    ? new Promise<ReadonlyMap<string, string | null> | null>(
        (resolve) => (tellProjectIds = resolve),
      )
    : undefined;
  const tokenPart = access.then((a) =>
    tokenView && input.token
      ? a.unidentified && a.client
        ? runTokenView(
            ctx,
            tokenView,
            a.client,
            usablePermissions,
            input.token.email,
            adminProjectIds,
          )
        : runTokenMode(
            ctx,
            tokenView,
            a.identity,
            usablePermissions,
            input.token.email,
            adminProjectIds,
          )
      : undefined,
  );
  const adminPart =
    adminView && input.admin && deps.admin
      ? runAdminView(ctx, adminView, deps.admin, usablePermissions, {
          user: input.admin.user,
          tokenAccountId: identity.then((found) => found?.user.accountId ?? null),
          authority: input.admin.authority ?? 'jira-admin',
          checker: input.admin.checker ?? 'the checking administrator',
          explain: input.admin.explain ?? 'missing',
          onAccountId: tellAccountId,
          onProjectIds: (ids) => tellProjectIds(ids),
        })
      : Promise.resolve();
  // However the admin view ends, the issue security check stops waiting for the account ID.
  void adminPart.then(
    () => {
      tellAccountId(null);
      tellProjectIds(null);
    },
    () => {
      tellAccountId(null);
      tellProjectIds(null);
    },
  );
  const syncReads = readSyncChecks(ctx, {
    input,
    deps,
    keys,
    permissions,
    identity,
    adminAccountId,
  });
  const [, , reads] = await Promise.all([tokenPart, adminPart, syncReads]);

  const found = await identity;
  const { unidentified } = await access;
  const scopeState = await scopes;
  ctx.site = (await siteUrl) ?? ctx.site;
  const projects = conclude(ctx, input, keys, {
    identity: found,
    tokenAuthenticated: found !== null || unidentified,
    token: tokenView,
    admin: adminView,
  });
  concludeSyncChecks(ctx, reads, projects, ctx.subject?.displayName ?? 'The sync user');
  const findings = sortFindings(ctx.findings);
  const verdict = decideVerdict(findings);
  const tokenIdentity = found ? toTokenIdentityReport(found) : null;
  return {
    schemaVersion: SCHEMA_VERSION,
    verdict,
    summary: summarise(verdict, findings, ctx.subject, projects),
    site: ctx.site,
    mode,
    subject: ctx.subject,
    tokenIdentity,
    findings,
    projects,
    checks: ctx.checkResults(),
    requiredPermissions: permissions,
    operations: [...operations],
    requiredScopes: requiredScopes(operations),
    coverage: assessCoverage({
      tokenGiven: input.token !== undefined,
      tokenIdentity,
      tokenUnidentified: unidentified,
      findings,
      projects,
      scopes: scopeState,
      sync: syncCoverage(reads, projects, keys, permissions),
    }),
    ...(reads.fields.length ? { fields: reads.fields } : {}),
    startedAt: new Date(started).toISOString(),
    durationMs: Math.max(0, now() - started),
    requestCount: deps.evidence.entries().length,
  };
}

/** The report and every link name the site by its origin only: never a path or credentials. */
function siteOrigin(site: string): string {
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    throw new Error('The site must be an absolute URL such as https://your-site.atlassian.net.');
  }
  return url.origin;
}

function modeOf(input: DiagnosisInput): Mode {
  if (input.token && input.admin) return 'token+admin';
  if (input.token) return 'token';
  if (input.admin) return 'admin';
  throw new Error('Nothing to check: give token credentials, admin credentials, or both.');
}

/** The token is not tried during a cooling-off period: no request, one clear finding. */
function coolOff(
  ctx: RunContext,
  email: string,
  coolingOff: { refusedAt: string; until: string },
): null {
  const handle = ctx.step('token-identity', 'The token authenticates at the site');
  handle.finish('skip', `Not tried: Jira refused these credentials at ${coolingOff.refusedAt}.`);
  ctx.skip(
    'scoped-token-probe',
    'Is it a scoped token? (one try at the API gateway)',
    'Not tried.',
  );
  ctx.add(remedy.loginCoolingOff(handle.id, email, coolingOff.refusedAt, coolingOff.until));
  return null;
}

export function checkHygiene(
  ctx: RunContext,
  hygiene: NonNullable<NonNullable<DiagnosisInput['token']>['hygiene']>,
): void {
  const handle = ctx.step('credential-hygiene', 'The email and token were pasted cleanly');
  if (hygiene.length === 0) {
    handle.finish('pass', 'No surrounding whitespace, line breaks or quotes.');
    return;
  }
  const fields = [...new Set(hygiene.map((h) => (h.field === 'email' ? 'email' : 'API token')))];
  handle.finish('warn', `Cleaned: ${hygiene.map((h) => `${h.field} (${h.problem})`).join(', ')}.`);
  ctx.add(remedy.whitespace(handle.id, fields));
}

export { sortFindings } from './finding-order';

export type { View };
