import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { formatDuration } from '../labels';
import type { CheckResult, Report, RequestEvidence } from '../types';

const STATUS_LOZENGE: Record<CheckResult['status'], 'success' | 'removed' | 'moved' | 'default'> = {
  pass: 'success',
  fail: 'removed',
  warn: 'moved',
  skip: 'default',
  error: 'removed',
};

const cell = {
  padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
};

const COLUMNS = ['Method', 'Path', 'Sent to', 'As', 'Status', 'Time'] as const;

function statusColor(r: RequestEvidence): string {
  if (r.status === null || r.status >= 500) return token('color.text.danger', '#AE2E24');
  if (r.status >= 400) return token('color.text.warning', '#A54800');
  return token('color.text.success', '#216E4E');
}

const AUTH_LABEL: Record<RequestEvidence['auth'], string> = {
  'sync-user': 'sync user',
  admin: 'you (admin)',
  none: 'anonymous',
};

/** Every REST call the run made, grouped by check step. Loaded on demand. */
export default function Evidence({ report }: { report: Report }) {
  const checks = report.checks;
  return (
    <Stack space="space.200" testId="evidence-list">
      <Text as="p" size="small" color="color.text.subtle">
        {report.requestCount} request{report.requestCount === 1 ? '' : 's'} in{' '}
        {formatDuration(report.durationMs)}. No credentials, headers or bodies are recorded.
      </Text>
      {checks.map((check) => (
        <section key={check.id} aria-label={`Check: ${check.title}`}>
          <Stack space="space.075">
            <Text as="p" weight="semibold">
              <Lozenge appearance={STATUS_LOZENGE[check.status]}>{check.status}</Lozenge>{' '}
              {check.title}
            </Text>
            {check.detail && (
              <Text as="p" size="small" color="color.text.subtle">
                {check.detail}
              </Text>
            )}
            {check.requests.length > 0 && (
              <div style={{ overflowX: 'auto' }}>
                <table
                  style={{
                    borderCollapse: 'collapse',
                    width: '100%',
                    fontSize: 12,
                    tableLayout: 'fixed',
                    minWidth: 640,
                  }}
                >
                  <colgroup>
                    <col style={{ width: 64 }} />
                    <col />
                    <col style={{ width: 72 }} />
                    <col style={{ width: 104 }} />
                    <col style={{ width: 96 }} />
                    <col style={{ width: 72 }} />
                  </colgroup>
                  <caption style={{ textAlign: 'left', position: 'absolute', left: -9999 }}>
                    Requests of {check.title}
                  </caption>
                  <thead>
                    <tr>
                      {COLUMNS.map((title) => (
                        <th
                          key={title}
                          scope="col"
                          style={title === 'Time' ? { ...cell, textAlign: 'right' } : cell}
                        >
                          {title}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {check.requests.map((r, i) => (
                      <tr key={i}>
                        <td style={cell}>
                          <code>{r.method}</code>
                        </td>
                        <td style={{ ...cell, wordBreak: 'break-all' }}>
                          <code>{r.path}</code>
                          {r.attempt > 1 && <Text size="small"> (attempt {r.attempt})</Text>}
                        </td>
                        <td style={cell}>{r.target}</td>
                        <td style={cell}>{AUTH_LABEL[r.auth]}</td>
                        <td style={{ ...cell, color: statusColor(r), fontWeight: 600 }}>
                          {r.status ?? 'no response'}
                          {r.error && (
                            <span style={{ display: 'block', fontWeight: 400 }}>{r.error}</span>
                          )}
                        </td>
                        <td style={{ ...cell, textAlign: 'right', whiteSpace: 'nowrap' }}>
                          {formatDuration(r.durationMs)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}
