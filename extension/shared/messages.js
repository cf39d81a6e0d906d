// Message names, defined once. Loaded in the background and in the content script.
"use strict";
globalThis.BACA_MSG = Object.freeze({
  /** background → content: open the reader view, or close it when open. */
  TOGGLE: "baca:toggle",
  /** background → content: open the reader view (no-op when open): the context menu. */
  OPEN: "baca:open",
  /** content → background: run the extraction there ({snapshot, options} → {json}); used when
   *  the page's CSP stops the content script from compiling wasm (Chromium). */
  EXTRACT: "baca:extract",
  /** content → background: the article in a saved format, when wasm cannot run in the content
   *  script ({snapshot, options, format, saved} → {json}, json = wasm render()'s answer). */
  RENDER: "baca:render",
  /** background → content: turn clean-page mode on, or off when on (keyboard command). */
  CLEAN: "baca:clean",
  /** content → background: label the page's blocks for clean-page mode ({snapshot} → {json},
   *  json = wasm classify(snapshot, true): {labels, content}), when wasm cannot run in the content script. */
  CLASSIFY: "baca:classify",
});
/** Files injected into a tab on its first toggle, in order (scripting.executeScript). */
globalThis.BACA_CONTENT_FILES = Object.freeze([
  "shared/browser.js",
  "shared/messages.js",
  "wasm/baca.js",
  "wasm/baca_wasm_bytes.js",
  "shared/engine.js",
  "shared/settings.js",
  "shared/reading.js",
  "content/snapshot.js",
  "content/render.js",
  "shared/filename.js",
  "content/save.js",
  "content/clean.js",
  "content/content.js",
]);
