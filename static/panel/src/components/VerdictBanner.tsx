import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { isQualifiedReady, verdictHeadline } from '../../../../src/engine/headline';
import { findingSteps, sortFindings, VERDICTS } from '../labels';
import type { Report } from '../types';

export function VerdictBanner({ report, findingsId }: { report: Report; findingsId: string }) {
  const v = VERDICTS[report.verdict];
  // "Ready" stays green only when credentials and permissions were both tested.
  const appearance = isQualifiedReady(report) ? 'information' : v.appearance;
  const first = sortFindings(report.findings).find((f) => f.severity === 'error');
  const firstStep = first ? findingSteps(first)[0] : undefined;
  return (
    <section aria-label="Verdict" data-testid="verdict" data-verdict={report.verdict}>
      <SectionMessage appearance={appearance} title={verdictHeadline(report)}>
        <Stack space="space.100">
          <Text as="p">{report.summary}</Text>
          {firstStep && (
            <Text as="p">
              <Text as="strong" weight="bold">
                First fix:
              </Text>{' '}
              {firstStep}
            </Text>
          )}
          {report.findings.length > 0 && (
            <Text as="p" size="small">
              <a href={`#${findingsId}`}>
                See{' '}
                {report.findings.length === 1
                  ? 'the finding'
                  : `all ${report.findings.length} findings`}
              </a>
            </Text>
          )}
        </Stack>
      </SectionMessage>
    </section>
  );
}
