import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import { Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import {
  getProfileRuns,
  listProfiles,
  removeProfile,
  runProfileNow,
  saveProfile,
} from '../watch-api';
import { formatDateTime, permissionLabel, VERDICTS, type LozengeAppearance } from '../labels';
import { FINDING_CATALOGUE } from '@shared/engine/findings/catalogue';
import type {
  NeedsAdminReason,
  PanelContext,
  PersonName,
  ProfileWatch,
  ResolverError,
  SyncProfile,
  WatchFinding,
  WatchRun,
  WatchState,
} from '../types';
import { WatchError } from './WatchError';

/**
 * The Watch tab (#27): every sync profile the daily re-check runs, where each stands, what changed
 * at its last change, and edit / take over / remove. Loaded on demand (not in the first screen's JS).
 */

type Load =
  | { status: 'loading' }
  | { status: 'error'; error: ResolverError }
  | {
      status: 'ready';
      profiles: SyncProfile[];
      max: number;
      people: Record<string, PersonName>;
      watch: Record<string, ProfileWatch>;
    };

const STATES: Readonly<Record<WatchState, { label: string; lozenge: LozengeAppearance }>> = {
  waiting: { label: 'Never run', lozenge: 'default' },
  running: { label: 'Checking now', lozenge: 'inprogress' },
  passing: { label: 'OK', lozenge: 'success' },
  failing: { label: 'Failing', lozenge: 'removed' },
  inconclusive: { label: 'Could not finish', lozenge: 'moved' },
  'needs-admin': { label: 'Needs another admin', lozenge: 'moved' },
};

/** Why the daily check cannot run as the administrator who saved the profile, in admin words. */
export const NEEDS_ADMIN_TEXT: Readonly<Record<NeedsAdminReason, string>> = {
  'account-closed': 'The Atlassian account of the administrator who saved it was closed.',
  'not-jira-admin': 'The administrator who saved it is no longer a Jira administrator.',
  deactivated: 'The administrator who saved it was deactivated in Jira.',
  'app-account': 'It was saved by an app or service account, which the daily check never acts as.',
  'impersonation-refused':
    'Atlassian would not let the daily check act as the administrator who saved it (their account may be deactivated, or they lost access to the app).',
};

const cardStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  padding: 'space.200',
});

function personName(accountId: string | null, people: Record<string, PersonName>): string {
  if (accountId === null) return 'nobody (the account was closed)';
  return people[accountId]?.displayName ?? 'a person Jira does not show you';
}

function projectsText(profile: SyncProfile): string {
  const s = profile.check.selection;
  if (s.kind === 'every') return 'Every project';
  if (s.kind === 'category') return `Project category ${s.categoryId}`;
  return s.keys.join(', ');
}

function verdictLabel(verdict: WatchRun['verdict']): string {
  return verdict === null ? 'not checked' : VERDICTS[verdict].label;
}

/** The profile as saveProfile takes it again (edit, take over). */
function savePayload(profile: SyncProfile, name: string) {
  const { check } = profile;
  const selection =
    check.selection.kind === 'keys'
      ? { kind: 'keys' as const, text: check.selection.keys.join(' ') }
      : check.selection;
  return {
    id: profile.id,
    name,
    user: { accountId: check.userAccountId },
    selection,
    ...(check.permissions.length > 0 ? { permissions: check.permissions } : {}),
    ...(check.preset !== null ? { preset: check.preset } : {}),
    ...(check.fields !== null ? { fields: check.fields } : {}),
    ...(check.issueTypes !== null ? { issueTypes: check.issueTypes } : {}),
  };
}

function FindingLine({ finding }: { finding: WatchFinding }) {
  return (
    <li>
      <Text>
        {FINDING_CATALOGUE[finding.code].title}
        {finding.project ? ` (${finding.project}` : ''}
        {finding.permission ? `, ${permissionLabel(finding.permission)}` : ''}
        {finding.project ? ')' : ''}
      </Text>{' '}
      <Text size="small" color="color.text.subtle">
        first seen {formatDateTime(finding.firstSeenAt)} · <code>{finding.code}</code>
      </Text>
    </li>
  );
}

/** What the latest run found changed, with the run it compared with. */
function Drift({ profileId, refreshKey }: { profileId: string; refreshKey: string }) {
  const [state, setState] = useState<
    | { status: 'loading' }
    | { status: 'error'; error: ResolverError }
    | { status: 'ready'; runs: WatchRun[] }
  >({ status: 'loading' });
  useEffect(() => {
    let alive = true;
    setState({ status: 'loading' });
    void getProfileRuns(profileId).then((r) => {
      if (!alive) return;
      setState(r.ok ? { status: 'ready', runs: r.runs } : { status: 'error', error: r.error });
    });
    return () => {
      alive = false;
    };
  }, [profileId, refreshKey]);
  if (state.status === 'loading') return <Spinner size="small" label="Loading the daily runs" />;
  if (state.status === 'error') {
    return <WatchError error={state.error} action="see the daily runs" />;
  }
  const latest = state.runs.find((r) => r.outcome === 'ran' && r.drift !== null);
  if (!latest?.drift) {
    return (
      <Text as="p" color="color.text.subtle">
        No daily run has checked this profile yet.
      </Text>
    );
  }
  const { drift } = latest;
  return (
    <Stack space="space.100" testId={`watch-drift-${profileId}`}>
      <Text as="p">
        {drift.since === null
          ? `First daily run, ${formatDateTime(latest.ranAt)}: ${verdictLabel(drift.verdictTo)}.`
          : `Daily run of ${formatDateTime(latest.ranAt)}, compared with ${formatDateTime(drift.since)}: ${
              drift.verdictFrom === drift.verdictTo
                ? `still ${verdictLabel(drift.verdictTo)}`
                : `${verdictLabel(drift.verdictFrom)} → ${verdictLabel(drift.verdictTo)}`
            }.`}
      </Text>
      {drift.since !== null && drift.added.length === 0 && drift.resolved.length === 0 && (
        <Text as="p" color="color.text.subtle">
          Nothing changed since the run before.
        </Text>
      )}
      {drift.since !== null && drift.added.length > 0 && (
        <Stack space="space.050" testId="watch-drift-added">
          <Text as="p" weight="bold">
            New problems ({drift.added.length})
          </Text>
          <ul style={{ margin: 0 }}>
            {drift.added.map((f, i) => (
              <FindingLine
                key={`${f.code}-${f.project ?? ''}-${f.permission ?? ''}-${i}`}
                finding={f}
              />
            ))}
          </ul>
        </Stack>
      )}
      {drift.resolved.length > 0 && (
        <Stack space="space.050" testId="watch-drift-resolved">
          <Text as="p" weight="bold">
            Fixed since ({drift.resolved.length})
          </Text>
          <ul style={{ margin: 0 }}>
            {drift.resolved.map((f, i) => (
              <FindingLine
                key={`${f.code}-${f.project ?? ''}-${f.permission ?? ''}-${i}`}
                finding={f}
              />
            ))}
          </ul>
        </Stack>
      )}
    </Stack>
  );
}

function ProfileCard({
  profile,
  watch,
  people,
  onChanged,
}: {
  profile: SyncProfile;
  watch: ProfileWatch | undefined;
  people: Record<string, PersonName>;
  onChanged: (notice: string) => void;
}) {
  const state = watch?.state ?? 'waiting';
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view');
  const [name, setName] = useState(profile.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [showDrift, setShowDrift] = useState(state === 'failing');
  const headingId = `watch-profile-${profile.id}`;
  const takeOver = state === 'needs-admin' || profile.savedBy === null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await saveProfile(savePayload(profile, name));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setMode('view');
    onChanged(
      takeOver
        ? `You took over "${result.profile.name}": the daily check now runs as you.`
        : `Saved "${result.profile.name}". The daily check now runs as you.`,
    );
  };
  const remove = async () => {
    setBusy(true);
    const result = await removeProfile(profile.id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onChanged(`Removed "${profile.name}" and its daily runs.`);
  };
  const runNow = async () => {
    setBusy(true);
    const result = await runProfileNow(profile.id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onChanged(
      result.queued
        ? `"${profile.name}" is being checked now, as the administrator who saved it.`
        : `"${profile.name}" is already being checked.`,
    );
  };

  return (
    <div data-testid="watch-profile" data-state={state}>
      <Box as="section" xcss={cardStyles} aria-labelledby={headingId}>
        <Stack space="space.150">
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <h2 id={headingId} style={{ margin: 0, fontSize: 16 }}>
              {profile.name}
            </h2>
            <Lozenge appearance={STATES[state].lozenge} testId="watch-state">
              {STATES[state].label}
            </Lozenge>
          </Inline>
          {state === 'needs-admin' && (
            <SectionMessage
              appearance="warning"
              title="Another Jira administrator needs to take this profile over"
              testId="watch-needs-admin"
            >
              <Stack space="space.100">
                <Text as="p">
                  {watch?.needsAdmin
                    ? NEEDS_ADMIN_TEXT[watch.needsAdmin]
                    : 'The daily check cannot run as the administrator who saved it.'}{' '}
                  The daily check is not running for this profile.
                </Text>
                <Text as="p">
                  Choose Take over: the daily check then runs as you, with what you can see in Jira.
                </Text>
              </Stack>
            </SectionMessage>
          )}
          <dl className="cd-watch-facts" style={{ margin: 0 }}>
            <dt>Sync user</dt>
            <dd>{personName(profile.check.userAccountId, people)}</dd>
            <dt>Projects</dt>
            <dd>{projectsText(profile)}</dd>
            <dt>Runs as</dt>
            <dd>{personName(profile.savedBy, people)}</dd>
            <dt>Last run</dt>
            <dd>
              {watch?.lastRunAt
                ? `${formatDateTime(watch.lastRunAt)}: ${verdictLabel(watch.verdict)}`
                : 'Never run'}
            </dd>
            {watch && watch.failingProjects.length > 0 && (
              <>
                <dt>Failing projects</dt>
                <dd>
                  {watch.failingProjects.join(', ')}
                  {watch.failingSince ? `, since ${formatDateTime(watch.failingSince)}` : ''}
                </dd>
              </>
            )}
            <dt>Last change</dt>
            <dd data-testid="watch-last-change">
              {watch?.lastChange
                ? `${formatDateTime(watch.lastChange.at)}: ${
                    watch.lastChange.verdictFrom === null
                      ? `first run, ${verdictLabel(watch.lastChange.verdictTo)}`
                      : watch.lastChange.verdictFrom === watch.lastChange.verdictTo
                        ? `still ${verdictLabel(watch.lastChange.verdictTo)}`
                        : `${verdictLabel(watch.lastChange.verdictFrom)} → ${verdictLabel(watch.lastChange.verdictTo)}`
                  }; ${watch.lastChange.added} new, ${watch.lastChange.resolved} fixed`
                : 'None yet'}
            </dd>
            <dt>Next run</dt>
            <dd>
              {state === 'needs-admin'
                ? 'Not until another administrator takes it over'
                : watch?.nextRunAt
                  ? `About ${formatDateTime(watch.nextRunAt)} (once a day at its hour; Atlassian picks the minute)`
                  : 'Within a day'}
            </dd>
          </dl>
          {error && <WatchError error={error} action="change this profile" />}
          {mode === 'edit' && (
            <form onSubmit={(e) => void save(e)} data-testid="watch-edit">
              <Stack space="space.100">
                <Label htmlFor={`${headingId}-name`}>Profile name</Label>
                <Textfield
                  id={`${headingId}-name`}
                  value={name}
                  maxLength={80}
                  onChange={(e) => setName(e.currentTarget.value)}
                />
                <Text as="p" size="small" color="color.text.subtle">
                  Saving makes you the administrator the daily check runs as. To change the sync
                  user or the projects, run the check on the Check tab and watch it again.
                </Text>
                <Inline space="space.100">
                  <Button type="submit" appearance="primary" isDisabled={busy || !name.trim()}>
                    {takeOver ? 'Take over' : 'Save'}
                  </Button>
                  <Button onClick={() => setMode('view')}>Cancel</Button>
                </Inline>
              </Stack>
            </form>
          )}
          {mode === 'remove' && (
            <Stack space="space.100" testId="watch-remove-confirm">
              <Text as="p">
                Stop watching "{profile.name}"? Its daily runs are erased too. Nothing changes in
                Jira.
              </Text>
              <Inline space="space.100">
                <Button appearance="danger" onClick={() => void remove()} isDisabled={busy}>
                  Remove
                </Button>
                <Button onClick={() => setMode('view')}>Cancel</Button>
              </Inline>
            </Stack>
          )}
          {mode === 'view' && (
            <Inline space="space.100" shouldWrap>
              <Button
                aria-expanded={showDrift}
                onClick={() => setShowDrift((v) => !v)}
                testId="watch-show-drift"
              >
                {showDrift ? 'Hide what changed' : 'What changed'}
              </Button>
              {takeOver ? (
                <Button appearance="primary" onClick={() => setMode('edit')}>
                  Take over
                </Button>
              ) : (
                <Button onClick={() => setMode('edit')}>Edit</Button>
              )}
              <Button
                onClick={() => void runNow()}
                isDisabled={busy || state === 'running' || state === 'needs-admin'}
              >
                Run now
              </Button>
              <Button onClick={() => setMode('remove')}>Remove</Button>
            </Inline>
          )}
          {showDrift && <Drift profileId={profile.id} refreshKey={watch?.lastRunAt ?? ''} />}
        </Stack>
      </Box>
    </div>
  );
}

export default function Watch({
  context,
  refreshKey,
}: {
  context: PanelContext;
  refreshKey: number;
}) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    void listProfiles().then((r) => {
      if (!alive.current) return;
      setLoad(
        r.ok
          ? { status: 'ready', profiles: r.profiles, max: r.max, people: r.people, watch: r.watch }
          : { status: 'error', error: r.error },
      );
    });
  }, [reloads, refreshKey]);

  // A profile being checked: look again until its run has finished.
  const running =
    load.status === 'ready' && Object.values(load.watch).some((w) => w.state === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(reload, 3_000);
    return () => clearTimeout(timer);
  }, [running, reload, load]);

  if (context.surface !== 'admin') return null;
  return (
    <Stack space="space.200">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
        <Text as="p" color="color.text.subtle">
          Every day, Credential Doctor runs each watched check again, as the Jira administrator who
          saved it, and shows here what changed. It only reads from Jira and sends nothing out.
        </Text>
        <Button onClick={reload} testId="watch-refresh">
          Refresh
        </Button>
      </Inline>
      <div role="status" aria-live="polite" data-testid="watch-notice">
        {notice && <Text as="p">{notice}</Text>}
      </div>
      {load.status === 'loading' && <Spinner label="Loading the watched checks" />}
      {load.status === 'error' && <WatchError error={load.error} action="see the watched checks" />}
      {load.status === 'ready' && load.profiles.length === 0 && (
        <EmptyState
          header="No check is watched yet"
          headingLevel={2}
          description='Run a check on the Check tab, then choose "Watch this check": it is run again every day and you see here when something breaks the sync user.'
          testId="watch-empty"
        />
      )}
      {load.status === 'ready' && load.profiles.length > 0 && (
        <Stack space="space.200">
          <Text as="p" size="small" color="color.text.subtle">
            {load.profiles.length} of at most {load.max} watched checks on this site.
          </Text>
          {load.profiles.map((profile) => (
            <ProfileCard
              key={`${profile.id}-${profile.updatedAt}`}
              profile={profile}
              watch={load.watch[profile.id]}
              people={load.people}
              onChanged={(text) => {
                setNotice(text);
                reload();
              }}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
