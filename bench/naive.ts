/**
 * The approach integrations use today: for each project, `GET /project/{key}` and then
 * `GET /mypermissions?projectKey=…` for it, one request after the other, as the sync user.
 * Same HTTP client, transport and simulator as the engine, so only the request pattern differs.
 */
import { performance } from 'node:perf_hooks';
import { EvidenceLog } from '../src/engine/port/evidence';
import { createNodeClients } from '../src/cli/clients';
import { jiraPath } from '../src/engine/port/jira-client';
import type { SimulatorHandle } from './measure';
import { BENCH_LOGINS, type BenchWorld } from './worlds';

export interface NaiveResult {
  wallMs: number;
  requests: number;
  /** Projects found and holding every required permission. */
  ready: number;
}

export async function runNaive(sim: SimulatorHandle, bench: BenchWorld): Promise<NaiveResult> {
  const evidence = new EvidenceLog();
  const clients = createNodeClients({
    site: sim.siteUrl,
    gateway: sim.gatewayUrl,
    evidence,
    ...BENCH_LOGINS.sync,
  });
  const client = clients.token?.site;
  if (!client) throw new Error('no token client');
  const t0 = performance.now();
  let ready = 0;
  for (const key of bench.keys) {
    const project = await client.request({
      method: 'GET',
      path: jiraPath`/rest/api/3/project/${key}`,
      step: 'naive',
    });
    if (project.status !== 200) continue;
    const mine = await client.request({
      method: 'GET',
      path: '/rest/api/3/mypermissions',
      query: { projectKey: key, permissions: bench.permissions.join(',') },
      step: 'naive',
    });
    const permissions = (
      mine.json as { permissions?: Record<string, { havePermission?: boolean }> }
    )?.permissions;
    if (bench.permissions.every((p) => permissions?.[p]?.havePermission === true)) ready++;
  }
  return { wallMs: performance.now() - t0, requests: evidence.entries().length, ready };
}
