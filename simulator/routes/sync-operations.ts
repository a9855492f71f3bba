/**
 * What a synchronizer does to issues: read one, its transitions, comments, work logs, watchers and
 * attachments; create, edit, comment, transition, attach, link, assign, log work. The doctor only
 * sends these as its scope probes, each with two guards: a target
 * that should not exist (`CDPROBE-0`, project ID 0) and a body Jira refuses even where the target
 * exists. The simulator answers a missing target as Jira does (404; 400 for create) and, where the
 * target exists, validates the body as Jira does (docs/jira-behaviour.md, "Scope probes"). It never
 * changes the world: a request Jira would have carried out is refused and flagged
 * `wouldChangeData`, and the read-only tests fail on any such exchange.
 */
import { errorCollection, ok, type SimResponse } from '../http';
import { canSeeIssue, findIssue as findWorldIssue } from '../issues';
import { canViewProject } from '../permissions';
import {
  findProject,
  siteOptions,
  type World,
  type WorldIssue,
  type WorldIssueType,
  type WorldProject,
} from '../world';
import type { Handler, RequestContext } from './context';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/** Issues exist only where the world lists them for a project. */
function findIssue(
  world: World,
  idOrKey: string,
): { issue: WorldIssue; project: WorldProject } | null {
  for (const project of world.projects) {
    const issue = project.issues?.find(
      (i) => i.id === idOrKey || i.key.toUpperCase() === idOrKey.toUpperCase(),
    );
    if (issue) return { issue, project };
  }
  return null;
}

function visibleIssue(ctx: RequestContext, idOrKey: string) {
  const found = findIssue(ctx.world, idOrKey);
  return found && canViewProject(ctx.world, ctx.caller, found.project) ? found : null;
}

/** Jira would change data here; the simulator refuses and the exchange is flagged. */
function wouldChange(what: string): SimResponse {
  return {
    ...errorCollection(400, [`The simulator does not ${what}: the doctor must never ask it to.`]),
    wouldChangeData: true,
  };
}

/**
 * Archived and trashed projects are read-only (documented: A1, A2). Jira's answer to a write there
 * is not documented (status and wording): modelled as a 400 error collection.
 */
function readOnly(project: WorldProject): SimResponse | null {
  const status = project.status ?? 'live';
  if (status === 'live') return null;
  return errorCollection(400, [
    `Project ${project.key} is ${status === 'archived' ? 'archived' : 'in the trash'} and read-only (wording not documented).`,
  ]);
}

export const getIssue: Handler = (ctx) => {
  const found = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (!found) return errorCollection(404, [ISSUE_NOT_FOUND]);
  return ok({
    id: found.issue.id,
    key: found.issue.key,
    self: `${ctx.baseUrl}/rest/api/3/issue/${found.issue.id}`,
    fields: {},
  });
};

/**
 * A read of one issue's parts: 404 when the caller cannot see the issue (or it does not exist),
 * else the part. The world keeps no comments, work logs, watchers or transitions, so a visible
 * issue answers empty lists (the doctor's probes only ask about issues that cannot exist).
 */
function readOfIssue(answer: (ctx: RequestContext, issueSelf: string) => unknown): Handler {
  return (ctx) => {
    const ref = findWorldIssue(ctx.world, ctx.params.issueIdOrKey ?? '');
    if (!ref || !canSeeIssue(ctx.world, ctx.caller, ref.project, ref.issue))
      return errorCollection(404, [ISSUE_NOT_FOUND]);
    return ok(answer(ctx, `${ctx.baseUrl}/rest/api/3/issue/${ref.issue.id}`));
  };
}

export const getTransitions = readOfIssue(() => ({ transitions: [] }));
export const getComments = readOfIssue(() => ({
  comments: [],
  startAt: 0,
  maxResults: 50,
  total: 0,
}));
export const getIssueWorklog = readOfIssue(() => ({
  worklogs: [],
  startAt: 0,
  maxResults: 5000,
  total: 0,
}));
export const getIssueWatchers = readOfIssue((_ctx, self) => ({
  self: `${self}/watchers`,
  isWatching: false,
  watchCount: 0,
  watchers: [],
}));

/** The world holds no attachments: every ID is unknown (wording not documented). */
export const getAttachmentContent: Handler = () =>
  errorCollection(404, ['The attachment with id was not found.']);

type Validate = (
  ctx: RequestContext,
  found: { issue: WorldIssue; project: WorldProject },
) => SimResponse | null;

/**
 * A write aimed at one issue: 404 when the caller cannot see it (or it does not exist); Jira's
 * refusal of the body where it exists; a read-only project's refusal; otherwise Jira would have
 * written (flagged, never done).
 */
function onIssue(what: string, validate: Validate): Handler {
  return (ctx) => {
    const found = visibleIssue(ctx, ctx.params.issueIdOrKey ?? '');
    if (!found) return errorCollection(404, [ISSUE_NOT_FOUND]);
    return validate(ctx, found) ?? readOnly(found.project) ?? wouldChange(what);
  };
}

function issueType(project: WorldProject, issue: WorldIssue): WorldIssueType | undefined {
  return project.issueTypes.find((t) => t.id === issue.issueTypeId);
}

/**
 * W1 (recorded): a field that is not on the edit screen, or unknown, is refused with 400 and
 * "Field '…' cannot be set. It is not on the appropriate screen, or unknown." per field.
 */
export const editIssue = onIssue('edit issues', (ctx, { issue, project }) => {
  const body = (ctx.body ?? {}) as { fields?: Record<string, unknown> };
  const type = issueType(project, issue);
  const onScreen = new Set(
    type?.editFields ?? (type?.fields ?? []).map((f) => f.fieldId).filter((id) => id !== 'project'),
  );
  const refused = Object.keys(body.fields ?? {}).filter((id) => !onScreen.has(id));
  if (refused.length === 0) return null;
  return errorCollection(
    400,
    [],
    Object.fromEntries(
      refused.map((id) => [
        id,
        `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`,
      ]),
    ),
  );
});

/** Plain text of a comment body: a string (v2) or the text nodes of an ADF document (v3). */
function commentText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!body || typeof body !== 'object') return '';
  const node = body as { text?: unknown; content?: unknown };
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(commentText).join('') : '';
  return own + children;
}

/**
 * An empty comment is refused with 400 (reported: github.com/opserver/Opserver pull 92, "If the
 * comment's content is empty, JIRA will return a 400"). The wording is not documented.
 */
export const addComment = onIssue('add comments', (ctx) => {
  const body = (ctx.body ?? {}) as { body?: unknown };
  if (commentText(body.body).trim() !== '') return null;
  return errorCollection(400, [], { comment: 'Comment body can not be empty!' });
});

/**
 * A transition identifier that is not an integer is refused with 400 and
 * "'transition' identifier must be an integer" (recorded: github.com/mozilla/jira-bugzilla-integration
 * issue 303, github.com/PipedreamHQ/pipedream issue 7256). The workflow is not modelled: an integer
 * identifier is taken as one Jira would carry out.
 */
export const doTransition = onIssue('transition issues', (ctx) => {
  const body = (ctx.body ?? {}) as { transition?: { id?: unknown } };
  const id = body.transition?.id;
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return null;
  return errorCollection(400, ["'transition' identifier must be an integer"]);
});

/**
 * A form without a file part attaches nothing. Jira's answer to it is not documented (the spec
 * lists no 400 for this operation): site option `attachmentWithoutFile`.
 */
export const addAttachment = onIssue('add attachments', (ctx) => {
  if (/name="file"/.test(ctx.rawBody ?? '')) return null;
  return siteOptions(ctx.world).attachmentWithoutFile === 'empty-200'
    ? ok([])
    : errorCollection(400, ['No file was attached (wording not documented).']);
});

/**
 * The spec: 400 when "the user is not found". An account that does not exist is refused; the
 * wording is not documented.
 */
export const assignIssue = onIssue('assign issues', (ctx) => {
  const body = (ctx.body ?? {}) as { accountId?: unknown };
  const id = body.accountId;
  // null unassigns and "-1" assigns automatically (documented): both would change the issue.
  if (id === null || id === '-1') return null;
  if (typeof id === 'string' && ctx.world.users.some((u) => u.accountId === id)) return null;
  return errorCollection(400, [], { assignee: `User '${String(id)}' does not exist.` });
});

/**
 * A work log without time spent is refused with 400 (recorded: the JTimeTracking project's README
 * on GitHub, for less than a minute: "Worklog must not be null." and
 * `timeLogged: "You must indicate the time spent working."`).
 */
export const addWorklog = onIssue('log work', (ctx) => {
  const body = (ctx.body ?? {}) as { timeSpentSeconds?: unknown; timeSpent?: unknown };
  const seconds = typeof body.timeSpentSeconds === 'number' ? body.timeSpentSeconds : 0;
  const text = typeof body.timeSpent === 'string' ? body.timeSpent.trim() : '';
  if (seconds >= 60 || /^[1-9]\d*\s*[wdhm]/.test(text)) return null;
  return errorCollection(400, ['Worklog must not be null.'], {
    timeLogged: 'You must indicate the time spent working.',
  });
});

/**
 * A link between two visible issues. The spec: 404 when "the issue link type is not found"; the
 * wording "No issue link type with name '…' found." is recorded (github.com/andygrunwald/go-jira
 * issue 660, github.com/StackStorm-Exchange/stackstorm-jira issue 62).
 */
export const linkIssues: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as {
    type?: { name?: string; id?: string };
    inwardIssue?: { key?: string; id?: string };
    outwardIssue?: { key?: string; id?: string };
  };
  const found = [body.inwardIssue, body.outwardIssue].map((r) =>
    visibleIssue(ctx, r?.key ?? r?.id ?? ''),
  );
  if (found.some((f) => f === null)) return errorCollection(404, [ISSUE_NOT_FOUND]);
  const types = siteOptions(ctx.world).issueLinkTypes;
  const name = body.type?.name;
  if (name === undefined || !types.some((t) => t.toLowerCase() === name.toLowerCase()))
    return errorCollection(404, [`No issue link type with name '${String(name)}' found.`]);
  const retired = found.map((f) => (f ? readOnly(f.project) : null)).find((r) => r !== null);
  return retired ?? wouldChange('link issues');
};

/**
 * A create whose project does not exist (or is not visible) fails validation with 400. The
 * wording is not documented; the doctor reads only the status. Without a summary Jira refuses the
 * create too (the spec: 400 when "missing required fields"; wording not documented).
 */
export const createIssue: Handler = (ctx) => {
  const fields = (
    (ctx.body ?? {}) as {
      fields?: {
        project?: { id?: string; key?: string };
        issuetype?: { id?: string; name?: string };
        summary?: unknown;
      };
    }
  ).fields;
  const ref = fields?.project?.id ?? fields?.project?.key ?? '';
  const project = ref ? findProject(ctx.world, ref) : undefined;
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) {
    return errorCollection(400, [], { project: 'Specify a valid project ID or key' });
  }
  const typeRef = fields?.issuetype?.id ?? fields?.issuetype?.name ?? '';
  const type = project.issueTypes.find((t) => t.id === typeRef || t.name === typeRef);
  const errors: Record<string, string> = {};
  if (!type) errors.issuetype = 'Specify an issue type';
  if (typeof fields?.summary !== 'string' || fields.summary.trim() === '')
    errors.summary = 'You must specify a summary of the issue.';
  if (Object.keys(errors).length) return errorCollection(400, [], errors);
  return readOnly(project) ?? wouldChange('create issues');
};
