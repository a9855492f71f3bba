import { CONFIGURATION } from './configuration';
import { CONNECTIVITY } from './connectivity';
import { CREDENTIALS } from './credentials';
import type { CatalogueEntry } from './entry';
import { PERMISSIONS } from './permissions';
import { TRANSIENT } from './transient';
import { buildFinding, type FindingDetails } from './define';
import type { Finding, FindingCode, Severity } from '../../model/report';
import { ADVISORY_STEPS } from '../../model/step-ids';

export type { CatalogueEntry } from './entry';
export type {
  DcScheme,
  NotCheckedReason,
  RateLimitSeen,
  ScopeCredential,
  ScopeRefusal,
} from './wording';

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

export type { FindingDetails } from './define';

/** A finding of `code` built without its entry's builders (prefer a builder in the entry). */
export function makeFinding(code: FindingCode, details: FindingDetails): Finding {
  return buildFinding(code, FINDING_CATALOGUE[code], details);
}

/**
 * Whether a finding's severity is one the engine writes for its code at that step: the
 * catalogue's, a documented variant (`alsoAs`), or `info` from an advisory step (run/send.ts).
 */
export function severityAllowed(code: FindingCode, severity: Severity, step: string): boolean {
  const kind = FINDING_CATALOGUE[code];
  if (severity === kind.severity || (kind.alsoAs ?? []).includes(severity)) return true;
  return severity === 'info' && ADVISORY_STEPS.has(step);
}

type Group = 'remedies' | 'datacenter';
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;
type BuildersOf<G extends Group> = UnionToIntersection<(typeof ENTRIES)[keyof typeof ENTRIES][G]>;

function collect<G extends Group>(group: G): BuildersOf<G> {
  const all: Record<string, unknown> = {};
  for (const [code, entry] of Object.entries(ENTRIES)) {
    for (const [name, builder] of Object.entries(entry[group])) {
      if (name in all)
        throw new Error(`remedy builder ${group}.${name} is defined twice (${code})`);
      all[name] = builder;
    }
  }
  return all as BuildersOf<G>;
}

/**
 * Every entry's remedy builders by name, e.g. `remedy.credentialsRejected(…)`: each is defined in
 * the entry of the code it builds.
 */
export const remedy = collect('remedies');
/** The Data Center / Server wording of the same codes (an entry's `datacenter` builders). */
export const dcRemedy = collect('datacenter');
