import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import Spinner from '@atlaskit/spinner';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { clearHistory, getHistory } from '../api';
import { formatDateTime } from '../labels';
import type { HistoryEntry, PanelContext, PersonName, ResolverError } from '../types';
import { ErrorNotice } from './ErrorNotice';
import { ReportView } from './ReportView';
import { PRESETS, presetWithPermissions } from '@shared/engine/knowledge/presets';
import { runOutcome, type RunOutcome } from '@shared/engine/presentation/headline';
import { withPeopleNames } from '@shared/engine/presentation/people';

type Load =
  | { status: 'loading' }
  | { status: 'error'; error: ResolverError }
  | { status: 'ready'; runs: HistoryEntry[]; people: Record<string, PersonName> };

const cell = {
  padding: `${token('space.075', '6px')} ${token('space.100', '8px')}`,
  borderBottom: `1px solid ${token('color.border', '#091E4224')}`,
  textAlign: 'left' as const,
  verticalAlign: 'middle' as const,
};

/** The history stores account IDs only; names come resolved as the reader (`people`). */
function personName(accountId: string | null, people: Record<string, PersonName>): string {
  if (accountId === null) return 'a closed account';
  return people[accountId]?.displayName ?? accountId;
}

/** The sync user the run checked: the report's subject, else the account the form named. */
function syncUserId(run: HistoryEntry): string {
  return run.report?.subject?.accountId ?? run.inputs.userAccountId;
}

function syncUserName(run: HistoryEntry, people: Record<string, PersonName>): string {
  return personName(syncUserId(run), people);
}

/** Where the credentials were verified: the token by this run, on the host (imported), or not. */
function credentialsLabel(run: HistoryEntry): string {
  if (run.inputs.credentialsFrom === 'host') return 'Checked on the host';
  return run.inputs.tokenChecked ? 'Token checked' : 'Not checked';
}

/** Runs keep their permission list; a preset is named when the list is exactly its permissions. */
/** The run's projects: how they were chosen for a run of many, and the first keys of a long list. */
function projectsLabel(run: HistoryEntry): string {
  const { projects, selection } = run.inputs;
  const count = `${projects.length} project${projects.length === 1 ? '' : 's'}`;
  if (selection?.kind === 'category') return `Category ${selection.categoryName} (${count})`;
  if (selection?.kind === 'every') return `Every project (${count})`;
  if (projects.length <= LISTED_PROJECTS) return projects.join(', ');
  return `${projects.slice(0, LISTED_PROJECTS).join(', ')} and ${projects.length - LISTED_PROJECTS} more`;
}

/** A long list of keys is cut after this many in a history row (the opened run lists them all). */
const LISTED_PROJECTS = 8;

function presetLabel(run: HistoryEntry): string {
  const preset = presetWithPermissions(run.inputs.permissions);
  return preset ? PRESETS[preset].title : 'Custom';
}

function runnerName(
  run: HistoryEntry,
  reader: string | null,
  people: Record<string, PersonName>,
): string {
  return reader !== null && run.ranBy === reader ? 'You' : personName(run.ranBy, people);
}

const OUTCOME_LOZENGE: Readonly<
  Record<RunOutcome['tone'], 'success' | 'inprogress' | 'removed' | 'moved' | 'default'>
> = {
  ready: 'success',
  // A qualified Ready is never green: the run did not test everything (#24).
  qualified: 'inprogress',
  problem: 'removed',
  inconclusive: 'moved',
  cancelled: 'default',
};

/** The row's verdict: the run's own headline, so History and the opened run say the same. */
function outcomeOf(run: HistoryEntry): RunOutcome {
  return runOutcome({
    ...run.report,
    verdict: run.verdict,
    findings: run.report?.findings ?? [],
    projects: run.report?.projects ?? [],
  });
}

const COLUMNS = [
  'When',
  'Verdict',
  'Sync user',
  'Projects',
  'Preset',
  'Credentials',
  'Ran by',
  'Where',
] as const;

interface FilterOption {
  label: string;
  value: string;
}
const ALL: FilterOption = { label: 'All', value: '' };

/** One labelled history filter; clearing it shows all runs again. */
function FilterSelect({
  id,
  label,
  options,
  value,
  onChange,
}: {
  id: string;
  label: string;
  options: FilterOption[];
  value: FilterOption;
  onChange: (option: FilterOption) => void;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`cd-history-${id}`}>{label}</Label>
      <Select<FilterOption>
        inputId={`cd-history-${id}`}
        options={options}
        value={value}
        onChange={(o) => onChange(o ?? ALL)}
        testId={`history-filter-${id}`}
      />
    </Stack>
  );
}

function OutcomeCell({ outcome }: { outcome: RunOutcome }) {
  return (
    <Stack space="space.025">
      <span>
        <Lozenge appearance={OUTCOME_LOZENGE[outcome.tone]}>{outcome.label}</Lozenge>
      </span>
      {outcome.headline !== outcome.label && (
        <Text size="small" color="color.text.subtle">
          {outcome.headline}
        </Text>
      )}
    </Stack>
  );
}

/** Recent runs (all on the admin page, this project's on a project page). Loaded on demand. */
export default function History({
  context,
  refreshKey,
}: {
  context: PanelContext;
  refreshKey: number;
}) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [clearError, setClearError] = useState<ResolverError | null>(null);
  const seq = useRef(0);
  const listRef = useRef<HTMLTableElement>(null);
  const [userFilter, setUserFilter] = useState<FilterOption>(ALL);
  const [verdictFilter, setVerdictFilter] = useState<FilterOption>(ALL);
  const runs = load.status === 'ready' ? load.runs : [];
  const people = load.status === 'ready' ? load.people : {};
  const userOptions = useMemo(() => {
    const ids = new Map<string, string>();
    for (const run of runs) ids.set(syncUserId(run), syncUserName(run, people));
    return [
      ALL,
      ...[...ids]
        .map(([value, label]) => ({ value, label }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ];
  }, [runs, people]);
  const verdictOptions = useMemo(
    () => [
      ALL,
      ...[...new Set(runs.map((r) => outcomeOf(r).label))].map((label) => ({
        value: label,
        label,
      })),
    ],
    [runs],
  );
  const shownRuns = runs.filter(
    (run) =>
      (!userFilter.value || syncUserId(run) === userFilter.value) &&
      (!verdictFilter.value || outcomeOf(run).label === verdictFilter.value),
  );

  const refresh = useCallback(async () => {
    seq.current += 1;
    const mine = seq.current;
    setLoad({ status: 'loading' });
    const res = await getHistory();
    if (mine !== seq.current) return;
    if (!res.ok) {
      setLoad({ status: 'error', error: res.error });
      return;
    }
    const runs =
      context.surface === 'project' && context.projectKey
        ? res.runs.filter((r) => r.projectKey === context.projectKey)
        : res.runs;
    setLoad({
      status: 'ready',
      runs: [...runs].sort((a, b) => b.ranAt.localeCompare(a.ranAt)),
      people: res.people ?? {},
    });
  }, [context.surface, context.projectKey]);

  useEffect(() => {
    void refresh();
    return () => {
      seq.current += 1;
    };
  }, [refresh, refreshKey]);

  const onClear = async () => {
    setClearError(null);
    const res = await clearHistory();
    setConfirmClear(false);
    if (!res.ok) setClearError(res.error);
    else void refresh();
  };

  if (load.status === 'loading') {
    return (
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label="Loading history" />
        <Text>Loading history…</Text>
      </Inline>
    );
  }
  if (load.status === 'error') {
    return <ErrorNotice error={load.error} surface={context.surface} action="see the history" />;
  }

  const opened = openId ? load.runs.find((r) => r.id === openId) : undefined;
  if (opened) {
    return (
      <Stack space="space.200" testId="history-report">
        <Inline space="space.100" alignBlock="center">
          <Button onClick={() => setOpenId(null)} testId="history-back" autoFocus>
            ← Back to history
          </Button>
          <Text color="color.text.subtle">
            Run of {formatDateTime(opened.ranAt)} by{' '}
            {context.accountId !== null && opened.ranBy === context.accountId
              ? 'you'
              : personName(opened.ranBy, load.people)}
            {` · ${credentialsLabel(opened).toLowerCase()} · ${presetLabel(opened)}`}
          </Text>
        </Inline>
        {/* Names as Jira shows them to this reader, in the run and its exports; never raw IDs. */}
        <ReportView
          report={withPeopleNames(opened.report, load.people)}
          cloudId={context.cloudId}
        />
      </Stack>
    );
  }

  if (load.runs.length === 0) {
    return (
      <EmptyState
        header="No checks yet"
        description={
          context.surface === 'project'
            ? 'Checks run on this page appear here.'
            : 'Checks run from this page and from project settings appear here.'
        }
        headingLevel={2}
        testId="history-empty"
      />
    );
  }

  return (
    <Stack space="space.200" testId="history">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
        <Text color="color.text.subtle">
          {load.runs.length} recent run{load.runs.length === 1 ? '' : 's'}. Tokens are never stored.
        </Text>
        {context.surface === 'admin' && (
          <Inline space="space.100" alignBlock="center">
            {confirmClear ? (
              <>
                <Text>Delete all stored runs?</Text>
                <Button
                  appearance="danger"
                  onClick={() => void onClear()}
                  testId="history-clear-confirm"
                >
                  Delete
                </Button>
                <Button onClick={() => setConfirmClear(false)}>Keep</Button>
              </>
            ) : (
              <Button onClick={() => setConfirmClear(true)} testId="history-clear">
                Clear history
              </Button>
            )}
          </Inline>
        )}
      </Inline>
      <Inline space="space.200" shouldWrap testId="history-filters">
        <FilterSelect
          id="user"
          label="Sync user"
          options={userOptions}
          value={userFilter}
          onChange={setUserFilter}
        />
        <FilterSelect
          id="verdict"
          label="Verdict"
          options={verdictOptions}
          value={verdictFilter}
          onChange={setVerdictFilter}
        />
      </Inline>
      {shownRuns.length < load.runs.length && (
        <Text as="p" testId="history-filtered" color="color.text.subtle">
          Showing {shownRuns.length} of {load.runs.length} runs.
        </Text>
      )}
      {clearError && (
        <ErrorNotice error={clearError} surface={context.surface} action="clear the history" />
      )}
      <div style={{ overflowX: 'auto' }}>
        <table ref={listRef} style={{ borderCollapse: 'collapse', width: '100%' }}>
          <caption style={{ position: 'absolute', left: -9999 }}>Recent checks</caption>
          <thead>
            <tr>
              {COLUMNS.map((title) => (
                <th key={title} scope="col" style={cell}>
                  {title}
                </th>
              ))}
              <th scope="col" style={cell}>
                <span style={{ position: 'absolute', left: -9999 }}>Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shownRuns.map((run) => (
              <tr key={run.id} data-testid={`history-row-${run.id}`}>
                <td style={cell}>{formatDateTime(run.ranAt)}</td>
                <td style={cell} data-testid={`history-verdict-${run.id}`}>
                  <OutcomeCell outcome={outcomeOf(run)} />
                </td>
                <td style={cell}>{syncUserName(run, load.people)}</td>
                <td style={cell}>{projectsLabel(run)}</td>
                <td style={cell}>{presetLabel(run)}</td>
                <td style={cell}>{credentialsLabel(run)}</td>
                <td style={cell}>{runnerName(run, context.accountId, load.people)}</td>
                <td style={cell}>
                  {run.surface === 'project'
                    ? `Project settings (${run.projectKey ?? '?'})`
                    : 'Jira admin'}
                </td>
                <td style={{ ...cell, textAlign: 'right' }}>
                  <Button
                    onClick={() => setOpenId(run.id)}
                    aria-label={`Open the run of ${formatDateTime(run.ranAt)} for ${syncUserName(run, load.people)}`}
                    testId={`history-open-${run.id}`}
                  >
                    Open
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Stack>
  );
}
