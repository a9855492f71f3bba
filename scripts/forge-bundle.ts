/**
 * `npm run forge:bundle -- APP_DIR [--json]`: bundles a Forge app directory (written by
 * `npm run forge:dir`, with its production dependencies installed) the way `forge deploy` does:
 * with `@forge/bundler`, the package `@forge/cli` deploys with (the same version the CLI pins),
 * from the directory as the working directory, entry points from the manifest's function
 * handlers. Offline: the one thing `forge deploy` downloads at this step, the platform's Node
 * runtime loader and wrapper scripts (Atlassian's code, added to the archive beside the bundle),
 * is replaced by a stand-in; nothing of the app depends on it.
 *
 * Then it loads the bundle in a fresh Node process and lists what each function module exports,
 * and measures the bundle and the manifest against the budgets below. Prints a summary, or with
 * `--json` a `BundleSummary`. Exit code 1 when bundling fails or a budget or handler is missing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * manifest.yml: Forge refuses one over 200 KB and advises a working target of about 150 KB
 * (developer.atlassian.com, "Manifest size best practices"); our budget is well under that.
 */
export const MANIFEST_BUDGET_BYTES = 50 * 1024;
/**
 * All JavaScript of the bundled functions. Atlassian documents no size limit for the function
 * bundle that we could find (docs/forge-deploy.md, "Limits"); each invocation gets 512 MB of
 * memory (runtime reference). 10 MB keeps loading fast and is several times what the app needs.
 */
export const BUNDLE_BUDGET_BYTES = 10 * 1024 * 1024;

export interface BundleSummary {
  appDir: string;
  /** Function modules (manifest handlers `module.export`) and what each bundle exports. */
  modules: Array<{ module: string; file: string; bytes: number; exports: string[] }>;
  /** Handlers the manifest names that the bundle does not export as a function. */
  missingHandlers: string[];
  bundleBytes: number;
  manifestBytes: number;
  /** npm packages webpack put into the bundle (bundler metadata). */
  packages: string[];
  problems: string[];
}

/** The part of `@forge/bundler`'s API this script uses (its package types are not needed to compile). */
interface ForgeBundlerApi {
  getEntryPoints(handlers: Array<{ module: string }>): unknown[];
  getNodeBundler(
    logger: unknown,
    wrapperProvider: unknown,
    configReader: unknown,
    featureFlags: unknown,
  ): {
    bundle(args: { appDirectory: string; entryPoints: unknown[] }): Promise<{
      outputDir: string;
      metadata?: { modules?: string[] };
    }>;
  };
}

/** The devDependency, pinned to the version `@forge/cli` deploys with. */
const BUNDLER_PACKAGE = '@forge/bundler';

interface ManifestFunctions {
  modules?: { function?: Array<{ key: string; handler: string }> };
}

/** `index.handler` → module `index`, export `handler`. */
function handlersOf(appDir: string): Array<{ module: string; name: string }> {
  const manifest = parse(fs.readFileSync(path.join(appDir, 'manifest.yml'), 'utf8')) as
    ManifestFunctions | undefined;
  return (manifest?.modules?.function ?? []).map(({ handler }) => {
    const dot = handler.lastIndexOf('.');
    return { module: handler.slice(0, dot), name: handler.slice(dot + 1) };
  });
}

async function bundle(appDir: string): Promise<BundleSummary> {
  // The bundler resolves entry points and the app's tsconfig from the working directory, as the
  // CLI runs it (process.cwd() is the app directory).
  process.chdir(appDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundler = require(BUNDLER_PACKAGE) as ForgeBundlerApi;
  const logger = {
    info: () => undefined,
    debug: () => undefined,
    warn: (message: string) => warnings.push(message),
    error: (message: string) => warnings.push(message),
    trace: () => undefined,
  };
  const warnings: string[] = [];
  const offlineRuntimeScripts = {
    getNodeRuntimeWrapper: async () => ({ script: '', source: 'offline', version: 'offline' }),
    getNodeRuntimeLoader: async () => ({ script: '', source: 'offline', version: 'offline' }),
  };
  const manifest = parse(fs.readFileSync('manifest.yml', 'utf8')) as Record<string, unknown>;
  const configReader = { readConfig: async () => manifest };
  const handlers = handlersOf(appDir);
  const entryPoints = bundler.getEntryPoints(handlers.map((h) => ({ module: h.module })));
  // Asked only when a manifest opts into the TypeScript bundler (an EAP, `app.package.bundler`);
  // this app uses the default webpack bundler.
  const offlineFeatureFlags = { isTypescriptBundlerEnabled: async () => false };
  const nodeBundler = bundler.getNodeBundler(
    logger,
    offlineRuntimeScripts,
    configReader,
    offlineFeatureFlags,
  );
  const output = await nodeBundler.bundle({ appDirectory: appDir, entryPoints });

  const modules = [...new Set(handlers.map((h) => h.module))].map((module) => {
    const file = path.join(output.outputDir, `${module}.cjs`);
    const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
    return { module, file, bytes, exports: bytes > 0 ? exportsOf(file, appDir) : [] };
  });
  const missingHandlers = handlers
    .filter((h) => !modules.find((m) => m.module === h.module)?.exports.includes(h.name))
    .map((h) => `${h.module}.${h.name}`);
  const bundleBytes = fs
    .readdirSync(output.outputDir)
    .filter((f) => /\.c?js$/.test(f))
    .reduce((n, f) => n + fs.statSync(path.join(output.outputDir, f)).size, 0);
  const manifestBytes = fs.statSync(path.join(appDir, 'manifest.yml')).size;
  const problems = [
    ...missingHandlers.map((h) => `the bundle does not export the handler ${h}`),
    ...(bundleBytes > BUNDLE_BUDGET_BYTES
      ? [`the bundle is ${bundleBytes} bytes, over the ${BUNDLE_BUDGET_BYTES}-byte budget`]
      : []),
    ...(manifestBytes > MANIFEST_BUDGET_BYTES
      ? [`manifest.yml is ${manifestBytes} bytes, over the ${MANIFEST_BUDGET_BYTES}-byte budget`]
      : []),
    ...warnings.map((w) => `bundler warning: ${w}`),
  ];
  return {
    appDir,
    modules,
    missingHandlers,
    bundleBytes,
    manifestBytes,
    packages: [...(output.metadata?.modules ?? [])].sort(),
    problems,
  };
}

/** The names a bundled module exports as functions, loaded in a fresh Node process. */
function exportsOf(file: string, cwd: string): string[] {
  const script = `const m = require(${JSON.stringify(file)}); console.log(JSON.stringify(Object.keys(m).filter((k) => typeof m[k] === 'function')));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '[]') as string[];
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: forge:bundle -- APP_DIR [--json]');
    process.exit(2);
  }
  bundle(path.resolve(dir)).then(
    (summary) => {
      if (json) console.log(JSON.stringify(summary));
      else {
        for (const m of summary.modules) {
          console.log(
            `${m.module}.cjs: ${(m.bytes / 1024).toFixed(0)} KB, exports ${m.exports.join(', ')}`,
          );
        }
        console.log(
          `bundle ${(summary.bundleBytes / 1024).toFixed(0)} KB (budget ${BUNDLE_BUDGET_BYTES / 1024} KB), manifest ${summary.manifestBytes} bytes (budget ${MANIFEST_BUDGET_BYTES})`,
        );
        for (const p of summary.problems) console.error(`problem: ${p}`);
      }
      process.exitCode = summary.problems.length > 0 ? 1 : 0;
    },
    (error: unknown) => {
      console.error(`forge:bundle: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
