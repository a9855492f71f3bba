import {
  MAX_PROFILES,
  type ProfileSelection,
  type ProfileWatch,
  type ProjectWatchEntry,
  type SyncProfile,
  type WatchRun,
} from '../contract/watch';
import type { PersonName } from '../contract/history';
import { deleteProfile, getProfile, listProfiles, putProfile } from '../history/profiles';
import {
  deleteWatchData,
  emptyStatus,
  getWatchStatus,
  listWatchRuns,
  saveSite,
  type WatchStatus,
} from '../history/watch-runs';
import { authorise } from './authorise';
import { readContext, type CallerContext } from './context';
import { Deadline } from './deadline';
import { ResolverError } from './envelope';
import type { ResolverEnvironment } from './environment';
import { namesFor } from './people';
import { permissionKeys } from './permission-input';
import { parseKeyList } from './project-selection';
import type { ResolverRequest } from './run-check';
import {
  getProfileRunsSchema,
  getProjectWatchSchema,
  listProfilesSchema,
  parsePayload,
  removeProfileSchema,
  runProfileNowSchema,
  saveProfileSchema,
  type SaveProfilePayload,
} from './validate';
import { nextRunOf, queueProfileRun } from './watch-run';

/** A run still `running` after this long is taken as lost (runProfileNow may start it again). */
const STALE_RUN_MS = 30 * 60_000;
/** Looking up names stops this long before the deadline: the profiles are answered without them. */
const NAMES_RESERVE_MS = 3_000;

/**
 * Permission watch (#27), sync profiles. Only Jira administrators, from the admin page: a profile
 * is run every day as the administrator who saved it, with the admin view (every project).
 */
async function jiraAdminOnAdminPage(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ caller: CallerContext; deadline: Deadline }> {
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  if (caller.surface !== 'admin') {
    throw new ResolverError(
      'FORBIDDEN',
      'Only Jira administrators watch sync profiles, from the Credential Doctor administration page.',
    );
  }
  const authority = await authorise(caller, deadline);
  if (authority !== 'jira-admin') {
    throw new ResolverError('FORBIDDEN', 'Only Jira administrators watch sync profiles.');
  }
  // Scheduled functions have no site in their context: the daily re-check reads it from here.
  await deadline
    .race(saveSite({ siteUrl: caller.siteUrl, cloudId: caller.cloudId }))
    .catch(() => console.warn('watch: could not keep the site for the daily re-check.'));
  return { caller, deadline };
}

/**
 * Saves a profile; with `id`, replaces that profile and the caller becomes the administrator it
 * runs as (taking it over). Pasted keys are parsed as startRun parses them (at most 1000).
 */
export async function saveProfile(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; profile: SyncProfile }> {
  const payload = parsePayload(saveProfileSchema, request.payload);
  const { caller, deadline } = await jiraAdminOnAdminPage(request, environment);
  const selection = selectionOf(payload);
  const now = new Date().toISOString();
  let createdAt = now;
  let id: string;
  if (payload.id !== undefined) {
    const existing = await deadline.race(getProfile(payload.id));
    if (!existing) throw new ResolverError('NOT_FOUND', 'That sync profile no longer exists.');
    id = existing.id;
    createdAt = existing.createdAt;
  } else {
    const saved = await deadline.race(listProfiles());
    if (saved.length >= MAX_PROFILES) {
      throw new ResolverError(
        'INVALID_INPUT',
        `This site already watches ${MAX_PROFILES} sync profiles, the most it may keep. Remove one on the Watch tab, or edit one to watch what you need.`,
      );
    }
    id = crypto.randomUUID();
  }
  const profile: SyncProfile = {
    id,
    name: payload.name,
    check: {
      userAccountId: payload.user.accountId,
      selection,
      preset: payload.preset ?? null,
      permissions: payload.permissions ? permissionKeys(payload.permissions) : [],
      fields: payload.fields ?? null,
      issueTypes: payload.issueTypes ?? null,
    },
    savedBy: caller.accountId,
    createdAt,
    updatedAt: now,
  };
  await deadline.race(putProfile(profile));
  return { ok: true, profile };
}

export async function listSyncProfiles(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{
  ok: true;
  profiles: SyncProfile[];
  max: number;
  people: Record<string, PersonName>;
  watch: Record<string, ProfileWatch>;
}> {
  parsePayload(listProfilesSchema, request.payload);
  const { deadline } = await jiraAdminOnAdminPage(request, environment);
  const profiles = await deadline.race(listProfiles());
  const watch: Record<string, ProfileWatch> = {};
  const now = Date.now();
  for (const [index, p] of profiles.entries()) {
    const status = (await deadline.race(getWatchStatus(p.id))) ?? emptyStatus(p.id);
    watch[p.id] = publicWatch({ ...status, nextRunAt: nextRunOf(index, status.trigger, now) });
  }
  const ids = profiles.flatMap((p) => [
    p.check.userAccountId,
    ...(p.savedBy === null ? [] : [p.savedBy]),
  ]);
  const people = await namesFor(ids, deadline, NAMES_RESERVE_MS);
  return { ok: true, profiles, max: MAX_PROFILES, people, watch };
}

/** A profile's daily runs, newest first, each with what changed since the one before. */
export async function getProfileRuns(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; runs: WatchRun[]; people: Record<string, PersonName> }> {
  const payload = parsePayload(getProfileRunsSchema, request.payload);
  const { deadline } = await jiraAdminOnAdminPage(request, environment);
  const profile = await deadline.race(getProfile(payload.id));
  if (!profile) throw new ResolverError('NOT_FOUND', 'That sync profile no longer exists.');
  const runs = await deadline.race(listWatchRuns(profile.id, payload.limit ?? 30));
  const ids = runs.flatMap((r) => (r.ranAs === null ? [] : [r.ranAs]));
  const people = await namesFor(ids, deadline, NAMES_RESERVE_MS);
  return { ok: true, runs, people };
}

/** Queues the profile's re-check now, as the administrator who saved it. */
export async function runProfileNow(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; queued: boolean }> {
  const payload = parsePayload(runProfileNowSchema, request.payload);
  const { deadline } = await jiraAdminOnAdminPage(request, environment);
  const profile = await deadline.race(getProfile(payload.id));
  if (!profile) throw new ResolverError('NOT_FOUND', 'That sync profile no longer exists.');
  const status = await deadline.race(getWatchStatus(profile.id));
  // A run going on is not started twice; one started long ago was lost (its events ran out of
  // time or were never delivered) and may be started again.
  const startedAt = Date.parse(status?.running?.startedAt ?? '');
  if (status?.state === 'running' && Date.now() - startedAt < STALE_RUN_MS) {
    return { ok: true, queued: false };
  }
  await deadline.race(queueProfileRun(profile.id));
  return { ok: true, queued: true };
}

/**
 * The project settings page banner: the profiles whose last run found an error in this project.
 * Project administrators of the page's project (and Jira administrators) only; the profile's
 * name, verdict and this project's findings, nothing about other projects.
 */
export async function getProjectWatch(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; profiles: ProjectWatchEntry[] }> {
  parsePayload(getProjectWatchSchema, request.payload);
  const deadline = Deadline.start(environment.budgetMs);
  const caller = readContext(request.context, environment);
  if (caller.surface !== 'project' || caller.projectKey === null) {
    throw new ResolverError(
      'FORBIDDEN',
      'Only project administrators see the watch banner, on their project settings page.',
    );
  }
  await authorise(caller, deadline);
  const key = caller.projectKey;
  const out: ProjectWatchEntry[] = [];
  for (const profile of await deadline.race(listProfiles())) {
    const status = await deadline.race(getWatchStatus(profile.id));
    if (!status?.lastRunAt || !status.verdict || !status.failingProjects.includes(key)) continue;
    // The last run that checked (a later one may have found nobody to run as).
    const latest = (await deadline.race(listWatchRuns(profile.id, 5))).find(
      (r) => r.outcome === 'ran',
    );
    if (!latest) continue;
    out.push({
      profileId: profile.id,
      name: profile.name,
      verdict: status.verdict,
      lastRunAt: status.lastRunAt,
      findings: latest.findings.filter((f) => f.project === key && f.severity === 'error'),
    });
  }
  return { ok: true, profiles: out };
}

/** What the panel is told of a profile's state (the run in progress stays internal). */
function publicWatch(status: WatchStatus): ProfileWatch {
  const { v: _v, profileId: _id, trigger: _trigger, running: _running, ...watch } = status;
  return watch;
}

export async function removeProfile(
  request: ResolverRequest,
  environment: ResolverEnvironment,
): Promise<{ ok: true; removed: boolean }> {
  const payload = parsePayload(removeProfileSchema, request.payload);
  const { deadline } = await jiraAdminOnAdminPage(request, environment);
  const existing = await deadline.race(getProfile(payload.id));
  if (!existing) return { ok: true, removed: false };
  await deadline.race(deleteProfile(payload.id));
  // Its daily runs go with it.
  await deadline
    .race(deleteWatchData(payload.id))
    .catch(() => console.warn('removeProfile: its daily runs expire on their own.'));
  return { ok: true, removed: true };
}

function selectionOf(payload: SaveProfilePayload): ProfileSelection {
  const s = payload.selection;
  if (s.kind === 'keys') return { kind: 'keys', keys: parseKeyList(s.text) };
  if (s.kind === 'category') return { kind: 'category', categoryId: s.categoryId };
  return { kind: 'every' };
}
