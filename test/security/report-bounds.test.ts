/**
 * Issue 25, item 2: the report schema bounds every string and array, and still accepts every
 * report the CLI writes: the largest one it can write for the most it can check (1000 projects,
 * a permission missing in each, token and admin mode), measured here, also fits the import limit.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schema/report.schema.json';
import { MAX_HOST_REPORT_CHARS } from '../../src/resolvers/host-report-limits';
import { measureHostReport } from '../../scripts/measure-host-report';

/** Every string schema has a maxLength, every array a maxItems, every open object a maxProperties. */
function unbounded(node: unknown, path = '#'): string[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => unbounded(n, `${path}/${i}`));
  const n = node as Record<string, unknown>;
  const out: string[] = [];
  const types = Array.isArray(n.type) ? n.type : [n.type];
  if (types.includes('string') && n.maxLength === undefined) out.push(`${path}: string`);
  if (types.includes('array') && n.maxItems === undefined) out.push(`${path}: array`);
  if (types.includes('object') && n.additionalProperties !== false && n.maxProperties === undefined)
    out.push(`${path}: object`);
  for (const [k, v] of Object.entries(n)) out.push(...unbounded(v, `${path}/${k}`));
  return out;
}

test('every string, array and open object of the report schema is bounded', () => {
  expect(unbounded(schema)).toEqual([]);
});

test('the largest report the CLI writes (1000 projects) is valid and within the import limit', async () => {
  const validate = new Ajv({ allErrors: true, strict: true });
  addFormats(validate);
  const check = validate.compile(schema);
  const measured = await measureHostReport({ admin: true });
  const report: unknown = JSON.parse(measured.text);
  expect(check(report) ? [] : check.errors).toEqual([]);
  expect(measured.findings).toBeGreaterThanOrEqual(1000);
  // At least 40 % headroom over the largest report measured (resolvers/host-report-limits.ts).
  expect(JSON.stringify(report).length * 1.4).toBeLessThanOrEqual(MAX_HOST_REPORT_CHARS);
}, 120_000);
