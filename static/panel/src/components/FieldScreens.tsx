import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ProjectReport, Report } from '../types';
import { Card } from './Card';

const cellStyle = {
  padding: `${token('space.075', '6px')} ${token('space.150', '12px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'left' as const,
  verticalAlign: 'top' as const,
};
const missingStyle = { color: token('color.text.danger', '#AE2E24'), fontWeight: 600 };

/**
 * Why no screen is listed. When the sync user can neither create nor edit in any project, the
 * screens were not read on purpose (coverage counts them as settled by the permission problem), so
 * say that instead of implying a failed read.
 */
function noScreenReason(report: Report): string {
  const blocked = (p: ProjectReport) => {
    if (p.exists === false || p.visible === false) return true;
    const states = ['CREATE_ISSUES', 'EDIT_ISSUES']
      .filter((k) => k in p.permissions)
      .map((k) => p.permissions[k]);
    return states.length > 0 && states.every((state) => state === false);
  };
  if (report.projects.length > 0 && report.projects.every(blocked))
    return 'No screen was read: the sync user cannot create or edit issues in these projects yet. Fix the permissions in the plan, then re-run this check to test the fields.';
  return 'No create or edit screen could be read.';
}

/** Projects whose screens were read in another project that uses the same schemes, by that project. */
function sharedScreens(report: Report): Array<{ rep: string; keys: string[] }> {
  const byRep = new Map<string, string[]>();
  for (const p of report.projects) {
    const rep = p.screensReadIn?.create ?? p.screensReadIn?.edit;
    if (rep && rep !== p.key) byRep.set(rep, [...(byRep.get(rep) ?? []), p.key]);
  }
  return [...byRep].map(([rep, keys]) => ({ rep, keys }));
}

/** Field ID → the name Jira shows, from the report's resolved fields. */
function fieldNamer(report: Report): (id: string) => string {
  const names = new Map((report.fields ?? []).map((f) => [f.id, f.name]));
  return (id) => names.get(id) ?? id;
}

function ScreenRows({ project, name }: { project: ProjectReport; name: (id: string) => string }) {
  return (
    <>
      {(project.screens ?? []).map((s) => {
        const where = `${s.screen === 'create' ? 'Create' : 'Edit'} · ${s.issueType}${s.issueKey ? ` (${s.issueKey})` : ''}`;
        return (
          <tr
            key={`${s.screen}-${s.issueType}`}
            data-testid={`screen-${project.key}-${s.screen}-${s.issueType}`}
            data-missing={s.missing.length}
          >
            <th scope="row" style={cellStyle}>
              {project.key}
            </th>
            <td style={cellStyle}>{where}</td>
            <td style={cellStyle}>
              {s.missing.length ? (
                <span style={missingStyle}>
                  Not on the screen: {s.missing.map(name).join(', ')}
                </span>
              ) : (
                'All on the screen'
              )}
              {s.onScreen.length > 0 && s.missing.length > 0 && (
                <Text size="small" color="color.text.subtle">
                  {' '}
                  (on it: {s.onScreen.map(name).join(', ')})
                </Text>
              )}
            </td>
          </tr>
        );
      })}
    </>
  );
}

/**
 * The synchronizer's fields on each project's create and edit screens, and what issue security
 * hides from the sync user: only what the run read — in the project itself, or in another target
 * project that uses the same schemes (said so) — never implied for others.
 */
export function FieldScreens({ report, idPrefix }: { report: Report; idPrefix: string }) {
  const withScreens = report.projects.filter((p) => p.screens?.length);
  const shared = sharedScreens(report);
  const secured = report.projects.filter((p) => p.issueSecurity && p.issueSecurity.sampled > 0);
  const unsecured = report.projects
    .filter((p) => p.issueSecurity?.scheme === null)
    .map((p) => p.key);
  if (
    !report.fields?.length &&
    withScreens.length === 0 &&
    secured.length === 0 &&
    unsecured.length === 0
  )
    return null;
  const name = fieldNamer(report);
  const headingId = `${idPrefix}-field-screens`;
  return (
    <Card title="Fields on screens" headingId={headingId} testId="field-screens">
      <Stack space="space.100">
        {report.fields?.length ? (
          <Text>
            The synchronizer sets{' '}
            {report.fields.map((f) => (f.name ? `${f.name}` : f.given)).join(', ')}.
          </Text>
        ) : null}
        {withScreens.length > 0 ? (
          <table style={{ borderCollapse: 'collapse', width: '100%' }} aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col" style={cellStyle}>
                  Project
                </th>
                <th scope="col" style={cellStyle}>
                  Screen
                </th>
                <th scope="col" style={cellStyle}>
                  Fields
                </th>
              </tr>
            </thead>
            <tbody>
              {withScreens.map((p) => (
                <ScreenRows key={p.key} project={p} name={name} />
              ))}
            </tbody>
          </table>
        ) : (
          <Text color="color.text.subtle" testId="field-screens-none">
            {noScreenReason(report)}
          </Text>
        )}
        {shared.map(({ rep, keys }) => (
          <Text key={rep} testId={`screens-shared-${rep}`}>
            {`${keys.length > 30 ? `${keys.slice(0, 30).join(', ')} and ${keys.length - 30} more` : keys.join(', ')} ${keys.length === 1 ? 'uses' : 'use'} the same schemes as ${rep}, so ${keys.length === 1 ? 'its' : 'their'} screens are the ones read in ${rep}.`}
          </Text>
        ))}
        {unsecured.length > 0 && (
          <Text testId="issue-security-none">
            {`No issue security scheme in ${unsecured.length > 30 ? `${unsecured.slice(0, 30).join(', ')} and ${unsecured.length - 30} more` : unsecured.join(', ')}: no security level can hide an issue there.`}
          </Text>
        )}
        {secured.map((p) => (
          <Text key={p.key} testId={`issue-security-${p.key}`}>
            {p.issueSecurity && p.issueSecurity.hidden > 0
              ? `Issue security in ${p.key}: ${p.issueSecurity.hidden} of ${p.issueSecurity.sampled} sampled secured issues are hidden from the sync user (${p.issueSecurity.levels.join(', ')}).`
              : `Issue security in ${p.key}: all ${p.issueSecurity?.sampled ?? 0} sampled secured issues are visible to the sync user.`}
          </Text>
        ))}
      </Stack>
    </Card>
  );
}
