/**
 * The API gateway (docs/jira-behaviour.md S1, S3): scoped tokens, service accounts and OAuth 2.0
 * access tokens reach a Cloud site only at `https://api.atlassian.com/ex/jira/{cloudId}`.
 */

export const GATEWAY_ORIGIN = 'https://api.atlassian.com';

/** `…/ex/jira/{cloudId}` (on any origin: tests use a loopback gateway). */
const GATEWAY_PATH = /^\/ex\/jira\/([^/]+)\/?$/;

/** Whether an address is a site's gateway address rather than the site's own URL. */
export function isGatewaySite(address: string): boolean {
  return cloudIdOf(address) !== null;
}

/** The cloud ID in a gateway address; null for any other address. */
export function cloudIdOf(address: string): string | null {
  try {
    const match = GATEWAY_PATH.exec(new URL(address).pathname);
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * `https://api.atlassian.com/ex/jira/<cloudId>` when the cloud ID is known; otherwise the form,
 * with where to read the ID (the site answers it without credentials).
 */
export function gatewayAddress(cloudId: string | null, site: string): string {
  return cloudId
    ? `${GATEWAY_ORIGIN}/ex/jira/${cloudId}`
    : `${GATEWAY_ORIGIN}/ex/jira/<cloudId> (the cloud ID is the "cloudId" at ${site}/_edge/tenant_info)`;
}
