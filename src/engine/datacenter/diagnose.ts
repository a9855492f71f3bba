import { conclude } from '../run/conclude';
import { operationsForPermissions } from '../knowledge/operations';
import { sortFindings } from '../findings/order';
import { assembleReport } from '../run/assemble';
import { checkHygiene, normalisePermissions, normaliseProjectKeys } from '../run/targets';
import { emptyView } from '../model/facts';
import type { CredentialHygieneIssue } from '../model/input';
import type { Finding, Report } from '../model/report';
import { RunContext } from '../run/context';
import { ADMIN_STEPS, TOKEN_STEPS } from '../model/step-ids';
import { checkPermissionKeys } from '../run/permission-keys';
import { runDcAdminView } from './admin-permissions';
import type { DataCenterDeps } from '../port/datacenter-deps';
import { checkDcIdentity } from './identity';
import { dcRemedy, type DcScheme } from '../findings/remedies';
import { describeDcUser, toJiraUser, type DcUser } from './shapes';
import { runDcTokenPermissions } from './token-permissions';

/** What a Data Center / Server check is asked. Built by the CLI after validation. */
export interface DataCenterInput {
  /** Base URL of the instance (origin plus context path, if any). */
  site: string;
  projects: string[];
  permissions: string[];
  /** Jira's version from serverInfo, when read (e.g. "9.12.5"). */
  version?: string | null;
  token?: {
    scheme: DcScheme;
    /** Basic: the username sent. Bearer: none (a personal access token names its owner). */
    username?: string;
    /** --expect-user: the username the credentials must authenticate as. */
    expectUser?: string;
    expectEmail?: string;
    hygiene?: CredentialHygieneIssue[];
  };
  admin?: {
    checker: string;
    /** The sync user's username; defaults to the one the token authenticated as. */
    user?: string;
    /** Explain grants for missing permissions only (default) or for every required one. */
    explain?: 'missing' | 'all';
  };
}

const CLOUD_ONLY =
  'Cloud only, so not checked on Data Center / Server: scoped API tokens, the API gateway (api.atlassian.com) and the bulk permissions/check.';

/**
 * One on-demand check of a Jira Data Center or Server instance, with the same codes, verdicts and
 * report as on Cloud. The sync user's credentials are tried once (`/myself`) before anything else
 * is sent with them; permissions are asked per project, as Data Center has no bulk check.
 */
export async function diagnoseDataCenter(
  input: DataCenterInput,
  deps: DataCenterDeps,
): Promise<Report> {
  const now = deps.now ?? Date.now;
  const started = now();
  const permissions = normalisePermissions(input.permissions);
  const keys = normaliseProjectKeys(input.projects);
  const site = input.site.replace(/\/+$/, '');
  const ctx = new RunContext(site, permissions, deps.evidence);
  if (input.token && !deps.token) throw new Error('Token mode needs the sync user’s client.');
  if (input.admin && !deps.admin) throw new Error('Admin mode needs an admin client.');
  if (!input.token && !input.admin) throw new Error('Nothing to check.');

  if (input.token) checkHygiene(ctx, input.token.hygiene ?? []);
  ctx.skip('cloud-only', 'Cloud-only checks', CLOUD_ONLY);
  ctx.skip(
    'create-readiness',
    'Create readiness: required fields (dry run, nothing created)',
    'Not run on Data Center / Server by this version.',
  );
  const usable = checkPermissionKeys(
    ctx,
    deps.anonymous,
    permissions,
    'anonymous',
    '/rest/api/2/permissions',
  );

  const tokenView = input.token ? emptyView(keys, permissions, TOKEN_STEPS) : null;
  const adminView = input.admin ? emptyView(keys, permissions, ADMIN_STEPS) : null;
  const identity: Promise<DcUser | null> =
    input.token && deps.token
      ? checkDcIdentity(ctx, deps.token, {
          scheme: input.token.scheme,
          username: input.token.username,
        })
      : Promise.resolve(null);

  const tokenPart = identity.then(async (user) => {
    if (!tokenView || !input.token || !deps.token) return;
    if (!user) {
      const why = 'Skipped: the credentials did not authenticate.';
      ctx.skip(tokenView.visibilityStep, 'Target projects are visible to the sync user', why);
      ctx.skip(tokenView.permissionStep, "The sync user's own permissions", why);
      return;
    }
    tokenView.user = toJiraUser(user);
    await runDcTokenPermissions(ctx, tokenView, deps.token, await usable, describeDcUser(user));
  });
  const adminPart: Promise<DcUser | null> =
    adminView && input.admin && deps.admin
      ? usable.then((keysToAsk) =>
          runDcAdminView(ctx, adminView, deps.admin!, keysToAsk, {
            username:
              input.admin?.user !== undefined
                ? Promise.resolve(input.admin.user)
                : identity.then((u) => u?.name ?? null),
            checker: input.admin!.checker,
            explain: input.admin!.explain ?? 'missing',
          }),
        )
      : Promise.resolve(null);
  const [user, adminUser] = await Promise.all([identity, adminPart, tokenPart]);

  checkExpectedUser(ctx, input, user, adminUser);
  const projects = conclude(
    ctx,
    {
      site,
      projects: keys,
      permissions,
      ...(input.token
        ? {
            token: {
              email: input.token.username ?? '',
              ...(input.token.expectEmail ? { expectEmail: input.token.expectEmail } : {}),
            },
          }
        : {}),
      ...(input.admin ? { admin: { checker: input.admin.checker } } : {}),
    },
    keys,
    {
      identity: user && deps.token ? { user: toJiraUser(user), client: deps.token } : null,
      tokenAuthenticated: user !== null && deps.token !== undefined,
      token: tokenView,
      admin: adminView,
    },
  );
  const subjectUser = adminUser ?? user;
  if (ctx.subject && subjectUser) ctx.subject.username = subjectUser.name;
  const findings = sortFindings(
    ctx.findings.map((f) => forDataCenter(f, input, site, user, adminUser)),
  );
  const tokenIdentity = user
    ? {
        accountId: user.key,
        username: user.name,
        displayName: user.displayName ?? null,
        email: user.emailAddress ? user.emailAddress : null,
        acceptedAt: 'site' as const,
      }
    : null;
  return assembleReport({
    ctx,
    site,
    mode: input.token && input.admin ? 'token+admin' : input.token ? 'token' : 'admin',
    findings,
    projects,
    tokenIdentity,
    permissions,
    operations: operationsForPermissions(permissions),
    // Data Center credentials carry no OAuth scopes: nothing to mint a token with.
    requiredScopes: { classic: [], granular: [] },
    coverage: { tokenGiven: input.token !== undefined, tokenUnidentified: false, scopes: null },
    // Data Center personal access tokens and passwords carry no scopes (documented: PATs cannot
    // be scoped).
    coverageOverride: { scopes: 'not-applicable' },
    startedAt: started,
    finishedAt: now(),
    requestCount: deps.evidence.entries().length,
  });
}

/** --expect-user (and --user when it differs from whom the credentials authenticated as). */
function checkExpectedUser(
  ctx: RunContext,
  input: DataCenterInput,
  user: DcUser | null,
  adminUser: DcUser | null,
): void {
  if (!user || !input.token) return;
  // Usernames are case-insensitive in Jira.
  const expected = [input.token.expectUser, input.admin?.user].filter((v): v is string => !!v);
  const wrong = expected.find((name) => name.toLowerCase() !== user.name.toLowerCase());
  const handle = ctx.step('expected-account', 'The credentials belong to the intended sync user');
  if (!expected.length) {
    handle.finish('skip', 'No expected user given (--expect-user NAME).');
    return;
  }
  if (wrong) {
    handle.finish('fail', `Authenticated as ${user.name}, expected ${wrong}.`);
    const label =
      adminUser && adminUser.name.toLowerCase() === wrong.toLowerCase()
        ? describeDcUser(adminUser)
        : wrong;
    ctx.add(dcRemedy.wrongAccount(handle.id, describeDcUser(user), label, ctx.site));
    return;
  }
  handle.finish('pass', `Authenticated as ${user.name}, as intended.`);
}

/**
 * Findings raised by the shared steps carry Cloud's wording (Atlassian account pages, API
 * tokens); the same codes get Data Center's fixes here.
 */
function forDataCenter(
  finding: Finding,
  input: DataCenterInput,
  site: string,
  user: DcUser | null,
  adminUser: DcUser | null,
): Finding {
  const scheme = input.token?.scheme ?? 'basic';
  const who = user
    ? describeDcUser(user)
    : (input.token?.username ?? 'the owner of the personal access token');
  switch (finding.code) {
    case 'LOGIN_CHALLENGE':
      return finding.step.startsWith('admin')
        ? finding
        : { ...dcRemedy.loginChallenge(finding.step, who, site), ...pick(finding) };
    case 'LOGIN_DENIED':
      return finding.step.startsWith('admin')
        ? finding
        : { ...dcRemedy.loginDenied(finding.step, who, site), ...pick(finding) };
    case 'BASIC_AUTH_DISABLED':
      return { ...dcRemedy.basicAuthDisabled(finding.step, who, site), ...pick(finding) };
    case 'CREDENTIALS_REJECTED':
      if (finding.details?.['scheme']) return finding;
      return {
        ...dcRemedy.credentialsRejected(finding.step, site, scheme, who, { midRun: true }),
        ...pick(finding),
      };
    case 'ANONYMOUS_FALLBACK':
      if (finding.message.includes('X-AUSERNAME')) return finding;
      return {
        ...dcRemedy.anonymousFallback(finding.step, who, operationOf(finding), site),
        ...pick(finding),
      };
    case 'ACCOUNT_INACTIVE':
      return {
        ...dcRemedy.accountInactive(
          finding.step,
          adminUser ? describeDcUser(adminUser) : who,
          site,
        ),
        ...pick(finding),
      };
    default:
      return finding;
  }
}

function pick(finding: Finding): Partial<Finding> {
  return {
    ...(finding.project === undefined ? {} : { project: finding.project }),
    ...(finding.permission === undefined ? {} : { permission: finding.permission }),
  };
}

function operationOf(finding: Finding): string {
  return /answered ((?:GET|POST) \S+)/.exec(finding.message)?.[1] ?? 'a request';
}
