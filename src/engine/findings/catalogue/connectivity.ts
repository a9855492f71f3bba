import { adminPages } from './admin-pages';
import type { CatalogueEntry } from './entry';

/** Connectivity: the request does not reach Jira. */
export const CONNECTIVITY = {
  IP_NOT_ALLOWED: {
    category: 'connectivity',
    severity: 'error',
    title: "Blocked by the site's IP allowlist",
    meaning: "rejected by the site's IP allowlist",
    adminPage: adminPages.ipAllowlists,
  },
  TLS_ERROR: {
    category: 'connectivity',
    severity: 'error',
    title: 'The secure connection to Jira failed',
    meaning: 'certificate problem (e.g. an intercepting proxy)',
  },
  SITE_UNREACHABLE: {
    category: 'connectivity',
    severity: 'error',
    title: 'The site cannot be reached',
    meaning: 'DNS/connection failure, or not a Jira Cloud site',
  },
} satisfies Record<string, CatalogueEntry>;
