// End-to-end test of the try-it page (www/) in Debian's headless Chromium (playwright-core, no
// browser download): the Kompas-style sample read against its expected.json, the clutter
// outline, a file upload and a drop, the bad-input messages, and no request leaving 127.0.0.1.
//   node --test tests/e2e/www.mjs          (assembles target/www/ with scripts/www.sh --assemble,
//                                           which builds the wasm first if it is missing or stale)
//   BACA_WWW_NO_BUILD=1 node --test tests/e2e/www.mjs   never build; use target/wasm-pkg as it is
//   BACA_WWW_PKG=dir node --test tests/e2e/www.mjs      another wasm-bindgen output (see scripts/www.sh)
//   BACA_WWW_FIREFOX=1 node --test tests/e2e/www.mjs    also a smoke test in Firefox (geckodriver,
//                                                       see scripts/setup-firefox.sh)
// Screenshot: target/e2e/www.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, ftruncateSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../../www/server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = join(ROOT, "target/e2e");
const FIX = join(ROOT, "tests/fixtures");
const CHROMIUM = process.env.BACA_CHROMIUM || "/usr/bin/chromium";
mkdirSync(OUT, { recursive: true });

const norm = (s) => String(s ?? "").replace(/\s+/g, " ").trim();
const expected = (f) => JSON.parse(readFileSync(join(FIX, f, "expected.json"), "utf8"));

let server, browser, context, page;
const requests = []; // every request the page (and its frames) made
const pageErrors = [];

before(async () => {
  const args = ["scripts/www.sh", "--assemble"];
  if (process.env.BACA_WWW_NO_BUILD === "1") args.push("--no-build");
  execFileSync("bash", args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  server = await serve({ root: join(ROOT, "target/www"), port: 0 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 20000 });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Runs `action`, then waits until the page finished one more attempt (body[data-runs]). */
async function attempt(action) {
  const n = Number((await page.getAttribute("body", "data-runs")) || 0);
  await action();
  await page.waitForFunction((k) => Number(document.body.dataset.runs || 0) > k, n, { timeout: 30000 });
}

/** The reader's paragraphs as expected.json counts them (p, li, blockquote text; no headings). */
const readerParagraphs = () =>
  page.$$eval("#r-content p, #r-content li, #r-content blockquote, #r-content dd", (els) =>
    els.filter((e) => !e.querySelector("p, li")).map((e) => e.textContent));

const errorText = async () => ((await page.isVisible("#error")) ? norm(await page.innerText("#error")) : null);

test("the page loads, with labelled controls and the sample list", async () => {
  assert.equal(await page.title(), "Try Baca: reader view in your browser");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  const unlabelled = await page.$$eval("input, select, textarea", (els) =>
    els.filter((e) => !e.closest(".visually-hidden") && e.labels.length === 0).map((e) => e.id || e.outerHTML));
  assert.deepEqual(unlabelled, [], "every control has a label");
  const options = await page.$$eval("#sample option", (o) => o.map((x) => x.value));
  assert.ok(options.includes("kompas-style") && options.length >= 4, `samples: ${options}`);
  assert.equal(options[0], "kompas-style", "the Kompas-style sample comes first");
  assert.match(await page.textContent("#status"), /Ready/);
});

test("the Kompas-style sample: reader view, metadata, outputs and the clutter outline", async () => {
  const exp = expected("kompas-style");
  await page.selectOption("#sample", "kompas-style");
  await attempt(() => page.click("#sample-go"));
  assert.equal(await errorText(), null, "no error");
  assert.ok(await page.isVisible("#results"));

  // reader view
  assert.equal(norm(await page.textContent("#r-title")), exp.title);
  assert.equal(norm(await page.textContent("#r-byline")), exp.byline);
  assert.equal(await page.getAttribute("#r-date", "datetime"), exp.published_time);
  assert.equal(norm(await page.textContent("#r-site")), exp.site_name);
  const paras = (await readerParagraphs()).map(norm).filter(Boolean);
  assert.deepEqual(paras, exp.paragraphs, "the reader shows exactly the expected paragraphs");
  const readerText = norm(await page.textContent("#r-content")).toLowerCase();
  for (const c of exp.clutter) assert.ok(!readerText.includes(c.toLowerCase()), `clutter in the reader: ${c}`);
  assert.equal(await page.getAttribute("#r-content", "lang"), exp.lang);

  // metadata table and timing
  const meta = Object.fromEntries(await page.$$eval("#meta-table tr", (rows) =>
    rows.map((r) => [r.dataset.key, r.querySelector("td").textContent.trim()])));
  assert.equal(meta.title, exp.title);
  assert.equal(meta.byline, exp.byline);
  assert.equal(meta.site_name, exp.site_name);
  assert.ok(meta.published_time.startsWith(exp.published_time));
  assert.ok(meta.lang.startsWith(exp.lang));
  assert.match(meta.word_count, /^\d+$/);
  assert.match(await page.textContent("#timing [data-key=extract] dd"), /^\d+(\.\d+)? ms$/);

  // Markdown and text outputs
  const md = await page.textContent("#out-md");
  const txt = await page.textContent("#out-txt");
  assert.ok(md.includes(exp.title), "Markdown has the title");
  assert.ok(norm(md).includes(exp.paragraphs[1]), "Markdown has the paragraphs");
  assert.ok(norm(txt).includes(exp.paragraphs[0]) && norm(txt).includes(exp.paragraphs.at(-1)), "text has the paragraphs");
  for (const sel of ["[data-copy=md]", "[data-copy=txt]", "[data-download=md]", "[data-download=txt]"]) {
    assert.ok(await page.isVisible(sel), `${sel} button`);
  }

  // the original page: sandboxed, script-free, network-free srcdoc
  const frame = await page.$eval("#original", (f) => ({ sandbox: f.getAttribute("sandbox"), srcdoc: f.srcdoc, src: f.getAttribute("src") }));
  assert.equal(frame.sandbox, "", "the iframe is fully sandboxed (no scripts)");
  assert.equal(frame.src, null);
  assert.ok(frame.srcdoc.includes(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`), "inner CSP");
  const audit = await page.evaluate((srcdoc) => {
    const d = new DOMParser().parseFromString(srcdoc, "text/html");
    const all = [...d.querySelectorAll("*")];
    const urls = all.flatMap((e) => [...e.attributes].filter((a) => /^(src|srcset|href|action|data|poster|background)$/i.test(a.name)).map((a) => a.value));
    return {
      scripts: d.querySelectorAll("script, link, object, embed, base").length,
      handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      remote: urls.filter((u) => !/^data:/i.test(u)),
      cssUrls: (srcdoc.match(/url\(\s*["']?(?!data:)[^)]*\)/gi) || []).length,
      cspFirst: d.head.querySelector("meta[http-equiv]") === d.head.querySelector("meta[http-equiv=Content-Security-Policy]"),
    };
  }, frame.srcdoc);
  assert.equal(audit.scripts, 0, "no script/link/object/base in the preview");
  assert.equal(audit.handlers, 0, "no event handler attributes");
  assert.deepEqual(audit.remote, [], "no URL attributes left");
  assert.equal(audit.cssUrls, 0, "no CSS url() left");

  // the clutter outline: every ad slot and every copy of the promo is outlined (the element
  // itself or an enclosing block), never as the article
  const outline = await page.evaluate(({ srcdoc, selectors }) => {
    const d = new DOMParser().parseFromString(srcdoc, "text/html");
    const res = {};
    for (const sel of selectors) {
      const els = [...d.querySelectorAll(sel)];
      res[sel] = els.map((e) => {
        const l = e.closest("[data-baca-label]:not([data-baca-label=main-content])");
        return l ? l.getAttribute("data-baca-label") : null;
      });
    }
    return res;
  }, { srcdoc: frame.srcdoc, selectors: [...exp.clutter_blocks, ".kn-plus-promo", "[id^=div-gpt-ad]"] });
  console.log("# outlined blocks:", JSON.stringify(outline));
  const ads = exp.clutter_blocks.filter((s) => /gpt-ad|ads/.test(s)).concat("[id^=div-gpt-ad]");
  for (const sel of ads) {
    assert.ok(outline[sel].length > 0, `${sel} exists`);
    assert.ok(outline[sel].every((k) => k === "advertisement"), `ad slot ${sel} outlined as an advertisement: ${outline[sel]}`);
  }
  assert.equal(outline[".kn-plus-promo"].length, 6, "six copies of the promo");
  assert.ok(outline[".kn-plus-promo"].every(Boolean), `every promo copy outlined: ${outline[".kn-plus-promo"]}`);
  const covered = exp.clutter_blocks.filter((s) => outline[s].length && outline[s].every(Boolean));
  assert.ok(covered.length >= exp.clutter_blocks.length - 4,
    `most clutter blocks outlined (${covered.length}/${exp.clutter_blocks.length}); missing: ${exp.clutter_blocks.filter((s) => !covered.includes(s))}`);

  // both came from the core (wasm render() and classify()), without an error
  assert.equal(await page.$$eval("#out-md[data-error], #out-txt[data-error], #legend .label-error", (e) => e.length), 0);
  assert.match(md, /^---\n/, "Markdown starts with the core's front matter");

  // the legend and the block list
  const legend = await page.$$eval("#legend li", (l) => l.map((x) => x.dataset.kind));
  assert.ok(legend.includes("advertisement") && legend.includes("repeated-widget"), `legend: ${legend}`);
  assert.ok(Number(await page.textContent("#blocks-count")) >= 10);

  // the iframe drew the outlined page (read through the browser, not only the srcdoc)
  const drawn = await page.frameLocator("#original").locator("[data-baca-label=advertisement]").count();
  assert.ok(drawn >= 5, `outlined ads drawn in the iframe: ${drawn}`);

  // A whole-page screenshot with the iframe drawn: Chromium's fullPage capture leaves
  // out-of-process (sandboxed) frames blank, so the viewport is made as tall as the page.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, "www.png"), caret: "initial" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // clean-page preview hides the outlined blocks
  await page.check("#clean-toggle");
  assert.match(await page.$eval("#original", (f) => f.srcdoc), /\[data-baca-label\]:not\(\[data-baca-label="main-content"\]\) \{ display: none !important; \}/);
  await page.locator("#original").scrollIntoViewIfNeeded();
  await page.waitForTimeout(500); // the srcdoc reloads
  assert.equal(await page.frameLocator("#original").locator("[data-baca-label=advertisement]").first().isVisible(), false,
    "ads hidden in the clean preview");
  await page.screenshot({ path: join(OUT, "www-clean.png"), fullPage: false });
  await page.uncheck("#clean-toggle");
});

test("keyboard only: skip link, sample, button; focus is visible", async () => {
  await page.reload({ waitUntil: "load" }); // focus starts at the top of a fresh page
  await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 20000 });
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "sample");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "sample-go");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused button shows a focus ring");
  await attempt(() => page.keyboard.press("Enter"));
  assert.equal(norm(await page.textContent("#r-title")), expected("kompas-style").title);
});

test("copy and download buttons", async () => {
  // (follows the keyboard test: the Kompas-style sample is shown)
  const exp = expected("kompas-style");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  await page.click("[data-copy=md]");
  await page.waitForFunction(() => /copied/.test(document.getElementById("status").textContent));
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, await page.textContent("#out-md"));
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("[data-download=txt]")]);
  assert.match(dl.suggestedFilename(), /^kereta-komuter-semarang-kendal.*\.txt$/);
  const file = join(OUT, "www-download.txt");
  await dl.saveAs(file);
  const saved = readFileSync(file, "utf8");
  rmSync(file, { force: true });
  assert.equal(saved, await page.textContent("#out-txt"));
  assert.ok(norm(saved).includes(exp.paragraphs[0]));
});

test("a chosen file is read (setInputFiles), and a dropped one too", async () => {
  const exp = expected("plain-article");
  await attempt(() => page.setInputFiles("#file", join(FIX, "plain-article/source.html")));
  assert.equal(await errorText(), null);
  assert.equal(norm(await page.textContent("#r-title")), exp.title);
  const paras = (await readerParagraphs()).map(norm).filter(Boolean);
  assert.equal(paras[0], exp.paragraphs[0]);
  assert.equal(paras.at(-1), exp.paragraphs.at(-1));
  assert.match(await page.textContent("#meta-table tr[data-key=source] td"), /file “source\.html”/);

  const rtl = expected("rtl-article");
  const html = readFileSync(join(FIX, "rtl-article/source.html"), "utf8");
  await attempt(() => page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "rtl.html", { type: "text/html" }));
    const target = document.getElementById("drop");
    for (const type of ["dragenter", "dragover", "drop"]) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, html));
  assert.equal(await errorText(), null);
  assert.equal(norm(await page.textContent("#r-title")), rtl.title);
  assert.equal(await page.getAttribute("#r-content", "dir"), "rtl");
});

test("pasted HTML is read", async () => {
  const exp = expected("en-news");
  await page.fill("#paste", readFileSync(join(FIX, "en-news/source.html"), "utf8"));
  await attempt(() => page.click("#paste-go"));
  assert.equal(await errorText(), null);
  assert.equal(norm(await page.textContent("#r-title")), exp.title);
  await page.fill("#paste", "   ");
  await attempt(() => page.click("#paste-go"));
  assert.match(await errorText(), /This page is empty/);
});

test("bad input gets a clear message", async () => {
  // an empty file
  await attempt(() => page.setInputFiles("#file", { name: "empty.html", mimeType: "text/html", buffer: Buffer.alloc(0) }));
  assert.match(await errorText(), /^This page is empty: there is nothing to read\. “empty\.html” is empty \(0 bytes\)\.$/);
  assert.equal(await page.getAttribute("#error", "role"), "alert");
  assert.ok(await page.isHidden("#results"), "no stale results under an error");

  // a binary file (a PNG header and random bytes)
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919 + 13) % 256;
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]).copy(bin);
  await attempt(() => page.setInputFiles("#file", { name: "photo.html", mimeType: "text/html", buffer: bin }));
  assert.match(await errorText(), /doesn't look like a web page.*binary data/);

  // a page without any article text: the core's no-article error
  const bare = '<!doctype html><html lang="en"><head><title>Gallery</title></head><body><nav><img src="a.png" alt=""></nav><main><img src="b.png" alt=""></main></body></html>';
  await attempt(() => page.setInputFiles("#file", { name: "gallery.html", mimeType: "text/html", buffer: Buffer.from(bare) }));
  assert.equal(await page.getAttribute("#error", "data-code"), "no-article");
  assert.equal(await page.textContent("#error [data-testid=error-message]"), "No article found on this page");
  await page.screenshot({ path: join(OUT, "www-error.png") });

  // a 50 MB page, or a page just over the engine's limit (defaults().max_bytes) if that is
  // larger: refused before reading
  // eslint-disable-next-line no-undef -- the no-modules glue: a global `let wasm_bindgen`
  const max = await page.evaluate(() => JSON.parse(wasm_bindgen.defaults()).max_bytes);
  assert.ok(Number.isInteger(max) && max > 0);
  const big = join(OUT, "www-too-large.html");
  const fd = openSync(big, "w");
  ftruncateSync(fd, Math.max(50 * 1000 * 1000, max + 1)); // sparse: no disk, no time
  closeSync(fd);
  try {
    await attempt(() => page.setInputFiles("#file", big));
  } finally {
    rmSync(big, { force: true });
  }
  const msg = await errorText();
  assert.match(msg, /too large/);
  assert.ok(msg.includes(`up to ${(max / (1 << 20)).toFixed(1)} MB`), msg);

  // and a good page afterwards works again
  await page.selectOption("#sample", "kompas-style");
  await attempt(() => page.click("#sample-go"));
  assert.equal(await errorText(), null);
});

test("the not-article fixture (a home page) gets the no-article message", async () => {
  // The same expectation as the extension's scenario (tests/e2e/scenarios.mjs): the core must
  // answer no-article for this page.
  await attempt(() => page.setInputFiles("#file", join(FIX, "not-article/source.html")));
  const code = await page.getAttribute("#error", "data-code");
  const status = await page.textContent("#status");
  assert.equal(code, "no-article", `the core's answer for not-article: ${code ?? status}`);
  assert.equal(await page.textContent("#error [data-testid=error-message]"), "No article found on this page");
});

test("a wasm build without render() or classify() says so (no fallback)", async () => {
  // eslint-disable-next-line no-undef -- the no-modules glue: a global `let wasm_bindgen`
  await page.evaluate(() => { globalThis.__baca = { render: wasm_bindgen.render, classify: wasm_bindgen.classify }; delete wasm_bindgen.render; delete wasm_bindgen.classify; });
  try {
    await page.selectOption("#sample", "kompas-style");
    await attempt(() => page.click("#sample-go"));
    assert.equal(await errorText(), null, "the reader view still works");
    assert.equal(norm(await page.textContent("#r-title")), expected("kompas-style").title);
    for (const id of ["#out-md", "#out-txt"]) {
      assert.match(await page.textContent(id), /no render\(\) export: rebuild it with scripts\/build\.sh/);
    }
    assert.ok(await page.isDisabled("[data-download=md]") && await page.isDisabled("[data-copy=txt]"));
    assert.match(await page.textContent("#legend .label-error"), /no classify\(\) export/);
    assert.equal(await page.textContent("#blocks-count"), "0", "no block is labelled by the page itself");
  } finally {
    // eslint-disable-next-line no-undef
    await page.evaluate(() => Object.assign(wasm_bindgen, globalThis.__baca));
  }
  await attempt(() => page.click("#sample-go"));
  assert.ok(await page.isEnabled("[data-download=md]"));
  assert.match(await page.textContent("#out-md"), /^---\n/);
});

test("Firefox: the sample is read and outlined", { skip: process.env.BACA_WWW_FIREFOX !== "1" && "set BACA_WWW_FIREFOX=1" }, async () => {
  const { Gecko, waitFor } = await import("./firefox/geckodriver.mjs");
  const exp = expected("kompas-style");
  const g = new Gecko();
  await g.start({ width: 1280, height: 900 });
  try {
    await g.navigate(server.url);
    await waitFor(() => g.exec(() => document.body.dataset.ready === "true"), { timeout: 20000, what: "page ready" });
    await g.exec(() => { document.getElementById("sample").value = "kompas-style"; });
    await g.click(await g.find("#sample-go"));
    await waitFor(() => g.exec(() => Number(document.body.dataset.runs || 0) > 0), { timeout: 20000, what: "sample read" });
    const r = await g.exec(() => ({
      title: document.getElementById("r-title").textContent,
      paras: [...document.querySelectorAll("#r-content p")].map((p) => p.textContent),
      ads: new DOMParser().parseFromString(document.getElementById("original").srcdoc, "text/html")
        .querySelectorAll("[data-baca-label=advertisement]").length,
      resources: performance.getEntriesByType("resource").map((e) => e.name),
    }));
    assert.equal(norm(r.title), exp.title);
    assert.deepEqual(r.paras.map(norm).filter(Boolean), exp.paragraphs);
    assert.ok(r.ads >= 6, `ads outlined: ${r.ads}`);
    const origin = new URL(server.url).origin;
    assert.deepEqual(r.resources.filter((u) => !u.startsWith(origin + "/")), [], "resources from other hosts");
    await g.exec(() => document.getElementById("original").scrollIntoView());
    await g.screenshot(join(OUT, "www-firefox.png"));
  } finally {
    await g.stop();
  }
});

test("no request left 127.0.0.1, and no script error", () => {
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin + "/") && !/^(data|blob|about):/.test(u));
  assert.deepEqual(foreign, [], "requests to other hosts");
  assert.ok(requests.some((u) => u.endsWith("/wasm/baca_bg.wasm")), "the wasm came from the page's own server");
  assert.deepEqual(pageErrors, []);
});
