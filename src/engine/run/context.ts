import type { EvidenceLog } from '../port/evidence';
import { SEVERITY_RANK } from '../findings/order';
import { unknownProject } from '../model/project-report';
import type { CheckResult, CheckStatus, Finding, ProjectReport, Subject } from '../model/report';

export interface StepHandle {
  readonly id: string;
  /** Sets the outcome; a later call overrides an earlier one only if it is worse. */
  finish(status: CheckStatus, detail: string): void;
}

/** A check's statuses, worse is higher: a later outcome overrides an earlier one only if worse. */
export const STATUS_RANK: Readonly<Record<CheckStatus, number>> = {
  skip: 0,
  pass: 1,
  warn: 2,
  fail: 3,
  error: 4,
};

/** Details that name what a finding is about, beyond project and permission. */
const SUBJECT_DETAILS = ['issueType', 'field', 'screen'] as const;

/** Mutable state of one run. Created per call of `diagnose`, never shared between runs. */
export class RunContext {
  readonly findings: Finding[] = [];
  readonly projects = new Map<string, ProjectReport>();
  subject: Subject | null = null;
  /** The site's cloud ID, once known (the gateway address, or read from tenant_info). */
  cloudId: string | null = null;
  /** Reads no step waits for, whose evidence and outcome the report still includes. */
  private readonly background: Array<Promise<unknown>> = [];
  private readonly checks: Array<{
    id: string;
    title: string;
    status: CheckStatus | null;
    detail: string;
  }> = [];

  constructor(
    /** The site's origin; set from serverInfo when the check was given the gateway address. */
    public site: string,
    readonly requiredPermissions: readonly string[],
    readonly evidence: EvidenceLog,
  ) {}

  step(id: string, title: string): StepHandle {
    const entry = { id, title, status: null as CheckStatus | null, detail: '' };
    this.checks.push(entry);
    return {
      id,
      finish(status, detail) {
        if (entry.status === null || STATUS_RANK[status] > STATUS_RANK[entry.status]) {
          entry.status = status;
          entry.detail = detail;
        }
      },
    };
  }

  /** The report is assembled only after `read` settles; the run goes on meanwhile. */
  awaitBeforeReport(read: Promise<unknown>): void {
    this.background.push(read.catch(() => undefined));
  }

  /** Settles once every read passed to `awaitBeforeReport` has (including ones added meanwhile). */
  async backgroundSettled(): Promise<void> {
    for (let seen = 0; seen < this.background.length; seen = this.background.length)
      await Promise.all(this.background.slice(seen));
  }

  skip(id: string, title: string, why: string): void {
    this.step(id, title).finish('skip', why);
  }

  /**
   * Adds a finding unless the same code already stands for the same subject (project, permission,
   * and for screen findings issue type, field and screen); a more severe one replaces a milder one
   * (an advisory step's information never hides an error).
   */
  add(finding: Finding): void {
    const index = this.findings.findIndex(
      (f) =>
        f.code === finding.code &&
        f.project === finding.project &&
        f.permission === finding.permission &&
        f.operation === finding.operation &&
        SUBJECT_DETAILS.every((k) => f.details?.[k] === finding.details?.[k]),
    );
    const existing = index >= 0 ? this.findings[index] : undefined;
    if (!existing) this.findings.push(finding);
    else if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[existing.severity])
      this.findings[index] = finding;
  }

  has(code: Finding['code'], project?: string): boolean {
    return this.findings.some(
      (f) => f.code === code && (project === undefined || f.project === project),
    );
  }

  remove(predicate: (f: Finding) => boolean): void {
    for (let i = this.findings.length - 1; i >= 0; i--) {
      const finding = this.findings[i];
      if (finding && predicate(finding)) this.findings.splice(i, 1);
    }
  }

  project(key: string): ProjectReport {
    let entry = this.projects.get(key);
    if (!entry) {
      entry = unknownProject(key, this.requiredPermissions);
      this.projects.set(key, entry);
    }
    return entry;
  }

  checkResults(): CheckResult[] {
    return this.checks.map((c) => ({
      id: c.id,
      title: c.title,
      status: c.status ?? 'skip',
      detail: c.detail || 'Not run.',
      requests: this.evidence
        .forStep(c.id)
        .map(({ step: _step, objects: _objects, ...rest }) => rest),
    }));
  }
}
