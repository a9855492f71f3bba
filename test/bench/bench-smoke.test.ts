/**
 * Smoke test of the benchmark's deterministic measurements (no wall-clock assertions): the
 * dependent round trips of a check (counted in lockstep rounds, see bench/measure.ts `Lockstep`)
 * and the request-count rules, for 1 and 50 projects, in a healthy world and in one where admin
 * mode has a project to explain; and the explanation cap the bench's Forge stress world relies on.
 */
import {
  checkRequestRules,
  describeSpec,
  localSimulator,
  runCheck,
  type RunResult,
  type RunSpec,
} from '../../bench/measure';
import { benchWorld, WORLD_KINDS } from '../../bench/worlds';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { EXPLAIN_MAX_PROJECTS } from '../../src/engine/explain/explain-projects';
import { MAX_CONCURRENCY } from '../../src/jira/concurrency';

const DEPTH_TARGET = 4;

const SPECS: readonly RunSpec[] = [
  { mode: 'token' },
  { mode: 'admin' },
  { mode: 'both' },
  { mode: 'admin', user: 'email' },
];

describe.each(WORLD_KINDS)('%s world', (kind) => {
  describe.each([1, 50])('%i project(s)', (n) => {
    const bench = benchWorld(kind, n);
    let sim: RunningSimulator;
    const runs = new Map<RunSpec, RunResult>();

    beforeAll(async () => {
      sim = await startSimulator(bench.world, { latencyMs: 0 });
      for (const spec of SPECS)
        runs.set(spec, await runCheck(localSimulator(sim), bench, { ...spec, lockstep: true }));
    });
    afterAll(async () => {
      await sim.close();
    });

    const get = (spec: RunSpec): RunResult => {
      const run = runs.get(spec);
      if (!run) throw new Error(`no run for ${describeSpec(spec)}`);
      return run;
    };

    describe.each(SPECS)('$mode', (spec) => {
      it(`${describeSpec(spec)}: the check completes with the expected verdict`, () => {
        const run = get(spec);
        expect(run.report.verdict).toBe(kind === 'healthy' ? 'ready' : 'fix-permissions');
        expect(run.rounds).toBeGreaterThan(0);
      });

      it(`${describeSpec(spec)}: bulk endpoints, schemes once, no per-project-per-permission calls, ≤ ${MAX_CONCURRENCY} in flight`, () => {
        const failed = checkRequestRules(get(spec), bench).filter((r) => !r.ok);
        expect(failed).toEqual([]);
      });

      it(`${describeSpec(spec)}: at most ${DEPTH_TARGET} dependent round trips`, () => {
        expect(get(spec).rounds).toBeLessThanOrEqual(DEPTH_TARGET);
      });
    });

    if (kind === 'explain') {
      it('explains the broken projects in admin mode, reading each scheme once', () => {
        const run = get(SPECS[1] as RunSpec);
        const explained = run.report.projects.filter((p) => p.explanation).map((p) => p.key);
        expect(explained).toEqual(bench.broken);
        const schemeReads = run.exchanges.filter((e) =>
          /^\/rest\/api\/3\/permissionscheme\/\d+$/.test(e.path),
        );
        expect(schemeReads).toHaveLength(bench.brokenSchemes.length);
      });
    }
  });
});

describe('more broken projects than the explanation cap', () => {
  // Every 2nd of 50 projects broken: 25 to explain, more than EXPLAIN_MAX_PROJECTS.
  const bench = benchWorld('explain', 50, 2);
  let sim: RunningSimulator;
  let run: RunResult;

  beforeAll(async () => {
    sim = await startSimulator(bench.world, { latencyMs: 0 });
    run = await runCheck(localSimulator(sim), bench, { mode: 'admin', lockstep: true });
  });
  afterAll(async () => {
    await sim.close();
  });

  it(`explains ${EXPLAIN_MAX_PROJECTS} projects, within the request rules and ${DEPTH_TARGET} round trips`, () => {
    expect(bench.broken.length).toBeGreaterThan(EXPLAIN_MAX_PROJECTS);
    expect(run.report.projects.filter((p) => p.explanation)).toHaveLength(EXPLAIN_MAX_PROJECTS);
    expect(checkRequestRules(run, bench).filter((r) => !r.ok)).toEqual([]);
    expect(run.rounds).toBeLessThanOrEqual(DEPTH_TARGET);
  });
});
