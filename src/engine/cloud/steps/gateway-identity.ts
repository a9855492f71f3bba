import type { JiraClient } from '../../port/jira-client';
import { classifyAnswer } from '../../knowledge/classify-answer';
import { serverInfoShape, userShape } from '../../knowledge/jira-shapes';
import { remedy } from '../../findings/remedies';
import type { RunContext } from '../../run/context';
import { send, unexpected } from '../../run/send';
import { NO_ACCESS, type TokenAccess } from '../../model/token-identity';
import { MYSELF } from './identity';
import { gatewayAddress } from '../../model/gateway';
import { isServiceAccountEmail } from '../../model/service-account';

/**
 * The synchronizer connects through the API gateway (`https://api.atlassian.com/ex/jira/{cloudId}`)
 * and so does the check: a scoped token is correct use there. `/myself` needs `read:jira-user`
 * (or granular user scopes), which a synchronizer may well not have: a scope refusal here is the
 * doctor's own need, so the account stays unread and the check goes on; it is never a finding.
 */
export async function checkTokenAtGateway(
  ctx: RunContext,
  email: string,
  client: JiraClient,
): Promise<TokenAccess> {
  const handle = ctx.step('token-identity', 'The token authenticates at the API gateway');
  const res = await send(ctx, handle, client, MYSELF, {
    expect: [200],
    who: email,
    callerHandles401: true,
  });
  if (!res) return NO_ACCESS;
  if (res.status === 401) {
    if (classifyAnswer(res, 'some').kind === 'scope-refusal') {
      handle.finish(
        'warn',
        "Accepted, but its scopes do not cover reading the account (GET /rest/api/3/myself needs read:jira-user): the account is not shown. Only this check needs that scope; the synchronizer's operations are verified below.",
      );
      return { identity: null, client, unidentified: true };
    }
    handle.finish('fail', 'Rejected with 401 at the API gateway.');
    ctx.add(
      remedy.credentialsRejected(
        handle.id,
        email,
        false,
        isServiceAccountEmail(email)
          ? { gateway: gatewayAddress(ctx.cloudId, ctx.site) }
          : undefined,
      ),
    );
    return NO_ACCESS;
  }
  const parsed = userShape.safeParse(res.json);
  if (!parsed.success) {
    unexpected(ctx, handle, MYSELF, 'no accountId in the body');
    return NO_ACCESS;
  }
  const user = parsed.data;
  handle.finish(
    'pass',
    `Authenticated at the API gateway as ${user.displayName ?? user.accountId} (${user.accountId}).`,
  );
  return { identity: { user, client }, client, unidentified: false };
}

/**
 * The site's own URL, for links to Jira pages, when the check was given only the gateway address.
 * `GET /serverInfo` needs no scope (the spec lists none), so any working token can read it.
 */
export async function readSiteUrl(
  ctx: RunContext,
  client: JiraClient,
  who: string,
): Promise<string | null> {
  const handle = ctx.step('site-url', "The site's own URL (for links), read through the gateway");
  const req = { method: 'GET' as const, path: '/rest/api/3/serverInfo' };
  const res = await send(ctx, handle, client, req, { expect: [200], who, advisory: true });
  if (!res) return null;
  const parsed = serverInfoShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, req, 'no baseUrl in the body', true);
  let origin: string;
  try {
    origin = new URL(parsed.data.baseUrl).origin;
  } catch {
    return unexpected(ctx, handle, req, 'baseUrl is not a URL', true);
  }
  handle.finish('pass', `The site is ${origin}.`);
  return origin;
}
