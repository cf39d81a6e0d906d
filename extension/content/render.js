// Article ops (src/article.rs `content_ops`) → DOM nodes, with createElement / setAttribute /
// createTextNode only (never innerHTML). The tag and attribute allowlists and URL schemes are
// checked again here, as defence in depth: the core already sanitized the tree.
"use strict";
globalThis.bacaRender = (() => {
  const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
  // Mirror of ALLOWED_TAGS in src/article.rs.
  const HTML_TAGS = new Set(("p h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre code em strong i b u s sub " +
    "sup small mark q cite abbr time br hr a img figure figcaption table caption thead tbody tfoot tr th " +
    "td del ins kbd samp var details summary iframe section div").split(" "));
  const MATH_TAGS = new Set(("math mi mn mo ms mtext mrow msup msub msubsup mfrac msqrt mroot mtable mtr " +
    "mtd munder mover munderover semantics annotation mspace mstyle mpadded mphantom menclose").split(" "));
  const VOID = new Set(["br", "hr", "img"]);
  // Mirror of ALLOWED_EMBED_HOSTS.
  const EMBED_HOSTS = new Set(["www.youtube.com", "youtube.com", "www.youtube-nocookie.com",
    "player.vimeo.com", "www.dailymotion.com", "player.twitch.tv", "archive.org"]);
  const MATH_ATTRS = new Set(["display", "mathvariant", "stretchy", "fence", "separator", "accent",
    "lspace", "rspace", "encoding", "notation", "columnalign"]);

  /** Mirror of allowed_attr in src/article.rs. */
  function allowedAttr(tag, attr) {
    switch (attr) {
      case "lang": case "dir": return true;
      case "title": return tag === "abbr" || tag === "img" || tag === "a";
      case "href": return tag === "a";
      case "src": case "width": case "height": return tag === "img" || tag === "iframe";
      case "alt": case "srcset": case "sizes": return tag === "img";
      case "colspan": case "rowspan": case "headers": return tag === "td" || tag === "th";
      case "scope": return tag === "th";
      case "start": case "reversed": case "type": return tag === "ol";
      case "value": return tag === "li";
      case "datetime": return tag === "time" || tag === "del" || tag === "ins";
      case "class": return tag === "code" || tag === "pre";
      case "open": return tag === "details";
      default: return MATH_ATTRS.has(attr) && MATH_TAGS.has(tag);
    }
  }

  function safeUrl(tag, attr, value) {
    const v = String(value).trim();
    if (tag === "a" && v.startsWith("#")) return v;
    if (tag === "img" && /^data:image\//i.test(v) && !/^data:image\/svg/i.test(v)) return v;
    let u;
    try { u = new URL(v); } catch { return null; }
    const ok = u.protocol === "https:" || u.protocol === "http:" || (tag === "a" && u.protocol === "mailto:");
    if (!ok) return null;
    if (tag === "iframe" && !EMBED_HOSTS.has(u.hostname)) return null;
    return u.href;
  }

  function safeSrcset(value) {
    const out = [];
    for (const cand of String(value).split(",")) {
      const [url, ...desc] = cand.trim().split(/\s+/);
      const ok = url && safeUrl("img", "src", url);
      if (ok) out.push([ok, ...desc].join(" "));
    }
    return out.length ? out.join(", ") : null;
  }

  /** Builds the ops into `parent` (an element of `doc`). Unknown elements are unwrapped, their
   *  text kept; text is always a text node. Iterative, like everything else. */
  function build(ops, parent, doc = parent.ownerDocument) {
    const stack = [parent];
    const opened = []; // per start op: whether an element was pushed
    for (const op of Array.isArray(ops) ? ops : []) {
      const top = stack[stack.length - 1]; // null: inside a void element, drop everything
      if (typeof op === "string") {
        if (top) top.appendChild(doc.createTextNode(op));
      } else if (op === 0) {
        if (opened.pop()) stack.pop();
      } else if (Array.isArray(op) && typeof op[0] === "string") {
        if (!top) { stack.push(null); opened.push(true); continue; }
        const tag = op[0];
        const inMath = top.namespaceURI === MATHML_NS;
        const isMath = MATH_TAGS.has(tag) && (tag === "math" || inMath);
        if (!isMath && !HTML_TAGS.has(tag)) { opened.push(false); continue; }
        const el = isMath ? doc.createElementNS(MATHML_NS, tag) : doc.createElement(tag);
        const attrs = op[1] && typeof op[1] === "object" ? op[1] : {};
        for (const name of Object.keys(attrs)) {
          if (!allowedAttr(tag, name)) continue;
          let value = String(attrs[name]);
          if (name === "href" || name === "src") value = safeUrl(tag, name, value);
          else if (name === "srcset") value = safeSrcset(value);
          else if (name === "class") value = value.split(/\s+/).filter((c) => /^(language|lang)-[\w+#.-]+$/.test(c)).join(" ");
          if (value === null || value === "") continue;
          el.setAttribute(name, value);
        }
        if (tag === "a" && el.hasAttribute("href") && !el.getAttribute("href").startsWith("#")) {
          el.setAttribute("target", "_blank");
          el.setAttribute("rel", "noopener noreferrer");
        }
        if (tag === "img") { el.setAttribute("loading", "lazy"); el.setAttribute("decoding", "async"); }
        if (tag === "iframe") {
          if (!el.hasAttribute("src")) { opened.push(false); continue; }
          el.setAttribute("sandbox", "allow-scripts allow-same-origin allow-presentation");
          el.setAttribute("loading", "lazy");
        }
        top.appendChild(el);
        stack.push(VOID.has(tag) || tag === "iframe" ? null : el);
        opened.push(true);
      }
    }
    return parent;
  }
  return { build, allowedAttr, safeUrl };
})();
