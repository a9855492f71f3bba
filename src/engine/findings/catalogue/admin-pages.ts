import type { Link } from '../../model/report';

/**
 * The admin page the panel offers for a finding that carries no links of its own (a catalogue
 * entry's `adminPage`). `site` comes without a trailing slash.
 */
export const API_TOKENS_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';
export const ADMIN_HUB_URL = 'https://admin.atlassian.com/';

export const adminPages = {
  projectPermissions: (site: string, project: string | undefined): Link =>
    project
      ? {
          url: `${site}/plugins/servlet/project-config/${encodeURIComponent(project)}/permissions`,
          label: `Open ${project} permissions`,
        }
      : adminPages.permissionSchemes(site),
  permissionSchemes: (site: string): Link => ({
    url: `${site}/secure/admin/ViewPermissionSchemes.jspa`,
    label: 'Open permission schemes',
  }),
  projectList: (site: string): Link => ({
    url: `${site}/jira/projects`,
    label: 'Open the project list',
  }),
  apiTokens: (): Link => ({
    url: API_TOKENS_URL,
    label: 'Open API tokens (sign in as the sync user)',
  }),
  users: (): Link => ({ url: ADMIN_HUB_URL, label: 'Users in Atlassian Administration' }),
  serviceAccounts: (): Link => ({
    url: ADMIN_HUB_URL,
    label: 'Open service accounts (Atlassian Administration → Directory → Service accounts)',
  }),
  globalPermissions: (site: string): Link => ({
    url: `${site}/secure/admin/GlobalPermissions!default.jspa`,
    label: 'Open global permissions',
  }),
  billing: (): Link => ({
    url: ADMIN_HUB_URL,
    label: 'Billing in Atlassian Administration',
  }),
  ipAllowlists: (): Link => ({
    url: ADMIN_HUB_URL,
    label: 'Open IP allowlists (Atlassian Administration → Security)',
  }),
};
