import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import { formatDateTime } from '../labels';
import type { Report } from '../types';
import { verdictLabel } from '@shared/engine/presentation/summary';

/**
 * Says where each half of a merged decision came from. The credential half of an imported host
 * report is what that report says, supplied by whoever imported it: the app did not verify it.
 */
export function HostReportNote({ report }: { report: Report }) {
  const host = report.hostReport;
  if (!host) return null;
  return (
    <SectionMessage appearance="information" testId="host-report-note">
      <Text as="p">
        Credentials: as reported by the synchronizer's host at {formatDateTime(host.startedAt)}{' '}
        (that report on its own: {verdictLabel(host.verdict)}), in a report supplied by the person
        who ran this check. The app did not verify it, so the credentials do not count as tested.
        Permissions: checked now from Jira administration. The decision above combines both.
      </Text>
    </SectionMessage>
  );
}
