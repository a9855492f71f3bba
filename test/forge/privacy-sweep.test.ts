import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import { healthy, PROJECT_ID } from '../../simulator/worlds/scenarios';
import type { HistoryEntry } from '../../src/contract/history';

describe('privacy sweep (scheduled trigger)', () => {
  let h: Harness;

  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  const run = (accountId: string, user: string, projectKey?: string) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId,
      payload: { user: { accountId: user }, projects: [projectKey ?? 'HR'] },
      ...(projectKey ? { projectKey, projectId: PROJECT_ID.SYNC } : {}),
    });
  const runs = async () =>
    (await call(h.runtime, { functionKey: 'getHistory', accountId: ACCOUNT.admin, payload: {} }))
      .runs as HistoryEntry[];

  test('reports every stored account ID with when it was last stored, and erases closed accounts', async () => {
    expect((await run(ACCOUNT.admin, ACCOUNT.sync)).ok).toBe(true);
    expect((await run(ACCOUNT.alice, ACCOUNT.sync, 'SYNC')).ok).toBe(true);
    expect((await run(ACCOUNT.admin, ACCOUNT.agent)).ok).toBe(true);
    const before = await runs();
    expect(before).toHaveLength(3);

    expect(await h.runtime.runScheduledTrigger('privacySweep')).toEqual({ statusCode: 200 });
    const [report] = h.runtime.privacyReports();
    const reported = new Map(report!.accounts.map((a) => [a.accountId, a.updatedAt]));
    expect([...reported.keys()].sort()).toEqual(
      [ACCOUNT.admin, ACCOUNT.alice, ACCOUNT.sync, ACCOUNT.agent].sort(),
    );
    // updatedAt: the newest run that stored the account.
    expect(reported.get(ACCOUNT.sync)).toBe(before[1]!.ranAt);
    expect(reported.get(ACCOUNT.agent)).toBe(before[0]!.ranAt);
    // Nothing closed yet: nothing erased.
    expect(await runs()).toHaveLength(3);

    // The sync user's account is closed: every run about it goes, whoever made it.
    h.runtime.setAccountStatus(ACCOUNT.sync, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    const left = await runs();
    expect(left.map((r) => r.inputs.userAccountId)).toEqual([ACCOUNT.agent]);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(ACCOUNT.sync);

    // The runner's account is closed: the run stays, without the runner's account ID.
    h.runtime.setAccountStatus(ACCOUNT.admin, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    const anonymised = await runs();
    expect(anonymised.map((r) => [r.inputs.userAccountId, r.ranBy])).toEqual([
      [ACCOUNT.agent, null],
    ]);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(ACCOUNT.admin);

    // "updated" needs nothing: no name or email is stored to refresh.
    h.runtime.setAccountStatus(ACCOUNT.agent, 'updated');
    await h.runtime.runScheduledTrigger('privacySweep');
    expect(await runs()).toHaveLength(1);
  });

  test('runs stored before retention existed are erased', async () => {
    const legacyId = '11111111-2222-4333-8444-555555555555';
    await h.runtime.kvsSeed(`run:8000000000000:${legacyId}`, {
      id: legacyId,
      ranAt: new Date(0).toISOString(),
      surface: 'admin',
      projectKey: null,
      chunks: 1,
    });
    await h.runtime.kvsSeed(`chunk:${legacyId}:0`, '{"tokenEmail":"sync@acme.example"}');
    expect(Object.keys(h.runtime.kvsSnapshot())).toContain(`chunk:${legacyId}:0`);
    await h.runtime.runScheduledTrigger('privacySweep');
    const keys = Object.keys(h.runtime.kvsSnapshot());
    expect(keys.filter((k) => k.includes(legacyId))).toEqual([]);
  });
});
