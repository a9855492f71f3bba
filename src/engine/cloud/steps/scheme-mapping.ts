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
 * The longest `projectId=…&projectId=…` list one mapping request carries, in characters. The
 * mapping endpoints document no limit on how many project IDs a request names (the OpenAPI spec:
 * an array, no `maxItems`), so a request is as long as a URL safely is: RFC 9110 (4.1) asks every
 * sender and recipient to support URIs of at least 8,000 octets, and this leaves room for the
 * site address, path and paging under it. About 370 five-digit IDs a request: 300 projects are one
 * request of each kind, 1000 projects three. A 414 or 431 (URI or header too long) splits the
 * request in two.
 */
export const MAPPING_QUERY_MAX_CHARS = 6000;
/** Pages read per request at most, should Jira page a mapping answer after all. */
const MAX_PAGES = 20;
/** How often a request the server found too long is halved. */
const MAX_SPLITS = 4;

/**
 * The project IDs in as few requests as MAPPING_QUERY_MAX_CHARS allows, split evenly (so that no
 * request is much longer than another: they run at once, and the longest answers last).
 */
export function mappingBatches(projectIds: readonly string[]): string[][] {
  const cost = (id: string): number => 'projectId='.length + id.length + 1;
  const fits = (ids: readonly string[]): boolean =>
    ids.reduce((n, id) => n + cost(id), 0) <= MAPPING_QUERY_MAX_CHARS;
  const greedy: string[][] = [];
  let used = Infinity;
  for (const id of projectIds) {
    if (used + cost(id) > MAPPING_QUERY_MAX_CHARS) {
      greedy.push([]);
      used = 0;
    }
    (greedy[greedy.length - 1] as string[]).push(id);
    used += cost(id);
  }
  if (greedy.length <= 1) return greedy;
  const even = chunk(projectIds, Math.ceil(projectIds.length / greedy.length));
  // IDs of different lengths could make an even split too long: then the greedy one.
  return even.every(fits) ? even : greedy;
}

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
 * Reads the four mappings for the given project IDs, as many IDs a request as a URL safely holds
 * (`mappingBatches`), all at once (one wave, beside the permission check). Needs Administer Jira.
 * Returns null when nothing could be read.
 */
export async function readSchemeMapping(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  projectIds: readonly string[],
  who: string,
): Promise<SchemeMapping | null> {
  return startSchemeMapping(ctx, handle, client, projectIds, who).complete;
}

export interface StartedMapping {
  /**
   * The screen classes as soon as the three mappings that decide screens are read (issue
   * security left empty): the screen reads need not wait for the issue security mapping (#26).
   */
  screens: Promise<SchemeMapping | null>;
  /** All four. */
  complete: Promise<SchemeMapping | null>;
}

/** Starts the mapping reads (see `readSchemeMapping`); two views of them as they arrive. */
export function startSchemeMapping(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  projectIds: readonly string[],
  who: string,
): StartedMapping {
  // One project shares its screens with no other target: they are read in it either way, so only
  // what tells its issue security (the screen scheme mapping lists every company-managed project)
  // is asked. Two fewer requests for a one-project check (#26).
  const kinds: Kind[] =
    projectIds.length > 1 ? ['types', 'screens', 'fields', 'security'] : ['screens', 'security'];
  const read = (kind: Kind): Promise<KindRead> =>
    kinds.includes(kind)
      ? readKind(ctx, handle, client, kind, projectIds, who)
      : Promise.resolve(EMPTY);
  const types = read('types');
  const screens = read('screens');
  const fields = read('fields');
  const security = read('security');
  const screenKinds = Promise.all([types, screens, fields]);
  return {
    screens: screenKinds.then((reads) => combine(projectIds, [...reads, EMPTY])),
    complete: Promise.all([screenKinds, security]).then(([reads, sec]) =>
      combine(projectIds, [...reads, sec]),
    ),
  };
}

/** A kind not asked for: nothing known, nothing failed. */
const EMPTY: KindRead = { map: new Map(), failed: new Set() };

function combine(
  projectIds: readonly string[],
  reads: [KindRead, KindRead, KindRead, KindRead],
): SchemeMapping | null {
  const [types, screens, fields, security] = reads;
  if (reads.every((r) => r.map.size === 0 && (r === EMPTY || r.failed.size > 0))) return null;
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
    if (security === EMPTY || security.failed.has(id)) continue;
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
    mappingBatches(projectIds).map((ids) => readBatch(ctx, handle, client, kind, ids, who, out, 0)),
  );
  return out;
}

async function readBatch(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  kind: Kind,
  ids: readonly string[],
  who: string,
  out: KindRead,
  splits: number,
): Promise<void> {
  const result = await readPages(ctx, handle, client, kind, ids, who, out.map);
  if (result === 'too-long' && ids.length > 1 && splits < MAX_SPLITS) {
    const half = Math.ceil(ids.length / 2);
    await Promise.all(
      [ids.slice(0, half), ids.slice(half)].map((part) =>
        readBatch(ctx, handle, client, kind, part, who, out, splits + 1),
      ),
    );
    return;
  }
  if (result !== true) for (const id of ids) out.failed.add(id);
}

/** HTTP's "too long" answers (RFC 9110 15.5.15, RFC 6585 5): the request is split and sent again. */
const TOO_LONG = [414, 431];

/**
 * One request's answer, all its pages: the first page asks for as many entries as projects (one
 * scheme of a kind each, so one page answers); should Jira page it anyway, the rest are read at
 * once when it says how many there are, else one after another.
 */
async function readPages(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  kind: Kind,
  ids: readonly string[],
  who: string,
  into: Map<string, SchemeName | null>,
): Promise<boolean | 'too-long'> {
  const wanted = new Set(ids);
  const keep = (page: ParsedPage): void => {
    // The projects of a scheme may include projects beyond those asked for: only those are kept.
    for (const [projectId, scheme] of page.entries)
      if (wanted.has(projectId) && !into.has(projectId)) into.set(projectId, scheme);
  };
  const first = await readPage(ctx, handle, client, kind, ids, who, 0);
  if (first === null || first === 'too-long') return first ?? false;
  keep(first);
  let read = first.count;
  if (!hasMore(first, read)) return true;
  const size = first.count;
  if (first.total !== undefined && size > 0) {
    const starts: number[] = [];
    for (let at = read; at < first.total && starts.length < MAX_PAGES - 1; at += size)
      starts.push(at);
    const pages = await Promise.all(
      starts.map((at) => readPage(ctx, handle, client, kind, ids, who, at)),
    );
    for (const page of pages) {
      if (page === null || page === 'too-long') return false;
      keep(page);
      read += page.count;
    }
    if (read >= first.total) return true;
  } else {
    for (let pageNo = 1; pageNo < MAX_PAGES; pageNo++) {
      const page = await readPage(ctx, handle, client, kind, ids, who, read);
      if (page === null || page === 'too-long') return false;
      keep(page);
      read += page.count;
      if (!hasMore(page, read)) return true;
    }
  }
  handle.finish('warn', `${ENDPOINTS[kind]}: more than ${MAX_PAGES} pages; the rest not read.`);
  return false;
}

function hasMore(page: ParsedPage, read: number): boolean {
  if (page.count === 0) return false;
  return page.isLast === false || (page.total !== undefined && read < page.total);
}

async function readPage(
  ctx: RunContext,
  handle: StepHandle,
  client: JiraClient,
  kind: Kind,
  ids: readonly string[],
  who: string,
  startAt: number,
): Promise<ParsedPage | 'too-long' | null> {
  const req = {
    method: 'GET' as const,
    path: ENDPOINTS[kind],
    query: { projectId: [...ids], startAt, maxResults: ids.length },
    priority: 'low' as const,
  };
  const res = await send(ctx, handle, client, req, {
    expect: [200, 403, ...TOO_LONG],
    who,
    advisory: true,
  });
  if (!res) return null;
  if (TOO_LONG.includes(res.status)) return 'too-long';
  if (res.status === 403) {
    handle.finish(
      'skip',
      `${ENDPOINTS[kind]}: Jira refused it (Administer Jira is needed to read which schemes projects use).`,
    );
    return null;
  }
  const page = parsePage(kind, res.json);
  if (!page) return unexpected(ctx, handle, req, 'no scheme mapping in the body', true);
  return page;
}

interface ParsedPage {
  entries: Array<[string, SchemeName | null]>;
  count: number;
  isLast: boolean | undefined;
  total: number | undefined;
}

/** Projects and the scheme they use (null: none), as one mapping value names them. */
interface Mapped {
  projectIds: readonly string[];
  scheme: SchemeName | null;
}

/** A mapping page as its shape parses it: the values and the paging. */
interface MappingPage<V> {
  values: V[];
  isLast?: boolean | undefined;
  total?: number | undefined;
}

/** What a mapping page shape's safeParse answers: the page, or a miss. */
type PageParse<V> = { success: true; data: MappingPage<V> } | { success: false };

/** A mapping page shape (from jira-shapes), as parsePage uses it. */
interface PageShape<V> {
  safeParse(input: unknown): PageParse<V>;
}

function parsePage(kind: Kind, json: unknown): ParsedPage | null {
  const name = (s: { id: string; name?: string | undefined }): SchemeName => ({
    id: s.id,
    name: s.name ?? null,
  });
  const read = <V>(shape: PageShape<V>, pick: (value: V) => Mapped): ParsedPage | null => {
    const parsed = shape.safeParse(json);
    if (!parsed.success) return null;
    const values = parsed.data.values.map(pick);
    return {
      entries: values.flatMap((v) =>
        v.projectIds.map((id): [string, SchemeName | null] => [id, v.scheme]),
      ),
      count: values.length,
      isLast: parsed.data.isLast,
      total: parsed.data.total,
    };
  };
  switch (kind) {
    case 'types':
      return read(issueTypeSchemeProjectsShape, (v) => ({
        projectIds: v.projectIds,
        scheme: name(v.issueTypeScheme),
      }));
    case 'screens':
      return read(issueTypeScreenSchemeProjectsShape, (v) => ({
        projectIds: v.projectIds,
        scheme: name(v.issueTypeScreenScheme),
      }));
    case 'fields':
      return read(fieldConfigurationSchemeProjectsShape, (v) => ({
        projectIds: v.projectIds,
        scheme: v.fieldConfigurationScheme ? name(v.fieldConfigurationScheme) : null,
      }));
    case 'security':
      return read(securitySchemesWithProjectsShape, (v) => ({
        projectIds: (v.projectIds ?? []).map(String),
        scheme: { id: String(v.id), name: v.name ?? null },
      }));
  }
}
