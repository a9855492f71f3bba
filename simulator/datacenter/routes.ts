/**
 * The /rest/api/2 operations the doctor reads on Data Center. Bodies follow the Data Center REST
 * reference (docs.atlassian.com/software/jira/docs/api/REST/<version>); statuses and wordings
 * that it does not state are marked unknown.
 */
import type { DcProject, DcUser, DcWorld } from './world';

export interface DcRequest {
  world: DcWorld;
  caller: DcUser | null;
  path: string;
  query: URLSearchParams;
  baseUrl: string;
}

export interface DcAnswer {
  status: number;
  json?: unknown;
}

/** D5 (recorded on 10.3.19). */
const NOT_AUTHENTICATED = {
  status: 401,
  json: { message: 'Client must be authenticated to access this resource.', 'status-code': 401 },
};

function errors(status: number, message: string): DcAnswer {
  return { status, json: { errorMessages: [message], errors: {} } };
}

const PERMISSION_NAMES: Record<string, string> = {
  BROWSE_PROJECTS: 'Browse Projects',
  CREATE_ISSUES: 'Create Issues',
  EDIT_ISSUES: 'Edit Issues',
  ADD_COMMENTS: 'Add Comments',
  TRANSITION_ISSUES: 'Transition Issues',
  CREATE_ATTACHMENTS: 'Create Attachments',
  LINK_ISSUES: 'Link Issues',
  ASSIGN_ISSUES: 'Assign Issues',
  ADMINISTER_PROJECTS: 'Administer Projects',
  ADMINISTER: 'Jira Administrators',
};

export function isJiraAdmin(world: DcWorld, user: DcUser | null): boolean {
  return user !== null && user.groups.some((g) => world.adminGroups.includes(g));
}

export function holds(
  world: DcWorld,
  user: DcUser | null,
  project: DcProject,
  permission: string,
): boolean {
  const scheme = world.schemes.find((s) => s.id === project.schemeId);
  if (!scheme) return false;
  return scheme.grants.some((grant) => {
    if (grant.permission !== permission) return false;
    const { type, parameter } = grant.holder;
    if (type === 'anyone') return true;
    if (!user) return false;
    switch (type) {
      case 'group':
        return parameter !== undefined && user.groups.includes(parameter);
      case 'user':
        return parameter?.toLowerCase() === user.name.toLowerCase();
      case 'applicationRole':
        return parameter
          ? user.applicationRoles.includes(parameter)
          : user.applicationRoles.length > 0;
      case 'projectRole': {
        const actors = project.roleActors[parameter ?? ''];
        return (
          !!actors &&
          (actors.users.some((u) => u.toLowerCase() === user.name.toLowerCase()) ||
            actors.groups.some((g) => user.groups.includes(g)))
        );
      }
      default:
        // Reporter / assignee grants depend on the issue; whether Data Center's project-level
        // mypermissions counts them is unknown, so the simulator does not.
        return false;
    }
  });
}

function findProject(world: DcWorld, key: string): DcProject | undefined {
  const upper = key.toUpperCase();
  return world.projects.find((p) => p.key === upper || p.id === key);
}

function userJson(baseUrl: string, user: DcUser, expand: string[]): Record<string, unknown> {
  return {
    self: `${baseUrl}/rest/api/2/user?username=${encodeURIComponent(user.name)}`,
    key: user.key,
    name: user.name,
    emailAddress: user.email,
    displayName: user.displayName,
    active: user.active,
    timeZone: 'Europe/Berlin',
    locale: 'en_GB',
    groups: {
      size: user.groups.length,
      items: expand.includes('groups') ? user.groups.map((name) => ({ name })) : [],
    },
    applicationRoles: {
      size: user.applicationRoles.length,
      items: expand.includes('applicationRoles')
        ? user.applicationRoles.map((key) => ({ key, name: key }))
        : [],
    },
  };
}

function permissionsBody(
  keys: readonly string[],
  held: (key: string) => boolean,
): Record<string, unknown> {
  return {
    permissions: Object.fromEntries(
      keys.map((key, i) => [
        key,
        {
          id: String(10 + i),
          key,
          name: PERMISSION_NAMES[key] ?? key,
          type: key === 'ADMINISTER' ? 'GLOBAL' : 'PROJECT',
          description: '',
          havePermission: held(key),
        },
      ]),
    ),
  };
}

function requestedPermissions(req: DcRequest): string[] {
  return (req.query.get('permissions') ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

type Route = [RegExp, (req: DcRequest, match: RegExpExecArray) => DcAnswer];

const ROUTES: Route[] = [
  [
    /^\/rest\/api\/2\/serverInfo$/,
    // Documented: anonymous access allowed; deploymentType "Server" or "DataCenter".
    ({ world, baseUrl }) => ({
      status: 200,
      json: {
        baseUrl,
        version: world.version,
        versionNumbers: world.version.split('.').map(Number),
        deploymentType: world.deploymentType,
        buildNumber: 912000,
        buildDate: '2026-01-01T00:00:00.000+0000',
        serverTime: new Date().toISOString().replace('Z', '+0000'),
        scmInfo: '0000000000000000000000000000000000000000',
        serverTitle: world.serverTitle,
      },
    }),
  ],
  [
    /^\/rest\/api\/2\/myself$/,
    ({ caller, baseUrl, query }) =>
      caller
        ? { status: 200, json: userJson(baseUrl, caller, (query.get('expand') ?? '').split(',')) }
        : NOT_AUTHENTICATED,
  ],
  [
    /^\/rest\/api\/2\/permissions$/,
    ({ world }) => ({ status: 200, json: permissionsBody(world.permissionKeys, () => false) }),
  ],
  [
    /^\/rest\/api\/2\/mypermissions$/,
    (req) => {
      const { world, caller, query } = req;
      const asked = requestedPermissions(req);
      // D5 (recorded on 10.3.19): `permissions=` is ignored and every key is returned.
      const ignored = (world.myPermissionsFilter ?? 'ignored') === 'ignored';
      const keys = ignored ? [...world.permissionKeys, 'ADMINISTER'] : asked;
      const unknownKey = asked.find((k) => !world.permissionKeys.includes(k) && k !== 'ADMINISTER');
      // Unknown: status and wording for an unknown permission key when the filter is honoured
      // (Cloud documents 400).
      if (unknownKey && !ignored)
        return errors(400, `Permission key '${unknownKey}' is not valid.`);
      const projectKey = query.get('projectKey');
      if (projectKey === null) {
        return {
          status: 200,
          json: permissionsBody(keys, (k) => k === 'ADMINISTER' && isJiraAdmin(world, caller)),
        };
      }
      const project = findProject(world, projectKey);
      // Unknown on Data Center: the answer for a project the caller cannot see (Cloud documents
      // 404 with this wording); the doctor reads 400 and 404 alike.
      if (!project || !holds(world, caller, project, 'BROWSE_PROJECTS'))
        return errors(404, `No project could be found with key '${projectKey}'.`);
      return {
        status: 200,
        json: permissionsBody(keys, (k) =>
          k === 'ADMINISTER' ? isJiraAdmin(world, caller) : holds(world, caller, project, k),
        ),
      };
    },
  ],
  [
    /^\/rest\/api\/2\/user$/,
    ({ world, caller, baseUrl, query }) => {
      if (!caller) return NOT_AUTHENTICATED;
      const name = query.get('username') ?? '';
      const user = world.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
      // Wording unknown.
      if (!user) return errors(404, `The user named '${name}' does not exist`);
      return {
        status: 200,
        json: userJson(baseUrl, user, (query.get('expand') ?? '').split(',')),
      };
    },
  ],
  [
    /^\/rest\/api\/2\/user\/permission\/search$/,
    (req) => {
      const { world, caller, baseUrl, query } = req;
      if (!caller) return NOT_AUTHENTICATED;
      const project = findProject(world, query.get('projectKey') ?? '');
      // Documented: needs Administer Projects there or Jira Administrators. Status for others unknown.
      const allowed =
        isJiraAdmin(world, caller) ||
        (project !== undefined && holds(world, caller, project, 'ADMINISTER_PROJECTS'));
      if (!allowed) return errors(403, 'You do not have permission to search for these users.');
      if (!project)
        return errors(404, `No project could be found with key '${query.get('projectKey')}'.`);
      const keys = requestedPermissions(req);
      const text = (query.get('username') ?? '').toLowerCase();
      // Documented: the username parameter is a search string (matches username, name or email
      // prefix) and only active users holding all the permissions are listed.
      const found = world.users.filter(
        (u) =>
          u.active &&
          [u.name, u.displayName, u.email].some((v) => v.toLowerCase().startsWith(text)) &&
          keys.every((k) => holds(world, u, project, k)),
      );
      return { status: 200, json: found.map((u) => userJson(baseUrl, u, [])) };
    },
  ],
  [
    /^\/rest\/api\/2\/project\/([^/]+)$/,
    ({ world, caller, baseUrl }, m) => {
      const project = findProject(world, decodeURIComponent(m[1] ?? ''));
      const visible =
        project && (isJiraAdmin(world, caller) || holds(world, caller, project, 'BROWSE_PROJECTS'));
      if (!project || !visible)
        return errors(
          404,
          `No project could be found with key '${decodeURIComponent(m[1] ?? '')}'.`,
        );
      return {
        status: 200,
        json: {
          self: `${baseUrl}/rest/api/2/project/${project.id}`,
          id: project.id,
          key: project.key,
          name: project.name,
          projectTypeKey: project.projectTypeKey,
        },
      };
    },
  ],
  [
    /^\/rest\/api\/2\/project\/([^/]+)\/permissionscheme$/,
    ({ world, caller }, m) => {
      if (!caller) return NOT_AUTHENTICATED;
      const project = findProject(world, decodeURIComponent(m[1] ?? ''));
      if (!project) return errors(404, 'No project could be found.');
      if (!isJiraAdmin(world, caller) && !holds(world, caller, project, 'ADMINISTER_PROJECTS'))
        return errors(403, 'You do not have permission to view this project’s permission scheme.');
      const scheme = world.schemes.find((s) => s.id === project.schemeId);
      return { status: 200, json: { id: scheme?.id ?? 0, name: scheme?.name ?? '' } };
    },
  ],
  [
    /^\/rest\/api\/2\/permissionscheme\/(\d+)$/,
    ({ world, caller }, m) => {
      if (!caller) return NOT_AUTHENTICATED;
      if (!isJiraAdmin(world, caller))
        return errors(403, 'Only Jira administrators can view permission schemes.');
      const scheme = world.schemes.find((s) => s.id === Number(m[1]));
      if (!scheme) return errors(404, 'The permission scheme does not exist.');
      return {
        status: 200,
        json: {
          id: scheme.id,
          name: scheme.name,
          permissions: scheme.grants.map((g) => ({
            id: g.id,
            permission: g.permission,
            holder: {
              type: g.holder.type,
              ...(g.holder.parameter === undefined ? {} : { parameter: g.holder.parameter }),
            },
          })),
        },
      };
    },
  ],
  [
    /^\/rest\/api\/2\/project\/([^/]+)\/role$/,
    ({ world, caller, baseUrl }, m) => {
      if (!caller) return NOT_AUTHENTICATED;
      const project = findProject(world, decodeURIComponent(m[1] ?? ''));
      if (!project) return errors(404, 'No project could be found.');
      return {
        status: 200,
        json: Object.fromEntries(
          world.roles.map((r) => [
            r.name,
            `${baseUrl}/rest/api/2/project/${project.id}/role/${r.id}`,
          ]),
        ),
      };
    },
  ],
  [
    /^\/rest\/api\/2\/project\/([^/]+)\/role\/(\d+)$/,
    ({ world, caller, baseUrl }, m) => {
      if (!caller) return NOT_AUTHENTICATED;
      const project = findProject(world, decodeURIComponent(m[1] ?? ''));
      const role = world.roles.find((r) => r.id === Number(m[2]));
      if (!project || !role) return errors(404, 'No role could be found.');
      const actors = project.roleActors[String(role.id)] ?? { users: [], groups: [] };
      return {
        status: 200,
        json: {
          self: `${baseUrl}/rest/api/2/project/${project.id}/role/${role.id}`,
          name: role.name,
          id: role.id,
          actors: [
            // Documented Data Center actor shape: type + name (username or group name).
            ...actors.users.map((name, i) => ({
              id: i + 1,
              displayName: world.users.find((u) => u.name === name)?.displayName ?? name,
              type: 'atlassian-user-role-actor',
              name,
            })),
            ...actors.groups.map((name, i) => ({
              id: 1000 + i,
              displayName: name,
              type: 'atlassian-group-role-actor',
              name,
            })),
          ],
        },
      };
    },
  ],
];

export function route(req: DcRequest): DcAnswer | null {
  for (const [pattern, handler] of ROUTES) {
    const match = pattern.exec(req.path);
    if (match) return handler(req, match);
  }
  return null;
}

/** Operations that need a login; anonymous callers get 401 there. */
export function needsLogin(path: string): boolean {
  return !/^\/rest\/api\/2\/(serverInfo|permissions|mypermissions|project\/[^/]+)$/.test(path);
}
