import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import { OPERATIONS } from '@shared/engine/knowledge/operations';
import { sentence } from '@shared/engine/presentation/text';
import type { CoverageState, Report } from '../types';
import { Card } from './Card';

type OperationStatus = 'held' | 'missing' | 'unconfirmed' | 'not-tested' | 'not-applicable';

const STATUS: Readonly<
  Record<
    OperationStatus,
    { label: string; appearance: 'success' | 'removed' | 'moved' | 'default' }
  >
> = {
  held: { label: 'Scopes given', appearance: 'success' },
  missing: { label: 'Scopes missing', appearance: 'removed' },
  unconfirmed: { label: 'Could not confirm', appearance: 'moved' },
  'not-tested': { label: 'Not tested', appearance: 'default' },
  'not-applicable': { label: 'No scopes needed', appearance: 'default' },
};

/** One operation's scope status, from the scope findings and what the run could test. */
function statusOf(
  report: Report,
  operation: string,
  scopes: CoverageState | undefined,
): OperationStatus {
  const missing = report.findings.some(
    (f) => f.code === 'TOKEN_SCOPE_INSUFFICIENT' && f.operation === operation,
  );
  if (missing) return 'missing';
  if (scopes === 'tested') return 'held';
  // Partial: some answers proved nothing, so an operation without a finding is not confirmed.
  if (scopes === 'partial') return 'unconfirmed';
  if (scopes === 'not-applicable') return 'not-applicable';
  return 'not-tested';
}

function titleOf(operation: string): string {
  const def = (OPERATIONS as Partial<Record<string, { title: string }>>)[operation];
  return sentence(def?.title ?? operation);
}

/**
 * What the integration does in Jira and whether its token's scopes allow each of it, plus the
 * scopes to give a scoped token. Reports saved before operations existed show nothing.
 */
export function TokenScopes({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const operations = (report.operations as string[] | undefined) ?? [];
  if (operations.length === 0) return null;
  const scopes = (report.coverage as Report['coverage'] | undefined)?.scopes;
  const required = report.requiredScopes as Report['requiredScopes'] | undefined;
  const headingId = `${idPrefix}-scopes`;
  return (
    <Card
      title="Token scopes for what the integration does"
      headingId={headingId}
      testId="token-scopes"
    >
      <Stack space="space.150">
        <ul style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {operations.map((op) => {
            const state = statusOf(report, op, scopes);
            const status = STATUS[state];
            return (
              <li
                key={op}
                data-testid={`operation-${op}`}
                data-status={state}
                style={{ display: 'flex', gap: '8px', alignItems: 'center', padding: '2px 0' }}
              >
                <span>{titleOf(op)}</span>
                <Lozenge appearance={status.appearance}>{status.label}</Lozenge>
              </li>
            );
          })}
        </ul>
        {required && (required.classic.length > 0 || required.granular.length > 0) && (
          <Stack space="space.050" testId="required-scopes">
            <Text as="p" weight="medium">
              Scopes to give the token
            </Text>
            <Text as="p" size="small" color="color.text.subtle">
              Only for an API token with scopes. Choose either the classic scopes or all of the
              granular ones when you create the token.
            </Text>
            {required.classic.length > 0 && (
              <Text as="p" testId="required-scopes-classic">
                Classic: {required.classic.join(', ')}
              </Text>
            )}
            {required.granular.length > 0 && (
              <Text as="p" testId="required-scopes-granular">
                Granular: {required.granular.join(', ')}
              </Text>
            )}
          </Stack>
        )}
        <details>
          <summary>Technical details</summary>
          <Text as="p" size="small" color="color.text.subtle">
            Operations: {operations.join(', ')}. Scope check: {scopes ?? 'unknown'}. A refused scope
            is reported as TOKEN_SCOPE_INSUFFICIENT.
          </Text>
        </details>
      </Stack>
    </Card>
  );
}
