import Lozenge from '@atlaskit/lozenge';
import type { ColumnStatus } from '../derive';

const LOZENGES: Record<
  ColumnStatus,
  { text: string; appearance: 'success' | 'removed' | 'default' }
> = {
  ok: { text: 'OK', appearance: 'success' },
  problem: { text: 'Problem', appearance: 'removed' },
  'not-checked': { text: 'Not checked', appearance: 'default' },
};

export function StatusLozenge({ status }: { status: ColumnStatus }) {
  const l = LOZENGES[status];
  return (
    <Lozenge appearance={l.appearance} testId={`status-${status}`}>
      {l.text}
    </Lozenge>
  );
}
