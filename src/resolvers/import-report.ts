import { checkedPermissions } from '../engine/cloud/diagnose';
import type { Report } from '../engine/model/report';
import { syncTargets } from '../engine/model/sync-targets';
import { authorise } from './authorise';
import { readContext } from './context';
import { Deadline } from './deadline';
import type { ResolverEnvironment } from './environment';
import { projectIdOf } from './project-id';
import { ResolverError } from './envelope';
import { checkHostReport, HostReportRefused } from './host-report-check';
import { hostFacts, withoutEmails } from './host-facts';
import { MAX_HOST_REPORT_CHARS } from './host-report-limits';
import { IMPORT_QUOTA, spend } from './quota';
import {
  confine,
  permissionKeys,
  requestedPermissions,
  runDiagnosis,
  type ResolverRequest,
} from './run-check';
import { importReportSchema, parsePayload } from './validate';

export { MAX_HOST_REPORT_CHARS } from './host-report-limits';

/**
 * "Check from the synchronizer's host": the CLI checked the sync user's token on the host that
 * runs the integration and wrote a report; this imports it, runs the admin view of the same
 * check (no token, no egress), and answers one merged report, kept in history like any run.
 */
export function importReport(now: () => number = Date.now) {
  return async (
    request: ResolverRequest,
    environment: ResolverEnvironment,
  ): Promise<{ ok: true; report: Report }> => {
    const deadline = Deadline.start(environment.budgetMs);
    const caller = readContext(request.context, environment);
    precheckSize(request.payload);
    const payload = parsePayload(importReportSchema, request.payload);
    const projects = confine(caller, payload.projects);
    const permissions = permissionKeys(requestedPermissions(payload));
    const authority = await authorise(caller, deadline);

    let hostReport: Report;
    try {
      const checked = checkHostReport(payload.report, {
        site: caller.siteUrl,
        accountId: payload.user.accountId,
        projects,
        // The host's report also checked what the synchronizer's fields need (reporter → Modify Reporter).
        permissions: checkedPermissions({
          permissions,
          ...syncTargets({ preset: payload.preset, permissions, fields: payload.fields }),
        }),
        now: now(),
      });
      // Facts, not text: every message, step and link is the app's own; no email is kept.
      hostReport = withoutEmails(
        hostFacts(checked, {
          site: caller.siteUrl,
          cloudId: caller.cloudId,
          userAccountId: payload.user.accountId,
        }),
      );
    } catch (error) {
      if (error instanceof HostReportRefused)
        throw new ResolverError('INVALID_INPUT', error.message);
      throw error;
    }
    // Only a report that will be kept costs the person one of their imports.
    await deadline.race(spend(IMPORT_QUOTA, caller.accountId, now()));
    const projectId = caller.surface === 'project' ? await projectIdOf(caller, deadline) : null;
    const { report: _report, ...check } = payload;
    return runDiagnosis({
      caller,
      authority,
      projectId,
      deadline,
      payload: check,
      projects,
      permissions,
      hostReport,
    });
  };
}

function precheckSize(payload: unknown): void {
  const report = (payload as { report?: unknown } | null)?.report;
  if (report === undefined) return;
  let size: number;
  try {
    size = JSON.stringify(report)?.length ?? 0;
  } catch {
    throw new ResolverError('INVALID_INPUT', 'The report was not imported: it is not JSON.');
  }
  if (size > MAX_HOST_REPORT_CHARS) {
    throw new ResolverError(
      'INVALID_INPUT',
      `The report was not imported: it is larger than ${MAX_HOST_REPORT_CHARS / 1_000_000} MB, more than any report of this check.`,
    );
  }
}
