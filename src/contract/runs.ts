import type { RunSelection } from './history';

/** Where a run of many projects stands after one of its batches (`runCheck` with `run`). */
export interface RunProgress {
  id: string;
  /** The batch this answer is for. */
  batch: number;
  batches: number;
  /** Projects checked so far (every stored batch's). */
  checked: number;
  total: number;
  /** The batch to run next; null when the run is over. */
  next: number | null;
  /** Set when Jira refused the credentials: the run stopped (no second failed login). */
  stopped?: 'credentials-refused';
}

export interface PlannedRun {
  id: string;
  projects: string[];
  batches: number;
  batchSize: number;
  selection: RunSelection;
}
