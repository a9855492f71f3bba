import type {
  AreaCoverage,
  Coverage,
  CoverageDetail,
  CoverageState,
  NotTestedReason,
  ProjectReport,
} from '../model/report';
import { judged, localProject, type ClassRead, type SyncReads } from './sync-plan';
import { typeInScope } from './sync-checks';

export type SyncCoverage = Pick<Coverage, 'createFields' | 'editFields' | 'issueSecurity'>;

/**
 * How much of the fields and issue security the run tested, per target project: a project counts
 * as tested when its screens (or its issue security) were read in this run — in the project
 * itself, or in another target project that uses the same schemes. Never "tested" for a project
 * whose scheme was not read.
 */
export function syncCoverage(
  reads: SyncReads | null,
  projects: readonly ProjectReport[],
  keys: readonly string[],
  permissions: readonly string[],
  hasAdmin: boolean,
): { coverage: SyncCoverage; detail: CoverageDetail } {
  const byKey = new Map(projects.map((p) => [p.key, p]));
  const fieldsResolved = reads !== null && reads.fields.every((f) => f.id !== null);
  const detail: CoverageDetail = {};
  const coverage: SyncCoverage = {
    createFields: 'not-applicable',
    editFields: 'not-applicable',
    issueSecurity: 'not-tested',
  };
  if (permissions.includes('CREATE_ISSUES')) {
    const create = area(keys, byKey, (key) => createReason(reads, byKey, key));
    detail.createFields = plain(create);
    coverage.createFields = grade(create, fieldsResolved);
  }
  if (permissions.includes('EDIT_ISSUES')) {
    const edit = area(keys, byKey, (key) => editReason(reads, byKey, key));
    detail.editFields = plain(edit);
    coverage.editFields = grade(edit, fieldsResolved);
  }
  const security = area(keys, byKey, (key) => securityReason(reads, byKey, key, hasAdmin));
  detail.issueSecurity = plain(security);
  coverage.issueSecurity = grade(security, true);
  return { coverage, detail };
}

/** null: tested; 'part': some of its screens were read, not all (not tested, but not nothing). */
type Reason = NotTestedReason | 'part' | null;

/** An area's projects, and whether any of the untested ones was partly read. */
type Area = AreaCoverage & { partly: boolean };

function area(
  keys: readonly string[],
  byKey: ReadonlyMap<string, ProjectReport>,
  reasonOf: (key: string) => Reason,
): Area {
  const out: Area = { tested: [], notTested: [], partly: false };
  for (const key of keys) {
    const reason = byKey.get(key)?.exists === false ? 'not-found' : reasonOf(key);
    if (reason === null) out.tested.push(key);
    else if (reason === 'part') {
      out.partly = true;
      out.notTested.push({ project: key, reason: 'not-read' });
    } else out.notTested.push({ project: key, reason });
  }
  return out;
}

function plain({ tested, notTested }: Area): AreaCoverage {
  return { tested, notTested };
}

/** Tested where every project that exists was tested; not tested where nothing was read. */
export function grade(coverage: Area, complete: boolean): CoverageState {
  const open = coverage.notTested.filter((n) => n.reason !== 'not-found').length;
  if (coverage.tested.length === 0 && !coverage.partly) return 'not-tested';
  return open === 0 && complete ? 'tested' : 'partial';
}

/** Each list of class reads indexed by member key once: a run of 1000 projects asks 2000 times. */
const classIndexes = new WeakMap<ReadonlyArray<ClassRead<unknown>>, Map<string, unknown>>();

function classOf<T>(
  entries: ReadonlyArray<ClassRead<T>> | null,
  key: string,
): ClassRead<T> | undefined {
  if (!entries) return undefined;
  let index = classIndexes.get(entries);
  if (!index) {
    index = new Map();
    // The first entry naming a key wins, as a search from the front would find it.
    for (const entry of entries)
      for (const member of entry.cls.members) if (!index.has(member)) index.set(member, entry);
    classIndexes.set(entries, index);
  }
  return index.get(key) as ClassRead<T> | undefined;
}

/** Why the sync user's own view showed nothing: its permission is missing, or not known. */
function ownViewReason(project: ProjectReport | undefined, permission: string): NotTestedReason {
  return project?.permissions[permission] === false ? 'no-permission' : 'not-read';
}

function createReason(
  reads: SyncReads | null,
  byKey: ReadonlyMap<string, ProjectReport>,
  key: string,
): Reason {
  if (!reads?.create) return 'not-read';
  if (reads.plan.screensLimited.has(key)) return 'limit';
  const entry = classOf(reads.create, key);
  if (!entry) return 'not-read';
  // Read in an earlier batch of this run: judged in this batch's project (#26).
  const rep = byKey.get(entry.rep) ?? localProject(byKey, entry);
  if (!entry.read?.screens.length)
    return entry.bySyncUser ? ownViewReason(rep, 'CREATE_ISSUES') : 'not-read';
  if (!judged(entry, rep, 'CREATE_ISSUES')) return ownViewReason(rep, 'CREATE_ISSUES');
  // Given issue types none of which this screen offers: nothing of them was read here (#24).
  const given = reads.issueTypes ?? null;
  if (given?.length && !entry.read.screens.some((t) => typeInScope(given, t.issueType)))
    return 'not-read';
  return entry.read.complete ? null : 'part';
}

function editReason(
  reads: SyncReads | null,
  byKey: ReadonlyMap<string, ProjectReport>,
  key: string,
): Reason {
  if (!reads?.edit) return 'not-read';
  if (reads.plan.screensLimited.has(key)) return 'limit';
  const entry = classOf(reads.edit, key);
  if (!entry) return 'not-read';
  const read = entry.read;
  if (read.status === 'no-issues') return 'no-issues';
  if (read.status === 'failed')
    return entry.bySyncUser ? ownViewReason(byKey.get(key), 'EDIT_ISSUES') : 'not-read';
  const usable = read.screens.filter(
    (s) =>
      s.fields !== null &&
      judged(
        { ...entry, rep: s.project },
        byKey.get(s.project) ?? localProject(byKey, entry),
        'EDIT_ISSUES',
      ),
  );
  if (usable.length === 0)
    return entry.bySyncUser ? ownViewReason(byKey.get(key), 'EDIT_ISSUES') : 'not-read';
  return usable.length === read.screens.length ? null : 'part';
}

function securityReason(
  reads: SyncReads | null,
  byKey: ReadonlyMap<string, ProjectReport>,
  key: string,
  hasAdmin: boolean,
): Reason {
  if (!hasAdmin || !reads) return 'needs-admin';
  const plan = reads.plan.security;
  if (plan.none.has(key)) return null;
  if (plan.limited.has(key) || !plan.sample.includes(key)) return 'limit';
  if (!reads.security?.get(key)) return 'not-read';
  return byKey.get(key)?.permissions['BROWSE_PROJECTS'] === true ? null : 'no-permission';
}
