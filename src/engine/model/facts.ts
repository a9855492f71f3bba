import type { JiraUser } from '../knowledge/jira-shapes';
import type { ProjectExplanation } from './report';

/** What one view (the sync user's own token, or an administrator) learned about a target project. */
export interface ProjectFacts {
  key: string;
  id: string | null;
  name: string | null;
  type: string | null;
  /** Account ID of the project lead, when the search asked for it. */
  lead: string | null;
  /** Only an administrator's view can tell; null otherwise. */
  exists: boolean | null;
  /** Admin view: the project is archived or in the recycle bin (J1); null when live or unknown. */
  retired: 'archived' | 'deleted' | null;
  visible: boolean | null;
  permissions: Map<string, boolean | null>;
}

export interface View {
  /** The account this view describes. */
  user: JiraUser | null;
  projects: Map<string, ProjectFacts>;
  /** Whether the user holds Administer Jira; null when not determined. */
  administer: boolean | null;
  /** Token view: whether any project at all is visible; null when not determined. */
  anyProjectVisible: boolean | null;
  /** The steps whose answers these facts come from (for findings). */
  visibilityStep: string;
  permissionStep: string;
  /** Admin view: grant explanations per project key. */
  explanations: Map<string, ProjectExplanation>;
}

export function emptyView(
  keys: readonly string[],
  permissions: readonly string[],
  steps: { visibility: string; permission: string },
): View {
  return {
    user: null,
    projects: new Map(
      keys.map((key) => [
        key,
        {
          key,
          id: null,
          name: null,
          type: null,
          lead: null,
          exists: null,
          retired: null,
          visible: null,
          permissions: new Map(permissions.map((p) => [p, null])),
        },
      ]),
    ),
    administer: null,
    anyProjectVisible: null,
    visibilityStep: steps.visibility,
    permissionStep: steps.permission,
    explanations: new Map(),
  };
}

export function productKeys(user: JiraUser): string[] | null {
  const items = user.applicationRoles?.items;
  if (!items) return null;
  return items.map((item) => item.key ?? '').filter(Boolean);
}

export function displayName(user: JiraUser): string {
  const name = user.displayName ?? user.accountId;
  return user.emailAddress ? `${name} <${user.emailAddress}>` : `${name} (${user.accountId})`;
}
