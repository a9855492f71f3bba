import { FINDING_CATALOGUE } from '@shared/engine/findings/catalogue';
import type { FindingCode } from './types';

/** What each finding code means in general (shown as a hint on the code). */
export const FINDING_MEANINGS: Readonly<Record<FindingCode, string>> = Object.fromEntries(
  Object.entries(FINDING_CATALOGUE).map(([code, kind]) => [code, kind.meaning]),
) as Record<FindingCode, string>;
