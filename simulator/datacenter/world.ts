/**
 * The declarative world of a simulated Jira Data Center (or Server) instance: plain JSON-able
 * data, read live by the running simulator so tests may change it between requests.
 *
 * No OpenAPI description of the Jira Data Center REST API is published in the npm registry (the
 * `jira.js` package, checked at 6.2.0, ships only Cloud models; Atlassian never published one for
 * Jira 9.x), so this simulator cannot be conformance-checked against a spec the way the Cloud one
 * is. Each behaviour below is marked where it is implemented:
 * - documented: Atlassian's Data Center documentation says so;
 * - observed: recorded by users or client libraries (source named);
 * - unknown: neither; the simulator picks one answer and the world can switch to the others.
 */

export type DeploymentType = 'DataCenter' | 'Server';

export interface DcPersonalAccessToken {
  /** The secret sent as `Authorization: Bearer <value>`. */
  value: string;
  /** ISO instant from which the token is refused. */
  expiresAt?: string;
  revoked?: boolean;
}

export interface DcUser {
  /** Stable user key (Data Center has no account IDs). */
  key: string;
  /** The username people log in with. */
  name: string;
  displayName: string;
  email: string;
  active: boolean;
  password?: string;
  tokens: DcPersonalAccessToken[];
  groups: string[];
  /** Application access, e.g. `jira-software`, `jira-servicedesk`. */
  applicationRoles: string[];
  /** Consecutive failed logins; at `captchaAfterFailures` the CAPTCHA is required. */
  failedLogins?: number;
}

export interface DcHolder {
  type: 'anyone' | 'group' | 'user' | 'projectRole' | 'applicationRole' | 'reporter' | 'assignee';
  /** Group name, username, role id (as text) or application role key. */
  parameter?: string;
}

export interface DcGrant {
  id: number;
  permission: string;
  holder: DcHolder;
}

export interface DcScheme {
  id: number;
  name: string;
  grants: DcGrant[];
}

export interface DcRole {
  id: number;
  name: string;
}

export interface DcProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  schemeId: number;
  /** Role id → members (usernames and group names). */
  roleActors: Record<string, { users: string[]; groups: string[] }>;
}

export interface DcWorld {
  deploymentType: DeploymentType;
  version: string;
  serverTitle: string;
  users: DcUser[];
  groups: string[];
  roles: DcRole[];
  schemes: DcScheme[];
  projects: DcProject[];
  /** Groups holding the global permission Jira Administrators (ADMINISTER). */
  adminGroups: string[];
  /**
   * Failed logins before Jira demands a CAPTCHA (documented: "Maximum Authentication Attempts
   * Allowed", default 3). null disables the CAPTCHA.
   */
  captchaAfterFailures: number | null;
  /**
   * Basic authentication with a password (documented as supported; Jira 11 turns it off by
   * default, observed in the jira.js Data Center guide). The answer when it is off is unknown:
   * modelled as 401 without a Seraph header.
   */
  basicAuth: boolean;
  /**
   * A refused personal access token (unknown): '401' answers 401 everywhere (the simulator's
   * default), 'anonymous' lets anonymous-capable operations run as anonymous.
   */
  badBearer: '401' | 'anonymous';
  /**
   * Test lever, not Jira behaviour: path prefixes for which a proxy in front of Jira drops the
   * Authorization header, so Jira answers them as anonymous (X-AUSERNAME: anonymous).
   */
  proxyDropsAuthorizationFor?: string[];
  /** Project permission keys this instance knows (GET /rest/api/2/permissions). */
  permissionKeys: string[];
}
