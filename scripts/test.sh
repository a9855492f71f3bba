#!/usr/bin/env bash
# The one test command (README: `npm ci && npm test`; CI: .ci/run). Installs what the suites need
# that npm does not (Debian's Chromium for the browser tests), then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian's chromium for the browser tests"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi
fi

# This machine's cores. The checks below are single-threaded and jest runs in band when it is
# given one worker (its default on 2 cores), so on a 2-core machine one core sat idle for most of
# the run: the static checks run as two lanes at once, and every jest run (browser included: each
# file has its own demo and Chromium) gets a worker per core, at least two: the suites wait on
# subprocesses, sockets and deadlines much of the time. Timings: bench/README.md, "Test run time".
# On a machine others are loading heavily, TEST_JEST_WORKERS=1 gives the old one-at-a-time run.
cores=$(node -p 'require("os").availableParallelism()')
jest_workers=${TEST_JEST_WORKERS:-$((cores < 2 ? 2 : cores))}

echo "== build (panel)";     npm run --silent build:ui # the Forge lints check the built panel
checks() {
  echo "== type check";        npx tsc -p tsconfig.json --noEmit
  if [ -f static/panel/tsconfig.json ]; then npx tsc -p static/panel/tsconfig.json --noEmit; fi
  echo "== eslint";            npx eslint . --max-warnings 0
  echo "== prettier";          npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
  echo "== forge lint";        npm run --silent lint:forge
}
builds() {
  echo "== build (CLI)";       npm run --silent build
  for profile in default runs-on-atlassian; do
    echo "== forge app: $profile"
    npm run --silent forge:dir -- --profile "$profile" --no-ui-build
    npm run --silent lint:forge -- "build/forge/$profile"
  done
}
# Each lane stops at its first failure (errexit holds in the background subshell); its output is
# printed whole when it ends, and any failed lane stops the run before the tests, as before. Each
# lane is its own process group (set -m), so an interrupted run ends both lanes whole; neither reads
# the terminal (a background group that did would be stopped).
mkdir -p artifacts/logs
set -m
checks </dev/null >artifacts/logs/checks.log 2>&1 &
checks_pid=$!
builds </dev/null >artifacts/logs/builds.log 2>&1 &
builds_pid=$!
set +m
trap 'kill -- -"$checks_pid" -"$builds_pid" 2>/dev/null || true' EXIT
lanes_ok=1
wait "$checks_pid" || lanes_ok=0
cat artifacts/logs/checks.log
wait "$builds_pid" || lanes_ok=0
cat artifacts/logs/builds.log
trap - EXIT
[ "$lanes_ok" = 1 ] || { echo "== a check or build failed (output above)"; exit 1; }

status=0
rm -f artifacts/jest-*.json
echo "== jest: engine, simulator, CLI, CLI package, Forge, reliability (Node $(node --version))"
npx jest --ci --maxWorkers="$jest_workers" --json --outputFile=artifacts/jest-main.json || status=1
if [ -f jest.browser.config.js ]; then
  echo "== jest: browser (Chromium)"
  npx jest --ci --config jest.browser.config.js --maxWorkers="$jest_workers" --json --outputFile=artifacts/jest-browser.json || status=1
fi

# Every supported Node line (package.json engines): the engine and CLI suites run on each line
# other than this machine's own, the Forge resolver suites on the manifest's runtime (nodejs22.x),
# the CLI suites and the installed CLI package on the engines floor, 20.11.0. The binaries come
# from the npm registry (scripts/node-binary.sh), cached in .cache/node/.
own_major=$(node -p 'process.versions.node.split(".")[0]')
legs=(
  "20|test/engine test/cli"
  "20.11.0|test/cli test/cli/package.test.ts"
  "22|test/engine test/cli test/forge test/security"
  "24|test/engine test/cli"
)
for leg in "${legs[@]}"; do
  spec=${leg%%|*}
  read -r -a suites <<<"${leg#*|}"
  # The full run above was on this line (or exactly this version).
  [ "$spec" = "$own_major" ] || [ "$spec" = "$(node -p 'process.versions.node')" ] && continue
  if ! node_bin=$(scripts/node-binary.sh "$spec"); then
    echo "== Node $spec: could not fetch the binary from the npm registry"; status=1; continue
  fi
  ignore=(/node_modules/ test/browser/)
  [[ " ${suites[*]} " == *" test/cli/package.test.ts "* ]] || ignore+=(test/cli/package.test.ts)
  echo "== jest on Node $("$node_bin" --version): ${suites[*]}"
  PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/jest/bin/jest.js --ci \
    --maxWorkers="$jest_workers" --json --outputFile="artifacts/jest-node$spec.json" \
    --testPathIgnorePatterns "${ignore[@]}" \
    -- "${suites[@]}" || status=1
done

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of fs.readdirSync("artifacts").filter((n) => /^jest-.*\.json$/.test(n)).map((n) => `artifacts/${n}`)) {
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0) process.exit(1);
'
exit $status
