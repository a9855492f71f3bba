/**
 * Project permission keys: Jira's built-in ones (from the "Built-in permissions" list of the
 * platform OpenAPI spec), friendly aliases, and the format a key must have. Sites can define
 * custom permissions through apps, so a well-formed unknown key is accepted.
 */

export const BUILT_IN_PROJECT_PERMISSIONS = [
  // Administration
  'ADMINISTER_PROJECTS',
  'EDIT_WORKFLOW',
  'EDIT_ISSUE_LAYOUT',
  // Project
  'BROWSE_PROJECTS',
  'MANAGE_SPRINTS_PERMISSION',
  'SERVICEDESK_AGENT',
  'VIEW_DEV_TOOLS',
  'VIEW_READONLY_WORKFLOW',
  // Issues
  'ASSIGNABLE_USER',
  'ASSIGN_ISSUES',
  'CLOSE_ISSUES',
  'CREATE_ISSUES',
  'DELETE_ISSUES',
  'EDIT_ISSUES',
  'LINK_ISSUES',
  'MODIFY_REPORTER',
  'MOVE_ISSUES',
  'RESOLVE_ISSUES',
  'SCHEDULE_ISSUES',
  'SET_ISSUE_SECURITY',
  'TRANSITION_ISSUES',
  // Voters and watchers
  'MANAGE_WATCHERS',
  'VIEW_VOTERS_AND_WATCHERS',
  // Comments
  'ADD_COMMENTS',
  'DELETE_ALL_COMMENTS',
  'DELETE_OWN_COMMENTS',
  'EDIT_ALL_COMMENTS',
  'EDIT_OWN_COMMENTS',
  // Attachments
  'CREATE_ATTACHMENTS',
  'DELETE_ALL_ATTACHMENTS',
  'DELETE_OWN_ATTACHMENTS',
  // Time tracking
  'DELETE_ALL_WORKLOGS',
  'DELETE_OWN_WORKLOGS',
  'EDIT_ALL_WORKLOGS',
  'EDIT_OWN_WORKLOGS',
  'WORK_ON_ISSUES',
] as const;

export type BuiltInProjectPermission = (typeof BUILT_IN_PROJECT_PERMISSIONS)[number];

/** Lower-case alias → key. Matching is case-insensitive. */
export const PERMISSION_ALIASES: Readonly<Record<string, BuiltInProjectPermission>> = {
  browse: 'BROWSE_PROJECTS',
  create: 'CREATE_ISSUES',
  edit: 'EDIT_ISSUES',
  comment: 'ADD_COMMENTS',
  transition: 'TRANSITION_ISSUES',
  attach: 'CREATE_ATTACHMENTS',
  link: 'LINK_ISSUES',
  assign: 'ASSIGN_ISSUES',
};

/** What a typical sync integration needs when nobody says otherwise. */
export const DEFAULT_PERMISSIONS: readonly BuiltInProjectPermission[] = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
];

export const KEY_FORMAT = /^[A-Z][A-Z0-9_]{0,99}$/;

const BUILT_IN: ReadonlySet<string> = new Set(BUILT_IN_PROJECT_PERMISSIONS);

export function isBuiltInPermission(key: string): key is BuiltInProjectPermission {
  return BUILT_IN.has(key);
}

/** The key for an alias or a key in any case; null when the text cannot be a permission key. */
export function resolvePermissionKey(text: string): string | null {
  const trimmed = text.trim();
  const alias = PERMISSION_ALIASES[trimmed.toLowerCase()];
  if (alias !== undefined) return alias;
  const key = trimmed.toUpperCase();
  return KEY_FORMAT.test(key) ? key : null;
}

export type PermissionKeysResult = { ok: true; keys: string[] } | { ok: false; invalid: string[] };

/**
 * Resolves a list such as `['browse', 'create_issues', 'EDIT_ISSUES']` (entries may themselves
 * be comma lists) into unique keys in first-seen order; empty input means the defaults.
 */
export function resolvePermissionKeys(entries: readonly string[]): PermissionKeysResult {
  const items = entries.flatMap((entry) => entry.split(',')).map((item) => item.trim());
  const named = items.filter((item) => item !== '');
  if (named.length === 0) return { ok: true, keys: [...DEFAULT_PERMISSIONS] };
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const item of named) {
    const key = resolvePermissionKey(item);
    if (key === null) invalid.push(item);
    else if (!keys.includes(key)) keys.push(key);
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, keys };
}
