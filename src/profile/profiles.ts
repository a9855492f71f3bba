/**
 * The deployable builds of the Forge app. One source tree; `npm run forge:dir -- --profile NAME`
 * writes `build/forge/NAME/` with the manifest and the active profile of that build.
 */
export type ProfileName = 'default' | 'runs-on-atlassian';

export interface Profile {
  name: ProfileName;
  /** How the docs and the panel name it. */
  title: string;
  /** Whether `runCheck` accepts the sync user's email + API token (needs egress to the site). */
  tokenCheck: boolean;
  /** `permissions.external.fetch.backend` addresses of the manifest; none means no `external` section. */
  egress: readonly string[];
}

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  default: {
    name: 'default',
    title: 'Default (in-house)',
    tokenCheck: true,
    // The token check: the sync user's email + API token against the site and the API gateway.
    egress: ['*.atlassian.net', 'api.atlassian.com'],
  },
  'runs-on-atlassian': {
    name: 'runs-on-atlassian',
    title: 'Runs on Atlassian (Marketplace)',
    tokenCheck: false,
    egress: [],
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function isProfileName(value: string): value is ProfileName {
  return (PROFILE_NAMES as string[]).includes(value);
}
