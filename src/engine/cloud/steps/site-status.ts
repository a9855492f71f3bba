import { JiraTransportError, type JiraClient } from '../../port/jira-client';
import { remedy } from '../../findings/remedies';
import type { RunContext } from '../../run/context';

export const SITE_STATUS_STEP = 'site-status';
const TITLE = 'After a 503: is the site suspended, or is Jira down?';

/**
 * A3 (recorded: Atlassian's GitHub for Jira app, pull 1193): a 503 from Jira Cloud is either an
 * outage or a site that is suspended, deactivated or gone. The site's own status page tells them
 * apart: it answers 503 too for such a site. Asked once, without credentials, and only after a
 * 503 was reported; its answer replaces the 503 findings with SITE_SUSPENDED, or leaves them as
 * they are (an outage: retry later). Only where the run has a client for the site without
 * credentials (the status page is outside the REST API).
 */
export async function checkSiteStatus(
  ctx: RunContext,
  anonymous: JiraClient | null,
): Promise<void> {
  const unavailable = ctx.findings.filter(
    (f) => f.code === 'JIRA_UNAVAILABLE' && f.details?.['status'] === 503,
  );
  const first = unavailable[0];
  if (!first || !anonymous) return;
  const handle = ctx.step(SITE_STATUS_STEP, TITLE);
  let status: number;
  try {
    status = (
      await anonymous.request({ method: 'GET', path: '/status', step: handle.id, once: true })
    ).status;
  } catch (error) {
    if (!(error instanceof JiraTransportError)) throw error;
    handle.finish('error', `GET /status: ${error.message}; the 503 is left as it was.`);
    return;
  }
  if (status !== 503) {
    handle.finish(
      'pass',
      `GET /status answered ${status}: the site exists, so the 503 was an outage or an overload.`,
    );
    return;
  }
  handle.finish('fail', 'GET /status answered 503: the site is suspended, deactivated or gone.');
  const operation =
    typeof first.details?.['operation'] === 'string' ? first.details['operation'] : 'a request';
  ctx.remove((f) => f.code === 'JIRA_UNAVAILABLE' && f.details?.['status'] === 503);
  ctx.add(remedy.siteSuspended(handle.id, ctx.site, operation));
}
