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
 * Then create readiness on/off around its limit (`CREATE_READINESS_MAX_PROJECTS`), the default
 * concurrency against a lower one, the Forge budget (1000 projects, admin mode, 100 ms latency, the
 * resolver's concurrency), the real CLI's peak RSS for its largest check, and one PASS/MISS line
 * per target, with the reason of every MISS. Each simulator runs in a worker thread
 * (bench/sim-host.ts), so its own CPU time is not charged to the engine's event loop. Nothing here
 * is asserted: test/bench/bench-smoke.test.ts asserts the deterministic parts (depth and request
 * rules).
 */
import os from 'node:os';
import { MAX_PROJECTS as CLI_MAX_PROJECTS } from '../src/cli/validate';
import { EXPLAIN_MAX_PROJECTS } from '../src/engine/explain/explain-projects';
import { CREATE_READINESS_MAX_PROJECTS } from '../src/engine/cloud/steps/create-readiness';
import { LARGE_RUN_SAMPLE } from '../src/engine/cloud/sync-checks';
import { KEYS_PER_PAGE } from '../src/engine/cloud/steps/projects';
import { DEFAULT_CONCURRENCY, lowPrioritySlots, MAX_CONCURRENCY } from '../src/jira/concurrency';
import { RESOLVER_CONCURRENCY } from '../src/resolvers/limits';
import { MAX_PROJECTS as RESOLVER_MAX_PROJECTS } from '../src/resolvers/validate';
import { max, median, min, ms, ratio, table, verdict } from './format';
import {
  BENCH_MODES,
  checkRequestRules,
  checksDoneMs,
  describeSpec,
  LOW_PRIORITY_STEPS,
  maxInFlight,
  roundsSummary,
  runCheck,
  wavesSummary,
  wireWaves,
  type CallRecord,
  type RuleResult,
  type RunSpec,
} from './measure';
import { BIN, distStatus, measurePeakRss, rssMethod, type RssRun } from './memory';
import { runNaive } from './naive';
import { allPoints, costBench } from './cost';
import { pointsTable } from './points';
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
/** Issue 26's measurements only (bench/cost.ts). */
const COST_ONLY = process.argv.includes('--cost');
/** The latency the cost target is stated at (issue 12: "both views at 40 ms latency"). */
const DEFAULT_LATENCY_MS = 40;
const LATENCY_MS = latencyOption(process.argv.slice(2));
const FORGE_LATENCY_MS = 100;
const SIZES = QUICK ? [1, 10, 100] : [1, 10, 100, 500, 1000];
const RUNS = QUICK ? 1 : 5;
const NAIVE_MAX_N = 100;
const DEPTH_TARGET = 4;
const SCALING_N = QUICK ? 100 : 500;
const SCALING_TARGET = 1.5;
/** The cost target: both views, the largest N against N = 1. */
const COST_N = SIZES[SIZES.length - 1] as number;
const FORGE_N = 1000;
const FORGE_BUDGET_MS = 5000;
const FORGE_RUNS = QUICK ? 1 : 3;
/** Parallel Jira calls of a Forge run (the resolver's own limit). */
const FORGE_CONCURRENCY = RESOLVER_CONCURRENCY;
/** Forge stress world: every 20th project broken, i.e. 50 at N = 1000, more than the explain cap. */
const STRESS_BROKEN_EVERY = 20;
/** The largest check the CLI accepts. */
const MEMORY_N = CLI_MAX_PROJECTS;
const MEMORY_BUDGET_MB = 150;
/** Compared with the default: one step lower than `DEFAULT_CONCURRENCY` (the most Jira allows). */
const COMPARE_CONCURRENCY = 6;
/** Create readiness (createmeta) around its limit: inside, at the limit and one above (first 10 sampled). */
const READINESS_SIZES = QUICK
  ? [CREATE_READINESS_MAX_PROJECTS]
  : [
      1,
      Math.ceil(CREATE_READINESS_MAX_PROJECTS / 2),
      CREATE_READINESS_MAX_PROJECTS,
      CREATE_READINESS_MAX_PROJECTS + 1,
    ];
const SEARCH_PATH = '/rest/api/3/project/search';
const EXPLAIN_STEP = 'grant-explanation';

interface Row {
  kind: WorldKind;
  n: number;
  /** Projects the explain world breaks at this N. */
  broken: number;
  spec: RunSpec;
  requests: number;
  depth: number;
  calls: CallRecord[];
  rules: RuleResult[];
  walls: number[];
  waves: number[];
  inFlight: number[];
  checksDone: number[];
  timedRequests: number[];
  /** `wavesSummary` of the last timed run. */
  waveLines: string[];
  verdict: string;
}

/** `--latency MS` or `--latency=MS`: the simulator's added latency per request (default 40 ms). */
function latencyOption(args: readonly string[]): number {
  const index = args.findIndex((a) => a === '--latency' || a.startsWith('--latency='));
  if (index < 0) return DEFAULT_LATENCY_MS;
  const arg = args[index] as string;
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[index + 1];
  const ms = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || ms < 1 || ms > 1000) {
    console.error(
      `--latency needs a whole number of milliseconds from 1 to 1000 (got ${value ?? 'nothing'}).`,
    );
    process.exit(2);
  }
  return ms;
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
        broken: bench.broken.length,
        spec,
        requests: run.evidence.length,
        depth: run.rounds ?? Number.NaN,
        calls: run.calls,
        rules: checkRequestRules(run, bench),
        walls: [],
        waves: [],
        inFlight: [],
        checksDone: [],
        timedRequests: [],
        waveLines: [],
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
        row.checksDone.push(checksDoneMs(run.evidence));
        row.timedRequests.push(run.evidence.length);
        row.waveLines = wavesSummary(run.evidence);
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

/** Per project, from the largest measured N. */
function naivePerProject(measured: readonly NaiveRow[]): number {
  const basis = [...measured].sort((a, b) => b.n - a.n)[0];
  return basis ? median(basis.walls) / basis.n : Number.NaN;
}

function naiveFor(n: number, measured: readonly NaiveRow[]): NaiveRow {
  const exact = measured.find((r) => r.n === n);
  if (exact) return exact;
  return { n, walls: [naivePerProject(measured) * n], requests: 2 * n, extrapolated: true };
}

const sameSpec = (a: RunSpec, b: RunSpec): boolean => describeSpec(a) === describeSpec(b);

function baseRow(rows: readonly Row[], row: Row): Row | undefined {
  return rows.find((r) => r.kind === row.kind && r.n === 1 && sameSpec(r.spec, row.spec));
}

const t1 = (rows: readonly Row[], row: Row): number => {
  const first = baseRow(rows, row);
  return first ? median(first.walls) : Number.NaN;
};

/** When the verdict's own requests were answered at N = 1 (see `checksDoneMs`). */
const done1 = (rows: readonly Row[], row: Row): number => {
  const first = baseRow(rows, row);
  return first ? median(first.checksDone) : Number.NaN;
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
    'checks done ms',
    'done N/1',
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
      ms(median(r.checksDone)),
      ratio(median(r.checksDone) / done1(rows, r)),
      ratio(wall / (r.depth * LATENCY_MS)),
      `${nv.extrapolated ? '≈' : ''}${ms(naiveWall)}`,
      `${nv.extrapolated ? '≈' : ''}${ratio(wall / naiveWall, 3)}`,
    ];
  });
  console.log(table(header, body));
}

/** Lockstep rounds that send more requests than the run has slots, in round order. */
function overfullRounds(row: Row, slots: number): CallRecord[][] {
  const byRound = new Map<number, CallRecord[]>();
  for (const c of row.calls) byRound.set(c.round ?? 0, [...(byRound.get(c.round ?? 0) ?? []), c]);
  return [...byRound]
    .sort(([a], [b]) => a - b)
    .map(([, calls]) => calls)
    .filter((calls) => calls.length > slots);
}

const isSearchPage = (c: CallRecord): boolean => c.path === SEARCH_PATH && c.keys > 0;

/**
 * One line: why a row is slower than its target allows, from its waves and lockstep rounds,
 * compared with its N = 1 row (`base`) or, without one, with its own depth.
 */
function slowerReason(row: Row, base: Row | undefined): string {
  const waves = median(row.waves);
  const reference = base ? median(base.waves) : row.depth;
  const compared = base
    ? `${waves} waves vs ${reference} at N=1`
    : `${waves} waves for depth ${row.depth}`;
  if (waves <= reference) {
    const extra = median(row.walls) - waves * LATENCY_MS;
    return `${compared}; the other ${ms(extra)} ms are CPU work and noise (min–max ${ms(min(row.walls))}–${ms(max(row.walls))} ms)`;
  }
  const slots = row.spec.concurrency ?? DEFAULT_CONCURRENCY;
  const full = overfullRounds(row, slots);
  if (full.length === 0)
    return `${compared}: requests of consecutive rounds queue behind each other for ${slots} slots`;
  const rounds = full.map((calls) => {
    const pages = calls.filter(isSearchPage).length;
    const explain = calls.filter((c) => c.step === EXPLAIN_STEP).length;
    const readiness = calls.filter((c) => LOW_PRIORITY_STEPS.has(c.step)).length;
    const other = calls.length - pages - explain - readiness;
    const parts = [
      pages ? `${pages} search pages` : '',
      explain ? `${explain} explanation` : '',
      readiness ? `${readiness} advisory (create readiness, fields, security)` : '',
      other ? `${other} other` : '',
    ].filter(Boolean);
    return `${calls[0]?.round ?? '?'} (${calls.length}: ${parts.join(' + ')})`;
  });
  const all = full.flat();
  const causes = [
    all.some(isSearchPage)
      ? `a search page names ≤ ${KEYS_PER_PAGE} keys, Jira's documented maximum per call`
      : '',
    all.some((c) => c.step === EXPLAIN_STEP)
      ? `explanation work grows with the number of broken projects by design (${row.broken} here${base ? ` vs ${base.broken} at N=1` : ''}; ≤ ${EXPLAIN_MAX_PROJECTS} explained)`
      : '',
  ].filter(Boolean);
  return `${compared} (wall ≈ waves × latency); rounds over ${slots} slots: ${rounds.join(', ')}${causes.length ? `; ${causes.join('; ')}` : ''}`;
}

interface ForgeRow {
  label: string;
  broken: number;
  explained: number;
  walls: number[];
  waves: number[];
  requests: number;
}

async function forgeBudget(): Promise<ForgeRow[]> {
  const worlds = [
    ...WORLD_KINDS.map((kind) => benchWorld(kind, FORGE_N)),
    benchWorld('explain', FORGE_N, STRESS_BROKEN_EVERY),
  ];
  const out: ForgeRow[] = [];
  for (const bench of worlds) {
    const label =
      bench.kind === 'healthy'
        ? 'healthy'
        : bench.brokenEvery === STRESS_BROKEN_EVERY
          ? `stress, every ${bench.brokenEvery}th project broken`
          : `explain, every ${bench.brokenEvery}th project broken`;
    progress(`Forge budget: ${label}, ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms`);
    out.push(
      await withSimulator(bench, FORGE_LATENCY_MS, async (sim) => {
        const row: ForgeRow = {
          label,
          broken: bench.broken.length,
          explained: 0,
          walls: [],
          waves: [],
          requests: 0,
        };
        for (let i = 0; i < FORGE_RUNS; i++) {
          const run = await runCheck(
            sim,
            bench,
            { mode: 'admin', concurrency: FORGE_CONCURRENCY, forge: true },
            { exchanges: false },
          );
          row.walls.push(run.wallMs);
          row.waves.push(wireWaves(run.evidence));
          row.requests = run.evidence.length;
          row.explained = run.report.projects.filter((p) => p.explanation !== undefined).length;
        }
        return row;
      }),
    );
  }
  return out;
}

interface CliRun {
  label: string;
  run: RssRun;
  projects: number | null;
  explained: number | null;
}

interface MemoryResult {
  /** `node -e ''`: what the runtime alone takes. */
  bare: RssRun | null;
  cli: CliRun[];
  note: string | null;
}

function reportOf(run: RssRun): { projects: number | null; explained: number | null } {
  try {
    const report = JSON.parse(run.stdout) as { projects?: Array<{ explanation?: unknown }> };
    if (!Array.isArray(report.projects)) return { projects: null, explained: null };
    return {
      projects: report.projects.length,
      explained: report.projects.filter((p) => p.explanation !== undefined).length,
    };
  } catch {
    return { projects: null, explained: null };
  }
}

async function memory(): Promise<MemoryResult> {
  const dist = distStatus();
  if (!dist.built) {
    return {
      bare: null,
      cli: [],
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
    const args = [
      BIN,
      'check',
      '--site',
      sim.siteUrl,
      '--gateway',
      sim.gatewayUrl,
      '--project',
      bench.keys.join(','),
      '--email',
      BENCH_LOGINS.sync.email,
      '--admin-email',
      BENCH_LOGINS.admin.email,
      '--format',
      'json',
    ];
    progress('memory: bare node');
    const bare = await measurePeakRss(['-e', ''], {});
    const cli: CliRun[] = [];
    for (const [label, extra] of [
      ['token+admin', []],
      ['token+admin --explain', ['--explain']],
    ] as const) {
      progress(`memory: real CLI, ${MEMORY_N} projects, ${label}`);
      const run = await measurePeakRss([...args, ...extra], env);
      cli.push({ label, run, ...reportOf(run) });
    }
    return { bare, cli, note };
  });
}

const mib = (value: number | null | undefined): string =>
  value === null || value === undefined ? '?' : value.toFixed(1);
/** MiB (what GNU time and /proc report, in KiB) to MB (10^6 bytes, the budget's unit). */
const toMB = (valueMiB: number): number => (valueMiB * 1024 * 1024) / 1e6;

async function main(): Promise<void> {
  const started = Date.now();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Credential Doctor benchmark${QUICK ? ' (--quick)' : ''}: Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()}`,
  );
  console.log(
    `Latency ${LATENCY_MS} ms per request (simulator), ${RUNS} timed run(s) per row${QUICK ? '' : ' after one warm-up'}, N ∈ {${SIZES.join(', ')}}, default client concurrency ${DEFAULT_CONCURRENCY} (low-priority requests: one timer turn after they are asked for, at most ${lowPrioritySlots(DEFAULT_CONCURRENCY)} slots while normal ones run, every slot once they are done, never ahead of a waiting normal one).`,
  );
  console.log(
    'Permissions: BROWSE_PROJECTS, CREATE_ISSUES, EDIT_ISSUES. Modes: token = sync user email + token; admin = admin token, --user <accountId>; both = both, sync user from the token (CLI default).',
  );

  if (COST_ONLY) {
    await costBench(LATENCY_MS);
    console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return;
  }

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

  // The default against a lower concurrency, measured interleaved in the same runs.
  const concurrencyRows: Row[] = [];
  const concurrencySizes = [1, CREATE_READINESS_MAX_PROJECTS, SCALING_N];
  if (!QUICK) {
    for (const kind of WORLD_KINDS) {
      for (const n of concurrencySizes) {
        progress(`concurrency ${DEFAULT_CONCURRENCY} vs ${COMPARE_CONCURRENCY}: ${kind}, N = ${n}`);
        concurrencyRows.push(
          ...(await measureSize(
            kind,
            n,
            specs.flatMap((s) => [s, { ...s, concurrency: COMPARE_CONCURRENCY }]),
            RUNS,
            LATENCY_MS,
          )),
        );
      }
    }
  }
  const forge = await forgeBudget();
  const priced = await allPoints();
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
    `Every row includes the advisory reads at low priority (create readiness, fields, edit screens, issue security): every project up to ${CREATE_READINESS_MAX_PROJECTS}, the first ${LARGE_RUN_SAMPLE} above; create readiness is measured on its own below.`,
  );
  console.log(
    `naive (healthy world; the same in both): ${naive.map((r) => `N=${r.n}: ${ms(median(r.walls))} ms, ${r.requests} requests`).join('; ')}.${
      SIZES.some((n) => n > NAIVE_MAX_N)
        ? ` Not run above N=${NAIVE_MAX_N} (≈ 2 requests × ${LATENCY_MS} ms per project, sequential): N > ${NAIVE_MAX_N} is extrapolated linearly from N=${NAIVE_MAX_N} (${ms(naivePerProject(naive))} ms a project) and marked ≈.`
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
    for (const line of roundsSummary(r.calls)) console.log(`    ${line}`);
  }

  console.log('');
  console.log(
    `## Where the waves go: both views, N = 1 and N = ${COST_N} (last timed run; an attempt's wave is the length of the longest back-to-back chain of attempts that ends with it)`,
  );
  for (const r of rows.filter(
    (x) => x.spec.mode === 'both' && (x.n === 1 || x.n === COST_N) && x.waveLines.length,
  )) {
    console.log(`${describeRow(r)}: ${median(r.waves)} waves, ${ms(median(r.walls))} ms`);
    for (const line of r.waveLines) console.log(`    ${line}`);
  }

  const ruleRows = [...rows, ...variantRows, ...readiness, ...concurrencyRows];
  console.log('');
  console.log(
    `## Request rules (every lockstep run: ${ruleRows.length} rows — the world tables, depth variants, create readiness and concurrency rows)`,
  );
  const ruleNames = [...new Set(ruleRows.flatMap((r) => r.rules.map((x) => x.rule)))];
  for (const name of ruleNames) {
    const failing = ruleRows.filter((r) => r.rules.some((x) => x.rule === name && !x.ok));
    const example = rows[rows.length - 1]?.rules.find((x) => x.rule === name);
    console.log(
      `${failing.length === 0 ? 'ok  ' : 'FAIL'} ${name}${failing.length ? `: ${failing.map((r) => `${describeRow(r)} (${r.rules.find((x) => x.rule === name)?.detail})`).join('; ')}` : ` (e.g. ${example?.detail ?? ''})`}`,
    );
  }
  const timedRows = ruleRows.filter((r) => r.timedRequests.length > 0);
  const countDrift = timedRows.filter((r) => r.timedRequests.some((c) => c !== r.requests));
  console.log(
    `${countDrift.length === 0 ? 'ok  ' : 'FAIL'} timed runs send the same requests as the lockstep run${countDrift.length ? `: ${countDrift.map(describeRow).join(', ')}` : ''}`,
  );

  console.log('');
  console.log(
    `## Create readiness (createmeta dry run, low priority, on by default: every project up to ${CREATE_READINESS_MAX_PROJECTS}, the first ${LARGE_RUN_SAMPLE} above): healthy world, on vs off`,
  );
  console.log(
    '"checks done": when the last answer outside the dry run arrived (what the priority limiter protects); "wall": the whole run, dry run included.',
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
        'checks done on ms',
        'checks done off ms',
        'wall on ms',
        'wall off ms',
        'wall on/off',
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
            `${n}${n > CREATE_READINESS_MAX_PROJECTS ? ` (first ${LARGE_RUN_SAMPLE} sampled)` : ''}`,
            mode,
            String(on?.requests ?? '–'),
            String(off?.requests ?? '–'),
            String(on ? median(on.waves) : '–'),
            String(off ? median(off.waves) : '–'),
            ms(on ? median(on.checksDone) : Number.NaN),
            ms(off ? median(off.checksDone) : Number.NaN),
            ms(wallOn),
            ms(wallOff),
            ratio(wallOn / wallOff),
          ];
        }),
      ),
    ),
  );

  console.log('');
  if (concurrencyRows.length === 0) {
    console.log(
      `## Concurrency ${DEFAULT_CONCURRENCY} (default) vs ${COMPARE_CONCURRENCY}: not run in --quick`,
    );
  } else {
    console.log(
      `## Concurrency ${DEFAULT_CONCURRENCY} (default, = the most the client allows) vs ${COMPARE_CONCURRENCY} (createNodeClients({ concurrency: ${COMPARE_CONCURRENCY} })), measured interleaved`,
    );
    const body = concurrencyRows
      .filter((r) => r.spec.concurrency === COMPARE_CONCURRENCY)
      .map((lower) => {
        const def = concurrencyRows.find(
          (d) =>
            d.kind === lower.kind &&
            d.n === lower.n &&
            d.spec.mode === lower.spec.mode &&
            d.spec.concurrency === undefined,
        );
        const wallDefault = def ? median(def.walls) : Number.NaN;
        return [
          lower.kind,
          lower.spec.mode,
          String(lower.n),
          ms(wallDefault),
          ms(median(lower.walls)),
          def ? String(median(def.waves)) : '–',
          String(median(lower.waves)),
          ratio(median(lower.walls) / wallDefault),
        ];
      });
    console.log(
      table(
        [
          'world',
          'mode',
          'N',
          `wall ${DEFAULT_CONCURRENCY} ms`,
          `wall ${COMPARE_CONCURRENCY} ms`,
          `waves ${DEFAULT_CONCURRENCY}`,
          `waves ${COMPARE_CONCURRENCY}`,
          `${COMPARE_CONCURRENCY}/${DEFAULT_CONCURRENCY}`,
        ],
        body,
      ),
    );
  }

  console.log('');
  console.log(
    `## Forge budget: ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms latency, concurrency ${FORGE_CONCURRENCY} (the resolver's; Node clients)`,
  );
  console.log(
    `The runCheck resolver accepts ≤ ${RESOLVER_MAX_PROJECTS} projects today (src/resolvers/validate.ts); ${FORGE_N} is the headroom the target asks for.`,
  );
  for (const f of forge) {
    console.log(
      `${f.label} (${f.broken} broken, ${f.explained} explained): median ${ms(median(f.walls))} ms, max ${ms(max(f.walls))} ms over ${f.walls.length} run(s), ${f.requests} requests, ${median(f.waves)} waves`,
    );
  }

  console.log('');
  console.log(
    "## A Forge run's price in rate-limit points (admin page; admin = the admin view only, both = with the sync user's token; batched = startRun + one runCheck per 100 projects; + one authorisation per call)",
  );
  console.log(pointsTable(priced));

  console.log('');
  console.log(`## CLI peak RSS (${rssMethod()})`);
  if (mem.note) console.log(mem.note);
  if (mem.bare) console.log(`bare node (node -e ''): peak ${mib(mem.bare.peakMiB)} MiB`);
  for (const c of mem.cli) {
    console.log(
      `real CLI (node bin/credential-doctor check … --format json), ${MEMORY_N} projects, ${c.label}, explain world: peak ${mib(c.run.peakMiB)} MiB, exit ${c.run.exitCode}, ${c.projects ?? '?'} projects (${c.explained ?? '?'} explained) in the JSON report, ${(c.run.stdout.length / 1024).toFixed(0)} KiB of output, ${ms(c.run.wallMs)} ms`,
    );
    const problem = c.run.stderr.trim().split('\n')[0];
    if (c.projects !== MEMORY_N && problem) console.log(`    stderr: ${problem}`);
  }

  // ---- Targets
  console.log('');
  console.log('## Targets');
  const why = (text: string): void => console.log(`     why: ${text}`);

  const deep = rows.filter((r) => r.depth > DEPTH_TARGET);
  console.log(
    `${verdict(deep.length === 0)} round-trip depth ≤ ${DEPTH_TARGET} (all N, token/admin/both, both worlds): max ${max(rows.map((r) => r.depth))}`,
  );
  for (const r of deep) why(`${describeRow(r)}: ${roundsSummary(r.calls).join(' | ')}`);
  if (variantRows.length > 0) {
    const variantDeep = variantRows.filter((r) => r.depth > DEPTH_TARGET);
    console.log(
      `${verdict(variantDeep.length === 0)} round-trip depth ≤ ${DEPTH_TARGET}, other ways to name the sync user: max ${max(variantRows.map((r) => r.depth))}`,
    );
    for (const r of variantDeep) why(`${describeRow(r)}: ${roundsSummary(r.calls).join(' | ')}`);
  }

  const ruleFailures = ruleRows.filter((r) => r.rules.some((x) => !x.ok));
  const worstInFlight = max(timedRows.flatMap((r) => r.inFlight));
  const rulesOk =
    ruleFailures.length === 0 && countDrift.length === 0 && worstInFlight <= MAX_CONCURRENCY;
  console.log(
    `${verdict(rulesOk)} request count: bulk endpoints, schemes once, no per-project-per-permission calls, in flight ≤ ${MAX_CONCURRENCY}: ${ruleFailures.length} of ${ruleRows.length} row(s) breaking a rule, max in flight ${worstInFlight}`,
  );
  if (!rulesOk) {
    const broken = [
      ...new Set(ruleFailures.flatMap((r) => r.rules.filter((x) => !x.ok).map((x) => x.rule))),
    ];
    why(
      [
        ...broken,
        ...(countDrift.length ? ['timed runs sent other requests than the lockstep run'] : []),
        ...(worstInFlight > MAX_CONCURRENCY ? [`${worstInFlight} in flight`] : []),
      ].join('; '),
    );
  }

  const scaling = rows
    .filter((r) => r.n === SCALING_N)
    .map((r) => ({ r, value: median(r.walls) / t1(rows, r) }))
    .sort((a, b) => b.value - a.value);
  const worstScaling = scaling[0];
  const scalingMisses = scaling.filter((s) => s.value > SCALING_TARGET);
  const scalingList = scaling.map((s) => `${s.r.kind}/${describeSpec(s.r.spec)} ${ratio(s.value)}`);
  if (QUICK) {
    console.log(
      `SKIP scaling T(500)/T(1) ≤ ${SCALING_TARGET} at ${LATENCY_MS} ms: N = 500 not run in --quick; T(${SCALING_N})/T(1): ${scalingList.join(', ')}`,
    );
  } else {
    console.log(
      `${verdict(scalingMisses.length === 0)} scaling T(500)/T(1) ≤ ${SCALING_TARGET} at ${LATENCY_MS} ms: worst ${ratio(worstScaling?.value ?? Number.NaN)}; ${scalingMisses.length} of ${scaling.length} rows above: ${scalingList.join(', ')}`,
    );
    for (const { r, value } of scalingMisses) {
      why(
        `${r.kind}/${describeSpec(r.spec)} ${ratio(value)}: ${slowerReason(r, baseRow(rows, r))}`,
      );
    }
  }

  const costRows = rows.filter((r) => r.n === COST_N && r.spec.mode === 'both');
  const cost = costRows.map((r) => ({
    r,
    wall: median(r.walls) / t1(rows, r),
    done: median(r.checksDone) / done1(rows, r),
  }));
  const costMisses = cost.filter((c) => c.wall > SCALING_TARGET);
  console.log(
    `${verdict(costMisses.length === 0)} cost: both views, T(${COST_N})/T(1) ≤ ${SCALING_TARGET} at ${LATENCY_MS} ms: ${cost
      .map(
        (c) =>
          `${c.r.kind} ${ratio(c.wall)} (${ms(median(c.r.walls))} vs ${ms(t1(rows, c.r))} ms, ${c.r.requests} requests; the verdict's checks ${ratio(c.done)}: ${ms(median(c.r.checksDone))} vs ${ms(done1(rows, c.r))} ms)`,
      )
      .join(', ')}`,
  );
  for (const c of costMisses)
    why(`${c.r.kind}/${describeSpec(c.r.spec)}: ${slowerReason(c.r, baseRow(rows, c.r))}`);

  const t1Checks = rows
    .filter((r) => r.n === 1)
    .map((r) => ({ r, wall: median(r.walls), bound: 1.3 * r.depth * LATENCY_MS + LATENCY_MS }));
  const t1Misses = t1Checks.filter((c) => c.wall > c.bound);
  console.log(
    `${verdict(t1Misses.length === 0)} T(1) ≤ 1.3 × depth × ${LATENCY_MS} ms + ${LATENCY_MS} ms: ${t1Checks.map((c) => `${c.r.kind}/${describeSpec(c.r.spec)} ${ms(c.wall)} ≤ ${ms(c.bound)}`).join(', ')}`,
  );
  for (const c of t1Misses)
    why(
      `${c.r.kind}/${describeSpec(c.r.spec)} ${ms(c.wall)} ms > ${ms(c.bound)} ms: ${slowerReason(c.r, undefined)}`,
    );

  const forgeWorst = forge.reduce<ForgeRow | undefined>(
    (worst, f) => (worst && max(worst.walls) >= max(f.walls) ? worst : f),
    undefined,
  );
  const forgeWorstMs = forgeWorst ? max(forgeWorst.walls) : Number.NaN;
  console.log(
    `${verdict(forgeWorstMs < FORGE_BUDGET_MS)} Forge budget: ${FORGE_N} projects, admin mode, ${FORGE_LATENCY_MS} ms latency < ${FORGE_BUDGET_MS / 1000} s: slowest run ${ms(forgeWorstMs)} ms at concurrency ${FORGE_CONCURRENCY} (${forge.map((f) => `${f.label}: median ${ms(median(f.walls))} ms`).join('; ')})`,
  );
  if (forgeWorst && !(forgeWorstMs < FORGE_BUDGET_MS))
    why(
      `${forgeWorst.label}: ${forgeWorst.requests} requests in ${median(forgeWorst.waves)} waves of ${FORGE_LATENCY_MS} ms at ${FORGE_CONCURRENCY} slots; ${forgeWorst.explained} project(s) explained (explanation work grows with the number of broken projects by design, ≤ ${EXPLAIN_MAX_PROJECTS} explained)`,
    );

  const measured = mem.cli.filter((c) => c.run.peakMiB !== null && c.projects === MEMORY_N);
  const heaviest = measured.sort((a, b) => (b.run.peakMiB ?? 0) - (a.run.peakMiB ?? 0))[0];
  const peakMB = heaviest?.run.peakMiB == null ? null : toMB(heaviest.run.peakMiB);
  const memoryOk =
    peakMB === null || measured.length !== mem.cli.length ? null : peakMB < MEMORY_BUDGET_MB;
  console.log(
    `${verdict(memoryOk)} memory: CLI peak RSS for a ${MEMORY_N}-project check < ${MEMORY_BUDGET_MB} MB: ${
      heaviest && peakMB !== null
        ? `${peakMB.toFixed(1)} MB (${mib(heaviest.run.peakMiB)} MiB), real CLI, ${heaviest.label}; bare node ${mem.bare?.peakMiB == null ? '?' : toMB(mem.bare.peakMiB).toFixed(1)} MB`
        : `not measured${mem.note ? ` (${mem.note})` : ' (a run did not produce a full report; see above)'}`
    }`,
  );
  if (memoryOk === false && heaviest && peakMB !== null)
    why(
      `${heaviest.label}: ${(peakMB - (mem.bare?.peakMiB == null ? 0 : toMB(mem.bare.peakMiB))).toFixed(1)} MB above bare node for ${MEMORY_N} projects and a ${(heaviest.run.stdout.length / 1024).toFixed(0)} KiB report`,
    );
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function describeRow(r: Row): string {
  return `${r.kind} N=${r.n} ${describeSpec(r.spec)}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
