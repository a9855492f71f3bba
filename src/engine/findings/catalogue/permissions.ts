import { adminPages } from './admin-pages';
import type { CatalogueEntry } from './entry';

/** Permissions: the sync user signs in but may not do what the synchronizer needs. */
export const PERMISSIONS = {
  CUSTOMER_ACCOUNT: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user is a portal-only customer',
    meaning: 'a portal-only customer account',
    adminPage: adminPages.users,
  },
  NO_PRODUCT_ACCESS: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user has no Jira product access',
    meaning: 'the user has no Jira product access',
    adminPage: adminPages.users,
  },
  NO_PROJECTS_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user sees no project at all',
    meaning: 'authenticated, but no project is visible at all (the "empty project list" symptom)',
    adminPage: adminPages.permissionSchemes,
  },
  PROJECT_NOT_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    title: 'A project is hidden from the sync user',
    meaning:
      'the sync user cannot see a target project (no Browse, or the key is wrong; token mode cannot tell which)',
    adminPage: adminPages.projectPermissions,
  },
  MISSING_PERMISSION: {
    category: 'permissions',
    severity: 'error',
    title: 'A permission is missing',
    meaning:
      'the sync user lacks a required permission in a project (carries project and permission)',
    docs: 'carries `project` and `permission`',
    adminPage: adminPages.projectPermissions,
  },
  JSM_AGENT_REQUIRED: {
    category: 'permissions',
    severity: 'error',
    title: 'A Jira Service Management agent licence is needed',
    meaning: 'a Service Management project and the user has no agent access',
    adminPage: adminPages.projectPermissions,
  },
  OVER_PRIVILEGED: {
    category: 'permissions',
    severity: 'warning',
    title: 'The sync user is a Jira administrator',
    meaning: 'the sync user is a Jira administrator; least privilege says no',
    adminPage: adminPages.users,
  },
  ISSUES_HIDDEN_BY_SECURITY: {
    category: 'permissions',
    severity: 'warning',
    title: 'Issue security hides some issues from the sync user',
    meaning:
      'admin view: issue security levels hide sampled issues from the sync user although it can browse the project (carries project, hidden of sampled, levels)',
    docs: '*added (#12):* admin view: issue security levels hide sampled secured issues of a project from the sync user although it may browse the project; `project`, `details.hidden` of `details.sampled`, `details.levels`',
  },
} satisfies Record<string, CatalogueEntry>;
