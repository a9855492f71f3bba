import {
  MAX_SYNC_NAME_LENGTH,
  MAX_SYNC_NAMES,
  isSyncName,
  uniqueNames,
} from '../engine/model/sync-targets';
import { UsageError, quoteValue } from './usage-error';

/** Host names are at most 253 characters; a site origin is far shorter than this. */
const MAX_URL_LENGTH = 300;
/** RFC 5321's limit for an address. */
const MAX_EMAIL_LENGTH = 254;

const LOOPBACK_HOSTS = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/i;

/**
 * A site or gateway URL reduced to its origin. https only (http for loopback test servers), no
 * credentials, query, fragment or path. The URL is never echoed: it might carry a password.
 */
export function parseOriginUrl(flag: string, text: string): string {
  const raw = text.trim();
  if (raw.length > MAX_URL_LENGTH)
    throw new UsageError(`${flag} is longer than ${MAX_URL_LENGTH} characters`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw new UsageError(`${flag} must be a full URL such as https://your-site.atlassian.net`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw)) {
    throw new UsageError(
      `${flag} must not contain credentials (user:password@); give the email with --email and the token through the environment`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${flag} is not a valid URL`);
  }
  const loopback = LOOPBACK_HOSTS.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(`${flag} must use https:// (http:// only for localhost)`);
  }
  if (raw.includes('?') || raw.includes('#')) {
    throw new UsageError(`${flag} must not have a query (?) or fragment (#)`);
  }
  if (url.pathname !== '/') {
    throw new UsageError(
      `${flag} must be the site address without a path, e.g. https://your-site.atlassian.net` +
        (flag === '--site'
          ? ' (or the API gateway address https://api.atlassian.com/ex/jira/<cloudId>)'
          : ''),
    );
  }
  return url.origin;
}

/** A cloudId is a UUID; only its characters are checked so test sites can use their own. */
const GATEWAY_SITE_PATH = /^\/ex\/jira\/([0-9a-f-]{1,64})\/?$/i;

/**
 * `--site`: the site's origin, or the API gateway address a synchronizer with a scoped token uses,
 * `https://api.atlassian.com/ex/jira/<cloudId>` (the same path on the `--gateway` origin or a
 * loopback origin, for tests). Returns the origin, or the gateway address without a trailing slash.
 */
export function parseSiteUrl(flag: string, text: string, gatewayOrigin: string): string {
  const raw = text.trim();
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(raw)?.[1] ?? '';
  const gateway = GATEWAY_SITE_PATH.exec(path);
  if (!gateway) return parseOriginUrl(flag, raw);
  const origin = parseOriginUrl(flag, raw.slice(0, raw.length - path.length));
  const host = new URL(origin).hostname;
  if (
    origin !== 'https://api.atlassian.com' &&
    origin !== gatewayOrigin &&
    !LOOPBACK_HOSTS.test(host)
  ) {
    throw new UsageError(
      `${flag}: a /ex/jira/<cloudId> address must be on the API gateway, https://api.atlassian.com`,
    );
  }
  return `${origin}/ex/jira/${gateway[1]?.toLowerCase() ?? ''}`;
}

/**
 * A Data Center base URL: the same rules as a Cloud site (https, http only for loopback, no
 * credentials, query or fragment), but a context path such as /jira is kept (no trailing slash).
 */
export function parseDataCenterUrl(flag: string, text: string): string {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?([?#].*)?$/i.exec(text.trim());
  if (!parts) return parseOriginUrl(flag, text);
  const origin = parseOriginUrl(flag, parts[1] ?? '');
  if (parts[3]) throw new UsageError(`${flag} must not have a query (?) or fragment (#)`);
  const path = (parts[2] ?? '').replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)*$/.test(path) || /\/\.{1,2}(\/|$)/.test(path))
    throw new UsageError(
      `${flag}: the context path may only contain letters, digits, . _ ~ - and /`,
    );
  return `${origin}${path}`;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,254}$/i;
/** `permissions/check` takes up to 1000 project IDs in one call. */
export const MAX_PROJECTS = 1000;

/** `--project A,B --project C` → ['A', 'B', 'C'], upper-cased and de-duplicated. */
export function parseProjectKeys(values: readonly string[]): string[] {
  const keys: string[] = [];
  // Commas, or semicolons as a spreadsheet's export of a key column gives them (#24).
  for (const item of values.flatMap((value) => value.split(/[,;]/))) {
    const key = item.trim();
    if (key === '') continue;
    if (!PROJECT_KEY.test(key)) {
      throw new UsageError(
        `--project: ${quoteValue(key)} is not a project key (a letter, then letters, digits or _)`,
      );
    }
    const upper = key.toUpperCase();
    if (!keys.includes(upper)) keys.push(upper);
  }
  if (keys.length === 0)
    throw new UsageError('--project needs at least one project key, e.g. --project ABC');
  if (keys.length > MAX_PROJECTS) {
    throw new UsageError(
      `--project: at most ${MAX_PROJECTS} projects per run (got ${keys.length})`,
    );
  }
  return keys;
}

/**
 * `--fields A,B --fields C` → ['A', 'B', 'C'] (trimmed, de-duplicated, case kept: names are
 * matched case-insensitively on the site, IDs exactly).
 */
export function parseNameList(flag: string, values: readonly string[], example: string): string[] {
  const names = uniqueNames(values.flatMap((value) => value.split(',')));
  const bad = names.find((name) => !isSyncName(name));
  if (bad !== undefined) {
    throw new UsageError(
      `${flag}: ${quoteValue(bad)} is not a name (at most ${MAX_SYNC_NAME_LENGTH} printable characters)`,
    );
  }
  if (names.length === 0)
    throw new UsageError(`${flag} needs at least one name, e.g. ${flag} ${example}`);
  if (names.length > MAX_SYNC_NAMES)
    throw new UsageError(`${flag}: at most ${MAX_SYNC_NAMES} per run (got ${names.length})`);
  return names;
}

const EMAIL = /^[^\s@"'<>,;]+@[^\s@"'<>,;]+$/;

export function parseEmail(flag: string, text: string): string {
  if (text.length > MAX_EMAIL_LENGTH)
    throw new UsageError(`${flag} is longer than ${MAX_EMAIL_LENGTH} characters`);
  if (!EMAIL.test(text))
    throw new UsageError(`${flag} must be an email address, e.g. sync-bot@example.com`);
  return text;
}

const ACCOUNT_ID = /^[A-Za-z0-9:_-]{1,128}$/;

export function parseAccountId(flag: string, text: string): string {
  const value = text.trim();
  if (!ACCOUNT_ID.test(value)) {
    throw new UsageError(
      `${flag} must be an Atlassian account ID, e.g. 557058:f58131cb-b67d-43c7-b30d-6b58d40bd077`,
    );
  }
  return value;
}

/** `--user`: an account ID or an email address. */
export function parseUserRef(flag: string, text: string): string {
  const value = text.trim();
  if (value.includes('@')) return parseEmail(flag, value);
  if (!ACCOUNT_ID.test(value))
    throw new UsageError(`${flag} must be an account ID or an email address`);
  return value;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseEnvName(flag: string, text: string): string {
  if (!ENV_NAME.test(text)) {
    throw new UsageError(
      `${flag} takes the NAME of an environment variable (letters, digits, _), not the token itself`,
    );
  }
  return text;
}

export const MAX_TIMEOUT_MS = 600_000;

export function parseTimeoutMs(flag: string, text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `${flag} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`,
    );
  }
  return value;
}

/**
 * An Atlassian organisation ID, as it goes into the admin API's path. Its form is not documented
 * beyond being an identifier: letters, digits, `-` and `_`, at most 128 characters.
 */
export function parseOrgId(flag: string, text: string): string {
  const value = text.trim();
  if (value === '') throw new UsageError(`${flag} is empty`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(value))
    throw new UsageError(
      `${flag} must be an organisation ID (letters, digits, - and _; no spaces, slashes or other characters)`,
    );
  return value;
}
