import type { JiraClient } from './jira-client';
import type { EvidenceLog } from './evidence';

/** The Jira connections a run may use. Entry points build them; the engine never creates one. */
export interface DiagnosisDeps {
  /** Token mode: clients that send the sync user's email + token. */
  token?: {
    /** The site, e.g. https://acme.atlassian.net. */
    site: JiraClient;
    /** The same site without credentials (for `/_edge/tenant_info`). */
    anonymous: JiraClient;
    /** The API gateway for the site's cloudId: https://api.atlassian.com/ex/jira/{cloudId}. */
    gateway(cloudId: string): JiraClient;
    /**
     * OAuth 2.0 client credentials: Atlassian's token endpoint (`POST /oauth/token`). The adapter
     * adds the client ID and secret to the body and keeps the access token of a 200 answer for
     * the gateway clients above (Bearer); the engine sees the answer with the access token
     * replaced. Absent for an API token.
     */
    tokenEndpoint?: JiraClient;
  };
  /** Admin mode: a client acting as an administrator (admin token in the CLI, `asUser()` in Forge). */
  admin?: JiraClient;
  /**
   * The site without credentials, for what Jira answers anyone (the permission list) when no
   * token clients exist: such a read spends no rate-limit points, where the admin's would; and
   * for what needs no login outside the REST API (the site's status page after a 503). Absent
   * where no such request can be made.
   */
  anonymous?: JiraClient;
  /**
   * The organisation admin API (`https://api.atlassian.com` by default), sending the org API key
   * as Bearer: the sync user's API tokens and their expiry. Absent unless expiry was asked for.
   */
  orgAdmin?: JiraClient;
  /** Every client above records into this log. */
  evidence: EvidenceLog;
  /** Clock, for tests. */
  now?: () => number;
}
