import api, { NeedsAuthenticationError, route, type APIResponse } from '@forge/api';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter } from '../jira/retry-policy';
import { ResolverError } from './envelope';
import type { CallerContext } from './context';
import { Deadline, DeadlineExceeded } from './deadline';

export type Authority = 'jira-admin' | 'project-admin';

const HEADERS = { Accept: 'application/json' };

/**
 * Verifies, as the signed-in user and before any other Jira call, that the caller may use the
 * surface: Administer Jira for the admin page; Administer Projects in the page's project (or
 * Administer Jira) for a project settings page. One `mypermissions` call either way.
 *
 * Returns which authority the engine may use: only Jira administrators may ask Jira about
 * another account's permissions in bulk (`permissions/check`).
 */
export async function authorise(caller: CallerContext, deadline: Deadline): Promise<Authority> {
  const projectKey = caller.projectKey;
  let res: APIResponse;
  try {
    res = await withRateLimitRetries(deadline, (signal) =>
      caller.surface === 'admin' || projectKey === null
        ? api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
            headers: HEADERS,
            signal,
          })
        : api
            .asUser()
            .requestJira(
              route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=ADMINISTER_PROJECTS,ADMINISTER`,
              { headers: HEADERS, signal },
            ),
    );
  } catch (error) {
    // The platform turns this into the "Allow access" prompt: let it through.
    if (error instanceof NeedsAuthenticationError) throw error;
    if (error instanceof DeadlineExceeded || deadline.remainingMs(AUTHORISE_RESERVE_MS) === 0) {
      throw new ResolverError(
        'INTERNAL',
        'Could not verify your Jira permissions: Jira did not answer in time. Try again in a moment.',
      );
    }
    throw new ResolverError(
      'INTERNAL',
      'Could not verify your Jira permissions (Jira did not answer). Try again in a moment.',
    );
  }

  if (caller.surface === 'project' && res.status === 404) {
    throw notProjectAdmin(projectKey);
  }
  if (res.status === 401 || res.status === 403) {
    throw new ResolverError(
      'FORBIDDEN',
      'Jira refused to tell who you are. Reload the page and sign in again.',
    );
  }
  if (res.status !== 200) {
    throw new ResolverError(
      'INTERNAL',
      `Could not verify your Jira permissions (Jira answered HTTP ${res.status}). Try again in a moment.`,
    );
  }
  const held = await heldPermissions(res, deadline);
  if (caller.surface === 'admin') {
    if (held.has('ADMINISTER')) return 'jira-admin';
    throw new ResolverError(
      'FORBIDDEN',
      'Only Jira administrators can run checks from this page. Project administrators can run a check for their project from Project settings → Credential Doctor.',
    );
  }
  if (held.has('ADMINISTER')) return 'jira-admin';
  if (held.has('ADMINISTER_PROJECTS')) return 'project-admin';
  throw notProjectAdmin(projectKey);
}

const AUTHORISE_RETRY = {
  maxRetries: 2,
  maxTotalWaitMs: 3_000,
  initialDelayMs: 300,
  maxDelayMs: 1_500,
};

/**
 * Authorisation stops this long before the invocation deadline, so a refusal can still be
 * answered; the engine and the history need far more than what is left then anyway.
 */
const AUTHORISE_RESERVE_MS = 4_000;

/**
 * The authorisation call is a plain `requestJira` (the consent prompt must reach the platform
 * untouched), so it gets the shared retry policy here: a 429 or 503 is repeated within bounds,
 * honouring Retry-After, instead of refusing an admin because Jira was busy. Every attempt and
 * wait stays inside the invocation's deadline (the abort signal, and a race in case the platform's
 * HTTP stack ignores it — whether Forge's `requestJira` honours `signal` is not documented).
 */
async function withRateLimitRetries(
  deadline: Deadline,
  send: (signal: AbortSignal) => Promise<APIResponse>,
): Promise<APIResponse> {
  let waitedMs = 0;
  for (let attempt = 1; ; attempt += 1) {
    if (deadline.remainingMs(AUTHORISE_RESERVE_MS) === 0) throw new DeadlineExceeded();
    const res = await deadline.race(
      send(deadline.signal(AUTHORISE_RESERVE_MS)),
      AUTHORISE_RESERVE_MS,
    );
    if (attempt > AUTHORISE_RETRY.maxRetries || !isRetryableStatus(res.status, true)) return res;
    const retryAfter = parseRetryAfter(res.headers.get('retry-after'), Date.now());
    const delayMs =
      retryAfter !== null
        ? retryAfter * 1000
        : backoffDelayMs(attempt - 1, AUTHORISE_RETRY, Math.random);
    if (waitedMs + delayMs > AUTHORISE_RETRY.maxTotalWaitMs) return res;
    if (delayMs >= deadline.remainingMs(AUTHORISE_RESERVE_MS)) return res;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    waitedMs += delayMs;
  }
}

function notProjectAdmin(projectKey: string | null): ResolverError {
  return new ResolverError(
    'FORBIDDEN',
    `Only administrators of project ${projectKey ?? '(unknown)'} (or Jira administrators) can use Credential Doctor here.`,
  );
}

async function heldPermissions(res: APIResponse, deadline: Deadline): Promise<Set<string>> {
  let body: unknown;
  try {
    body = await deadline.race(res.json() as Promise<unknown>, AUTHORISE_RESERVE_MS);
  } catch {
    throw new ResolverError(
      'INTERNAL',
      'Could not verify your Jira permissions (unreadable answer).',
    );
  }
  const map = (body as { permissions?: unknown } | null)?.permissions;
  const held = new Set<string>();
  if (typeof map === 'object' && map !== null) {
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if ((value as { havePermission?: unknown } | null)?.havePermission === true) held.add(key);
    }
  }
  return held;
}
