import type { TriageResult } from '../engine/triage/triage';

const CATEGORY_LABEL: Record<string, string> = {
  credentials: 'credentials',
  permissions: 'permissions',
  configuration: 'configuration',
  connectivity: 'connectivity',
  transient: 'transient',
};

/** One block per message: where it was, what it means, what to do next. */
export function renderTriage(result: TriageResult): string {
  const lines: string[] = [];
  const counted = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([category, n]) => `${n} ${category}`);
  lines.push(
    `TRIAGE  ${result.messages.length} message${result.messages.length === 1 ? '' : 's'} (${result.format}): ${counted.join(', ') || 'nothing'}`,
  );
  for (const m of result.messages) {
    lines.push('');
    const status = m.status === null ? '' : ` [${m.status}]`;
    lines.push(
      `${m.source}${status}: ${m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text}`,
    );
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
