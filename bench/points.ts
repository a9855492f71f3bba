/**
 * The price of a Forge run in Jira Cloud's rate-limit points (issue 26 item 2): the admin page's
 * check of 1, 100 and 1000 projects, on the single-call path (one `runCheck`) and the batched
 * path (`startRun`, then one `runCheck` per batch of 100), with and without the sync user's token.
 *
 * Points come from the run's evidence (`report.cost`, engine/knowledge/rate-limit-points.ts): only
 * the requests Forge makes as the signed-in admin spend them; the token's requests (Forge `fetch`
 * with an API token) and anonymous ones are exempt. The resolvers' own authorisation call (one
 * `mypermissions?permissions=ADMINISTER` per invocation, outside the engine's evidence) is added
 * here. The counts are deterministic: one run each, no latency.
 */
import { MAX_PROJECTS as BATCH_SIZE } from '../src/contract/payloads';
import type { EvidenceEntry } from '../src/engine/port/evidence';
import {
  perTenantQuota,
  QUOTA,
  requestPoints,
  spendsPoints,
} from '../src/engine/knowledge/rate-limit-points';
import { samplePlan } from '../src/engine/cloud/sync-checks';
import { table } from './format';
import { emptySchemeMemory } from '../src/engine/model/scheme-memory';
import { runCheck, type BenchMode, type SimulatorHandle } from './measure';
import { benchWorld, type WorldKind } from './worlds';

/** The resolvers' authorisation: `GET mypermissions?permissions=ADMINISTER`, one permission listed. */
export const AUTHORISE_POINTS = requestPoints({
  method: 'GET',
  path: '/rest/api/3/mypermissions',
  status: 200,
  objects: { core: 0, identity: 1, other: 0 },
});

export interface PointsRow {
  kind: WorldKind;
  n: number;
  mode: BenchMode;
  path: 'single' | 'batched';
  /** Engine invocations (batches). */
  invocations: number;
  requests: number;
  /** Requests that spend points (the engine's, plus one authorisation per invocation). */
  pricedRequests: number;
  points: number;
  /** Points by engine step, largest first. */
  bySteps: Array<[string, number]>;
  verdicts: string[];
}

function bySteps(entries: readonly EvidenceEntry[], into: Map<string, number>): void {
  for (const e of entries) {
    if (!spendsPoints(e)) continue;
    into.set(e.step, (into.get(e.step) ?? 0) + requestPoints(e));
  }
}

/** One row: the world's N projects as one call or as batches of `BATCH_SIZE`. */
export async function measurePoints(
  sim: SimulatorHandle,
  kind: WorldKind,
  n: number,
  mode: BenchMode,
  path: 'single' | 'batched',
): Promise<PointsRow> {
  const bench = benchWorld(kind, n);
  const batches: string[][] = [];
  if (path === 'single') batches.push(bench.keys);
  else for (let i = 0; i < n; i += BATCH_SIZE) batches.push(bench.keys.slice(i, i + BATCH_SIZE));
  const steps = new Map<string, number>();
  const row: PointsRow = {
    kind,
    n,
    mode,
    path,
    invocations: batches.length,
    requests: 0,
    pricedRequests: 0,
    points: 0,
    bySteps: [],
    verdicts: [],
  };
  // As run-check.ts: every batch of a larger run reads its share of the run's one sample.
  const runSample =
    batches.length > 1 ? { projects: samplePlan(bench.keys, null).projects, of: n } : undefined;
  // As run-check.ts (#26): the run keeps the shared screens its earlier batches read.
  const schemeMemory = batches.length > 1 ? emptySchemeMemory() : undefined;
  for (const keys of batches) {
    const run = await runCheck(
      sim,
      bench,
      { mode, forge: true },
      {
        exchanges: false,
        projects: keys,
        ...(runSample ? { runSample } : {}),
        ...(schemeMemory ? { schemeMemory } : {}),
      },
    );
    const cost = run.report.cost ?? { requests: 0, points: 0 };
    row.requests += run.report.requestCount + 1;
    row.pricedRequests += cost.requests + 1;
    row.points += cost.points + AUTHORISE_POINTS;
    row.verdicts.push(run.report.verdict);
    bySteps(run.evidence, steps);
  }
  // The batched path starts with `startRun`, which authorises once more (pasted keys: no read).
  if (path === 'batched') {
    row.requests += 1;
    row.pricedRequests += 1;
    row.points += AUTHORISE_POINTS;
  }
  steps.set(
    'authorise (resolver)',
    (path === 'batched' ? batches.length + 1 : 1) * AUTHORISE_POINTS,
  );
  row.bySteps = [...steps].sort((a, b) => b[1] - a[1]);
  return row;
}

/** Runs of this size that fit in an hour's pool. */
export const runsPerHour = (quota: number, points: number): number => Math.floor(quota / points);

export function pointsTable(rows: readonly PointsRow[]): string {
  const standard100 = perTenantQuota('standard', 100);
  return table(
    [
      'world',
      'N',
      'mode',
      'path',
      'calls',
      'requests',
      'priced',
      'points',
      `runs/h, Tier 1 (${QUOTA.globalPoolPerHour})`,
      `runs/h, Tier 2 Standard 100 users (${standard100})`,
      'largest (points by step)',
    ],
    rows.map((r) => [
      r.kind,
      String(r.n),
      r.mode,
      r.path,
      String(r.invocations),
      String(r.requests),
      String(r.pricedRequests),
      String(r.points),
      String(runsPerHour(QUOTA.globalPoolPerHour, r.points)),
      String(runsPerHour(standard100, r.points)),
      r.bySteps
        .slice(0, 4)
        .map(([step, points]) => `${step} ${points}`)
        .join(', '),
    ]),
    4,
  );
}
