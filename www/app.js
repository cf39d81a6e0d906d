// The try-it page: a page (sample, pasted or a file) → DOMParser (inert: no script runs, nothing
// loads) → the extension's snapshot walk (baca/snapshot.js) → the wasm module's extract() →
// the extension's reader renderer (baca/render.js). Plus the metadata, timings, the Markdown and
// text outputs (wasm render(): the CLI's writers) and the original page with the blocks the
// core's classify() labels outlined (outline.js draws them).
// Nothing here requests anything from another host: images and embeds of the article are not
// loaded (the page's CSP would refuse them anyway).
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  // eslint-disable-next-line no-undef -- the wasm-bindgen no-modules glue declares `let wasm_bindgen`
  const W = () => wasm_bindgen;

  const MESSAGES = {
    "empty-input": "This page is empty: there is nothing to read.",
    "not-html": "This doesn't look like a web page: it is binary data, not HTML.",
    "too-large": "This page is too large for Baca.",
    "no-article": "No article found on this page",
    "bad-options": "Baca rejected its options (a bug in this page).",
    internal: "Baca couldn't read this page because of an internal error.",
  };
  const HINTS = {
    "no-article": "Reader view works on pages with a main text, such as news stories and blog posts; this one looks like a home page, a list or a form.",
  };
  const PREVIEW_MAX = 8 << 20; // pages larger than this are not drawn in the preview iframe

  const state = {
    defaults: { max_bytes: 64 << 20 },
    ready: null,
    samples: [],
    autoUrl: null, // the address the page filled in from a sample
    outputs: { md: "", txt: "", base: "article" },
    busy: false,
  };

  // ---------- formatting helpers ----------
  const mb = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`);
  const ms = (x) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString()) + " ms";
  const norm = (s) => String(s ?? "").replace(/\s+/g, " ").trim();
  function formatDate(iso, lang) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    try { return new Intl.DateTimeFormat(lang || undefined, { dateStyle: "long" }).format(d); } catch { return d.toDateString(); }
  }
  function langName(code) {
    try { return new Intl.DisplayNames(["en"], { type: "language" }).of(code); } catch { return code; }
  }
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  // ---------- status and errors ----------
  function status(text, st = "idle") {
    const s = $("status");
    s.textContent = text;
    s.dataset.state = st;
  }
  function showError(code, detail) {
    const box = $("error");
    box.replaceChildren();
    box.dataset.code = code;
    box.append(el("p", { class: "error-title", "data-testid": "error-message" }, MESSAGES[code] || MESSAGES.internal));
    const extra = detail || HINTS[code];
    if (extra) box.append(el("p", { class: "error-detail" }, extra));
    box.hidden = false;
    $("results").hidden = true;
    status("", "error"); // the alert says it
    finished();
  }
  /** Every attempt ends here once (tests wait for body[data-runs] to change). */
  function finished() { document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1); }
  const clearError = () => { $("error").hidden = true; $("error").replaceChildren(); delete $("error").dataset.code; };

  // ---------- the engine ----------
  /** The exports this page calls; a build without one is reported, never worked around. */
  const EXPORTS = ["extract", "render", "classify", "defaults"];
  const missing = (name) => typeof W()[name] !== "function";
  const missingText = (name) =>
    `This wasm build has no ${name}() export: rebuild it with scripts/build.sh (scripts/www.sh --rebuild).`;

  async function loadEngine() {
    await W()({ module_or_path: new URL("wasm/baca_bg.wasm", location.href) });
    const absent = EXPORTS.filter(missing);
    if (absent.length) console.warn(`Baca: the wasm module lacks ${absent.join(", ")}()`);
    if (missing("extract")) throw new Error(missingText("extract"));
    try {
      state.defaults = JSON.parse(W().defaults());
    } catch (e) {
      console.warn("Baca: defaults()", e);
    }
  }

  /** The article as `format` (markdown | text) from wasm render(), the CLI's writers:
   *  {output} or {error} (a message for the page). */
  function renderAs(format, snapshot, optionsJson, saved) {
    if (missing("render")) return { error: missingText("render") };
    try {
      const r = JSON.parse(W().render(snapshot, optionsJson, format, saved));
      if (r.ok && typeof r.output === "string") return { output: r.output };
      return { error: `render() failed: ${r.error?.message || r.error?.code || "unreadable answer"}` };
    } catch (e) {
      console.warn(`Baca: render(${format})`, e);
      return { error: `render() failed: ${e?.message ?? e}` };
    }
  }

  /** classify()'s labels: {labels} or {error} (a message for the page). */
  function classifyBlocks(snapshot) {
    if (missing("classify")) return { error: missingText("classify") };
    try {
      return { labels: globalThis.bacaWwwOutline.parseLabels(W().classify(snapshot)) };
    } catch (e) {
      console.warn("Baca: classify()", e);
      return { error: `classify() failed: ${e?.message ?? e}` };
    }
  }

  // ---------- input ----------
  /** Whether the first bytes look binary (the core's rule: >5% control bytes in 4 KB). */
  function looksBinary(bytes) {
    const head = bytes.subarray(0, 4096);
    let n = 0;
    for (const b of head) if (b < 0x09 || (b >= 0x0e && b < 0x20)) n++;
    return n > head.length / 20;
  }

  function decode(bytes) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
    const head = new TextDecoder("windows-1252").decode(bytes.subarray(0, 2048));
    const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head);
    let label = m ? m[1].toLowerCase() : "utf-8";
    if (/^(utf-?16|unicode)/.test(label)) label = "utf-8"; // a byte-oriented page cannot be UTF-16
    try {
      if (label !== "utf-8" && label !== "utf8") return new TextDecoder(label).decode(bytes);
    } catch { /* unknown label: UTF-8 */ }
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder("windows-1252").decode(bytes);
    }
  }

  function tooLarge(size, what) {
    const limit = state.defaults.max_bytes;
    showError("too-large", `${what} is ${mb(size)}; Baca reads pages up to ${mb(limit)} (max_bytes, the engine's default limit).`);
  }

  async function readFile(file) {
    if (!file) return;
    const name = file.name || "the file";
    const url = manualUrl();
    if (file.size > state.defaults.max_bytes) return tooLarge(file.size, `“${name}”`);
    if (file.size === 0) return showError("empty-input", `“${name}” is empty (0 bytes).`);
    status(`Reading “${name}” (${mb(file.size)})…`, "busy");
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch (e) {
      return showError("internal", `“${name}” could not be read: ${e?.message ?? e}`);
    }
    if (looksBinary(bytes)) {
      return showError("not-html", `“${name}” is binary data${file.type ? ` (${file.type})` : ""}, not an HTML page. Choose a page saved as HTML.`);
    }
    const html = decode(bytes);
    if (!html.trim()) return showError("empty-input", `“${name}” holds only white space.`);
    await run(html, { source: "file", name, url, size: file.size });
  }

  /** The address typed by the user, if any (a sample's address is cleared: it is not this page's). */
  function manualUrl() {
    const v = $("url").value.trim();
    if (v && v === state.autoUrl) $("url").value = "";
    if (!v || v === state.autoUrl) return null;
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch {
      return null;
    }
  }

  // ---------- the pipeline ----------
  async function run(html, { source, name, url, size }) {
    if (state.busy) {
      status("Still reading the previous page: try again in a moment.", "busy");
      return;
    }
    state.busy = true;
    clearError();
    try {
      await state.ready;
      const bytes = size ?? new Blob([html]).size;
      if (bytes > state.defaults.max_bytes) return tooLarge(bytes, name ? `“${name}”` : "The page");
      if (!html.trim()) return showError("empty-input", name ? `“${name}” is empty.` : "Paste the HTML source of a page first.");
      status(`Reading ${name ? `“${name}”` : "the page"} (${mb(bytes)})…` +
        (bytes > 4 << 20 ? " A page this large takes a while: about a second per 2 MB." : ""), "busy");
      if (bytes > 1 << 20) await nextFrame(); // let the status paint before a long task

      const t0 = performance.now();
      const doc = new DOMParser().parseFromString(html, "text/html");
      const t1 = performance.now();
      // `elements[n]` is the element the core calls ordinal n (classify()'s labels)
      let elements = [];
      const snapshot = globalThis.bacaSnapshot.take(doc.documentElement, null, { elements });
      if (!elements.length) elements = globalThis.bacaWwwOutline.elementsInSnapshotOrder(doc); // an older snapshot.js
      const t2 = performance.now();
      const options = { ...state.defaults, url: url || null };
      const optionsJson = JSON.stringify(options);
      const json = W().extract(snapshot, optionsJson);
      const t3 = performance.now();
      let result;
      try { result = JSON.parse(json); } catch { result = { ok: false, error: { code: "internal", message: "unreadable answer" } }; }
      if (!result.ok) {
        const code = result.error?.code || "internal";
        const detail = code === "too-large" ? `${result.error.message}.` : code === "internal" ? result.error?.message : undefined;
        return showError(code, detail);
      }
      const a = result.article;
      renderReader(a);
      const t4 = performance.now();

      // outputs: the core's writers (the bytes the CLI prints and the extension saves)
      const saved = new Date().toISOString();
      const md = renderAs("markdown", snapshot, optionsJson, saved);
      const txt = renderAs("text", snapshot, optionsJson, saved);
      const t5 = performance.now();

      // clean-page labels, then the inert preview (this changes `doc`: last)
      const classified = classifyBlocks(snapshot);
      const t6 = performance.now();
      const preview = globalThis.bacaWwwOutline.build(doc, elements, classified.labels || []);

      showMetadata(a, { source, name, url });
      showTiming([
        ["Parse (DOMParser)", t1 - t0], ["Snapshot (extension's walk)", t2 - t1],
        ["Extraction (wasm extract)", t3 - t2, "extract"], ["Reader view (render.js)", t4 - t3],
        ["Markdown and text (wasm render)", t5 - t4], ["Block labels (wasm classify)", t6 - t5],
      ], { bytes, nodes: elements.length, snapshot: snapshot.length });
      showOutputs(md, txt, a.title || name || "article");
      showPreview(preview, classified.error, html.length);

      $("results").hidden = false;
      status(`Read “${a.title || "untitled"}”: ${a.word_count ?? "?"} words, extracted in ${ms(t3 - t2)}.`, "done");
      document.body.dataset.loaded = source;
      finished();
    } catch (e) {
      console.error("Baca:", e);
      showError("internal", String(e?.message ?? e));
    } finally {
      state.busy = false;
    }
  }

  // ---------- the reader view (the extension's renderer, content.js's layout) ----------
  function renderReader(a) {
    const content = $("r-content");
    $("r-site").textContent = a.site_name || "";
    $("r-title").textContent = a.title || "";
    $("r-byline").textContent = a.byline || "";
    const date = $("r-date");
    date.textContent = "";
    date.removeAttribute("datetime");
    if (a.published_time) {
      date.setAttribute("datetime", a.published_time);
      date.textContent = formatDate(a.published_time, a.lang);
    }
    for (const x of [$("reader"), $("r-title"), content]) {
      for (const k of ["lang", "dir"]) x.removeAttribute(k);
      if (a.lang) x.setAttribute("lang", a.lang);
      if (a.dir === "rtl" || a.dir === "ltr") x.setAttribute("dir", a.dir);
    }
    // Built in an inert document (nothing loads there), made network-free, then adopted.
    const inert = document.implementation.createHTMLDocument("");
    const box = inert.createElement("div");
    globalThis.bacaRender.build(a.content, box, inert);
    for (const img of box.querySelectorAll("img")) {
      const src = img.getAttribute("src");
      if (src && !src.startsWith("data:")) {
        img.dataset.src = src;
        img.removeAttribute("src");
        img.removeAttribute("srcset");
        img.setAttribute("title", `Image not loaded (this page contacts no other site): ${src}`);
        if (!img.getAttribute("alt")) img.setAttribute("alt", "Image");
      }
    }
    for (const f of box.querySelectorAll("iframe")) {
      const ph = inert.createElement("p");
      ph.className = "embed";
      const src = f.getAttribute("src") || "";
      ph.dataset.src = src;
      const a = inert.createElement("a");
      a.href = src;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = "Embedded media (not loaded here): " + (() => { try { return new URL(src).hostname; } catch { return src; } })();
      ph.append(a);
      f.replaceWith(ph);
    }
    content.replaceChildren(...document.adoptNode(box).childNodes);
    return content;
  }

  function showMetadata(a, { source, name, url }) {
    const rows = [
      ["title", "Title", a.title], ["byline", "Byline", a.byline],
      ["published_time", "Published", a.published_time ? `${a.published_time} (${formatDate(a.published_time, a.lang)})` : null],
      ["site_name", "Site", a.site_name], ["lang", "Language", a.lang ? `${a.lang} (${langName(a.lang)})` : null],
      ["dir", "Direction", a.dir], ["excerpt", "Excerpt", a.excerpt],
      ["canonical_url", "Canonical address", a.canonical_url], ["lead_image", "Lead image", a.lead_image],
      ["word_count", "Words", a.word_count], ["readerable", "Looks like an article", a.readerable == null ? null : a.readerable ? "yes" : "no"],
      ["source", "Source", source === "sample" ? `sample “${name}”` : source === "file" ? `file “${name}”` : "pasted HTML"],
      ["url", "Address used", url],
    ];
    const body = $("meta-table").tBodies[0];
    body.replaceChildren();
    for (const [key, label, value] of rows) {
      const tr = el("tr", { "data-key": key });
      tr.append(el("th", { scope: "row" }, label));
      const td = el("td");
      if (value === null || value === undefined || value === "") {
        td.append(el("span", { class: "none" }, "—"));
        td.setAttribute("data-empty", "");
      } else {
        td.textContent = String(value);
        if (key === "title" || key === "excerpt" || key === "byline") {
          if (a.lang) td.setAttribute("lang", a.lang);
          if (a.dir === "rtl") td.setAttribute("dir", "rtl");
        }
      }
      tr.append(td);
      body.append(tr);
    }
  }

  function showTiming(steps, { bytes, nodes, snapshot }) {
    const dl = $("timing");
    dl.replaceChildren();
    const add = (k, v, key) => {
      const div = el("div", key ? { "data-key": key } : {});
      div.append(el("dt", {}, k), el("dd", {}, v));
      dl.append(div);
    };
    for (const [k, v, key] of steps) add(k, ms(v), key);
    add("Total", ms(steps.reduce((s, x) => s + x[1], 0)), "total");
    add("Page", `${mb(bytes)}, ${nodes.toLocaleString("en")} elements, snapshot ${mb(snapshot)}`);
  }

  /** `md`, `txt`: renderAs() answers. A failed writer shows its message, and its buttons are off. */
  function showOutputs(md, txt, title) {
    state.outputs = { md: md.output ?? "", txt: txt.output ?? "", base: slug(title) };
    for (const [kind, r] of [["md", md], ["txt", txt]]) {
      const pre = $(`out-${kind}`);
      pre.textContent = r.output ?? r.error;
      if (r.error) pre.dataset.error = ""; else delete pre.dataset.error;
      for (const b of document.querySelectorAll(`[data-copy=${kind}], [data-download=${kind}]`)) b.disabled = !!r.error;
    }
    $("out-source").textContent = md.error && txt.error
      ? "The Baca core could not write these outputs (see below)."
      : "Written by the Baca core (wasm render(): the same writers as the command line tool).";
  }

  function slug(s) {
    return norm(s).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "article";
  }

  /** `labelError`: why there are no labels (classify() missing or failed), else undefined. */
  function showPreview(preview, labelError, htmlLength) {
    state.preview = preview;
    const frame = $("original");
    const toggle = $("clean-toggle");
    if (htmlLength > PREVIEW_MAX) {
      frame.removeAttribute("srcdoc");
      frame.hidden = true;
    } else {
      frame.hidden = false;
      frame.srcdoc = toggle.checked ? preview.clean : preview.outlined;
    }
    const counts = new Map();
    for (const b of preview.blocks) counts.set(b.kind, (counts.get(b.kind) || 0) + 1);
    const legend = $("legend");
    legend.replaceChildren();
    const ul = el("ul");
    const order = ["advertisement", "repeated-widget", "chrome", "main-content"];
    const kinds = [...counts.keys()].sort((x, y) => (order.indexOf(x) + 99) % 99 - (order.indexOf(y) + 99) % 99);
    for (const k of kinds) {
      const li = el("li", { "data-kind": k });
      li.append(el("span", { class: "swatch", "data-kind": k, "aria-hidden": "true" }),
        `${globalThis.bacaWwwOutline.kindText(k)}${k === "main-content" ? " (kept)" : ""}: ${counts.get(k)}`);
      ul.append(li);
    }
    if (!kinds.length) ul.append(el("li", {}, labelError ? "No labels." : "No block to hide was found."));
    legend.append(ul);
    const note = labelError ? `The blocks are not labelled: ${labelError}` : "Labels from the Baca core (wasm classify).";
    legend.append(el("p", { class: labelError ? "hint label-error" : "hint", ...(labelError ? { role: "note" } : {}) }, note +
      (htmlLength > PREVIEW_MAX ? ` The page is over ${mb(PREVIEW_MAX)}, so it is not drawn; the blocks are listed below.` : "")));
    const body = $("blocks-table").tBodies[0];
    body.replaceChildren();
    for (const b of preview.blocks) {
      const tr = el("tr", { "data-kind": b.kind });
      tr.append(el("td", {}, b.label), el("td", {}, ""), el("td", {}, b.text || "—"));
      tr.children[1].append(el("code", {}, b.element));
      body.append(tr);
    }
    $("blocks-count").textContent = String(preview.blocks.length);
  }

  // ---------- copy and download ----------
  async function copy(kind, button) {
    const text = state.outputs[kind];
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      const ta = el("textarea", { class: "visually-hidden", readonly: "" });
      ta.value = text;
      document.body.append(ta);
      ta.select();
      try { ok = document.execCommand("copy"); } catch { ok = false; }
      ta.remove();
    }
    const label = button.textContent;
    button.textContent = ok ? "Copied" : "Copy failed";
    status(ok ? `${kind === "md" ? "Markdown" : "Text"} copied to the clipboard.` : "The browser refused to copy: select the text and copy it by hand.", ok ? "done" : "error");
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  function download(kind) {
    const { base } = state.outputs;
    const blob = new Blob([state.outputs[kind]], { type: kind === "md" ? "text/markdown;charset=utf-8" : "text/plain;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: `${base}.${kind}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // ---------- samples ----------
  const SAMPLE_NAMES = {
    "kompas-style": "Kompas-style news page", "en-news": "News story", "de-news": "Nachrichtenartikel",
    "fr-news": "Article de presse", "pt-news": "Notícia (WordPress)", "rtl-article": "مقال (right to left)",
    "plain-article": "A clean article", "not-article": "A home page (no article)",
  };
  async function loadSamples() {
    const sel = $("sample");
    try {
      const res = await fetch("samples/index.json");
      state.samples = await res.json();
    } catch {
      state.samples = [];
    }
    sel.replaceChildren();
    for (const s of state.samples) {
      const name = SAMPLE_NAMES[s.id] || s.id;
      const lang = s.lang ? ` · ${langName(s.lang)}` : "";
      const title = s.title ? `: ${s.title.length > 48 ? s.title.slice(0, 47) + "…" : s.title}` : "";
      sel.append(el("option", { value: s.id }, `${name}${lang}${title}`));
    }
    if (!state.samples.length) sel.append(el("option", { value: "" }, "No samples in this build"));
    $("sample-go").disabled = !state.samples.length;
  }

  async function readSample(id) {
    const s = state.samples.find((x) => x.id === id);
    if (!s) return;
    status(`Loading the sample “${SAMPLE_NAMES[s.id] || s.id}”…`, "busy");
    const res = await fetch(s.file);
    if (!res.ok) return showError("internal", `The sample could not be loaded (${res.status}).`);
    const html = await res.text();
    state.autoUrl = s.url;
    $("url").value = s.url || "";
    await run(html, { source: "sample", name: SAMPLE_NAMES[s.id] || s.id, url: s.url });
  }

  // ---------- wiring ----------
  function wire() {
    $("sample-form").addEventListener("submit", (e) => { e.preventDefault(); readSample($("sample").value); });
    $("paste-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const html = $("paste").value;
      run(html, { source: "paste", name: null, url: manualUrl() });
    });
    $("file").addEventListener("change", () => {
      const f = $("file").files[0];
      readFile(f).finally(() => { $("file").value = ""; });
    });
    const drop = $("drop");
    const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes("Files");
    // Anywhere on the page: a dropped file must never replace the page.
    document.addEventListener("dragover", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = drop.contains(e.target) ? "copy" : "none";
      drop.classList.toggle("over", drop.contains(e.target));
    });
    document.addEventListener("dragleave", (e) => { if (!e.relatedTarget) drop.classList.remove("over"); });
    document.addEventListener("drop", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      drop.classList.remove("over");
      if (drop.contains(e.target)) readFile(e.dataTransfer.files[0]);
    });
    for (const b of document.querySelectorAll("[data-copy]")) b.addEventListener("click", () => copy(b.dataset.copy, b));
    for (const b of document.querySelectorAll("[data-download]")) b.addEventListener("click", () => download(b.dataset.download));
    $("clean-toggle").addEventListener("change", () => {
      const p = state.preview;
      if (p && !$("original").hidden) $("original").srcdoc = $("clean-toggle").checked ? p.clean : p.outlined;
    });
  }

  wire();
  state.ready = loadEngine();
  Promise.all([state.ready, loadSamples()]).then(
    () => {
      document.body.dataset.ready = "true";
      status(`Ready. Pick a sample, paste HTML or choose a file (up to ${mb(state.defaults.max_bytes)}).`, "idle");
    },
    (e) => {
      console.error("Baca:", e);
      document.body.dataset.ready = "error";
      status("The extraction engine could not start in this browser.", "error");
      showError("internal", `The WebAssembly engine did not start: ${e?.message ?? e}`);
    },
  );
})();
