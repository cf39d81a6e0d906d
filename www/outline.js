// "What clean-page mode hides": the original page as an inert, script-free, network-free
// document with the blocks Baca labels outlined, for a sandboxed srcdoc iframe.
//
// Labels come from the wasm module's classify() when the build exports it (by element
// ordinal: the index of the element in document preorder, in the order the extension's
// snapshot walk visits elements). Otherwise `fallbackLabels` approximates the core's rules
// (src/extract/clutter.rs `classify`) here, so the page still shows something useful.
"use strict";
globalThis.bacaWwwOutline = (() => {
  // Mirror of snapshot.js: elements whose contents the snapshot does not walk.
  const SKIP_CONTENTS = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object"]);

  const KIND_TEXT = {
    "advertisement": "advertisement",
    "repeated-widget": "repeated widget",
    "teaser": "teaser",
    "chrome": "navigation, header or footer",
    "main-content": "article",
  };
  const kindText = (k) => KIND_TEXT[k] || String(k).replace(/[-_]+/g, " ");
  const HIDDEN_KINDS = (k) => k !== "main-content";

  /** The elements of `doc` in the snapshot's order (index = ordinal). Call before any change. */
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

  /** Normalizes a wasm classify() answer to [{ordinal, kind}], or null when unusable. */
  function parseLabels(json) {
    let v;
    try { v = typeof json === "string" ? JSON.parse(json) : json; } catch { return null; }
    if (v && !Array.isArray(v)) {
      if (v.ok === false) return null;
      const inner = v.labels ?? v.blocks ?? v.result;
      // {"12": "advertisement", …}: ordinal → kind
      v = inner ?? Object.entries(v).filter(([k]) => /^\d+$/.test(k)).map(([k, kind]) => ({ ordinal: Number(k), kind }));
      if (v && !Array.isArray(v) && typeof v === "object") {
        v = Object.entries(v).filter(([k]) => /^\d+$/.test(k)).map(([k, kind]) => ({ ordinal: Number(k), kind }));
      }
    }
    if (!Array.isArray(v)) return null;
    return v.map((l) => (Array.isArray(l) ? { ordinal: l[0], kind: l[1] } : l))
      .filter((l) => l && Number.isInteger(l.ordinal) && typeof l.kind === "string");
  }

  // ---- fallback classifier (approximates src/extract/clutter.rs; lists from lexicon.rs) ----
  const AD_TOKENS = new Set(("ad ads adv advert adverts advertisement advertising adslot adunit adsense " +
    "sponsored gpt dfp outbrain taboola").split(" "));
  const CLUTTER_TOKENS = new Set(("ad ads adv advert adverts advertisement advertising adslot adunit adsense " +
    "sponsored sponsor gpt dfp promo promotion share sharing sharebar social newsletter newsletters subscribe " +
    "subscription signup login paywall related teaser teasers outbrain taboola recommended recommendations " +
    "popular trending cookie cookies consent cmp gdpr sticky donate banner breadcrumb breadcrumbs tags " +
    "comments disqus rating toolbar print").split(" "));
  const AD_HOSTS = ["doubleclick.net", "googlesyndication.com", "googleadservices.com", "adnxs.com",
    "amazon-adsystem.com", "criteo.com", "criteo.net", "taboola.com", "outbrain.com", "adform.net",
    "pubmatic.com", "rubiconproject.com", "openx.net", "smartadserver.com", "adsrvr.org", "moatads.com",
    "yieldmo.com", "teads.tv", "ads.example"];
  const AD_SIZES = new Set(["300x250", "728x90", "320x50", "160x600", "300x600", "970x250", "970x90",
    "336x280", "320x100", "468x60", "120x600"]);
  const TEASER_LABELS = ["baca juga", "baca pula", "simak juga", "lihat juga", "read more", "read also",
    "see also", "related", "also read", "more", "recommended", "related article", "related articles",
    "related story", "related stories", "lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi",
    "à lire aussi", "a lire aussi", "voir aussi", "leia também", "leia mais", "veja também", "lea también",
    "lee también", "ver también", "leggi anche", "vedi anche", "lees ook", "czytaj też", "czytaj także",
    "читайте также", "اقرأ أيضا", "اقرأ أيضاً", "devamını oku", "ayrıca okuyun", "đọc thêm", "xem thêm"];
  const CHROME_TAGS = new Set(["nav", "footer", "header", "aside"]);
  const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary"]);
  const INLINE = new Set(("abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd " +
    "label mark math meter noscript object output progress q ruby samp script select small span strong sub " +
    "sup textarea time var wbr a del ins font u s strike tt big h1 h2 h3 h4 h5 h6 td th tr pre").split(" "));
  const NOT_CONTENT = new Set(["script", "style", "noscript", "template", "link", "meta"]);

  function tokens(s) {
    const out = [];
    for (const part of String(s).split(/[^\p{L}\p{N}]+/u)) {
      if (part) out.push(...part.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u).map((t) => t.toLowerCase()));
    }
    return out;
  }
  const classAndId = (el) => `${el.getAttribute("class") || ""} ${el.getAttribute("id") || ""}`;
  const hasToken = (el, set) => tokens(classAndId(el)).some((t) => set.has(t));
  const nonWsLen = (s) => s.replace(/\s+/g, "").length;
  const norm = (s) => s.replace(/\s+/g, " ").trim();
  const px = (v) => { const m = /^\s*(\d+)(?:px)?\s*$/.exec(v || ""); return m ? Number(m[1]) : null; };
  const styleProp = (st, prop) => {
    const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, "i").exec(st || "");
    return m ? m[1].trim() : null;
  };

  function isAdSlot(el) {
    const id = (el.getAttribute("id") || "").toLowerCase();
    if (id.startsWith("div-gpt-ad") || id.startsWith("google_ads") || id.includes("gpt-ad")) return true;
    if (hasToken(el, AD_TOKENS)) return true;
    const tag = el.localName;
    if (tag === "iframe" || tag === "ins" || tag === "amp-ad") {
      if (tag === "amp-ad" || el.hasAttribute("data-ad-client") || el.hasAttribute("data-ad-slot")) return true;
      const host = ((el.getAttribute("src") || "").split("//")[1] || "").split(/[/?:]/)[0].toLowerCase();
      if (host && AD_HOSTS.some((h) => host === h || host.endsWith("." + h))) return true;
    }
    const st = el.getAttribute("style");
    const w = px(styleProp(st, "width")) ?? px(el.getAttribute("width"));
    const h = px(styleProp(st, "height")) ?? px(el.getAttribute("height")) ?? px(styleProp(st, "min-height"));
    return w != null && h != null && AD_SIZES.has(`${w}x${h}`) && !["img", "video", "picture"].includes(tag);
  }

  function isTeaser(el) {
    const text = norm(el.textContent);
    if (!text || text.length > 250) return false;
    const links = [...el.querySelectorAll("a")].reduce((n, a) => n + norm(a.textContent).length, 0);
    if (!links) return false;
    const lower = text.toLowerCase();
    let rest = null;
    for (const l of TEASER_LABELS) {
      if (lower.startsWith(l) && !/[\p{L}\p{N}]/u.test(lower.charAt(l.length))) {
        rest = lower.slice(l.length).replace(/^[^\p{L}\p{N}]+/u, "").length;
        break;
      }
    }
    if (rest === null) {
      const i = text.search(/[:：]/);
      if (i > 0) {
        const label = text.slice(0, i).trim();
        const words = label.split(/\s+/).length;
        const r = text.slice(i + 1).trim();
        if (words <= 4 && label.length <= 30 && r.split(/\s+/).length >= 3 &&
            ![...el.querySelectorAll("a")].some((a) => a.textContent.includes(label))) rest = r.length;
      }
    }
    return rest !== null && rest > 0 && links >= 0.8 * rest;
  }

  /** Blocks of 15–400 non-space characters, smaller than their parent: one per text span. */
  function repeatedBlocks(body) {
    const len = new Map();
    const lenOf = (el) => {
      if (!len.has(el)) len.set(el, nonWsLen(el.textContent));
      return len.get(el);
    };
    const blocks = [];
    const walk = (el) => {
      for (const c of el.children) {
        if (NOT_CONTENT.has(c.localName)) continue;
        const l = lenOf(c);
        if (l < 15) continue;
        if (l > 400 || INLINE.has(c.localName)) { walk(c); continue; }
        if (lenOf(el) > l) blocks.push(c);
        else walk(c);
      }
    };
    walk(body);
    const counts = new Map();
    const key = (el) => el.textContent.replace(/\s+/g, "").toLowerCase();
    for (const b of blocks) counts.set(key(b), (counts.get(key(b)) || 0) + 1);
    return new Set(blocks.filter((b) => counts.get(key(b)) >= 2));
  }

  /** Labels for `elements` (snapshot order) without help from wasm. `articleTexts`: the text
   *  strings of the extracted article (ops), which mark the page's article elements. */
  function fallbackLabels(doc, elements, articleTexts) {
    const body = doc.body;
    if (!body) return [];
    const ordinal = new Map(elements.map((e, i) => [e, i]));
    const wanted = new Set(articleTexts.map(norm).filter((t) => t.length >= 20));
    // elements holding article text (and their ancestors)
    const main = new Set();
    const mainTexts = [];
    const tw = doc.createTreeWalker(body, 4 /* SHOW_TEXT */);
    for (let t = tw.nextNode(); t; t = tw.nextNode()) {
      const s = norm(t.data);
      if (s.length < 20 || !wanted.has(s)) continue;
      mainTexts.push(t);
      for (let p = t.parentElement; p && !main.has(p); p = p.parentElement) main.add(p);
    }
    const labels = [];
    // the article: the deepest element holding every article text
    let root = null;
    if (mainTexts.length) {
      root = mainTexts[0].parentElement;
      while (root && !mainTexts.every((t) => root.contains(t))) root = root.parentElement;
      if (root && ordinal.has(root) && root !== body) labels.push({ ordinal: ordinal.get(root), kind: "main-content" });
    }
    const repeated = repeatedBlocks(body);
    const visit = (el) => {
      for (const c of el.children) {
        if (NOT_CONTENT.has(c.localName) || !ordinal.has(c)) continue;
        if (main.has(c)) { visit(c); continue; }
        let kind = null;
        if (isAdSlot(c)) kind = "advertisement";
        else if (isTeaser(c)) kind = "teaser";
        else if (repeated.has(c) || hasToken(c, CLUTTER_TOKENS)) kind = "repeated-widget";
        else if (!(root && root.contains(c)) &&
          (CHROME_TAGS.has(c.localName) || CHROME_ROLES.has(c.getAttribute("role")))) kind = "chrome";
        if (kind) labels.push({ ordinal: ordinal.get(c), kind });
        else visit(c);
      }
    };
    visit(body);
    return labels;
  }

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
[data-baca-label="teaser"] { --baca-c: #b45309; }
[data-baca-label="chrome"] { --baca-c: #475569; }
[data-baca-label="main-content"] { --baca-c: #15803d; outline-style: dashed !important; }
[data-baca-label]:not([data-baca-label="advertisement"]):not([data-baca-label="repeated-widget"]):not([data-baca-label="teaser"]):not([data-baca-label="chrome"]):not([data-baca-label="main-content"]) { --baca-c: #0f766e; }
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

  return { elementsInSnapshotOrder, parseLabels, fallbackLabels, build, kindText, INNER_CSP };
})();
