import type { DiagnosisDeps } from '../port/deps';
import type { DiagnosisInput } from '../model/input';
import { requiredScopes, type OperationName } from '../knowledge/operations';
import type { CoverageState } from '../model/report';
import type { RunContext } from '../run/context';
import { checkTokenAtGateway, readSiteUrl } from './steps/gateway-identity';
import { NO_ACCESS, type TokenAccess } from '../model/token-identity';
import { isGatewaySite } from '../model/gateway';
import { checkTokenIdentity } from './steps/identity';
import { verifyScopes } from './steps/scopes';
import { checkOAuthClient } from './steps/oauth-token';

/** `https://api.atlassian.com/ex/jira/{cloudId}` (or the same path on a loopback origin in tests). */
export const isGatewayAddress = isGatewaySite;

/**
 * How the sync user's token gets in: at the site URL (with the one-time scoped-token probe at
 * the gateway), or, when the synchronizer connects through the API gateway, at the gateway.
 */
export function startTokenAccess(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  operations: readonly OperationName[],
): Promise<TokenAccess> {
  if (!input.token || !deps.token) return Promise.resolve(NO_ACCESS);
  const email = input.token.email;
  if (input.token.oauth) {
    // An OAuth 2.0 access token works only at the gateway (the entry point requires that address).
    return checkOAuthClient(
      ctx,
      input.token.oauth.clientId,
      email,
      deps.token,
      requiredScopes(operations),
    );
  }
  if (deps.token.site.target === 'gateway') return checkTokenAtGateway(ctx, email, deps.token.site);
  return checkTokenIdentity(ctx, email, deps.token);
}

/**
 * A token that works only at the gateway has scopes: each operation's are verified there. Runs
 * beside the permission checks, at low priority.
 */
export async function scopeCoverage(
  ctx: RunContext,
  access: Promise<TokenAccess>,
  operations: readonly OperationName[],
  who: string,
): Promise<CoverageState | null> {
  const found = await access;
  const { client } = found;
  if (!client || client.target !== 'gateway') return null;
  return verifyScopes(ctx, client, operations, who, {
    required: requiredScopes(operations),
    granted: found.grantedScopes ?? null,
    credential: found.credential ?? 'api-token',
  });
}

/**
 * Given only the gateway address, the site's own URL (for links) is read from serverInfo once the
 * token is known to work (never beside a login that may fail), or with the admin's client.
 */
export async function siteUrlThroughGateway(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  access: Promise<TokenAccess>,
): Promise<string | null> {
  if (!isGatewayAddress(input.site)) return null;
  const { client } = await access;
  const reader = client ?? deps.admin;
  if (!reader) return null;
  const who = client
    ? (input.token?.email ?? 'the sync user')
    : (input.admin?.checker ?? 'the checking administrator');
  return readSiteUrl(ctx, reader, who);
}
