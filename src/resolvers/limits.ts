/**
 * Parallel Jira calls of one `runCheck` run, across all its clients. Lower than the CLI's 8,
 * since other invocations of the app may be calling the same site at the same time.
 *
 * Why 6 (issue 26; docs/jira-behaviour.md S7, S8): the points quota is counted per hour, so how
 * many calls run at once does not change what a run spends; the per-second limits are per site
 * and endpoint (100 requests a second for a GET by default), and 6 calls in flight at Jira's
 * 100 ms or more answer in at most 60 a second, spread over several endpoints. Measured in
 * `npm run bench -- --cost`: the Forge stress world (1000 projects, 20 explained, 100 ms latency)
 * needs 43 waves at 4 and 29 at 6.
 */
export const RESOLVER_CONCURRENCY = 6;
