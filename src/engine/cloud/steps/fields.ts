import { jiraPath, type JiraClient } from '../../port/jira-client';
import { editMetaShape, fieldListShape, issueSearchShape } from '../../knowledge/jira-shapes';
import type { SyncField } from '../../model/report';
import type { RunContext, StepHandle } from '../../run/context';
import { send, unexpected } from '../../run/send';

export { DEFAULT_FIELDS } from '../../model/sync-targets';

/**
 * Fields Jira only lets an account set with a permission (docs/jira-behaviour.md W1: reporter without
 * Modify Reporter fails like a field missing from the screen). Setting them adds the permission
 * to the check.
 */
export const FIELD_PERMISSIONS: Readonly<Record<string, string>> = {
  reporter: 'MODIFY_REPORTER',
  assignee: 'ASSIGN_ISSUES',
  security: 'SET_ISSUE_SECURITY',
};

/** The names Jira shows for the permission-bound system fields (so `--fields Reporter` counts too). */
const SYSTEM_FIELD_NAMES: Readonly<Record<string, string>> = {
  reporter: 'reporter',
  assignee: 'assignee',
  security: 'security',
  'security level': 'security',
};

/** Every create and edit sends these; they are never "missing" from a screen. */
const ALWAYS_SENT = new Set(['issuetype', 'project']);

/** Issues read per project to find one per issue type for the edit screen. */
export const EDIT_SEARCH_SIZE = 20;
/** Edit screens (issue types) read per project at most. */
export const EDIT_MAX_TYPES = 5;

/** The permissions the synchronizer's fields need, from IDs or the names Jira shows. */
export function fieldPermissions(fields: readonly string[]): string[] {
  const keys = fields
    .map((f) => SYSTEM_FIELD_NAMES[f.trim().toLowerCase()])
    .map((id) => (id === undefined ? undefined : FIELD_PERMISSIONS[id]))
    .filter((k): k is string => k !== undefined);
  return [...new Set(keys)];
}

/**
 * Resolves the given IDs and names with GET /rest/api/3/field. An ID matches exactly; a name
 * matches case-insensitively and only when exactly one field has it. Without an answer the given
 * values stand as IDs (unresolved names are then reported as not checked, never as fine).
 */
export async function resolveFields(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient | null,
  given: readonly string[],
  who: string,
): Promise<{ fields: SyncField[]; problems: string[] }> {
  const wanted = given.filter((g) => !ALWAYS_SENT.has(g.toLowerCase()));
  const fallback = {
    fields: wanted.map((g) => ({ given: g, id: g, name: null })),
    problems: ['the site’s field list could not be read, so the values were taken as field IDs'],
  };
  if (!client) return fallback;
  const req = { method: 'GET' as const, path: '/rest/api/3/field', priority: 'low' as const };
  const res = await send(ctx, handle, client, req, { expect: [200], who, advisory: true });
  if (!res) return fallback;
  const parsed = fieldListShape.safeParse(res.json);
  if (!parsed.success) {
    unexpected(ctx, handle, req, 'no field list in the body', true);
    return fallback;
  }
  const problems: string[] = [];
  const fields = wanted.map((g): SyncField => {
    const byId = parsed.data.find((f) => f.id === g || f.id.toLowerCase() === g.toLowerCase());
    if (byId) return { given: g, id: byId.id, name: byId.name ?? null };
    const byName = parsed.data.filter((f) => f.name?.toLowerCase() === g.toLowerCase());
    if (byName.length === 1 && byName[0])
      return { given: g, id: byName[0].id, name: byName[0].name ?? null };
    if (byName.length > 1) {
      problems.push(
        `${byName.length} fields are called “${g}” (${byName.map((f) => f.id).join(', ')}): give the field ID instead`,
      );
    } else {
      problems.push(`no field with the ID or name “${g}” exists on this site`);
    }
    return { given: g, id: null, name: null };
  });
  return { fields, problems };
}

/**
 * An edit screen as read on one existing issue; `fields` null when it was not read or Jira listed
 * no editable field at all (either way: not tested).
 */
export interface EditScreen {
  issueType: string;
  issueKey: string;
  /** The project the issue is in (it may be any project of the ones searched). */
  project: string;
  fields: Set<string> | null;
}

export type EditRead =
  { status: 'read'; screens: EditScreen[] } | { status: 'no-issues' } | { status: 'failed' };

/**
 * The edit screens of projects that share their screens (one project, or every project of one
 * combination of schemes), read on their most recently updated issues (one per issue type, at
 * most `maxTypes`; 1 reads just the most recent issue) with GET /issue/{key}/editmeta. Projects
 * without issues have no edit screen to read: that is "not tested", never "fine".
 */
export async function readEditScreens(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  keys: readonly string[],
  issueTypes: readonly string[] | null,
  maxTypes: number,
  who: string,
): Promise<EditRead> {
  const typeClause = issueTypes?.length
    ? ` AND issuetype in (${issueTypes.map(jqlString).join(', ')})`
    : '';
  const projectClause =
    keys.length === 1
      ? `project = ${jqlString(keys[0] ?? '')}`
      : `project in (${keys.map(jqlString).join(', ')})`;
  const req = {
    method: 'POST' as const,
    path: '/rest/api/3/search/jql',
    body: {
      jql: `${projectClause}${typeClause} ORDER BY updated DESC`,
      maxResults: maxTypes === 1 ? 1 : EDIT_SEARCH_SIZE,
      fields: keys.length === 1 ? ['issuetype'] : ['issuetype', 'project'],
    },
    priority: 'low' as const,
  };
  const res = await send(ctx, handle, client, req, { expect: [200, 400], who, advisory: true });
  if (!res) return { status: 'failed' };
  // 400: JQL names a project or issue type this account cannot see (or that does not exist).
  if (res.status === 400) return { status: 'failed' };
  const parsed = issueSearchShape.safeParse(res.json);
  if (!parsed.success) {
    unexpected(ctx, handle, req, 'no issue list in the body', true);
    return { status: 'failed' };
  }
  const perType = new Map<string, { issueKey: string; project: string }>();
  for (const issue of parsed.data.issues) {
    const type = issue.fields?.issuetype;
    const name = type?.name ?? type?.id;
    if (name === undefined || perType.has(name) || perType.size >= maxTypes) continue;
    // The issue's project: from the answer, else from its key (KEY-123).
    const project = (
      issue.fields?.project?.key ?? (keys.length === 1 ? keys[0] : issue.key.replace(/-\d+$/, ''))
    )?.toUpperCase();
    if (project === undefined || !keys.includes(project)) continue;
    perType.set(name, { issueKey: issue.key, project });
  }
  if (perType.size === 0) return { status: 'no-issues' };
  const screens = await Promise.all(
    [...perType].map(async ([issueType, { issueKey, project }]): Promise<EditScreen> => {
      const notRead = { issueType, issueKey, project, fields: null };
      const metaReq = {
        method: 'GET' as const,
        path: jiraPath`/rest/api/3/issue/${issueKey}/editmeta`,
        priority: 'low' as const,
      };
      const meta = await send(ctx, handle, client, metaReq, {
        expect: [200, 403, 404],
        who,
        advisory: true,
      });
      if (!meta || meta.status !== 200) return notRead;
      const body = editMetaShape.safeParse(meta.json);
      if (!body.success) {
        unexpected(ctx, handle, metaReq, 'no fields in the body', true);
        return notRead;
      }
      const ids = Object.keys(body.data.fields);
      // UNKNOWN on Cloud: without Edit Issues, editmeta lists no fields (Server did); an empty
      // list tells nothing about the screen, so it is "not tested".
      return { issueType, issueKey, project, fields: ids.length ? new Set(ids) : null };
    }),
  );
  return { status: 'read', screens };
}

/** A JQL string literal. */
function jqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export { jqlString };
