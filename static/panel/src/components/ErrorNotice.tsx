import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { Stack, Text } from '@atlaskit/primitives';
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
  onRetry,
}: {
  error: ResolverError;
  surface: Surface;
  action?: string;
  /** Offered for failures a second try may fix (the backend failed or timed out). */
  onRetry?: () => void;
}) {
  const what = action ?? 'run this check';
  if (error.code === 'FORBIDDEN') {
    return (
      <SectionMessage
        appearance="warning"
        title={`You don't have permission to ${what}`}
        testId="error-forbidden"
      >
        <Stack space="space.100">
          <Text as="p">{error.message || forbiddenText(surface)}</Text>
          <Text as="p" size="small" color="color.text.subtle">
            Ask a Jira administrator to run the check, or to give you the access it needs.
          </Text>
        </Stack>
      </SectionMessage>
    );
  }
  if (error.code === 'CONSENT_REQUIRED') {
    return (
      <SectionMessage
        appearance="information"
        title="Allow Credential Doctor to read Jira for you"
        testId="error-consent"
        actions={
          onRetry
            ? [
                <SectionMessageAction key="retry" onClick={onRetry} testId="retry-check">
                  Try again
                </SectionMessageAction>,
              ]
            : []
        }
      >
        <Stack space="space.100">
          <Text as="p">{error.message}</Text>
          <Text as="p" size="small" color="color.text.subtle">
            Jira asks each person once, and again after an update that needs more access.
          </Text>
        </Stack>
      </SectionMessage>
    );
  }
  if (error.code === 'INVALID_INPUT') {
    return (
      <SectionMessage appearance="warning" title="Check the form" testId="error-invalid">
        <Stack space="space.100">
          <Text as="p">{error.message}</Text>
        </Stack>
      </SectionMessage>
    );
  }
  if (error.code === 'NOT_FOUND') {
    return (
      <SectionMessage appearance="warning" title="Not found" testId="error-not-found">
        <Stack space="space.100">
          <Text as="p">{error.message}</Text>
        </Stack>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage
      appearance="error"
      title={`Couldn't ${what}`}
      testId="error-internal"
      actions={
        onRetry
          ? [
              <SectionMessageAction key="retry" onClick={onRetry} testId="retry-check">
                Try again
              </SectionMessageAction>,
            ]
          : []
      }
    >
      <Stack space="space.100">
        <Text as="p">{error.message || 'Something went wrong in the app.'}</Text>
        <Text as="p" size="small" color="color.text.subtle">
          Try again; if it keeps failing, the app's logs have the details.
        </Text>
        {error.detail && (
          <details data-testid="error-technical-details">
            <summary style={{ cursor: 'pointer' }}>Technical details</summary>
            <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{error.detail}</code>
          </details>
        )}
      </Stack>
    </SectionMessage>
  );
}
