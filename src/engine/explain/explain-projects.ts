import type { JiraClient } from '../port/jira-client';
import { displayName, productKeys, type View } from '../model/facts';
import { knownAccountType, type JiraUser } from '../knowledge/jira-shapes';
import type { ProjectExplanation } from '../model/report';
import type { RunContext, StepHandle } from '../run/context';
import { SchemeReader } from './fetch';
import { explainPermission, type UserFacts } from './grants';
import { recommend } from './recommend';

/** Each explained project costs about six requests; past this many the run would outgrow Forge's 25 s. */
export const EXPLAIN_MAX_PROJECTS = 20;

/**
 * Admin view only (reading schemes and role members needs project or Jira administration).
 * Explains the projects where something is missing, or every project when asked for.
 */
export async function explainProjects(
  ctx: RunContext,
  client: JiraClient,
  view: View,
  user: JiraUser,
  permissions: readonly string[],
  scope: 'missing' | 'all',
  checker: string,
  /** Data Center / Server: `user.accountId` carries the username, as grants and roles name users. */
  flavour: 'cloud' | 'datacenter' = 'cloud',
  /**
   * The explained projects' leads, when the project search did not ask for them (a large run):
   * read in parallel with the schemes and roles, key → lead's account ID. Null when it failed.
   */
  readLeads?: (
    keys: readonly string[],
    handle: StepHandle,
  ) => Promise<ReadonlyMap<string, string | null> | null>,
): Promise<void> {
  const candidates = [...view.projects.values()].filter(
    (p) => p.exists !== false && (scope === 'all' || [...p.permissions.values()].includes(false)),
  );
  const targets = candidates.slice(0, EXPLAIN_MAX_PROJECTS);
  if (targets.length === 0) {
    ctx.skip(
      'grant-explanation',
      'Why permissions are (not) held',
      'Nothing to explain: no permission is missing.',
    );
    return;
  }
  const handle = ctx.step('grant-explanation', 'Why permissions are (not) held');
  const reader = new SchemeReader(ctx, handle, client, checker, flavour);
  const leads = readLeads
    ? readLeads(
        targets.map((p) => p.key),
        handle,
      )
    : Promise.resolve(null);
  const facts: UserFacts = {
    accountId: user.accountId,
    groups: (user.groups?.items ?? []).flatMap((g) => (g.name ? [g.name] : [])),
    products: productKeys(user) ?? [],
    accountType: knownAccountType(user.accountType),
  };
  const who = displayName(user);
  const explained = await Promise.all(
    targets.map(async (project) => {
      const [data, lead] = await Promise.all([
        reader.project(project.key),
        leads.then((found) => found?.get(project.key) ?? project.lead),
      ]);
      if (!data) return false;
      const setting = { key: project.key, lead, roles: data.roles };
      const missing = permissions.filter((p) => project.permissions.get(p) === false);
      const userRoles = data.roles
        .filter(
          (r) => r.users.includes(user.accountId) || r.groups.some((g) => facts.groups.includes(g)),
        )
        .map((r) => r.name);
      const explanation: ProjectExplanation = {
        scheme: { id: data.scheme.id, name: data.scheme.name },
        userRoles,
        userGroups: facts.groups,
        permissions: permissions
          .filter((p) => scope === 'all' || project.permissions.get(p) === false)
          .map((p) => {
            const explained = explainPermission(
              p,
              project.permissions.get(p) ?? null,
              data.scheme.grants,
              facts,
              setting,
            );
            if (explained.held === false && explained.grantedBy.length > 0) {
              explained.ineffective = whyIneffective(facts, project.type);
            }
            return explained;
          }),
        recommendation: recommend(who, project.key, missing, data.scheme.grants, data.roles, {
          groupsAllowed: facts.accountType !== 'app',
          serviceDesk: project.type === 'service_desk',
          userRoles,
        }),
      };
      view.explanations.set(project.key, explanation);
      return true;
    }),
  );
  const done = explained.filter(Boolean).length;
  if (done === targets.length)
    handle.finish('pass', `Explained ${done} project${done === 1 ? '' : 's'}.`);
}

/** The scheme grants the permission to the user, yet Jira says no: say why, where it is known. */
function whyIneffective(user: UserFacts, projectType: string | null): string {
  if (user.products.length === 0)
    return 'Jira ignores the grant: the user has no Jira product access.';
  if (projectType === 'service_desk' && !user.products.includes('jira-servicedesk')) {
    return 'Jira ignores the grant: Service Management projects need a Jira Service Management agent licence.';
  }
  return 'Jira does not apply the grant to this user; check product access and whether the account is active.';
}
