import { FINDING_KINDS } from '@shared/engine/findings/catalogue';
import type { FindingCode } from './types';

/** What each finding code means in general (shown as a hint on the code). */
export const FINDING_MEANINGS: Readonly<Record<FindingCode, string>> = Object.fromEntries(
  Object.entries(FINDING_KINDS).map(([code, kind]) => [code, kind.meaning]),
) as Record<FindingCode, string>;
