import Heading from '@atlaskit/heading';
import Tooltip from '@atlaskit/tooltip';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { cellReason } from '../derive';
import { permissionLabel } from '../labels';
import type { PermissionState, ProjectExplanation, ProjectReport, Report } from '../types';
import { Card } from './Card';

const SYMBOLS: Record<'yes' | 'no' | 'unknown', { glyph: string; word: string; color: string }> = {
  yes: { glyph: '✓', word: 'granted', color: token('color.text.success', '#216E4E') },
  no: { glyph: '✗', word: 'not granted', color: token('color.text.danger', '#AE2E24') },
  unknown: { glyph: '?', word: 'unknown', color: token('color.text.subtlest', '#626F86') },
};

function stateKey(state: PermissionState | undefined): keyof typeof SYMBOLS {
  if (state === true) return 'yes';
  if (state === false) return 'no';
  return 'unknown';
}

const cellStyle = {
  padding: `${token('space.075', '6px')} ${token('space.150', '12px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'center' as const,
};

function Cell({
  report,
  project,
  permission,
}: {
  report: Report;
  project: ProjectReport;
  permission: string;
}) {
  const key = stateKey(project.permissions[permission]);
  const s = SYMBOLS[key];
  const reason = cellReason(report, project, permission);
  return (
    <td style={cellStyle} data-state={key}>
      <Tooltip content={reason} position="top">
        {(triggerProps) => (
          <span
            {...triggerProps}
            className="cd-cell"
            role="img"
            tabIndex={0}
            aria-label={`${permissionLabel(permission)} in ${project.key}: ${s.word}`}
            data-testid={`cell-${project.key}-${permission}`}
            style={{
              display: 'inline-block',
              minWidth: 24,
              fontWeight: 700,
              fontSize: 16,
              color: s.color,
              borderRadius: 3,
              cursor: 'default',
            }}
          >
            {s.glyph}
          </span>
        )}
      </Tooltip>
    </td>
  );
}

const whyItemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.100',
});

function listOrNone(items: readonly string[]): string {
  return items.length > 0 ? items.join(', ') : 'none';
}

/** Per explained project: the scheme, the user's roles and groups, and the least-privilege fix. */
function Explanations({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const explained = report.projects.filter(
    (p): p is ProjectReport & { explanation: ProjectExplanation } => p.explanation !== undefined,
  );
  if (explained.length === 0) return null;
  const headingId = `${idPrefix}-why`;
  return (
    <Stack space="space.100" testId="explanations">
      <Heading size="xxsmall" as="h4" id={headingId}>
        Why, and the least-privilege fix
      </Heading>
      <ul
        aria-labelledby={headingId}
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}
      >
        {explained.map((project) => {
          const e = project.explanation;
          return (
            <Box as="li" key={project.key} xcss={whyItemStyles} testId={`why-${project.key}`}>
              <Stack space="space.050">
                <Text as="p">
                  <Text weight="semibold">{project.key}</Text>
                  <Text size="small" color="color.text.subtle">
                    {` · permission scheme ${e.scheme.name} · the user's roles: ${listOrNone(e.userRoles)} · groups: ${listOrNone(e.userGroups)}`}
                  </Text>
                </Text>
                {e.recommendation ? (
                  <Text as="p" testId={`recommendation-${project.key}`}>
                    <Text weight="semibold">Recommended fix: </Text>
                    {e.recommendation.summary}
                  </Text>
                ) : (
                  <Text as="p" size="small" color="color.text.subtle">
                    Nothing missing here. Hover or focus a ✓ to see which grant gives it.
                  </Text>
                )}
              </Stack>
            </Box>
          );
        })}
      </ul>
    </Stack>
  );
}

export function PermissionMatrix({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const permissions = report.requiredPermissions;
  if (report.projects.length === 0 || permissions.length === 0) return null;
  const headStyle = {
    ...cellStyle,
    color: token('color.text.subtle', '#44546F'),
    fontWeight: 600,
    borderBottom: `2px solid ${token('color.border', '#091E4224')}`,
    verticalAlign: 'bottom' as const,
  };
  return (
    <Card title="Permission matrix" headingId={`${idPrefix}-matrix`} testId="permission-matrix">
      <Text as="p" size="small" color="color.text.subtle">
        ✓ granted · ✗ not granted · ? could not be determined. Hover or focus a cell for the reason.
      </Text>
      <div style={{ overflowX: 'auto' }}>
        <table
          style={{ borderCollapse: 'collapse', width: '100%' }}
          aria-labelledby={`${idPrefix}-matrix`}
        >
          <thead>
            <tr>
              <th scope="col" style={{ ...headStyle, textAlign: 'left' }}>
                Project
              </th>
              {permissions.map((p) => (
                <th scope="col" key={p} style={headStyle}>
                  <span style={{ display: 'block' }}>{permissionLabel(p)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.projects.map((project) => (
              <tr key={project.key}>
                <th scope="row" style={{ ...cellStyle, textAlign: 'left', fontWeight: 600 }}>
                  {project.key}
                  {project.name && (
                    <span
                      style={{
                        display: 'block',
                        fontWeight: 400,
                        color: token('color.text.subtle', '#44546F'),
                      }}
                    >
                      {project.name}
                    </span>
                  )}
                </th>
                {permissions.map((p) => (
                  <Cell key={p} report={report} project={project} permission={p} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Explanations report={report} idPrefix={idPrefix} />
    </Card>
  );
}
