import type { Report } from '../engine/model/report';
import type { WatchDrift, WatchFinding, WatchRun } from '../contract/watch';

/**
 * Drift between a profile's runs (#27 item 3): findings are the same when their code, project
 * and permission are; each keeps the time the profile first found it, carried from run to run
 * while it stays. Information findings are left out (they say what was checked, not a problem).
 */
function findingKey(f: Pick<WatchFinding, 'code' | 'project' | 'permission'>): string {
  return `${f.code}|${f.project ?? ''}|${f.permission ?? ''}`;
}

export function compareRuns(
  previous: Pick<WatchRun, 'ranAt' | 'verdict' | 'findings'> | null,
  report: Pick<Report, 'verdict' | 'findings'>,
  ranAt: string,
): { findings: WatchFinding[]; drift: WatchDrift; failingProjects: string[] } {
  const before = new Map((previous?.findings ?? []).map((f) => [findingKey(f), f]));
  const findings: WatchFinding[] = [];
  const seen = new Set<string>();
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    const finding: Omit<WatchFinding, 'firstSeenAt'> = {
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...(f.project === undefined ? {} : { project: f.project }),
      ...(f.permission === undefined ? {} : { permission: f.permission }),
    };
    const key = findingKey(finding);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...finding, firstSeenAt: before.get(key)?.firstSeenAt ?? ranAt });
  }
  const now = new Set(findings.map(findingKey));
  const drift: WatchDrift = {
    since: previous?.ranAt ?? null,
    verdictFrom: previous?.verdict ?? null,
    verdictTo: report.verdict,
    added: previous === null ? findings : findings.filter((f) => !before.has(findingKey(f))),
    resolved: [...before.values()].filter((f) => !now.has(findingKey(f))),
  };
  const failingProjects = [
    ...new Set(
      findings
        .filter((f) => f.severity === 'error' && f.project !== undefined)
        .map((f) => f.project as string),
    ),
  ].sort();
  return { findings, drift, failingProjects };
}

/** Whether a run changed anything: the verdict, or a finding added or resolved. */
export function changed(drift: WatchDrift): boolean {
  return (
    drift.verdictFrom !== drift.verdictTo || drift.added.length > 0 || drift.resolved.length > 0
  );
}
