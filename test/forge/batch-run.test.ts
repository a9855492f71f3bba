import { ACCOUNT, call, resolverCalls, startHarness, type Envelope, type Harness } from './harness';
import {
  addBranchOffices,
  BRANCH_OFFICES,
  branchOfficeKey,
  CORE_TEAMS,
} from '../../simulator/worlds/branch-offices';
import { demoWorld } from '../../simulator/worlds/demo';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';
import type { Report } from '../../src/engine/model/report';
import type { HistoryEntry } from '../../src/contract/history';
import type { PlannedRun, RunProgress } from '../../src/resolvers/batch-run';
import { MAX_PROJECTS } from '../../src/resolvers/validate';

const user = { accountId: ACCOUNT.sync };
const token = { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token };
const WRONG = { email: CREDENTIALS.sync.email, token: 'ATATT3xWRONG0token0for0the0batch0test00' };

function invoke(
  h: Harness,
  functionKey: string,
  payload: unknown,
  accountId: string = ACCOUNT.admin,
) {
  return call(h.runtime, { functionKey, payload, accountId });
}

async function start(h: Harness, selection: unknown, extra: object = {}): Promise<PlannedRun> {
  const res = await invoke(h, 'startRun', { user, selection, ...extra });
  expect(res.error).toBeUndefined();
  return res.run as PlannedRun;
}

type BatchAnswer = Envelope & { report?: Report; run?: RunProgress };

/** Runs the batches the way the panel does: each answer names the next one. */
async function runAll(h: Harness, run: PlannedRun, payload: object): Promise<BatchAnswer[]> {
  const answers: BatchAnswer[] = [];
  let next: number | null = 0;
  while (next !== null) {
    const res = (await invoke(h, 'runCheck', {
      user,
      ...payload,
      run: { id: run.id, batch: next },
    })) as BatchAnswer;
    expect(res.error).toBeUndefined();
    answers.push(res);
    next = res.run?.next ?? null;
  }
  return answers;
}

async function history(h: Harness): Promise<HistoryEntry[]> {
  const res = await invoke(h, 'getHistory', {});
  return res.runs as HistoryEntry[];
}

describe('runs of many projects from the admin page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(demoWorld());
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });
  beforeEach(async () => {
    h.runtime.clearCalls();
    await invoke(h, 'clearHistory', {});
  });

  test('pasted keys: commas, spaces and line breaks; upper-cased; duplicates once', async () => {
    // Semicolons too (#24): what a spreadsheet's export of a key column gives.
    const run = await start(h, { kind: 'keys', text: 'web, OPS\nsync\t\tweb ,, mobile;SYNC; ' });
    expect(run.projects).toEqual(['WEB', 'OPS', 'SYNC', 'MOBILE']);
    expect([run.batches, run.batchSize]).toEqual([1, MAX_PROJECTS]);
    expect(run.selection).toEqual({ kind: 'keys' });
    // Pasted keys need no Jira call beyond the authorisation.
    expect(resolverCalls(h.runtime).filter((c) => !c.includes('mypermissions'))).toEqual([]);
  });

  test('every pasted entry that is not a key is named on the projects field; a long one is not echoed', async () => {
    const secretLike = 'ATATT3xFfGF0' + 'x'.repeat(60);
    const res = await invoke(h, 'startRun', {
      user,
      selection: { kind: 'keys', text: `WEB, 1AB, A-B\n${secretLike}` },
    });
    expect(res.error?.code).toBe('INVALID_INPUT');
    const field = (res.error as { fields?: { projects?: string } }).fields?.projects ?? '';
    expect(field).toContain('"1AB" (entry 2)');
    expect(field).toContain('"A-B" (entry 3)');
    expect(field).toContain('entry 4 (72 characters)');
    expect(JSON.stringify(res)).not.toContain(secretLike);
    const many = Array.from({ length: 1001 }, (_, i) => `K${i}`).join(' ');
    const tooMany = await invoke(h, 'startRun', { user, selection: { kind: 'keys', text: many } });
    expect(tooMany.error?.message).toMatch(/1001 project keys; one run checks at most 1000/);
  });

  test('a category resolves to its projects as the administrator sees them, 100 a page', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    expect(run.projects).toHaveLength(1000);
    expect(run.projects[0]).toBe(branchOfficeKey(1));
    expect(run.projects[999]).toBe(branchOfficeKey(1000));
    expect(run.batches).toBe(10);
    expect(run.selection).toEqual({
      kind: 'category',
      categoryId: BRANCH_OFFICES.id,
      categoryName: 'Branch offices',
    });
    const calls = resolverCalls(h.runtime).filter((c) => !c.includes('mypermissions'));
    expect(calls[0]).toBe('GET /rest/api/3/projectCategory');
    expect(calls.slice(1)).toHaveLength(10);
    for (const c of calls.slice(1)) expect(c).toMatch(/project\/search\?.*categoryId=10100/);

    const small = await start(h, { kind: 'category', categoryId: CORE_TEAMS.id });
    expect(small.projects).toEqual(['MOBILE', 'OPS', 'SYNC', 'WEB']);
    const gone = await invoke(h, 'startRun', {
      user,
      selection: { kind: 'category', categoryId: '99999' },
    });
    expect(gone.error?.code).toBe('INVALID_INPUT');
    expect(gone.error?.message).toMatch(/category no longer exists/);
  });

  test('every project: refused with a way out when the site has more than a run may check', async () => {
    const res = await invoke(h, 'startRun', { user, selection: { kind: 'every' } });
    expect(res.error?.code).toBe('INVALID_INPUT');
    expect(res.error?.message).toMatch(/more than 1000 projects on this site.*Pick a category/);
  });

  test('1000 projects in 10 batches: each invocation inside the runtime limit, one history entry', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    const answers = await runAll(h, run, { token });
    expect(answers).toHaveLength(10);
    // Each batch checked the plan's projects, in order, and said how far the run is.
    answers.forEach((a, i) => {
      expect(a.report?.projects.map((p) => p.key)).toEqual(
        run.projects.slice(i * 100, i * 100 + 100),
      );
      expect(a.run).toMatchObject({ batch: i, batches: 10, checked: (i + 1) * 100, total: 1000 });
    });
    expect(answers[9]?.run?.next).toBeNull();
    // The branch offices share their schemes (#26): the first batch reads their screens, the
    // later batches judge their projects on that read, kept in the run's state, and read none
    // (a batch still looks for an issue of its own to read an edit screen on: they have none).
    const screenReads = (a: BatchAnswer) =>
      (a.report?.checks ?? [])
        .filter((c) => c.id === 'create-readiness' || c.id === 'edit-screens')
        .flatMap((c) => c.requests)
        .filter((r) => /\/createmeta\/|\/editmeta$/.test(r.path)).length;
    expect(screenReads(answers[0]!)).toBeGreaterThan(0);
    expect(answers.slice(1).map(screenReads)).toEqual(Array(9).fill(0));
    for (const a of answers)
      expect(a.report?.coverage.createFields).toBe(answers[0]?.report?.coverage.createFields);
    // The sync user is a Developer in every branch office but every 250th.
    const missing = answers
      .flatMap((a) => a.report?.findings ?? [])
      .filter((f) => f.code === 'MISSING_PERMISSION');
    expect([...new Set(missing.map((f) => f.project))]).toEqual(
      [250, 500, 750, 1000].map(branchOfficeKey),
    );
    const runs = await history(h);
    expect(runs).toHaveLength(1);
    const entry = runs[0]!;
    expect(entry.inputs.projects).toHaveLength(1000);
    expect(entry.inputs.selection).toMatchObject({
      kind: 'category',
      categoryName: 'Branch offices',
    });
    expect(entry.inputs.tokenChecked).toBe(true);
    expect(entry.verdict).toBe('fix-permissions');
    expect(entry.report.projects).toHaveLength(1000);
    expect(entry.report.findings.map((f) => f.code)).not.toContain('PROJECTS_NOT_CHECKED');
    // Nothing of the token or its email is stored; the run's working state is gone.
    const stored = JSON.stringify(h.runtime.kvsSnapshot());
    expect(stored).not.toContain(token.token);
    expect(stored).not.toContain(token.email);
    expect(
      Object.keys(h.runtime.kvsSnapshot()).filter(
        (k) => k.startsWith('batchpart:') || k.startsWith('batchschemes:'),
      ),
    ).toEqual([]);
    // A finished run takes no more batches.
    const again = await invoke(h, 'runCheck', { user, token, run: { id: run.id, batch: 3 } });
    expect(again.error?.message).toMatch(/finished/);
  });

  test('the history entry is rewritten after each batch and says what is not checked yet', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 0 } });
    await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 1 } });
    const [entry] = await history(h);
    expect(entry?.verdict).toBe('inconclusive');
    const notChecked = entry?.report.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED');
    expect(notChecked?.details).toMatchObject({ notChecked: 800, total: 1000, reason: 'pending' });

    const cancelled = await invoke(h, 'cancelRun', { run: { id: run.id } });
    expect(cancelled).toMatchObject({ ok: true, cancelled: true });
    const runs = await history(h);
    expect(runs).toHaveLength(1);
    expect(
      runs[0]?.report.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED')?.details,
    ).toMatchObject({ reason: 'cancelled' });
    const late = await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 2 } });
    expect(late.error?.message).toMatch(/cancelled/);
  });

  test('cancelled while a batch runs (#24): the cancel answer and the history say the same number of projects checked', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 0 } });
    await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 1 } });
    // Batch 2 is under way (Jira answers slowly) when the admin cancels.
    h.sim.setLatency(150);
    const seen = h.sim.log.length;
    const inFlight = invoke(h, 'runCheck', { user, run: { id: run.id, batch: 2 } });
    try {
      while (h.sim.log.length === seen) await new Promise((r) => setTimeout(r, 20));
      const cancelled = await invoke(h, 'cancelRun', { run: { id: run.id } });
      expect(cancelled).toMatchObject({ ok: true, cancelled: true, checked: 200, total: 1000 });
      // The batch still answers (its checks ran), but the run keeps what the cancel said.
      const late = (await inFlight) as BatchAnswer;
      expect(late.error).toBeUndefined();
    } finally {
      h.sim.setLatency(0);
    }
    const [entry] = await history(h);
    expect(
      entry?.report.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED')?.details,
    ).toMatchObject({ notChecked: 800, total: 1000, reason: 'cancelled' });
  });

  test('a batch that never came back is "failed" in the history once a later one is in', async () => {
    // 249 healthy branch offices (the 250th lacks Create): only the missing batch stops "ready".
    const keys = Array.from({ length: 249 }, (_, i) => branchOfficeKey(i + 1)).join(' ');
    const run = await start(h, { kind: 'keys', text: keys });
    await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 0 } });
    const last = (await invoke(h, 'runCheck', {
      user,
      run: { id: run.id, batch: 2 },
    })) as BatchAnswer;
    expect(last.run).toMatchObject({ checked: 149, total: 249, next: null });
    const [entry] = await history(h);
    expect(entry?.verdict).toBe('inconclusive');
    expect(
      entry?.report.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED')?.details,
    ).toMatchObject({ notChecked: 100, total: 249, reason: 'failed' });
  });

  test('a refused login stops the run: no later batch is sent with the credentials', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    const first = (await invoke(h, 'runCheck', {
      user,
      token: WRONG,
      run: { id: run.id, batch: 0 },
    })) as BatchAnswer;
    expect(first.report?.verdict).toBe('fix-credentials');
    expect(first.run).toMatchObject({ next: null, stopped: 'credentials-refused' });
    const loginsAfterFirst = h.runtime.egressCalls().length;
    const second = await invoke(h, 'runCheck', {
      user,
      token: WRONG,
      run: { id: run.id, batch: 1 },
    });
    expect(second.error?.code).toBe('INVALID_INPUT');
    expect(second.error?.message).toMatch(/refused the credentials/);
    expect(h.runtime.egressCalls()).toHaveLength(loginsAfterFirst);
    const [entry] = await history(h);
    expect(entry?.verdict).toBe('fix-credentials');
    expect(
      entry?.report.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED')?.details,
    ).toMatchObject({ notChecked: 900, reason: 'stopped' });
  });

  test('a batch checks only its run: the plan decides the projects, the first batch runs first', async () => {
    const run = await start(h, {
      kind: 'keys',
      text: Array.from({ length: 150 }, (_, i) => branchOfficeKey(i + 1)).join(','),
    });
    const early = await invoke(h, 'runCheck', { user, run: { id: run.id, batch: 1 } });
    expect(early.error?.message).toMatch(/first batch/);
    const withProjects = await invoke(h, 'runCheck', {
      user,
      projects: ['WEB'],
      run: { id: run.id, batch: 0 },
    });
    expect(withProjects.error?.code).toBe('INVALID_INPUT');
    const otherUser = await invoke(h, 'runCheck', {
      user: { accountId: ACCOUNT.alice },
      run: { id: run.id, batch: 0 },
    });
    expect(otherUser.error?.message).toMatch(/sync user, the permissions or the fields changed/);
    const otherAdmin = await invoke(
      h,
      'runCheck',
      { user, run: { id: run.id, batch: 0 } },
      ACCOUNT.agent,
    );
    expect(otherAdmin.error?.code).toBe('FORBIDDEN');
    const unknown = await invoke(h, 'runCheck', {
      user,
      run: { id: '00000000-0000-4000-8000-000000000000', batch: 0 },
    });
    expect(unknown.error?.message).toMatch(/not known/);
    const project = await call(h.runtime, {
      functionKey: 'startRun',
      payload: { user, selection: { kind: 'keys', text: 'SYNC' } },
      accountId: ACCOUNT.admin,
      projectKey: 'SYNC',
    });
    expect(project.error?.code).toBe('FORBIDDEN');
  });
});

describe('every project, and the 25 s limit with a slow Jira', () => {
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    addBranchOffices(world, 150);
    // Scaled down as in deadline.test.ts: the runtime stops an invocation at 8 s (Forge: 25 s), the
    // app's budget is 7 s (production: 22 s).
    h = await startHarness(world, { timeoutMs: 8_000, budgetMs: 7_000 });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  test('every project the administrator sees, paged', async () => {
    const run = await start(h, { kind: 'every' });
    expect(run.projects).toHaveLength(154);
    expect(run.projects.slice(0, 4)).toEqual(['HELP', 'HR', 'OPS', 'SYNC']);
    expect(run.batches).toBe(2);
  });

  test('a batch Jira is too slow for ends inside the limit, inconclusive naming the step; the run is never ready', async () => {
    const run = await start(h, { kind: 'category', categoryId: BRANCH_OFFICES.id });
    expect(run.batches).toBe(2);
    // Every Jira answer now takes 2.5 s: with the authorisation and at least two dependent rounds
    // of requests, no batch can finish its checks inside the budget.
    h.sim.setLatency(2_500);
    try {
      const answers = await runAll(h, run, { token });
      expect(answers).toHaveLength(2);
      for (const a of answers) {
        expect(a.report?.verdict).toBe('inconclusive');
        const unavailable = a.report?.findings.find((f) => f.code === 'JIRA_UNAVAILABLE');
        expect(unavailable?.message).toMatch(/Jira did not answer (GET|POST) \/rest\/api\/3\//);
      }
    } finally {
      h.sim.setLatency(0);
    }
    const [entry] = (await invoke(h, 'getHistory', {})).runs as HistoryEntry[];
    expect(entry?.verdict).toBe('inconclusive');
  });
});
