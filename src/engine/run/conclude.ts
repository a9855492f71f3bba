import { displayName, type ProjectFacts, type View } from '../model/facts';
import type { DiagnosisInput } from '../model/input';
import type { JiraUser } from '../knowledge/jira-shapes';
import { remedy } from '../findings/remedies';
import type { ProjectReport } from '../model/report';
import type { RunContext } from './context';
import { accountFindings, hasAgentAccess, toSubject } from './account';
import type { TokenIdentity } from '../model/token-identity';
import { ADMIN_STEPS, TOKEN_STEPS } from '../model/step-ids';
import { gatewayAddress, isGatewaySite } from '../model/gateway';

export interface Views {
  identity: TokenIdentity | null;
  /** The token worked, even if its account could not be read (a gateway token without user scopes). */
  tokenAuthenticated: boolean;
  token: View | null;
  admin: View | null;
}

/**
 * Turns what the views learned into the report's subject, project table and the findings about
 * the account, the projects and the permissions, in one place so that each fact yields one
 * finding even when both views saw it.
 */
export function conclude(
  ctx: RunContext,
  input: DiagnosisInput,
  keys: readonly string[],
  views: Views,
): ProjectReport[] {
  const { identity, admin } = views;
  checkExpectedAccount(ctx, input, views);
  const wrongAccount = ctx.has('WRONG_ACCOUNT');

  // The intended user is the admin view's when it found one; the token's identity otherwise.
  const subject: JiraUser | null = admin?.user ?? identity?.user ?? null;
  ctx.subject = subject ? toSubject(subject) : null;
  const accountProblems = subject
    ? accountFindings(admin?.user ? 'admin-user' : 'token-identity', subject, {
        gateway: gatewayAddress(ctx.cloudId, ctx.site),
        viaGateway: isGatewaySite(input.site),
        email: input.token?.email,
      })
    : [];
  for (const finding of accountProblems) ctx.add(finding);
  // An inactive, customer-only or unlicensed account is denied everything; that one cause is
  // reported once instead of as a denial per project and permission.
  const accountBlocked = accountProblems.some((f) => f.severity === 'error');

  // The token's answers describe the synchronizer's real experience, unless they describe the
  // wrong account.
  const token = views.token && views.tokenAuthenticated && !wrongAccount ? views.token : null;
  const who = subject ? displayName(subject) : 'The sync user';

  if (token?.anyProjectVisible === false && !accountBlocked)
    ctx.add(remedy.noProjectsVisible(token.visibilityStep, who, ctx.site));
  const administer = token?.administer ?? admin?.administer ?? null;
  if (administer === true) {
    ctx.add(
      remedy.overPrivileged(
        token?.administer ? token.permissionStep : (admin?.permissionStep ?? ''),
        who,
        ctx.site,
      ),
    );
  }

  const agent = subject ? hasAgentAccess(subject) : null;
  const isCustomer = subject?.accountType === 'customer';
  return keys.map((key) => {
    const fromToken = token?.projects.get(key);
    const fromAdmin = admin?.projects.get(key);
    const merged = mergeFacts(key, ctx.requiredPermissions, fromToken, fromAdmin);
    const entry = ctx.project(key);
    Object.assign(entry, merged.report);
    const explanation = admin?.explanations.get(key);
    if (explanation) entry.explanation = explanation;

    // The administrator's status searches (J1), or in a token-only run the sync user's own read
    // of the project (A1).
    const retired = fromAdmin?.retired ?? fromToken?.retired ?? null;
    if (retired !== null) {
      const step = fromAdmin?.retired
        ? (admin?.visibilityStep ?? '')
        : (token?.visibilityStep ?? admin?.visibilityStep ?? '');
      ctx.add(
        retired === 'archived'
          ? remedy.projectArchived(step, key, ctx.site)
          : remedy.projectInTrash(step, key, ctx.site),
      );
      return entry;
    }
    if (merged.report.exists === false) {
      ctx.add(remedy.projectNotFound(admin?.visibilityStep ?? '', key, ctx.site));
      return entry;
    }
    if (accountBlocked) return entry;
    // Without an agent licence Jira ignores the Service Management grants the user has; the
    // licence is the fix, not more grants.
    if (merged.report.type === 'service_desk' && agent === false && !isCustomer) {
      ctx.add(
        remedy.jsmAgentRequired(token?.permissionStep ?? admin?.permissionStep ?? '', who, key),
      );
      return entry;
    }
    if (merged.report.visible === false) {
      const step =
        fromToken?.visible === false
          ? (token?.visibilityStep ?? '')
          : (admin?.permissionStep ?? '');
      ctx.add(remedy.projectNotVisible(step, who, key, ctx.site, merged.report.exists === true));
    }
    for (const [permission, held] of Object.entries(merged.report.permissions)) {
      if (held !== false || (permission === 'BROWSE_PROJECTS' && merged.report.visible === false))
        continue;
      const why = explanation?.permissions.find((p) => p.permission === permission);
      ctx.add(
        remedy.missingPermission(
          merged.permissionSteps.get(permission) ?? '',
          who,
          key,
          permission,
          ctx.site,
          why && explanation
            ? {
                recommendation: explanation.recommendation?.summary ?? null,
                grantsInScheme: why.grantsInScheme,
                userRoles: explanation.userRoles,
              }
            : undefined,
        ),
      );
    }
    return entry;
  });
}

function mergeFacts(
  key: string,
  permissions: readonly string[],
  token: ProjectFacts | undefined,
  admin: ProjectFacts | undefined,
): { report: ProjectReport; permissionSteps: Map<string, string> } {
  const pick = <T>(a: T | null | undefined, b: T | null | undefined): T | null => a ?? b ?? null;
  const visible = pick(token?.visible, admin?.visible);
  const permissionSteps = new Map<string, string>();
  const map: Record<string, boolean | null> = {};
  for (const permission of permissions) {
    const fromToken = token?.permissions.get(permission);
    const fromAdmin = admin?.permissions.get(permission);
    let held = pick(fromToken, fromAdmin);
    if (permission === 'BROWSE_PROJECTS' && held === null && visible !== null) held = visible;
    map[permission] = held;
    permissionSteps.set(
      permission,
      fromToken !== null && fromToken !== undefined
        ? TOKEN_STEPS.permission
        : ADMIN_STEPS.permission,
    );
  }
  return {
    report: {
      key: pick(token?.visible ? token.key : null, admin?.key) ?? key,
      id: pick(token?.id, admin?.id),
      name: pick(token?.name, admin?.name),
      type: pick(token?.type, admin?.type),
      visible,
      exists: admin?.exists ?? token?.exists ?? (visible === true ? true : null),
      permissions: map,
    },
    permissionSteps,
  };
}

function checkExpectedAccount(ctx: RunContext, input: DiagnosisInput, views: Views): void {
  const user = views.identity?.user;
  if (!user || !input.token) return;
  const actual = displayName(user);
  const intendedAdminUser = input.admin?.user !== undefined ? views.admin?.user : undefined;
  const expectedIds = [input.token.expectAccountId, intendedAdminUser?.accountId].filter(
    (v): v is string => !!v,
  );
  for (const expected of expectedIds) {
    if (expected !== user.accountId) {
      const label =
        intendedAdminUser && intendedAdminUser.accountId === expected
          ? displayName(intendedAdminUser)
          : expected;
      ctx.add(remedy.wrongAccount('token-identity', actual, label));
      return;
    }
  }
  const expectEmail = input.token.expectEmail;
  if (expectEmail) {
    const handle = ctx.step('expected-account', 'The token belongs to the intended sync user');
    if (!user.emailAddress) {
      handle.finish(
        'warn',
        `${actual} hides its email address (privacy settings), so it cannot be compared with ${expectEmail}; compare by account ID instead (--expect-account).`,
      );
    } else if (user.emailAddress.toLowerCase() !== expectEmail.toLowerCase()) {
      handle.finish('fail', `Authenticated as ${user.emailAddress}, expected ${expectEmail}.`);
      ctx.add(remedy.wrongAccount(handle.id, actual, expectEmail));
    } else {
      handle.finish('pass', `Authenticated as ${expectEmail}, as intended.`);
    }
  }
}
