import type { TriageGroup, TriageResult } from '../engine/triage/triage';

const CATEGORY_LABEL: Record<string, string> = {
  credentials: 'credentials',
  permissions: 'permissions',
  configuration: 'configuration',
  connectivity: 'connectivity',
  transient: 'transient',
  platform: 'app platform',
};

/** One block per distinct message (identical ones counted): where, what it means, what next. */
export function renderTriage(result: TriageResult): string {
  const lines: string[] = [];
  const counted = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([category, n]) => `${n} ${category}`);
  lines.push(
    `TRIAGE  ${result.messages.length} message${result.messages.length === 1 ? '' : 's'} (${result.format}): ${counted.join(', ') || 'nothing'}`,
  );
  for (const m of result.groups) {
    lines.push('');
    const status = m.status === null ? '' : ` [${m.status}]`;
    const where = m.count === 1 ? m.sources[0] : `${m.count}× (${occurrences(m)})`;
    lines.push(`${where}${status}: ${m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text}`);
    if (!m.recognised) {
      lines.push('  unrecognised: no known Jira wording or status; not guessed');
      continue;
    }
    lines.push(
      `  ${CATEGORY_LABEL[m.category ?? ''] ?? m.category}${m.code ? ` (${m.code})` : ''}: ${m.cause}`,
    );
    lines.push(`  next: ${m.next}`);
    if (m.retryAfterSeconds !== null) lines.push(`  Retry-After: ${m.retryAfterSeconds} s`);
  }
  return `${lines.join('\n')}\n`;
}

function occurrences(group: TriageGroup): string {
  const more = group.count - group.sources.length;
  return `${group.sources.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
