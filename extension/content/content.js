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
// Last in the toolbar: "Clean page" closes the overlay and hides the ads and repeated widgets
// in the page itself (content/clean.js); the same button, the keyboard command (CLEAN message)
// or the page's floating "Show page as it was" button undoes it.
"use strict";
(() => {
  if (globalThis.__bacaContent) return;
  globalThis.__bacaContent = true;

  const api = globalThis.bacaApi;
  const MSG = globalThis.BACA_MSG;

  const TEXT = {
    loading: "Preparing reader view…",
    close: "Close reader view",
    errorTitle: "Reader view",
    "no-article-title": "No article found",
    // by Error::code() (src/error.rs), plus our own
    "no-article": "This page doesn't look like an article. Reader view works on pages with a main text, such as news stories and blog posts.",
    "empty-input": "This page is empty, so there is nothing to read.",
    "too-large": "This page is too large for reader view.",
    "not-html": "Reader view can't read this kind of page.",
    internal: "Reader view couldn't read this page because of an internal error.",
    actions: "Save, copy or print the article",
    saveAs: "Save as", copyAs: "Copy as",
    saved: "Saved", copied: "Copied", printing: "Printing…",
    saveFailed: "Couldn't save the article", copyFailed: "Couldn't copy the article",
    printFailed: "Couldn't print the article",
    cleanPage: "Clean page", cleanPageName: "Clean page: hide ads and repeated widgets on the page",
    restorePage: "Restore page", restorePageName: "Show page as it was",
    pageActions: "Hide clutter on the page",
  };

  /** The overlay's save / copy / print buttons: [action, format, visible text, accessible name]. */
  const ACTIONS = [
    ["save", "markdown", "Markdown", "Save as Markdown"],
    ["save", "html", "HTML", "Save as HTML"],
    ["save", "text", "Text", "Save as text"],
    ["copy", "markdown", "Markdown", "Copy as Markdown"],
    ["copy", "text", "Text", "Copy as text"],
    ["print", "html", "Print", "Print"],
  ];

  const CSS = `
:host { all: initial !important; position: fixed !important; inset: 0 !important;
  z-index: 2147483647 !important; display: block !important; contain: strict !important; }
* { box-sizing: border-box; }
.scroller { position: absolute; inset: 0; overflow-y: scroll; overscroll-behavior: contain;
  background: #fbfaf7; color: #1d1d1b; color-scheme: light; }
.dialog { max-width: 42rem; margin: 0 auto; padding: 3.5rem 1.5rem 5rem; outline: none;
  min-height: calc(100% + 1px);
  font: 400 1.2rem/1.65 Georgia, "Iowan Old Style", "Noto Serif", "DejaVu Serif", serif; }
.close { position: fixed; top: .75rem; right: 1rem; width: 2.5rem; height: 2.5rem; border: 0;
  border-radius: 50%; background: #ecebe6; color: #1d1d1b; font: 700 1.5rem/1 system-ui, sans-serif;
  cursor: pointer; }
.close:hover { background: #dcdad2; }
.close:focus-visible { outline: 3px solid #0f766e; outline-offset: 2px; }
.site { font: 600 .8rem/1.4 system-ui, sans-serif; letter-spacing: .06em; text-transform: uppercase;
  color: #0f766e; margin: 0 0 .5rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .75rem; font-weight: 700; }
.meta { font: 400 .95rem/1.5 system-ui, sans-serif; color: #5b5b57; margin: 0 0 2rem; }
.meta span:empty, .meta time:empty, .site:empty { display: none; }
.meta time:not(:empty)::before { content: "·"; margin: 0 .4em; }
.meta span:empty + time::before { content: none; }
.message { font: 400 1.1rem/1.6 system-ui, sans-serif; padding: 1rem 1.25rem; border-radius: .5rem;
  background: #f0efe9; margin: 1rem 0; }
.message:empty { display: none; }
:host([data-state=loading]) .message { background: none; color: #5b5b57; }
.content img, .content iframe, .content video { max-width: 100%; height: auto; }
.content iframe { aspect-ratio: 16 / 9; width: 100%; border: 0; }
.content figure { margin: 1.5rem 0; } .content figcaption { font-size: .9rem; color: #5b5b57; }
.content a { color: #0f5f8a; } .content blockquote { margin: 1.2rem 0; padding-left: 1rem;
  border-left: 3px solid #d6d4cc; color: #3b3b38; }
.content pre { overflow-x: auto; background: #f0efe9; padding: .8rem; font-size: .9rem; }
.content code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }
.content table { border-collapse: collapse; display: block; overflow-x: auto; font-size: 1rem; }
.content td, .content th { border: 1px solid #d6d4cc; padding: .3rem .5rem; }
.content h2, .content h3 { line-height: 1.3; margin: 2rem 0 .75rem; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .9rem; margin: -2rem 0 2rem; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .4rem;
  font: 400 .85rem/1.3 system-ui, sans-serif; color: #5b5b57; }
:host(:not([data-state=ready])) .actions { display: none; }
@media (max-width: 52rem) { .toolbar { margin-right: 3rem; } }
.actions .label { margin-left: .5rem; } .actions .label:first-child { margin-left: 0; }
.actions button { font: inherit; color: #1d1d1b; background: #ecebe6; border: 1px solid #d6d4cc;
  border-radius: .35rem; padding: .3rem .55rem; cursor: pointer; }
.actions button:hover { background: #dcdad2; }
.actions button:focus-visible { outline: 3px solid #0f766e; outline-offset: 2px; }
.actions button[data-action=print] { margin-left: .5rem; }
.actions button[aria-pressed=true] { background: #0f766e; border-color: #0f766e; color: #fff; }
.status { min-height: 1.3em; margin: 0 0 0 .5rem; font-weight: 600; color: #0f766e; }
.status[data-kind=error] { color: #b42318; }
@media print {
  .toolbar, .close, iframe[data-baca=print] { display: none !important; }
  .scroller { position: static; overflow: visible; background: #fff; color: #000; }
  .dialog { padding-top: 0; }
}
@media (prefers-color-scheme: dark) {
  .actions { color: #a9a79f; }
  .actions button { color: #e8e6df; background: #2e2e2c; border-color: #4a4a46; }
  .actions button:hover { background: #3a3a37; }
  .status { color: #5eead4; } .status[data-kind=error] { color: #fca5a5; }
  .scroller { background: #1b1b1a; color: #e8e6df; color-scheme: dark; }
  .close { background: #2e2e2c; color: #e8e6df; } .close:hover { background: #3a3a37; }
  .site { color: #5eead4; } .meta, .content figcaption { color: #a9a79f; }
  .message, .content pre { background: #2a2a28; } .content a { color: #7cc4f0; }
  .content blockquote { border-color: #4a4a46; color: #cfcdc5; }
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
        say(TEXT.saved);
      } else if (action === "copy") {
        const via = await globalThis.bacaSave.copy(shadow, doc, output);
        status.setAttribute("data-via", via); // "clipboard" | "execCommand" (read by the e2e tests)
        say(TEXT.copied);
      } else if (action === "print") {
        say(TEXT.printing);
        await globalThis.bacaSave.print(shadow, doc, output);
        if (view === v) button.focus({ preventScroll: true }); // the print frame had the focus
        say("");
      }
    } catch (err) {
      console.warn("Baca:", err);
      const what = action === "save" ? TEXT.saveFailed : action === "copy" ? TEXT.copyFailed : TEXT.printFailed;
      if (view === v) say(`${what}: ${err?.message ?? err}`, "error");
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

  function styleShadow(shadow, doc) {
    try {
      const sheet = new (doc.defaultView.CSSStyleSheet)();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
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
    const scroller = el(doc, "div", { class: "scroller" });
    const dialog = el(doc, "div", { class: "dialog", role: "dialog", "aria-modal": "true",
      "aria-labelledby": "baca-title", tabindex: "-1" });
    const close = el(doc, "button", { class: "close", type: "button", "data-baca": "close",
      "aria-label": TEXT.close, title: TEXT.close }, "×");
    v.parts = {
      site: el(doc, "p", { class: "site", "data-baca": "site" }),
      title: el(doc, "h1", { id: "baca-title", "data-baca": "title" }),
      byline: el(doc, "span", { "data-baca": "byline" }),
      date: el(doc, "time", { "data-baca": "date" }),
      message: el(doc, "p", { class: "message", "data-baca": "message", role: "status" }, TEXT.loading),
      content: el(doc, "div", { class: "content", "data-baca": "content" }),
      status: el(doc, "p", { class: "status", "data-baca": "status", role: "status", "aria-live": "polite" }),
    };
    v.shadow = shadow;
    const actions = el(doc, "div", { class: "actions", role: "group", "aria-label": TEXT.actions, "data-baca": "actions" });
    let group = null;
    for (const [action, format, text, name] of ACTIONS) {
      if (action !== group && action !== "print") {
        actions.append(el(doc, "span", { class: "label", "aria-hidden": "true" }, action === "save" ? TEXT.saveAs : TEXT.copyAs));
      }
      group = action;
      const b = el(doc, "button", { type: "button", "data-baca": `${action}-${format}`, "data-action": action,
        "data-format": format, "aria-label": name, title: name }, text);
      b.addEventListener("click", (e) => { act(v, b, e); });
      actions.append(b);
    }
    const cleaning = globalThis.bacaClean.active();
    const clean = el(doc, "button", { type: "button", "data-baca": "clean-page", "aria-pressed": String(cleaning),
      "aria-label": cleaning ? TEXT.restorePageName : TEXT.cleanPageName,
      title: cleaning ? TEXT.restorePageName : TEXT.cleanPageName }, cleaning ? TEXT.restorePage : TEXT.cleanPage);
    clean.addEventListener("click", (e) => { if (e.isTrusted && view === v) toggleClean(); });
    actions.append(v.parts.status);
    // Its own group (after Save / Copy / Print in the Tab order): it acts on the page.
    const pageActions = el(doc, "div", { class: "actions", role: "group", "aria-label": TEXT.pageActions, "data-baca": "page-actions" });
    pageActions.append(clean);
    const toolbar = el(doc, "div", { class: "toolbar" });
    toolbar.append(actions, pageActions);
    const meta = el(doc, "p", { class: "meta" });
    meta.append(v.parts.byline, v.parts.date);
    const article = el(doc, "article");
    article.append(v.parts.site, v.parts.title, meta, v.parts.message, v.parts.content);
    dialog.append(close, toolbar, article);
    scroller.append(dialog);
    shadow.append(scroller);
    v.dialog = dialog;

    close.addEventListener("click", (e) => { if (e.isTrusted) closeView(); });
    v.onKey = (e) => {
      if (!e.isTrusted || e.key !== "Escape" || e.isComposing) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      closeView();
    };
    // Keep focus inside the dialog while it is open (aria-modal).
    v.onFocusIn = (e) => {
      if (e.isTrusted && view === v && e.target !== v.host) dialog.focus({ preventScroll: true });
    };
    window.addEventListener("keydown", v.onKey, true);
    doc.addEventListener("focusin", v.onFocusIn, true);

    // Take the snapshot BEFORE the host exists, then show.
    const snapshot = globalThis.bacaSnapshot.take(html, null);
    v.snapshot = snapshot; // kept for save / copy / print (the same page the reader shows)
    v.url = location.href;
    html.appendChild(v.host);
    view = v;
    dialog.focus({ preventScroll: true });

    extract(snapshot, location.href).then(
      (result) => { if (view === v && v.gen === generation) show(v, result); },
      (e) => {
        console.warn("Baca:", e);
        if (view === v) show(v, { ok: false, error: { code: "internal", message: String(e?.message ?? e) } });
      },
    );
  }

  function show(v, result) {
    const doc = v.host.ownerDocument;
    const p = v.parts;
    // Pages that don't look like an article come back as `no-article` from the core (its
    // reader defaults, `reject_unreaderable`), so there is no second rule here.
    if (result && result.ok) {
      const a = result.article;
      v.article = a;
      p.site.textContent = a.site_name || "";
      p.title.textContent = a.title || doc.title || "";
      v.title = p.title.textContent;
      p.byline.textContent = a.byline || "";
      if (a.published_time) {
        p.date.setAttribute("datetime", a.published_time);
        p.date.textContent = formatDate(a.published_time, a.lang);
      }
      if (a.lang) p.content.setAttribute("lang", a.lang);
      if (a.dir === "rtl" || a.dir === "ltr") {
        p.content.setAttribute("dir", a.dir);
        p.title.setAttribute("dir", a.dir);
      }
      if (a.lang) p.title.setAttribute("lang", a.lang);
      p.message.textContent = "";
      globalThis.bacaRender.build(a.content, p.content, doc);
      v.host.setAttribute("data-state", "ready");
    } else {
      const code = (result && result.error && result.error.code) || "internal";
      p.title.textContent = TEXT[`${code}-title`] || TEXT.errorTitle;
      p.message.setAttribute("data-code", code);
      p.message.textContent = TEXT[code] || TEXT.internal;
      v.host.setAttribute("data-state", "error");
    }
  }

  function closeView() {
    const v = view;
    if (!v) return;
    view = null;
    generation++;
    window.removeEventListener("keydown", v.onKey, true);
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
    if (msg.type === MSG.TOGGLE) {
      toggle();
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
