// Loads the Baca wasm module (bytes embedded base64 by scripts/build.sh in
// wasm/baca_wasm_bytes.js, so no web-accessible resource and no fetch) through the
// wasm-bindgen no-modules glue (wasm/baca.js, global `wasm_bindgen`). Asynchronous on purpose:
// Chromium refuses synchronous compilation of modules over 4 KB on the main thread.
"use strict";
globalThis.bacaEngine = (() => {
  let ready = null;
  function bytes() {
    const b64 = globalThis.BACA_WASM_BASE64;
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  /** Resolves to {extract(snapshot, optionsJson) → json, defaults() → json,
   *  render(snapshot, optionsJson, format, savedIso) → json, classify(snapshot) → json};
   *  rejects when wasm
   *  cannot be compiled here (a strict page CSP in a Chromium content script). */
  function load() {
    if (!ready) {
      // eslint-disable-next-line no-undef
      ready = wasm_bindgen({ module_or_path: bytes() }).then(() => {
        // eslint-disable-next-line no-undef
        return { extract: wasm_bindgen.extract, defaults: wasm_bindgen.defaults, render: wasm_bindgen.render,
          classify: wasm_bindgen.classify };
      });
      ready.catch(() => {}); // the caller decides; keep the rejection for later callers
    }
    return ready;
  }
  return { load };
})();
