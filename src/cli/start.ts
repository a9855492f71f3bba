/**
 * The process entry of `credential-doctor` (bin/credential-doctor, the npm package's bundle).
 * `--version` is answered before the engine is loaded: a CLI that starts as fast as bare Node
 * for it. Everything else loads the whole CLI (src/cli/main.ts).
 */
import { readVersion } from './version';

export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${readVersion()}\n`);
    return;
  }
  const cli = await import('./main');
  await cli.run(argv);
}

if (require.main === module) {
  void run();
}
