/** GET /mypermissions, GET /permissions and POST /permissions/check. */
import { sitePermission, sitePermissions, type PermissionDef } from '../catalogue';
import { errorCollection, ok, ONLY_ADMINS, projectNotFound } from '../http';
import {
  ANONYMOUS,
  callerFor,
  canViewProject,
  hasGlobalPermission,
  hasProjectPermission,
  hasProjectPermissionAnywhere,
  isJiraAdmin,
  type Caller,
} from '../permissions';
import { canSeeIssue, findIssue } from '../issues';
import { findProject, findUserByAccountId, siteOptions } from '../world';
import { badRequest } from './common';
import type { Handler } from './context';

const MAX_IDS = 1000;

export const getMyPermissions: Handler = (ctx) => {
  const keys = ctx.query.list('permissions');
  // Documented: 400 when `permissions` is missing/empty or holds an invalid key (wording not documented).
  if (keys.length === 0) return badRequest('The permissions query parameter is required.');
  const unknown = keys.filter((k) => !sitePermission(ctx.world, k));
  if (unknown.length > 0) {
    return badRequest(`The following permissions are not valid: ${unknown.join(', ')}`);
  }
  if (ctx.query.has('commentId')) {
    if (keys.some((k) => k !== 'BROWSE_PROJECTS')) {
      return badRequest('Only the BROWSE_PROJECTS permission is supported with commentId.');
    }
    return errorCollection(404, [
      'The comment does not exist or you do not have permission to see it.',
    ]);
  }
  if (ctx.query.has('issueId') || ctx.query.has('issueKey')) {
    // Issues are not modelled; documented wording for a missing or hidden issue.
    return errorCollection(404, ['Issue does not exist or you do not have permission to see it.']);
  }
  // `projectKey` is ignored when `projectId` is provided.
  const projectRef = ctx.query.get('projectId') ?? ctx.query.get('projectKey');
  let project;
  if (projectRef !== undefined) {
    project = ctx.query.has('projectId')
      ? ctx.world.projects.find((p) => p.id === projectRef)
      : ctx.world.projects.find((p) => p.key === projectRef);
    if (!project || !canViewProject(ctx.world, ctx.caller, project, 'mypermissions')) {
      return projectNotFound(projectRef);
    }
  }

  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    const def = sitePermission(ctx.world, key) as PermissionDef;
    let have: boolean;
    if (def.type === 'GLOBAL') have = hasGlobalPermission(ctx.world, ctx.caller, key);
    else if (project)
      have = hasProjectPermission(ctx.world, ctx.caller, project, key, 'mypermissions');
    else have = hasProjectPermissionAnywhere(ctx.world, ctx.caller, key, 'mypermissions');
    permissions[key] = { ...def, havePermission: have };
  }
  return ok({ permissions });
};

export const getAllPermissions: Handler = (ctx) => {
  const permissions: Record<string, unknown> = {};
  for (const def of sitePermissions(ctx.world)) {
    permissions[def.key] = {
      key: def.key,
      name: def.name,
      type: def.type,
      description: def.description,
    };
  }
  return ok({ permissions });
};

interface BulkRequest {
  accountId?: unknown;
  globalPermissions?: unknown;
  projectPermissions?: unknown;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
const numbers = (value: unknown): number[] =>
  Array.isArray(value)
    ? value.filter((v): v is number => typeof v === 'number' && Number.isInteger(v))
    : [];

export const getBulkPermissions: Handler = (ctx) => {
  if (ctx.bodyError) return badRequest('The request body is not valid JSON.');
  const body = (ctx.body ?? {}) as BulkRequest;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('The request body must be a JSON object.');
  }

  // Checking another account needs Administer Jira (documented 403 body).
  let subject: Caller = ctx.caller;
  if (typeof body.accountId === 'string' && body.accountId !== '') {
    const self = ctx.caller.kind === 'user' && ctx.caller.user.accountId === body.accountId;
    if (!self && !isJiraAdmin(ctx.world, ctx.caller)) return errorCollection(403, [ONLY_ADMINS]);
    const user = findUserByAccountId(ctx.world, body.accountId);
    // Documented: 400 for an invalid account ID (wording not documented).
    if (!user) return errorCollection(400, [], { accountId: 'The account ID is not valid.' });
    subject = callerFor(user);
  } else if (ctx.caller.kind === 'anonymous') {
    subject = ANONYMOUS;
  }

  const unrecognised: Record<string, string> = {};
  const globalKeys = strings(body.globalPermissions);
  for (const key of globalKeys) {
    if (sitePermission(ctx.world, key)?.type !== 'GLOBAL')
      unrecognised[key] = 'Unrecognized permission';
  }
  const entries = Array.isArray(body.projectPermissions) ? body.projectPermissions : [];
  const requested: Array<{ permissions: string[]; projects: number[]; issues: number[] }> = [];
  for (const entry of entries) {
    if (entry === null || typeof entry !== 'object') continue;
    const e = entry as Record<string, unknown>;
    const permissions = strings(e.permissions);
    if (permissions.length === 0) {
      return badRequest('At least one project permission must be provided in projectPermissions.');
    }
    for (const key of permissions) {
      if (sitePermission(ctx.world, key)?.type !== 'PROJECT')
        unrecognised[key] = 'Unrecognized permission';
    }
    requested.push({ permissions, projects: numbers(e.projects), issues: numbers(e.issues) });
  }
  // Example body from the spec: {"errorMessages":[],"errors":{"PERMISSION_123":"Unrecognized permission"}}
  if (Object.keys(unrecognised).length > 0) return errorCollection(400, [], unrecognised);

  // Invalid (unknown) project IDs are ignored; at most 1000 valid ones.
  const validIds = new Set(
    requested
      .flatMap((r) => r.projects)
      .filter((id) => findProject(ctx.world, String(id)) !== undefined),
  );
  if (validIds.size > MAX_IDS)
    return badRequest(`A maximum of ${MAX_IDS} projects can be checked.`);
  const issueIds = new Set(requested.flatMap((r) => r.issues));
  if (issueIds.size > MAX_IDS) return badRequest(`A maximum of ${MAX_IDS} issues can be checked.`);

  const granted = new Map<string, { projects: Set<number>; issues: Set<number> }>();
  for (const { permissions, projects, issues } of requested) {
    for (const key of permissions) {
      const entry = granted.get(key) ?? { projects: new Set<number>(), issues: new Set<number>() };
      granted.set(key, entry);
      for (const id of projects) {
        const project = findProject(ctx.world, String(id));
        if (project && hasProjectPermission(ctx.world, subject, project, key))
          entry.projects.add(id);
      }
      // An issue permission needs the project permission and sight of the issue (security level).
      for (const id of issues) {
        const ref = findIssue(ctx.world, String(id));
        if (
          ref &&
          hasProjectPermission(ctx.world, subject, ref.project, key) &&
          canSeeIssue(ctx.world, subject, ref.project, ref.issue)
        )
          entry.issues.add(id);
      }
    }
  }
  const includeEmpty = siteOptions(ctx.world).bulkCheckEmptyEntries === 'include';
  const projectPermissions = [...granted.entries()]
    .filter(([, e]) => includeEmpty || e.projects.size > 0 || e.issues.size > 0)
    .map(([permission, e]) => ({
      permission,
      projects: [...e.projects].sort((a, b) => a - b),
      issues: [...e.issues].sort((a, b) => a - b),
    }));
  const globalPermissions = [...new Set(globalKeys)].filter((k) =>
    hasGlobalPermission(ctx.world, subject, k),
  );
  return ok({ globalPermissions, projectPermissions });
};
