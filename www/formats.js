// Markdown and plain text of an extracted article, for the try-it page.
// The wasm module's own writers (src/markdown.rs, src/formats.rs) are used when the build
// exports them (see app.js); these are the page's fallback, written from the reader DOM that
// render.js built, so they show exactly what the reader view shows.
"use strict";
globalThis.bacaWwwFormats = (() => {
  const BLOCK = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "blockquote", "pre", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "hr", "details", "summary", "section", "div", "article"]);

  const collapse = (s) => s.replace(/[ \t\n\r\f]+/g, " ");

  /** Plain text: one paragraph per block, blank line between blocks, list items one per line. */
  function text(meta, contentEl) {
    const blocks = [];
    let cur = "";
    const flush = () => {
      const t = cur.replace(/ *\n */g, "\n").replace(/^ +| +$/g, "");
      if (t) blocks.push(t);
      cur = "";
    };
    const walk = (node) => {
      for (let n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) { cur += collapse(n.data); continue; }
        if (n.nodeType !== 1) continue;
        const tag = n.localName;
        if (tag === "br") { cur += "\n"; continue; }
        if (tag === "img" || tag === "iframe") continue;
        if (tag === "pre") { flush(); blocks.push(n.textContent.replace(/\n+$/, "")); continue; }
        if (BLOCK.has(tag)) {
          flush();
          if (tag === "li") cur = (n.parentElement?.localName === "ol" ? `${indexOf(n)}. ` : "• ");
          if (tag === "tr") { blocks.push([...n.children].map((c) => collapse(c.textContent).trim()).join("\t")); continue; }
          walk(n);
          flush();
        } else {
          walk(n);
        }
      }
    };
    walk(contentEl);
    flush();
    const head = [meta.title, [meta.byline, meta.published_time].filter(Boolean).join(" · ")].filter(Boolean);
    return [...head, ...blocks].join("\n\n") + "\n";
  }

  function indexOf(li) {
    const ol = li.parentElement;
    let i = Number(ol.getAttribute("start")) || 1;
    for (const c of ol.children) {
      if (c === li) break;
      if (c.localName === "li") i++;
    }
    return i;
  }

  const escInline = (s) => s.replace(/([\\`*_[\]<>])/g, "\\$1");

  /** Markdown (CommonMark) with a small YAML front matter. */
  function markdown(meta, contentEl) {
    const out = [];
    // the keys and order of src/markdown.rs `to_markdown`
    const fm = [["title", meta.title], ["author", meta.byline], ["published", meta.published_time],
      ["site", meta.site_name], ["url", meta.canonical_url || meta.url], ["lang", meta.lang]].filter(([, v]) => v);
    if (fm.length) out.push("---\n" + fm.map(([k, v]) => `${k}: ${JSON.stringify(String(v))}`).join("\n") + "\n---");
    if (meta.title) out.push("# " + escInline(meta.title));
    blocks(contentEl, out, "");
    return out.join("\n\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  /** Markdown of the children of `node`, inline. */
  function inline(node) {
    let s = "";
    for (let n = node.firstChild; n; n = n.nextSibling) s += inlineNode(n);
    return s.replace(/ {2,}/g, " ");
  }

  /** Markdown of one node, inline. */
  function inlineNode(n) {
    if (n.nodeType === 3) return escInline(collapse(n.data));
    if (n.nodeType !== 1) return "";
    const tag = n.localName;
    const inner = () => inline(n).trim();
    const url = (u) => u.replace(/[()\s]/g, encodeURIComponent);
    switch (tag) {
      case "br": return "\\\n";
      case "em": case "i": case "cite": { const t = inner(); return t ? `*${t}*` : ""; }
      case "strong": case "b": { const t = inner(); return t ? `**${t}**` : ""; }
      case "s": case "del": { const t = inner(); return t ? `~~${t}~~` : ""; }
      case "code": case "kbd": case "samp": {
        const t = n.textContent;
        const fence = t.includes("`") ? "``" : "`";
        return `${fence}${t}${fence}`;
      }
      case "a": {
        const href = n.getAttribute("href");
        const t = inner();
        return href ? `[${t || href}](${url(href)})` : t;
      }
      case "img": {
        const src = n.getAttribute("src") || n.dataset.src;
        return src ? `![${escInline(n.getAttribute("alt") || "")}](${url(src)})` : "";
      }
      case "iframe": {
        const src = n.getAttribute("src") || n.dataset.src;
        return src ? `[Embedded media](${url(src)})` : "";
      }
      default:
        return BLOCK.has(tag) ? " " + inline(n) + " " : inline(n);
    }
  }

  function blocks(node, out, prefix) {
    let para = "";
    const flush = () => {
      const t = para.trim();
      if (t) out.push(t);
      para = "";
    };
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) { para += escInline(collapse(n.data)); continue; }
      if (n.nodeType !== 1) continue;
      const tag = n.localName;
      if (!BLOCK.has(tag)) {
        if ((tag === "img" || tag === "iframe") && !para.trim()) {
          const md = inlineNode(n);
          if (md) out.push(md);
          continue;
        }
        para += inlineNode(n);
        continue;
      }
      flush();
      const m = /^h([1-6])$/.exec(tag);
      if (m) { out.push("#".repeat(Number(m[1])) + " " + inline(n).trim()); continue; }
      switch (tag) {
        case "p": case "figcaption": case "summary": case "dt": { const t = inline(n).trim(); if (t) out.push(tag === "figcaption" ? `*${t}*` : t); break; }
        case "dd": { const t = inline(n).trim(); if (t) out.push(": " + t); break; }
        case "hr": out.push("---"); break;
        case "pre": {
          const code = n.querySelector("code");
          const lang = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(code?.className || "")?.[1] || "";
          const t = n.textContent.replace(/\n$/, "");
          const fence = t.includes("```") ? "~~~~" : "```";
          out.push(`${fence}${lang}\n${t}\n${fence}`);
          break;
        }
        case "blockquote": {
          const inner = [];
          blocks(n, inner, "");
          if (inner.length) out.push(inner.join("\n\n").split("\n").map((l) => (l ? "> " + l : ">")).join("\n"));
          break;
        }
        case "ul": case "ol": {
          let i = Number(n.getAttribute("start")) || 1;
          const items = [];
          for (const li of n.children) {
            if (li.localName !== "li") continue;
            const marker = tag === "ol" ? `${i++}. ` : "- ";
            const inner = [];
            blocks(li, inner, "");
            const body = inner.join("\n\n") || "";
            items.push(marker + body.split("\n").join("\n" + " ".repeat(marker.length)));
          }
          if (items.length) out.push(items.join("\n"));
          break;
        }
        case "table": {
          const rows = [...n.querySelectorAll("tr")].map((tr) =>
            [...tr.children].map((c) => inline(c).trim().replace(/\|/g, "\\|").replace(/\n/g, " ")));
          if (!rows.length) break;
          const width = Math.max(...rows.map((r) => r.length));
          const pad = (r) => [...r, ...Array(width - r.length).fill("")];
          const lines = [`| ${pad(rows[0]).join(" | ")} |`, `|${" --- |".repeat(width)}`,
            ...rows.slice(1).map((r) => `| ${pad(r).join(" | ")} |`)];
          const cap = n.querySelector("caption");
          if (cap) out.push(`*${inline(cap).trim()}*`);
          out.push(lines.join("\n"));
          break;
        }
        default: blocks(n, out, prefix); // li, figure, div, section, details, dl…
      }
    }
    flush();
  }

  return { text, markdown };
})();
