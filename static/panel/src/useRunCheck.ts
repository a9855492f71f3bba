import { useCallback, useEffect, useRef, useState } from 'react';
import type { BatchPart } from '@shared/engine/run/merge-batches';
import {
  cancelRun,
  importReport,
  runBatch,
  runCheck,
  startRun,
  type RunBatchPayload,
  type StartRunPayload,
} from './api';
import type { ManySelection } from './components/check-form/state';
import type {
  ImportReportPayload,
  Report,
  ResolverError,
  ResolverResult,
  RunCheckPayload,
} from './types';

/** How far a run of many projects is: projects checked so far of all of them. */
export interface BatchProgress {
  checked: number;
  /** null until the selection has been turned into projects. */
  total: number | null;
}

export type RunState =
  | { status: 'idle'; notice?: string }
  | {
      status: 'running';
      runId: number;
      startedAt: number;
      previous: Report | null;
      /** Set for a run of many projects (checked in batches). */
      progress?: BatchProgress;
    }
  | { status: 'done'; runId: number; report: Report; elapsedMs: number }
  | { status: 'error'; runId: number; error: ResolverError; previous: Report | null }
  /** The run was cancelled: no result is current (an older one would describe another run). */
  | { status: 'cancelled'; runId: number; progress?: BatchProgress };

/** A failed batch invocation is tried once more before the run moves on without it. */
const BATCH_ATTEMPTS = 2;

/**
 * Runs checks so that only the newest run may change the state: a result that comes back after
 * a newer run started, after Cancel, or after unmount is dropped.
 */
export function useRunCheck() {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const latest = useRef(0);
  const mounted = useRef(true);
  const lastReport = useRef<Report | null>(null);
  /** The batched run in progress: its server-side id, and how far it got (for Cancel). */
  const batched = useRef<{ runId: number; id: string | null; progress: BatchProgress } | null>(
    null,
  );

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      latest.current += 1;
    };
  }, []);

  const current = useCallback((runId: number) => mounted.current && runId === latest.current, []);

  const finish = useCallback(
    (runId: number, startedAt: number, result: ResolverResult<{ report: Report }>) => {
      if (result.ok) {
        lastReport.current = result.report;
        setState({
          status: 'done',
          runId,
          report: result.report,
          elapsedMs: performance.now() - startedAt,
        });
      } else {
        setState({ status: 'error', runId, error: result.error, previous: lastReport.current });
      }
    },
    [],
  );

  const execute = useCallback(
    async (call: () => Promise<ResolverResult<{ report: Report }>>) => {
      latest.current += 1;
      const runId = latest.current;
      const startedAt = performance.now();
      setState({ status: 'running', runId, startedAt, previous: lastReport.current });
      const result = await call();
      if (current(runId)) finish(runId, startedAt, result);
    },
    [current, finish],
  );

  const run = useCallback(
    (payload: RunCheckPayload) => execute(() => runCheck(payload)),
    [execute],
  );
  /** Imports the report from the synchronizer's host; the admin view of the same check runs with it. */
  const importHost = useCallback(
    (payload: ImportReportPayload) => execute(() => importReport(payload)),
    [execute],
  );

  /**
   * A run of many projects: the resolver turns the selection into projects and plans batches of
   * up to 100; each batch is one invocation (inside Forge's 25 s limit), run one after the other
   * as the resolver's answers say. The first batch tests the credentials: when Jira refuses them
   * the resolver stops the run. The report shown is the batches' merged by the engine's rules.
   */
  const runMany = useCallback(
    async (payload: RunCheckPayload, selection: ManySelection) => {
      latest.current += 1;
      const runId = latest.current;
      const startedAt = performance.now();
      const progress: BatchProgress = { checked: 0, total: null };
      batched.current = { runId, id: null, progress };
      const show = () =>
        current(runId) &&
        setState({
          status: 'running',
          runId,
          startedAt,
          previous: lastReport.current,
          progress: { ...progress },
        });
      show();
      // The merge's code is loaded for runs of many projects only (not on the first screen).
      const merging = import('@shared/engine/run/merge-batches');
      const { projects: _chosen, token, ...check } = payload;
      const plan: StartRunPayload = { ...check, selection };
      const started = await startRun(plan);
      if (!current(runId)) return;
      if (!started.ok) {
        finish(runId, startedAt, started);
        return;
      }
      const planned = started.run;
      batched.current.id = planned.id;
      progress.total = planned.projects.length;
      show();

      const { mergeBatchReports, splitIntoBatches } = await merging;
      if (!current(runId)) return;
      const batches = splitIntoBatches(planned.projects, planned.batchSize);
      const reports: Array<Report | null> = batches.map(() => null);
      const failed = new Set<number>();
      let refusal: ResolverError | null = null;
      let credentialsRefused = false;
      let next: number | null = 0;
      while (next !== null) {
        const batch: number = next;
        const body: RunBatchPayload = {
          ...check,
          ...(token ? { token } : {}),
          run: { id: planned.id, batch },
        };
        let answer = await runBatch(body);
        for (let attempt = 1; !answer.ok && attempt < BATCH_ATTEMPTS; attempt++) {
          if (!current(runId) || answer.error.code !== 'INTERNAL') break;
          answer = await runBatch(body);
        }
        if (!current(runId)) return;
        if (answer.ok) {
          reports[batch] = answer.report;
          progress.checked = answer.run.checked;
          next = answer.run.next;
          credentialsRefused ||= answer.run.stopped === 'credentials-refused';
        } else if (answer.error.code === 'INTERNAL') {
          // The batch did not finish: its projects are "not checked", the run goes on.
          failed.add(batch);
          next = batch + 1 < batches.length ? batch + 1 : null;
        } else {
          refusal = answer.error;
          next = null;
        }
        show();
      }
      batched.current = null;
      if (!reports.some((r) => r !== null)) {
        finish(runId, startedAt, {
          ok: false,
          error: refusal ?? {
            code: 'INTERNAL',
            message:
              "The app's backend did not answer for any batch of projects. Nothing was changed in Jira.",
          },
        });
        return;
      }
      const parts: BatchPart[] = batches.map((keys, i) => {
        const report = reports[i];
        if (report) return { keys, report };
        return {
          keys,
          report: null,
          notChecked: credentialsRefused && !failed.has(i) ? 'stopped' : 'failed',
        };
      });
      finish(runId, startedAt, { ok: true, report: mergeBatchReports(parts) });
    },
    [current, finish],
  );

  const cancel = useCallback(() => {
    latest.current += 1;
    const run = batched.current;
    batched.current = null;
    const cancelledRun = latest.current;
    // The resolver refuses the run's later batches and keeps what was checked in the history;
    // it answers how many projects that is, and the panel says that number, as History will (#24).
    if (run?.id)
      void cancelRun(run.id).then((res) => {
        if (!res.ok || res.checked === undefined) return;
        const checked = res.checked;
        setState((s) =>
          s.status === 'cancelled' && s.runId === cancelledRun
            ? { ...s, progress: { checked, total: res.total ?? s.progress?.total ?? null } }
            : s,
        );
      });
    setState({
      status: 'cancelled',
      runId: cancelledRun,
      ...(run ? { progress: { ...run.progress } } : {}),
    });
  }, []);

  return { state, run, runMany, importHost, cancel };
}
