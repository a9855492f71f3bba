import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import { formatDateTime } from '../labels';
import type { Report } from '../types';
import { verdictLabel } from '@shared/engine/presentation/summary';

/** Says where each half of a merged decision came from. */
export function HostReportNote({ report }: { report: Report }) {
  const host = report.hostReport;
  if (!host) return null;
  return (
    <SectionMessage appearance="information" testId="host-report-note">
      <Text as="p">
        Credentials: checked on the synchronizer's host at {formatDateTime(host.startedAt)} (that
        report on its own: {verdictLabel(host.verdict)}). Permissions: checked now from Jira
        administration. The decision above combines both.
      </Text>
    </SectionMessage>
  );
}
