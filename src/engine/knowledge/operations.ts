/**
 * What a synchronizer does in Jira, as operations: each names the REST operations it calls (by
 * the spec's operationId, whose OAuth scopes are generated into `operation-scopes.generated.ts`)
 * and the probe that verifies a scoped token's scopes for it without changing anything.
 */
import type { ScopeSet } from '../model/report';
import { OPERATION_SCOPES, type SpecOperationId } from './operation-scopes.generated';

export const OPERATION_NAMES = [
  'read',
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
 * An issue key that cannot exist: Jira numbers a project's issues from 1, so `<KEY>-0` is never an
 * issue, in any project. A probe aimed at it cannot change anything.
 */
export const PROBE_ISSUE_KEY = 'CDPROBE-0';

export interface ScopeProbe {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  /** Send an empty multipart form (attachments accept nothing else). */
  multipart?: true;
  /**
   * The statuses that prove the gateway let the request through to Jira, so the scopes are held:
   * Jira's own answer for a target or body that cannot exist. Anything else (except the scope
   * refusal) proves nothing.
   */
  held: readonly number[];
}

export interface OperationDef {
  name: OperationName;
  /** Admin words, e.g. "create issues". */
  title: string;
  /** The spec operations the synchronizer calls for it (scopes: every one of them). */
  uses: readonly SpecOperationId[];
  probe: ScopeProbe;
}

const onProbeIssue = (suffix: string) => `/rest/api/3/issue/${PROBE_ISSUE_KEY}${suffix}`;

/**
 * The probes. Writes are aimed at `CDPROBE-0` (404 when the scope is held) or, for create, at a
 * project ID that cannot exist (`0`: Jira's IDs start at 10000), which Jira answers with 400.
 * That the gateway checks scopes before Jira reads the request is inferred from where the check
 * happens (docs/jira-behaviour.md W2), not documented; so only these statuses count as "held".
 */
export const OPERATIONS: Readonly<Record<OperationName, OperationDef>> = {
  read: {
    name: 'read',
    title: 'read issues',
    uses: ['getIssue'],
    probe: { method: 'GET', path: onProbeIssue(''), held: [404] },
  },
  create: {
    name: 'create',
    title: 'create issues',
    uses: ['createIssue'],
    probe: {
      method: 'POST',
      path: '/rest/api/3/issue',
      body: { fields: { project: { id: '0' }, issuetype: { id: '0' } } },
      held: [400],
    },
  },
  edit: {
    name: 'edit',
    title: 'edit issues',
    uses: ['editIssue'],
    probe: { method: 'PUT', path: onProbeIssue(''), body: { fields: {} }, held: [404] },
  },
  comment: {
    name: 'comment',
    title: 'add comments',
    uses: ['addComment'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/comment'),
      body: {
        body: {
          type: 'doc',
          version: 1,
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'probe' }] }],
        },
      },
      held: [404],
    },
  },
  transition: {
    name: 'transition',
    title: 'transition issues',
    uses: ['doTransition'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/transitions'),
      body: { transition: { id: '0' } },
      held: [404],
    },
  },
  attach: {
    name: 'attach',
    title: 'add attachments',
    uses: ['addAttachment'],
    probe: { method: 'POST', path: onProbeIssue('/attachments'), multipart: true, held: [404] },
  },
  link: {
    name: 'link',
    title: 'link issues',
    uses: ['linkIssues'],
    probe: {
      method: 'POST',
      path: '/rest/api/3/issueLink',
      body: {
        type: { name: 'Relates' },
        inwardIssue: { key: PROBE_ISSUE_KEY },
        outwardIssue: { key: PROBE_ISSUE_KEY },
      },
      held: [404],
    },
  },
  assign: {
    name: 'assign',
    title: 'assign issues',
    uses: ['assignIssue'],
    probe: {
      method: 'PUT',
      path: onProbeIssue('/assignee'),
      body: { accountId: 'credential-doctor-probe' },
      held: [404],
    },
  },
  worklog: {
    name: 'worklog',
    title: 'log work',
    uses: ['addWorklog'],
    probe: {
      method: 'POST',
      path: onProbeIssue('/worklog'),
      body: { timeSpentSeconds: 60 },
      held: [404],
    },
  },
};

/** Which operation a project permission stands for (custom `--permissions` runs). */
const PERMISSION_OPERATIONS: Readonly<Record<string, OperationName>> = {
  BROWSE_PROJECTS: 'read',
  VIEW_VOTERS_AND_WATCHERS: 'read',
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

/** The operations a set of permissions implies, in catalogue order; `read` always. */
export function operationsForPermissions(permissions: readonly string[]): OperationName[] {
  const wanted = new Set<OperationName>(['read']);
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
