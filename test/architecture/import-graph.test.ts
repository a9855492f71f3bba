/**
 * docs/ARCHITECTURE.md rule 8: no import cycles, type-only imports included (ESLint's no-cycle
 * sees runtime imports only). Reads every import of src/ and the panel as text.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['src', 'static/panel/src'];
const IMPORT = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith('@shared/'))
    base = path.join(ROOT, 'src', spec.slice('@shared/'.length));
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((match) => resolveImport(file, match[1] ?? ''))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first search, as a list of repository paths. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)).concat(next));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles.map((cycle) => cycle.map((file) => path.relative(ROOT, file)));
}

describe('import graph', () => {
  it('has no cycles, type-only imports included', () => {
    expect(findCycles(importGraph())).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const graph = new Map([
      [path.join(ROOT, 'a.ts'), [path.join(ROOT, 'b.ts')]],
      [path.join(ROOT, 'b.ts'), [path.join(ROOT, 'a.ts')]],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('reads the imports of the panel and the backend, the port included', () => {
    const graph = importGraph();
    const port = path.join(ROOT, 'src/engine/port/jira-client.ts');
    const importers = [...graph].filter(([, targets]) => targets.includes(port));
    expect(importers.some(([file]) => file.includes('/src/jira/'))).toBe(true);
    expect(importers.some(([file]) => file.includes('/src/engine/cloud/'))).toBe(true);
    const api = graph.get(path.join(ROOT, 'static/panel/src/api.ts')) ?? [];
    expect(api).toContain(path.join(ROOT, 'src/contract/index.ts'));
  });
});
