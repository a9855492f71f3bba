import type { ProfileName } from './profiles';

/**
 * The profile this build of the app runs as. `npm run forge:dir` rewrites this one line in the
 * app directory it writes (scripts/forge-dir.ts); the source tree is the default build.
 */
export const ACTIVE_PROFILE: ProfileName = 'default';
