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
  SITE_SUSPENDED: {
    category: 'connectivity',
    severity: 'error',
    title: 'The Jira site is suspended or deactivated',
    meaning:
      "Jira Cloud answered 503 and so does the site's status page: the site is suspended, deactivated or gone, not down; its administrator or billing contact must act",
    docs: "*added (#23)* (the CLI, and the Forge app where it reads the site without credentials): Jira Cloud answered 503 and the site's status page (`GET /status`, asked once without credentials) answers 503 too (A3): the site is suspended, deactivated or gone, not down; its administrator or billing contact must act",
    adminPage: adminPages.billing,
  },
} satisfies Record<string, CatalogueEntry>;
