import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from './harness';
import { token, userByEmail } from '../../simulator/builders';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import type { HistoryEntry } from '../../src/history/types';
import type { Report } from '../../src/engine/report';

/** The sync user's real token in this world, and a wrong one: neither may be kept anywhere. */
const CANARY = 'ATATT3xCANARY0live0token0do0not0store0b71e';
const WRONG_CANARY = 'ATATT3xCANARY0wrong0token0do0not0store0c42f';
const BASIC = (secret: string) =>
  Buffer.from(`${CREDENTIALS.sync.email}:${secret}`).toString('base64');

describe('run history', () => {
  let h: Harness;
  const logged: string[] = [];

  beforeAll(async () => {
    const world = healthy().world;
    userByEmail(world, CREDENTIALS.sync.email).tokens = [token(CANARY, { id: 'sync-token' })];
    makeProjectAdmin(world, 'SYNC');
    makeProjectAdmin(world, 'OPS');
    h = await startHarness(world);
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

  const adminRun = (payload: Record<string, unknown>) =>
    call(h.runtime, { functionKey: 'runCheck', accountId: ACCOUNT.admin, payload });
  const history = (accountId: string, projectKey?: string) =>
    call(h.runtime, {
      functionKey: 'getHistory',
      accountId,
      payload: {},
      ...(projectKey ? { projectKey } : {}),
    });

  test('runs are kept newest first, per surface, without secrets', async () => {
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
    const third = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
    });
    expect([first.ok, second.ok, third.ok]).toEqual([true, true, true]);
    expect((first.report as Report).verdict).toBe('ready');
    expect((second.report as Report).verdict).toBe('fix-credentials');

    const admin = await history(ACCOUNT.admin);
    expect(admin.ok).toBe(true);
    const runs = admin.runs as HistoryEntry[];
    expect(runs.map((r) => [r.surface, r.projectKey, r.ranBy])).toEqual([
      ['project', 'SYNC', ACCOUNT.alice],
      ['admin', null, ACCOUNT.admin],
      ['admin', null, ACCOUNT.admin],
    ]);
    const [, wrong, good] = runs as [HistoryEntry, HistoryEntry, HistoryEntry];
    expect(good.inputs).toEqual({
      userAccountId: ACCOUNT.sync,
      projects: ['SYNC', 'OPS'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
      tokenChecked: true,
      tokenEmail: CREDENTIALS.sync.email,
    });
    expect(good.verdict).toBe('ready');
    expect(good.report).toEqual(first.report);
    expect(wrong.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CREDENTIALS_REJECTED', severity: 'error' }),
      ]),
    );
    expect(Date.parse(runs[0]!.ranAt)).toBeGreaterThanOrEqual(Date.parse(runs[2]!.ranAt));
    expect(new Set(runs.map((r) => r.id)).size).toBe(3);

    // Project pages see only their own project's runs.
    const sync = await history(ACCOUNT.alice, 'SYNC');
    expect((sync.runs as HistoryEntry[]).map((r) => r.projectKey)).toEqual(['SYNC']);
    const ops = await history(ACCOUNT.alice, 'OPS');
    expect(ops.runs).toEqual([]);
    const limited = await call(h.runtime, {
      functionKey: 'getHistory',
      accountId: ACCOUNT.admin,
      payload: { limit: 1 },
    });
    expect((limited.runs as HistoryEntry[]).map((r) => r.surface)).toEqual(['project']);
  });

  test('the token never reaches storage, answers, errors or logs', async () => {
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
    // The store holds run records and chunks only.
    expect(Object.keys(h.runtime.kvsSnapshot()).every((k) => /^(run|chunk):/.test(k))).toBe(true);
  });

  test('a project page clears only its own runs; the admin page clears all', async () => {
    const cleared = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      payload: {},
    });
    expect(cleared).toEqual({ ok: true, cleared: 1 });
    expect((await history(ACCOUNT.alice, 'SYNC')).runs).toEqual([]);
    expect((await history(ACCOUNT.admin)).runs).toHaveLength(2);

    const all = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.admin,
      payload: {},
    });
    expect(all).toEqual({ ok: true, cleared: 2 });
    expect((await history(ACCOUNT.admin)).runs).toEqual([]);
    expect(h.runtime.kvsSnapshot()).toEqual({});
  });

  test('only the newest 50 runs are kept', async () => {
    for (let i = 0; i < 53; i++) {
      const res = await adminRun({ user: { accountId: ACCOUNT.sync }, projects: [`P${i}`] });
      expect(res.ok).toBe(true);
    }
    const runs = (await history(ACCOUNT.admin)).runs as HistoryEntry[];
    expect(runs).toHaveLength(50);
    expect(runs[0]?.inputs.projects).toEqual(['P52']);
    expect(runs[49]?.inputs.projects).toEqual(['P3']);
    const keys = Object.keys(h.runtime.kvsSnapshot());
    expect(keys.filter((k) => k.startsWith('run:'))).toHaveLength(50);
    expect(keys.filter((k) => k.startsWith('chunk:'))).toHaveLength(50);
  }, 60_000);
});
