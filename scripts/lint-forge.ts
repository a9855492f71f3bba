/**
 * `npm run lint:forge [-- APP_DIR] [--as-is]`: the real `@forge/lint` (client-side linters), offline, plus a
 * JSON Schema check of manifest.yml against `@forge/manifest`'s own schema. Fails on any error OR
 * warning. APP_DIR defaults to the repository; `build/forge/<profile>` (npm run forge:dir) lints a
 * deployable build.
 *
 * Offline: `USE_LOCAL_SWAGGER=1` and the six `LOCAL_*_SWAGGER` variables make the permission
 * linter read OpenAPI specs from disk instead of developer.atlassian.com. Jira uses the reference
 * spec committed in `reference/jira-openapi/` (override with `JIRA_OPENAPI_SPEC`); the products this app
 * never calls get `{"paths":{}}` stubs.
 *
 * Staged copy: `@forge/lint` parses a `.ts` file only when the app's tsconfig `include` lists that
 * exact file (it does not expand directory entries such as `"src"`), so with this repo's tsconfig
 * it would silently skip every TypeScript source. The script therefore lints a staged copy of
 * manifest.yml + src/ (with `static/` linked in for the resource checks) that has no tsconfig, so
 * every source file is parsed and every `requestJira(route`…`)` is checked against the scopes.
 *
 * `--as-is` lints APP_DIR in place, with its own tsconfig.json, exactly as `forge lint` run there
 * would (a directory written by forge:dir, with its production dependencies installed): its
 * tsconfig lists every source by name, so every file is parsed. A file the linter cannot parse is
 * an error either way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { lint, type LintResult } from '@forge/lint';
import { ManifestParserBuilder, type ManifestSchema } from '@forge/manifest';

const repoRoot = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
/** Lint the directory in place with its own tsconfig.json (what `forge lint` there does). */
const asIs = args.includes('--as-is');
/** The Forge app directory to lint: the repository itself, or one written by forge:dir. */
const appDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? repoRoot);
const MANIFEST = 'manifest.yml';
const SOURCE_DIR = 'src';
const SOURCE_EXT = /\.(ts|tsx|js|jsx)$/;
const IGNORED_SOURCES = /\.(test|spec)\.(ts|tsx|js|jsx)$|\.d\.ts$/;

/**
 * Offline stand-in for the CLI's feature-flag service. The client-side linters ask it one thing:
 * which runtimes are deprecated (a remote list); offline, none beyond what the schema rejects.
 */
const offlineStatsig = {
  getDeprecatedRuntimes: async (): Promise<string[]> => [],
} as unknown as Parameters<typeof lint>[4];

interface Problem {
  file: string;
  line: number;
  column: number;
  level: 'error' | 'warning' | 'approval';
  message: string;
  reference?: string;
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE_EXT.test(entry.name) && !IGNORED_SOURCES.test(entry.name)) out.push(full);
  }
  return out;
}

function resolveJiraSpec(): string {
  const fromEnv = process.env.JIRA_OPENAPI_SPEC;
  const spec = fromEnv
    ? path.resolve(fromEnv)
    : path.resolve(repoRoot, 'reference', 'jira-openapi', 'jira-platform-openapi.v3.json');
  if (!fs.existsSync(spec)) {
    throw new Error(
      `Jira OpenAPI spec not found at ${spec}. It is committed in reference/jira-openapi/; JIRA_OPENAPI_SPEC overrides it.`,
    );
  }
  return spec;
}

function loadManifest(): ManifestSchema {
  const file = path.join(appDir, MANIFEST);
  const content = fs.readFileSync(file, 'utf8');
  return new ManifestParserBuilder()
    .withInterpolators()
    .build()
    .parseManifest({ content, filePath: file }) as ManifestSchema;
}

function schemaProblems(manifest: unknown): Problem[] {
  // The package's "exports" hides out/schema: locate it from the package root instead.
  const packageRoot = path.resolve(path.dirname(require.resolve('@forge/manifest')), '..');
  const schemaPath = path.join(packageRoot, 'out', 'schema', 'manifest-schema.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => ({
    file: MANIFEST,
    line: 0,
    column: 0,
    level: 'error' as const,
    message: `schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${
      e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''
    }`,
  }));
}

/** Offline OpenAPI specs for the permission linter: the committed Jira spec, stubs elsewhere. */
function useLocalSpecs(stubDir: string): void {
  const jiraSpec = resolveJiraSpec();
  const stub = path.join(stubDir, 'empty.json');
  fs.writeFileSync(stub, JSON.stringify({ paths: {} }));
  process.env.USE_LOCAL_SWAGGER = '1';
  process.env.LOCAL_JIRA_SWAGGER = jiraSpec;
  for (const name of [
    'LOCAL_JSM_SWAGGER',
    'LOCAL_JSW_SWAGGER',
    'LOCAL_CONF_SWAGGER',
    'LOCAL_CONF_V2_SWAGGER',
    'LOCAL_BB_SWAGGER',
  ]) {
    process.env[name] = stub;
  }
}

function stage(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-doctor-forge-lint-'));
  fs.copyFileSync(path.join(appDir, MANIFEST), path.join(dir, MANIFEST));
  fs.cpSync(path.join(appDir, SOURCE_DIR), path.join(dir, SOURCE_DIR), { recursive: true });
  // Resources are checked relative to the manifest: link the real static/ so they are the real files.
  if (fs.existsSync(path.join(appDir, 'static'))) {
    fs.symlinkSync(path.join(appDir, 'static'), path.join(dir, 'static'), 'dir');
  }
  // Sources import the report schema relative to the app directory.
  if (fs.existsSync(path.join(appDir, 'schema'))) {
    fs.symlinkSync(path.join(appDir, 'schema'), path.join(dir, 'schema'), 'dir');
  }
  const stubs = path.join(dir, '.swagger-stubs');
  fs.mkdirSync(stubs);
  useLocalSpecs(stubs);
  return dir;
}

function lintProblems(results: LintResult[]): Problem[] {
  const out: Problem[] = [];
  for (const result of results) {
    const file = result.file;
    const push = (level: Problem['level'], rules: LintResult['errors']) => {
      for (const r of rules) {
        out.push({
          file,
          line: r.line,
          column: r.column,
          level,
          message: r.message,
          reference: r.reference,
        });
      }
    };
    push('error', result.errors);
    push('warning', result.warnings);
    push('approval', result.approvals);
  }
  return out;
}

async function main(): Promise<number> {
  const manifest = loadManifest();
  const problems: Problem[] = schemaProblems(manifest);

  let stagedDir: string;
  if (asIs) {
    // Lint where it stands; only the spec stubs live elsewhere.
    stagedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-doctor-forge-lint-specs-'));
    useLocalSpecs(stagedDir);
  } else {
    stagedDir = stage();
  }
  const originalCwd = process.cwd();
  const info: string[] = [];
  try {
    process.chdir(asIs ? appDir : stagedDir);
    const files = listSources(SOURCE_DIR).map((f) => f.split(path.sep).join('/'));
    const logger = { info: (message: string) => info.push(message) };
    const results = await lint(files, manifest, 'development', logger, offlineStatsig, {
      linter: { mode: 'client-side' },
    });
    problems.push(...lintProblems(results));
    // A linter that throws is skipped for every file (it only logs a line): that is a failure,
    // e.g. the permission linter gives up on any identifier that merely contains "requestJira".
    for (const line of info) {
      if (/could not perform some linting actions/i.test(line)) {
        problems.push({
          file: '(linter)',
          line: 0,
          column: 0,
          level: 'error',
          message: line.trim(),
        });
      }
    }
    const where = path.relative(repoRoot, appDir) || '.';
    console.log(
      `forge lint (client-side, offline${asIs ? ', in place with its tsconfig.json' : ''}) of ${where}: ${files.length} source files + ${MANIFEST}`,
    );
  } finally {
    process.chdir(originalCwd);
    fs.rmSync(stagedDir, { recursive: true, force: true });
  }

  const otherInfo = info.filter((l) => !/could not perform some linting actions/i.test(l));
  if (otherInfo.length > 0) console.log(otherInfo.join('\n'));
  if (problems.length === 0) {
    console.log('forge lint: no problems; manifest.yml matches the @forge/manifest schema.');
    return 0;
  }
  for (const p of problems) {
    const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
    console.error(`${where}  ${p.level}  ${p.message}${p.reference ? `  (${p.reference})` : ''}`);
  }
  const count = (level: Problem['level']) => problems.filter((p) => p.level === level).length;
  console.error(
    `forge lint: ${count('error')} error(s), ${count('warning')} warning(s), ${count('approval')} approval(s) — failing.`,
  );
  if (problems.some((p) => /static\/panel\/build/.test(p.message))) {
    console.error('Hint: build the Custom UI first: npm run build:ui');
  }
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `forge lint failed to run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
