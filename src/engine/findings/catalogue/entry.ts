import type { Category, Link, Severity } from '../../model/report';

/**
 * One finding code, everything about it in one place. The code itself is the key of its entry;
 * `FindingCode`, the schema's enum and the docs' table are generated from the entries
 * (`npm run generate:findings`), so a code is added by adding its entry.
 */
export interface CatalogueEntry {
  /** Decides the verdict (see `findings/verdict.ts`); a stable public contract. */
  category: Category;
  /** The default severity; a stable public contract (a finding may override it, see `FindingDetails`). */
  severity: Severity;
  /**
   * The other severities a finding of this code is documented to carry (besides `info`, which
   * any advisory step may use): e.g. CREATE_REQUIRES_FIELDS is an error when the synchronizer's
   * fields were given. A report with any other severity for the code was not written by us.
   */
  alsoAs?: readonly Severity[];
  /** The finding as an admin would name it: headings of the CLI text, the Markdown and the panel. */
  title: string;
  /** What the code means in general: the panel's hint on the code, the docs' table. */
  meaning: string;
  /** The docs' table wording when it says more than `meaning` (fields carried, verdict, origin). */
  docs?: string;
  /**
   * One sentence for where the panel has room for one line: its Credentials column, when this is
   * the first credentials problem of the run. Without it the panel shows the finding's message.
   */
  panelNote?: string;
  /**
   * The admin page the panel offers when a finding carries no links of its own: where this
   * code gets fixed (site-relative pages, or Atlassian Administration).
   */
  adminPage?: (site: string, project: string | undefined) => Link;
}
