/**
 * Which schemes projects use: the bulk mapping endpoints an administrator reads to tell which
 * target projects share their screens, field configuration and issue security (issue 24).
 * Administer Jira only (the spec: 403 otherwise); classic projects only.
 */
import { errorCollection, needsLogin, ok, type SimResponse } from '../http';
import { isJiraAdmin } from '../permissions';
import { isClassic, projectSchemes, type ProjectSchemes, type SchemeRef } from '../screen-schemes';
import { siteOptions, type World } from '../world';
import { badRequest, paging } from './common';
import type { Handler, RequestContext } from './context';

/** The spec's 403 example for issue security schemes; the other endpoints' wording is not documented. */
const ADMIN_ONLY =
  'You are not authorized to perform this action. Administrator privileges are required.';

type Guarded = { ok: true; ids: string[] } | { ok: false; response: SimResponse };

/** Login, Administer Jira, and the `projectId` list (integers; required where the spec says so). */
function guard(ctx: RequestContext, required: boolean): Guarded {
  if (ctx.caller.kind === 'anonymous') return { ok: false, response: needsLogin() };
  if (!isJiraAdmin(ctx.world, ctx.caller))
    return { ok: false, response: errorCollection(403, [ADMIN_ONLY]) };
  const ids = ctx.query.all('projectId');
  const bad = ids.find((id) => !/^\d+$/.test(id.trim()));
  // Wording not documented (the spec's example for a bad id: "… must be zero or a positive integer.").
  if (bad !== undefined)
    return {
      ok: false,
      response: badRequest(
        `${bad} is not a valid value. projectId must be zero or a positive integer.`,
      ),
    };
  if (required && ids.length === 0)
    return { ok: false, response: badRequest('The projectId parameter is required.') };
  return { ok: true, ids: [...new Set(ids.map((id) => id.trim()))] };
}

/** A page of `values` as Jira's PageBean shapes it. */
function page(ctx: RequestContext, values: unknown[]): SimResponse {
  const paged = paging(ctx.query, 50);
  if (!paged.ok) return paged.response;
  const { startAt, maxResults } = paged.value;
  const slice = values.slice(startAt, startAt + maxResults);
  return ok({
    isLast: startAt + slice.length >= values.length,
    maxResults,
    startAt,
    total: values.length,
    values: slice,
  });
}

/**
 * Groups the requested classic projects by one of their schemes, in scheme ID order (the default
 * field configuration scheme, `null`, first). `projectIds` lists the requested projects, or every
 * project using the scheme (site option `schemeMappingProjects`).
 */
function grouped(
  world: World,
  ids: readonly string[],
  pick: (s: ProjectSchemes) => SchemeRef | null,
): Array<{ scheme: SchemeRef | null; projectIds: string[] }> {
  const schemes = projectSchemes(world);
  const all = siteOptions(world).schemeMappingProjects === 'all';
  const wanted = new Set(ids);
  const groups = new Map<string, { scheme: SchemeRef | null; projectIds: string[] }>();
  for (const [projectId, s] of schemes) {
    const scheme = pick(s);
    const key = scheme?.id ?? '';
    if (!wanted.has(projectId) && !all) continue;
    const group = groups.get(key) ?? { scheme, projectIds: [] };
    group.projectIds.push(projectId);
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.projectIds.some((id) => wanted.has(id)))
    .sort((a, b) => Number(a.scheme?.id ?? -1) - Number(b.scheme?.id ?? -1));
}

export const getIssueTypeSchemeForProjects: Handler = (ctx) => {
  const g = guard(ctx, true);
  if (!g.ok) return g.response;
  return page(
    ctx,
    grouped(ctx.world, g.ids, (s) => s.issueTypeScheme).map(({ scheme, projectIds }) => ({
      issueTypeScheme: scheme,
      projectIds,
    })),
  );
};

export const getIssueTypeScreenSchemeProjectAssociations: Handler = (ctx) => {
  const g = guard(ctx, true);
  if (!g.ok) return g.response;
  return page(
    ctx,
    grouped(ctx.world, g.ids, (s) => s.issueTypeScreenScheme).map(({ scheme, projectIds }) => ({
      issueTypeScreenScheme: scheme,
      projectIds,
    })),
  );
};

/** The spec: "The first item contains the list of project IDs assigned to the default field configuration scheme." */
export const getFieldConfigurationSchemeProjectMapping: Handler = (ctx) => {
  const g = guard(ctx, true);
  if (!g.ok) return g.response;
  return page(
    ctx,
    grouped(ctx.world, g.ids, (s) => s.fieldConfigurationScheme).map(({ scheme, projectIds }) =>
      scheme ? { fieldConfigurationScheme: scheme, projectIds } : { projectIds },
    ),
  );
};

/**
 * `GET /issuesecurityschemes/search`: issue security schemes; with `projectId`, the spec says "the
 * result will contain issue security schemes and related project IDs you filter by". A project
 * without a scheme is in no entry. Team-managed projects are left out ("classic projects" only).
 */
export const searchSecuritySchemes: Handler = (ctx) => {
  const g = guard(ctx, false);
  if (!g.ok) return g.response;
  const schemeIds = ctx.query.all('id');
  if (schemeIds.some((id) => !/^\d+$/.test(id)))
    return badRequest(
      `${schemeIds.find((id) => !/^\d+$/.test(id))} is not a valid value. id must be zero or a positive integer.`,
    );
  const wanted = new Set(g.ids);
  const values = (ctx.world.issueSecuritySchemes ?? [])
    .filter((scheme) => schemeIds.length === 0 || schemeIds.includes(String(scheme.id)))
    .map((scheme) => {
      const projectIds = ctx.world.projects
        .filter((p) => isClassic(p) && p.issueSecuritySchemeId === scheme.id)
        .filter((p) => wanted.size === 0 || wanted.has(p.id))
        .map((p) => Number(p.id));
      return {
        scheme,
        json: {
          id: scheme.id,
          self: `${ctx.baseUrl}/rest/api/3/issuesecurityschemes/${scheme.id}`,
          name: scheme.name,
          description: scheme.description ?? '',
          projectIds,
        },
      };
    })
    .filter((entry) => wanted.size === 0 || entry.json.projectIds.length > 0)
    .sort((a, b) => a.scheme.id - b.scheme.id)
    .map((entry) => entry.json);
  return page(ctx, values);
};
