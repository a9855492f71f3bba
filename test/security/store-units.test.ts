/**
 * Issue 25, item 2: the store's read and write units per operation (docs/SECURITY.md "Store
 * quota"), measured in the local Forge runtime, which counts them as Forge does: each request its
 * size in 10 KB units, rounded up. The bounds here are the ones the document states.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from '../forge/harness';
import { CREDENTIALS, healthy } from '../../simulator/worlds/scenarios';

const WRONG = 'ATATT3xWRONG0token0for0the0units0test0000';

describe('store units per operation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(healthy().world);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  async function measure(run: () => Promise<unknown>): Promise<{ read: number; write: number }> {
    const before = h.runtime.kvsUnits();
    await run();
    const after = h.runtime.kvsUnits();
    return { read: after.read - before.read, write: after.write - before.write };
  }
  const check = (token?: string) =>
    call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      payload: {
        user: { accountId: ACCOUNT.sync },
        projects: ['SYNC', 'OPS', 'HR'],
        ...(token ? { token: { email: CREDENTIALS.sync.email, token } } : {}),
      },
    });

  test('a check, with and without a token, a refused token, and reading the history', async () => {
    const units = {
      check: await measure(() => check()),
      withToken: await measure(() => check(CREDENTIALS.sync.token)),
      refused: await measure(() => check(WRONG)),
      coolingOff: await measure(() => check(WRONG)),
      history: await measure(() =>
        call(h.runtime, { functionKey: 'getHistory', accountId: ACCOUNT.admin, payload: {} }),
      ),
    };
    console.log(`store units: ${JSON.stringify(units)}`);
    // docs/SECURITY.md "Store quota": what one operation of this size costs at most.
    expect(units.check.read).toBeLessThanOrEqual(4);
    expect(units.check.write).toBeLessThanOrEqual(6);
    expect(units.withToken.read - units.check.read).toBeLessThanOrEqual(8);
    expect(units.withToken.write - units.check.write).toBeLessThanOrEqual(3);
    expect(units.refused.write).toBeLessThanOrEqual(units.check.write + 6);
    expect(units.history.read).toBeLessThanOrEqual(20);
  });
});
