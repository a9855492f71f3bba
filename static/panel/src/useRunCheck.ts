import { useCallback, useEffect, useRef, useState } from 'react';
import { runCheck } from './api';
import type { Report, ResolverError, RunCheckPayload } from './types';

export type RunState =
  | { status: 'idle'; notice?: string }
  | { status: 'running'; runId: number; startedAt: number; previous: Report | null }
  | { status: 'done'; runId: number; report: Report; elapsedMs: number }
  | { status: 'error'; runId: number; error: ResolverError; previous: Report | null };

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

  const run = useCallback(async (payload: RunCheckPayload) => {
    latest.current += 1;
    const runId = latest.current;
    const startedAt = performance.now();
    setState({ status: 'running', runId, startedAt, previous: lastReport.current });
    const result = await runCheck(payload);
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

  const cancel = useCallback(() => {
    latest.current += 1;
    const previous = lastReport.current;
    if (previous) {
      setState({ status: 'done', runId: latest.current, report: previous, elapsedMs: 0 });
    } else {
      setState({ status: 'idle', notice: 'Check cancelled. Nothing was changed in Jira.' });
    }
  }, []);

  return { state, run, cancel };
}
