import { invoke, requestJira, view } from '@forge/bridge';
import type {
  Capabilities,
  HistoryEntry,
  ImportReportPayload,
  PanelContext,
  PersonName,
  Report,
  ResolverError,
  ResolverResult,
  RunCheckPayload,
} from './types';
import type { PlannedRun, RunProgress } from '@shared/resolvers/batch-run';
import type { ManySelection } from './components/check-form/state';

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

/** Calls a resolver and always resolves to the `{ ok }` envelope, whatever the bridge does. */
export async function callResolver<T extends object>(
  key: string,
  payload?: Record<string, unknown>,
): Promise<ResolverResult<T>> {
  let response: unknown;
  try {
    response = await invoke(key, payload);
  } catch (err) {
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
    if (r.ok === true) return response as ResolverResult<T>;
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
  return callResolver<{ report: Report }>(
    'runCheck',
    payload as unknown as Record<string, unknown>,
  );
}

/** One batch of a run of many projects: the run's projects come from its plan, not from here. */
export type RunBatchPayload = Omit<RunCheckPayload, 'projects'> & {
  run: { id: string; batch: number };
};

export function runBatch(
  payload: RunBatchPayload,
): Promise<ResolverResult<{ report: Report; run: RunProgress }>> {
  return callResolver<{ report: Report; run: RunProgress }>(
    'runCheck',
    payload as unknown as Record<string, unknown>,
  );
}

export type StartRunPayload = Omit<RunCheckPayload, 'projects' | 'token'> & {
  selection: ManySelection;
};

export function startRun(payload: StartRunPayload): Promise<ResolverResult<{ run: PlannedRun }>> {
  return callResolver<{ run: PlannedRun }>(
    'startRun',
    payload as unknown as Record<string, unknown>,
  );
}

export function cancelRun(id: string): Promise<ResolverResult<{ cancelled: boolean }>> {
  return callResolver<{ cancelled: boolean }>('cancelRun', { run: { id } });
}

export function importReport(
  payload: ImportReportPayload,
): Promise<ResolverResult<{ report: Report }>> {
  return callResolver<{ report: Report }>(
    'importReport',
    payload as unknown as Record<string, unknown>,
  );
}

/** What this build of the app can do; the panel never guesses it from its own bundle. */
export function getCapabilities(): Promise<ResolverResult<{ capabilities: Capabilities }>> {
  return callResolver<{ capabilities: Capabilities }>('getCapabilities', {});
}

export function getHistory(): Promise<
  ResolverResult<{ runs: HistoryEntry[]; people?: Record<string, PersonName> }>
> {
  return callResolver<{ runs: HistoryEntry[]; people?: Record<string, PersonName> }>(
    'getHistory',
    {},
  );
}

/**
 * Clears the runs this page may clear. The backend stops before its time limit and answers
 * `more` when runs are left: it is asked again until none are (at most 50 times).
 */
export async function clearHistory(): Promise<ResolverResult<{ cleared?: number; more?: true }>> {
  let result = await callResolver<{ cleared?: number; more?: true }>('clearHistory', {});
  for (let round = 1; round < 50 && result.ok && result.more; round++) {
    result = await callResolver<{ cleared?: number; more?: true }>('clearHistory', {});
  }
  return result;
}

interface RawContext {
  accountId?: string;
  cloudId?: string;
  siteUrl?: string;
  moduleKey?: string;
  extension?: { type?: string; project?: { key?: string } };
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
