import { knownAccountType, type JiraUser } from '../knowledge/jira-shapes';
import type { JiraClient } from '../port/jira-client';
import type { TokenIdentityReport } from './report';

export function toTokenIdentityReport(
  identity: TokenIdentity,
  credential: 'api-token' | 'oauth' = 'api-token',
): TokenIdentityReport {
  const { user, client } = identity;
  return {
    accountId: user.accountId,
    displayName: user.displayName ?? null,
    email: user.emailAddress ? user.emailAddress : null,
    acceptedAt: client.target === 'gateway' ? 'gateway' : 'site',
    accountType: knownAccountType(user.accountType),
    credential,
  };
}

/** What the token achieved: who it is (when readable) and the client that works. */
export interface TokenAccess {
  identity: TokenIdentity | null;
  /** The client the token works with; set also when the account could not be read. */
  client: JiraClient | null;
  /** Authenticated at the gateway, but its scopes do not let the check read `/myself`. */
  unidentified: boolean;
  /** The scopes the credential was granted, when it says (an OAuth 2.0 token answer). */
  grantedScopes?: readonly string[] | null;
  /** What the sync user authenticates with; absent: an API token (email + token). */
  credential?: 'api-token' | 'oauth';
}

export const NO_ACCESS: TokenAccess = { identity: null, client: null, unidentified: false };

export interface TokenIdentity {
  user: JiraUser;
  /** The client that authenticated: the site, or the gateway for a scoped token. */
  client: JiraClient;
}
