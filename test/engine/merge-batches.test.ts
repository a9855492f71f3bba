import {
  BATCH_STEP,
  combineCoverage,
  mergeBatchReports,
  splitIntoBatches,
  type BatchPart,
} from '../../src/engine/run/merge-batches';
import type { Report } from '../../src/engine/model/report';
import { branchOfficeKey } from '../../simulator/worlds/branch-offices';
import { demoWorld } from '../../simulator/worlds/demo';
import { ACCOUNT, CREDENTIALS, type Scenario } from '../../simulator/worlds/scenarios';
import { samplePlan } from '../../src/engine/cloud/sync-checks';
import { emptySchemeMemory, type SchemeMemory } from '../../src/engine/model/scheme-memory';
import { finding, report as fixture } from '../cli/report-fixture';
import { expectValidReport } from '../support/report-schema';
import { runScenario, withScenario } from '../support/scenario';

/** 12 branch offices around ZB0250, the one where the sync user's group is not a Developer. */
const KEYS = [1, 2, 3, 4, 5, 248, 249, 250, 251, 252, 253, 254].map(branchOfficeKey);

function syncScenario(): Scenario {
  return {
    id: 'healthy',
    summary: 'Sync Bot across branch offices',
    world: demoWorld(),
    login: { email: CREDENTIALS.sync.email, secret: CREDENTIALS.sync.token },
    syncAccountId: ACCOUNT.sync,
    projects: KEYS,
    permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
    admin: CREDENTIALS.admin,
  };
}

/** Checks that sample a few projects per run (create readiness only runs for ≤ 10 projects). */
const SAMPLED_CHECKS = ['create-readiness', 'edit-screens', 'issue-security'];

const simplify = (r: Report) => ({
  verdict: r.verdict,
  summary: r.summary,
  projects: r.projects.map((p) => [p.key, p.visible, p.exists, p.permissions]),
  findings: r.findings.map((f) => [f.code, f.project ?? null, f.permission ?? null, f.message]),
  // Screens and issue security are sampled per run, so batches sample more than one run does.
  coverage: { ...r.coverage, createFields: null, issueSecurity: null },
  checks: r.checks
    .filter((c) => c.id !== BATCH_STEP && !SAMPLED_CHECKS.includes(c.id))
    .map((c) => [c.id, c.status]),
});

describe('mergeBatchReports', () => {
  it('batches of a real run merge into what one run of every project reports', async () => {
    const s = syncScenario();
    await withScenario(s, async (sim) => {
      const whole = await runScenario(sim, s, { mode: 'both' });
      const parts: BatchPart[] = [];
      for (const keys of splitIntoBatches(KEYS, 5)) {
        parts.push({ keys, report: await runScenario(sim, s, { mode: 'both', projects: keys }) });
      }
      expect(parts).toHaveLength(3);
      const merged = mergeBatchReports(parts);
      expectValidReport(merged);
      expect(whole.verdict).toBe('fix-permissions');
      expect(simplify(merged)).toEqual(simplify(whole));
      expect(merged.requestCount).toBe(
        parts.reduce((n, p) => n + (p.report?.requestCount ?? 0), 0),
      );
      expect(merged.checks.find((c) => c.id === BATCH_STEP)).toMatchObject({ status: 'pass' });
      for (const key of ['createFields', 'issueSecurity'] as const) {
        const states = parts.map((p) => p.report!.coverage[key]);
        expect(merged.coverage[key]).toBe(states.reduce(combineCoverage));
      }
      // The sync user's identity is found by every batch but named once.
      expect(merged.tokenIdentity?.accountId).toBe(ACCOUNT.sync);
    });
  });

  it("without the administrator's view of the schemes, batches that share the run's sample read it once and merge into what one run reports, sampled checks and cost included", async () => {
    const s = syncScenario();
    await withScenario(s, async (sim) => {
      const whole = await runScenario(sim, s, { mode: 'token' });
      const runSample = { projects: samplePlan(KEYS, null).projects, of: KEYS.length };
      const parts: BatchPart[] = [];
      for (const keys of splitIntoBatches(KEYS, 5)) {
        parts.push({
          keys,
          report: await runScenario(sim, s, { mode: 'token', projects: keys, runSample }),
        });
      }
      const sampledReads = (r: Report) =>
        r.checks
          .filter((c) => SAMPLED_CHECKS.includes(c.id))
          .reduce((n, c) => n + c.requests.length, 0);
      // The run's sample (its first 3 projects) is in the first batch; the others read none.
      expect(parts.map((p) => sampledReads(p.report!) > 0)).toEqual([true, false, false]);
      const merged = mergeBatchReports(parts);
      expectValidReport(merged);
      expect(sampledReads(merged)).toBe(sampledReads(whole));
      expect(merged.coverage).toEqual(whole.coverage);
      expect(merged.coverageDetail).toEqual(whole.coverageDetail);
      expect(
        merged.projects.map((p) => [p.key, p.screens ?? null, p.issueSecurity ?? null]),
      ).toEqual(whole.projects.map((p) => [p.key, p.screens ?? null, p.issueSecurity ?? null]));
      // The batches' prices add up (the CLI's API-token requests spend none).
      expect(merged.cost).toEqual({ ...whole.cost, requests: 0, points: 0 });
    });
  });

  it('with the schemes (#24), each batch reads its own projects’ schemes once and the merged run is tested where one call is', async () => {
    const s = syncScenario();
    await withScenario(s, async (sim) => {
      const whole = await runScenario(sim, s, { mode: 'both' });
      const runSample = { projects: samplePlan(KEYS, null).projects, of: KEYS.length };
      const parts: BatchPart[] = [];
      for (const keys of splitIntoBatches(KEYS, 5)) {
        parts.push({
          keys,
          report: await runScenario(sim, s, { mode: 'both', projects: keys, runSample }),
        });
      }
      const merged = mergeBatchReports(parts);
      expectValidReport(merged);
      // Every branch office uses the same schemes: one read per batch, every project tested.
      expect(merged.coverage.createFields).toBe(whole.coverage.createFields);
      expect([...(merged.coverageDetail?.createFields?.tested ?? [])].sort()).toEqual(
        [...(whole.coverageDetail?.createFields?.tested ?? [])].sort(),
      );
      for (const part of parts) {
        const lists = part.report!.checks.find((c) => c.id === 'create-readiness')!.requests;
        expect(lists.filter((r) => /\/issuetypes(\?|$)/.test(r.path))).toHaveLength(1);
      }
    });
  });

  it('a scheme shared across batches (#26) is read once per run, and the merged report is what batches that each read it give', async () => {
    const s = syncScenario();
    await withScenario(s, async (sim) => {
      const runSample = { projects: samplePlan(KEYS, null).projects, of: KEYS.length };
      const batched = async (schemeMemory?: SchemeMemory) => {
        const parts: BatchPart[] = [];
        for (const keys of splitIntoBatches(KEYS, 5)) {
          const from = sim.log.length;
          const report = await runScenario(sim, s, {
            mode: 'both',
            projects: keys,
            runSample,
            ...(schemeMemory ? { schemeMemory } : {}),
          });
          parts.push({ keys, report });
          logs.push(sim.log.slice(from));
        }
        return parts;
      };
      const logs: Array<typeof sim.log> = [];
      const each = await batched();
      const eachLogs = logs.splice(0);
      const memory = emptySchemeMemory();
      const once = await batched(memory);
      const screenReads = (log: typeof sim.log) =>
        log.filter((r) => /\/createmeta\/[^/]+\/issuetypes|\/editmeta$/.test(r.path)).length;
      // Without the memory every batch reads the branch offices' shared screens again.
      expect(eachLogs.map((l) => screenReads(l) > 0)).toEqual([true, true, true]);
      // With it, the first batch reads them and the later batches read none.
      expect(screenReads(logs[0]!)).toBe(screenReads(eachLogs[0]!));
      expect(logs.slice(1).map(screenReads)).toEqual([0, 0]);
      expect(Object.keys(memory.reads).length).toBeGreaterThan(0);
      const a = mergeBatchReports(each);
      const b = mergeBatchReports(once);
      expectValidReport(b);
      expect(b.requestCount).toBeLessThan(a.requestCount);
      expect(b.verdict).toBe(a.verdict);
      expect(b.summary).toEqual(a.summary);
      expect(b.coverage).toEqual(a.coverage);
      expect(b.coverageDetail).toEqual(a.coverageDetail);
      expect(b.findings.map((f) => [f.code, f.severity, f.details?.['projects'] ?? null])).toEqual(
        a.findings.map((f) => [f.code, f.severity, f.details?.['projects'] ?? null]),
      );
      // Every project is tested as before; a later batch's projects were read in the first's.
      expect(b.projects.map((p) => [p.key, p.permissions])).toEqual(
        a.projects.map((p) => [p.key, p.permissions]),
      );
      const first = new Set(splitIntoBatches(KEYS, 5)[0]);
      for (const p of b.projects.filter((p) => !first.has(p.key)))
        expect(first.has(p.screensReadIn?.create ?? '')).toBe(true);
    });
  });

  it('a batch without a report makes the run inconclusive, its projects unknown, never ready', async () => {
    const s = syncScenario();
    const healthy = KEYS.slice(0, 4);
    await withScenario(s, async (sim) => {
      const first = await runScenario(sim, s, { mode: 'both', projects: healthy.slice(0, 2) });
      expect(first.verdict).toBe('ready');
      for (const reason of ['cancelled', 'failed', 'pending'] as const) {
        const merged = mergeBatchReports([
          { keys: healthy.slice(0, 2), report: first },
          { keys: healthy.slice(2), report: null, notChecked: reason },
        ]);
        expectValidReport(merged);
        expect(merged.verdict).toBe('inconclusive');
        const notChecked = merged.findings.find((f) => f.code === 'PROJECTS_NOT_CHECKED');
        expect(notChecked).toMatchObject({
          severity: 'error',
          step: BATCH_STEP,
          details: { notChecked: 2, total: 4, reason },
        });
        expect(notChecked?.message).toContain('2 of 4 projects were not checked');
        expect(merged.summary).toBe(notChecked?.message);
        expect(merged.projects.map((p) => p.key)).toEqual(healthy);
        expect(merged.projects[3]).toMatchObject({ visible: null, exists: null });
        expect(Object.values(merged.projects[3]?.permissions ?? {})).toEqual([null, null, null]);
        expect(merged.coverage.permissions).toBe('partial');
        expect(merged.coverage.credentials).toBe(first.coverage.credentials);
        expect(merged.checks.find((c) => c.id === BATCH_STEP)).toMatchObject({ status: 'error' });
      }
    });
  });

  it('a run stopped after a refused login says fix the credentials, not ready', () => {
    const refused = fixture({
      verdict: 'fix-credentials',
      tokenIdentity: null,
      findings: [
        finding({
          code: 'CREDENTIALS_REJECTED',
          category: 'credentials',
          message: 'Jira rejected the credentials.',
          step: 'token-identity',
        }),
      ],
    });
    const merged = mergeBatchReports([
      { keys: ['ABC'], report: refused },
      { keys: ['DEF', 'GHI'], report: null, notChecked: 'stopped' },
    ]);
    expect(merged.verdict).toBe('fix-credentials');
    expect(merged.findings.map((f) => f.code)).toEqual([
      'CREDENTIALS_REJECTED',
      'PROJECTS_NOT_CHECKED',
    ]);
    expect(merged.findings[1]?.message).toMatch(/refused the credentials, so the run stopped/);
  });

  it('findings every batch repeats appear once, the most severe kept; per-project ones all stay', () => {
    const whitespace = (severity: 'warning' | 'error') =>
      finding({
        code: 'TOKEN_WHITESPACE',
        category: 'credentials',
        severity,
        message: `The token had a trailing newline (${severity}).`,
        step: 'credential-hygiene',
      });
    const a = fixture({
      findings: [whitespace('warning'), finding({ project: 'ABC', permission: 'CREATE_ISSUES' })],
    });
    const b = fixture({
      findings: [whitespace('error'), finding({ project: 'DEF', permission: 'CREATE_ISSUES' })],
      projects: [{ ...fixture().projects[0]!, key: 'DEF' }],
    });
    const merged = mergeBatchReports([
      { keys: ['ABC'], report: a },
      { keys: ['DEF'], report: b },
    ]);
    const whitespaceFindings = merged.findings.filter((f) => f.code === 'TOKEN_WHITESPACE');
    expect(whitespaceFindings).toHaveLength(1);
    expect(whitespaceFindings[0]?.severity).toBe('error');
    expect(
      merged.findings.filter((f) => f.code === 'MISSING_PERMISSION').map((f) => f.project),
    ).toEqual(['ABC', 'DEF']);
    expect(merged.projects.map((p) => p.key)).toEqual(['ABC', 'DEF']);
  });

  it("a run's price is its batches' sum; a batch reported without one leaves the run without one", () => {
    const basis = 'the model';
    const a = fixture({ cost: { requests: 20, points: 900, pointsBasis: basis } });
    const b = fixture({
      cost: { requests: 12, points: 400, pointsBasis: basis },
      projects: [{ ...fixture().projects[0]!, key: 'DEF' }],
    });
    const merged = mergeBatchReports([
      { keys: ['ABC'], report: a },
      { keys: ['DEF'], report: b },
    ]);
    expect(merged.cost).toEqual({ requests: 32, points: 1300, pointsBasis: basis });
    const older = mergeBatchReports([
      { keys: ['ABC'], report: a },
      { keys: ['DEF'], report: fixture({ projects: b.projects }) },
    ]);
    expect(older.cost).toBeUndefined();
  });

  it('a batch that was not ready keeps the run from being ready even with nothing to show for it', () => {
    const ready = fixture({ verdict: 'ready', findings: [] });
    const odd = fixture({ verdict: 'inconclusive', findings: [] });
    expect(mergeBatchReports([{ keys: ['ABC'], report: ready }]).verdict).toBe('ready');
    expect(
      mergeBatchReports([
        { keys: ['ABC'], report: ready },
        { keys: ['ABC2'], report: odd },
      ]).verdict,
    ).toBe('inconclusive');
  });

  it('a check that batches answered differently takes the worst state and names the batch', () => {
    const check = (status: 'pass' | 'error', detail: string) => ({
      id: 'admin-permissions',
      title: 'Permissions',
      status,
      detail,
      requests: [],
    });
    const merged = mergeBatchReports([
      { keys: ['ABC'], report: fixture({ checks: [check('pass', 'All held.')] }) },
      {
        keys: ['DEF', 'GHI'],
        report: fixture({ checks: [check('error', 'Jira did not answer.')] }),
      },
    ]);
    expect(merged.checks[0]).toMatchObject({
      status: 'error',
      detail: 'Batch 2 of 2 (DEF–GHI): Jira did not answer.',
    });
  });

  it('coverage: tested with not tested is partial; not applicable gives way', () => {
    expect(combineCoverage('tested', 'tested')).toBe('tested');
    expect(combineCoverage('tested', 'not-tested')).toBe('partial');
    expect(combineCoverage('not-applicable', 'tested')).toBe('tested');
    expect(combineCoverage('not-tested', 'not-applicable')).toBe('not-tested');
  });

  it('refuses to invent a report when no batch was checked', () => {
    expect(() =>
      mergeBatchReports([{ keys: ['ABC'], report: null, notChecked: 'cancelled' }]),
    ).toThrow();
  });

  it('splits keys into batches in order', () => {
    expect(splitIntoBatches(['A', 'B', 'C', 'D', 'E'], 2)).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
    expect(() => splitIntoBatches(['A'], 0)).toThrow();
  });
});
