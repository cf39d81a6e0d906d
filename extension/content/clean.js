// Clean-page mode: hides the page's ads and repeated widgets (share bars, promos, teasers,
// related lists, newsletter and login boxes) in the page itself, and undoes it in one step.
//
// Labels come from the core (wasm classify(), on a snapshot: here, or in the background under
// a strict page CSP). Label n is the n-th element of the snapshot walk, and the walk hands us
// its elements in that order (bacaSnapshot.take(…, {elements})).
//
// What changes in the page, all of it undone by turning the mode off:
//   * ONE stylesheet, `[data-baca-hide] { display: none !important }`: a constructed sheet
//     adopted by the document (no node), else (an adoptedStyleSheets that refuses us) a
//     <style> element;
//   * the attribute data-baca-hide="<kind>" on each hidden element (no node is removed);
//   * a small fixed "Show page as it was" button: <baca-restore> with a CLOSED shadow root.
// Defence in depth: the core never labels an element holding article text as hideable; we also
// skip any labelled element that is, or contains, a main-content block, that contains a long
// paragraph inside a main-content block, or whose text contains the text of one of the blocks
// of the extracted article (the overlay's, or the one classify() answers with its labels from
// the same extraction, here or in the background: one extraction either way).
//
// Later insertions (lazy ad slots, infinite teasers): a MutationObserver on childList/subtree
// batches them (first mutation starts a 500 ms timer), then re-snapshots and classifies, at most
// MAX_RUNS_PER_MINUTE times a minute (further batches wait for the window). Disconnected when
// the mode is turned off.
"use strict";
globalThis.bacaClean = (() => {
  const ATTR = "data-baca-hide";
  const HIDE_KINDS = new Set(["advertisement", "repeated-widget"]);
  const CSS = `[${ATTR}] { display: none !important; }`;
  const BATCH_MS = 500;
  const MAX_RUNS_PER_MINUTE = 12;
  const LONG_PARAGRAPH_WORDS = 40;
  /** Article blocks of at least this many characters (whitespace removed) are looked for inside
   *  a labelled element's text; shorter ones (down to MIN_EXACT_CHARS) only as the whole text
   *  of the element or of one of its blocks. */
  const MIN_KEY_CHARS = 20;
  const MIN_EXACT_CHARS = 4;
  const BLOCKS = new Set("p li dd dt blockquote pre h2 h3 h4 h5 h6 figcaption td th caption".split(" "));
  /** UI text comes from _locales (the same key as the overlay's control). */
  const TEXT = { get restore() { return globalThis.bacaApi?.i18n?.getMessage("restorePageName") || "restorePageName"; } };

  const HOST_CSS = `
:host { all: initial !important; position: fixed !important; right: 1rem !important; bottom: 1rem !important;
  z-index: 2147483647 !important; display: block !important; }
button { font: 500 .85rem/1.2 system-ui, sans-serif; color: #fff; background: #0f766e; border: 0;
  border-radius: 999px; padding: .5rem .9rem; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
button:hover { background: #115e59; }
button:focus-visible { outline: 3px solid #1d1d1b; outline-offset: 2px; }
@media print { :host { display: none !important; } }`;

  /** The active mode, or null. */
  let state = null;

  const words = (s) => (String(s).match(/\S+/g) || []).length;

  function addSheet(doc) {
    try {
      const sheet = new (doc.defaultView.CSSStyleSheet)();
      sheet.replaceSync(CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      if ([...doc.adoptedStyleSheets].includes(sheet)) return { sheet, style: null };
    } catch {
      // Firefox content scripts (Xray) may refuse: a <style> element instead.
    }
    const style = doc.createElement("style");
    style.setAttribute("data-baca", "clean-page");
    style.textContent = CSS;
    (doc.head || doc.documentElement).appendChild(style);
    return { sheet: null, style };
  }

  function removeSheet(doc, st) {
    if (st.sheet) {
      try {
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets].filter((s) => s !== st.sheet);
      } catch {
        st.sheet.replaceSync(""); // cannot detach: at least make it inert
      }
    }
    st.style?.remove();
  }

  function addHost(doc, st, onRestore) {
    const host = doc.createElement("baca-restore");
    const shadow = host.attachShadow({ mode: "closed" });
    try {
      const sheet = new (doc.defaultView.CSSStyleSheet)();
      sheet.replaceSync(HOST_CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch {
      const s = doc.createElement("style");
      s.textContent = HOST_CSS;
      shadow.appendChild(s);
    }
    const b = doc.createElement("button");
    b.type = "button";
    b.setAttribute("data-baca", "restore");
    b.textContent = TEXT.restore;
    b.addEventListener("click", (e) => { if (e.isTrusted && state === st) onRestore(); });
    shadow.appendChild(b);
    doc.documentElement.appendChild(host);
    return host;
  }

  /** Our own nodes: mutations that only add these are not the page's. */
  function own(st, n) {
    return n === st.host || n === st.style || (n.nodeType === 1 && (n.localName === "baca-reader" || n.localName === "baca-restore"));
  }

  const strip = (s) => String(s).replace(/\s+/g, "").toLowerCase();

  /** The texts (whitespace removed, lower case) of the blocks of an article's content ops
   *  (src/article.rs content_ops: "text", [tag, attrs] opens, 0 closes). */
  function articleKeys(ops) {
    const keys = [];
    const stack = []; // per open op: a text collector for a block, else null
    for (const op of Array.isArray(ops) ? ops : []) {
      if (typeof op === "string") {
        for (const c of stack) if (c) c.push(op);
      } else if (op === 0) {
        const c = stack.pop();
        if (c) {
          const k = strip(c.join(""));
          if (k.length >= MIN_EXACT_CHARS) keys.push(k);
        }
      } else if (Array.isArray(op)) {
        stack.push(BLOCKS.has(op[0]) ? [] : null);
      }
    }
    const unique = [...new Set(keys)];
    return { long: unique.filter((k) => k.length >= MIN_KEY_CHARS), short: new Set(unique.filter((k) => k.length < MIN_KEY_CHARS)) };
  }

  function mergeKeys(a, b) {
    return { long: [...new Set([...a.long, ...b.long])], short: new Set([...a.short, ...b.short]) };
  }

  /** Is `e` (labelled hideable) holding article text, as far as the page's DOM can tell? */
  function holdsArticle(st, e) {
    const main = st.main.filter((m) => m.isConnected);
    for (const m of main) if (e === m || e.contains(m)) return true;
    const t = strip(e.textContent);
    if (t.length >= MIN_KEY_CHARS) for (const k of st.keys.long) if (t.includes(k)) return true;
    if (st.keys.short.size && t.length >= MIN_EXACT_CHARS) {
      if (st.keys.short.has(t)) return true;
      for (const b of e.querySelectorAll("p, li, dd, dt, blockquote, pre, h2, h3, h4, h5, h6, figcaption, td, th, caption")) {
        if (st.keys.short.has(strip(b.textContent))) return true;
      }
    }
    const inside = main.filter((m) => m.contains(e));
    if (!inside.length) return false;
    const ps = e.localName === "p" ? [e] : e.querySelectorAll("p");
    for (const p of ps) if (words(p.textContent) >= LONG_PARAGRAPH_WORDS) return true;
    return false;
  }

  /** One pass: snapshot, classify, mark. */
  async function run(st) {
    st.runs.push(Date.now());
    const elements = [];
    const snapshot = globalThis.bacaSnapshot.take(document.documentElement, null, { elements });
    // classify() answers the labels and the content of the article they protect (one
    // extraction for both), or only the labels (the background's answer): then the article is
    // the overlay's, else extracted once by the caller's function.
    const res = await st.classify(snapshot);
    if (state !== st) return;
    const labels = Array.isArray(res) ? res : (res && res.labels) || [];
    if (res && !Array.isArray(res) && Array.isArray(res.content)) {
      st.keys = mergeKeys(st.baseKeys, articleKeys(res.content));
    } else if (typeof st.article === "function") {
      const fetch = st.article;
      st.article = null;
      st.baseKeys = articleKeys(await fetch());
      st.keys = st.baseKeys;
      if (state !== st) return;
    }
    for (const l of labels) {
      if (l.kind !== "main-content") continue;
      const e = elements[l.ordinal];
      if (e && !st.main.includes(e)) st.main.push(e);
    }
    for (const l of labels) {
      if (!HIDE_KINDS.has(l.kind)) continue;
      const e = elements[l.ordinal];
      if (!e || !e.isConnected || e.hasAttribute(ATTR) || own(st, e)) continue;
      if (holdsArticle(st, e)) {
        st.skipped++;
        continue;
      }
      e.setAttribute(ATTR, l.kind);
      st.marked.push(e);
    }
    st.passes++;
    st.host.setAttribute("data-passes", String(st.passes));
    st.host.setAttribute("data-hidden", String(st.marked.length));
  }

  function schedule(st) {
    if (st.timer || state !== st) return;
    const now = Date.now();
    st.runs = st.runs.filter((t) => now - t < 60000);
    let delay = BATCH_MS;
    if (st.runs.length >= MAX_RUNS_PER_MINUTE) delay = Math.max(delay, st.runs[0] + 60000 - now);
    st.timer = setTimeout(() => {
      st.timer = null;
      if (state !== st) return;
      if (st.running) { st.pending = true; return; }
      st.running = true;
      run(st).catch((e) => console.warn("Baca:", e)).finally(() => {
        st.running = false;
        if (st.pending && state === st) { st.pending = false; schedule(st); }
      });
    }, delay);
  }

  /** Turns the mode on. `classify(snapshot)` → labels, or {labels, content} (a promise);
   *  `article`: the extracted article's content ops (defence in depth), or a function that
   *  extracts them (called only if classify() does not answer the content), or null. Resolves
   *  after the first pass. */
  async function on(classify, article) {
    if (state) return state;
    const doc = document;
    const baseKeys = articleKeys(typeof article === "function" ? null : article);
    const st = { classify, article: typeof article === "function" ? article : null, baseKeys, keys: baseKeys, marked: [], main: [], runs: [], passes: 0, skipped: 0, timer: null,
      running: false, pending: false, observer: null, host: null, sheet: null, style: null };
    Object.assign(st, addSheet(doc));
    state = st;
    st.host = addHost(doc, st, off);
    st.observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType === 1 && !own(st, n)) { schedule(st); return; }
        }
      }
    });
    st.observer.observe(doc.documentElement, { childList: true, subtree: true });
    st.running = true;
    try {
      await run(st);
    } finally {
      st.running = false;
      if (st.pending && state === st) { st.pending = false; schedule(st); }
    }
    return st;
  }

  /** Turns the mode off: the page's DOM as it was (markers, sheet and button gone). */
  function off() {
    const st = state;
    if (!st) return;
    state = null;
    st.observer.disconnect();
    clearTimeout(st.timer);
    for (const e of st.marked) e.removeAttribute(ATTR);
    removeSheet(document, st);
    const hadFocus = st.host.matches(":focus");
    st.host.remove();
    if (hadFocus && document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  }

  return {
    on,
    off,
    active: () => state !== null,
    /** Toggles; resolves to whether the mode is now on. */
    async toggle(classify, article) {
      if (state) { off(); return false; }
      await on(classify, article);
      return state !== null;
    },
  };
})();
