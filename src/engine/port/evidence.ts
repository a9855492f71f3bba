/** One HTTP attempt as the report shows it (the report's `checks[].requests[]`). */
export interface RequestEvidence {
  method: string;
  /** Path relative to the base it was sent to, with the query's names and non-secret values. */
  path: string;
  /**
   * 'site', 'gateway', 'forge' (a product call made by the Forge platform as the signed-in
   * admin), 'auth' (Atlassian's OAuth 2.0 token endpoint) or 'admin-api' (the organisation admin API).
   */
  target: 'site' | 'gateway' | 'forge' | 'auth' | 'admin-api';
  /** Which credentials were used. */
  auth: 'sync-user' | 'admin' | 'none';
  /** HTTP status, or null when no response came (timeout, reset, DNS, TLS). */
  status: number | null;
  /** Set when the request failed without a response, or the response was unusable. */
  error?: string;
  attempt: number;
  /** Milliseconds since the run started. */
  startedAtMs: number;
  durationMs: number;
}

/**
 * The entities a successful answer listed, by the classes of Jira Cloud's rate-limit points
 * (engine/knowledge/rate-limit-points.ts): core (projects, issues), identity (users, roles,
 * permissions) and other. A count, never the entities.
 */
export interface ObjectCounts {
  core: number;
  identity: number;
  other: number;
}

export interface EvidenceEntry extends RequestEvidence {
  /** The engine step that made the request. */
  step: string;
  /** What the answer listed, when the request asked for a count (`JiraRequest.countObjects`). */
  objects?: ObjectCounts;
}

/**
 * Collects one entry per HTTP attempt of a run. Holds no headers and no bodies (of an answer only
 * how many entities it listed), so no secrets.
 */
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
