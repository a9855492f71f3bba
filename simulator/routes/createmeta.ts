/** Create-issue metadata: creatable issue types of a project and the fields of one of them. */
import { errorCollection, needsLogin, ok, projectNotFound, type SimResponse } from '../http';
import { canViewProject, hasProjectPermission } from '../permissions';
import { fieldsForCaller } from '../issues';
import { fieldMetaJson, issueTypeJson } from '../representations';
import { findProject, siteOptions, type WorldProject } from '../world';
import { paging, type Paging } from './common';
import type { Handler, RequestContext } from './context';

const MAX_RESULTS = 200;

type Gate =
  { ok: true; project: WorldProject; page: Paging } | { ok: false; response: SimResponse };

function gate(ctx: RequestContext): Gate {
  const idOrKey = ctx.params.projectIdOrKey ?? '';
  const page = paging(ctx.query, 50);
  if (!page.ok) return page;
  if (page.value.maxResults > MAX_RESULTS) {
    // The spec's example 400 body for this operation.
    return {
      ok: false,
      response: {
        status: 400,
        json: {
          errorMessages: [`Parameter 'maxResults' must not exceed the limit '${MAX_RESULTS}'`],
          errors: {},
          httpStatusCode: { empty: false, present: true },
        },
      },
    };
  }
  const project = findProject(ctx.world, idOrKey);
  const canCreate =
    project !== undefined && hasProjectPermission(ctx.world, ctx.caller, project, 'CREATE_ISSUES');
  if (ctx.caller.kind === 'anonymous' && !canCreate) return { ok: false, response: needsLogin() };
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) {
    return { ok: false, response: projectNotFound(idOrKey) };
  }
  if (!canCreate) {
    // Undocumented on Cloud (Data Center answered 400): a world option, default 400.
    switch (siteOptions(ctx.world).createMetaWithoutCreatePermission) {
      case 'empty-200':
        return { ok: true, project: { ...project, issueTypes: [] }, page: page.value };
      case 'not-found-404':
        return { ok: false, response: projectNotFound(idOrKey) };
      case 'error-400':
        return {
          ok: false,
          response: errorCollection(400, [
            'You do not have permission to create issues in this project.',
          ]),
        };
    }
  }
  // A1, A2: archived and trashed projects are read-only, so no issue type can be created there.
  // The exact answer is not documented: an empty list (no create screen).
  if ((project.status ?? 'live') !== 'live')
    return { ok: true, project: { ...project, issueTypes: [] }, page: page.value };
  return { ok: true, project, page: page.value };
}

export const getCreateIssueMetaIssueTypes: Handler = (ctx) => {
  const g = gate(ctx);
  if (!g.ok) return g.response;
  const { startAt, maxResults } = g.page;
  const types = g.project.issueTypes;
  return ok({
    issueTypes: types
      .slice(startAt, startAt + maxResults)
      .map((t) => issueTypeJson(ctx.baseUrl, t)),
    maxResults,
    startAt,
    total: types.length,
  });
};

export const getCreateIssueMetaIssueTypeId: Handler = (ctx) => {
  const g = gate(ctx);
  if (!g.ok) return g.response;
  const typeId = ctx.params.issueTypeId ?? '';
  const type = g.project.issueTypes.find((t) => t.id === typeId);
  // Wording not documented.
  if (!type)
    return errorCollection(404, [
      `The issue type with id '${typeId}' does not exist in this project.`,
    ]);
  const { startAt, maxResults } = g.page;
  const onScreen = fieldsForCaller(ctx.world, ctx.caller, g.project, type.fields);
  const fields = onScreen.map((f) => fieldMetaJson(f, true));
  return ok({
    fields: fields.slice(startAt, startAt + maxResults),
    maxResults,
    startAt,
    total: fields.length,
  });
};
