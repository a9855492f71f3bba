/** POST /search/jql, GET /issue/{key}/editmeta and GET /field. */
import { errorCollection, ok } from '../http';
import {
  canSeeIssue,
  editScreenFields,
  fieldsForCaller,
  findIssue,
  parseJql,
  securityLevel,
} from '../issues';
import { canViewProject, hasProjectPermission } from '../permissions';
import { fieldMetaJson, issueTypeJson } from '../representations';
import { findProject, siteOptions, type WorldField, type WorldIssue } from '../world';
import { badRequest } from './common';
import type { Handler, RequestContext } from './context';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';
const MAX_SEARCH_RESULTS = 5000;

interface SearchBody {
  jql?: unknown;
  maxResults?: unknown;
  fields?: unknown;
  nextPageToken?: unknown;
}

/**
 * Recorded (docs/jira-behaviour.md, "Triage: what pasted errors also look like";
 * test/fixtures/triage/removed-api-search-json.json and removed-api-search-post-log.json): the old
 * JQL search, `GET` and `POST /rest/api/3/search`, answers 410 with Jira's error collection and
 * this notice. `/rest/api/2/search` answers the same 410 (recorded with this notice translated,
 * removed-api-search-french.json; server.ts serves the v2 path as v3).
 */
export const REMOVED_SEARCH =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

/** GET and POST /search (removed): 410 for every caller the pipeline lets through. */
export const removedSearch: Handler = () => errorCollection(410, [REMOVED_SEARCH]);

export const searchJql: Handler = (ctx) => {
  if (ctx.bodyError) return badRequest('The request body is not valid JSON.');
  const body = (ctx.body ?? {}) as SearchBody;
  if (typeof body.jql !== 'string') return badRequest('The JQL query is required.');
  const parsed = parseJql(body.jql);
  if (!parsed.ok) return badRequest(parsed.error);
  const { query } = parsed;
  const max =
    typeof body.maxResults === 'number' && Number.isInteger(body.maxResults)
      ? Math.min(Math.max(body.maxResults, 0), MAX_SEARCH_RESULTS)
      : 50;
  const offset = typeof body.nextPageToken === 'string' ? Number(body.nextPageToken) || 0 : 0;
  const projects = [];
  for (const ref of query.projects ?? ctx.world.projects.map((p) => p.key)) {
    const project = findProject(ctx.world, ref);
    // Jira's JQL validation names values the caller cannot see exactly like unknown ones.
    if (!project || !canViewProject(ctx.world, ctx.caller, project)) {
      if (query.projects === null) continue;
      return errorCollection(400, [`The value '${ref}' does not exist for the field 'project'.`]);
    }
    projects.push(project);
  }
  const wantedTypes = query.issueTypes?.map((t) => t.toLowerCase()) ?? null;
  const found: Array<{ issue: WorldIssue; project: (typeof projects)[number] }> = [];
  for (const project of projects) {
    for (const issue of project.issues ?? []) {
      if (!canSeeIssue(ctx.world, ctx.caller, project, issue)) continue;
      if (query.level === 'empty' && issue.securityLevelId !== undefined) continue;
      if (query.level === 'not-empty' && issue.securityLevelId === undefined) continue;
      const type = project.issueTypes.find((t) => t.id === issue.issueTypeId);
      if (wantedTypes && !(type && wantedTypes.includes(type.name.toLowerCase()))) continue;
      found.push({ issue, project });
    }
  }
  found.sort((a, b) =>
    query.descending
      ? b.issue.updated.localeCompare(a.issue.updated)
      : a.issue.updated.localeCompare(b.issue.updated),
  );
  const page = found.slice(offset, offset + max);
  const fields = Array.isArray(body.fields)
    ? body.fields.filter((f): f is string => typeof f === 'string')
    : [];
  const isLast = offset + max >= found.length;
  return ok({
    issues: page.map(({ issue, project }) => issueJson(ctx, project, issue, fields)),
    isLast,
    ...(isLast ? {} : { nextPageToken: String(offset + max) }),
  });
};

function issueJson(
  ctx: RequestContext,
  project: NonNullable<ReturnType<typeof findProject>>,
  issue: WorldIssue,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = project.issueTypes.find((t) => t.id === issue.issueTypeId);
  if (fields.includes('issuetype') && type) out.issuetype = issueTypeJson(ctx.baseUrl, type);
  if (fields.includes('summary')) out.summary = issue.summary;
  if (fields.includes('project'))
    out.project = {
      self: `${ctx.baseUrl}/rest/api/3/project/${project.id}`,
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
    };
  if (fields.includes('updated')) out.updated = issue.updated.replace('Z', '+0000');
  if (fields.includes('security')) {
    const level = securityLevel(ctx.world, project, issue.securityLevelId);
    out.security = level
      ? {
          self: `${ctx.baseUrl}/rest/api/3/securitylevel/${level.id}`,
          id: level.id,
          name: level.name,
          description: level.description ?? '',
        }
      : null;
  }
  return {
    id: issue.id,
    key: issue.key,
    self: `${ctx.baseUrl}/rest/api/3/issue/${issue.id}`,
    fields: out,
  };
}

export const getEditIssueMeta: Handler = (ctx) => {
  const ref = findIssue(ctx.world, ctx.params.issueIdOrKey ?? '');
  if (!ref || !canSeeIssue(ctx.world, ctx.caller, ref.project, ref.issue)) {
    return errorCollection(404, [ISSUE_NOT_FOUND]);
  }
  if (!hasProjectPermission(ctx.world, ctx.caller, ref.project, 'EDIT_ISSUES')) {
    // Documented (the spec's editmeta note: "For any fields to be editable the user must have the
    // Edit issues project permission"): no field. The status of that answer is not stated: 200
    // with no field by default, as Server answered; a world option for a 403.
    if (siteOptions(ctx.world).editMetaWithoutEditPermission === 'forbidden-403') {
      return errorCollection(403, ['You do not have permission to edit issues in this project.']);
    }
    return ok({ fields: {} });
  }
  const type = ref.project.issueTypes.find((t) => t.id === ref.issue.issueTypeId);
  // Documented (editmeta, condition 3): "Assignee only shows if user has permissions to assign
  // the issue".
  const mayAssign = hasProjectPermission(ctx.world, ctx.caller, ref.project, 'ASSIGN_ISSUES');
  const onScreen = (
    type ? fieldsForCaller(ctx.world, ctx.caller, ref.project, editScreenFields(type)) : []
  ).filter((f) => f.fieldId !== 'assignee' || mayAssign);
  return ok({
    fields: Object.fromEntries(onScreen.map((f) => [f.fieldId, fieldMetaJson(f, false)])),
  });
};

/** Every field of the site: those on any screen plus `extraFields` (on no screen). */
export const getFields: Handler = (ctx) => {
  const byId = new Map<string, WorldField>();
  for (const project of ctx.world.projects)
    for (const type of project.issueTypes) for (const f of type.fields) byId.set(f.fieldId, f);
  for (const f of ctx.world.extraFields ?? []) byId.set(f.fieldId, f);
  return ok(
    [...byId.values()].map((f) => {
      const custom = f.fieldId.startsWith('customfield_');
      return {
        id: f.fieldId,
        key: f.fieldId,
        name: f.name,
        custom,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: custom
          ? [`cf[${f.fieldId.slice('customfield_'.length)}]`, f.name]
          : [f.fieldId],
        schema: f.schema,
      };
    }),
  );
};
