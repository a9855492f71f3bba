import { useEffect, useRef } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { isQualifiedReady, verdictHeadline } from '@shared/engine/presentation/headline';
import type { FixPlan } from '@shared/engine/presentation/plan';
import { VERDICTS } from '../labels';
import type { Report } from '../types';
import { focusHeading } from '../reveal';

export function VerdictBanner({
  report,
  plan,
  planId,
  findingsId,
  focusOnShow = false,
}: {
  report: Report;
  plan: FixPlan;
  planId: string;
  findingsId: string;
  /** The answer to the admin's Run: focus its heading and bring it into view (#24). */
  focusOnShow?: boolean;
}) {
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusOnShow) return;
    const heading = sectionRef.current?.querySelector<HTMLElement>('h2, h3');
    return heading ? focusHeading(heading) : undefined;
  }, [focusOnShow, report]);
  const v = VERDICTS[report.verdict];
  // "Ready" stays green only when credentials and permissions were both tested.
  const appearance = isQualifiedReady(report) ? 'information' : v.appearance;
  const first = plan.actions.find((a) => a.severity === 'error');
  return (
    <section
      ref={sectionRef}
      aria-label="Verdict"
      data-testid="verdict"
      data-verdict={report.verdict}
    >
      <SectionMessage appearance={appearance} title={verdictHeadline(report)}>
        <Stack space="space.100">
          <Text as="p">{report.summary}</Text>
          {first && (
            <Text as="p">
              <Text as="strong" weight="bold">
                First fix:
              </Text>{' '}
              {first.title}
            </Text>
          )}
          {report.findings.length > 0 && (
            <Text as="p" size="small">
              {plan.actions.length > 0 && (
                <>
                  <a href={`#${planId}`}>
                    See the fix plan ({plan.actions.length} action
                    {plan.actions.length === 1 ? '' : 's'})
                  </a>
                  {' · '}
                </>
              )}
              <a href={`#${findingsId}`}>
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
