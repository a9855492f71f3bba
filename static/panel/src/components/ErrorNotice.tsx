import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives';
import type { ResolverError, Surface } from '../types';

function forbiddenText(surface: Surface): string {
  return surface === 'project'
    ? 'Only administrators of this project (or Jira administrators) can check sync users here.'
    : 'Only Jira administrators can check sync users on this page.';
}

/** A resolver error as a person should read it; FORBIDDEN is a refusal, not a crash. */
export function ErrorNotice({
  error,
  surface,
  action,
}: {
  error: ResolverError;
  surface: Surface;
  action?: string;
}) {
  const what = action ?? 'run this check';
  if (error.code === 'FORBIDDEN') {
    return (
      <SectionMessage appearance="warning" title={`You don't have permission to ${what}`} testId="error-forbidden">
        <Text as="p">{forbiddenText(surface)}</Text>
        {error.message && (
          <Text as="p" size="small" color="color.text.subtle">
            Jira said: {error.message}
          </Text>
        )}
      </SectionMessage>
    );
  }
  if (error.code === 'INVALID_INPUT') {
    return (
      <SectionMessage appearance="warning" title="Check the form" testId="error-invalid">
        <Text as="p">{error.message}</Text>
      </SectionMessage>
    );
  }
  if (error.code === 'NOT_FOUND') {
    return (
      <SectionMessage appearance="warning" title="Not found" testId="error-not-found">
        <Text as="p">{error.message}</Text>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage appearance="error" title={`Couldn't ${what}`} testId="error-internal">
      <Text as="p">{error.message || 'Something went wrong in the app.'}</Text>
      <Text as="p" size="small" color="color.text.subtle">
        Nothing was changed in Jira. Try again; if it keeps failing, the app's logs have the details.
      </Text>
    </SectionMessage>
  );
}
