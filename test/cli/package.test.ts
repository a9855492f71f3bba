/**
 * The CLI as an admin installs it: `npm run pack:cli`, then `npm install <tarball>` into an empty
 * folder with npm offline, then the installed `credential-doctor` against the simulator in every
 * output format; and the single-file bundle copied alone into another empty folder.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { missingCreateInOneProject } from '../../simulator/worlds/scenarios';
import type { RunningSimulator } from '../../simulator';
import type { Report } from '../../src/engine/model/report';
import type { TriageResult } from '../../src/engine/triage/triage';
import { expectValidReport } from '../support/report-schema';
import { withScenario } from '../support/scenario';

const repoRoot = path.resolve(__dirname, '..', '..');
const rootManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};
const rootLock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; stdin?: string },
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        cwd: options.cwd,
        // Only PATH (to find node and npm) and HOME (npm's cache): nothing of this repository.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? os.homedir(),
          ...options.env,
        },
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}

function expectExit(result: Run, code: number): void {
  if (result.code !== code) {
    throw new Error(`exit ${result.code}, expected ${code}\n${result.stderr}\n${result.stdout}`);
  }
}

/** Total bytes of the files under `dir` (a plain walk: Dirent.parentPath is newer than Node 20.11). */
function sizeOf(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sum + sizeOf(file);
    return entry.isFile() ? sum + fs.statSync(file).size : sum;
  }, 0);
}

let tarball: string;
let installDir: string;
let bundleDir: string;
let installedBin: string;

beforeAll(async () => {
  const packed = await run('npm', ['run', '--silent', 'pack:cli'], { cwd: repoRoot });
  expectExit(packed, 0);
  tarball = packed.stdout.trimEnd().split('\n').pop() ?? '';
  expect(path.isAbsolute(tarball)).toBe(true);
  expect(path.basename(tarball)).toBe(`credential-doctor-${rootManifest.version}.tgz`);

  installDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-install-'));
  // --offline: the tarball must bring everything it needs; no registry, no cache lookups.
  const installed = await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--no-save', tarball],
    { cwd: installDir },
  );
  expectExit(installed, 0);
  installedBin = path.join(installDir, 'node_modules', '.bin', 'credential-doctor');

  bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bundle-'));
  fs.copyFileSync(
    path.join(repoRoot, 'dist', 'credential-doctor.cjs'),
    path.join(bundleDir, 'credential-doctor.cjs'),
  );
}, 240_000);

afterAll(() => {
  for (const dir of [installDir, bundleDir]) {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('the installed package', () => {
  it('installs exactly one package: nothing of the development tooling', () => {
    const hidden = JSON.parse(
      fs.readFileSync(path.join(installDir, 'node_modules', '.package-lock.json'), 'utf8'),
    ) as { packages: Record<string, unknown> };
    expect(Object.keys(hidden.packages)).toEqual(['node_modules/credential-doctor']);
    expect(fs.readdirSync(path.join(installDir, 'node_modules')).sort()).toEqual([
      '.bin',
      '.package-lock.json',
      'credential-doctor',
    ]);
    const manifest = JSON.parse(
      fs.readFileSync(
        path.join(installDir, 'node_modules', 'credential-doctor', 'package.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: 'credential-doctor', version: rootManifest.version });
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('bundles only CLI, engine and Node transport code and production dependencies', () => {
    const meta = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'dist', 'credential-doctor.meta.json'), 'utf8'),
    ) as Metafile;
    const inputs = Object.keys(meta.inputs);
    const packages = new Set(
      inputs
        .filter((i) => i.includes('node_modules/'))
        .map((i) => {
          const [first, second] = i.slice(i.lastIndexOf('node_modules/') + 13).split('/');
          return first?.startsWith('@') ? `${first}/${second}` : (first ?? '');
        }),
    );
    expect([...packages]).toEqual(['zod']);
    for (const name of packages) {
      expect(rootManifest.devDependencies[name]).toBeUndefined();
      expect(rootLock.packages[`node_modules/${name}`]?.dev).not.toBe(true);
    }
    const sources = inputs.filter((i) => !i.includes('node_modules/'));
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) expect(source).toMatch(/^src\/(cli|engine|jira)\//);
    expect(sources.some((s) => /forge|resolvers|history/.test(s))).toBe(false);
  });

  it('is small: the whole installed tree stays under 3 MB', () => {
    expect(sizeOf(path.join(installDir, 'node_modules'))).toBeLessThan(3 * 1024 * 1024);
  });

  it('`npx credential-doctor --version` prints the package version; --help the usage', async () => {
    const version = await run('npx', ['--no-install', 'credential-doctor', '--version'], {
      cwd: installDir,
    });
    expectExit(version, 0);
    expect(version.stdout).toBe(`${rootManifest.version}\n`);
    const help = await run(installedBin, ['--help'], { cwd: installDir });
    expectExit(help, 0);
    expect(help.stdout).toContain('credential-doctor check --site URL');
  });

  it('triages pasted text from stdin in text and JSON', async () => {
    const text = await run(installedBin, ['triage'], {
      cwd: installDir,
      stdin: '401 Unauthorized: Client must be authenticated to access this resource.',
    });
    expectExit(text, 0);
    expect(text.stdout).toContain('401');
    const json = await run(installedBin, ['triage', '--format', 'json'], {
      cwd: installDir,
      stdin: '403 Forbidden',
    });
    expectExit(json, 0);
    const result = JSON.parse(json.stdout) as TriageResult;
    expect(result.messages).toEqual([expect.objectContaining({ status: 403, recognised: true })]);
  });

  it('checks the simulator in every format, and so does the single-file bundle alone', async () => {
    const s = missingCreateInOneProject();
    await withScenario(s, async (sim: RunningSimulator) => {
      const args = [
        'check',
        '--site',
        sim.siteUrl,
        '--gateway',
        sim.gatewayUrl,
        '--project',
        s.projects.join(','),
        '--permissions',
        s.permissions.join(','),
        '--email',
        s.login.email,
        '--admin-email',
        s.admin.email,
      ];
      const env = { JIRA_API_TOKEN: s.login.secret, JIRA_ADMIN_TOKEN: s.admin.token };

      const json = await run(installedBin, [...args, '--format', 'json'], { cwd: installDir, env });
      expectExit(json, 4);
      const report = JSON.parse(json.stdout) as Report;
      expectValidReport(report);
      expect(report.verdict).toBe('fix-permissions');
      expect(report.mode).toBe('token+admin');
      expect(report.findings.map((f) => f.project)).toContain('OPS');

      const text = await run(installedBin, args, { cwd: installDir, env });
      expectExit(text, 4);
      expect(text.stdout).toMatch(/fix permissions/i);
      expect(text.stdout).toContain('OPS');

      const markdown = await run(installedBin, [...args, '--format', 'markdown'], {
        cwd: installDir,
        env,
      });
      expectExit(markdown, 4);
      expect(markdown.stdout).toMatch(/^#/m);
      expect(markdown.stdout).toContain('Fix permissions');

      const bundled = await run(
        process.execPath,
        ['credential-doctor.cjs', ...args, '--format', 'json'],
        { cwd: bundleDir, env },
      );
      expectExit(bundled, 4);
      const bundledReport = JSON.parse(bundled.stdout) as Report;
      expectValidReport(bundledReport);
      expect(bundledReport.verdict).toBe('fix-permissions');
      expect(bundledReport.findings.map((f) => f.code)).toEqual(report.findings.map((f) => f.code));
    });
  });

  it('the single-file bundle prints the version with no package.json beside it', async () => {
    expect(fs.readdirSync(bundleDir)).toEqual(['credential-doctor.cjs']);
    const version = await run(process.execPath, ['credential-doctor.cjs', '--version'], {
      cwd: bundleDir,
    });
    expectExit(version, 0);
    expect(version.stdout).toBe(`${rootManifest.version}\n`);
  });
});
