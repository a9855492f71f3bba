import { useCallback, useEffect, useRef, useState } from 'react';
import { importReport, runCheck } from './api';
import type {
  ImportReportPayload,
  Report,
  ResolverError,
  ResolverResult,
  RunCheckPayload,
} from './types';

export type RunState =
  | { status: 'idle'; notice?: string }
  | { status: 'running'; runId: number; startedAt: number; previous: Report | null }
  | { status: 'done'; runId: number; report: Report; elapsedMs: number }
  | { status: 'error'; runId: number; error: ResolverError; previous: Report | null }
  /** The run was cancelled: no result is current (an older one would describe another run). */
  | { status: 'cancelled'; runId: number };

/**
 * Runs checks so that only the newest run may change the state: a result that comes back after
 * a newer run started, after Cancel, or after unmount is dropped.
 */
export function useRunCheck() {
  const [state, setState] = useState<RunState>({ status: 'idle' });
  const latest = useRef(0);
  const mounted = useRef(true);
  const lastReport = useRef<Report | null>(null);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      latest.current += 1;
    };
  }, []);

  const execute = useCallback(async (call: () => Promise<ResolverResult<{ report: Report }>>) => {
    latest.current += 1;
    const runId = latest.current;
    const startedAt = performance.now();
    setState({ status: 'running', runId, startedAt, previous: lastReport.current });
    const result = await call();
    if (!mounted.current || runId !== latest.current) return;
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
  }, []);

  const run = useCallback(
    (payload: RunCheckPayload) => execute(() => runCheck(payload)),
    [execute],
  );
  /** Imports the report from the synchronizer's host; the admin view of the same check runs with it. */
  const importHost = useCallback(
    (payload: ImportReportPayload) => execute(() => importReport(payload)),
    [execute],
  );

  const cancel = useCallback(() => {
    latest.current += 1;
    setState({ status: 'cancelled', runId: latest.current });
  }, []);

  return { state, run, importHost, cancel };
}
