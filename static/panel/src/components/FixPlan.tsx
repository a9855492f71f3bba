import Lozenge from '@atlaskit/lozenge';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import {
  TITLE_PROJECT_LIMIT,
  type FixPlan as Plan,
  type PlanAction,
} from '@shared/engine/presentation/plan';
import { Card } from './Card';
import { ExternalLink } from './ExternalLink';

/** Links shown under an action before the rest go behind "All N links". */
const LINKS_SHOWN = 3;

const itemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.150',
});

const linkList = {
  margin: 0,
  paddingInlineStart: 0,
  listStyle: 'none',
  display: 'flex',
  flexWrap: 'wrap' as const,
  gap: `${token('space.050', '4px')} ${token('space.200', '16px')}`,
};

export function planItemId(idPrefix: string, step: number): string {
  return `${idPrefix}-plan-${step}`;
}

function ActionLinks({ action }: { action: PlanAction }) {
  if (action.links.length === 0) return null;
  const first = action.links.slice(0, LINKS_SHOWN);
  const rest = action.links.slice(LINKS_SHOWN);
  return (
    <Stack space="space.050">
      <ul style={linkList}>
        {first.map((l) => (
          <li key={l.url}>
            <ExternalLink href={l.url}>{l.label}</ExternalLink>
          </li>
        ))}
      </ul>
      {rest.length > 0 && (
        <details data-testid="plan-more-links">
          <summary style={{ cursor: 'pointer' }}>All {action.links.length} links</summary>
          <ul style={{ ...linkList, marginBlockStart: token('space.050', '4px') }}>
            {rest.map((l) => (
              <li key={l.url}>
                <ExternalLink href={l.url}>{l.label}</ExternalLink>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Stack>
  );
}

function ActionItem({ action, step, id }: { action: PlanAction; step: number; id: string }) {
  const blocking = action.severity === 'error';
  return (
    <Box as="li" xcss={itemStyles} testId="plan-action" id={id}>
      <Stack space="space.075">
        <Text as="p" weight="semibold">
          <span style={{ marginInlineEnd: 8 }}>{step}.</span>
          {action.title}{' '}
          <Lozenge appearance={blocking ? 'removed' : 'default'}>
            {blocking ? 'Blocks the integration' : 'Recommended'}
          </Lozenge>
        </Text>
        {action.steps.map((s, i) => (
          <Text as="p" key={i}>
            {s}
          </Text>
        ))}
        {action.projects.length > TITLE_PROJECT_LIMIT && (
          <details data-testid="plan-projects">
            <summary style={{ cursor: 'pointer' }}>All {action.projects.length} projects</summary>
            <Text as="p" size="small">
              {action.projects.join(', ')}
            </Text>
          </details>
        )}
        <ActionLinks action={action} />
        {action.findingCount > 1 && (
          <Text as="p" size="small" color="color.text.subtle">
            Fixes {action.findingCount} findings.
          </Text>
        )}
      </Stack>
    </Box>
  );
}

/** The deduplicated checklist: each action once, in the order to do them. */
export function FixPlan({
  plan,
  idPrefix,
  headingId,
}: {
  plan: Plan;
  idPrefix: string;
  headingId: string;
}) {
  if (plan.actions.length === 0) return null;
  const count = plan.actions.length;
  return (
    <Card
      title={`Fix plan: ${count} action${count === 1 ? '' : 's'}`}
      headingId={headingId}
      testId="fix-plan"
    >
      <ol
        style={{
          listStyle: 'none',
          margin: 0,
          padding: 0,
          display: 'grid',
          gap: token('space.150', '12px'),
        }}
      >
        {plan.actions.map((action, i) => (
          <ActionItem
            key={action.id}
            action={action}
            step={i + 1}
            id={planItemId(idPrefix, i + 1)}
          />
        ))}
      </ol>
      {/* The title counts the numbered actions; the re-run is said after them, unnumbered. */}
      {plan.closing && (
        <Text as="p" weight="semibold" testId="plan-closing">
          Then: {plan.closing}
        </Text>
      )}
    </Card>
  );
}
