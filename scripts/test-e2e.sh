#!/usr/bin/env bash
# End-to-end tests of the extension in real browsers: installs what is missing (setup.sh:
# Debian browsers, wasm toolchain, `npm ci`), builds dist/, then runs node's test runner on the
# browser suites present (tests/e2e/chromium.mjs, and tests/e2e/firefox.mjs when it exists).
#   scripts/test-e2e.sh                 everything
#   scripts/test-e2e.sh chromium        one suite
#   BACA_E2E_LATENCY_CLICKS=0           skip the click-latency measurement
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BACA_SKIP_SETUP=1 bash scripts/build.sh
suites=()
if [ $# -gt 0 ]; then
  for s in "$@"; do suites+=("tests/e2e/$s.mjs"); done
else
  for s in chromium firefox; do [ -f "tests/e2e/$s.mjs" ] && suites+=("tests/e2e/$s.mjs"); done
fi
exec node --test --test-concurrency=1 "${suites[@]}"
