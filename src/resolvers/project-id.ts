import api, { NeedsAuthenticationError, route } from '@forge/api';
import type { CallerContext } from './context';
import type { Deadline } from './deadline';
import { ResolverError } from './envelope';

/**
 * The ID of a project settings page's project: history is kept by project ID, because a key can
 * be given to a new project after the old one is deleted. The page was authorised by its project
 * key (`authorise`), so the ID is always read from Jira for that key, as the signed-in user, after
 * authorisation (a project administrator may read their own project). When the invocation context
 * carries an ID too, it must be the same project's: a context naming one project's key and
 * another's ID would let an administrator of the first read and clear the second's history.
 */
export async function projectIdOf(caller: CallerContext, deadline: Deadline): Promise<string> {
  const key = caller.projectKey;
  if (key === null)
    throw new ResolverError('FORBIDDEN', 'The project of this settings page is unknown.');
  const id = await readProjectId(key, deadline);
  if (id === null) {
    throw new ResolverError(
      'INTERNAL',
      `Could not read project ${key} from Jira to find its history. Try again in a moment.`,
    );
  }
  if (caller.projectId !== null && caller.projectId !== id) {
    throw new ResolverError(
      'FORBIDDEN',
      `The project of this settings page is unclear: its key ${key} belongs to another project than its ID. Reload the page.`,
    );
  }
  return id;
}

async function readProjectId(key: string, deadline: Deadline): Promise<string | null> {
  try {
    const res = await deadline.race(
      api.asUser().requestJira(route`/rest/api/3/project/${key}`, {
        headers: { Accept: 'application/json' },
        signal: deadline.signal(),
      }),
    );
    if (res.status !== 200) return null;
    const id = ((await deadline.race(res.json() as Promise<unknown>)) as { id?: unknown } | null)
      ?.id;
    return typeof id === 'string' && /^[0-9]{1,18}$/.test(id) ? id : null;
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) throw error;
    return null;
  }
}
