/**
 * Project permissions as Jira's own screens name them (Permission Helper, permission schemes).
 * Keys such as CREATE_ISSUES belong in evidence and exports; people read these names.
 */
const JIRA_NAMES: Readonly<Record<string, string>> = {
  ADMINISTER_PROJECTS: 'Administer Projects',
  EDIT_WORKFLOW: 'Edit Workflows',
  EDIT_ISSUE_LAYOUT: 'Edit Issue Layouts',
  BROWSE_PROJECTS: 'Browse Projects',
  MANAGE_SPRINTS_PERMISSION: 'Manage sprints',
  SERVICEDESK_AGENT: 'Service Project Agent',
  VIEW_DEV_TOOLS: 'View Development Tools',
  VIEW_READONLY_WORKFLOW: 'View Read-Only Workflow',
  ASSIGNABLE_USER: 'Assignable User',
  ASSIGN_ISSUES: 'Assign Issues',
  CLOSE_ISSUES: 'Close Issues',
  CREATE_ISSUES: 'Create Issues',
  DELETE_ISSUES: 'Delete Issues',
  EDIT_ISSUES: 'Edit Issues',
  LINK_ISSUES: 'Link Issues',
  MODIFY_REPORTER: 'Modify Reporter',
  MOVE_ISSUES: 'Move Issues',
  RESOLVE_ISSUES: 'Resolve Issues',
  SCHEDULE_ISSUES: 'Schedule Issues',
  SET_ISSUE_SECURITY: 'Set Issue Security',
  TRANSITION_ISSUES: 'Transition Issues',
  MANAGE_WATCHERS: 'Manage Watchers',
  VIEW_VOTERS_AND_WATCHERS: 'View Voters and Watchers',
  ADD_COMMENTS: 'Add Comments',
  DELETE_ALL_COMMENTS: 'Delete All Comments',
  DELETE_OWN_COMMENTS: 'Delete Own Comments',
  EDIT_ALL_COMMENTS: 'Edit All Comments',
  EDIT_OWN_COMMENTS: 'Edit Own Comments',
  CREATE_ATTACHMENTS: 'Create Attachments',
  DELETE_ALL_ATTACHMENTS: 'Delete All Attachments',
  DELETE_OWN_ATTACHMENTS: 'Delete Own Attachments',
  DELETE_ALL_WORKLOGS: 'Delete All Worklogs',
  DELETE_OWN_WORKLOGS: 'Delete Own Worklogs',
  EDIT_ALL_WORKLOGS: 'Edit All Worklogs',
  EDIT_OWN_WORKLOGS: 'Edit Own Worklogs',
  WORK_ON_ISSUES: 'Work On Issues',
  ADMINISTER: 'Administer Jira',
};

/**
 * The name Jira shows for a permission key. An app-defined key Jira's list did not name is
 * spelled out from the key ("MY_APP_PERMISSION" → "My app permission"), never shown raw.
 */
export function permissionName(key: string): string {
  const known = JIRA_NAMES[key];
  if (known !== undefined) return known;
  const words = key.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Create Issues", "Create Issues and Edit Issues", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

export function permissionNames(keys: readonly string[]): string {
  return joinNames(keys.map(permissionName));
}
