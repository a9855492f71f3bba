/** Site-level endpoints: tenant info and server info. */
import { ok } from '../http';
import { jiraDateTime } from '../representations';
import type { Handler } from './context';

/** `GET /_edge/tenant_info` (no auth, site only): `{"cloudId":"…"}`. */
export const getTenantInfo: Handler = (ctx) => ok({ cloudId: ctx.world.site.cloudId });

/**
 * `GET /status` (no auth, site only). Recorded use (A3): a suspended, deactivated or missing site
 * answers 503 here, a live one does not. The body of a live site's answer is not documented for
 * Cloud; `{"state":"RUNNING"}` is what Data Center documents. Only the status is read.
 */
export const getSiteStatus: Handler = () => ok({ state: 'RUNNING' });

const BUILD_DATE = new Date('2026-01-01T00:00:00.000Z');

export const getServerInfo: Handler = (ctx) =>
  ok({
    baseUrl: ctx.siteUrl,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100000,
    buildDate: jiraDateTime(BUILD_DATE),
    serverTime: jiraDateTime(ctx.now),
    scmInfo: '0000000000000000000000000000000000000000',
    serverTitle: ctx.world.site.serverTitle ?? 'Jira',
  });
