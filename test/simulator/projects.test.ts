import { project, role, ROLE, token, user } from '../../simulator/builders';
import {
  ACCOUNT,
  CREDENTIALS,
  GROUP,
  SCHEME,
  baseWorld,
  missingCreateInOneProject,
  projectHiddenVsMissing,
  retiredProjects,
} from '../../simulator/worlds/scenarios';
import type { World } from '../../simulator';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const ADMIN: Login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
const PAT: Login = { email: 'pat@acme.example', secret: 'pat-token' };

interface Page {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  nextPage?: string;
  self: string;
  values: Array<{ key: string; id: string; lead?: unknown; description?: string }>;
}

function manyProjects(count: number): World {
  const world = baseWorld();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(3, '0');
    world.projects.push(
      project({
        id: String(20000 + i),
        key: `P${n}`,
        name: `Project ${n}`,
        type: 'software',
        lead: ACCOUNT.admin,
        schemeId: SCHEME.software,
        roles: [role(ROLE.developers, { groups: [GROUP.software] })],
      }),
    );
  }
  return world;
}

/** Adds Pat, administrator of OPS only. */
function withProjectAdmin(world: World = baseWorld()): World {
  world.users.push(
    user({
      accountId: 'pat',
      displayName: 'Pat',
      email: PAT.email,
      groups: [GROUP.software],
      applicationRoles: ['jira-software'],
      tokens: [token(PAT.secret)],
    }),
  );
  world.projects
    .find((p) => p.key === 'OPS')!
    .roles.find((r) => r.id === ROLE.administrators.id)!
    .actors.users.push('pat');
  return world;
}

describe('GET /project/search', () => {
  it('omits archived and trashed projects unless status asks for them (J1, documented)', async () => {
    const s = await sim.start(retiredProjects().world);
    const keysOf = async (query: string): Promise<string[]> =>
      ((await call(s, `/rest/api/3/project/search?${query}`, { auth: ADMIN })).json as Page).values
        .map((p) => p.key)
        .sort();
    const wanted = 'keys=SYNC&keys=OLD&keys=BIN';
    expect(await keysOf(wanted)).toEqual(['SYNC']);
    expect(await keysOf(`${wanted}&status=archived`)).toEqual(['OLD']);
    expect(await keysOf(`${wanted}&status=deleted`)).toEqual(['BIN']);
    expect(await keysOf(`${wanted}&status=live&status=archived&status=deleted`)).toEqual([
      'BIN',
      'OLD',
      'SYNC',
    ]);
  });

  it('pages: default 50, maxResults capped at 100, nextPage until the last page', async () => {
    // maxResults=500 breaks the spec's `maximum: 100` on purpose, to prove the documented cap.
    sim.allowInvalidRequests();
    const s = await sim.start(manyProjects(120));
    const first = (await call(s, '/rest/api/3/project/search', { auth: SYNC })).json as Page;
    expect(first).toMatchObject({ startAt: 0, maxResults: 50, total: 123, isLast: false });
    expect(first.values).toHaveLength(50);
    expect(first.nextPage).toBe(`${s.siteUrl}/rest/api/3/project/search?startAt=50&maxResults=50`);
    expect(first.self).toBe(`${s.siteUrl}/rest/api/3/project/search`);

    const capped = (await call(s, '/rest/api/3/project/search?maxResults=500', { auth: SYNC }))
      .json as Page;
    expect(capped.maxResults).toBe(100);
    expect(capped.values).toHaveLength(100);

    const last = (
      await call(s, '/rest/api/3/project/search?startAt=100&maxResults=100', { auth: SYNC })
    ).json as Page;
    expect(last).toMatchObject({ startAt: 100, total: 123, isLast: true });
    expect(last.values).toHaveLength(23);
    expect(last.nextPage).toBeUndefined();
  });

  it('filters by repeated keys and only returns visible projects', async () => {
    const s = await sim.start(projectHiddenVsMissing().world);
    const r = (
      await call(s, '/rest/api/3/project/search?keys=SYNC&keys=SECRET&keys=NOPE', { auth: SYNC })
    ).json as Page;
    expect(r.values.map((p) => p.key)).toEqual(['SYNC']);
    expect(r.total).toBe(1);
    const admin = (
      await call(s, '/rest/api/3/project/search?keys=SYNC&keys=SECRET&keys=NOPE', { auth: ADMIN })
    ).json as Page;
    expect(admin.values.map((p) => p.key)).toEqual(['SECRET', 'SYNC']);
  });

  it('filters by action: create, edit, browse', async () => {
    const s = await sim.start(withProjectAdmin(missingCreateInOneProject().world));
    const keys = async (q: string, auth: Login) =>
      ((await call(s, `/rest/api/3/project/search?${q}`, { auth })).json as Page).values.map(
        (p) => p.key,
      );
    expect(await keys('action=view', SYNC)).toEqual(['HR', 'OPS', 'SYNC']);
    expect(await keys('action=create', SYNC)).toEqual(['HR', 'SYNC']);
    expect(await keys('action=edit', SYNC)).toEqual([]);
    expect(await keys('action=edit', PAT)).toEqual(['OPS']);
    expect(await keys('action=browse', ADMIN)).toEqual(['HELP', 'HR', 'OPS', 'SYNC']);
  });

  it('filters by query and typeKey, orders by key or name, expands lead and description', async () => {
    const s = await sim.start(baseWorld());
    const get = async (q: string) =>
      (await call(s, `/rest/api/3/project/search?${q}`, { auth: ADMIN })).json as Page;
    expect((await get('query=oper')).values.map((p) => p.key)).toEqual(['OPS']);
    expect((await get('typeKey=business,service_desk')).values.map((p) => p.key)).toEqual([
      'HELP',
      'HR',
    ]);
    expect((await get('orderBy=-key')).values.map((p) => p.key)).toEqual([
      'SYNC',
      'OPS',
      'HR',
      'HELP',
    ]);
    expect((await get('orderBy=name')).values.map((p) => p.key)).toEqual([
      'HELP',
      'OPS',
      'HR',
      'SYNC',
    ]);
    const expanded = await get('keys=SYNC&expand=lead,description');
    expect(expanded.values[0]).toMatchObject({
      lead: { accountId: ACCOUNT.admin },
      description: expect.any(String),
    });
    expect((await get('id=10001')).values.map((p) => p.key)).toEqual(['OPS']);
  });

  it('answers anonymous callers with an empty page', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(s, '/rest/api/3/project/search');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ total: 0, isLast: true, values: [] });
    expect(r.headers.get('x-aaccountid')).toBeNull();
  });

  it('rejects an unknown action (400)', async () => {
    sim.allowInvalidRequests();
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/project/search?action=delete', { auth: SYNC })).status).toBe(
      400,
    );
  });
});

describe('GET /project/{projectIdOrKey}', () => {
  it('returns the project by key or id', async () => {
    const s = await sim.start(baseWorld());
    const byKey = await call(s, '/rest/api/3/project/SYNC', { auth: SYNC });
    expect(byKey.status).toBe(200);
    expect(byKey.json).toMatchObject({
      id: '10000',
      key: 'SYNC',
      projectTypeKey: 'software',
      lead: { accountId: ACCOUNT.admin },
    });
    expect((byKey.json as { issueTypes: unknown[] }).issueTypes.length).toBeGreaterThan(0);
    expect((byKey.json as { roles: Record<string, string> }).roles.Developers).toBe(
      `${s.siteUrl}/rest/api/3/project/10000/role/10000`,
    );
    expect((await call(s, '/rest/api/3/project/10003', { auth: ADMIN })).json).toMatchObject({
      key: 'HELP',
      projectTypeKey: 'service_desk',
    });
  });

  it('answers the same 404 for a hidden, a missing and an anonymously requested project', async () => {
    const s = await sim.start(projectHiddenVsMissing().world);
    const hidden = await call(s, '/rest/api/3/project/SECRET', { auth: SYNC });
    const missing = await call(s, '/rest/api/3/project/NOPE', { auth: SYNC });
    const anonymous = await call(s, '/rest/api/3/project/SYNC');
    expect([hidden.status, missing.status, anonymous.status]).toEqual([404, 404, 404]);
    expect(hidden.json).toEqual({
      errorMessages: ["No project could be found with key 'SECRET'."],
      errors: {},
    });
    expect(missing.json).toEqual({
      errorMessages: ["No project could be found with key 'NOPE'."],
      errors: {},
    });
    expect(hidden.headers.get('x-aaccountid')).toBe(ACCOUNT.sync);
    expect((await call(s, '/rest/api/3/project/SECRET', { auth: ADMIN })).status).toBe(200);
  });

  it('treats keys as case-sensitive', async () => {
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/project/sync', { auth: SYNC })).status).toBe(404);
  });
});

describe('project roles', () => {
  it('lists role links and role actors for administrators', async () => {
    const s = await sim.start(baseWorld());
    const links = await call(s, '/rest/api/3/project/SYNC/role', { auth: ADMIN });
    expect(links.status).toBe(200);
    expect(Object.keys(links.json as object).sort()).toEqual(
      [
        'Administrators',
        'Developers',
        'Service Desk Customers',
        'Service Desk Team',
        'Users',
        'atlassian-addons-project-access',
      ].sort(),
    );
    const world = s.world;
    world.projects[0]!.roles[0]!.actors.users.push(ACCOUNT.sync);
    const devs = await call(s, '/rest/api/3/project/SYNC/role/10000', { auth: ADMIN });
    expect(devs.json).toMatchObject({
      id: 10000,
      name: 'Developers',
      actors: [
        {
          type: 'atlassian-group-role-actor',
          name: GROUP.software,
          actorGroup: { name: GROUP.software, groupId: expect.any(String) },
        },
        {
          type: 'atlassian-user-role-actor',
          displayName: 'Sync Bot',
          actorUser: { accountId: ACCOUNT.sync },
        },
      ],
    });
  });

  it('lets a project administrator read roles of their project only', async () => {
    const s = await sim.start(withProjectAdmin());
    expect((await call(s, '/rest/api/3/project/OPS/role/10000', { auth: PAT })).status).toBe(200);
    expect((await call(s, '/rest/api/3/project/SYNC/role/10000', { auth: PAT })).status).toBe(404);
    // The list needs Administer Projects in any project.
    expect((await call(s, '/rest/api/3/project/SYNC/role', { auth: PAT })).status).toBe(200);
  });

  it('refuses other users: 404 by default, 401 for the list when the world says so', async () => {
    const world = baseWorld();
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/project/SYNC/role', { auth: SYNC })).status).toBe(404);
    expect((await call(s, '/rest/api/3/project/SYNC/role/10000', { auth: SYNC })).status).toBe(404);
    world.site.roleListDeniedStatus = 401;
    expect((await call(s, '/rest/api/3/project/SYNC/role', { auth: SYNC })).status).toBe(401);
    expect((await call(s, '/rest/api/3/project/SYNC/role/99999', { auth: ADMIN })).status).toBe(
      404,
    );
  });
});

describe('permission schemes', () => {
  it('shows the assigned scheme to administrators, with grants when expanded', async () => {
    const s = await sim.start(baseWorld());
    const plain = await call(s, '/rest/api/3/project/SYNC/permissionscheme', { auth: ADMIN });
    expect(plain.json).toMatchObject({ id: SCHEME.software, name: 'Default software scheme' });
    expect((plain.json as { permissions?: unknown }).permissions).toBeUndefined();

    const expanded = await call(s, '/rest/api/3/project/SYNC/permissionscheme?expand=permissions', {
      auth: ADMIN,
    });
    const grantsOut = (
      expanded.json as {
        permissions: Array<{ permission: string; holder: Record<string, string> }>;
      }
    ).permissions;
    expect(grantsOut).toContainEqual(
      expect.objectContaining({
        permission: 'CREATE_ISSUES',
        holder: { type: 'projectRole', parameter: '10000', value: '10000', expand: 'projectRole' },
      }),
    );

    const scheme = await call(s, '/rest/api/3/permissionscheme/10100?expand=all', { auth: SYNC });
    expect(scheme.status).toBe(200);
    const holders = (
      scheme.json as { permissions: Array<{ holder: { type: string } }> }
    ).permissions.map((g) => g.holder.type);
    expect(holders).toContain('sd.customer.portal.only');
  });

  it('gives group holders the name as parameter and the group ID as value', async () => {
    const world = baseWorld();
    world.permissionSchemes[0]!.grants.push({
      id: 1,
      permission: 'BROWSE_PROJECTS',
      holder: { type: 'group', parameter: GROUP.software },
    });
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/permissionscheme/10000?expand=group', { auth: ADMIN });
    const grant = (
      r.json as { permissions: Array<{ id: number; holder: Record<string, string> }> }
    ).permissions.find((g) => g.id === 1);
    expect(grant?.holder).toEqual({
      type: 'group',
      parameter: GROUP.software,
      value: world.groups.find((g) => g.name === GROUP.software)!.groupId,
      expand: 'group',
    });
  });

  it('derives ids for grants declared without one', async () => {
    const world = baseWorld();
    world.permissionSchemes[0]!.grants = [
      { permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } },
    ];
    const s = await sim.start(world);
    const r = await call(s, '/rest/api/3/permissionscheme/10000?expand=permissions', {
      auth: ADMIN,
    });
    expect(r.json).toMatchObject({
      permissions: [{ id: 10000000, permission: 'BROWSE_PROJECTS', holder: { type: 'anyone' } }],
    });
  });

  it('refuses non-administrators the project configuration (403) and hides invisible projects (404)', async () => {
    const s = await sim.start(baseWorld());
    expect(
      (await call(s, '/rest/api/3/project/SYNC/permissionscheme', { auth: SYNC })).status,
    ).toBe(403);
    expect(
      (await call(s, '/rest/api/3/project/HELP/permissionscheme', { auth: SYNC })).status,
    ).toBe(404);
  });

  it('answers 404 for an unknown scheme and for users without product access', async () => {
    const world = baseWorld();
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/permissionscheme/424242', { auth: ADMIN })).status).toBe(
      404,
    );
    const customer = { email: CREDENTIALS.customer.email, secret: CREDENTIALS.customer.token };
    expect((await call(s, '/rest/api/3/permissionscheme/10000', { auth: customer })).status).toBe(
      404,
    );
  });
});
