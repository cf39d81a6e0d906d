// Shared checks for tests/e2e/save.mjs: what a saved or copied article must contain.
import assert from "node:assert/strict";

/** Words only (letters and digits, lower case), Markdown escapes removed: compares text from
 *  Markdown, HTML or plain text with expected.json regardless of markup. */
export function words(s) {
  const unescaped = String(s ?? "")
    .replace(/\\([\\`*_{}\[\]()#+\-.!|<>~=])/g, "$1")
    .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  return " " + (unescaped.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(" ") + " ";
}

const has = (hay, needle) => words(hay).includes(words(needle));

/** Checks `output` in `format` (markdown | html | text) against expected.json `exp`. */
export function checkOutput(format, output, exp, where) {
  const m = (msg) => `${where} (${format}): ${msg}`;
  assert.ok(output && output.length > 100, m(`too short: ${JSON.stringify(output?.slice(0, 200))}`));
  if (format === "markdown") {
    assert.ok(output.startsWith("---\n"), m("no front matter"));
    const end = output.indexOf("\n---\n", 4);
    assert.ok(end > 0, m("front matter not closed"));
    const fm = output.slice(4, end);
    const titleLine = fm.split("\n").find((l) => l.startsWith("title: "));
    assert.ok(titleLine, m(`no title in the front matter: ${fm}`));
    assert.equal(words(titleLine.slice(7)), words(exp.title), m("front matter title"));
    assert.match(fm, /^saved: /m, m("front matter has the saved time"));
  } else if (format === "html") {
    assert.ok(!/<script/i.test(output), m("contains <script"));
    assert.match(output, /^<!doctype html>/i, m("not an HTML page"));
    assert.ok(has(output, exp.title), m("title missing"));
  } else if (format === "text") {
    assert.ok(output.startsWith(exp.title), m(`does not start with the title: ${JSON.stringify(output.slice(0, 120))}`));
  }
  if (format === "html") output = output.replace(/<style[^]*?<\/style>/gi, " ").replace(/<[^>]*>/g, " ");
  assert.ok(has(output, exp.paragraphs[0]), m(`first paragraph missing: ${exp.paragraphs[0].slice(0, 80)}`));
  assert.ok(has(output, exp.paragraphs.at(-1)), m(`last paragraph missing: ${exp.paragraphs.at(-1).slice(0, 80)}`));
  for (const c of exp.clutter || []) {
    assert.ok(!has(output, c), m(`clutter: ${JSON.stringify(c)}`));
  }
}

export const FORMAT_EXT = { markdown: "md", html: "html", text: "txt" };
