import { makeFinding } from './catalogue';
import type { CoolingOff } from '../model/input';
import { links } from './links';
import { permissionName } from '../presentation/permission-names';
import type { Finding, ScopeSet } from '../model/report';
import type { RequestOrigin } from '../port/jira-client';

/** Which credential a scope refusal is about: a scoped API token, or an OAuth 2.0 client credential. */
export type ScopeCredential = 'api-token' | 'oauth';

/** A call the gateway refused for its scopes, and what the run could tell about why. */
export interface ScopeRefusal {
  operation: string;
  /** Admin words, e.g. "search issues by JQL". */
  title: string;
  /** The REST call, e.g. `POST /rest/api/3/search/jql`. */
  request: string;
  /** Every scope the call needs, in both forms. */
  scopes: ScopeSet;
  lacking: { scopes: string[]; exact: boolean; source: 'granted' | 'probes' };
  /** Everything the synchronizer needs: what to tick on a new credential. */
  required: ScopeSet;
  credential: ScopeCredential;
}

/** Where a request went: the site itself, or Atlassian's API gateway. */
type Via = 'site' | 'gateway';

/**
 * One builder per finding: the message names what was seen in this run, the steps say what to
 * do, in order. Token remedies follow the checklist that fixes most broken synchronizers:
 * identify the intended user → sign in as that user → create an unscoped token → update the
 * synchronizer → re-run the check.
 */

const RERUN = 'Re-run this check.';

/** "14:05 UTC" from an ISO 8601 time (the panel and the CLI show UTC). */
function clock(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(11, 16)} UTC`;
}

/** What a 429 said about itself: `RateLimit-Reason` and the wait it asked for. */
export interface RateLimitSeen {
  reason?: string | null;
  retryAfterSeconds?: number | null;
}

const tokenChecklist = (who: string): string[] => [
  `Identify the account the synchronizer is meant to use (${who}).`,
  'Sign in to id.atlassian.com as exactly that account (not as your own admin account).',
  'Create a new API token there (an unscoped "API token", not "API token with scopes") and copy it.',
  'Update the synchronizer with that account’s email address and the new token.',
  RERUN,
];

export const remedy = {
  credentialsRejected(
    step: string,
    email: string,
    midRun: boolean,
    serviceAccount?: { gateway: string },
  ): Finding {
    if (serviceAccount && !midRun)
      return makeFinding('CREDENTIALS_REJECTED', {
        step,
        message: `Jira rejected the API token of the service account ${email} with 401. Likely causes, most common first: the token expired (API tokens last at most one year) or was revoked, a typo in the token or the email, the token belongs to another account, or an organisation policy blocks API tokens. Jira answers an expired token exactly like a wrong one.`,
        steps: [
          `In Atlassian Administration → Directory → Service accounts, open ${email} and look at its API tokens: their expiry dates and status (a service account's tokens are managed there, not by signing in as it).`,
          'Create a new API token for the service account there (service-account tokens are scoped: tick the scopes the synchronizer needs) and copy it.',
          `Update the synchronizer with ${email} and the new token; it must connect through ${serviceAccount.gateway} (service-account tokens do not work at the site URL).`,
          RERUN,
        ],
        links: [links.serviceAccounts(), links.apiTokenPolicy()],
      });
    return makeFinding('CREDENTIALS_REJECTED', {
      step,
      message: midRun
        ? `Jira stopped accepting the token for ${email} during the check (401 at step ${step}); it may have been revoked or expired just now.`
        : `Jira rejected the email + API token for ${email} with 401. Likely causes, most common first: the token expired (API tokens last at most one year, and every token created before 15 December 2024 expired between March and May 2026), the token was created while signed in as a different account than ${email} (even another site admin), the token was revoked or an organisation policy blocks API tokens, a typo in the email or token, or the account is deactivated. Jira answers an expired token exactly like a wrong one.`,
      steps: [
        `Signed in as ${email} at id.atlassian.com, look at the token's expiry date; an expired token cannot be renewed, only replaced.`,
        ...tokenChecklist(email).slice(0, -1),
        'If a new token is refused too, ask an organisation admin whether a policy blocks API tokens for this account.',
        RERUN,
      ],
      links: [links.tokenExpiry(), links.apiTokenPolicy(), links.adminUsers()],
    });
  },
  /** Atlassian's token endpoint refused the OAuth 2.0 client credential (the run's one token request). */
  oauthClientRefused(
    step: string,
    seen: { clientId: string; status: number; error: string | null; description: string | null },
    required: ScopeSet,
  ): Finding {
    const said = [seen.error, seen.description].filter(Boolean).join(': ');
    const tick = [
      required.granular.length ? `the granular scopes ${required.granular.join(', ')}` : '',
      required.classic.length ? `the classic scopes ${required.classic.join(', ')}` : '',
    ].filter(Boolean);
    return makeFinding('OAUTH_CLIENT_REFUSED', {
      step,
      details: { status: seen.status, error: seen.error, clientId: seen.clientId },
      message: `Atlassian's token endpoint refused the OAuth 2.0 client ${seen.clientId} (${seen.status}${said ? ` ${said}` : ''}): the client ID or secret is wrong, or the credential was revoked, deleted or has expired. Nothing else was tried with it; the synchronizer gets the same refusal.`,
      steps: [
        `In Atlassian Administration → Directory → Service accounts, open the service account and look at its OAuth 2.0 credentials: one must have the client ID ${seen.clientId} and be active (not revoked, not expired).`,
        'Check the secret the synchronizer holds is that credential’s secret, copied whole (Atlassian shows a secret only once, when the credential is created).',
        `If the secret is lost or the credential is gone, create a new OAuth 2.0 credential for the service account${tick.length ? ` with ${tick.join(', or ')}` : ''}, and give the synchronizer its client ID and secret.`,
        RERUN,
      ],
      links: [links.serviceAccounts()],
    });
  },
  passwordNotToken(step: string, email: string): Finding {
    return makeFinding('PASSWORD_NOT_TOKEN', {
      step,
      message: `Jira answered "Basic authentication with passwords is deprecated". Jira gives this answer for two causes: the synchronizer sends the account password of ${email} instead of an API token, or its Basic authorization header is malformed (for example the token sent without "email:" in front of it).`,
      steps: [
        ...tokenChecklist(email).slice(0, -1),
        'Check the synchronizer sends HTTP Basic "email:token" (the email, a colon, then the token), not the token or the password alone.',
        RERUN,
      ],
      links: [links.apiTokens()],
    });
  },
  scopedTokenAtSite(
    step: string,
    email: string,
    gatewayBase: string,
    acceptedAtGateway: boolean,
    serviceAccount = false,
  ): Finding {
    if (serviceAccount)
      return makeFinding('SCOPED_TOKEN_AT_SITE_URL', {
        step,
        message: acceptedAtGateway
          ? `${email} is a service account, and its API token is rejected at the site URL but accepted at the API gateway. That is how service accounts work: their tokens are always scoped and only work through ${gatewayBase}, never at the site URL.`
          : `${email} is a service account, and its API token is rejected at the site URL but recognised by the API gateway (which complains about its scopes). Service-account tokens only work through ${gatewayBase}, never at the site URL.`,
        steps: [
          `Point the synchronizer at ${gatewayBase} instead of the site URL (a synchronizer that cannot use the API gateway cannot use a service account).`,
          'Keep the service account’s email and token as they are; it is given access to projects through project roles.',
          RERUN,
        ],
        links: [links.serviceAccounts()],
      });
    return makeFinding('SCOPED_TOKEN_AT_SITE_URL', {
      step,
      message: acceptedAtGateway
        ? `The token for ${email} is rejected at the site URL but accepted at the API gateway. That is how scoped API tokens behave: they only work through ${gatewayBase}. (A site policy that refuses API tokens at the site URL would look the same; if the token is not a scoped one, ask your organisation admin.)`
        : `The token for ${email} is rejected at the site URL but recognised by the API gateway (which complains about its scopes): it is a scoped API token.`,
      steps: [
        `Either point the synchronizer at ${gatewayBase} instead of the site URL (if it supports the API gateway),`,
        'or create an unscoped API token as that account and use it with the site URL.',
        RERUN,
      ],
      links: [links.apiTokens()],
    });
  },
  /** A synchronizer call the credential's scopes do not cover (found by a probe at the gateway). */
  operationScopeMissing(step: string, seen: ScopeRefusal): Finding {
    const { title, request, lacking, required } = seen;
    const list = lacking.scopes.join(', ');
    const classic = seen.scopes.classic.length
      ? ` (with classic scopes: ${seen.scopes.classic.join(', ')})`
      : '';
    const what =
      lacking.source === 'granted'
        ? `Atlassian's token answer does not list ${lacking.scopes.length === 1 ? 'the scope' : 'the scopes'} ${list}, which this call needs`
        : lacking.exact
          ? `the token lacks the scope ${list}${classic}`
          : `the token lacks at least one of ${list}${classic}: the scopes of this call that no other call proved held`;
    const oauth = seen.credential === 'oauth';
    const tick = [
      required.granular.length ? `the granular scopes ${required.granular.join(', ')}` : '',
      required.classic.length ? `the classic scopes ${required.classic.join(', ')}` : '',
    ].filter(Boolean);
    return makeFinding('TOKEN_SCOPE_INSUFFICIENT', {
      step,
      operation: seen.operation,
      scopes: seen.scopes,
      details: {
        request,
        missingScopes: lacking.scopes,
        exact: lacking.exact,
        source: lacking.source,
      },
      message: `The ${oauth ? 'OAuth 2.0 credential' : 'scoped token'} may not ${title} (${request}): ${what}. The API gateway's scope check refused a probe that reads nothing of value and changes nothing (401, X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK); the synchronizer's first attempt to ${title} will fail the same way.`,
      steps: [
        oauth
          ? `Give the service account's OAuth 2.0 credential every scope the synchronizer needs (Atlassian Administration → Directory → Service accounts → the account → its OAuth 2.0 credential): ${tick.join(', or ')}.`
          : `Create a new scoped API token for the sync account (a token's scopes cannot be changed later) and tick exactly ${tick.join(', or ')}.`,
        oauth
          ? 'Give the synchronizer the new client secret if the credential had to be replaced.'
          : 'Update the synchronizer with the new token.',
        RERUN,
      ],
      links: [oauth ? links.serviceAccounts() : links.apiTokens()],
    });
  },
  anonymousFallback(step: string, email: string, operation: string): Finding {
    return makeFinding('ANONYMOUS_FALLBACK', {
      step,
      message: `Jira answered ${operation} as an anonymous user although credentials for ${email} were sent. This is the "empty project list" trap: the synchronizer sees nothing because it is not logged in.`,
      steps: tokenChecklist(email),
      links: [links.apiTokens()],
      details: {
        technical: 'X-Seraph-LoginReason: AUTHENTICATED_FAILED, or no X-AAccountId header',
      },
    });
  },
  /**
   * D3: `X-Seraph-LoginReason: AUTHENTICATION_DENIED` without
   * `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE`. Most often still the CAPTCHA, but it was
   * also recorded behind single sign-on and with user directory problems; only the header proves
   * a CAPTCHA.
   */
  loginDenied(step: string, who: string): Finding {
    return makeFinding('LOGIN_DENIED', {
      step,
      message: `Jira denied the login of ${who} (X-Seraph-LoginReason: AUTHENTICATION_DENIED) without saying why. Causes seen with this answer: a CAPTCHA after repeated failed logins (the most common; Jira did not send X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE, which would prove it), single sign-on in front of Jira that refuses password logins, or the user directory (e.g. Crowd or LDAP) refusing or not answering. This check made no further attempt with these credentials.`,
      steps: [
        'Stop the synchronizer so it does not keep failing.',
        `Sign in to the site in a browser as ${who}: if Jira shows a CAPTCHA, answer it (or have an administrator reset the failed-login count).`,
        'If the browser sign-in goes through single sign-on, the password cannot be used for API calls: give the synchronizer a token instead (an API token on Jira Cloud, a personal access token sent as Bearer on Data Center).',
        'Otherwise ask a Jira administrator whether the user directory the account belongs to is reachable.',
        RERUN,
      ],
    });
  },
  /** D2 (Data Center): Basic authentication switched off for API calls. */
  basicAuthDisabled(step: string, who: string): Finding {
    return makeFinding('BASIC_AUTH_DISABLED', {
      step,
      message: `Jira answered 403 "Basic Authentication has been disabled on this instance." for ${who}: an administrator has switched off Basic authentication for API calls, so Jira refuses every username and password, right or wrong. This check made no further attempt with these credentials.`,
      steps: [
        `Sign in to Jira as ${who} and create a personal access token (Profile → Personal Access Tokens).`,
        'Configure the synchronizer to send it as "Authorization: Bearer <token>" instead of the username and password (credential-doctor: --auth bearer).',
        'Only if the synchronizer cannot send a token: ask a Jira administrator to allow Basic authentication for it (Administration → System → Authentication methods: "Allow basic authentication on API calls", or an allowlist for its user).',
        RERUN,
      ],
    });
  },
  loginChallenge(step: string, email: string): Finding {
    return makeFinding('LOGIN_CHALLENGE', {
      step,
      message: `Jira demands an interactive login (CAPTCHA) for ${email} before it accepts API calls (X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE), usually after repeated failed logins.`,
      steps: [
        `Stop the synchronizer so it does not keep failing.`,
        `Sign in to the site in a browser as ${email} and complete the challenge.`,
        'Fix the credentials the synchronizer uses (see the other findings), then restart it.',
        RERUN,
      ],
      links: [links.apiTokens()],
    });
  },
  wrongAccount(step: string, actual: string, expected: string): Finding {
    return makeFinding('WRONG_ACCOUNT', {
      step,
      message: `The credentials authenticate as ${actual}, not as the intended sync user ${expected}. The synchronizer acts as the wrong account.`,
      steps: tokenChecklist(expected),
      links: [links.apiTokens()],
    });
  },
  whitespace(step: string, fields: string[]): Finding {
    return makeFinding('TOKEN_WHITESPACE', {
      step,
      message: `The ${fields.join(' and ')} had surrounding whitespace, line breaks or quotes; this check used the cleaned value, but a synchronizer may send it as pasted.`,
      steps: [
        'Paste the value into the synchronizer again without spaces, line breaks or quotes.',
        RERUN,
      ],
    });
  },
  accountInactive(step: string, who: string): Finding {
    return makeFinding('ACCOUNT_INACTIVE', {
      step,
      message: `The sync user ${who} is deactivated; Jira refuses every login for it.`,
      steps: [
        'Reactivate the account in Atlassian Administration (Directory → Users), or choose an active sync user.',
        'If it was reactivated, create a fresh API token as that user and update the synchronizer.',
        RERUN,
      ],
      links: [links.adminUsers()],
    });
  },
  appAccount(
    step: string,
    who: string,
    service?: { gateway: string; viaGateway: boolean },
  ): Finding {
    if (service)
      return makeFinding('APP_ACCOUNT', {
        step,
        details: { serviceAccount: true },
        message: `The sync user ${who} is an Atlassian service account (an app account). A service account works only through the API gateway, ${service.gateway}, with a scoped API token or an OAuth 2.0 client credential — never at the site URL — and is given access to projects through project roles (whether groups can include it is not documented).`,
        steps: [
          'Grant the service account access through project roles: add it to a role such as atlassian-addons-project-access or Developers in each target project (Project settings → People).',
          service.viaGateway
            ? `Keep the synchronizer on the API gateway address ${service.gateway}, as this check used it.`
            : `Make sure the synchronizer connects through ${service.gateway}, not the site URL.`,
          RERUN,
        ],
        links: [links.serviceAccounts()],
      });
    return makeFinding('APP_ACCOUNT', {
      step,
      message: `The sync user ${who} is an app account (an app or service account). Connect app users belong to Atlassian's own atlassian-addons groups; whether other groups can include app and service accounts is not documented, so grants through groups may not reach it.`,
      steps: [
        'Grant access through project roles (e.g. add it to a role such as atlassian-addons-project-access or Developers in each target project): that works for app and service accounts.',
        RERUN,
      ],
    });
  },
  customerAccount(step: string, who: string): Finding {
    return makeFinding('CUSTOMER_ACCOUNT', {
      step,
      message: `The sync user ${who} is a portal-only customer account. Customers can raise requests in the portal but cannot create or edit issues through the REST API.`,
      steps: [
        'Use a licensed Jira user (an agent for Service Management projects) as the sync user.',
        'Create an API token as that user and update the synchronizer.',
        RERUN,
      ],
      links: [links.adminUsers()],
    });
  },
  noProductAccess(step: string, who: string): Finding {
    return makeFinding('NO_PRODUCT_ACCESS', {
      step,
      message: `The sync user ${who} has no Jira product access (no application role), so no project grants it anything.`,
      steps: [
        'In Atlassian Administration → Products / Directory, give the user access to Jira (and Jira Service Management for service projects).',
        RERUN,
      ],
      links: [links.productAccess()],
    });
  },
  noProjectsVisible(step: string, who: string, site: string): Finding {
    return makeFinding('NO_PROJECTS_VISIBLE', {
      step,
      message: `${who} is logged in but cannot see a single project: the synchronizer's project list will be empty.`,
      steps: [
        'Give the user Browse Projects in the target projects, usually by adding it to a project role (People page of the project) that the permission scheme grants Browse Projects to.',
        RERUN,
      ],
      links: [links.projects(site)],
    });
  },
  projectNotVisible(
    step: string,
    who: string,
    key: string,
    site: string,
    existsKnown: boolean,
  ): Finding {
    return makeFinding('PROJECT_NOT_VISIBLE', {
      step,
      project: key,
      message: existsKnown
        ? `Project ${key} exists, but ${who} cannot see it (no Browse Projects).`
        : `${who} cannot see project ${key}: either it lacks Browse Projects there or no project has that key (with the sync user's token alone Jira answers the same for both; add an admin check to tell them apart).`,
      steps: [
        ...(existsKnown ? [] : [`Check the key ${key} is right.`]),
        `Add ${who} to a project role of ${key} that has Browse Projects (Project settings → People).`,
        RERUN,
      ],
      links: [links.projectPeople(site, key), links.projectPermissions(site, key)],
    });
  },
  projectNotFound(step: string, key: string, site: string): Finding {
    return makeFinding('PROJECT_NOT_FOUND', {
      step,
      project: key,
      message: `No project with key ${key} exists on this site (an administrator's search found none).`,
      steps: [
        `Correct or remove ${key} in the synchronizer's project list (keys change when a project is renamed or moved).`,
        RERUN,
      ],
      links: [links.projects(site)],
    });
  },
  projectArchived(step: string, key: string, site: string): Finding {
    return makeFinding('PROJECT_ARCHIVED', {
      step,
      project: key,
      message: `Project ${key} is archived. Jira leaves archived projects out of project searches and keeps them read-only, so a synchronizer cannot work in it.`,
      steps: [
        `If the synchronizer should keep working in ${key}, restore it (Jira settings → Projects → Archived projects → Restore).`,
        `Otherwise remove ${key} from the synchronizer's configuration.`,
        RERUN,
      ],
      links: [links.projects(site)],
    });
  },
  projectInTrash(step: string, key: string, site: string): Finding {
    return makeFinding('PROJECT_IN_TRASH', {
      step,
      project: key,
      message: `Project ${key} is in the trash (recycle bin). Jira leaves it out of project searches and deletes it for good when its retention period ends.`,
      steps: [
        `If the synchronizer should keep working in ${key}, restore it from the trash (Jira settings → Projects → Trash → Restore) before it is deleted permanently.`,
        `Otherwise remove ${key} from the synchronizer's configuration.`,
        RERUN,
      ],
      links: [links.projects(site)],
    });
  },
  missingPermission(
    step: string,
    who: string,
    key: string,
    permission: string,
    site: string,
    explanation?: { recommendation: string | null; grantsInScheme: string[]; userRoles: string[] },
  ): Finding {
    const name = permissionName(permission);
    const known = explanation
      ? ` In its permission scheme ${name} goes to: ${explanation.grantsInScheme.join(', ') || 'nobody'}; the user is in ${
          explanation.userRoles.length
            ? `project role${explanation.userRoles.length === 1 ? '' : 's'} ${explanation.userRoles.join(', ')}`
            : 'no project role'
        } there.`
      : '';
    return makeFinding('MISSING_PERMISSION', {
      step,
      project: key,
      permission,
      message: `${who} lacks ${name} in project ${key}.${known}`,
      steps: [
        ...(explanation?.recommendation
          ? [explanation.recommendation]
          : [
              `Add ${who} to a project role of ${key} that the project's permission scheme grants ${name} (Project settings → People),`,
              `or add a grant of ${name} to a role the user already has (Project settings → Permissions).`,
            ]),
        RERUN,
      ],
      links: [links.projectPeople(site, key), links.projectPermissions(site, key)],
    });
  },
  jsmAgentRequired(step: string, who: string, key: string): Finding {
    return makeFinding('JSM_AGENT_REQUIRED', {
      step,
      project: key,
      message: `${key} is a Service Management project and ${who} has no Jira Service Management agent access; without an agent licence it cannot create or edit issues there through the REST API.`,
      steps: [
        `Give ${who} Jira Service Management product access (an agent licence) in Atlassian Administration.`,
        `Add it to the Service Desk Team role of ${key}.`,
        RERUN,
      ],
      links: [links.productAccess()],
    });
  },
  overPrivileged(step: string, who: string, site: string): Finding {
    return makeFinding('OVER_PRIVILEGED', {
      step,
      message: `${who} holds Administer Jira. A synchronizer does not need it; a leaked token would give full control of the site.`,
      steps: [
        'Remove the user from the groups that grant Administer Jira (Global permissions).',
        'Grant only the project permissions the synchronizer needs, through a project role.',
        RERUN,
      ],
      links: [links.globalPermissions(site)],
    });
  },
  checkerNotAdmin(step: string, reason: string): Finding {
    return makeFinding('CHECKER_NOT_ADMIN', {
      step,
      message: reason,
      steps: [
        'Run the admin part of the check with the credentials of a user who holds Administer Jira (or from the Jira admin page of the app).',
        RERUN,
      ],
    });
  },
  /**
   * `from`: where the refused request left from. From Forge (the app's token check) the refusal
   * is about Atlassian's Forge platform, not about the synchronizer's host: the advice says so.
   */
  ipNotAllowed(step: string, from: RequestOrigin = 'host'): Finding {
    if (from === 'forge') {
      return makeFinding('IP_NOT_ALLOWED', {
        step,
        message:
          "The site's IP allowlist rejected the request. It was sent from Atlassian's Forge platform (this app's outgoing connection), not from the synchronizer's host, so it says nothing yet about the synchronizer's own address.",
        steps: [
          'Check the credentials from the synchronizer\'s host instead ("Check from the synchronizer\'s host" below the form): that request leaves from the address the allowlist must allow.',
          "If that check is refused by the allowlist too, ask an organisation admin to add the synchronizer host's public IP address (or range) to the IP allowlist that covers Jira.",
        ],
        links: [links.ipAllowlist()],
      });
    }
    return makeFinding('IP_NOT_ALLOWED', {
      step,
      message:
        "The site's IP allowlist rejected the request: the machine running the check (and probably the synchronizer) is not on the allowed list.",
      steps: [
        "Ask an organisation admin to add the synchronizer host's public IP address (or range) to the IP allowlist that covers Jira.",
        'Run the check again from the synchronizer host.',
      ],
      links: [links.ipAllowlist()],
    });
  },
  tlsError(step: string, target: string, detail: string): Finding {
    return makeFinding('TLS_ERROR', {
      step,
      message: `The TLS connection to ${target} failed (${detail}). An intercepting proxy or antivirus often replaces Atlassian's certificate.`,
      steps: [
        "Trust the proxy's root certificate on this host (for Node: NODE_EXTRA_CA_CERTS=/path/to/ca.pem), or exempt Atlassian hosts from TLS inspection.",
        'Check the system clock is correct.',
        RERUN,
      ],
    });
  },
  siteUnreachable(step: string, target: string, detail: string, via: Via = 'site'): Finding {
    if (via === 'gateway')
      return makeFinding('SITE_UNREACHABLE', {
        step,
        message: `The Atlassian API gateway (api.atlassian.com) could not be reached (${detail}).`,
        steps: [
          'Check DNS, proxy and firewall settings of the host running the check: it must reach api.atlassian.com, as a synchronizer with a scoped token does.',
          RERUN,
        ],
        links: [links.status()],
      });
    return makeFinding('SITE_UNREACHABLE', {
      step,
      message: `${target} could not be reached or is not a Jira Cloud site (${detail}).`,
      steps: [
        'Check the site URL (https://your-site.atlassian.net, without a path).',
        'Check DNS, proxy and firewall settings of the host running the check.',
        RERUN,
      ],
      links: [links.status()],
    });
  },
  loginCoolingOff(step: string, email: string, coolingOff: CoolingOff): Finding {
    const { refusedAt, until } = coolingOff;
    const reason = coolingOff.reason ?? 'refused';
    const causedBy = coolingOff.causedBy ?? [];
    const details: Record<string, unknown> = {
      reason,
      ...(causedBy.length ? { causedBy } : {}),
      ...(coolingOff.guard ? { guard: coolingOff.guard } : {}),
    };
    const who = causedBy.length
      ? ` The refused ${causedBy.length === 1 ? 'check was' : 'checks were'} run by ${causedBy.join(', ')}.`
      : '';
    const lift =
      'A Jira administrator who knows the token is right can lift the cooling-off from this finding on the Credential Doctor administration page.';
    if (reason === 'unavailable') {
      return makeFinding('LOGIN_COOLING_OFF', {
        step,
        details,
        message: `The token for ${email} was not tried: the app's store did not answer (it may be over its per-minute quota), so the app cannot tell whether Jira refused these credentials minutes ago, and every refused try is a failed login on that account. Nothing about the token was concluded from this run.`,
        steps: ['Try again in a minute.'],
      });
    }
    if (reason === 'busy') {
      return makeFinding('LOGIN_COOLING_OFF', {
        step,
        details,
        message: `The token for ${email} was not tried: another check of ${email} is logging in right now, and parallel tries of a wrong token would each be a failed login on that account. Nothing about the token was concluded from this run.`,
        steps: ['Try again in a minute.'],
      });
    }
    if (reason === 'too-many-tokens') {
      return makeFinding('LOGIN_COOLING_OFF', {
        step,
        details,
        message: `The token for ${email} was not tried: Jira refused several other tokens for ${email} in the last minutes (the last at ${clock(refusedAt)}), and every refused try is a failed login on that account (repeated failures lock it or make Jira demand a CAPTCHA).${who} Nothing about the token was concluded from this run.`,
        steps: [
          `Make sure the token was created by ${email} and is not expired or revoked before trying it.`,
          `Run the check with the token again after ${clock(until)}.`,
          lift,
        ],
      });
    }
    return makeFinding('LOGIN_COOLING_OFF', {
      step,
      details,
      message: `The token for ${email} was not tried: Jira refused these credentials for ${email} at ${clock(refusedAt)}, and every refused try counts as a failed login on that account (repeated failures lock it or make Jira demand a CAPTCHA).${who} Nothing about the token was concluded from this run.`,
      steps: [
        `Check that the token was created by ${email} and is not expired or revoked (the remedy of the refused run says how).`,
        `Run the check with the token again after ${clock(until)}, or with another token now.`,
        lift,
      ],
    });
  },

  rateLimited(step: string, operation: string, limit: RateLimitSeen = {}): Finding {
    const reason = limit.reason ? ` (RateLimit-Reason: ${limit.reason})` : '';
    const wait =
      limit.retryAfterSeconds !== undefined && limit.retryAfterSeconds !== null
        ? ` Jira asked to wait ${limit.retryAfterSeconds} s.`
        : '';
    return makeFinding('RATE_LIMITED', {
      step,
      message: `Jira kept answering 429 (rate limited${reason}) for ${operation} after bounded retries; nothing was concluded from this step.${wait}`,
      steps: [
        limit.retryAfterSeconds
          ? `Wait at least ${limit.retryAfterSeconds} s (other integrations may be using the same budget).`
          : 'Wait a minute (other integrations may be using the same budget).',
        RERUN,
      ],
    });
  },
  jiraUnavailable(
    step: string,
    operation: string,
    detail: string,
    status: number | null = null,
  ): Finding {
    return makeFinding('JIRA_UNAVAILABLE', {
      step,
      message: `Jira did not answer ${operation} usefully (${detail}) after bounded retries; nothing was concluded from this step.`,
      steps: ['Check the Atlassian status page.', RERUN],
      links: [links.status()],
      ...(status === null ? {} : { details: { status, operation } }),
    });
  },
  /**
   * A3 (recorded: Atlassian's GitHub for Jira app, pull 1193): after a 503, the site's own
   * `GET /status` answering 503 means the site is deactivated, suspended or gone, not down.
   */
  siteSuspended(step: string, site: string, operation: string): Finding {
    return makeFinding('SITE_SUSPENDED', {
      step,
      message: `${site} answered 503 to ${operation}, and the site's status page (${site}/status) answers 503 too: Jira Cloud says the site is suspended, deactivated or no longer exists. This is not an outage, so waiting and retrying will not help; the synchronizer fails the same way.`,
      steps: [
        `Ask the site's administrator or billing contact to check the site's subscription in Atlassian Administration (a suspended site is usually an unpaid bill or an ended trial; a deactivated one was closed by its owner).`,
        'If the site was renamed or moved, give the synchronizer its new address.',
        RERUN,
      ],
      links: [links.billing(), links.status()],
    });
  },
  unexpectedResponse(step: string, operation: string, detail: string): Finding {
    return makeFinding('UNEXPECTED_RESPONSE', {
      step,
      message: `Jira's answer to ${operation} is not what Jira documents (${detail}); nothing was concluded from it.`,
      steps: [
        RERUN,
        'If it persists, check for a proxy rewriting responses between this host and Jira.',
      ],
    });
  },
  unknownPermissionKey(step: string, key: string, why: 'missing' | 'global'): Finding {
    return makeFinding('UNKNOWN_PERMISSION_KEY', {
      step,
      permission: key,
      details: {
        technical:
          why === 'missing' ? 'GET /rest/api/3/permissions does not list it' : 'type GLOBAL',
      },
      message:
        why === 'missing'
          ? `${key} is not a permission on this site (Jira's list of permissions does not include it), so it was not checked.`
          : `${key} is a global permission, not a project permission, so it cannot be checked per project.`,
      steps: [
        why === 'missing'
          ? `Remove ${key} from the required permissions (check the spelling; app-defined permissions exist only while the app is installed).`
          : `Remove ${key} from the project permissions; check global permissions in Jira settings → System → Global permissions.`,
        RERUN,
      ],
    });
  },
  userNotFound(step: string, user: string): Finding {
    const byEmail = user.includes('@');
    return makeFinding('USER_NOT_FOUND', {
      step,
      message: byEmail
        ? `No Jira user matches ${user}. The address may be wrong, or the user's privacy settings hide it from search.`
        : `No Jira user has the account ID ${user}. The ID may be mistyped, or belong to another site's directory.`,
      steps: [
        byEmail
          ? 'Check the sync user’s email address, or give its account ID instead (shown in the URL of its profile page).'
          : 'Copy the account ID again from the URL of the sync user’s profile page, or search the user by name.',
        RERUN,
      ],
      links: [links.adminUsers()],
    });
  },
};
