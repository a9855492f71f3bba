export const HELP_TEXT = `credential-doctor: is the Jira sync user's problem its credentials or its permissions?

Usage:
  credential-doctor check --site URL --project KEY[,KEY...] [--project KEY ...]
    [--email EMAIL]               token mode; token from env JIRA_API_TOKEN
                                  (or --token-env NAME, or --token-stdin)
    [--expect-account ID] [--expect-email EMAIL]
    [--auth oauth --client-id ID] token mode with a service account's OAuth 2.0 client;
                                  secret from env JIRA_CLIENT_SECRET (or --client-secret-env
                                  NAME, or --client-secret-stdin); --site must be the gateway
                                  address https://api.atlassian.com/ex/jira/<cloudId>
    [--auth-url URL]              default https://auth.atlassian.com (POST <URL>/oauth/token)
    [--admin-email EMAIL]         admin mode; token from env JIRA_ADMIN_TOKEN
                                  (or --admin-token-env NAME)
    [--user ACCOUNT_ID|EMAIL]     admin mode: the sync user (defaults to the token-mode identity)
    [--permissions KEYS]          comma list of permission keys or aliases
                                  (default browse,create,edit)
    [--preset NAME]               sync-basic | two-way-sync | backup-read | backup-restore
                                  (--permissions adds to it)
    [--fields FIELD[,FIELD...]]   fields the synchronizer sets: IDs (customfield_10010) or names;
                                  checked on the create and edit screens (default: the preset's,
                                  else summary,description); a required field outside them is an error
    [--issue-types NAME[,NAME...]] issue types it creates and edits (default: every creatable one)
    [--explain]                   admin mode: explain held permissions too, not only missing ones
    [--gateway URL]               default https://api.atlassian.com
    [--org-id ID]                 also read the sync user's API tokens and their expiry from the
                                  organisation admin API; org API key (scope read:tokens:admin)
                                  from env ATLASSIAN_ORG_API_KEY (or --org-key-env NAME)
    [--admin-api URL]             default https://api.atlassian.com
    [--format text|json|markdown] [--timeout-ms N] [--verbose]
    Jira Data Center / Server (detected from /rest/api/2/serverInfo):
    [--username NAME]             token mode: password from JIRA_API_TOKEN, sent as Basic
    [--auth basic|bearer]         bearer: a personal access token (no --username)
    [--expect-user NAME]          the username the credentials must belong to
    [--admin-username NAME]       admin mode: password from JIRA_ADMIN_TOKEN
    [--admin-auth basic|bearer]   bearer: the administrator's personal access token
    [--user NAME]                 admin mode: the sync user's username
    [--deployment cloud|datacenter]  skip detection
  credential-doctor tokens --org-id ID [--user ACCOUNT_ID|EMAIL] [--org-key-env NAME]
    [--admin-api URL] [--format text|json] [--timeout-ms N]
                                  list API tokens and their expiry, nearest first (exit 0 listed,
                                  3 the org API key was refused, 7 the list is incomplete)
  credential-doctor triage [--file PATH] [--format text|json]
                                  classify pasted Jira error text or a JSON error log
                                  (stdin without --file); never calls Jira
  credential-doctor --help | --version

Tokens are never accepted as arguments (they would land in shell history and process
lists): use the environment variables above, or pipe the sync user's token in:
  printf %s "$TOKEN" | credential-doctor check --site https://acme.atlassian.net \\
    --project ABC --email sync@acme.com --token-stdin

Permission aliases: browse, create, edit, comment, transition, attach, link, assign.

--site is the site URL, or the API gateway address a synchronizer with a scoped token uses,
https://api.atlassian.com/ex/jira/<cloudId>: then the check runs there and verifies the token's
scopes for every operation with requests that cannot change anything.

Exit codes:
  0 ready              3 fix credentials     4 fix permissions    5 fix configuration
  6 fix connectivity   7 inconclusive        2 usage error        1 internal error
`;
