import { Box, Grid, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import {
  credentialsColumn,
  permissionsColumn,
  type ColumnStatus,
  type FactRow,
  type ProjectRow,
} from '../derive';
import type { Report } from '../types';
import { Card } from './Card';
import { StatusLozenge } from './StatusLozenge';

const columnStyles = xcss({
  padding: 'space.150',
  borderRadius: 'radius.medium',
  backgroundColor: 'color.background.neutral.subtle.hovered',
  minWidth: '0',
});

const gridStyles = xcss({
  gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
});

function toneColor(tone: FactRow['tone']): string {
  if (tone === 'problem') return token('color.text.danger', '#AE2E24');
  return token('color.text', '#172B4D');
}

function Facts({ rows }: { rows: Array<FactRow & { key?: string }> }) {
  return (
    <dl
      style={{
        margin: 0,
        padding: 0,
        display: 'grid',
        gridTemplateColumns: 'minmax(110px, max-content) 1fr',
        gap: `${token('space.075', '6px')} ${token('space.150', '12px')}`,
      }}
    >
      {rows.map((row, i) => (
        <div key={row.key ?? `${row.label}-${i}`} style={{ display: 'contents' }}>
          <dt style={{ color: token('color.text.subtle', '#44546F'), margin: 0 }}>{row.label}</dt>
          <dd style={{ margin: 0, color: toneColor(row.tone), overflowWrap: 'anywhere' }}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Column({
  title,
  id,
  status,
  note,
  rows,
}: {
  title: string;
  id: string;
  status: ColumnStatus;
  note: string;
  rows: Array<FactRow & { key?: string }>;
}) {
  return (
    <Box xcss={columnStyles} as="section" aria-labelledby={id} testId={`column-${id}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Heading size="xsmall" as="h4" id={id}>
            {title}
          </Heading>
          <StatusLozenge status={status} />
        </Inline>
        {note && (
          <Text as="p" size="small" color="color.text.subtle">
            {note}
          </Text>
        )}
        <Facts rows={rows} />
      </Stack>
    </Box>
  );
}

/** Projects listed in the Permissions column; the permission matrix below has them all. */
export const PROJECT_ROWS_SHOWN = 8;

const TONE_ORDER: Record<ProjectRow['tone'], number> = { problem: 0, neutral: 1, ok: 2 };

/** Problems first; past the first few, one line counts the rest and points to the matrix. */
function projectFacts(rows: readonly ProjectRow[]): Array<FactRow & { key?: string }> {
  const ordered = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => TONE_ORDER[a.r.tone] - TONE_ORDER[b.r.tone] || a.i - b.i)
    .map(({ r }) => r);
  const shown = ordered.slice(0, PROJECT_ROWS_SHOWN).map((r) => ({
    key: r.project.key,
    label: r.project.name ? `${r.project.key} · ${r.project.name}` : r.project.key,
    value: r.value,
    tone: r.tone,
  }));
  const rest = ordered.slice(PROJECT_ROWS_SHOWN);
  if (rest.length === 0) return shown;
  const count = (tone: ProjectRow['tone']) => rest.filter((r) => r.tone === tone).length;
  const parts = [
    [count('problem'), 'with a problem'],
    [count('neutral'), 'not fully determined'],
    [count('ok'), 'with everything held'],
  ] as const;
  const summary = parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n.toLocaleString('en-US')} ${what}`)
    .join(', ');
  return [
    ...shown,
    {
      key: 'more-projects',
      label: `${rest.length.toLocaleString('en-US')} more project${rest.length === 1 ? '' : 's'}`,
      value: `${summary}: see the permission matrix below.`,
      tone: count('problem') > 0 ? 'problem' : 'neutral',
    },
  ];
}

export function CredentialsCard({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const creds = credentialsColumn(report);
  const perms = permissionsColumn(report);
  const projectRows = projectFacts(perms.rows);
  return (
    <Card
      title="Credentials vs permissions"
      headingId={`${idPrefix}-cvp`}
      testId="credentials-card"
    >
      <Grid xcss={gridStyles} gap="space.200">
        <Column
          title="Credentials"
          id={`${idPrefix}-credentials`}
          status={creds.status}
          note={creds.note}
          rows={creds.rows}
        />
        <Column
          title="Permissions"
          id={`${idPrefix}-permissions`}
          status={perms.status}
          note={perms.note}
          rows={projectRows}
        />
      </Grid>
    </Card>
  );
}
