/** The panel's first load stays small: what the first verdict does not need is split off. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { INITIAL_JS_BUDGET_BYTES, type BundleSizeReport } from '../../scripts/report-bundle-size';

describe('panel bundle', () => {
  let report: BundleSizeReport;
  beforeAll(() => {
    const file = path.resolve(
      __dirname,
      '..',
      '..',
      'static',
      'panel',
      'build',
      'bundle-size.json',
    );
    report = JSON.parse(readFileSync(file, 'utf8')) as BundleSizeReport;
  });

  test('initial JavaScript is at most 230 KB gzipped', () => {
    console.log(`initial JS ${(report.initialJsGzipBytes / 1024).toFixed(1)} KB gz`);
    expect(INITIAL_JS_BUDGET_BYTES).toBe(230 * 1024);
    expect(report.initialJsGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  test('history, evidence, the Markdown renderer and error triage are separate chunks', () => {
    const lazy = report.chunks.filter((c) => !c.initial).map((c) => c.file);
    for (const name of ['History', 'Evidence', 'markdown', 'TriagePanel', 'triage', 'ReportView']) {
      expect(lazy.some((f) => path.basename(f).startsWith(name))).toBe(true);
    }
    // The triage rules load only when the "Paste an error" box is used.
    const build = path.resolve(__dirname, '..', '..', 'static', 'panel', 'build');
    for (const chunk of report.chunks.filter((c) => c.initial && c.kind === 'js')) {
      const code = readFileSync(path.join(build, chunk.file), 'utf8');
      expect(code).not.toContain('ESOCKETTIMEDOUT');
      // Merging the batches of a run of many projects loads when such a run starts.
      expect(code).not.toContain('A batch holds at least one project.');
    }
  });
});
