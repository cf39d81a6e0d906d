// The reader's settings, defined ONCE: defaults, allowed values and ranges, and where they
// live (extension storage: `sync` where the browser has it, else `local`). Used by the overlay
// (content/content.js) and the options page (options/options.js). Classic script:
// globalThis.bacaSettings.
//
// Stored as one object under the key "reader"; anything missing or invalid reads as its
// default, so a value written by an older or newer version never breaks the reader.
"use strict";
globalThis.bacaSettings = (() => {
  const KEY = "reader";
  const THEMES = Object.freeze(["auto", "light", "sepia", "dark", "contrast"]);
  const FONTS = Object.freeze(["serif", "sans", "mono", "legible"]);
  /** Numeric settings: [min, max, step]; values are px except lineHeight (a ratio). */
  const RANGES = Object.freeze({
    size: Object.freeze([12, 40, 1]),
    width: Object.freeze([480, 1200, 40]),
    lineHeight: Object.freeze([1.2, 2.2, 0.1]),
  });
  const DEFAULTS = Object.freeze({ theme: "auto", font: "serif", size: 20, width: 680, lineHeight: 1.6 });

  const round = (x, step) => Math.round(x / step) * step;
  const fix = (x) => Math.round(x * 100) / 100; // 1.2000000000000002 → 1.2

  /** A complete, valid settings object from anything (missing/invalid → default). */
  function normalize(raw) {
    const s = raw && typeof raw === "object" ? raw : {};
    const out = { ...DEFAULTS };
    if (THEMES.includes(s.theme)) out.theme = s.theme;
    if (FONTS.includes(s.font)) out.font = s.font;
    for (const [k, [min, max, step]] of Object.entries(RANGES)) {
      const n = Number(s[k]);
      if (Number.isFinite(n)) out[k] = fix(Math.min(max, Math.max(min, round(n, step))));
    }
    return out;
  }

  /** `settings` with numeric `key` moved by `steps` steps (clamped). */
  function stepped(settings, key, steps) {
    const [, , step] = RANGES[key];
    return normalize({ ...settings, [key]: settings[key] + steps * step });
  }

  function area() {
    const storage = globalThis.bacaApi?.storage;
    if (!storage) return null;
    return storage.sync || storage.local || null;
  }

  async function load() {
    const a = area();
    if (!a) return { ...DEFAULTS };
    try {
      const got = await a.get(KEY);
      return normalize(got && got[KEY]);
    } catch {
      return { ...DEFAULTS };
    }
  }

  async function save(settings) {
    const a = area();
    const value = normalize(settings);
    if (a) await a.set({ [KEY]: value });
    return value;
  }

  /** Calls `fn(settings)` whenever the stored settings change (any page, options page). */
  function onChange(fn) {
    const storage = globalThis.bacaApi?.storage;
    if (!storage?.onChanged) return () => {};
    const listener = (changes) => {
      if (changes && Object.hasOwn(changes, KEY)) fn(normalize(changes[KEY].newValue));
    };
    storage.onChanged.addListener(listener);
    return () => storage.onChanged.removeListener(listener);
  }

  return Object.freeze({ KEY, THEMES, FONTS, RANGES, DEFAULTS, normalize, stepped, load, save, onChange });
})();
