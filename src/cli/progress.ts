import { EvidenceLog, type EvidenceEntry } from '../engine/port/evidence';

/** An evidence log that also reports each request as it completes (stderr progress lines). */
export class ProgressEvidenceLog extends EvidenceLog {
  constructor(private readonly onRecord: (entry: EvidenceEntry) => void) {
    super();
  }

  override record(entry: EvidenceEntry): void {
    super.record(entry);
    this.onRecord(entry);
  }
}

export function progressLine(entry: EvidenceEntry): string {
  const outcome = entry.status === null ? (entry.error ?? 'no answer') : String(entry.status);
  const retry = entry.attempt > 1 ? ` (attempt ${entry.attempt})` : '';
  return `  … ${entry.method} ${entry.path} → ${outcome}${retry}\n`;
}
