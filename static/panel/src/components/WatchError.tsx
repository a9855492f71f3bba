import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import type { ResolverError } from '../types';

/** A refused or failed watch call, in the resolver's words (which speak admin). */
export function WatchError({ error, action }: { error: ResolverError; action: string }) {
  return (
    <SectionMessage
      appearance={error.code === 'FORBIDDEN' ? 'warning' : 'error'}
      title={
        error.code === 'FORBIDDEN' ? `You don't have permission to ${action}` : `Couldn't ${action}`
      }
      testId="watch-error"
    >
      <Text as="p">{error.message}</Text>
    </SectionMessage>
  );
}
