#!/usr/bin/env node
// Runs Mozilla Readability.js (with jsdom) over the shared corpora and writes
// target/peers/readability.jsonl, in the format of benches/peers.rs, for `baca eval --compare`.
//
//   node tests/peers/readability.mjs [--resume] [--out FILE] [DIR...]
//
// DIRs default to ../shared/corpus/readability-test-pages and ../shared/corpus/wcxb-dev
// (paths relative to the project root, where the script runs whatever the caller's cwd).
// --resume keeps the lines already in the output file and does only the pages it lacks.
// Pages run in worker processes of 100 pages each (jsdom leaks memory across pages); a page
// that kills its worker is recorded as an error and the run goes on.
// Each line: {"file", "url", "title", "byline", "excerpt", "site_name", "published_time",
// "lang", "dir", "readerable", "text", "elapsed_ms"} or {"file", "url", "error"}.
// elapsed_ms covers jsdom's parse, isProbablyReaderable and Readability#parse; not file I/O,
// and not the text rendering below (which re-parses article.content only to turn it into
// plain text with blank lines between blocks).

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability, isProbablyReaderable } from "@mozilla/readability";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);

const READABILITY_URL = "http://fakehost/test/page.html";
const DEFAULT_DIRS = ["../shared/corpus/readability-test-pages", "../shared/corpus/wcxb-dev"];

let resume = false;
let child = false; // internal: a worker process doing at most `limit` pages
let limit = Infinity;
const BATCH = 100; // pages per worker process: jsdom leaks enough to exhaust the heap on ~500 pages
let out = "target/peers/readability.jsonl";
const dirs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--resume") resume = true;
  else if (argv[i] === "--child") child = true;
  else if (argv[i] === "--limit") limit = Number(argv[++i]);
  else if (argv[i] === "--out") out = argv[++i];
  else if (argv[i] === "-h" || argv[i] === "--help") {
    console.log("usage: node tests/peers/readability.mjs [--resume] [--out FILE] [DIR...]");
    process.exit(0);
  } else dirs.push(argv[i]);
}
if (dirs.length === 0) dirs.push(...DEFAULT_DIRS);

function listPages(dir) {
  const pages = [];
  if (fs.existsSync(path.join(dir, "html"))) {
    let index = {};
    try {
      index = JSON.parse(fs.readFileSync(path.join(dir, "index.json"), "utf8"));
    } catch {}
    const names = fs
      .readdirSync(path.join(dir, "html"))
      .filter((n) => n.endsWith(".html.gz") || n.endsWith(".html"))
      .sort();
    for (const name of names) {
      const id = name.replace(/\.gz$/, "").replace(/\.html$/, "");
      let url = "";
      try {
        url = JSON.parse(fs.readFileSync(path.join(dir, "ground-truth", `${id}.json`), "utf8")).url || "";
      } catch {}
      pages.push({ file: `${dir}/html/${name}`, url: url || null, pageType: index[id]?.page_type ?? null });
    }
  } else {
    const cases = fs
      .readdirSync(dir)
      .filter((c) => fs.existsSync(path.join(dir, c, "source.html")))
      .sort();
    for (const c of cases) pages.push({ file: `${dir}/${c}/source.html`, url: READABILITY_URL, pageType: null });
  }
  return pages;
}

// Plain text of an HTML fragment: blocks separated by blank lines, whitespace collapsed
// (kept inside <pre>), <br> as a line break, table cells separated by a space.
const BLOCKS = new Set(
  (
    "address article aside blockquote details dialog dd div dl dt fieldset figcaption figure " +
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table " +
    "thead tbody tfoot tr caption ul"
  ).split(" "),
);
function blockText(html) {
  const dom = new JSDOM(`<!DOCTYPE html><body>${html}</body>`);
  const parts = [];
  let line = "";
  const endBlock = () => {
    line = line.replace(/ +$/, "");
    if (line.trim()) parts.push(line);
    line = "";
  };
  const walk = (node, pre) => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) {
        if (pre) line += n.data;
        else {
          const t = n.data.replace(/\s+/g, " ");
          line += line === "" || line.endsWith(" ") || line.endsWith("\n") ? t.replace(/^ /, "") : t;
        }
      } else if (n.nodeType === 1) {
        const tag = n.localName;
        if (tag === "script" || tag === "style" || tag === "template") continue;
        if (tag === "br") {
          line = line.replace(/ +$/, "") + "\n";
        } else if (tag === "td" || tag === "th") {
          if (line && !/[ \n]$/.test(line)) line += " ";
          walk(n, pre);
        } else if (BLOCKS.has(tag)) {
          endBlock();
          walk(n, pre || tag === "pre");
          endBlock();
        } else walk(n, pre);
      }
    }
  };
  walk(dom.window.document.body, false);
  endBlock();
  dom.window.close();
  return parts
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim())
    .join("\n\n");
}

function readHtml(file) {
  let buf = fs.readFileSync(file);
  if (file.endsWith(".gz")) buf = zlib.gunzipSync(buf);
  return buf.toString("utf8");
}

const nn = (s) => (typeof s === "string" && s.trim() ? s.trim() : null);

function extract(page, html) {
  const virtualConsole = new VirtualConsole(); // swallow jsdom's CSS and script complaints
  const t0 = performance.now();
  const dom = new JSDOM(html, { url: page.url || undefined, virtualConsole });
  const doc = dom.window.document;
  const readerable = isProbablyReaderable(doc);
  const article = new Readability(doc).parse();
  const elapsed = performance.now() - t0;
  dom.window.close();
  if (!article) return { file: page.file, url: page.url, error: "no article", elapsed_ms: elapsed };
  return {
    file: page.file,
    url: page.url,
    title: nn(article.title),
    byline: nn(article.byline),
    excerpt: nn(article.excerpt),
    site_name: nn(article.siteName),
    published_time: nn(article.publishedTime),
    lang: nn(article.lang),
    dir: nn(article.dir),
    readerable,
    text: blockText(article.content || ""),
    elapsed_ms: elapsed,
  };
}

const pages = [];
for (const dir of dirs) {
  if (!fs.existsSync(dir)) {
    console.error(`readability: skipping ${dir}: no such folder`);
    continue;
  }
  pages.push(...listPages(dir));
}
if (pages.length === 0) {
  console.error("readability: no pages found (corpora at ../shared/corpus absent?); nothing to do");
  process.exit(0);
}

fs.mkdirSync(path.dirname(out), { recursive: true });

// The complete lines of the output file (a killed run may have left half a line), rewritten
// without the partial ones; returns the parsed lines.
function loadDone() {
  const kept = [];
  const seen = new Set();
  if (fs.existsSync(out)) {
    for (const l of fs.readFileSync(out, "utf8").split("\n")) {
      try {
        const o = JSON.parse(l);
        if (o.file && !seen.has(o.file)) {
          seen.add(o.file);
          kept.push(o);
        }
      } catch {}
    }
  }
  fs.writeFileSync(out, kept.map((o) => JSON.stringify(o) + "\n").join(""));
  return kept;
}

const tty = process.stderr.isTTY;

if (child) {
  // Worker: the next `limit` pages not yet in the output file.
  const done = new Set(loadDone().map((o) => o.file));
  const fd = fs.openSync(out, "a");
  let n = 0;
  for (const [i, page] of pages.entries()) {
    if (done.has(page.file)) continue;
    if (n++ >= limit) break;
    if (tty) process.stderr.write(`\rreadability: ${i + 1}/${pages.length} ${page.file}\x1b[K`);
    else if ((i + 1) % 100 === 0) console.error(`readability: ${i + 1}/${pages.length}`);
    let line;
    try {
      line = extract(page, readHtml(page.file));
    } catch (e) {
      line = { file: page.file, url: page.url, error: String(e?.message ?? e).slice(0, 500) };
    }
    fs.writeSync(fd, JSON.stringify(line) + "\n");
  }
  fs.closeSync(fd);
  process.exit(0);
}

// Parent: runs workers of BATCH pages each until every page has a line. A worker that dies
// (out of memory, say) without finishing a page gets that page recorded as an error.
const { spawnSync } = await import("node:child_process");
if (!resume) fs.writeFileSync(out, "");
const start = performance.now();
const self = fileURLToPath(import.meta.url);
for (;;) {
  const doneFiles = new Set(loadDone().map((o) => o.file));
  const next = pages.find((p) => !doneFiles.has(p.file));
  if (!next) break;
  const r = spawnSync(
    process.execPath,
    [self, "--child", "--limit", String(BATCH), "--out", out, ...dirs],
    { stdio: "inherit" },
  );
  if (r.status !== 0) {
    const after = new Set(loadDone().map((o) => o.file));
    const stuck = pages.find((p) => !after.has(p.file));
    if (stuck && stuck.file === next.file) {
      const why = r.signal ? `worker killed by ${r.signal}` : `worker exited with ${r.status}`;
      fs.appendFileSync(out, JSON.stringify({ file: stuck.file, url: stuck.url, error: why }) + "\n");
    }
  }
}
if (tty) process.stderr.write("\n");
const lines = loadDone();
const times = lines.filter((o) => !o.error).map((o) => o.elapsed_ms).sort((a, b) => a - b);
const failed = lines.length - times.length;
const pct = (p) => (times.length ? times[Math.min(times.length, Math.max(1, Math.ceil(p * times.length))) - 1] : 0);
console.error(
  `readability: ${times.length} ok, ${failed} failed in ` +
    `${((performance.now() - start) / 1000).toFixed(1)} s; median ${pct(0.5).toFixed(1)} ms, ` +
    `p95 ${pct(0.95).toFixed(1)} ms; wrote ${out}`,
);
