import type { World } from './world';

export interface PermissionDef {
  key: string;
  /**
   * Jira's long-standing numeric permission ids (e.g. EDIT_ISSUES = "12", as in the spec example).
   * Permissions added later have no id we can vouch for, so they omit it (the field is optional).
   */
  id?: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const P = (
  key: string,
  id: string | undefined,
  name: string,
  description: string,
): PermissionDef => ({
  key,
  ...(id === undefined ? {} : { id }),
  name,
  type: 'PROJECT',
  description,
});
const G = (
  key: string,
  id: string | undefined,
  name: string,
  description: string,
): PermissionDef => ({
  ...P(key, id, name, description),
  type: 'GLOBAL',
});

/**
 * Built-in permissions. Keys are from the spec's "Built-in permissions" list plus the classic
 * global permissions. Names and descriptions paraphrase Jira's UI labels; clients must rely on keys.
 */
export const PERMISSION_CATALOGUE: readonly PermissionDef[] = [
  G(
    'ADMINISTER',
    '0',
    'Administer Jira',
    'Create and administer projects, issue types, fields, workflows and schemes.',
  ),
  G('SYSTEM_ADMIN', '44', 'Administer Jira system', 'Configure Jira system-level settings.'),
  G(
    'USER_PICKER',
    '27',
    'Browse users and groups',
    'View and select users or groups from the user picker, and share with them.',
  ),
  G(
    'CREATE_SHARED_OBJECTS',
    '22',
    'Share dashboards and filters',
    'Share dashboards and filters with other users.',
  ),
  G(
    'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
    '24',
    'Manage group filter subscriptions',
    'Create and delete group filter subscriptions.',
  ),
  G(
    'BULK_CHANGE',
    '33',
    'Make bulk changes',
    'Ability to modify a collection of issues at once. For example, resolve multiple issues in one step.',
  ),
  P('ADMINISTER_PROJECTS', '23', 'Administer Projects', 'Ability to administer a project in Jira.'),
  P('EDIT_WORKFLOW', undefined, 'Edit Workflows', 'Ability to edit a workflow.'),
  P('EDIT_ISSUE_LAYOUT', undefined, 'Edit Issue Layouts', 'Ability to edit issue layouts.'),
  P(
    'BROWSE_PROJECTS',
    '10',
    'Browse Projects',
    'Ability to browse projects and the issues within them.',
  ),
  P('MANAGE_SPRINTS_PERMISSION', undefined, 'Manage sprints', 'Ability to manage sprints.'),
  P(
    'SERVICEDESK_AGENT',
    undefined,
    'Service Project Agent',
    'Allows users to interact with customers and access Jira Service Management features of a project.',
  ),
  P(
    'VIEW_DEV_TOOLS',
    '29',
    'View Development Tools',
    'Allows users to view development-related information on the issue.',
  ),
  P(
    'VIEW_READONLY_WORKFLOW',
    '45',
    'View Read-Only Workflow',
    'Users with this permission may view a read-only version of a workflow.',
  ),
  P(
    'ASSIGNABLE_USER',
    '17',
    'Assignable User',
    'Users with this permission may be assigned to issues.',
  ),
  P('ASSIGN_ISSUES', '13', 'Assign Issues', 'Ability to assign issues to other people.'),
  P('CLOSE_ISSUES', '18', 'Close Issues', 'Ability to close issues.'),
  P('CREATE_ISSUES', '11', 'Create Issues', 'Ability to create issues.'),
  P('DELETE_ISSUES', '16', 'Delete Issues', 'Ability to delete issues.'),
  P('EDIT_ISSUES', '12', 'Edit Issues', 'Ability to edit issues.'),
  P('LINK_ISSUES', '21', 'Link Issues', 'Ability to link issues together.'),
  P(
    'MODIFY_REPORTER',
    '30',
    'Modify Reporter',
    'Ability to modify the reporter when creating or editing an issue.',
  ),
  P(
    'MOVE_ISSUES',
    '25',
    'Move Issues',
    'Ability to move issues between projects or between workflows of the same project.',
  ),
  P('RESOLVE_ISSUES', '14', 'Resolve Issues', 'Ability to resolve and reopen issues.'),
  P('SCHEDULE_ISSUES', '28', 'Schedule Issues', 'Ability to view or edit an issue due date.'),
  P(
    'SET_ISSUE_SECURITY',
    '26',
    'Set Issue Security',
    'Ability to set the level of security on an issue.',
  ),
  P('TRANSITION_ISSUES', '46', 'Transition Issues', 'Ability to transition issues.'),
  P('MANAGE_WATCHERS', '32', 'Manage Watchers', 'Ability to manage the watchers of an issue.'),
  P(
    'VIEW_VOTERS_AND_WATCHERS',
    '31',
    'View Voters and Watchers',
    'Ability to view the voters and watchers of an issue.',
  ),
  P('ADD_COMMENTS', '15', 'Add Comments', 'Ability to comment on issues.'),
  P(
    'DELETE_ALL_COMMENTS',
    '36',
    'Delete All Comments',
    'Ability to delete all comments made on issues.',
  ),
  P(
    'DELETE_OWN_COMMENTS',
    '37',
    'Delete Own Comments',
    'Ability to delete own comments made on issues.',
  ),
  P('EDIT_ALL_COMMENTS', '34', 'Edit All Comments', 'Ability to edit all comments made on issues.'),
  P('EDIT_OWN_COMMENTS', '35', 'Edit Own Comments', 'Ability to edit own comments made on issues.'),
  P(
    'CREATE_ATTACHMENTS',
    '19',
    'Create Attachments',
    'Users with this permission may create attachments.',
  ),
  P(
    'DELETE_ALL_ATTACHMENTS',
    '38',
    'Delete All Attachments',
    'Users with this permission may delete all attachments.',
  ),
  P(
    'DELETE_OWN_ATTACHMENTS',
    '39',
    'Delete Own Attachments',
    'Users with this permission may delete own attachments.',
  ),
  P(
    'DELETE_ALL_WORKLOGS',
    '43',
    'Delete All Worklogs',
    'Ability to delete all worklogs made on issues.',
  ),
  P(
    'DELETE_OWN_WORKLOGS',
    '42',
    'Delete Own Worklogs',
    'Ability to delete own worklogs made on issues.',
  ),
  P('EDIT_ALL_WORKLOGS', '41', 'Edit All Worklogs', 'Ability to edit all worklogs made on issues.'),
  P('EDIT_OWN_WORKLOGS', '40', 'Edit Own Worklogs', 'Ability to edit own worklogs made on issues.'),
  P('WORK_ON_ISSUES', '20', 'Work On Issues', 'Ability to log work done against an issue.'),
];

export const ALL_PERMISSION_KEYS: readonly string[] = PERMISSION_CATALOGUE.map((p) => p.key);

/** The permission as it exists on this site, or undefined when the site lacks it. */
let catalogueByKey: ReadonlyMap<string, PermissionDef> | null = null;

export function sitePermission(world: World, key: string): PermissionDef | undefined {
  catalogueByKey ??= new Map(PERMISSION_CATALOGUE.map((p) => [p.key, p]));
  const def = catalogueByKey.get(key);
  if (!def) return undefined;
  if (world.permissionKeys && !world.permissionKeys.includes(key)) return undefined;
  return def;
}

export function sitePermissions(world: World): PermissionDef[] {
  return PERMISSION_CATALOGUE.filter((p) => sitePermission(world, p.key) !== undefined);
}

/** Display names of Jira products (application roles). */
export const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  'jira-software': 'Jira Software',
  'jira-servicedesk': 'Jira Service Management',
  'jira-core': 'Jira Work Management',
  'jira-product-discovery': 'Jira Product Discovery',
};
