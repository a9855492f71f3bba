/**
 * `npm run bench:expiry`: what the token expiry check (`--org-id`) costs against an organisation
 * with 10,000 API tokens, through the real CLI path (in-process) and the simulator's admin API
 * with 100 ms latency per answer, 100 tokens a page. Two cases: the search narrowed by the sync
 * user's email finds its tokens (one page), and it finds nothing, so the whole list is paged with
 * the cursor (how fuzzy `q` is is not documented). Nothing is asserted here:
 * test/cli/token-expiry.test.ts asserts the request counts.
 */
import { main } from '../src/cli/main';
import type { Report } from '../src/engine/model/report';
import { startSimulator } from '../simulator';
import { CREDENTIALS, healthy } from '../simulator/worlds/scenarios';
import { ORG, withOrganisation } from '../simulator/worlds/organisation';

const TOKENS = 10_000;
const LATENCY_MS = 100;

async function measure(name: string, queryFields?: Array<'label' | 'name' | 'email'>) {
  const s = withOrganisation(healthy(), {
    daysLeft: 5,
    otherTokens: TOKENS,
    ...(queryFields ? { org: { queryFields } } : {}),
  });
  const sim = await startSimulator(s.world, { latencyMs: LATENCY_MS });
  try {
    let out = '';
    const started = performance.now();
    await main(
      [
        'check',
        '--site',
        sim.siteUrl,
        '--gateway',
        sim.gatewayUrl,
        '--project',
        'SYNC',
        '--email',
        CREDENTIALS.sync.email,
        '--org-id',
        ORG.id,
        '--admin-api',
        sim.adminApiUrl,
        '--format',
        'json',
      ],
      { JIRA_API_TOKEN: CREDENTIALS.sync.token, ATLASSIAN_ORG_API_KEY: ORG.key },
      {
        stdout: { write: (t: string) => (out += t) },
        stderr: { write: () => true },
        readStdin: () => Promise.reject(new Error('no stdin')),
      },
    );
    const wall = performance.now() - started;
    const report = JSON.parse(out) as Report;
    const admin = sim.log.filter((e) => e.target === 'admin-api');
    const adminMs = admin.length
      ? Math.max(...admin.map((e) => e.atMs)) - Math.min(...admin.map((e) => e.atMs)) + LATENCY_MS
      : 0;
    return {
      name,
      adminRequests: admin.length,
      adminMs: Math.round(adminMs),
      runRequests: report.requestCount,
      wallMs: Math.round(wall),
      coverage: report.coverage.tokenExpiry,
      finding: report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity ?? 'none',
    };
  } finally {
    await sim.close();
  }
}

async function run(): Promise<void> {
  const rows = [
    await measure('narrowed by email (q finds the tokens)'),
    await measure('whole list (q finds nothing)', ['label']),
  ];
  console.log(
    `| case (${TOKENS.toLocaleString('en')} other tokens, ${LATENCY_MS} ms latency) | admin API requests | admin API time | run requests | run wall time | coverage | TOKEN_EXPIRES_SOON |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.adminRequests} | ${(r.adminMs / 1000).toFixed(1)} s | ${r.runRequests} | ${(r.wallMs / 1000).toFixed(1)} s | ${r.coverage} | ${r.finding} |`,
    );
}

void run();
