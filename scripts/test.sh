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

echo "== type check";        npx tsc -p tsconfig.json --noEmit
if [ -f static/panel/tsconfig.json ]; then npx tsc -p static/panel/tsconfig.json --noEmit; fi
echo "== eslint";            npx eslint . --max-warnings 0
echo "== prettier";          npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
echo "== build (CLI)";       npm run --silent build
echo "== build (panel)";     npm run --silent build:ui
echo "== forge lint";        npm run --silent lint:forge

status=0
rm -f artifacts/jest-*.json
echo "== jest: engine, simulator, CLI, CLI package, Forge, reliability (Node $(node --version))"
npx jest --ci --json --outputFile=artifacts/jest-main.json || status=1
if [ -f jest.browser.config.js ]; then
  echo "== jest: browser (Chromium)"
  npx jest --ci --config jest.browser.config.js --json --outputFile=artifacts/jest-browser.json || status=1
fi

# Every supported Node line (package.json engines): the engine and CLI suites run on each line
# other than this machine's own, the Forge resolver suites on the manifest's runtime (nodejs22.x).
# The binaries come from the npm registry (scripts/node-binary.sh), cached in .cache/node/.
own_major=$(node -p 'process.versions.node.split(".")[0]')
for major in 20 22 24; do
  suites=(test/engine test/cli)
  [ "$major" = 22 ] && suites+=(test/forge)
  [ "$major" = "$own_major" ] && continue # the run above was this line
  if ! node_bin=$(scripts/node-binary.sh "$major"); then
    echo "== Node $major: could not fetch the binary from the npm registry"; status=1; continue
  fi
  echo "== jest on Node $("$node_bin" --version): ${suites[*]}"
  PATH="$(dirname "$node_bin"):$PATH" "$node_bin" node_modules/jest/bin/jest.js --ci \
    --json --outputFile="artifacts/jest-node$major.json" \
    --testPathIgnorePatterns /node_modules/ test/browser/ test/cli/package.test.ts \
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
