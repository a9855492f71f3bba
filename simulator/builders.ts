/** Helpers that keep world definitions short. Everything they build is plain JSON-able data. */
import { createHash } from 'node:crypto';
import { SERVICE_DESK_CUSTOMERS_ROLE } from './permissions';
import type {
  ProjectTypeKey,
  World,
  WorldField,
  WorldGrant,
  WorldGroup,
  WorldHolder,
  WorldIssue,
  WorldIssueType,
  WorldProject,
  WorldProjectRole,
  WorldSite,
  WorldToken,
  WorldUser,
} from './world';

/** A stable UUID-shaped id derived from a seed (same seed, same id). */
export function uuidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function group(name: string): WorldGroup {
  return { name, groupId: uuidFrom(`group:${name}`) };
}

export function token(value: string, opts: Partial<Omit<WorldToken, 'value'>> = {}): WorldToken {
  return {
    id: opts.id ?? `token-${uuidFrom(value).slice(0, 8)}`,
    kind: 'unscoped',
    ...opts,
    value,
  };
}

export function scopedToken(
  value: string,
  scopes: string[],
  opts: Partial<Omit<WorldToken, 'value' | 'kind' | 'scopes'>> = {},
): WorldToken {
  return token(value, { ...opts, kind: 'scoped', scopes });
}

export type UserSpec = Pick<WorldUser, 'accountId' | 'displayName' | 'email'> & Partial<WorldUser>;

export function user(spec: UserSpec): WorldUser {
  return {
    emailVisible: true,
    active: true,
    accountType: 'atlassian',
    groups: [],
    applicationRoles: [],
    tokens: [],
    ...spec,
  };
}

/** Permission holders, as permission schemes express them. */
export const holder = {
  anyone: (): WorldHolder => ({ type: 'anyone' }),
  group: (name: string): WorldHolder => ({ type: 'group', parameter: name }),
  role: (id: number): WorldHolder => ({ type: 'projectRole', parameter: String(id) }),
  user: (accountId: string): WorldHolder => ({ type: 'user', parameter: accountId }),
  /** Without a product key: any logged-in user with access to a Jira product. */
  applicationRole: (productKey?: string): WorldHolder =>
    productKey === undefined
      ? { type: 'applicationRole' }
      : { type: 'applicationRole', parameter: productKey },
  projectLead: (): WorldHolder => ({ type: 'projectLead' }),
  reporter: (): WorldHolder => ({ type: 'reporter' }),
  assignee: (): WorldHolder => ({ type: 'assignee' }),
  portalCustomers: (): WorldHolder => ({ type: 'sd.customer.portal.only' }),
};

/** Project roles used by the shipped worlds (ids are site-specific on real sites). */
export const ROLE = {
  developers: { id: 10000, name: 'Developers' },
  users: { id: 10001, name: 'Users' },
  administrators: { id: 10002, name: 'Administrators' },
  addons: { id: 10003, name: 'atlassian-addons-project-access' },
  serviceDeskTeam: { id: 10004, name: 'Service Desk Team' },
  serviceDeskCustomers: { id: 10005, name: SERVICE_DESK_CUSTOMERS_ROLE },
} as const;

export function role(
  def: { id: number; name: string },
  actors: { users?: string[]; groups?: string[] } = {},
): WorldProjectRole {
  return {
    id: def.id,
    name: def.name,
    actors: { users: actors.users ?? [], groups: actors.groups ?? [] },
  };
}

/** `[permissions, holder]` pairs → grants with sequential ids starting at `firstId`. */
export function grants(
  firstId: number,
  entries: Array<[string | string[], WorldHolder]>,
): WorldGrant[] {
  const out: WorldGrant[] = [];
  let id = firstId;
  for (const [permissions, h] of entries) {
    for (const permission of Array.isArray(permissions) ? permissions : [permissions]) {
      out.push({ id: id++, permission, holder: { ...h } });
    }
  }
  return out;
}

const f = (
  fieldId: string,
  name: string,
  required: boolean,
  schema: WorldField['schema'],
  extra: Partial<WorldField> = {},
): WorldField => ({
  fieldId,
  name,
  required,
  schema,
  ...extra,
});

/** Fields every create screen has. */
export function standardFields(): WorldField[] {
  return [
    f('summary', 'Summary', true, { type: 'string', system: 'summary' }),
    f('issuetype', 'Issue Type', true, { type: 'issuetype', system: 'issuetype' }),
    f('project', 'Project', true, { type: 'project', system: 'project' }),
    f(
      'reporter',
      'Reporter',
      true,
      { type: 'user', system: 'reporter' },
      { hasDefaultValue: true },
    ),
    f('description', 'Description', false, { type: 'string', system: 'description' }),
    f(
      'priority',
      'Priority',
      false,
      { type: 'priority', system: 'priority' },
      { hasDefaultValue: true },
    ),
    f(
      'labels',
      'Labels',
      false,
      { type: 'array', items: 'string', system: 'labels' },
      { operations: ['add', 'set', 'remove'] },
    ),
    f('assignee', 'Assignee', false, { type: 'user', system: 'assignee' }),
  ];
}

/** A required single-select custom field (for "required fields on create" worlds). */
export function requiredSelectField(customId: number, name: string, options: string[]): WorldField {
  return f(
    `customfield_${customId}`,
    name,
    true,
    {
      type: 'option',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:select',
      customId,
    },
    { allowedValues: options.map((value, i) => ({ id: String(customId * 10 + i), value })) },
  );
}

/** A custom field that is not required (for "field on screen" worlds). */
export function textField(customId: number, name: string): WorldField {
  return f(`customfield_${customId}`, name, false, {
    type: 'string',
    custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield',
    customId,
  });
}

/** Issues `KEY-1…KEY-n` of a project, one per issue type in turn, newest last. */
export function issues(
  project: Pick<WorldProject, 'key' | 'id' | 'issueTypes'>,
  count: number,
  extra: Partial<WorldIssue> = {},
): WorldIssue[] {
  const types = project.issueTypes.filter((t) => !t.subtask);
  return Array.from({ length: count }, (_, i) => ({
    id: String(Number(project.id) * 10 + 100000 + i + 1),
    key: `${project.key}-${i + 1}`,
    issueTypeId: types[i % types.length]?.id ?? '10001',
    summary: `${project.key} issue ${i + 1}`,
    updated: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
    ...extra,
  }));
}

function issueType(id: string, name: string, extra: Partial<WorldIssueType> = {}): WorldIssueType {
  const subtaskFields = extra.subtask
    ? [f('parent', 'Parent', true, { type: 'issuelink', system: 'parent' })]
    : [];
  return { id, name, fields: [...standardFields(), ...subtaskFields], ...extra };
}

/** Typical issue types of a project type. */
export function issueTypesFor(type: ProjectTypeKey): WorldIssueType[] {
  switch (type) {
    case 'software':
      return [
        issueType('10000', 'Epic', { hierarchyLevel: 1 }),
        issueType('10001', 'Task'),
        issueType('10002', 'Bug'),
        issueType('10003', 'Story'),
        issueType('10004', 'Subtask', { subtask: true }),
      ];
    case 'business':
      return [issueType('10001', 'Task'), issueType('10004', 'Subtask', { subtask: true })];
    case 'service_desk':
      return [
        issueType('10005', '[System] Service request'),
        issueType('10006', '[System] Incident'),
        issueType('10001', 'Task'),
      ];
  }
}

export interface ProjectSpec {
  id: string;
  key: string;
  name: string;
  type: ProjectTypeKey;
  lead: string;
  schemeId: number;
  roles?: WorldProjectRole[];
  issueTypes?: WorldIssueType[];
  description?: string;
  /** Issues to create (see `issues`); none by default. */
  issueCount?: number;
}

export function project(spec: ProjectSpec): WorldProject {
  const built: WorldProject = {
    id: spec.id,
    key: spec.key,
    name: spec.name,
    projectTypeKey: spec.type,
    description: spec.description ?? `${spec.name} project`,
    lead: spec.lead,
    permissionSchemeId: spec.schemeId,
    roles: spec.roles ?? [],
    issueTypes: spec.issueTypes ?? issueTypesFor(spec.type),
  };
  if (spec.issueCount) built.issues = issues(built, spec.issueCount);
  return built;
}

export function emptyWorld(site: WorldSite): World {
  return {
    site,
    users: [],
    groups: [],
    projects: [],
    permissionSchemes: [],
    globalPermissions: {},
  };
}

/** A deep copy (worlds are JSON-able). */
export function cloneWorld(world: World): World {
  return structuredClone(world);
}

/** Mutating helpers for scenario variations. */
export function userByEmail(world: World, email: string): WorldUser {
  const found = world.users.find((u) => u.email === email);
  if (!found) throw new Error(`No user ${email} in world`);
  return found;
}

export function projectByKey(world: World, key: string): WorldProject {
  const found = world.projects.find((p) => p.key === key);
  if (!found) throw new Error(`No project ${key} in world`);
  return found;
}
