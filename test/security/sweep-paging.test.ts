/**
 * Issue 25, item 5: the privacy sweep and "clear every run" page through every record (they used
 * to stop after 1,000 index records), account IDs are validated before they are stored or
 * reported, and the personal data reporting API is called batch by batch, carrying on past a
 * batch it refused.
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from '../forge/harness';
import { healthy } from '../../simulator/worlds/scenarios';
import { accountIdsOf } from '../../src/history/privacy';
import type { HistoryEntry } from '../../src/contract/history';
import { report } from '../cli/report-fixture';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const account = (i: number) => `712020:acct-${String(i).padStart(5, '0')}`;

/** An index record as saveRun writes it (its entry's chunk is absent: erasing it needs none). */
async function seedRuns(h: Harness, count: number, accountsOf: (i: number) => string[]) {
  for (let i = 0; i < count; i++) {
    await h.runtime.kvsSeed(`run:admin:${String(1_000_000_000_000 + i)}:${uuid(i)}`, {
      v: 2,
      id: uuid(i),
      ranAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
      surface: 'admin',
      projectId: null,
      ranBy: ACCOUNT.admin,
      authority: 'jira-admin',
      chunks: 1,
      accounts: accountsOf(i),
    });
  }
}

const runKeys = (h: Harness) =>
  Object.keys(h.runtime.kvsSnapshot()).filter((k) => k.startsWith('run:'));

describe('the privacy sweep and "clear" reach every record', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(healthy().world);
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  test('a closed account named only in the 1,050th index record is found and its run erased', async () => {
    await seedRuns(h, 1050, (i) => [account(i)]);
    h.runtime.setAccountStatus(account(1049), 'closed');
    await h.runtime.runScheduledTrigger('privacySweep');
    const reported = h.runtime.privacyReports().flatMap((r) => r.accounts.map((a) => a.accountId));
    expect(new Set(reported).size).toBe(1050);
    expect(h.runtime.privacyReports().every((r) => r.accounts.length <= 90)).toBe(true);
    const left = runKeys(h);
    expect(left).toHaveLength(1049);
    expect(left.some((k) => k.endsWith(uuid(1049)))).toBe(false);
    expect(JSON.stringify(h.runtime.kvsSnapshot())).not.toContain(account(1049));
  });

  test('"clear every run" on the admin page deletes all 1,050 runs', async () => {
    await seedRuns(h, 1050, (i) => [account(i)]);
    const cleared = await call(h.runtime, {
      functionKey: 'clearHistory',
      accountId: ACCOUNT.admin,
      payload: {},
    });
    expect(cleared.ok).toBe(true);
    // Either everything in one go, or the answer says more are left (the panel asks again).
    let total = cleared.cleared as number;
    let more = cleared.more === true;
    for (let i = 0; more && i < 10; i++) {
      const again = await call(h.runtime, {
        functionKey: 'clearHistory',
        accountId: ACCOUNT.admin,
        payload: {},
      });
      total += again.cleared as number;
      more = again.more === true;
    }
    expect(total).toBe(1050);
    expect(runKeys(h)).toEqual([]);
  });

  test('one batch refused by the reporting API: the other batches are still acted on, the next sweep finishes', async () => {
    // 200 accounts: three batches of at most 90. The first call fails.
    await seedRuns(h, 200, (i) => [account(i)]);
    h.runtime.setAccountStatus(account(5), 'closed'); // in batch 1
    h.runtime.setAccountStatus(account(150), 'closed'); // in batch 2
    h.runtime.setPrivacyFault((n) => n === 1);
    await h.runtime.runScheduledTrigger('privacySweep');
    const logged = (console.warn as jest.Mock).mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toMatch(/batch 1 failed \(HTTP 500\)/);
    let left = runKeys(h);
    expect(left.some((k) => k.endsWith(uuid(150)))).toBe(false);
    expect(left.some((k) => k.endsWith(uuid(5)))).toBe(true);

    h.runtime.setPrivacyFault(null);
    await h.runtime.runScheduledTrigger('privacySweep');
    left = runKeys(h);
    expect(left.some((k) => k.endsWith(uuid(5)))).toBe(false);
    expect(left).toHaveLength(198);
  });

  test('malformed account IDs in a stored record are never reported', async () => {
    await seedRuns(h, 3, (i) =>
      i === 0
        ? ['not an id <a href="https://evil.example">', '../../etc', account(0)]
        : [account(i), ''],
    );
    await h.runtime.runScheduledTrigger('privacySweep');
    const reported = h.runtime.privacyReports().flatMap((r) => r.accounts.map((a) => a.accountId));
    expect(reported.sort()).toEqual([account(0), account(1), account(2)]);
  });
});

test('an entry naming a malformed account ID (an imported report) keeps it out of the index', () => {
  const entry = {
    ranBy: ACCOUNT.admin,
    inputs: { userAccountId: ACCOUNT.sync },
    report: report({
      subject: null,
      tokenIdentity: {
        accountId: 'x y\u202e<script>',
        displayName: null,
        email: null,
        acceptedAt: 'site',
      },
    }),
  } as unknown as HistoryEntry;
  expect(accountIdsOf(entry).sort()).toEqual([ACCOUNT.admin, ACCOUNT.sync].sort());
});
