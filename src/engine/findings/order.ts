/** The order findings are reported in: errors first, then by what to fix first. */
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const CATEGORY_RANK = {
  connectivity: 0,
  credentials: 1,
  configuration: 2,
  permissions: 3,
  transient: 4,
} as const;

export function sortFindings<
  T extends { severity: keyof typeof SEVERITY_RANK; category: keyof typeof CATEGORY_RANK },
>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category],
  );
}
