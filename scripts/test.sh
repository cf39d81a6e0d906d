#!/usr/bin/env bash
# Runs every test of the project, installing what they need first (idempotent):
#   1. Rust unit, integration, fixture and corpus tests (release: the corpus is 1,000 pages);
#   2. the extension build (wasm, dist/);
#   3. the end-to-end suites in headless Chromium and Firefox ESR with a real toolbar click.
# Corpus tests read ../shared and skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
start=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "setup"
bash scripts/setup.sh
bash scripts/setup-firefox.sh

failed=()
step "rust tests"
# --no-fail-fast: every test binary runs, so one run shows every failure.
cargo test --release --no-fail-fast || failed+=("rust tests")

step "extension build"
BACA_SKIP_SETUP=1 bash scripts/build.sh

step "end-to-end: chromium and firefox"
mkdir -p target/e2e
node --test --test-concurrency=1 tests/e2e/filename.test.mjs tests/e2e/i18n.test.mjs tests/e2e/chromium.mjs tests/e2e/overlay.mjs tests/e2e/firefox.mjs tests/e2e/firefox-overlay.mjs tests/e2e/save.mjs tests/e2e/www.mjs tests/e2e/cleanpage.mjs tests/e2e/cleanpage/firefox.mjs || failed+=("end-to-end")

if [ ${#failed[@]} -gt 0 ]; then
  step "FAILED: ${failed[*]}"
  exit 1
fi
step "all tests done"
