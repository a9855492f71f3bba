/** Starts `bench/sim-worker.ts` in a worker thread and talks to it (see `SimulatorHandle`). */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RecordedExchange } from '../simulator/recording';
import type { SimulatorHandle } from './measure';
import type { SimWorkerData, SimWorkerRequest } from './sim-worker';

type Op = SimWorkerRequest['op'];

export interface SimulatorThread extends SimulatorHandle {
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export function startSimulatorThread(data: SimWorkerData): Promise<SimulatorThread> {
  // The worker loads TypeScript through tsx's require hook, like `tsx bench/run.ts` does here.
  const source = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(
    path.join(__dirname, 'sim-worker.ts'),
  )});`;
  const worker = new Worker(source, { eval: true, workerData: data });
  const pending = new Map<number, (result: unknown) => void>();
  let next = 0;
  const call = <T>(op: Op, extra: Record<string, unknown> = {}): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve as (result: unknown) => void);
      worker.postMessage({ id, op, ...extra });
    });

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on(
      'message',
      (message: {
        id?: number;
        result?: unknown;
        ready?: { siteUrl: string; gatewayUrl: string };
      }) => {
        if (message.ready) {
          resolve({
            siteUrl: message.ready.siteUrl,
            gatewayUrl: message.ready.gatewayUrl,
            setLatency: (ms) => call('latency', { ms }),
            resetLog: () => call('reset'),
            exchanges: () => call<RecordedExchange[]>('log'),
            close: async () => {
              await call('close');
              await worker.terminate();
            },
          });
          return;
        }
        if (message.id !== undefined) {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        }
      },
    );
  });
}
