import {
  ACCOUNT,
  call,
  makeProjectAdmin,
  resolverCalls,
  startHarness,
  type Harness,
} from './harness';
import type { World } from '../../simulator';
import { projectByKey, token, userByEmail } from '../../simulator/builders';
import { CREDENTIALS, GROUP, healthy, PROJECT_ID } from '../../simulator/worlds/scenarios';
import type { HistoryEntry, PersonName } from '../../src/contract/history';
import type { Report } from '../../src/engine/model/report';
import { RETENTION_DAYS } from '../../src/history/store';

/** The sync user's real token in this world, and a wrong one: neither may be kept anywhere. */
const CANARY = 'ATATT3xCANARY0live0token0do0not0store0b71e';
const WRONG_CANARY = 'ATATT3xCANARY0wrong0token0do0not0store0c42f';
const BASIC = (secret: string) =>
  Buffer.from(`${CREDENTIALS.sync.email}:${secret}`).toString('base64');
/** Personal data of the world's people: none of it may be stored. */
const PERSONAL = [
  CREDENTIALS.sync.email,
  CREDENTIALS.admin.email,
  CREDENTIALS.alice.email,
  'Sync Bot',
  'Ada Admin',
  'Alice Developer',
];
const DAY = 86_400_000;

interface HistoryAnswer {
  ok: boolean;
  runs: HistoryEntry[];
  people: Record<string, PersonName>;
}

describe('run history', () => {
  let h: Harness;
  let world: World;
  let clock = Date.now();
  const logged: string[] = [];

  beforeAll(async () => {
    world = healthy().world;
    userByEmail(world, CREDENTIALS.sync.email).tokens = [token(CANARY, { id: 'sync-token' })];
    // Browse users and groups restricted to Jira administrators (the review's set-up).
    world.globalPermissions.USER_PICKER = [GROUP.admins];
    makeProjectAdmin(world, 'SYNC');
    makeProjectAdmin(world, 'OPS');
    h = await startHarness(world, { now: () => clock });
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });
  afterEach(async () => {
    await call(h.runtime, { functionKey: 'clearHistory', accountId: ACCOUNT.admin, payload: {} });
  });

  const adminRun = (payload: Record<string, unknown>, projectKey?: string) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload,
      ...(projectKey ? { projectKey, projectId: PROJECT_ID[projectKey as 'SYNC'] } : {}),
    });
  const aliceRun = (projectKey: string) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey,
      projectId: PROJECT_ID[projectKey as 'SYNC'],
      payload: { user: { accountId: ACCOUNT.sync }, projects: [projectKey] },
    });
  const history = async (accountId: string, projectKey?: string, projectId?: string) =>
    (await call(h.runtime, {
      functionKey: 'getHistory',
      accountId,
      payload: {},
      ...(projectKey
        ? { projectKey, projectId: projectId ?? PROJECT_ID[projectKey as 'SYNC'] }
        : {}),
    })) as unknown as HistoryAnswer;

  test('runs are kept newest first, by account ID only; names are resolved for the reader', async () => {
    const first = await adminRun({
      user: { accountId: ACCOUNT.sync },
      projects: ['SYNC', 'OPS'],
      token: { email: CREDENTIALS.sync.email, token: CANARY },
    });
    const second = await adminRun({
      user: { accountId: ACCOUNT.sync },
      projects: ['HR'],
      permissions: ['BROWSE_PROJECTS'],
      token: { email: CREDENTIALS.sync.email, token: WRONG_CANARY },
    });
    const third = await aliceRun('SYNC');
    expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
    const firstReport = first.report as Report;
    expect(firstReport.verdict).toBe('ready');
    // The live answer still names the people: only storage is reduced.
    expect(firstReport.subject?.displayName).toBe('Sync Bot');
    expect((second.report as Report).verdict).toBe('fix-credentials');

    const admin = await history(ACCOUNT.admin);
    expect(admin.ok).toBe(true);
    expect(admin.runs.map((r) => [r.surface, r.projectKey, r.projectId, r.ranBy])).toEqual([
      ['project', 'SYNC', PROJECT_ID.SYNC, ACCOUNT.alice],
      ['admin', null, null, ACCOUNT.admin],
      ['admin', null, null, ACCOUNT.admin],
    ]);
    const [, wrong, good] = admin.runs as [HistoryEntry, HistoryEntry, HistoryEntry];
    expect(good.inputs).toEqual({
      userAccountId: ACCOUNT.sync,
      projects: ['SYNC', 'OPS'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      tokenChecked: true,
    });
    expect(good.authority).toBe('jira-admin');
    expect(good.verdict).toBe('ready');
    expect(good.report.subject).toMatchObject({
      accountId: ACCOUNT.sync,
      displayName: null,
      email: null,
    });
    expect(good.report.tokenIdentity).toMatchObject({
      accountId: ACCOUNT.sync,
      displayName: null,
      email: null,
    });
    // The facts are kept: same verdict, findings and permissions as the live report.
    expect(good.report.projects.map((p) => [p.key, p.permissions])).toEqual(
      firstReport.projects.map((p) => [p.key, p.permissions]),
    );
    expect(wrong.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CREDENTIALS_REJECTED', severity: 'error' }),
      ]),
    );
    // Where the live message named the email, the stored one names the account ID instead.
    const rejected = wrong.findings.find((f) => f.code === 'CREDENTIALS_REJECTED')?.message;
    expect(rejected).toContain(`for ${ACCOUNT.sync} with 401`);
    expect(new Set(admin.runs.map((r) => r.id)).size).toBe(3);

    // A Jira administrator may browse users: the names come back, looked up now.
    expect(admin.people[ACCOUNT.sync]).toEqual({ displayName: 'Sync Bot' });
    expect(admin.people[ACCOUNT.alice]).toEqual({ displayName: 'Alice Developer' });

    const stored = JSON.stringify(h.runtime.kvsSnapshot());
    for (const personal of PERSONAL) expect(stored).not.toContain(personal);
  });

  test('a project administrator sees their project by ID, reduced to what Jira shows them', async () => {
    expect(
      (await adminRun({ user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] }, 'SYNC')).ok,
    ).toBe(true);
    expect((await aliceRun('SYNC')).ok).toBe(true);
    expect((await aliceRun('OPS')).ok).toBe(true);

    // The Jira administrator on the SYNC page: both SYNC runs, in full.
    const full = await history(ACCOUNT.admin, 'SYNC');
    expect(full.runs.map((r) => r.ranBy)).toEqual([ACCOUNT.alice, ACCOUNT.admin]);
    const adminsRun = full.runs[1]!;
    expect(adminsRun.reduced).toBeUndefined();
    expect(adminsRun.report.subject?.groups).toEqual([GROUP.software]);

    // Alice, project admin of SYNC without Browse users and groups: calling Jira herself she gets
    // 403 for the sync user, so the stored run shows her no groups, products or explanations.
    const direct = await h.runtime.requestJiraAsUser(
      ACCOUNT.alice,
      `/rest/api/3/user?accountId=${ACCOUNT.sync}&expand=groups`,
    );
    expect(direct.status).toBe(403);
    const reduced = await history(ACCOUNT.alice, 'SYNC');
    expect(reduced.runs.map((r) => r.ranBy)).toEqual([ACCOUNT.alice, ACCOUNT.admin]);
    const seen = reduced.runs[1]!;
    expect(seen.reduced).toBe(true);
    expect(seen.report.subject?.groups).toBeNull();
    expect(seen.report.subject?.products).toBeNull();
    expect(seen.report.projects.every((p) => p.explanation === undefined)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(GROUP.software);
    expect(reduced.runs[0]!.reduced).toBeUndefined();
    // Names too: Jira does not show Alice the sync user, so neither do we.
    expect(reduced.people[ACCOUNT.sync]).toEqual({ displayName: null });
    expect(JSON.stringify(reduced)).not.toContain('Sync Bot');

    // Keyed by project ID: a new project that reuses the key SYNC sees none of these runs.
    const sync = projectByKey(world, 'SYNC');
    const oldId = sync.id;
    sync.id = '10999';
    try {
      expect((await history(ACCOUNT.admin, 'SYNC', '10999')).runs).toEqual([]);
    } finally {
      sync.id = oldId;
    }
    // OPS shows only OPS.
    expect((await history(ACCOUNT.alice, 'OPS')).runs.map((r) => r.projectKey)).toEqual(['OPS']);
  });

  test('without a project ID in the context the app asks Jira for it', async () => {
    expect((await aliceRun('SYNC')).ok).toBe(true);
    h.runtime.clearCalls();
    const answer = (await call(h.runtime, {
      functionKey: 'getHistory',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: {},
    })) as unknown as HistoryAnswer;
    expect(answer.runs).toHaveLength(1);
    expect(resolverCalls(h.runtime)).toContain('GET /rest/api/3/project/SYNC');
  });

  test('erasure follows authority', async () => {
    await adminRun({ user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] }, 'SYNC');
    await aliceRun('SYNC');
    await aliceRun('SYNC');
    await adminRun({ user: { accountId: ACCOUNT.sync }, projects: ['HR'] });

    // A project administrator clears only their own runs on their page.
    const mine = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      projectId: PROJECT_ID.SYNC,
      payload: {},
    });
    expect(mine).toEqual({ ok: true, cleared: 2 });
    expect((await history(ACCOUNT.admin, 'SYNC')).runs.map((r) => r.ranBy)).toEqual([
      ACCOUNT.admin,
    ]);

    // A Jira administrator on a project page clears that project's runs, not the others.
    await aliceRun('SYNC');
    const project = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.admin,
      projectKey: 'SYNC',
      projectId: PROJECT_ID.SYNC,
      payload: {},
    });
    expect(project).toEqual({ ok: true, cleared: 2 });
    expect((await history(ACCOUNT.admin)).runs.map((r) => r.surface)).toEqual(['admin']);

    // The admin page clears everything, and nothing is left behind.
    const all = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.admin,
      payload: {},
    });
    expect(all).toEqual({ ok: true, cleared: 1 });
    expect(Object.keys(h.runtime.kvsSnapshot()).filter((k) => /^(run|chunk):/.test(k))).toEqual([]);
  });

  test(`every stored key expires after ${RETENTION_DAYS} days`, async () => {
    const started = clock;
    await adminRun({ user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] });
    const expiries = Object.entries(h.runtime.kvsExpiries()).filter(([k]) =>
      /^(run|chunk):/.test(k),
    );
    expect(expiries.length).toBeGreaterThanOrEqual(2);
    for (const [, at] of expiries) expect(at).toBe(started + RETENTION_DAYS * DAY);

    clock = started + (RETENTION_DAYS - 1) * DAY;
    expect((await history(ACCOUNT.admin)).runs).toHaveLength(1);
    clock = started + (RETENTION_DAYS + 1) * DAY;
    expect((await history(ACCOUNT.admin)).runs).toEqual([]);
    // Only the failed-login guard's key is kept (a random secret of the installation), and the
    // reader's count of History reads this minute (keyed by a digest, expiring in 2 minutes).
    const left = Object.keys(h.runtime.kvsSnapshot());
    expect(left.filter((k) => !/^quota:reads:[0-9a-f]{48}:\d+$/.test(k))).toEqual([
      '[secret] guard-key',
    ]);
    clock = Date.now();
  });

  test('the token never reaches storage, answers, errors or logs', async () => {
    await adminRun({
      user: { accountId: ACCOUNT.sync },
      projects: ['SYNC'],
      token: { email: CREDENTIALS.sync.email, token: CANARY },
    });
    const failing = await adminRun({
      user: { accountId: ACCOUNT.sync },
      projects: ['SYNC', '../x'],
      token: { email: CREDENTIALS.sync.email, token: CANARY },
    });
    expect(failing.error?.code).toBe('INVALID_INPUT');
    const everything = JSON.stringify({
      kvs: h.runtime.kvsSnapshot(),
      admin: await history(ACCOUNT.admin),
      project: await history(ACCOUNT.alice, 'SYNC'),
      failing,
      productCalls: h.runtime.productCalls(),
      egress: h.runtime.egressCalls(),
      logged,
    });
    for (const secret of [CANARY, WRONG_CANARY, BASIC(CANARY), BASIC(WRONG_CANARY), 'CANARY']) {
      expect(everything).not.toContain(secret);
    }
    // The store holds run records, chunks, failed-login guards and the guard's key only.
    expect(
      Object.keys(h.runtime.kvsSnapshot()).every(
        (k) => /^(run|chunk|guard|quota):/.test(k) || k === '[secret] guard-key',
      ),
    ).toBe(true);
  });

  test('each person keeps their newest 50 runs per page: nobody pushes out another', async () => {
    await adminRun({ user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] }, 'SYNC');
    for (let i = 0; i < 52; i++) expect((await aliceRun('SYNC')).ok).toBe(true);
    const runs = (await history(ACCOUNT.admin, 'SYNC')).runs;
    expect(runs.filter((r) => r.ranBy === ACCOUNT.alice)).toHaveLength(50);
    expect(runs.filter((r) => r.ranBy === ACCOUNT.admin)).toHaveLength(1);
    const keys = Object.keys(h.runtime.kvsSnapshot());
    expect(keys.filter((k) => k.startsWith('run:'))).toHaveLength(51);
    expect(keys.filter((k) => k.startsWith('chunk:'))).toHaveLength(51);
  }, 120_000);
});
