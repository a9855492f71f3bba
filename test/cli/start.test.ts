/**
 * `credential-doctor --version` answers before the engine loads (issue 26: a start as fast as
 * bare Node for it). Asserted on what the process loaded, never on time.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { requireBuiltCli } from '../support/cli-process';

const START = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'start.js');

function loadedModules(args: readonly string[]): { stdout: string; loaded: string[] } {
  const script = `
    const start = require(${JSON.stringify(START)});
    const write = process.stdout.write.bind(process.stdout);
    let out = '';
    process.stdout.write = (text) => { out += text; return true; };
    start.run(${JSON.stringify(args)}).then(() => {
      process.stdout.write = write;
      write(JSON.stringify({ stdout: out, loaded: Object.keys(require.cache) }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
    stdout: string;
    loaded: string[];
  };
}

describe('the CLI entry', () => {
  beforeAll(requireBuiltCli);

  it('prints the version without loading the engine or the CLI', () => {
    const { stdout, loaded } = loadedModules(['--version']);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(loaded.filter((file) => file.includes(`${path.sep}engine${path.sep}`))).toEqual([]);
    expect(loaded.some((file) => file.endsWith(`${path.sep}cli${path.sep}main.js`))).toBe(false);
  });

  it('loads the whole CLI for anything else', () => {
    const { loaded } = loadedModules(['--help']);
    expect(loaded.some((file) => file.endsWith(`${path.sep}cli${path.sep}main.js`))).toBe(true);
  });
});
