import type { RequestEvidence } from '../engine/report';

export interface EvidenceEntry extends RequestEvidence {
  /** The engine step that made the request. */
  step: string;
}

/** Collects one entry per HTTP attempt of a run. Holds no headers and no bodies, so no secrets. */
export class EvidenceLog {
  private readonly startedAt: number;
  private readonly list: EvidenceEntry[] = [];

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  record(entry: EvidenceEntry): void {
    this.list.push(entry);
  }

  entries(): readonly EvidenceEntry[] {
    return this.list;
  }

  forStep(step: string): EvidenceEntry[] {
    return this.list.filter((e) => e.step === step);
  }
}
