import { token, user } from '../../simulator/builders';
import {
  ACCOUNT,
  CREDENTIALS,
  GROUP,
  baseWorld,
  emailHidden,
  missingCreateInOneProject,
} from '../../simulator/worlds/scenarios';
import type { World } from '../../simulator';
import { call, useSimulator, type Login } from './helpers';

const sim = useSimulator();
const ADMIN: Login = { email: CREDENTIALS.admin.email, secret: CREDENTIALS.admin.token };
const SYNC: Login = { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token };
const CUSTOMER: Login = { email: CREDENTIALS.customer.email, secret: CREDENTIALS.customer.token };

interface UserOut {
  accountId: string;
  emailAddress?: string | null;
  groups?: { size: number; items: Array<{ name: string }> };
  applicationRoles?: { size: number; items: Array<{ key: string }> };
}

describe('GET /myself', () => {
  it('returns the caller with group and product lists expanded on request', async () => {
    const s = await sim.start(baseWorld());
    const plain = (await call(s, '/rest/api/3/myself', { auth: SYNC })).json as UserOut;
    expect(plain).toMatchObject({
      accountId: ACCOUNT.sync,
      accountType: 'atlassian',
      active: true,
      emailAddress: CREDENTIALS.sync.email,
    });
    expect(plain.groups).toEqual({ size: 1, items: [] });
    const expanded = (
      await call(s, '/rest/api/3/myself?expand=groups,applicationRoles', { auth: SYNC })
    ).json as UserOut;
    expect(expanded.groups?.items.map((g) => g.name)).toEqual([GROUP.software]);
    expect(expanded.applicationRoles?.items.map((r) => r.key)).toEqual(['jira-software']);
  });

  it('shows a hidden email to the user themself by default', async () => {
    const s = await sim.start(emailHidden().world);
    expect(
      ((await call(s, '/rest/api/3/myself', { auth: SYNC })).json as UserOut).emailAddress,
    ).toBe(CREDENTIALS.sync.email);
  });

  it.each([
    ['null', { hiddenEmailVisibleToSelf: false }, null],
    ['absent', { hiddenEmailVisibleToSelf: false, hiddenEmailAs: 'absent' as const }, undefined],
  ])(
    'hides it from the user themself when the world says so (%s)',
    async (_label, site, expected) => {
      const world = emailHidden().world;
      Object.assign(world.site, site);
      const s = await sim.start(world);
      const me = (await call(s, '/rest/api/3/myself', { auth: SYNC })).json as UserOut;
      expect(me.emailAddress).toBe(expected);
      expect('emailAddress' in me).toBe(expected !== undefined);
    },
  );
});

describe('GET /myself without product access', () => {
  it.each([
    [undefined, 200],
    [401, 401],
    [403, 403],
  ] as const)('answers %s → %s', async (option, status) => {
    const world = baseWorld();
    if (option !== undefined) world.site.myselfWithoutProductAccess = option;
    const s = await sim.start(world);
    expect((await call(s, '/rest/api/3/myself', { auth: CUSTOMER })).status).toBe(status);
  });
});

describe('GET /user and /user/groups', () => {
  it('need Browse users and groups (403), know the user (404), respect email privacy', async () => {
    const s = await sim.start(emailHidden().world);
    const r = await call(s, `/rest/api/3/user?accountId=${ACCOUNT.sync}&expand=groups`, {
      auth: ADMIN,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      accountId: ACCOUNT.sync,
      emailAddress: null,
      groups: { size: 1, items: [{ name: GROUP.software }] },
    });
    expect(
      (await call(s, `/rest/api/3/user?accountId=${ACCOUNT.sync}`, { auth: CUSTOMER })).status,
    ).toBe(403);
    expect((await call(s, '/rest/api/3/user?accountId=nobody', { auth: ADMIN })).status).toBe(404);

    const groups = await call(s, `/rest/api/3/user/groups?accountId=${ACCOUNT.admin}`, {
      auth: SYNC,
    });
    expect(groups.status).toBe(200);
    expect((groups.json as Array<{ name: string; groupId: string }>).map((g) => g.name)).toEqual([
      'jira-administrators',
      'jira-servicemanagement-users',
      'jira-software-users',
      'site-admins',
    ]);
    expect(
      (await call(s, `/rest/api/3/user/groups?accountId=${ACCOUNT.sync}`, { auth: CUSTOMER }))
        .status,
    ).toBe(403);
    expect((await call(s, '/rest/api/3/user/groups?accountId=nobody', { auth: SYNC })).status).toBe(
      404,
    );
  });

  it('requires accountId (400)', async () => {
    sim.allowInvalidRequests();
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/user/groups', { auth: ADMIN })).status).toBe(400);
  });
});

describe('GET /user/search', () => {
  function withInactive(world: World): World {
    world.users.push(
      user({
        accountId: 'gone',
        displayName: 'Sync Old',
        email: 'sync-old@acme.example',
        active: false,
        tokens: [token('x')],
      }),
    );
    return world;
  }

  it('finds active users by display-name word prefix or email prefix', async () => {
    const s = await sim.start(withInactive(baseWorld()));
    const ids = async (q: string) =>
      (
        (await call(s, `/rest/api/3/user/search?query=${encodeURIComponent(q)}`, { auth: ADMIN }))
          .json as UserOut[]
      ).map((u) => u.accountId);
    expect(await ids('sync')).toEqual([ACCOUNT.sync]);
    expect(await ids('bot')).toEqual([ACCOUNT.sync]);
    expect(await ids('alice@acme')).toEqual([ACCOUNT.alice]);
    expect(await ids('zzz')).toEqual([]);
    const byId = await call(s, `/rest/api/3/user/search?accountId=${ACCOUNT.agent}`, {
      auth: ADMIN,
    });
    expect((byId.json as UserOut[]).map((u) => u.accountId)).toEqual([ACCOUNT.agent]);
  });

  it('does not match hidden emails by default, and does when the world says so', async () => {
    const world = emailHidden().world;
    const s = await sim.start(world);
    const search = async () =>
      (
        await call(
          s,
          `/rest/api/3/user/search?query=${encodeURIComponent(CREDENTIALS.sync.email)}`,
          { auth: ADMIN },
        )
      ).json as UserOut[];
    expect(await search()).toEqual([]);
    world.site.searchMatchesHiddenEmail = true;
    const found = await search();
    expect(found.map((u) => u.accountId)).toEqual([ACCOUNT.sync]);
    expect(found[0]?.emailAddress).toBeNull();
  });

  it('returns empty results to anonymous callers and users without Browse users and groups', async () => {
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/user/search?query=sync')).json).toEqual([]);
    expect((await call(s, '/rest/api/3/user/search?query=sync', { auth: CUSTOMER })).json).toEqual(
      [],
    );
  });

  it('requires query, accountId or property, not both query and accountId (400)', async () => {
    const s = await sim.start(baseWorld());
    expect((await call(s, '/rest/api/3/user/search', { auth: ADMIN })).status).toBe(400);
    expect(
      (await call(s, `/rest/api/3/user/search?query=a&accountId=${ACCOUNT.sync}`, { auth: ADMIN }))
        .status,
    ).toBe(400);
  });
});

describe('GET /user/permission/search', () => {
  const path = (project: string, permissions = 'BROWSE_PROJECTS,CREATE_ISSUES') =>
    `/rest/api/3/user/permission/search?accountId=${encodeURIComponent(ACCOUNT.sync)}&projectKey=${project}&permissions=${permissions}`;

  it('returns the user when they hold every permission, [] when not', async () => {
    const s = await sim.start(missingCreateInOneProject().world);
    expect(
      ((await call(s, path('SYNC'), { auth: ADMIN })).json as UserOut[]).map((u) => u.accountId),
    ).toEqual([ACCOUNT.sync]);
    expect((await call(s, path('OPS'), { auth: ADMIN })).json).toEqual([]);
    expect(
      (await call(s, path('OPS', 'BROWSE_PROJECTS'), { auth: ADMIN })).json as UserOut[],
    ).toHaveLength(1);
  });

  it('is for Jira administrators and that project’s administrators (403 otherwise)', async () => {
    const world = baseWorld();
    world.projects
      .find((p) => p.key === 'OPS')!
      .roles.find((r) => r.name === 'Administrators')!
      .actors.users.push(ACCOUNT.alice);
    const s = await sim.start(world);
    const alice = { email: CREDENTIALS.alice.email, secret: CREDENTIALS.alice.token };
    expect((await call(s, path('OPS'), { auth: alice })).status).toBe(200);
    expect((await call(s, path('SYNC'), { auth: alice })).status).toBe(403);
    expect((await call(s, path('SYNC'), { auth: SYNC })).status).toBe(403);
  });

  it('validates its parameters (400) and the project (404)', async () => {
    sim.allowInvalidRequests();
    const s = await sim.start(baseWorld());
    expect(
      (
        await call(
          s,
          `/rest/api/3/user/permission/search?accountId=${ACCOUNT.sync}&projectKey=SYNC`,
          { auth: ADMIN },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await call(
          s,
          `/rest/api/3/user/permission/search?accountId=${ACCOUNT.sync}&permissions=BROWSE_PROJECTS`,
          { auth: ADMIN },
        )
      ).status,
    ).toBe(400);
    expect((await call(s, path('SYNC', 'NOT_A_PERMISSION'), { auth: ADMIN })).status).toBe(400);
    expect((await call(s, path('NOPE'), { auth: ADMIN })).status).toBe(404);
  });

  it('finds users by query among those holding the permissions', async () => {
    const s = await sim.start(baseWorld());
    const r = await call(
      s,
      '/rest/api/3/user/permission/search?query=a&projectKey=SYNC&permissions=CREATE_ISSUES',
      { auth: ADMIN },
    );
    expect((r.json as UserOut[]).map((u) => u.accountId).sort()).toEqual(
      [ACCOUNT.admin, ACCOUNT.alice].sort(),
    );
  });
});
