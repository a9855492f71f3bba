/**
 * The CLI command that checks the sync user's credentials from the synchronizer's own host, for
 * exactly the check the panel is set up for. Shared by the panel ("Check from the synchronizer's
 * host") and the docs. It names the site, the user and what to check; never a token: the CLI reads
 * the token from JIRA_API_TOKEN (or stdin), and refuses it as an argument.
 */
import { PRESETS, type PresetName } from '../knowledge/presets';

export const HOST_REPORT_FILE = 'credential-doctor-report.json';
export const HOST_TOKEN_ENV = 'JIRA_API_TOKEN';
/** Where the CLI reads an OAuth 2.0 client secret from (never an argument). */
export const HOST_CLIENT_SECRET_ENV = 'JIRA_CLIENT_SECRET';
/** Stands in for the sync user's email when Jira does not show it (privacy settings). */
export const EMAIL_PLACEHOLDER = 'SYNC_USER_EMAIL';
/** Stand in for an OAuth 2.0 client's ID and the site's cloud ID when they are not known. */
export const CLIENT_ID_PLACEHOLDER = 'OAUTH_CLIENT_ID';
export const CLOUD_ID_PLACEHOLDER = 'CLOUD_ID';

export interface HostCommandInput {
  /** This site's origin, e.g. https://acme.atlassian.net. */
  site: string;
  /** The email the integration signs in with; null when unknown (a placeholder is used). */
  email: string | null;
  /** The sync user's account ID: the report then says whether the token belongs to it. */
  accountId: string;
  projects: readonly string[];
  /** Required permission keys, in the order chosen. */
  permissions: readonly string[];
  /** A preset whose permissions are exactly `permissions`: the command then names the preset. */
  preset?: PresetName;
  /** The fields the synchronizer sets, when stated (--fields); absent: the preset's defaults. */
  fields?: readonly string[];
  /** The issue types it creates and edits (--issue-types). */
  issueTypes?: readonly string[];
  /**
   * The integration signs in with a service account's OAuth 2.0 client credential: the command
   * uses --auth oauth --client-id at the API gateway address (the secret from JIRA_CLIENT_SECRET).
   * Unknown values become placeholders.
   */
  oauth?: { clientId: string | null; cloudId: string | null };
}

export interface HostCommand {
  argv: string[];
  /** One line for a POSIX shell (bash, zsh), writing the JSON report to HOST_REPORT_FILE. */
  text: string;
  /** Values the admin must fill in before running it (e.g. the email placeholder). */
  placeholders: string[];
}

export function buildHostCommand(input: HostCommandInput): HostCommand {
  const placeholders: string[] = [];
  const email = input.email?.trim() || null;
  const oauth = input.oauth;
  const clientId = oauth?.clientId?.trim() || null;
  const cloudId = oauth?.cloudId?.trim() || null;
  if (oauth) {
    if (!cloudId) placeholders.push(CLOUD_ID_PLACEHOLDER);
    if (!clientId) placeholders.push(CLIENT_ID_PLACEHOLDER);
  } else if (!email) placeholders.push(EMAIL_PLACEHOLDER);
  const signIn = oauth
    ? ['--auth', 'oauth', '--client-id', clientId ?? CLIENT_ID_PLACEHOLDER]
    : ['--email', email ?? EMAIL_PLACEHOLDER];
  const siteArg = oauth
    ? `https://api.atlassian.com/ex/jira/${cloudId ?? CLOUD_ID_PLACEHOLDER}`
    : new URL(input.site).origin;
  const permissionArgs =
    input.preset && samePermissions(PRESETS[input.preset], input.permissions)
      ? ['--preset', input.preset]
      : ['--permissions', input.permissions.join(',')];
  const argv = [
    'credential-doctor',
    'check',
    '--site',
    siteArg,
    ...signIn,
    '--expect-account',
    input.accountId,
    '--project',
    input.projects.map((p) => p.toUpperCase()).join(','),
    ...permissionArgs,
    ...(input.fields?.length ? ['--fields', input.fields.join(',')] : []),
    ...(input.issueTypes?.length ? ['--issue-types', input.issueTypes.join(',')] : []),
    '--format',
    'json',
  ];
  return {
    argv,
    text: `${argv.map(shellQuote).join(' ')} > ${HOST_REPORT_FILE}`,
    placeholders,
  };
}

function samePermissions(
  preset: (typeof PRESETS)[PresetName],
  permissions: readonly string[],
): boolean {
  const wanted = new Set(permissions);
  return (
    preset.permissions.length === wanted.size && preset.permissions.every((p) => wanted.has(p.key))
  );
}

/**
 * Characters an admin cannot see in a command: C0 and C1 controls, DEL, line and paragraph
 * separators, and Unicode format characters (bidi overrides and isolates, zero-width joiners…),
 * which can make a field name, issue type or email read differently from what the shell runs.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Quotes a word for a POSIX shell only when it needs it. A word with an invisible character
 * (INVISIBLE) is written visibly escaped in bash/zsh ANSI-C quoting, e.g. `$'Summary\u202e'`, so
 * the admin sees exactly what the command holds.
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  if (INVISIBLE.test(word)) return ansiCQuote(word);
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function ansiCQuote(word: string): string {
  let out = '';
  for (const char of word) {
    const code = char.codePointAt(0) as number;
    if (char === '\\' || char === "'") out += `\\${char}`;
    else if (INVISIBLE.test(char)) {
      out +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += char;
  }
  return `$'${out}'`;
}
