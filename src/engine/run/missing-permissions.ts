import type { ProjectFacts } from '../model/facts';
import type { StepHandle } from './context';

/**
 * Finishes a permission step: fail naming every `KEY:PERMISSION` Jira answered "not held", else
 * pass. `counts` leaves out projects whose permissions do not matter yet (e.g. not visible).
 */
export function finishMissingPermissions(
  handle: StepHandle,
  projects: Iterable<ProjectFacts>,
  counts: (project: ProjectFacts) => boolean = () => true,
): void {
  const missing = [...projects].flatMap((p) =>
    counts(p)
      ? [...p.permissions].filter(([, held]) => held === false).map(([perm]) => `${p.key}:${perm}`)
      : [],
  );
  handle.finish(
    missing.length ? 'fail' : 'pass',
    missing.length ? `Missing: ${missing.join(', ')}.` : 'All required permissions held.',
  );
}
