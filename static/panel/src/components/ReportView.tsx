import { lazy, Suspense, useId, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { linkContextFor } from '../links';
import type { Report } from '../types';
import { Card } from './Card';
import { CoverageSummary } from './CoverageSummary';
import { TokenExpiry } from './TokenExpiry';
import { CredentialsCard } from './CredentialsCard';
import { ExportBar } from './ExportBar';
import { FieldScreens } from './FieldScreens';
import { buildFixPlan, planStepOfFindings } from '@shared/engine/presentation/plan';
import { Findings } from './Findings';
import { FixPlan } from './FixPlan';
import { HostReportNote } from './HostReportNote';
import { PermissionMatrix } from './PermissionMatrix';
import { TokenScopes } from './TokenScopes';
import { VerdictBanner } from './VerdictBanner';
import { formatDateTime, formatDuration } from '../labels';

const Evidence = lazy(() => import('./Evidence'));

function EvidenceSection({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const [open, setOpen] = useState(false);
  const regionId = `${idPrefix}-evidence-region`;
  return (
    <Card
      title="Evidence"
      headingId={`${idPrefix}-evidence`}
      testId="evidence"
      action={
        <Button
          appearance="subtle"
          aria-expanded={open}
          aria-controls={regionId}
          onClick={() => setOpen((v) => !v)}
          testId="toggle-evidence"
        >
          {open ? 'Hide requests' : `Show ${report.requestCount} requests`}
        </Button>
      }
    >
      <div id={regionId} hidden={!open}>
        {open && (
          <Suspense
            fallback={
              <Inline space="space.100" alignBlock="center">
                <Spinner size="small" label="Loading evidence" />
                <Text>Loading evidence…</Text>
              </Inline>
            }
          >
            <Evidence report={report} />
          </Suspense>
        )}
      </div>
    </Card>
  );
}

export function ReportView({
  report,
  cloudId,
  tokenForm = true,
  focusVerdict = false,
}: {
  report: Report;
  cloudId: string | null;
  /** False in the "Runs on Atlassian" build: advice never points at a token form it lacks. */
  tokenForm?: boolean;
  /** The report answers the admin's Run: its verdict takes focus and comes into view. */
  focusVerdict?: boolean;
}) {
  const idPrefix = useId().replace(/:/g, '');
  const findingsId = `${idPrefix}-findings`;
  const planId = `${idPrefix}-plan`;
  const plan = useMemo(() => buildFixPlan(report), [report]);
  const planSteps = useMemo(() => planStepOfFindings(plan), [plan]);
  return (
    <Stack space="space.200" testId="report">
      <VerdictBanner
        report={report}
        plan={plan}
        planId={planId}
        findingsId={findingsId}
        focusOnShow={focusVerdict}
      />
      <CoverageSummary report={report} tokenForm={tokenForm} />
      <HostReportNote report={report} />
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
        <Text size="small" color="color.text.subtle">
          Checked {formatDateTime(report.startedAt)} on {report.site} · {report.requestCount}{' '}
          requests in {formatDuration(report.durationMs)}
        </Text>
        <ExportBar report={report} />
      </Inline>
      <FixPlan plan={plan} idPrefix={idPrefix} headingId={planId} />
      <CredentialsCard report={report} idPrefix={idPrefix} />
      <PermissionMatrix report={report} idPrefix={idPrefix} />
      <FieldScreens report={report} idPrefix={idPrefix} />
      <TokenScopes report={report} idPrefix={idPrefix} />
      <TokenExpiry report={report} idPrefix={idPrefix} />
      <Findings
        report={report}
        linkCtx={linkContextFor(report, cloudId)}
        headingId={findingsId}
        planSteps={planSteps}
        idPrefix={idPrefix}
      />
      <EvidenceSection report={report} idPrefix={idPrefix} />
    </Stack>
  );
}
