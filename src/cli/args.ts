import { parseArgs } from 'node:util';
import type { CredentialHygieneIssue } from '../engine/model/input';
import { resolvePermissionKeys } from '../engine/knowledge/permission-keys';
import {
  PRESET_NAMES,
  isPresetName,
  presetPermissions,
  type PresetName,
} from '../engine/knowledge/presets';
import { inspectCredentialText } from '../engine/model/credential-text';
import { DEFAULT_GATEWAY } from '../jira/node-transport';
import {
  parseDeploymentForm,
  type DcAdminArgs,
  type DcSyncUserArgs,
  type DeploymentFlag,
} from './datacenter-args';
import { DEFAULT_ORG_KEY_ENV, describeDefect } from './secrets';
import { DEFAULT_ADMIN_TOKEN_ENV, DEFAULT_TOKEN_ENV, type TokenSource } from './token-source';
import { UsageError, quoteValue } from './usage-error';
import {
  parseAccountId,
  parseDataCenterUrl,
  parseEmail,
  parseEnvName,
  parseNameList,
  parseOrgId,
  parseOriginUrl,
  parseSiteUrl,
  parseProjectKeys,
  parseTimeoutMs,
  parseUserRef,
} from './validate';

export type OutputFormat = 'text' | 'json' | 'markdown';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown'];

export { DEFAULT_ADMIN_TOKEN_ENV, DEFAULT_TOKEN_ENV } from './token-source';
export type { TokenSource } from './token-source';

export interface CheckArgs {
  site: string;
  gateway: string;
  projects: string[];
  permissions: string[];
  format: OutputFormat;
  timeoutMs: number | undefined;
  verbose: boolean;
  /** Explain held permissions too, not only missing ones (admin mode). */
  explainAll: boolean;
  /** The preset the permissions came from, if any. */
  preset?: PresetName;
  /** --fields: the fields the synchronizer sets (IDs or names). */
  fields?: string[];
  /** --issue-types: the issue types it creates and edits (names). */
  issueTypes?: string[];
  /** Token mode with an OAuth 2.0 client credential (--auth oauth): a service account's. */
  oauth?: OAuthArgs;
  /** Token mode. */
  syncUser?: {
    email: string;
    emailIssues: CredentialHygieneIssue[];
    tokenSource: TokenSource;
    expectAccountId?: string;
    expectEmail?: string;
  };
  /** Admin mode. */
  admin?: { email: string; tokenEnv: string; user?: string };
  /** --deployment: overrides detection. */
  deployment?: DeploymentFlag;
  /** 'datacenter' when the command line carries Data Center credentials; absent for Cloud's. */
  form?: 'datacenter';
  /** Data Center token mode (--username, or --auth bearer). */
  dcSyncUser?: DcSyncUserArgs;
  /** Data Center admin mode (--admin-username, or --admin-auth bearer). */
  dcAdmin?: DcAdminArgs;
  /** --org-id: the sync user's API tokens and their expiry, from the organisation admin API. */
  expiry?: ExpiryArgs;
}

/** The organisation admin API: which organisation, its API key's variable, where the API is. */
export interface ExpiryArgs {
  orgId: string;
  /** The environment variable holding the org API key (default ATLASSIAN_ORG_API_KEY). */
  keyEnv: string;
  /** Origin of the admin API (default https://api.atlassian.com). */
  adminApi: string;
}

const DEFAULT_ADMIN_API = 'https://api.atlassian.com';

export interface TokensArgs extends ExpiryArgs {
  /** Only this account's tokens (account ID or email); absent: every token of the organisation. */
  user?: string;
  format: 'text' | 'json';
  timeoutMs: number | undefined;
}

export type SecretSource = { kind: 'env'; name: string } | { kind: 'stdin' };

export interface OAuthArgs {
  clientId: string;
  /** The client secret: an environment variable (default JIRA_CLIENT_SECRET) or stdin; never an argument. */
  secretSource: SecretSource;
  /** Origin of Atlassian's authorization server; the token request is `POST <authUrl>/oauth/token`. */
  authUrl: string;
  expectAccountId?: string;
  expectEmail?: string;
}

export const DEFAULT_CLIENT_SECRET_ENV = 'JIRA_CLIENT_SECRET';
export const DEFAULT_AUTH_URL = 'https://auth.atlassian.com';

export interface TriageArgs {
  /** Read this file instead of stdin. */
  file?: string;
  format: 'text' | 'json';
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; args: CheckArgs }
  | { kind: 'triage'; args: TriageArgs }
  | { kind: 'tokens'; args: TokensArgs };

const EXPIRY_OPTIONS = {
  'org-id': { type: 'string' },
  'org-key-env': { type: 'string' },
  'admin-api': { type: 'string' },
} as const;

const TOKENS_OPTIONS = {
  ...EXPIRY_OPTIONS,
  user: { type: 'string' },
  format: { type: 'string' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const TRIAGE_OPTIONS = {
  file: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const CHECK_OPTIONS = {
  site: { type: 'string' },
  project: { type: 'string', multiple: true },
  email: { type: 'string' },
  'token-env': { type: 'string' },
  'token-stdin': { type: 'boolean' },
  'expect-account': { type: 'string' },
  'expect-email': { type: 'string' },
  'admin-email': { type: 'string' },
  'admin-token-env': { type: 'string' },
  user: { type: 'string' },
  permissions: { type: 'string', multiple: true },
  fields: { type: 'string', multiple: true },
  'issue-types': { type: 'string', multiple: true },
  preset: { type: 'string' },
  explain: { type: 'boolean' },
  gateway: { type: 'string' },
  format: { type: 'string' },
  'timeout-ms': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  deployment: { type: 'string' },
  username: { type: 'string' },
  auth: { type: 'string' },
  'expect-user': { type: 'string' },
  'admin-username': { type: 'string' },
  'admin-auth': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-env': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  'auth-url': { type: 'string' },
  ...EXPIRY_OPTIONS,
} as const;

/** Names people reach for when they try to pass a secret as an argument. */
const SECRET_FLAGS = new Set([
  'token',
  'api-token',
  'apitoken',
  'admin-token',
  'admin-api-token',
  'jira-token',
  'jira-api-token',
  'password',
  'admin-password',
  'pass',
  'passwd',
  'secret',
  'client-secret',
  'clientsecret',
  'oauth-secret',
  'access-token',
  'org-key',
  'org-api-key',
  'admin-api-key',
  'api-key',
]);

export function parseCommand(argv: readonly string[]): Command {
  refuseSecretFlags(argv);
  const [command, ...rest] = argv;
  if (command === undefined)
    throw new UsageError('no command given; try: credential-doctor check --help');
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-V') return { kind: 'version' };
  if (command === 'triage') return parseTriage(rest);
  if (command === 'tokens') return parseTokens(rest);
  if (command !== 'check') {
    throw new UsageError(
      command.startsWith('-')
        ? `${optionName(command)} must follow the command: credential-doctor check ${optionName(command)} …`
        : 'unknown command (the first argument); the commands are "check", "tokens" and "triage"',
    );
  }
  const values = parseCheckFlags(rest);
  if (values.help) return { kind: 'help' };
  return { kind: 'check', args: toCheckArgs(values) };
}

function parseTriage(args: string[]): Command {
  let values;
  try {
    values = parseArgs({
      args,
      options: TRIAGE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  if (values.help) return { kind: 'help' };
  const format = values.format === undefined ? 'text' : values.format.toLowerCase();
  if (format !== 'text' && format !== 'json')
    throw new UsageError('triage: --format must be text or json');
  if (values.file !== undefined && values.file.trim() === '')
    throw new UsageError('triage: --file needs a path');
  return {
    kind: 'triage',
    args: { format, ...(values.file === undefined ? {} : { file: values.file }) },
  };
}

function parseTokens(args: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: TOKENS_OPTIONS,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error).replace('check --help', 'tokens --help'));
  }
  const values = parsed.values;
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given more than once`);
    seen.add(token.name);
  }
  if (values.help) return { kind: 'help' };
  const expiry = parseExpiry(values);
  if (!expiry)
    throw new UsageError(
      'tokens: --org-id ID is required (the organisation whose API tokens to list)',
    );
  const format = values.format === undefined ? 'text' : values.format.toLowerCase();
  if (format !== 'text' && format !== 'json')
    throw new UsageError('tokens: --format must be text or json');
  return {
    kind: 'tokens',
    args: {
      ...expiry,
      format,
      timeoutMs:
        values['timeout-ms'] === undefined
          ? undefined
          : parseTimeoutMs('--timeout-ms', values['timeout-ms']),
      ...(values.user === undefined ? {} : { user: parseUserRef('--user', values.user) }),
    },
  };
}

/** `--org-id ID [--org-key-env NAME] [--admin-api URL]`; the key is read from the environment only. */
function parseExpiry(values: {
  'org-id'?: string;
  'org-key-env'?: string;
  'admin-api'?: string;
}): ExpiryArgs | undefined {
  if (values['org-id'] === undefined) {
    const stray = (['org-key-env', 'admin-api'] as const).find((n) => values[n] !== undefined);
    if (stray)
      throw new UsageError(`--${stray} belongs to the token expiry check and needs --org-id ID`);
    return undefined;
  }
  return {
    orgId: parseOrgId('--org-id', values['org-id']),
    keyEnv: parseEnvName('--org-key-env', values['org-key-env'] ?? DEFAULT_ORG_KEY_ENV),
    adminApi: parseOriginUrl('--admin-api', values['admin-api'] ?? DEFAULT_ADMIN_API),
  };
}

function refuseSecretFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('-')) continue;
    const name = optionName(arg).replace(/^-+/, '').toLowerCase().replace(/_/g, '-');
    if (SECRET_FLAGS.has(name)) {
      throw new UsageError(
        `--${name} is not accepted: a token given as an argument ends up in shell history and process lists. ` +
          `Put the sync user's token in ${DEFAULT_TOKEN_ENV} (or name another variable with --token-env NAME), ` +
          `or pipe it in with --token-stdin; for admin mode use ${DEFAULT_ADMIN_TOKEN_ENV} or --admin-token-env NAME; ` +
          `an OAuth 2.0 client secret goes in ${DEFAULT_CLIENT_SECRET_ENV} (or --client-secret-env NAME, or --client-secret-stdin); ` +
          `an organisation API key in ${DEFAULT_ORG_KEY_ENV} (or --org-key-env NAME).`,
      );
    }
  }
}

/** `--name=value` → `--name`: the value may be a secret and is never echoed. */
function optionName(arg: string): string {
  return arg.split('=')[0] ?? arg;
}

type CheckValues = ReturnType<typeof parseCheckFlags>;

function parseCheckFlags(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: CHECK_OPTIONS,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const option = CHECK_OPTIONS[token.name as keyof typeof CHECK_OPTIONS];
    if (seen.has(token.name) && !('multiple' in option)) {
      throw new UsageError(`--${token.name} is given more than once`);
    }
    seen.add(token.name);
  }
  return parsed.values;
}

/** Node's messages quote stray positionals verbatim; ours name only the option. */
function describeParseError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = message ?? '';
  const option = /'(-{1,2}[^' =]+)/.exec(text)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? ''}; see credential-doctor check --help`.replace(
        '  ',
        ' ',
      );
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return 'unexpected argument: every value must follow its flag, e.g. --project ABC (tokens go in the environment, not the command line)';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(text))
        return `${option ?? 'that option'} does not take a value`;
      return `${option ?? 'an option'} needs a value`;
    default:
      return 'could not read the arguments; see credential-doctor check --help';
  }
}

function toCheckArgs(values: CheckValues): CheckArgs {
  if (values.site === undefined)
    throw new UsageError('--site is required, e.g. --site https://your-site.atlassian.net');
  const oauthMode = values.auth?.trim().toLowerCase() === 'oauth';
  const dc = parseDeploymentForm(oauthMode ? { ...values, auth: undefined } : values);
  const gateway = parseOriginUrl('--gateway', values.gateway ?? DEFAULT_GATEWAY);
  // A Data Center base URL may carry a context path (https://host/jira); a Cloud site is an
  // origin, or the API gateway address a synchronizer with a scoped token uses.
  const site =
    dc.form === 'datacenter'
      ? parseDataCenterUrl('--site', values.site)
      : parseSiteUrl('--site', values.site, gateway);
  if (oauthMode && dc.deployment === 'datacenter')
    throw new UsageError(
      '--auth oauth is for Jira Cloud; --deployment datacenter cannot go with it',
    );
  const oauth = parseOAuth(values, oauthMode, dc.form, site);
  const expiry = parseExpiry(values);
  if (expiry && (dc.form === 'datacenter' || dc.deployment === 'datacenter'))
    throw new UsageError(
      '--org-id is for Jira Cloud (the organisation admin API lists Atlassian Cloud API tokens); Data Center personal access tokens are not in it',
    );
  if (values.project === undefined)
    throw new UsageError('--project is required, e.g. --project ABC');
  const projects = parseProjectKeys(values.project);
  const preset = parsePreset(values.preset);
  const permissions = [
    ...new Set([
      ...(preset ? presetPermissions(preset) : []),
      ...(preset && !values.permissions ? [] : parsePermissions(values.permissions)),
    ]),
  ];
  const format = parseFormat(values.format);
  const timeoutMs =
    values['timeout-ms'] === undefined
      ? undefined
      : parseTimeoutMs('--timeout-ms', values['timeout-ms']);

  const syncUser = dc.form === 'cloud' && !oauth ? parseSyncUser(values) : undefined;
  const admin =
    dc.form === 'cloud'
      ? parseAdmin(values, syncUser !== undefined || oauth !== undefined)
      : undefined;
  if (!syncUser && !oauth && !admin && !dc.syncUser && !dc.admin) {
    throw new UsageError(
      "give --email (token mode: check the sync user's own credentials) or --admin-email (admin mode), or both; on Data Center --username NAME or --auth bearer, and --admin-username NAME or --admin-auth bearer",
    );
  }
  return {
    site,
    gateway,
    projects,
    permissions,
    format,
    timeoutMs,
    verbose: values.verbose ?? false,
    explainAll: values.explain ?? false,
    ...(preset ? { preset } : {}),
    ...(values.fields === undefined
      ? {}
      : {
          fields: parseNameList('--fields', values.fields, 'summary,description,customfield_10010'),
        }),
    ...(values['issue-types'] === undefined
      ? {}
      : { issueTypes: parseNameList('--issue-types', values['issue-types'], 'Task,Bug') }),
    ...(syncUser ? { syncUser } : {}),
    ...(oauth ? { oauth } : {}),
    ...(admin ? { admin } : {}),
    ...(dc.form === 'datacenter' ? { form: 'datacenter' as const } : {}),
    ...(dc.deployment ? { deployment: dc.deployment } : {}),
    ...(dc.syncUser ? { dcSyncUser: dc.syncUser } : {}),
    ...(dc.admin ? { dcAdmin: dc.admin } : {}),
    ...(expiry ? { expiry } : {}),
  };
}

const OAUTH_FLAGS = ['client-id', 'client-secret-env', 'client-secret-stdin', 'auth-url'] as const;

/**
 * `--auth oauth --client-id ID`: a service account's OAuth 2.0 client credential. The secret
 * comes from JIRA_CLIENT_SECRET, another variable (--client-secret-env NAME) or stdin, never an
 * argument; the access token it gets works only at the API gateway, so --site must be that form.
 */
function parseOAuth(
  values: CheckValues,
  oauthMode: boolean,
  form: 'cloud' | 'datacenter',
  site: string,
): OAuthArgs | undefined {
  if (!oauthMode) {
    const stray = OAUTH_FLAGS.find((name) => values[name] !== undefined);
    if (stray)
      throw new UsageError(
        `--${stray} belongs to an OAuth 2.0 client credential and needs --auth oauth`,
      );
    return undefined;
  }
  if (form === 'datacenter')
    throw new UsageError(
      '--auth oauth is for Jira Cloud (a service account’s OAuth 2.0 client credential), not with --username or Data Center flags',
    );
  if (values.email !== undefined)
    throw new UsageError(
      "--auth oauth signs in with --client-id, not --email; to check the service account's email, use --expect-email",
    );
  const stray = (['token-env', 'token-stdin'] as const).find((name) => values[name] !== undefined);
  if (stray)
    throw new UsageError(
      `--${stray} is for an API token; the OAuth 2.0 client secret comes from ${DEFAULT_CLIENT_SECRET_ENV}, --client-secret-env NAME or --client-secret-stdin`,
    );
  if (values['client-id'] === undefined)
    throw new UsageError(
      '--auth oauth needs --client-id ID (the OAuth 2.0 credential’s client ID)',
    );
  const clientId = parseClientId(values['client-id']);
  if (values['client-secret-env'] !== undefined && values['client-secret-stdin'])
    throw new UsageError('use either --client-secret-env NAME or --client-secret-stdin, not both');
  const secretSource: SecretSource = values['client-secret-stdin']
    ? { kind: 'stdin' }
    : {
        kind: 'env',
        name: parseEnvName(
          '--client-secret-env',
          values['client-secret-env'] ?? DEFAULT_CLIENT_SECRET_ENV,
        ),
      };
  if (!/\/ex\/jira\/[^/]+$/.test(site))
    throw new UsageError(
      '--auth oauth needs the API gateway address as --site: https://api.atlassian.com/ex/jira/<cloudId> (an OAuth 2.0 access token works only there; the cloud ID is the "cloudId" at https://your-site.atlassian.net/_edge/tenant_info)',
    );
  const authUrl = parseOriginUrl('--auth-url', values['auth-url'] ?? DEFAULT_AUTH_URL);
  return {
    clientId,
    secretSource,
    authUrl,
    ...(values['expect-account'] === undefined
      ? {}
      : { expectAccountId: parseAccountId('--expect-account', values['expect-account']) }),
    ...(values['expect-email'] === undefined
      ? {}
      : { expectEmail: cleanEmail('--expect-email', values['expect-email']).value }),
  };
}

/** OAuth client IDs are printable without spaces; anything else is a paste gone wrong. */
function parseClientId(value: string): string {
  if (value.trim() === '') throw new UsageError('--client-id is empty');
  if (value.length > 256) throw new UsageError('--client-id is longer than 256 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value))
    throw new UsageError('--client-id contains control characters; copy it again from its source');
  if (/\s/.test(value))
    throw new UsageError('--client-id contains a space; copy it again without spaces');
  if (!/^[\x21-\x7e]+$/.test(value))
    throw new UsageError('--client-id must be printable ASCII, as Atlassian shows it');
  return value;
}

function parsePermissions(values: string[] | undefined): string[] {
  if (
    values !== undefined &&
    values.every((value) => value.split(',').every((item) => item.trim() === ''))
  ) {
    throw new UsageError(
      '--permissions needs at least one key or alias, e.g. --permissions browse,create,edit',
    );
  }
  const result = resolvePermissionKeys(values ?? []);
  if (!result.ok) {
    throw new UsageError(
      `--permissions: ${result.invalid.map(quoteValue).join(', ')} is not a permission key or alias ` +
        '(aliases: browse, create, edit, comment, transition, attach, link, assign; keys look like CREATE_ISSUES)',
    );
  }
  return result.keys;
}

function parsePreset(value: string | undefined): PresetName | undefined {
  if (value === undefined) return undefined;
  const name = value.trim().toLowerCase();
  if (name === 'custom') return undefined;
  if (!isPresetName(name)) {
    throw new UsageError(
      `--preset must be one of ${PRESET_NAMES.join(', ')} (or custom with --permissions)`,
    );
  }
  return name;
}

function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'text';
  const format = OUTPUT_FORMATS.find((f) => f === value.toLowerCase());
  if (!format) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);
  return format;
}

function parseSyncUser(values: CheckValues): CheckArgs['syncUser'] {
  if (values.email === undefined) {
    const stray = (['token-env', 'token-stdin', 'expect-account', 'expect-email'] as const).find(
      (name) => values[name] !== undefined,
    );
    if (stray) throw new UsageError(`--${stray} belongs to token mode and needs --email`);
    return undefined;
  }
  const email = cleanEmail('--email', values.email);
  if (values['token-env'] !== undefined && values['token-stdin']) {
    throw new UsageError('use either --token-env NAME or --token-stdin, not both');
  }
  const tokenSource: TokenSource = values['token-stdin']
    ? { kind: 'stdin' }
    : { kind: 'env', name: parseEnvName('--token-env', values['token-env'] ?? DEFAULT_TOKEN_ENV) };
  return {
    email: email.value,
    emailIssues: email.issues,
    tokenSource,
    ...(values['expect-account'] === undefined
      ? {}
      : { expectAccountId: parseAccountId('--expect-account', values['expect-account']) }),
    ...(values['expect-email'] === undefined
      ? {}
      : { expectEmail: cleanEmail('--expect-email', values['expect-email']).value }),
  };
}

function parseAdmin(values: CheckValues, tokenMode: boolean): CheckArgs['admin'] {
  if (values['admin-email'] === undefined) {
    const stray = (['admin-token-env', 'user'] as const).find((name) => values[name] !== undefined);
    if (stray) throw new UsageError(`--${stray} belongs to admin mode and needs --admin-email`);
    return undefined;
  }
  const email = cleanEmail('--admin-email', values['admin-email']).value;
  const tokenEnv = parseEnvName(
    '--admin-token-env',
    values['admin-token-env'] ?? DEFAULT_ADMIN_TOKEN_ENV,
  );
  if (values.user === undefined && !tokenMode) {
    throw new UsageError(
      '--user ACCOUNT_ID|EMAIL is required in admin mode unless --email names the sync user',
    );
  }
  return {
    email,
    tokenEnv,
    ...(values.user === undefined ? {} : { user: parseUserRef('--user', values.user) }),
  };
}

function cleanEmail(
  flag: string,
  raw: string,
): { value: string; issues: CredentialHygieneIssue[] } {
  const inspected = inspectCredentialText(raw, 'email');
  if (inspected.defect === 'empty') throw new UsageError(`${flag} is empty`);
  if (inspected.defect !== null)
    throw new UsageError(`${flag}: ${describeDefect(inspected.defect, 'email')}`);
  return { value: parseEmail(flag, inspected.value), issues: inspected.issues };
}
