import type { JiraClient, JiraResponse } from '../../port/jira-client';
import type { DiagnosisDeps } from '../../port/deps';
import { tenantInfoShape, userShape, type JiraUser } from '../../knowledge/jira-shapes';
import { remedy } from '../../findings/remedies';
import { NO_ACCESS, type TokenAccess } from '../../model/token-identity';
import type { RunContext, StepHandle } from '../../run/context';
import { classifyAnswer, ignoringScope } from '../../knowledge/classify-answer';
import { send, unexpected } from '../../run/send';
import { gatewayAddress } from '../../model/gateway';
import { isServiceAccount, isServiceAccountEmail } from '../../model/service-account';

export const MYSELF = {
  method: 'GET' as const,
  path: '/rest/api/3/myself',
  query: { expand: 'groups,applicationRoles' },
};

/**
 * Who does the token authenticate as? `/myself` needs a login, so a bad credential gets 401
 * here rather than the anonymous answer other endpoints give. On a 401 that is not a password,
 * the token may be a scoped one: it is tried once at the gateway (the only second attempt of the
 * run), after reading the site's cloudId without credentials.
 */
export async function checkTokenIdentity(
  ctx: RunContext,
  email: string,
  clients: NonNullable<DiagnosisDeps['token']>,
): Promise<TokenAccess> {
  const handle = ctx.step('token-identity', 'The token authenticates at the site');
  const probe = ctx.step(
    'scoped-token-probe',
    'Is it a scoped token? (one try at the API gateway)',
  );
  // The cloudId is read without credentials beside /myself, so that a scoped-token probe, if
  // needed, costs one more round trip instead of two. It is advisory (low priority): the run's
  // first round belongs to the reads the verdict needs, and only a 401 waits for it.
  const cloudIdRead = readCloudId(ctx, probe, clients.anonymous).then((cloudId) => {
    if (cloudId) ctx.cloudId = cloudId;
    return cloudId;
  });
  // The report waits for it; the run does not, unless the site refuses the token.
  ctx.awaitBeforeReport(cloudIdRead);
  const res = await send(ctx, handle, clients.site, MYSELF, {
    expect: [200, 404],
    who: email,
    callerHandles401: true,
  });
  if (res?.status === 401)
    return handleRejected(ctx, handle, probe, await cloudIdRead, email, res, clients);
  // The request listed under this step is the site's public cloud ID, read in advance.
  probe.finish(
    'skip',
    "Not needed: the site did not reject the token. Only the site's public cloud ID was read, in advance, in case it was.",
  );
  if (!res) return NO_ACCESS;
  if (res.status === 404) {
    handle.finish('fail', 'The site has no Jira REST API at /rest/api/3/myself (404).');
    ctx.add(
      remedy.siteUnreachable(
        handle.id,
        ctx.site,
        'HTTP 404 for /rest/api/3/myself: not a Jira Cloud site',
      ),
    );
    return NO_ACCESS;
  }
  const user = parseUser(ctx, handle, res);
  if (!user) return NO_ACCESS;
  handle.finish(
    'pass',
    `Authenticated as ${user.displayName ?? user.accountId} (${user.accountId}).`,
  );
  return { identity: { user, client: clients.site }, client: clients.site, unidentified: false };
}

function parseUser(ctx: RunContext, handle: StepHandle, res: JiraResponse): JiraUser | null {
  const parsed = userShape.safeParse(res.json);
  return parsed.success ? parsed.data : unexpected(ctx, handle, MYSELF, 'no accountId in the body');
}

async function handleRejected(
  ctx: RunContext,
  handle: StepHandle,
  probe: StepHandle,
  cloudId: string | null,
  email: string,
  res: JiraResponse,
  clients: NonNullable<DiagnosisDeps['token']>,
): Promise<TokenAccess> {
  if (ignoringScope(classifyAnswer(res, 'basic')).kind === 'password-deprecated') {
    handle.finish('fail', 'Rejected: Jira says a password was sent instead of an API token (401).');
    ctx.add(remedy.passwordNotToken(handle.id, email));
    return NO_ACCESS;
  }
  handle.finish('fail', 'Rejected with 401 at the site URL.');
  const service = isServiceAccountEmail(email)
    ? { gateway: gatewayAddress(cloudId, ctx.site) }
    : undefined;
  if (!cloudId) {
    ctx.add(remedy.credentialsRejected(handle.id, email, false, service));
    return NO_ACCESS;
  }
  const gateway = clients.gateway(cloudId);
  const gatewayBase = gatewayAddress(cloudId, ctx.site);
  // Advisory: the site's 401 already decides; a gateway that cannot be reached or answers oddly
  // only leaves open whether the token is a scoped one, and must not outrank that refusal.
  const atGateway = await send(ctx, probe, gateway, MYSELF, {
    expect: [200],
    who: email,
    callerHandles401: true,
    advisory: true,
  });
  if (!atGateway) {
    // The gateway did not answer usefully: the site's 401 stands, but whether the token is a
    // scoped one stays open; the finding says both.
    ctx.add(remedy.credentialsRejected(handle.id, email, false, service));
    return NO_ACCESS;
  }
  if (atGateway.status === 401) {
    if (classifyAnswer(atGateway, 'basic').kind === 'scope-refusal') {
      // Reading the account is this check's need, not the synchronizer's: the token goes on at
      // the gateway unidentified, and its operations' scopes are verified there.
      probe.finish(
        'fail',
        'The gateway accepts the token (a scoped one), but its scopes do not cover reading the account (/myself); only this check needs that.',
      );
      ctx.add(remedy.scopedTokenAtSite(handle.id, email, gatewayBase, false, Boolean(service)));
      return { identity: null, client: gateway, unidentified: true };
    }
    probe.finish('pass', 'Also rejected at the gateway: not a scoped-token problem.');
    ctx.add(remedy.credentialsRejected(handle.id, email, false, service));
    return NO_ACCESS;
  }
  const user = parseUser(ctx, probe, atGateway);
  if (!user) return NO_ACCESS;
  probe.finish(
    'fail',
    `Accepted at the gateway as ${user.displayName ?? user.accountId}: a scoped token.`,
  );
  ctx.add(
    remedy.scopedTokenAtSite(
      handle.id,
      email,
      gatewayBase,
      true,
      Boolean(service) || isServiceAccount(user, email),
    ),
  );
  return { identity: { user, client: gateway }, client: gateway, unidentified: false };
}

async function readCloudId(
  ctx: RunContext,
  handle: StepHandle,
  anonymous: JiraClient,
): Promise<string | null> {
  const req = { method: 'GET' as const, path: '/_edge/tenant_info', priority: 'low' as const };
  // Advisory: the cloudId matters only if the site rejects the token.
  const res = await send(ctx, handle, anonymous, req, {
    expect: [200],
    who: 'anonymous',
    advisory: true,
  });
  if (!res) return null;
  const parsed = tenantInfoShape.safeParse(res.json);
  return parsed.success
    ? parsed.data.cloudId
    : unexpected(ctx, handle, req, 'no cloudId in the body', true);
}
