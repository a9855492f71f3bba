/**
 * The fix plan: the report's findings turned into a deduplicated, ordered checklist of actions,
 * each said once, however many projects or findings it fixes. Pure, and shared by the CLI text,
 * the Markdown export and the panel, so all three say the same thing. The findings themselves
 * stay in the report untouched: the plan is presentation only.
 */
import type {
  Category,
  Finding,
  FindingCode,
  Link,
  ProjectReport,
  Report,
  Severity,
} from '../model/report';
import { links as adminLinks } from '../findings/links';
import { CATEGORY_RANK, SEVERITY_RANK } from '../findings/order';
import { joinNames, permissionNames } from './permission-names';
import { grantTarget } from '../explain/recommend';

export interface PlanAction {
  /** Stable within one plan (React keys, tests). */
  id: string;
  severity: Severity;
  category: Category;
  /** The action in one sentence, e.g. "Add Nora Partner to project role Developers in HR and WEB." */
  title: string;
  /** Further steps of this action, in order (may be empty). */
  steps: string[];
  /** The project keys this action is about, in the report's order. */
  projects: string[];
  links: Link[];
  /** The findings this action answers: their codes (first-seen order) and how many. */
  codes: FindingCode[];
  findingCount: number;
  /** Positions in `report.findings` of the findings this action answers. */
  findingIndexes: number[];
}

export interface FixPlan {
  actions: PlanAction[];
  /** Said once, after the last action, when there is anything to do. */
  closing: string | null;
}

export const RERUN_STEP = 'Re-run this check.';

/** Projects named in a title before the rest is counted ("… and 994 more projects"). */
export const TITLE_PROJECT_LIMIT = 8;

/** Within a category: licences before roles, roles before scheme changes. */
const KIND_RANK = { licence: 0, finding: 1, role: 1, group: 2, grant: 3, permissions: 1 } as const;
type ActionKind = keyof typeof KIND_RANK;

interface Draft {
  action: PlanAction;
  kind: ActionKind;
  order: number;
}

export function buildFixPlan(report: Report): FixPlan {
  const drafts = new Map<string, Draft>();
  let order = 0;
  const indexOf = new Map(report.findings.map((f, i) => [f, i]));
  const draft: DraftFn = (id, kind, finding, make) => {
    let found = drafts.get(id);
    if (!found) {
      found = {
        kind,
        order: order++,
        action: {
          id,
          severity: finding.severity,
          category: finding.category,
          codes: [],
          findingCount: 0,
          findingIndexes: [],
          ...make(),
        },
      };
      drafts.set(id, found);
    }
    const a = found.action;
    if (SEVERITY_RANK[finding.severity] < SEVERITY_RANK[a.severity]) a.severity = finding.severity;
    if (CATEGORY_RANK[finding.category] < CATEGORY_RANK[a.category]) a.category = finding.category;
    if (!a.codes.includes(finding.code)) a.codes.push(finding.code);
    a.findingCount += 1;
    const index = indexOf.get(finding);
    if (index !== undefined && !a.findingIndexes.includes(index)) a.findingIndexes.push(index);
    return found;
  };

  const who = subjectName(report);
  const projects = new Map(report.projects.map((p) => [p.key, p]));
  const unexplained = new Map<string, Finding[]>();
  const grants: SchemeGrants = new Map();

  for (const finding of report.findings) {
    const project = finding.project === undefined ? undefined : projects.get(finding.project);
    const recommendation = project?.explanation?.recommendation;
    if (isPermissionGap(finding) && project && recommendation) {
      addRecommendation(draft, finding, project, recommendation, who, report.site, grants);
      continue;
    }
    if (finding.code === 'PROJECT_NOT_VISIBLE' && project) {
      addHidden(draft, finding, project, who, report.site);
      continue;
    }
    if (finding.code === 'MISSING_PERMISSION' && project) {
      const list = unexplained.get(project.key) ?? [];
      list.push(finding);
      unexplained.set(project.key, list);
      continue;
    }
    addFromSteps(draft, finding);
  }
  addUnexplainedGaps(draft, unexplained, report, who);
  addSchemeGrants(draft, grants, who, report.site);

  const actions = [...drafts.values()]
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.action.severity] - SEVERITY_RANK[b.action.severity] ||
        CATEGORY_RANK[a.action.category] - CATEGORY_RANK[b.action.category] ||
        KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
        a.order - b.order,
    )
    .map((d) => finishTitle(withWhoCan(d.action, d.kind)));
  return { actions, closing: actions.length > 0 ? RERUN_STEP : null };
}

/** Fixes only an organisation administrator can make (Atlassian Administration). */
const ORG_ADMIN_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'NO_PRODUCT_ACCESS',
  'JSM_AGENT_REQUIRED',
  'IP_NOT_ALLOWED',
  'ACCOUNT_INACTIVE',
  'CUSTOMER_ACCOUNT',
]);
/** Fixes only a Jira administrator can make (global settings, shared schemes, restoring projects). */
const JIRA_ADMIN_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'OVER_PRIVILEGED',
  'PROJECT_ARCHIVED',
  'PROJECT_IN_TRASH',
]);

/**
 * Who can make the change (#24): a project administrator reading the plan is told which steps
 * need someone else, and whom to ask, instead of being sent to pages they cannot open.
 */
function withWhoCan(action: PlanAction, kind: ActionKind): PlanAction {
  const org = action.codes.some((c) => ORG_ADMIN_CODES.has(c));
  const jira = kind === 'grant' || action.codes.some((c) => JIRA_ADMIN_CODES.has(c));
  const note = org
    ? 'Only an organisation administrator can do this (Atlassian Administration): if you are not one, ask one.'
    : jira
      ? 'Only a Jira administrator can do this: if you administer only the project, ask one.'
      : null;
  return note && !action.steps.includes(note)
    ? { ...action, steps: [...action.steps, note] }
    : action;
}

/** For each finding (by position in the report), the number (1-based) of the plan action that fixes it. */
export function planStepOfFindings(plan: FixPlan): Map<number, number> {
  const steps = new Map<number, number>();
  plan.actions.forEach((action, i) => {
    for (const index of action.findingIndexes) if (!steps.has(index)) steps.set(index, i + 1);
  });
  return steps;
}

type DraftFn = (
  id: string,
  kind: ActionKind,
  finding: Finding,
  make: () => Omit<
    PlanAction,
    'id' | 'severity' | 'category' | 'codes' | 'findingCount' | 'findingIndexes'
  >,
) => Draft;

function isPermissionGap(finding: Finding): boolean {
  return finding.code === 'MISSING_PERMISSION' || finding.code === 'PROJECT_NOT_VISIBLE';
}

/** A placeholder the project list replaces once every project of the action is known. */
const KEYS = '\u0000KEYS\u0000';

function addProject(action: PlanAction, key: string | undefined, links: readonly Link[]): void {
  if (key !== undefined && !action.projects.includes(key)) action.projects.push(key);
  for (const link of links)
    if (!action.links.some((l) => l.url === link.url)) action.links.push(link);
}

/** Admin view: the least-privilege recommendation, grouped by role, group or scheme change. */
function addRecommendation(
  draft: DraftFn,
  finding: Finding,
  project: ProjectReport,
  rec: NonNullable<NonNullable<ProjectReport['explanation']>['recommendation']>,
  who: string,
  site: string,
  grants: SchemeGrants,
): void {
  const key = project.key;
  const people = adminLinks.projectPeople(site, key);
  const answers = answeredBy(finding, project, rec);
  for (const role of rec.roles.filter((r) => answers(`project role ${r}`))) {
    const d = draft(`role:${role}`, 'role', finding, () => ({
      title: `Add ${who} to project role ${role} in ${KEYS}.`,
      steps: ['In each project: Project settings → People → Add people.'],
      projects: [],
      links: [],
    }));
    addProject(d.action, key, [people]);
  }
  for (const group of rec.groups.filter((g) => answers(`group ${g}`))) {
    const d = draft(`group:${group}`, 'group', finding, () => ({
      title: `Add ${who} to group ${group} (it is granted what is missing in ${KEYS}).`,
      steps: ['Atlassian Administration → Directory → Groups.'],
      projects: [],
      links: [adminLinks.adminUsers()],
    }));
    addProject(d.action, key, []);
  }
  if (rec.ungranted.length > 0 && answers(UNGRANTED)) {
    // Gathered per permission scheme: one change to a shared scheme fixes all its projects.
    const schemeId = project.explanation?.scheme.id;
    const id = `${schemeId ?? `project:${key}`}:${[...rec.ungranted].sort().join(',')}`;
    const entry = grants.get(id) ?? {
      scheme: project.explanation?.scheme ?? null,
      ungranted: [...rec.ungranted],
      projects: [],
      findings: [],
    };
    if (!entry.projects.some((p) => p.key === key))
      entry.projects.push({
        key,
        userRoles: project.explanation?.userRoles ?? [],
        addedRoles: rec.roles,
      });
    entry.findings.push({ finding, key });
    grants.set(id, entry);
  }
  if (rec.roles.length === 0 && rec.groups.length === 0 && rec.ungranted.length === 0) {
    addFromSteps(draft, finding);
  }
}

const UNGRANTED = '\u0000ungranted';

/** Permissions no suitable role grants, per permission scheme and set of permissions. */
type SchemeGrants = Map<
  string,
  {
    scheme: { id: number; name: string } | null;
    ungranted: string[];
    projects: Array<{ key: string; userRoles: readonly string[]; addedRoles: readonly string[] }>;
    findings: Array<{ finding: Finding; key: string }>;
  }
>;

/**
 * One step per permission scheme (#24): the grant goes to one project role that suits a sync
 * user (grantTarget: a role the plan adds the user to, or one it has that is not a broad role
 * such as Users), named with every project the scheme change fixes. Where the user is not in that
 * role yet in some of them, those projects join the role's own step.
 */
function addSchemeGrants(draft: DraftFn, grants: SchemeGrants, who: string, site: string): void {
  for (const [id, entry] of grants) {
    const names = permissionNames(entry.ungranted);
    const role = grantTarget(
      entry.projects.flatMap((p) => p.addedRoles),
      entry.projects.flatMap((p) => p.userRoles),
    );
    const scheme = entry.scheme
      ? `permission scheme “${entry.scheme.name}”, which ${KEYS} use${entry.projects.length === 1 ? 's' : ''}`
      : `the permission scheme of ${KEYS}`;
    const missingRole = role
      ? entry.projects.filter((p) => !p.userRoles.includes(role) && !p.addedRoles.includes(role))
      : [];
    for (const { finding, key } of entry.findings) {
      const d = draft(`grant:${id}`, 'grant', finding, () => ({
        title: role
          ? `Grant ${names} to project role ${role} in ${scheme}.`
          : `Grant ${names} to a project role in ${scheme}, and add ${who} to that role.`,
        steps: [
          `No role in the scheme that suits a sync user grants ${names} today (roles that administer the project, and broad roles such as Users, are never suggested). One change to the scheme fixes every project listed; other projects that use the scheme get the grant too.`,
          ...(role
            ? [
                `${who} ${missingRole.length ? `is added to ${role} in the other steps, or here` : `has ${role} in these projects, or gets it in another step of this plan`}.`,
              ]
            : []),
        ],
        projects: [],
        links: [],
      }));
      addProject(d.action, key, [adminLinks.projectPermissions(site, key)]);
    }
    if (role)
      for (const p of missingRole) {
        const first = entry.findings.find((f) => f.key === p.key)?.finding;
        if (!first) continue;
        const d = draft(`role:${role}`, 'role', first, () => ({
          title: `Add ${who} to project role ${role} in ${KEYS}.`,
          steps: ['In each project: Project settings → People → Add people.'],
          projects: [],
          links: [],
        }));
        addProject(d.action, p.key, [adminLinks.projectPeople(site, p.key)]);
      }
  }
}

/**
 * Which of a project's recommended changes fix this finding: a role or group only when the
 * scheme grants it the finding's permission, the scheme change only for a permission nothing
 * grants. A finding none of them matches (no permission named, or a scheme reply the explanation
 * could not place) stays with every change, so it is never left without a step.
 */
function answeredBy(
  finding: Finding,
  project: ProjectReport,
  rec: NonNullable<NonNullable<ProjectReport['explanation']>['recommendation']>,
): (holder: string) => boolean {
  const permission =
    finding.permission ?? (finding.code === 'PROJECT_NOT_VISIBLE' ? 'BROWSE_PROJECTS' : undefined);
  const grants = project.explanation?.permissions.find(
    (p) => p.permission === permission,
  )?.grantsInScheme;
  if (permission === undefined || grants === undefined) return () => true;
  const fixes = (holder: string): boolean =>
    holder === UNGRANTED ? rec.ungranted.includes(permission) : grants.includes(holder);
  const any =
    rec.roles.some((r) => fixes(`project role ${r}`)) ||
    rec.groups.some((g) => fixes(`group ${g}`)) ||
    fixes(UNGRANTED);
  return any ? fixes : () => true;
}

/** Token view (no scheme to read): one action per set of missing permissions, across projects. */
function addUnexplainedGaps(
  draft: DraftFn,
  byProject: ReadonlyMap<string, Finding[]>,
  report: Report,
  who: string,
): void {
  const order = report.requiredPermissions;
  for (const [key, findings] of byProject) {
    const missing = findings
      .map((f) => f.permission ?? '')
      .filter((p) => p !== '')
      .sort((a, b) => rank(order, a) - rank(order, b));
    const names = permissionNames(missing);
    const them = missing.length === 1 ? 'it' : 'them';
    for (const finding of findings) {
      const d = draft(`permissions:${missing.join(',')}`, 'permissions', finding, () => ({
        title: `Give ${who} ${names} in ${KEYS}.`,
        steps: [
          `Add ${who} to a project role the project's permission scheme grants ${them} to (Project settings → People), or grant ${them} to a role ${who} already has (Project settings → Permissions).`,
        ],
        projects: [],
        links: [],
      }));
      addProject(d.action, key, [
        adminLinks.projectPeople(report.site, key),
        adminLinks.projectPermissions(report.site, key),
      ]);
    }
  }
}

/**
 * Token view: the sync user cannot see these projects. Where no administrator confirmed the
 * project exists, a wrong key looks the same to Jira, so the action says so once.
 */
function addHidden(
  draft: DraftFn,
  finding: Finding,
  project: ProjectReport,
  who: string,
  site: string,
): void {
  const confirmed = project.exists === true;
  const d = draft(`hidden:${confirmed ? 'exists' : 'unknown'}`, 'permissions', finding, () => ({
    title: `Give ${who} Browse Projects in ${KEYS}.`,
    steps: [
      `Add ${who} to a project role that has Browse Projects (Project settings → People).`,
      ...(confirmed
        ? []
        : [
            "If one of these keys is wrong, correct it in the synchronizer instead: with the sync user's token alone, Jira answers the same for a hidden project and a missing one.",
          ]),
    ],
    projects: [],
    links: [],
  }));
  addProject(d.action, project.key, [
    adminLinks.projectPeople(site, project.key),
    adminLinks.projectPermissions(site, project.key),
  ]);
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

/**
 * Any other finding: its own steps. Findings whose steps read the same once the project key is
 * taken out (the same fix in several projects, or two findings with one remedy) become one action.
 */
function addFromSteps(draft: DraftFn, finding: Finding): void {
  const steps = readableSteps(finding).filter((s) => !isRerun(s));
  if (steps.length === 0) return;
  const key = finding.project;
  const pattern = key === undefined ? null : new RegExp(`\\b${escapeRegExp(key)}\\b`, 'g');
  const normal = pattern ? steps.map((s) => s.replace(pattern, KEYS)) : steps;
  const d = draft(`steps:${normal.join('\n')}`, 'finding', finding, () => ({
    title: normal[0] ?? '',
    steps: normal.slice(1),
    projects: [],
    links: [],
  }));
  const findingLinks = finding.links ?? [];
  addProject(d.action, key, findingLinks);
}

function finishTitle(action: PlanAction): PlanAction {
  const list = projectList(action.projects);
  const fill = (text: string): string => text.split(KEYS).join(list);
  return { ...action, title: fill(action.title), steps: action.steps.map(fill) };
}

/** "HR", "HR and WEB", "HR, LEGAL, MKT and WEB", "A, B, … H and 992 more projects". */
export function projectList(keys: readonly string[]): string {
  if (keys.length <= TITLE_PROJECT_LIMIT) return joinNames(keys);
  const rest = keys.length - TITLE_PROJECT_LIMIT;
  return `${keys.slice(0, TITLE_PROJECT_LIMIT).join(', ')} and ${rest} more project${rest === 1 ? '' : 's'}`;
}

function isRerun(step: string): boolean {
  return /^re-run this check\.?$/i.test(step.trim());
}

/**
 * An alternative or a condition the engine wrote as its own step ("…," then "or …" / "and …")
 * joins the step before it, so no step ends mid-sentence.
 */
export function readableSteps(
  finding: Pick<Finding, 'remedy'> & { steps?: readonly string[] },
): string[] {
  const raw =
    finding.steps && finding.steps.length > 0
      ? finding.steps
      : finding.remedy.trim() === ''
        ? []
        : [finding.remedy.trim()];
  const out: string[] = [];
  for (const step of raw) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^(or|and)\b/i.test(step)) {
      out[out.length - 1] = `${prev.replace(/[,;]\s*$/, '')}, ${step}`;
    } else {
      out.push(step);
    }
  }
  return out;
}

function subjectName(report: Report): string {
  const s = report.subject;
  return s?.displayName ?? s?.email ?? s?.accountId ?? 'the sync user';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
