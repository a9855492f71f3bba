import {
  BACKUP_READS,
  BASE_READS,
  OPERATION_NAMES,
  operationsForPermissions,
  type OperationName,
} from './operations';

/**
 * Named permission sets for common integrations. Every permission carries the reason an
 * integration of that kind needs it (shown in docs/how-a-check-works.md, the CLI help and the panel).
 */
export interface Preset {
  name: PresetName;
  title: string;
  description: string;
  permissions: ReadonlyArray<{ key: string; reason: string }>;
  /**
   * The fields such an integration sets on create and edit (checked on the screens; --fields
   * replaces them). Reporter, assignee and security level add the permissions they need.
   */
  fields: readonly string[];
  /**
   * The calls the integration makes in Jira, reads included; `requiredScopes` is the union of
   * their scopes and a scoped token's scopes are verified for each.
   */
  operations: readonly OperationName[];
}

export type PresetName = 'sync-basic' | 'two-way-sync' | 'backup-read' | 'backup-restore';

const BROWSE = { key: 'BROWSE_PROJECTS', reason: 'see the project and read its issues at all' };
const CREATE = { key: 'CREATE_ISSUES', reason: 'create the issues it mirrors' };
const EDIT = { key: 'EDIT_ISSUES', reason: 'update fields of mirrored issues' };

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'sync-basic': {
    name: 'sync-basic',
    title: 'One-way or basic sync',
    description: 'Create and update issues.',
    permissions: [BROWSE, CREATE, EDIT],
    fields: ['summary', 'description'],
    operations: [...BASE_READS, 'create', 'edit'],
  },
  'two-way-sync': {
    name: 'two-way-sync',
    title: 'Two-way sync (Azure DevOps, Exalate-style connectors)',
    description:
      'Everything a connector mirrors in both directions: fields, comments, status, attachments, links, assignee.',
    permissions: [
      BROWSE,
      CREATE,
      EDIT,
      { key: 'ADD_COMMENTS', reason: 'mirror comments' },
      { key: 'TRANSITION_ISSUES', reason: 'mirror status changes (workflow transitions)' },
      { key: 'CREATE_ATTACHMENTS', reason: 'mirror attachments' },
      { key: 'LINK_ISSUES', reason: 'mirror issue links' },
      { key: 'ASSIGN_ISSUES', reason: 'mirror the assignee' },
    ],
    fields: ['summary', 'description', 'assignee'],
    // It mirrors comments and attachments out of Jira too (their read scopes are within the
    // writes' own, so this adds probes, not scopes).
    operations: [
      ...BASE_READS,
      'read-comments',
      'read-attachments',
      'create',
      'edit',
      'comment',
      'transition',
      'attach',
      'link',
      'assign',
    ],
  },
  'backup-read': {
    name: 'backup-read',
    title: 'Backup (read-only)',
    description:
      'Read issues with their comments, attachments, work logs, watchers and voters; never write.',
    permissions: [
      {
        key: 'BROWSE_PROJECTS',
        reason:
          'read issues, comments, attachments and work logs (all governed by Browse Projects)',
      },
      { key: 'VIEW_VOTERS_AND_WATCHERS', reason: 'include watchers and voters in the backup' },
    ],
    fields: [],
    operations: [...BASE_READS, ...BACKUP_READS],
  },
  'backup-restore': {
    name: 'backup-restore',
    title: 'Backup restore',
    description:
      'Recreate issues with their comments, attachments, links, reporters, assignees, status and work logs.',
    permissions: [
      BROWSE,
      { key: 'CREATE_ISSUES', reason: 'recreate issues' },
      { key: 'EDIT_ISSUES', reason: 'restore field values after creation' },
      {
        key: 'MODIFY_REPORTER',
        reason: 'restore the original reporter instead of the restoring account',
      },
      { key: 'ASSIGN_ISSUES', reason: 'restore the assignee' },
      { key: 'ADD_COMMENTS', reason: 'restore comments' },
      { key: 'CREATE_ATTACHMENTS', reason: 'restore attachments' },
      { key: 'LINK_ISSUES', reason: 'restore issue links' },
      { key: 'TRANSITION_ISSUES', reason: 'restore the status through the workflow' },
      { key: 'SCHEDULE_ISSUES', reason: 'restore due dates' },
      { key: 'WORK_ON_ISSUES', reason: 'restore work logs' },
    ],
    fields: ['summary', 'description', 'reporter', 'assignee'],
    operations: [
      ...BASE_READS,
      ...BACKUP_READS,
      'create',
      'edit',
      'comment',
      'attach',
      'link',
      'transition',
      'assign',
      'worklog',
    ],
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as string[]).includes(value);
}

/** The preset's operations plus whatever extra permissions imply, in catalogue order. */
export function presetOperations(
  name: PresetName,
  permissions: readonly string[],
): OperationName[] {
  const wanted = new Set([...PRESETS[name].operations, ...operationsForPermissions(permissions)]);
  return OPERATION_NAMES.filter((op) => wanted.has(op));
}

export function presetPermissions(name: PresetName): string[] {
  return PRESETS[name].permissions.map((p) => p.key);
}

/** The preset whose permissions are exactly these (in any order), if any. */
export function presetWithPermissions(permissions: readonly string[]): PresetName | undefined {
  const wanted = new Set(permissions);
  return PRESET_NAMES.find((name) => {
    const own = PRESETS[name].permissions;
    return own.length === wanted.size && own.every((p) => wanted.has(p.key));
  });
}
