/**
 * Issue 22, part 4: the day the token expires. `--org-id` reads the sync user's API tokens from
 * the organisation admin API (the simulator's, docs/jira-behaviour.md S5), in-process with the
 * real engine; and `credential-doctor tokens` lists them.
 */
import { main } from '../../src/cli/main';
import type { Report } from '../../src/engine/model/report';
import type { RunningSimulator } from '../../simulator';
import { CREDENTIALS, SCENARIOS, healthy } from '../../simulator/worlds/scenarios';
import { ORG, withOrganisation } from '../../simulator/worlds/organisation';
import { withScenario } from '../support/scenario';
import { expectValidReport } from '../support/report-schema';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined>): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, env, {
    stdout: { write: (t: string) => (stdout += t), isTTY: false },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    readStdin: () => Promise.reject(new Error('stdin was not expected')),
  });
  return { code, stdout, stderr };
}

const SYNC = CREDENTIALS.sync;

function checkArgs(sim: RunningSimulator, extra: string[] = [], format = 'json'): string[] {
  return [
    'check',
    '--site',
    sim.siteUrl,
    '--gateway',
    sim.gatewayUrl,
    '--project',
    'SYNC',
    '--email',
    SYNC.email,
    '--org-id',
    ORG.id,
    '--admin-api',
    sim.adminApiUrl,
    '--format',
    format,
    '--timeout-ms',
    '3000',
    ...extra,
  ];
}

const ENV = { JIRA_API_TOKEN: SYNC.token, ATLASSIAN_ORG_API_KEY: ORG.key };

function adminApiRequests(sim: RunningSimulator) {
  return sim.log.filter((e) => e.target === 'admin-api');
}

function expectNoSecrets(result: Run): void {
  for (const secret of [ORG.key, ORG.keyWithoutScope, SYNC.token]) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

async function check(
  days: number,
  extra: string[] = [],
  env: Record<string, string> = ENV,
): Promise<{ result: Run; report: Report; sim: { admin: number } }> {
  return withScenario(withOrganisation(healthy(), { daysLeft: days }), async (sim) => {
    const result = await run(checkArgs(sim, extra), env);
    expectNoSecrets(result);
    const report = JSON.parse(result.stdout) as Report;
    expectValidReport(report);
    return { result, report, sim: { admin: adminApiRequests(sim).length } };
  });
}

describe('--org-id: the sync user’s API token expiry', () => {
  it('5 days left: TOKEN_EXPIRES_SOON as an error, fix-credentials, exit 3', async () => {
    const { result, report, sim } = await check(5);
    expect(result.code).toBe(3);
    expect(report.verdict).toBe('fix-credentials');
    const finding = report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON');
    expect(finding).toMatchObject({ severity: 'error', category: 'credentials' });
    expect(finding?.details).toMatchObject({ label: 'synchronizer', daysLeft: 5 });
    expect(finding?.steps[0]).toMatch(/Replace it now/);
    expect(report.coverage.tokenExpiry).toBe('tested');
    expect(report.tokenExpiry).toMatchObject({
      orgId: ORG.id,
      accountId: report.subject?.accountId,
    });
    expect(report.tokenExpiry?.tokens).toEqual([
      expect.objectContaining({ label: 'synchronizer', status: 'ALLOWED', daysLeft: 5 }),
    ]);
    // One page, narrowed by the sync user's email.
    expect(sim.admin).toBe(1);
  });

  it('20 days left: a warning, the verdict unchanged (ready, exit 0)', async () => {
    const { result, report } = await check(20);
    expect(result.code).toBe(0);
    expect(report.verdict).toBe('ready');
    expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')).toMatchObject({
      severity: 'warning',
      details: expect.objectContaining({ daysLeft: 20 }) as unknown,
    });
  });

  it('200 days left: no finding, expiry tested', async () => {
    const { result, report } = await check(200);
    expect(result.code).toBe(0);
    expect(report.findings.map((f) => f.code)).not.toContain('TOKEN_EXPIRES_SOON');
    expect(report.coverage.tokenExpiry).toBe('tested');
    expect(report.tokenExpiry?.tokens[0]?.daysLeft).toBe(200);
  });

  it('7 days is still an error, 8 days a warning (the boundary of "replace it now")', async () => {
    const seven = await check(7);
    const eight = await check(8);
    expect(seven.report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity).toBe(
      'error',
    );
    expect(eight.report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity).toBe(
      'warning',
    );
    expect(eight.report.verdict).toBe('ready');
  });

  it('a refused org key leaves the verdict as it was: expiry not tested, with the reason', async () => {
    const { result, report, sim } = await check(5, [], {
      ...ENV,
      ATLASSIAN_ORG_API_KEY: 'ATCTT3xFfGF0SIM-orgkey-wrong-000000000000',
    });
    expect(result.code).toBe(0);
    expect(report.verdict).toBe('ready');
    expect(report.coverage.tokenExpiry).toBe('not-tested');
    expect(report.tokenExpiry?.reason).toMatch(/answered 401.*organisation API key was refused/);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // One refusal, never repeated (no fallback to the whole list).
    expect(sim.admin).toBe(1);
  });

  it('a key without read:tokens:admin (403): not tested, the scope named', async () => {
    const { report } = await check(5, [], { ...ENV, ATLASSIAN_ORG_API_KEY: ORG.keyWithoutScope });
    expect(report.verdict).toBe('ready');
    expect(report.coverage.tokenExpiry).toBe('not-tested');
    expect(report.tokenExpiry?.reason).toMatch(/read:tokens:admin/);
  });

  it('a blocked token is named; an expired, unused one is information only', async () => {
    const s = withOrganisation(healthy(), {
      daysLeft: 200,
      extraTokens: [
        { label: 'old laptop', expiresAt: new Date(Date.now() - 40 * 86_400_000).toISOString() },
        {
          label: 'ci',
          blocked: true,
          expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        },
      ],
    });
    await withScenario(s, async (sim) => {
      const result = await run(checkArgs(sim), ENV);
      const report = JSON.parse(result.stdout) as Report;
      expect(result.code).toBe(0);
      expect(report.findings.find((f) => f.code === 'TOKEN_BLOCKED')).toMatchObject({
        severity: 'warning',
        details: expect.objectContaining({ label: 'ci' }) as unknown,
      });
      expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRED')).toMatchObject({
        severity: 'info',
        details: expect.objectContaining({ label: 'old laptop' }) as unknown,
      });
      expect(report.tokenExpiry?.tokens.map((t) => t.label)).toEqual([
        'old laptop',
        'ci',
        'synchronizer',
      ]);
    });
  });

  it('an expired token Jira refuses: CREDENTIALS_REJECTED, and the admin API names the expired token', async () => {
    const s = withOrganisation(healthy(), { daysLeft: -3 });
    await withScenario(s, async (sim) => {
      const result = await run(checkArgs(sim), ENV);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.verdict).toBe('fix-credentials');
      expect(report.findings.map((f) => f.code)).toEqual(
        expect.arrayContaining(['CREDENTIALS_REJECTED', 'TOKEN_EXPIRED']),
      );
      const expired = report.findings.find((f) => f.code === 'TOKEN_EXPIRED');
      expect(expired?.message).toMatch(/that is why Jira refused it/);
      // Matched by the email it was sent with: Jira never named the account.
      expect(report.tokenExpiry).toMatchObject({ accountId: null, email: SYNC.email });
    });
  });

  it('follows links.next through every page, as a cursor or as a URL; 10,000 other tokens', async () => {
    for (const nextLink of ['cursor', 'url'] as const) {
      const s = withOrganisation(healthy(), {
        daysLeft: 5,
        otherTokens: 10_000,
        org: { nextLink },
      });
      await withScenario(s, async (sim) => {
        const result = await run(checkArgs(sim), ENV);
        const report = JSON.parse(result.stdout) as Report;
        expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity).toBe(
          'error',
        );
        // Narrowed by the email: one page of the 10,001 tokens.
        expect(adminApiRequests(sim)).toHaveLength(1);
      });
    }
  });

  it('when the narrowed search finds nothing, the whole list is paged with the cursor', async () => {
    // How fuzzy `q` is is not documented: here it searches labels only, so the email misses.
    const s = withOrganisation(healthy(), {
      daysLeft: 5,
      otherTokens: 450,
      org: { queryFields: ['label'] },
    });
    await withScenario(s, async (sim) => {
      const result = await run(checkArgs(sim), ENV);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.coverage.tokenExpiry).toBe('tested');
      expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')).toBeDefined();
      const requests = adminApiRequests(sim);
      // 1 narrowed + 5 pages of 100 for 451 tokens, each after the first with a cursor.
      expect(requests).toHaveLength(6);
      expect(requests.slice(2).every((e) => typeof e.query.cursor?.[0] === 'string')).toBe(true);
    });
  });

  it('a 429 from the admin API is waited out as Retry-After says', async () => {
    const s = withOrganisation(healthy(), { daysLeft: 5 });
    await withScenario(s, async (sim) => {
      sim.faults.add({
        route: 'GET /admin/api-access/v1/orgs/{orgId}/api-tokens',
        status: 429,
        retryAfter: 1,
        times: 1,
      });
      const result = await run(checkArgs(sim), ENV);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.coverage.tokenExpiry).toBe('tested');
      const requests = adminApiRequests(sim);
      expect(requests.map((e) => e.status)).toEqual([429, 200]);
      expect(requests[1]!.atMs - requests[0]!.atMs).toBeGreaterThanOrEqual(900);
    });
  });

  it('an admin API that fails (500) or does not answer leaves the verdict as it was', async () => {
    const s = withOrganisation(healthy(), { daysLeft: 5 });
    await withScenario(s, async (sim) => {
      sim.faults.add({ route: 'GET /admin/api-access/v1/orgs/{orgId}/api-tokens', status: 500 });
      const failed = JSON.parse((await run(checkArgs(sim), ENV)).stdout) as Report;
      expect(failed.verdict).toBe('ready');
      expect(failed.coverage.tokenExpiry).toBe('not-tested');
      expect(failed.tokenExpiry?.reason).toMatch(/answered 500/);
      // Nothing listens on port 9 (discard): the admin API does not answer; Jira does.
      const args = checkArgs(sim);
      args[args.indexOf('--admin-api') + 1] = 'http://127.0.0.1:9';
      const gone = await run(args, ENV);
      const unreachable = JSON.parse(gone.stdout) as Report;
      expect(gone.code).toBe(0);
      expect(unreachable.coverage.tokenExpiry).toBe('not-tested');
      expect(unreachable.tokenExpiry?.reason).toMatch(/did not answer/);
    });
  });

  it('a service account: its tokens are not in the list, so expiry is not tested and says where to look', async () => {
    const s = withOrganisation(SCENARIOS.appAccount());
    await withScenario(s, async (sim) => {
      const result = await run(
        [
          'check',
          '--site',
          `${sim.gatewayUrl}/ex/jira/${sim.cloudId}`,
          '--gateway',
          sim.gatewayUrl,
          '--project',
          'SYNC',
          '--email',
          CREDENTIALS.app.email,
          '--org-id',
          ORG.id,
          '--admin-api',
          sim.adminApiUrl,
          '--format',
          'json',
        ],
        { JIRA_API_TOKEN: CREDENTIALS.app.token, ATLASSIAN_ORG_API_KEY: ORG.key },
      );
      const report = JSON.parse(result.stdout) as Report;
      expect(report.verdict).toBe('ready');
      expect(report.coverage.tokenExpiry).toBe('not-tested');
      expect(report.tokenExpiry?.reason).toMatch(/Service accounts/);
    });
  });

  it('admin view only (--admin-email --user): the sync user the administrator named', async () => {
    const s = withOrganisation(healthy(), { daysLeft: 3 });
    await withScenario(s, async (sim) => {
      const result = await run(
        [
          'check',
          '--site',
          sim.siteUrl,
          '--project',
          'SYNC',
          '--admin-email',
          CREDENTIALS.admin.email,
          '--user',
          s.syncAccountId,
          '--org-id',
          ORG.id,
          '--admin-api',
          sim.adminApiUrl,
          '--format',
          'json',
        ],
        { JIRA_ADMIN_TOKEN: CREDENTIALS.admin.token, ATLASSIAN_ORG_API_KEY: ORG.key },
      );
      expectNoSecrets(result);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.tokenExpiry).toMatchObject({ accountId: s.syncAccountId });
      expect(report.findings.find((f) => f.code === 'TOKEN_EXPIRES_SOON')?.severity).toBe('error');
      expect(result.code).toBe(3);
    });
  });

  it('--auth oauth: a service account’s API tokens are not listed; expiry not tested, saying why', async () => {
    const s = withOrganisation(SCENARIOS.appAccount());
    await withScenario(s, async (sim) => {
      const result = await run(
        [
          'check',
          '--site',
          `${sim.gatewayUrl}/ex/jira/${sim.cloudId}`,
          '--gateway',
          sim.gatewayUrl,
          '--project',
          'SYNC',
          '--auth',
          'oauth',
          '--client-id',
          CREDENTIALS.appOAuth.clientId,
          '--auth-url',
          sim.authUrl,
          '--org-id',
          ORG.id,
          '--admin-api',
          sim.adminApiUrl,
          '--format',
          'json',
        ],
        { JIRA_CLIENT_SECRET: CREDENTIALS.appOAuth.secret, ATLASSIAN_ORG_API_KEY: ORG.key },
      );
      const report = JSON.parse(result.stdout) as Report;
      expect(result.code).toBe(0);
      expect(report.coverage.tokenExpiry).toBe('not-tested');
      expect(report.tokenExpiry?.reason).toMatch(/service account/);
      expect(result.stdout).not.toContain(CREDENTIALS.appOAuth.secret);
    });
  });

  it('text output shows the tokens and the coverage line; the key never appears', async () => {
    const s = withOrganisation(healthy(), { daysLeft: 5 });
    await withScenario(s, async (sim) => {
      const result = await run(checkArgs(sim, [], 'text'), ENV);
      expectNoSecrets(result);
      expect(result.stdout).toMatch(/TOKEN EXPIRY/);
      expect(result.stdout).toMatch(/"synchronizer": expires \d{4}-\d\d-\d\d \(in 5 days\)/);
      expect(result.stdout).toMatch(/Token expiry/);
      const md = await run(checkArgs(sim, [], 'markdown'), ENV);
      expect(md.stdout).toMatch(/### Token expiry/);
    });
  });
});

describe('--org-id: bad input is a usage error, nothing sent', () => {
  const site = ['check', '--site', 'https://acme.atlassian.net', '--project', 'SYNC'];
  const cases: Array<[string, string[], Record<string, string>]> = [
    [
      'missing key variable',
      ['--email', SYNC.email, '--org-id', ORG.id],
      { JIRA_API_TOKEN: SYNC.token },
    ],
    ['a malformed org id', ['--email', SYNC.email, '--org-id', 'acme/../x'], ENV],
    ['an org id with a space', ['--email', SYNC.email, '--org-id', 'a b'], ENV],
    [
      '--admin-api over http',
      ['--email', SYNC.email, '--org-id', ORG.id, '--admin-api', 'http://admin.example'],
      ENV,
    ],
    ['--org-key-env without --org-id', ['--email', SYNC.email, '--org-key-env', 'KEY'], ENV],
    [
      '--org-key-env given the key itself',
      ['--email', SYNC.email, '--org-id', ORG.id, '--org-key-env', ORG.key.replace(/-/g, '')],
      { ...ENV },
    ],
    ['the key as an argument', ['--email', SYNC.email, '--org-id', ORG.id, '--org-key', 'x'], ENV],
  ];
  it.each(cases)('%s', async (_name, extra, env) => {
    const result = await run([...site, ...extra], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain(ORG.key);
  });
});

describe('credential-doctor tokens', () => {
  it('lists the sync user’s tokens (JSON), nearest expiry first; exit 0', async () => {
    const s = withOrganisation(healthy(), {
      daysLeft: 12,
      extraTokens: [
        { label: 'backup', expiresAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
      ],
      otherTokens: 120,
    });
    await withScenario(s, async (sim) => {
      const result = await run(
        [
          'tokens',
          '--org-id',
          ORG.id,
          '--admin-api',
          sim.adminApiUrl,
          '--user',
          SYNC.email,
          '--format',
          'json',
        ],
        { ATLASSIAN_ORG_API_KEY: ORG.key },
      );
      expect(result.code).toBe(0);
      expectNoSecrets(result);
      const listing = JSON.parse(result.stdout) as {
        complete: boolean;
        tokens: Array<{ label: string; daysLeft: number; user: { email: string } }>;
      };
      expect(listing.complete).toBe(true);
      expect(listing.tokens.map((t) => [t.label, t.daysLeft])).toEqual([
        ['backup', 2],
        ['synchronizer', 12],
      ]);
    });
  });

  it('lists every token of the organisation without --user (text), paging to the end', async () => {
    const s = withOrganisation(healthy(), { daysLeft: 12, otherTokens: 150 });
    await withScenario(s, async (sim) => {
      const result = await run(['tokens', '--org-id', ORG.id, '--admin-api', sim.adminApiUrl], {
        ATLASSIAN_ORG_API_KEY: ORG.key,
      });
      expect(result.code).toBe(0);
      // The world's other managed users' tokens, the sync user's and 150 synthetic ones.
      expect(result.stdout.split('\n').filter((l) => l.startsWith('  ')).length).toBeGreaterThan(
        150,
      );
      expect(result.stdout).toMatch(
        /sync@acme\.example {2}"synchronizer" {2}expires .* \(12 days\)/,
      );
      expect(adminApiRequests(sim).length).toBe(2);
    });
  });

  it('a refused key: exit 3, the reason on stderr, the key never printed', async () => {
    const s = withOrganisation(healthy());
    await withScenario(s, async (sim) => {
      const result = await run(['tokens', '--org-id', ORG.id, '--admin-api', sim.adminApiUrl], {
        ATLASSIAN_ORG_API_KEY: 'ATCTT3xFfGF0SIM-orgkey-wrong-000000000000',
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/401/);
      expect(result.stderr + result.stdout).not.toContain('ATCTT3xFfGF0SIM-orgkey-wrong');
    });
  });

  it('needs --org-id; the key only from the environment', async () => {
    expect((await run(['tokens'], { ATLASSIAN_ORG_API_KEY: ORG.key })).code).toBe(2);
    expect((await run(['tokens', '--org-id', ORG.id], {})).code).toBe(2);
    expect((await run(['tokens', '--org-id', ORG.id, '--api-key', 'x'], {})).code).toBe(2);
  });
});
