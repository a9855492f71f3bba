import type { JiraClient } from '../port/jira-client';
import type { DiagnosisDeps } from '../port/deps';
import type { DiagnosisInput } from '../model/input';
import type {
  Finding,
  IssueSecurityReport,
  ProjectReport,
  ScreenReport,
  SyncField,
} from '../model/report';
import type { RunContext } from '../run/context';
import { remedy } from '../findings/remedies';
import {
  readCreateScreens,
  requiredFieldFindings,
  requiredUnsent,
  type CreateRead,
} from './steps/create-readiness';
import {
  DEFAULT_FIELDS,
  FIELD_PERMISSIONS,
  readEditScreens,
  resolveFields,
  type EditRead,
} from './steps/fields';
import type { TokenIdentity } from '../model/token-identity';
import { checkIssueSecurity } from './steps/issue-security';
import { recallCreate, recallEdit, rememberCreate, rememberEdit } from './scheme-memory';
import type { SchemeContext } from './scheme-context';
import {
  judged,
  localProject,
  planSyncReads,
  type ClassRead,
  type ScreenClass,
  type SyncPlan,
  type SyncReads,
} from './sync-plan';

export { LARGE_RUN_SAMPLE, SAMPLE_MAX_PROJECTS, samplePlan } from './sync-plan';

/**
 * What the synchronizer will do beyond holding permissions: its fields on the create and edit
 * screens, and issue security. Every read here is advisory and low priority, so it never deepens
 * the verdict's critical path. Screens are read once per combination of schemes (sync-plan.ts).
 */

export interface SyncStart {
  input: DiagnosisInput;
  deps: DiagnosisDeps;
  keys: readonly string[];
  permissions: readonly string[];
  identity: Promise<TokenIdentity | null>;
  /** The sync user's account ID as the admin view resolves it (null without an admin view). */
  adminAccountId: Promise<string | null>;
  /** The administrator's view of the schemes and permissions; null without an admin view. */
  schemes: Promise<SchemeContext | null>;
}

/** The fields a run checks: --fields, the preset's, or summary and description. */
export function syncFieldNames(input: Pick<DiagnosisInput, 'fields'>): string[] {
  return input.fields?.names.length ? [...input.fields.names] : [...DEFAULT_FIELDS];
}

export async function readSyncChecks(ctx: RunContext, start: SyncStart): Promise<SyncReads> {
  const { input, deps, keys, permissions, identity } = start;
  const issueTypes = input.issueTypes?.length ? [...input.issueTypes] : null;
  const creates = permissions.includes('CREATE_ISSUES');
  const edits = permissions.includes('EDIT_ISSUES');
  const runSample = input.runSample ?? null;
  // The screens follow from three of the four mappings; issue security waits for the fourth
  // (#26: the screen reads start a little earlier). The screen classes are the same in both.
  const plan = start.schemes.then((schemes) => planSyncReads(keys, issueTypes, schemes, runSample));
  const fullPlan = start.schemes.then(async (schemes): Promise<SyncPlan> => {
    const screens = await plan;
    if (!schemes) return screens;
    const complete = await schemes.complete;
    const security = planSyncReads(
      keys,
      issueTypes,
      { ...schemes, mapping: complete },
      runSample,
    ).security;
    return { ...screens, security };
  });

  const fieldsPart = creates || edits ? resolveSyncFields(ctx, input, deps, identity) : null;
  const createPart =
    creates && input.createReadiness !== false
      ? plan.then((p) => readCreates(ctx, input, deps, p, identity, keys.length))
      : Promise.resolve(null);
  const editPart = edits
    ? plan.then((p) => readEdits(ctx, input, deps, p, issueTypes, identity, keys.length))
    : Promise.resolve(null);
  const securityPart =
    input.admin && deps.admin
      ? fullPlan.then((p) =>
          readSecurity(
            ctx,
            deps.admin as JiraClient,
            p,
            start.adminAccountId,
            input.admin?.checker,
            keys.length,
          ),
        )
      : Promise.resolve(null);

  const [fields, create, edit, security, settledPlan] = await Promise.all([
    fieldsPart ?? Promise.resolve([]),
    createPart,
    editPart,
    securityPart,
    fullPlan,
  ]);
  return {
    plan: settledPlan,
    fieldsGiven: input.fields?.given === true,
    fields,
    issueTypes,
    create,
    edit,
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
  const who = whoReads(input, found !== null);
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

function whoReads(input: DiagnosisInput, bySyncUser: boolean): string {
  return bySyncUser
    ? (input.token?.email ?? 'the sync user')
    : (input.admin?.checker ?? 'the checking administrator');
}

interface Reader {
  client: JiraClient;
  bySyncUser: boolean;
  who: string;
  /** The class members to read in: where the sync user holds the permission, or all of them. */
  keys: string[];
}

/**
 * Who reads a class's screens: the sync user (what the synchronizer really sees) in the projects
 * where it holds the permission; where it holds it in none of them (or may not be asked), an
 * administrator, whose view of the screen does not depend on the sync user's permissions.
 */
function chooseReader(
  cls: ScreenClass,
  permission: string,
  input: DiagnosisInput,
  found: TokenIdentity | null,
  admin: JiraClient | undefined,
  holds: SyncPlan['holds'],
): Reader | null {
  if (found) {
    const held = holds ? cls.members.filter((k) => holds(k, permission) === true) : cls.members;
    if (held.length)
      return { client: found.client, bySyncUser: true, who: whoReads(input, true), keys: held };
  }
  if (admin)
    return { client: admin, bySyncUser: false, who: whoReads(input, false), keys: cls.members };
  return null;
}

async function readCreates(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  plan: SyncPlan,
  identity: Promise<TokenIdentity | null>,
  total: number,
): Promise<Array<ClassRead<CreateRead | null>> | null> {
  const title =
    'Create readiness: required fields and the synchronizer’s fields on the create screens (dry run, nothing created)';
  const found = await identity;
  if (!found && !deps.admin) {
    ctx.skip('create-readiness', title, 'Skipped: no working credentials.');
    return null;
  }
  const handle = ctx.step('create-readiness', title);
  const reads = await Promise.all(
    plan.classes.map(async (cls): Promise<ClassRead<CreateRead | null> | null> => {
      const reader = chooseReader(cls, 'CREATE_ISSUES', input, found, deps.admin, plan.holds);
      if (!reader) return null;
      const rep = reader.keys[0] ?? cls.members[0] ?? '';
      // Read in an earlier batch of this run: judged here, not read again (#26).
      const carried = recallCreate(input.schemeMemory, cls, reader.bySyncUser);
      if (carried)
        return {
          cls,
          rep: carried.rep,
          bySyncUser: reader.bySyncUser,
          read: carried.read,
          judgeIn: rep,
        };
      const read = await readCreateScreens(ctx, handle, reader.client, rep, reader.who);
      rememberCreate(input.schemeMemory, cls, reader.bySyncUser, rep, read);
      return { cls, rep, bySyncUser: reader.bySyncUser, read };
    }),
  );
  const done = reads.filter((r): r is ClassRead<CreateRead | null> => r !== null);
  const covered = done.filter((r) => r.read?.screens.length).flatMap((r) => r.cls.members);
  const unread = done.filter((r) => !r.read?.screens.length).flatMap((r) => r.cls.members);
  handle.finish(
    unread.length ? 'warn' : 'pass',
    [
      `Read the create screens of ${covered.length} of ${total} project${total === 1 ? '' : 's'}${describeReads(done.filter((r) => r.read?.screens.length))}.`,
      unread.length
        ? `Not read: ${list(unread)} (Jira showed no create screen to the account that asked; the permission checks say whether the sync user may create issues there).`
        : '',
      limitNote(plan, 'screens'),
    ]
      .filter(Boolean)
      .join(' '),
  );
  return done;
}

async function readEdits(
  ctx: RunContext,
  input: DiagnosisInput,
  deps: DiagnosisDeps,
  plan: SyncPlan,
  issueTypes: readonly string[] | null,
  identity: Promise<TokenIdentity | null>,
  total: number,
): Promise<Array<ClassRead<EditRead>> | null> {
  const title =
    'Edit screens: the synchronizer’s fields on a recent issue of each project (nothing changed)';
  const found = await identity;
  if (!found && !deps.admin) {
    ctx.skip('edit-screens', title, 'Skipped: no working credentials.');
    return null;
  }
  const handle = ctx.step('edit-screens', title);
  const reads = await Promise.all(
    plan.classes.map(async (cls): Promise<ClassRead<EditRead> | null> => {
      const reader = chooseReader(cls, 'EDIT_ISSUES', input, found, deps.admin, plan.holds);
      if (!reader) return null;
      const carried = recallEdit(input.schemeMemory, cls, reader.bySyncUser);
      if (carried)
        return {
          cls,
          rep: carried.rep,
          bySyncUser: reader.bySyncUser,
          read: carried.read,
          judgeIn: reader.keys[0] ?? cls.members[0] ?? '',
        };
      const read = await readEditScreens(
        ctx,
        handle,
        reader.client,
        reader.keys,
        issueTypes,
        plan.editTypes,
        reader.who,
      );
      const rep = read.status === 'read' ? (read.screens[0]?.project ?? '') : '';
      rememberEdit(input.schemeMemory, cls, reader.bySyncUser, rep, read);
      return { cls, rep, bySyncUser: reader.bySyncUser, read };
    }),
  );
  const done = reads.filter((r): r is ClassRead<EditRead> => r !== null);
  const isRead = (r: ClassRead<EditRead>) => r.read.status === 'read';
  const covered = done.filter(isRead).flatMap((r) => r.cls.members);
  const empty = done.filter((r) => r.read.status === 'no-issues').flatMap((r) => r.cls.members);
  handle.finish(
    empty.length ? 'warn' : 'pass',
    [
      `Read edit screens for ${covered.length} of ${total} project${total === 1 ? '' : 's'}${describeReads(done.filter(isRead))}.`,
      empty.length
        ? `Not tested: ${list(empty)} ${empty.length === 1 ? 'has' : 'have'} no issue${issueTypes ? ' of those issue types' : ''} the reading account can see, so there is no edit screen to read.`
        : '',
      limitNote(plan, 'screens'),
    ]
      .filter(Boolean)
      .join(' '),
  );
  return done;
}

async function readSecurity(
  ctx: RunContext,
  admin: JiraClient,
  plan: SyncPlan,
  accountId: Promise<string | null>,
  checker: string | undefined,
  total: number,
): Promise<Map<string, IssueSecurityReport | null> | null> {
  const handle = ctx.step(
    'issue-security',
    'Issue security: sampled secured issues are visible to the sync user (administrator’s view)',
  );
  const sample = plan.security.sample;
  const result = await checkIssueSecurity(
    ctx,
    handle,
    admin,
    sample,
    accountId,
    checker ?? 'the checking administrator',
  );
  const none = [...plan.security.none];
  if (result) {
    const secured = [...result].filter(([, r]) => r && r.sampled > 0);
    const hidden = secured.filter(([, r]) => r && r.hidden > 0).map(([k]) => k);
    handle.finish(
      hidden.length ? 'warn' : 'pass',
      [
        none.length
          ? `${none.length} of ${total} project${total === 1 ? '' : 's'} use${none.length === 1 ? 's' : ''} no issue security scheme, so no security level can hide an issue there${none.length <= 20 ? ` (${none.join(', ')})` : ''}.`
          : '',
        sample.length
          ? `${secured.length ? `Secured issues sampled in ${secured.map(([k, r]) => `${k} (${r?.sampled})`).join(', ')}` : `No secured issues found in ${list(sample)}`} among the issues the checking administrator can see${
              hidden.length ? `; hidden from the sync user in ${hidden.join(', ')}` : ''
            }.`
          : '',
        plan.security.limited.size
          ? `Not sampled (beyond ${sample.length} projects with an issue security scheme per run): ${list([...plan.security.limited])}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  return result;
}

function describeReads(reads: ReadonlyArray<ClassRead<unknown>>): string {
  if (reads.length === 0) return '';
  const parts = reads.map((r) => {
    const others = r.cls.members.filter((k) => k !== r.rep);
    const shared = others.length
      ? ` (also ${list(others)}: same ${r.cls.scheme ? `schemes, “${r.cls.scheme}”` : 'schemes'})`
      : '';
    const earlier = r.judgeIn === undefined ? '' : ', in an earlier batch of this run';
    return `${r.rep}${shared}${earlier}`;
  });
  const bySync = reads.filter((r) => r.bySyncUser).length;
  const who =
    bySync === reads.length
      ? ' as the sync user'
      : bySync === 0
        ? ' as the checking administrator'
        : ` (${bySync} as the sync user, ${reads.length - bySync} as the checking administrator)`;
  return `: read in ${parts.join('; ')}${who}`;
}

function limitNote(plan: SyncPlan, what: 'screens'): string {
  const limited = [...plan.screensLimited];
  if (limited.length === 0 || what !== 'screens') return '';
  return plan.byScheme
    ? `Not read (beyond ${plan.classes.length} distinct combinations of schemes per run): ${list(limited)}.`
    : `Not read (without an administrator's view of the schemes a run reads ${plan.classes.length} project${plan.classes.length === 1 ? '' : 's'}): ${list(limited)}.`;
}

function list(keys: readonly string[], max = 20): string {
  return keys.length <= max
    ? keys.join(', ')
    : `${keys.slice(0, max).join(', ')} and ${keys.length - max} more`;
}

/**
 * Findings and per-project screens, drawn after the permission conclusions. A screen read by the
 * sync user is judged where it holds the permission (Create Issues / Edit Issues); one read by an
 * administrator is judged whatever the sync user may do (it is what the sync user will meet once
 * it may). A class's findings name every project that uses the screen. Security findings only
 * where the sync user may browse the project (otherwise the permission findings say it all).
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
  const byKey = new Map(projects.map((p) => [p.key, p]));
  const screensOf = new Map<string, ScreenReport[]>();
  const addScreen = (key: string, screen: ScreenReport) =>
    screensOf.set(key, [...(screensOf.get(key) ?? []), screen]);

  for (const entry of reads.create ?? []) {
    const project = byKey.get(entry.rep) ?? localProject(byKey, entry);
    const read = entry.read;
    if (!project || !read?.screens.length || !judged(entry, project, 'CREATE_ISSUES')) continue;
    const members = entry.cls.members;
    const usable = {
      now: members.some((k) => byKey.get(k)?.permissions['CREATE_ISSUES'] === true),
      who,
      operation: 'create' as const,
    };
    const inScope = read.screens.filter((t) => typeInScope(reads.issueTypes, t.issueType));
    for (const finding of requiredFieldFindings(
      'create-readiness',
      entry.rep,
      ctx.site,
      inScope.map((t) => requiredUnsent(t, sent)),
      reads.fieldsGiven,
    ))
      ctx.add(forClass(finding, entry, usable));
    for (const type of inScope) {
      const onScreen = new Set(type.fields.map((f) => f.id));
      const missing = fields.filter((f) => !onScreen.has(f.id));
      addScreen(entry.rep, screenReport('create', type.issueType, fields, missing));
      for (const field of missing) {
        if (explainedByPermission(project, field.id, entry.bySyncUser)) continue;
        ctx.add(
          forClass(
            remedy.fieldNotOnScreen(
              'create-readiness',
              ctx.site,
              { project: entry.rep, issueType: type.issueType, screen: 'create' },
              { id: field.id, label: label(field) },
            ),
            entry,
            usable,
          ),
        );
      }
    }
    for (const key of members) if (key !== entry.rep) readIn(byKey.get(key), 'create', entry.rep);
  }

  reportUnknownIssueTypes(ctx, reads);

  for (const entry of reads.edit ?? []) {
    if (entry.read.status !== 'read') continue;
    const usable = {
      now: entry.cls.members.some((k) => byKey.get(k)?.permissions['EDIT_ISSUES'] === true),
      who,
      operation: 'edit' as const,
    };
    let judgedAny = false;
    for (const screen of entry.read.screens) {
      const project = byKey.get(screen.project) ?? localProject(byKey, entry);
      if (!project || screen.fields === null) continue;
      if (!judged({ ...entry, rep: screen.project }, project, 'EDIT_ISSUES')) continue;
      judgedAny = true;
      const missing = fields.filter((f) => !screen.fields?.has(f.id));
      addScreen(screen.project, {
        ...screenReport('edit', screen.issueType, fields, missing),
        issueKey: screen.issueKey,
      });
      for (const field of missing) {
        if (explainedByPermission(project, field.id, entry.bySyncUser)) continue;
        ctx.add(
          forClass(
            remedy.fieldNotOnScreen(
              'edit-screens',
              ctx.site,
              {
                project: screen.project,
                issueType: screen.issueType,
                screen: 'edit',
                issueKey: screen.issueKey,
              },
              { id: field.id, label: label(field) },
            ),
            { ...entry, rep: screen.project },
            usable,
          ),
        );
      }
    }
    if (judgedAny)
      for (const key of entry.cls.members)
        if (!screensOf.get(key)?.some((s) => s.screen === 'edit'))
          readIn(byKey.get(key), 'edit', entry.rep);
  }

  for (const [key, screens] of screensOf) {
    const project = byKey.get(key);
    if (project) project.screens = screens;
  }
  const securitySchemes = reads.plan.security.schemes;
  for (const project of projects) {
    const scheme = securitySchemes.get(project.key);
    if (reads.plan.security.none.has(project.key) && reads.security !== undefined) {
      // No issue security scheme: no level can hide an issue (nothing sampled, nothing hidden).
      project.issueSecurity = { sampled: 0, hidden: 0, levels: [], scheme: null };
      continue;
    }
    const sampled = reads.security?.get(project.key);
    const security = sampled && scheme !== undefined ? { ...sampled, scheme } : sampled;
    if (security && project.permissions['BROWSE_PROJECTS'] === true) {
      project.issueSecurity = security;
      if (security.hidden > 0)
        ctx.add(remedy.issuesHidden('issue-security', ctx.site, who, project.key, security));
    }
  }
}

function readIn(project: ProjectReport | undefined, screen: 'create' | 'edit', rep: string): void {
  if (!project || !rep) return;
  project.screensReadIn = { ...project.screensReadIn, [screen]: rep };
}

/**
 * A finding about a screen that several target projects share names all of them. Where the sync
 * user may not yet do the operation in any of them (an administrator read the screen), it is the
 * next error after the permission findings: a warning that says so, so the verdict still points at
 * the permissions first.
 */
function forClass(
  finding: Finding,
  entry: Pick<ClassRead<unknown>, 'cls' | 'rep'>,
  usable: { now: boolean; who: string; operation: 'create' | 'edit' },
): Finding {
  const others = entry.cls.members.filter((k) => k !== entry.rep);
  const scheme = entry.cls.scheme ? ` (issue type screen scheme “${entry.cls.scheme}”)` : '';
  const shared = others.length
    ? ` The same holds in ${list(others, 12)}: ${others.length === 1 ? 'it uses' : 'they use'} the same schemes${scheme}, so one change fixes all ${entry.cls.members.length} projects.`
    : '';
  const later = usable.now
    ? ''
    : ` ${usable.who} may not ${usable.operation} issues there yet; once it may, this is the next thing to fail.`;
  return {
    ...finding,
    ...(usable.now ? {} : { severity: 'warning' as const }),
    message: `${finding.message}${shared}${later}`,
    details: {
      ...finding.details,
      ...(others.length ? { projects: [...entry.cls.members] } : {}),
      ...(others.length && entry.cls.scheme ? { scheme: entry.cls.scheme } : {}),
    },
  };
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

/**
 * Issue types the check was given that no create screen read in this run offers (#24): said,
 * never a silent check of nothing. Only where some create screen was read.
 */
function reportUnknownIssueTypes(ctx: RunContext, reads: SyncReads): void {
  if (!reads.issueTypes?.length) return;
  const read = (reads.create ?? []).filter((e) => e.read?.screens.length);
  if (read.length === 0) return;
  const offered = new Set(
    read.flatMap((e) => e.read?.screens.map((t) => t.issueType.toLowerCase()) ?? []),
  );
  const projects = [...new Set(read.flatMap((e) => e.cls.members))];
  for (const given of reads.issueTypes)
    if (!offered.has(given.toLowerCase()))
      ctx.add(remedy.unknownIssueType('create-readiness', given, projects));
}

export function typeInScope(issueTypes: readonly string[] | null, name: string): boolean {
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
