/**
 * `npm run forge:dir -- --profile default|runs-on-atlassian [--out DIR] [--app-id ARI] [--no-ui-build]`
 *
 * Writes a complete, self-contained, deployable Forge app directory for one build of the app
 * (src/profile): manifest.yml (egress as the profile declares it: none at all for
 * `runs-on-atlassian`), the package files, the sources the Forge functions import (Forge compiles
 * and bundles them on `forge deploy`), a tsconfig.json that lists each of them (so `forge lint`
 * parses every one) and needs no type definitions from devDependencies (the directory installs
 * production dependencies only), the report schema, and the built panel. Default output:
 * `build/forge/<profile>/`. Deploy from there: `npm ci --omit=dev && forge deploy`
 * (docs/forge-deploy.md).
 *
 * The app id: `forge register` writes the app's id into the directory's manifest.yml. A rebuild
 * keeps that id (never the placeholder over a real id); `--app-id` names it explicitly (another
 * checkout, another profile, a lost build directory), and a conflict between the two is refused.
 *
 * The only difference in source between the builds is the one line of `src/profile/active.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse, parseDocument } from 'yaml';
import { ensurePanelBuilt, PANEL_BUILD_DIR } from '../demo/build-panel';
import { isProfileName, PROFILE_NAMES, PROFILES, type ProfileName } from '../src/profile/profiles';

const ROOT = path.resolve(__dirname, '..');
const ACTIVE_PROFILE_FILE = path.join('src', 'profile', 'active.ts');
const ACTIVE_PROFILE_LINE = /^export const ACTIVE_PROFILE: ProfileName = '[a-z-]+';$/m;
/** The Forge functions' module (manifest.yml: handlers `index.*`). */
const ENTRY = path.join('src', 'index.ts');
/** What the source tree's manifest.yml carries until `forge register` writes a real id. */
export const PLACEHOLDER_APP_ID = 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000';
const APP_ID =
  /^ari:cloud:ecosystem::app\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ForgeDirOptions {
  profile: ProfileName;
  /** Default: build/forge/<profile>. Emptied first, except for the app id its manifest holds. */
  outDir?: string;
  /**
   * The registered app's id (`ari:cloud:ecosystem::app/<uuid>`). Default: the id the existing
   * output's manifest.yml holds (what `forge register` wrote there), else the placeholder.
   */
  appId?: string;
  /** Build the panel first when stale (default), or use static/panel/build as it is. */
  buildUi?: boolean;
  /** The built panel to ship (default static/panel/build); the tests pass a stand-in. */
  panelDir?: string;
}

export async function writeForgeDir(options: ForgeDirOptions): Promise<string> {
  const profile = PROFILES[options.profile];
  const out = path.resolve(options.outDir ?? path.join(ROOT, 'build', 'forge', profile.name));
  const panelDir = options.panelDir ?? PANEL_BUILD_DIR;
  if (options.buildUi !== false) await ensurePanelBuilt({ quiet: true });
  if (!fs.existsSync(path.join(panelDir, 'index.html'))) {
    throw new Error('The panel is not built: run npm run build:ui (or drop --no-ui-build).');
  }

  const appId = chooseAppId(out, options.appId);
  const sources = await functionSources();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'manifest.yml'), manifestFor(profile.name, appId));
  writePackageFiles(out, sources);
  copySources(out, sources);
  setActiveProfile(out, profile.name);
  fs.cpSync(panelDir, path.join(out, 'static', 'panel', 'build'), { recursive: true });
  return out;
}

/**
 * The source tree's manifest.yml is the default build's; other builds change only
 * `permissions.external`. The default's egress must be exactly what src/profile declares.
 */
export function manifestFor(name: ProfileName, appId: string = PLACEHOLDER_APP_ID): string {
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
  if (doc.getIn(['app', 'id']) !== PLACEHOLDER_APP_ID) {
    throw new Error(
      `manifest.yml must carry the placeholder app id (${PLACEHOLDER_APP_ID}); a registered id belongs in the build directory (forge:dir --app-id).`,
    );
  }
  doc.setIn(['app', 'id'], appId);
  const declared = doc.getIn(['permissions', 'external', 'fetch', 'backend']);
  const addresses = (
    declared && typeof (declared as { toJSON?: unknown }).toJSON === 'function'
      ? (declared as { toJSON(): Array<{ address?: string }> }).toJSON()
      : []
  ).map((entry) => entry.address);
  const expected = PROFILES.default.egress;
  if (addresses.length !== expected.length || addresses.some((a, i) => a !== expected[i])) {
    throw new Error(
      `manifest.yml declares egress ${JSON.stringify(addresses)}, but src/profile/profiles.ts says the default build needs ${JSON.stringify(expected)}: make them agree.`,
    );
  }
  const egress = PROFILES[name].egress;
  if (egress.length === 0) {
    doc.deleteIn(['permissions', 'external']);
  } else {
    doc.setIn(
      ['permissions', 'external', 'fetch', 'backend'],
      doc.createNode(egress.map((address) => ({ address }))),
    );
  }
  return doc.toString({ lineWidth: 0 });
}

/** The app id the existing output's manifest.yml holds, or null (none, or the placeholder). */
export function registeredAppId(out: string): string | null {
  const file = path.join(out, 'manifest.yml');
  if (!fs.existsSync(file)) return null;
  const id = (parse(fs.readFileSync(file, 'utf8')) as { app?: { id?: unknown } } | null)?.app?.id;
  if (typeof id !== 'string' || id === PLACEHOLDER_APP_ID) return null;
  if (!APP_ID.test(id)) {
    throw new Error(`${file} has an app id that is not a Forge app id: ${id}`);
  }
  return id;
}

/** The id to write: the one given, else the registered one kept, else the placeholder. */
function chooseAppId(out: string, given: string | undefined): string {
  const kept = registeredAppId(out);
  if (given !== undefined) {
    if (!APP_ID.test(given)) {
      throw new Error(`--app-id must look like ari:cloud:ecosystem::app/<uuid>, not ${given}`);
    }
    if (kept !== null && kept !== given) {
      throw new Error(
        `${out} is registered as ${kept}, not ${given}. Keep its id (drop --app-id), or move the directory away first if you really mean another app.`,
      );
    }
    return given;
  }
  return kept ?? PLACEHOLDER_APP_ID;
}

/**
 * The repository files the Forge functions load (src/index.ts and what it imports, the report
 * schema included), relative to the repository. The CLI's sources are not part of the app.
 */
let sourcesOnce: Promise<string[]> | null = null;

function functionSources(): Promise<string[]> {
  sourcesOnce ??= listFunctionSources();
  return sourcesOnce;
}

async function listFunctionSources(): Promise<string[]> {
  // TypeScript's own resolution: type-only imports count (the compiler needs those files too).
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram({
    rootNames: [path.join(ROOT, ENTRY)],
    options: { ...config.options, noEmit: true },
  });
  const files = program
    .getSourceFiles()
    .map((f) => path.relative(ROOT, f.fileName))
    .filter(
      (f) => !f.startsWith(`node_modules${path.sep}`) && !path.isAbsolute(f) && !f.startsWith('..'),
    );
  const outside = files.filter(
    (f) => !f.startsWith(`src${path.sep}`) && !f.startsWith(`schema${path.sep}`),
  );
  if (outside.length > 0) {
    throw new Error(
      `The Forge functions import files outside src/ and schema/: ${outside.join(', ')}`,
    );
  }
  return files.sort();
}

/** package.json and the lockfile, so `npm ci --omit=dev` installs exactly what the repo tested. */
function writePackageFiles(out: string, sources: readonly string[]): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const app = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    private: true,
    engines: pkg.engines,
    dependencies: pkg.dependencies,
    devDependencies: pkg.devDependencies,
  };
  fs.writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(app, null, 2)}\n`);
  fs.copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(out, 'package-lock.json'));
  // Forge compiles the TypeScript sources with the app's tsconfig (ts-loader), and `forge lint`
  // parses each source with it: it lists every source by name and needs no type definitions
  // from devDependencies (`types: []`: the Forge functions use web-standard globals only, which
  // the DOM library declares; Node's own modules are not imported).
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const { paths: _panelAlias, ...shared } = tsconfig.compilerOptions;
  const compilerOptions = { ...shared, types: [] };
  const files = sources.filter((f) => /\.tsx?$/.test(f)).map((f) => f.split(path.sep).join('/'));
  fs.writeFileSync(
    path.join(out, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`,
  );
}

/** The Forge functions' sources, and nothing else (the CLI's sources are not part of the app). */
function copySources(out: string, sources: readonly string[]): void {
  for (const file of sources) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(out, file));
  }
}

function setActiveProfile(out: string, name: ProfileName): void {
  const file = path.join(out, ACTIVE_PROFILE_FILE);
  const text = fs.readFileSync(file, 'utf8');
  if (!ACTIVE_PROFILE_LINE.test(text)) {
    throw new Error(`${ACTIVE_PROFILE_FILE} no longer has the line forge:dir rewrites.`);
  }
  fs.writeFileSync(
    file,
    text.replace(ACTIVE_PROFILE_LINE, `export const ACTIVE_PROFILE: ProfileName = '${name}';`),
  );
}

function parseArgs(argv: readonly string[]): ForgeDirOptions {
  let profile: string | undefined;
  let outDir: string | undefined;
  let appId: string | undefined;
  let buildUi = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--profile') profile = value();
    else if (flag === '--out') outDir = value();
    else if (flag === '--app-id') appId = value();
    else if (flag === '--no-ui-build') buildUi = false;
    else
      throw new Error(
        `unknown argument ${flag}; usage: forge:dir -- --profile NAME [--out DIR] [--app-id ARI] [--no-ui-build]`,
      );
  }
  if (profile === undefined || !isProfileName(profile)) {
    throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  }
  return {
    profile,
    buildUi,
    ...(outDir === undefined ? {} : { outDir }),
    ...(appId === undefined ? {} : { appId }),
  };
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const out = await writeForgeDir(options);
    const egress = PROFILES[options.profile].egress;
    const where = path.relative(process.cwd(), out) || '.';
    const id = registeredAppId(out);
    console.log(
      `Wrote the ${options.profile} app to ${where} (egress: ${egress.length ? egress.join(', ') : 'none'}).`,
    );
    console.log(
      id
        ? `App id: ${id} (kept; forge register is not needed again).`
        : 'App id: the placeholder. Register once in that directory (forge register); later rebuilds keep the id it writes.',
    );
    console.log(`Deploy: cd ${where} && npm ci --omit=dev && forge deploy (docs/forge-deploy.md)`);
  })().catch((error: unknown) => {
    console.error(`forge:dir: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
