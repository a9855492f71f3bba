import {
  ACCOUNT,
  call,
  makeProjectAdmin,
  startHarness,
  type Harness,
  failOnRefusedEndpoints,
} from './harness';
import { healthy } from '../../simulator/worlds/scenarios';
import type { Report } from '../../src/engine/model/report';

describe('local Forge runtime', () => {
  failOnRefusedEndpoints();
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  test('concurrent invocations as different users do not cross-talk', async () => {
    h.sim.setLatency(15);
    try {
      const jobs = Array.from({ length: 4 }, () => [
        call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.admin,
          payload: { user: { accountId: ACCOUNT.sync }, projects: ['OPS', 'HR'] },
        }),
        call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.alice,
          projectKey: 'SYNC',
          payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
        }),
        call(h.runtime, {
          functionKey: 'runCheck',
          accountId: ACCOUNT.agent,
          payload: { user: { accountId: ACCOUNT.sync }, projects: ['OPS'] },
        }),
      ]).flat();
      const results = await Promise.all(jobs);
      results.forEach((res, i) => {
        const kind = i % 3;
        if (kind === 0)
          expect((res.report as Report).projects.map((p) => p.key)).toEqual(['OPS', 'HR']);
        if (kind === 1) expect((res.report as Report).projects.map((p) => p.key)).toEqual(['SYNC']);
        if (kind === 2) expect(res.error?.code).toBe('FORBIDDEN');
      });
      const calls = h.runtime.productCalls();
      // Alice's calls are all about her project; the agent made only the authorisation check.
      const byAlice = calls.filter((c) => c.accountId === ACCOUNT.alice);
      expect(byAlice.every((c) => !/OPS|HR/.test(c.path))).toBe(true);
      expect(calls.filter((c) => c.accountId === ACCOUNT.agent).map((c) => c.path)).toEqual(
        Array(4).fill('/rest/api/3/mypermissions?permissions=ADMINISTER'),
      );
      // The simulator agrees on who made each call. The only calls without credentials are the
      // permission list, read from the site anonymously so it spends none of the app's points.
      const anonymous = h.sim.log.filter((e) => e.authenticatedAs === null);
      expect(new Set(anonymous.map((e) => `${e.method} ${e.path}`))).toEqual(
        new Set(['GET /rest/api/3/permissions']),
      );
      const seen = new Set(
        h.sim.log.flatMap((e) => (e.authenticatedAs ? [e.authenticatedAs] : [])),
      );
      expect(seen).toEqual(new Set([ACCOUNT.admin, ACCOUNT.alice, ACCOUNT.agent]));
    } finally {
      h.sim.setLatency(0);
    }
  });

  test('the browser bridge calls Jira as the chosen user', async () => {
    const me = await h.runtime.requestJiraAsUser(ACCOUNT.alice, '/rest/api/3/myself');
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ accountId: ACCOUNT.alice });
    expect(me.headers['content-type']).toMatch(/json/);
    const search = await h.runtime.requestJiraAsUser(
      ACCOUNT.admin,
      '/rest/api/3/project/search?query=sy&maxResults=50',
    );
    expect(JSON.parse(search.body).values.map((p: { key: string }) => p.key)).toContain('SYNC');
    expect(h.runtime.productCalls().map((c) => [c.accountId, c.source])).toEqual([
      [ACCOUNT.alice, 'bridge'],
      [ACCOUNT.admin, 'bridge'],
    ]);
  });

  test('each runtime is its own installation (separate storage)', async () => {
    const other = await startHarness(healthy().world);
    try {
      await call(h.runtime, {
        functionKey: 'runCheck',
        accountId: ACCOUNT.admin,
        payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
      });
      expect(Object.keys(h.runtime.kvsSnapshot()).length).toBeGreaterThan(0);
      expect(other.runtime.kvsSnapshot()).toEqual({});
    } finally {
      await other.close();
    }
  });
});
