import type { Verdict } from '../engine/model/report';

/** Public contract: scripts branch on these. */
export const EXIT_CODES = {
  ready: 0,
  internalError: 1,
  usageError: 2,
  'fix-credentials': 3,
  'fix-permissions': 4,
  'fix-configuration': 5,
  'fix-connectivity': 6,
  inconclusive: 7,
} as const;

export function exitCodeFor(verdict: Verdict): number {
  return EXIT_CODES[verdict];
}
