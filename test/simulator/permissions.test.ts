import {
  emptyWorld,
  grants,
  group,
  holder,
  project,
  role,
  ROLE,
  token,
  user,
} from '../../simulator/builders';
import { ONLY_ADMINS } from '../../simulator/http';
import {
  ACCOUNT,
  CREDENTIALS,
  PROJECT_ID,
  baseWorld,
  serviceManagementPortalCustomer,
  serviceManagementWithoutAgentLicence,
  siteLacksPermission,
} from '../../simulator/worlds/scenarios';
import type { RunningSimulator, World } from '../../simulator';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const ADMIN: Login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };

/** One project P whose scheme grants each permission to a different holder type. */
function holderWorld(): World {
  const world = emptyWorld({ cloudId: 'c0ffee00-0000-4000-a000-000000000000' });
  const mk = (id: string, extra: Partial<Parameters<typeof user>[0]> = {}) =>
    user({
      accountId: id,
      displayName: id,
      email: `${id}@h.example`,
      applicationRoles: ['jira-software'],
      tokens: [token(`tok-${id}`)],
      ...extra,
    });
  world.users = [
    mk('admin', { groups: ['jira-administrators'] }),
    mk('lead'),
    mk('roleuser', { applicationRoles: ['jira-core'] }),
    mk('named'),
    mk('member', { groups: ['browsers', 'devs'] }),
    mk('noaccess', { groups: ['browsers', 'devs'], applicationRoles: [] }),
    mk('inactive', { groups: ['browsers'], active: false }),
  ];
  world.groups = ['jira-administrators', 'browsers', 'devs'].map(group);
  world.globalPermissions = { ADMINISTER: ['jira-administrators'] };
  world.permissionSchemes = [
    {
      id: 1,
      name: 'Holder scheme',
      grants: grants(100, [
        ['BROWSE_PROJECTS', holder.group('browsers')],
        ['CREATE_ISSUES', holder.role(ROLE.developers.id)],
        ['EDIT_ISSUES', holder.user('named')],
        ['TRANSITION_ISSUES', holder.applicationRole('jira-software')],
        ['ASSIGN_ISSUES', holder.applicationRole()],
        ['RESOLVE_ISSUES', holder.projectLead()],
        ['CLOSE_ISSUES', holder.reporter()],
        ['LINK_ISSUES', holder.assignee()],
        ['ADD_COMMENTS', holder.anyone()],
      ]),
    },
  ];
  world.projects = [
    project({
      id: '20000',
      key: 'P',
      name: 'Holders',
      type: 'software',
      lead: 'lead',
      schemeId: 1,
      roles: [role(ROLE.developers, { users: ['roleuser'], groups: ['devs'] })],
    }),
  ];
  return world;
}

const CHECKED = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'RESOLVE_ISSUES',
  'CLOSE_ISSUES',
  'LINK_ISSUES',
  'ADD_COMMENTS',
];

async function grantedTo(
  s: RunningSimulator,
  accountId: string,
  projectId = 20000,
): Promise<string[]> {
  const r = await call(s, '/rest/api/3/permissions/check', {
    auth: { email: 'admin@h.example', secret: 'tok-admin' },
    body: { accountId, projectPermissions: [{ permissions: CHECKED, projects: [projectId] }] },
  });
  expect(r.status).toBe(200);
  return (r.json as { projectPermissions: Array<{ permission: string }> }).projectPermissions
    .map((p) => p.permission)
    .sort();
}

describe('permission evaluation through each holder type (bulk check, project level)', () => {
  it.each([
    [
      'the project lead',
      'lead',
      ['ADD_COMMENTS', 'ASSIGN_ISSUES', 'RESOLVE_ISSUES', 'TRANSITION_ISSUES'],
    ],
    [
      'a user actor of a project role (other product)',
      'roleuser',
      ['ADD_COMMENTS', 'ASSIGN_ISSUES', 'CREATE_ISSUES'],
    ],
    [
      'a user named in a grant',
      'named',
      ['ADD_COMMENTS', 'ASSIGN_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES'],
    ],
    [
      'a group member (group grant and group role actor)',
      'member',
      ['ADD_COMMENTS', 'ASSIGN_ISSUES', 'BROWSE_PROJECTS', 'CREATE_ISSUES', 'TRANSITION_ISSUES'],
    ],
    ['a user without product access (anyone grants only)', 'noaccess', ['ADD_COMMENTS']],
    ['a deactivated user', 'inactive', ['ADD_COMMENTS']],
  ])('%s', async (_label, accountId, expected) => {
    const s = await sim.start(holderWorld());
    expect(await grantedTo(s, accountId)).toEqual(expected);
  });
});

describe('GET /mypermissions', () => {
  it('counts issue-data holders (reporter, assignee) at project level, as documented', async () => {
    const s = await sim.start(holderWorld());
    const r = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=P&permissions=CLOSE_ISSUES,LINK_ISSUES,EDIT_ISSUES',
      {
        auth: { email: 'member@h.example', secret: 'tok-member' },
      },
    );
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      permissions: {
        CLOSE_ISSUES: expect.objectContaining({
          key: 'CLOSE_ISSUES',
          id: '18',
          type: 'PROJECT',
          havePermission: true,
        }),
        LINK_ISSUES: expect.objectContaining({ havePermission: true }),
        EDIT_ISSUES: expect.objectContaining({ name: 'Edit Issues', havePermission: false }),
      },
    });
  });

  it('does not count them when the world says so', async () => {
    const world = holderWorld();
    world.site.issueHoldersInMyPermissions = false;
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/mypermissions?projectId=20000&permissions=CLOSE_ISSUES', {
      auth: { email: 'member@h.example', secret: 'tok-member' },
    });
    expect(r.json).toMatchObject({ permissions: { CLOSE_ISSUES: { havePermission: false } } });
  });

  it('answers the global context: a project permission held in any project, global permissions', async () => {
    const s = await sim.start(holderWorld());
    const r = await call(s, '/rest/api/3/mypermissions?permissions=EDIT_ISSUES,ADMINISTER', {
      auth: { email: 'named@h.example', secret: 'tok-named' },
    });
    expect(r.json).toMatchObject({
      permissions: {
        EDIT_ISSUES: { havePermission: true },
        ADMINISTER: { type: 'GLOBAL', havePermission: false },
      },
    });
  });

  it('gives anonymous callers the "anyone" grants only', async () => {
    const s = await sim.start(holderWorld());
    const r = await call(s, '/rest/api/3/mypermissions?permissions=ADD_COMMENTS,BROWSE_PROJECTS');
    expect(r.json).toMatchObject({
      permissions: {
        ADD_COMMENTS: { havePermission: true },
        BROWSE_PROJECTS: { havePermission: false },
      },
    });
  });

  it('requires `permissions` and rejects unknown keys (400)', async () => {
    const s = await sim.start(baseWorld());
    const missing = await call(s, '/rest/api/3/mypermissions?projectKey=SYNC', { auth: SYNC });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    expect(
      (await call(s, '/rest/api/3/mypermissions?permissions=NOT_A_PERMISSION', { auth: SYNC }))
        .status,
    ).toBe(400);
  });

  it('rejects a permission the site lacks (400)', async () => {
    const sc = siteLacksPermission('MANAGE_SPRINTS_PERMISSION');
    const s = await sim.start(sc.world);
    const r = await call(
      s,
      '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,MANAGE_SPRINTS_PERMISSION',
      { auth: SYNC },
    );
    expect(r.status).toBe(400);
    const all = await call(s, '/rest/api/3/permissions', { auth: SYNC });
    expect(Object.keys((all.json as { permissions: object }).permissions)).not.toContain(
      'MANAGE_SPRINTS_PERMISSION',
    );
  });

  it('answers 404 for a project that is missing or not visible, and for issues', async () => {
    const s = await sim.start(baseWorld());
    const missing = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=NOPE&permissions=BROWSE_PROJECTS',
      { auth: SYNC },
    );
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
    const hidden = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=HELP&permissions=BROWSE_PROJECTS',
      { auth: SYNC },
    );
    expect(hidden.status).toBe(404);
    const issue = await call(
      s,
      '/rest/api/3/mypermissions?issueKey=SYNC-1&permissions=BROWSE_PROJECTS',
      { auth: SYNC },
    );
    expect(issue.status).toBe(404);
  });

  it('prefers projectId over projectKey', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(
      s,
      `/rest/api/3/mypermissions?projectKey=NOPE&projectId=${PROJECT_ID.SYNC}&permissions=CREATE_ISSUES`,
      { auth: SYNC },
    );
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ permissions: { CREATE_ISSUES: { havePermission: true } } });
  });
});

describe('Service Management', () => {
  it('evaluates portal customers like the customer portal in /mypermissions only', async () => {
    const sc = serviceManagementPortalCustomer();
    const s = await sim.start(sc.world);
    const mine = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=HELP&permissions=BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES',
      { auth: SYNC },
    );
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      permissions: {
        BROWSE_PROJECTS: { havePermission: true },
        CREATE_ISSUES: { havePermission: true },
        EDIT_ISSUES: { havePermission: false },
      },
    });
    expect((await call(s, '/rest/api/3/project/search', { auth: SYNC })).json).toMatchObject({
      total: 0,
    });
    expect(await grantedToBase(s, ACCOUNT.sync)).toEqual([]);
  });

  it('counts portal grants everywhere when the world says so', async () => {
    const sc = serviceManagementPortalCustomer();
    sc.world.site.portalCustomerGrants = 'everywhere';
    const s = await sim.start(sc.world);
    expect(await grantedToBase(s, ACCOUNT.sync)).toEqual(['BROWSE_PROJECTS', 'CREATE_ISSUES']);
  });

  it('ignores role grants for users without the agent licence (jira-servicedesk)', async () => {
    const sc = serviceManagementWithoutAgentLicence();
    const s = await sim.start(sc.world);
    expect(await grantedToBase(s, ACCOUNT.sync)).toEqual([]);
    const mine = await call(
      s,
      '/rest/api/3/mypermissions?projectKey=HELP&permissions=BROWSE_PROJECTS',
      { auth: SYNC },
    );
    expect(mine.status).toBe(404);
  });

  it('honours them when the world does not require the licence', async () => {
    const sc = serviceManagementWithoutAgentLicence();
    sc.world.site.serviceDeskNeedsAgentLicence = false;
    const s = await sim.start(sc.world);
    expect(await grantedToBase(s, ACCOUNT.sync)).toEqual([
      'BROWSE_PROJECTS',
      'CREATE_ISSUES',
      'EDIT_ISSUES',
    ]);
  });
});

async function grantedToBase(s: RunningSimulator, accountId: string): Promise<string[]> {
  const r = await call(s, '/rest/api/3/permissions/check', {
    auth: ADMIN,
    body: {
      accountId,
      projectPermissions: [
        {
          permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
          projects: [Number(PROJECT_ID.HELP)],
        },
      ],
    },
  });
  return (r.json as { projectPermissions: Array<{ permission: string }> }).projectPermissions
    .map((p) => p.permission)
    .sort();
}

describe('POST /permissions/check', () => {
  it('lists only granted project IDs and ignores unknown IDs', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/permissions/check', {
      auth: SYNC,
      body: {
        globalPermissions: ['ADMINISTER', 'USER_PICKER'],
        projectPermissions: [
          {
            permissions: ['CREATE_ISSUES', 'DELETE_ISSUES'],
            projects: [10000, 10003, 99999],
            issues: [],
          },
        ],
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [{ permission: 'CREATE_ISSUES', projects: [10000], issues: [] }],
    });
  });

  it('lists requested permissions granted nowhere when the world says so', async () => {
    const world = baseWorld();
    world.site.bulkCheckEmptyEntries = 'include';
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/permissions/check', {
      auth: SYNC,
      body: { projectPermissions: [{ permissions: ['DELETE_ISSUES'], projects: [10000] }] },
    });
    expect(r.json).toEqual({
      globalPermissions: [],
      projectPermissions: [{ permission: 'DELETE_ISSUES', projects: [], issues: [] }],
    });
  });

  it('lets administrators check another account', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: {
        accountId: ACCOUNT.sync,
        globalPermissions: ['ADMINISTER'],
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001, 10002, 10003] },
        ],
      },
    });
    expect(r.json).toEqual({
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [10000, 10001, 10002], issues: [] },
      ],
    });
  });

  it('refuses non-administrators checking another account (403, documented body)', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/permissions/check', {
      auth: SYNC,
      body: {
        accountId: ACCOUNT.admin,
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000] }],
      },
    });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ errorMessages: [ONLY_ADMINS], errors: {} });
    // Their own accountId is fine.
    const own = await call(s, '/rest/api/3/permissions/check', {
      auth: SYNC,
      body: {
        accountId: ACCOUNT.sync,
        projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [10000] }],
      },
    });
    expect(own.status).toBe(200);
  });

  it('rejects unknown permission keys, misplaced keys and keys the site lacks (400)', async () => {
    const s = await sim.start(siteLacksPermission('MANAGE_SPRINTS_PERMISSION').world);
    const unknown = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: {
        globalPermissions: ['PERMISSION_123'],
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS', 'MANAGE_SPRINTS_PERMISSION'], projects: [10000] },
        ],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      errorMessages: [],
      errors: {
        PERMISSION_123: 'Unrecognized permission',
        MANAGE_SPRINTS_PERMISSION: 'Unrecognized permission',
      },
    });
    const misplaced = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: { globalPermissions: ['BROWSE_PROJECTS'] },
    });
    expect(misplaced.status).toBe(400);
  });

  it('rejects an entry without permissions and an invalid accountId (400)', async () => {
    const s = await sim.start(baseWorld());
    const empty = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: { projectPermissions: [{ permissions: [], projects: [10000] }] },
    });
    expect(empty.status).toBe(400);
    const badAccount = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: { accountId: 'no-such-account' },
    });
    expect(badAccount.status).toBe(400);
  });

  it('rejects more than 1000 valid project IDs', async () => {
    const world = baseWorld();
    for (let i = 0; i < 1001; i++) {
      world.projects.push(
        project({
          id: String(30000 + i),
          key: `K${i}`,
          name: `K${i}`,
          type: 'business',
          lead: ACCOUNT.admin,
          schemeId: 10000,
        }),
      );
    }
    const s = await sim.start(world);
    const ids = world.projects.map((p) => Number(p.id));
    const r = await call(s, '/rest/api/3/permissions/check', {
      auth: ADMIN,
      body: { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: ids }] },
    });
    expect(r.status).toBe(400);
  });
});

describe('GET /permissions', () => {
  it('lists the permissions that exist on the site', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/permissions', { auth: SYNC });
    const permissions = (r.json as { permissions: Record<string, { key: string; type: string }> })
      .permissions;
    expect(permissions.BROWSE_PROJECTS).toEqual(
      expect.objectContaining({ key: 'BROWSE_PROJECTS', type: 'PROJECT' }),
    );
    expect(permissions.USER_PICKER).toEqual(
      expect.objectContaining({ name: 'Browse users and groups', type: 'GLOBAL' }),
    );
  });
});
