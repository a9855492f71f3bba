/** Check ids are part of the report contract (`checks[].id`, `findings[].step`). */
export const TOKEN_STEPS = {
  visibility: 'token-projects',
  permission: 'token-permissions',
} as const;
export const ADMIN_STEPS = {
  visibility: 'admin-projects',
  permission: 'admin-permissions',
} as const;

/**
 * Checks whose requests are advisory (run/send.ts): what goes wrong there is reported as
 * information, whatever its code, and never decides the verdict. Only these steps write `info`
 * findings of codes whose catalogue severity is not `info`.
 */
export const ADVISORY_STEPS: ReadonlySet<string> = new Set([
  'scoped-token-probe',
  'site-url',
  'permission-keys',
  'sync-fields',
  'create-readiness',
  'edit-screens',
  'issue-security',
  'scheme-mapping',
]);
