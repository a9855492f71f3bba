import { invoke, requestJira, view } from '@forge/bridge';
import type { PayloadOf, PlannedRun, ResolverKey, ResultOf, RunProgress } from '@shared/contract';
import type {
  ImportReportPayload,
  PanelContext,
  Report,
  ResolverError,
  ResolverResult,
  RunBatchPayload,
  RunCheckPayload,
  StartRunPayload,
} from './types';
import { CONSENT_MESSAGE, isConsentRequest } from './consent';

export const PROJECT_MODULE_KEY = 'credential-doctor-project';

function isResolverError(value: unknown): value is ResolverError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message.trim();
  return String(err);
}

/**
 * Calls a resolver of the declared contract (src/contract) and always resolves to the `{ ok }`
 * envelope, whatever the bridge does. The only way the panel reaches its backend.
 */
export async function callResolver<K extends ResolverKey>(
  key: K,
  payload: PayloadOf<K>,
): Promise<ResolverResult<ResultOf<K>>> {
  let response: unknown;
  try {
    response = await invoke(key, payload as Parameters<typeof invoke>[1]);
  } catch (err) {
    // Forge wants the user to allow access first: say so, not "the backend did not answer".
    if (isConsentRequest(err)) {
      return {
        ok: false,
        error: { code: 'CONSENT_REQUIRED', message: CONSENT_MESSAGE, detail: errorMessage(err) },
      };
    }
    // The bridge throws for a backend crash, a timeout or a non-JSON body ("Unexpected token 'I',
    // "Internal S"…): that text is for the technical details, not for the admin.
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message:
          "The app's backend did not answer: it failed or ran out of time. Nothing was changed in Jira.",
        detail: errorMessage(err),
      },
    };
  }
  if (typeof response === 'object' && response !== null && 'ok' in response) {
    const r = response as { ok: unknown; error?: unknown };
    if (r.ok === true) return response as ResolverResult<ResultOf<K>>;
    if (r.ok === false && isResolverError(r.error)) return { ok: false, error: r.error };
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: 'The app returned a response the panel does not understand.',
    },
  };
}

export function runCheck(payload: RunCheckPayload): Promise<ResolverResult<{ report: Report }>> {
  return callResolver('runCheck', payload);
}

export type { RunBatchPayload, StartRunPayload } from './types';

export function runBatch(
  payload: RunBatchPayload,
): Promise<ResolverResult<{ report: Report; run: RunProgress }>> {
  // A batch always answers with its run's progress (src/resolvers/batch-run.ts).
  return callResolver('runCheck', payload) as Promise<
    ResolverResult<{ report: Report; run: RunProgress }>
  >;
}

export function startRun(payload: StartRunPayload): Promise<ResolverResult<{ run: PlannedRun }>> {
  return callResolver('startRun', payload);
}

export function cancelRun(id: string): Promise<ResolverResult<ResultOf<'cancelRun'>>> {
  return callResolver('cancelRun', { run: { id } });
}

export function importReport(
  payload: ImportReportPayload,
): Promise<ResolverResult<{ report: Report }>> {
  return callResolver('importReport', payload);
}

/** What this build of the app can do; the panel never guesses it from its own bundle. */
export function getCapabilities(): Promise<ResolverResult<ResultOf<'getCapabilities'>>> {
  return callResolver('getCapabilities', {});
}

export function getHistory(): Promise<ResolverResult<ResultOf<'getHistory'>>> {
  return callResolver('getHistory', {});
}

/**
 * Clears the runs this page may clear. The backend stops before its time limit and answers
 * `more` when runs are left: it is asked again until none are (at most 50 times).
 */
export async function clearHistory(): Promise<ResolverResult<ResultOf<'clearHistory'>>> {
  let result = await callResolver('clearHistory', {});
  for (let round = 1; round < 50 && result.ok && result.more; round++) {
    result = await callResolver('clearHistory', {});
  }
  return result;
}

/** A Jira administrator lifts the failed-login cooling-off a LOGIN_COOLING_OFF finding names. */
export function liftCoolingOff(guard: string): Promise<ResolverResult<ResultOf<'liftCoolingOff'>>> {
  return callResolver('liftCoolingOff', { guard });
}

interface RawContext {
  accountId?: string;
  cloudId?: string;
  siteUrl?: string;
  moduleKey?: string;
  localId?: string;
  extension?: { type?: string; project?: { key?: string } };
}

/**
 * The admin page's address: Forge builds it as /jira/settings/apps/{appId}/{envId} (the
 * jira:adminPage module's reference); a Custom UI module's `localId` names both
 * (ari:cloud:ecosystem::extension/{appId}/{envId}/static/{moduleKey}).
 */
function adminPageUrl(raw: RawContext): string | null {
  const match = /extension\/([0-9a-f-]{8,64})\/([0-9a-z-]{4,64})\/static\//i.exec(
    raw.localId ?? '',
  );
  if (!match || !raw.siteUrl) return null;
  return `${raw.siteUrl.replace(/\/+$/, '')}/jira/settings/apps/${match[1]}/${match[2]}`;
}

export async function loadContext(): Promise<PanelContext> {
  const raw = ((await view.getContext()) ?? {}) as RawContext;
  const projectKey = raw.extension?.project?.key ?? null;
  const isProjectPage =
    raw.moduleKey === PROJECT_MODULE_KEY || raw.extension?.type === 'jira:projectSettingsPage';
  return {
    surface: isProjectPage ? 'project' : 'admin',
    accountId: raw.accountId ?? null,
    cloudId: raw.cloudId ?? null,
    siteUrl: raw.siteUrl ?? null,
    projectKey: isProjectPage ? projectKey : null,
    moduleKey: raw.moduleKey ?? null,
    adminPageUrl: adminPageUrl(raw),
  };
}

export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const res = await requestJira(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    const reason =
      res.status === 401 || res.status === 403
        ? 'you are not allowed to search here'
        : `Jira answered ${res.status}`;
    throw new JiraRequestError(res.status, reason);
  }
  return (await res.json()) as T;
}

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  accountType?: string;
  active?: boolean;
}

export function searchUsers(query: string): Promise<JiraUser[]> {
  const q = encodeURIComponent(query);
  return getJson<JiraUser[]>(`/rest/api/3/user/search?query=${q}&maxResults=20`);
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
}

export async function searchProjects(query: string): Promise<JiraProject[]> {
  const q = encodeURIComponent(query);
  const page = await getJson<{ values?: JiraProject[] }>(
    `/rest/api/3/project/search?query=${q}&maxResults=50&orderBy=key`,
  );
  return page.values ?? [];
}

export interface ProjectCategory {
  id: string;
  name: string;
}

/** The site's project categories, as the signed-in user sees them. */
export async function listProjectCategories(): Promise<ProjectCategory[]> {
  const categories = await getJson<ProjectCategory[]>('/rest/api/3/projectCategory');
  return Array.isArray(categories) ? categories : [];
}

export type Access = 'allowed' | 'denied' | 'unknown';

/**
 * Whether the signed-in user may use this page, asked up front so a refused user is told before
 * filling in the form. Only a courtesy: the resolvers decide, on every call.
 */
export async function checkAccess(ctx: PanelContext): Promise<Access> {
  const onProject = ctx.surface === 'project' && ctx.projectKey !== null;
  const path = onProject
    ? `/rest/api/3/mypermissions?projectKey=${encodeURIComponent(ctx.projectKey ?? '')}&permissions=ADMINISTER_PROJECTS,ADMINISTER`
    : '/rest/api/3/mypermissions?permissions=ADMINISTER';
  try {
    const body = await getJson<{ permissions?: Record<string, { havePermission?: boolean }> }>(
      path,
    );
    const held = (key: string) => body.permissions?.[key]?.havePermission === true;
    if (held('ADMINISTER')) return 'allowed';
    if (onProject && held('ADMINISTER_PROJECTS')) return 'allowed';
    return 'denied';
  } catch (err) {
    if (onProject && err instanceof JiraRequestError && err.status === 404) return 'denied';
    return 'unknown';
  }
}

export async function getProject(key: string): Promise<JiraProject | null> {
  try {
    return await getJson<JiraProject>(`/rest/api/3/project/${encodeURIComponent(key)}`);
  } catch {
    return null;
  }
}

export interface JiraField {
  id: string;
  name?: string;
}

/** The site's fields as the signed-in admin sees them (for suggestions only). */
export function listFields(): Promise<JiraField[]> {
  return getJson<JiraField[]>('/rest/api/3/field');
}
