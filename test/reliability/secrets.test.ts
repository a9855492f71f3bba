/**
 * Secret hygiene (issue 8): canary sync and admin tokens through every scenario and every fault.
 * The canary never appears in the JSON report, the Markdown, the text rendering, thrown errors or
 * the evidence; nor, through the real CLI subprocess, on stdout/stderr in any format, on any exit
 * path (usage errors, internal errors, unreachable site, TLS error), with the token in the
 * environment or on stdin. Fetch errors are sanitised, redirects never carry credentials to
 * another host, and a token given as an argument is refused in every spelling.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { main, type DiagnoseFn } from '../../src/cli/main';
import { renderText } from '../../src/cli/render-text';
import { diagnose } from '../../src/engine/cloud/diagnose';
import { renderMarkdown } from '../../src/engine/presentation/render-markdown';
import type { Report } from '../../src/engine/model/report';
import { EvidenceLog } from '../../src/engine/port/evidence';
import { createNodeClients } from '../../src/cli/clients';
import { startSimulator, type FaultRule, type RunningSimulator } from '../../simulator';
import { SCENARIOS, healthy, type ScenarioId } from '../../simulator/worlds/scenarios';
import { requireBuiltCli, runCliProcess, type ProcessRun } from '../support/cli-process';
import { FAST_RETRY } from '../support/scenario';
import { selfSignedCertificate } from '../support/self-signed';
import {
  canaryToken,
  leaks,
  legacyCanaryToken,
  plantCanaries,
  type Canary,
  type CanaryScenario,
} from './canary';
import {
  FAULT_KINDS,
  RUN_TIMEOUT_MS,
  collectEndpoints,
  diagnoseOver,
  fullShape,
  pool,
  withSimulator,
  type Diagnosis,
  type RunShape,
} from './harness';

jest.setTimeout(240_000);

const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

/** Everything a run can show anyone: report, both renderings, evidence, a thrown error. */
function surfaces(run: Diagnosis): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['evidence', JSON.stringify(run.evidence.entries())],
    ['input', JSON.stringify(run.input)],
  ];
  if (run.report) {
    out.push(
      ['report JSON', JSON.stringify(run.report)],
      ['Markdown', renderMarkdown(run.report)],
      ['text (verbose)', renderText(run.report, { color: false, verbose: true })],
      ['text (colour)', renderText(run.report, { color: true, verbose: false })],
    );
  }
  if (run.error !== undefined) {
    const error = run.error as { message?: unknown; stack?: unknown };
    out.push(['thrown error', `${String(error.message)}\n${String(error.stack)}`]);
  }
  return out;
}

function leaksOf(run: Diagnosis, canaries: readonly Canary[]): string[] {
  return surfaces(run).flatMap(([where, text]) =>
    leaks(text, canaries).map((form) => `${where}: ${form}`),
  );
}

/** One line per stream that shows a canary (the first form found, and how many forms). */
function processLeaks(run: ProcessRun, canaries: readonly Canary[]): string[] {
  return (['stdout', 'stderr'] as const).flatMap((stream) => {
    const found = leaks(run[stream], canaries);
    return found.length === 0 ? [] : [`${stream} shows ${found[0]} (${found.length} forms)`];
  });
}

const SHAPES: ReadonlyArray<[string, (c: CanaryScenario) => RunShape]> = [
  ['token', () => ({ mode: 'token' })],
  ['admin', ({ scenario }) => ({ mode: 'admin', user: scenario.syncAccountId, explain: 'all' })],
  ['token+admin', ({ scenario }) => fullShape(scenario)],
];

describe('engine: canary tokens through every scenario', () => {
  it.each(SCENARIO_IDS)('%s: no canary in report, renderings, evidence or errors', async (id) => {
    for (const [shapeName, shapeOf] of SHAPES) {
      const planted = plantCanaries(SCENARIOS[id]());
      const original = SCENARIOS[id]();
      const shape = shapeOf(planted);
      const [run, reference] = await Promise.all([
        withSimulator(planted.scenario, async (sim) => {
          const result = await diagnoseOver(sim, planted.scenario, shape);
          if (shape.mode !== 'admin' && id !== 'ipAllowlist') {
            // The canary really was sent: the simulator saw the sync login (the IP allowlist
            // refuses before authentication, so it counts no attempt).
            expect(sim.authAttempts(planted.scenario.login.email).total).toBeGreaterThan(0);
          }
          return result;
        }),
        withSimulator(original, (sim) =>
          diagnoseOver(sim, original, shapeOf({ ...planted, scenario: original })),
        ),
      ]);
      expect({ shape: shapeName, leaks: leaksOf(run, planted.canaries) }).toEqual({
        shape: shapeName,
        leaks: [],
      });
      expect(run.error).toBeUndefined();
      // Planting canaries did not change what the scenario is about.
      expect(run.report?.verdict).toBe(reference.report?.verdict);
    }
  });
});

describe('engine: canary tokens through every fault', () => {
  it('no canary anywhere, for every endpoint × fault (healthy world, token + admin)', async () => {
    const endpoints = await collectEndpoints(healthy(), fullShape(healthy()));
    const cases = endpoints.flatMap((endpoint) =>
      FAULT_KINDS.map((fault) => ({ endpoint, fault })),
    );
    const found = await pool(cases, 8, async ({ endpoint, fault }) => {
      const planted = plantCanaries(healthy());
      return withSimulator(planted.scenario, async (sim) => {
        sim.faults.add(fault.rule(endpoint));
        const run = await diagnoseOver(sim, planted.scenario, {
          ...fullShape(planted.scenario),
          timeoutMs: fault.timeoutMs ?? RUN_TIMEOUT_MS,
        });
        return leaksOf(run, planted.canaries).map((l) => `${endpoint.route} / ${fault.id}: ${l}`);
      });
    });
    expect(found.flat()).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });

  it('answers that echo the credentials back (a proxy page, an error body) are never repeated', async () => {
    const basic = (c: Canary): string =>
      `Basic ${Buffer.from(`${c.email}:${c.token}`).toString('base64')}`;
    const echoes: ReadonlyArray<(c: Canary) => Omit<FaultRule, 'route'>> = [
      (c) => ({ status: 500, body: `Internal error. Request headers: Authorization: ${basic(c)}` }),
      (c) => ({
        kind: 'html',
        status: 200,
        body: `<html><body>Login for ${c.token}</body></html>`,
      }),
      (c) => ({
        kind: 'html',
        status: 502,
        body: `<html><body><pre>${basic(c)}</pre></body></html>`,
      }),
      (c) => ({
        status: 401,
        body: JSON.stringify({ errorMessages: [`Token ${c.token} is not valid`] }),
      }),
      (c) => ({
        status: 400,
        body: JSON.stringify({ errorMessages: [`Bad request: ${basic(c)}`] }),
      }),
      (c) => ({ kind: 'malformed-json', status: 200, body: `{"values":[{"key":"${c.token}"` }),
    ];
    const routes = [
      'GET /rest/api/3/myself',
      'GET /rest/api/3/project/search',
      'POST /rest/api/3/permissions/check',
      'GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes',
      'GET /rest/api/3/user/search',
    ];
    const cases = routes.flatMap((route) => echoes.map((echo) => ({ route, echo })));
    const found = await pool(cases, 8, async ({ route, echo }) => {
      const planted = plantCanaries(healthy());
      const [sync] = planted.canaries;
      if (!sync) throw new Error('no sync canary');
      const rule: FaultRule = { ...echo(sync), route };
      return withSimulator(planted.scenario, async (sim) => {
        sim.faults.add(rule);
        const run = await diagnoseOver(sim, planted.scenario, fullShape(planted.scenario));
        return leaksOf(run, planted.canaries).map((l) => `${route} ${rule.status}: ${l}`);
      });
    });
    expect(found.flat()).toEqual([]);
  });
});

describe('engine: transport failures are sanitised', () => {
  async function runAgainst(site: string, canaries: { sync: Canary; admin: Canary }) {
    const evidence = new EvidenceLog();
    const clients = createNodeClients({
      site,
      gateway: site,
      email: canaries.sync.email,
      token: canaries.sync.token,
      admin: canaries.admin,
      evidence,
      retry: FAST_RETRY,
      timeoutMs: 2_000,
    });
    const input = {
      site,
      projects: ['SYNC'],
      permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES'],
      token: { email: canaries.sync.email },
      admin: { checker: canaries.admin.email, user: canaries.sync.email },
    };
    try {
      return { input, evidence, report: await diagnose(input, clients) } as Diagnosis;
    } catch (error) {
      return { input, evidence, error } as Diagnosis;
    }
  }

  const canaries = (): { sync: Canary; admin: Canary } => ({
    sync: { email: 'sync@acme.example', token: canaryToken('SYNC') },
    admin: { email: 'admin@acme.example', token: canaryToken('ADMIN') },
  });

  it('a site that fails DNS: fix-connectivity, and no error text carries the credentials', async () => {
    const c = canaries();
    const run = await runAgainst('https://credential-doctor-canary.invalid', c);
    expect(run.error).toBeUndefined();
    expect(run.report?.verdict).toBe('fix-connectivity');
    expect(run.report?.findings.map((f) => f.code)).toContain('SITE_UNREACHABLE');
    expect(leaksOf(run, [c.sync, c.admin])).toEqual([]);
    const texts = JSON.stringify(run.report);
    expect(texts).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
    expect(texts).not.toMatch(/ENOTFOUND|getaddrinfo|fetch failed/);
  });

  it('nothing listening, and a TLS failure: no error text carries the credentials', async () => {
    const closed = await startSimulator(healthy().world);
    const site = closed.siteUrl;
    await closed.close();
    const tls = await startSimulator(healthy().world, { tls: selfSignedCertificate() });
    try {
      for (const [url, verdict] of [
        [site, 'fix-connectivity'],
        [tls.siteUrl, 'fix-connectivity'],
      ] as const) {
        const c = canaries();
        const run = await runAgainst(url, c);
        expect(run.report?.verdict).toBe(verdict);
        expect(leaksOf(run, [c.sync, c.admin])).toEqual([]);
        expect(JSON.stringify(run.report)).not.toMatch(/ECONNREFUSED|SELF_SIGNED|self[- ]signed/i);
      }
    } finally {
      await tls.close();
    }
  });

  it('a site URL carrying credentials (refused by the CLI) never leaks them through error texts', async () => {
    const c = canaries();
    const secret = canaryToken('URL');
    const site = `https://sync%40acme.example:${secret}@credential-doctor-canary.invalid`;
    const run = await runAgainst(site, c);
    expect(run.error).toBeUndefined();
    const report = run.report as Report;
    const errorTexts = JSON.stringify({
      findings: report.findings.map((f) => [f.message, f.remedy, f.steps]),
      checks: report.checks.map((check) => [check.detail, check.requests]),
      evidence: run.evidence.entries(),
    });
    expect(
      leaks(errorTexts, [c.sync, c.admin, { email: 'sync@acme.example', token: secret }]),
    ).toEqual([]);
    expect(errorTexts).not.toMatch(/cannot be constructed|includes credentials/);
  });
});

describe('engine and CLI: a redirect never carries the credentials to another host', () => {
  it('a 302 to another origin is reported, not followed', async () => {
    const seen: Array<string | undefined> = [];
    const other = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const planted = plantCanaries(healthy());
      for (const route of ['GET /rest/api/3/myself', 'GET /rest/api/3/project/search', '*']) {
        await withSimulator(planted.scenario, async (sim) => {
          sim.faults.add({
            route,
            status: 302,
            headers: { Location: `http://127.0.0.1:${port}/rest/api/3/myself` },
          });
          const run = await diagnoseOver(sim, planted.scenario, fullShape(planted.scenario));
          expect(run.report?.verdict).toBe('inconclusive');
          expect(leaksOf(run, planted.canaries)).toEqual([]);
        });
      }
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });
});

/* ------------------------------------------------------------------------------------------ */
/* The real CLI, as a subprocess.                                                              */
/* ------------------------------------------------------------------------------------------ */

const FORMATS = ['text', 'json', 'markdown'] as const;

/** A loopback URL with nothing listening (a simulator that was started and closed). */
async function deadSite(): Promise<string> {
  const sim = await startSimulator(healthy().world);
  await sim.close();
  return sim.siteUrl;
}

function cliArgs(
  sim: RunningSimulator,
  planted: CanaryScenario,
  format: (typeof FORMATS)[number],
  tokenFrom: 'env' | 'stdin',
  timeoutMs = 3_000,
): { args: string[]; env: Record<string, string>; stdin?: string } {
  const { scenario } = planted;
  const args = [
    'check',
    '--site',
    sim.siteUrl,
    '--gateway',
    sim.gatewayUrl,
    '--format',
    format,
    '--timeout-ms',
    String(timeoutMs),
    '--email',
    scenario.login.email,
    '--admin-email',
    scenario.admin.email,
    '--explain',
    ...(format === 'text' ? ['--verbose'] : []),
    ...scenario.projects.flatMap((p) => ['--project', p]),
    '--permissions',
    scenario.permissions.join(','),
  ];
  const env: Record<string, string> = { JIRA_ADMIN_TOKEN: scenario.admin.token, NO_COLOR: '' };
  if (tokenFrom === 'env') return { args, env: { ...env, JIRA_API_TOKEN: scenario.login.secret } };
  return { args: [...args, '--token-stdin'], env, stdin: `${scenario.login.secret}\n` };
}

const EXIT_BY_VERDICT: Record<string, number> = {
  ready: 0,
  'fix-credentials': 3,
  'fix-permissions': 4,
  'fix-configuration': 5,
  'fix-connectivity': 6,
  inconclusive: 7,
};

describe('CLI subprocess: canary tokens on every output and exit path', () => {
  beforeAll(() => requireBuiltCli());

  it('every scenario, every format, token in the environment or on stdin', async () => {
    // Each scenario runs twice (env and stdin, two different formats); a few run in all three.
    const everyFormat = new Set<ScenarioId>([
      'healthy',
      'passwordInsteadOfToken',
      'scopedTokenMissingScope',
      'loginChallenge',
    ]);
    const cases = SCENARIO_IDS.flatMap((id, i) => {
      const at = (n: number): (typeof FORMATS)[number] => FORMATS[n % FORMATS.length] ?? 'json';
      const runs = [
        { id, format: at(i), tokenFrom: 'env' as const },
        { id, format: at(i + 1), tokenFrom: 'stdin' as const },
      ];
      if (everyFormat.has(id)) runs.push({ id, format: at(i + 2), tokenFrom: 'env' as const });
      return runs;
    });
    expect(new Set(cases.map((c) => c.format)).size).toBe(FORMATS.length);
    const problems = await pool(cases, 6, async ({ id, format, tokenFrom }) => {
      const planted = plantCanaries(SCENARIOS[id]());
      return withSimulator(planted.scenario, async (sim) => {
        const { args, env, stdin } = cliArgs(sim, planted, format, tokenFrom);
        const run = await runCliProcess(args, env, stdin);
        const out: string[] = processLeaks(run, planted.canaries).map(
          (l) => `${id} ${format} ${tokenFrom}: ${l}`,
        );
        if (![0, 3, 4, 5, 6, 7].includes(run.code))
          out.push(`${id} ${format} ${tokenFrom}: exit ${run.code}: ${run.stderr.slice(0, 300)}`);
        if (id !== 'ipAllowlist' && sim.authAttempts(planted.scenario.login.email).total === 0)
          out.push(`${id} ${format} ${tokenFrom}: the canary was never sent`);
        if (format === 'json') {
          const report = JSON.parse(run.stdout) as Report;
          if (EXIT_BY_VERDICT[report.verdict] !== run.code)
            out.push(`${id}: exit ${run.code} for ${report.verdict}`);
        }
        return out;
      });
    });
    expect(problems.flat()).toEqual([]);
  });

  it('faults: each kind of answer, at identity and at the bulk permission check, text --verbose', async () => {
    // Every fault is covered for the engine above; here one of each kind of outcome (retry that
    // gets through, rate limit, broken body, refusal, transport error) goes through the CLI, which
    // uses the production retry policy (so 5xx backoffs are left out for speed).
    const kinds = new Set([
      '503 Retry-After: 0, once',
      '429 persistently',
      'malformed JSON (200)',
      'HTML page (200)',
      '401 mid-run',
      '200 with X-Seraph-LoginReason: AUTHENTICATED_FAILED',
      'connection reset',
    ]);
    const routes = ['GET /rest/api/3/myself', 'POST /rest/api/3/permissions/check'];
    const cases = routes.flatMap((route) =>
      FAULT_KINDS.filter((f) => kinds.has(f.id)).map((fault) => ({ route, fault })),
    );
    expect(cases).toHaveLength(kinds.size * routes.length);
    const problems = await pool(cases, 6, async ({ route, fault }) => {
      const planted = plantCanaries(healthy());
      return withSimulator(planted.scenario, async (sim) => {
        sim.faults.add(fault.rule({ route, calls: 2 }));
        const { args, env } = cliArgs(sim, planted, 'text', 'env', fault.timeoutMs);
        const run = await runCliProcess(args, env);
        return processLeaks(run, planted.canaries).map((l) => `${route} ${fault.id}: ${l}`);
      });
    });
    expect(problems.flat()).toEqual([]);
  });

  it('unreachable site, DNS failure and TLS error: exit 6, no canary', async () => {
    const closed = await startSimulator(healthy().world);
    const refusedSite = closed.siteUrl;
    await closed.close();
    const tls = await startSimulator(healthy().world, { tls: selfSignedCertificate() });
    try {
      for (const site of [refusedSite, 'https://credential-doctor-canary.invalid', tls.siteUrl]) {
        for (const format of FORMATS) {
          const sync = canaryToken('SYNC');
          const admin = canaryToken('ADMIN');
          const run = await runCliProcess(
            [
              'check',
              '--site',
              site,
              '--gateway',
              site,
              '--project',
              'SYNC',
              '--email',
              'sync@acme.example',
              '--admin-email',
              'admin@acme.example',
              '--format',
              format,
              '--verbose',
            ],
            { JIRA_API_TOKEN: sync, JIRA_ADMIN_TOKEN: admin },
          );
          expect({ site, format, code: run.code }).toEqual({ site, format, code: 6 });
          expect(
            processLeaks(run, [
              { email: 'sync@acme.example', token: sync },
              { email: 'admin@acme.example', token: admin },
            ]),
          ).toEqual([]);
          expect(run.stdout + run.stderr).not.toMatch(/ENOTFOUND|ECONNREFUSED|fetch failed/);
        }
      }
    } finally {
      await tls.close();
    }
  });

  it('usage errors after the token was read never echo it (env and stdin)', async () => {
    const sync = canaryToken('SYNC');
    const canaries = [{ email: 'sync@acme.example', token: sync }];
    // Loopback with nothing listening: should a case wrongly pass, nothing leaves the machine.
    const base = ['check', '--site', await deadSite(), '--email', 'sync@acme.example'];
    const env = { JIRA_API_TOKEN: sync };
    const runs: Array<[string, string[], Record<string, string>, string | undefined]> = [
      ['bad project key', [...base, '--project', '1BAD'], env, undefined],
      [
        'ill-formed permission',
        [...base, '--project', 'SYNC', '--permissions', 'create issues'],
        env,
        undefined,
      ],
      ['bad format', [...base, '--project', 'SYNC', '--format', 'yaml'], env, undefined],
      [
        'line break in token (env)',
        [...base, '--project', 'SYNC'],
        { JIRA_API_TOKEN: `${sync.slice(0, 20)}\n${sync.slice(20)}` },
        undefined,
      ],
      [
        'control char in token (env)',
        [...base, '--project', 'SYNC'],
        { JIRA_API_TOKEN: `${sync}\u0007` },
        undefined,
      ],
      [
        'space in token (env)',
        [...base, '--project', 'SYNC'],
        { JIRA_API_TOKEN: `${sync.slice(0, 20)} ${sync.slice(20)}` },
        undefined,
      ],
      [
        'two lines on stdin',
        [...base, '--project', 'SYNC', '--token-stdin'],
        {},
        `${sync}\n${sync}\n`,
      ],
      [
        'control char on stdin',
        [...base, '--project', 'SYNC', '--token-stdin'],
        {},
        `${sync}\u0000\n`,
      ],
      [
        'stdin and a stray positional',
        [...base, '--project', 'SYNC', '--token-stdin', sync],
        {},
        `${sync}\n`,
      ],
    ];
    const problems: string[] = [];
    for (const [name, args, runEnv, stdin] of runs) {
      const run = await runCliProcess(args, runEnv, stdin);
      if (run.code !== 2 || run.stdout !== '')
        problems.push(`${name}: exit ${run.code}, stdout ${run.stdout.length} chars`);
      problems.push(...processLeaks(run, canaries).map((l) => `${name}: ${l}`));
    }
    expect(problems).toEqual([]);
  });

  it('a token given as an argument is refused in every spelling, never echoed, nothing sent', async () => {
    const sim = await startSimulator(healthy().world);
    try {
      const token = canaryToken('ARG');
      const canaries = [{ email: 'sync@acme.example', token }];
      const base = [
        'check',
        '--site',
        sim.siteUrl,
        '--gateway',
        sim.gatewayUrl,
        '--project',
        'SYNC',
        '--email',
        'sync@acme.example',
      ];
      const named = [
        'token',
        'api-token',
        'apitoken',
        'api_token',
        'apiToken',
        'API-TOKEN',
        'Token',
        'jira-token',
        'jira-api-token',
        'jira_api_token',
        'admin-token',
        'admin-api-token',
        'password',
        'admin-password',
        'pass',
        'passwd',
        'secret',
      ];
      const spellings: string[][] = [
        ...named.flatMap((name) => [
          [`--${name}`, token],
          [`--${name}=${token}`],
          [`-${name}`, token],
        ]),
        // Other names people reach for, and a bare value: refused as unknown or stray.
        ['--api-key', token],
        ['--apikey=' + token],
        ['--access-token', token],
        ['--pat', token],
        ['-t', token],
        [token],
        ['--', token],
      ];
      // After the command, and before it.
      const argLists = spellings.flatMap((extra) => [
        [...base, ...extra],
        [...extra, ...base],
      ]);
      const problems = (
        await pool(argLists, 8, async (args) => {
          const run = await runCliProcess(args, { JIRA_API_TOKEN: canaryToken('ENV') });
          const label = args.join(' ').replace(token, '<token>').replaceAll(sim.siteUrl, '<site>');
          const out = processLeaks(run, canaries).map((l) => `${label}: ${l}`);
          if (run.code !== 2 || run.stdout !== '') out.push(`${label}: exit ${run.code}`);
          return out;
        })
      ).flat();
      for (const name of named) {
        const run = await runCliProcess([...base, `--${name}=${token}`], {});
        if (!/JIRA_API_TOKEN/.test(run.stderr) || !/--token-stdin/.test(run.stderr))
          problems.push(`--${name}=<token>: the message does not name the alternatives`);
      }
      expect(problems).toEqual([]);
      // Nothing reached Jira.
      expect(sim.log).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('a token pasted where another value belongs is never echoed, whole or in part', async () => {
    const dead = await deadSite();
    const problems: string[] = [];
    // A classic API token is 24 letters and digits: it looks like a variable name, a command, a key.
    for (const token of [legacyCanaryToken(), canaryToken('MISPLACED')]) {
      const canaries = [{ email: 'sync@acme.example', token }];
      const site = ['--site', dead];
      const tokenMode = ['check', ...site, '--project', 'SYNC', '--email', 'sync@acme.example'];
      const adminMode = [
        'check',
        ...site,
        '--project',
        'SYNC',
        '--admin-email',
        'admin@acme.example',
      ];
      const cases: string[][] = [
        [token, 'check', ...site, '--project', 'SYNC'],
        [...tokenMode, token],
        [...tokenMode, '--token-env', token],
        [...tokenMode, `--token-env=${token}`],
        [...adminMode, '--user', 'sync@acme.example', '--admin-token-env', token],
        [...tokenMode, '--permissions', `${token}!`],
        [...tokenMode, '--preset', token],
        [...tokenMode, '--format', token],
        [...tokenMode, '--timeout-ms', token],
        ['check', ...site, '--project', 'SYNC', '--email', token],
        ['check', '--site', token, '--project', 'SYNC', '--email', 'sync@acme.example'],
        [
          'check',
          '--site',
          `https://${token}@acme.atlassian.invalid`,
          '--project',
          'SYNC',
          '--email',
          'sync@acme.example',
        ],
        ['triage', '--format', token],
      ];
      for (const args of cases) {
        const run = await runCliProcess(args, { JIRA_API_TOKEN: canaryToken('ENV') });
        const label = `${token.length}-char token: ${args.join(' ').replace(token, '<token>')}`;
        if (run.code !== 2 || run.stdout !== '')
          problems.push(`${label}: exit ${run.code}, stdout ${run.stdout.length} chars`);
        const found = processLeaks(run, canaries);
        if (found.length > 0)
          problems.push(`${label}: stderr echoes the token: ${run.stderr.trim().split('\n')[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('triage never repeats a recognisable credential (Basic header, Atlassian API token) from a pasted log', async () => {
    const token = canaryToken('LOG');
    const email = 'sync@acme.example';
    const basic = Buffer.from(`${email}:${token}`).toString('base64');
    const lines = [
      `POST https://acme.atlassian.net/rest/api/3/issue -> 401 Unauthorized, request header Authorization: Basic ${basic}`,
      `curl -u ${email}:${token} https://acme.atlassian.net/rest/api/3/myself -> HTTP 401`,
      `HTTP 401 Unauthorized jira.token=${token}`,
    ];
    const inputs: Array<[string, string]> = [
      ['log', lines.join('\n')],
      ['JSON log', JSON.stringify(lines.map((message) => ({ status: 401, message })))],
    ];
    const problems: string[] = [];
    for (const [name, input] of inputs) {
      for (const format of ['text', 'json']) {
        const run = await runCliProcess(['triage', '--format', format], {}, input);
        if (run.code !== 0) problems.push(`${name} → ${format}: exit ${run.code}`);
        problems.push(
          ...processLeaks(run, [{ email, token }]).map((l) => `${name} → ${format}: ${l}`),
        );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('CLI in-process: internal errors and TTY progress', () => {
  function io(stderrTTY: boolean) {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: { write: (t: string) => (out.stdout += t), isTTY: false },
        stderr: { write: (t: string) => (out.stderr += t), isTTY: stderrTTY },
        readStdin: () => Promise.resolve(''),
      },
    };
  }

  it('an internal error carrying the credentials is printed redacted, with and without --verbose', async () => {
    const sync = canaryToken('SYNC');
    const admin = canaryToken('ADMIN');
    const canaries = [
      { email: 'sync@acme.example', token: sync },
      { email: 'admin@acme.example', token: admin },
    ];
    const basic = Buffer.from(`sync@acme.example:${sync}`).toString('base64');
    const throwing: DiagnoseFn = () =>
      Promise.reject(new Error(`boom: Authorization: Basic ${basic} token ${sync} admin ${admin}`));
    for (const verbose of [[], ['--verbose']]) {
      const { out, io: streams } = io(false);
      const code = await main(
        [
          'check',
          '--site',
          'https://acme.atlassian.invalid',
          '--project',
          'SYNC',
          '--email',
          'sync@acme.example',
          '--admin-email',
          'admin@acme.example',
          ...verbose,
        ],
        { JIRA_API_TOKEN: sync, JIRA_ADMIN_TOKEN: admin },
        streams,
        throwing,
      );
      expect(code).toBe(1);
      expect(out.stderr).toMatch(/internal error/);
      expect(leaks(out.stdout + out.stderr, canaries)).toEqual([]);
    }
  });

  it('progress lines on a TTY stderr carry no credentials, through every scenario', async () => {
    for (const id of SCENARIO_IDS) {
      const planted = plantCanaries(SCENARIOS[id]());
      await withSimulator(planted.scenario, async (sim) => {
        const { out, io: streams } = io(true);
        const { args, env } = cliArgs(sim, planted, 'text', 'env');
        const code = await main(args, env, streams);
        expect({ id, code: [0, 3, 4, 5, 6, 7].includes(code) }).toEqual({ id, code: true });
        expect(out.stderr).toContain('…');
        expect({ id, leaks: leaks(out.stdout + out.stderr, planted.canaries) }).toEqual({
          id,
          leaks: [],
        });
      });
    }
  });
});
