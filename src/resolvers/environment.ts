import { INVOCATION_BUDGET_MS } from './deadline';

/** What differs between production and the local Forge runtime (demo, tests). */
export interface ResolverEnvironment {
  /** Whether the sync user's token may be sent to this site origin (the token check). */
  isAllowedSite(origin: string): boolean;
  /** The invocation deadline, in milliseconds from its start. */
  budgetMs: number;
}

/** A Jira Cloud site: `https://<name>.atlassian.net`, nothing else (no port, no path). */
const ATLASSIAN_SITE = /^https:\/\/[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.atlassian\.net$/;

export function isAtlassianSite(origin: string): boolean {
  return ATLASSIAN_SITE.test(origin);
}

/** Production: what `src/index.ts` exports. The local runtime builds its own (local-forge). */
export const PRODUCTION: ResolverEnvironment = Object.freeze({
  isAllowedSite: isAtlassianSite,
  budgetMs: INVOCATION_BUDGET_MS,
});
