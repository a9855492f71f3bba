import type { JiraClient } from '../../port/jira-client';
import {
  fieldConfigurationSchemeProjectsShape,
  issueTypeSchemeProjectsShape,
  issueTypeScreenSchemeProjectsShape,
  securitySchemesWithProjectsShape,
} from '../../knowledge/jira-shapes';
import type { RunContext, StepHandle } from '../../run/context';
import { send, unexpected } from '../../run/send';
import { chunk } from './projects';

/**
 * Project IDs per mapping request. Each project uses exactly one scheme of a kind, so an answer
 * holds at most this many entries: with `maxResults` the same, one page answers (the spec's
 * default page is 50). A later page is still read if Jira says there is one.
 */
export const MAPPING_IDS_PER_REQUEST = 50;
/** Pages read per request at most, should Jira page a mapping answer after all. */
const MAX_PAGES = 20;

export interface SchemeName {
  id: string;
  name: string | null;
}

/**
 * Which schemes the target projects use, from the administrator's bulk mapping reads (project ID
 * → scheme). Screens and required fields follow from three schemes together, so two projects with
 * the same issue type scheme, issue type screen scheme and field configuration scheme show the
 * same create and edit screens (apart from fields Jira hides for a missing permission).
 */
export interface SchemeMapping {
  /** Project ID → its screen class (the three schemes), for projects all three reads mapped. */
  screens: Map<string, { id: string; screenScheme: SchemeName }>;
  /** Project IDs some mapping could not be read for (refused, failed): read one by one. */
  unread: Set<string>;
  /**
   * Project ID → its issue security scheme, or null for a company-managed project with none (it
   * is in the issue type screen scheme mapping, which lists every company-managed project, and
   * in no security scheme's list). Absent: not known.
   */
  security: Map<string, SchemeName | null>;
}

type Kind = 'types' | 'screens' | 'fields' | 'security';

interface KindRead {
  /** Project ID → scheme (null: the default field configuration scheme). */
  map: Map<string, SchemeName | null>;
  /** Project IDs whose request failed: nothing is known of them. */
  failed: Set<string>;
}

const ENDPOINTS: Readonly<Record<Kind, string>> = {
  types: '/rest/api/3/issuetypescheme/project',
  screens: '/rest/api/3/issuetypescreenscheme/project',
  fields: '/rest/api/3/fieldconfigurationscheme/project',
  security: '/rest/api/3/issuesecurityschemes/search',
};

/**
 * Reads the four mappings for the given project IDs, MAPPING_IDS_PER_REQUEST IDs a request, all at
 * once (one wave, beside the permission check). Needs Administer Jira. Returns null when nothing
 * could be read.
 */
export async function readSchemeMapping(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  projectIds: readonly string[],
  who: string,
): Promise<SchemeMapping | null> {
  const kinds: Kind[] = ['types', 'screens', 'fields', 'security'];
  const reads = await Promise.all(
    kinds.map((kind) => readKind(ctx, handle, client, kind, projectIds, who)),
  );
  const [types, screens, fields, security] = reads as [KindRead, KindRead, KindRead, KindRead];
  if (reads.every((r) => r.map.size === 0 && r.failed.size > 0)) return null;
  const mapping: SchemeMapping = { screens: new Map(), unread: new Set(), security: new Map() };
  for (const read of reads) for (const id of read.failed) mapping.unread.add(id);
  for (const id of projectIds) {
    const screenScheme = screens.map.get(id);
    const typeScheme = types.map.get(id);
    const fieldScheme = fields.map.get(id);
    const classic = screenScheme !== undefined && screenScheme !== null;
    if (classic && typeScheme && fieldScheme !== undefined && !fields.failed.has(id)) {
      mapping.screens.set(id, {
        id: [typeScheme.id, screenScheme.id, fieldScheme?.id ?? 'default'].join('/'),
        screenScheme,
      });
    }
    if (security.failed.has(id)) continue;
    const securityScheme = security.map.get(id);
    if (securityScheme) mapping.security.set(id, securityScheme);
    else if (classic) mapping.security.set(id, null);
  }
  return mapping;
}

async function readKind(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  kind: Kind,
  projectIds: readonly string[],
  who: string,
): Promise<KindRead> {
  const out: KindRead = { map: new Map(), failed: new Set() };
  await Promise.all(
    chunk(projectIds, MAPPING_IDS_PER_REQUEST).map(async (ids) => {
      const ok = await readPages(ctx, handle, client, kind, ids, who, out.map);
      if (!ok) for (const id of ids) out.failed.add(id);
    }),
  );
  return out;
}

async function readPages(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  kind: Kind,
  ids: readonly string[],
  who: string,
  into: Map<string, SchemeName | null>,
): Promise<boolean> {
  const wanted = new Set(ids);
  let startAt = 0;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const req = {
      method: 'GET' as const,
      path: ENDPOINTS[kind],
      query: { projectId: [...ids], startAt, maxResults: MAPPING_IDS_PER_REQUEST },
      priority: 'low' as const,
    };
    const res = await send(ctx, handle, client, req, {
      expect: [200, 403],
      who,
      advisory: true,
    });
    if (!res) return false;
    if (res.status === 403) {
      handle.finish(
        'skip',
        `${ENDPOINTS[kind]}: Jira refused it (Administer Jira is needed to read which schemes projects use).`,
      );
      return false;
    }
    const page = parsePage(kind, res.json);
    if (!page) {
      unexpected(ctx, handle, req, 'no scheme mapping in the body', true);
      return false;
    }
    // The projects of a scheme may include projects beyond those asked for: only those are kept.
    for (const [projectId, scheme] of page.entries)
      if (wanted.has(projectId) && !into.has(projectId)) into.set(projectId, scheme);
    const read = startAt + page.count;
    const more = page.isLast === false || (page.total !== undefined && read < page.total);
    if (!more || page.count === 0) return true;
    startAt = read;
  }
  handle.finish('warn', `${ENDPOINTS[kind]}: more than ${MAX_PAGES} pages; the rest not read.`);
  return false;
}

interface ParsedPage {
  entries: Array<[string, SchemeName | null]>;
  count: number;
  isLast: boolean | undefined;
  total: number | undefined;
}

function parsePage(kind: Kind, json: unknown): ParsedPage | null {
  const name = (s: { id: string; name?: string | undefined }): SchemeName => ({
    id: s.id,
    name: s.name ?? null,
  });
  const page = (
    values: ReadonlyArray<{ projectIds: readonly string[]; scheme: SchemeName | null }>,
    meta: { isLast?: boolean | undefined; total?: number | undefined },
  ): ParsedPage => ({
    entries: values.flatMap((v) =>
      v.projectIds.map((id): [string, SchemeName | null] => [id, v.scheme]),
    ),
    count: values.length,
    isLast: meta.isLast,
    total: meta.total,
  });
  switch (kind) {
    case 'types': {
      const parsed = issueTypeSchemeProjectsShape.safeParse(json);
      return parsed.success
        ? page(
            parsed.data.values.map((v) => ({
              projectIds: v.projectIds,
              scheme: name(v.issueTypeScheme),
            })),
            parsed.data,
          )
        : null;
    }
    case 'screens': {
      const parsed = issueTypeScreenSchemeProjectsShape.safeParse(json);
      return parsed.success
        ? page(
            parsed.data.values.map((v) => ({
              projectIds: v.projectIds,
              scheme: name(v.issueTypeScreenScheme),
            })),
            parsed.data,
          )
        : null;
    }
    case 'fields': {
      const parsed = fieldConfigurationSchemeProjectsShape.safeParse(json);
      return parsed.success
        ? page(
            parsed.data.values.map((v) => ({
              projectIds: v.projectIds,
              scheme: v.fieldConfigurationScheme ? name(v.fieldConfigurationScheme) : null,
            })),
            parsed.data,
          )
        : null;
    }
    case 'security': {
      const parsed = securitySchemesWithProjectsShape.safeParse(json);
      return parsed.success
        ? page(
            parsed.data.values.map((v) => ({
              projectIds: (v.projectIds ?? []).map(String),
              scheme: { id: String(v.id), name: v.name ?? null },
            })),
            parsed.data,
          )
        : null;
    }
  }
}
