/** Forge function `resolver` (manifest.yml: handler `index.handler`): the Custom UI's resolvers. */
export { definitions as handler } from './resolvers';
/** Forge function `privacy-sweep` (manifest.yml: handler `index.privacySweep`), run weekly. */
export { privacySweep } from './privacy/sweep';
/**
 * Permission watch (#27): function `watch-daily` (scheduled trigger, daily) and the consumer of
 * queue `watch-runs` (function `watch-run`), which re-check every sync profile as the
 * administrator who saved it (src/resolvers/watch-run.ts).
 */
export { watchDaily, watchRun } from './resolvers/watch-run';
/** Permission watch (#27): the Automation action "Check a sync profile" (function `check-sync-profile`). */
export { checkSyncProfile } from './resolvers/watch-action';
