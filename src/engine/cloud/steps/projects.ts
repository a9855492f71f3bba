import type { JiraClient } from '../../port/jira-client';
import type { View } from '../../model/facts';
import { projectDetailsShape, projectSearchShape } from '../../knowledge/jira-shapes';
import { jiraPath } from '../../port/jira-client';
import type { RunContext, StepHandle } from '../../run/context';
import { answeredAnonymously, send, unexpected } from '../../run/send';

/** `project/search` takes many `keys`; 50 per page keeps each answer to one page. */
export const KEYS_PER_PAGE = 50;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Fills id/name/type/visible of the view's projects from the caller's project search. A project
 * missing from the answer is not visible to the caller. Returns false when a page failed (then
 * nothing is concluded about the projects of that page).
 */
export async function searchProjects(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  who: string,
  withLead = false,
): Promise<boolean> {
  const keys = [...view.projects.keys()];
  const pages = await Promise.all(
    chunk(keys, KEYS_PER_PAGE).map(async (pageKeys) => {
      const req = {
        method: 'GET' as const,
        path: '/rest/api/3/project/search',
        query: {
          keys: pageKeys,
          maxResults: KEYS_PER_PAGE,
          ...(withLead ? { expand: 'lead' } : {}),
        },
      };
      const res = await send(ctx, handle, client, req, { expect: [200], who });
      if (!res) return false;
      const parsed = projectSearchShape.safeParse(res.json);
      if (!parsed.success)
        return unexpected(ctx, handle, req, 'no project list in the body') ?? false;
      const found = new Map(parsed.data.values.map((p) => [p.key.toUpperCase(), p]));
      if (found.size < pageKeys.length && answeredAnonymously(ctx, handle, client, res, req, who))
        return false;
      for (const key of pageKeys) {
        const facts = view.projects.get(key);
        const project = found.get(key);
        if (!facts) continue;
        facts.visible = project !== undefined;
        if (project) {
          facts.id = project.id;
          facts.name = project.name ?? null;
          facts.type = project.projectTypeKey ?? null;
          facts.lead = project.lead?.accountId ?? null;
        }
      }
      return true;
    }),
  );
  return pages.every(Boolean);
}

/**
 * The leads of a few projects (those a run explains), in one search page: key → the lead's
 * account ID. Null when the page failed; then the explanation knows no lead.
 */
export async function readLeads(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  keys: readonly string[],
  who: string,
): Promise<ReadonlyMap<string, string | null> | null> {
  const found = new Map<string, string | null>();
  for (const pageKeys of chunk(keys, KEYS_PER_PAGE)) {
    const req = {
      method: 'GET' as const,
      path: '/rest/api/3/project/search',
      query: { keys: pageKeys, maxResults: KEYS_PER_PAGE, expand: 'lead' },
    };
    const res = await send(ctx, handle, client, req, { expect: [200], who });
    if (!res) return null;
    const parsed = projectSearchShape.safeParse(res.json);
    if (!parsed.success) return unexpected(ctx, handle, req, 'no project list in the body');
    for (const p of parsed.data.values) found.set(p.key.toUpperCase(), p.lead?.accountId ?? null);
  }
  return found;
}

/**
 * A default project search silently omits archived and recycle-bin projects (docs/jira-behaviour.md J1),
 * so before a project is called missing, an administrator's search asks for each status in turn.
 * Returns false when a lookup failed: then a project still unaccounted for is not proven missing.
 */
export async function findRetiredProjects(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  who: string,
): Promise<boolean> {
  const missing = [...view.projects.values()].filter((p) => p.visible === false).map((p) => p.key);
  if (missing.length === 0) return true;
  const lookups = (['archived', 'deleted'] as const).flatMap((status) =>
    chunk(missing, KEYS_PER_PAGE).map(async (pageKeys) => {
      const req = {
        method: 'GET' as const,
        path: '/rest/api/3/project/search',
        query: { keys: pageKeys, status, maxResults: KEYS_PER_PAGE },
      };
      const res = await send(ctx, handle, client, req, { expect: [200], who });
      if (!res) return false;
      const parsed = projectSearchShape.safeParse(res.json);
      if (!parsed.success)
        return unexpected(ctx, handle, req, 'no project list in the body') ?? false;
      for (const project of parsed.data.values) {
        const facts = view.projects.get(project.key.toUpperCase());
        // Which search found it decides, not the body's flags (their presence is not promised).
        if (facts && facts.visible === false) {
          facts.retired = status;
          facts.name = project.name ?? null;
          facts.type = project.projectTypeKey ?? null;
        }
      }
      return true;
    }),
  );
  return (await Promise.all(lookups)).every(Boolean);
}

/** At most this many hidden projects are looked up one by one (a token-only run of many). */
export const HIDDEN_LOOKUP_MAX = 20;

/**
 * A token-only run cannot ask for archived or trashed projects the way an administrator does
 * (J1), but the sync user's own `GET /rest/api/3/project/{key}` still reads an archived project
 * it had access to (A1) and says so (`archived`, `deleted`). Each project the sync user's search
 * did not list is read that way (up to HIDDEN_LOOKUP_MAX): archived or trashed → `retired` (and it
 * exists); a 404 leaves it hidden; a project read without either flag is left as the search said
 * (Jira documents no other reason to leave a readable project out of a search). Returns the keys
 * not looked up.
 */
export async function readHiddenProjects(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  view: View,
  who: string,
): Promise<string[]> {
  const hidden = [...view.projects.values()].filter((p) => p.visible === false);
  const asked = hidden.slice(0, HIDDEN_LOOKUP_MAX);
  await Promise.all(
    asked.map(async (facts) => {
      const req = { method: 'GET' as const, path: jiraPath`/rest/api/3/project/${facts.key}` };
      const res = await send(ctx, handle, client, req, { expect: [200, 404], who });
      if (!res || res.status === 404) return;
      const parsed = projectDetailsShape.safeParse(res.json);
      if (!parsed.success) return;
      const project = parsed.data;
      if (project.key.toUpperCase() !== facts.key) return;
      const retired = project.deleted ? 'deleted' : project.archived ? 'archived' : null;
      if (!retired) return;
      facts.retired = retired;
      facts.exists = true;
      facts.id = project.id;
      facts.name = project.name ?? null;
      facts.type = project.projectTypeKey ?? null;
    }),
  );
  return hidden.slice(HIDDEN_LOOKUP_MAX).map((p) => p.key);
}
