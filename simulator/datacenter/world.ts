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
  /**
   * Jira denies this user's Basic login without a CAPTCHA (recorded, jira-captures D3: behind
   * single sign-on, or with a user directory problem): 403, `X-Seraph-LoginReason:
   * AUTHENTICATION_DENIED`, no `X-Authentication-Denied-Reason`.
   */
  loginDenied?: boolean;
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
  /**
   * Recorded (D1): real Data Center 9.12.15 and 10.3.19 answer "Server"; "DataCenter" is
   * documented but was never seen.
   */
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
   * Basic authentication on API calls. An administrator can switch it off (documented since
   * 8.16; reported to be off by default on Jira 11 by the jira.js Data Center guide). Recorded
   * answer when off (D2): 403 `{"message":"Basic Authentication has been disabled on this
   * instance."}`, for any username and password.
   */
  basicAuth: boolean;
  /**
   * A refused personal access token. Recorded on 10.3.19 (D5): a wrong or missing Authorization
   * answers as anonymous (`X-AUSERNAME: anonymous`), so 'anonymous' (default) lets
   * anonymous-capable operations run as anonymous and the others answer 401; '401' refuses it
   * everywhere (older belief, kept as an option).
   */
  badBearer: '401' | 'anonymous';
  /**
   * Personal access tokens switched on for the instance (documented: `atlassian.pats.enabled`,
   * D4). When off, every Bearer token is refused like a wrong one. Default true.
   */
  patsEnabled?: boolean;
  /**
   * Recorded on 10.3.19 (D5): `mypermissions` ignores `permissions=` and returns every key.
   * 'ignored' (default) does that; 'honoured' returns only the keys asked for (Cloud's way).
   */
  myPermissionsFilter?: 'ignored' | 'honoured';
  /**
   * Test lever, not Jira behaviour: path prefixes for which a proxy in front of Jira drops the
   * Authorization header, so Jira answers them as anonymous (X-AUSERNAME: anonymous).
   */
  proxyDropsAuthorizationFor?: string[];
  /** Project permission keys this instance knows (GET /rest/api/2/permissions). */
  permissionKeys: string[];
}
