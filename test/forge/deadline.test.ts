import { ACCOUNT, call, startHarness, type Harness } from './harness';
import { healthy } from '../../simulator/worlds/scenarios';
import type { Report } from '../../src/engine/model/report';
import type { HistoryEntry } from '../../src/contract/history';
import { INVOCATION_BUDGET_MS, SAVE_RESERVE_MS } from '../../src/resolvers/deadline';

/**
 * One deadline per invocation. Scaled down: the deadline is 7 s and the platform (local-forge)
 * stops the invocation at 8 s, as Forge stops a resolver at 25 s against our 22 s.
 */
const BUDGET_MS = 7_000;
const PLATFORM_LIMIT_MS = 8_000;

describe('one deadline per invocation', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(healthy().world, {
      budgetMs: BUDGET_MS,
      timeoutMs: PLATFORM_LIMIT_MS,
    });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });
  afterEach(() => h.sim.faults.clear());

  const run = () =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] },
    });
  /** Read with Jira healthy again. */
  const newestRun = async () => {
    h.sim.faults.clear();
    return (
      (await call(h.runtime, { functionKey: 'getHistory', accountId: ACCOUNT.admin, payload: {} }))
        .runs as HistoryEntry[]
    )[0];
  };

  test('production leaves the platform room: 22 s of 25 s, the history saved inside it', () => {
    expect(INVOCATION_BUDGET_MS).toBeLessThan(25_000);
    expect(SAVE_RESERVE_MS).toBeGreaterThan(0);
    expect(SAVE_RESERVE_MS).toBeLessThan(INVOCATION_BUDGET_MS);
  });

  test('a Jira that hangs after authorisation: the report and its history entry are saved', async () => {
    // The first request (authorisation, mypermissions) is answered; everything after hangs.
    h.sim.faults.add({ route: '*', kind: 'hang', afterMatches: 1 });
    const answer = await run();
    expect(answer.ok).toBe(true);
    const report = answer.report as Report;
    expect(report.verdict).toBe('inconclusive');
    const saved = await newestRun();
    expect(saved?.verdict).toBe('inconclusive');
    expect(saved?.report.startedAt).toBe(report.startedAt);
  });

  test('a Jira that keeps answering 429: the report and its history entry are saved', async () => {
    h.sim.faults.add({ route: '*', status: 429, retryAfter: 30, afterMatches: 1 });
    const answer = await run();
    expect(answer.ok).toBe(true);
    const report = answer.report as Report;
    expect(report.verdict).toBe('inconclusive');
    expect(report.findings.map((f) => f.code)).toContain('RATE_LIMITED');
    expect((await newestRun())?.report.startedAt).toBe(report.startedAt);
  });

  test('authorisation that hangs ends in a clear refusal before the platform stops it', async () => {
    h.sim.faults.add({ route: 'GET /rest/api/3/mypermissions', kind: 'hang', times: 1 });
    const answer = await run();
    expect(answer.ok).toBe(false);
    expect(answer.error).toEqual({
      code: 'INTERNAL',
      message:
        'Could not verify your Jira permissions: Jira did not answer in time. Try again in a moment.',
    });
  });

  test('authorisation rate-limited beyond the deadline is refused in time, not retried past it', async () => {
    h.sim.faults.add({ route: 'GET /rest/api/3/mypermissions', status: 429, retryAfter: 60 });
    const answer = await run();
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('INTERNAL');
    expect(answer.error?.message).toContain('HTTP 429');
  });
});
