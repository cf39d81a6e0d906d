// The extension's UI strings: _locales/en and _locales/id have exactly the same keys, none
// empty, the same $1..$9 placeholders; every key the code, the pages and the manifest use
// exists; no user-visible literal string is left in the overlay, options or notice scripts.
//   node --test tests/e2e/i18n.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const EXT = join(ROOT, "extension");
const read = (p) => readFileSync(join(EXT, p), "utf8");
const locale = (l) => JSON.parse(read(`_locales/${l}/messages.json`));
const EN = locale("en");
const ID = locale("id");
const placeholders = (s) => [...new Set(s.match(/\$\d/g) || [])].sort();

/** Files whose strings must come from _locales (content/clean.js belongs to clean-page mode
 *  and is checked by its own suite). */
const UI_FILES = ["content/content.js", "content/save.js", "content/clean.js", "options/options.js", "notice/notice.js",
  "shared/settings.js", "shared/i18n-page.js", "background.js"];

test("en and id have the same keys, no empty message, the same placeholders", () => {
  assert.deepEqual(Object.keys(ID).sort(), Object.keys(EN).sort());
  for (const [k, v] of Object.entries(EN)) {
    assert.ok(v.message.trim(), `en ${k} is empty`);
    assert.ok(ID[k].message.trim(), `id ${k} is empty`);
    assert.deepEqual(placeholders(ID[k].message), placeholders(v.message), `placeholders of ${k}`);
  }
  assert.deepEqual(readdirSync(join(EXT, "_locales")).sort(), ["en", "id"]);
});

test("the manifest is localized and every __MSG_ key exists", () => {
  const m = JSON.parse(read("manifest.json"));
  assert.equal(m.default_locale, "en");
  const keys = [...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]);
  for (const k of ["extName", "extDescription", "actionTitle", "commandReader", "commandClean"]) assert.ok(keys.includes(k), k);
  for (const k of keys) assert.ok(EN[k], `manifest uses missing key ${k}`);
  assert.match(m.name, /^__MSG_/);
  assert.match(m.description, /^__MSG_/);
});

test("every message key used by the scripts and pages exists", () => {
  const used = new Set();
  for (const f of UI_FILES) {
    const src = read(f);
    for (const m of src.matchAll(/\b(?:t|getMessage)\(\s*"(\w+)"/g)) used.add(m[1]);
    // table entries: ["save", "markdown", "formatMarkdown", "saveMarkdown"], {auto: "themeAuto"}
    for (const m of src.matchAll(/"((?:theme|font|format|save|copy|err)[A-Z]\w*)"/g)) used.add(m[1]);
  }
  for (const f of ["options/options.html", "notice/notice.html"]) {
    for (const m of read(f).matchAll(/data-i18n(?:-label)?="(\w+)"/g)) used.add(m[1]);
  }
  assert.ok(used.size > 40, `found ${used.size} keys`);
  const missing = [...used].filter((k) => !EN[k]);
  assert.deepEqual(missing, [], "keys used but not in _locales/en");
  // and nothing in _locales is dead (the manifest's keys count as used)
  const manifestKeys = [...read("manifest.json").matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]);
  const dead = Object.keys(EN).filter((k) => !used.has(k) && !manifestKeys.includes(k) &&
    !UI_FILES.some((f) => read(f).includes(`"${k}"`)));
  assert.deepEqual(dead, [], "keys in _locales that nothing uses");
});

test("no user-visible literal strings in the UI scripts and pages", () => {
  const problems = [];
  for (const f of UI_FILES) {
    const lines = read(f).split("\n");
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*|\/\*\*)/.test(line)) return; // comments
      const bad = [
        /textContent\s*=\s*["'`][^"'`]*[A-Za-z]{2}/, // el.textContent = "Words"
        /"aria-label":\s*["'`][A-Za-z]/, // attribute objects
        /\btitle:\s*["'`][A-Za-z]/,
        /setAttribute\(\s*"(aria-label|title|placeholder|alt)",\s*["'`][A-Za-z]/,
        /\bel\(doc, "[a-z0-9]+", \{[^}]*\}, ["'`][A-Za-z]{2}/, // el(doc, tag, attrs, "Words")
        /createTextNode\(\s*["'`][A-Za-z]{2}/,
        /\b(alert|confirm)\(/,
      ].find((re) => re.test(line));
      if (bad) problems.push(`${f}:${i + 1}: ${line.trim()}`);
    });
  }
  for (const f of ["options/options.html", "notice/notice.html"]) {
    // text between tags must be empty (filled from data-i18n) or whitespace
    const html = read(f).replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, "");
    for (const m of html.matchAll(/>([^<]*[A-Za-z][^<]*)</g)) problems.push(`${f}: literal text ${JSON.stringify(m[1].trim())}`);
  }
  assert.deepEqual(problems, []);
});

test("the overlay's CSS sizes are px (no rem/em: the page's root font size must not leak in)", () => {
  const src = read("content/content.js");
  const css = src.slice(src.indexOf("const CSS = `"), src.indexOf("`;", src.indexOf("const CSS = `")));
  assert.ok(css.length > 3000, "found the overlay's stylesheet");
  const units = [...css.matchAll(/[\d.](r?em|vh|vw|ex|ch)\b/g)].map((m) => m[0]);
  assert.deepEqual(units, [], "font-relative or viewport units in the overlay CSS");
  for (const q of ["prefers-color-scheme: dark", "forced-colors: active", "prefers-reduced-motion: reduce", ":focus-visible", ":host { all: initial"]) {
    assert.ok(css.includes(q), `overlay CSS has ${q}`);
  }
});

test("settings defaults are defined once (shared/settings.js) and used by the overlay and the options page", () => {
  const settings = read("shared/settings.js");
  assert.match(settings, /DEFAULTS = Object\.freeze\(\{ theme: "auto", font: "serif", size: 20, width: 680, lineHeight: 1\.6 \}\)/);
  for (const f of ["content/content.js", "options/options.js"]) {
    const src = read(f);
    assert.ok(src.includes("bacaSettings"), `${f} uses shared/settings.js`);
    assert.ok(!/size:\s*20\b|lineHeight:\s*1\.6\b/.test(src), `${f} restates a default`);
  }
  const files = JSON.parse(JSON.stringify(read("shared/messages.js").match(/BACA_CONTENT_FILES = Object\.freeze\(\[([\s\S]*?)\]\)/)[1]));
  assert.ok(files.indexOf("shared/settings.js") >= 0 && files.indexOf("shared/settings.js") < files.indexOf("content/content.js"),
    "settings.js is injected before content.js");
  assert.match(read("options/options.html"), /shared\/settings\.js/);
});

test("settings.normalize: invalid values fall back to defaults, numbers clamp and snap to their step", async () => {
  globalThis.bacaApi = undefined;
  await import(join(EXT, "shared/settings.js"));
  const S = globalThis.bacaSettings;
  assert.deepEqual(S.normalize(null), S.DEFAULTS);
  assert.deepEqual(S.normalize({ theme: "neon", font: 3, size: "x" }), S.DEFAULTS);
  assert.equal(S.normalize({ size: 1000 }).size, 40);
  assert.equal(S.normalize({ size: 3 }).size, 12);
  assert.equal(S.normalize({ width: 701 }).width, 720);
  assert.equal(S.normalize({ lineHeight: 1.74 }).lineHeight, 1.7);
  assert.equal(S.stepped(S.DEFAULTS, "lineHeight", 1).lineHeight, 1.7);
  assert.equal(S.stepped(S.DEFAULTS, "size", -100).size, 12);
  assert.deepEqual(await S.load(), S.DEFAULTS, "no storage: defaults");
});

test("reading time: words / 230, CJK characters / 500, at least one minute, digits of the article's language", async () => {
  await import(join(EXT, "shared/reading.js"));
  const R = globalThis.bacaReading;
  const words = (n) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
  assert.equal(R.minutes(words(10), "en"), 1, "at least one minute");
  assert.equal(R.minutes(words(2300), "en"), 10);
  assert.equal(R.minutes(words(2300), "id"), 10);
  const han = "\u6c34".repeat(5000); // 5,000 characters, no spaces
  assert.equal(R.minutes(han, "zh-CN"), 10, "Chinese: characters per minute");
  assert.equal(R.minutes("\u3042".repeat(2500), "ja"), 5, "Japanese kana");
  assert.equal(R.minutes("\ud55c\uae00 ".repeat(2500), "ko"), 10, "Korean: Hangul characters, not words");
  assert.equal(R.minutes(han, ""), 10, "no language: the script decides");
  assert.equal(R.minutes(words(2300), "ja"), 1, "a CJK language counts CJK characters only");
  assert.equal(R.format(12, "ar-EG"), new Intl.NumberFormat("ar-EG").format(12));
  assert.notEqual(R.format(12, "ar-EG"), "12", "Arabic-Indic digits for ar-EG");
  assert.equal(R.format(3, "not a tag!"), "3", "an invalid page language does not throw");
});
