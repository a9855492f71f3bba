/**
 * Parallel Jira calls of one `runCheck` run, across all its clients. Lower than the CLI's 8:
 * Forge product calls share the app's rate-limit budget with every other invocation.
 */
export const RESOLVER_CONCURRENCY = 4;
