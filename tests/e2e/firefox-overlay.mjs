// The reader overlay in headless Firefox ESR (dist/firefox, geckodriver; helpers in
// tests/e2e/firefox/): themes with screenshots, keyboard-only use from the real keyboard
// command (Alt+Shift+R, pressed in the chrome context) to Esc, the page's key handlers, rich
// content (figure, wide table, code block), RTL, the axe-core audit of the overlay's DOM, and
// settings that survive closing/reopening, a reload and a browser restart with the same
// profile.
//   scripts/build.sh && node --test tests/e2e/firefox-overlay.mjs
// Screenshots: target/e2e/overlay-{light,sepia,dark,rich,rtl}-firefox.png.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { startServer } from "./server.mjs";
import { Gecko, KEY, waitFor, sleep } from "./firefox/geckodriver.mjs";
import { clickToolbarButton, waitForAction } from "./firefox/toolbar.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const OUT = resolve(ROOT, process.env.BACA_E2E_OUT || "target/e2e");
const EXT = resolve(ROOT, process.env.BACA_FIREFOX_EXT || "dist/firefox");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const EN = JSON.parse(readFileSync(join(ROOT, "extension/_locales/en/messages.json"), "utf8"));
const SPACE = "\uE00D";
const THEME_BG = { light: "rgb(251, 250, 247)", sepia: "rgb(244, 236, 216)", dark: "rgb(27, 27, 26)", contrast: "rgb(0, 0, 0)" };

// ---- content-context scripts (serialised: they close over nothing) ----------------------

/** The overlay's state; `root` is the closed ShadowRoot (a WebDriver shadow reference). */
function overlayState(root) {
  const r = root.querySelector("[data-baca=root]");
  const cs = getComputedStyle(r);
  const p = root.querySelector("[data-baca=content] p");
  const pcs = p ? getComputedStyle(p) : null;
  const active = root.activeElement;
  return {
    theme: r.getAttribute("data-theme"), font: r.getAttribute("data-font"), bg: cs.backgroundColor,
    size: pcs ? parseFloat(pcs.fontSize) : null, family: pcs ? pcs.fontFamily : null,
    panelOpen: !root.querySelector("[data-baca=settings]").hidden,
    panelAnimation: getComputedStyle(root.querySelector("[data-baca=settings]")).animationName,
    announce: root.querySelector("[data-baca=announce]").textContent,
    active: active ? (active.dataset.baca || active.localName) : null,
    focusRing: active ? getComputedStyle(active).outlineStyle : null,
    hostFocused: document.activeElement === root.host,
  };
}

function hostState() {
  const h = document.querySelector("baca-reader");
  return h ? h.getAttribute("data-state") : null;
}

/** Where an element of the overlay is, for a click. */
function richContent(root) {
  const q = (s) => root.querySelector(s);
  const img = q("[data-baca=content] figure img");
  const wrap = q("[data-baca=content] .table-wrap");
  const pre = q("[data-baca=content] pre");
  const article = q("[data-baca=article]").getBoundingClientRect();
  return {
    caption: q("[data-baca=content] figcaption")?.textContent.trim(),
    srcset: img?.getAttribute("srcset"), sizes: img?.getAttribute("sizes"), natural: img?.naturalWidth,
    imgFits: img ? img.getBoundingClientRect().right <= article.right + 0.5 : false,
    tableDisplay: wrap && getComputedStyle(wrap.querySelector("table")).display,
    tableScrolls: wrap ? wrap.scrollWidth > wrap.clientWidth : null,
    wrapFits: wrap ? wrap.getBoundingClientRect().right <= article.right + 0.5 : false,
    preWhiteSpace: pre && getComputedStyle(pre).whiteSpace, preOverflow: pre && getComputedStyle(pre).overflowX,
    preFont: pre && getComputedStyle(pre).fontFamily, preScrolls: pre ? pre.scrollWidth > pre.clientWidth : null,
    nested: !!q("[data-baca=content] li > ul > li"), blockquote: !!q("[data-baca=content] blockquote"),
  };
}

function rtlState(root) {
  const q = (s) => root.querySelector(s);
  const p = q("[data-baca=content] p");
  return {
    dir: q("[data-baca=article]").getAttribute("dir"), pDirection: getComputedStyle(p).direction,
    uiDirection: getComputedStyle(q("[role=toolbar]")).direction,
    date: q("[data-baca=date]").textContent,
    wantDate: new Intl.DateTimeFormat("ar", { dateStyle: "long" }).format(new Date("2026-02-11T12:00:00+03:00")),
  };
}

describe("Baca overlay in Firefox (geckodriver, headless)", { timeout: 600000 }, () => {
  let server;
  let gecko;
  let addonId;

  const shadow = async () => Gecko.shadowRef(await gecko.shadowRoot(await gecko.find("baca-reader")));
  const state = async () => gecko.exec(overlayState, await shadow());
  const click = async (sel) => {
    const id = await gecko.shadowRoot(await gecko.find("baca-reader"));
    await gecko.click(await gecko.findInShadow(id, sel));
  };
  const settled = () => waitFor(async () => {
    const s = await gecko.exec(hostState);
    return s === "ready" || s === "error" ? s : null;
  }, { timeout: 20000, what: "overlay ready" });
  const closed = () => waitFor(async () => (await gecko.exec(hostState)) === null, { timeout: 5000, what: "overlay closed" });
  async function load(path) {
    await gecko.navigate(server.url + path);
    await waitFor(() => gecko.exec(() => document.readyState === "complete"), { what: "page load" });
  }
  async function open(path) {
    await load(path);
    await clickToolbarButton(gecko, addonId);
    assert.equal(await settled(), "ready");
  }
  async function close() {
    if ((await state()).panelOpen) await gecko.pressKey(KEY.Escape);
    await gecko.pressKey(KEY.Escape);
    await closed();
  }
  async function openPanel() {
    if (!(await state()).panelOpen) await click("[data-baca=settings-toggle]");
    assert.equal((await state()).panelOpen, true);
  }
  async function startFirefox(args = []) {
    gecko = new Gecko();
    await gecko.start({ width: 1280, height: 720, args });
    addonId = await gecko.installAddon(EXT);
    await load("/plain-article/source.html");
    await waitForAction(gecko, addonId);
  }

  before(async () => {
    if (!existsSync(join(EXT, "manifest.json"))) throw new Error(`${EXT} is not built: run scripts/build.sh`);
    server = await startServer({ root: join(ROOT, "tests/fixtures") });
    await startFirefox();
  });

  after(async () => {
    await gecko?.stop();
    await server?.close();
  });

  it("themes: light, sepia, dark and high contrast, with screenshots; auto is the default", async () => {
    await open("/plain-article/source.html");
    assert.equal((await state()).theme, "auto");
    await openPanel();
    for (const theme of ["light", "sepia", "dark", "contrast"]) {
      await click(`[data-baca=theme-${theme}]`);
      const s = await state();
      assert.equal(s.theme, theme);
      assert.equal(s.bg, THEME_BG[theme], `${theme} background`);
      if (theme !== "contrast") await gecko.screenshot(join(OUT, `overlay-${theme}-firefox.png`));
    }
    assert.equal((await state()).panelAnimation, "none", "prefers-reduced-motion (set in the test profile): no animation");
    await click("[data-baca=reset]");
    assert.equal((await state()).theme, "auto");
    await close();
  });

  it("keyboard only: Alt+Shift+R opens, Tab reaches every control with a focus ring, Space/+/- change settings, Esc closes and restores focus; page key handlers never fire", async () => {
    await load("/rich-article/source.html");
    await gecko.exec(() => {
      window.pageKeys = 0;
      window.pageKeyLog = [];
      const count = (e) => { window.pageKeys++; if (window.pageKeyLog.length < 30) window.pageKeyLog.push(`${e.type}:${e.key}:${e.currentTarget?.nodeName ?? "window"}:${e.target?.nodeName}`); };
      for (const t of [window, document, document.body]) for (const type of ["keydown", "keyup", "keypress"]) t.addEventListener(type, count);
      document.querySelector("a[href]").focus();
    });
    await gecko.inChrome(() => gecko.pressChord([KEY.Alt, KEY.Shift, "R"]));
    assert.equal(await settled(), "ready");
    await sleep(100);
    // the chord itself reached the page (focus was there): count from now on
    assert.ok(await gecko.exec(() => window.pageKeys) > 0, "the page's handlers do see keys when the page has focus");
    await gecko.exec(() => { window.pageKeys = 0; window.pageKeyLog = []; });
    let s = await state();
    assert.equal(s.active, "dialog", "focus moved into the overlay");
    const order = [];
    for (let i = 0; i < 9; i++) {
      await gecko.pressKey(KEY.Tab);
      s = await state();
      assert.ok(s.hostFocused, "focus stays in the overlay");
      assert.notEqual(s.focusRing, "none", `focus ring on ${s.active}`);
      order.push(s.active);
    }
    assert.deepEqual(order, ["close", "save-markdown", "save-html", "save-text", "copy-markdown", "copy-text",
      "print-html", "clean-page", "settings-toggle"]);
    await gecko.pressKey(KEY.Enter);
    assert.equal((await state()).panelOpen, true, "Enter opens the settings panel");
    for (let i = 0; i < 3; i++) await gecko.pressKey(KEY.Tab);
    assert.equal((await state()).active, "theme-sepia");
    await gecko.pressKey(SPACE);
    assert.equal((await state()).theme, "sepia");
    await gecko.pressKey("+");
    await gecko.pressKey("+");
    await gecko.pressKey("-");
    await sleep(80);
    s = await state();
    assert.equal(s.size, 21);
    assert.equal(s.announce, `${EN.size.message}: 21 px`);
    // focus trap: many Tabs never leave the overlay
    for (let i = 0; i < 40; i++) await gecko.pressKey(KEY.Tab);
    assert.ok((await state()).hostFocused, "after 40 Tabs the focus is still in the overlay");
    assert.equal(await gecko.exec(() => window.pageKeys), 0,
      `the page's key handlers did not fire: ${JSON.stringify(await gecko.exec(() => window.pageKeyLog))}`);
    await click("[data-baca=reset]");
    await gecko.pressKey(KEY.Escape); // the panel (focus is in it)
    s = await state();
    assert.equal(s.panelOpen, false);
    assert.equal(s.active, "settings-toggle");
    await gecko.pressKey(KEY.Escape);
    await closed();
    assert.equal(await gecko.exec(() => document.activeElement?.getAttribute("href")), "/", "focus restored");
  });

  it("rich article: figure with caption and srcset, wide table and code block scroll sideways", async () => {
    await open("/rich-article/source.html");
    await waitFor(async () => gecko.exec((root) => root.querySelector("[data-baca=content] figure img")?.naturalWidth > 0, await shadow()),
      { timeout: 5000, what: "the figure's image" });
    const r = await gecko.exec(richContent, await shadow());
    assert.equal(r.caption, "The ridge trail seen from the lower car park, where the volunteers kept their log.");
    assert.match(r.srcset, /800w, .*1600w/);
    assert.equal(r.sizes, "(max-width: 900px) 100vw, 800px");
    assert.ok(r.natural > 0, "the image loaded");
    assert.ok(r.imgFits);
    assert.equal(r.tableDisplay, "table");
    assert.equal(r.tableScrolls, true);
    assert.ok(r.wrapFits);
    assert.equal(r.preWhiteSpace, "pre");
    assert.equal(r.preOverflow, "auto");
    assert.match(r.preFont, /monospace/);
    assert.equal(r.preScrolls, true);
    assert.ok(r.nested && r.blockquote);
    await gecko.screenshot(join(OUT, "overlay-rich-firefox.png"));
    await close();
  });

  it("RTL article renders right-to-left, the UI stays left-to-right, the date is Arabic", async () => {
    await open("/rtl-article/source.html");
    const r = await gecko.exec(rtlState, await shadow());
    assert.equal(r.dir, "rtl");
    assert.equal(r.pDirection, "rtl");
    assert.equal(r.uiDirection, "ltr");
    assert.equal(r.date, r.wantDate);
    assert.match(r.date, /[\u0600-\u06ff]/);
    await gecko.screenshot(join(OUT, "overlay-rtl-firefox.png"));
    await close();
  });

  it("axe-core finds no serious or critical violation in the overlay", async () => {
    await open("/rich-article/source.html");
    await openPanel();
    await gecko.exec(AXE + "\nreturn typeof axe;");
    for (const theme of ["light", "sepia", "dark", "contrast"]) {
      await click(`[data-baca=theme-${theme}]`);
      // For the audit only: the closed root as the host's shadowRoot, the host under <body>
      // (axe's colour checks look for elements from document.body), then back.
      const r = await gecko.execAsync(async (root) => {
        const host = root.host;
        const parent = host.parentNode;
        Object.defineProperty(host, "shadowRoot", { configurable: true, get: () => root });
        document.body.append(host);
        try {
          const res = await window.axe.run(host, { resultTypes: ["violations", "passes"] });
          return {
            bad: res.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
              .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) })),
            buttons: res.passes.find((p) => p.id === "button-name")?.nodes.length ?? 0,
            contrast: res.passes.find((p) => p.id === "color-contrast")?.nodes.length ?? 0,
          };
        } finally {
          delete host.shadowRoot;
          parent.append(host);
        }
      }, await shadow());
      assert.deepEqual(r.bad, [], `${theme}: serious/critical violations`);
      assert.ok(r.buttons >= 25, `${theme}: ${r.buttons} buttons audited`);
      assert.ok(r.contrast >= 10, `${theme}: ${r.contrast} contrast checks`);
    }
    await click("[data-baca=reset]");
    await close();
  });

  it("the options page (localized, keyboard reachable) changes the reader's settings", async () => {
    const host = await gecko.inChrome(() => gecko.exec((id) => WebExtensionPolicy.getByID(id).mozExtensionHostname, addonId));
    await gecko.navigate(`moz-extension://${host}/options/options.html`);
    await waitFor(() => gecko.exec(() => !!document.querySelector("#theme-auto:checked")), { what: "options loaded" });
    assert.equal(await gecko.exec(() => document.querySelector("h1").textContent), EN.optionsTitle.message);
    await gecko.click(await gecko.find("#theme-dark"));
    await gecko.pressKey("\uE014"); // ArrowRight: the next theme, as radio buttons do
    await waitFor(() => gecko.exec(() => document.getElementById("status").textContent !== ""), { what: "saved" });
    assert.equal(await gecko.exec(() => document.activeElement.id), "theme-contrast");
    await open("/plain-article/source.html");
    assert.equal((await state()).theme, "contrast", "the reader uses the options page's theme");
    await openPanel();
    await click("[data-baca=reset]");
    await close();
  });

  it("on a page Baca cannot touch (about:robots) the button shows a notice; the next page clears it", async () => {
    // chrome context: the action's per-tab badge, title and popup (ext-browserAction.js)
    const actionState = (id) => {
      const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
      const action = ExtensionParent.apiManager.global.browserActionFor(WebExtensionPolicy.getByID(id).extension).action;
      const tab = Services.wm.getMostRecentWindow("navigator:browser").gBrowser.selectedTab;
      return { badge: action.getProperty(tab, "badgeText"), title: action.getProperty(tab, "title"), popup: action.getProperty(tab, "popup") };
    };
    await gecko.navigate("about:robots");
    await clickToolbarButton(gecko, addonId);
    const s = await waitFor(async () => {
      const st = await gecko.inChrome(() => gecko.exec(actionState, addonId));
      // The background sets badge, title and popup in three calls: wait until none shows
      // the default any more, then check each.
      return st.badge === "!" && st.title !== EN.actionTitle.message && st.popup ? st : null;
    }, { timeout: 5000, what: "the notice badge, title and popup" });
    assert.equal(s.title, EN.restrictedTitle.message);
    assert.match(s.popup, /notice\/notice\.html$/);
    // Firefox lets action.openPopup() show the notice at once; the panel shows notice.html
    const panels = () => gecko.inChrome(() => gecko.exec(() => {
      const win = Services.wm.getMostRecentWindow("navigator:browser");
      return [...win.document.querySelectorAll("panel")].filter((p) => p.state === "open")
        .map((p) => ({ id: p.id, urls: [...p.querySelectorAll("browser")].map((b) => b.currentURI?.spec) }));
    }));
    const open1 = await waitFor(async () => {
      const ps = await panels();
      return ps.find((p) => p.urls.some((u) => /notice\/notice\.html$/.test(u || ""))) || null;
    }, { timeout: 5000, what: "the notice popup" });
    assert.ok(open1, "the notice popup is shown");
    // a user's next click on the page closes it; here, close it from the chrome
    await gecko.inChrome(() => gecko.exec(() => {
      const win = Services.wm.getMostRecentWindow("navigator:browser");
      for (const p of win.document.querySelectorAll("panel")) if (p.state === "open") p.hidePopup();
    }));
    await load("/plain-article/source.html");
    const t = await waitFor(async () => {
      const st = await gecko.inChrome(() => gecko.exec(actionState, addonId));
      return st.badge === "" ? st : null;
    }, { timeout: 5000, what: "the badge to clear" });
    assert.equal(t.popup || "", "");
    await clickToolbarButton(gecko, addonId);
    assert.equal(await settled(), "ready", "the button opens the reader again");
    await close();
  });

  it("settings survive close/reopen, a reload, and a browser restart with the same profile", async () => {
    const profile = mkdtempSync(join(tmpdir(), "baca-ff-persist-"));
    try {
      await gecko.stop();
      await startFirefox(["-profile", profile]);
      await open("/plain-article/source.html");
      await openPanel();
      await click("[data-baca=theme-sepia]");
      await click("[data-baca=font-mono]");
      await click("[data-baca=size-up]");
      await click("[data-baca=size-up]");
      const want = { theme: "sepia", font: "mono", size: 22 };
      const check = async (where) => {
        const s = await state();
        assert.deepEqual({ theme: s.theme, font: s.font, size: s.size }, want, where);
        assert.equal(s.bg, THEME_BG.sepia, where);
      };
      await check("open overlay");
      await close();
      await clickToolbarButton(gecko, addonId);
      await settled();
      await check("close and reopen");
      await close();
      await open("/en-news/source.html");
      await check("another page");
      await close();
      await sleep(300); // let storage flush
      await gecko.stop();

      await startFirefox(["-profile", profile]);
      await open("/plain-article/source.html");
      await check("after a browser restart with the same profile");
      await close();
    } finally {
      await gecko.stop();
      rmSync(profile, { recursive: true, force: true });
      await startFirefox(); // leave a browser for after()
    }
  });
});
