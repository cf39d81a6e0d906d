#!/usr/bin/env bash
# Runs Baca's peers on the shared corpora and scores everyone with `baca eval`:
#   1. npm dependencies (idempotent `npm ci`: only when node_modules is missing or stale);
#   2. tests/peers/readability.mjs: Readability.js + jsdom, writing target/peers/readability.jsonl
#      (skipped when that file is already complete for the corpora and newer than the lockfile
#      and the script, resumed when incomplete; PEERS_FRESH=1 forces a rerun);
#   3. `cargo bench --bench peers`: baca, dom_smoothie, rs-trafilatura, writing
#      target/peers/{baca,dom_smoothie,rs_trafilatura}.jsonl and printing the timing table;
#   4. `baca eval` of both corpora with the three peers as --compare columns (tolerates a
#      binary without that subcommand).
# Extra arguments are corpus folders (default: ../shared/corpus/readability-test-pages and
# ../shared/corpus/wcxb-dev). Build output goes to $CARGO_TARGET_DIR (default target/peers).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/peers}"
# One panic strategy for the bin and the bench harness, so the lib is built once: two builds
# collide on libbaca.rlib (cdylib + rlib, cargo#6313) and the bin can then fail to link.
# (Cargo warns that this setting is ignored for the bench profile; it still applies to the bin.)

log() { printf '[peers] %s\n' "$*" >&2; }

dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(../shared/corpus/readability-test-pages ../shared/corpus/wcxb-dev)
for d in "${dirs[@]}"; do
  [ -d "$d" ] || { log "corpus folder $d absent (../shared missing?): nothing to compare"; exit 0; }
done
mkdir -p target/peers

# 1. npm
if [ ! -d node_modules/@mozilla/readability ] || [ ! -d node_modules/jsdom ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
fi

# 2. Readability.js
out=target/peers/readability.jsonl
expected=0
for d in "${dirs[@]}"; do
  if [ -d "$d/html" ]; then n=$(find "$d/html" -name '*.html*' | wc -l); else n=$(find "$d" -mindepth 2 -maxdepth 2 -name source.html | wc -l); fi
  expected=$((expected + n))
done
fresh=0
[ -f "$out" ] && [ "$out" -nt package-lock.json ] && [ "$out" -nt tests/peers/readability.mjs ] && fresh=1
if [ "${PEERS_FRESH:-0}" != 1 ] && [ $fresh = 1 ] && [ "$(wc -l <"$out")" -eq "$expected" ]; then
  log "$out is up to date ($expected pages); PEERS_FRESH=1 reruns it"
elif [ "${PEERS_FRESH:-0}" != 1 ] && [ $fresh = 1 ]; then
  log "node tests/peers/readability.mjs --resume (jsdom: a few minutes)"
  node tests/peers/readability.mjs --resume "${dirs[@]}"
else
  log "node tests/peers/readability.mjs (jsdom: a few minutes)"
  node tests/peers/readability.mjs "${dirs[@]}"
fi

# 3. Rust extractors (release, via the bench profile); the table also shows the Readability.js
#    timings from its own run.
log "cargo bench --bench peers"
cargo bench --bench peers -- "${dirs[@]}"

# 4. Scores
compare=()
for p in readability dom_smoothie rs_trafilatura; do compare+=(--compare "$p=target/peers/$p.jsonl"); done
# `cargo bench` built the CLI too (same profile, target/peers/release/baca).
bin="$CARGO_TARGET_DIR/release/baca"
if [ -x "$bin" ]; then
  log "baca eval ${dirs[*]} ${compare[*]}"
  "$bin" eval "${dirs[@]}" "${compare[@]}" \
    || log "baca eval failed (exit $?): not available in this build yet? peer outputs are in target/peers/*.jsonl"
else
  log "no $bin; peer outputs are in target/peers/*.jsonl"
fi
