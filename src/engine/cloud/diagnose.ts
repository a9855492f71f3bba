import { assembleReport, modeOf } from '../run/assemble';
import { checkHygiene, normalisePermissions, normaliseProjectKeys } from '../run/targets';
import { conclude } from '../run/conclude';
import type { DiagnosisDeps } from '../port/deps';
import { emptyView, type View } from '../model/facts';
import type { CoolingOff, DiagnosisInput } from '../model/input';
import { startAdminView } from './admin-view';
import { runTokenMode, runTokenView } from './token-view';
import { operationsForPermissions, requiredScopes } from '../knowledge/operations';
import { remedy } from '../findings/remedies';
import type { Report } from '../model/report';
import { cloudIdOf } from '../model/gateway';
import { RunContext } from '../run/context';
import { ADMIN_STEPS, TOKEN_STEPS } from '../model/step-ids';
import {
  NO_ACCESS,
  toTokenIdentityReport,
  type TokenAccess,
  type TokenIdentity,
} from '../model/token-identity';
import { startPermissionKeys } from '../run/permission-keys';
import { runCost } from '../knowledge/rate-limit-points';
import { fieldPermissions } from './steps/fields';
import { checkSiteStatus } from './steps/site-status';
import { concludeSyncChecks, readSyncChecks, syncFieldNames } from './sync-checks';
import { syncCoverage } from './sync-coverage';
import { startSchemeContext } from './scheme-context';
import { checkTokenExpiry, type ExpiryAccount, type ExpiryOutcome } from './steps/token-expiry';
import { isServiceAccount, isServiceAccountEmail } from '../model/service-account';
import {
  isGatewayAddress,
  scopeCoverage,
  siteUrlThroughGateway,
  startTokenAccess,
} from './token-access';

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
  ctx.cloudId = cloudIdOf(input.site);
  const mode = modeOf(input.token !== undefined, input.admin !== undefined);
  if (input.token && !deps.token) throw new Error('Token mode needs token clients.');
  if (input.admin && !deps.admin) throw new Error('Admin mode needs an admin client.');

  if (input.token) checkHygiene(ctx, input.token.hygiene ?? []);

  // Given the gateway address, no anonymous site client exists (and the gateway's anonymous
  // answers are not documented): the key list is read by the administrator, or not at all.
  // Anyone may read it (docs/jira-behaviour.md S8): anonymously it spends no rate-limit points.
  const keyClient = isGatewayAddress(input.site)
    ? deps.admin
    : (deps.token?.anonymous ?? deps.anonymous ?? deps.admin);
  const permissionKeys = startPermissionKeys(
    ctx,
    keyClient ?? null,
    permissions,
    input.admin?.checker ?? input.token?.email ?? 'anonymous',
  );

  const tokenView = input.token ? emptyView(keys, permissions, TOKEN_STEPS) : null;
  const adminView = input.admin ? emptyView(keys, permissions, ADMIN_STEPS) : null;
  const operations = input.operations ?? operationsForPermissions(permissions);
  const access: Promise<TokenAccess> = input.token?.coolingOff
    ? Promise.resolve(coolOff(ctx, input.token.email, input.token.coolingOff) ?? NO_ACCESS)
    : startTokenAccess(ctx, input, deps, operations);
  const identity: Promise<TokenIdentity | null> = access.then((a) => a.identity);
  const scopes = scopeCoverage(ctx, access, operations, input.token?.email ?? 'the sync user');
  const siteUrl = siteUrlThroughGateway(ctx, input, deps, access);

  // With both views, the administrator's project search gives the token view the IDs for its
  // bulk check, so project/search is paged once, not twice; the issue security check waits for
  // the account ID the admin view finds.
  const adminRun =
    adminView && input.admin && deps.admin
      ? startAdminView(ctx, adminView, deps.admin, permissionKeys, {
          user: input.admin.user,
          tokenAccountId: identity.then((found) => found?.user.accountId ?? null),
          tokenUser: identity.then((found) => found?.user ?? null),
          authority: input.admin.authority ?? 'jira-admin',
          checker: input.admin.checker ?? 'the checking administrator',
          explain: input.admin.explain ?? 'missing',
        })
      : null;
  const adminProjectIds = adminRun?.projectIds;
  const tokenPart = access.then((a) =>
    tokenView && input.token
      ? a.unidentified && a.client
        ? runTokenView(
            ctx,
            tokenView,
            a.client,
            permissionKeys,
            input.token.email,
            adminProjectIds,
            !input.admin,
          )
        : runTokenMode(
            ctx,
            tokenView,
            a.identity,
            permissionKeys,
            input.token.email,
            adminProjectIds,
            !input.admin,
          )
      : undefined,
  );
  const adminPart = adminRun?.done ?? Promise.resolve();
  // Which schemes the projects use: read beside the permission check, as soon as the
  // administrator's project search has the IDs (no extra wave).
  const schemes =
    adminRun && adminView && deps.admin
      ? startSchemeContext(
          ctx,
          deps.admin,
          adminRun,
          adminView,
          input.admin?.checker ?? 'the checking administrator',
        )
      : Promise.resolve(null);
  const syncReads = readSyncChecks(ctx, {
    input,
    deps,
    keys,
    permissions,
    identity,
    adminAccountId: adminRun?.accountId ?? Promise.resolve(null),
    schemes,
  });
  const [, , reads] = await Promise.all([tokenPart, adminPart, syncReads]);
  await checkSiteStatus(
    ctx,
    isGatewayAddress(input.site) ? null : (deps.token?.anonymous ?? deps.anonymous ?? null),
  );

  await ctx.backgroundSettled();
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
  const tokenIdentity = found
    ? toTokenIdentityReport(found, input.token?.oauth ? 'oauth' : 'api-token')
    : null;
  const sync = syncCoverage(reads, projects, keys, permissions, input.admin !== undefined);
  const expiry: ExpiryOutcome | null =
    input.expiry && deps.orgAdmin
      ? await checkTokenExpiry(ctx, deps.orgAdmin, {
          orgId: input.expiry.orgId,
          account: expiryAccount(ctx, input, found),
          credential: input.token ? (input.token.oauth ? 'oauth' : 'api-token') : null,
          signInRefused: ctx.has('CREDENTIALS_REJECTED'),
          scopes:
            tokenIdentity?.acceptedAt === 'site' ||
            (!tokenIdentity && !isGatewayAddress(input.site))
              ? null
              : requiredScopes(operations),
          now: now(),
        })
      : null;
  return assembleReport({
    ctx,
    site: ctx.site,
    mode,
    findings: ctx.findings,
    projects,
    tokenIdentity,
    permissions,
    operations: [...operations],
    requiredScopes: requiredScopes(operations),
    coverage: {
      tokenGiven: input.token !== undefined,
      tokenUnidentified: unidentified,
      scopes: scopeState,
      sync: sync.coverage,
    },
    coverageDetail: sync.detail,
    ...(expiry
      ? { tokenExpiry: expiry.report, coverageOverride: { tokenExpiry: expiry.coverage } }
      : {}),
    fields: reads.fields,
    startedAt: started,
    finishedAt: now(),
    requestCount: deps.evidence.entries().length,
    cost: runCost(deps.evidence.entries()),
  });
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

/**
 * Whose API tokens the expiry check looks for: the account the token authenticated as, else the
 * sync user the admin view found, else (a refused API token) the email it was sent with.
 */
function expiryAccount(
  ctx: RunContext,
  input: DiagnosisInput,
  found: TokenIdentity | null,
): ExpiryAccount | null {
  const loginEmail = input.token && !input.token.oauth ? input.token.email : null;
  if (found)
    return {
      accountId: found.user.accountId,
      email: found.user.emailAddress || loginEmail,
      displayName: found.user.displayName ?? null,
      serviceAccount: isServiceAccount(found.user, loginEmail),
    };
  const subject = ctx.subject;
  if (subject)
    return {
      accountId: subject.accountId,
      email: subject.email,
      displayName: subject.displayName,
      serviceAccount: isServiceAccount(
        { accountType: subject.accountType, emailAddress: subject.email },
        loginEmail,
      ),
    };
  if (loginEmail)
    return {
      accountId: null,
      email: loginEmail,
      displayName: null,
      serviceAccount: isServiceAccountEmail(loginEmail),
    };
  return null;
}

/** The token is not tried during a cooling-off period: no request, one clear finding. */
function coolOff(ctx: RunContext, email: string, coolingOff: CoolingOff): null {
  const handle = ctx.step('token-identity', 'The token authenticates at the site');
  handle.finish(
    'skip',
    coolingOff.reason === 'busy' || coolingOff.reason === 'unavailable'
      ? 'Not tried: the failed-login guard could not admit it now.'
      : `Not tried: Jira refused these credentials at ${coolingOff.refusedAt}.`,
  );
  ctx.skip(
    'scoped-token-probe',
    'Is it a scoped token? (one try at the API gateway)',
    'Not tried.',
  );
  ctx.add(remedy.loginCoolingOff(handle.id, email, coolingOff));
  return null;
}

export type { View };
