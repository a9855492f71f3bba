import { Inline, Stack, Text } from '@atlaskit/primitives';
import Lozenge from '@atlaskit/lozenge';
import {
  coverageRows,
  coverageAdvice,
  coverageStateText,
} from '@shared/engine/presentation/headline';
import type { CoverageState, Report } from '../types';

const APPEARANCE: Readonly<Record<CoverageState, 'success' | 'moved' | 'default'>> = {
  tested: 'success',
  partial: 'moved',
  'not-tested': 'moved',
  'not-applicable': 'default',
};

/**
 * What the check could test, and how to test the rest. Only what this run read is "tested"; the
 * per-scheme areas say in how many projects. Reports saved before coverage existed show nothing.
 */
export function CoverageSummary({ report, tokenForm }: { report: Report; tokenForm: boolean }) {
  const coverage = report.coverage as Report['coverage'] | undefined;
  if (!coverage) return null;
  const advice = coverageAdvice(report, { tokenForm });
  return (
    <section aria-label="What was tested" data-testid="coverage">
      <Stack space="space.075">
        <Inline space="space.100" shouldWrap alignBlock="center">
          <Text size="small" weight="medium">
            Tested:
          </Text>
          {coverageRows(coverage).map(({ key, label, state }) => (
            <span key={key} data-testid={`coverage-${key}`} data-state={state}>
              <Lozenge appearance={APPEARANCE[state]}>
                {`${label}: ${coverageStateText(report, key)}`}
              </Lozenge>
            </span>
          ))}
        </Inline>
        {advice.map((line) => (
          <Text key={line} as="p" size="small" color="color.text.subtle">
            {line}
          </Text>
        ))}
      </Stack>
    </section>
  );
}
