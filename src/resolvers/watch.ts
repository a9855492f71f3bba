import { MAX_PROFILES, type ProfileSelection, type SyncProfile } from '../contract/watch';
import type { PersonName } from '../contract/history';
import { deleteProfile, getProfile, listProfiles, putProfile } from '../history/profiles';
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
  listProfilesSchema,
  parsePayload,
  removeProfileSchema,
  saveProfileSchema,
  type SaveProfilePayload,
} from './validate';

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
}> {
  parsePayload(listProfilesSchema, request.payload);
  const { deadline } = await jiraAdminOnAdminPage(request, environment);
  const profiles = await deadline.race(listProfiles());
  const ids = profiles.flatMap((p) => [
    p.check.userAccountId,
    ...(p.savedBy === null ? [] : [p.savedBy]),
  ]);
  const people = await namesFor(ids, deadline, NAMES_RESERVE_MS);
  return { ok: true, profiles, max: MAX_PROFILES, people };
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
  return { ok: true, removed: true };
}

function selectionOf(payload: SaveProfilePayload): ProfileSelection {
  const s = payload.selection;
  if (s.kind === 'keys') return { kind: 'keys', keys: parseKeyList(s.text) };
  if (s.kind === 'category') return { kind: 'category', categoryId: s.categoryId };
  return { kind: 'every' };
}
