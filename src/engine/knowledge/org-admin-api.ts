import { z } from 'zod';

/**
 * The organisation admin API's token list (docs/jira-behaviour.md S5):
 * `GET /admin/api-access/v1/orgs/{orgId}/api-tokens?q=&status=&pageSize=&cursor=` with
 * `Authorization: Bearer <org API key>` (scope `read:tokens:admin`). Documented: the answer
 * `{"data":[…],"links":{"self","next","prev"}}`, each token's `label`, `status`
 * (`ALLOWED`|`BLOCKED`), `createdAt`, `expiresAt`, `lastActiveAt` and `user` (`id`, `orgId`,
 * `name`, `email`); `links.next` is "the cursor for the next page". NOT DOCUMENTED, so read
 * leniently: whether a date can be null or absent, other `status` values, whether `links.next`
 * is the bare cursor or a URL carrying `cursor=`, the largest page.
 */
export const ORG_TOKENS_PATH = '/admin/api-access/v1/orgs/{orgId}/api-tokens';

const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

export const orgTokenShape = z.object({
  label: optionalText,
  status: optionalText,
  createdAt: optionalText,
  expiresAt: optionalText,
  lastActiveAt: optionalText,
  user: z
    .object({ id: optionalText, name: optionalText, email: optionalText })
    .nullish()
    .transform((u) => u ?? { id: null, name: null, email: null }),
});

export const orgTokenPageShape = z.object({
  data: z.array(orgTokenShape),
  links: z
    .object({ next: optionalText })
    .nullish()
    .transform((l) => l ?? { next: null }),
});

export type OrgToken = z.infer<typeof orgTokenShape>;

/** The page size asked for. The largest the API allows is not documented; a smaller answer is followed all the same. */
export const ORG_TOKENS_PAGE_SIZE = 100;

/**
 * The most pages one run reads: 200 pages of 100 hold 20,000 tokens. Beyond that the list is
 * reported as read in part, never as complete.
 */
export const ORG_TOKENS_MAX_PAGES = 200;

/**
 * The cursor for the next page: `links.next` is documented as the cursor; a URL carrying
 * `cursor=` is read for its cursor only, so the org API key is never sent to another address.
 */
export function nextCursor(next: string | null): string | null {
  if (next === null || next.trim() === '') return null;
  if (/^https?:\/\//i.test(next)) {
    try {
      return new URL(next).searchParams.get('cursor');
    } catch {
      return null;
    }
  }
  return next;
}
