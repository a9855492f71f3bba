import type { Category, Severity } from '../model/report';

/**
 * The one order of severities and categories (the engine, the CLI, the Markdown, the fix plan
 * and the panel all sort with these): errors first; within a severity, what blocks everything
 * else first (the verdict's order, see `verdict.ts`).
 */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
export const CATEGORY_RANK: Readonly<Record<Category, number>> = {
  connectivity: 0,
  credentials: 1,
  configuration: 2,
  permissions: 3,
  transient: 4,
};

/** The order findings are reported in: errors first, then by what to fix first. */
export function sortFindings<T extends { severity: Severity; category: Category }>(
  findings: readonly T[],
): T[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category],
  );
}

/** Most severe first; the given order is kept within a severity (the CLI, the Markdown, the panel). */
export function sortFindingsBySeverity<T extends { severity: Severity }>(
  findings: readonly T[],
): T[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] || a.index - b.index,
    )
    .map(({ finding }) => finding);
}
