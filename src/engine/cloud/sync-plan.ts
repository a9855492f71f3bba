import type { IssueSecurityReport, ProjectReport, SyncField } from '../model/report';
import { CREATE_READINESS_MAX_PROJECTS, type CreateRead } from './steps/create-readiness';
import { EDIT_MAX_TYPES, type EditRead } from './steps/fields';
import type { SchemeContext } from './scheme-context';

/**
 * Which screens and which issue security a run reads. Screens, required fields and issue security
 * are configured per scheme, not per project: with an administrator's view of the schemes
 * (scheme-mapping.ts), the projects that use the same issue type scheme, issue type screen scheme
 * and field configuration scheme show the same screens, so one read per combination tests every
 * project that uses it. Without that view each project stands alone, and a run reads up to
 * SAMPLE_MAX_PROJECTS of them (the first LARGE_RUN_SAMPLE of larger runs, one edit screen each, so
 * a 1000-project check costs about what a 1-project check costs here); the report names the rest.
 */
export const SAMPLE_MAX_PROJECTS = CREATE_READINESS_MAX_PROJECTS;
export const LARGE_RUN_SAMPLE = 3;
/** Distinct combinations of schemes whose screens one run reads, most-used first. */
export const MAX_SCREEN_CLASSES = 10;
/** Projects with an issue security scheme whose secured issues one run samples. */
export const MAX_SECURITY_SAMPLES = SAMPLE_MAX_PROJECTS;

export interface SamplePlan {
  projects: string[];
  /** Edit screens (issue types) read per project. */
  editTypes: number;
}

/** Without the schemes: the projects read one by one. */
export function samplePlan(
  keys: readonly string[],
  issueTypes: readonly string[] | null,
): SamplePlan {
  const editTypes = editTypesFor(keys.length, issueTypes);
  if (keys.length <= SAMPLE_MAX_PROJECTS) return { projects: [...keys], editTypes };
  return { projects: keys.slice(0, LARGE_RUN_SAMPLE), editTypes };
}

/** Edit screens read per sampled project in a run of `projects` projects. */
function editTypesFor(projects: number, issueTypes: readonly string[] | null): number {
  const given = issueTypes?.length ? Math.min(issueTypes.length, EDIT_MAX_TYPES) : null;
  return given ?? (projects <= SAMPLE_MAX_PROJECTS ? EDIT_MAX_TYPES : 1);
}

/**
 * A batch's share of its run's sample (#26): the run's sampled projects among the batch's keys,
 * so a run checked in batches reads its sample once, not once per batch.
 */
function batchPlan(
  keys: readonly string[],
  issueTypes: readonly string[] | null,
  run: { projects: readonly string[]; of: number },
): SamplePlan {
  const mine = new Set(keys);
  return {
    projects: run.projects.map((k) => k.toUpperCase()).filter((k) => mine.has(k)),
    editTypes: editTypesFor(run.of, issueTypes),
  };
}

/** Target projects that show the same screens: one combination of schemes, or one project. */
export interface ScreenClass {
  id: string;
  /** The issue type screen scheme's name, when the class is a scheme combination. */
  scheme: string | null;
  /** Its target project keys, in run order. */
  members: string[];
}

export interface SyncPlan {
  /** Read from the schemes (an administrator's view), or project by project. */
  byScheme: boolean;
  /** The classes whose screens this run reads. */
  classes: ScreenClass[];
  /** Target keys whose screens are beyond what one run reads. */
  screensLimited: Set<string>;
  editTypes: number;
  security: {
    /** Projects whose secured issues are sampled. */
    sample: string[];
    /** Company-managed projects without an issue security scheme: nothing can hide an issue. */
    none: Set<string>;
    /** Projects with a scheme, beyond what one run samples. */
    limited: Set<string>;
    /** Key → its issue security scheme's name (null: none), where the mapping said. */
    schemes: Map<string, string | null>;
  };
  /** The sync user's permissions as the administrator's view found them (for choosing readers). */
  holds: ((key: string, permission: string) => boolean | null) | null;
}

export function planSyncReads(
  keys: readonly string[],
  issueTypes: readonly string[] | null,
  schemes: SchemeContext | null,
  runSample: { projects: readonly string[]; of: number } | null = null,
): SyncPlan {
  const holds = schemes ? schemes.holds : null;
  const mapping = schemes?.mapping ?? null;
  if (!schemes || !mapping) {
    const sample = runSample
      ? batchPlan(keys, issueTypes, runSample)
      : samplePlan(keys, issueTypes);
    const sampled = new Set(sample.projects);
    return {
      byScheme: false,
      classes: sample.projects.map((key) => ({
        id: `project:${key}`,
        scheme: null,
        members: [key],
      })),
      screensLimited: new Set(keys.filter((k) => !sampled.has(k))),
      editTypes: sample.editTypes,
      security: {
        sample: sample.projects,
        none: new Set(),
        limited: new Set(keys.filter((k) => !sampled.has(k))),
        schemes: new Map(),
      },
      holds,
    };
  }
  const live = keys.filter((k) => schemes.exists(k) !== false && schemes.ids.get(k));
  const byId = new Map<string, ScreenClass>();
  for (const key of live) {
    const id = schemes.ids.get(key) ?? '';
    const mapped = mapping.screens.get(id);
    const classId = mapped ? `scheme:${mapped.id}` : `project:${key}`;
    const entry = byId.get(classId) ?? {
      id: classId,
      scheme: mapped ? (mapped.screenScheme.name ?? `ID ${mapped.screenScheme.id}`) : null,
      members: [],
    };
    entry.members.push(key);
    byId.set(classId, entry);
  }
  // Most-used first (a stable sort keeps run order among equals).
  const ordered = [...byId.values()].sort((a, b) => b.members.length - a.members.length);
  const classes = ordered.slice(0, MAX_SCREEN_CLASSES);
  const screensLimited = new Set(ordered.slice(MAX_SCREEN_CLASSES).flatMap((c) => c.members));

  const none = new Set<string>();
  const secured: string[] = [];
  const names = new Map<string, string | null>();
  for (const key of live) {
    const scheme = mapping.security.get(schemes.ids.get(key) ?? '');
    if (scheme === null) none.add(key);
    else secured.push(key);
    if (scheme !== undefined) names.set(key, scheme ? (scheme.name ?? `ID ${scheme.id}`) : null);
  }
  const given = issueTypes?.length ? Math.min(issueTypes.length, EDIT_MAX_TYPES) : null;
  return {
    byScheme: true,
    classes,
    screensLimited,
    editTypes: given ?? EDIT_MAX_TYPES,
    security: {
      sample: secured.slice(0, MAX_SECURITY_SAMPLES),
      none,
      limited: new Set(secured.slice(MAX_SECURITY_SAMPLES)),
      schemes: names,
    },
    holds,
  };
}

/** One class's screens as read in one of its projects (`rep`), by the sync user or an administrator. */
export interface ClassRead<T> {
  cls: ScreenClass;
  rep: string;
  bySyncUser: boolean;
  read: T;
  /**
   * Read in an earlier batch of this run (`rep` is a project of that batch): the permissions it
   * is judged on are those of this batch's project `judgeIn`, the one it would have been read in.
   */
  judgeIn?: string;
}

export interface SyncReads {
  plan: SyncPlan;
  fieldsGiven: boolean;
  /** The fields to check; empty when the synchronizer neither creates nor edits. */
  fields: SyncField[];
  issueTypes: string[] | null;
  /** null: the create screens were not read in this run. */
  create: Array<ClassRead<CreateRead | null>> | null;
  edit: Array<ClassRead<EditRead>> | null;
  /** Per sampled project; null when the issue security check did not run. */
  security: Map<string, IssueSecurityReport | null> | null;
}

/** Whether a class's read counts: an administrator's always, the sync user's where it holds the permission. */
export function judged(
  entry: Pick<ClassRead<unknown>, 'bySyncUser' | 'rep'>,
  project: ProjectReport | undefined,
  permission: string,
): boolean {
  return !entry.bySyncUser || project?.permissions[permission] === true;
}

/** The project of this batch a screen read in an earlier batch is judged in (`judgeIn`). */
export function localProject(
  byKey: ReadonlyMap<string, ProjectReport>,
  entry: Pick<ClassRead<unknown>, 'judgeIn'>,
): ProjectReport | undefined {
  return entry.judgeIn === undefined ? undefined : byKey.get(entry.judgeIn);
}
