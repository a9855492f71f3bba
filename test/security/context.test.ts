/**
 * Issue 25, item 6: the context's project key and ID must agree. A project page is authorised by
 * its key, and its history is kept by ID: a context naming SYNC's key (whose administrator the
 * caller is) with OPS's ID must not read or clear OPS's history.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, makeProjectAdmin, startHarness, type Harness } from '../forge/harness';
import { healthy, PROJECT_ID } from '../../simulator/worlds/scenarios';

describe('a project page whose key and ID disagree is refused', () => {
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC'); // alice administers SYNC, not OPS
    h = await startHarness(world);
  });
  afterAll(() => h.close());

  test("an administrator of SYNC cannot read or clear OPS's history by giving OPS's ID", async () => {
    // A Jira administrator's run on the OPS project page.
    const run = await call(h.runtime, {
      functionKey: 'runCheck',
      accountId: ACCOUNT.admin,
      projectKey: 'OPS',
      projectId: PROJECT_ID.OPS,
      payload: { user: { accountId: ACCOUNT.sync }, projects: ['OPS'] },
    });
    expect(run.ok).toBe(true);

    const forged = { accountId: ACCOUNT.alice, projectKey: 'SYNC', projectId: PROJECT_ID.OPS };
    const read = await call(h.runtime, { functionKey: 'getHistory', payload: {}, ...forged });
    expect(read.ok).toBe(false);
    expect(read.error?.code).toBe('FORBIDDEN');
    expect(read.runs).toBeUndefined();

    const clear = await call(h.runtime, { functionKey: 'clearHistory', payload: {}, ...forged });
    expect(clear.ok).toBe(false);
    const left = await call(h.runtime, {
      functionKey: 'getHistory',
      accountId: ACCOUNT.admin,
      projectKey: 'OPS',
      projectId: PROJECT_ID.OPS,
      payload: {},
    });
    expect(left.runs).toHaveLength(1);

    // The honest page (key and ID of SYNC) works.
    const honest = await call(h.runtime, {
      functionKey: 'getHistory',
      accountId: ACCOUNT.alice,
      projectKey: 'SYNC',
      projectId: PROJECT_ID.SYNC,
      payload: {},
    });
    expect(honest.ok).toBe(true);
  });
});
