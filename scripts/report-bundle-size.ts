/**
 * Prints the gzipped size of every chunk of the panel build and the size of what the first
 * render loads (the entry chunk, its static imports and their CSS), and fails the build when that
 * initial JavaScript is over the budget. Used as a Vite plugin by static/panel/vite.config.ts;
 * `tsx scripts/report-bundle-size.ts [buildDir]` prints the last build's numbers again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const INITIAL_JS_BUDGET_BYTES = 230 * 1024;
export const REPORT_FILE = 'bundle-size.json';

export interface ChunkSize {
  file: string;
  kind: 'js' | 'css' | 'other';
  bytes: number;
  gzipBytes: number;
  initial: boolean;
}

export interface BundleSizeReport {
  chunks: ChunkSize[];
  initialJsGzipBytes: number;
  initialCssGzipBytes: number;
  initialGzipBytes: number;
  totalGzipBytes: number;
  budgetGzipBytes: number;
}

/** The structural subset of a Rollup/Rolldown output bundle this needs. */
type OutputItem =
  | {
      type: 'chunk';
      fileName: string;
      code: string;
      isEntry: boolean;
      imports: string[];
      viteMetadata?: { importedCss: Set<string> };
    }
  | { type: 'asset'; fileName: string; source: string | Uint8Array };

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function measureBundle(bundle: Record<string, OutputItem>): BundleSizeReport {
  const initial = new Set<string>();
  const visit = (fileName: string) => {
    if (initial.has(fileName)) return;
    const item = bundle[fileName];
    if (!item) return;
    initial.add(fileName);
    if (item.type === 'chunk') {
      item.imports.forEach(visit);
      item.viteMetadata?.importedCss.forEach((css) => initial.add(css));
    }
  };
  for (const item of Object.values(bundle)) {
    if (item.type === 'chunk' && item.isEntry) visit(item.fileName);
  }
  const chunks: ChunkSize[] = Object.values(bundle)
    .filter((item) => !item.fileName.endsWith('.map') && item.fileName !== REPORT_FILE)
    .map((item) => {
      const content = item.type === 'chunk' ? item.code : item.source;
      const buf = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
      const kind = item.fileName.endsWith('.js')
        ? 'js'
        : item.fileName.endsWith('.css')
          ? 'css'
          : 'other';
      return {
        file: item.fileName,
        kind,
        bytes: buf.length,
        gzipBytes: gzipSync(buf, { level: 9 }).length,
        initial: initial.has(item.fileName),
      } satisfies ChunkSize;
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  const sum = (list: ChunkSize[]) => list.reduce((n, c) => n + c.gzipBytes, 0);
  const initialJs = sum(chunks.filter((c) => c.initial && c.kind === 'js'));
  const initialCss = sum(chunks.filter((c) => c.initial && c.kind === 'css'));
  return {
    chunks,
    initialJsGzipBytes: initialJs,
    initialCssGzipBytes: initialCss,
    initialGzipBytes: initialJs + initialCss,
    totalGzipBytes: sum(chunks),
    budgetGzipBytes: INITIAL_JS_BUDGET_BYTES,
  };
}

export function formatReport(report: BundleSizeReport): string {
  const width = Math.max(...report.chunks.map((c) => c.file.length), 10);
  const lines = ['', 'Panel bundle (gzip -9):'];
  for (const c of report.chunks) {
    lines.push(
      `  ${c.initial ? 'initial' : 'lazy   '}  ${c.file.padEnd(width)}  ${kb(c.bytes).padStart(10)}  ${kb(c.gzipBytes).padStart(9)} gz`,
    );
  }
  lines.push(
    `  initial JS ${kb(report.initialJsGzipBytes)} gz + CSS ${kb(report.initialCssGzipBytes)} gz = ${kb(report.initialGzipBytes)} gz (budget for JS: ${kb(report.budgetGzipBytes)}); everything ${kb(report.totalGzipBytes)} gz`,
    '',
  );
  return lines.join('\n');
}

/** Vite plugin: measure after the bundle is final, print, save `bundle-size.json`, enforce the budget. */
export function bundleSizePlugin() {
  return {
    name: 'credential-doctor:bundle-size',
    apply: 'build' as const,
    generateBundle(
      this: {
        emitFile(file: { type: 'asset'; fileName: string; source: string }): string;
        error(msg: string): never;
      },
      _options: unknown,
      bundle: Record<string, OutputItem>,
    ) {
      const report = measureBundle(bundle);
      console.log(formatReport(report));
      this.emitFile({
        type: 'asset',
        fileName: REPORT_FILE,
        source: `${JSON.stringify(report, null, 2)}\n`,
      });
      if (report.initialJsGzipBytes > report.budgetGzipBytes) {
        this.error(
          `The panel's initial JavaScript is ${kb(report.initialJsGzipBytes)} gzipped, over the ${kb(report.budgetGzipBytes)} budget: split what the first verdict does not need.`,
        );
      }
    },
  };
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, '..', 'static', 'panel', 'build');
  const report = JSON.parse(readFileSync(path.join(dir, REPORT_FILE), 'utf8')) as BundleSizeReport;
  console.log(formatReport(report));
}
