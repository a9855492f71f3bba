/**
 * The declared contract between the panel and the Forge resolvers: every key, what it takes and
 * what it answers. Resolvers are defined against it (src/resolvers/index.ts) and the panel calls
 * them through one typed function (static/panel/src/api.ts); neither copies the other's types.
 */
import type { z } from 'zod';
import type { Report } from '../engine/model/report';
import type { Capabilities } from './capabilities';
import type { HistoryEntry, PersonName } from './history';
import type {
  cancelRunSchema,
  capabilitiesSchema,
  clearHistorySchema,
  getHistorySchema,
  importReportSchema,
  getProfileRunsSchema,
  getProjectWatchSchema,
  listProfilesSchema,
  removeProfileSchema,
  runProfileNowSchema,
  liftCoolingOffSchema,
  runCheckSchema,
  saveProfileSchema,
  startRunSchema,
} from './payloads';
import type { PlannedRun, RunProgress } from './runs';
import type { ProfileWatch, ProjectWatchEntry, SyncProfile, WatchRun } from './watch';

export type {
  ErrorCode,
  FieldErrors,
  FormField,
  ResolverFailure,
  ResolverResult,
} from './envelope';
export type { Capabilities } from './capabilities';
export type { HistoryEntry, PersonName, RunSelection, Surface } from './history';
export type { PlannedRun, RunProgress } from './runs';
export type {
  CheckSyncProfileResult,
  NeedsAdminReason,
  ProfileCheck,
  ProfileSelection,
  ProfileWatch,
  ProjectWatchEntry,
  SyncProfile,
  WatchDrift,
  WatchFinding,
  WatchRun,
  WatchState,
} from './watch';

export interface ResolverContract {
  /** One check (projects given) or one batch of a run of many projects (`run` given). */
  runCheck: {
    payload: z.input<typeof runCheckSchema>;
    result: { report: Report; run?: RunProgress };
  };
  startRun: { payload: z.input<typeof startRunSchema>; result: { run: PlannedRun } };
  /** `checked` of `total`: the projects the run's history entry keeps (#24: what the panel says). */
  cancelRun: {
    payload: z.input<typeof cancelRunSchema>;
    result: { cancelled: boolean; checked?: number; total?: number };
  };
  importReport: { payload: z.input<typeof importReportSchema>; result: { report: Report } };
  getCapabilities: {
    payload: z.input<typeof capabilitiesSchema>;
    result: { capabilities: Capabilities };
  };
  getHistory: {
    payload: z.input<typeof getHistorySchema>;
    result: { runs: HistoryEntry[]; people?: Record<string, PersonName>; truncated?: true };
  };
  clearHistory: {
    payload: z.input<typeof clearHistorySchema>;
    /** `more`: runs are left (the backend stopped before its time limit); ask again. */
    result: { cleared: number; more?: true };
  };
  /** Permission watch (#27): saves (or, with `id`, replaces) a sync profile. Jira admins only. */
  saveProfile: { payload: z.input<typeof saveProfileSchema>; result: { profile: SyncProfile } };
  /**
   * Every sync profile of the site, oldest first, with the people they name as the reader sees
   * them, and (#27 items 2–4) where each profile's daily re-check stands, by profile ID.
   */
  listProfiles: {
    payload: z.input<typeof listProfilesSchema>;
    result: {
      profiles: SyncProfile[];
      max: number;
      people: Record<string, PersonName>;
      watch: Record<string, ProfileWatch>;
    };
  };
  /** Jira admins, admin page: a profile's daily runs, newest first, each with its drift. */
  getProfileRuns: {
    payload: z.input<typeof getProfileRunsSchema>;
    result: { runs: WatchRun[]; people: Record<string, PersonName> };
  };
  /**
   * Jira admins, admin page: queues the profile's daily re-check now. It runs, as the daily one
   * does, as the administrator who saved the profile, in the background: `listProfiles` shows it
   * `running`, then its result.
   */
  runProfileNow: { payload: z.input<typeof runProfileNowSchema>; result: { queued: boolean } };
  /**
   * Project administrators (and Jira admins), project settings page: the watched profiles whose
   * last run failed for this project (the page's banner); empty when none.
   */
  getProjectWatch: {
    payload: z.input<typeof getProjectWatchSchema>;
    result: { profiles: ProjectWatchEntry[] };
  };
  removeProfile: { payload: z.input<typeof removeProfileSchema>; result: { removed: boolean } };
  /** Jira administrators, admin page: ends a failed-login cooling-off (its finding's `guard`). */
  liftCoolingOff: { payload: z.input<typeof liftCoolingOffSchema>; result: { lifted: boolean } };
}

export type ResolverKey = keyof ResolverContract;
export type PayloadOf<K extends ResolverKey> = ResolverContract[K]['payload'];
export type ResultOf<K extends ResolverKey> = ResolverContract[K]['result'];
