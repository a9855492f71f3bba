import { listRuns, saveRun } from '../../src/history/store';
import type { HistoryEntry } from '../../src/contract/history';
import { finding, report } from '../cli/report-fixture';

/** An in-memory stand-in for `@forge/kvs`: get/set/delete and prefix queries. */
const stored = new Map<string, unknown>();
jest.mock('@forge/kvs', () => ({
  WhereConditions: { beginsWith: (prefix: string) => prefix },
  kvs: {
    get: async (key: string) => stored.get(key),
    set: async (key: string, value: unknown) => void stored.set(key, value),
    delete: async (key: string) => void stored.delete(key),
    query: () => {
      let prefix = '';
      const q = {
        where: (_field: string, p: string) => ((prefix = p), q),
        limit: () => q,
        cursor: () => q,
        getMany: async () => ({
          results: [...stored]
            .filter(([key]) => key.startsWith(prefix))
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, value]) => ({ key, value })),
        }),
      };
      return q;
    },
  },
}));

/** A 1000-project run where the sync user lacks three permissions everywhere: 3000 findings. */
function largeEntry(): HistoryEntry {
  const findings = Array.from({ length: 3000 }, (_, i) => {
    const key = `ZB${String(Math.floor(i / 3) + 1).padStart(4, '0')}`;
    const steps = [
      `Add 712020:sync to a project role of ${key} that the project's permission scheme grants Create Issues (Project settings → People), or grant Create Issues to a role 712020:sync already has (Project settings → Permissions). ${'x'.repeat(400)}`,
      'Re-run this check.',
    ];
    return finding({
      project: key,
      permission: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'][i % 3]!,
      message: `712020:sync lacks a permission in project ${key}. ${'y'.repeat(100)}`,
      steps,
      remedy: steps.join(' '),
    });
  });
  return {
    id: '0f0e0d0c-0b0a-4908-8706-050403020100',
    ranAt: new Date().toISOString(),
    ranBy: '712020:admin',
    authority: 'jira-admin',
    surface: 'admin',
    projectId: null,
    projectKey: null,
    inputs: { userAccountId: '712020:sync', projects: [], permissions: [], tokenChecked: false },
    verdict: 'fix-permissions',
    summary: 'Missing permissions.',
    findings: [],
    report: report({ findings, verdict: 'fix-permissions' }),
  } as HistoryEntry;
}

describe('history: a run with thousands of findings', () => {
  beforeEach(() => stored.clear());

  it('is kept, and reads back with every remedy, although its full text is over the chunk cap', async () => {
    const entry = largeEntry();
    // Over 26 chunks of 150,000 characters as written, under it without the derived remedies.
    expect(JSON.stringify(entry).length).toBeGreaterThan(26 * 150_000);
    expect(await saveRun('k0001', entry)).toBe(true);
    const [back] = (await listRuns({ kind: 'all' })).entries;
    expect(back?.report.findings).toHaveLength(3000);
    expect(back?.report.findings).toEqual(entry.report.findings);
  });
});
