import { adminPages } from './admin-pages';
import { defineCodes } from './define';
import { RERUN, type Via } from './wording';
import { links } from '../links';
import type { Finding } from '../../model/report';
import type { RequestOrigin } from '../../port/jira-client';

/** Connectivity: the request does not reach Jira. */
export const CONNECTIVITY = defineCodes({
  IP_NOT_ALLOWED: {
    category: 'connectivity',
    severity: 'error',
    title: "Blocked by the site's IP allowlist",
    meaning: "rejected by the site's IP allowlist",
    adminPage: adminPages.ipAllowlists,
    remedies: (make) => ({
      /**
       * `from`: where the refused request left from. From Forge (the app's token check) the refusal
       * is about Atlassian's Forge platform, not about the synchronizer's host: the advice says so.
       */
      ipNotAllowed(step: string, from: RequestOrigin = 'host'): Finding {
        if (from === 'forge') {
          return make({
            step,
            message:
              "The site's IP allowlist rejected the request. It was sent from Atlassian's Forge platform (this app's outgoing connection), not from the synchronizer's host, so it says nothing yet about the synchronizer's own address.",
            steps: [
              'Check the credentials from the synchronizer\'s host instead ("Check from the synchronizer\'s host" below the form): that request leaves from the address the allowlist must allow.',
              "If that check is refused by the allowlist too, ask an organisation admin to add the synchronizer host's public IP address (or range) to the IP allowlist that covers Jira.",
            ],
            links: [links.ipAllowlist()],
          });
        }
        return make({
          step,
          message:
            "The site's IP allowlist rejected the request: the machine running the check (and probably the synchronizer) is not on the allowed list.",
          steps: [
            "Ask an organisation admin to add the synchronizer host's public IP address (or range) to the IP allowlist that covers Jira.",
            'Run the check again from the synchronizer host.',
          ],
          links: [links.ipAllowlist()],
        });
      },
    }),
  },
  TLS_ERROR: {
    category: 'connectivity',
    severity: 'error',
    title: 'The secure connection to Jira failed',
    meaning: 'certificate problem (e.g. an intercepting proxy)',
    remedies: (make) => ({
      tlsError(step: string, target: string, detail: string): Finding {
        return make({
          step,
          message: `The TLS connection to ${target} failed (${detail}). An intercepting proxy or antivirus often replaces Atlassian's certificate.`,
          steps: [
            "Trust the proxy's root certificate on this host (for Node: NODE_EXTRA_CA_CERTS=/path/to/ca.pem), or exempt Atlassian hosts from TLS inspection.",
            'Check the system clock is correct.',
            RERUN,
          ],
        });
      },
    }),
  },
  SITE_UNREACHABLE: {
    category: 'connectivity',
    severity: 'error',
    title: 'The site cannot be reached',
    meaning: 'DNS/connection failure, or not a Jira Cloud site',
    remedies: (make) => ({
      siteUnreachable(step: string, target: string, detail: string, via: Via = 'site'): Finding {
        if (via === 'gateway')
          return make({
            step,
            message: `The Atlassian API gateway (api.atlassian.com) could not be reached (${detail}).`,
            steps: [
              'Check DNS, proxy and firewall settings of the host running the check: it must reach api.atlassian.com, as a synchronizer with a scoped token does.',
              RERUN,
            ],
            links: [links.status()],
          });
        return make({
          step,
          message: `${target} could not be reached or is not a Jira Cloud site (${detail}).`,
          steps: [
            'Check the site URL (https://your-site.atlassian.net, without a path).',
            'Check DNS, proxy and firewall settings of the host running the check.',
            RERUN,
          ],
          links: [links.status()],
        });
      },
    }),
  },
  SITE_SUSPENDED: {
    category: 'connectivity',
    severity: 'error',
    title: 'The Jira site is suspended or deactivated',
    meaning:
      "Jira Cloud answered 503 and so does the site's status page: the site is suspended, deactivated or gone, not down; its administrator or billing contact must act",
    docs: "*added (#23)* (the CLI, and the Forge app where it reads the site without credentials): Jira Cloud answered 503 and the site's status page (`GET /status`, asked once without credentials) answers 503 too (A3): the site is suspended, deactivated or gone, not down; its administrator or billing contact must act",
    adminPage: adminPages.billing,
    remedies: (make) => ({
      /**
       * A3 (recorded: Atlassian's GitHub for Jira app, pull 1193): after a 503, the site's own
       * `GET /status` answering 503 means the site is deactivated, suspended or gone, not down.
       */
      siteSuspended(step: string, site: string, operation: string): Finding {
        return make({
          step,
          message: `${site} answered 503 to ${operation}, and the site's status page (${site}/status) answers 503 too: Jira Cloud says the site is suspended, deactivated or no longer exists. This is not an outage, so waiting and retrying will not help; the synchronizer fails the same way.`,
          steps: [
            `Ask the site's administrator or billing contact to check the site's subscription in Atlassian Administration (a suspended site is usually an unpaid bill or an ended trial; a deactivated one was closed by its owner).`,
            'If the site was renamed or moved, give the synchronizer its new address.',
            RERUN,
          ],
          links: [links.billing(), links.status()],
        });
      },
    }),
  },
});
