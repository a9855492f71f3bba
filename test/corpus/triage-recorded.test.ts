/**
 * Error texts recorded in public issue trackers of sync tools and Jira clients (#23 item 5;
 * test/fixtures/triage/, one file per text, each naming its public source), pasted into the triage
 * as an admin would paste them: the text as the tool logged it, or a JSON log entry. Each must be
 * recognised by its own rule, with its category and fix, and no other line of the same paste may
 * be filed under another category. Texts that came from a Data Center instance get no Cloud-only
 * cause in their advice. Where the engine can meet the same answer, the fixture names the corpus
 * fixture that replays it through the engine (test/corpus/jira-datacenter.test.ts); otherwise it
 * says why the engine never meets it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { triage } from '../../src/engine/triage/triage';
import { STATUS_RULES, WORDING_RULES } from '../../src/engine/triage/rules';

const DIR = path.resolve(__dirname, '..', 'fixtures', 'triage');
const DATACENTER_DIR = path.resolve(__dirname, '..', 'fixtures', 'jira-datacenter');

const fixtureShape = z
  .object({
    id: z.string(),
    deployment: z.enum(['cloud', 'datacenter', 'any']),
    kind: z.enum(['recorded', 'reported']),
    sources: z.array(z.string().min(10)).min(1),
    note: z.string().min(20),
    form: z.enum(['text', 'log']),
    paste: z.string().min(10),
    expect: z
      .object({
        rule: z.string(),
        category: z.enum([
          'credentials',
          'permissions',
          'configuration',
          'connectivity',
          'transient',
        ]),
        code: z.string().nullable(),
        status: z.number().int().optional(),
        nextIncludes: z.array(z.string()).min(1),
        /** Words the masked text must keep (the redactor masks credentials, never words). */
        textIncludes: z.array(z.string()).optional(),
      })
      .strict(),
    engine: z.union([
      z.object({ skip: z.string().min(20) }).strict(),
      z.object({ fixture: z.string() }).strict(),
    ]),
  })
  .strict();

type Fixture = z.infer<typeof fixtureShape>;

const FIXTURES: Fixture[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const parsed = fixtureShape.safeParse(JSON.parse(readFileSync(path.join(DIR, name), 'utf8')));
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.message}`);
    if (`${parsed.data.id}.json` !== name) throw new Error(`${name}: id ${parsed.data.id}`);
    return parsed.data;
  });

/** Causes and fixes that exist only on Jira Cloud: never the advice for a Data Center text. */
const CLOUD_ONLY =
  /scoped token|API gateway|api\.atlassian\.com|organisation policy|15 Dec 2024|atlassian\.net|status\.atlassian\.com|Atlassian Administration/i;

describe('recorded error texts pasted into the triage', () => {
  it('holds the recorded examples of #23: removed API, request header, invalid value, Atlassian page, Data Center', () => {
    const rules = new Set(FIXTURES.map((f) => f.expect.rule));
    for (const rule of [
      'api-removed',
      'request-header-missing',
      'invalid-value',
      'atlassian-page',
      'basic-auth-disabled',
      'login-denied',
      'anonymous-fallback-datacenter',
    ])
      expect({ rule, recorded: rules.has(rule) }).toEqual({ rule, recorded: true });
  });

  it.each(FIXTURES.map((f) => [f.id, f] as const))('%s', (_id, fixture) => {
    const result = triage(fixture.paste);
    expect(result.format).toBe(fixture.form === 'log' ? 'json' : 'text');
    const recognised = result.messages.filter((m) => m.recognised);
    const signal = recognised.find((m) => m.rule === fixture.expect.rule);
    expect({ id: fixture.id, rules: recognised.map((m) => m.rule) }).toEqual({
      id: fixture.id,
      rules: expect.arrayContaining([fixture.expect.rule]),
    });
    expect({
      category: signal?.category,
      code: signal?.code,
      ...(fixture.expect.status !== undefined ? { status: signal?.status } : {}),
    }).toEqual({
      category: fixture.expect.category,
      code: fixture.expect.code,
      ...(fixture.expect.status !== undefined ? { status: fixture.expect.status } : {}),
    });
    for (const words of fixture.expect.nextIncludes)
      expect(signal?.next?.toLowerCase()).toContain(words.toLowerCase());
    // Masked as shown, the answer keeps its words (only credentials are masked).
    const shown = result.messages.map((m) => m.text).join('\n');
    for (const words of fixture.expect.textIncludes ?? []) expect(shown).toContain(words);
    // No line of the same paste is filed under another category (e.g. a 404 page as a hidden project).
    expect([...new Set(recognised.map((m) => m.category))]).toEqual([fixture.expect.category]);
    if (fixture.deployment === 'datacenter')
      expect(`${signal?.cause ?? ''} ${signal?.next ?? ''}`).not.toMatch(CLOUD_ONLY);
  });

  it('names the engine fixture that replays the same answer, where the engine can meet it', () => {
    for (const fixture of FIXTURES) {
      if (!('fixture' in fixture.engine)) continue;
      const file = path.join(DATACENTER_DIR, `${fixture.engine.fixture}.json`);
      expect({ id: fixture.id, file, exists: existsSync(file) }).toEqual({
        id: fixture.id,
        file,
        exists: true,
      });
    }
  });

  it('every rule id is unique, and every status rule says what to do', () => {
    const ids = WORDING_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of Object.values(STATUS_RULES)) expect(rule.next.length).toBeGreaterThan(10);
  });
});
