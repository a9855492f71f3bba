/**
 * What a synchronizer does in Jira, as operations: each is one REST call it makes (by the spec's
 * operationId, whose OAuth scopes are generated into `operation-scopes.generated.ts`), its reads
 * as well as its writes, and the probe that verifies a scoped token's scopes for exactly that
 * call without reading anything of value or changing anything.
 */
import type { ScopeSet } from '../model/report';
import { OPERATION_SCOPES, type SpecOperationId } from './operation-scopes.generated';

export const OPERATION_NAMES = [
  // What every synchronizer reads.
  'search',
  'read',
  'list-transitions',
  'list-fields',
  'read-project',
  'list-projects',
  // What a backup (or a connector that mirrors them) reads as well.
  'read-comments',
  'read-worklogs',
  'read-watchers',
  'read-attachments',
  // The writes.
  'create',
  'edit',
  'comment',
  'transition',
  'attach',
  'link',
  'assign',
  'worklog',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/**
 * First guard: an issue key that should not exist. Jira numbers a project's issues from 1, so
 * `<KEY>-0` is never an issue Jira created; but nothing documents that it can never exist (an
 * import, a real project keyed `CDPROBE`), so no write probe relies on it alone.
 */
export const PROBE_ISSUE_KEY = 'CDPROBE-0';

/**
 * Second guard values: things Jira validates in a write's body and refuses, whatever the target
 * (docs/jira-behaviour.md, "Scope probes").
 * - a field ID that no field can have (system fields have fixed names, every other field is
 *   `customfield_<number>`);
 * - an account ID that no account can have (Atlassian account IDs are 24 hex digits or
 *   `<number>:<uuid>`; `-1` and null mean "automatic" and "unassigned", so neither is sent);
 * - a transition identifier that is not an integer;
 * - a link type name no site has (the first guard, `CDPROBE-0` on both ends, still applies).
 */
export const PROBE_GUARDS = {
  field: 'credential-doctor-probe-no-such-field',
  accountId: 'credential-doctor-probe-no-such-account',
  transitionId: 'credential-doctor-probe-no-such-transition',
  linkType: 'credential-doctor-probe (no such link type)',
} as const;

export interface ScopeProbe {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Readonly<Record<string, string | number | boolean>>;
  body?: unknown;
  /** Send an empty multipart form (attachments accept nothing else). */
  multipart?: true;
  /**
   * The statuses that prove the gateway let the request through to Jira, so the scopes are held:
   * Jira's own answer (for an error status, its error collection: see `probeProvesHeld`) for a
   * target that does not exist or a body it refuses. Anything else (except the scope refusal)
   * proves nothing.
   */
  held: readonly number[];
  /** Writes: what Jira refuses in the body even where the target exists (the second guard). */
  guard?: string;
}

export interface OperationDef {
  name: OperationName;
  /** Admin words, e.g. "create issues". */
  title: string;
  /** Whether the synchronizer reads or writes with it (reads are probed on targets that hold nothing). */
  kind: 'read' | 'write';
  /** The spec operation the synchronizer calls for it (one call, so a refusal names it exactly). */
  uses: readonly [SpecOperationId];
  probe: ScopeProbe;
}

const onProbeIssue = (suffix: string) => `/rest/api/3/issue/${PROBE_ISSUE_KEY}${suffix}`;

/**
 * The probes. Reads are aimed at targets that cannot exist (`CDPROBE-0`, project and attachment
 * ID `0`: Jira's IDs start at 10000) and answer 404, an empty list, or a 400 for a query that
 * names nothing; the field list is the one read that returns data, the site's field names, which
 * the check reads anyway. Writes are aimed at `CDPROBE-0` (404 when the scope is held) or, for
 * create, at a project ID that cannot exist, which Jira answers with 400. Every write also carries
 * a second guard, a body Jira refuses even where `CDPROBE-0` exists (its `guard`), so no probe can
 * change anything; an issue read of an existing `CDPROBE-0` answers 200, which proves the scope
 * too. That the gateway checks scopes before Jira reads the request is inferred from where the
 * check happens (docs/jira-behaviour.md W2, S2), not documented; so only these statuses count as
 * "held".
 */
export const OPERATIONS: Readonly<Record<OperationName, OperationDef>> = {
  search: {
    name: 'search',
    title: 'search issues by JQL',
    kind: 'read',
    uses: ['searchAndReconsileIssuesUsingJqlPost'],
    probe: {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      // An issue key that cannot exist: no issue matches (200, empty) or Jira refuses the value (400).
      body: { jql: `issuekey = ${PROBE_ISSUE_KEY}`, maxResults: 1, fields: ['id'] },
      held: [200, 400],
    },
  },
  read: {
    name: 'read',
    title: 'read issues',
    kind: 'read',
    uses: ['getIssue'],
    probe: { method: 'GET', path: onProbeIssue(''), held: [200, 404] },
  },
  'list-transitions': {
    name: 'list-transitions',
    title: 'list the transitions of an issue',
    kind: 'read',
    uses: ['getTransitions'],
    probe: { method: 'GET', path: onProbeIssue('/transitions'), held: [200, 404] },
  },
  'list-fields': {
    name: 'list-fields',
    title: 'list the fields',
    kind: 'read',
    uses: ['getFields'],
    probe: { method: 'GET', path: '/rest/api/3/field', held: [200] },
  },
  'read-project': {
    name: 'read-project',
    title: 'read a project',
    kind: 'read',
    uses: ['getProject'],
    // A project key never contains "-": no project has this one.
    probe: { method: 'GET', path: `/rest/api/3/project/${PROBE_ISSUE_KEY}`, held: [404] },
  },
  'list-projects': {
    name: 'list-projects',
    title: 'list projects',
    kind: 'read',
    uses: ['searchProjects'],
    probe: {
      method: 'GET',
      path: '/rest/api/3/project/search',
      query: { id: 0, maxResults: 1 },
      held: [200],
    },
  },
  'read-comments': {
    name: 'read-comments',
    title: 'read comments',
    kind: 'read',
    uses: ['getComments'],
    probe: { method: 'GET', path: onProbeIssue('/comment'), held: [200, 404] },
  },
  'read-worklogs': {
    name: 'read-worklogs',
    title: 'read work logs',
    kind: 'read',
    uses: ['getIssueWorklog'],
    probe: { method: 'GET', path: onProbeIssue('/worklog'), held: [200, 404] },
  },
  'read-watchers': {
    name: 'read-watchers',
    title: 'read watchers',
    kind: 'read',
    uses: ['getIssueWatchers'],
    probe: { method: 'GET', path: onProbeIssue('/watchers'), held: [200, 404] },
  },
  'read-attachments': {
    name: 'read-attachments',
    title: 'download attachments',
    kind: 'read',
    uses: ['getAttachmentContent'],
    probe: {
      method: 'GET',
      path: '/rest/api/3/attachment/content/0',
      query: { redirect: false },
      held: [404],
    },
  },
  create: {
    name: 'create',
    kind: 'write',
    title: 'create issues',
    uses: ['createIssue'],
    probe: {
      method: 'POST',
      path: '/rest/api/3/issue',
      body: { fields: { project: { id: '0' }, issuetype: { id: '0' } } },
      held: [400],
      guard: 'no summary',
    },
  },
  edit: {
    name: 'edit',
    kind: 'write',
    title: 'edit issues',
    uses: ['editIssue'],
    probe: {
      method: 'PUT',
      path: onProbeIssue(''),
      body: { fields: { [PROBE_GUARDS.field]: 'credential-doctor probe' } },
      held: [400, 404],
      guard: 'a field that cannot exist',
    },
  },
  comment: {
    name: 'comment',
    kind: 'write',
    title: 'add comments',
    uses: ['addComment'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/comment'),
      // No body at all: an empty comment.
      body: {},
      held: [400, 404],
      guard: 'an empty comment',
    },
  },
  transition: {
    name: 'transition',
    kind: 'write',
    title: 'transition issues',
    uses: ['doTransition'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/transitions'),
      body: { transition: { id: PROBE_GUARDS.transitionId } },
      held: [400, 404],
      guard: 'a transition identifier that is not an integer',
    },
  },
  attach: {
    name: 'attach',
    kind: 'write',
    title: 'add attachments',
    uses: ['addAttachment'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/attachments'),
      multipart: true,
      held: [400, 404],
      guard: 'no file part',
    },
  },
  link: {
    name: 'link',
    kind: 'write',
    title: 'link issues',
    uses: ['linkIssues'],
    probe: {
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: {
        type: { name: PROBE_GUARDS.linkType },
        inwardIssue: { key: PROBE_ISSUE_KEY },
        outwardIssue: { key: PROBE_ISSUE_KEY },
      },
      held: [400, 404],
      guard: 'a link type that cannot exist',
    },
  },
  assign: {
    name: 'assign',
    kind: 'write',
    title: 'assign issues',
    uses: ['assignIssue'],
    probe: {
      method: 'PUT',
      path: onProbeIssue('/assignee'),
      body: { accountId: PROBE_GUARDS.accountId },
      held: [400, 404],
      guard: 'an account that cannot exist',
    },
  },
  worklog: {
    name: 'worklog',
    kind: 'write',
    title: 'log work',
    uses: ['addWorklog'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/worklog'),
      body: { timeSpentSeconds: 0 },
      held: [400, 404],
      guard: 'no time spent',
    },
  },
};

/**
 * Jira's own refusal: an error collection (`errorMessages` / `errors`), the shape Jira answers
 * 400 and 404 with (W1, W3). The gateway's own refusals are shaped `{"code":…,"message":…}` or
 * plain text, so they never count.
 */
export function isJiraRefusal(json: unknown): boolean {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const body = json as Record<string, unknown>;
  return (
    Array.isArray(body['errorMessages']) ||
    (typeof body['errors'] === 'object' && body['errors'] !== null)
  );
}

/**
 * Whether a probe's answer proves the scopes are held: a status the probe expects and, for a
 * write refused with an error status, Jira's own error collection (so the refusal is Jira's, not
 * the gateway's). An attachment answered 200 with an empty list attached nothing and proves it too
 * (Jira's answer to a form without a file part is not documented).
 */
export function probeProvesHeld(
  name: OperationName,
  answer: { status: number; json: unknown },
): boolean {
  const { probe, kind } = OPERATIONS[name];
  if (kind === 'read') return probe.held.includes(answer.status);
  if (name === 'attach' && answer.status === 200)
    return Array.isArray(answer.json) && answer.json.length === 0;
  if (!probe.held.includes(answer.status)) return false;
  return answer.status < 300 || isJiraRefusal(answer.json);
}

/** Which operation a project permission stands for (custom `--permissions` runs). */
const PERMISSION_OPERATIONS: Readonly<Record<string, OperationName>> = {
  VIEW_VOTERS_AND_WATCHERS: 'read-watchers',
  CREATE_ISSUES: 'create',
  EDIT_ISSUES: 'edit',
  MODIFY_REPORTER: 'edit',
  SCHEDULE_ISSUES: 'edit',
  ADD_COMMENTS: 'comment',
  TRANSITION_ISSUES: 'transition',
  RESOLVE_ISSUES: 'transition',
  CLOSE_ISSUES: 'transition',
  CREATE_ATTACHMENTS: 'attach',
  LINK_ISSUES: 'link',
  ASSIGN_ISSUES: 'assign',
  WORK_ON_ISSUES: 'worklog',
};

/** What every synchronizer reads: it searches, reads issues, transitions, fields and projects. */
export const BASE_READS: readonly OperationName[] = [
  'search',
  'read',
  'list-transitions',
  'list-fields',
  'read-project',
  'list-projects',
];

/** What a backup reads besides: comments, work logs, watchers and attachment content. */
export const BACKUP_READS: readonly OperationName[] = [
  'read-comments',
  'read-worklogs',
  'read-watchers',
  'read-attachments',
];

/** The operations a set of permissions implies, in catalogue order; the base reads always. */
export function operationsForPermissions(permissions: readonly string[]): OperationName[] {
  const wanted = new Set<OperationName>(BASE_READS);
  for (const key of permissions) {
    const op = PERMISSION_OPERATIONS[key.toUpperCase()];
    if (op) wanted.add(op);
  }
  return OPERATION_NAMES.filter((name) => wanted.has(name));
}

export function isOperationName(value: string): value is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(value);
}

/** The scopes one operation needs, in both forms (every spec operation it uses). */
export function scopesFor(name: OperationName): ScopeSet {
  return unionScopes(OPERATIONS[name].uses.map((id) => OPERATION_SCOPES[id]));
}

/** The minimal scope list for all these operations, in both forms, sorted. */
export function requiredScopes(names: readonly OperationName[]): ScopeSet {
  return unionScopes(names.map(scopesFor));
}

function unionScopes(
  sets: ReadonlyArray<{ classic: readonly string[]; granular: readonly string[] }>,
): ScopeSet {
  const classic = new Set<string>();
  const granular = new Set<string>();
  for (const set of sets) {
    set.classic.forEach((s) => classic.add(s));
    set.granular.forEach((s) => granular.add(s));
  }
  return { classic: [...classic].sort(), granular: [...granular].sort() };
}
