// The end-to-end scenarios, shared by the Chromium (chromium.mjs) and Firefox suites.
// `path` is served by server.mjs from tests/fixtures; `fixture` names the expected.json;
// `expect` is the overlay's final data-state ("ready" with the article, "error" with
// `code` in [data-baca=message]).
export const scenarios = [
  { name: "plain-article", fixture: "plain-article", path: "/plain-article/source.html", expect: "ready" },
  { name: "kompas-style", fixture: "kompas-style", path: "/kompas-style/source.html", expect: "ready" },
  { name: "not-article", fixture: "not-article", path: "/not-article/source.html", expect: "error", code: "no-article" },
  { name: "csp-self", fixture: "plain-article", path: "/csp-self/plain-article/source.html", expect: "ready", csp: "script-src 'self'" },
  { name: "csp-none", fixture: "plain-article", path: "/csp-none/plain-article/source.html", expect: "ready", csp: "default-src 'none'" },
];

/** The news fixture the click-latency measurement uses. */
export const latencyScenario = { name: "en-news", fixture: "en-news", path: "/en-news/source.html", expect: "ready" };

/** Whitespace runs → one space, trimmed: how expected.json writes paragraph text. */
export const normalizeText = (s) => String(s ?? "").replace(/\s+/g, " ").trim();

export default scenarios;
