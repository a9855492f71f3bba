import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { FINDING_MEANINGS } from '../meanings';
import { CATEGORIES, findingSteps, permissionLabel, SEVERITIES, sortFindings } from '../labels';
import { linkForFinding, type LinkContext } from '../links';
import type { Finding, Report } from '../types';
import { Card } from './Card';
import { ExternalLink } from './ExternalLink';

const itemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.150',
});

function FindingItem({ finding, linkCtx }: { finding: Finding; linkCtx: LinkContext }) {
  const sev = SEVERITIES[finding.severity];
  const steps = findingSteps(finding);
  const engineLinks = (finding.links ?? []).map((l) => ({ href: l.url, label: l.label }));
  const fallback = engineLinks.length === 0 ? linkForFinding(finding, linkCtx) : null;
  const links = fallback ? [fallback] : engineLinks;
  const scope = [finding.project, finding.permission ? permissionLabel(finding.permission) : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box as="li" xcss={itemStyles} testId={`finding-${finding.code}`}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={sev.lozenge}>{sev.label}</Lozenge>
          <code
            title={FINDING_MEANINGS[finding.code]}
            style={{ fontWeight: 600, color: token('color.text', '#172B4D') }}
          >
            {finding.code}
          </code>
          <Text size="small" color="color.text.subtle">
            {CATEGORIES[finding.category]}
            {scope ? ` · ${scope}` : ''}
          </Text>
        </Inline>
        <Text as="p">{finding.message}</Text>
        {steps.length > 0 && (
          <div>
            <Text as="p" size="small" weight="semibold" color="color.text.subtle">
              How to fix
            </Text>
            <ol style={{ margin: `${token('space.050', '4px')} 0 0`, paddingInlineStart: 24 }}>
              {steps.map((step, i) => (
                <li key={i} style={{ marginBlock: 2 }}>
                  {step}
                </li>
              ))}
            </ol>
          </div>
        )}
        {links.length > 0 && (
          <ul
            style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none', display: 'grid', gap: 4 }}
          >
            {links.map((l) => (
              <li key={l.href + l.label}>
                <ExternalLink href={l.href}>{l.label}</ExternalLink>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Box>
  );
}

export function Findings({
  report,
  linkCtx,
  headingId,
}: {
  report: Report;
  linkCtx: LinkContext;
  headingId: string;
}) {
  const findings = sortFindings(report.findings);
  return (
    <Card title={`Findings (${findings.length})`} headingId={headingId} testId="findings">
      {findings.length === 0 ? (
        <Text as="p" color="color.text.subtle">
          Nothing to fix: every check passed.
        </Text>
      ) : (
        <ol
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'grid',
            gap: token('space.150', '12px'),
          }}
        >
          {findings.map((f, i) => (
            <FindingItem
              key={`${f.code}-${f.project ?? ''}-${f.permission ?? ''}-${i}`}
              finding={f}
              linkCtx={linkCtx}
            />
          ))}
        </ol>
      )}
    </Card>
  );
}
