/**
 * `npm run bench [-- --quick]`: what a check costs in round trips, requests, wall time and
 * memory, for 1 to 1000 projects, against the simulator with injected latency.
 *
 * Per world (healthy; some permissions missing so admin mode explains), per N and per mode:
 * - requests   HTTP attempts of one run (= the report's requestCount = what the simulator saw)
 * - depth      dependent round trips: the longest chain of requests where each was issued by the
 *              engine only after the previous one had been answered, counted exactly by releasing
 *              requests in lockstep rounds (bench/measure.ts, `Lockstep`); queueing behind the
 *              concurrency cap and timing noise cannot change it
 * - waves      the same chain on the wire: longest chain in the evidence timeline (one interval
 *              per HTTP attempt, [startedAtMs, startedAtMs + durationMs]) where each attempt
 *              starts at or after the previous one ended; ≥ depth, and larger when requests wait
 *              for a free slot under the concurrency cap (wall ≈ waves × latency)
 * - inflight   most attempts in flight at once (evidence timeline)
 * - wall       median of the timed runs (min–max shows the machine's noise)
 * - T(N)/T(1), wall / (depth × latency): distance from the lower bound
 * - naive      per project GET /project/{key} then GET /mypermissions, sequentially (N ≤ 100
 *              measured; larger N extrapolated linearly and marked ≈)
 * Then create readiness on/off (N ≤ 25), a what-if at concurrency 8, the Forge budget (1000
 * projects, admin mode, 100 ms latency) and the CLI's peak RSS, and one PASS/MISS line per
 * target. Each simulator runs in a worker thread (bench/sim-host.ts), so its own CPU time is not
 * charged to the engine's event loop. Nothing here is asserted: test/bench/bench-smoke.test.ts
 * asserts the deterministic parts (depth and request rules).
 */
import os from 'node:os';
import { max, median, min, ms, ratio, table, verdict } from './format';
import {
  BENCH_MODES,
  checkRequestRules,
  describeSpec,
  maxInFlight,
  roundsSummary,
  runCheck,
  wireWaves,
  type RuleResult,
  type RunSpec,
} from './measure';
import { BIN, CLI_DRIVER, distStatus, measurePeakRss, rssMethod, type RssRun } from './memory';
import { runNaive } from './naive';
import { startSimulatorThread, type SimulatorThread } from './sim-host';
import {
  BENCH_LOGINS,
  BROKEN_EVERY,
  benchWorld,
  WORLD_KINDS,
  type BenchWorld,
  type WorldKind,
} from './worlds';

const QUICK = process.argv.includes('--quick');
const LATENCY_MS = 50;
const FORGE_LATENCY_MS = 100;
const SIZES = QUICK ? [1, 10, 100] : [1, 10, 100, 500, 1000];
const RUNS = QUICK ? 1 : 5;
const NAIVE_MAX_N = 100;
const DEPTH_TARGET = 4;
const SCALING_N = QUICK ? 100 : 500;
const SCALING_TARGET = 1.5;
const FORGE_N = 1000;
const FORGE_BUDGET_MS = 5000;
const FORGE_RUNS = QUICK ? 1 : 3;
/** Forge stress (not a target): every 20th project broken, i.e. 50 explanations at N = 1000. */
const STRESS_BROKEN_EVERY = 20;
const MEMORY_N = 1000;
const CLI_MAX_PROJECTS = 100;
const MEMORY_BUDGET_MIB = 150;
/** What-if: the same scaling runs at the highest concurrency the client allows. */
const WHAT_IF_CONCURRENCY = 8;
/** Create readiness (createmeta) runs for ≤ 25 projects: its cost, measured with it on and off. */
const READINESS_SIZES = QUICK ? [10] : [10, 25];

interface Row {
  kind: WorldKind;
  n: number;
  spec: RunSpec;
  requests: number;
  depth: number;
  rounds: string[];
  rules: RuleResult[];
  walls: number[];
  waves: number[];
  inFlight: number[];
  timedRequests: number[];
  verdict: string;
}

const progress = (text: string): void => {
  process.stderr.write(`… ${text}\n`);
};

/** The simulator runs in a worker thread: its CPU time is not charged to the engine's event loop. */
async function withSimulator<T>(
  bench: BenchWorld,
  latencyMs: number,
  fn: (sim: SimulatorThread) => Promise<T>,
): Promise<T> {
  const sim = await startSimulatorThread({
    kind: bench.kind,
    n: bench.n,
    latencyMs,
    brokenEvery: bench.brokenEvery,
  });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/** Lockstep run (no latency) for depth and rules, then interleaved timed runs with latency. */
async function measureSize(
  kind: WorldKind,
  n: number,
  specs: readonly RunSpec[],
  runs: number,
  latencyMs: number,
): Promise<Row[]> {
  const bench = benchWorld(kind, n);
  return withSimulator(bench, 0, async (sim) => {
    const rows: Row[] = [];
    for (const spec of specs) {
      const run = await runCheck(sim, bench, { ...spec, lockstep: true });
      rows.push({
        kind,
        n,
        spec,
        requests: run.evidence.length,
        depth: run.rounds ?? Number.NaN,
        rounds: roundsSummary(run.calls),
        rules: checkRequestRules(run, bench),
        walls: [],
        waves: [],
        inFlight: [],
        timedRequests: [],
        verdict: run.report.verdict,
      });
    }
    if (runs === 0) return rows;
    await sim.setLatency(latencyMs);
    // One discarded round of warm-up (connections, JIT), then the modes interleaved per run so
    // that drift in the machine's speed spreads over all of them.
    for (let i = -1; i < runs; i++) {
      for (const row of rows) {
        const run = await runCheck(sim, bench, row.spec, { exchanges: false });
        if (i < 0) continue;
        row.walls.push(run.wallMs);
        row.waves.push(wireWaves(run.evidence));
        row.inFlight.push(maxInFlight(run.evidence));
        row.timedRequests.push(run.evidence.length);
      }
    }
    return rows;
  });
}

interface NaiveRow {
  n: number;
  walls: number[];
  requests: number;
  extrapolated: boolean;
}

async function measureNaive(n: number): Promise<NaiveRow> {
  const bench = benchWorld('healthy', n);
  return withSimulator(bench, LATENCY_MS, async (sim) => {
    const runs = QUICK || n > 10 ? 1 : RUNS;
    const walls: number[] = [];
    let requests = 0;
    for (let i = 0; i < runs; i++) {
      const result = await runNaive(sim, bench);
      walls.push(result.wallMs);
      requests = result.requests;
    }
    return { n, walls, requests, extrapolated: false };
  });
}

function naiveFor(n: number, measured: readonly NaiveRow[]): NaiveRow {
  const exact = measured.find((r) => r.n === n);
  if (exact) return exact;
  const basis = [...measured].sort((a, b) => b.n - a.n)[0];
  if (!basis) return { n, walls: [Number.NaN], requests: 2 * n, extrapolated: true };
  const perProject = median(basis.walls) / basis.n;
  return { n, walls: [perProject * n], requests: 2 * n, extrapolated: true };
}

const t1 = (rows: readonly Row[], row: Row): number => {
  const first = rows.find(
    (r) => r.kind === row.kind && r.n === 1 && describeSpec(r.spec) === describeSpec(row.spec),
  );
  return first ? median(first.walls) : Number.NaN;
};

function printWorldTable(kind: WorldKind, rows: readonly Row[], naive: readonly NaiveRow[]): void {
  const mine = rows.filter((r) => r.kind === kind);
  const header = [
    'N',
    'mode',
    'requests',
    'depth',
    'waves',
    'inflight',
    'wall ms (median)',
    'min–max',
    'T(N)/T(1)',
    'wall/(depth×lat)',
    'naive ms',
    'ours/naive',
  ];
  const body = mine.map((r) => {
    const wall = median(r.walls);
    const nv = naiveFor(r.n, naive);
    const naiveWall = median(nv.walls);
    return [
      String(r.n),
      describeSpec(r.spec),
      String(r.requests),
      String(r.depth),
      String(median(r.waves)),
      String(max(r.inFlight)),
      ms(wall),
      `${ms(min(r.walls))}–${ms(max(r.walls))}`,
      ratio(wall / t1(rows, r)),
      ratio(wall / (r.depth * LATENCY_MS)),
      `${nv.extrapolated ? '≈' : ''}${ms(naiveWall)}`,
      `${nv.extrapolated ? '≈' : ''}${ratio(wall / naiveWall, 3)}`,
    ];
  });
  console.log(table(header, body));
}

interface ForgeRow {
  label: string;
  broken: number;
  walls: number[];
  requests: number;
  target: boolean;
}

async function forgeBudget(): Promise<ForgeRow[]> {
  const worlds = WORLD_KINDS.map((kind) => ({
    bench: benchWorld(kind, FORGE_N),
    runs: FORGE_RUNS,
    target: true,
  }));
  // Not a target: how the explanation cost grows with the number of broken projects.
  if (!QUICK) {
    worlds.push({
      bench: benchWorld('explain', FORGE_N, STRESS_BROKEN_EVERY),
      runs: 1,
      target: false,
    });
  }
  const out: ForgeRow[] = [];
  for (const { bench, runs, target } of worlds) {
    const label =
      bench.kind === 'healthy' ? 'healthy' : `explain, every ${bench.brokenEvery}th project broken`;
    progress(`Forge budget: ${label}, ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms`);
    out.push(
      await withSimulator(bench, FORGE_LATENCY_MS, async (sim) => {
        const walls: number[] = [];
        let requests = 0;
        for (let i = 0; i < runs; i++) {
          const run = await runCheck(sim, bench, { mode: 'admin' }, { exchanges: false });
          walls.push(run.wallMs);
          requests = run.evidence.length;
        }
        return { label, broken: bench.broken.length, walls, requests, target };
      }),
    );
  }
  return out;
}

interface MemoryResult {
  refused: RssRun | null;
  cli: { n: number; run: RssRun; projects: number | null } | null;
  driver: { n: number; run: RssRun; projects: number | null } | null;
  note: string | null;
}

function projectsIn(run: RssRun): number | null {
  try {
    const report = JSON.parse(run.stdout) as { projects?: unknown[] };
    return Array.isArray(report.projects) ? report.projects.length : null;
  } catch {
    return null;
  }
}

async function memory(): Promise<MemoryResult> {
  const dist = distStatus();
  if (!dist.built) {
    return {
      refused: null,
      cli: null,
      driver: null,
      note: 'dist/ is not built: run `npx tsc -p tsconfig.build.json` (npm run build) first.',
    };
  }
  const note =
    dist.stale.length > 0
      ? `warning: dist/ is older than ${dist.stale.length} source file(s) (e.g. ${dist.stale[0]}); rebuild for current numbers.`
      : null;
  const bench = benchWorld('explain', MEMORY_N);
  return withSimulator(bench, LATENCY_MS, async (sim) => {
    const env = {
      JIRA_API_TOKEN: BENCH_LOGINS.sync.token,
      JIRA_ADMIN_TOKEN: BENCH_LOGINS.admin.token,
    };
    const args = (keys: readonly string[]): string[] => [
      'check',
      '--site',
      sim.siteUrl,
      '--gateway',
      sim.gatewayUrl,
      '--project',
      keys.join(','),
      '--email',
      BENCH_LOGINS.sync.email,
      '--admin-email',
      BENCH_LOGINS.admin.email,
      '--format',
      'json',
    ];
    progress(`memory: real CLI with ${MEMORY_N} projects`);
    const refused = await measurePeakRss([BIN, ...args(bench.keys)], env);
    progress(`memory: real CLI with ${CLI_MAX_PROJECTS} projects`);
    const cliKeys = bench.keys.slice(0, CLI_MAX_PROJECTS);
    const cliRun = await measurePeakRss([BIN, ...args(cliKeys)], env);
    progress(`memory: CLI driver with ${MEMORY_N} projects`);
    const driverRun = await measurePeakRss([CLI_DRIVER, ...args(bench.keys.slice(0, 1))], {
      ...env,
      BENCH_PROJECTS: bench.keys.join(','),
    });
    return {
      refused,
      cli: { n: cliKeys.length, run: cliRun, projects: projectsIn(cliRun) },
      driver: { n: MEMORY_N, run: driverRun, projects: projectsIn(driverRun) },
      note,
    };
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Credential Doctor benchmark${QUICK ? ' (--quick)' : ''}: Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()}`,
  );
  console.log(
    `Latency ${LATENCY_MS} ms per request (simulator), ${RUNS} timed run(s) per row${QUICK ? '' : ' after one warm-up'}, N ∈ {${SIZES.join(', ')}}, default client concurrency.`,
  );
  console.log(
    'Permissions: BROWSE_PROJECTS, CREATE_ISSUES, EDIT_ISSUES. Modes: token = sync user email + token; admin = admin token, --user <accountId>; both = both, sync user from the token (CLI default).',
  );

  const specs: RunSpec[] = BENCH_MODES.map((mode) => ({ mode }));
  progress('warm-up');
  await measureSize('healthy', 1, specs, 0, 0);
  const rows: Row[] = [];
  for (const kind of WORLD_KINDS) {
    for (const n of SIZES) {
      progress(`${kind} world, N = ${n}`);
      rows.push(...(await measureSize(kind, n, specs, RUNS, LATENCY_MS)));
    }
  }
  const naive: NaiveRow[] = [];
  for (const n of SIZES.filter((s) => s <= NAIVE_MAX_N)) {
    progress(`naive, N = ${n}`);
    naive.push(await measureNaive(n));
  }

  // Depth of the variants that name the sync user differently (explain world: deepest case).
  const variants: RunSpec[] = [
    { mode: 'admin', user: 'email' },
    { mode: 'both', user: 'accountId' },
  ];
  const variantRows: Row[] = [];
  for (const n of [1, SIZES[SIZES.length - 1] as number]) {
    progress(`depth variants, N = ${n}`);
    variantRows.push(...(await measureSize('explain', n, variants, 0, 0)));
  }

  const readiness: Row[] = [];
  for (const n of READINESS_SIZES) {
    progress(`create readiness on/off, N = ${n}`);
    readiness.push(
      ...(await measureSize(
        'healthy',
        n,
        (['token', 'admin'] as const).flatMap((mode) => [
          { mode },
          { mode, createReadiness: false as const },
        ]),
        RUNS,
        LATENCY_MS,
      )),
    );
  }

  const whatIf: Row[] = [];
  if (!QUICK) {
    for (const kind of WORLD_KINDS) {
      for (const n of [1, SCALING_N]) {
        progress(`what-if concurrency ${WHAT_IF_CONCURRENCY}: ${kind}, N = ${n}`);
        whatIf.push(
          ...(await measureSize(
            kind,
            n,
            specs.map((s) => ({ ...s, concurrency: WHAT_IF_CONCURRENCY })),
            RUNS,
            LATENCY_MS,
          )),
        );
      }
    }
  }
  const forge = await forgeBudget();
  const mem = await memory();

  // ---- Output
  for (const kind of WORLD_KINDS) {
    const sample = benchWorld(kind, SIZES[SIZES.length - 1] as number);
    console.log('');
    console.log(
      kind === 'healthy'
        ? `## healthy world: every permission held (schemes per run: ${sample.schemes.length}, none needs reading)`
        : `## explain world: every ${BROKEN_EVERY}th project lacks CREATE_ISSUES or EDIT_ISSUES (N=${sample.n}: ${sample.broken.length} project(s) in ${sample.brokenSchemes.length} shared scheme(s)); admin mode explains them`,
    );
    printWorldTable(kind, rows, naive);
  }
  console.log('');
  console.log(
    `naive (healthy world; the same in both): ${naive.map((r) => `N=${r.n}: ${ms(median(r.walls))} ms, ${r.requests} requests`).join('; ')}.${
      SIZES.some((n) => n > NAIVE_MAX_N)
        ? ` Not run above N=${NAIVE_MAX_N} (≈ 2 requests × ${LATENCY_MS} ms per project, sequential): N > ${NAIVE_MAX_N} is extrapolated linearly from N=${NAIVE_MAX_N} (${ms(
            naiveFor(
              1,
              naive.filter((r) => r.n === NAIVE_MAX_N),
            ).walls[0] ?? Number.NaN,
          )} ms a project) and marked ≈.`
        : ''
    }`,
  );

  console.log('');
  console.log('## Dependent round trips, by round (lockstep runs; N = 1 and the largest N)');
  const deepest = [...rows, ...variantRows]
    .filter((r) => r.n === 1 || r.n === SIZES[SIZES.length - 1])
    .filter((r) => r.kind === 'explain');
  for (const r of deepest) {
    console.log(
      `${r.kind} N=${r.n} ${describeSpec(r.spec)}: depth ${r.depth}, ${r.requests} requests`,
    );
    for (const line of r.rounds) console.log(`    ${line}`);
  }

  console.log('');
  console.log('## Request rules (every row, lockstep run)');
  const ruleNames = [...new Set(rows.flatMap((r) => r.rules.map((x) => x.rule)))];
  for (const name of ruleNames) {
    const failing = rows.filter((r) => r.rules.some((x) => x.rule === name && !x.ok));
    const example = rows[rows.length - 1]?.rules.find((x) => x.rule === name);
    console.log(
      `${failing.length === 0 ? 'ok  ' : 'FAIL'} ${name}${failing.length ? `: ${failing.map((r) => `${r.kind} N=${r.n} ${describeSpec(r.spec)} (${r.rules.find((x) => x.rule === name)?.detail})`).join('; ')}` : ` (e.g. ${example?.detail ?? ''})`}`,
    );
  }
  const countDrift = rows.filter((r) => r.timedRequests.some((c) => c !== r.requests));
  console.log(
    `${countDrift.length === 0 ? 'ok  ' : 'FAIL'} timed runs send the same requests as the lockstep run${countDrift.length ? `: ${countDrift.map((r) => `${r.kind} N=${r.n} ${describeSpec(r.spec)}`).join(', ')}` : ''}`,
  );

  console.log('');
  console.log(
    `## Create readiness (createmeta dry run, on by default for ≤ 25 projects): healthy world, on vs off`,
  );
  console.log(
    table(
      [
        'N',
        'mode',
        'requests on',
        'requests off',
        'waves on',
        'waves off',
        'wall on ms',
        'wall off ms',
        'on/off',
      ],
      READINESS_SIZES.flatMap((n) =>
        (['token', 'admin'] as const).map((mode) => {
          const on = readiness.find(
            (r) => r.n === n && r.spec.mode === mode && r.spec.createReadiness === undefined,
          );
          const off = readiness.find(
            (r) => r.n === n && r.spec.mode === mode && r.spec.createReadiness === false,
          );
          const wallOn = on ? median(on.walls) : Number.NaN;
          const wallOff = off ? median(off.walls) : Number.NaN;
          return [
            String(n),
            mode,
            String(on?.requests ?? '–'),
            String(off?.requests ?? '–'),
            String(on ? median(on.waves) : '–'),
            String(off ? median(off.waves) : '–'),
            ms(wallOn),
            ms(wallOff),
            ratio(wallOn / wallOff),
          ];
        }),
      ),
    ),
  );

  if (whatIf.length > 0) {
    console.log('');
    console.log(
      `## What-if: concurrency ${WHAT_IF_CONCURRENCY} (createNodeClients({ concurrency: ${WHAT_IF_CONCURRENCY} }); default is lower)`,
    );
    const body = whatIf
      .filter((r) => r.n === SCALING_N)
      .map((r) => {
        const base = whatIf.find(
          (b) => b.kind === r.kind && b.n === 1 && b.spec.mode === r.spec.mode,
        );
        const baseWall = base ? median(base.walls) : Number.NaN;
        const defaultRow = rows.find(
          (d) => d.kind === r.kind && d.n === r.n && d.spec.mode === r.spec.mode,
        );
        return [
          r.kind,
          r.spec.mode,
          ms(baseWall),
          ms(median(r.walls)),
          String(median(r.waves)),
          String(max(r.inFlight)),
          ratio(median(r.walls) / baseWall),
          defaultRow ? ratio(median(defaultRow.walls) / t1(rows, defaultRow)) : '–',
        ];
      });
    console.log(
      table(
        [
          'world',
          'mode',
          'T(1) ms',
          `T(${SCALING_N}) ms`,
          'waves',
          'inflight',
          `T(${SCALING_N})/T(1)`,
          'same at default',
        ],
        body,
      ),
    );
  }

  console.log('');
  console.log(
    `## Forge budget: ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms latency (Node clients, default concurrency)`,
  );
  for (const f of forge) {
    console.log(
      `${f.target ? '' : '(not a target) '}${f.label} (${f.broken} project(s) to explain): median ${ms(median(f.walls))} ms, max ${ms(max(f.walls))} ms over ${f.walls.length} run(s), ${f.requests} requests`,
    );
  }

  console.log('');
  console.log(`## CLI peak RSS (${rssMethod()})`);
  if (mem.note) console.log(mem.note);
  if (mem.refused) {
    const first = mem.refused.stderr.trim().split('\n')[0] ?? '';
    console.log(
      `real CLI, ${MEMORY_N} projects: exit ${mem.refused.exitCode} — ${first} (peak ${mem.refused.peakMiB?.toFixed(1) ?? '?'} MiB)`,
    );
  }
  for (const [label, m] of [
    ['real CLI (node bin/credential-doctor check … --format json)', mem.cli],
    [
      'CLI driver (bench/cli-driver.js: the same dist/cli main(), keys handed to the engine)',
      mem.driver,
    ],
  ] as const) {
    if (!m) continue;
    console.log(
      `${label}, ${m.n} projects, token+admin, explain world: peak ${m.run.peakMiB?.toFixed(1) ?? '?'} MiB, exit ${m.run.exitCode}, ${m.projects ?? '?'} projects in the JSON report, ${(m.run.stdout.length / 1024).toFixed(0)} KiB of output, ${ms(m.run.wallMs)} ms`,
    );
  }

  // ---- Targets
  console.log('');
  console.log('## Targets');
  const depthRows = rows;
  const worstDepth = max(depthRows.map((r) => r.depth));
  const deep = depthRows.filter((r) => r.depth > DEPTH_TARGET);
  console.log(
    `${verdict(deep.length === 0)} round-trip depth ≤ ${DEPTH_TARGET} (all N, token/admin/both, both worlds): max ${worstDepth}${deep.length ? ` — ${describeRows(deep)}` : ''}`,
  );
  const variantDeep = variantRows.filter((r) => r.depth > DEPTH_TARGET);
  if (variantRows.length > 0) {
    console.log(
      `${verdict(variantDeep.length === 0)} round-trip depth ≤ ${DEPTH_TARGET}, other ways to name the sync user: max ${max(variantRows.map((r) => r.depth))}${variantDeep.length ? ` — ${describeRows(variantDeep)}` : ''}`,
    );
  }
  const ruleFailures = rows.filter((r) => r.rules.some((x) => !x.ok));
  const worstInFlight = max(rows.flatMap((r) => r.inFlight));
  console.log(
    `${verdict(ruleFailures.length === 0 && countDrift.length === 0 && worstInFlight <= 8)} request count: bulk endpoints, schemes once, no per-project-per-permission calls, in flight ≤ 8: ${ruleFailures.length} row(s) breaking a rule, max in flight ${worstInFlight}`,
  );
  const scalingRows = rows.filter((r) => r.n === SCALING_N);
  const scaling = scalingRows.map((r) => ({ r, value: median(r.walls) / t1(rows, r) }));
  const worstScaling = scaling.sort((a, b) => b.value - a.value)[0];
  const scalingMisses = scaling.filter((s) => s.value > SCALING_TARGET);
  if (QUICK) {
    console.log(
      `SKIP scaling T(500)/T(1) ≤ ${SCALING_TARGET}: N = 500 not run in --quick; worst T(${SCALING_N})/T(1) = ${ratio(worstScaling?.value ?? Number.NaN)} (${worstScaling ? describeRow(worstScaling.r) : ''})`,
    );
  } else {
    console.log(
      `${verdict(scalingMisses.length === 0)} scaling T(500)/T(1) ≤ ${SCALING_TARGET} at ${LATENCY_MS} ms: worst ${ratio(worstScaling?.value ?? Number.NaN)} (${worstScaling ? describeRow(worstScaling.r) : ''}); ${scalingMisses.length} of ${scaling.length} rows above: ${scaling.map((s) => `${s.r.kind}/${describeSpec(s.r.spec)} ${ratio(s.value)}`).join(', ')}`,
    );
  }
  const t1Rows = rows.filter((r) => r.n === 1);
  const t1Checks = t1Rows.map((r) => {
    const bound = 1.3 * r.depth * LATENCY_MS + LATENCY_MS;
    return { r, wall: median(r.walls), bound };
  });
  const t1Misses = t1Checks.filter((c) => c.wall > c.bound);
  console.log(
    `${verdict(t1Misses.length === 0)} T(1) ≤ 1.3 × depth × ${LATENCY_MS} ms + ${LATENCY_MS} ms: ${t1Checks.map((c) => `${c.r.kind}/${describeSpec(c.r.spec)} ${ms(c.wall)} ≤ ${ms(c.bound)}`).join(', ')}`,
  );
  const forgeTargets = forge.filter((f) => f.target);
  const forgeWorst = max(forgeTargets.flatMap((f) => f.walls));
  console.log(
    `${verdict(forgeWorst < FORGE_BUDGET_MS)} Forge budget: ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms latency < ${FORGE_BUDGET_MS / 1000} s: slowest run ${ms(forgeWorst)} ms (${forgeTargets.map((f) => `${f.label}: median ${ms(median(f.walls))} ms`).join('; ')})`,
  );
  const driverPeak = mem.driver?.run.peakMiB ?? null;
  const memoryOk =
    driverPeak === null || mem.driver?.projects !== MEMORY_N
      ? null
      : driverPeak < MEMORY_BUDGET_MIB;
  console.log(
    `${verdict(memoryOk)} memory: CLI peak RSS for a ${MEMORY_N}-project check < ${MEMORY_BUDGET_MIB} MB: ${driverPeak === null ? 'not measured' : `${driverPeak.toFixed(1)} MiB`} (CLI driver, because the CLI accepts at most ${CLI_MAX_PROJECTS} projects; real CLI at ${mem.cli?.n ?? CLI_MAX_PROJECTS}: ${mem.cli?.run.peakMiB?.toFixed(1) ?? '?'} MiB)`,
  );
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function describeRow(r: Row): string {
  return `${r.kind} N=${r.n} ${describeSpec(r.spec)}`;
}

function describeRows(rs: readonly Row[]): string {
  return rs.map((r) => `${describeRow(r)}: ${r.depth}`).join(', ');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
