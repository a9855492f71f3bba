import { SCENARIOS, healthy } from '../../simulator/worlds/scenarios';
import type { DiagnosisDeps } from '../../src/engine/port/deps';
import type { JiraClient, JiraRequest } from '../../src/engine/port/jira-client';
import type { Report } from '../../src/engine/model/report';
import { codes, runScenario, withScenario } from '../support/scenario';
import type { RunningSimulator } from '../../simulator';
import type { Scenario } from '../../simulator/worlds/scenarios';

/**
 * Issue 26: the advisory reads of a run's first round (the site's permission list, its cloud ID)
 * do not hold back the reads that decide the verdict. These runs hold such an answer back until
 * both views' bulk checks were answered; the report must be what it is when it answers first.
 */
const isKeyList = (req: JiraRequest): boolean =>
  req.method === 'GET' && req.path === '/rest/api/3/permissions';
const isBulkCheck = (req: JiraRequest): boolean =>
  req.method === 'POST' && req.path === '/rest/api/3/permissions/check';

/**
 * Holds the permission list until `bulkAnswers` bulk checks were answered; after 5 s it lets the
 * list go (so a run that waits for it cannot hang the test) and says so in `timedOut`.
 */
function holdUntilBulkChecks(
  held: (req: JiraRequest) => boolean,
  bulkAnswers: number,
  timedOut: { value: boolean },
) {
  let answered = 0;
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
    setTimeout(() => {
      timedOut.value = true;
      resolve();
    }, 5000).unref();
  });
  const watchBulk = (client: JiraClient): JiraClient => ({
    ...client,
    request: async (req) => {
      const res = await client.request(req);
      if (isBulkCheck(req) && ++answered >= bulkAnswers) release();
      return res;
    },
  });
  const holdList = (client: JiraClient): JiraClient => ({
    ...client,
    request: async (req) => {
      if (held(req)) await released;
      return client.request(req);
    },
  });
  return (deps: DiagnosisDeps): DiagnosisDeps => ({
    ...deps,
    ...(deps.admin ? { admin: watchBulk(deps.admin) } : {}),
    ...(deps.token
      ? {
          token: {
            ...deps.token,
            site: watchBulk(deps.token.site),
            anonymous: holdList(deps.token.anonymous),
          },
        }
      : {}),
  });
}

/** A both-views run with `held` answers held back until both bulk checks were answered. */
async function runHolding(
  sim: RunningSimulator,
  s: Scenario,
  held: (req: JiraRequest) => boolean,
): Promise<Report> {
  const timedOut = { value: false };
  const report = await runScenario(sim, s, {
    mode: 'both',
    wrapDeps: holdUntilBulkChecks(held, 2, timedOut),
  });
  // The run did not wait for the held answer (it would have, until the 5 s release).
  expect(timedOut.value).toBe(false);
  return report;
}

const bulkBodies = (
  log: ReadonlyArray<{ method: string; path: string; status: number; requestBody?: unknown }>,
) => log.filter((e) => e.method === 'POST' && e.path.endsWith('/rest/api/3/permissions/check'));

const essence = (report: Report) => ({
  verdict: report.verdict,
  codes: codes(report),
  projects: report.projects.map((p) => ({ key: p.key, permissions: p.permissions })),
});

describe('bulk checks sent before the permission list answered (#26)', () => {
  it('a site with every key: one bulk check per view, and the same report', async () => {
    const s = healthy();
    const usual = await withScenario(s, (sim) => runScenario(sim, s, { mode: 'both' }));
    await withScenario(s, async (sim) => {
      const report = await runHolding(sim, s, isKeyList);
      const bulk = bulkBodies(sim.log);
      expect(bulk.map((e) => e.status)).toEqual([200, 200]);
      // The list really answered after them.
      const listAt = sim.log.findIndex((e) => e.path.endsWith('/rest/api/3/permissions'));
      const lastBulkAt = sim.log.lastIndexOf(
        sim.log.filter((e) => e.path.endsWith('/rest/api/3/permissions/check')).at(-1)!,
      );
      expect(listAt).toBeGreaterThan(lastBulkAt);
      expect(essence(report)).toEqual(essence(usual));
    });
  });

  it('a site lacking a requested key: the refused checks are not used, each view asks again without it', async () => {
    const s = SCENARIOS.siteLacksPermission();
    const usual = await withScenario(s, (sim) => runScenario(sim, s, { mode: 'both' }));
    expect(usual.verdict).toBe('fix-configuration');
    await withScenario(s, async (sim) => {
      const report = await runHolding(sim, s, isKeyList);
      const bulk = bulkBodies(sim.log);
      // Two sent with the key the site lacks (400), two without it (200).
      expect(bulk.map((e) => e.status).sort()).toEqual([200, 200, 400, 400]);
      const keysOf = (e: { requestBody?: unknown }) =>
        (e.requestBody as { projectPermissions: Array<{ permissions: string[] }> })
          .projectPermissions[0]?.permissions ?? [];
      for (const e of bulk)
        expect(keysOf(e).includes('MANAGE_SPRINTS_PERMISSION')).toBe(e.status === 400);
      expect(essence(report)).toEqual(essence(usual));
      expect(report.projects[0]?.permissions).toMatchObject({ MANAGE_SPRINTS_PERMISSION: null });
      // The refused attempt is evidence, not a finding: no unexpected answer, no inconclusive.
      expect(codes(report)).toEqual(['UNKNOWN_PERMISSION_KEY']);
    });
  });

  it('the site’s cloud ID, read in case the token is refused, does not hold back the token’s identity', async () => {
    const s = healthy();
    await withScenario(s, async (sim) => {
      const isTenantInfo = (req: JiraRequest) => req.path === '/_edge/tenant_info';
      const report = await runHolding(sim, s, isTenantInfo);
      expect(report.verdict).toBe('ready');
      // The report still waited for it: the read is counted with the run's requests.
      const probe = report.checks.find((c) => c.id === 'scoped-token-probe');
      expect(probe?.status).toBe('skip');
      expect(sim.log.some((e) => e.path === '/_edge/tenant_info' && e.status === 200)).toBe(true);
      expect(report.requestCount).toBe(sim.log.length);
    });
  });
});
