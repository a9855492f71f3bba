/**
 * Data Center cost: T(N) for N = 1 … 500 target projects. Data Center has no bulk permission
 * check, so token mode asks `mypermissions` once per project and admin mode asks
 * `user/permission/search` once per project (all held) or 1 + P times (something missing); at
 * most 8 requests are in flight. Runs the real engine and HTTP client against the Data Center
 * simulator with injected latency; prints ratios measured in this run (no thresholds).
 *
 *   npx tsx bench/datacenter.ts [--latency MS]
 */
import { startDataCenterSimulator, dcBaseWorld, DC_SECRETS } from '../simulator/datacenter';
import { diagnoseDataCenter } from '../src/engine/datacenter/diagnose';
import { createDataCenterClients } from '../src/cli/clients';
import { EvidenceLog } from '../src/engine/port/evidence';

const SIZES = [1, 10, 50, 100, 250, 500];
const CONCURRENCY = 8;
const latencyArg = process.argv.indexOf('--latency');
const LATENCY_MS = latencyArg > 0 ? Number(process.argv[latencyArg + 1]) : 50;

type Mode = 'token' | 'admin' | 'admin, 1 permission missing everywhere';

async function measure(
  n: number,
  mode: Mode,
): Promise<{ ms: number; requests: number; verdict: string }> {
  const world = dcBaseWorld(n);
  if (mode === 'admin, 1 permission missing everywhere') {
    // EDIT_ISSUES goes to a role nobody is in: every project misses it.
    for (const grant of world.schemes[0]!.grants)
      if (grant.permission === 'EDIT_ISSUES') grant.holder = { type: 'group', parameter: 'nobody' };
  }
  const sim = await startDataCenterSimulator(world, { latencyMs: LATENCY_MS });
  try {
    const evidence = new EvidenceLog();
    const deps = createDataCenterClients({
      site: sim.baseUrl,
      evidence,
      concurrency: CONCURRENCY,
      ...(mode === 'token'
        ? { syncUser: { email: 'svc-sync', token: DC_SECRETS.syncPassword } }
        : { admin: { email: 'jadmin', token: DC_SECRETS.adminPassword } }),
    });
    const projects = Array.from({ length: n }, (_, i) => `P${i + 1}`);
    const started = performance.now();
    const report = await diagnoseDataCenter(
      {
        site: sim.baseUrl,
        projects,
        permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES'],
        ...(mode === 'token'
          ? { token: { scheme: 'basic', username: 'svc-sync' } }
          : { admin: { checker: 'jadmin', user: 'svc-sync' } }),
      },
      deps,
    );
    return {
      ms: performance.now() - started,
      requests: report.requestCount,
      verdict: report.verdict,
    };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  console.log(
    `Jira Data Center: T(N), simulator latency ${LATENCY_MS} ms per request, ${CONCURRENCY} in flight\n`,
  );
  for (const mode of ['token', 'admin', 'admin, 1 permission missing everywhere'] as Mode[]) {
    console.log(`${mode}`);
    console.log(
      '      N   requests    T(N) ms   T(N)/T(1)   T(N) / (⌈requests/8⌉ × latency)   verdict',
    );
    let t1 = 0;
    for (const n of SIZES) {
      const { ms, requests, verdict } = await measure(n, mode);
      if (n === 1) t1 = ms;
      const bound = Math.ceil(requests / CONCURRENCY) * LATENCY_MS;
      console.log(
        `${String(n).padStart(7)} ${String(requests).padStart(10)} ${ms.toFixed(0).padStart(10)} ${(ms / t1).toFixed(1).padStart(11)} ${(ms / bound).toFixed(2).padStart(34)}   ${verdict}`,
      );
    }
    console.log('');
  }
}

void main();
