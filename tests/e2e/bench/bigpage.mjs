// A generated news page of about `bytes` bytes (default 5 MB) for the measurements: a nav, an
// article of 40 paragraphs, and the bulk as teaser cards, comments and a footer, the way big
// real pages are. Deterministic (no randomness), all text invented.
const WORDS = ("river valley council budget station winter harvest market school bridge festival " +
  "library harbour engineer volunteer weather museum railway village county report season").split(" ");
const sentence = (i, n = 14) => {
  const w = [];
  for (let k = 0; k < n; k++) w.push(WORDS[(i * 7 + k * 3 + ((i * k) % 5)) % WORDS.length]);
  const s = w.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
};

export function makeBigPage(bytes = 5 * 1024 * 1024) {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Valley council approves the winter budget - Generated Gazette</title>
<meta property="og:title" content="Valley council approves the winter budget"><meta property="og:site_name" content="Generated Gazette">
<meta name="author" content="Bench Writer"><meta property="article:published_time" content="2026-01-15T09:00:00+00:00"></head><body>
<nav><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join("")}</ul></nav>
<main><article><h1>Valley council approves the winter budget</h1><p class="byline">By Bench Writer</p>
${Array.from({ length: 40 }, (_, i) => `<p>${sentence(i, 30)} ${sentence(i + 1, 30)} ${sentence(i + 2, 20)}</p>`).join("\n")}
</article></main>`;
  const parts = [head, `<section class="more"><h2>More stories</h2>`];
  let size = head.length;
  let i = 0;
  while (size < bytes - 2000) {
    const card = i % 3 === 2
      ? `<div class="comment" id="c${i}"><span class="user">reader${i}</span><p>${sentence(i, 12)}</p><a href="/reply/${i}" class="reply">Reply</a></div>\n`
      : `<div class="card teaser"><a href="/story/${i}"><img data-src="/img/${i}.jpg" alt=""><h3>${sentence(i, 8)}</h3></a><span class="cat">Category ${i % 12}</span></div>\n`;
    parts.push(card);
    size += card.length;
    i++;
  }
  parts.push(`</section><footer><p>© Generated Gazette</p></footer></body></html>\n`);
  return parts.join("");
}
