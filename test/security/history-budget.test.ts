/**
 * Issue 25, item 2: History reads stop when the answer budget is spent. Six stored runs of about
 * 1.3 MB each: one `getHistory` answer carries at most 4 MB, so it returns three of them, and it
 * must not read the chunks of the other three (each chunk read costs the installation up to 15
 * of its 4,000 read units a minute).
 */
// local-forge (through the harness) must load before anything else pulls in @forge/api.
import { ACCOUNT, call, startHarness, type Harness } from '../forge/harness';
import { healthy } from '../../simulator/worlds/scenarios';
import { splitChunks } from '../../src/history/chunks';
import { asciiJson, byteLength } from '../../src/history/store';
import type { HistoryEntry } from '../../src/contract/history';
import { report } from '../cli/report-fixture';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function bigEntry(i: number): HistoryEntry {
  return {
    id: uuid(i),
    ranAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString(),
    ranBy: ACCOUNT.admin,
    authority: 'jira-admin',
    surface: 'admin',
    projectId: null,
    projectKey: null,
    inputs: {
      userAccountId: ACCOUNT.sync,
      projects: ['SYNC'],
      permissions: [],
      tokenChecked: false,
    },
    verdict: 'ready',
    summary: 'x'.repeat(1_300_000),
    findings: [],
    report: report(),
  } as HistoryEntry;
}

describe('getHistory reads no more than its answer can carry', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(healthy().world);
  });
  afterAll(() => h.close());

  test('six runs of 1.3 MB: three returned, only their chunks read', async () => {
    for (let i = 0; i < 6; i++) {
      const entry = bigEntry(i);
      const chunks = splitChunks(asciiJson(entry));
      for (const [n, text] of chunks.entries())
        await h.runtime.kvsSeed(`chunk:${entry.id}:${n}`, text);
      await h.runtime.kvsSeed(`run:admin:${String(1_000_000_000_000 + i)}:${entry.id}`, {
        v: 2,
        id: entry.id,
        ranAt: entry.ranAt,
        surface: 'admin',
        projectId: null,
        ranBy: ACCOUNT.admin,
        authority: 'jira-admin',
        chunks: chunks.length,
        accounts: [ACCOUNT.admin, ACCOUNT.sync],
        bytes: byteLength(entry),
        leanBytes: byteLength(entry),
      });
    }
    const perEntry = splitChunks(asciiJson(bigEntry(0))).length;
    const before = h.runtime.kvsCallCounts()['/api/v1/get'] ?? 0;
    const res = await call(h.runtime, {
      functionKey: 'getHistory',
      accountId: ACCOUNT.admin,
      payload: {},
    });
    expect(res.ok).toBe(true);
    expect((res.runs as HistoryEntry[]).map((r) => r.id)).toEqual([uuid(0), uuid(1), uuid(2)]);
    expect(res.truncated).toBe(true);
    const reads = (h.runtime.kvsCallCounts()['/api/v1/get'] ?? 0) - before;
    // The three runs' chunks, and the reader's count of reads this minute (resolvers/quota.ts).
    expect(reads).toBe(3 * perEntry + 1);
  });

  test("one person's History reads share at most a quarter of the installation's reads a minute", async () => {
    // Each answer could carry three 1.3 MB runs (~380 read units): eight reloads would read 24
    // runs. One person may read 1,000 units a minute; allowing for a minute boundary during the
    // test (two windows), at most 14 runs are read.
    let returned = 0;
    let stopped = 0;
    for (let i = 0; i < 8; i++) {
      const res = await call(h.runtime, {
        functionKey: 'getHistory',
        accountId: ACCOUNT.admin,
        payload: {},
      });
      if (!res.ok) {
        expect(res.error?.message).toMatch(/try again in a minute/);
        stopped += 1;
      } else {
        returned += (res.runs as HistoryEntry[]).length;
        if (res.truncated) stopped += 1;
      }
    }
    expect(returned).toBeLessThanOrEqual(14);
    expect(stopped).toBeGreaterThan(0);
  });
});
