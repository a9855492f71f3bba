import type { CatalogueEntry } from './entry';
import type { Finding, FindingCode, Link, ScopeSet, Severity } from '../../model/report';

export interface FindingDetails {
  message: string;
  /** Ordered remedy steps. */
  steps: string[];
  links?: Link[];
  step: string;
  project?: string;
  permission?: string;
  operation?: string;
  scopes?: ScopeSet;
  details?: Record<string, unknown>;
  /**
   * Overrides the catalogue severity: an informational variant, or the documented upgrade of
   * CREATE_REQUIRES_FIELDS to an error when the synchronizer's fields were given.
   */
  severity?: Severity;
}

/** Builds a finding of one code: its entry's category and severity, the run's details. */
export function buildFinding(
  code: FindingCode,
  kind: Pick<CatalogueEntry, 'category' | 'severity'>,
  details: FindingDetails,
): Finding {
  const finding: Finding = {
    code,
    category: kind.category,
    severity: details.severity ?? kind.severity,
    message: details.message,
    remedy: details.steps.join(' '),
    steps: details.steps,
    links: details.links ?? [],
    step: details.step,
  };
  if (details.project !== undefined) finding.project = details.project;
  if (details.permission !== undefined) finding.permission = details.permission;
  if (details.operation !== undefined) finding.operation = details.operation;
  if (details.scopes !== undefined) finding.scopes = details.scopes;
  if (details.details !== undefined) finding.details = details.details;
  return finding;
}

/** Makes a finding of the entry's own code: what a remedy builder is given. */
export type Make = (details: FindingDetails) => Finding;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any builder signature
type Builders = Record<string, (...args: any[]) => Finding>;

/** An entry as written: what the code is, and the builders that word it for a run. */
export interface EntryInput extends CatalogueEntry {
  /** Remedy builders (Cloud, and both deployments unless `datacenter` has its own). */
  remedies?: (make: Make) => Builders;
  /** Remedy builders worded for Jira Data Center / Server. */
  datacenter?: (make: Make) => Builders;
}

type BuiltBy<F> = F extends (make: Make) => infer B ? B : Record<never, never>;

export type Defined<T extends Record<string, EntryInput>> = {
  readonly [K in keyof T]: CatalogueEntry & {
    readonly remedies: BuiltBy<T[K]['remedies']>;
    readonly datacenter: BuiltBy<T[K]['datacenter']>;
  };
};

/**
 * Entries of one category file, keyed by code. Each entry's builders get a `make` bound to the
 * entry's own code, so a builder can only produce findings of its code.
 */
export function defineCodes<const T extends Record<string, EntryInput>>(entries: T): Defined<T> {
  const defined: Record<string, unknown> = {};
  for (const [code, input] of Object.entries(entries)) {
    const { remedies, datacenter, ...kind } = input;
    const make: Make = (details) => buildFinding(code as FindingCode, kind, details);
    defined[code] = {
      ...kind,
      remedies: remedies?.(make) ?? {},
      datacenter: datacenter?.(make) ?? {},
    };
  }
  return defined as Defined<T>;
}
