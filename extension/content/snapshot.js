// The page → one string, for one call into wasm (format: src/snapshot.rs).
// An iterative walk of document.documentElement (no recursion: any depth is safe). Skips the
// contents of script/style/noscript/template (and svg, which the core drops whole), comments,
// and Baca's own overlay host. An element the browser does not render is written `!name`;
// checkVisibility() is asked only inside <body> and only while no ancestor is already hidden
// (a hidden element's subtree goes with it), so the style work is one recalc, reused.
"use strict";
globalThis.bacaSnapshot = (() => {
  const SKIP_CONTENTS = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object"]);
  const NUL = /\0/g;
  const clean = (s) => (s.indexOf("\0") === -1 ? s : s.replace(NUL, "\uFFFD"));
  const VIS = { visibilityProperty: true };

  /** @param {Element} root  @param {Element|null} skip  @param {{visibility?: boolean}} opts
   *  visibility: false skips checkVisibility() (only the `hidden` attribute marks `!`).
   *  elements: an array that receives every element written, in order, so that index n is the
   *  element the core calls ordinal n (clean-page mode maps classify() labels back this way).
   *  @returns {string} */
  function take(root = document.documentElement, skip = null, opts = {}) {
    const out = [];
    const check = opts.visibility !== false && typeof root.checkVisibility === "function";
    const body = document.body;
    const elements = Array.isArray(opts.elements) ? opts.elements : null;
    // depth of the nearest hidden ancestor on the current path (0: none); inBody likewise
    let depth = 0, hiddenAt = 0, bodyAt = 0;
    let node = root;
    while (node) {
      let descend = false;
      const type = node.nodeType;
      if (type === 1) {
        if (node !== skip) {
          const name = node.localName;
          let hidden = false;
          if (hiddenAt === 0) {
            if (bodyAt !== 0 || node === body) {
              hidden = check ? !node.checkVisibility(VIS) : node.hidden;
            }
          }
          out.push((hidden ? "!" : "<") + name);
          if (elements) elements.push(node);
          if (node.hasAttributes()) {
            const attrs = node.attributes;
            for (let i = 0; i < attrs.length; i++) {
              const a = attrs[i];
              out.push("@" + a.name, clean(a.value));
            }
          }
          if (!SKIP_CONTENTS.has(name) && node.firstChild) {
            descend = true;
            depth++;
            if (hidden) hiddenAt = depth;
            if (node === body) bodyAt = depth;
          } else {
            out.push(">");
          }
        }
      } else if (type === 3 || type === 4) {
        out.push('"' + clean(node.data));
      }
      if (descend) {
        node = node.firstChild;
        continue;
      }
      // next in document order, closing the elements we leave
      while (node !== root && !node.nextSibling) {
        node = node.parentNode;
        out.push(">");
        if (depth === hiddenAt) hiddenAt = 0;
        if (depth === bodyAt) bodyAt = 0;
        depth--;
      }
      node = node === root ? null : node.nextSibling;
    }
    return out.join("\0");
  }
  return { take };
})();
