import { adminPages } from './admin-pages';
import { defineCodes } from './define';
import { RERUN } from './wording';
import { links } from '../links';
import { permissionName } from '../../presentation/permission-names';
import type { Finding } from '../../model/report';

/** Permissions: the sync user signs in but may not do what the synchronizer needs. */
export const PERMISSIONS = defineCodes({
  CUSTOMER_ACCOUNT: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user is a portal-only customer',
    meaning: 'a portal-only customer account',
    adminPage: adminPages.users,
    remedies: (make) => ({
      customerAccount(step: string, who: string): Finding {
        return make({
          step,
          message: `The sync user ${who} is a portal-only customer account. Customers can raise requests in the portal but cannot create or edit issues through the REST API.`,
          steps: [
            'Use a licensed Jira user (an agent for Service Management projects) as the sync user.',
            'Create an API token as that user and update the synchronizer.',
            RERUN,
          ],
          links: [links.adminUsers()],
        });
      },
    }),
  },
  NO_PRODUCT_ACCESS: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user has no Jira product access',
    meaning: 'the user has no Jira product access',
    adminPage: adminPages.users,
    remedies: (make) => ({
      noProductAccess(step: string, who: string): Finding {
        return make({
          step,
          message: `The sync user ${who} has no Jira product access (no application role), so no project grants it anything.`,
          steps: [
            'In Atlassian Administration → Products / Directory, give the user access to Jira (and Jira Service Management for service projects).',
            RERUN,
          ],
          links: [links.productAccess()],
        });
      },
    }),
  },
  NO_PROJECTS_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    title: 'The sync user sees no project at all',
    meaning: 'authenticated, but no project is visible at all (the "empty project list" symptom)',
    adminPage: adminPages.permissionSchemes,
    remedies: (make) => ({
      noProjectsVisible(step: string, who: string, site: string): Finding {
        return make({
          step,
          message: `${who} is logged in but cannot see a single project: the synchronizer's project list will be empty.`,
          steps: [
            'Give the user Browse Projects in the target projects, usually by adding it to a project role (People page of the project) that the permission scheme grants Browse Projects to.',
            RERUN,
          ],
          links: [links.projects(site)],
        });
      },
    }),
  },
  PROJECT_NOT_VISIBLE: {
    category: 'permissions',
    severity: 'error',
    title: 'A project is hidden from the sync user',
    meaning:
      'the sync user cannot see a target project (no Browse, or the key is wrong; token mode cannot tell which)',
    adminPage: adminPages.projectPermissions,
    remedies: (make) => ({
      projectNotVisible(
        step: string,
        who: string,
        key: string,
        site: string,
        existsKnown: boolean,
      ): Finding {
        return make({
          step,
          project: key,
          message: existsKnown
            ? `Project ${key} exists, but ${who} cannot see it (no Browse Projects).`
            : `${who} cannot see project ${key}: either it lacks Browse Projects there or no project has that key (with the sync user's token alone Jira answers the same for both; add an admin check to tell them apart).`,
          steps: [
            ...(existsKnown ? [] : [`Check the key ${key} is right.`]),
            `Add ${who} to a project role of ${key} that has Browse Projects (Project settings → People).`,
            RERUN,
          ],
          links: [links.projectPeople(site, key), links.projectPermissions(site, key)],
        });
      },
    }),
  },
  MISSING_PERMISSION: {
    category: 'permissions',
    severity: 'error',
    title: 'A permission is missing',
    meaning:
      'the sync user lacks a required permission in a project (carries project and permission)',
    docs: 'carries `project` and `permission`',
    adminPage: adminPages.projectPermissions,
    remedies: (make) => ({
      missingPermission(
        step: string,
        who: string,
        key: string,
        permission: string,
        site: string,
        explanation?: {
          recommendation: string | null;
          grantsInScheme: string[];
          userRoles: string[];
        },
      ): Finding {
        const name = permissionName(permission);
        const known = explanation
          ? ` In its permission scheme ${name} goes to: ${explanation.grantsInScheme.join(', ') || 'nobody'}; the user is in ${
              explanation.userRoles.length
                ? `project role${explanation.userRoles.length === 1 ? '' : 's'} ${explanation.userRoles.join(', ')}`
                : 'no project role'
            } there.`
          : '';
        return make({
          step,
          project: key,
          permission,
          message: `${who} lacks ${name} in project ${key}.${known}`,
          steps: [
            ...(explanation?.recommendation
              ? [explanation.recommendation]
              : [
                  `Add ${who} to a project role of ${key} that the project's permission scheme grants ${name} (Project settings → People),`,
                  `or add a grant of ${name} to a role the user already has (Project settings → Permissions).`,
                ]),
            RERUN,
          ],
          links: [links.projectPeople(site, key), links.projectPermissions(site, key)],
        });
      },
    }),
  },
  JSM_AGENT_REQUIRED: {
    category: 'permissions',
    severity: 'error',
    title: 'A Jira Service Management agent licence is needed',
    meaning: 'a Service Management project and the user has no agent access',
    adminPage: adminPages.projectPermissions,
    remedies: (make) => ({
      jsmAgentRequired(step: string, who: string, key: string): Finding {
        return make({
          step,
          project: key,
          message: `${key} is a Service Management project and ${who} has no Jira Service Management agent access; without an agent licence it cannot create or edit issues there through the REST API.`,
          steps: [
            `Give ${who} Jira Service Management product access (an agent licence) in Atlassian Administration.`,
            `Add it to the Service Desk Team role of ${key}.`,
            RERUN,
          ],
          links: [links.productAccess()],
        });
      },
    }),
  },
  OVER_PRIVILEGED: {
    category: 'permissions',
    severity: 'warning',
    title: 'The sync user is a Jira administrator',
    meaning: 'the sync user is a Jira administrator; least privilege says no',
    adminPage: adminPages.users,
    remedies: (make) => ({
      overPrivileged(step: string, who: string, site: string): Finding {
        return make({
          step,
          message: `${who} holds Administer Jira. A synchronizer does not need it; a leaked token would give full control of the site.`,
          steps: [
            'Remove the user from the groups that grant Administer Jira (Global permissions).',
            'Grant only the project permissions the synchronizer needs, through a project role.',
            RERUN,
          ],
          links: [links.globalPermissions(site)],
        });
      },
    }),
  },
  ISSUES_HIDDEN_BY_SECURITY: {
    category: 'permissions',
    severity: 'warning',
    title: 'Issue security hides some issues from the sync user',
    meaning:
      'admin view: issue security levels hide sampled issues from the sync user although it can browse the project (carries project, hidden of sampled, levels)',
    docs: '*added (#12):* admin view: issue security levels hide sampled secured issues of a project from the sync user although it may browse the project; `project`, `details.hidden` of `details.sampled`, `details.levels`',
    remedies: (make) => ({
      issuesHidden(
        step: string,
        site: string,
        who: string,
        key: string,
        found: { hidden: number; sampled: number; levels: string[] },
      ): Finding {
        const levels = found.levels.map((l) => `“${l}”`).join(', ');
        return make({
          step,
          project: key,
          message: `${who} cannot see ${found.hidden} of ${found.sampled} sampled secured issues in ${key} (security level${
            found.levels.length === 1 ? '' : 's'
          } ${levels}), although it may browse the project. The synchronizer gets "Issue does not exist or you do not have permission to see it." for them.`,
          steps: [
            `In ${key}'s issue security scheme, add ${who} to the security level${found.levels.length === 1 ? '' : 's'} ${levels}: preferably through a project role the user is in (e.g. atlassian-addons-project-access for an app account), or as a single user,`,
            'or leave it if the synchronizer must not see those issues.',
            RERUN,
          ],
          links: [links.projectIssueSecurity(site, key)],
          details: { hidden: found.hidden, sampled: found.sampled, levels: found.levels },
        });
      },
    }),
  },
});
