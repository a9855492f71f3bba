import api, { NeedsAuthenticationError, route } from '@forge/api';
import type { CallerContext } from './context';
import type { Deadline } from './deadline';
import { ResolverError } from './envelope';

/**
 * The ID of a project settings page's project: history is kept by project ID, because a key can
 * be given to a new project after the old one is deleted. The Forge context of a project settings
 * page carries the project (`extension.project`); when it carries no ID we ask Jira, as the
 * signed-in user, after authorisation (a project administrator may read their own project).
 */
export async function projectIdOf(caller: CallerContext, deadline: Deadline): Promise<string> {
  if (caller.projectId !== null) return caller.projectId;
  const key = caller.projectKey;
  if (key === null)
    throw new ResolverError('FORBIDDEN', 'The project of this settings page is unknown.');
  try {
    const res = await deadline.race(
      api.asUser().requestJira(route`/rest/api/3/project/${key}`, {
        headers: { Accept: 'application/json' },
        signal: deadline.signal(),
      }),
    );
    if (res.status === 200) {
      const id = ((await deadline.race(res.json() as Promise<unknown>)) as { id?: unknown } | null)
        ?.id;
      if (typeof id === 'string' && /^[0-9]{1,18}$/.test(id)) return id;
    }
  } catch (error) {
    if (error instanceof NeedsAuthenticationError) throw error;
  }
  throw new ResolverError(
    'INTERNAL',
    `Could not read project ${key} from Jira to find its history. Try again in a moment.`,
  );
}
