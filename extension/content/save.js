// Save, copy and print the article shown in the overlay. Everything here happens inside the
// overlay's CLOSED shadow root (temporary <a download>, <textarea>, print <iframe>), so the
// page's own DOM is never touched. The bytes come from wasm render() (content.js), the same
// code the CLI runs. No extra permission: a blob: URL clicked through <a download> is an
// ordinary download in Chromium and Firefox content scripts.
"use strict";
globalThis.bacaSave = (() => {
  const MIME = { markdown: "text/markdown", text: "text/plain", html: "text/html" };
  const EXT = { markdown: "md", text: "txt", html: "html" };

  /** Starts the download of `output` as `filename` (from the title, shared/filename.js). */
  function download(shadow, doc, output, format, title) {
    const filename = globalThis.bacaFilename.fileName(title, EXT[format]);
    const blob = new Blob([output], { type: `${MIME[format]};charset=utf-8` });
    const url = URL.createObjectURL(blob);
    const a = doc.createElement("a");
    a.href = url;
    a.download = filename;
    a.hidden = true;
    shadow.appendChild(a);
    try {
      a.click();
    } finally {
      a.remove();
      // The download reads the blob asynchronously: revoke only much later.
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }
    return filename;
  }

  /** Copies `text`: the async clipboard API (the click is a user gesture), else a hidden
   *  textarea inside the shadow root and execCommand("copy"). Resolves to the method used. */
  async function copy(shadow, doc, text) {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
      await navigator.clipboard.writeText(text);
      return "clipboard";
    } catch (e) {
      const ta = doc.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.setAttribute("aria-hidden", "true");
      ta.setAttribute("tabindex", "-1");
      ta.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none";
      const active = shadow.activeElement;
      shadow.appendChild(ta);
      ta.select();
      let ok = false;
      try {
        ok = doc.execCommand("copy");
      } finally {
        ta.remove();
        if (active && typeof active.focus === "function") active.focus({ preventScroll: true });
      }
      if (!ok) throw new Error(`the browser refused the clipboard (${e?.message ?? e})`);
      return "execCommand";
    }
  }

  /** Prints the article alone: the self-contained page of render(…, "html") in a zero-size
   *  iframe inside the shadow root, printed from that frame. The page's CSP also governs the
   *  frame (srcdoc inherits it), so the page's <style> is applied again as a constructed sheet
   *  (not subject to CSP), or as a content-script <style> (Firefox). The frame is removed
   *  after printing (afterprint, or soon after print() returns). */
  function print(shadow, doc, html) {
    for (const old of shadow.querySelectorAll("iframe[data-baca=print]")) old.remove();
    return new Promise((resolve, reject) => {
      const f = doc.createElement("iframe");
      f.setAttribute("data-baca", "print");
      f.setAttribute("aria-hidden", "true");
      f.setAttribute("tabindex", "-1");
      f.setAttribute("title", globalThis.bacaApi.i18n.getMessage("print"));
      f.style.cssText = "position:fixed;right:0;bottom:0;width:0;height:0;border:0;opacity:0;pointer-events:none";
      f.addEventListener("load", () => {
        try {
          const w = f.contentWindow;
          const d = f.contentDocument;
          const css = d.querySelector("style")?.textContent || "";
          if (css) {
            try {
              const sheet = new w.CSSStyleSheet();
              sheet.replaceSync(css);
              d.adoptedStyleSheets = [sheet];
            } catch {
              const s = d.createElement("style");
              s.textContent = css;
              d.head.appendChild(s);
            }
          }
          const done = () => setTimeout(() => f.remove(), 0);
          w.addEventListener("afterprint", done, { once: true });
          w.focus();
          w.print(); // blocks while the print dialog is open (Chromium, Firefox)
          // No afterprint in some cases (headless): the frame goes a little later anyway.
          setTimeout(done, 1000);
          resolve();
        } catch (e) {
          f.remove();
          reject(e);
        }
      }, { once: true });
      f.srcdoc = html;
      shadow.appendChild(f);
    });
  }

  return { download, copy, print, EXT };
})();
