import api, { NeedsAuthenticationError, route } from '@forge/api';
import { Queue, type AsyncEvent } from '@forge/events';
import { samplePlan } from '../engine/cloud/sync-checks';
import { mergeBatchReports } from '../engine/run/merge-batches';
import type { Report } from '../engine/model/report';
import {
  batchCount,
  batchKeys,
  deleteParts,
  deletePlan,
  loadParts,
  loadPlan,
  savePart,
  savePlan,
  type RunPlan,
} from '../history/batch-store';
import { withoutPersonalData } from '../history/privacy';
import { getProfile, listProfiles } from '../history/profiles';
import { newRunId } from '../history/store';
import {
  emptyStatus,
  getWatchStatus,
  listWatchRuns,
  loadSite,
  nextRunAt,
  putWatchStatus,
  saveSchedule,
  saveWatchRun,
  type WatchStatus,
} from '../history/watch-runs';
import type { NeedsAdminReason, SyncProfile, WatchRun, WatchState } from '../contract/watch';
import type { Verdict } from '../engine/model/report';
import { ACTIVE_PROFILE } from '../profile/active';
import { PROFILES } from '../profile/profiles';
import { BATCH_SIZE, partsOf, reportWithoutEvidence } from './batch-run';
import type { CallerContext } from './context';
import { Deadline } from './deadline';
import { PRODUCTION } from './environment';
import { permissionKeys, requestedPermissions } from './permission-input';
import { resolveSelection, type Selection } from './project-selection';
import { mayReadAnonymously, runDiagnosis } from './run-check';
import { changed, compareRuns } from './watch-drift';
import { parsePayload, runCheckSchema } from './validate';

/**
 * The permission watch's daily re-check (#27 item 2). The scheduled trigger `watch-hourly-check`
 * (manifest.yml, `interval: hour`, function `watch-daily`) starts each profile once a day, at its
 * hour, at most MAX_STARTS_PER_HOUR an hour (the points quota), one async event each. The consumer `watch-run` (queue
 * WATCH_QUEUE) then runs each profile like the admin page's run of many projects (batch-run.ts):
 * the first event checks, as the administrator who saved the profile (offline impersonation,
 * `asUser(accountId)`), that they are still a Jira administrator, lists the projects as they see
 * them and plans the batches (BATCH_SIZE projects each); every batch is its own event, which
 * checks its projects with the admin view as that administrator, keeps its report (without
 * personal data) and pushes the next; the last merges them, compares the run with the previous
 * one (watch-drift.ts) and stores it (history/watch-runs.ts).
 *
 * Limits (docs/watch.md "Platform limits"): each event is one invocation within the consumer's
 * 55 s default timeout (a batch uses at most WATCH_BUDGET_MS); pushes stay far below 50 events and
 * 200 KB a request and 500 events a minute; one tick's chains are at most 1 + 3 × 10 push
 * requests, far under the 1000 Forge allows one initial invocation. A duplicate delivery of an event is
 * recorded once (the trigger time on the start event, `lastBatch` on a batch). The consumer never throws
 * and never asks for a retry: a failure makes the run inconclusive, and tomorrow's run starts
 * anew.
 */
const WATCH_QUEUE = 'watch-runs';
/** The start events of one tick are 15 s apart. */
const STAGGER_SECONDS = 15;
/** A batch's budget inside the consumer's 55 s default timeout (a resolver has 22 s of 25). */
const WATCH_BUDGET_MS = 45_000;
/** Kept back from a batch's budget to record it and push the next event. */
const RECORD_RESERVE_MS = 8_000;

const queue = new Queue({ key: WATCH_QUEUE });

type WatchEvent =
  | { v: 1; kind: 'start'; profileId: string; trigger: string; force?: true }
  | { v: 1; kind: 'batch'; profileId: string; planId: string; batch: number };

/**
 * Runs are spread over the day so that the watch stays inside the hourly rate-limit points quota
 * (docs/watch.md "Cost per day"): each profile has an hour of the day (UTC; the n-th profile,
 * oldest first, the hour n mod 24), and each hourly tick starts at most MAX_STARTS_PER_HOUR
 * profiles: those whose hour it is (and that did not run in the last MIN_GAP_MS), then those that
 * missed theirs (no run for OVERDUE_MS), then new ones.
 */
export const MAX_STARTS_PER_HOUR = 3;
const HOUR_MS = 3_600_000;
const MIN_GAP_MS = 12 * HOUR_MS;
const OVERDUE_MS = 26 * HOUR_MS;

/** Each profile's hour of the day (UTC), by its place among the profiles, oldest first. */
function slotOf(index: number): number {
  return index % 24;
}

/**
 * Scheduled trigger `watch-hourly-check` (function `watch-daily`, handler `index.watchDaily`):
 * every hour, starts the profiles due (see MAX_STARTS_PER_HOUR), one async event each.
 */
export async function watchDaily(): Promise<{ statusCode: number }> {
  const now = new Date();
  try {
    await saveSchedule(now.toISOString());
    const profiles = await listProfiles();
    const hour = now.getUTCHours();
    const due: Array<{ id: string; rank: number }> = [];
    for (const [index, profile] of profiles.entries()) {
      const status = await getWatchStatus(profile.id);
      const last = status?.trigger ? Date.parse(status.trigger) : NaN;
      const since = Number.isFinite(last) ? now.getTime() - last : Infinity;
      if (slotOf(index) === hour && since >= MIN_GAP_MS) due.push({ id: profile.id, rank: 0 });
      else if (since === Infinity) due.push({ id: profile.id, rank: 2 });
      else if (since >= OVERDUE_MS) due.push({ id: profile.id, rank: 1 });
    }
    const chosen = due.sort((x, y) => x.rank - y.rank).slice(0, MAX_STARTS_PER_HOUR);
    if (chosen.length === 0) return { statusCode: 200 };
    const trigger = now.toISOString();
    await queue.push(
      chosen.map((p, i) => ({
        body: { v: 1, kind: 'start', profileId: p.id, trigger } satisfies WatchEvent,
        delayInSeconds: i * STAGGER_SECONDS,
      })),
    );
  } catch (error) {
    // The platform does not retry a scheduled trigger: the next tick tries again.
    console.warn(`watchDaily: could not start the re-checks due (${(error as Error).name}).`);
  }
  return { statusCode: 200 };
}

/**
 * When the profile at `index` (oldest first) is expected to run next: its hour of the day, at
 * least MIN_GAP_MS after its last start; within the hour when it never ran. An estimate: the
 * platform chooses the minute of the hourly tick, and a busy hour defers a profile.
 */
export function nextRunOf(index: number, lastStart: string | null, now: number): string {
  if (lastStart === null) return new Date(Math.ceil(now / HOUR_MS) * HOUR_MS).toISOString();
  const earliest = Math.max(now, Date.parse(lastStart) + MIN_GAP_MS);
  const day = new Date(earliest);
  let at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), slotOf(index));
  while (at < earliest) at += 24 * HOUR_MS;
  return new Date(at).toISOString();
}

/** Starts one profile's run now (the admin page's "Run the daily check now"). */
export async function queueProfileRun(profileId: string): Promise<void> {
  const trigger = new Date().toISOString();
  await queue.push({ body: { v: 1, kind: 'start', profileId, trigger, force: true } });
}

/** Async event consumer `watch-run` (handler `index.watchRun`). Never throws. */
export async function watchRun(event: AsyncEvent): Promise<void> {
  const body = event?.body as Partial<WatchEvent> | undefined;
  if (body?.v !== 1 || typeof body.profileId !== 'string') return;
  try {
    if (body.kind === 'start' && typeof body.trigger === 'string') {
      await startProfileRun(body.profileId, body.trigger, body.force === true);
    } else if (
      body.kind === 'batch' &&
      typeof body.planId === 'string' &&
      typeof body.batch === 'number'
    ) {
      await runProfileBatch(body.profileId, body.planId, body.batch);
    }
  } catch (error) {
    console.warn(`watchRun: the run could not go on (${(error as Error).name}).`);
    await settle(body.profileId, { state: 'inconclusive' }).catch(() => undefined);
  }
}

async function startProfileRun(profileId: string, trigger: string, force: boolean): Promise<void> {
  const profile = await getProfile(profileId);
  if (!profile) return;
  const status = (await getWatchStatus(profileId)) ?? emptyStatus(profileId);
  // A start event delivered twice runs once.
  if (!force && status.trigger === trigger) return;
  const ranAt = new Date().toISOString();
  if (profile.savedBy === null) {
    await recordNeedsAdmin(profile, status, trigger, ranAt, 'account-closed');
    return;
  }
  const site = await loadSite();
  if (!site) {
    // Profiles saved before the site was kept: the Watch tab keeps it when opened.
    await putWatchStatus({
      ...status,
      trigger,
      state: 'inconclusive',
      nextRunAt: await nextRunAt(),
    });
    return;
  }
  const deadline = Deadline.start(WATCH_BUDGET_MS);
  const authority = await authorityOf(profile.savedBy, deadline);
  if (authority !== 'jira-admin') {
    await recordNeedsAdmin(profile, status, trigger, ranAt, authority);
    return;
  }
  const { keys, source } = await resolveSelection(selectionOf(profile), deadline, profile.savedBy);
  const { id: entryId, sortKey } = newRunId();
  const plan: RunPlan = {
    v: 1,
    id: crypto.randomUUID(),
    ranBy: profile.savedBy,
    authority: 'jira-admin',
    createdAt: ranAt,
    sortKey,
    entryId,
    userAccountId: profile.check.userAccountId,
    permissions: permissionsOf(profile),
    explain: null,
    preset: profile.check.preset,
    fields: profile.check.fields,
    issueTypes: profile.check.issueTypes,
    keys,
    batchSize: BATCH_SIZE,
    source,
    credentials: null,
  };
  await savePlan(plan);
  await putWatchStatus({
    ...status,
    trigger,
    state: 'running',
    running: { planId: plan.id, startedAt: ranAt },
  });
  await push({ v: 1, kind: 'batch', profileId, planId: plan.id, batch: 0 });
}

async function runProfileBatch(profileId: string, planId: string, batch: number): Promise<void> {
  const plan = await loadPlan(planId);
  // Unknown, over, or this batch already recorded (a duplicate delivery): nothing to do.
  if (!plan || plan.finished || plan.cancelled || (plan.lastBatch ?? -1) >= batch) return;
  const profile = await getProfile(profileId);
  const site = await loadSite();
  if (!profile || profile.savedBy !== plan.ranBy || !site) {
    // Removed, taken over by another administrator, or no site: this run ends here.
    await savePlan({ ...plan, cancelled: true });
    await deleteParts(plan).catch(() => undefined);
    if (profile) await settle(profileId, { state: 'inconclusive' });
    return;
  }
  const deadline = Deadline.start(WATCH_BUDGET_MS);
  const keys = batchKeys(plan, batch);
  const caller: CallerContext = {
    accountId: plan.ranBy,
    siteUrl: site.siteUrl,
    cloudId: site.cloudId,
    surface: 'admin',
    projectKey: null,
    projectId: null,
  };
  // The check as the admin page's form would send it (the projects come from the plan).
  const payload = parsePayload(runCheckSchema, {
    user: { accountId: plan.userAccountId },
    projects: keys,
    ...(plan.preset === null ? {} : { preset: plan.preset }),
    ...(plan.fields === null ? {} : { fields: plan.fields }),
    ...(plan.issueTypes === null ? {} : { issueTypes: plan.issueTypes }),
  });
  const { report } = await runDiagnosis({
    caller,
    authority: 'jira-admin',
    projectId: null,
    deadline: Deadline.start(Math.max(1_000, deadline.remainingMs(RECORD_RESERVE_MS))),
    payload,
    projects: keys,
    permissions: plan.permissions,
    anonymousReads: mayReadAnonymously(caller, PRODUCTION, PROFILES[ACTIVE_PROFILE]),
    asAccount: plan.ranBy,
    ...(plan.keys.length > keys.length
      ? {
          runSample: {
            projects: samplePlan(plan.keys, plan.issueTypes).projects,
            of: plan.keys.length,
          },
        }
      : {}),
    // Kept as a part of the run, not as a run of the administrator's history.
    save: async () => undefined,
  });
  const stored = withoutPersonalData(report, { tokenEmail: null });
  const recorded: RunPlan = { ...plan, lastBatch: batch };
  await savePlan(recorded);
  if (!(await savePart(recorded, batch, stored))) {
    await savePart(recorded, batch, reportWithoutEvidence(stored));
  }
  if (batch + 1 < batchCount(plan)) {
    await push({ v: 1, kind: 'batch', profileId, planId, batch: batch + 1 });
    return;
  }
  await finishRun(profile, recorded);
}

async function finishRun(profile: SyncProfile, plan: RunPlan): Promise<void> {
  const reports: Array<Report | null> = await loadParts(plan);
  if (!reports.some((r) => r !== null)) {
    await settle(profile.id, { state: 'inconclusive' });
    return;
  }
  const merged = mergeBatchReports(partsOf(plan, reports));
  const [previous = null] = await listWatchRuns(profile.id, 1);
  const comparable = previous?.outcome === 'ran' ? previous : null;
  const { findings, drift, failingProjects } = compareRuns(comparable, merged, plan.createdAt);
  const run: WatchRun = {
    id: crypto.randomUUID(),
    profileId: profile.id,
    ranAt: plan.createdAt,
    ranAs: plan.ranBy,
    outcome: 'ran',
    verdict: merged.verdict,
    projects: plan.keys.length,
    failingProjects,
    findings,
    drift,
    ...(merged.cost ? { points: merged.cost.points } : {}),
  };
  if (!(await saveWatchRun(run, profile.check.userAccountId)))
    console.warn('watchRun: the run was too large to keep.');
  const status = (await getWatchStatus(profile.id)) ?? emptyStatus(profile.id);
  const errors = findings.filter((f) => f.severity === 'error');
  const { running: _done, needsAdmin: _cleared, ...rest } = status;
  await putWatchStatus({
    ...rest,
    state: stateOf(merged.verdict),
    lastRunAt: run.ranAt,
    verdict: merged.verdict,
    failingProjects,
    failingSince: errors.length
      ? errors.map((f) => f.firstSeenAt).reduce((a, b) => (a < b ? a : b))
      : null,
    lastChange: changed(drift)
      ? {
          at: run.ranAt,
          verdictFrom: drift.verdictFrom,
          verdictTo: drift.verdictTo,
          added: drift.added.length,
          resolved: drift.resolved.length,
        }
      : status.lastChange,
    nextRunAt: await nextRunAt(),
  });
  // The plan and the batches' reports go (the plan names the administrator): a late duplicate
  // event then finds no plan and does nothing.
  await deleteParts(plan).catch(() => undefined);
  await deletePlan(plan.id).catch(() => undefined);
}

/**
 * Whether the re-check may run as this administrator: one `mypermissions` call as them (offline
 * impersonation). A refusal by the platform (its form is not documented: a proxy error, the
 * consent error, or Jira's 401/403) is told apart with one question as the app, when it answers:
 * a deactivated account or an app account; otherwise "refused" without a reason.
 */
export async function authorityOf(
  accountId: string,
  deadline: Deadline,
): Promise<'jira-admin' | NeedsAdminReason> {
  let status: number;
  let body: unknown = null;
  try {
    const res = await deadline.race(
      api.asUser(accountId).requestJira(route`/rest/api/3/mypermissions?permissions=ADMINISTER`, {
        headers: { Accept: 'application/json' },
      }),
    );
    status = res.status;
    if (status === 200) body = await deadline.race(res.json() as Promise<unknown>);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return refusalReason(accountId, deadline);
  }
  if (status === 401 || status === 403) return refusalReason(accountId, deadline);
  if (status !== 200) throw new Error(`mypermissions answered HTTP ${status}`);
  const held = (body as { permissions?: { ADMINISTER?: { havePermission?: unknown } } } | null)
    ?.permissions?.ADMINISTER?.havePermission;
  return held === true ? 'jira-admin' : 'not-jira-admin';
}

/** A platform refusal to act as the account (not a network failure). */
function isRefusal(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return error instanceof NeedsAuthenticationError || name === 'PROXY_ERR';
}

async function refusalReason(accountId: string, deadline: Deadline): Promise<NeedsAdminReason> {
  try {
    const res = await deadline.race(
      api.asApp().requestJira(route`/rest/api/3/user?accountId=${accountId}`, {
        headers: { Accept: 'application/json' },
      }),
    );
    if (res.status !== 200) return 'impersonation-refused';
    const user = (await res.json()) as { active?: unknown; accountType?: unknown } | null;
    if (user?.active === false) return 'deactivated';
    if (user?.accountType === 'app') return 'app-account';
  } catch {
    // The app's own question is a nicety: without it the reason stays unknown.
  }
  return 'impersonation-refused';
}

async function recordNeedsAdmin(
  profile: SyncProfile,
  status: WatchStatus,
  trigger: string,
  ranAt: string,
  reason: NeedsAdminReason,
): Promise<void> {
  const run: WatchRun = {
    id: crypto.randomUUID(),
    profileId: profile.id,
    ranAt,
    ranAs: profile.savedBy,
    outcome: 'needs-admin',
    needsAdmin: reason,
    verdict: null,
    projects: 0,
    failingProjects: [],
    findings: [],
    drift: null,
  };
  await saveWatchRun(run, profile.check.userAccountId);
  const { running: _none, ...rest } = status;
  await putWatchStatus({
    ...rest,
    trigger,
    state: 'needs-admin',
    needsAdmin: reason,
    nextRunAt: await nextRunAt(),
    // The last run's verdict and failing projects stay: they are still the latest known.
    ...(status.state === 'needs-admin' && status.needsAdmin === reason
      ? {}
      : {
          lastChange: {
            at: ranAt,
            verdictFrom: status.verdict,
            verdictTo: status.verdict ?? 'inconclusive',
            added: 0,
            resolved: 0,
          },
        }),
  });
}

async function settle(profileId: string, change: { state: WatchState }): Promise<void> {
  const status = (await getWatchStatus(profileId)) ?? emptyStatus(profileId);
  const { running: _none, ...rest } = status;
  await putWatchStatus({ ...rest, ...change, nextRunAt: await nextRunAt() });
}

function stateOf(verdict: Verdict): WatchState {
  return verdict === 'ready' ? 'passing' : verdict === 'inconclusive' ? 'inconclusive' : 'failing';
}

function selectionOf(profile: SyncProfile): Selection {
  const s = profile.check.selection;
  if (s.kind === 'keys') return { kind: 'keys', text: s.keys.join(' ') };
  if (s.kind === 'category') return { kind: 'category', categoryId: s.categoryId };
  return { kind: 'every' };
}

function permissionsOf(profile: SyncProfile): string[] {
  return permissionKeys(
    requestedPermissions({
      preset: profile.check.preset ?? undefined,
      permissions: profile.check.permissions.length ? profile.check.permissions : undefined,
    }),
  );
}

async function push(body: WatchEvent): Promise<void> {
  await queue.push({ body });
}
