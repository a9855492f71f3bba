/** Builds the Custom UI panel when its build is missing or older than its sources. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const PANEL_DIR = path.join(ROOT, 'static', 'panel');
export const PANEL_BUILD_DIR = path.join(PANEL_DIR, 'build');

/** Files whose change makes the build stale: the panel and the engine modules it bundles. */
const SOURCES = [
  path.join(PANEL_DIR, 'src'),
  path.join(PANEL_DIR, 'index.html'),
  path.join(PANEL_DIR, 'vite.config.ts'),
  path.join(ROOT, 'src', 'engine'),
  path.join(ROOT, 'scripts', 'report-bundle-size.ts'),
];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function panelBuildIsStale(): boolean {
  const built = path.join(PANEL_BUILD_DIR, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > builtAt);
}

export function buildPanel(options: { quiet?: boolean } = {}): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', path.join(PANEL_DIR, 'vite.config.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
        stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`Building the panel failed (exit ${code}).\n${output}`)),
    );
  });
}

export async function ensurePanelBuilt(
  options: { quiet?: boolean; force?: boolean } = {},
): Promise<boolean> {
  if (!options.force && !panelBuildIsStale()) return false;
  await buildPanel(options);
  return true;
}

/** "initial JS 218.6 KB gzipped", from the size report the build writes. */
export function panelSizeLine(): string {
  try {
    const report = JSON.parse(
      readFileSync(path.join(PANEL_BUILD_DIR, 'bundle-size.json'), 'utf8'),
    ) as {
      initialJsGzipBytes: number;
    };
    return `initial JS ${(report.initialJsGzipBytes / 1024).toFixed(1)} KB gzipped`;
  } catch {
    return 'size unknown';
  }
}
