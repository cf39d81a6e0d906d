// Baca's content script: snapshot → one wasm call → the reader overlay.
// Injected once per tab by the background (scripting.executeScript), which then opens the
// view; later toolbar clicks arrive as TOGGLE messages.
//
// The overlay is a <baca-reader> element appended to <html> with a CLOSED shadow root. Closing
// it (Esc, the close button, the toolbar) removes the host and restores the scroll position and
// the focus. The page's own DOM is never touched: the page cannot scroll under the overlay
// because the overlay's scroller always overflows (by 1px) and has overscroll-behavior:
// contain, so wheel, touch and keyboard scrolling stay inside it.
//
// Above the article: Save as Markdown / HTML / text, Copy as Markdown / text, Print. Their
// bytes come from wasm render() on the snapshot taken at opening (here, or in the background
// under a strict page CSP); content/save.js does the download, copy and print.
//
// Then "Clean page", which closes the overlay and hides the ads and repeated widgets in the
// page itself (content/clean.js); the same button, the keyboard command (CLEAN message) or the
// page's floating "Show page as it was" button undoes it.
//
// The toolbar (role=toolbar) ends with "Aa": the settings panel (theme, font, text size, width,
// line height; shared/settings.js defines them once and stores them in extension storage).
// Keys while the overlay has focus: Esc closes (the panel first, when focus is in it), + and -
// change the text size, Tab / Shift+Tab cycle through the controls (focus trap). Key events
// from the overlay stop at the window (capture phase), so the page's handlers don't see them.
// Every UI string comes from _locales (api.i18n), every preference is a data-attribute or a
// custom property on the shadow's .root.
"use strict";
(() => {
  if (globalThis.__bacaContent) return;
  globalThis.__bacaContent = true;

  const api = globalThis.bacaApi;
  const MSG = globalThis.BACA_MSG;

  /** A UI string from _locales (the browser's language). */
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const S = globalThis.bacaSettings;
  // The language and direction of the strings we actually show (the translation the browser
  // picked, or the default), not of the browser's UI: _locales carries them.
  const UI_DIR = api.i18n.getMessage("localeDir") === "rtl" ? "rtl" : "ltr";
  const UI_LANG = api.i18n.getMessage("localeTag") || "en";

  /** Error code (Error::code() in src/error.rs, plus our own) → message key. */
  const ERRORS = { "no-article": "errNoArticle", "empty-input": "errEmptyInput", "too-large": "errTooLarge",
    "not-html": "errNotHtml", internal: "errInternal" };

  /** The overlay's save / copy / print buttons: [action, format, visible text key, name key]. */
  const ACTIONS = [
    ["save", "markdown", "formatMarkdown", "saveMarkdown"],
    ["save", "html", "formatHtml", "saveHtml"],
    ["save", "text", "formatText", "saveText"],
    ["copy", "markdown", "formatMarkdown", "copyMarkdown"],
    ["copy", "text", "formatText", "copyText"],
    ["print", "html", "print", "print"],
  ];
  const THEME_KEYS = { auto: "themeAuto", light: "themeLight", sepia: "themeSepia", dark: "themeDark", contrast: "themeContrast" };
  const FONT_KEYS = { serif: "fontSerif", sans: "fontSans", mono: "fontMono", legible: "fontLegible" };
  /** Numeric settings in the panel: [key, label key, smaller key, larger key, smaller text, larger text]. */
  const STEPPERS = [
    ["size", "size", "smaller", "larger", "\u2212", "+"],
    ["width", "width", "narrower", "wider", "\u2212", "+"],
    ["lineHeight", "lineHeight", "tighter", "looser", "\u2212", "+"],
  ];

  // Sizes in px only (never rem: the page's root font size must not leak in); every colour a
  // custom property of .root, set per theme (data-theme) and replaced by system colours in
  // forced-colors mode. Preferences are data-attributes / custom properties on .root, like
  // Firefox's AboutReader.
  const CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 !important;
  z-index: 2147483647 !important; display: block !important; contain: strict !important; }
* { box-sizing: border-box; }
.root { --size: 20px; --width: 680px; --lh: 1.6;
  --serif: Georgia, "Iowan Old Style", "Noto Serif", "DejaVu Serif", serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Noto Sans Mono", monospace;
  --legible: "Atkinson Hyperlegible Next", "Atkinson Hyperlegible", Verdana, "Tahoma", "DejaVu Sans", sans-serif;
  --font: var(--serif); --ui: 14px;
  --bg: #fbfaf7; --fg: #1d1d1b; --muted: #5b5b57; --accent: #0f766e; --accent-fg: #ffffff; --link: #0f5f8a;
  --surface: #f0efe9; --button: #ecebe6; --button-fg: #1d1d1b; --button-hover: #dcdad2; --border: #d6d4cc;
  --quote: #3b3b38; --focus: #0f766e; --error: #b42318; --scheme: light; --bw: 1px;
  position: absolute; inset: 0; overflow-y: scroll; overscroll-behavior: contain;
  background: var(--bg); color: var(--fg); color-scheme: var(--scheme);
  font-family: var(--font); font-size: var(--size); line-height: var(--lh); font-weight: 400;
  -webkit-text-size-adjust: none; text-size-adjust: none; }
.root[data-font=sans] { --font: var(--sans); } .root[data-font=mono] { --font: var(--mono); }
.root[data-font=legible] { --font: var(--legible); }
.root[data-theme=sepia] { --bg: #f4ecd8; --fg: #3b2f20; --muted: #65553f; --accent: #7a4510; --link: #7a3b0c;
  --surface: #ebe0c6; --button: #e9dcbd; --button-fg: #3b2f20; --button-hover: #ddcda6; --border: #c9b78f;
  --quote: #4a3b28; --focus: #8a4b0f; --error: #a01d10; }
.root[data-theme=dark] { --bg: #1b1b1a; --fg: #e8e6df; --muted: #b0aea6; --accent: #5eead4; --accent-fg: #0b2b27;
  --link: #7cc4f0; --surface: #2a2a28; --button: #2e2e2c; --button-fg: #e8e6df; --button-hover: #3a3a37;
  --border: #5a5a55; --quote: #d5d3cb; --focus: #5eead4; --error: #fca5a5; --scheme: dark; }
@media (prefers-color-scheme: dark) {
  .root[data-theme=auto] { --bg: #1b1b1a; --fg: #e8e6df; --muted: #b0aea6; --accent: #5eead4; --accent-fg: #0b2b27;
    --link: #7cc4f0; --surface: #2a2a28; --button: #2e2e2c; --button-fg: #e8e6df; --button-hover: #3a3a37;
    --border: #5a5a55; --quote: #d5d3cb; --focus: #5eead4; --error: #fca5a5; --scheme: dark; }
}
.root[data-theme=contrast] { --bg: #000000; --fg: #ffffff; --muted: #ffffff; --accent: #ffff00; --accent-fg: #000000;
  --link: #ffff00; --surface: #000000; --button: #000000; --button-fg: #ffffff; --button-hover: #333333;
  --border: #ffffff; --quote: #ffffff; --focus: #00ffff; --error: #ff9090; --scheme: dark; --bw: 2px; }
.root[data-theme=contrast] a { text-decoration-thickness: 2px; }
@media (forced-colors: active) {
  .root, .root[data-theme] { --bg: Canvas; --fg: CanvasText; --muted: CanvasText; --accent: Highlight;
    --accent-fg: HighlightText; --link: LinkText; --surface: Canvas; --button: ButtonFace; --button-fg: ButtonText;
    --button-hover: ButtonFace; --border: CanvasText; --quote: CanvasText; --focus: Highlight; --error: CanvasText; }
  button[aria-pressed=true] { forced-color-adjust: none; background: Highlight; color: HighlightText;
    border-color: Highlight; }
  :focus-visible { outline-color: Highlight; }
}
.dialog { min-height: calc(100% + 1px); outline: none; padding: 0 0 80px; }
.bar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; align-items: center;
  gap: 6px 14px; padding: 10px 16px; background: var(--bg); border-bottom: var(--bw) solid var(--border);
  font: 400 var(--ui)/1.3 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
.bar .close { order: 99; margin-left: auto; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; color: var(--muted); }
.actions .label { margin-left: 8px; } .actions .label:first-child { margin-left: 0; }
:host(:not([data-state=ready])) .actions { display: none; }
button { font: 400 var(--ui)/1.3 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  color: var(--button-fg); background: var(--button); border: var(--bw) solid var(--border);
  border-radius: 6px; padding: 5px 9px; min-height: 32px; cursor: pointer; }
button:hover { background: var(--button-hover); }
button[aria-pressed=true], button[aria-expanded=true] { background: var(--accent); border-color: var(--accent);
  color: var(--accent-fg); }
.close { width: 36px; height: 36px; padding: 0; border-radius: 50%; font-size: 22px; font-weight: 700; line-height: 1; }
.settings-toggle { font-family: var(--serif); font-size: 16px; min-width: 40px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.dialog:focus-visible, .dialog:focus { outline: none; }
.status { min-height: 18px; margin: 0 0 0 8px; font-weight: 600; color: var(--accent); }
.root[data-theme=light] .status, .root[data-theme=sepia] .status { color: var(--fg); }
.status[data-kind=error] { color: var(--error); }
.panel { position: fixed; z-index: 3; top: 60px; right: 16px; width: 340px; max-width: calc(100% - 32px);
  max-height: calc(100% - 76px); overflow-y: auto; padding: 14px 16px; border-radius: 10px;
  background: var(--bg); color: var(--fg); border: var(--bw) solid var(--border);
  box-shadow: 0 8px 28px rgba(0, 0, 0, .25);
  font: 400 var(--ui)/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
.panel[hidden] { display: none; }
.panel .heading { font-weight: 700; font-size: 15px; margin: 0 0 10px; }
.panel .row { margin: 0 0 12px; } .panel .name { display: block; font-weight: 600; margin: 0 0 6px; }
.panel .choices { display: flex; flex-wrap: wrap; gap: 6px; }
.panel .stepper { display: flex; align-items: center; gap: 8px; }
.panel .stepper button { min-width: 44px; }
.panel output { min-width: 64px; text-align: center; font-variant-numeric: tabular-nums; }
.panel [data-baca=font-serif] { font-family: var(--serif); } .panel [data-baca=font-sans] { font-family: var(--sans); }
.panel [data-baca=font-mono] { font-family: var(--mono); } .panel [data-baca=font-legible] { font-family: var(--legible); }
.panel .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 6px;
  vertical-align: -1px; border: 1px solid currentColor; }
.swatch[data-swatch=auto] { background: linear-gradient(90deg, #fbfaf7 50%, #1b1b1a 50%); }
.swatch[data-swatch=light] { background: #fbfaf7; } .swatch[data-swatch=sepia] { background: #f4ecd8; }
.swatch[data-swatch=dark] { background: #1b1b1a; } .swatch[data-swatch=contrast] { background: #000000; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0; }
.page { max-width: calc(var(--width) + 48px); margin: 0 auto; padding: 40px 24px 0; }
.site { font: 600 calc(var(--size) * .7)/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  letter-spacing: 1px; text-transform: uppercase; color: var(--accent); margin: 0 0 8px; }
.root[data-theme=light] .site, .root[data-theme=auto] .site { color: #0b5f58; }
@media (prefers-color-scheme: dark) { .root[data-theme=auto] .site { color: var(--accent); } }
h1 { font-size: calc(var(--size) * 1.75); line-height: 1.2; margin: 0 0 12px; font-weight: 700; }
.meta { font: 400 calc(var(--size) * .8)/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif;
  color: var(--muted); margin: 0 0 32px; display: flex; flex-wrap: wrap; gap: 0 8px; }
.meta > :empty, .site:empty { display: none; }
.meta > :not(:empty) ~ :not(:empty)::before { content: "\\00B7"; margin-inline-end: 8px; }
.meta a { color: var(--link); }
.message { font: 400 calc(var(--size) * .9)/1.6 system-ui, sans-serif; padding: 16px 20px; border-radius: 8px;
  background: var(--surface); margin: 16px 0; }
.message:empty { display: none; }
:host([data-state=loading]) .message { background: none; color: var(--muted); }
.content { overflow-wrap: break-word; }
.content img, .content video { max-width: 100%; height: auto; }
.content iframe { aspect-ratio: 16 / 9; width: 100%; height: auto; border: 0; }
.content figure { margin: 24px 0; }
.content figcaption { font-size: calc(var(--size) * .85); color: var(--muted); margin-top: 8px; line-height: 1.45; }
.content a { color: var(--link); }
.content blockquote { margin: 20px 0; padding-inline-start: 18px; border-inline-start: 4px solid var(--border);
  color: var(--quote); }
.content ul, .content ol { padding-inline-start: 28px; } .content li > ul, .content li > ol { margin: 4px 0; }
.content pre { white-space: pre; overflow-wrap: normal; word-break: normal; overflow-x: auto; tab-size: 4;
  background: var(--surface); border: var(--bw) solid var(--border); border-radius: 6px; padding: 12px 14px;
  font-family: var(--mono); font-size: calc(var(--size) * .8); line-height: 1.5; direction: ltr; text-align: left; }
.content code, .content kbd, .content samp { font-family: var(--mono); font-size: calc(var(--size) * .88); }
.content pre code { font-size: inherit; }
.content .table-wrap { overflow-x: auto; max-width: 100%; margin: 24px 0; }
.content table { border-collapse: collapse; font-size: calc(var(--size) * .85); line-height: 1.45; }
.content td, .content th { border: var(--bw) solid var(--border); padding: 5px 8px; text-align: start; vertical-align: top; }
.content caption { caption-side: top; text-align: start; color: var(--muted); padding: 0 0 6px; }
.content h2, .content h3, .content h4, .content h5, .content h6 { line-height: 1.3; margin: 32px 0 12px; }
.content h2 { font-size: calc(var(--size) * 1.4); } .content h3 { font-size: calc(var(--size) * 1.2); }
.content h4 { font-size: calc(var(--size) * 1.05); } .content h5, .content h6 { font-size: var(--size); }
.content hr { border: 0; border-top: var(--bw) solid var(--border); margin: 32px 0; }
@media (prefers-reduced-motion: no-preference) {
  .root { scroll-behavior: smooth; }
  .panel:not([hidden]) { animation: baca-in .12s ease-out; }
}
@keyframes baca-in { from { opacity: 0; transform: translateY(-6px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { transition: none !important; animation: none !important; scroll-behavior: auto !important; }
}
@media print {
  .bar, .panel, .close, iframe[data-baca=print] { display: none !important; }
  .root { position: static; overflow: visible; --bg: #fff; --fg: #000; }
}`;

  /** The open view, or null. */
  let view = null;
  let generation = 0;
  let engine = null; // "local" | "background", decided on first use

  async function extract(snapshot, url) {
    if (engine !== "background") {
      try {
        const wasm = await globalThis.bacaEngine.load();
        engine = "local";
        const options = { ...JSON.parse(wasm.defaults()), url };
        return JSON.parse(wasm.extract(snapshot, JSON.stringify(options)));
      } catch (e) {
        if (engine === "local") throw e;
        // Chromium: the page's CSP lacks 'wasm-unsafe-eval' → CompileError here. The same
        // module runs in the background instead (tests/e2e/MEASUREMENTS.md has the figures).
        engine = "background";
      }
    }
    const reply = await api.runtime.sendMessage({ type: MSG.EXTRACT, snapshot, options: { url } });
    if (!reply || reply.error) throw new Error(reply ? reply.error : "no reply from the background");
    return JSON.parse(reply.json);
  }

  /** Clean-page labels of `snapshot` (wasm classify()), here or through the background. */
  async function classify(snapshot) {
    if (engine !== "background") {
      try {
        const wasm = await globalThis.bacaEngine.load();
        engine = "local";
        return JSON.parse(wasm.classify(snapshot, true)); // {labels, content}: one extraction
      } catch (e) {
        if (engine === "local") throw e;
        engine = "background"; // strict page CSP (Chromium), as in extract()
      }
    }
    const reply = await api.runtime.sendMessage({ type: MSG.CLASSIFY, snapshot });
    if (!reply || reply.error) throw new Error(reply ? reply.error : "no reply from the background");
    return JSON.parse(reply.json);
  }

  /** Clean-page mode on or off; closes the overlay first. Resolves to whether it is now on.
   *  The article's content (for clean.js's own check) is the overlay's, else extracted now. */
  async function toggleClean() {
    const shown = view && view.article ? view.article.content : null;
    if (view) closeView();
    const article = shown || (async () => {
      try {
        const r = await extract(globalThis.bacaSnapshot.take(document.documentElement, null), location.href);
        return r && r.ok ? r.article.content : null;
      } catch {
        return null;
      }
    });
    try {
      return await globalThis.bacaClean.toggle(classify, article);
    } catch (e) {
      console.warn("Baca: clean page:", e);
      globalThis.bacaClean.off();
      return false;
    }
  }

  /** The article of `snapshot` as `format` (markdown | text | html), from wasm render(): here
   *  when wasm runs in the content script, else through the background (strict page CSP). */
  async function renderAs(snapshot, url, format) {
    const saved = new Date().toISOString();
    let json;
    if (engine === "local") {
      const wasm = await globalThis.bacaEngine.load();
      const options = { ...JSON.parse(wasm.defaults()), url };
      json = wasm.render(snapshot, JSON.stringify(options), format, saved);
    } else {
      const reply = await api.runtime.sendMessage({ type: MSG.RENDER, snapshot, options: { url }, format, saved });
      if (!reply || reply.error) throw new Error(reply ? reply.error : "no reply from the background");
      json = reply.json;
    }
    const r = JSON.parse(json);
    if (!r.ok) throw new Error(r.error?.message || r.error?.code || "render failed");
    return r.output;
  }

  /** A click on one of the ACTIONS buttons (trusted clicks only). */
  async function act(v, button, e) {
    if (!e.isTrusted || view !== v || v.busy) return;
    const { action, format } = button.dataset;
    const shadow = v.shadow;
    const doc = v.host.ownerDocument;
    const status = v.parts.status;
    const say = (text, kind = "ok") => {
      status.setAttribute("data-kind", kind);
      status.textContent = text;
      clearTimeout(v.statusTimer);
      if (kind === "ok" && text) v.statusTimer = setTimeout(() => { if (status.textContent === text) status.textContent = ""; }, 4000);
    };
    v.busy = true;
    say("", "ok");
    try {
      const output = await renderAs(v.snapshot, v.url, format);
      if (view !== v) return;
      if (action === "save") {
        globalThis.bacaSave.download(shadow, doc, output, format, v.title);
        say(t("saved"));
      } else if (action === "copy") {
        const via = await globalThis.bacaSave.copy(shadow, doc, output);
        status.setAttribute("data-via", via); // "clipboard" | "execCommand" (read by the e2e tests)
        say(t("copied"));
      } else if (action === "print") {
        say(t("printing"));
        await globalThis.bacaSave.print(shadow, doc, output);
        if (view === v) button.focus({ preventScroll: true }); // the print frame had the focus
        say("");
      }
    } catch (err) {
      console.warn("Baca:", err);
      const what = t(action === "save" ? "saveFailed" : action === "copy" ? "copyFailed" : "printFailed");
      if (view === v) say(t("failedBecause", [what, String(err?.message ?? err)]), "error");
    } finally {
      v.busy = false;
    }
  }

  function el(doc, tag, attrs = {}, text) {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** One constructed sheet per tab, adopted by every overlay opened in it (parsing the CSS
   *  again on each open cost several ms per click). */
  let sharedSheet = null;
  function styleShadow(shadow, doc) {
    try {
      if (!sharedSheet) {
        const sheet = new (doc.defaultView.CSSStyleSheet)();
        sheet.replaceSync(CSS);
        sharedSheet = sheet;
      }
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      // Firefox content scripts (Xray) may refuse adopted sheets: fall back to <style>.
    }
    shadow.appendChild(el(doc, "style", {}, CSS));
  }

  function formatDate(iso, lang) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(lang || undefined, { dateStyle: "long" }).format(d);
    } catch {
      return d.toDateString();
    }
  }

  const formatNumber = (n, lang) => globalThis.bacaReading.format(n, lang);

  /** The settings every overlay shows: loaded once per tab, then kept current by storage
   *  change events (another tab, the options page). */
  let settings = null;
  const settingsReady = S.load().then((s) => { settings = settings || s; return settings; });
  // Our own saves come back as change events, possibly after newer local changes (keys held
  // down): those echoes are skipped, so a step is never undone by its predecessor's echo.
  const echoes = [];
  S.onChange((s) => {
    const i = echoes.indexOf(JSON.stringify(s));
    if (i >= 0) {
      echoes.splice(0, i + 1);
      return;
    }
    settings = s;
    if (view) applySettings(view, s);
  });

  /** Shows `s` in `v`: data-attributes and custom properties on .root, the panel's state. */
  function applySettings(v, s) {
    const root = v.root;
    root.setAttribute("data-theme", s.theme);
    root.setAttribute("data-font", s.font);
    root.style.setProperty("--size", `${s.size}px`);
    root.style.setProperty("--width", `${s.width}px`);
    root.style.setProperty("--lh", String(s.lineHeight));
    for (const b of v.choiceButtons) {
      b.setAttribute("aria-pressed", String(s[b.dataset.setting] === b.dataset.value));
    }
    for (const [key, out] of Object.entries(v.outputs)) out.textContent = describe(key, s[key]);
  }

  function describe(key, value) {
    if (key === "lineHeight") return formatNumber(value, UI_LANG);
    return t("valuePx", [String(value)]);
  }

  /** A settings change made in this overlay: applied now, announced, stored. */
  function change(v, next, what) {
    if (view !== v) return;
    const unchanged = JSON.stringify(S.normalize(settings)) === JSON.stringify(S.normalize(next));
    settings = next;
    applySettings(v, next);
    announce(v, what);
    if (unchanged) return; // at a limit: nothing to store (and no change event would come back)
    echoes.push(JSON.stringify(S.normalize(next)));
    if (echoes.length > 50) echoes.shift();
    S.save(next).catch((e) => console.warn("Baca: settings not saved:", e));
  }

  function announce(v, text) {
    const live = v.parts.announce;
    live.textContent = "";
    // a new text node each time, so the same message twice is announced twice
    setTimeout(() => { if (view === v) live.textContent = text; }, 30);
  }

  function changeNumber(v, key, steps) {
    const next = S.stepped(settings || S.DEFAULTS, key, steps);
    const label = t(STEPPERS.find((x) => x[0] === key)[1]);
    change(v, next, t("announce", [label, describe(key, next[key])]));
  }

  function setPanel(v, open, focusToggle = false) {
    if (open && v.fillPanel) v.fillPanel();
    v.panel.hidden = !open;
    v.settingsToggle.setAttribute("aria-expanded", String(open));
    if (!open && focusToggle) v.settingsToggle.focus({ preventScroll: true });
  }

  /** The focusable controls of the overlay, in Tab order (document order: no positive tabindex). */
  function tabbables(v) {
    const all = v.shadow.querySelectorAll("button, a[href], select, input, textarea, summary, iframe, [tabindex='0']");
    return [...all].filter((e) => !e.disabled && !e.closest("[hidden]") && e.getClientRects().length > 0);
  }

  /** The settings panel: an empty, hidden container now; its controls are built the first time
   *  it opens (most openings never show it, and the reader should appear fast). */
  function buildPanel(v, doc) {
    const panel = el(doc, "div", { class: "panel", id: "baca-settings", role: "group",
      "aria-labelledby": "baca-settings-heading", "data-baca": "settings", hidden: "" });
    v.choiceButtons = [];
    v.outputs = {};
    v.fillPanel = () => {
      v.fillPanel = null;
      fillPanel(v, doc, panel);
      applySettings(v, settings || S.DEFAULTS);
    };
    return panel;
  }

  function fillPanel(v, doc, panel) {
    panel.append(el(doc, "p", { class: "heading", id: "baca-settings-heading" }, t("settings")));
    const choices = (setting, values, keys, labelKey) => {
      const row = el(doc, "div", { class: "row", role: "group", "aria-labelledby": `baca-${setting}-name` });
      row.append(el(doc, "span", { class: "name", id: `baca-${setting}-name` }, t(labelKey)));
      const box = el(doc, "div", { class: "choices" });
      for (const value of values) {
        const b = el(doc, "button", { type: "button", "data-baca": `${setting}-${value}`, "data-setting": setting,
          "data-value": value, "aria-pressed": "false" });
        if (setting === "theme") b.append(el(doc, "span", { class: "swatch", "data-swatch": value, "aria-hidden": "true" }));
        b.append(doc.createTextNode(t(keys[value])));
        b.addEventListener("click", (e) => {
          if (!e.isTrusted || view !== v) return;
          change(v, S.normalize({ ...settings, [setting]: value }), t("announce", [t(labelKey), t(keys[value])]));
        });
        v.choiceButtons.push(b);
        box.append(b);
      }
      row.append(box);
      return row;
    };
    panel.append(choices("theme", S.THEMES, THEME_KEYS, "theme"), choices("font", S.FONTS, FONT_KEYS, "font"));
    for (const [key, labelKey, lessKey, moreKey, lessText, moreText] of STEPPERS) {
      const row = el(doc, "div", { class: "row", role: "group", "aria-labelledby": `baca-${key}-name` });
      row.append(el(doc, "span", { class: "name", id: `baca-${key}-name` }, t(labelKey)));
      const stepper = el(doc, "div", { class: "stepper" });
      const less = el(doc, "button", { type: "button", "data-baca": `${key}-down`, "aria-label": t(lessKey), title: t(lessKey) }, lessText);
      const more = el(doc, "button", { type: "button", "data-baca": `${key}-up`, "aria-label": t(moreKey), title: t(moreKey) }, moreText);
      const out = el(doc, "output", { "data-baca": `${key}-value`, "aria-labelledby": `baca-${key}-name` });
      less.addEventListener("click", (e) => { if (e.isTrusted) changeNumber(v, key, -1); });
      more.addEventListener("click", (e) => { if (e.isTrusted) changeNumber(v, key, 1); });
      v.outputs[key] = out;
      stepper.append(less, out, more);
      row.append(stepper);
      panel.append(row);
    }
    const reset = el(doc, "button", { type: "button", "data-baca": "reset" }, t("reset"));
    reset.addEventListener("click", (e) => {
      if (e.isTrusted && view === v) change(v, { ...S.DEFAULTS }, t("announceReset"));
    });
    panel.append(reset);
  }

  function open() {
    const doc = document;
    const html = doc.documentElement;
    const gen = ++generation;
    const v = {
      gen,
      prevFocus: doc.activeElement,
      prevScroll: [window.scrollX, window.scrollY],
      host: el(doc, "baca-reader", { "data-state": "loading" }),
    };
    const shadow = v.host.attachShadow({ mode: "closed" });
    styleShadow(shadow, doc);
    // The UI's language and direction are the browser's (the article sets its own below);
    // `all: initial` on the host does not reset `direction`, so an RTL page would leak in.
    const root = el(doc, "div", { class: "root", "data-baca": "root", dir: UI_DIR, lang: UI_LANG });
    const dialog = el(doc, "div", { class: "dialog", "data-baca": "dialog", role: "dialog", "aria-modal": "true",
      "aria-labelledby": "baca-title", tabindex: "-1" });
    const close = el(doc, "button", { class: "close", type: "button", "data-baca": "close",
      "aria-label": t("close"), title: t("close") }, "\u00d7");
    v.parts = {
      site: el(doc, "p", { class: "site", "data-baca": "site" }),
      title: el(doc, "h1", { id: "baca-title", "data-baca": "title" }),
      byline: el(doc, "span", { "data-baca": "byline" }),
      date: el(doc, "time", { "data-baca": "date" }),
      readingTime: el(doc, "span", { "data-baca": "reading-time" }),
      original: el(doc, "span", { "data-baca": "original-item" }),
      message: el(doc, "p", { class: "message", "data-baca": "message", role: "status" }, t("loading")),
      content: el(doc, "div", { class: "content", "data-baca": "content" }),
      status: el(doc, "p", { class: "status", "data-baca": "status", role: "status", "aria-live": "polite" }),
      announce: el(doc, "div", { class: "sr-only", "data-baca": "announce", role: "status", "aria-live": "polite" }),
    };
    v.shadow = shadow;
    v.root = root;
    const actions = el(doc, "div", { class: "actions", role: "group", "aria-label": t("actions"), "data-baca": "actions" });
    let group = null;
    for (const [action, format, textKey, nameKey] of ACTIONS) {
      if (action !== group && action !== "print") {
        actions.append(el(doc, "span", { class: "label", "aria-hidden": "true" }, t(action === "save" ? "saveAs" : "copyAs")));
      }
      group = action;
      const b = el(doc, "button", { type: "button", "data-baca": `${action}-${format}`, "data-action": action,
        "data-format": format, "aria-label": t(nameKey), title: t(nameKey) }, t(textKey));
      b.addEventListener("click", (e) => { act(v, b, e); });
      actions.append(b);
    }
    const cleaning = globalThis.bacaClean.active();
    const cleanName = t(cleaning ? "restorePageName" : "cleanPageName");
    const clean = el(doc, "button", { type: "button", "data-baca": "clean-page", "aria-pressed": String(cleaning),
      "aria-label": cleanName, title: cleanName }, t(cleaning ? "restorePage" : "cleanPage"));
    clean.addEventListener("click", (e) => { if (e.isTrusted && view === v) toggleClean(); });
    actions.append(v.parts.status);
    // Its own group (after Save / Copy / Print in the Tab order): it acts on the page.
    const pageActions = el(doc, "div", { class: "actions", role: "group", "aria-label": t("pageActions"), "data-baca": "page-actions" });
    pageActions.append(clean);
    const settingsToggle = el(doc, "button", { type: "button", class: "settings-toggle", "data-baca": "settings-toggle",
      "aria-label": t("settings"), title: t("settings"), "aria-expanded": "false", "aria-controls": "baca-settings" },
    t("settingsButton"));
    v.settingsToggle = settingsToggle;
    settingsToggle.addEventListener("click", (e) => { if (e.isTrusted && view === v) setPanel(v, v.panel.hidden); });
    // The close button comes first in the Tab order, shown at the bar's end.
    const bar = el(doc, "div", { class: "bar", role: "toolbar", "aria-label": t("toolbar"), "data-baca": "toolbar" });
    bar.append(close, actions, pageActions, settingsToggle);
    v.panel = buildPanel(v, doc);
    const meta = el(doc, "p", { class: "meta" });
    meta.append(v.parts.byline, v.parts.date, v.parts.readingTime, v.parts.original);
    const article = el(doc, "article", { class: "page", "data-baca": "article" });
    article.append(v.parts.site, v.parts.title, meta, v.parts.message, v.parts.content);
    v.parts.article = article;
    dialog.append(bar, v.panel, v.parts.announce, article);
    root.append(dialog);
    shadow.append(root);
    v.dialog = dialog;
    applySettings(v, settings || S.DEFAULTS);

    close.addEventListener("click", (e) => { if (e.isTrusted) closeView(); });
    const fromOverlay = (e) => e.target === v.host;
    v.onKey = (e) => {
      if (!e.isTrusted || view !== v) return;
      if (e.key === "Escape" && !e.isComposing) {
        e.preventDefault();
        e.stopImmediatePropagation();
        // Esc inside the open settings panel closes the panel; otherwise the reader.
        if (!v.panel.hidden && v.panel.contains(shadow.activeElement)) setPanel(v, false, true);
        else closeView();
        return;
      }
      if (!fromOverlay(e)) return;
      // The page's own key handlers must not see keys typed in the overlay.
      e.stopImmediatePropagation();
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (e.key === "+" || e.key === "=") {
        e.preventDefault();
        changeNumber(v, "size", 1);
      } else if (e.key === "-" || e.key === "_") {
        e.preventDefault();
        changeNumber(v, "size", -1);
      } else if (e.key === "Tab") {
        // Focus trap: Tab from the last control goes to the first, Shift+Tab from the first
        // (or from the dialog itself) to the last.
        const list = tabbables(v);
        if (!list.length) return;
        const active = shadow.activeElement;
        if (e.shiftKey && (active === list[0] || active === dialog || !active)) {
          e.preventDefault();
          list.at(-1).focus();
        } else if (!e.shiftKey && active === list.at(-1)) {
          e.preventDefault();
          list[0].focus();
        }
      }
    };
    v.onKeyOther = (e) => {
      if (view === v && fromOverlay(e)) e.stopImmediatePropagation();
    };
    // Keep focus inside the dialog while it is open (aria-modal).
    v.onFocusIn = (e) => {
      if (e.isTrusted && view === v && e.target !== v.host) dialog.focus({ preventScroll: true });
    };
    window.addEventListener("keydown", v.onKey, true);
    window.addEventListener("keyup", v.onKeyOther, true);
    window.addEventListener("keypress", v.onKeyOther, true);
    doc.addEventListener("focusin", v.onFocusIn, true);

    // Take the snapshot BEFORE the host exists, then show.
    const snapshot = globalThis.bacaSnapshot.take(html, null);
    v.snapshot = snapshot; // kept for save / copy / print (the same page the reader shows)
    v.url = location.href;
    view = v;
    // Attach only once the stored settings are known: the overlay never flashes the defaults.
    const attach = () => {
      if (view !== v) return;
      applySettings(v, settings || S.DEFAULTS);
      html.appendChild(v.host);
      dialog.focus({ preventScroll: true });
    };
    if (settings) attach();
    else settingsReady.then(attach, attach);

    extract(snapshot, location.href).then(
      (result) => { if (view === v && v.gen === generation) show(v, result); },
      (e) => {
        console.warn("Baca:", e);
        if (view === v) show(v, { ok: false, error: { code: "internal", message: String(e?.message ?? e) } });
      },
    );
  }

  /** Tables and code blocks scroll sideways in their own box, reachable by keyboard. */
  function wrapWide(content, doc) {
    for (const table of content.querySelectorAll("table")) {
      if (table.parentElement?.closest("table")) continue;
      const wrap = el(doc, "div", { class: "table-wrap", tabindex: "0", "data-baca": "table-wrap" });
      table.replaceWith(wrap);
      wrap.append(table);
    }
    for (const pre of content.querySelectorAll("pre")) pre.setAttribute("tabindex", "0");
  }

  function originalUrl(a) {
    for (const u of [a.canonical_url, location.href]) {
      try {
        const url = new URL(u);
        if (url.protocol === "https:" || url.protocol === "http:") return url.href;
      } catch {
        // next
      }
    }
    return null;
  }

  function show(v, result) {
    const doc = v.host.ownerDocument;
    const p = v.parts;
    // Pages that don't look like an article come back as `no-article` from the core (its
    // reader defaults, `reject_unreaderable`), so there is no second rule here.
    if (result && result.ok) {
      const a = result.article;
      v.article = a;
      const lang = a.lang || "";
      p.site.textContent = a.site_name || "";
      p.title.textContent = a.title || doc.title || "";
      v.title = p.title.textContent;
      p.byline.textContent = a.byline || "";
      if (a.published_time) {
        p.date.setAttribute("datetime", a.published_time);
        p.date.textContent = formatDate(a.published_time, lang);
      }
      if (lang) {
        p.article.setAttribute("lang", lang);
        p.content.setAttribute("lang", lang);
        p.title.setAttribute("lang", lang);
      }
      if (a.dir === "rtl" || a.dir === "ltr") {
        p.article.setAttribute("dir", a.dir);
        p.content.setAttribute("dir", a.dir);
        p.title.setAttribute("dir", a.dir);
      }
      p.message.textContent = "";
      globalThis.bacaRender.build(a.content, p.content, doc);
      wrapWide(p.content, doc);
      const minutes = globalThis.bacaReading.minutes(p.content.textContent, lang);
      p.readingTime.setAttribute("data-minutes", String(minutes));
      // UI strings inside the article's header keep the UI's language and direction (an
      // inner element, so the separator before it follows the article's direction)
      p.readingTime.append(el(doc, "span", { dir: UI_DIR, lang: UI_LANG }, t("readingTime", [formatNumber(minutes, lang)])));
      const href = originalUrl(a);
      if (href) {
        // The original is the page under the overlay: a plain click closes the reader;
        // a middle / modified click opens it in a new tab as any link would.
        const link = el(doc, "a", { href, "data-baca": "original", rel: "noopener noreferrer", dir: UI_DIR, lang: UI_LANG }, t("original"));
        link.addEventListener("click", (e) => {
          if (!e.isTrusted || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          closeView();
        });
        p.original.append(link);
      }
      v.host.setAttribute("data-state", "ready");
    } else {
      const code = (result && result.error && result.error.code) || "internal";
      p.title.textContent = t(code === "no-article" ? "noArticleTitle" : "errorTitle");
      p.message.setAttribute("data-code", code);
      p.message.textContent = t(ERRORS[code] || "errInternal");
      v.host.setAttribute("data-state", "error");
    }
  }

  function closeView() {
    const v = view;
    if (!v) return;
    view = null;
    generation++;
    window.removeEventListener("keydown", v.onKey, true);
    window.removeEventListener("keyup", v.onKeyOther, true);
    window.removeEventListener("keypress", v.onKeyOther, true);
    document.removeEventListener("focusin", v.onFocusIn, true);
    v.host.remove();
    if (window.scrollX !== v.prevScroll[0] || window.scrollY !== v.prevScroll[1]) {
      window.scrollTo({ left: v.prevScroll[0], top: v.prevScroll[1], behavior: "instant" });
    }
    const f = v.prevFocus;
    if (f && f !== document.body && f.isConnected && typeof f.focus === "function") {
      f.focus({ preventScroll: true });
    } else if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
  }

  function toggle() {
    if (view) closeView();
    else open();
  }

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || !msg) return false;
    if (msg.type === MSG.TOGGLE || msg.type === MSG.OPEN) {
      if (msg.type === MSG.TOGGLE || !view) toggle();
      sendResponse({ open: view !== null }); // answer, so the sender's promise resolves
    } else if (msg.type === MSG.CLEAN) {
      const on = !globalThis.bacaClean.active();
      toggleClean();
      sendResponse({ clean: on });
    }
    return false;
  });

  // Injection is the first toggle (of the reader view, or of clean-page mode when the
  // background set __bacaStart for the keyboard command).
  const start = globalThis.__bacaStart;
  globalThis.__bacaStart = undefined;
  if (start === "clean") toggleClean();
  else toggle();
})();
