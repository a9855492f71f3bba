/**
 * `npm run forge:dir -- --profile default|runs-on-atlassian [--out DIR] [--no-ui-build]`
 *
 * Writes a complete, deployable Forge app directory for one build of the app (src/profile):
 * manifest.yml (egress as the profile declares it: none at all for `runs-on-atlassian`), the
 * package files, the resolver sources (Forge compiles and bundles them on `forge deploy`), the
 * report schema they validate imported reports with, and the built panel. Default output:
 * `build/forge/<profile>/`. Deploy from there: `npm ci --omit=dev && forge deploy`.
 *
 * The only difference in source between the builds is the one line of `src/profile/active.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ensurePanelBuilt, PANEL_BUILD_DIR } from '../demo/build-panel';
import { isProfileName, PROFILE_NAMES, PROFILES, type ProfileName } from '../src/profile/profiles';

const ROOT = path.resolve(__dirname, '..');
const ACTIVE_PROFILE_FILE = path.join('src', 'profile', 'active.ts');
const ACTIVE_PROFILE_LINE = /^export const ACTIVE_PROFILE: ProfileName = '[a-z-]+';$/m;

export interface ForgeDirOptions {
  profile: ProfileName;
  /** Default: build/forge/<profile>. Emptied first. */
  outDir?: string;
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

  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'manifest.yml'), manifestFor(profile.name));
  writePackageFiles(out);
  copySources(out);
  setActiveProfile(out, profile.name);
  fs.mkdirSync(path.join(out, 'schema'));
  fs.copyFileSync(
    path.join(ROOT, 'schema', 'report.schema.json'),
    path.join(out, 'schema', 'report.schema.json'),
  );
  fs.cpSync(panelDir, path.join(out, 'static', 'panel', 'build'), { recursive: true });
  return out;
}

/**
 * The source tree's manifest.yml is the default build's; other builds change only
 * `permissions.external`. The default's egress must be exactly what src/profile declares.
 */
export function manifestFor(name: ProfileName): string {
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8'));
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

/** package.json and the lockfile, so `npm ci --omit=dev` installs exactly what the repo tested. */
function writePackageFiles(out: string): void {
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
  // Forge compiles the TypeScript sources with the app's tsconfig.
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const compilerOptions = { ...tsconfig.compilerOptions, types: ['node'] };
  fs.writeFileSync(
    path.join(out, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`,
  );
}

/** The app's sources (the CLI's too: Forge bundles only what the handler imports). */
function copySources(out: string): void {
  fs.cpSync(path.join(ROOT, 'src'), path.join(out, 'src'), {
    recursive: true,
    filter: (source) => !/\.(test|spec)\.tsx?$/.test(source),
  });
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
  let buildUi = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--profile') profile = value();
    else if (flag === '--out') outDir = value();
    else if (flag === '--no-ui-build') buildUi = false;
    else
      throw new Error(`unknown argument ${flag}; usage: forge:dir -- --profile NAME [--out DIR]`);
  }
  if (profile === undefined || !isProfileName(profile)) {
    throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}`);
  }
  return { profile, buildUi, ...(outDir === undefined ? {} : { outDir }) };
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    const out = await writeForgeDir(options);
    const egress = PROFILES[options.profile].egress;
    console.log(
      `Wrote the ${options.profile} app to ${path.relative(process.cwd(), out) || '.'} (egress: ${egress.length ? egress.join(', ') : 'none'}).`,
    );
    console.log(
      `Deploy: cd ${path.relative(process.cwd(), out)} && npm ci --omit=dev && forge deploy`,
    );
  })().catch((error: unknown) => {
    console.error(`forge:dir: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
