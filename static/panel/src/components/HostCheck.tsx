import { useEffect, useId, useState, type ChangeEvent, type DragEvent } from 'react';
import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import Checkbox from '@atlaskit/checkbox';
import {
  buildHostCommand,
  CLIENT_ID_PLACEHOLDER,
  EMAIL_PLACEHOLDER,
  HOST_CLIENT_SECRET_ENV,
  HOST_REPORT_FILE,
  HOST_TOKEN_ENV,
} from '@shared/engine/presentation/host-command';
import type { CheckSelection } from './CheckForm';
import { Card } from './Card';

/** The resolver refuses larger reports; the panel says so before sending one. */
const MAX_REPORT_CHARS = 3_000_000;

const codeStyles = xcss({
  borderRadius: 'radius.medium',
  padding: 'space.150',
  backgroundColor: 'color.background.neutral',
  overflowX: 'auto',
});

const dropStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'dashed',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.150',
});

export interface HostCheckProps {
  selection: CheckSelection | null;
  /** This installation's site, from the resolver. */
  site: string;
  /** This site's cloud ID (the API gateway address), from the invocation context. */
  cloudId: string | null;
  maxAgeHours: number;
  /** Whether this build can also check a pasted token (default build). */
  tokenCheck: boolean;
  running: boolean;
  /** Why the app refused the last imported report (shown beside the report field). */
  refusal: string | null;
  onImport: (report: Record<string, unknown>) => void;
}

/**
 * "Check from the synchronizer's host": the exact CLI command for the check chosen above (never a
 * token), and the report it writes brought back here (dropped, chosen or pasted).
 */
export function HostCheck({
  selection,
  site,
  cloudId,
  maxAgeHours,
  tokenCheck,
  running,
  refusal,
  onImport,
}: HostCheckProps) {
  const id = useId().replace(/:/g, '');
  const [email, setEmail] = useState(selection?.user.email ?? '');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  // A service account may sign in with an OAuth 2.0 client credential instead of an API token.
  const [oauth, setOauth] = useState(false);
  const [clientId, setClientId] = useState('');
  const knownEmail = selection?.user.email ?? '';
  useEffect(() => setEmail(knownEmail), [knownEmail]);

  const command = selection
    ? buildHostCommand({
        site,
        email: email.trim() || null,
        accountId: selection.user.value,
        projects: selection.projects,
        permissions: selection.permissions,
        ...(selection.preset ? { preset: selection.preset } : {}),
        ...(selection.fields ? { fields: selection.fields } : {}),
        ...(selection.issueTypes ? { issueTypes: selection.issueTypes } : {}),
        ...(oauth ? { oauth: { clientId: clientId.trim() || null, cloudId } } : {}),
      })
    : null;
  const secretEnv = oauth ? HOST_CLIENT_SECRET_ENV : HOST_TOKEN_ENV;

  const submit = (raw: string) => {
    if (!selection) {
      setError('Choose the sync user and the projects above first: the report joins that check.');
      return;
    }
    if (raw.length > MAX_REPORT_CHARS) {
      setError('This file is larger than any Credential Doctor report (3 MB).');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      setError(`This is not JSON. Paste the whole of ${HOST_REPORT_FILE} as the command wrote it.`);
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      setError('This JSON is not a report: a report is one JSON object.');
      return;
    }
    setError(null);
    onImport(parsed as Record<string, unknown>);
  };

  const readFile = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_REPORT_CHARS) {
      setError('This file is larger than any Credential Doctor report (3 MB).');
      return;
    }
    void file.text().then(
      (content) => {
        setText(content);
        submit(content);
      },
      () => setError('The file could not be read.'),
    );
  };

  const copy = () => {
    if (!command) return;
    void navigator.clipboard?.writeText(command.text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <Card
      title="Check from the synchronizer's host"
      headingId={`${id}-heading`}
      headingLevel="h2"
      testId="host-check"
    >
      <Stack space="space.150">
        <Text as="p">
          {tokenCheck
            ? 'The most faithful credential check runs where the integration runs: same token, same network, same IP allowlist. '
            : 'This installation never asks for an API token. Check the credentials where the integration runs instead: same token, same network, same IP allowlist. '}
          Run this command on the synchronizer's host. It reads the{' '}
          {oauth ? 'OAuth 2.0 client secret' : 'token'} from {secretEnv} and writes a report that
          contains no secret. Bring the report back here: its credential findings are combined with
          the permissions this page checks now.
        </Text>
        {!command ? (
          <Text as="p" color="color.text.subtle" testId="host-command-waiting">
            Choose the sync user, and the projects with “Projects I choose” above, to get the
            command: it names each project (a key list or a category is not offered here).
          </Text>
        ) : (
          <Stack space="space.100">
            <Checkbox
              label="The integration signs in with a service account's OAuth 2.0 client (client ID and secret)"
              isChecked={oauth}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setOauth(e.target.checked)}
              testId="host-oauth"
            />
            {oauth ? (
              <Stack space="space.050">
                <Label htmlFor={`${id}-client`}>Client ID of the OAuth 2.0 credential</Label>
                <Textfield
                  id={`${id}-client`}
                  autoComplete="off"
                  spellCheck={false}
                  value={clientId}
                  onChange={(e: ChangeEvent<HTMLInputElement>) =>
                    setClientId(e.currentTarget.value)
                  }
                  testId="host-client-id"
                />
                <HelperMessage>
                  {command.placeholders.includes(CLIENT_ID_PLACEHOLDER)
                    ? `Type the client ID, or replace ${CLIENT_ID_PLACEHOLDER} in the command. The command runs at the API gateway address, where an OAuth 2.0 access token works.`
                    : 'Only written into the command; not sent anywhere. Never paste the client secret here.'}
                </HelperMessage>
              </Stack>
            ) : (
              <Stack space="space.050">
                <Label htmlFor={`${id}-email`}>Email the integration signs in with</Label>
                <Textfield
                  id={`${id}-email`}
                  type="email"
                  autoComplete="off"
                  spellCheck={false}
                  value={email}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setEmail(e.currentTarget.value)}
                  testId="host-email"
                />
                <HelperMessage>
                  {command.placeholders.includes(EMAIL_PLACEHOLDER)
                    ? `Jira does not show this user's email: type it, or replace ${EMAIL_PLACEHOLDER} in the command.`
                    : 'Only written into the command; not sent anywhere.'}
                </HelperMessage>
              </Stack>
            )}
            <Box xcss={codeStyles}>
              <code
                data-testid="host-command"
                style={{
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-all',
                  font: token('font.code', '12px monospace'),
                }}
              >
                {command.text}
              </code>
            </Box>
            <Inline space="space.100" alignBlock="center">
              <Button onClick={copy} testId="copy-host-command">
                Copy command
              </Button>
              <Text size="small" color="color.text.subtle">
                {copied
                  ? 'Copied.'
                  : `Set ${secretEnv} on the host first. Reports older than ${maxAgeHours} hours are refused.`}
              </Text>
            </Inline>
          </Stack>
        )}
        <Box
          xcss={dropStyles}
          testId="host-report-drop"
          onDragOver={(e: DragEvent) => e.preventDefault()}
          onDrop={(e: DragEvent) => {
            e.preventDefault();
            readFile(e.dataTransfer.files[0]);
          }}
        >
          <Stack space="space.100">
            <Label htmlFor={`${id}-report`}>
              The report ({HOST_REPORT_FILE}): drop the file here, choose it, or paste its text
            </Label>
            <input
              type="file"
              accept="application/json,.json"
              aria-label={`Choose ${HOST_REPORT_FILE}`}
              data-testid="host-report-file"
              onChange={(e) => readFile(e.currentTarget.files?.[0])}
            />
            <textarea
              id={`${id}-report`}
              rows={4}
              value={text}
              spellCheck={false}
              aria-invalid={(error ?? refusal) !== null}
              aria-describedby={(error ?? refusal) ? `${id}-report-error` : undefined}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setError(null);
              }}
              data-testid="host-report-text"
              style={{ width: '100%', font: token('font.code', '12px monospace') }}
            />
            {(error ?? refusal) && (
              <ErrorMessage testId="host-report-error">
                <span id={`${id}-report-error`} role="alert">
                  {error ?? refusal}
                </span>
              </ErrorMessage>
            )}
            <Inline>
              <Button
                appearance="primary"
                isDisabled={running || text.trim() === ''}
                onClick={() => submit(text)}
                testId="import-host-report"
              >
                Import report and check permissions
              </Button>
            </Inline>
          </Stack>
        </Box>
      </Stack>
    </Card>
  );
}
