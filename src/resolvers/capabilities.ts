import type { Capabilities } from '../contract/capabilities';
import { PROFILES, type Profile } from '../profile/profiles';

export type { Capabilities } from '../contract/capabilities';
import { authorise } from './authorise';
import { readContext } from './context';
import { Deadline } from './deadline';
import type { ResolverEnvironment } from './environment';
import { HOST_REPORT_MAX_AGE_HOURS } from './host-report-limits';
import type { ResolverRequest } from './run-check';
import { capabilitiesSchema, parsePayload } from './validate';

/** What this build of the app can do: the panel asks instead of guessing from its own bundle. */
export function getCapabilities(profile: Profile) {
  return async (
    request: ResolverRequest,
    environment: ResolverEnvironment,
  ): Promise<{ ok: true; capabilities: Capabilities }> => {
    const deadline = Deadline.start(environment.budgetMs);
    const caller = readContext(request.context, environment);
    parsePayload(capabilitiesSchema, request.payload);
    await authorise(caller, deadline);
    return {
      ok: true,
      capabilities: {
        profile: profile.name,
        profileTitle: PROFILES[profile.name].title,
        // The token check also needs a site address the token may be sent to.
        tokenCheck: profile.tokenCheck && environment.isAllowedSite(caller.siteUrl),
        hostReportMaxAgeHours: HOST_REPORT_MAX_AGE_HOURS,
        site: caller.siteUrl,
      },
    };
  };
}
