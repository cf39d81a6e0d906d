// Estimated reading time, for the overlay's header. Classic script: globalThis.bacaReading.
//   minutes(text, lang) → whole minutes, at least 1: words / 230 for space-separated scripts,
//   characters / 500 for Chinese, Japanese and Korean (by the article's language; without a
//   language, by whichever the text has more of).
//   format(n, lang) → n in the article's language's digits (Intl.NumberFormat).
"use strict";
globalThis.bacaReading = (() => {
  const WPM = 230;
  const CJK_CPM = 500;
  const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

  function minutes(text, lang) {
    const s = String(text ?? "");
    const base = String(lang || "").toLowerCase().split(/[-_]/)[0];
    const cjkChars = (s.match(CJK_CHAR) || []).length;
    const words = (s.match(/\S+/g) || []).length;
    const cjk = ["zh", "ja", "ko"].includes(base) || (!base && cjkChars > words);
    return Math.max(1, Math.round(cjk ? cjkChars / CJK_CPM : words / WPM));
  }

  function format(n, lang) {
    try {
      return new Intl.NumberFormat(lang || undefined).format(n);
    } catch {
      return String(n); // an invalid language tag from the page
    }
  }

  return Object.freeze({ minutes, format, WPM, CJK_CPM });
})();
