// The reader overlay in Debian's headless Chromium (dist/chromium): themes, typography,
// settings that persist (close/reopen, reload, browser restart with the same profile, the
// options page), keyboard-only use, isolation from the page, RTL, rich content (figure, wide
// table, code block), the axe-core audit of the overlay's own DOM, the Indonesian UI, the
// notice on pages Baca cannot run on, and the context menu item.
//   scripts/build.sh && node --test tests/e2e/overlay.mjs
// Screenshots: target/e2e/overlay-{light,sepia,dark,contrast,rich,rtl,settings}-chromium.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, ROOT } from "./chromium-harness.mjs";
import { startServer } from "./server.mjs";

const OUT = join(ROOT, "target/e2e");
mkdirSync(OUT, { recursive: true });
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const EN = JSON.parse(readFileSync(join(ROOT, "extension/_locales/en/messages.json"), "utf8"));
const ID = JSON.parse(readFileSync(join(ROOT, "extension/_locales/id/messages.json"), "utf8"));
const DEFAULTS = { theme: "auto", font: "serif", size: 20, width: 680, lineHeight: 1.6 };

let server;
let b;

before(async () => {
  server = await startServer({ root: join(ROOT, "tests/fixtures") });
  b = await launch();
});

after(async () => {
  await b?.close();
  await server?.close();
});

/** Page helpers bound to one launched browser. */
function helpers(br) {
  const { inShadow } = br;
  /** A real mouse click on the overlay element `sel` (handlers ignore untrusted clicks). */
  async function click(page, sel) {
    const r = await inShadow(page, function (sel) {
      const e = this.querySelector(sel);
      if (!e) return null;
      e.scrollIntoView({ block: "nearest" });
      const r = e.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width };
    }, sel);
    assert.ok(r && r.w > 0, `${sel} is not rendered`);
    await page.mouse.click(r.x, r.y);
  }
  /** The overlay's state: settings on .root, computed styles, focus. */
  const state = (page) => inShadow(page, function () {
    const root = this.querySelector("[data-baca=root]");
    const cs = getComputedStyle(root);
    const p = this.querySelector("[data-baca=content] p");
    const pcs = p ? getComputedStyle(p) : null;
    const active = this.activeElement;
    return {
      theme: root.getAttribute("data-theme"),
      font: root.getAttribute("data-font"),
      bg: cs.backgroundColor,
      color: cs.color,
      bgVar: cs.getPropertyValue("--bg").trim(),
      size: pcs ? parseFloat(pcs.fontSize) : null,
      lineHeight: pcs ? parseFloat(pcs.lineHeight) : null,
      family: pcs ? pcs.fontFamily : null,
      pageWidth: parseFloat(getComputedStyle(this.querySelector("[data-baca=article]")).maxWidth),
      panelOpen: !this.querySelector("[data-baca=settings]").hidden,
      expanded: this.querySelector("[data-baca=settings-toggle]").getAttribute("aria-expanded"),
      sizeValue: this.querySelector("[data-baca=size-value]")?.textContent ?? null,
      announce: this.querySelector("[data-baca=announce]").textContent,
      pressed: [...this.querySelectorAll("[aria-pressed=true][data-setting]")].map((x) => x.dataset.baca),
      active: active ? (active.dataset.baca || active.localName) : null,
      focusRing: active ? getComputedStyle(active).outlineStyle : null,
      focusRingWidth: active ? parseFloat(getComputedStyle(active).outlineWidth) : 0,
      hostFocused: document.activeElement === this.host,
    };
  });
  async function open(page, path, { settle = "ready" } = {}) {
    await page.goto(server.url + path, { waitUntil: "load" });
    await br.clickAction(page);
    assert.equal(await br.waitSettled(page), settle);
  }
  /** Esc closes the settings panel first when the focus is in it, then the reader. */
  async function close(page) {
    if ((await state(page)).panelOpen) await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await br.waitClosed(page);
  }
  /** Opens the settings panel with a real click (when closed). */
  async function openPanel(page) {
    if (!(await state(page)).panelOpen) await click(page, "[data-baca=settings-toggle]");
    assert.equal((await state(page)).panelOpen, true, "the settings panel opens");
  }
  /** The stored settings, read in the service worker. */
  async function stored() {
    const w = br.context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${br.extensionId}/`));
    return w.evaluate(async () => (await chrome.storage.sync.get("reader")).reader ?? null);
  }
  async function resetStored() {
    const w = br.context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${br.extensionId}/`));
    await w.evaluate(() => chrome.storage.sync.clear());
  }
  return { click, state, open, close, openPanel, stored, resetStored };
}

/** Runs axe-core on the overlay's real DOM. The shadow root is closed; for the audit only,
 *  the test (not the extension) exposes it as the host's `shadowRoot` in the page's world, so
 *  axe's flattened tree descends into it. axe's colour-contrast check finds the elements under
 *  a point through a grid it builds from document.body only, while the host is a child of
 *  <html>: for the audit the test moves the host (shadow root and all) to the end of <body>,
 *  then back. Returns violations and how much was audited. */
async function axeAudit(br, page) {
  await page.evaluate(AXE);
  return br.inShadow(page, async function () {
    const host = this.host;
    const parent = host.parentNode;
    Object.defineProperty(host, "shadowRoot", { configurable: true, get: () => this });
    document.body.append(host);
    try {
      const r = await globalThis.axe.run(host, { resultTypes: ["violations", "passes"] });
      const inside = (n) => Array.isArray(n.target[0]) || n.target.length > 1;
      return {
        violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5) })),
        passedRules: r.passes.map((p) => p.id),
        nodesInside: r.passes.reduce((k, p) => k + p.nodes.filter(inside).length, 0),
        buttonsChecked: r.passes.find((p) => p.id === "button-name")?.nodes.length ?? 0,
        contrastChecked: r.passes.find((p) => p.id === "color-contrast")?.nodes.length ?? 0,
      };
    } finally {
      delete host.shadowRoot;
      parent.append(host);
    }
  });
}

const THEME_BG = {
  light: "rgb(251, 250, 247)",
  sepia: "rgb(244, 236, 216)",
  dark: "rgb(27, 27, 26)",
  contrast: "rgb(0, 0, 0)",
};

test("themes: light, sepia, dark, high contrast, auto (prefers-color-scheme), forced colors", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await page.emulateMedia({ colorScheme: "light", forcedColors: "none" });
  await h.open(page, "/plain-article/source.html");
  let s = await h.state(page);
  assert.equal(s.theme, "auto");
  assert.equal(s.bg, THEME_BG.light, "auto + light scheme → light colours");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal((await h.state(page)).bg, THEME_BG.dark, "auto follows prefers-color-scheme: dark");
  await page.emulateMedia({ colorScheme: "light" });

  await h.openPanel(page);
  for (const theme of ["light", "sepia", "dark", "contrast"]) {
    await h.click(page, `[data-baca=theme-${theme}]`);
    s = await h.state(page);
    assert.equal(s.theme, theme);
    assert.equal(s.bg, THEME_BG[theme], `${theme} background`);
    assert.deepEqual(s.pressed.filter((x) => x.startsWith("theme-")), [`theme-${theme}`], "aria-pressed on the chosen theme only");
    await page.waitForTimeout(60);
    assert.equal((await h.state(page)).announce, `${EN.theme.message}: ${EN[`theme${theme[0].toUpperCase()}${theme.slice(1)}`].message}`);
    if (theme !== "contrast") await shot(page, `overlay-${theme}-chromium.png`);
  }
  // the dark theme whatever the system says
  await h.click(page, "[data-baca=theme-dark]");
  assert.equal((await h.state(page)).bg, THEME_BG.dark);

  // prefers-reduced-motion: the panel's entrance animation and smooth scrolling go away
  const motion = () => b.inShadow(page, function () {
    return { animation: getComputedStyle(this.querySelector("[data-baca=settings]")).animationName,
      scroll: getComputedStyle(this.querySelector("[data-baca=root]")).scrollBehavior };
  });
  await page.emulateMedia({ reducedMotion: "no-preference" });
  assert.deepEqual(await motion(), { animation: "baca-in", scroll: "smooth" });
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.deepEqual(await motion(), { animation: "none", scroll: "auto" }, "prefers-reduced-motion: reduce");
  await page.emulateMedia({ reducedMotion: "no-preference" });

  // forced colours: system colours replace the theme's
  await page.emulateMedia({ forcedColors: "active" });
  s = await h.state(page);
  assert.equal(s.bgVar, "Canvas", "forced-colors: --bg is the system Canvas colour");
  await page.emulateMedia({ forcedColors: "none" });
  assert.equal((await h.stored()).theme, "dark", "the theme is stored");
  await h.close(page);
});

test("typography: font families, size, width and line height in px; the page's root font size does not leak in", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await page.goto(server.url + "/plain-article/source.html", { waitUntil: "load" });
  await page.addStyleTag({ content: "html { font-size: 40px !important; } * { font-size: 31px !important; line-height: 5 !important; font-family: fantasy !important; color: red !important; } baca-reader { display: none !important; opacity: 0 !important; } :root { --bg: red; --size: 99px; }" });
  await b.clickAction();
  assert.equal(await b.waitSettled(), "ready");
  const visible = await page.evaluate(() => {
    const r = document.querySelector("baca-reader").getBoundingClientRect();
    return { w: r.width, h: r.height, display: getComputedStyle(document.querySelector("baca-reader")).display };
  });
  assert.deepEqual(visible, { w: 1280, h: 720, display: "block" }, "the page's CSS cannot hide or shrink the overlay");
  let s = await h.state(page);
  assert.equal(s.size, 20, "text size is the setting (20 px), not the page's 40px root or 31px rule");
  assert.ok(Math.abs(s.lineHeight - 32) < 0.6, `line height 1.6 × 20 px, got ${s.lineHeight}`);
  assert.match(s.family, /Georgia|serif/);
  assert.notEqual(s.color, "rgb(255, 0, 0)", "the page's colour rule does not reach the text");
  assert.equal(s.pageWidth, 680 + 48, "content width 680 px (+ padding)");

  await h.openPanel(page);
  const fonts = { sans: /system-ui|sans-serif/, mono: /monospace/, legible: /Atkinson|Verdana/, serif: /Georgia/ };
  for (const [font, re] of Object.entries(fonts)) {
    await h.click(page, `[data-baca=font-${font}]`);
    s = await h.state(page);
    assert.equal(s.font, font);
    assert.match(s.family, re, `${font} family`);
  }
  await h.click(page, "[data-baca=size-up]");
  await h.click(page, "[data-baca=size-up]");
  s = await h.state(page);
  assert.equal(s.size, 22);
  assert.equal(s.sizeValue, "22 px");
  await h.click(page, "[data-baca=width-up]");
  assert.equal((await h.state(page)).pageWidth, 720 + 48, "one width step is 40 px");
  await h.click(page, "[data-baca=lineHeight-up]");
  s = await h.state(page);
  assert.ok(Math.abs(s.lineHeight - 22 * 1.7) < 0.6, `line height 1.7 × 22 px, got ${s.lineHeight}`);
  for (let i = 0; i < 40; i++) await page.keyboard.press("-"); // focus is on a panel button
  assert.equal((await h.state(page)).size, 12, "the size stops at its minimum");
  // keys in quick succession end at the right size and are stored (this passes with or
  // without the echo guard in content.js: CDP key presses are too slow to race the echo)
  for (let i = 0; i < 12; i++) await page.keyboard.press("+", { delay: 0 });
  await page.waitForTimeout(300);
  assert.equal((await h.state(page)).size, 24, "twelve quick + presses from 12 px");
  assert.equal((await h.stored()).size, 24);
  await h.click(page, "[data-baca=reset]");
  s = await h.state(page);
  assert.equal(s.size, 20);
  assert.equal(s.font, "serif");
  assert.deepEqual(await h.stored(), DEFAULTS);
  await h.close(page);
});

test("keyboard only: open, Tab through every control with a visible focus ring, +/-, Esc closes and restores focus; page key handlers never fire", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await page.goto(server.url + "/rich-article/source.html", { waitUntil: "load" });
  await page.evaluate(() => {
    globalThis.pageKeys = 0;
    const count = () => { globalThis.pageKeys++; };
    for (const t of [window, document, document.body]) for (const type of ["keydown", "keyup", "keypress"]) t.addEventListener(type, count);
    document.addEventListener("keydown", count, true);
    document.querySelector("a[href]").focus();
  });
  await page.keyboard.press("x");
  const baseline = await page.evaluate(() => globalThis.pageKeys);
  assert.ok(baseline >= 3, "the page's handlers see keys before the overlay opens");
  await page.evaluate(() => { globalThis.pageKeys = 0; });

  await b.clickAction(); // Alt+Shift+R is the same action (_execute_action); CDP cannot press it
  assert.equal(await b.waitSettled(), "ready");
  let s = await h.state(page);
  assert.equal(s.active, "dialog", "focus moved into the overlay");
  assert.ok(s.hostFocused);

  // Tab through the toolbar: close, save/copy/print, clean page, settings
  const order = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press("Tab");
    s = await h.state(page);
    assert.ok(s.hostFocused, "focus stays in the overlay");
    assert.notEqual(s.focusRing, "none", `visible focus ring on ${s.active}`);
    assert.ok(s.focusRingWidth >= 2, `focus ring at least 2px on ${s.active}`);
    order.push(s.active);
  }
  assert.deepEqual(order, ["close", "save-markdown", "save-html", "save-text", "copy-markdown", "copy-text",
    "print-html", "clean-page", "settings-toggle"]);
  await page.keyboard.press("Enter");
  s = await h.state(page);
  assert.equal(s.panelOpen, true, "Enter opens the settings panel");
  assert.equal(s.expanded, "true");
  const panelOrder = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press("Tab");
    s = await h.state(page);
    assert.notEqual(s.focusRing, "none", `visible focus ring on ${s.active}`);
    panelOrder.push(s.active);
  }
  assert.deepEqual(panelOrder, ["theme-auto", "theme-light", "theme-sepia", "theme-dark", "theme-contrast",
    "font-serif", "font-sans", "font-mono", "font-legible", "size-down", "size-up", "width-down", "width-up",
    "lineHeight-down", "lineHeight-up", "reset"]);
  // back to the sepia theme by Shift+Tab, chosen with Space
  for (let i = 0; i < 13; i++) await page.keyboard.press("Shift+Tab");
  assert.equal((await h.state(page)).active, "theme-sepia");
  await page.keyboard.press("Space");
  assert.equal((await h.state(page)).theme, "sepia");
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  await page.keyboard.press("-");
  await page.waitForTimeout(60);
  s = await h.state(page);
  assert.equal(s.size, 21, "+ + - → 21 px");
  assert.equal(s.announce, `${EN.size.message}: 21 px`, "the change is announced (aria-live)");

  // the focus trap: Tab from the last control wraps to the first, Shift+Tab back to the last
  const count = await b.inShadow(page, function () {
    return [...this.querySelectorAll("button, a[href], [tabindex='0']")].filter((e) => !e.closest("[hidden]") && e.getClientRects().length).length;
  });
  const seen = new Set();
  for (let i = 0; i < count + 2; i++) {
    await page.keyboard.press("Tab");
    s = await h.state(page);
    assert.ok(s.hostFocused, `Tab ${i + 1}: focus stays in the overlay`);
    seen.add(s.active);
  }
  assert.ok(seen.has("close") && seen.has("original") && seen.has("table-wrap") && seen.has("pre"),
    `every kind of control is reached by Tab: ${[...seen].join(", ")}`);
  await b.inShadow(page, function () { this.querySelector("[data-baca=close]").focus(); });
  await page.keyboard.press("Shift+Tab");
  s = await h.state(page);
  assert.ok(s.hostFocused);
  assert.notEqual(s.active, "close", "Shift+Tab from the first control goes to the last");

  // keys typed in the overlay never reached the page's handlers
  assert.equal(await page.evaluate(() => globalThis.pageKeys), 0, "page key handlers did not fire");

  // Esc: first closes the panel (focus back on its button), then the reader
  await b.inShadow(page, function () { this.querySelector("[data-baca=reset]").focus(); });
  await page.keyboard.press("Escape");
  s = await h.state(page);
  assert.equal(s.panelOpen, false);
  assert.equal(s.active, "settings-toggle");
  await page.keyboard.press("Escape");
  await b.waitClosed();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("href")), "/", "focus restored to the page's link");
  assert.deepEqual(await h.stored(), { ...DEFAULTS, theme: "sepia", size: 21 });
});

test("the page does not scroll behind the overlay, and its scroll position is restored", async () => {
  const { page } = b;
  await page.goto(server.url + "/en-news/source.html", { waitUntil: "load" });
  await page.evaluate(() => window.scrollTo(0, 300));
  await b.clickAction();
  await b.waitSettled();
  for (const key of ["End", "PageDown", "Space", "ArrowDown"]) await page.keyboard.press(key);
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, 3000);
  await page.waitForTimeout(150);
  assert.equal(await page.evaluate(() => window.scrollY), 300, "the page stayed where it was");
  const inner = await b.inShadow(page, function () { return this.querySelector("[data-baca=root]").scrollTop; });
  assert.ok(inner > 0, "the overlay scrolled instead");
  await page.keyboard.press("Escape");
  await b.waitClosed();
  assert.equal(await page.evaluate(() => window.scrollY), 300);
});

test("rich article: figure with caption and responsive image, wide table and code block scroll sideways", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await page.emulateMedia({ colorScheme: "light" });
  await h.open(page, "/rich-article/source.html");
  const r = await b.inShadow(page, async function () {
    const q = (s) => this.querySelector(s);
    const img = q("[data-baca=content] figure img");
    if (img && !img.complete) await new Promise((ok) => { img.onload = img.onerror = ok; });
    const article = q("[data-baca=article]").getBoundingClientRect();
    const wrap = q("[data-baca=content] .table-wrap");
    const table = wrap?.querySelector("table");
    const pre = q("[data-baca=content] pre");
    const pcs = pre && getComputedStyle(pre);
    const root = q("[data-baca=root]");
    return {
      caption: q("[data-baca=content] figure figcaption")?.textContent.trim(),
      srcset: img?.getAttribute("srcset"), sizes: img?.getAttribute("sizes"), alt: img?.getAttribute("alt"),
      currentSrc: img?.currentSrc, natural: img?.naturalWidth, imgRight: img?.getBoundingClientRect().right,
      articleRight: article.right,
      wrapOverflow: wrap && getComputedStyle(wrap).overflowX, wrapRight: wrap?.getBoundingClientRect().right,
      tableScrolls: wrap ? wrap.scrollWidth > wrap.clientWidth : null, tableDisplay: table && getComputedStyle(table).display,
      preWhiteSpace: pcs?.whiteSpace, preOverflow: pcs?.overflowX, preFont: pcs?.fontFamily, preDir: pcs?.direction,
      preScrolls: pre ? pre.scrollWidth > pre.clientWidth : null, preRight: pre?.getBoundingClientRect().right,
      codeLines: pre?.textContent.split("\n").length, preHeightPerLine: pre ? pre.clientHeight / pre.textContent.split("\n").length : 0,
      preLineHeight: pcs ? parseFloat(pcs.lineHeight) : 0,
      nested: !!q("[data-baca=content] li > ul > li"), quote: q("[data-baca=content] blockquote")?.textContent.trim(),
      headings: [...this.querySelectorAll("[data-baca=content] h2, [data-baca=content] h3")].map((x) => x.localName + ":" + x.textContent),
      rootScrollsSideways: root.scrollWidth > root.clientWidth,
      minutes: Number(q("[data-baca=reading-time]").getAttribute("data-minutes")),
      readingTime: q("[data-baca=reading-time]").textContent,
      original: q("[data-baca=original]")?.getAttribute("href"),
      words: q("[data-baca=content]").textContent.match(/\S+/g).length,
    };
  });
  assert.equal(r.caption, "The ridge trail seen from the lower car park, where the volunteers kept their log.");
  assert.match(r.srcset, /trail-800\.svg 800w, .*trail-1600\.svg 1600w/);
  assert.equal(r.sizes, "(max-width: 900px) 100vw, 800px");
  assert.ok(r.alt.length > 10, "alt text kept");
  assert.match(r.currentSrc, /trail-(800|1600)\.svg$/);
  assert.ok(r.natural > 0, "the image loaded");
  assert.ok(r.imgRight <= r.articleRight + 0.5, "the image fits the column");
  assert.equal(r.wrapOverflow, "auto");
  assert.equal(r.tableDisplay, "table", "the table keeps its table semantics (wrapped, not display:block)");
  assert.equal(r.tableScrolls, true, "the wide table scrolls sideways inside its box");
  assert.ok(r.wrapRight <= r.articleRight + 0.5, "the table's box does not overflow the column");
  assert.equal(r.preWhiteSpace, "pre", "code keeps its lines (no reflow)");
  assert.equal(r.preOverflow, "auto");
  assert.match(r.preFont, /monospace/);
  assert.equal(r.preScrolls, true, "the long code line scrolls sideways");
  assert.ok(r.preRight <= r.articleRight + 0.5);
  assert.equal(r.codeLines, 15);
  assert.ok(r.preHeightPerLine < r.preLineHeight * 1.2, "one visual line per code line");
  assert.equal(r.nested, true, "nested list");
  assert.match(r.quote, /^We were not trying to blame the drivers/);
  assert.deepEqual(r.headings, ["h2:What the log showed", "h2:The forty-line script", "h3:Rules the volunteers agreed on"]);
  assert.equal(r.rootScrollsSideways, false, "nothing makes the whole overlay scroll sideways");
  assert.equal(r.minutes, Math.max(1, Math.round(r.words / 230)), "reading time: words / 230");
  assert.equal(r.readingTime, EN.readingTime.message.replace("$1", String(r.minutes)));
  assert.equal(r.original, "https://harborfield.example/notes/2026/03/timing-the-ridge-trail-buses");
  await shot(page, "overlay-rich-chromium.png");
  await b.inShadow(page, function () { this.querySelector("[data-baca=content] .table-wrap").scrollIntoView({ block: "center" }); });
  await shot(page, "overlay-rich-table-chromium.png");
  await h.close(page);
});

test("RTL article renders right-to-left; date and reading time formatted for the article's language", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.open(page, "/rtl-article/source.html");
  const r = await b.inShadow(page, function () {
    const q = (s) => this.querySelector(s);
    const p = q("[data-baca=content] p");
    const pr = p.getBoundingClientRect();
    const art = q("[data-baca=article]");
    const ar = art.getBoundingClientRect();
    return {
      dir: art.getAttribute("dir"), lang: art.getAttribute("lang"), contentDir: q("[data-baca=content]").getAttribute("dir"),
      pDirection: getComputedStyle(p).direction, titleDirection: getComputedStyle(q("[data-baca=title]")).direction,
      // first line of an RTL paragraph starts at the right edge of the column
      rightGap: ar.right - parseFloat(getComputedStyle(art).paddingRight) - pr.right,
      date: q("[data-baca=date]").textContent, readingTime: q("[data-baca=reading-time]").textContent,
      uiDirection: getComputedStyle(q("[role=toolbar]")).direction,
      readingDirection: getComputedStyle(q("[data-baca=reading-time] > span")).direction,
      minutes: Number(q("[data-baca=reading-time]").getAttribute("data-minutes")),
      // what this browser's Intl says for Arabic, to compare with
      wantDate: new Intl.DateTimeFormat("ar", { dateStyle: "long" }).format(new Date("2026-02-11T12:00:00+03:00")),
    };
  });
  assert.equal(r.dir, "rtl");
  assert.equal(r.lang, "ar");
  assert.equal(r.contentDir, "rtl");
  assert.equal(r.pDirection, "rtl");
  assert.equal(r.titleDirection, "rtl");
  assert.equal(r.uiDirection, "ltr", "the English UI stays left-to-right on an RTL page");
  assert.equal(r.readingDirection, "ltr", "the UI string in the header keeps the UI's direction");
  assert.ok(Math.abs(r.rightGap) < 1, `paragraph aligned to the right edge (gap ${r.rightGap})`);
  assert.equal(r.date, r.wantDate, "date formatted for Arabic");
  assert.match(r.date, /[\u0600-\u06ff]/, "Arabic month name");
  const arNumber = await page.evaluate((n) => new Intl.NumberFormat("ar").format(n), r.minutes);
  assert.equal(r.readingTime, EN.readingTime.message.replace("$1", arNumber), "minutes formatted for Arabic");
  await shot(page, "overlay-rtl-chromium.png");
  await h.close(page);
});

test("axe-core finds no serious or critical violation in the overlay (each theme, settings open, error state)", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await h.open(page, "/rich-article/source.html");
  await h.openPanel(page);
  for (const theme of ["light", "sepia", "dark", "contrast"]) {
    await h.click(page, `[data-baca=theme-${theme}]`);
    const r = await axeAudit(b, page);
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, [], `${theme}: serious/critical violations`);
    // the audit really looked inside the closed shadow root
    assert.ok(r.buttonsChecked >= 25, `${theme}: axe checked ${r.buttonsChecked} buttons`);
    assert.ok(r.contrastChecked >= 15, `${theme}: axe checked the contrast of ${r.contrastChecked} elements`);
    assert.ok(r.nodesInside > 100, `${theme}: ${r.nodesInside} audited nodes inside the overlay`);
    for (const rule of ["aria-dialog-name", "aria-toggle-field-name", "scrollable-region-focusable"]) {
      if (r.passedRules.includes(rule)) continue;
      assert.ok(!r.violations.some((v) => v.id === rule), `${theme}: ${rule}`);
    }
    if (theme === "light") console.log(`# axe: ${r.passedRules.length} rules passed, ${r.buttonsChecked} buttons, ${r.contrastChecked} contrast checks, minor/moderate: ${JSON.stringify(r.violations.map((v) => v.id))}`);
  }
  // axe checks the colours of what is on screen: the table, code block and figure too
  await h.click(page, "[data-baca=settings-toggle]");
  for (const theme of ["light", "dark"]) {
    await b.inShadow(page, function (theme) {
      this.querySelector("[data-baca=root]").setAttribute("data-theme", theme); // as the panel does
    }, theme);
    for (const sel of ["figure", ".table-wrap", "pre", "blockquote"]) {
      await b.inShadow(page, function (sel) {
        const root = this.querySelector("[data-baca=root]");
        root.style.scrollBehavior = "auto";
        this.querySelector(`[data-baca=content] ${sel}`).scrollIntoView({ block: "center" });
      }, sel);
      const r = await axeAudit(b, page);
      const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(bad, [], `${theme}, ${sel} on screen: serious/critical violations`);
      assert.ok(r.contrastChecked >= 3, `${theme}, ${sel}: ${r.contrastChecked} contrast checks`);
    }
  }
  await b.inShadow(page, function () { this.querySelector("[data-baca=root]").scrollTop = 0; });
  await h.openPanel(page);
  await h.click(page, "[data-baca=reset]");
  await h.close(page);
  await h.open(page, "/not-article/source.html", { settle: "error" });
  const r = await axeAudit(b, page);
  assert.deepEqual(r.violations.filter((v) => v.impact === "serious" || v.impact === "critical"), [], "error state");
  assert.ok(r.buttonsChecked >= 2, `error state: ${r.buttonsChecked} buttons checked`);
  await h.close(page);
});

test("an open overlay follows the options page; the options page shows the stored settings", async () => {
  const h = helpers(b);
  const { page } = b;
  await h.resetStored();
  await h.open(page, "/plain-article/source.html");
  const opts = await b.context.newPage();
  await opts.goto(`chrome-extension://${b.extensionId}/options/options.html`);
  await opts.waitForSelector("#theme-auto:checked");
  assert.equal(await opts.textContent("h1"), EN.optionsTitle.message);
  assert.equal(await opts.textContent("label[for=size]"), EN.size.message);
  await opts.check("#theme-sepia");
  await opts.evaluate(() => { // a range input: set it as a drag would
    const r = document.getElementById("size");
    r.value = "26";
    r.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await opts.waitForFunction(() => document.getElementById("size-value").textContent === "26 px");
  await page.waitForTimeout(200);
  const s = await h.state(page);
  assert.equal(s.theme, "sepia", "the open overlay took the options page's theme");
  assert.equal(s.size, 26);
  assert.deepEqual(await h.stored(), { ...DEFAULTS, theme: "sepia", size: 26 });
  // and the other way round
  await h.openPanel(page);
  await h.click(page, "[data-baca=theme-dark]");
  await opts.waitForSelector("#theme-dark:checked", { timeout: 3000 });
  // keyboard: the options page's controls are reachable by Tab
  await opts.focus("#theme-dark");
  await opts.keyboard.press("ArrowRight");
  assert.equal(await opts.evaluate(() => document.activeElement.id), "theme-contrast");
  await opts.close();
  await h.close(page);
  await h.resetStored();
});

test("Baca on a page it cannot touch (chrome://version): a clear notice, cleared on the next page", async () => {
  const { page } = b;
  const worker = () => b.context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${b.extensionId}/`));
  const before = (await b.stats()).notices;
  await page.goto("chrome://version");
  await b.clickAction();
  await page.waitForTimeout(300);
  const tabState = () => worker().evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return { badge: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }),
      popup: await chrome.action.getPopup({ tabId: tab.id }) };
  });
  let t = await tabState();
  assert.equal((await b.stats()).notices, before + 1);
  assert.equal(t.badge, "!");
  assert.equal(t.title, EN.restrictedTitle.message);
  assert.match(t.popup, /notice\/notice\.html$/);
  // the notice page itself
  const n = await b.context.newPage();
  await n.goto(`chrome-extension://${b.extensionId}/notice/notice.html`);
  assert.equal(await n.textContent("h1"), EN.restrictedTitle.message);
  assert.equal(await n.textContent("#body"), EN.restrictedBody.message);
  assert.equal(await n.evaluate(() => document.activeElement.id), "close", "the notice's button has the focus");
  await n.close();
  // a page whose URL looks ordinary but that no extension may script (a data: URL): the
  // injection itself fails, and the same notice follows
  await page.goto("data:text/html,<title>x</title><p>A data page.</p>");
  await b.clickAction();
  await page.waitForTimeout(500);
  t = await tabState();
  assert.equal((await b.stats()).notices, before + 2, "a failed injection gives the notice too");
  assert.equal(t.badge, "!");
  assert.equal(await page.evaluate(() => !!document.querySelector("baca-reader")), false);
  // next page: normal again, and the button opens the reader
  await page.goto(server.url + "/plain-article/source.html", { waitUntil: "load" });
  await page.waitForTimeout(100);
  t = await tabState();
  assert.equal(t.badge, "");
  assert.equal(t.popup, "");
  assert.equal(t.title, EN.actionTitle.message);
  await b.clickAction();
  assert.equal(await b.waitSettled(), "ready");
  await page.keyboard.press("Escape");
  await b.waitClosed();
});

test("the context menu item exists (Open in Baca)", async () => {
  const worker = b.context.serviceWorkers().find((x) => x.url().startsWith(`chrome-extension://${b.extensionId}/`));
  // update() rejects for an unknown id: the item was created at install
  const r = await worker.evaluate(async () => {
    try { await chrome.contextMenus.update("baca-open", {}); return "ok"; } catch (e) { return String(e.message); }
  });
  assert.equal(r, "ok");
  const unknown = await worker.evaluate(async () => {
    try { await chrome.contextMenus.update("no-such-item", {}); return "ok"; } catch { return "rejected"; }
  });
  assert.equal(unknown, "rejected", "the check can fail");
});

test("settings survive closing and reopening the reader, a reload, and a browser restart with the same profile", async () => {
  const profile = mkdtempSync(join(tmpdir(), "baca-persist-"));
  let br = await launch({ profile });
  try {
    const h = helpers(br);
    await h.open(br.page, "/plain-article/source.html");
    await h.openPanel(br.page);
    await h.click(br.page, "[data-baca=theme-sepia]");
    await h.click(br.page, "[data-baca=font-sans]");
    await br.page.keyboard.press("+");
    await br.page.keyboard.press("+");
    await br.page.keyboard.press("+");
    const want = { theme: "sepia", font: "sans", size: 23 };
    const check = async (where) => {
      const s = await h.state(br.page);
      assert.deepEqual({ theme: s.theme, font: s.font, size: s.size }, want, where);
      assert.equal(s.bg, THEME_BG.sepia, where);
    };
    await check("in the open overlay");
    await h.close(br.page);
    await br.clickAction();
    await br.waitSettled();
    await check("after close and reopen");
    await h.close(br.page);
    await h.open(br.page, "/en-news/source.html");
    await check("on another page");
    await h.close(br.page);
    await br.close();

    br = await launch({ profile });
    const h2 = helpers(br);
    assert.deepEqual(await h2.stored(), { ...DEFAULTS, ...want }, "stored after the restart");
    await h2.open(br.page, "/plain-article/source.html");
    const s = await h2.state(br.page);
    assert.deepEqual({ theme: s.theme, font: s.font, size: s.size }, want, "after a browser restart");
    await h2.close(br.page);
  } finally {
    await br.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the browser's language picks the UI language: Indonesian", async () => {
  const br = await launch({ args: ["--lang=id"], env: { LANGUAGE: "id", LANG: "id_ID.UTF-8" } });
  try {
    const h = helpers(br);
    await h.open(br.page, "/en-news/source.html");
    await h.openPanel(br.page);
    const r = await br.inShadow(br.page, function () {
      const q = (s) => this.querySelector(s);
      return { close: q("[data-baca=close]").getAttribute("aria-label"), save: q("[data-baca=save-markdown]").getAttribute("aria-label"),
        settings: q("[data-baca=settings-toggle]").getAttribute("aria-label"), toolbar: q("[role=toolbar]").getAttribute("aria-label"),
        reading: q("[data-baca=reading-time]").textContent, theme: q("[data-baca=theme-dark]").textContent,
        original: q("[data-baca=original]").textContent, lang: q("[data-baca=root]").getAttribute("lang"),
        articleLang: q("[data-baca=article]").getAttribute("lang") };
    });
    assert.deepEqual(r, {
      close: ID.close.message, save: ID.saveMarkdown.message, settings: ID.settings.message, toolbar: ID.toolbar.message,
      reading: r.reading, theme: ID.themeDark.message, original: ID.original.message,
      lang: "id", articleLang: "en",
    });
    assert.match(r.reading, /^\d+ menit membaca$/);
    await br.page.waitForTimeout(200); // the panel's fade-in
    await shot(br.page, "overlay-id-chromium.png");
    await h.close(br.page);
    // the options page and the notice page follow the browser's language too
    const opts = await br.context.newPage();
    await opts.goto(`chrome-extension://${br.extensionId}/options/options.html`);
    await opts.waitForSelector("#theme-auto");
    assert.equal(await opts.textContent("h1"), ID.optionsTitle.message);
    assert.equal(await opts.evaluate(() => document.getElementById("theme-dark").parentElement.textContent), ID.themeDark.message);
    assert.equal(await opts.evaluate(() => document.documentElement.lang.split("-")[0]), "id");
    await opts.goto(`chrome-extension://${br.extensionId}/notice/notice.html`);
    assert.equal(await opts.textContent("h1"), ID.restrictedTitle.message);
    await opts.close();
  } finally {
    await br.close();
  }
});

/** A viewport screenshot through CDP: Playwright's page.screenshot shifts the picture on RTL
 *  pages that overflow to the left (the overlay's own boxes are where they should be). */
async function shot(page, name) {
  const s = await page.context().newCDPSession(page);
  try {
    const { data } = await s.send("Page.captureScreenshot", { format: "png", captureBeyondViewport: false });
    writeFileSync(join(OUT, name), Buffer.from(data, "base64"));
  } finally {
    await s.detach().catch(() => {});
  }
}
