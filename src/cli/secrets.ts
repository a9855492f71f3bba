import type { CredentialHygieneIssue } from '../engine/model/input';
import { inspectCredentialText, type CredentialDefect } from '../engine/model/credential-text';
import type { TokenSource } from './token-source';
import { UsageError, describeEnvName } from './usage-error';

export type Env = Readonly<Record<string, string | undefined>>;

export interface CleanToken {
  token: string;
  issues: CredentialHygieneIssue[];
}

/** The sync user's token from the environment or stdin, cleaned; never echoed in messages. */
export async function readSyncUserToken(
  source: TokenSource,
  env: Env,
  readStdin: () => Promise<string>,
): Promise<CleanToken> {
  if (source.kind === 'stdin') {
    const raw = await readStdin();
    if (raw.trim() === '') {
      throw new UsageError(
        '--token-stdin: nothing was read from stdin; pipe the token in, e.g. printf %s "$TOKEN" | credential-doctor check … --token-stdin',
      );
    }
    return clean('--token-stdin', raw, true);
  }
  const raw = env[source.name];
  const flag = source.name === 'JIRA_API_TOKEN' ? '--email' : '--token-env';
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(
      `${flag}: the sync user's API token is missing: ${describeEnvName(source.name, '--token-env')} is empty or not set. ` +
        'Set it, name another variable with --token-env NAME, or pipe the token in with --token-stdin.',
    );
  }
  return clean(flag, raw, false);
}

/**
 * An OAuth 2.0 client secret, from the environment (JIRA_CLIENT_SECRET or --client-secret-env)
 * or stdin (--client-secret-stdin); never echoed. The same cleaning rules as a token.
 */
export async function readClientSecret(
  source: { kind: 'env'; name: string } | { kind: 'stdin' },
  env: Env,
  readStdin: () => Promise<string>,
): Promise<string> {
  if (source.kind === 'stdin') {
    const raw = await readStdin();
    if (raw.trim() === '')
      throw new UsageError(
        '--client-secret-stdin: nothing was read from stdin; pipe the client secret in, e.g. printf %s "$SECRET" | credential-doctor check … --client-secret-stdin',
      );
    return cleanSecret('--client-secret-stdin', raw, true);
  }
  const raw = env[source.name];
  const flag = source.name === 'JIRA_CLIENT_SECRET' ? '--client-id' : '--client-secret-env';
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(
      `${flag}: the OAuth 2.0 client secret is missing: ${describeEnvName(source.name, '--client-secret-env')} is empty or not set. ` +
        'Set it, name another variable with --client-secret-env NAME, or pipe the secret in with --client-secret-stdin.',
    );
  }
  return cleanSecret(flag, raw, false);
}

function cleanSecret(flag: string, raw: string, fromStdin: boolean): string {
  if (raw.trim().length > MAX_TOKEN_LENGTH)
    throw new UsageError(
      `${flag}: the client secret is longer than ${MAX_TOKEN_LENGTH} characters; that is not an OAuth 2.0 client secret`,
    );
  const inspected = inspectCredentialText(raw, 'token', { fromStdin });
  if (inspected.defect !== null)
    throw new UsageError(`${flag}: ${describeDefect(inspected.defect, 'client secret')}`);
  return inspected.value;
}

/** Where the organisation API key is read from unless --org-key-env names another variable. */
export const DEFAULT_ORG_KEY_ENV = 'ATLASSIAN_ORG_API_KEY';

/**
 * The organisation API key (admin API, Bearer) from ATLASSIAN_ORG_API_KEY or --org-key-env NAME;
 * never from an argument, never echoed.
 */
export function readOrgKey(name: string, env: Env): string {
  const flag = name === DEFAULT_ORG_KEY_ENV ? '--org-id' : '--org-key-env';
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(
      `${flag}: the organisation API key is missing: ${describeEnvName(name, '--org-key-env')} is empty or not set. ` +
        'Set it (an org admin creates it in Atlassian Administration, with the scope read:tokens:admin), or name another variable with --org-key-env NAME.',
    );
  }
  if (raw.trim().length > MAX_TOKEN_LENGTH)
    throw new UsageError(
      `${flag}: the organisation API key is longer than ${MAX_TOKEN_LENGTH} characters; that is not an API key`,
    );
  const inspected = inspectCredentialText(raw, 'token', { fromStdin: false });
  if (inspected.defect !== null)
    throw new UsageError(`${flag}: ${describeDefect(inspected.defect, 'organisation API key')}`);
  return inspected.value;
}

export function readAdminToken(name: string, env: Env): string {
  const flag = name === 'JIRA_ADMIN_TOKEN' ? '--admin-email' : '--admin-token-env';
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    throw new UsageError(
      `${flag}: the administrator's API token is missing: ${describeEnvName(name, '--admin-token-env')} is empty or not set. ` +
        'Set it, or name another variable with --admin-token-env NAME.',
    );
  }
  return clean(flag, raw, false).token;
}

/** Atlassian API tokens are about 200 characters; anything far longer is not a token. */
export const MAX_TOKEN_LENGTH = 1024;

function clean(flag: string, raw: string, fromStdin: boolean): CleanToken {
  if (raw.trim().length > MAX_TOKEN_LENGTH) {
    throw new UsageError(
      `${flag}: the API token is longer than ${MAX_TOKEN_LENGTH} characters; that is not an Atlassian API token`,
    );
  }
  const inspected = inspectCredentialText(raw, 'token', { fromStdin });
  if (inspected.defect !== null) {
    throw new UsageError(`${flag}: ${describeDefect(inspected.defect, 'API token')}`);
  }
  return { token: inspected.value, issues: inspected.issues };
}

export function describeDefect(defect: CredentialDefect, label: string): string {
  switch (defect) {
    case 'empty':
      return `the ${label} is empty`;
    case 'line-break':
      return `the ${label} has a line break inside it (pasted across lines?); copy it again as one line`;
    case 'control-character':
      return `the ${label} contains an invisible control character; copy it again from its source`;
    case 'inner-whitespace':
      return `the ${label} contains a space inside it; copy it again without spaces`;
  }
}
