import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import type { World } from '../../simulator';
import { CREDENTIALS, GROUP, healthy, PROJECT_ID } from '../../simulator/worlds/scenarios';
import { MAX_PROFILES, PROFILE_RETENTION_DAYS, type SyncProfile } from '../../src/contract/watch';

/** Permission watch (#27), slice (a): sync profiles saved, listed, edited, removed, swept. */
describe('permission watch: sync profiles', () => {
  let h: Harness;
  let now = Date.parse('2026-12-07T10:00:00Z');
  let world: World;
  /** Alice becomes a Jira administrator (the simulator reads the world on every request). */
  const makeAliceJiraAdmin = () =>
    world.users.find((u) => u.accountId === ACCOUNT.alice)!.groups.push(GROUP.admins);

  beforeEach(async () => {
    world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    h = await startHarness(world, { now: () => now });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  const save = (payload: Record<string, unknown>, accountId: string = ACCOUNT.admin) =>
    call(h.runtime, { functionKey: 'saveProfile', accountId, payload });
  const list = async (accountId: string = ACCOUNT.admin) =>
    call(h.runtime, { functionKey: 'listProfiles', accountId, payload: {} });
  const profilesOf = async () => (await list()).profiles as SyncProfile[];
  const basic = {
    name: 'Salesforce sync',
    user: { accountId: ACCOUNT.sync },
    selection: { kind: 'keys', text: 'sync, hr\nSYNC' },
    preset: 'two-way-sync',
    fields: ['summary', 'customfield_10010'],
    issueTypes: ['Task'],
  };

  test('a Jira administrator saves a profile: account IDs and what was asked, no token or email', async () => {
    const saved = await save(basic);
    expect(saved.ok).toBe(true);
    const profile = saved.profile as SyncProfile;
    expect(profile).toMatchObject({
      name: 'Salesforce sync',
      savedBy: ACCOUNT.admin,
      check: {
        userAccountId: ACCOUNT.sync,
        selection: { kind: 'keys', keys: ['SYNC', 'HR'] },
        preset: 'two-way-sync',
        permissions: [],
        fields: ['summary', 'customfield_10010'],
        issueTypes: ['Task'],
      },
    });
    const listed = await list();
    expect(listed.ok).toBe(true);
    expect(listed.max).toBe(MAX_PROFILES);
    expect(listed.profiles).toEqual([profile]);
    // Names are looked up as the reader, never stored.
    expect((listed.people as Record<string, { displayName: string | null }>)[ACCOUNT.sync]).toEqual(
      { displayName: 'Sync Bot' },
    );
    const stored = JSON.stringify(h.runtime.kvsSnapshot());
    for (const personal of [
      CREDENTIALS.sync.email,
      CREDENTIALS.admin.email,
      'Sync Bot',
      'Ada Admin',
    ])
      expect(stored).not.toContain(personal);
  });

  test('a profile never takes credentials', async () => {
    const refused = await save({
      ...basic,
      token: { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token },
    });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(refused)).not.toContain(CREDENTIALS.sync.token);
    expect(await profilesOf()).toEqual([]);
  });

  test('categories and every project are kept as chosen; bad keys are named', async () => {
    expect(
      (await save({ ...basic, selection: { kind: 'category', categoryId: '10000' } })).ok,
    ).toBe(true);
    expect((await save({ ...basic, name: 'All', selection: { kind: 'every' } })).ok).toBe(true);
    const bad = await save({ ...basic, selection: { kind: 'keys', text: 'SYNC, not-a-key' } });
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toContain('"not-a-key" (entry 2)');
    expect((await profilesOf()).map((p) => p.check.selection)).toEqual([
      { kind: 'category', categoryId: '10000' },
      { kind: 'every' },
    ]);
  });

  test('only Jira administrators, only from the admin page', async () => {
    expect((await save(basic, ACCOUNT.alice)).error?.code).toBe('FORBIDDEN');
    expect((await list(ACCOUNT.alice)).error?.code).toBe('FORBIDDEN');
    const fromProject = await call(h.runtime, {
      functionKey: 'saveProfile',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      projectId: PROJECT_ID.SYNC,
      payload: basic,
    });
    expect(fromProject.error?.code).toBe('FORBIDDEN');
    expect(await profilesOf()).toEqual([]);
  });

  test('editing replaces the profile and the editor takes it over; removing deletes it', async () => {
    const first = (await save(basic)).profile as SyncProfile;
    makeAliceJiraAdmin();
    now += 60_000;
    const edited = await save(
      {
        ...basic,
        id: first.id,
        name: 'Salesforce (HR only)',
        selection: { kind: 'keys', text: 'HR' },
      },
      ACCOUNT.alice,
    );
    expect(edited.ok).toBe(true);
    const [profile] = await profilesOf();
    expect(profile).toMatchObject({
      id: first.id,
      name: 'Salesforce (HR only)',
      savedBy: ACCOUNT.alice,
      createdAt: first.createdAt,
      check: { selection: { kind: 'keys', keys: ['HR'] } },
    });
    expect(profile!.updatedAt > first.updatedAt).toBe(true);

    const unknown = await save({ ...basic, id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.error?.code).toBe('NOT_FOUND');

    const removed = await call(h.runtime, {
      functionKey: 'removeProfile',
      accountId: ACCOUNT.admin,
      payload: { id: first.id },
    });
    expect(removed).toMatchObject({ ok: true, removed: true });
    expect(await profilesOf()).toEqual([]);
    expect(
      await call(h.runtime, {
        functionKey: 'removeProfile',
        accountId: ACCOUNT.admin,
        payload: { id: first.id },
      }),
    ).toMatchObject({ ok: true, removed: false });
  });

  test(`a site keeps at most ${MAX_PROFILES} profiles`, async () => {
    for (let i = 0; i < MAX_PROFILES; i++)
      expect((await save({ ...basic, name: `Profile ${i}` })).ok).toBe(true);
    const over = await save({ ...basic, name: 'One too many' });
    expect(over.ok).toBe(false);
    expect(over.error?.message).toContain(`${MAX_PROFILES} sync profiles`);
    expect(await profilesOf()).toHaveLength(MAX_PROFILES);
  });

  test(`a profile expires ${PROFILE_RETENTION_DAYS} days after it was last saved`, async () => {
    await save(basic);
    now += (PROFILE_RETENTION_DAYS - 1) * 86_400_000;
    expect(await profilesOf()).toHaveLength(1);
    now += 2 * 86_400_000;
    expect(await profilesOf()).toEqual([]);
  });

  test('the privacy sweep reports profile accounts and erases closed ones', async () => {
    const about = (await save(basic)).profile as SyncProfile;
    await save({ ...basic, name: 'Agent', user: { accountId: ACCOUNT.agent } });
    await h.runtime.runScheduledTrigger('privacySweep');
    const reported = h.runtime
      .privacyReports()[0]!
      .accounts.map((a) => a.accountId)
      .sort();
    expect(reported).toEqual([ACCOUNT.admin, ACCOUNT.sync, ACCOUNT.agent].sort());
    expect(
      h.runtime.privacyReports()[0]!.accounts.find((a) => a.accountId === ACCOUNT.sync)?.updatedAt,
    ).toBe(about.updatedAt);

    // The sync user's account is closed: its profile goes.
    h.runtime.setAccountStatus(ACCOUNT.sync, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    expect((await profilesOf()).map((p) => p.check.userAccountId)).toEqual([ACCOUNT.agent]);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(ACCOUNT.sync);

    // The saving administrator's account is closed: the profile stays, owned by nobody.
    h.runtime.setAccountStatus(ACCOUNT.admin, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    makeAliceJiraAdmin();
    const left = (await list(ACCOUNT.alice)).profiles as SyncProfile[];
    expect(left.map((p) => [p.check.userAccountId, p.savedBy])).toEqual([[ACCOUNT.agent, null]]);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(ACCOUNT.admin);
  });
});
