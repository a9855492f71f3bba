import { adminPages } from './admin-pages';
import { defineCodes } from './define';
import { JIRA_SAYS, RERUN, SCREEN_FIELD_PERMISSIONS } from './wording';
import { dcLinks, links } from '../links';
import type { Finding } from '../../model/report';

/** Configuration: the site, the projects or the check itself are not set up as the synchronizer needs. */
export const CONFIGURATION = defineCodes({
  APP_ACCOUNT: {
    category: 'configuration',
    severity: 'warning',
    title: 'The sync user is an app account',
    meaning:
      'the sync user is an app or service account (grant through project roles, the path known to work for it)',
    docs: 'the sync user is an app or service account (grant through project roles, the path known to work for it); for a service account (`details.serviceAccount`) the fix also says it connects through `https://api.atlassian.com/ex/jira/<cloudId>`',
    adminPage: adminPages.users,
    remedies: (make) => ({
      appAccount(
        step: string,
        who: string,
        service?: { gateway: string; viaGateway: boolean },
      ): Finding {
        if (service)
          return make({
            step,
            details: { serviceAccount: true },
            message: `The sync user ${who} is an Atlassian service account (an app account). A service account works only through the API gateway, ${service.gateway}, with a scoped API token or an OAuth 2.0 client credential — never at the site URL — and is given access to projects through project roles (whether groups can include it is not documented).`,
            steps: [
              'Grant the service account access through project roles: add it to a role such as atlassian-addons-project-access or Developers in each target project (Project settings → People).',
              service.viaGateway
                ? `Keep the synchronizer on the API gateway address ${service.gateway}, as this check used it.`
                : `Make sure the synchronizer connects through ${service.gateway}, not the site URL.`,
              RERUN,
            ],
            links: [links.serviceAccounts()],
          });
        return make({
          step,
          message: `The sync user ${who} is an app account (an app or service account). Connect app users belong to Atlassian's own atlassian-addons groups; whether other groups can include app and service accounts is not documented, so grants through groups may not reach it.`,
          steps: [
            'Grant access through project roles (e.g. add it to a role such as atlassian-addons-project-access or Developers in each target project): that works for app and service accounts.',
            RERUN,
          ],
        });
      },
    }),
  },
  PROJECT_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    title: 'No project has this key',
    meaning: 'no project with that key exists (admin view)',
    docs: 'no project with that key exists (admin view; looked up as live, archived and in the trash)',
    adminPage: adminPages.projectList,
    remedies: (make) => ({
      projectNotFound(step: string, key: string, site: string): Finding {
        return make({
          step,
          project: key,
          message: `No project with key ${key} exists on this site (an administrator's search found none).`,
          steps: [
            `Correct or remove ${key} in the synchronizer's project list (keys change when a project is renamed or moved).`,
            RERUN,
          ],
          links: [links.projects(site)],
        });
      },
    }),
  },
  PROJECT_ARCHIVED: {
    category: 'configuration',
    severity: 'error',
    title: 'The project is archived',
    meaning:
      'the target project is archived (a default project search omits it; read-only); restore it or remove it from the configuration',
    docs: "*added:* the target project is archived (a default project search omits it): found by the admin view's status search, or (#23) in a token-only run by the sync user's own `GET /project/{key}`; restore it or remove it from the configuration. Carries `project`",
    adminPage: adminPages.projectList,
    remedies: (make) => ({
      projectArchived(step: string, key: string, site: string): Finding {
        return make({
          step,
          project: key,
          message: `Project ${key} is archived. Jira leaves archived projects out of project searches and keeps them read-only, so a synchronizer cannot work in it.`,
          steps: [
            `If the synchronizer should keep working in ${key}, restore it (Jira settings → Projects → Archived projects → Restore).`,
            `Otherwise remove ${key} from the synchronizer's configuration.`,
            RERUN,
          ],
          links: [links.projects(site)],
        });
      },
    }),
  },
  PROJECT_IN_TRASH: {
    category: 'configuration',
    severity: 'error',
    title: 'The project is in the trash',
    meaning:
      'the target project is in the trash (recycle bin); restore it before it is deleted, or remove it from the configuration',
    docs: "*added:* the target project is in the trash (recycle bin): found by the admin view's status search, or (#23) in a token-only run where the sync user's own `GET /project/{key}` says `deleted`; restore it before it is deleted, or remove it from the configuration. Carries `project`",
    adminPage: adminPages.projectList,
    remedies: (make) => ({
      projectInTrash(step: string, key: string, site: string): Finding {
        return make({
          step,
          project: key,
          message: `Project ${key} is in the trash (recycle bin). Jira leaves it out of project searches and deletes it for good when its retention period ends.`,
          steps: [
            `If the synchronizer should keep working in ${key}, restore it from the trash (Jira settings → Projects → Trash → Restore) before it is deleted permanently.`,
            `Otherwise remove ${key} from the synchronizer's configuration.`,
            RERUN,
          ],
          links: [links.projects(site)],
        });
      },
    }),
  },
  CHECKER_NOT_ADMIN: {
    category: 'configuration',
    severity: 'error',
    title: 'The admin part of the check could not run',
    meaning: 'admin mode credentials lack Administer Jira',
    docs: 'admin mode credentials lack Administer Jira (or were refused); makes the run `inconclusive`, never `fix-configuration`',
    adminPage: adminPages.globalPermissions,
    remedies: (make) => ({
      checkerNotAdmin(step: string, reason: string): Finding {
        return make({
          step,
          message: reason,
          steps: [
            'Run the admin part of the check with the credentials of a user who holds Administer Jira (or from the Jira admin page of the app).',
            RERUN,
          ],
        });
      },
    }),
  },
  USER_NOT_FOUND: {
    category: 'configuration',
    severity: 'error',
    title: 'No Jira user matches',
    meaning:
      'admin view: no Jira user matches the given account ID or email (or privacy settings hide the email: use the account ID)',
    docs: '*added:* admin view: no user matches the given account ID or email (or privacy settings hide the email: use the account ID)',
    remedies: (make) => ({
      userNotFound(step: string, user: string): Finding {
        const byEmail = user.includes('@');
        return make({
          step,
          message: byEmail
            ? `No Jira user matches ${user}. The address may be wrong, or the user's privacy settings hide it from search.`
            : `No Jira user has the account ID ${user}. The ID may be mistyped, or belong to another site's directory.`,
          steps: [
            byEmail
              ? 'Check the sync user’s email address, or give its account ID instead (shown in the URL of its profile page).'
              : 'Copy the account ID again from the URL of the sync user’s profile page, or search the user by name.',
            RERUN,
          ],
          links: [links.adminUsers()],
        });
      },
    }),
    datacenter: (make) => ({
      userNotFound(step: string, user: string, site: string): Finding {
        return make({
          step,
          message: `No Jira user has the username ${user}.`,
          steps: ['Check the sync user’s username (User management shows it).', RERUN],
          links: [dcLinks.userManagement(site)],
        });
      },
    }),
  },
  CREATE_REQUIRES_FIELDS: {
    category: 'configuration',
    severity: 'warning',
    alsoAs: ['error'],
    title: 'Creating issues needs fields filled in',
    meaning:
      'a creatable issue type has required fields a synchronizer must fill, or its first create fails with 400 (carries project, issue type and field names)',
    docs: '*added:* a creatable issue type has required fields a synchronizer must fill, or its first create fails with 400; carries `project`, issue type and field names; an **error** when `--fields` named what the synchronizer sets and a required field is not among them',
    remedies: (make) => ({
      /**
       * `fieldsGiven`: the synchronizer's fields were named (--fields), so a required field outside
       * them makes its create fail: an error, not a warning.
       */
      requiredFields(
        step: string,
        key: string,
        site: string,
        t: { issueType: string; fields: readonly string[] },
        fieldsGiven: boolean,
      ): Finding {
        return make({
          step,
          project: key,
          ...(fieldsGiven ? { severity: 'error' as const } : {}),
          message: fieldsGiven
            ? `Creating a ${t.issueType} in ${key} requires ${t.fields.join(', ')}, which the synchronizer does not set: its first create gets 400.`
            : `Creating a ${t.issueType} in ${key} requires ${t.fields.join(', ')}; a synchronizer that does not fill ${
                t.fields.length > 1 ? 'them' : 'it'
              } gets 400 on its first create.`,
          steps: [
            `Map a value for ${t.fields.join(', ')} in the synchronizer for ${t.issueType} issues of ${key},`,
            'or give the field a default value / make it optional in the project’s field configuration.',
          ],
          links: [links.projectFields(site, key)],
          details: { issueType: t.issueType, fields: t.fields },
        });
      },
    }),
  },
  FIELD_NOT_ON_SCREEN: {
    category: 'configuration',
    severity: 'error',
    alsoAs: ['warning'],
    title: 'A field the integration sets is not on the screen',
    meaning:
      'a field the synchronizer sets is not on the project\'s create or edit screen for an issue type (or is hidden in its field configuration, or is a custom field without a context for that project and issue type), so Jira answers "Field … cannot be set. It is not on the appropriate screen, or unknown." (carries project, issueType, field, screen)',
    docs: '*added (#12):* a field the synchronizer sets is not on the create or edit screen of an issue type in a project (Jira: "Field … cannot be set. It is not on the appropriate screen, or unknown."); *(#23)* the fix also names a field hidden in the field configuration and a custom field without a context for that project and issue type (Jira leaves both out of the screen it reports); `project`, `details.issueType`, `details.field`, `details.screen` (`create`/`edit`); also a given field that exists nowhere on the site (`details.reason: "unknown-field"`). *(#24)* A screen several target projects share (same issue type scheme, issue type screen scheme and field configuration scheme) is one finding naming them all (`details.projects`, `details.scheme`); a **warning** where the sync user may not yet create or edit in any of them (an administrator read the screen: the next thing to fail once the permission is granted)',
    remedies: (make) => ({
      fieldNotOnScreen(
        step: string,
        site: string,
        at: { project: string; issueType: string; screen: 'create' | 'edit'; issueKey?: string },
        field: { id: string; label: string },
      ): Finding {
        const screenName = at.screen === 'create' ? 'create screen' : 'edit screen';
        const action =
          at.screen === 'create' ? `creates a ${at.issueType}` : `updates a ${at.issueType}`;
        const permission = SCREEN_FIELD_PERMISSIONS[field.id];
        return make({
          step,
          project: at.project,
          message: `${field.label} is not on the ${screenName} of ${at.issueType} issues in ${at.project}${
            at.issueKey ? ` (read on ${at.issueKey})` : ''
          }: when the synchronizer ${action} with it, Jira answers "${JIRA_SAYS(field.id)}"`,
          steps: [
            `In ${at.project}'s screen scheme, open the ${screenName} used by ${at.issueType} (Project settings → Issue types → ${at.issueType}, or Project settings → Screens) and add ${field.label} to it,`,
            ...(permission
              ? [
                  `and make sure the sync user holds ${permission} in ${at.project}: without it Jira hides ${field.label} from that user's screens,`,
                ]
              : []),
            // Documented (editmeta's conditions 2 and 4): Jira also leaves out a field hidden in
            // the field configuration and a custom field without a context for the project and
            // issue type, with the same refusal on create and edit.
            `If ${field.label} is on that screen already: show it in the field configuration ${at.issueType} uses in ${at.project} (Project settings → Fields)${
              field.id.startsWith('customfield_')
                ? `, and make sure its custom field context includes ${at.project} and ${at.issueType} (Jira settings → Issues → Custom fields → ${field.label} → Contexts)`
                : ''
            },`,
            'or stop mapping that field in the synchronizer for this project and issue type.',
            RERUN,
          ],
          links: [links.projectScreens(site, at.project), links.projectFields(site, at.project)],
          details: {
            issueType: at.issueType,
            field: field.id,
            screen: at.screen,
            ...(at.issueKey ? { issueKey: at.issueKey } : {}),
          },
        });
      },
      unknownField(step: string, given: string, why: string): Finding {
        return make({
          step,
          message: `The synchronizer's field “${given}” cannot be checked: ${why}. Jira answers a create or edit that sets an unknown field with "${JIRA_SAYS(given)}"`,
          steps: [
            'Correct the field in the list the synchronizer sets (and in this check): give its field ID (e.g. customfield_10010; Jira settings → Issues → Custom fields shows it) or its exact name as Jira shows it.',
            'If the field was deleted from Jira, remove it from the synchronizer’s field mapping.',
            RERUN,
          ],
          details: { field: given, screen: 'create', reason: 'unknown-field' },
        });
      },
    }),
  },
  UNKNOWN_ISSUE_TYPE: {
    category: 'configuration',
    severity: 'warning',
    title: 'A given issue type is on no create screen read',
    meaning:
      'an issue type the check was given (--issue-types) is offered by none of the create screens read in this run, so no screen of it was checked (carries details.issueType)',
    docs: "*added (#24):* an issue type the check was given (`--issue-types`, the panel's issue types) is offered by none of the create screens read in this run (the names compared without case), so no screen of it was checked and the projects whose screens offer none of the given types count as not tested; `details.issueType`, `details.projects` (those whose create screens were read)",
    remedies: (make) => ({
      unknownIssueType(step: string, given: string, projects: readonly string[]): Finding {
        const shown =
          projects.slice(0, 8).join(', ') +
          (projects.length > 8 ? ` and ${projects.length - 8} more` : '');
        return make({
          step,
          message: `No create screen read in this run offers the issue type “${given}” (read for ${shown}), so no screen of it was checked.`,
          steps: [
            `Correct “${given}” in the issue types given to this check (and in the synchronizer's mapping if it uses it): the name as Jira shows it, such as Bug or Task (Project settings → Issue types lists them).`,
            RERUN,
          ],
          details: { issueType: given, projects: [...projects] },
        });
      },
    }),
  },
  UNKNOWN_PERMISSION_KEY: {
    category: 'configuration',
    severity: 'error',
    title: 'A requested permission does not exist on this site',
    meaning:
      'a requested permission key does not exist on this site (GET /rest/api/3/permissions does not list it)',
    docs: '*added:* a requested permission key does not exist on this site (`GET /rest/api/3/permissions` does not list it)',
    remedies: (make) => ({
      unknownPermissionKey(step: string, key: string, why: 'missing' | 'global'): Finding {
        return make({
          step,
          permission: key,
          details: {
            technical:
              why === 'missing' ? 'GET /rest/api/3/permissions does not list it' : 'type GLOBAL',
          },
          message:
            why === 'missing'
              ? `${key} is not a permission on this site (Jira's list of permissions does not include it), so it was not checked.`
              : `${key} is a global permission, not a project permission, so it cannot be checked per project.`,
          steps: [
            why === 'missing'
              ? `Remove ${key} from the required permissions (check the spelling; app-defined permissions exist only while the app is installed).`
              : `Remove ${key} from the project permissions; check global permissions in Jira settings → System → Global permissions.`,
            RERUN,
          ],
        });
      },
    }),
  },
});
