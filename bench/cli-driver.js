'use strict';
/**
 * The real CLI (dist/cli/main.js: argument parsing, secrets from the environment, Node clients,
 * JSON rendering to stdout) for more projects than its `--project` flag accepts (at most 100):
 * it is started with one `--project`, and the engine is handed the keys in BENCH_PROJECTS
 * instead. Everything else is the code `node bin/credential-doctor check … --format json` runs.
 */
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist');
const { main, nodeIo } = require(path.join(dist, 'cli', 'main.js'));
const { diagnose } = require(path.join(dist, 'engine', 'diagnose.js'));

const keys = (process.env.BENCH_PROJECTS || '').split(',').filter(Boolean);
if (keys.length === 0) {
  process.stderr.write('cli-driver: set BENCH_PROJECTS to a comma list of project keys\n');
  process.exit(2);
}

main(process.argv.slice(2), process.env, nodeIo(), (input, deps) =>
  diagnose({ ...input, projects: keys }, deps),
).then((code) => {
  process.exitCode = code;
});
