import { DEFAULT_ADMIN_TOKEN_ENV, DEFAULT_TOKEN_ENV, type TokenSource } from './token-source';
import { UsageError } from './usage-error';
import { parseEmail, parseEnvName } from './validate';

export type Scheme = 'basic' | 'bearer';

/** Token mode on Data Center / Server. */
export interface DcSyncUserArgs {
  scheme: Scheme;
  /** Basic only. */
  username?: string;
  tokenSource: TokenSource;
  expectUser?: string;
  expectEmail?: string;
}

/** Admin mode on Data Center / Server. */
export interface DcAdminArgs {
  scheme: Scheme;
  /** Basic only. */
  username?: string;
  tokenEnv: string;
  /** The sync user's username. */
  user?: string;
}

export interface DcValues {
  deployment?: string;
  username?: string;
  auth?: string;
  'expect-user'?: string;
  'admin-username'?: string;
  'admin-auth'?: string;
  email?: string;
  'admin-email'?: string;
  'expect-account'?: string;
  'expect-email'?: string;
  'token-env'?: string;
  'token-stdin'?: boolean;
  'admin-token-env'?: string;
  user?: string;
  gateway?: string;
}

export type DeploymentFlag = 'cloud' | 'datacenter';

export interface DcForm {
  deployment?: DeploymentFlag;
  /** Which credentials were given: Cloud's (--email) or Data Center's (--username / --auth bearer). */
  form: DeploymentFlag;
  syncUser?: DcSyncUserArgs;
  admin?: DcAdminArgs;
}

/**
 * Reads the Data Center flags and decides which form of credentials the command line carries.
 * Mixing the forms is refused here, before anything is sent.
 */
export function parseDeploymentForm(values: DcValues): DcForm {
  const deployment = parseDeployment(values.deployment);
  const scheme = parseScheme('--auth', values.auth);
  const adminScheme = parseScheme('--admin-auth', values['admin-auth']);
  const dcToken = values.username !== undefined || scheme === 'bearer';
  const dcAdmin = values['admin-username'] !== undefined || adminScheme === 'bearer';
  const cloudToken = values.email !== undefined;
  const cloudAdmin = values['admin-email'] !== undefined;
  if (values.username !== undefined && cloudToken)
    throw new UsageError('give either --email (Jira Cloud) or --username (Data Center), not both');
  if (values['admin-username'] !== undefined && cloudAdmin)
    throw new UsageError(
      'give either --admin-email (Jira Cloud) or --admin-username (Data Center), not both',
    );
  if (scheme === 'bearer' && cloudToken)
    throw new UsageError(
      '--auth bearer is for Data Center personal access tokens; a Jira Cloud API token goes with --email',
    );
  if (adminScheme === 'bearer' && cloudAdmin)
    throw new UsageError(
      '--admin-auth bearer is for Data Center personal access tokens; a Jira Cloud API token goes with --admin-email',
    );
  if ((dcToken || dcAdmin) && (cloudToken || cloudAdmin))
    throw new UsageError(
      'the sync user and the administrator must both use Jira Cloud flags (--email, --admin-email) or both Data Center flags (--username / --auth bearer, --admin-username / --admin-auth bearer)',
    );
  const form: DeploymentFlag = dcToken || dcAdmin ? 'datacenter' : 'cloud';
  if (deployment && deployment !== form && (dcToken || dcAdmin || cloudToken || cloudAdmin)) {
    throw new UsageError(
      deployment === 'datacenter'
        ? '--deployment datacenter needs Data Center credentials: --username NAME (password, sent as Basic) or --auth bearer (personal access token), not --email'
        : '--deployment cloud needs Jira Cloud credentials: --email and an API token, not --username or --auth bearer',
    );
  }
  if (form === 'cloud') {
    if (values['expect-user'] !== undefined)
      throw new UsageError(
        '--expect-user belongs to Data Center token mode and needs --username or --auth bearer',
      );
    if (values['admin-auth'] !== undefined && !cloudAdmin && adminScheme === 'basic')
      throw new UsageError('--admin-auth basic needs --admin-username NAME');
    if (values.auth !== undefined && !cloudToken && scheme === 'basic')
      throw new UsageError('--auth basic needs --username NAME');
    return { ...(deployment ? { deployment } : {}), form };
  }
  if (values['expect-account'] !== undefined)
    throw new UsageError(
      '--expect-account is for Jira Cloud; on Data Center use --expect-user NAME',
    );
  if (values.gateway !== undefined)
    throw new UsageError('--gateway is for Jira Cloud only (Data Center has no API gateway)');
  return {
    ...(deployment ? { deployment } : {}),
    form,
    ...(dcToken ? { syncUser: parseDcSyncUser(values, scheme) } : {}),
    ...(dcAdmin ? { admin: parseDcAdmin(values, adminScheme, dcToken) } : {}),
  };
}

function parseDcSyncUser(values: DcValues, scheme: Scheme): DcSyncUserArgs {
  if (scheme === 'bearer' && values.username !== undefined) {
    throw new UsageError(
      '--username is not used with --auth bearer: a personal access token names its owner; check whose it is with --expect-user NAME',
    );
  }
  if (values['token-env'] !== undefined && values['token-stdin'])
    throw new UsageError('use either --token-env NAME or --token-stdin, not both');
  const tokenSource: TokenSource = values['token-stdin']
    ? { kind: 'stdin' }
    : { kind: 'env', name: parseEnvName('--token-env', values['token-env'] ?? DEFAULT_TOKEN_ENV) };
  return {
    scheme,
    ...(values.username === undefined
      ? {}
      : { username: parseUsername('--username', values.username) }),
    tokenSource,
    ...(values['expect-user'] === undefined
      ? {}
      : { expectUser: parseUsername('--expect-user', values['expect-user']) }),
    ...(values['expect-email'] === undefined
      ? {}
      : { expectEmail: parseEmail('--expect-email', values['expect-email'].trim()) }),
  };
}

function parseDcAdmin(values: DcValues, scheme: Scheme, tokenMode: boolean): DcAdminArgs {
  if (scheme === 'bearer' && values['admin-username'] !== undefined) {
    throw new UsageError(
      '--admin-username is not used with --admin-auth bearer: a personal access token names its owner',
    );
  }
  if (values.user === undefined && !tokenMode) {
    throw new UsageError(
      '--user NAME (the sync user’s username) is required in admin mode unless --username or --auth bearer gives the sync user’s credentials',
    );
  }
  return {
    scheme,
    ...(values['admin-username'] === undefined
      ? {}
      : { username: parseUsername('--admin-username', values['admin-username']) }),
    tokenEnv: parseEnvName(
      '--admin-token-env',
      values['admin-token-env'] ?? DEFAULT_ADMIN_TOKEN_ENV,
    ),
    ...(values.user === undefined ? {} : { user: parseUsername('--user', values.user) }),
  };
}

function parseDeployment(value: string | undefined): DeploymentFlag | undefined {
  if (value === undefined) return undefined;
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (v === 'cloud') return 'cloud';
  if (v === 'datacenter' || v === 'server') return 'datacenter';
  throw new UsageError(
    '--deployment must be cloud or datacenter (Jira Server counts as datacenter)',
  );
}

function parseScheme(flag: string, value: string | undefined): Scheme {
  if (value === undefined) return 'basic';
  const v = value.trim().toLowerCase();
  if (v === 'basic' || v === 'bearer') return v;
  throw new UsageError(
    flag === '--auth'
      ? '--auth must be basic or bearer (Data Center), or oauth (Jira Cloud: an OAuth 2.0 client credential, with --client-id)'
      : `${flag} must be basic or bearer`,
  );
}

/** Jira usernames: Basic authentication cannot carry a colon in one (RFC 7617). */
function parseUsername(flag: string, raw: string): string {
  const value = raw.trim();
  if (value === '') throw new UsageError(`${flag} is empty`);
  if (value.length > 255) throw new UsageError(`${flag} is longer than 255 characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new UsageError(`${flag} contains control characters`);
  if (value.includes(':'))
    throw new UsageError(
      `${flag} cannot contain ":" (Basic authentication separates username and password with it)`,
    );
  return value;
}
