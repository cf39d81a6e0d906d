// End-to-end: the overlay's Save / Copy / Print buttons, in Chromium and Firefox, with real
// clicks on the buttons inside the CLOSED shadow root, on kompas-style, plain-article and
// plain-article under `default-src 'none'` (Chromium: render runs in the background there).
//   Chromium: the button's box through CDP (DOM.getDocument pierce), then a real mouse click;
//             downloads go to a folder of ours (Browser.setDownloadBehavior), polled;
//             the clipboard read with clipboard-read granted, navigator.clipboard.readText();
//             also the execCommand fallback, with clipboard-write denied.
//   Firefox:  WebDriver element click on the shadow element (/shadow/{id}/element);
//             downloads saved to a temporary folder (browser.download.* prefs);
//             the clipboard read in chrome context through Services.clipboard.
// Each saved file / copied text is checked against tests/fixtures/<fixture>/expected.json
// (save/checks.mjs). Print: Firefox prints silently to a PDF (print.* prefs), kept as
// target/e2e/save-<scenario>-firefox-print.pdf with a screenshot of it in Firefox's viewer;
// headless Chromium's print() prints nothing, so there the print frame's document (inside the
// shadow root, styled despite the page's CSP) is checked while it exists, and the overlay's
// own print stylesheet with emulated print media. The page's DOM must stay untouched.
//   scripts/build.sh && node --test tests/e2e/save.mjs
// Screenshots: target/e2e/save-*.png.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, ROOT } from "./chromium-harness.mjs";
import { startServer } from "./server.mjs";
import { checkOutput } from "./save/checks.mjs";
import { Gecko, KEY, waitFor, sleep } from "./firefox/geckodriver.mjs";
import { clickToolbarButton, waitForAction } from "./firefox/toolbar.mjs";

const OUT = join(ROOT, "target/e2e");
const FIXTURES = join(ROOT, "tests/fixtures");
mkdirSync(OUT, { recursive: true });

const SCENARIOS = [
  { name: "kompas-style", fixture: "kompas-style", path: "/kompas-style/source.html" },
  { name: "plain-article", fixture: "plain-article", path: "/plain-article/source.html" },
  // strict CSP: wasm (and so render) runs in the background in Chromium
  { name: "csp-none", fixture: "plain-article", path: "/csp-none/plain-article/source.html", csp: true },
].map((s) => ({ ...s, exp: JSON.parse(readFileSync(join(FIXTURES, s.fixture, "expected.json"), "utf8")) }));
// the file names Save as gives these titles (shared/filename.js: ":" and "/" etc. dropped)
const FILE_BASE = {
  "kompas-style": "Kereta Komuter Semarang-Kendal Mulai Beroperasi, Tarif Perdana Rp 5.000",
  "plain-article": "Volunteers bring the old town clock back to life",
};
for (const s of SCENARIOS) s.expFile = FILE_BASE[s.fixture];

const SAVES = [["markdown", "md"], ["html", "html"], ["text", "txt"]];
const COPIES = ["markdown", "text"];
const BUTTON_NAMES = ["Save as Markdown", "Save as HTML", "Save as text", "Copy as Markdown", "Copy as text", "Print"];

let server;
before(async () => {
  server = await startServer({ root: FIXTURES });
});
after(async () => {
  await server?.close();
});

/** Waits until `dir` holds one finished file (no .part / .crdownload) other than `seen`. */
async function newFile(dir, seen, timeout = 10000) {
  return waitFor(() => {
    const files = readdirSync(dir).filter((f) => !seen.has(f) && !/\.(part|crdownload)$/.test(f));
    if (files.length !== 1) return null;
    const p = join(dir, files[0]);
    if (statSync(p).size === 0) return null;
    return files[0];
  }, { timeout, what: `a new file in ${dir}` }).catch((e) => {
    throw new Error(`${e.message}; folder: ${JSON.stringify(readdirSync(dir))}, before: ${JSON.stringify([...seen])}`);
  });
}

// ---------------------------------------------------------------------------------------
describe("Save / copy / print in Chromium", { timeout: 5 * 60 * 1000 }, () => {
  let b;
  let dlDir;
  before(async () => {
    b = await launch();
    // The harness's second CDP client (connectOverCDP) redirects playwright's downloads, so
    // the downloads go to a folder of ours instead, by their suggested names.
    dlDir = mkdtempSync(join(tmpdir(), "baca-dl-chromium-"));
    await b.browserSession.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: dlDir });
  });
  after(async () => {
    await b?.close();
    if (dlDir) rmSync(dlDir, { recursive: true, force: true });
  });

  /** Clicks the save button for `format`; returns {name, output} of the downloaded file. */
  async function saveVia(page, format) {
    const seen = new Set(readdirSync(dlDir));
    await clickInShadow(page, `[data-baca=save-${format}]`);
    const name = await newFile(dlDir, seen);
    const output = readFileSync(join(dlDir, name), "utf8");
    rmSync(join(dlDir, name), { force: true });
    return { name, output };
  }

  /** Runs `fn` in the overlay's closed shadow root (the harness's CDP pierce helper). */
  const inShadow = (page, fn, ...args) => b.inShadow(page, fn, ...args);

  /** A real mouse click at the centre of the shadow element `sel`. */
  async function clickInShadow(page, sel) {
    const r = await inShadow(page, function (sel) {
      const e = this.querySelector(sel);
      if (!e) return null;
      e.scrollIntoView({ block: "center" });
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width };
    }, sel);
    assert.ok(r && r.w > 0, `${sel} is not rendered`);
    await page.mouse.click(r.x, r.y);
  }

  const status = (page) => inShadow(page, function () {
    const s = this.querySelector("[data-baca=status]");
    return { text: s?.textContent ?? null, kind: s?.getAttribute("data-kind"), live: s?.getAttribute("aria-live") };
  });

  async function waitStatus(page, want) {
    return waitFor(async () => {
      const s = await status(page);
      if (s.kind === "error") throw Object.assign(new Error(`status: ${s.text}`), { fatal: true });
      return s.text === want ? s : null;
    }, { timeout: 10000, what: `status "${want}"` }).catch(async (e) => {
      throw new Error(`${e.message}; status now ${JSON.stringify(await status(page))}`);
    });
  }

  for (const sc of SCENARIOS) {
    test(`${sc.name}: save (md, html, txt), copy (md, text), print`, async () => {
      const { page } = b;
      await page.goto(server.url + sc.path, { waitUntil: "load" });
      const before = await page.evaluate(() => document.documentElement.outerHTML);
      const statsBefore = await b.stats();
      await b.clickAction();
      assert.equal(await b.waitSettled(), "ready");

      // the buttons: real <button>s with accessible names, reachable by Tab from the close button
      const buttons = await inShadow(page, function () {
        return [...this.querySelectorAll("[data-baca=actions] button")].map((x) => ({
          tag: x.localName, name: x.getAttribute("aria-label") || x.textContent, tabIndex: x.tabIndex }));
      });
      assert.deepEqual(buttons.map((x) => x.name), BUTTON_NAMES);
      assert.ok(buttons.every((x) => x.tag === "button" && x.tabIndex === 0));
      assert.equal((await status(page)).live, "polite");
      await inShadow(page, function () { this.querySelector("[data-baca=close]").focus(); });
      const tabbed = [];
      for (let i = 0; i < BUTTON_NAMES.length; i++) {
        await page.keyboard.press("Tab");
        tabbed.push(await inShadow(page, function () { return this.activeElement?.getAttribute("aria-label") ?? null; }));
      }
      assert.deepEqual(tabbed, BUTTON_NAMES, "Tab order from the close button");
      await page.screenshot({ path: join(OUT, `save-${sc.name}-chromium.png`), caret: "initial" });

      // an untrusted (scripted) click does nothing: no status, no download
      const filesBefore = readdirSync(dlDir).length;
      await inShadow(page, function () {
        this.querySelector("[data-baca=save-markdown]").click();
        this.querySelector("[data-baca=copy-text]").dispatchEvent(new MouseEvent("click", { bubbles: true }));
      });
      await sleep(500);
      assert.equal((await status(page)).text, "", "an untrusted click changed the status");
      assert.equal(readdirSync(dlDir).length, filesBefore, "an untrusted click downloaded a file");

      for (const [format, ext] of SAVES) {
        const { name, output } = await saveVia(page, format);
        assert.equal(name, sc.expFile + "." + ext, "file name from the title");
        checkOutput(format, output, sc.exp, `chromium ${sc.name} saved ${name}`);
        await waitStatus(page, "Saved");
      }

      const origin = new URL(server.url).origin;
      await b.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
      for (const format of COPIES) {
        await page.evaluate(() => navigator.clipboard.writeText("-"));
        await clickInShadow(page, `[data-baca=copy-${format}]`);
        await waitStatus(page, "Copied");
        const text = await page.evaluate(() => navigator.clipboard.readText());
        checkOutput(format, text, sc.exp, `chromium ${sc.name} copied`);
        const via = await inShadow(page, function () { return this.querySelector("[data-baca=status]").getAttribute("data-via"); });
        assert.equal(via, "clipboard", "copied with navigator.clipboard.writeText");
      }

      // print: a frame inside the shadow root holding render(…, "html"), styled even under the
      // page's CSP (which the srcdoc frame inherits), printed, then removed; page DOM untouched.
      // (Headless Chromium's print() shows no dialog and prints nothing: the frame's document
      // is checked instead, while it exists.)
      await clickInShadow(page, "[data-baca=print-html]");
      const frame = await waitFor(() => inShadow(page, function () {
        const f = this.querySelector("iframe[data-baca=print]");
        const d = f?.contentDocument;
        if (!d || d.readyState !== "complete" || !d.body) return null;
        const font = getComputedStyle(d.body).fontFamily;
        if (!/Georgia/.test(font)) return null;
        return { font, h1: d.querySelector("h1")?.textContent ?? null, maxWidth: getComputedStyle(d.querySelector("article")).maxWidth,
          scripts: d.querySelectorAll("script").length, text: d.body.textContent, inShadow: f.getRootNode() === this };
      }), { timeout: 5000, interval: 20, what: "the styled print frame" });
      assert.equal(frame.h1, sc.exp.title, "print frame: title");
      assert.equal(frame.maxWidth, "680px", "print frame: reader column (its stylesheet applies)");
      assert.equal(frame.scripts, 0);
      assert.ok(frame.inShadow, "the print frame is inside the shadow root");
      checkOutput("text", sc.exp.title + "\n\n" + frame.text, sc.exp, `chromium ${sc.name} print frame`);
      await waitFor(async () => (await status(page)).text === "", { timeout: 10000, what: "print to finish" });
      assert.equal((await status(page)).kind, "ok", "print reported an error");
      await waitFor(() => inShadow(page, function () { return !this.querySelector("iframe[data-baca=print]"); }),
        { timeout: 5000, what: "the print frame to go" });

      // the overlay's print stylesheet: no toolbar, no close button
      await page.emulateMedia({ media: "print" });
      const printView = await inShadow(page, function () {
        const vis = (sel) => { const e = this.querySelector(sel); return !!e && e.getClientRects().length > 0; };
        return { actions: vis("[data-baca=actions]"), close: vis("[data-baca=close]"), title: vis("[data-baca=title]") };
      });
      // (no screenshot here: Chromium's screenshots ignore the emulated print media)
      await page.emulateMedia({ media: null });
      assert.deepEqual(printView, { actions: false, close: false, title: true });

      if (sc.csp) {
        const st = await b.stats();
        assert.ok(st.backgroundRenders >= (statsBefore?.backgroundRenders ?? 0) + 6, "under a strict CSP render runs in the background");
      }
      await page.keyboard.press("Escape");
      await b.waitClosed();
      const now = await page.evaluate(() => document.documentElement.outerHTML);
      if (now !== before) {
        let i = 0;
        while (now[i] === before[i]) i++;
        assert.fail(`page DOM changed at ${i}: now ${JSON.stringify(now.slice(i - 80, i + 80))}, before ${JSON.stringify(before.slice(i - 80, i + 80))}`);
      }
    });
  }

  test("copy falls back to a textarea + execCommand when the clipboard API is refused", async () => {
    const { page } = b;
    const sc = SCENARIOS.find((x) => x.name === "plain-article");
    await page.goto(server.url + sc.path, { waitUntil: "load" });
    await b.clickAction();
    assert.equal(await b.waitSettled(), "ready");
    const origin = new URL(server.url).origin;
    await b.context.grantPermissions(["clipboard-read"], { origin });
    await b.browserSession.send("Browser.setPermission", { permission: { name: "clipboard-write" }, setting: "denied", origin });
    await b.browserSession.send("Browser.setPermission", { permission: { name: "clipboard-sanitized-write" }, setting: "denied", origin }).catch(() => {});
    const refused = await page.evaluate(() => navigator.clipboard.writeText("x").then(() => false, () => true));
    await clickInShadow(page, "[data-baca=copy-text]");
    await waitStatus(page, "Copied");
    const via = await inShadow(page, function () { return this.querySelector("[data-baca=status]").getAttribute("data-via"); });
    const text = await page.evaluate(() => navigator.clipboard.readText());
    checkOutput("text", text, sc.exp, `chromium copy via ${via}`);
    console.log(`# chromium copy with clipboard-write denied: page writeText refused=${refused}, extension copied via ${via}`);
    if (refused) assert.equal(via, "execCommand");
    await page.keyboard.press("Escape");
    await b.context.clearPermissions();
  });

  test("the saved HTML page prints the article alone in reader typography", async () => {
    const { page } = b;
    await page.goto(server.url + "/kompas-style/source.html", { waitUntil: "load" });
    await b.clickAction();
    await b.waitSettled();
    const { output } = await saveVia(page, "html");
    const file = join(dlDir, "print-check.html");
    writeFileSync(file, output);
    await page.keyboard.press("Escape");
    const p2 = await b.context.newPage();
    await p2.goto("file://" + file);
    await p2.emulateMedia({ media: "print" });
    await p2.screenshot({ path: join(OUT, "save-print-page-chromium.png"), caret: "initial" });
    const pdf = await p2.pdf({ path: join(OUT, "save-print-page-chromium.pdf") });
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const h1 = await p2.evaluate(() => ({ h1: document.querySelector("h1")?.textContent, font: getComputedStyle(document.body).fontFamily, scripts: document.scripts.length }));
    await p2.close();
    rmSync(file, { force: true });
    assert.equal(h1.scripts, 0);
    assert.ok(h1.h1 && h1.h1.startsWith("Kereta Komuter"), JSON.stringify(h1));
  });
});

// ---------------------------------------------------------------------------------------
/** Chrome-context script: the text on the system clipboard (headless: Firefox's own). */
function readClipboard() {
  const trans = Cc["@mozilla.org/widget/transferable;1"].createInstance(Ci.nsITransferable);
  trans.init(null);
  trans.addDataFlavor("text/plain");
  Services.clipboard.getData(trans, Ci.nsIClipboard.kGlobalClipboard, null);
  const out = {};
  trans.getTransferData("text/plain", out);
  return out.value.QueryInterface(Ci.nsISupportsString).data;
}

/** Chrome-context script: puts `text` on the clipboard (to tell a copy from a stale one). */
function writeClipboard(text) {
  Cc["@mozilla.org/widget/clipboardhelper;1"].getService(Ci.nsIClipboardHelper).copyString(text);
  return true;
}

/** Content script (page context): state of the overlay's status region, through the closed root. */
function shadowStatus(root) {
  const s = root.querySelector("[data-baca=status]");
  return { text: s ? s.textContent : null, kind: s ? s.getAttribute("data-kind") : null, live: s ? s.getAttribute("aria-live") : null,
    printFrame: !!root.querySelector("iframe[data-baca=print]") };
}

function shadowButtons(root) {
  return Array.from(root.querySelectorAll("[data-baca=actions] button")).map((x) => ({
    tag: x.localName, name: x.getAttribute("aria-label") || x.textContent, tabIndex: x.tabIndex }));
}

describe("Save / copy / print in Firefox", { timeout: 5 * 60 * 1000 }, () => {
  const gecko = new Gecko();
  let addonId;
  let dlDir;
  let printDir;

  before(async () => {
    dlDir = mkdtempSync(join(tmpdir(), "baca-dl-firefox-"));
    printDir = mkdtempSync(join(tmpdir(), "baca-print-firefox-"));
    await gecko.start({
      width: 1024, height: 640,
      prefs: {
        "browser.download.folderList": 2,
        "browser.download.dir": dlDir,
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.download.manager.showWhenStarting": false,
        "browser.download.alwaysOpenPanel": false,
        "browser.download.start_downloads_in_tmp_dir": false,
        "browser.helperApps.neverAsk.saveToDisk": "text/markdown,text/plain,text/html",
        "print.always_print_silent": true,
        "print_printer": "Mozilla Save to PDF",
        "print.printer_Mozilla_Save_to_PDF.print_to_file": true,
        "print.printer_Mozilla_Save_to_PDF.print_to_filename": join(printDir, "print.pdf"),
      },
    });
    addonId = await gecko.installAddon(join(ROOT, "dist/firefox"));
  });
  after(async () => {
    await gecko.stop();
    if (dlDir) rmSync(dlDir, { recursive: true, force: true });
    if (printDir) rmSync(printDir, { recursive: true, force: true });
  });

  const shadow = async () => gecko.shadowRoot(await gecko.find("baca-reader"));
  const inShadow = async (fn) => gecko.exec(fn, Gecko.shadowRef(await shadow()));
  const click = async (sel) => gecko.click(await gecko.findInShadow(await shadow(), sel));
  const waitStatus = (want) =>
    waitFor(async () => {
      const s = await inShadow(shadowStatus);
      if (s.kind === "error") throw new Error(`status: ${s.text}`);
      return s.text === want ? s : null;
    }, { timeout: 10000, what: `status "${want}"` }).catch(async (e) => {
      throw new Error(`${e.message}; status now ${JSON.stringify(await inShadow(shadowStatus).catch(() => null))}`);
    });

  for (const sc of SCENARIOS) {
    test(`${sc.name}: save (md, html, txt), copy (md, text), print`, async () => {
      await gecko.navigate(server.url + sc.path);
      await waitForAction(gecko, addonId);
      const before = await gecko.exec(() => document.documentElement.outerHTML);
      await clickToolbarButton(gecko, addonId);
      await waitFor(async () => (await gecko.exec(() => document.querySelector("baca-reader")?.getAttribute("data-state"))) === "ready",
        { timeout: 20000, what: "overlay ready" });

      const buttons = await inShadow(shadowButtons);
      assert.deepEqual(buttons.map((x) => x.name), BUTTON_NAMES);
      assert.ok(buttons.every((x) => x.tag === "button" && x.tabIndex === 0));
      assert.equal((await inShadow(shadowStatus)).live, "polite");
      await gecko.screenshot(join(OUT, `save-${sc.name}-firefox.png`));
      // reachable by Tab, in order, from the close button (real key presses)
      await inShadow((root) => root.querySelector("[data-baca=close]").focus());
      const tabbed = [];
      for (let i = 0; i < BUTTON_NAMES.length; i++) {
        await gecko.pressKey(KEY.Tab);
        tabbed.push(await inShadow((root) => root.activeElement?.getAttribute("aria-label") ?? null));
      }
      assert.deepEqual(tabbed, BUTTON_NAMES, "Tab order from the close button");
      // an untrusted (scripted) click does nothing
      await inShadow((root) => root.querySelector("[data-baca=save-markdown]").click());
      await sleep(500);
      assert.equal((await inShadow(shadowStatus)).text, "", "an untrusted click changed the status");
      assert.deepEqual(readdirSync(dlDir), [], "an untrusted click downloaded a file");

      for (const [format, ext] of SAVES) {
        const seen = new Set(readdirSync(dlDir));
        await click(`[data-baca=save-${format}]`);
        await waitStatus("Saved");
        const name = await newFile(dlDir, seen);
        const output = readFileSync(join(dlDir, name), "utf8");
        rmSync(join(dlDir, name), { force: true });
        assert.equal(name, sc.expFile + "." + ext, "file name from the title");
        checkOutput(format, output, sc.exp, `firefox ${sc.name} saved ${name}`);
      }

      for (const format of COPIES) {
        await gecko.inChrome(() => gecko.exec(writeClipboard, "-"));
        await click(`[data-baca=copy-${format}]`);
        await waitStatus("Copied");
        const text = await gecko.inChrome(() => gecko.exec(readClipboard));
        checkOutput(format, text, sc.exp, `firefox ${sc.name} copied`);
        const via = await inShadow((root) => root.querySelector("[data-baca=status]").getAttribute("data-via"));
        assert.equal(via, "clipboard", "copied with navigator.clipboard.writeText");
      }

      // Print: silent printing to a PDF file (prefs above), so the printed output is real.
      const pdf = join(OUT, `save-${sc.name}-firefox-print.pdf`);
      rmSync(pdf, { force: true });
      await gecko.inChrome(() => gecko.exec((p) => {
        Services.prefs.setStringPref("print.printer_Mozilla_Save_to_PDF.print_to_filename", p);
        return true;
      }, pdf));
      await click("[data-baca=print-html]");
      await waitFor(async () => {
        const s = await inShadow(shadowStatus);
        if (s.kind === "error") throw new Error(`status: ${s.text}`);
        return s.text === "" && !s.printFrame;
      }, { timeout: 15000, what: "print to finish and its frame to go" });
      const head = await waitFor(() => {
        try {
          const b = readFileSync(pdf);
          return b.length > 1000 && b.includes("%%EOF") ? b : null;
        } catch {
          return null;
        }
      }, { timeout: 15000, what: `the printed PDF ${pdf}` });
      assert.equal(head.subarray(0, 5).toString(), "%PDF-", "print produced a PDF");

      await gecko.pressKey(KEY.Escape);
      await waitFor(async () => (await gecko.exec(() => !document.querySelector("baca-reader"))), { timeout: 5000, what: "overlay closed" });
      const now = await gecko.exec(() => document.documentElement.outerHTML);
      assert.ok(now === before, "page DOM untouched");

      // what was printed, as Firefox's PDF viewer shows it (evidence: the article alone)
      await gecko.navigate("file://" + pdf);
      await sleep(2500);
      await gecko.screenshot(join(OUT, `save-${sc.name}-firefox-print.png`));
    });
  }
});
