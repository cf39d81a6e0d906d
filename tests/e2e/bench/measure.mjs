// Measurements for tests/e2e/MEASUREMENTS.md (not a test):
//  1. snapshot-in-one-call vs a web-sys walk of the live DOM (the `websys-bench` build), on a
//     generated ~5 MB page, in headless Chromium;
//  2. the strict-CSP fallback: the same wasm in the background (click latency through the
//     extension, /csp-self/ vs no CSP) against the binaryen wasm2js build running in the page.
// Needs: scripts/build.sh --websys-bench --wasm2js (and tests/e2e/bench/wasm2js.sh).
//   node tests/e2e/bench/measure.mjs     → target/e2e/measurements.json + a summary on stdout
import { chromium } from "playwright-core";
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { ROOT, CHROMIUM, launch } from "../chromium-harness.mjs";
import { startServer } from "../server.mjs";
import { makeBigPage } from "./bigpage.mjs";

const OUT = join(ROOT, "target/e2e");
mkdirSync(join(OUT, "big"), { recursive: true });
const RUNS = Number(process.env.BACA_BENCH_RUNS ?? 5);
const ONLY = process.env.BACA_BENCH_ONLY || ""; // "websys": part 1 only
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const read = (p) => readFileSync(join(ROOT, p), "utf8");
for (const f of ["target/wasm-bench/baca.js", "target/wasm-bench/baca_wasm_bytes.js", "target/wasm2js/baca.w2j.js"]) {
  if (!existsSync(join(ROOT, f))) throw new Error(`${f} missing: run scripts/build.sh --websys-bench --wasm2js`);
}

const bigHtml = makeBigPage(5 * 1024 * 1024);
writeFileSync(join(OUT, "big/source.html"), bigHtml);
const server = await startServer({
  root: join(ROOT, "tests/fixtures"),
  files: { "/big/source.html": join(OUT, "big/source.html") },
});
const results = { big_page_bytes: Buffer.byteLength(bigHtml), runs: RUNS };

// The glue defines a global `let wasm_bindgen`; wrap each copy in a function so two engines
// (real wasm, wasm2js) can live in one page.
const wrapGlue = (glue, name) => `globalThis.${name} = (function () {\n${glue}\nreturn wasm_bindgen;\n})();`;
// wasm2js has no WebAssembly.Memory: the glue must notice a grown memory by buffer identity.
const w2jGlue = read("target/wasm2js/baca.js").replaceAll(
  "cachedUint8ArrayMemory0.byteLength === 0", "cachedUint8ArrayMemory0.buffer !== wasm.memory.buffer",
).replaceAll("cachedDataViewMemory0.buffer.detached === true", "cachedDataViewMemory0.buffer !== wasm.memory.buffer");

async function setupPage(page, { websys, w2j }) {
  await page.evaluate(read("extension/content/snapshot.js"));
  if (websys) {
    await page.evaluate(read("target/wasm-bench/baca_wasm_bytes.js"));
    await page.evaluate(wrapGlue(read("target/wasm-bench/baca.js"), "bacaBench"));
  }
  if (w2j) {
    const t0 = Date.now();
    await page.evaluate(read("target/wasm2js/baca.w2j.js")); // defines globalThis.bacaWasm2jsFactory
    await page.evaluate(wrapGlue(w2jGlue, "bacaW2j"));
    return Date.now() - t0;
  }
  return 0;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  // 1. snapshot vs web-sys, on the big page and on en-news
  for (const [key, path] of [["big", "/big/source.html"], ["en_news", "/en-news/source.html"]]) {
    const page = await browser.newPage();
    await page.goto(server.url + path, { waitUntil: "domcontentloaded" });
    await setupPage(page, { websys: true });
    results[`websys_${key}`] = await page.evaluate(async (runs) => {
      const b64 = globalThis.BACA_WASM_BASE64;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      await bacaBench({ module_or_path: bytes });
      const html = document.documentElement;
      const opts = JSON.stringify({ url: location.href });
      const time = (f) => { const t = performance.now(); const r = f(); return [performance.now() - t, r]; };
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const m = { snapshot_js_no_visibility: [], snapshot_js: [], snapshot_decode: [], snapshot_total: [], websys_walk: [], websys_total: [] };
      let nodes = 0, snapLen = 0, okSnap = null, okWeb = null;
      for (let i = 0; i < runs; i++) {
        m.snapshot_js_no_visibility.push(time(() => bacaSnapshot.take(html, null, { visibility: false }))[0]);
        const [ts, s] = time(() => bacaSnapshot.take(html, null));
        snapLen = s.length;
        const [td, n] = time(() => bacaBench.snapshot_decode_only(s));
        nodes = n;
        const [tt, r1] = time(() => bacaBench.extract(bacaSnapshot.take(html, null), opts));
        const [tw] = time(() => bacaBench.websys_walk_only(html));
        const [twt, r2] = time(() => bacaBench.extract_websys(html, opts));
        okSnap = JSON.parse(r1).ok; okWeb = JSON.parse(r2).ok;
        m.snapshot_js.push(ts); m.snapshot_decode.push(td); m.snapshot_total.push(tt);
        m.websys_walk.push(tw); m.websys_total.push(twt);
      }
      const out = { nodes, snapshot_chars: snapLen, ok: { snapshot: okSnap, websys: okWeb } };
      for (const [k, v] of Object.entries(m)) out[`${k}_ms`] = +med(v).toFixed(2);
      return out;
    }, RUNS);
    await page.close();
  }

  if (!ONLY) {
  // 2a. wasm2js in a page under script-src 'self' (where the content script cannot compile wasm)
  for (const [key, path] of [["en_news", "/csp-self/en-news/source.html"], ["big", "/csp-self/big/source.html"]]) {
    const page = await browser.newPage();
    await page.goto(server.url + path, { waitUntil: "domcontentloaded" });
    const evalMs = await setupPage(page, { w2j: true, websys: true });
    results[`w2j_${key}`] = await page.evaluate(async (runs) => {
      const html = document.documentElement;
      const opts = JSON.stringify({ url: location.href });
      const out = {};
      // real wasm: refused by the page CSP?
      try {
        const bytes = Uint8Array.from(atob(globalThis.BACA_WASM_BASE64), (c) => c.charCodeAt(0));
        await WebAssembly.compile(bytes);
        out.wasm_compiles_here = true;
      } catch (e) {
        out.wasm_compiles_here = false;
        out.wasm_error = String(e).slice(0, 120);
      }
      // wasm2js: the glue's instantiate is served by the JS translation
      const real = WebAssembly.instantiate;
      WebAssembly.instantiate = async (_bytes, imports) => {
        const ex = globalThis.bacaWasm2jsFactory(imports["./baca_bg.js"]);
        const pair = (f) => (...a) => { const lo = f(...a); return [lo, ex.__ret_hi()]; };
        const exports = { ...ex, extract: pair(ex.extract), defaults: pair(ex.defaults),
          __wbindgen_externrefs: { set() {}, grow() { return 0; } } };
        return { instance: { exports }, module: {} };
      };
      let t = performance.now();
      await bacaW2j({ module_or_path: new Uint8Array(8) });
      out.init_ms = +(performance.now() - t).toFixed(2);
      WebAssembly.instantiate = real;
      const times = [];
      let ok = null;
      for (let i = 0; i < runs; i++) {
        const s = bacaSnapshot.take(html, null);
        t = performance.now();
        ok = JSON.parse(bacaW2j.extract(s, opts)).ok;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out.extract_ms_p50 = +times[Math.floor(times.length / 2)].toFixed(2);
      out.first_extract_ms = null;
      out.ok = ok;
      return out;
    }, RUNS);
    results[`w2j_${key}`].script_eval_ms = evalMs;
    await page.close();
  }
  // 2b. the real wasm's extract() in a page without CSP, for the same inputs
  for (const [key, path] of [["en_news", "/en-news/source.html"], ["big", "/big/source.html"]]) {
    const page = await browser.newPage();
    await page.goto(server.url + path, { waitUntil: "domcontentloaded" });
    await page.evaluate(read("dist/chromium/wasm/baca_wasm_bytes.js"));
    await page.evaluate(wrapGlue(read("dist/chromium/wasm/baca.js"), "bacaShip"));
    await page.evaluate(read("extension/content/snapshot.js"));
    results[`wasm_${key}`] = await page.evaluate(async (runs) => {
      const bytes = Uint8Array.from(atob(globalThis.BACA_WASM_BASE64), (c) => c.charCodeAt(0));
      let t = performance.now();
      await bacaShip({ module_or_path: bytes });
      const init = performance.now() - t;
      const opts = JSON.stringify({ url: location.href });
      const times = [];
      for (let i = 0; i < runs; i++) {
        const s = bacaSnapshot.take(document.documentElement, null);
        t = performance.now();
        JSON.parse(bacaShip.extract(s, opts));
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { init_ms: +init.toFixed(2), extract_ms_p50: +times[Math.floor(times.length / 2)].toFixed(2) };
    }, RUNS);
    await page.close();
  }
  }
} finally {
  await browser.close();
}

// 2c. the background path, through the extension: click → overlay, no CSP vs script-src 'self'
if (!ONLY) {
  const b = await launch();
  try {
    const { page } = b;
    const measure = async () => {
      const t0 = performance.now();
      await b.clickAction();
      await b.waitSettled(page, 60000);
      const ms = performance.now() - t0;
      await page.keyboard.press("Escape");
      await b.waitClosed();
      return ms;
    };
    for (const [key, path] of [["en_news", "/en-news/source.html"], ["big", "/big/source.html"]]) {
      for (const [mode, prefix] of [["local", ""], ["background", "/csp-self"]]) {
        await page.goto(server.url + prefix + path, { waitUntil: "domcontentloaded" });
        const first = await measure();
        const xs = [];
        for (let i = 0; i < (key === "big" ? 3 : 20); i++) xs.push(await measure());
        results[`click_${key}_${mode}`] = { first_ms: +first.toFixed(1), p50_ms: +pct(xs, 50).toFixed(1), p95_ms: +pct(xs, 95).toFixed(1) };
      }
    }
  } finally {
    await b.close();
  }
}
await server.close();

const w2jPath = join(ROOT, "target/wasm2js/baca.w2j.js");
results.sizes = {
  wasm_raw: statSync(join(ROOT, "target/wasm-pkg/baca_bg.wasm")).size,
  wasm_gzip: gzipSync(readFileSync(join(ROOT, "target/wasm-pkg/baca_bg.wasm")), { level: 9 }).length,
  wasm2js_raw: statSync(w2jPath).size,
  wasm2js_gzip: gzipSync(readFileSync(w2jPath), { level: 9 }).length,
};
writeFileSync(join(OUT, ONLY ? `measurements-${ONLY}.json` : "measurements.json"), JSON.stringify(results, null, 2) + "\n");
console.log(JSON.stringify(results, null, 2));
