// Firefox end-to-end suite for the Baca extension (dist/firefox), driven through
// geckodriver with plain HTTP (tests/e2e/firefox/geckodriver.mjs); no selenium.
//
//   scripts/setup-firefox.sh           # firefox-esr + geckodriver, idempotent
//   scripts/build.sh                   # produces dist/firefox/
//   node --test tests/e2e/firefox.mjs
//
// Environment: BACA_FIREFOX_EXT=<folder or .zip/.xpi> to test another build,
// GECKODRIVER=<path>, FIREFOX_BIN=<path>, BACA_E2E_OUT=<screenshot dir> (target/e2e),
// BACA_E2E_TIMEOUT_MS (20000: how long to wait for data-state ready|error).
//
// Each scenario (tests/e2e/scenarios.mjs, shared with the Chromium suite): focus the first
// link, scroll down, record the page (outerHTML, scroll, focus); click the toolbar button for
// real (the browser action's triggerAction, from chrome context, see firefox/toolbar.mjs);
// wait for <baca-reader data-state=ready|error>; read the CLOSED shadow root through
// WebDriver (Firefox's Get Element Shadow Root returns closed roots too); compare with
// tests/fixtures/<fixture>/expected.json; screenshot to target/e2e/<scenario>-firefox.png;
// Esc; check the page is exactly as before; click again (reopens); close with the close
// button; check again; open once more and close with the toolbar button; check again.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

import { startServer } from "./server.mjs";
import { scenarios } from "./scenarios.mjs";
import { Gecko, KEY, waitFor, sleep } from "./firefox/geckodriver.mjs";
import { clickToolbarButton, consoleMessages, waitForAction } from "./firefox/toolbar.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const FIXTURES = join(ROOT, "tests/fixtures");
const OUT = resolve(ROOT, process.env.BACA_E2E_OUT || "target/e2e");
const EXT = resolve(ROOT, process.env.BACA_FIREFOX_EXT || "dist/firefox");
const STATE_TIMEOUT = Number(process.env.BACA_E2E_TIMEOUT_MS || 20000);

/** The manifest of the folder, or of the .zip/.xpi (through `unzip -p`). */
function readManifest() {
  if (existsSync(join(EXT, "manifest.json"))) return JSON.parse(readFileSync(join(EXT, "manifest.json"), "utf8"));
  try {
    return JSON.parse(execFileSync("unzip", ["-p", EXT, "manifest.json"], { encoding: "utf8" }));
  } catch {
    return null;
  }
}

// Scenarios ({name, fixture, path, expect, code?, csp?}) are shared with the Chromium suite.
const SCENARIOS = scenarios.map((s) => ({
  ...s,
  expected: JSON.parse(readFileSync(join(FIXTURES, s.fixture, "expected.json"), "utf8")),
}));

// ---------------------------------------------------------------------------------------
// Page-side helpers (content context; run by WebDriver "Execute Script"). They are
// serialised with Function.prototype.toString, so they must not close over anything.

/** Focuses the first link without scrolling, then scrolls down. */
function preparePage() {
  document.querySelector("a[href]")?.focus({ preventScroll: true });
  const max = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
  window.scrollTo(0, Math.min(400, max));
  return window.scrollY;
}

/** What must be identical before the overlay opens and after it closes. */
function pageSnapshot() {
  const a = document.activeElement;
  const all = Array.from(document.querySelectorAll("*"));
  return {
    html: document.documentElement.outerHTML,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    focus: a ? `${a.localName}#${all.indexOf(a)}` : null,
  };
}

function hostState() {
  const hosts = document.querySelectorAll("baca-reader");
  if (hosts.length === 0) return null;
  const h = hosts[hosts.length - 1];
  return {
    count: hosts.length,
    state: h.getAttribute("data-state"),
    parentIsRoot: h.parentNode === document.documentElement,
    pageSeesShadowRoot: h.shadowRoot !== null,
    focusOnHost: document.activeElement === h,
  };
}

/** `root` is the closed ShadowRoot, passed in as a WebDriver shadow-root reference. */
function readOverlay(root) {
  const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
  const one = (name) => root.querySelector(`[data-baca="${name}"]`);
  const text = (name) => {
    const e = one(name);
    return e ? norm(e.textContent) : null;
  };
  const content = one("content");
  const BLOCK = "p, li, dd, dt, blockquote, h2, h3, h4, h5, h6, pre, figcaption";
  const blocks = content
    ? Array.from(content.querySelectorAll(BLOCK))
        .filter((e) => !e.querySelector(BLOCK))
        .map((e) => ({ tag: e.localName, text: norm(e.textContent) }))
    : [];
  const msg = one("message");
  const close = root.querySelector('button[data-baca="close"]');
  const dialog = root.querySelector("[role=dialog]");
  const host = root.host;
  const r = host.getBoundingClientRect();
  const hit = document.elementFromPoint(Math.floor(window.innerWidth / 2), Math.floor(window.innerHeight / 2));
  return {
    site: text("site"),
    title: text("title"),
    titleId: one("title")?.id || null,
    byline: text("byline"),
    date: text("date"),
    datetime: one("date")?.getAttribute("datetime") ?? null,
    hasContent: !!content,
    blocks,
    paragraphs: blocks.filter((b) => !/^h[2-6]$/.test(b.tag)).map((b) => b.text).filter(Boolean),
    unsafeInContent: content ? content.querySelectorAll("script, style, form, input, button, iframe").length : 0,
    message: msg ? { text: norm(msg.textContent), code: msg.getAttribute("data-code") } : null,
    hasClose: !!close,
    closeVisible: !!close && close.getClientRects().length > 0,
    dialog: dialog ? { modal: dialog.getAttribute("aria-modal"), labelledby: dialog.getAttribute("aria-labelledby") } : null,
    focusInside: document.activeElement === host && !!root.activeElement,
    focusedInside: root.activeElement ? root.activeElement.localName + (root.activeElement.dataset?.baca ? `[data-baca=${root.activeElement.dataset.baca}]` : "") : null,
    // From the page's point of view a hit on the overlay is retargeted to the host.
    coversCenter: hit === host,
    hitAtCenter: hit ? hit.localName + (hit.id ? "#" + hit.id : "") : null,
    hostRect: [r.x, r.y, r.width, r.height].map(Math.round),
    viewport: [window.innerWidth, window.innerHeight],
  };
}

// ---------------------------------------------------------------------------------------

function firstDiff(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const ctx = (s) => JSON.stringify(s.slice(Math.max(0, i - 80), i + 120));
  return `lengths ${a.length} vs ${b.length}; first difference at ${i}:\n  before: ${ctx(a)}\n  after:  ${ctx(b)}`;
}

function assertRestored(before, now, how) {
  assert.ok(now.html === before.html, `DOM changed after ${how}: ${firstDiff(before.html, now.html)}`);
  assert.equal(now.scrollY, before.scrollY, `scrollY after ${how}`);
  assert.equal(now.scrollX, before.scrollX, `scrollX after ${how}`);
  assert.equal(now.focus, before.focus, `focused element after ${how}`);
}

describe("Baca in Firefox (geckodriver, headless)", { timeout: 10 * 60 * 1000 }, () => {
  const gecko = new Gecko();
  let server;
  let addonId;

  const settled = (what) =>
    waitFor(
      async () => {
        const h = await gecko.exec(hostState);
        return h && (h.state === "ready" || h.state === "error") ? h : null;
      },
      { timeout: STATE_TIMEOUT, what },
    ).catch(async (e) => {
      const h = await gecko.exec(hostState).catch(() => null);
      throw new Error(`${e.message}; <baca-reader> now: ${JSON.stringify(h)}`);
    });
  const closed = (what) =>
    waitFor(async () => (await gecko.exec(hostState)) === null, { timeout: 5000, what });
  const overlay = async () => gecko.exec(readOverlay, Gecko.shadowRef(await gecko.shadowRoot(await gecko.find("baca-reader"))));

  /** Runs `body`, and on failure adds the browser console and a screenshot as evidence. */
  async function withEvidence(name, url, body) {
    const since = Date.now();
    const failShot = join(OUT, `${name}-firefox-failure.png`);
    rmSync(failShot, { force: true });
    const ctx = { step: "start" };
    try {
      await body(ctx);
    } catch (e) {
      let evidence = "";
      try {
        await gecko.screenshot(failShot);
        evidence += `\n  screenshot: ${failShot}`;
        const msgs = await consoleMessages(gecko, { sinceMs: since });
        if (msgs.length) evidence += `\n  browser console:\n    ${msgs.join("\n    ")}`;
      } catch (e2) {
        evidence += `\n  (could not collect evidence: ${e2.message})`;
      }
      e.message = `[${name} @ ${ctx.step}; ${url}] ${e.message}${evidence}`;
      throw e;
    }
  }

  before(async () => {
    if (!existsSync(EXT)) {
      throw new Error(`extension not found at ${EXT}: build it first (scripts/build.sh) or set BACA_FIREFOX_EXT`);
    }
    server = await startServer({ root: FIXTURES });
    await gecko.start({ width: 1024, height: 640 });
  });

  after(async () => {
    await gecko.stop();
    await server?.close();
  });

  it("installs as a temporary add-on and exposes its toolbar action", async () => {
    addonId = await gecko.installAddon(EXT);
    assert.ok(addonId, "install returned no add-on id");
    const m = readManifest();
    assert.ok(m, `cannot read manifest.json of ${EXT}`);
    assert.equal(addonId, m.browser_specific_settings?.gecko?.id, "installed id vs browser_specific_settings.gecko.id");
    assert.equal(m.manifest_version, 3, "manifest_version");
    await gecko.navigate(`${server.url}${SCENARIOS[0].path}`);
    const probe = await waitForAction(gecko, addonId);
    assert.equal(probe.enabled, true, `action not shown for ${probe.url}`);
  });

  for (const sc of SCENARIOS) {
    const what = sc.expect === "ready" ? "the article" : "the message";
    it(`${sc.name}: toolbar click shows ${what}; Esc, close button and toolbar close it without a trace; it reopens`, async (t) => {
      if (!addonId) return t.skip("add-on not installed");
      const url = `${server.url}${sc.path}`;
      await withEvidence(sc.name, url, async (ctx) => {
        ctx.step = "load and scroll";
        await gecko.navigate(url);
        await waitFor(() => gecko.exec(() => document.readyState === "complete"), { what: "page load" });
        await gecko.exec(preparePage);
        await sleep(50);
        const before = await gecko.exec(pageSnapshot);
        assert.ok(before.scrollY > 0, `page did not scroll; the scroll check would be vacuous`);
        assert.equal(await gecko.exec(hostState), null, "a <baca-reader> exists before the click");

        // --- open -------------------------------------------------------------------
        ctx.step = "toolbar click #1";
        await clickToolbarButton(gecko, addonId);
        const host = await settled("<baca-reader data-state=ready|error>");
        assert.equal(host.count, 1, "more than one <baca-reader>");
        assert.ok(host.parentIsRoot, "<baca-reader> is not a child of document.documentElement");
        assert.equal(host.pageSeesShadowRoot, false, "shadow root is open (the page can see host.shadowRoot)");

        ctx.step = "read the closed shadow root";
        const ov = await overlay();
        ctx.step = "screenshot";
        await gecko.screenshot(join(OUT, `${sc.name}-firefox.png`));

        // Content mismatches are collected and reported at the end, so one run also
        // exercises (and reports on) Esc / reopen / close for a page extracted wrongly.
        ctx.step = "check the overlay";
        const problems = [];
        const soft = (fn) => {
          try {
            fn();
          } catch (e) {
            problems.push(e.message);
          }
        };
        assert.equal(host.state, sc.expect, `data-state=${host.state}, expected ${sc.expect}; overlay: ${JSON.stringify({ title: ov.title, message: ov.message })}`);
        const exp = sc.expected;
        if (sc.expect === "ready") {
          soft(() => assert.equal(ov.title, exp.title, "title"));
          soft(() => assert.ok(ov.paragraphs.length > 0, "no paragraphs in [data-baca=content]"));
          soft(() => assert.equal(ov.paragraphs[0], exp.paragraphs[0], "first paragraph"));
          soft(() => assert.equal(ov.paragraphs.at(-1), exp.paragraphs.at(-1), "last paragraph"));
          if (exp.byline) soft(() => assert.equal(ov.byline, exp.byline, "byline"));
          if (exp.published_time) soft(() => assert.equal(ov.datetime, exp.published_time, "[data-baca=date] datetime"));
          for (const c of exp.clutter || []) {
            soft(() => assert.ok(!ov.paragraphs.some((p) => p.toLowerCase().includes(c.toLowerCase())), `clutter in content: ${JSON.stringify(c)}`));
          }
          if (problems.length) {
            const extra = ov.paragraphs.filter((p) => !exp.paragraphs.includes(p));
            const missing = exp.paragraphs.filter((p) => !ov.paragraphs.includes(p));
            problems.push(
              `overlay has ${ov.paragraphs.length} paragraphs, expected.json ${exp.paragraphs.length}; ` +
                `not expected: ${JSON.stringify(extra.map((p) => p.slice(0, 90)))}; ` +
                `missing: ${JSON.stringify(missing.map((p) => p.slice(0, 90)))}`,
            );
          }
        } else {
          assert.ok(ov.message, "no [data-baca=message] in the error overlay");
          soft(() => assert.ok(ov.message.code, "[data-baca=message] has no data-code"));
          if (sc.code) soft(() => assert.equal(ov.message.code, sc.code, "[data-baca=message] data-code"));
          soft(() => assert.ok(ov.message.text, "[data-baca=message] is empty"));
          soft(() => assert.equal(ov.blocks.length, 0, "error overlay has content blocks"));
        }
        assert.ok(ov.hasClose, "no button[data-baca=close]");
        soft(() => assert.ok(ov.closeVisible, "close button is not rendered"));
        soft(() => assert.equal(ov.unsafeInContent, 0, "script/style/form/input/button/iframe inside [data-baca=content]"));
        soft(() => assert.deepEqual(ov.dialog, { modal: "true", labelledby: ov.titleId }, "[role=dialog] aria-modal / aria-labelledby"));
        soft(() => assert.ok(ov.focusInside, `focus did not move into the overlay (focused inside: ${ov.focusedInside})`));
        soft(() => assert.ok(ov.coversCenter, `overlay does not cover the viewport (hit at centre: ${ov.hitAtCenter}, host rect ${ov.hostRect}, viewport ${ov.viewport})`));

        // --- Esc --------------------------------------------------------------------
        ctx.step = "Esc";
        await gecko.pressKey(KEY.Escape);
        await closed("overlay removed after Esc");
        assertRestored(before, await gecko.exec(pageSnapshot), "Esc");

        // --- reopen, close with the close button ------------------------------------
        ctx.step = "toolbar click #2 (reopen)";
        await clickToolbarButton(gecko, addonId);
        const again = await settled("overlay to reopen");
        assert.equal(again.state, sc.expect, "data-state on reopen");
        const ov2 = await overlay();
        if (sc.expect === "ready") soft(() => assert.equal(ov2.title, exp.title, "title on reopen"));

        ctx.step = "close button";
        const shadow = await gecko.shadowRoot(await gecko.find("baca-reader"));
        await gecko.click(await gecko.findInShadow(shadow, 'button[data-baca="close"]'));
        await closed("overlay removed after the close button");
        assertRestored(before, await gecko.exec(pageSnapshot), "the close button");

        // --- open, close with the toolbar button ------------------------------------
        ctx.step = "toolbar click #3 (open) and #4 (close)";
        await clickToolbarButton(gecko, addonId);
        await settled("overlay to open a third time");
        await clickToolbarButton(gecko, addonId);
        await closed("overlay removed by a toolbar click while open");
        assertRestored(before, await gecko.exec(pageSnapshot), "a second toolbar click");

        ctx.step = "content checks";
        if (problems.length) {
          assert.fail(`overlay content differs (open / Esc / reopen / close all passed):\n  - ${problems.join("\n  - ")}`);
        }
      });
    });
  }

  // The manifest's `_execute_action` command, pressed for real: WebDriver key actions in the
  // chrome context reach the browser window's <keyset>, whose handler
  // (ExtensionShortcuts.sys.mjs) calls browserActionFor(extension).triggerAction(window).
  // (Key actions in the content context do not reach the chrome keyset.)
  it("the keyboard shortcut (_execute_action) opens and closes the overlay", async (t) => {
    if (!addonId) return t.skip("add-on not installed");
    const chord = readManifest()?.commands?._execute_action?.suggested_key?.default;
    if (!chord) return t.skip("no _execute_action suggested_key in the manifest");
    const MOD = { Alt: KEY.Alt, Shift: KEY.Shift, Ctrl: KEY.Control, MacCtrl: KEY.Control, Command: KEY.Meta };
    const parts = chord.split("+");
    const last = parts.pop();
    if (!/^[A-Z0-9]$/.test(last) || parts.some((p) => !MOD[p])) return t.skip(`chord ${chord} not supported by this test`);
    const keys = [...parts.map((p) => MOD[p]), last];
    const url = `${server.url}/plain-article/source.html`;
    await withEvidence("shortcut", url, async (ctx) => {
      await gecko.navigate(url);
      await gecko.exec(preparePage);
      await sleep(50);
      const before = await gecko.exec(pageSnapshot);
      ctx.step = `${chord} (open)`;
      await gecko.inChrome(() => gecko.pressChord(keys));
      const h = await settled(`overlay after ${chord}`);
      assert.equal(h.state, "ready");
      ctx.step = `${chord} (close)`;
      await gecko.inChrome(() => gecko.pressChord(keys));
      await closed(`overlay removed after a second ${chord}`);
      assertRestored(before, await gecko.exec(pageSnapshot), `a second ${chord}`);
    });
  });

  it("an untrusted Escape dispatched by the page does not close the overlay", async (t) => {
    if (!addonId) return t.skip("add-on not installed");
    const url = `${server.url}/plain-article/source.html`;
    await withEvidence("untrusted-escape", url, async (ctx) => {
      await gecko.navigate(url);
      await gecko.exec(preparePage);
      ctx.step = "open";
      await clickToolbarButton(gecko, addonId);
      await settled("overlay");
      ctx.step = "synthetic Escape";
      await gecko.exec(() => {
        for (const target of [window, document, document.documentElement, document.querySelector("baca-reader")]) {
          target.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", code: "Escape", keyCode: 27, bubbles: true, composed: true }));
        }
      });
      await sleep(100);
      assert.equal((await gecko.exec(hostState))?.state, "ready", "the overlay closed on an untrusted Escape");
      ctx.step = "real Escape";
      await gecko.pressKey(KEY.Escape);
      await closed("overlay removed after a real Esc");
    });
  });
});
