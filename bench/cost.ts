/**
 * `npm run bench -- --cost`: issue 26's measurements in one run (≈ 3 min on a quiet machine).
 *
 * 1. T(1), T(300), T(1000) of a CLI check with both views (40 ms added latency, 8 connections),
 *    requests and waves, T(300)/T(1) and T(1000)/T(1). The three sizes run round-robin (one run of
 *    each size, then the next round), so drift in the machine's speed spreads over all three.
 * 2. The Forge stress world: 1000 projects, admin mode, 100 ms latency, the resolver's 4
 *    connections, every 20th project broken: median and worst of 10 runs.
 * 3. The price of a Forge run in rate-limit points (bench/points.ts).
 */
import os from 'node:os';
import { max, median, min, ms, ratio, table, verdict } from './format';
import { runCheck, wireWaves, checksDoneMs, type RunSpec } from './measure';
import { measurePoints, pointsTable, type PointsRow } from './points';
import { startSimulatorThread, type SimulatorThread } from './sim-host';
import { benchWorld, type BenchWorld, type WorldKind } from './worlds';
import { runCost } from '../src/engine/knowledge/rate-limit-points';
import type { EvidenceEntry } from '../src/engine/port/evidence';

const COST_SIZES = [1, 300, 1000] as const;
const COST_RUNS = 7;
const TARGETS: Record<number, number> = { 300: 1.3, 1000: 2.0 };
/** Issue 26: a check of one project asks no more than it did before the readiness reads grew (16). */
const ONE_PROJECT_MAX_REQUESTS = 16;
const STRESS_N = 1000;
const STRESS_BROKEN_EVERY = 20;
const STRESS_LATENCY_MS = 100;
const STRESS_RUNS = 10;
const STRESS_BUDGET_MS = 5000;
const POINT_SIZES = [1, 100, 1000] as const;

const progress = (text: string): void => {
  process.stderr.write(`… ${text}\n`);
};

interface SizeRow {
  n: number;
  walls: number[];
  waves: number[];
  done: number[];
  requests: number[];
  /** Rate-limit points of the run, had the Forge app made the administrator's calls. */
  points: number[];
}

/**
 * What a CLI run would cost as the Forge app: the administrator's calls are then the app's calls
 * as the signed-in user (they spend points); the token's and anonymous calls stay exempt.
 */
export function pointsAsForge(evidence: readonly EvidenceEntry[]): number {
  return runCost(evidence.map((e) => (e.auth === 'admin' ? { ...e, target: 'forge' as const } : e)))
    .points;
}

async function start(bench: BenchWorld, latencyMs: number): Promise<SimulatorThread> {
  return startSimulatorThread({
    kind: bench.kind,
    n: bench.n,
    latencyMs,
    brokenEvery: bench.brokenEvery,
  });
}

/** Both views, the sizes round-robin after one warm-up round. */
async function scaling(kind: WorldKind, latencyMs: number): Promise<SizeRow[]> {
  const spec: RunSpec = { mode: 'both' };
  const worlds = COST_SIZES.map((n) => benchWorld(kind, n));
  const sims = await Promise.all(worlds.map((w) => start(w, latencyMs)));
  const rows: SizeRow[] = COST_SIZES.map((n) => ({
    n,
    walls: [],
    waves: [],
    done: [],
    requests: [],
    points: [],
  }));
  try {
    for (let i = -1; i < COST_RUNS; i++) {
      progress(`${kind} world, both views: round ${i + 2} of ${COST_RUNS + 1}`);
      for (const [index, bench] of worlds.entries()) {
        const run = await runCheck(sims[index] as SimulatorThread, bench, spec, {
          exchanges: false,
        });
        if (i < 0) continue;
        const row = rows[index] as SizeRow;
        row.walls.push(run.wallMs);
        row.waves.push(wireWaves(run.evidence));
        row.done.push(checksDoneMs(run.evidence));
        row.requests.push(run.evidence.length);
        row.points.push(pointsAsForge(run.evidence));
      }
    }
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
  return rows;
}

interface StressResult {
  walls: number[];
  waves: number[];
  requests: number;
  explained: number;
  points: number;
}

async function stress(): Promise<StressResult> {
  const bench = benchWorld('explain', STRESS_N, STRESS_BROKEN_EVERY);
  const sim = await start(bench, STRESS_LATENCY_MS);
  const out: StressResult = { walls: [], waves: [], requests: 0, explained: 0, points: 0 };
  try {
    for (let i = -1; i < STRESS_RUNS; i++) {
      progress(`Forge stress world: run ${i + 2} of ${STRESS_RUNS + 1} (the first is a warm-up)`);
      const run = await runCheck(sim, bench, { mode: 'admin', forge: true }, { exchanges: false });
      if (i < 0) continue;
      out.walls.push(run.wallMs);
      out.waves.push(wireWaves(run.evidence));
      out.requests = run.evidence.length;
      out.explained = run.report.projects.filter((p) => p.explanation !== undefined).length;
      out.points = run.report.cost?.points ?? 0;
    }
  } finally {
    await sim.close();
  }
  return out;
}

/** The points table's rows: 1, 100 and 1000 projects (healthy), 1000 (explain). */
export async function allPoints(): Promise<PointsRow[]> {
  const rows: PointsRow[] = [];
  for (const kind of ['healthy', 'explain'] as const) {
    for (const n of POINT_SIZES) {
      if (kind === 'explain' && n !== STRESS_N) continue;
      progress(`points: ${kind} world, ${n} project(s)`);
      const sim = await start(benchWorld(kind, n), 0);
      try {
        for (const mode of ['admin', 'both'] as const) {
          for (const path of n > 100 ? (['single', 'batched'] as const) : (['single'] as const))
            rows.push(await measurePoints(sim, kind, n, mode, path));
        }
      } finally {
        await sim.close();
      }
    }
  }
  return rows;
}

/** The machine, the date and the load, which the absolute times depend on. */
function machine(loadAtStart: number): string {
  const cpus = os.cpus();
  const model = (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
  const load = (n: number): string => n.toFixed(1);
  return `${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${model}, Node ${process.version}, load average ${load(loadAtStart)} at the start, ${load(os.loadavg()[0] ?? 0)} at the end`;
}

export async function costBench(latencyMs: number): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const scaled = await scaling('healthy', latencyMs);
  const stressed = await stress();
  const priced = await allPoints();

  console.log('');
  console.log(
    `## Cost (issue 26): both views, healthy world, ${latencyMs} ms latency, 8 connections; median of ${COST_RUNS} runs, sizes round-robin`,
  );
  console.log(machine(loadAtStart));
  const base = scaled[0] as SizeRow;
  console.log(
    table(
      [
        'N',
        'requests',
        'waves',
        'points as Forge',
        'wall ms (median)',
        'min–max',
        'T(N)/T(1)',
        'target',
        'checks done ms',
        'done N/1',
      ],
      scaled.map((r) => {
        const value = median(r.walls) / median(base.walls);
        const target = TARGETS[r.n];
        return [
          String(r.n),
          String(median(r.requests)),
          String(median(r.waves)),
          String(median(r.points)),
          ms(median(r.walls)),
          `${ms(min(r.walls))}–${ms(max(r.walls))}`,
          ratio(value),
          target === undefined
            ? r.n === 1
              ? `${verdict(median(r.requests) <= ONE_PROJECT_MAX_REQUESTS)} ≤ ${ONE_PROJECT_MAX_REQUESTS} requests`
              : ''
            : `${verdict(value <= target)} ≤ ${target}`,
          ms(median(r.done)),
          ratio(median(r.done) / median(base.done)),
        ];
      }),
      1,
    ),
  );

  console.log('');
  console.log(
    `## Forge stress world: ${STRESS_N} projects, every ${STRESS_BROKEN_EVERY}th broken, admin mode as the Forge app, ${STRESS_LATENCY_MS} ms latency, the resolver's connections`,
  );
  const worst = max(stressed.walls);
  console.log(
    `${verdict(worst < STRESS_BUDGET_MS)} < ${STRESS_BUDGET_MS} ms: median ${ms(median(stressed.walls))} ms, worst ${ms(worst)} ms over ${stressed.walls.length} runs (min ${ms(min(stressed.walls))}); ${stressed.requests} requests, ${median(stressed.waves)} waves, ${stressed.explained} projects explained, ${stressed.points} points`,
  );

  console.log('');
  console.log(
    "## A Forge run's price in rate-limit points (admin page; admin = the admin view only, both = with the sync user's token; batched = startRun + one runCheck per 100 projects; + one authorisation per call)",
  );
  console.log(pointsTable(priced));
}
