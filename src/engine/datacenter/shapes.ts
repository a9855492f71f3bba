import { z } from 'zod';
import type { JiraUser } from '../knowledge/jira-shapes';

/** The parts of Data Center's user representation the doctor reads (`/myself`, `/user`). */
export const dcUserShape = z.object({
  name: z.string().min(1),
  key: z.string().min(1),
  displayName: z.string().optional(),
  emailAddress: z.string().nullable().optional(),
  active: z.boolean().optional(),
  groups: z
    .object({ items: z.array(z.object({ name: z.string().optional() })).optional() })
    .optional(),
  applicationRoles: z
    .object({ items: z.array(z.object({ key: z.string().optional() })).optional() })
    .optional(),
});
export type DcUser = z.infer<typeof dcUserShape>;

export const dcUserListShape = z.array(
  z.object({ name: z.string(), active: z.boolean().optional() }),
);

export const dcProjectShape = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  name: z.string().optional(),
  projectTypeKey: z.string().optional(),
});

/**
 * The engine's user type is Cloud's; on Data Center the user key stands in for the account ID
 * (both are the stable identifier that survives a rename) and there is no account type.
 */
export function toJiraUser(user: DcUser): JiraUser {
  return {
    accountId: user.key,
    displayName: user.displayName ?? user.name,
    emailAddress: user.emailAddress ?? null,
    ...(user.active === undefined ? {} : { active: user.active }),
    ...(user.groups?.items ? { groups: { items: user.groups.items } } : {}),
    ...(user.applicationRoles?.items
      ? { applicationRoles: { items: user.applicationRoles.items } }
      : {}),
  };
}

/** "Display Name (username)". */
export function describeDcUser(user: DcUser): string {
  return user.displayName && user.displayName !== user.name
    ? `${user.displayName} (${user.name})`
    : user.name;
}
