/**
 * Forge's consent request. Before a user has allowed the app to act for them ("Allow access"), or
 * after an upgrade added a scope, the resolver's first `asUser()` call fails with Forge's
 * NEEDS_AUTHENTICATION_ERR (`@forge/api`: NeedsAuthenticationError, message "Authentication
 * Required"), which the resolvers let through so that Jira can ask for consent. How the bridge
 * hands that failure to the page is not documented: we recognise the error's name or message in
 * whatever it rejects with (docs/forge-local-runtime.md).
 */
const CONSENT = /NEEDS_AUTHENTICATION_ERR|Authentication Required/i;

export function isConsentRequest(err: unknown): boolean {
  if (err === null || err === undefined) return false;
  if (err instanceof Error) return CONSENT.test(`${err.name} ${err.message}`);
  if (typeof err === 'string') return CONSENT.test(err);
  if (typeof err === 'object') {
    const e = err as { name?: unknown; message?: unknown; code?: unknown };
    return [e.name, e.message, e.code].some((v) => typeof v === 'string' && CONSENT.test(v));
  }
  return false;
}

/** What the panel says instead of "the backend did not answer". */
export const CONSENT_MESSAGE =
  'Credential Doctor needs your permission to read Jira for you. Choose "Allow access" where Jira asks for it (reload this page if you do not see the prompt), then try again. Nothing was changed in Jira.';
