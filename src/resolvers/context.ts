import type { Surface } from '../contract/history';
import { ResolverError } from './envelope';
import { PRODUCTION, type ResolverEnvironment } from './environment';

export const ADMIN_MODULE_KEY = 'credential-doctor-admin';
export const PROJECT_MODULE_KEY = 'credential-doctor-project';

/** What a resolver may rely on from the invocation context. */
export interface CallerContext {
  /** The signed-in user: set by the platform, trustworthy. */
  accountId: string;
  /** Site origin from the platform, e.g. https://acme.atlassian.net. Never from the payload. */
  siteUrl: string;
  /** The project settings page's project ID, when the context carries it (see `projectIdOf`). */
  projectId: string | null;
  cloudId: string | null;
  surface: Surface;
  /** The project settings page's project (a hint until authorised). */
  projectKey: string | null;
}

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,31}$/;
const PROJECT_ID = /^[0-9]{1,18}$/;

/**
 * Reads the Forge invocation context. The surface comes from the module key and the extension
 * type; both are hints, so they must agree, and authorisation then verifies the caller's rights
 * for the surface. The admin surface demands the stronger permission, so claiming it gains nothing.
 */
export function readContext(
  context: unknown,
  _environment: Pick<ResolverEnvironment, 'isAllowedSite'> = PRODUCTION,
): CallerContext {
  const c = (typeof context === 'object' && context !== null ? context : {}) as Record<
    string,
    unknown
  >;
  const accountId = typeof c.accountId === 'string' && c.accountId ? c.accountId : null;
  if (!accountId) {
    throw new ResolverError('FORBIDDEN', 'Sign in to Jira to use Credential Doctor.');
  }
  const siteUrl = originOf(c.siteUrl);
  if (!siteUrl) throw new ResolverError('INTERNAL', 'The Jira site of this invocation is unknown.');
  // The platform names the site; any address it gives is this installation's (the no-egress
  // build sends nothing anywhere). Where a token is sent, only an allowed site may receive it:
  // the token check applies `isAllowedSite` (run-check.ts).
  const cloudId = typeof c.cloudId === 'string' && c.cloudId ? c.cloudId : null;

  const extension = (
    typeof c.extension === 'object' && c.extension !== null ? c.extension : {}
  ) as {
    type?: unknown;
    project?: { key?: unknown; id?: unknown };
  };
  const byModule =
    c.moduleKey === ADMIN_MODULE_KEY
      ? 'admin'
      : c.moduleKey === PROJECT_MODULE_KEY
        ? 'project'
        : null;
  const byType =
    extension.type === 'jira:adminPage'
      ? 'admin'
      : extension.type === 'jira:projectSettingsPage'
        ? 'project'
        : null;
  const surface = byModule ?? byType;
  if (!surface || (byModule && byType && byModule !== byType)) {
    throw new ResolverError(
      'FORBIDDEN',
      'Credential Doctor runs only from its Jira administration page or a project settings page.',
    );
  }
  let projectKey: string | null = null;
  let projectId: string | null = null;
  if (surface === 'project') {
    const id = extension.project?.id;
    const idText = typeof id === 'number' ? String(id) : id;
    if (typeof idText === 'string' && PROJECT_ID.test(idText)) projectId = idText;
    const key = extension.project?.key;
    if (typeof key !== 'string' || !PROJECT_KEY.test(key.toUpperCase())) {
      throw new ResolverError('FORBIDDEN', 'The project of this settings page is unknown.');
    }
    projectKey = key.toUpperCase();
  }
  return { accountId, siteUrl, cloudId, surface, projectKey, projectId };
}

function originOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
