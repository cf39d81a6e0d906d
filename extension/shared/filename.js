// A file name from an article title, safe on Windows, macOS and Linux. Classic script (content
// script and node's unit test, tests/e2e/filename.test.mjs): globalThis.bacaFilename.
//   fileName("Kereta: Semarang/Kendal?", "md") → "Kereta Semarang Kendal.md"
// Rules: characters <>:"/\|?* and control characters become spaces; whitespace runs collapse;
// no leading or trailing dots or spaces; a Windows reserved name (CON, PRN, AUX, NUL, COM1-9,
// LPT1-9, also before an extension: "con.txt") gets "_" appended to its stem; the whole name,
// extension included, is at most 120 characters (and 240 UTF-8 bytes, under every file
// system's 255), cut between characters; an empty result is "article".
"use strict";
globalThis.bacaFilename = (() => {
  const MAX_CHARS = 120;
  const MAX_BYTES = 240;
  // eslint-disable-next-line no-control-regex
  const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
  const RESERVED = /^(con|prn|aux|nul|com[1-9\u00b9\u00b2\u00b3]|lpt[1-9\u00b9\u00b2\u00b3])$/i;
  const utf8 = (s) => new TextEncoder().encode(s).length;
  const trimEnds = (s) => s.replace(/^[\s.]+|[\s.]+$/g, "");

  /** @param {string} title  @param {string} ext without the dot ("md", "html", "txt") */
  function fileName(title, ext) {
    const suffix = "." + ext;
    let base = trimEnds(String(title ?? "").normalize("NFC").replace(FORBIDDEN, " ").replace(/\s+/g, " "));
    const stem = base.split(".")[0];
    if (RESERVED.test(trimEnds(stem))) base = trimEnds(stem) + "_" + base.slice(stem.length);
    let chars = Array.from(base);
    const maxChars = MAX_CHARS - suffix.length;
    if (chars.length > maxChars) chars = chars.slice(0, maxChars);
    while (chars.length && utf8(chars.join("") + suffix) > MAX_BYTES) chars.pop();
    base = trimEnds(chars.join(""));
    return (base || "article") + suffix;
  }
  return { fileName, MAX_CHARS };
})();
