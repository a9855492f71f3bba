/**
 * How old a report from the synchronizer's host may be when it is imported. A day lets an admin
 * ask the host's owner to run the command and send the file back; older evidence about a token
 * (which may have been revoked or rotated since) is refused, and the admin runs it again.
 */
export const HOST_REPORT_MAX_AGE_HOURS = 24;
/** Clocks of the host and of Forge may disagree by this much before a report counts as "from the future". */
export const HOST_REPORT_CLOCK_SKEW_MS = 10 * 60_000;
/**
 * The largest imported report, in characters of its JSON. Measured (scripts/measure-host-report.ts):
 * the report the CLI writes for 1000 projects where the sync user lacks a permission in every one
 * is 1,604,765 bytes in token mode (the host command) and 1,689,403 with admin mode too; an
 * import checks at most 100 projects (validate.ts MAX_PROJECTS), whose report is a tenth of that.
 * 2.5 MB leaves ~50 % headroom over the largest report the CLI writes for the most it can check.
 */
export const MAX_HOST_REPORT_CHARS = 2_500_000;
