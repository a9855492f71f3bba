import { healthy } from '../../simulator/worlds/scenarios';
import {
  ACCOUNT,
  call,
  makeProjectAdmin,
  resolverCalls,
  startHarness,
  type Harness,
} from './harness';

/**
 * Every resolver key authorises its caller before anything else: a refused call gets FORBIDDEN
 * and makes no Jira call but, at most, the one authorisation question (`mypermissions`).
 */
const RUN_ID = '00000000-0000-4000-8000-000000000000';
const KEYS: Array<[string, unknown]> = [
  ['runCheck', { user: { accountId: ACCOUNT.sync }, projects: ['OPS'] }],
  ['getHistory', {}],
  ['clearHistory', {}],
  ['getCapabilities', {}],
  ['importReport', { user: { accountId: ACCOUNT.sync }, projects: ['OPS'], report: {} }],
  ['startRun', { user: { accountId: ACCOUNT.sync }, selection: { kind: 'keys', text: 'OPS' } }],
  ['cancelRun', { run: { id: RUN_ID } }],
  [
    'saveProfile',
    { name: 'Sync', user: { accountId: ACCOUNT.sync }, selection: { kind: 'keys', text: 'OPS' } },
  ],
  ['listProfiles', {}],
  ['removeProfile', { id: RUN_ID }],
  ['getProfileRuns', { id: RUN_ID }],
  ['runProfileNow', { id: RUN_ID }],
  ['getProjectWatch', {}],
];
/**
 * Runs of many projects (#14) start from the admin page only; the permission watch's profiles
 * (#27) are kept from there only.
 */
const ADMIN_PAGE_ONLY = [
  'startRun',
  'cancelRun',
  'saveProfile',
  'listProfiles',
  'removeProfile',
  'getProfileRuns',
  'runProfileNow',
];

describe('authorisation of every resolver key', () => {
  let h: Harness;
  beforeAll(async () => {
    const world = healthy().world;
    makeProjectAdmin(world, 'SYNC'); // Alice administers SYNC only.
    h = await startHarness(world);
  });
  afterAll(() => h.close());
  beforeEach(() => h.runtime.clearCalls());

  const refusals: Array<[string, { accountId: string; projectKey?: string }]> = [
    ['a non-admin on the admin page', { accountId: ACCOUNT.agent }],
    ['a project admin (not a Jira admin) on the admin page', { accountId: ACCOUNT.alice }],
    [
      'a project admin of another project on a project page',
      { accountId: ACCOUNT.alice, projectKey: 'OPS' },
    ],
    ['a non-admin on a project page', { accountId: ACCOUNT.agent, projectKey: 'SYNC' }],
  ];

  describe.each(refusals)('%s', (_who, caller) => {
    it.each(KEYS)('%s is refused with no other Jira call', async (functionKey, payload) => {
      const res = await call(h.runtime, { functionKey, payload, ...caller });
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(res.error?.message).toMatch(/administrator/i);
      // At most the authorisation question; a payload naming another project is refused before it.
      const calls = resolverCalls(h.runtime);
      expect(calls.length).toBeLessThanOrEqual(1);
      for (const c of calls) expect(c).toMatch(/^GET \/rest\/api\/3\/mypermissions\?/);
      expect(h.runtime.egressCalls()).toEqual([]);
    });
  });

  it.each(ADMIN_PAGE_ONLY)(
    '%s is refused on a project page, even to its project admin, with no Jira call',
    async (functionKey) => {
      const payload = KEYS.find(([k]) => k === functionKey)?.[1];
      const res = await call(h.runtime, {
        functionKey,
        payload,
        accountId: ACCOUNT.alice,
        projectKey: 'SYNC',
      });
      expect(res.error?.code).toBe('FORBIDDEN');
      expect(res.error?.message).toMatch(/from the Credential Doctor administration page/);
      expect(resolverCalls(h.runtime)).toEqual([]);
    },
  );

  it.each(KEYS.filter(([key]) => !ADMIN_PAGE_ONLY.includes(key)))(
    '%s is allowed for the project admin on their own project page',
    async (functionKey) => {
      const check = { user: { accountId: ACCOUNT.sync }, projects: ['SYNC'] };
      const payload =
        functionKey === 'runCheck'
          ? check
          : functionKey === 'importReport'
            ? { ...check, report: { schemaVersion: 1 } }
            : {};
      const res = await call(h.runtime, {
        functionKey,
        payload,
        accountId: ACCOUNT.alice,
        projectKey: 'SYNC',
      });
      if (functionKey === 'importReport') {
        // Past authorisation, the (incomplete) report itself is what gets refused.
        expect(res.error?.code).toBe('INVALID_INPUT');
        expect(res.error?.message).toMatch(
          /^The report was not imported: it is not a Credential Doctor report/,
        );
        return;
      }
      expect(res.error).toBeUndefined();
      expect(res.ok).toBe(true);
    },
  );
});
