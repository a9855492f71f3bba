import { useEffect, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
import { getProjectWatch } from '../watch-api';
import { formatDateTime, VERDICTS } from '../labels';
import type { PanelContext, ProjectWatchEntry } from '../types';
import { ExternalLink } from './ExternalLink';

/**
 * The project settings page of a watched project (#27 item 4): a banner when a watched check's
 * last daily run found something that stops the sync user in this project. Nothing when none is
 * failing, or when the page's user may not see it (the resolver decides).
 */
export function ProjectWatchBanner({ context }: { context: PanelContext }) {
  const [failing, setFailing] = useState<ProjectWatchEntry[]>([]);
  useEffect(() => {
    let alive = true;
    void getProjectWatch().then((r) => {
      if (alive && r.ok) setFailing(r.profiles);
    });
    return () => {
      alive = false;
    };
  }, []);
  if (failing.length === 0) return null;
  const project = context.projectKey ?? 'this project';
  return (
    <SectionMessage
      appearance="error"
      title={`The daily check finds a problem that stops the sync user in ${project}`}
      testId="project-watch-banner"
    >
      <Stack space="space.100">
        {failing.map((entry) => {
          const since = entry.findings
            .map((f) => f.firstSeenAt)
            .sort()
            .at(0);
          return (
            <Text as="p" key={entry.profileId}>
              "{entry.name}": {VERDICTS[entry.verdict].label} at its last run (
              {formatDateTime(entry.lastRunAt)}), {entry.findings.length}{' '}
              {entry.findings.length === 1 ? 'problem' : 'problems'} in {project}
              {since ? `, first seen ${formatDateTime(since)}` : ''}.
            </Text>
          );
        })}
        <Text as="p">
          Run the check below to see what to fix. A Jira administrator sees every change on the
          Watch tab of Credential Doctor in Jira settings › Apps
          {context.adminPageUrl ? ': ' : '.'}
          {context.adminPageUrl && (
            <ExternalLink href={context.adminPageUrl}>
              open Credential Doctor in Jira settings
            </ExternalLink>
          )}
        </Text>
      </Stack>
    </SectionMessage>
  );
}
