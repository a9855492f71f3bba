/**
 * `npm run pack:cli`: the CLI alone, for the synchronizer's host.
 *
 * 1. `dist/credential-doctor.cjs`: one esbuild bundle of src/cli/start.ts with everything it
 *    reaches (the engine, the Node transport and zod), runnable as `node credential-doctor.cjs …`
 *    on a host without npm access. Its version is inlined (no package.json beside it) and the
 *    licence notices of the bundled packages are in its header.
 * 2. `dist/credential-doctor-<version>.tgz`: an npm package (`credential-doctor`, bin
 *    `credential-doctor`) holding that same bundle, a README generated from `--help`, the licences
 *    and the report's JSON Schema. It has no dependencies to install: `npm install <tarball>` works
 *    offline and brings nothing of this repository's development tooling.
 *
 * The bundle may contain only production dependencies of this repository (checked against
 * package-lock.json): a development package reached from the CLI fails the build.
 * Prints the tarball's absolute path on its last line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const repoRoot = path.resolve(__dirname, '..');
const distDir = path.join(repoRoot, 'dist');
export const BUNDLE_FILE = path.join(distDir, 'credential-doctor.cjs');
/** esbuild's record of every input file of the bundle: the test reads it to prove what is inside. */
export const METAFILE = path.join(distDir, 'credential-doctor.meta.json');
const STAGING_DIR = path.join(distDir, 'cli-package');
export const CLI_PACKAGE_NAME = 'credential-doctor';
const BIN_NAME = 'credential-doctor';

interface RootManifest {
  version: string;
  description: string;
  license: string;
  engines: { node: string };
}

interface LockEntry {
  version?: string;
  dev?: boolean;
  license?: string;
}

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  licenseText: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** `node_modules/zod/v4/core/index.js` → `zod`; scoped names keep their scope. */
export function packageOfInput(input: string): string | undefined {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const first = parts[at + 1];
  if (first === undefined) return undefined;
  return first.startsWith('@') ? `${first}/${parts[at + 2] ?? ''}` : first;
}

/** The packages whose code ended up in the bundle, each checked to be a production dependency. */
function bundledPackages(metafile: Metafile): BundledPackage[] {
  const lock = readJson<{ packages: Record<string, LockEntry> }>(
    path.join(repoRoot, 'package-lock.json'),
  );
  const names = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const name = packageOfInput(input);
    if (name !== undefined) names.add(name);
  }
  return [...names].sort().map((name) => {
    const entry = lock.packages[`node_modules/${name}`];
    if (entry === undefined) throw new Error(`${name} is bundled but not in package-lock.json`);
    if (entry.dev === true) {
      throw new Error(
        `${name} is a development dependency but the CLI bundle reaches it: move it to dependencies or stop importing it from src/cli`,
      );
    }
    const dir = path.join(repoRoot, 'node_modules', name);
    const manifest = readJson<{ version: string; license?: string }>(
      path.join(dir, 'package.json'),
    );
    const licenseFile = fs.readdirSync(dir).find((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f));
    if (licenseFile === undefined) throw new Error(`${name} ships no licence file to reproduce`);
    return {
      name,
      version: manifest.version,
      license: manifest.license ?? entry.license ?? 'UNKNOWN',
      licenseText: fs.readFileSync(path.join(dir, licenseFile), 'utf8').trim(),
    };
  });
}

function licenceHeader(root: RootManifest, packages: BundledPackage[]): string {
  const notices = packages
    .map((p) => `${p.name} ${p.version} (${p.license}):\n\n${p.licenseText}`)
    .join('\n\n');
  // `*/` cannot occur in a licence text we reproduce verbatim inside a block comment.
  const body = `${CLI_PACKAGE_NAME} ${root.version} (${root.license}). Bundled third-party packages follow.\n\n${notices}`;
  return `/*!\n${body.replaceAll('*/', '* /')}\n*/`;
}

async function bundle(root: RootManifest): Promise<BundledPackage[]> {
  const common = {
    entryPoints: [path.join(repoRoot, 'src', 'cli', 'start.ts')],
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20.11',
    define: { __CREDENTIAL_DOCTOR_VERSION__: JSON.stringify(root.version) },
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
  };
  // First pass only to learn which packages are inside, so their licences can head the file.
  const probe = await build({ ...common, write: false, metafile: true });
  const packages = bundledPackages(probe.metafile);
  const result = await build({
    ...common,
    outfile: BUNDLE_FILE,
    metafile: true,
    banner: { js: `#!/usr/bin/env node\n${licenceHeader(root, packages)}` },
  });
  fs.writeFileSync(METAFILE, `${JSON.stringify(result.metafile, null, 2)}\n`);
  fs.chmodSync(BUNDLE_FILE, 0o755);
  return packages;
}

function packageReadme(root: RootManifest, helpText: string): string {
  return `# ${CLI_PACKAGE_NAME}

${root.description}

The command-line half of Credential Doctor for Jira: run it where the synchronizer runs.
Node.js ${root.engines.node}. No dependencies to install; works offline once copied.

\`\`\`sh
npm install ./${CLI_PACKAGE_NAME}-${root.version}.tgz
npx --no-install ${BIN_NAME} --help
\`\`\`

Tokens come from environment variables or stdin, never from arguments. \`--format json\` prints
the report described by \`schema/report.schema.json\` (in this package).

\`\`\`
${helpText.trimEnd()}
\`\`\`
`;
}

function writePackage(root: RootManifest, packages: BundledPackage[]): void {
  fs.rmSync(STAGING_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(STAGING_DIR, 'schema'), { recursive: true });
  const bundleName = path.basename(BUNDLE_FILE);
  fs.copyFileSync(BUNDLE_FILE, path.join(STAGING_DIR, bundleName));
  fs.chmodSync(path.join(STAGING_DIR, bundleName), 0o755);
  fs.copyFileSync(
    path.join(repoRoot, 'schema', 'report.schema.json'),
    path.join(STAGING_DIR, 'schema', 'report.schema.json'),
  );
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(STAGING_DIR, 'LICENSE'));
  fs.writeFileSync(
    path.join(STAGING_DIR, 'THIRD_PARTY_LICENSES.md'),
    `# Third-party packages bundled in ${bundleName}\n\n${packages
      .map((p) => `## ${p.name} ${p.version} (${p.license})\n\n\`\`\`\n${p.licenseText}\n\`\`\``)
      .join('\n\n')}\n`,
  );
  const helpText = execFileSync(process.execPath, [BUNDLE_FILE, '--help'], { encoding: 'utf8' });
  fs.writeFileSync(path.join(STAGING_DIR, 'README.md'), packageReadme(root, helpText));
  const manifest = {
    name: CLI_PACKAGE_NAME,
    version: root.version,
    description: root.description,
    license: root.license,
    keywords: ['jira', 'jira-cloud', 'atlassian', 'api-token', 'permissions', 'diagnostics'],
    engines: root.engines,
    bin: { [BIN_NAME]: bundleName },
    files: [bundleName, 'schema', 'THIRD_PARTY_LICENSES.md'],
    // Everything the CLI runs is inside the bundle (see THIRD_PARTY_LICENSES.md).
    dependencies: {},
  };
  fs.writeFileSync(
    path.join(STAGING_DIR, 'package.json'),
    `${JSON.stringify(manifest, null, 2)}\n`,
  );
}

function npmPack(): string {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', distDir], {
    cwd: STAGING_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [packed] = JSON.parse(out) as Array<{
    filename: string;
    size: number;
    unpackedSize: number;
  }>;
  if (packed === undefined) throw new Error('npm pack reported no tarball');
  console.log(
    `packed ${packed.filename}: ${(packed.size / 1024).toFixed(0)} KB, ${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked`,
  );
  return path.join(distDir, packed.filename);
}

async function main(): Promise<void> {
  const root = readJson<RootManifest>(path.join(repoRoot, 'package.json'));
  fs.mkdirSync(distDir, { recursive: true });
  const packages = await bundle(root);
  console.log(
    `bundled ${path.relative(repoRoot, BUNDLE_FILE)} (${(fs.statSync(BUNDLE_FILE).size / 1024).toFixed(0)} KB; third-party: ${packages.map((p) => `${p.name}@${p.version}`).join(', ') || 'none'})`,
  );
  writePackage(root, packages);
  console.log(npmPack());
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`pack:cli failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
