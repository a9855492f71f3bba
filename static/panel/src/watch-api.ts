/**
 * The permission watch's resolvers (#27), through the typed contract like every call. A module of
 * its own: only the Watch tab, "Watch this check" and the project banner (all loaded on demand)
 * import it, so it stays out of the first screen's JS.
 */
import type { PayloadOf, ResultOf } from '@shared/contract';
import { callResolver } from './api';
import type { ResolverResult } from './types';

/** Permission watch (#27): saves (or, with `id`, replaces and takes over) a sync profile. */
export function saveProfile(
  payload: PayloadOf<'saveProfile'>,
): Promise<ResolverResult<ResultOf<'saveProfile'>>> {
  return callResolver('saveProfile', payload);
}

/** Permission watch (#27): every sync profile, with where its daily re-check stands. */
export function listProfiles(): Promise<ResolverResult<ResultOf<'listProfiles'>>> {
  return callResolver('listProfiles', {});
}

export function removeProfile(id: string): Promise<ResolverResult<ResultOf<'removeProfile'>>> {
  return callResolver('removeProfile', { id });
}

/** A profile's daily runs, newest first, each with what changed since the one before. */
export function getProfileRuns(id: string): Promise<ResolverResult<ResultOf<'getProfileRuns'>>> {
  return callResolver('getProfileRuns', { id, limit: 5 });
}

export function runProfileNow(id: string): Promise<ResolverResult<ResultOf<'runProfileNow'>>> {
  return callResolver('runProfileNow', { id });
}

/** The project settings page's banner: the watched profiles failing for this project. */
export function getProjectWatch(): Promise<ResolverResult<ResultOf<'getProjectWatch'>>> {
  return callResolver('getProjectWatch', {});
}
