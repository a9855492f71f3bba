/**
 * The corpus of answers recorded from real Jira Data Center / Server instances
 * (test/fixtures/jira-datacenter/, one file per answer, each naming its public source;
 * docs/jira-behaviour.md rows D1–D5). Each fixture is asserted three ways, like the Cloud corpus:
 *  1. engine: the whole CLI (serverInfo detection, then the Data Center engine and its HTTP
 *     client) runs against a replay proxy that answers the recorded request with the recorded
 *     answer, byte for byte, and forwards everything else to the Data Center simulator scenario
 *     that matches the recorded situation (the fixture's `backdrop`). Verdict, exit code, finding
 *     codes and deployment must be the fixture's, and the recorded answer must really have been
 *     served;
 *  2. triage: the answer pasted as its body and/or as a JSON log entry;
 *  3. simulator: the same request sent to the simulator must be answered as the instance did.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DC_SCENARIOS,
  startDataCenterSimulator,
  type DcScenario,
} from '../../simulator/datacenter';
import { EXIT_CODES } from '../../src/cli/exit-codes';
import { FINDING_CATALOGUE } from '../../src/engine/findings/catalogue';
import type { Category, FindingCode, Report, Verdict } from '../../src/engine/model/report';
import { triage } from '../../src/engine/triage/triage';
import { runCli } from '../cli/run-cli';
import { expectValidReport } from '../support/report-schema';
import { startReplayProxy } from '../support/replay-proxy';

const FIXTURE_DIR = path.resolve(__dirname, '..', 'fixtures', 'jira-datacenter');
const BEHAVIOUR_DOC = path.resolve(__dirname, '..', '..', 'docs', 'jira-behaviour.md');
/** D4 is documented only (personal access tokens switched off): no answer was recorded. */
const WITHOUT_FIXTURE = ['D4'];

type DcScenarioId = keyof typeof DC_SCENARIOS;
const scenarioId = z.enum(Object.keys(DC_SCENARIOS) as [DcScenarioId, ...DcScenarioId[]]);
const findingCode = z.enum(Object.keys(FINDING_CATALOGUE) as [FindingCode, ...FindingCode[]]);
const skipped = z.object({ skip: z.string().min(10) }).strict();

const fixtureShape = z
  .object({
    id: z.string(),
    fact: z.string().regex(/^D\d$/),
    kind: z.enum(['recorded', 'reported', 'documented']),
    sources: z.array(z.string().min(5)).min(1),
    note: z.string().min(20),
    exchanges: z
      .array(
        z
          .object({
            request: z
              .object({
                method: z.enum(['GET', 'POST', 'PUT']),
                path: z.string().startsWith('/'),
                query: z.record(z.string(), z.string()).optional(),
                credentials: z.enum(['sync-user', 'none']),
                auth: z.enum(['basic', 'bearer']).optional(),
              })
              .strict(),
            response: z
              .object({
                status: z.number().int().min(100).max(599),
                headers: z.record(z.string(), z.string()),
                body: z.string(),
              })
              .strict(),
          })
          .strict(),
      )
      .min(1),
    engine: z.union([
      skipped,
      z
        .object({
          backdrop: scenarioId,
          verdict: z.enum([
            'ready',
            'fix-credentials',
            'fix-permissions',
            'fix-configuration',
            'fix-connectivity',
            'inconclusive',
          ]),
          codes: z.array(findingCode),
          deployment: z.enum(['datacenter', 'server']).optional(),
          /** Words the first check's detail (the deployment line) must hold. */
          detailIncludes: z.array(z.string()).optional(),
          /** How many requests may carry the credentials in all (a refused login is not retried). */
          attemptsWithCredentials: z.number().int().min(1).optional(),
          messageIncludes: z.record(z.string(), z.array(z.string())).optional(),
        })
        .strict(),
    ]),
    triage: z.array(
      z
        .object({
          paste: z.enum(['body', 'log']),
          category: z.enum([
            'credentials',
            'permissions',
            'configuration',
            'connectivity',
            'transient',
          ]),
          code: findingCode.nullable(),
        })
        .strict(),
    ),
    triageExchange: z.number().int().min(0),
    simulator: z.union([
      skipped,
      z
        .object({
          scenario: scenarioId,
          query: z.record(z.string(), z.string()).optional(),
          headers: z.array(z.string()).optional(),
          absentHeaders: z.array(z.string()).optional(),
          body: z.union([
            z.enum(['json', 'none']),
            z.object({ includes: z.array(z.string()).min(1) }).strict(),
            z.object({ fields: z.array(z.string()).min(1) }).strict(),
          ]),
        })
        .strict(),
    ]),
  })
  .strict();

type Fixture = z.infer<typeof fixtureShape>;

const FIXTURES: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const parsed = fixtureShape.safeParse(
      JSON.parse(readFileSync(path.join(FIXTURE_DIR, name), 'utf8')),
    );
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
    if (`${parsed.data.id}.json` !== name) throw new Error(`${name}: id ${parsed.data.id}`);
    return parsed.data;
  });

describe('the corpus of recorded Jira Data Center answers', () => {
  it('has a fixture for every D fact of docs/jira-behaviour.md that records an answer', () => {
    const rows = [...readFileSync(BEHAVIOUR_DOC, 'utf8').matchAll(/^\| (D\d+) \|/gm)].map(
      (row) => row[1]!,
    );
    expect(rows).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
    const facts = new Set(FIXTURES.map((f) => f.fact));
    expect(rows.filter((fact) => !facts.has(fact))).toEqual(WITHOUT_FIXTURE);
    // Every fixture is asserted somewhere.
    const thin = FIXTURES.filter(
      (f) => 'skip' in f.engine && f.triage.length === 0 && 'skip' in f.simulator,
    );
    expect(thin.map((f) => f.id)).toEqual([]);
  });
});

/** The CLI's arguments for a scenario's sync user, with the site given. */
function checkArgs(s: DcScenario, site: string): { argv: string[]; secret: string } {
  const argv = ['check', '--site', site, '--format', 'json', '--timeout-ms', '3000'];
  for (const p of s.projects) argv.push('--project', p);
  argv.push('--permissions', s.permissions.join(','));
  if (s.login.auth === 'basic') argv.push('--username', s.login.username);
  else argv.push('--auth', 'bearer');
  return { argv, secret: s.login.secret };
}

const ENGINE_CASES = FIXTURES.filter((f) => !('skip' in f.engine)).map((f) => [f.id, f] as const);

describe('engine: recorded answers met by the CLI and the Data Center engine', () => {
  it.each(ENGINE_CASES)('%s', async (_id, fixture) => {
    const engine = fixture.engine;
    if ('skip' in engine) throw new Error('unreachable');
    const scenario = DC_SCENARIOS[engine.backdrop]();
    const sim = await startDataCenterSimulator(scenario.world);
    const proxy = await startReplayProxy(fixture.exchanges, sim.baseUrl);
    try {
      const { argv, secret } = checkArgs(scenario, proxy.url);
      const run = await runCli(argv, { env: { JIRA_API_TOKEN: secret } });
      const report = JSON.parse(run.stdout) as Report;
      expectValidReport(report);
      expect(run.stdout + run.stderr).not.toContain(secret);

      // Every recorded exchange reached the CLI; otherwise the assertions below prove nothing.
      const served = new Set(proxy.log.map((e) => e.replayed));
      expect(fixture.exchanges.map((_, i) => i).filter((i) => !served.has(i))).toEqual([]);

      expect({
        verdict: report.verdict,
        exit: run.code,
        codes: report.findings
          .filter((f) => f.severity !== 'info')
          .map((f) => f.code)
          .sort(),
      }).toEqual({
        verdict: engine.verdict,
        exit: EXIT_CODES[engine.verdict as Verdict],
        codes: [...engine.codes].sort(),
      });
      if (engine.deployment) expect(report.deployment).toBe(engine.deployment);
      for (const words of engine.detailIncludes ?? [])
        expect(report.checks[0]?.detail).toContain(words);
      if (engine.attemptsWithCredentials !== undefined)
        expect(proxy.log.filter((e) => e.scheme !== 'none')).toHaveLength(
          engine.attemptsWithCredentials,
        );
      for (const [code, words] of Object.entries(engine.messageIncludes ?? {})) {
        const found = report.findings.find((f) => f.code === code);
        const text = `${found?.message ?? ''} ${found?.remedy ?? ''} ${found?.steps.join(' ') ?? ''}`;
        for (const word of words)
          expect({ code, text }).toEqual({ code, text: expect.stringContaining(word) });
      }
    } finally {
      await proxy.close();
      await sim.close();
    }
  });
});

function paste(fixture: Fixture, form: 'body' | 'log'): string {
  const { response } = fixture.exchanges[fixture.triageExchange] ?? fixture.exchanges[0]!;
  if (form === 'body') return response.body;
  return JSON.stringify({
    status: response.status,
    headers: response.headers,
    message: response.body,
  });
}

const TRIAGE_CASES = FIXTURES.flatMap((f) =>
  f.triage.map((t) => [`${f.id} (${t.paste})`, f, t] as const),
);

describe('triage: the recorded Data Center answers pasted', () => {
  it.each(TRIAGE_CASES)('%s', (_name, fixture, expected) => {
    const recognised = triage(paste(fixture, expected.paste)).messages.filter((m) => m.recognised);
    expect(recognised.length).toBeGreaterThan(0);
    expect({ category: recognised[0]?.category, code: recognised[0]?.code }).toEqual({
      category: expected.category as Category,
      code: expected.code,
    });
    expect([...new Set(recognised.map((m) => m.category))]).toEqual([expected.category]);
    // Data Center advice names no Jira Cloud-only cause, unless the text is the same on both
    // (D5's 401 body is C1's) and the advice says which causes belong to which.
    for (const m of recognised) {
      const advice = `${m.cause} ${m.next}`;
      if (/scoped token|API gateway|organisation policy|15 Dec 2024|atlassian\.net/i.test(advice))
        expect(advice).toMatch(/Jira Cloud:.*Data Center \/ Server/);
    }
  });
});

const SIMULATOR_CASES = FIXTURES.filter((f) => !('skip' in f.simulator)).map(
  (f) => [f.id, f] as const,
);

function authorization(s: DcScenario): string {
  return s.login.auth === 'bearer'
    ? `Bearer ${s.login.secret}`
    : `Basic ${Buffer.from(`${s.login.username}:${s.login.secret}`).toString('base64')}`;
}

describe('Data Center simulator: answers the recorded requests as the recorded instance did', () => {
  it.each(SIMULATOR_CASES)('%s', async (_id, fixture) => {
    const spec = fixture.simulator;
    if ('skip' in spec) throw new Error('unreachable');
    const scenario = DC_SCENARIOS[spec.scenario]();
    const sim = await startDataCenterSimulator(scenario.world);
    try {
      for (const [index, { request, response: recorded }] of fixture.exchanges.entries()) {
        const url = new URL(sim.baseUrl + request.path);
        for (const [k, v] of Object.entries({ ...spec.query, ...request.query }))
          url.searchParams.append(k, v);
        const answer = await fetch(url, {
          method: request.method,
          headers: {
            Accept: 'application/json',
            ...(request.credentials === 'sync-user'
              ? { Authorization: authorization(scenario) }
              : {}),
          },
        });
        const body = await answer.text();
        const where = `${fixture.id} #${index}`;
        const recordedHeaders = new Headers(recorded.headers);
        expect({ where, status: answer.status }).toEqual({ where, status: recorded.status });
        for (const name of spec.headers ?? [])
          expect({ where, name, value: answer.headers.get(name) }).toEqual({
            where,
            name,
            value: recordedHeaders.get(name),
          });
        for (const name of spec.absentHeaders ?? [])
          expect({ where, name, value: answer.headers.get(name) }).toEqual({
            where,
            name,
            value: null,
          });
        const form = spec.body;
        if (form === 'json') expect(JSON.parse(body)).toEqual(JSON.parse(recorded.body));
        else if (form === 'none') continue;
        else if ('includes' in form) for (const text of form.includes) expect(body).toContain(text);
        else {
          const got = JSON.parse(body) as Record<string, unknown>;
          const want = JSON.parse(recorded.body) as Record<string, unknown>;
          for (const field of form.fields)
            expect({ where, field, value: got[field] }).toEqual({
              where,
              field,
              value: want[field],
            });
        }
      }
    } finally {
      await sim.close();
    }
  });
});
