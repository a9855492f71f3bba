import type { JiraClient } from '../port/jira-client';
import type { DiagnosisDeps } from '../port/deps';
import type { DiagnosisInput } from '../model/input';
import type {
  Coverage,
  CoverageState,
  ProjectReport,
  ScreenReport,
  SyncField,
} from '../model/report';
import type { RunContext } from '../run/context';
import { remedy } from '../findings/remedies';
import {
  CREATE_READINESS_MAX_PROJECTS,
  readCreateScreens,
  requiredFieldFindings,
  requiredUnsent,
  type CreateRead,
} from './steps/create-readiness';
import {
  DEFAULT_FIELDS,
  EDIT_MAX_TYPES,
  FIELD_PERMISSIONS,
  readEditScreens,
  resolveFields,
  type EditRead,
} from './steps/fields';
import type { TokenIdentity } from '../model/token-identity';
import { checkIssueSecurity } from './steps/issue-security';
import type { IssueSecurityReport } from '../model/report';

/**
 * What the synchronizer will do beyond holding permissions: its fields on the create and edit
 * screens, and issue security. Every read here is advisory and low priority, so it never deepens
 * the verdict's critical path. Runs of up to SAMPLE_MAX_PROJECTS target projects read them all;
 * larger runs sample the first LARGE_RUN_SAMPLE projects with one edit screen each (the report
 * says which), so a 1000-project check costs about what a 1-project check costs here.
 */
export const SAMPLE_MAX_PROJECTS = CREATE_READINESS_MAX_PROJECTS;
export const LARGE_RUN_SAMPLE = 3;

export interface SamplePlan {
  projects: string[];
  /** Edit screens (issue types) read per project. */
  editTypes: number;
}

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

/** A batch's share of its run's sample: the run's sampled projects among the batch's keys. */
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

export type SyncCoverage = Pick<Coverage, 'createFields' | 'editFields' | 'issueSecurity'>;

export interface SyncReads {
  sampled: string[];
  fieldsGiven: boolean;
  /** The fields to check; empty when the synchronizer neither creates nor edits. */
  fields: SyncField[];
  issueTypes: string[] | null;
  create: Map<string, CreateRead> | null;
  /** Who read the create screens: the sync user (its own view) or an administrator. */
  createReadBySyncUser: boolean;
  edit: Map<string, EditRead> | null;
  editReadBySyncUser: boolean;
  security: Map<string, IssueSecurityReport | null> | null;
}

export interface SyncStart {
  input: DiagnosisInput;
  deps: DiagnosisDeps;
  keys: readonly string[];
  permissions: readonly string[];
  identity: Promise<TokenIdentity | null>;
  /** The sync user's account ID as the admin view resolves it (null without an admin view). */
  adminAccountId: Promise<string | null>;
}

/** The fields a run checks: --fields, the preset's, or summary and description. */
export function syncFieldNames(input: Pick<DiagnosisInput, 'fields'>): string[] {
  return input.fields?.names.length ? [...input.fields.names] : [...DEFAULT_FIELDS];
}

export async function readSyncChecks(ctx: RunContext, start: SyncStart): Promise<SyncReads> {
  const { input, deps, keys, permissions, identity } = start;
  const issueTypes = input.issueTypes?.length ? [...input.issueTypes] : null;
  const run = input.runSample;
  const plan = run ? batchPlan(keys, issueTypes, run) : samplePlan(keys, issueTypes);
  const sampled = plan.projects;
  const creates = permissions.includes('CREATE_ISSUES');
  const edits = permissions.includes('EDIT_ISSUES');
  const sampleNote = run
    ? ` The run samples the first ${run.projects.length} of its ${run.of} projects (${run.projects.join(', ')})${
        sampled.length === 0 ? ': none of them is in this batch' : ''
      }.`
    : sampled.length < keys.length
      ? ` Sampled the first ${sampled.length} of ${keys.length} projects (${sampled.join(', ')}).`
      : '';

  const fieldsPart = creates || edits ? resolveSyncFields(ctx, input, deps, identity) : null;
  const createPart =
    creates && input.createReadiness !== false
      ? readCreates(ctx, input, deps, sampled, identity, sampleNote)
      : Promise.resolve(null);
  const editPart = edits
    ? readEdits(ctx, input, deps, plan, issueTypes, identity, sampleNote)
    : Promise.resolve(null);
  const securityPart =
    input.admin && deps.admin
      ? readSecurity(
          ctx,
          deps.admin,
          sampled,
          start.adminAccountId,
          input.admin.checker,
          sampleNote,
        )
      : Promise.resolve(null);

  const [fields, create, edit, security] = await Promise.all([
    fieldsPart ?? Promise.resolve([]),
    createPart,
    editPart,
    securityPart,
  ]);
  return {
    sampled,
    fieldsGiven: input.fields?.given === true,
    fields,
    issueTypes,
    create: create?.screens ?? null,
    createReadBySyncUser: create?.bySyncUser ?? false,
    edit: edit?.screens ?? null,
    editReadBySyncUser: edit?.bySyncUser ?? false,
    security,
  };
}

async function resolveSyncFields(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  identity: Promise<TokenIdentity | null>,
): Promise<SyncField[]> {
  const handle = ctx.step('sync-fields', 'The synchronizer’s fields exist on the site');
  const found = await identity;
  const client = found?.client ?? deps.admin ?? null;
  const who = whoReads(input, found);
  const names = syncFieldNames(input);
  const { fields, problems } = await resolveFields(ctx, handle, client, names, who);
  for (const field of fields) {
    if (field.id !== null) continue;
    const why = problems.find((p) => p.includes(`“${field.given}”`)) ?? 'it is not on this site';
    ctx.add(remedy.unknownField(handle.id, field.given, why));
  }
  const named = fields.map((f) => (f.name ? `${f.name} (${f.id})` : (f.id ?? f.given)));
  handle.finish(
    problems.length ? 'warn' : 'pass',
    `${named.join(', ')}${problems.length ? `; ${problems.join('; ')}` : ''}.`,
  );
  return fields;
}

function whoReads(input: DiagnosisInput, found: TokenIdentity | null): string {
  return found
    ? (input.token?.email ?? 'the sync user')
    : (input.admin?.checker ?? 'the checking administrator');
}

async function readCreates(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  sampled: readonly string[],
  identity: Promise<TokenIdentity | null>,
  sampleNote: string,
): Promise<{ screens: Map<string, CreateRead>; bySyncUser: boolean } | null> {
  const title =
    'Create readiness: required fields and the synchronizer’s fields on the create screens (dry run, nothing created)';
  const found = await identity;
  const client = found?.client ?? deps.admin;
  if (!client) {
    ctx.skip('create-readiness', title, 'Skipped: no working credentials.');
    return null;
  }
  const handle = ctx.step('create-readiness', title);
  const who = whoReads(input, found);
  const results = await Promise.all(
    sampled.map(
      async (key) => [key, await readCreateScreens(ctx, handle, client, key, who)] as const,
    ),
  );
  const screens = new Map<string, CreateRead>();
  for (const [key, read] of results) if (read) screens.set(key, read);
  const unread = sampled.filter((key) => !screens.has(key));
  handle.finish(
    unread.length ? 'warn' : 'pass',
    `Read the create screens of ${screens.size} of ${sampled.length} project${sampled.length === 1 ? '' : 's'} as ${who}.${
      unread.length
        ? ` Not read: ${unread.join(', ')} (Jira showed no create screen there; the permission checks say whether ${who} may create issues).`
        : ''
    }${sampleNote}`,
  );
  return { screens, bySyncUser: found !== null };
}

async function readEdits(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  plan: SamplePlan,
  issueTypes: readonly string[] | null,
  identity: Promise<TokenIdentity | null>,
  sampleNote: string,
): Promise<{ screens: Map<string, EditRead>; bySyncUser: boolean } | null> {
  const title =
    'Edit screens: the synchronizer’s fields on a recent issue of each project (nothing changed)';
  const found = await identity;
  const client: JiraClient | undefined = found?.client ?? deps.admin;
  if (!client) {
    ctx.skip('edit-screens', title, 'Skipped: no working credentials.');
    return null;
  }
  const handle = ctx.step('edit-screens', title);
  const who = whoReads(input, found);
  const sampled = plan.projects;
  const reads = await Promise.all(
    sampled.map(
      async (key) =>
        [
          key,
          await readEditScreens(ctx, handle, client, key, issueTypes, plan.editTypes, who),
        ] as const,
    ),
  );
  const screens = new Map(reads);
  const empty = reads.filter(([, r]) => r.status === 'no-issues').map(([k]) => k);
  const read = reads.filter(([, r]) => r.status === 'read').length;
  handle.finish(
    empty.length ? 'warn' : 'pass',
    `Read edit screens in ${read} of ${sampled.length} project${sampled.length === 1 ? '' : 's'} as ${who}.${
      empty.length
        ? ` Not tested: ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no issue${issueTypes ? ' of those issue types' : ''} ${who} can see, so there is no edit screen to read.`
        : ''
    }${sampleNote}`,
  );
  return { screens, bySyncUser: found !== null };
}

async function readSecurity(
  ctx: RunContext,
  admin: JiraClient,
  sampled: readonly string[],
  accountId: Promise<string | null>,
  checker: string | undefined,
  sampleNote: string,
): Promise<Map<string, IssueSecurityReport | null> | null> {
  const handle = ctx.step(
    'issue-security',
    'Issue security: sampled secured issues are visible to the sync user (administrator’s view)',
  );
  const result = await checkIssueSecurity(
    ctx,
    handle,
    admin,
    sampled,
    accountId,
    checker ?? 'the checking administrator',
  );
  if (result) {
    const secured = [...result].filter(([, r]) => r && r.sampled > 0);
    const hidden = secured.filter(([, r]) => r && r.hidden > 0).map(([k]) => k);
    handle.finish(
      hidden.length ? 'warn' : 'pass',
      `${secured.length ? `Secured issues sampled in ${secured.map(([k, r]) => `${k} (${r?.sampled})`).join(', ')}` : 'No secured issues found'} among the issues the checking administrator can see${
        hidden.length ? `; hidden from the sync user in ${hidden.join(', ')}` : ''
      }.${sampleNote}`,
    );
  }
  return result;
}

/**
 * Findings and per-project screens, drawn after the permission conclusions: screen findings only
 * where the sync user holds the permission (Create Issues / Edit Issues), security findings only
 * where it may browse the project (otherwise the permission findings say it all).
 */
export function concludeSyncChecks(
  ctx: RunContext,
  reads: SyncReads,
  projects: ProjectReport[],
  who: string,
): void {
  const fields = reads.fields.filter((f): f is SyncField & { id: string } => f.id !== null);
  const sent = new Set(fields.map((f) => f.id));
  const label = (f: SyncField & { id: string }) => (f.name ? `${f.name} (${f.id})` : f.id);
  for (const project of projects) {
    const screens: ScreenReport[] = [];
    const createTypes = reads.create?.get(project.key)?.screens;
    if (createTypes && project.permissions['CREATE_ISSUES'] === true) {
      const inScope = createTypes.filter((t) => typeInScope(reads.issueTypes, t.issueType));
      for (const finding of requiredFieldFindings(
        'create-readiness',
        project.key,
        ctx.site,
        inScope.map((t) => requiredUnsent(t, sent)),
        reads.fieldsGiven,
      ))
        ctx.add(finding);
      for (const type of inScope) {
        const onScreen = new Set(type.fields.map((f) => f.id));
        const missing = fields.filter((f) => !onScreen.has(f.id));
        screens.push(screenReport('create', type.issueType, fields, missing));
        for (const field of missing) {
          if (explainedByPermission(project, field.id, reads.createReadBySyncUser)) continue;
          ctx.add(
            remedy.fieldNotOnScreen(
              'create-readiness',
              ctx.site,
              { project: project.key, issueType: type.issueType, screen: 'create' },
              { id: field.id, label: label(field) },
            ),
          );
        }
      }
    }
    const edit = reads.edit?.get(project.key);
    if (edit?.status === 'read' && project.permissions['EDIT_ISSUES'] === true) {
      for (const screen of edit.screens) {
        if (screen.fields === null) continue;
        const missing = fields.filter((f) => !screen.fields?.has(f.id));
        screens.push({
          ...screenReport('edit', screen.issueType, fields, missing),
          issueKey: screen.issueKey,
        });
        for (const field of missing) {
          if (explainedByPermission(project, field.id, reads.editReadBySyncUser)) continue;
          ctx.add(
            remedy.fieldNotOnScreen(
              'edit-screens',
              ctx.site,
              {
                project: project.key,
                issueType: screen.issueType,
                screen: 'edit',
                issueKey: screen.issueKey,
              },
              { id: field.id, label: label(field) },
            ),
          );
        }
      }
    }
    if (screens.length) project.screens = screens;
    const security = reads.security?.get(project.key);
    if (security && project.permissions['BROWSE_PROJECTS'] === true) {
      project.issueSecurity = security;
      if (security.hidden > 0)
        ctx.add(remedy.issuesHidden('issue-security', ctx.site, who, project.key, security));
    }
  }
}

function screenReport(
  screen: 'create' | 'edit',
  issueType: string,
  fields: ReadonlyArray<{ id: string }>,
  missing: ReadonlyArray<{ id: string }>,
): ScreenReport {
  const gone = new Set(missing.map((f) => f.id));
  return {
    screen,
    issueType,
    onScreen: fields.filter((f) => !gone.has(f.id)).map((f) => f.id),
    missing: [...gone],
  };
}

function typeInScope(issueTypes: readonly string[] | null, name: string): boolean {
  return issueTypes === null || issueTypes.some((t) => t.toLowerCase() === name.toLowerCase());
}

/**
 * Jira hides a permission-bound field (reporter, assignee, security level) from the screens of an
 * account without the permission. When the sync user read its own screens and is known to lack
 * the permission, MISSING_PERMISSION already says what to fix; the screen may be fine.
 */
function explainedByPermission(
  project: ProjectReport,
  fieldId: string,
  bySyncUser: boolean,
): boolean {
  const permission = FIELD_PERMISSIONS[fieldId];
  return bySyncUser && permission !== undefined && project.permissions[permission] === false;
}

/** How much of the fields and issue security the run could test. */
export function syncCoverage(
  reads: SyncReads | null,
  projects: readonly ProjectReport[],
  keys: readonly string[],
  permissions: readonly string[],
): SyncCoverage {
  const byKey = new Map(projects.map((p) => [p.key, p]));
  const allSampled = reads !== null && reads.sampled.length === keys.length;
  // A batch of a larger run whose sample lies in another batch read nothing here: not tested.
  const sampledAny = reads !== null && reads.sampled.length > 0;
  const fieldsResolved = reads !== null && reads.fields.every((f) => f.id !== null);
  const settled = (key: string, permission: string) => {
    const p = byKey.get(key);
    return p?.exists === false || p?.visible === false || p?.permissions[permission] === false;
  };
  // concludeSyncChecks draws screen and security findings only where the permission is known
  // held: a read where it is unknown was never judged, so it is not tested.
  const held = (key: string, permission: string) =>
    byKey.get(key)?.permissions[permission] === true;
  const grade = (tested: number, total: number, complete: boolean): CoverageState =>
    total === 0 || tested === 0
      ? 'not-tested'
      : tested === total && complete
        ? 'tested'
        : 'partial';

  // A project whose screens were read for some issue types but not all is only partly tested.
  const screenCoverage = (
    permission: string,
    anyRead: boolean,
    readOf: (key: string) => 'none' | 'part' | 'whole',
  ): CoverageState => {
    if (!permissions.includes(permission)) return 'not-applicable';
    const keysToTest = (reads?.sampled ?? []).filter((k) => !settled(k, permission));
    if (keysToTest.length === 0 && anyRead && sampledAny) return allSampled ? 'tested' : 'partial';
    const read = keysToTest
      .filter((k) => held(k, permission))
      .map(readOf)
      .filter((r) => r !== 'none');
    const whole = read.every((r) => r === 'whole');
    return grade(read.length, keysToTest.length, whole && allSampled && fieldsResolved);
  };
  const createFields = screenCoverage('CREATE_ISSUES', Boolean(reads?.create), (k) => {
    const read = reads?.create?.get(k);
    if (!read?.screens.length) return 'none';
    return read.complete ? 'whole' : 'part';
  });
  const editFields = screenCoverage('EDIT_ISSUES', Boolean(reads?.edit), (k) => {
    const read = reads?.edit?.get(k);
    if (read?.status !== 'read') return 'none';
    const tested = read.screens.filter((s) => s.fields !== null).length;
    return tested === 0 ? 'none' : tested === read.screens.length ? 'whole' : 'part';
  });
  let issueSecurity: CoverageState = 'not-tested';
  if (reads?.security) {
    const keysToTest = reads.sampled.filter((k) => !settled(k, 'BROWSE_PROJECTS'));
    const tested = keysToTest.filter(
      (k) => held(k, 'BROWSE_PROJECTS') && reads.security?.get(k),
    ).length;
    issueSecurity =
      keysToTest.length === 0 && sampledAny
        ? allSampled
          ? 'tested'
          : 'partial'
        : grade(tested, keysToTest.length, allSampled);
  }
  return { createFields, editFields, issueSecurity };
}
