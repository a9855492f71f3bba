import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives';
import {
  expiryHeading,
  expiryTokenLine,
  replaceUrgency,
} from '@shared/engine/presentation/token-expiry';
import type { Report } from '../types';
import { Card } from './Card';

type Entry = NonNullable<Report['tokenExpiry']>['tokens'][number];

/** How urgent one token is, in the same thresholds as TOKEN_EXPIRES_SOON. */
function urgency(t: Entry): { label: string; appearance: 'removed' | 'moved' | 'default' } | null {
  const status = t.status.toUpperCase();
  if (status === 'BLOCKED') return { label: 'Blocked', appearance: 'removed' };
  if (t.daysLeft === null) return null;
  if (t.daysLeft < 0) return { label: 'Expired', appearance: 'default' };
  const replace = replaceUrgency(t);
  if (replace === 'now') return { label: 'Replace now', appearance: 'removed' };
  if (replace === 'soon') return { label: 'Replace soon', appearance: 'moved' };
  return null;
}

/**
 * The sync user's API tokens and their expiry, as a CLI report made with `--org-id` lists them
 * (the app cannot call the organisation admin API itself: it shows an imported host report's).
 */
export function TokenExpiry({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const heading = expiryHeading(report);
  const expiry = report.tokenExpiry;
  if (heading === null || !expiry) return null;
  const headingId = `${idPrefix}-token-expiry`;
  return (
    <Card
      title="When the sync user's API tokens expire"
      headingId={headingId}
      testId="token-expiry"
    >
      <Stack space="space.100">
        <Text as="p" size="small" color="color.text.subtle">
          {report.hostReport
            ? `${heading} As the synchronizer's host reported it (${expiry.checkedAt.slice(0, 10)}); the app cannot read the organisation admin API itself.`
            : heading}
        </Text>
        {expiry.tokens.length > 0 && (
          <ul aria-labelledby={headingId}>
            {expiry.tokens.map((t, i) => {
              const mark = urgency(t);
              return (
                <li key={`${t.label}-${i}`} data-testid="token-expiry-item">
                  <Text>{expiryTokenLine(t)}</Text>{' '}
                  {mark && <Lozenge appearance={mark.appearance}>{mark.label}</Lozenge>}
                </li>
              );
            })}
          </ul>
        )}
      </Stack>
    </Card>
  );
}
