#!/usr/bin/env bash
# Installs what building and testing the extension needs, idempotently: Debian packages
# (Chromium, Firefox ESR, binaryen, Node), the wasm32 Rust target, wasm-bindgen-cli (pinned to
# the crate's version) and the npm dependencies. Safe to run again: each step checks first.
#   scripts/setup.sh            everything
#   scripts/setup.sh --no-npm   skip `npm ci` (build only)
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the `wasm-bindgen = "=…"` pin in Cargo.toml
want_npm=1
for a in "$@"; do [ "$a" = --no-npm ] && want_npm=0; done

log() { printf '[setup] %s\n' "$*" >&2; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v firefox-esr >/dev/null || command -v firefox >/dev/null || need+=(firefox-esr)
command -v wasm-opt >/dev/null || need+=(binaryen)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v zip >/dev/null || need+=(zip)
command -v gzip >/dev/null || need+=(gzip)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    log "apt-get install ${need[*]}"
    sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}"
  else
    log "missing ${need[*]} and no apt-get: install them by hand"; exit 1
  fi
fi

# Rust target
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli, same version as the crate (not --locked: its lock file names a yanked dep)
WB="${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen"
if ! { [ -x "$WB" ] && "$WB" --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; }; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm dependencies (playwright-core; never downloads a browser: Debian's Chromium is used)
if [ "$want_npm" = 1 ]; then
  export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
  if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
log "ok"
