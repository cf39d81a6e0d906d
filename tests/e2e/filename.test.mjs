// Unit test of extension/shared/filename.js (file names for Save as…): node --test
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../extension/shared/filename.js";

const { fileName } = globalThis.bacaFilename;

test("keeps an ordinary title and adds the extension", () => {
  assert.equal(fileName("Kereta Komuter Semarang-Kendal Mulai Beroperasi", "md"), "Kereta Komuter Semarang-Kendal Mulai Beroperasi.md");
  assert.equal(fileName("Über café – 東京", "html"), "Über café – 東京.html");
});

test("removes characters forbidden on Windows and control characters", () => {
  assert.equal(fileName('a<b>c:d"e/f\\g|h?i*j', "txt"), "a b c d e f g h i j.txt");
  assert.equal(fileName("tab\there\nnew\u0000line\u007f", "md"), "tab here new line.md");
  assert.equal(fileName("Tarif Rp 5.000: murah?", "md"), "Tarif Rp 5.000 murah.md");
  for (const c of '<>:"/\\|?*') assert.ok(!fileName(`x${c}y`, "md").slice(0, -3).includes(c), c);
});

test("no leading or trailing dots or spaces", () => {
  assert.equal(fileName("  Title...  ", "md"), "Title.md");
  assert.equal(fileName("...hidden", "md"), "hidden.md");
  assert.equal(fileName("end ?", "txt"), "end.txt");
});

test("avoids Windows reserved names, also before an extension", () => {
  for (const r of ["CON", "prn", "Aux", "nul", "COM1", "com9", "LPT1", "lpt9"]) {
    const n = fileName(r, "md");
    assert.equal(n, `${r}_.md`);
  }
  assert.equal(fileName("con.txt", "md"), "con_.txt.md");
  assert.equal(fileName("Console", "md"), "Console.md");
  assert.equal(fileName("COM10", "md"), "COM10.md");
});

test("at most 120 characters, cut between characters, no trailing space after the cut", () => {
  const long = "word ".repeat(60);
  const n = fileName(long, "html");
  assert.ok(n.length <= 120, `${n.length}`);
  assert.ok(n.endsWith("word.html"), n);
  const emoji = "😀".repeat(200);
  const e = fileName(emoji, "md");
  assert.ok(Array.from(e).length <= 120);
  assert.ok(new TextEncoder().encode(e).length <= 240);
  assert.ok(!/[\ud800-\udfff]/.test(e.replace(/😀/g, "")), "no broken surrogate pair");
  assert.ok(Array.from(fileName("x".repeat(500), "txt")).length === 120);
});

test("an empty or unusable title falls back to 'article'", () => {
  assert.equal(fileName("", "md"), "article.md");
  assert.equal(fileName(null, "txt"), "article.txt");
  assert.equal(fileName(" ?*// ... ", "html"), "article.html");
});
