/**
 * A real engine report over many projects for the browser suites: the engine's admin view run
 * against the simulator with the benchmark's generated world (every `brokenEvery`-th project lacks
 * a permission), not a hand-written JSON.
 */
import { localSimulator, runCheck } from '../../bench/measure';
import { benchWorld } from '../../bench/worlds';
import { startSimulator } from '../../simulator';
import { PRESETS } from '../../src/engine/knowledge/presets';
import type { Report } from '../../src/engine/model/report';

export interface LargeReport {
  report: Report;
  /** Keys of the projects where the sync user misses a permission, in the world's order. */
  broken: string[];
  /** Every project key, in the order the check was asked for. */
  keys: string[];
}

/**
 * A two-way sync's permissions and the restore extras the world's Developers role holds: enough
 * columns to need a sideways scroll at 800 px.
 */
export const MANY_PERMISSIONS = [
  ...PRESETS['two-way-sync'].permissions.map((p) => p.key),
  'RESOLVE_ISSUES',
  'SCHEDULE_ISSUES',
  'WORK_ON_ISSUES',
  'MANAGE_WATCHERS',
];

export async function largeEngineReport(
  projects: number,
  brokenEvery: number,
  permissions: readonly string[] = MANY_PERMISSIONS,
): Promise<LargeReport> {
  const bench = { ...benchWorld('explain', projects, brokenEvery), permissions: [...permissions] };
  const sim = await startSimulator(bench.world, { latencyMs: 0 });
  try {
    const { report } = await runCheck(localSimulator(sim), bench, { mode: 'admin' });
    return { report, broken: bench.broken, keys: bench.keys };
  } finally {
    await sim.close();
  }
}
