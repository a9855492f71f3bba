import { adminPages } from './admin-pages';
import type { CatalogueEntry } from './entry';

/** Configuration: the site, the projects or the check itself are not set up as the synchronizer needs. */
export const CONFIGURATION = {
  APP_ACCOUNT: {
    category: 'configuration',
    severity: 'warning',
    title: 'The sync user is an app account',
    meaning:
      'the sync user is an app or service account (grant through project roles, the path known to work for it)',
    docs: 'the sync user is an app or service account (grant through project roles, the path known to work for it); for a service account (`details.serviceAccount`) the fix also says it connects through `https://api.atlassian.com/ex/jira/<cloudId>`',
    adminPage: adminPages.users,
  },
  PROJECT_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    title: 'No project has this key',
    meaning: 'no project with that key exists (admin view)',
    docs: 'no project with that key exists (admin view; looked up as live, archived and in the trash)',
    adminPage: adminPages.projectList,
  },
  PROJECT_ARCHIVED: {
    category: 'configuration',
    severity: 'error',
    title: 'The project is archived',
    meaning:
      'the target project is archived (a default project search omits it; read-only); restore it or remove it from the configuration',
    docs: "*added:* the target project is archived (a default project search omits it): found by the admin view's status search, or (#23) in a token-only run by the sync user's own `GET /project/{key}`; restore it or remove it from the configuration. Carries `project`",
    adminPage: adminPages.projectList,
  },
  PROJECT_IN_TRASH: {
    category: 'configuration',
    severity: 'error',
    title: 'The project is in the trash',
    meaning:
      'the target project is in the trash (recycle bin); restore it before it is deleted, or remove it from the configuration',
    docs: "*added:* the target project is in the trash (recycle bin): found by the admin view's status search, or (#23) in a token-only run where the sync user's own `GET /project/{key}` says `deleted`; restore it before it is deleted, or remove it from the configuration. Carries `project`",
    adminPage: adminPages.projectList,
  },
  CHECKER_NOT_ADMIN: {
    category: 'configuration',
    severity: 'error',
    title: 'The admin part of the check could not run',
    meaning: 'admin mode credentials lack Administer Jira',
    docs: 'admin mode credentials lack Administer Jira (or were refused); makes the run `inconclusive`, never `fix-configuration`',
    adminPage: adminPages.globalPermissions,
  },
  USER_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    title: 'No Jira user matches',
    meaning:
      'admin view: no Jira user matches the given account ID or email (or privacy settings hide the email: use the account ID)',
    docs: '*added:* admin view: no user matches the given account ID or email (or privacy settings hide the email: use the account ID)',
  },
  CREATE_REQUIRES_FIELDS: {
    category: 'configuration',
    severity: 'warning',
    title: 'Creating issues needs fields filled in',
    meaning:
      'a creatable issue type has required fields a synchronizer must fill, or its first create fails with 400 (carries project, issue type and field names)',
    docs: '*added:* a creatable issue type has required fields a synchronizer must fill, or its first create fails with 400; carries `project`, issue type and field names; an **error** when `--fields` named what the synchronizer sets and a required field is not among them',
  },
  FIELD_NOT_ON_SCREEN: {
    category: 'configuration',
    severity: 'error',
    title: 'A field the integration sets is not on the screen',
    meaning:
      'a field the synchronizer sets is not on the project\'s create or edit screen for an issue type, so Jira answers "Field … cannot be set. It is not on the appropriate screen, or unknown." (carries project, issueType, field, screen)',
    docs: '*added (#12):* a field the synchronizer sets is not on the create or edit screen of an issue type in a project (Jira: "Field … cannot be set. It is not on the appropriate screen, or unknown."); `project`, `details.issueType`, `details.field`, `details.screen` (`create`/`edit`); also a given field that exists nowhere on the site (`details.reason: "unknown-field"`)',
  },
  UNKNOWN_PERMISSION_KEY: {
    category: 'configuration',
    severity: 'error',
    title: 'A requested permission does not exist on this site',
    meaning:
      'a requested permission key does not exist on this site (GET /rest/api/3/permissions does not list it)',
    docs: '*added:* a requested permission key does not exist on this site (`GET /rest/api/3/permissions` does not list it)',
  },
} satisfies Record<string, CatalogueEntry>;
