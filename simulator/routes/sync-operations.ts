/**
 * What a synchronizer does to issues: read one, its transitions, comments, work logs, watchers and
 * attachments; create, edit, comment, transition, attach, link, assign, log work. The doctor only ever sends these aimed at targets that cannot exist (its scope
 * probes), so the simulator answers them as Jira does for a missing target. It never changes the
 * world: an answer for a target that exists is flagged `wouldChangeData`, and the read-only test
 * fails on any such exchange.
 */
import { errorCollection, ok, type SimResponse } from '../http';
import { canSeeIssue, findIssue as findWorldIssue } from '../issues';
import { canViewProject } from '../permissions';
import { findProject, type World, type WorldProject } from '../world';
import type { Handler, RequestContext } from './context';

const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

interface IssueRef {
  id: string;
  key: string;
}

/** Issues exist only where the world lists them for a project. */
function findIssue(
  world: World,
  idOrKey: string,
): { issue: IssueRef; project: WorldProject } | null {
  for (const project of world.projects as ReadonlyArray<WorldProject & { issues?: IssueRef[] }>) {
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

/** A write aimed at one issue: 404 when the caller cannot see it (or it does not exist). */
function onIssue(what: string): Handler {
  return (ctx) =>
    visibleIssue(ctx, ctx.params.issueIdOrKey ?? '')
      ? wouldChange(what)
      : errorCollection(404, [ISSUE_NOT_FOUND]);
}

export const editIssue = onIssue('edit issues');
export const addComment = onIssue('add comments');
export const doTransition = onIssue('transition issues');
export const addAttachment = onIssue('add attachments');
export const assignIssue = onIssue('assign issues');
export const addWorklog = onIssue('log work');

export const linkIssues: Handler = (ctx) => {
  const body = (ctx.body ?? {}) as {
    inwardIssue?: { key?: string; id?: string };
    outwardIssue?: { key?: string; id?: string };
  };
  const refs = [body.inwardIssue, body.outwardIssue].map((r) => r?.key ?? r?.id ?? '');
  if (refs.some((ref) => !visibleIssue(ctx, ref))) return errorCollection(404, [ISSUE_NOT_FOUND]);
  return wouldChange('link issues');
};

/**
 * A create whose project does not exist (or is not visible) fails validation with 400. The
 * wording is not documented; the doctor reads only the status.
 */
export const createIssue: Handler = (ctx) => {
  const fields = ((ctx.body ?? {}) as { fields?: { project?: { id?: string; key?: string } } })
    .fields;
  const ref = fields?.project?.id ?? fields?.project?.key ?? '';
  const project = ref ? findProject(ctx.world, ref) : undefined;
  if (!project || !canViewProject(ctx.world, ctx.caller, project)) {
    return errorCollection(400, [], { project: 'Specify a valid project ID or key' });
  }
  return wouldChange('create issues');
};
