import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { FINDING_CATALOGUE } from '@shared/engine/findings/catalogue';
import { FINDING_MEANINGS } from '../meanings';
import { CATEGORIES, permissionLabel, SEVERITIES, sortFindings } from '../labels';
import { linkForFinding, type LinkContext } from '../links';
import type { Finding, Report } from '../types';
import { Card } from './Card';
import { ExternalLink } from './ExternalLink';
import { planItemId } from './FixPlan';
import { liftCoolingOff } from '../api';

/**
 * On a cooling-off caused by refused tokens: a Jira administrator who knows the token is right
 * lifts it (the backend refuses anyone else, and says so).
 */
function LiftCoolingOff({ guard }: { guard: string }) {
  const [state, setState] = useState<
    { status: 'idle' | 'busy' } | { status: 'done'; text: string }
  >({ status: 'idle' });
  if (state.status === 'done') {
    return (
      <Text as="p" size="small" testId="lift-cooling-off-result">
        {state.text}
      </Text>
    );
  }
  return (
    <div>
      <Button
        testId="lift-cooling-off"
        isDisabled={state.status === 'busy'}
        onClick={async () => {
          setState({ status: 'busy' });
          const res = await liftCoolingOff(guard);
          setState({
            status: 'done',
            text: res.ok
              ? res.lifted
                ? 'Lifted: the token can be checked again now.'
                : 'Nothing to lift: the cooling-off has ended.'
              : res.error.message,
          });
        }}
      >
        Lift the cooling-off
      </Button>
    </div>
  );
}

function coolingOffGuard(finding: Finding): string | null {
  if (finding.code !== 'LOGIN_COOLING_OFF') return null;
  const details = (finding.details ?? {}) as { guard?: unknown; reason?: unknown };
  const liftable = details.reason === 'refused' || details.reason === 'too-many-tokens';
  return liftable && typeof details.guard === 'string' && /^[0-9a-f]{48}$/.test(details.guard)
    ? details.guard
    : null;
}

/** Findings shown before "Show all": a run over many projects must not bury the page. */
export const FINDINGS_SHOWN = 20;

const itemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.150',
});

function TechnicalDetails({ finding }: { finding: Finding }) {
  const rows: Array<[string, string]> = [
    ['Finding code', finding.code],
    ['Meaning', FINDING_MEANINGS[finding.code]],
    ['Check step', finding.step],
  ];
  if (finding.permission) rows.push(['Permission key', finding.permission]);
  for (const [key, value] of Object.entries(finding.details ?? {})) {
    rows.push([key, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  return (
    <details data-testid="technical-details">
      <summary style={{ cursor: 'pointer', color: token('color.text.subtle', '#44546F') }}>
        Technical details
      </summary>
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          gap: `2px ${token('space.150', '12px')}`,
          margin: `${token('space.050', '4px')} 0 0`,
          fontSize: 12,
        }}
      >
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt style={{ color: token('color.text.subtle', '#44546F') }}>{label}</dt>
            <dd style={{ margin: 0 }}>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function FindingItem({
  finding,
  linkCtx,
  planStep,
  idPrefix,
}: {
  finding: Finding;
  linkCtx: LinkContext;
  planStep: number | undefined;
  idPrefix: string;
}) {
  const sev = SEVERITIES[finding.severity];
  const fallback = (finding.links ?? []).length === 0 ? linkForFinding(finding, linkCtx) : null;
  const scope = [finding.project, finding.permission ? permissionLabel(finding.permission) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box as="li" xcss={itemStyles} testId={`finding-${finding.code}`}>
      <Stack space="space.075">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={sev.lozenge}>{sev.label}</Lozenge>
          <Text weight="semibold">{FINDING_CATALOGUE[finding.code].title}</Text>
          <Text size="small" color="color.text.subtle">
            {CATEGORIES[finding.category]}
            {scope ? ` · ${scope}` : ''}
          </Text>
        </Inline>
        <Text as="p">{finding.message}</Text>
        {planStep !== undefined && (
          <Text as="p" size="small">
            <a href={`#${planItemId(idPrefix, planStep)}`}>Fix: step {planStep} of the plan</a>
          </Text>
        )}
        {fallback && <ExternalLink href={fallback.href}>{fallback.label}</ExternalLink>}
        {coolingOffGuard(finding) && <LiftCoolingOff guard={coolingOffGuard(finding) as string} />}
        <TechnicalDetails finding={finding} />
      </Stack>
    </Box>
  );
}

/** The evidence behind the plan: what was seen, finding by finding, most severe first. */
export function Findings({
  report,
  linkCtx,
  headingId,
  planSteps,
  idPrefix,
}: {
  report: Report;
  linkCtx: LinkContext;
  headingId: string;
  /** Position in `report.findings` → the plan step that fixes it. */
  planSteps: ReadonlyMap<number, number>;
  idPrefix: string;
}) {
  const [showAll, setShowAll] = useState(false);
  const indexOf = new Map(report.findings.map((f, i) => [f, i]));
  const findings = sortFindings(report.findings);
  const shown = showAll ? findings : findings.slice(0, FINDINGS_SHOWN);
  return (
    <Card title={`Findings (${findings.length})`} headingId={headingId} testId="findings">
      {findings.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          Nothing to fix in what this run checked (“What was tested” says what that is).
        </Text>
      ) : (
        <Stack space="space.150">
          <ol
            style={{
              listStyle: 'none',
              margin: 0,
              padding: 0,
              display: 'grid',
              gap: token('space.150', '12px'),
            }}
          >
            {shown.map((f, i) => (
              <FindingItem
                key={`${f.code}-${f.project ?? ''}-${f.permission ?? ''}-${i}`}
                finding={f}
                linkCtx={linkCtx}
                planStep={planSteps.get(indexOf.get(f) ?? -1)}
                idPrefix={idPrefix}
              />
            ))}
          </ol>
          {findings.length > shown.length && (
            <div>
              <Button onClick={() => setShowAll(true)} testId="show-all-findings">
                Show all {findings.length} findings
              </Button>
            </div>
          )}
        </Stack>
      )}
    </Card>
  );
}
