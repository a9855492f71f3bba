import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';

const cardStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface',
  padding: 'space.200',
  minWidth: '0',
});

export function Card({
  title,
  headingId,
  action,
  children,
  testId,
  headingLevel = 'h3',
}: {
  /** h3 inside a report (under the verdict's h2); h2 where the card is the page's first section. */
  headingLevel?: 'h2' | 'h3';
  title: string;
  headingId: string;
  action?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box as="section" xcss={cardStyles} aria-labelledby={headingId} testId={testId}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="center" space="space.100">
          <Heading size="small" as={headingLevel} id={headingId}>
            {title}
          </Heading>
          {action}
        </Inline>
        {children}
      </Stack>
    </Box>
  );
}
