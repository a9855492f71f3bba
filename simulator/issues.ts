/**
 * Issues: who may see one (Browse Projects plus, for a secured issue, membership of its security
 * level), which fields a caller gets on the create and edit screens, and the small JQL subset the
 * doctor sends. Pure functions over the world; no HTTP here.
 */
import { hasProjectPermission, holderMatches, type Caller } from './permissions';
import type {
  World,
  WorldField,
  WorldIssue,
  WorldIssueType,
  WorldProject,
  WorldSecurityLevel,
} from './world';

/**
 * Fields a caller only gets on a screen when holding a permission. Reporter is observed (W1 in
 * docs/jira-behaviour.md: setting it without Modify Reporter fails exactly like a field missing from the
 * screen). Assignee and security level follow the same rule in Jira Server's field renderer; not
 * captured on Cloud, so the doctor never relies on it (it checks those permissions directly).
 */
export const FIELD_PERMISSIONS: Readonly<Record<string, string>> = {
  reporter: 'MODIFY_REPORTER',
  assignee: 'ASSIGN_ISSUES',
  security: 'SET_ISSUE_SECURITY',
};

export function securityLevel(
  world: World,
  project: WorldProject,
  levelId: string | undefined,
): WorldSecurityLevel | undefined {
  if (levelId === undefined) return undefined;
  const scheme = world.issueSecuritySchemes?.find((s) => s.id === project.issueSecuritySchemeId);
  return scheme?.levels.find((l) => l.id === levelId);
}

/** Issue security applies to everyone, Jira administrators included. */
export function canSeeIssue(
  world: World,
  caller: Caller,
  project: WorldProject,
  issue: WorldIssue,
): boolean {
  if (!hasProjectPermission(world, caller, project, 'BROWSE_PROJECTS')) return false;
  if (issue.securityLevelId === undefined) return true;
  const level = securityLevel(world, project, issue.securityLevelId);
  if (!level) return true;
  if (caller.kind === 'anonymous') return false;
  const accountId = caller.user.accountId;
  return level.members.some((m) => {
    if (m.type === 'reporter') return issue.reporter === accountId;
    if (m.type === 'assignee') return issue.assignee === accountId;
    return holderMatches(world, m, caller, project, 'standard');
  });
}

/** The fields of a screen the caller may set: permission-bound fields only with the permission. */
export function fieldsForCaller(
  world: World,
  caller: Caller,
  project: WorldProject,
  fields: readonly WorldField[],
): WorldField[] {
  return fields.filter((f) => {
    // Only reporter is captured as hidden without its permission (see FIELD_PERMISSIONS).
    if (f.fieldId !== 'reporter') return true;
    return hasProjectPermission(world, caller, project, 'MODIFY_REPORTER');
  });
}

export function editScreenFields(type: WorldIssueType): WorldField[] {
  if (type.editFields === undefined) return type.fields.filter((f) => f.fieldId !== 'project');
  const ids = new Set(type.editFields);
  return type.fields.filter((f) => ids.has(f.fieldId));
}

export interface IssueRef {
  project: WorldProject;
  issue: WorldIssue;
}

export function findIssue(world: World, idOrKey: string): IssueRef | undefined {
  for (const project of world.projects) {
    const issue = project.issues?.find((i) => i.id === idOrKey || i.key === idOrKey);
    if (issue) return { project, issue };
  }
  return undefined;
}

/**
 * The JQL the simulator understands: clauses joined by AND — `project = K`, `project in (A, B)`,
 * `issuetype = T`, `issuetype in ("A", "B")`, `level is [not] EMPTY` — and an optional
 * `ORDER BY updated|created [ASC|DESC]`. Anything else is a 400, like a query Jira cannot parse.
 */
export interface ParsedJql {
  projects: string[] | null;
  issueTypes: string[] | null;
  level: 'empty' | 'not-empty' | null;
  descending: boolean;
}

export type JqlParse = { ok: true; query: ParsedJql } | { ok: false; error: string };

const VALUE = String.raw`(?:"[^"]*"|[A-Za-z0-9_\-]+)`;
const LIST = String.raw`\(\s*${VALUE}(?:\s*,\s*${VALUE})*\s*\)`;

function values(raw: string): string[] {
  return [...raw.matchAll(new RegExp(VALUE, 'g'))].map((m) => m[0].replace(/^"|"$/g, ''));
}

export function parseJql(jql: string): JqlParse {
  const [where = '', order] = jql.split(/\s+ORDER\s+BY\s+/i);
  const query: ParsedJql = { projects: null, issueTypes: null, level: null, descending: true };
  if (order !== undefined) {
    const m = /^(updated|created)(?:\s+(ASC|DESC))?\s*$/i.exec(order.trim());
    if (!m) return { ok: false, error: `Error in the JQL Query: unsupported ORDER BY '${order}'.` };
    query.descending = (m[2] ?? 'ASC').toUpperCase() === 'DESC';
  }
  const clauses = where.trim() === '' ? [] : where.split(/\s+AND\s+/i).map((c) => c.trim());
  for (const clause of clauses) {
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^project\\s*(=|in)\\s*(${VALUE}|${LIST})$`, 'i').exec(clause))) {
      query.projects = values(m[2] ?? '');
    } else if (
      (m = new RegExp(`^(?:issuetype|type)\\s*(=|in)\\s*(${VALUE}|${LIST})$`, 'i').exec(clause))
    ) {
      query.issueTypes = values(m[2] ?? '');
    } else if ((m = /^level\s+is\s+(not\s+)?empty$/i.exec(clause))) {
      query.level = m[1] ? 'not-empty' : 'empty';
    } else {
      return {
        ok: false,
        error: `Error in the JQL Query: the clause '${clause}' is not supported.`,
      };
    }
  }
  // Documented: the endpoint requires a bounded query (a search restriction).
  if (clauses.length === 0) {
    return {
      ok: false,
      error:
        'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    };
  }
  return { ok: true, query };
}
