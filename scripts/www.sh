#!/usr/bin/env bash
# The try-it page: builds the wasm if needed, assembles target/www/ and serves it on 127.0.0.1.
#   scripts/www.sh                 build if needed, assemble, serve (prints the URL; Ctrl-C stops)
#   scripts/www.sh --port 8080     a fixed port (default: BACA_WWW_PORT, else 8417; 0 = any free port)
#   scripts/www.sh --assemble      build if needed and assemble target/www/ only (no server)
#   scripts/www.sh --rebuild       run scripts/build.sh even if the wasm looks up to date
#   scripts/www.sh --no-build      never build (use target/wasm-pkg as it is; fails if missing)
#   BACA_WWW_PKG=dir               take baca.js + baca_bg.wasm from another wasm-bindgen output
#                                  (implies --no-build; e.g. to try another build of the core)
# target/www/ is www/ (the page) + the extension's own snapshot walker and reader renderer
# (extension/content/snapshot.js, render.js) + the same wasm build (target/wasm-pkg) + the
# fixture pages as samples. Nothing is duplicated in the repository; nothing is fetched from
# another host, at build time or in the page.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BACA_WWW_PORT:-8417}; serve=1; rebuild=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift ;;
    --port=*) port=${1#--port=} ;;
    --assemble) serve=0 ;;
    --rebuild) rebuild=1 ;;
    --no-build) rebuild=-1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

PKG=${BACA_WWW_PKG:-target/wasm-pkg}
[ -z "${BACA_WWW_PKG:-}" ] || rebuild=-1
# An empty package folder means a build is running (scripts/build.sh empties it first): wait.
for _ in $(seq 1 180); do
  [ -d "$PKG" ] && [ ! -f "$PKG/baca_wasm_bytes.js" ] && [ -z "${BACA_WWW_PKG:-}" ] || break
  [ "${waited:-0}" = 1 ] || { echo "[www] waiting for a running build to finish ($PKG)" >&2; waited=1; }
  sleep 1
done
# Build when the wasm is missing or older than any Rust source or the manifest.
need=$rebuild
if [ "$rebuild" = -1 ]; then
  [ -f "$PKG/baca_bg.wasm" ] && [ -f "$PKG/baca.js" ] || { echo "[www] $PKG is missing: run scripts/build.sh" >&2; exit 1; }
  need=0
elif [ ! -f "$PKG/baca_bg.wasm" ] || [ ! -f "$PKG/baca.js" ]; then
  need=1
elif [ -n "$(find src Cargo.toml Cargo.lock -newer "$PKG/baca_bg.wasm" -print -quit 2>/dev/null)" ]; then
  need=1
fi
if [ "$need" = 1 ]; then
  echo "[www] building the wasm (scripts/build.sh)" >&2
  bash scripts/build.sh >&2
fi

OUT=target/www
rm -rf "$OUT.tmp"; mkdir -p "$OUT.tmp/baca" "$OUT.tmp/wasm" "$OUT.tmp/samples"
# the page (the server is not part of it)
for f in www/*; do
  case "$(basename "$f")" in
    server.mjs|README.md) ;;
    *) cp -R "$f" "$OUT.tmp/" ;;
  esac
done
# the extension's snapshot walker and reader renderer, as they ship
cp extension/content/snapshot.js extension/content/render.js "$OUT.tmp/baca/"
cp extension/icons/icon-32.png "$OUT.tmp/favicon.png"
# the same wasm build as the extension (here as a file: the page may fetch from itself)
cp "$PKG/baca.js" "$PKG/baca_bg.wasm" "$OUT.tmp/wasm/"
# samples: every fixture page, with its address and title from expected.json
node -e '
  const fs = require("fs"), path = require("path");
  const [fixtures, out] = process.argv.slice(1);
  const first = "kompas-style";
  const names = fs.readdirSync(fixtures).filter((d) =>
    fs.existsSync(path.join(fixtures, d, "source.html")) && fs.existsSync(path.join(fixtures, d, "expected.json")));
  names.sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)));
  const list = names.map((id) => {
    const exp = JSON.parse(fs.readFileSync(path.join(fixtures, id, "expected.json"), "utf8"));
    fs.copyFileSync(path.join(fixtures, id, "source.html"), path.join(out, id + ".html"));
    return { id, file: "samples/" + id + ".html", url: exp.url || null, title: exp.title || null,
             lang: exp.lang || null, readerable: exp.readerable !== false };
  });
  fs.writeFileSync(path.join(out, "index.json"), JSON.stringify(list, null, 1) + "\n");
' tests/fixtures "$OUT.tmp/samples"
rm -rf "$OUT"; mv "$OUT.tmp" "$OUT"
echo "[www] assembled $OUT/" >&2

[ "$serve" = 1 ] || exit 0
exec node www/server.mjs --root "$OUT" --port "$port"
