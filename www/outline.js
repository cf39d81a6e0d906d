// "What clean-page mode hides": the original page as an inert, script-free, network-free
// document with the blocks Baca labels outlined, for a sandboxed srcdoc iframe.
//
// The labels are the wasm module's classify() answer, by element ordinal: the index of the
// element in document preorder, in the order the extension's snapshot walk visits elements.
// This file only draws them; the rules are the core's (src/extract/clutter.rs).
"use strict";
globalThis.bacaWwwOutline = (() => {
  // Mirror of snapshot.js: elements whose contents the snapshot does not walk.
  const SKIP_CONTENTS = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object"]);

  const KIND_TEXT = {
    "advertisement": "advertisement",
    "repeated-widget": "repeated widget",
    "chrome": "navigation, header or footer",
    "main-content": "article",
  };
  const kindText = (k) => KIND_TEXT[k] || String(k).replace(/[-_]+/g, " ");
  const HIDDEN_KINDS = (k) => k !== "main-content";

  /** The elements of `doc` in the snapshot's order (index = ordinal), for a snapshot.js that
   *  does not report them itself (`take(…, {elements})`). Call before any change. */
  function elementsInSnapshotOrder(doc) {
    const out = [];
    const root = doc.documentElement;
    let node = root;
    while (node) {
      if (node.nodeType === 1) {
        out.push(node);
        if (!SKIP_CONTENTS.has(node.localName) && node.firstElementChild) {
          node = node.firstElementChild;
          continue;
        }
      }
      while (node !== root && !node.nextElementSibling) node = node.parentElement;
      node = node === root ? null : node.nextElementSibling;
    }
    return out;
  }

  /** classify()'s answer, `[{"ordinal":n,"kind":…}]`, as an array (malformed entries dropped).
   *  Throws when the answer is not such an array. */
  function parseLabels(json) {
    const v = JSON.parse(json);
    if (!Array.isArray(v)) throw new Error("classify() did not answer a list of labels");
    return v.filter((l) => l && Number.isInteger(l.ordinal) && typeof l.kind === "string");
  }

  const norm = (s) => s.replace(/\s+/g, " ").trim();

  // ---- the inert document ----
  const URL_ATTRS = new Set(["src", "srcset", "href", "xlink:href", "action", "formaction", "data", "poster",
    "background", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive", "longdesc", "cite", "profile",
    "imagesrcset", "srcdoc", "classid", "usemap", "allow"]);
  const DROP = "script, noscript, link, base, meta[http-equiv], object, embed, applet, frame, frameset, portal, param";
  const SAFE_DATA_IMG = /^\s*data:image\/(?:png|jpe?g|gif|webp|avif);/i;
  const CSS_URL = /url\(\s*(?:"[^"]*"|'[^']*'|[^)]*)\s*\)/gi;
  const cleanCss = (css) => css.replace(/@import[^;]*;?/gi, "").replace(CSS_URL, (m) => (/url\(\s*["']?data:image\/(?!svg)/i.test(m) ? m : "none"))
    .replace(/image-set\([^)]*\)/gi, "none");

  const PREVIEW_CSS = `
[data-baca-label] { outline: 3px solid var(--baca-c) !important; outline-offset: -3px !important; }
[data-baca-label]::before { content: attr(data-baca-label-text); display: block !important; width: max-content;
  max-width: 100%; margin: 0 !important; padding: 1px 6px !important; position: static !important;
  font: 600 11px/1.5 system-ui, sans-serif !important; letter-spacing: .02em; text-transform: none !important;
  color: #fff !important; background: var(--baca-c) !important; border-radius: 0 0 4px 0; }
[data-baca-label="advertisement"] { --baca-c: #b91c1c; }
[data-baca-label="repeated-widget"] { --baca-c: #7e22ce; }
[data-baca-label="chrome"] { --baca-c: #475569; }
[data-baca-label="main-content"] { --baca-c: #15803d; outline-style: dashed !important; }
[data-baca-label]:not([data-baca-label="advertisement"]):not([data-baca-label="repeated-widget"]):not([data-baca-label="chrome"]):not([data-baca-label="main-content"]) { --baca-c: #0f766e; }
iframe:not([src]) { background: repeating-linear-gradient(45deg, #eee 0 8px, #f7f7f7 8px 16px) !important; }
img:not([src]) { background: #e7e5e4 !important; min-width: 16px; min-height: 16px; }
`;
  const CLEAN_CSS = `[data-baca-label]:not([data-baca-label="main-content"]) { display: none !important; }
[data-baca-label="main-content"] { outline: none !important; } [data-baca-label="main-content"]::before { content: none !important; }`;
  const INNER_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

  /** Marks `labels` on `elements`, then makes `doc` inert: no scripts, handlers, network URLs or
   *  navigation targets. Returns {outlined, clean} srcdoc strings and the marked blocks. */
  function build(doc, elements, labels) {
    const blocks = [];
    for (const { ordinal, kind } of labels) {
      const el = elements[ordinal];
      if (!el || el === doc.documentElement || el === doc.body || el === doc.head) continue;
      el.setAttribute("data-baca-label", kind);
      el.setAttribute("data-baca-label-text", kindText(kind));
      blocks.push({ kind, el, ordinal });
    }
    const described = blocks.map(({ kind, el, ordinal }) => ({ kind, label: kindText(kind), ordinal,
      hidden: HIDDEN_KINDS(kind), element: describe(el), text: norm(el.textContent).slice(0, 140) }));
    for (const el of [...doc.querySelectorAll(DROP)]) el.remove();
    for (const t of [...doc.querySelectorAll("template")]) t.content.replaceChildren();
    for (const el of doc.querySelectorAll("*")) {
      for (const a of [...el.attributes]) {
        const name = a.name.toLowerCase();
        if (name.startsWith("on")) el.removeAttribute(a.name);
        else if (URL_ATTRS.has(name) || name.endsWith(":href")) {
          if (!(name === "src" && el.localName === "img" && SAFE_DATA_IMG.test(a.value))) el.removeAttribute(a.name);
        } else if (name === "style") el.setAttribute("style", cleanCss(a.value));
      }
      if (el.localName === "style") el.textContent = cleanCss(el.textContent);
    }
    const head = doc.head || doc.documentElement.insertBefore(doc.createElement("head"), doc.body);
    const style = doc.createElement("style");
    style.setAttribute("data-baca-www", "");
    style.textContent = PREVIEW_CSS + "/*BACA-CLEAN*/"; // the clean rules go last: they win
    head.append(style);
    const csp = doc.createElement("meta");
    csp.setAttribute("http-equiv", "Content-Security-Policy");
    csp.setAttribute("content", INNER_CSP);
    const ref = doc.createElement("meta");
    ref.setAttribute("name", "referrer");
    ref.setAttribute("content", "no-referrer");
    head.prepend(csp, ref);
    if (!head.querySelector("meta[charset]")) {
      const cs = doc.createElement("meta");
      cs.setAttribute("charset", "utf-8");
      head.prepend(cs);
    }
    const outlined = "<!DOCTYPE html>\n" + doc.documentElement.outerHTML;
    return { outlined, clean: outlined.replace("/*BACA-CLEAN*/", CLEAN_CSS), blocks: described };
  }

  function describe(el) {
    let s = el.localName;
    const id = el.getAttribute("id");
    if (id) s += "#" + id;
    const cls = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 3);
    if (cls.length) s += "." + cls.join(".");
    return s.length > 80 ? s.slice(0, 79) + "…" : s;
  }

  return { elementsInSnapshotOrder, parseLabels, build, kindText, INNER_CSP };
})();
