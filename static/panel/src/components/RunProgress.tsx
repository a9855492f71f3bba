import { useEffect, useState } from 'react';
import Spinner from '@atlaskit/spinner';
import { Inline, Text } from '@atlaskit/primitives';
import type { BatchProgress } from '../useRunCheck';

const PHASES = [
  'Asking Jira who the user is…',
  'Checking the target projects…',
  'Checking permissions in each project…',
  'Still working: Jira is slow to answer…',
];

/**
 * An honest progress line. One check is one call: it shows what is being checked and for how
 * long. A run of many projects is checked in batches: it shows how many projects are done.
 */
export function RunProgress({
  startedAt,
  progress,
}: {
  startedAt: number | null;
  progress?: BatchProgress;
}) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (startedAt === null) return undefined;
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, [startedAt]);
  if (startedAt === null) return <span role="status" aria-live="polite" />;
  const elapsed = Math.max(0, now - startedAt);
  const phase = progress
    ? progress.total === null
      ? 'Finding the projects to check…'
      : `Checked ${progress.checked} of ${progress.total} projects`
    : PHASES[Math.min(PHASES.length - 1, Math.floor(elapsed / 1500))];
  return (
    <span role="status" aria-live="polite" data-testid="run-progress">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="small" label="Running check" />
        <Text>{phase}</Text>
        <span aria-hidden="true">
          <Text color="color.text.subtle">{(elapsed / 1000).toFixed(1)} s</Text>
        </span>
      </Inline>
    </span>
  );
}
