import { z } from 'zod';
import type { DiagnosisDeps } from '../../port/deps';
import type { JiraResponse } from '../../port/jira-client';
import { remedy } from '../../findings/remedies';
import type { ScopeSet } from '../../model/report';
import { NO_ACCESS, type TokenAccess } from '../../model/token-identity';
import type { RunContext, StepHandle } from '../../run/context';
import { send, unexpected } from '../../run/send';
import { isGranularScope } from './scopes';
import { checkTokenAtGateway } from './gateway-identity';

export const OAUTH_STEP = 'oauth-token';

const TOKEN_REQUEST = { method: 'POST' as const, path: '/oauth/token' };

/**
 * The token answer (docs/jira-behaviour.md S4): `access_token` (replaced by the adapter, which
 * keeps it), `token_type` Bearer, `expires_in` seconds, `scope` (the granted scopes, space
 * separated). Anything else in the body is ignored.
 */
const tokenAnswerShape = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
});

/** An OAuth 2.0 error answer (RFC 6749 §5.2), as Atlassian's endpoint sends it (S4, recorded in the issue). */
const oauthErrorShape = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
});

/**
 * RFC 6749 §5.2 codes that mean the client itself was refused (its ID, secret or grant); any
 * other 400 says the request was malformed, which is this check's problem, not the credential's.
 */
const CLIENT_REFUSALS = new Set([
  'invalid_client',
  'unauthorized_client',
  'access_denied',
  'invalid_grant',
]);

/**
 * OAuth 2.0 client credentials (a service account's): exactly one token request, never
 * repeated. Atlassian's answer decides: a refused client is OAUTH_CLIENT_REFUSED and nothing else
 * is sent with it; an issued access token is then used at the API gateway, where `/myself` says
 * who the client acts as. The scopes the answer grants are compared with what the synchronizer
 * needs here, and the probes confirm them.
 */
export async function checkOAuthClient(
  ctx: RunContext,
  clientId: string,
  who: string,
  clients: NonNullable<DiagnosisDeps['token']>,
  required: ScopeSet,
): Promise<TokenAccess> {
  const handle = ctx.step(
    OAUTH_STEP,
    'The OAuth 2.0 client credential gets an access token (one token request)',
  );
  const endpoint = clients.tokenEndpoint;
  if (!endpoint) throw new Error('An OAuth 2.0 check needs the token endpoint client.');
  const res = await send(
    ctx,
    handle,
    endpoint,
    { ...TOKEN_REQUEST, body: { grant_type: 'client_credentials' } },
    { expect: [200, 400, 403], who, callerHandles401: true },
  );
  if (!res) return { ...NO_ACCESS, credential: 'oauth' };
  if (res.status !== 200) return refused(ctx, handle, clientId, res, required);

  const parsed = tokenAnswerShape.safeParse(res.json);
  if (!parsed.success) {
    unexpected(ctx, handle, TOKEN_REQUEST, 'no access_token in the token answer');
    return { ...NO_ACCESS, credential: 'oauth' };
  }
  const answer = parsed.data;
  if (answer.token_type !== undefined && answer.token_type.toLowerCase() !== 'bearer') {
    unexpected(ctx, handle, TOKEN_REQUEST, `token_type ${answer.token_type}, not Bearer`);
    return { ...NO_ACCESS, credential: 'oauth' };
  }
  const granted =
    answer.scope === undefined ? null : answer.scope.split(/\s+/).filter((s) => s !== '');
  handle.finish(
    granted === null ? 'warn' : compareStatus(granted, required),
    describe(answer.expires_in, granted, required),
  );

  const access = await checkTokenAtGateway(ctx, who, clients.site);
  return { ...access, grantedScopes: granted, credential: 'oauth' };
}

function refused(
  ctx: RunContext,
  handle: StepHandle,
  clientId: string,
  res: JiraResponse,
  required: ScopeSet,
): TokenAccess {
  const body = oauthErrorShape.safeParse(res.json);
  const error = body.success ? (body.data.error ?? null) : null;
  const description = body.success ? (body.data.error_description ?? null) : null;
  const isRefusal =
    res.status === 401 || res.status === 403 || (error !== null && CLIENT_REFUSALS.has(error));
  if (!isRefusal) {
    unexpected(
      ctx,
      handle,
      TOKEN_REQUEST,
      `HTTP ${res.status}${error ? ` ${error}` : ''}: the token endpoint refused the request itself`,
    );
    return { ...NO_ACCESS, credential: 'oauth' };
  }
  handle.finish(
    'fail',
    `Refused (${res.status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''}).`,
  );
  ctx.add(
    remedy.oauthClientRefused(
      handle.id,
      { clientId, status: res.status, error, description },
      required,
    ),
  );
  return { ...NO_ACCESS, credential: 'oauth' };
}

/** What the answer granted against what the synchronizer needs (in the form the token uses). */
function missingFrom(granted: readonly string[], required: ScopeSet): string[] {
  const has = new Set(granted);
  const form = granted.some(isGranularScope) ? required.granular : required.classic;
  return form.filter((s) => !has.has(s));
}

function compareStatus(granted: readonly string[], required: ScopeSet): 'pass' | 'warn' {
  return missingFrom(granted, required).length ? 'warn' : 'pass';
}

function describe(
  expiresIn: number | undefined,
  granted: readonly string[] | null,
  required: ScopeSet,
): string {
  const life = expiresIn === undefined ? '' : ` (valid ${expiresIn} s)`;
  if (granted === null)
    return `Atlassian issued an access token${life}; the answer lists no scopes, so the probes alone say which the synchronizer's calls may use.`;
  const missing = missingFrom(granted, required);
  return `Atlassian issued an access token${life} with the scopes ${granted.join(', ') || '(none)'}.${
    missing.length
      ? ` Not granted, though the synchronizer's calls need them: ${missing.join(', ')} (the probes confirm).`
      : " They cover every scope the synchronizer's calls need (the probes confirm)."
  }`;
}
