/**
 * Runs a benchmark world's simulator in a worker thread (started by `bench/sim-host.ts`), so the
 * simulator's CPU time (building answers for 1000 projects) does not run on the event loop of
 * the engine being measured.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '../simulator';
import { keepSchemesFixed } from '../simulator/screen-schemes';
import { benchWorld, type WorldKind } from './worlds';

export interface SimWorkerData {
  kind: WorldKind;
  n: number;
  latencyMs: number;
  brokenEvery?: number;
}

export type SimWorkerRequest =
  | { id: number; op: 'latency'; ms: number }
  | { id: number; op: 'reset' }
  | { id: number; op: 'log' }
  | { id: number; op: 'close' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('sim-worker must run in a worker thread');
  const { kind, n, latencyMs, brokenEvery } = workerData as SimWorkerData;
  const { world } = benchWorld(kind, n, brokenEvery);
  // The bench's world never changes while it runs.
  keepSchemesFixed(world);
  const sim = await startSimulator(world, { latencyMs });
  port.on('message', (message: SimWorkerRequest) => {
    const reply = (result: unknown): void => port.postMessage({ id: message.id, result });
    switch (message.op) {
      case 'latency':
        sim.setLatency(message.ms);
        reply(null);
        break;
      case 'reset':
        sim.resetLog();
        reply(null);
        break;
      case 'log':
        reply(sim.log);
        break;
      case 'close':
        void sim.close().then(() => {
          reply(null);
          port.close();
        });
        break;
    }
  });
  port.postMessage({ ready: { siteUrl: sim.siteUrl, gatewayUrl: sim.gatewayUrl } });
}

void main();
