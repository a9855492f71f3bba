/**
 * Issue 26: the scheme mappings of many projects in few requests. The mapping endpoints take any
 * number of project IDs (the spec sets no maximum), so a request carries as many as a URL safely
 * holds; a server that finds it too long (414, 431) gets it again in halves; an answer Jira pages
 * anyway is read in parallel once its total is known.
 */
import type { JiraClient, JiraRequest, JiraResponse } from '../../src/engine/port/jira-client';
import { EvidenceLog } from '../../src/engine/port/evidence';
import { RunContext } from '../../src/engine/run/context';
import {
  MAPPING_QUERY_MAX_CHARS,
  mappingBatches,
  readSchemeMapping,
  startSchemeMapping,
} from '../../src/engine/cloud/steps/scheme-mapping';

const ids = (n: number, from = 20000): string[] =>
  Array.from({ length: n }, (_, i) => String(from + i));
const queryChars = (batch: readonly string[]): number =>
  batch.reduce((n, id) => n + `projectId=${id}&`.length, 0);

function answer(status: number, json: unknown): JiraResponse {
  return {
    status,
    headers: {},
    json,
    text: JSON.stringify(json),
    contentType: 'application/json',
    loginReason: null,
    accountId: 'admin',
    deniedReason: null,
    retryAfterSeconds: null,
    attempts: 1,
  };
}

/**
 * A site where every project uses scheme 1 of each kind except every 7th (scheme 2), which pages
 * its answers `pageSize` schemes at a time, and refuses a URL of more than `maxIds` IDs with 414.
 */
function fakeSite(options: { pageSize: number; maxIds: number }) {
  const sent: JiraRequest[] = [];
  const client: JiraClient = {
    target: 'site',
    async request(req: JiraRequest): Promise<JiraResponse> {
      sent.push(req);
      const asked = (req.query?.['projectId'] as string[] | undefined) ?? [];
      if (asked.length > options.maxIds) return answer(414, {});
      const startAt = Number(req.query?.['startAt'] ?? 0);
      const groups = new Map<string, string[]>();
      for (const id of asked) {
        const scheme = Number(id) % 7 === 0 ? '2' : '1';
        groups.set(scheme, [...(groups.get(scheme) ?? []), id]);
      }
      const all = [...groups].map(([scheme, projectIds]) => {
        const ref = { id: scheme, name: `Scheme ${scheme}` };
        if (req.path.includes('issuetypescreenscheme'))
          return { issueTypeScreenScheme: ref, projectIds };
        if (req.path.includes('issuetypescheme')) return { issueTypeScheme: ref, projectIds };
        if (req.path.includes('fieldconfigurationscheme'))
          return { fieldConfigurationScheme: ref, projectIds };
        return { id: Number(scheme), name: ref.name, projectIds: projectIds.map(Number) };
      });
      const values = all.slice(startAt, startAt + options.pageSize);
      return answer(200, {
        startAt,
        maxResults: options.pageSize,
        total: all.length,
        isLast: startAt + values.length >= all.length,
        values,
      });
    },
  } as JiraClient;
  return { client, sent };
}

function run(client: JiraClient, projectIds: string[]) {
  const ctx = new RunContext('https://site.example', [], new EvidenceLog());
  const handle = ctx.step('scheme-mapping', 'Which schemes');
  return readSchemeMapping(ctx, handle, client, projectIds, 'the admin');
}

describe('scheme mapping requests (#26)', () => {
  it('puts as many project IDs in a request as a safe URL holds, split evenly', () => {
    expect(mappingBatches(ids(300))).toHaveLength(1);
    const thousand = mappingBatches(ids(1000));
    expect(thousand).toHaveLength(3);
    expect(thousand.flat()).toEqual(ids(1000));
    for (const batch of thousand)
      expect(queryChars(batch)).toBeLessThanOrEqual(MAPPING_QUERY_MAX_CHARS);
    expect(thousand.map((b) => b.length)).toEqual([334, 334, 332]);
    // Longer IDs: fewer a request, never over the limit.
    for (const batch of mappingBatches(ids(1000, 1_000_000_000)))
      expect(queryChars(batch)).toBeLessThanOrEqual(MAPPING_QUERY_MAX_CHARS);
    expect(mappingBatches([])).toEqual([]);
  });

  it('1000 projects: three requests of each kind, every project mapped', async () => {
    const { client, sent } = fakeSite({ pageSize: 50, maxIds: 1000 });
    const mapping = await run(client, ids(1000));
    expect(sent).toHaveLength(12);
    expect(mapping?.screens.size).toBe(1000);
    expect(mapping?.unread.size).toBe(0);
    expect(mapping?.screens.get('20003')?.id).toBe('1/1/1');
    expect(mapping?.screens.get('20006')?.id).toBe('2/2/2');
  });

  it('a request the server finds too long (414) is sent again in halves', async () => {
    const { client, sent } = fakeSite({ pageSize: 50, maxIds: 200 });
    const mapping = await run(client, ids(300));
    // Per kind: 300 (414), then 150 + 150.
    expect(sent.filter((r) => r.path.endsWith('/issuetypescheme/project'))).toHaveLength(3);
    expect(mapping?.screens.size).toBe(300);
    expect(mapping?.unread.size).toBe(0);
  });

  it('an answer paged anyway is read to its end, the remaining pages at once', async () => {
    const { client, sent } = fakeSite({ pageSize: 1, maxIds: 1000 });
    const mapping = await run(client, ids(40));
    const types = sent.filter((r) => r.path.endsWith('/issuetypescheme/project'));
    expect(types.map((r) => r.query?.['startAt'])).toEqual([0, 1]);
    expect(mapping?.screens.size).toBe(40);
    expect(mapping?.screens.get('20006')?.id).toBe('2/2/2');
  });

  it('one project: only what tells its issue security is asked', async () => {
    const { client, sent } = fakeSite({ pageSize: 50, maxIds: 1000 });
    const mapping = await run(client, ids(1));
    expect(sent.map((r) => r.path).sort()).toEqual([
      '/rest/api/3/issuesecurityschemes/search',
      '/rest/api/3/issuetypescreenscheme/project',
    ]);
    expect(mapping?.security.get('20000')?.id).toBe('1');
  });

  it('the screen classes are known before the issue security mapping answers', async () => {
    const { client } = fakeSite({ pageSize: 50, maxIds: 1000 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slowSecurity: JiraClient = {
      ...client,
      target: client.target,
      auth: client.auth,
      request: async (req) => {
        if (req.path.includes('issuesecurityschemes')) await held;
        return client.request(req);
      },
    };
    const ctx = new RunContext('https://site.example', [], new EvidenceLog());
    const handle = ctx.step('scheme-mapping', 'Which schemes');
    const started = startSchemeMapping(ctx, handle, slowSecurity, ids(20), 'the admin');
    let complete = false;
    void started.complete.then(() => (complete = true));
    const screens = await started.screens;
    expect(screens?.screens.size).toBe(20);
    expect(screens?.security.size).toBe(0);
    expect(complete).toBe(false);
    release();
    expect((await started.complete)?.security.size).toBe(20);
  });
});
