import type { Report } from '../engine/model/report';
import { withoutPersonalData } from '../history/privacy';
import type { HistoryEntry } from '../contract/history';
import type { Authority } from './authorise';
import type { CallerContext } from './context';

export interface RunFacts {
  caller: CallerContext;
  authority: Authority;
  projectId: string | null;
  /** The email sent with the token: replaced in the stored report, never stored. */
  tokenEmail: string | null;
}

/** A run as the history keeps it: without personal data (see history/privacy.ts). */
export function historyEntry(
  facts: RunFacts,
  inputs: HistoryEntry['inputs'],
  report: Report,
  run: { id: string; ranAt: string },
): HistoryEntry {
  const { caller, authority, projectId, tokenEmail } = facts;
  const stored = withoutPersonalData(report, { tokenEmail });
  return {
    id: run.id,
    ranAt: run.ranAt,
    ranBy: caller.accountId,
    authority,
    surface: caller.surface,
    projectId,
    projectKey: caller.projectKey,
    inputs,
    verdict: stored.verdict,
    summary: stored.summary,
    findings: stored.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...(f.project === undefined ? {} : { project: f.project }),
      ...(f.permission === undefined ? {} : { permission: f.permission }),
    })),
    report: stored,
  };
}
