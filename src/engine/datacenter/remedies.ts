import { makeFinding } from '../findings/catalogue';
import type { Finding, Link } from '../model/report';

/**
 * Finding texts for Jira Data Center / Server: the same codes as on Cloud, with the fixes that
 * exist there (passwords and personal access tokens, the instance's own user management, the
 * CAPTCHA after failed logins) instead of Atlassian-account pages.
 */

export type DcScheme = 'basic' | 'bearer';

const RERUN = 'Re-run this check.';

const dcLinks = {
  personalAccessTokens: (site: string): Link => ({
    label: 'Personal access tokens of the signed-in user (Profile → Personal Access Tokens)',
    // Observed URL of the PAT tab of the profile page (Jira 8.14+).
    url: `${site}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`,
  }),
  userManagement: (site: string): Link => ({
    label: 'User management (Administration → User management)',
    url: `${site}/secure/admin/user/UserBrowser.jspa`,
  }),
  projectRoles: (site: string, key: string): Link => ({
    label: `Users and roles of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/roles`,
  }),
  projectPermissions: (site: string, key: string): Link => ({
    label: `Permissions of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/permissions`,
  }),
  globalPermissions: (site: string): Link => ({
    label: 'Global permissions',
    url: `${site}/secure/admin/GlobalPermissions!default.jspa`,
  }),
};

/**
 * Reported, not documented by Atlassian: failed token logins do not count towards the CAPTCHA
 * (github.com/gitlab-org/gitlab issue 385517); docs/jira-behaviour.md.
 */
const TOKEN_AVOIDS_CAPTCHA =
  'a token is no password login, and users report that it does not trigger the CAPTCHA';

function credentialSteps(who: string, scheme: DcScheme, site: string): string[] {
  return scheme === 'bearer'
    ? [
        `Sign in to Jira as ${who} (the account the synchronizer is meant to use).`,
        'Create a personal access token under Profile → Personal Access Tokens and copy it.',
        'Update the synchronizer with the new token, sent as "Authorization: Bearer <token>".',
        RERUN,
      ]
    : [
        `Stop the synchronizer first: every failed Basic login of ${who} counts towards Jira's CAPTCHA limit (by default 3).`,
        `Check the username and password of ${who} by signing in to ${site} in a browser.`,
        `Prefer a personal access token sent as Bearer (credential-doctor: --auth bearer): ${TOKEN_AVOIDS_CAPTCHA}.`,
        'Update the synchronizer, then restart it.',
        RERUN,
      ];
}

export const dcRemedy = {
  credentialsRejected(
    step: string,
    site: string,
    scheme: DcScheme,
    who: string,
    options: { midRun: boolean },
  ): Finding {
    const message = options.midRun
      ? `Jira stopped accepting the credentials of ${who} during the check (at step ${step}).`
      : scheme === 'bearer'
        ? `Jira refused the personal access token sent as Bearer (401). Likely causes: the token was revoked or has expired (an administrator can give tokens a maximum lifetime), it was mistyped, its owner is deactivated, personal access tokens are switched off on this instance (an administrator can switch them off for everyone) — or the secret is a password, which Jira accepts only as Basic with a username (--username NAME).`
        : `Jira refused username ${who} with the secret sent as Basic (401). Likely causes: a wrong or changed password (directory password changes included), a typo in the username, a deactivated account — or the secret is a personal access token, which Jira accepts only as Bearer (--auth bearer), not as a Basic password. (Basic authentication switched off is answered differently, with 403, and reported on its own.)`;
    const steps = credentialSteps(who, scheme, site);
    if (scheme === 'bearer' && !options.midRun)
      steps.splice(
        steps.length - 1,
        0,
        'If every token is refused, even a new one, ask a Jira administrator whether personal access tokens are switched off on this instance, or limited in number or lifetime.',
      );
    return makeFinding('CREDENTIALS_REJECTED', {
      step,
      message,
      steps,
      links: [dcLinks.personalAccessTokens(site), dcLinks.userManagement(site)],
      details: { scheme },
    });
  },
  /** D2: Basic switched off for API calls; the fix is a personal access token. */
  basicAuthDisabled(step: string, who: string, site: string): Finding {
    return makeFinding('BASIC_AUTH_DISABLED', {
      step,
      message: `Jira answered 403 "Basic Authentication has been disabled on this instance." for ${who}: an administrator has switched off Basic authentication for API calls (possible since Jira 8.16), so every username and password is refused, right or wrong. This check made no further attempt with these credentials.`,
      steps: [
        `Sign in to Jira as ${who} and create a personal access token under Profile → Personal Access Tokens.`,
        'Configure the synchronizer to send it as "Authorization: Bearer <token>" instead of the username and password (credential-doctor: --auth bearer).',
        'Only if the synchronizer cannot send a token: ask a Jira administrator to allow Basic authentication for it (Administration → System → Authentication methods: "Allow basic authentication on API calls", or an allowlist for this user).',
        RERUN,
      ],
      links: [dcLinks.personalAccessTokens(site)],
      details: { scheme: 'basic' },
    });
  },
  /** D3: AUTHENTICATION_DENIED without the CAPTCHA header. */
  loginDenied(step: string, who: string, site: string): Finding {
    return makeFinding('LOGIN_DENIED', {
      step,
      message: `Jira denied the login of ${who} (X-Seraph-LoginReason: AUTHENTICATION_DENIED) without saying why. Causes seen with this answer: a CAPTCHA after repeated failed logins (the most common, but Jira did not send X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE, which would prove it), single sign-on in front of Jira that refuses password logins, or the user directory (e.g. Crowd or LDAP) refusing or not answering. This check made no further attempt with these credentials.`,
      steps: [
        'Stop the synchronizer so it does not keep failing.',
        `Sign in once through the browser at ${site} as ${who}: if Jira shows a CAPTCHA, answer it, or have a Jira administrator reset the failed-login count (User management → the user → Reset failed login count).`,
        'If the browser sign-in goes through single sign-on, the password cannot be used for API calls: give the synchronizer a personal access token sent as Bearer (credential-doctor: --auth bearer).',
        'Otherwise ask a Jira administrator whether the user directory of this account is reachable (Administration → User management → User directories).',
        RERUN,
      ],
      links: [dcLinks.userManagement(site), dcLinks.personalAccessTokens(site)],
    });
  },
  /** A Bearer token refused with Cloud's own answer: the site expects Basic email + API token. */
  bearerAtCloud(step: string): Finding {
    return makeFinding('CREDENTIALS_REJECTED', {
      step,
      message:
        'A Bearer token was refused with "Failed to parse Connect Session Auth Token": this site expects Basic authentication (email + API token), which is how Jira Cloud answers; the wrong scheme was used.',
      steps: [
        'Run the check without --deployment datacenter and --auth bearer, with --email and the API token.',
        RERUN,
      ],
      details: { scheme: 'bearer' },
    });
  },
  loginChallenge(step: string, who: string, site: string): Finding {
    return makeFinding('LOGIN_CHALLENGE', {
      step,
      message: `Jira demands a CAPTCHA for ${who} (X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE) after repeated failed logins; until it is solved every REST call with this username is refused. This check made no further attempt with these credentials.`,
      steps: [
        'Stop the synchronizer so it does not keep failing.',
        `Sign in once through the browser at ${site} as ${who} and answer the CAPTCHA, or have a Jira administrator reset the failed-login count (User management → the user → Reset failed login count).`,
        `Fix the credentials the synchronizer uses (prefer a personal access token sent as Bearer: ${TOKEN_AVOIDS_CAPTCHA}), then restart it.`,
        RERUN,
      ],
      links: [dcLinks.userManagement(site)],
    });
  },
  anonymousFallback(step: string, who: string, operation: string, site: string): Finding {
    return makeFinding('ANONYMOUS_FALLBACK', {
      step,
      message: `Jira answered ${operation} as an anonymous user (X-AUSERNAME: anonymous or X-Seraph-LoginReason: AUTHENTICATED_FAILED) although credentials for ${who} were sent: the synchronizer sees only what anonymous users may see. A proxy in front of Jira that drops the Authorization header looks the same.`,
      steps: [
        `Check the credentials of ${who} (see the other findings) and that every proxy in front of Jira passes the Authorization header through.`,
        RERUN,
      ],
      links: [dcLinks.personalAccessTokens(site)],
    });
  },
  wrongAccount(step: string, actual: string, expected: string, site: string): Finding {
    return makeFinding('WRONG_ACCOUNT', {
      step,
      message: `The credentials authenticate as ${actual}, not as the intended sync user ${expected}. The synchronizer acts as the wrong account.`,
      steps: [
        `Sign in to Jira as ${expected} and create a personal access token there (a token always acts as the user who created it),`,
        `or give the synchronizer the username and password of ${expected}.`,
        RERUN,
      ],
      links: [dcLinks.personalAccessTokens(site)],
    });
  },
  accountInactive(step: string, who: string, site: string): Finding {
    return makeFinding('ACCOUNT_INACTIVE', {
      step,
      message: `The sync user ${who} is inactive; Jira refuses every login and every token of it.`,
      steps: ['Activate the user in User management (or choose an active sync user).', RERUN],
      links: [dcLinks.userManagement(site)],
    });
  },
  userNotFound(step: string, user: string, site: string): Finding {
    return makeFinding('USER_NOT_FOUND', {
      step,
      message: `No Jira user has the username ${user}.`,
      steps: ['Check the sync user’s username (User management shows it).', RERUN],
      links: [dcLinks.userManagement(site)],
    });
  },
};
