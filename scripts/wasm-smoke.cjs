// Build smoke test: loads the no-modules glue and the wasm in a fresh realm (as a classic
// script would), then calls defaults() and extract() once. Usage: node wasm-smoke.cjs GLUE WASM
"use strict";
const fs = require("fs");
const vm = require("vm");
const [glue, wasm] = process.argv.slice(2);
const ctx = vm.createContext({ WebAssembly, TextDecoder, TextEncoder, console, URL });
ctx.globalThis = ctx;
vm.runInContext(fs.readFileSync(glue, "utf8") + "\nglobalThis.wasm_bindgen = wasm_bindgen;", ctx);
ctx.bytes = new Uint8Array(fs.readFileSync(wasm));
vm.runInContext("wasm_bindgen({ module_or_path: bytes })", ctx)
  .then(() => {
    const defaults = JSON.parse(ctx.wasm_bindgen.defaults());
    if (typeof defaults.max_bytes !== "number") throw new Error("defaults() without max_bytes");
    const r = JSON.parse(ctx.wasm_bindgen.extract("<html\0>", ""));
    if (r.ok !== false || typeof r.error?.code !== "string") throw new Error("unexpected extract() answer");
  })
  .catch((e) => {
    console.error(`[build] wasm smoke test failed: ${e.message}`);
    process.exit(1);
  });
