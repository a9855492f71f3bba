/**
 * OAuth 2.0 client credentials (docs/jira-behaviour.md S4): the adapter side of the one token
 * request of a run. The engine sends `POST /oauth/token` with `grant_type=client_credentials`;
 * this transport adds the client ID and secret to the body, and takes the access token out of a
 * successful answer before anything else sees it: the holder keeps it for the gateway clients
 * (`Authorization: Bearer …`), the engine sees a placeholder. Neither the secret nor the access
 * token ever reaches evidence, a report or a message.
 */
import type { Transport } from './transport';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What the engine sees instead of a token value in the token answer. */
export const TOKEN_PLACEHOLDER = '[kept by the adapter]';

/** The run's access token, once issued; read by the gateway clients' Authorization header. */
export class AccessTokenHolder {
  private value: string | null = null;

  /** `onToken` learns the value as it arrives, e.g. to add it to the output redaction. */
  constructor(private readonly onToken?: (token: string) => void) {}

  set(token: string): void {
    this.value = token;
    this.onToken?.(token);
  }

  get(): string | null {
    return this.value;
  }
}

/**
 * The token request's transport. The body is JSON (Atlassian documents the endpoint's requests
 * as JSON for its other grants; the content type of this grant is not stated, see
 * docs/credentials.md); the credentials are merged into whatever the engine sent.
 */
export function oauthTokenTransport(
  base: Transport,
  credentials: ClientCredentials,
  holder: AccessTokenHolder,
): Transport {
  return async (req) => {
    const sent = req.body === undefined ? {} : (JSON.parse(req.body) as Record<string, unknown>);
    const body = JSON.stringify({
      ...sent,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
    const answer = await base({ ...req, body });
    return {
      status: answer.status,
      headers: answer.headers,
      text: async () => withoutTokens(await answer.text(), answer.status, holder),
    };
  };
}

/** Fields of a token answer that carry a credential; `token_type` only names the kind. */
const TOKEN_FIELD = /token$/i;

/**
 * A 2xx JSON object with an `access_token`: the holder keeps it, and every credential-carrying
 * field (access, refresh or id token) is replaced. Any other body passes unchanged.
 */
function withoutTokens(text: string, status: number, holder: AccessTokenHolder): string {
  if (status < 200 || status >= 300) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
  const answer = parsed as Record<string, unknown>;
  const token = answer.access_token;
  if (typeof token === 'string' && token !== '') holder.set(token);
  const cleaned: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(answer)) {
    cleaned[name] =
      TOKEN_FIELD.test(name) && name !== 'token_type' && typeof value === 'string'
        ? TOKEN_PLACEHOLDER
        : value;
  }
  return JSON.stringify(cleaned);
}
