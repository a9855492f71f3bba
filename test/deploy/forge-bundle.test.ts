/**
 * Forge's own bundler in the tests (#28): each build's app directory, written by `forge:dir` into
 * a folder outside the checkout, with its production dependencies only (`npm ci --omit=dev`,
 * from npm's cache where it can), goes through `@forge/bundler` the way `forge deploy` runs it
 * (scripts/forge-bundle.ts). It must compile (the app's TypeScript, with the directory's own
 * tsconfig and nothing of the repository), export the manifest's handlers, and stay within the
 * size budgets. And `forge lint`, run in that directory with its tsconfig, parses every source:
 * a scope removed from the manifest is reported.
 *
 * Before #28 the copied directory failed to bundle (TS2688 "Cannot find type definition file for
 * 'node'", `Buffer`, `node:crypto`) and, in place, `forge lint` parsed no source at all.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeForgeDir } from '../../scripts/forge-dir';
import {
  BUNDLE_BUDGET_BYTES,
  MANIFEST_BUDGET_BYTES,
  type BundleSummary,
} from '../../scripts/forge-bundle';
import { PROFILES, type ProfileName } from '../../src/profile/profiles';

const repoRoot = path.resolve(__dirname, '..', '..');
const TSX = require.resolve('tsx/cli');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd,
        // PATH (node, npm), HOME (npm's cache) and npm's registry settings: nothing of the checkout.
        env: Object.fromEntries(
          Object.entries(process.env).filter(
            ([k]) => k === 'PATH' || k === 'HOME' || /^npm_config_(registry|cache)$/i.test(k),
          ),
        ),
        timeout: 300_000,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function expectExit(result: Run, code: number): void {
  if (result.code !== code) {
    throw new Error(`exit ${result.code}, expected ${code}\n${result.stderr}\n${result.stdout}`);
  }
}

let work: string;
let panel: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-forge-bundle-'));
  // Outside the checkout: TypeScript and Node must find nothing of the repository from here.
  expect(path.relative(repoRoot, work).startsWith('..')).toBe(true);
  panel = path.join(work, 'panel');
  fs.mkdirSync(panel);
  fs.writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>panel</title>');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const dirs: Partial<Record<ProfileName, string>> = {};

describe.each(Object.keys(PROFILES) as ProfileName[])('the %s build', (profile) => {
  test('bundles with @forge/bundler from a copy outside the checkout, production dependencies only', async () => {
    const out = await writeForgeDir({
      profile,
      outDir: path.join(work, profile),
      buildUi: false,
      panelDir: panel,
    });
    dirs[profile] = out;
    expectExit(
      await run(
        'npm',
        ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'],
        out,
      ),
      0,
    );
    // Production dependencies only: no type definitions, no test tools.
    for (const dev of ['@types/node', 'jest', '@forge/bundler', 'esbuild']) {
      expect({ dev, installed: fs.existsSync(path.join(out, 'node_modules', dev)) }).toEqual({
        dev,
        installed: false,
      });
    }

    const result = await run(
      process.execPath,
      [TSX, path.join(repoRoot, 'scripts', 'forge-bundle.ts'), out, '--json'],
      out,
    );
    expectExit(result, 0);
    const summary = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as BundleSummary;
    expect(summary.problems).toEqual([]);
    expect(summary.missingHandlers).toEqual([]);
    expect(summary.modules.map((m) => m.module)).toEqual(['index']);
    expect(summary.modules[0]!.exports).toEqual(
      expect.arrayContaining([
        'handler',
        'privacySweep',
        'watchDaily',
        'watchRun',
        'checkSyncProfile',
      ]),
    );
    // The SDK is inside the bundle (the platform installs nothing at run time).
    expect(summary.packages).toEqual(
      expect.arrayContaining(['@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver']),
    );
    expect(summary.bundleBytes).toBeGreaterThan(0);
    expect(summary.bundleBytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    expect(summary.manifestBytes).toBeLessThanOrEqual(MANIFEST_BUDGET_BYTES);
  }, 360_000);
});

test('forge lint in the directory, with its own tsconfig, parses every source: a removed scope is reported', async () => {
  const out = dirs.default;
  if (!out) throw new Error('the default build was not written (its bundle test failed)');
  const manifest = path.join(out, 'manifest.yml');
  const original = fs.readFileSync(manifest, 'utf8');
  // The scope and its allowImpersonation flag (permissions.scopes as an object, docs/watch.md).
  const line = /^ *read:permission:jira:\n *allowImpersonation: true\n/m;
  expect(original).toMatch(line);
  fs.writeFileSync(manifest, original.replace(line, ''));
  try {
    const result = await run(
      process.execPath,
      [TSX, path.join(repoRoot, 'scripts', 'lint-forge.ts'), out, '--as-is'],
      out,
    );
    expectExit(result, 1);
    expect(result.stderr).not.toMatch(/failed to run/);
    expect(result.stdout).toMatch(/in place with its tsconfig\.json.* \d+ source files/);
    // Calls in the resolvers and in the Forge transport are both seen.
    expect(result.stderr).toMatch(
      /src\/resolvers\/authorise\.ts:\d+:\d+ +error +Jira endpoint: GET \/rest\/api\/3\/mypermissions requires/,
    );
    expect(result.stderr).toMatch(/src\/jira\/forge-transport\.ts:\d+:\d+ +error/);
    expect(result.stderr).not.toMatch(/could not perform some linting actions/i);
  } finally {
    fs.writeFileSync(manifest, original);
  }
}, 300_000);
