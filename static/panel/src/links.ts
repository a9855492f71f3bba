import type { Finding, Report } from './types';

export const API_TOKENS_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';
export const ADMIN_HUB_URL = 'https://admin.atlassian.com/';

export interface AdminLink {
  href: string;
  label: string;
}

export interface LinkContext {
  site: string;
  cloudId: string | null;
  accountId: string | null;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function projectPermissionsUrl(site: string, projectKey: string): string {
  return `${trimSlash(site)}/plugins/servlet/project-config/${encodeURIComponent(projectKey)}/permissions`;
}

/** The admin page where a finding gets fixed, when there is one. */
export function linkForFinding(finding: Finding, ctx: LinkContext): AdminLink | null {
  const site = trimSlash(ctx.site);
  switch (finding.code) {
    case 'MISSING_PERMISSION':
    case 'PROJECT_NOT_VISIBLE':
    case 'JSM_AGENT_REQUIRED':
      return finding.project
        ? {
            href: projectPermissionsUrl(site, finding.project),
            label: `Open ${finding.project} permissions`,
          }
        : {
            href: `${site}/secure/admin/ViewPermissionSchemes.jspa`,
            label: 'Open permission schemes',
          };
    case 'NO_PROJECTS_VISIBLE':
      return {
        href: `${site}/secure/admin/ViewPermissionSchemes.jspa`,
        label: 'Open permission schemes',
      };
    case 'PROJECT_NOT_FOUND':
    case 'PROJECT_ARCHIVED':
    case 'PROJECT_IN_TRASH':
      return { href: `${site}/jira/projects`, label: 'Open the project list' };
    case 'CREDENTIALS_REJECTED':
    case 'PASSWORD_NOT_TOKEN':
    case 'SCOPED_TOKEN_AT_SITE_URL':
    case 'TOKEN_SCOPE_INSUFFICIENT':
    case 'TOKEN_WHITESPACE':
    case 'WRONG_ACCOUNT':
    case 'ANONYMOUS_FALLBACK':
      return { href: API_TOKENS_URL, label: 'Open API tokens (sign in as the sync user)' };
    case 'ACCOUNT_INACTIVE':
    case 'NO_PRODUCT_ACCESS':
    case 'CUSTOMER_ACCOUNT':
    case 'OVER_PRIVILEGED':
    case 'APP_ACCOUNT':
    case 'LOGIN_CHALLENGE':
      return { href: ADMIN_HUB_URL, label: 'Users in Atlassian Administration' };
    case 'CHECKER_NOT_ADMIN':
      return {
        href: `${site}/secure/admin/GlobalPermissions!default.jspa`,
        label: 'Open global permissions',
      };
    case 'IP_NOT_ALLOWED':
      return {
        href: ADMIN_HUB_URL,
        label: 'Open IP allowlists (Atlassian Administration → Security)',
      };
    default:
      return null;
  }
}

export function linkContextFor(report: Report, cloudId: string | null): LinkContext {
  return { site: report.site, cloudId, accountId: report.subject?.accountId ?? null };
}
