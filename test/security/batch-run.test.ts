/**
 * Issue 25, item 6: a run's later batches accept only the credentials of its first batch (a keyed
 * digest kept in the plan), in order, each once; one active run per administrator (a new run
 * cancels the old one).
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from '../forge/harness';
import { branchOfficeKey } from '../../simulator/worlds/branch-offices';
import { demoWorld } from '../../simulator/worlds/demo';
import { CREDENTIALS } from '../../simulator/worlds/scenarios';
import type { PlannedRun } from '../../src/resolvers/batch-run';

const user = { accountId: ACCOUNT.sync };
const syncToken = { email: CREDENTIALS.sync.email, token: CREDENTIALS.sync.token };
const otherToken = { email: CREDENTIALS.alice.email, token: CREDENTIALS.alice.token };
const KEYS = Array.from({ length: 350 }, (_, i) => branchOfficeKey(i + 1)).join(',');

describe('the batches of a run', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(demoWorld());
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  const invoke = (functionKey: string, payload: unknown) =>
    call(h.runtime, { functionKey, payload, accountId: ACCOUNT.admin });
  const start = async (): Promise<PlannedRun> => {
    const res = await invoke('startRun', { user, selection: { kind: 'keys', text: KEYS } });
    expect(res.error).toBeUndefined();
    return res.run as PlannedRun;
  };
  const batch = (run: PlannedRun, index: number, token?: object) =>
    invoke('runCheck', { user, ...(token ? { token } : {}), run: { id: run.id, batch: index } });

  test('a later batch with other credentials is refused before anything is sent with them', async () => {
    const run = await start();
    expect((await batch(run, 0, syncToken)).ok).toBe(true);
    h.runtime.clearCalls();
    const other = await batch(run, 1, otherToken);
    expect(other.ok).toBe(false);
    expect(other.error?.message).toMatch(/same credentials/);
    expect(h.runtime.egressCalls()).toEqual([]);
    // The run's own credentials still work.
    expect((await batch(run, 1, syncToken)).ok).toBe(true);
  });

  test('batches run in order, each once: a recorded batch is not checked again', async () => {
    const run = await start();
    expect((await batch(run, 0, syncToken)).ok).toBe(true);
    expect((await batch(run, 2, syncToken)).ok).toBe(true);
    const back = await batch(run, 1, syncToken);
    expect(back.ok).toBe(false);
    expect(back.error?.message).toMatch(/in order/);
    const replay = await batch(run, 0, syncToken);
    expect(replay.ok).toBe(false);
  });

  test('one active run per administrator: a new run cancels the old one', async () => {
    const first = await start();
    expect((await batch(first, 0)).ok).toBe(true);
    const second = await start();
    const late = await batch(first, 1);
    expect(late.ok).toBe(false);
    expect(late.error?.message).toMatch(/cancelled/);
    expect((await batch(second, 0)).ok).toBe(true);
    // The first run's history entry says which projects it did not check.
    const history = await invoke('getHistory', {});
    const runs = history.runs as Array<{
      report: { findings: Array<{ code: string; details?: unknown }> };
    }>;
    const cancelled = runs.find((r) =>
      r.report.findings.some(
        (f) =>
          f.code === 'PROJECTS_NOT_CHECKED' &&
          (f.details as { reason?: string } | undefined)?.reason === 'cancelled',
      ),
    );
    expect(cancelled).toBeDefined();
  });
});
