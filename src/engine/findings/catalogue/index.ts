import { CONFIGURATION } from './configuration';
import { CONNECTIVITY } from './connectivity';
import { CREDENTIALS } from './credentials';
import type { CatalogueEntry } from './entry';
import { PERMISSIONS } from './permissions';
import { TRANSIENT } from './transient';
import type { Finding, FindingCode, Link, ScopeSet, Severity } from '../../model/report';

export type { CatalogueEntry } from './entry';

/**
 * The public finding catalogue: one entry per code, in the file of its category. Codes,
 * categories and severities are a stable contract. `FindingCode`
 * (`model/finding-codes.generated.ts`), the schema's enum and the docs' table are generated from
 * these entries by `npm run generate:findings`; test/engine/finding-catalogue.test.ts fails when
 * the committed files disagree with them. See "How to add a finding code" in docs/ARCHITECTURE.md.
 */
const ENTRIES = { ...CREDENTIALS, ...PERMISSIONS, ...CONFIGURATION, ...CONNECTIVITY, ...TRANSIENT };

/** Every generated code has an entry ... */
export const FINDING_CATALOGUE: Readonly<Record<FindingCode, CatalogueEntry>> = ENTRIES;
/** ... and every entry is a generated code (else run `npm run generate:findings`). */
const _noUngeneratedCode: [Exclude<keyof typeof ENTRIES, FindingCode>] extends [never]
  ? true
  : false = true;
void _noUngeneratedCode;

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

export function makeFinding(code: FindingCode, details: FindingDetails): Finding {
  const kind = FINDING_CATALOGUE[code];
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
