/** Check ids are part of the report contract (`checks[].id`, `findings[].step`). */
export const TOKEN_STEPS = {
  visibility: 'token-projects',
  permission: 'token-permissions',
} as const;
export const ADMIN_STEPS = {
  visibility: 'admin-projects',
  permission: 'admin-permissions',
} as const;
