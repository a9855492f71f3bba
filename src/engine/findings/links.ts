import type { Link } from '../model/report';

/** Where an admin fixes things. Site-relative pages are Jira's own; the rest are Atlassian account/admin pages. */
export const links = {
  apiTokens: (): Link => ({
    label: 'API tokens of the signed-in account (id.atlassian.com)',
    url: 'https://id.atlassian.com/manage-profile/security/api-tokens',
  }),
  tokenExpiry: (): Link => ({
    label:
      "The token owner's API tokens and their expiry dates (id.atlassian.com, signed in as that account)",
    url: 'https://id.atlassian.com/manage-profile/security/api-tokens',
  }),
  serviceAccounts: (): Link => ({
    label:
      'Service accounts and their credentials (Atlassian Administration → Directory → Service accounts)',
    url: 'https://admin.atlassian.com/',
  }),
  apiTokenPolicy: (): Link => ({
    label: 'API token policies of the organisation (Atlassian Administration → Security)',
    url: 'https://admin.atlassian.com/',
  }),
  adminUsers: (): Link => ({
    label: 'Users in Atlassian Administration',
    url: 'https://admin.atlassian.com/',
  }),
  ipAllowlist: (): Link => ({
    label: 'IP allowlists (Atlassian Administration → Security)',
    url: 'https://admin.atlassian.com/',
  }),
  projectPermissions: (site: string, key: string): Link => ({
    label: `Permissions of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/permissions`,
  }),
  projectPeople: (site: string, key: string): Link => ({
    label: `People (project roles) of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/people`,
  }),
  projectFields: (site: string, key: string): Link => ({
    label: `Fields of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/fields`,
  }),
  projectScreens: (site: string, key: string): Link => ({
    label: `Screens of project ${key} (its screen scheme: create and edit screen per issue type)`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/screens`,
  }),
  projectIssueSecurity: (site: string, key: string): Link => ({
    label: `Issue security of project ${key} (its issue security scheme and levels)`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/issuesecurity`,
  }),
  globalPermissions: (site: string): Link => ({
    label: 'Global permissions',
    url: `${site}/secure/admin/GlobalPermissions!default.jspa`,
  }),
  productAccess: (): Link => ({
    label: 'Product access (Atlassian Administration → Products)',
    url: 'https://admin.atlassian.com/',
  }),
  projects: (site: string): Link => ({ label: 'All projects', url: `${site}/jira/projects` }),
  billing: (): Link => ({
    label: 'Billing and subscriptions (Atlassian Administration)',
    url: 'https://admin.atlassian.com/',
  }),
  status: (): Link => ({
    label: 'Atlassian status page',
    url: 'https://jira-software.status.atlassian.com/',
  }),
};

/** Jira Data Center / Server: the instance's own pages. */
export const dcLinks = {
  personalAccessTokens: (site: string): Link => ({
    label: 'Personal access tokens of the signed-in user (Profile → Personal Access Tokens)',
    // Observed URL of the PAT tab of the profile page (Jira 8.14+).
    url: `${site}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`,
  }),
  userManagement: (site: string): Link => ({
    label: 'User management (Administration → User management)',
    url: `${site}/secure/admin/user/UserBrowser.jspa`,
  }),
  projectRoles: (site: string, key: string): Link => ({
    label: `Users and roles of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/roles`,
  }),
  projectPermissions: (site: string, key: string): Link => ({
    label: `Permissions of project ${key}`,
    url: `${site}/plugins/servlet/project-config/${encodeURIComponent(key)}/permissions`,
  }),
  globalPermissions: (site: string): Link => ({
    label: 'Global permissions',
    url: `${site}/secure/admin/GlobalPermissions!default.jspa`,
  }),
};
