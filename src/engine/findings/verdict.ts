import type { Category, Finding, Verdict } from '../model/report';

/** Highest first: the first category with an error finding decides what to fix first. */
const FIX_ORDER: ReadonlyArray<[Category, Verdict]> = [
  ['connectivity', 'fix-connectivity'],
  ['credentials', 'fix-credentials'],
  ['configuration', 'fix-configuration'],
  ['permissions', 'fix-permissions'],
];

/**
 * `inconclusive` when only transient errors (or CHECKER_NOT_ADMIN, which blocks the admin view
 * without saying anything about the sync user) stand in the way; `ready` when only warnings and
 * information remain. Warnings never change the verdict.
 */
export function decideVerdict(findings: readonly Finding[]): Verdict {
  const errors = findings.filter((f) => f.severity === 'error');
  const decisive = errors.filter((f) => f.code !== 'CHECKER_NOT_ADMIN');
  for (const [category, verdict] of FIX_ORDER) {
    if (decisive.some((f) => f.category === category)) return verdict;
  }
  return errors.length > 0 ? 'inconclusive' : 'ready';
}

export const VERDICT_ORDER: readonly Verdict[] = [
  'fix-connectivity',
  'fix-credentials',
  'fix-configuration',
  'fix-permissions',
  'inconclusive',
  'ready',
];
