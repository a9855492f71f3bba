/**
 * How old a report from the synchronizer's host may be when it is imported. A day lets an admin
 * ask the host's owner to run the command and send the file back; older evidence about a token
 * (which may have been revoked or rotated since) is refused, and the admin runs it again.
 */
export const HOST_REPORT_MAX_AGE_HOURS = 24;
/** Clocks of the host and of Forge may disagree by this much before a report counts as "from the future". */
export const HOST_REPORT_CLOCK_SKEW_MS = 10 * 60_000;
