#!/usr/bin/env bash
# Installs what the Firefox end-to-end suite (tests/e2e/firefox.mjs) needs, idempotently:
#   - Debian's firefox-esr (headless is enough; no display needed)
#   - geckodriver, via `cargo install` (into ${CARGO_HOME:-~/.cargo}/bin)
# Each step checks first, so running it again is cheap. Node 20+ is assumed (scripts/setup.sh).
#   scripts/setup-firefox.sh
set -euo pipefail
cd "$(dirname "$0")/.."

GECKODRIVER_VERSION=0.37.1   # the version the suite was developed against (needs --allow-system-access)

log() { printf '[setup-firefox] %s\n' "$*" >&2; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Firefox ESR
if ! command -v firefox-esr >/dev/null && ! command -v firefox >/dev/null; then
  if command -v apt-get >/dev/null; then
    log "apt-get install firefox-esr"
    sudo_ apt-get update -qq
    DEBIAN_FRONTEND=noninteractive sudo_ apt-get install -y -qq firefox-esr
  else
    log "firefox-esr missing and no apt-get: install Firefox by hand (or set FIREFOX_BIN)"; exit 1
  fi
fi

# geckodriver
GD="${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver"
if [ -n "${GECKODRIVER:-}" ] && [ -x "$GECKODRIVER" ]; then
  GD="$GECKODRIVER"
elif ! [ -x "$GD" ] && command -v geckodriver >/dev/null; then
  GD="$(command -v geckodriver)"
fi
if ! [ -x "$GD" ]; then
  command -v cargo >/dev/null || { log "cargo missing: install Rust (rustup) first"; exit 1; }
  log "cargo install geckodriver $GECKODRIVER_VERSION (a few minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION"
  GD="${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver"
fi

# geckodriver must know --allow-system-access (chrome context, used to click the toolbar button)
# (help text captured first: `… | grep -q` under pipefail would fail on SIGPIPE)
gd_help="$("$GD" --help 2>&1 || true)"
if ! grep -q -- --allow-system-access <<<"$gd_help"; then
  log "$GD is too old (no --allow-system-access); reinstalling $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
fi

FF="$(command -v firefox-esr || command -v firefox)"
log "ok: $("$GD" --version 2>/dev/null | sed -n 1p); $("$FF" --version 2>/dev/null || echo "$FF")"
