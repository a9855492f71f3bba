/**
 * "Paste an error": classifies pasted error text in the browser with the engine's pure
 * `triage()`, the same classifier as `credential-doctor triage`. Nothing is sent anywhere: no
 * resolver call, no Jira call, nothing stored. Loaded on demand (its own chunk), and the
 * classifier itself only on the first "Explain".
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { TriageCategory, TriageGroup, TriageResult } from '@shared/engine/triage/triage';
import { CATEGORIES, type LozengeAppearance } from '../labels';
import { FINDING_MEANINGS } from '../meanings';
import { Card } from './Card';

const INPUT_ID = 'cd-triage-input';
/** Rendering thousands of entries helps nobody; the counts still cover every message. */
const MAX_SHOWN = 200;
/** Long lines (stack traces, JSON bodies) are cut in the list; the classification used all of it. */
const MAX_TEXT = 400;

const CATEGORY_LOZENGES: Readonly<Record<TriageCategory, LozengeAppearance>> = {
  credentials: 'removed',
  connectivity: 'removed',
  permissions: 'moved',
  configuration: 'new',
  transient: 'inprogress',
  platform: 'default',
};

/** The report's categories, and answers of Atlassian's app platform (#24). */
const TRIAGE_CATEGORIES: Readonly<Record<TriageCategory, string>> = {
  ...CATEGORIES,
  platform: 'App platform',
};

const CATEGORY_ORDER: readonly TriageCategory[] = [
  'credentials',
  'permissions',
  'configuration',
  'connectivity',
  'platform',
  'transient',
];

const formStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

const itemStyles = xcss({
  borderBlockStartWidth: 'border.width',
  borderBlockStartStyle: 'solid',
  borderBlockStartColor: 'color.border',
  paddingBlockStart: 'space.150',
});

const quoteStyles = xcss({
  borderRadius: 'radius.small',
  paddingBlock: 'space.050',
  paddingInline: 'space.100',
  backgroundColor: 'color.background.neutral',
  minWidth: '0',
});

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

type Classifier = (text: string) => TriageResult;
let classifier: Promise<Classifier> | null = null;

/** The triage module, fetched once, on first use. */
function loadClassifier(): Promise<Classifier> {
  classifier ??= import('@shared/engine/triage/triage').then((m) => m.triage);
  classifier.catch(() => {
    classifier = null;
  });
  return classifier;
}

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function sourceLabel(source: string): string {
  return source.startsWith('line ') ? `Line ${source.slice(5)}` : source;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summarise(result: TriageResult): string {
  const total = result.messages.length;
  if (total === 0) return 'No message found in the pasted text.';
  const parts = CATEGORY_ORDER.filter((c) => result.counts[c] > 0).map(
    (c) => `${result.counts[c]} ${TRIAGE_CATEGORIES[c].toLowerCase()}`,
  );
  if (result.counts.unrecognised > 0) parts.push(`${result.counts.unrecognised} unrecognised`);
  return `${plural(total, 'message')}${result.format === 'json' ? ' (JSON log)' : ''}: ${parts.join(', ')}.`;
}

const termStyle = { margin: 0, padding: 0, color: token('color.text.subtle', '#44546F') };

/** The rules write commands and header names in `backticks`: shown as code. */
function WithCode({ text }: { text: string }) {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

export interface CheckSubject {
  project: string | null;
  user: string | null;
}
type OnCheck = (subject: CheckSubject) => void;

/** Only a check can tell these apart; a temporary or network problem is not the sync user's. */
const CHECKABLE: ReadonlySet<TriageCategory> = new Set([
  'credentials',
  'permissions',
  'configuration',
]);

/** The rules' next steps are written for the terminal; in the panel the Check tab does that job. */
function panelNext(next: string): string {
  return next.includes('credential-doctor check')
    ? 'Check the sync user in the Check tab to tell which.'
    : next;
}

function occurrences(message: TriageGroup): string {
  const shown = message.sources.map(sourceLabel).join(', ');
  const more = message.count - message.sources.length;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function MessageItem({ message, onCheck }: { message: TriageGroup; onCheck?: OnCheck }) {
  const category = message.category;
  const subject = [
    message.user ? `user ${message.user}` : null,
    message.project ? `project ${message.project}` : null,
  ].filter(Boolean);
  return (
    <Box
      as="li"
      xcss={itemStyles}
      testId="triage-message"
      data-category={category ?? 'unrecognised'}
      data-source={message.sources[0]}
      data-count={message.count}
    >
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <code style={{ fontWeight: 600, color: token('color.text', '#172B4D') }}>
            {sourceLabel(message.sources[0] ?? '')}
          </code>
          {message.count > 1 && (
            <span title={occurrences(message)} data-testid="triage-message-count">
              <Lozenge appearance="default" isBold>
                {message.count}×
              </Lozenge>
            </span>
          )}
          {message.status !== null && (
            <Text size="small" color="color.text.subtle">
              HTTP {message.status}
            </Text>
          )}
          {category ? (
            <Lozenge appearance={CATEGORY_LOZENGES[category]}>
              {TRIAGE_CATEGORIES[category]}
            </Lozenge>
          ) : (
            <Lozenge appearance="default">Unrecognised</Lozenge>
          )}
          {message.code && (
            <code
              title={FINDING_MEANINGS[message.code]}
              style={{ fontWeight: 600, color: token('color.text', '#172B4D') }}
            >
              {message.code}
            </code>
          )}
          {message.retryAfterSeconds !== null && (
            <Text size="small" weight="semibold">
              Retry after {plural(message.retryAfterSeconds, 'second')}
            </Text>
          )}
        </Inline>
        <Box xcss={quoteStyles}>
          <code
            style={{
              display: 'block',
              fontSize: 12,
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              color: token('color.text', '#172B4D'),
            }}
          >
            {shorten(message.text)}
          </code>
        </Box>
        {message.recognised ? (
          <dl
            style={{
              margin: 0,
              padding: 0,
              display: 'grid',
              gridTemplateColumns: 'minmax(90px, max-content) 1fr',
              gap: `${token('space.050', '4px')} ${token('space.150', '12px')}`,
            }}
          >
            <dt style={termStyle}>Likely cause</dt>
            <dd style={{ margin: 0 }}>
              <WithCode text={message.cause ?? ''} />
            </dd>
            <dt style={termStyle}>Next step</dt>
            <dd style={{ margin: 0 }}>
              <Stack space="space.100">
                <span>
                  <WithCode text={panelNext(message.next ?? '')} />
                </span>
                {onCheck && category && CHECKABLE.has(category) && (
                  <span>
                    <Button
                      testId="triage-open-check"
                      onClick={() => onCheck({ project: message.project, user: message.user })}
                    >
                      {subject.length > 0 ? `Check ${subject.join(' in ')}` : 'Check the sync user'}
                    </Button>
                  </span>
                )}
              </Stack>
            </dd>
          </dl>
        ) : (
          <Text as="p" color="color.text.subtle">
            Unrecognised — not guessed. Nothing in it matches Jira&apos;s documented wording or a
            known status.
          </Text>
        )}
      </Stack>
    </Box>
  );
}

function Results({
  result,
  headingId,
  onCheck,
}: {
  result: TriageResult;
  headingId: string;
  onCheck?: OnCheck;
}) {
  const shown = result.groups.slice(0, MAX_SHOWN);
  return (
    <Card
      title="What the pasted text says"
      headingId={headingId}
      headingLevel="h2"
      testId="triage-results"
    >
      <Text as="p" testId="triage-summary">
        {summarise(result)}
      </Text>
      {result.messages.length > 0 && (
        <Inline space="space.100" shouldWrap testId="triage-counts">
          {CATEGORY_ORDER.filter((c) => result.counts[c] > 0).map((c) => (
            <span key={c} data-testid={`triage-count-${c}`}>
              <Lozenge appearance={CATEGORY_LOZENGES[c]}>
                {TRIAGE_CATEGORIES[c]}: {result.counts[c]}
              </Lozenge>
            </span>
          ))}
          {result.counts.unrecognised > 0 && (
            <span data-testid="triage-count-unrecognised">
              <Lozenge appearance="default">Unrecognised: {result.counts.unrecognised}</Lozenge>
            </span>
          )}
        </Inline>
      )}
      {shown.length > 0 && (
        <ol
          aria-labelledby={headingId}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: 0,
            display: 'grid',
            gap: token('space.150', '12px'),
          }}
        >
          {shown.map((m, i) => (
            <MessageItem key={`${m.sources[0]}-${i}`} message={m} onCheck={onCheck} />
          ))}
        </ol>
      )}
      {result.groups.length > shown.length && (
        <Text as="p" size="small" color="color.text.subtle">
          Showing the first {shown.length} of {result.groups.length} different messages; the counts
          cover all of them. For the whole list, run{' '}
          <code>credential-doctor triage --file FILE --format json</code>.
        </Text>
      )}
    </Card>
  );
}

export default function TriagePanel({ onCheck }: { onCheck?: OnCheck }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<TriageResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [explained, setExplained] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (explained > 0) resultRef.current?.focus();
  }, [explained]);

  const explain = async () => {
    if (busy) return;
    if (!text.trim()) {
      setInputError('Paste an error message or a log excerpt first.');
      document.getElementById(INPUT_ID)?.focus();
      return;
    }
    setInputError(null);
    setBusy(true);
    try {
      const triage = await loadClassifier();
      if (!mounted.current) return;
      setResult(triage(text));
      setFailure(null);
      setExplained((n) => n + 1);
    } catch (err) {
      if (mounted.current) {
        setFailure(
          `The classifier could not be loaded: ${err instanceof Error ? err.message : String(err)}. Reload the page and try again.`,
        );
      }
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void explain();
    }
  };

  const describedBy = inputError ? `${INPUT_ID}-error` : `${INPUT_ID}-helper`;

  return (
    <Stack space="space.300">
      <Box
        as="form"
        xcss={formStyles}
        aria-label="Explain an error message"
        testId="triage-form"
        onSubmit={(event) => {
          event.preventDefault();
          void explain();
        }}
      >
        <Stack space="space.150">
          <Text as="p">
            Paste what the integration logged: one error message, a log excerpt, or a JSON error log
            as backup tools export it. Each message gets its likely cause and next step.
          </Text>
          <Stack space="space.050">
            <Label htmlFor={INPUT_ID} id={`${INPUT_ID}-label`}>
              Error text
            </Label>
            <textarea
              id={INPUT_ID}
              className="cd-textarea"
              value={text}
              rows={8}
              spellCheck={false}
              autoComplete="off"
              placeholder={
                'e.g. HTTP 401 Unauthorized: Client must be authenticated to access this resource.'
              }
              aria-describedby={describedBy}
              aria-invalid={inputError ? true : undefined}
              onChange={(e) => {
                setText(e.currentTarget.value);
                if (inputError) setInputError(null);
              }}
              onFocus={() => void loadClassifier().catch(() => undefined)}
              onKeyDown={onKeyDown}
              data-testid="triage-input"
            />
            {inputError ? (
              <Text as="p" size="small" color="color.text.danger" id={`${INPUT_ID}-error`}>
                {inputError}
              </Text>
            ) : (
              <HelperMessage>
                <span id={`${INPUT_ID}-helper`}>
                  Explained here in your browser: nothing is sent to Jira or to the app, and nothing
                  is stored. Ctrl+Enter explains.
                </span>
              </HelperMessage>
            )}
          </Stack>
          <Inline space="space.100" alignBlock="center">
            <Button type="submit" appearance="primary" isLoading={busy} testId="triage-explain">
              Explain
            </Button>
            <Button
              onClick={() => {
                setText('');
                setResult(null);
                setInputError(null);
                document.getElementById(INPUT_ID)?.focus();
              }}
              isDisabled={!text && !result}
              testId="triage-clear"
            >
              Clear
            </Button>
          </Inline>
        </Stack>
      </Box>
      {failure && (
        <SectionMessage appearance="error" title="Couldn't explain the text">
          <Text as="p">{failure}</Text>
        </SectionMessage>
      )}
      <div
        ref={resultRef}
        tabIndex={-1}
        role="region"
        aria-label="Explanation of the pasted text"
        style={{ outline: 'none' }}
        data-testid="triage-result"
      >
        <span role="status" style={VISUALLY_HIDDEN}>
          {busy ? 'Explaining…' : result ? summarise(result) : ''}
        </span>
        {result && <Results result={result} headingId="cd-triage-results" onCheck={onCheck} />}
      </div>
    </Stack>
  );
}
