//! Corpus evaluation: runs the extraction over corpus folders and prints one table.
//!
//! Two corpus layouts are recognised (see their READMEs under `../shared/corpus`):
//! - Mozilla's readability-test-pages: `<case>/{source.html,expected.html,expected-metadata.json}`,
//!   base URL `http://fakehost/test/page.html`;
//! - WCXB: `html/NNNN.html.gz`, `ground-truth/NNNN.json`, `index.json` (page types).
//!
//! Metrics (see [`shingle_counts`], [`word_f1`]):
//! - *shingle F1*: tokens (case kept), multisets of 4-token shingles; per page TP/FP/FN
//!   normalised by their sum, precision and recall are means over pages, F1 of the two means;
//! - *word F1*: lowercased tokens as multisets, F1 per page, averaged over pages.
//!
//! Other extractors' outputs (`--compare NAME=FILE.jsonl`) are scored with the same functions
//! and printed side by side.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::article::{sanitize, Article};
use crate::text::{normalize_ws, tokens};
use crate::Options;

/// FNV-1a hash of a token (optionally lowercased): the metrics compare hashes, not strings.
fn hash_token(t: &str, lower: bool) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut feed = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    if lower && !t.is_ascii() {
        for c in t.chars().flat_map(char::to_lowercase) {
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                feed(b);
            }
        }
    } else if lower {
        for b in t.bytes() {
            feed(b.to_ascii_lowercase());
        }
    } else {
        for b in t.bytes() {
            feed(b);
        }
    }
    h
}

/// Size of the multiset intersection of two sorted slices.
fn sorted_overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sorted hashes of the 4-token shingles of `s` (case kept). Fewer than 4 tokens make one
/// shingle of all of them.
fn shingles(s: &str) -> Vec<u64> {
    let toks: Vec<u64> = tokens(s).map(|t| hash_token(t, false)).collect();
    let mut out = Vec::with_capacity(toks.len());
    if toks.is_empty() {
        return out;
    }
    let mix = |w: &[u64]| w.iter().fold(0x9e3779b97f4a7c15u64, |h, &x| (h ^ x).wrapping_mul(0x100000001b3).rotate_left(23));
    if toks.len() < 4 {
        out.push(mix(&toks));
    } else {
        out.extend(toks.windows(4).map(mix));
    }
    out.sort_unstable();
    out
}

/// Page-level (TP, FP, FN) of 4-shingle multisets, each divided by TP+FP+FN.
pub fn shingle_counts(predicted: &str, truth: &str) -> (f64, f64, f64) {
    let p = shingles(predicted);
    let t = shingles(truth);
    let tp = sorted_overlap(&p, &t);
    let (fp, fn_) = (p.len() - tp, t.len() - tp);
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return (1.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
}

/// Precision and recall of one page from normalised counts (empty on both sides counts as perfect).
fn pr(tp: f64, fp: f64, fn_: f64) -> (f64, f64) {
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else if fn_ > 0.0 { 0.0 } else { 1.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 1.0 };
    (p, r)
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Word-bag F1 of one page: lowercased tokens as multisets.
pub fn word_f1(predicted: &str, truth: &str) -> f64 {
    let mut p: Vec<u64> = tokens(predicted).map(|t| hash_token(t, true)).collect();
    let mut t: Vec<u64> = tokens(truth).map(|t| hash_token(t, true)).collect();
    if p.is_empty() && t.is_empty() {
        return 1.0;
    }
    if p.is_empty() || t.is_empty() {
        return 0.0;
    }
    p.sort_unstable();
    t.sort_unstable();
    let tp = sorted_overlap(&p, &t) as f64;
    f1(tp / p.len() as f64, tp / t.len() as f64)
}

/// Lowercased, whitespace-collapsed text for snippet matching.
fn snippet_norm(s: &str) -> String {
    normalize_ws(&s.to_lowercase())
}

/// One extractor's output for one page.
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub readerable: Option<bool>,
    pub elapsed_ms: Option<f64>,
    /// Baca only: the html5ever parse part of `elapsed_ms`.
    pub parse_ms: Option<f64>,
}

impl Output {
    fn from_article(a: &Article, ms: f64) -> Output {
        Output {
            text: a.text(),
            title: a.title.clone(),
            byline: a.byline.clone(),
            excerpt: a.excerpt.clone(),
            site_name: a.site_name.clone(),
            published_time: a.published_time.clone(),
            lang: a.lang.clone(),
            dir: a.dir.clone(),
            readerable: Some(a.readerable),
            elapsed_ms: Some(ms),
            parse_ms: None,
        }
    }
}

/// Ground truth of one page.
#[derive(Clone, Debug, Default)]
struct Truth {
    text: String,
    /// readability-test-pages metadata (None for fields the corpus does not give).
    meta: Option<Meta>,
    with: Vec<String>,
    without: Vec<String>,
    page_type: String,
}

#[derive(Clone, Debug, Default)]
struct Meta {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    readerable: bool,
}

/// One corpus page: where it is and what to compare with.
struct Page {
    /// Key shared with `--compare` files: the path after `corpus/`.
    key: String,
    /// Short name for the table.
    name: String,
    corpus: Corpus,
    html_path: PathBuf,
    url: Option<String>,
    truth: Truth,
}

#[derive(Copy, Clone, PartialEq, Eq, Debug)]
enum Corpus {
    Readability,
    Wcxb,
}

fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    let bytes = if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The path after `corpus/` (or the whole path), with `/` separators.
fn corpus_key(path: &str) -> String {
    let p = path.replace('\\', "/");
    match p.rfind("corpus/") {
        Some(i) => p[i + 7..].to_owned(),
        None => p.trim_start_matches("./").to_owned(),
    }
}

/// Text of an HTML fragment by the article's block-separated rule.
pub fn html_text(html: &str) -> String {
    let doc = crate::parse::parse_html(html);
    let root = doc.body().unwrap_or(doc.root());
    let a = Article { content: sanitize(&doc, root, None), ..Default::default() };
    a.text()
}

fn json_str(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key).and_then(|x| x.as_str()).map(str::to_owned)
}

fn load_readability(dir: &Path, pages: &mut Vec<Page>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut cases: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("source.html").is_file()).collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(case.join("expected.html")).unwrap_or_default();
        let meta: serde_json::Value = std::fs::read_to_string(case.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(serde_json::Value::Null);
        let m = Meta {
            title: json_str(&meta, "title"),
            byline: json_str(&meta, "byline"),
            excerpt: json_str(&meta, "excerpt"),
            site_name: json_str(&meta, "siteName"),
            published_time: json_str(&meta, "publishedTime"),
            lang: json_str(&meta, "lang"),
            dir: json_str(&meta, "dir"),
            readerable: meta.get("readerable").and_then(|x| x.as_bool()).unwrap_or(false),
        };
        let html_path = case.join("source.html");
        pages.push(Page {
            key: corpus_key(&html_path.to_string_lossy()),
            name,
            corpus: Corpus::Readability,
            html_path,
            url: Some("http://fakehost/test/page.html".into()),
            truth: Truth { text: html_text(&expected), meta: Some(m), page_type: "rtp".into(), ..Default::default() },
        });
    }
}

fn load_wcxb(dir: &Path, pages: &mut Vec<Page>) {
    let index: serde_json::Value = std::fs::read_to_string(dir.join("index.json"))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(serde_json::Value::Null);
    let Ok(rd) = std::fs::read_dir(dir.join("ground-truth")) else { return };
    let mut files: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    for gt in files {
        let id = gt.file_stem().unwrap().to_string_lossy().into_owned();
        let Ok(s) = std::fs::read_to_string(&gt) else { continue };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&s) else { continue };
        let g = &v["ground_truth"];
        let list = |k: &str| -> Vec<String> {
            g.get(k).and_then(|x| x.as_array()).map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect()).unwrap_or_default()
        };
        let page_type = index.get(&id).and_then(|x| json_str(x, "page_type")).unwrap_or_else(|| "article".into());
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        pages.push(Page {
            key: corpus_key(&html_path.to_string_lossy()),
            name: format!("wcxb/{id}"),
            corpus: Corpus::Wcxb,
            html_path,
            url: json_str(&v, "url"),
            truth: Truth {
                text: json_str(g, "main_content").unwrap_or_default(),
                meta: None,
                with: list("with"),
                without: list("without"),
                page_type,
            },
        });
    }
}

/// Expands `dirs` into pages: a folder is a readability-test-pages corpus, a WCXB corpus, or a
/// folder holding either.
fn load_pages(dirs: &[PathBuf]) -> Vec<Page> {
    let mut pages = Vec::new();
    for d in dirs {
        if d.join("ground-truth").is_dir() {
            load_wcxb(d, &mut pages);
        } else if std::fs::read_dir(d).map(|mut r| r.any(|e| e.is_ok_and(|e| e.path().join("expected-metadata.json").is_file()))).unwrap_or(false) {
            load_readability(d, &mut pages);
        } else if let Ok(rd) = std::fs::read_dir(d) {
            let mut subs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
            subs.sort();
            for s in subs {
                if s.join("ground-truth").is_dir() {
                    load_wcxb(&s, &mut pages);
                } else {
                    load_readability(&s, &mut pages);
                }
            }
        }
    }
    pages
}

thread_local! {
    /// Parse time of the last [`run_baca`] call on this thread.
    static PARSE_MS: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Runs Baca on one page: (output, parse+extract milliseconds).
fn run_baca(html: &str, url: Option<&str>) -> Output {
    let options = Options { url: url.map(str::to_owned), ..Default::default() };
    let t = Instant::now();
    let doc = crate::parse::parse_html(html);
    let parse_ms = t.elapsed().as_secs_f64() * 1000.0;
    let res = crate::extract_document(doc, &options);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    PARSE_MS.with(|p| p.set(parse_ms));
    match res {
        Ok(a) => Output::from_article(&a, ms),
        Err(_) => Output { readerable: Some(false), elapsed_ms: Some(ms), ..Default::default() },
    }
}

fn load_compare(path: &Path) -> HashMap<String, Output> {
    let mut map = HashMap::new();
    let Ok(s) = std::fs::read_to_string(path) else { return map };
    for line in s.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let Some(file) = json_str(&v, "file") else { continue };
        let o = Output {
            text: json_str(&v, "text").unwrap_or_default(),
            title: json_str(&v, "title"),
            byline: json_str(&v, "byline"),
            excerpt: json_str(&v, "excerpt"),
            site_name: json_str(&v, "site_name").or_else(|| json_str(&v, "siteName")),
            published_time: json_str(&v, "published_time").or_else(|| json_str(&v, "publishedTime")),
            lang: json_str(&v, "lang"),
            dir: json_str(&v, "dir"),
            readerable: v.get("readerable").and_then(|x| x.as_bool()),
            elapsed_ms: v.get("elapsed_ms").and_then(|x| x.as_f64()),
            parse_ms: None,
        };
        map.insert(corpus_key(&file), o);
    }
    map
}

/// Scores of one page for one extractor.
#[derive(Clone, Debug, Default)]
struct Score {
    word_f1: f64,
    sh: (f64, f64, f64),
    meta: [Option<bool>; 8],
    with_hit: usize,
    without_clean: usize,
    ms: Option<f64>,
    parse_ms: Option<f64>,
}

const META_NAMES: [&str; 8] = ["title", "byline", "excerpt", "site_name", "published_time", "lang", "dir", "readerable"];

fn meta_eq(a: &Option<String>, b: &Option<String>) -> bool {
    let n = |x: &Option<String>| x.as_deref().map(normalize_ws).filter(|s| !s.is_empty());
    n(a) == n(b)
}

fn score(page: &Page, o: &Output) -> Score {
    let mut s = Score { word_f1: word_f1(&o.text, &page.truth.text), sh: shingle_counts(&o.text, &page.truth.text), ms: o.elapsed_ms, parse_ms: o.parse_ms, ..Default::default() };
    if let Some(m) = &page.truth.meta {
        s.meta = [
            Some(meta_eq(&o.title, &m.title)),
            Some(meta_eq(&o.byline, &m.byline)),
            Some(meta_eq(&o.excerpt, &m.excerpt)),
            Some(meta_eq(&o.site_name, &m.site_name)),
            Some(meta_eq(&o.published_time, &m.published_time)),
            Some(meta_eq(&o.lang, &m.lang)),
            Some(meta_eq(&o.dir, &m.dir)),
            o.readerable.map(|r| r == m.readerable),
        ];
    }
    if !page.truth.with.is_empty() || !page.truth.without.is_empty() {
        let text = snippet_norm(&o.text);
        s.with_hit = page.truth.with.iter().filter(|w| text.contains(&snippet_norm(w))).count();
        s.without_clean = page.truth.without.iter().filter(|w| !text.contains(&snippet_norm(w))).count();
    }
    s
}

/// One aggregate figure of the evaluation.
#[derive(Clone, Debug)]
pub struct Aggregate {
    /// Stable name, e.g. `rtp.word_f1`, `wcxb.article.word_f1`, `rtp.meta.title`.
    pub name: String,
    pub value: f64,
    /// The target from the project issue, when there is one.
    pub target: Option<f64>,
    /// Whether a larger value is better (false for times).
    pub higher_is_better: bool,
    /// The same figure for each `--compare` extractor, in order (None when not available).
    pub peers: Vec<Option<f64>>,
}

/// What [`run_eval`] measured.
#[derive(Clone, Debug, Default)]
pub struct EvalSummary {
    pub pages: usize,
    pub aggregates: Vec<Aggregate>,
}

impl EvalSummary {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.aggregates.iter().find(|a| a.name == name).map(|a| a.value)
    }
}

/// Pages where Baca deliberately differs from Readability.js, with the reason. Only deliberate
/// behaviour differences belong here.
pub const DELIBERATE_DIFFERENCES: &[(&str, &str)] = &[
    ("001", R1),
    ("002", R1),
    ("ars-1", R1),
    ("citylab-1", R1),
    ("cnn", R1),
    ("dropbox-blog", R1),
    ("ehow-1", R1),
    ("ehow-2", R1),
    ("firefox-nightly-blog", R1),
    ("gmw", R1),
    ("heise", R1),
    ("lemonde-1", R1),
    ("medicalnewstoday", R1),
    ("msn", R1),
    ("nytimes-1", R1),
    ("nytimes-2", R1),
    ("nytimes-3", R1),
    ("nytimes-4", R1),
    ("royal-road", R1),
    ("telegraph", R1),
    ("v8-blog", R1),
    ("yahoo-1", R1),
    ("yahoo-2", R1),
    ("yahoo-3", R1),
    ("youth", R1),
    ("aktualne", R2),
    ("engadget", R2),
    ("seattletimes-1", R2),
    ("ebb-org", R3),
    ("mercurial", R3),
    ("wikipedia", R3),
];
const R1: &str = "published time: Baca also reads meta date/pubdate, itemprop=datePublished and <time datetime>, where Readability gives none";
const R2: &str = "published time: Baca normalises to ISO 8601 (T separator, +hh:mm offset); Readability returns the raw string";
const R3: &str = "title: Baca strips the site name when an <h1> equals one side of a title separator; Readability keeps short titles whole";

fn percentile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let i = ((v.len() as f64 - 1.0) * q).round() as usize;
    v[i]
}

/// Aggregates of one extractor over `pages` (indexes into `scores`).
fn aggregates(pages: &[Page], scores: &[Option<Score>]) -> Vec<(String, f64, Option<f64>, bool)> {
    let mut out = Vec::new();
    let groups: [(&str, Box<dyn Fn(&Page) -> bool>); 5] = [
        ("rtp", Box::new(|p: &Page| p.corpus == Corpus::Readability)),
        ("wcxb", Box::new(|p: &Page| p.corpus == Corpus::Wcxb)),
        ("wcxb.article", Box::new(|p: &Page| p.corpus == Corpus::Wcxb && p.truth.page_type == "article")),
        ("wcxb.documentation", Box::new(|p: &Page| p.corpus == Corpus::Wcxb && p.truth.page_type == "documentation")),
        ("wcxb.forum", Box::new(|p: &Page| p.corpus == Corpus::Wcxb && p.truth.page_type == "forum")),
    ];
    for (g, filter) in &groups {
        let sel: Vec<&Score> = pages.iter().zip(scores).filter(|(p, _)| filter(p)).filter_map(|(_, s)| s.as_ref()).collect();
        if sel.is_empty() {
            continue;
        }
        let n = sel.len() as f64;
        let target_wf1 = match *g {
            "rtp" => Some(0.99),
            "wcxb.article" | "wcxb.documentation" => Some(0.95),
            "wcxb.forum" => Some(0.85),
            _ => None,
        };
        out.push((format!("{g}.pages"), n, None, true));
        out.push((format!("{g}.word_f1"), sel.iter().map(|s| s.word_f1).sum::<f64>() / n, target_wf1, true));
        let (mut mp, mut mr) = (0.0, 0.0);
        for s in &sel {
            let (p, r) = pr(s.sh.0, s.sh.1, s.sh.2);
            mp += p;
            mr += r;
        }
        let (mp, mr) = (mp / n, mr / n);
        out.push((format!("{g}.shingle_p"), mp, None, true));
        out.push((format!("{g}.shingle_r"), mr, None, true));
        out.push((format!("{g}.shingle_f1"), f1(mp, mr), None, true));
        if *g == "rtp" {
            let good = sel.iter().filter(|s| s.word_f1 >= 0.90).count() as f64;
            out.push(("rtp.pages_word_f1_ge_0.90".into(), good, Some(125.0), true));
            let targets = [125.0, 120.0, 110.0, 120.0, f64::NAN, f64::NAN, f64::NAN, 125.0];
            for (i, name) in META_NAMES.iter().enumerate() {
                let k = sel.iter().filter(|s| s.meta[i] == Some(true)).count() as f64;
                let known = sel.iter().any(|s| s.meta[i].is_some());
                if known {
                    out.push((format!("rtp.meta.{name}"), k, Some(targets[i]).filter(|t| !t.is_nan()), true));
                }
            }
        }
        if *g == "wcxb" {
            let with_total: usize = pages.iter().filter(|p| filter(p)).map(|p| p.truth.with.len()).sum();
            let without_total: usize = pages.iter().filter(|p| filter(p)).map(|p| p.truth.without.len()).sum();
            let wh: usize = sel.iter().map(|s| s.with_hit).sum();
            let wc: usize = sel.iter().map(|s| s.without_clean).sum();
            out.push(("wcxb.with_present".into(), wh as f64 / with_total.max(1) as f64, None, true));
            out.push(("wcxb.without_absent".into(), wc as f64 / without_total.max(1) as f64, Some(0.97), true));
        }
        let mut times: Vec<f64> = sel.iter().filter_map(|s| s.ms).collect();
        if !times.is_empty() {
            out.push((format!("{g}.median_ms"), percentile(&mut times, 0.5), None, false));
            out.push((format!("{g}.p95_ms"), percentile(&mut times, 0.95), None, false));
        }
        let mut parse: Vec<f64> = sel.iter().filter_map(|s| s.parse_ms).collect();
        if !parse.is_empty() {
            out.push((format!("{g}.parse_median_ms"), percentile(&mut parse, 0.5), None, false));
        }
    }
    out
}

/// Runs Baca (and scores the `compare` outputs) over the corpora in `dirs`, writes one table to
/// `out` and returns the aggregates.
///
/// `compare` holds (name, JSONL file) pairs: one JSON object per line with `file` (matched on
/// the path after `corpus/`), `text` and optional metadata fields and `elapsed_ms`.
pub fn run_eval(dirs: &[PathBuf], compare: &[(String, PathBuf)], out: &mut impl Write) -> EvalSummary {
    let pages = load_pages(dirs);
    // Read inputs first: timing excludes file I/O.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Output>>> = pages.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= pages.len() {
                    break;
                }
                let p = &pages[i];
                let o = match read_text(&p.html_path) {
                    Ok(html) => {
                        let mut o = run_baca(&html, p.url.as_deref());
                        o.parse_ms = Some(PARSE_MS.with(|c| c.get()));
                        o
                    }
                    Err(_) => Output::default(),
                };
                *results[i].lock().unwrap() = Some(o);
            });
        }
    });
    let baca: Vec<Output> = results.into_iter().map(|m| m.into_inner().unwrap().unwrap_or_default()).collect();
    // BACA_EVAL_DUMP=DIR writes each page's extracted text (for analysis).
    if let Ok(dir) = std::env::var("BACA_EVAL_DUMP") {
        for (p, o) in pages.iter().zip(&baca) {
            let f = PathBuf::from(&dir).join(p.key.replace('/', "__") + ".txt");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(f, &o.text);
        }
    }
    let baca_scores: Vec<Option<Score>> = pages.iter().zip(&baca).map(|(p, o)| Some(score(p, o))).collect();
    // BACA_EVAL_SCORES=FILE writes each page's word F1 (`name<TAB>word_f1`), to compare runs.
    if let Ok(file) = std::env::var("BACA_EVAL_SCORES") {
        let mut out = String::new();
        for (p, s) in pages.iter().zip(&baca_scores) {
            let _ = writeln!(out, "{}\t{:.4}", p.name, s.as_ref().map_or(0.0, |s| s.word_f1));
        }
        let _ = std::fs::write(file, out);
    }
    let peers: Vec<(String, Vec<Option<Score>>)> = compare
        .iter()
        .map(|(name, path)| {
            let map = load_compare(path);
            (name.clone(), pages.iter().map(|p| map.get(&p.key).map(|o| score(p, o))).collect())
        })
        .collect();

    let mut t = String::new();
    // Failing pages.
    let _ = writeln!(t, "== pages below threshold (rtp word F1 < 0.90, wcxb word F1 < 0.60, or rtp metadata mismatch) ==");
    let _ = write!(t, "{:<44} {:>7}", "page", "baca");
    for (n, _) in &peers {
        let _ = write!(t, " {:>10}", trunc(n, 10));
    }
    let _ = writeln!(t, "  detail");
    for (i, p) in pages.iter().enumerate() {
        let s = baca_scores[i].as_ref().unwrap();
        let limit = if p.corpus == Corpus::Readability { 0.90 } else { 0.60 };
        let bad_meta: Vec<&str> = META_NAMES.iter().enumerate().filter(|(k, _)| s.meta[*k] == Some(false)).map(|(_, n)| *n).collect();
        if s.word_f1 >= limit && bad_meta.is_empty() {
            continue;
        }
        let _ = write!(t, "{:<44} {:>7.3}", trunc(&format!("{} [{}]", p.name, p.truth.page_type), 44), s.word_f1);
        for (_, ps) in &peers {
            match &ps[i] {
                Some(x) => {
                    let _ = write!(t, " {:>10.3}", x.word_f1);
                }
                None => {
                    let _ = write!(t, " {:>10}", "-");
                }
            }
        }
        let mut detail = String::new();
        if !bad_meta.is_empty() {
            detail.push_str("meta≠ ");
            detail.push_str(&bad_meta.join(","));
        }
        if s.word_f1 < limit {
            let got = crate::text::word_count(&baca[i].text);
            let want = crate::text::word_count(&p.truth.text);
            let _ = write!(detail, "{}words {got}/{want}", if detail.is_empty() { "" } else { "; " });
        }
        let _ = writeln!(t, "  {detail}");
    }
    // Deliberate differences.
    if !DELIBERATE_DIFFERENCES.is_empty() {
        let _ = writeln!(t, "\n== deliberate differences from Readability.js ==");
        let mut reasons: Vec<&str> = DELIBERATE_DIFFERENCES.iter().map(|(_, r)| *r).collect();
        reasons.sort();
        reasons.dedup();
        for r in reasons {
            let cases: Vec<&str> = DELIBERATE_DIFFERENCES.iter().filter(|(_, x)| *x == r).map(|(c, _)| *c).collect();
            let _ = writeln!(t, "{r}: {}", cases.join(", "));
        }
    }
    // Aggregates.
    let base = aggregates(&pages, &baca_scores);
    let peer_aggs: Vec<Vec<(String, f64, Option<f64>, bool)>> = peers.iter().map(|(_, s)| aggregates(&pages, s)).collect();
    let _ = writeln!(t, "\n== aggregates ==");
    let _ = write!(t, "{:<32} {:>9} {:>9} {:>9}", "metric", "baca", "target", "gap");
    for (n, _) in &peers {
        let _ = write!(t, " {:>10}", trunc(n, 10));
    }
    let _ = writeln!(t);
    let mut summary = EvalSummary { pages: pages.len(), aggregates: Vec::new() };
    for (name, v, target, hib) in base {
        let fmt = |x: f64| if name.ends_with("pages") || name.contains(".meta.") || name.contains("ge_0.90") { format!("{x:.0}") } else if name.ends_with("_ms") { format!("{x:.2}") } else { format!("{x:.4}") };
        let gap = target.map(|tg| if hib { v - tg } else { tg - v });
        let _ = write!(t, "{:<32} {:>9} {:>9} {:>9}", name, fmt(v), target.map(fmt).unwrap_or_else(|| "".into()), gap.map(|g| if g >= 0.0 { "ok".to_string() } else { fmt(g) }).unwrap_or_default());
        let mut pv = Vec::new();
        for pa in &peer_aggs {
            let x = pa.iter().find(|a| a.0 == name).map(|a| a.1);
            pv.push(x);
            let _ = write!(t, " {:>10}", x.map(fmt).unwrap_or_else(|| "-".into()));
        }
        let _ = writeln!(t);
        summary.aggregates.push(Aggregate { name, value: v, target, higher_is_better: hib, peers: pv });
    }
    let _ = out.write_all(t.as_bytes());
    let _ = out.flush();
    summary
}

fn trunc(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_tokens(s: &str, lower: bool) -> Vec<String> {
        let mut v = Vec::new();
        let mut cur = String::new();
        for c in s.chars() {
            if c.is_alphanumeric() || c == '_' {
                cur.push(c);
            } else if !cur.is_empty() {
                v.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            v.push(cur);
        }
        if lower {
            v.iter().map(|t| t.to_lowercase()).collect()
        } else {
            v
        }
    }

    fn bag(v: Vec<String>) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for t in v {
            *m.entry(t).or_insert(0) += 1;
        }
        m
    }

    fn overlap(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> usize {
        a.iter().map(|(k, &n)| n.min(*b.get(k).unwrap_or(&0))).sum()
    }

    fn naive_word_f1(p: &str, t: &str) -> f64 {
        let (pt, tt) = (naive_tokens(p, true), naive_tokens(t, true));
        if pt.is_empty() && tt.is_empty() {
            return 1.0;
        }
        if pt.is_empty() || tt.is_empty() {
            return 0.0;
        }
        let (np, nt) = (pt.len() as f64, tt.len() as f64);
        let o = overlap(&bag(pt), &bag(tt)) as f64;
        let (pr, rc) = (o / np, o / nt);
        if pr + rc == 0.0 {
            0.0
        } else {
            2.0 * pr * rc / (pr + rc)
        }
    }

    fn naive_shingles(s: &str) -> Vec<String> {
        let t = naive_tokens(s, false);
        if t.is_empty() {
            return vec![];
        }
        if t.len() < 4 {
            return vec![t.join(" ")];
        }
        t.windows(4).map(|w| w.join(" ")).collect()
    }

    fn naive_shingle_counts(p: &str, t: &str) -> (f64, f64, f64) {
        let (ps, ts) = (naive_shingles(p), naive_shingles(t));
        let (np, nt) = (ps.len(), ts.len());
        let tp = overlap(&bag(ps), &bag(ts));
        let (fp, fn_) = (np - tp, nt - tp);
        let sum = (tp + fp + fn_) as f64;
        if sum == 0.0 {
            return (1.0, 0.0, 0.0);
        }
        (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
    }

    #[test]
    fn metrics_match_naive_implementations() {
        let cases = [
            ("", ""),
            ("a", ""),
            ("", "b"),
            ("The cat sat on the mat", "the cat sat on the mat."),
            ("Ünïcode Straße über ÜBER über", "über STRASSE straße ünïcode"),
            ("one two three four five six seven", "two three four five six seven eight one two three four"),
            ("東京 は 晴れ 東京 は 晴れ 東京", "東京 は 晴れ"),
            ("a b a b a b a b a b", "a b a b a b"),
            ("x y", "x y z"),
        ];
        for (p, t) in cases {
            assert!((word_f1(p, t) - naive_word_f1(p, t)).abs() < 1e-12, "{p:?} {t:?}");
            let (a, b) = (shingle_counts(p, t), naive_shingle_counts(p, t));
            assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12 && (a.2 - b.2).abs() < 1e-12, "{p:?} {t:?} {a:?} {b:?}");
        }
        assert_eq!(corpus_key("../shared/corpus/wcxb-dev/html/0001.html.gz"), "wcxb-dev/html/0001.html.gz");
    }
}
