import type { ProfileName } from '../profile/profiles';

/** What this build of the app can do (`getCapabilities`). */
export interface Capabilities {
  profile: ProfileName;
  profileTitle: string;
  /** Whether this build may take the sync user's API token (the "Check the token too" form). */
  tokenCheck: boolean;
  /** A report from the synchronizer's host is accepted up to this many hours after it was made. */
  hostReportMaxAgeHours: number;
  /** The site the host's command must check (this installation's). */
  site: string;
}
