import type { Finding, Report } from './types';

import { FINDING_CATALOGUE } from '@shared/engine/findings/catalogue';

export { ADMIN_HUB_URL, API_TOKENS_URL } from '@shared/engine/findings/catalogue/admin-pages';

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

/** The admin page where a finding gets fixed, when there is one (its catalogue entry's `adminPage`). */
export function linkForFinding(finding: Finding, ctx: LinkContext): AdminLink | null {
  const page = FINDING_CATALOGUE[finding.code].adminPage?.(trimSlash(ctx.site), finding.project);
  return page ? { href: page.url, label: page.label } : null;
}

export function linkContextFor(report: Report, cloudId: string | null): LinkContext {
  return { site: report.site, cloudId, accountId: report.subject?.accountId ?? null };
}
