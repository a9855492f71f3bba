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
echo "== jest: engine, simulator, CLI, Forge, reliability"
npx jest --ci --json --outputFile=artifacts/jest-main.json || status=1
if [ -f jest.browser.config.js ]; then
  echo "== jest: browser (Chromium)"
  npx jest --ci --config jest.browser.config.js --json --outputFile=artifacts/jest-browser.json || status=1
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of ["artifacts/jest-main.json", "artifacts/jest-browser.json"]) {
  if (!fs.existsSync(f)) continue;
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0) process.exit(1);
'
exit $status
