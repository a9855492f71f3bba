import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { checkAccess, loadContext, type Access } from './api';
import { CheckForm, type CheckPrefill, type CheckSelection } from './components/CheckForm';
import { reportFieldErrors } from './components/check-form/state';
import { HostCheck } from './components/HostCheck';
import { ErrorNotice } from './components/ErrorNotice';
import type { PanelContext, RunCheckPayload } from './types';
import type { ManySelection } from './components/check-form/state';
import { useCapabilities, type CapabilitiesState } from './useCapabilities';
import { useRunCheck } from './useRunCheck';
import { reveal } from './reveal';

const History = lazy(() => import('./components/History'));
/**
 * The result is not on the first screen: its code (plan, matrix, evidence, exports) loads after
 * the form is shown, so the first screen's JS stays small (bench/README.md, panel bundle).
 */
const loadReportView = () =>
  import('./components/ReportView').then((module) => ({ default: module.ReportView }));
const ReportView = lazy(loadReportView);
const TriagePanel = lazy(() => import('./components/TriagePanel'));
/** The Watch tab and "Watch this check" (#27): loaded when opened or after a check, not at first. */
const loadWatchUi = () => import('./components/watch-ui');
const Watch = lazy(() => loadWatchUi().then((m) => ({ default: m.Watch })));
const WatchThisCheck = lazy(() => loadWatchUi().then((m) => ({ default: m.WatchThisCheck })));
const ProjectWatchBanner = lazy(() =>
  loadWatchUi().then((m) => ({ default: m.ProjectWatchBanner })),
);

const TAB_CHECK = 0;
const TAB_TRIAGE = 1;
const TAB_HISTORY = 2;
const TAB_WATCH = 3;

const pageStyles = xcss({
  paddingBlock: 'space.300',
  paddingInline: 'space.300',
  maxWidth: '1200px',
  marginInline: 'auto',
});

const panelStyles = xcss({ paddingBlockStart: 'space.200' });

function Loading({ label }: { label: string }) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Spinner size="medium" label={label} />
      <Text>{label}</Text>
    </Inline>
  );
}

function CheckTab({
  context,
  capabilities,
  onRunFinished,
  onWatched,
  prefill,
}: {
  prefill: CheckPrefill | null;
  onWatched: () => void;
  context: PanelContext;
  capabilities: CapabilitiesState;
  onRunFinished: () => void;
}) {
  const { state, run, runMany, importHost, cancel } = useRunCheck();
  const [selection, setSelection] = useState<CheckSelection | null>(null);
  const [lastAction, setLastAction] = useState<'check' | 'import'>('check');
  // What the current check was run with: offered to "Watch this check" once it is done.
  const [lastCheck, setLastCheck] = useState<{
    payload: RunCheckPayload;
    many: ManySelection | null;
  } | null>(null);
  // A refused report is explained next to where it was given, not as a failed check.
  const importRefusal =
    lastAction === 'import' && state.status === 'error' && state.error.code === 'INVALID_INPUT'
      ? state.error.message
      : null;
  // The resolver's refusal of the form, by field: shown on the fields, not as a failed check.
  const fieldRefusal =
    lastAction === 'check' &&
    state.status === 'error' &&
    state.error.code === 'INVALID_INPUT' &&
    state.error.fields
      ? state.error.fields
      : null;
  const resultRef = useRef<HTMLDivElement>(null);
  const finishedRun = state.status === 'done' || state.status === 'error' ? state.runId : null;

  // A refused form keeps focus on its first marked field (set by the form), not on the result.
  const refusedByField = useRef(false);
  refusedByField.current = fieldRefusal !== null;
  // A report's verdict takes focus itself (VerdictBanner); any other outcome focuses the result
  // region. Either way it is brought into view, inside Forge's auto-sized frame too (#24).
  const finishedWithReport = state.status === 'done';
  useEffect(() => {
    if (finishedRun === null) return;
    onRunFinished();
    if (refusedByField.current || finishedWithReport || !resultRef.current) return;
    resultRef.current.focus({ preventScroll: true });
    return reveal(resultRef.current);
  }, [finishedRun, onRunFinished, finishedWithReport]);

  // Only the current run's report: a previous one may be another user's or other projects'.
  const shown = state.status === 'done' ? state.report : null;
  const reportErrors = useMemo(() => (shown ? reportFieldErrors(shown.findings) : null), [shown]);
  const retry = () =>
    document.querySelector<HTMLFormElement>('form[data-testid="check-form"]')?.requestSubmit();

  return (
    <Stack space="space.300">
      <CheckForm
        lockedProject={context.surface === 'project' ? context.projectKey : null}
        tokenCheck={capabilities.status === 'ready' && capabilities.capabilities.tokenCheck}
        running={state.status === 'running'}
        runStartedAt={state.status === 'running' ? state.startedAt : null}
        runProgress={state.status === 'running' ? state.progress : undefined}
        onRun={(payload, _user, many) => {
          setLastAction('check');
          setLastCheck(context.surface === 'admin' ? { payload, many } : null);
          void (many ? runMany(payload, many) : run(payload));
        }}
        onCancel={cancel}
        onSelectionChange={setSelection}
        serverErrors={fieldRefusal}
        reportErrors={reportErrors}
        prefill={prefill}
      />
      {capabilities.status === 'ready' && (
        <HostCheck
          selection={selection}
          site={capabilities.capabilities.site}
          cloudId={context.cloudId}
          maxAgeHours={capabilities.capabilities.hostReportMaxAgeHours}
          tokenCheck={capabilities.capabilities.tokenCheck}
          running={state.status === 'running'}
          refusal={importRefusal}
          onImport={(report) => {
            if (!selection) return;
            setLastAction('import');
            void importHost({
              user: { accountId: selection.user.value },
              projects: selection.projects,
              permissions: selection.permissions,
              ...(selection.preset ? { preset: selection.preset } : {}),
              ...(selection.fields ? { fields: selection.fields } : {}),
              ...(selection.issueTypes ? { issueTypes: selection.issueTypes } : {}),
              ...(selection.explain === 'all' ? { explain: 'all' as const } : {}),
              report,
            });
          }}
        />
      )}
      {/* Once a run is refused for the same reason, the result says it, once, next to the action. */}
      {capabilities.status === 'error' &&
        !(state.status === 'error' && state.error.code === capabilities.error.code) && (
          <ErrorNotice
            error={capabilities.error}
            surface={context.surface}
            action="learn what this installation can check"
          />
        )}
      <div
        ref={resultRef}
        tabIndex={-1}
        aria-busy={state.status === 'running'}
        aria-label="Check result"
        role="region"
        data-testid="result"
        data-run-state={state.status}
        style={{ outline: 'none' }}
      >
        <Stack space="space.200">
          {fieldRefusal && (
            <Text as="p" color="color.text.danger" testId="form-refused">
              The check did not run: correct the fields marked above.
            </Text>
          )}
          {state.status === 'error' && importRefusal === null && fieldRefusal === null && (
            <ErrorNotice
              error={state.error}
              surface={context.surface}
              {...(lastAction === 'check' ? { onRetry: retry } : {})}
            />
          )}
          {state.status === 'cancelled' && (
            <Text as="p" color="color.text.subtle" testId="empty-result">
              Check cancelled. Nothing was changed in Jira, and no result is shown: the cancelled
              run did not finish.
              {state.progress?.total && state.progress.checked > 0
                ? ` ${state.progress.checked} of ${state.progress.total} projects were checked before you cancelled; the History tab keeps that part of the run, the rest marked not checked.`
                : ''}
            </Text>
          )}
          {state.status === 'idle' && (
            <Text as="p" color="color.text.subtle" testId="empty-result">
              {state.notice ??
                'Choose the sync user and the projects, then run the check. It only reads from Jira.'}
            </Text>
          )}
          {shown && lastAction === 'check' && lastCheck && (
            <Suspense fallback={null}>
              <WatchThisCheck
                key={finishedRun ?? 'none'}
                payload={lastCheck.payload}
                many={lastCheck.many}
                onWatched={onWatched}
              />
            </Suspense>
          )}
          {shown && (
            <Suspense fallback={<Spinner label="Loading the result" />}>
              <ReportView
                focusVerdict
                report={shown}
                cloudId={context.cloudId}
                tokenForm={capabilities.status !== 'ready' || capabilities.capabilities.tokenCheck}
              />
            </Suspense>
          )}
        </Stack>
      </div>
    </Stack>
  );
}

export function App() {
  const [context, setContext] = useState<PanelContext | null>(null);
  const [contextError, setContextError] = useState<string | null>(null);
  const [access, setAccess] = useState<Access>('unknown');
  const [tab, setTab] = useState(TAB_CHECK);
  const [historyOpened, setHistoryOpened] = useState(false);
  const [triageOpened, setTriageOpened] = useState(false);
  const [watchOpened, setWatchOpened] = useState(false);
  const [profilesSaved, setProfilesSaved] = useState(0);
  const onWatched = useRef(() => setProfilesSaved((n) => n + 1)).current;
  const [prefill, setPrefill] = useState<CheckPrefill | null>(null);
  const [runsFinished, setRunsFinished] = useState(0);
  const onRunFinished = useRef(() => setRunsFinished((n) => n + 1)).current;
  const capabilities = useCapabilities(context !== null && access !== 'denied');

  useEffect(() => {
    let alive = true;
    loadContext().then(
      (ctx) => {
        if (!alive) return;
        setContext(ctx);
        void checkAccess(ctx).then((a) => alive && setAccess(a));
      },
      (err: unknown) => alive && setContextError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
    };
  }, []);

  // Fetch the result's code once the first screen is up, so a finished check shows at once.
  useEffect(() => {
    const timer = setTimeout(() => void loadReportView().catch(() => undefined), 1_000);
    return () => clearTimeout(timer);
  }, []);

  return (
    <Box xcss={pageStyles}>
      <Stack space="space.200">
        <Stack space="space.050">
          <Heading size="large" as="h1">
            Credential Doctor
          </Heading>
          <Text as="p" color="color.text.subtle">
            {context?.surface === 'project' && context.projectKey
              ? `Find out why an integration's sync user can't work in ${context.projectKey}: credentials, permissions, configuration or connectivity.`
              : "Find out why an integration's sync user can't work: credentials, permissions, configuration or connectivity."}
          </Text>
        </Stack>
        {contextError && (
          <SectionMessage appearance="error" title="Couldn't load the page">
            <Text as="p">{contextError}</Text>
          </SectionMessage>
        )}
        {!context && !contextError && <Loading label="Loading…" />}
        {context && access === 'denied' && (
          <SectionMessage
            appearance="warning"
            title="You don't have permission to use Credential Doctor here"
            testId="access-denied"
          >
            <Stack space="space.100">
              <Text as="p">
                {context.surface === 'project'
                  ? `Only administrators of project ${context.projectKey ?? ''} (or Jira administrators) can check sync users on this page.`
                  : 'Only Jira administrators can check sync users on this page. Project administrators can check their project from Project settings → Credential Doctor.'}
              </Text>
              <Text as="p" size="small" color="color.text.subtle">
                Ask a Jira administrator to run the check, or to give you the access it needs. You
                can still explain an integration's error below: that reads nothing from Jira.
              </Text>
            </Stack>
          </SectionMessage>
        )}
        {/* Explaining a pasted error calls nothing and needs no rights: open to everyone (#24). */}
        {context && access === 'denied' && (
          <Box xcss={panelStyles} style={{ width: '100%' }} testId="triage-open-to-all">
            <Suspense fallback={<Loading label="Loading…" />}>
              <TriagePanel />
            </Suspense>
          </Box>
        )}
        {context?.surface === 'project' && access === 'allowed' && (
          <Suspense fallback={null}>
            <ProjectWatchBanner context={context} />
          </Suspense>
        )}
        {context && access !== 'denied' && (
          <Tabs
            id="credential-doctor-tabs"
            selected={tab}
            onChange={(index) => {
              setTab(index);
              if (index === TAB_HISTORY) setHistoryOpened(true);
              if (index === TAB_TRIAGE) setTriageOpened(true);
              if (index === TAB_WATCH) setWatchOpened(true);
            }}
          >
            <TabList>
              <Tab testId="tab-check">Check</Tab>
              <Tab testId="tab-triage">Paste an error</Tab>
              <Tab testId="tab-history">History</Tab>
              {context.surface === 'admin' ? <Tab testId="tab-watch">Watch</Tab> : null}
            </TabList>
            <TabPanel>
              <Box xcss={panelStyles} style={{ width: '100%' }}>
                <CheckTab
                  context={context}
                  capabilities={capabilities}
                  onRunFinished={onRunFinished}
                  onWatched={onWatched}
                  prefill={prefill}
                />
              </Box>
            </TabPanel>
            <TabPanel>
              <Box xcss={panelStyles} style={{ width: '100%' }}>
                {triageOpened && (
                  <Suspense fallback={<Loading label="Loading…" />}>
                    <TriagePanel
                      onCheck={(subject) => {
                        setPrefill((p) => ({ ...subject, id: (p?.id ?? 0) + 1 }));
                        setTab(TAB_CHECK);
                        // The pressed button disappears with its tab: keep focus on the Check tab.
                        requestAnimationFrame(() =>
                          document.querySelector<HTMLElement>('[data-testid="tab-check"]')?.focus(),
                        );
                      }}
                    />
                  </Suspense>
                )}
              </Box>
            </TabPanel>
            <TabPanel>
              <Box xcss={panelStyles} style={{ width: '100%' }}>
                {historyOpened && (
                  <Suspense fallback={<Loading label="Loading history…" />}>
                    <History context={context} refreshKey={runsFinished} />
                  </Suspense>
                )}
              </Box>
            </TabPanel>
            {context.surface === 'admin' ? (
              <TabPanel>
                <Box xcss={panelStyles} style={{ width: '100%' }}>
                  {watchOpened && (
                    <Suspense fallback={<Loading label="Loading the watched checks…" />}>
                      <Watch context={context} refreshKey={profilesSaved} />
                    </Suspense>
                  )}
                </Box>
              </TabPanel>
            ) : null}
          </Tabs>
        )}
      </Stack>
    </Box>
  );
}
