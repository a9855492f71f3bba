/**
 * Permission watch (#27) items 2–4, end to end in the local Forge runtime: the daily scheduled
 * trigger pushes one async event per profile; the consumer re-checks each profile as the
 * administrator who saved it (offline impersonation) in batches; each run is compared with the
 * previous one (drift, first seen); the Watch tab's state, the project page banner and the
 * Automation action read the result; a profile whose administrator can no longer be acted as
 * says so.
 */
import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import type { World } from '../../simulator';
import { projectByKey, ROLE, user } from '../../simulator/builders';
import { CREDENTIALS, GROUP, healthy } from '../../simulator/worlds/scenarios';
import { checkSyncProfile } from '../../src/index';
import type {
  CheckSyncProfileResult,
  ProfileWatch,
  ProjectWatchEntry,
  SyncProfile,
  WatchRun,
} from '../../src/contract/watch';

describe('permission watch: the daily re-check', () => {
  let h: Harness;
  let world: World;
  // Each profile runs at its hour of the day (the first one at 00:00 UTC): the app's clock (Date)
  // and the runtime's (the store, the queue) move together; timers stay real.
  let now = Date.parse('2026-12-07T00:10:00Z');
  const DAY = 86_400_000;

  const start = async (options: Parameters<typeof startHarness>[1] = {}) => {
    world = healthy().world;
    makeProjectAdmin(world, 'SYNC');
    // Alice reads the Watch tab as a second Jira administrator (the saving one may lose access).
    world.users.find((u) => u.accountId === ACCOUNT.alice)!.groups.push(GROUP.admins);
    // The app's own user on the site (what `asApp()` acts as). Whether the platform lets it
    // browse users is not documented: here it may (the watch copes when it may not).
    world.users.push(
      user({
        accountId: ACCOUNT.app,
        displayName: 'Credential Doctor',
        accountType: 'app',
        email: 'app@connect.atlassian.invalid',
        groups: ['atlassian-addons-admin'],
      }),
    );
    (world.globalPermissions.USER_PICKER ??= []).push('atlassian-addons-admin');
    h = await startHarness(world, { now: () => now, appAccountId: ACCOUNT.app, ...options });
  };
  beforeEach(() => {
    now = Date.parse('2026-12-07T00:10:00Z');
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
      now,
      advanceTimers: true,
    });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    await h.close();
  });
  const setTime = (at: number) => {
    now = at;
    jest.setSystemTime(at);
  };

  const admin = (functionKey: string, payload: unknown, accountId: string = ACCOUNT.admin) =>
    call(h.runtime, { functionKey, accountId, payload });
  const saveProfile = async (accountId: string = ACCOUNT.admin) => {
    const saved = await admin(
      'saveProfile',
      {
        name: 'Salesforce sync',
        user: { accountId: ACCOUNT.sync },
        selection: { kind: 'keys', text: 'SYNC HR' },
      },
      accountId,
    );
    expect(saved.ok).toBe(true);
    return saved.profile as SyncProfile;
  };
  /** One day: the scheduled trigger, then every event it leads to. */
  const runDay = async () => {
    setTime(now + DAY);
    await h.runtime.runScheduledTrigger('watchDaily');
    const deliveries = await h.runtime.deliverEvents({ ignoreDelays: true });
    expect(deliveries.filter((d) => d.outcome !== 'done')).toEqual([]);
    return deliveries;
  };
  const watchOf = async (id: string): Promise<ProfileWatch> =>
    ((await admin('listProfiles', {}, ACCOUNT.alice)).watch as Record<string, ProfileWatch>)[id]!;
  const runsOf = async (id: string) =>
    (await admin('getProfileRuns', { id }, ACCOUNT.alice)).runs as WatchRun[];
  const removeSyncUserFromDevelopers = () => {
    const developers = projectByKey(world, 'SYNC').roles.find((r) => r.id === ROLE.developers.id)!;
    developers.actors.groups = developers.actors.groups.filter((g) => g !== GROUP.software);
  };

  test('runs every profile as the administrator who saved it, and tracks what changed', async () => {
    await start();
    const profile = await saveProfile();
    expect(await watchOf(profile.id)).toMatchObject({ state: 'waiting', lastRunAt: null });

    // Day 1: one start event per profile, then one per batch.
    setTime(now + DAY);
    await h.runtime.runScheduledTrigger('watchDaily');
    expect(h.runtime.pendingEvents()).toEqual([
      expect.objectContaining({
        queueName: 'watch-runs',
        body: expect.objectContaining({ kind: 'start', profileId: profile.id }),
      }),
    ]);
    h.runtime.clearCalls();
    const day1 = await h.runtime.deliverEvents({ ignoreDelays: true });
    expect(day1.map((d) => [d.body.kind, d.outcome])).toEqual([
      ['start', 'done'],
      ['batch', 'done'],
    ]);
    // Every Jira call was made as the saving administrator, through impersonation.
    const calls = h.runtime.productCalls();
    expect(calls.length).toBeGreaterThan(3);
    expect(calls.every((c) => c.source === 'impersonation' && c.accountId === ACCOUNT.admin)).toBe(
      true,
    );
    expect(h.runtime.impersonations().every((i) => i.allowed)).toBe(true);
    const first = await watchOf(profile.id);
    expect(first).toMatchObject({ state: 'passing', verdict: 'ready', failingProjects: [] });
    expect(first.lastChange).toMatchObject({ verdictFrom: null, verdictTo: 'ready' });
    expect(first.nextRunAt).not.toBeNull();

    // Someone removes the sync user from the Developers role of SYNC.
    removeSyncUserFromDevelopers();
    await runDay();
    const failing = await watchOf(profile.id);
    expect(failing).toMatchObject({ state: 'failing', failingProjects: ['SYNC'] });
    expect(failing.verdict).toMatch(/^fix-/);
    const [second] = await runsOf(profile.id);
    expect(second!.drift).toMatchObject({ verdictFrom: 'ready', verdictTo: failing.verdict });
    expect(second!.drift!.added.length).toBeGreaterThan(0);
    expect(second!.drift!.added.every((f) => f.firstSeenAt === second!.ranAt)).toBe(true);
    expect(failing.failingSince).toBe(second!.ranAt);
    expect(failing.lastChange?.at).toBe(second!.ranAt);

    // Day 3: nothing changed — first seen stays on day 2, the last change too.
    await runDay();
    const [third] = await runsOf(profile.id);
    expect(third!.drift).toMatchObject({ added: [], resolved: [] });
    expect(
      third!.findings
        .filter((f) => f.project === 'SYNC')
        .every((f) => f.firstSeenAt === second!.ranAt),
    ).toBe(true);
    expect((await watchOf(profile.id)).lastChange?.at).toBe(second!.ranAt);

    // The project page banner, for SYNC's project administrator.
    const banner = await call(h.runtime, {
      functionKey: 'getProjectWatch',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: {},
    });
    expect(banner.ok).toBe(true);
    const entries = banner.profiles as ProjectWatchEntry[];
    expect(entries).toEqual([
      expect.objectContaining({ profileId: profile.id, name: 'Salesforce sync' }),
    ]);
    expect(entries[0]!.findings.length).toBeGreaterThan(0);
    expect(
      entries[0]!.findings.every((f) => f.project === 'SYNC' && f.firstSeenAt === second!.ranAt),
    ).toBe(true);
    // HR is fine: no banner there.
    makeProjectAdmin(world, 'HR');
    const hr = await call(h.runtime, {
      functionKey: 'getProjectWatch',
      accountId: ACCOUNT.alice,
      projectKey: 'HR',
      payload: {},
    });
    expect(hr.profiles).toEqual([]);

    // The Automation action answers from the store, by name.
    const action = (await h.runtime.within('', () =>
      checkSyncProfile({ inputs: { profile: 'salesforce SYNC' } }),
    )) as CheckSyncProfileResult;
    expect(action).toMatchObject({
      found: true,
      profileId: profile.id,
      state: 'failing',
      failingProjects: ['SYNC'],
      firstSeenAt: second!.ranAt,
    });

    // Fixed again: the findings are resolved.
    const developers = projectByKey(world, 'SYNC').roles.find((r) => r.id === ROLE.developers.id)!;
    developers.actors.groups.push(GROUP.software);
    await runDay();
    const [fourth] = await runsOf(profile.id);
    expect(fourth!.drift!.resolved.length).toBeGreaterThan(0);
    expect(await watchOf(profile.id)).toMatchObject({ state: 'passing', failingSince: null });

    // Stored without personal data, with a TTL on every key.
    const stored = JSON.stringify(h.runtime.kvsSnapshot());
    for (const personal of [
      CREDENTIALS.sync.email,
      CREDENTIALS.admin.email,
      'Sync Bot',
      'Ada Admin',
    ])
      expect(stored).not.toContain(personal);
    const expiries = h.runtime.kvsExpiries();
    for (const key of Object.keys(expiries).filter((k) => k.startsWith('watch:run:')))
      expect(expiries[key]).not.toBeNull();
  });

  test('each profile runs once a day at its hour, at most three an hour', async () => {
    await start();
    for (let i = 0; i < 5; i++) {
      const saved = await admin('saveProfile', {
        name: `Sync ${i}`,
        user: { accountId: ACCOUNT.sync },
        selection: { kind: 'keys', text: 'HR' },
      });
      expect(saved.ok).toBe(true);
    }
    // The profiles in their order (oldest first; saved in one millisecond, then by ID).
    const ids = ((await admin('listProfiles', {}, ACCOUNT.alice)).profiles as SyncProfile[]).map(
      (p) => p.id,
    );
    const started = () =>
      h.runtime.pendingEvents().map((e) => (e.body as { profileId: string }).profileId);
    // 00:10: profile 0's hour, then new ones — three at most.
    await h.runtime.runScheduledTrigger('watchDaily');
    expect(started()).toEqual([ids[0], ids[1], ids[2]]);
    await h.runtime.deliverEvents({ ignoreDelays: true });
    // 01:10: the two left (never run); 02:10: none (profile 2's hour, but it ran 2 hours ago).
    setTime(now + 3_600_000);
    await h.runtime.runScheduledTrigger('watchDaily');
    expect(started()).toEqual([ids[3], ids[4]]);
    await h.runtime.deliverEvents({ ignoreDelays: true });
    setTime(now + 3_600_000);
    await h.runtime.runScheduledTrigger('watchDaily');
    expect(started()).toEqual([]);
    // Next day at 01:10: profile 1's hour (it ran the day before at 00:10, 25 hours ago).
    setTime(now + DAY - 3_600_000);
    await h.runtime.runScheduledTrigger('watchDaily');
    expect(started()).toEqual([ids[1]]);
    const watch = (await admin('listProfiles', {}, ACCOUNT.alice)).watch as Record<
      string,
      ProfileWatch
    >;
    // Profile 2 (hour 2) is next due at 02:00 UTC.
    expect(new Date(watch[ids[2]!]!.nextRunAt!).getUTCHours()).toBe(2);
  });

  test.each([
    [
      'deactivated',
      (w: World) => {
        w.users.find((u) => u.accountId === ACCOUNT.admin)!.active = false;
      },
    ],
    [
      'not-jira-admin',
      (w: World) => {
        const u = w.users.find((x) => x.accountId === ACCOUNT.admin)!;
        u.groups = u.groups.filter((g) => g !== GROUP.admins);
      },
    ],
  ] as const)(
    'a profile whose administrator is %s asks another administrator to take it over',
    async (reason, change) => {
      await start();
      const profile = await saveProfile();
      change(world);
      h.runtime.clearCalls();
      await runDay();
      expect(await watchOf(profile.id)).toMatchObject({ state: 'needs-admin', needsAdmin: reason });
      const [run] = await runsOf(profile.id);
      expect(run).toMatchObject({ outcome: 'needs-admin', needsAdmin: reason, verdict: null });
      // Nothing was checked as them beyond the one question.
      expect(
        h.runtime.productCalls().filter((c) => c.source === 'impersonation').length,
      ).toBeLessThanOrEqual(1);
    },
  );

  test.each(['proxy-error', 'needs-authentication', 'jira-401'] as const)(
    'an impersonation refused without a reason (%s) says so',
    async (form) => {
      await start({ impersonationRefusal: form });
      const profile = await saveProfile();
      h.runtime.setConsent(ACCOUNT.admin, null);
      await runDay();
      expect(await watchOf(profile.id)).toMatchObject({
        state: 'needs-admin',
        needsAdmin: 'impersonation-refused',
      });
    },
  );

  test('another administrator takes the profile over by saving it', async () => {
    await start();
    const profile = await saveProfile();
    world.users.find((u) => u.accountId === ACCOUNT.admin)!.active = false;
    await runDay();
    expect((await watchOf(profile.id)).state).toBe('needs-admin');
    // Alice becomes a Jira administrator and saves it: it now runs as her.
    world.users.find((u) => u.accountId === ACCOUNT.alice)!.groups.push(GROUP.admins);
    const taken = await admin(
      'saveProfile',
      {
        id: profile.id,
        name: 'Salesforce sync',
        user: { accountId: ACCOUNT.sync },
        selection: { kind: 'keys', text: 'SYNC HR' },
      },
      ACCOUNT.alice,
    );
    expect((taken.profile as SyncProfile).savedBy).toBe(ACCOUNT.alice);
    h.runtime.clearCalls();
    await runDay();
    expect((await watchOf(profile.id)).state).toBe('passing');
    expect(h.runtime.productCalls().every((c) => c.accountId === ACCOUNT.alice)).toBe(true);
  });

  test("the privacy sweep reports the runs' account IDs and erases them with the account", async () => {
    await start();
    const profile = await saveProfile();
    await runDay();
    const other = await admin('saveProfile', {
      name: 'Other',
      user: { accountId: ACCOUNT.alice },
      selection: { kind: 'keys', text: 'HR' },
    });
    const otherId = (other.profile as SyncProfile).id;
    await runDay();
    expect(await runsOf(otherId)).toHaveLength(1);
    const watchKeys = () =>
      Object.keys(h.runtime.kvsSnapshot()).filter((k) => /^watch:(run|state|chunk)/.test(k));

    // The administrator's account is closed: the runs keep their findings without it.
    h.runtime.setAccountStatus(ACCOUNT.admin, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    const reported = h.runtime.privacyReports().flatMap((r) => r.accounts.map((a) => a.accountId));
    expect(reported).toEqual(expect.arrayContaining([ACCOUNT.admin, ACCOUNT.sync, ACCOUNT.alice]));
    const runs = await runsOf(profile.id);
    expect(runs.length).toBe(2);
    expect(runs.every((r) => r.ranAs === null && r.outcome === 'ran')).toBe(true);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(ACCOUNT.admin);

    // The sync user's account is closed: the profile goes, with its runs and state.
    h.runtime.setAccountStatus(ACCOUNT.sync, 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    expect(watchKeys().some((k) => k.includes(profile.id))).toBe(false);
    expect(watchKeys().some((k) => k.includes(otherId))).toBe(true);
  });

  test('run now does not start a run going on twice, but restarts one lost for 30 minutes', async () => {
    await start();
    const profile = await saveProfile();
    expect(await admin('runProfileNow', { id: profile.id })).toMatchObject({ queued: true });
    // Only the start event is delivered: the run is going on (its first batch is queued).
    await h.runtime.deliverEvents({ ignoreDelays: true, max: 1 });
    expect((await watchOf(profile.id)).state).toBe('running');
    expect(await admin('runProfileNow', { id: profile.id })).toMatchObject({ queued: false });
    setTime(now + 31 * 60_000);
    expect(await admin('runProfileNow', { id: profile.id })).toMatchObject({ queued: true });
  });

  test('removing a profile removes its runs; run now queues it as the saving administrator', async () => {
    await start();
    const profile = await saveProfile();
    const queued = await admin('runProfileNow', { id: profile.id });
    expect(queued).toMatchObject({ ok: true, queued: true });
    await h.runtime.deliverEvents({ ignoreDelays: true });
    expect(await runsOf(profile.id)).toHaveLength(1);
    expect(await admin('removeProfile', { id: profile.id })).toMatchObject({ removed: true });
    expect(
      Object.keys(h.runtime.kvsSnapshot()).filter(
        (k) => k.startsWith('watch:run') || k.startsWith('watch:state'),
      ),
    ).toEqual([]);
  });
});
