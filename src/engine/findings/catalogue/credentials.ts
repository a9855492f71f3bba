import { adminPages } from './admin-pages';
import { defineCodes } from './define';
import {
  RERUN,
  TOKEN_AVOIDS_CAPTCHA,
  dcCredentialSteps,
  tokenChecklist,
  type DcScheme,
  type ScopeRefusal,
} from './wording';
import { dcLinks, links } from '../links';
import type { Finding, ScopeSet, TokenExpiryEntry } from '../../model/report';
import {
  ERROR_DAYS,
  RERUN_EXPIRY,
  createTokenStep,
  day,
  inDays,
  type ExpiryContext,
} from './expiry-wording';

/** Credentials: the sync user cannot sign in, or signs in as the wrong account. */
export const CREDENTIALS = defineCodes({
  CREDENTIALS_REJECTED: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira rejects the email and API token',
    meaning:
      '401 for email + token at the site: expired, revoked, typo, deactivated user, or a token created by a different account than the email',
    panelNote: 'Jira rejected the email and API token.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      credentialsRejected(
        step: string,
        email: string,
        midRun: boolean,
        serviceAccount?: { gateway: string },
      ): Finding {
        if (serviceAccount && !midRun)
          return make({
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
        return make({
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
    }),
    datacenter: (make) => ({
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
        const steps = dcCredentialSteps(who, scheme, site);
        if (scheme === 'bearer' && !options.midRun)
          steps.splice(
            steps.length - 1,
            0,
            'If every token is refused, even a new one, ask a Jira administrator whether personal access tokens are switched off on this instance, or limited in number or lifetime.',
          );
        return make({
          step,
          message,
          steps,
          links: [dcLinks.personalAccessTokens(site), dcLinks.userManagement(site)],
          details: { scheme },
        });
      },
      /** A Bearer token refused with Cloud's own answer: the site expects Basic email + API token. */
      bearerAtCloud(step: string): Finding {
        return make({
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
    }),
  },
  PASSWORD_NOT_TOKEN: {
    category: 'credentials',
    severity: 'error',
    title: 'A password is used instead of an API token',
    meaning: 'a password was sent instead of an API token',
    panelNote: 'A password was sent instead of an API token.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      passwordNotToken(step: string, email: string): Finding {
        return make({
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
    }),
  },
  SCOPED_TOKEN_AT_SITE_URL: {
    category: 'credentials',
    severity: 'error',
    title: 'A scoped API token is used at the site address',
    meaning:
      'rejected at the site URL but accepted at the gateway: a scoped token; use the gateway URL or an unscoped token',
    docs: 'rejected at the site URL but accepted at the gateway: a scoped token; use the gateway URL or an unscoped token (for a service account: the gateway URL, the only place its tokens work)',
    panelNote: 'A scoped API token only works through the API gateway, not the site URL.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      scopedTokenAtSite(
        step: string,
        email: string,
        gatewayBase: string,
        acceptedAtGateway: boolean,
        serviceAccount = false,
      ): Finding {
        if (serviceAccount)
          return make({
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
        return make({
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
    }),
  },
  TOKEN_SCOPE_INSUFFICIENT: {
    category: 'credentials',
    severity: 'error',
    title: 'The scoped token lacks a scope',
    meaning: 'scoped token accepted but missing a scope a required operation needs',
    docs: "scoped token (or OAuth 2.0 credential) accepted but missing a scope one of the synchronizer's calls needs, reads included; carries `operation`, `scopes` (classic and granular) and `details.missingScopes` (the scope(s) it lacks); the fix lists every scope to tick",
    panelNote: 'The scoped token lacks a scope the integration needs.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
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
        return make({
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
    }),
  },
  ANONYMOUS_FALLBACK: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira treats the integration as not logged in',
    meaning: 'Jira answered as anonymous although credentials were sent',
    panelNote: 'Jira treated the integration as an anonymous visitor.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      anonymousFallback(step: string, email: string, operation: string): Finding {
        return make({
          step,
          message: `Jira answered ${operation} as an anonymous user although credentials for ${email} were sent. This is the "empty project list" trap: the synchronizer sees nothing because it is not logged in. The answer does not say why Jira did not take the credentials: a wrong, expired or revoked token, but also a scoped token (or a service account's token) sent to the site address instead of the API gateway, API tokens blocked by an organisation policy, or a deactivated account.`,
          steps: [
            'If the synchronizer holds a scoped token or a service account’s token: give it the gateway address https://api.atlassian.com/ex/jira/<cloudId> instead of the site address; if an organisation admin blocks API tokens by policy, ask them to allow this account’s.',
            ...tokenChecklist(email),
          ],
          links: [links.apiTokens()],
          details: {
            technical: 'X-Seraph-LoginReason: AUTHENTICATED_FAILED, or no X-AAccountId header',
          },
        });
      },
    }),
    datacenter: (make) => ({
      anonymousFallback(step: string, who: string, operation: string, site: string): Finding {
        return make({
          step,
          message: `Jira answered ${operation} as an anonymous user (X-AUSERNAME: anonymous or X-Seraph-LoginReason: AUTHENTICATED_FAILED) although credentials for ${who} were sent: the synchronizer sees only what anonymous users may see. A proxy in front of Jira that drops the Authorization header looks the same.`,
          steps: [
            `Check the credentials of ${who} (see the other findings) and that every proxy in front of Jira passes the Authorization header through.`,
            RERUN,
          ],
          links: [dcLinks.personalAccessTokens(site)],
        });
      },
    }),
  },
  LOGIN_CHALLENGE: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira asks for an interactive login (CAPTCHA)',
    meaning: 'Jira demands an interactive login (CAPTCHA) before the API accepts this account',
    docs: 'Jira demands an interactive login (CAPTCHA) before the API accepts this account: `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE` (#23: without that header it is `LOGIN_DENIED`)',
    panelNote: 'Jira wants an interactive login (CAPTCHA) before it accepts the API again.',
    adminPage: adminPages.users,
    remedies: (make) => ({
      loginChallenge(step: string, email: string): Finding {
        return make({
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
    }),
    datacenter: (make) => ({
      loginChallenge(step: string, who: string, site: string): Finding {
        return make({
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
    }),
  },
  LOGIN_DENIED: {
    category: 'credentials',
    severity: 'error',
    title: 'Jira denies the login',
    meaning:
      'Jira denied the login (AUTHENTICATION_DENIED) without saying it is a CAPTCHA: a CAPTCHA after failed logins, single sign-on refusing password logins, or the user directory',
    docs: '*added (#23):* Jira denied the login (`X-Seraph-LoginReason: AUTHENTICATION_DENIED`) without `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE`: a CAPTCHA after failed logins, single sign-on refusing password logins, or the user directory (docs/jira-behaviour.md D3); nothing more is sent with that credential',
    panelNote: 'Jira denied the login (a CAPTCHA, single sign-on or the user directory).',
    adminPage: adminPages.users,
    remedies: (make) => ({
      /**
       * D3: `X-Seraph-LoginReason: AUTHENTICATION_DENIED` without
       * `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE`. Most often still the CAPTCHA, but it was
       * also recorded behind single sign-on and with user directory problems; only the header proves
       * a CAPTCHA.
       */
      loginDenied(step: string, who: string): Finding {
        return make({
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
    }),
    datacenter: (make) => ({
      /** D3: AUTHENTICATION_DENIED without the CAPTCHA header. */
      loginDenied(step: string, who: string, site: string): Finding {
        return make({
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
    }),
  },
  BASIC_AUTH_DISABLED: {
    category: 'credentials',
    severity: 'error',
    title: 'Basic authentication is switched off on this Jira',
    meaning:
      'Data Center: Basic authentication is switched off for API calls on this instance; use a personal access token sent as Bearer',
    docs: '*added (#23), Data Center:* Basic authentication is switched off for API calls (403 "Basic Authentication has been disabled on this instance.", D2); the fix is a personal access token sent as Bearer; one attempt only',
    remedies: (make) => ({
      /** D2 (Data Center): Basic authentication switched off for API calls. */
      basicAuthDisabled(step: string, who: string): Finding {
        return make({
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
    }),
    datacenter: (make) => ({
      /** D2: Basic switched off for API calls; the fix is a personal access token. */
      basicAuthDisabled(step: string, who: string, site: string): Finding {
        return make({
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
    }),
  },
  WRONG_ACCOUNT: {
    category: 'credentials',
    severity: 'error',
    title: 'The token belongs to a different account',
    meaning: 'the credentials authenticate as a different account than the intended sync user',
    panelNote: 'The token belongs to a different account than the sync user.',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      wrongAccount(step: string, actual: string, expected: string): Finding {
        return make({
          step,
          message: `The credentials authenticate as ${actual}, not as the intended sync user ${expected}. The synchronizer acts as the wrong account.`,
          steps: tokenChecklist(expected),
          links: [links.apiTokens()],
        });
      },
    }),
    datacenter: (make) => ({
      wrongAccount(step: string, actual: string, expected: string, site: string): Finding {
        return make({
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
    }),
  },
  TOKEN_WHITESPACE: {
    category: 'credentials',
    severity: 'warning',
    title: 'Spaces or quotes around the email or token',
    meaning: 'the email or token had surrounding whitespace or quotes',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      whitespace(step: string, fields: string[]): Finding {
        return make({
          step,
          message: `The ${fields.join(' and ')} had surrounding whitespace, line breaks or quotes; this check used the cleaned value, but a synchronizer may send it as pasted.`,
          steps: [
            'Paste the value into the synchronizer again without spaces, line breaks or quotes.',
            RERUN,
          ],
        });
      },
    }),
  },
  ACCOUNT_INACTIVE: {
    category: 'credentials',
    severity: 'error',
    title: 'The sync user is deactivated',
    meaning: 'the sync user is deactivated',
    panelNote: 'The sync user is deactivated.',
    adminPage: adminPages.users,
    remedies: (make) => ({
      accountInactive(step: string, who: string): Finding {
        return make({
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
    }),
    datacenter: (make) => ({
      accountInactive(step: string, who: string, site: string): Finding {
        return make({
          step,
          message: `The sync user ${who} is inactive; Jira refuses every login and every token of it.`,
          steps: ['Activate the user in User management (or choose an active sync user).', RERUN],
          links: [dcLinks.userManagement(site)],
        });
      },
    }),
  },
  OAUTH_CLIENT_REFUSED: {
    category: 'credentials',
    severity: 'error',
    title: 'Atlassian refuses the OAuth 2.0 client',
    meaning:
      "Atlassian's token endpoint refused the OAuth 2.0 client credential (wrong client ID or secret, or the credential was revoked, deleted or expired)",
    docs: "Atlassian's token endpoint (`POST <auth-url>/oauth/token`, `grant_type=client_credentials`) refused the OAuth 2.0 client credential: wrong client ID or secret, or the credential was revoked, deleted or expired; carries `details.status` and `details.error` (the OAuth error code); the run makes no other request with it",
    adminPage: adminPages.serviceAccounts,
    remedies: (make) => ({
      /** Atlassian's token endpoint refused the OAuth 2.0 client credential (the run's one token request). */
      oauthClientRefused(
        step: string,
        seen: {
          clientId: string;
          status: number;
          error: string | null;
          description: string | null;
        },
        required: ScopeSet,
      ): Finding {
        const said = [seen.error, seen.description].filter(Boolean).join(': ');
        const tick = [
          required.granular.length ? `the granular scopes ${required.granular.join(', ')}` : '',
          required.classic.length ? `the classic scopes ${required.classic.join(', ')}` : '',
        ].filter(Boolean);
        return make({
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
    }),
  },
  TOKEN_EXPIRES_SOON: {
    category: 'credentials',
    severity: 'warning',
    alsoAs: ['error'],
    title: "The sync user's API token expires soon",
    meaning:
      "an allowed API token of the sync user expires within 30 days (organisation admin API); Atlassian warns only the token's owner",
    docs: 'the organisation admin API (`--org-id`) lists an allowed, unexpired API token of the sync user that expires within 30 days: an **error** (verdict `fix-credentials`: replace it now) when the nearest expiry is 7 days away or less, a **warning** at 8 to 30 days (verdict unchanged); carries `details.label`, `details.expiresAt`, `details.daysLeft` and `details.expiringSoon` (every token within 30 days)',
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      /** The nearest expiry of an allowed, unexpired token of the sync user, within 30 days. */
      tokenExpiresSoon(
        step: string,
        c: ExpiryContext,
        nearest: TokenExpiryEntry,
        soon: readonly TokenExpiryEntry[],
      ): Finding {
        const days = nearest.daysLeft ?? 0;
        const urgent = days <= ERROR_DAYS;
        const others = soon.slice(1);
        return make({
          step,
          severity: urgent ? 'error' : 'warning',
          details: {
            label: nearest.label,
            expiresAt: nearest.expiresAt,
            daysLeft: days,
            lastActiveAt: nearest.lastActiveAt,
            expiringSoon: soon.map((t) => ({
              label: t.label,
              expiresAt: t.expiresAt,
              daysLeft: t.daysLeft,
            })),
          },
          message:
            `The API token "${nearest.label}" of ${c.who} expires ${inDays(days)} (${day(nearest.expiresAt)}). ` +
            `From then on Jira refuses it like a wrong token and the synchronizer stops; Atlassian warns only the token's owner${c.serviceAccount ? ' (for a service account, nobody reads that warning)' : ''}.` +
            (others.length
              ? ` Also expiring within 30 days: ${others.map((t) => `"${t.label}" (${day(t.expiresAt)})`).join(', ')}.`
              : '') +
            ' The organisation admin API does not say which token the synchronizer holds: if it is not this one, revoke this one instead.',
          steps: [
            ...(urgent
              ? [`Replace it now: the synchronizer stops ${inDays(days)}.`]
              : [`Plan its replacement before ${day(nearest.expiresAt)}.`]),
            createTokenStep(c),
            'Put the new token in the synchronizer’s configuration in place of the old one, and check the synchronizer runs with it.',
            `Then revoke "${nearest.label}" so nothing keeps using a token about to expire.`,
            RERUN_EXPIRY,
          ],
          links: c.serviceAccount ? [links.serviceAccounts()] : [links.tokenExpiry()],
        });
      },
    }),
  },
  TOKEN_BLOCKED: {
    category: 'credentials',
    severity: 'warning',
    title: 'An API token of the sync user is blocked',
    meaning:
      'the organisation admin API lists an API token of the sync user as BLOCKED by an organisation policy: Jira refuses it',
    docs: "the organisation admin API (`--org-id`) lists an API token of the sync user as `BLOCKED` (an organisation policy): Jira refuses it like a wrong one; carries `details.label`; a warning (the run's own sign-in decides the verdict)",
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      /** A token of the sync user an organisation policy blocks. */
      tokenBlocked(step: string, c: ExpiryContext, t: TokenExpiryEntry): Finding {
        return make({
          step,
          details: { label: t.label, expiresAt: t.expiresAt, lastActiveAt: t.lastActiveAt },
          message: `The organisation lists the API token "${t.label}" of ${c.who} as BLOCKED: an organisation policy stops it, and Jira refuses it like a wrong token. If the synchronizer uses it, it cannot sign in.`,
          steps: [
            'In Atlassian Administration → Security, look at the policy that blocks API tokens for this account.',
            `Allow API tokens for ${c.who}, or give the synchronizer a credential the policy allows${c.serviceAccount ? ' (an OAuth 2.0 client credential of the service account)' : ''}.`,
            RERUN_EXPIRY,
          ],
          links: [links.apiTokenPolicy()],
        });
      },
    }),
  },
  TOKEN_EXPIRED: {
    category: 'credentials',
    severity: 'info',
    title: 'An API token of the sync user has expired',
    meaning:
      'the organisation admin API lists an API token of the sync user that has already expired: Jira answers it like a wrong token',
    docs: "the organisation admin API (`--org-id`) lists an API token of the sync user whose expiry has passed: information (Jira answers an expired token exactly like a wrong one, so when the run's token was refused this may be why); carries `details.label`, `details.expiresAt`, `details.lastActiveAt`",
    adminPage: adminPages.apiTokens,
    remedies: (make) => ({
      /** An expired token of the sync user: the likely cause when the run's token was refused. */
      tokenExpired(
        step: string,
        c: ExpiryContext,
        t: TokenExpiryEntry,
        signInRefused: boolean,
      ): Finding {
        return make({
          step,
          details: { label: t.label, expiresAt: t.expiresAt, lastActiveAt: t.lastActiveAt },
          message:
            `The API token "${t.label}" of ${c.who} expired on ${day(t.expiresAt)}` +
            (t.lastActiveAt ? ` (last used ${day(t.lastActiveAt)}).` : '.') +
            (signInRefused
              ? ' Jira answers an expired token exactly like a wrong one: if the synchronizer holds this token, that is why Jira refused it.'
              : ' Nothing can use it any more.'),
          steps: signInRefused
            ? [
                createTokenStep(c),
                'Put the new token in the synchronizer’s configuration.',
                RERUN_EXPIRY,
              ]
            : [
                `Nothing to do unless the synchronizer still holds "${t.label}"; you may revoke it to tidy the list.`,
              ],
          links: c.serviceAccount ? [links.serviceAccounts()] : [links.tokenExpiry()],
        });
      },
    }),
  },
});
