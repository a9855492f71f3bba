import type { JiraClient, JiraResponse } from '../port/jira-client';
import { classifyAnswer, ignoringScope } from '../knowledge/classify-answer';
import type { RunContext, StepHandle } from '../run/context';
import { send, unexpected } from '../run/send';
import { dcRemedy, type DcScheme } from '../findings/remedies';
import { describeDcUser, dcUserShape, type DcUser } from './shapes';

const DC_MYSELF = {
  method: 'GET' as const,
  path: '/rest/api/2/myself',
  query: { expand: 'groups,applicationRoles' },
};

export interface DcIdentityOptions {
  scheme: DcScheme;
  /** The username given with --username (Basic); undefined for a personal access token. */
  username?: string;
}

/**
 * Who do the credentials authenticate as? `/myself` needs a login, so refused credentials get
 * 401 here. It is the first request sent with them and nothing else is sent before it answers,
 * so a bad password costs exactly one failed login in the run.
 */
export async function checkDcIdentity(
  ctx: RunContext,
  client: JiraClient,
  options: DcIdentityOptions,
): Promise<DcUser | null> {
  const handle = ctx.step('token-identity', 'The credentials authenticate');
  const who = options.username ?? 'the owner of the personal access token';
  const res = await send(ctx, handle, client, DC_MYSELF, {
    expect: [200, 403],
    who,
    callerHandles401: true,
  });
  if (!res) return null;
  if (res.status === 401) {
    handle.finish(
      'fail',
      `Rejected with 401 (${options.scheme === 'bearer' ? 'personal access token sent as Bearer' : `username ${who} with the secret sent as Basic`}).`,
    );
    ctx.add(
      dcRemedy.credentialsRejected(handle.id, ctx.site, options.scheme, who, { midRun: false }),
    );
    return null;
  }
  if (res.status === 403) return forbidden(ctx, handle, res, options.scheme);
  if (ranAnonymously(res)) {
    handle.finish('fail', 'Answered as anonymous (X-AUSERNAME: anonymous).');
    ctx.add(dcRemedy.anonymousFallback(handle.id, who, 'GET /rest/api/2/myself', ctx.site));
    return null;
  }
  const parsed = dcUserShape.safeParse(res.json);
  if (!parsed.success) return unexpected(ctx, handle, DC_MYSELF, 'no name and key in the body');
  const user = parsed.data;
  handle.finish(
    'pass',
    `Authenticated as ${describeDcUser(user)} (${options.scheme === 'bearer' ? 'personal access token, Bearer' : 'Basic'}).`,
  );
  return user;
}

function forbidden(ctx: RunContext, handle: StepHandle, res: JiraResponse, scheme: DcScheme): null {
  if (ignoringScope(classifyAnswer(res, scheme)).kind === 'connect-session') {
    handle.finish('fail', 'A Bearer token was refused the way Jira Cloud refuses it (403).');
    ctx.add(dcRemedy.bearerAtCloud(handle.id));
    return null;
  }
  // A 403 for /myself without a login refusal or Basic switched off (handled by send) is not
  // documented.
  return unexpected(ctx, handle, DC_MYSELF, 'HTTP 403 without a login challenge');
}

/**
 * X-AUSERNAME names the account a Data Center request ran as and says `anonymous` when it ran
 * without a login (observed; not in Atlassian's REST reference). Its absence proves nothing: a
 * proxy may strip it.
 */
export function ranAnonymously(res: JiraResponse): boolean {
  return res.username?.trim().toLowerCase() === 'anonymous';
}
