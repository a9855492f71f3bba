/**
 * `npm run forge:dir` keeps the app's identity (#28): the id `forge register` wrote survives a
 * rebuild, the placeholder never replaces a real id, `--app-id` names it, conflicts are refused.
 * And the directory is self-contained: only the Forge functions' sources, each listed in its
 * tsconfig.json, which needs no type definitions from devDependencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { PLACEHOLDER_APP_ID, registeredAppId, writeForgeDir } from '../../scripts/forge-dir';

const REGISTERED = 'ari:cloud:ecosystem::app/3f2c1a9e-5b7d-4c2e-9a1f-0d8e6b4c2a10';
const OTHER = 'ari:cloud:ecosystem::app/7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

describe('npm run forge:dir keeps the registered app id', () => {
  let work: string;
  let panel: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-forge-id-'));
    panel = path.join(work, 'panel');
    fs.mkdirSync(panel);
    fs.writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>panel</title>');
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  const write = (outDir: string, appId?: string) =>
    writeForgeDir({
      profile: 'runs-on-atlassian',
      outDir,
      buildUi: false,
      panelDir: panel,
      ...(appId === undefined ? {} : { appId }),
    });
  const idIn = (dir: string) =>
    (parse(fs.readFileSync(path.join(dir, 'manifest.yml'), 'utf8')) as { app: { id: string } }).app
      .id;
  /** What `forge register` does: writes the new app's id into the directory's manifest. */
  const register = (dir: string, id: string) => {
    const file = path.join(dir, 'manifest.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(PLACEHOLDER_APP_ID, id));
  };

  test('a fresh directory carries the placeholder until forge register writes an id', async () => {
    const out = await write(path.join(work, 'fresh'));
    expect(idIn(out)).toBe(PLACEHOLDER_APP_ID);
    expect(registeredAppId(out)).toBeNull();
  });

  test('a rebuild keeps the id forge register wrote, and replaces everything else', async () => {
    const out = await write(path.join(work, 'rebuilt'));
    register(out, REGISTERED);
    fs.writeFileSync(path.join(out, 'src', 'stale.ts'), 'export const stale = true;\n');
    await write(out);
    expect(idIn(out)).toBe(REGISTERED);
    expect(fs.existsSync(path.join(out, 'src', 'stale.ts'))).toBe(false);
    // Again: still the same app.
    await write(out);
    expect(idIn(out)).toBe(REGISTERED);
  });

  test('--app-id names the app (a new checkout, a lost build directory, another profile)', async () => {
    const out = await write(path.join(work, 'named'), REGISTERED);
    expect(idIn(out)).toBe(REGISTERED);
    // Naming the id it already has is fine.
    await write(out, REGISTERED);
    expect(idIn(out)).toBe(REGISTERED);
  });

  test('a different --app-id than the registered one is refused, and nothing is touched', async () => {
    const out = await write(path.join(work, 'conflict'), REGISTERED);
    const before = fs.readFileSync(path.join(out, 'manifest.yml'), 'utf8');
    await expect(write(out, OTHER)).rejects.toThrow(/registered as .*3f2c1a9e/);
    expect(fs.readFileSync(path.join(out, 'manifest.yml'), 'utf8')).toBe(before);
  });

  test('an id that is not a Forge app id is refused', async () => {
    await expect(write(path.join(work, 'bad'), 'my-app')).rejects.toThrow(
      /--app-id must look like/,
    );
  });
});

describe('the app directory is self-contained', () => {
  let out: string;
  beforeAll(async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-forge-self-'));
    const panel = path.join(work, 'panel');
    fs.mkdirSync(panel);
    fs.writeFileSync(path.join(panel, 'index.html'), '<!doctype html><title>panel</title>');
    out = await writeForgeDir({
      profile: 'default',
      outDir: path.join(work, 'app'),
      buildUi: false,
      panelDir: panel,
    });
  });
  afterAll(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

  const sourcesIn = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory()
          ? sourcesIn(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [path.relative(out, path.join(dir, e.name)).split(path.sep).join('/')]
            : [],
      );

  test('tsconfig.json lists every source by name (forge lint parses only listed files)', () => {
    const tsconfig = JSON.parse(fs.readFileSync(path.join(out, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { types?: string[]; paths?: unknown };
      files: string[];
      include?: unknown;
    };
    expect(tsconfig.include).toBeUndefined();
    expect([...tsconfig.files].sort()).toEqual(sourcesIn(path.join(out, 'src')).sort());
    expect(tsconfig.files).toContain('src/index.ts');
    // Type-only imports are sources too (the compiler needs them).
    expect(tsconfig.files).toContain('src/engine/model/input.ts');
    // No type definitions from devDependencies: `npm ci --omit=dev` installs none.
    expect(tsconfig.compilerOptions.types).toEqual([]);
    expect(tsconfig.compilerOptions.paths).toBeUndefined();
  });

  test('only the Forge functions’ sources: no CLI, no Node built-in modules', () => {
    const sources = sourcesIn(path.join(out, 'src'));
    expect(sources.some((f) => f.startsWith('src/cli/'))).toBe(false);
    expect(sources).not.toContain('src/jira/node-transport.ts');
    for (const file of sources) {
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      expect({ file, node: /from ['"]node:|require\(['"]node:|\bBuffer\./.test(text) }).toEqual({
        file,
        node: false,
      });
    }
    expect(fs.existsSync(path.join(out, 'schema', 'report.schema.json'))).toBe(true);
  });
});
