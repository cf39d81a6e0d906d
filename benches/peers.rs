//! Side-by-side run of Baca and its Rust peers (dom_smoothie, rs-trafilatura) over the shared
//! corpora: writes one JSONL file per extractor for `baca eval --compare`, and prints a timing
//! table.
//!
//! ```text
//! cargo bench --bench peers                      # both corpora, all three extractors
//! cargo bench --bench peers -- DIR...            # other corpus folders
//! PEERS=baca,dom_smoothie cargo bench --bench peers   # a subset of extractors
//! PEERS_OUT=some/dir cargo bench --bench peers   # output folder (default target/peers)
//! ```
//!
//! `scripts/peers.sh` runs this with Readability.js and `baca eval`. It sets
//! `CARGO_PROFILE_BENCH_PANIC=unwind`: otherwise the lib is built twice (unwind for this bench,
//! abort for the CLI), the two builds collide on `libbaca.rlib` (cargo#6313) and the CLI may
//! fail to link. Rows marked `*` in the table come from other `NAME.jsonl` files in the output
//! folder (Readability.js), timed in their own run.
//!
//! A corpus folder is either Mozilla Readability's test pages (`<case>/source.html`, base URL
//! `http://fakehost/test/page.html`) or a WCXB split (`html/NNNN.html.gz`, the URL in
//! `ground-truth/NNNN.json`, the page type in `index.json`). Each line of
//! `<out>/<name>.jsonl` is `{"file", "url", "title", "byline", "excerpt", "site_name",
//! "published_time", "lang", "dir", "readerable", "text", "elapsed_ms"}` (null where the
//! extractor has no such field) or `{"file", "url", "error", "elapsed_ms"}`. `elapsed_ms` is
//! parse + extraction + plain-text rendering, not file I/O. Pages run one after the other,
//! each extractor in turn on the same page, on one thread. A panic in an extractor is caught
//! and recorded as that page's error.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const DEFAULT_DIRS: &[&str] = &["../shared/corpus/readability-test-pages", "../shared/corpus/wcxb-dev"];
const READABILITY_URL: &str = "http://fakehost/test/page.html";
const EXTRACTORS: &[&str] = &["baca", "dom_smoothie", "rs_trafilatura"];

struct Page {
    /// Path as given (relative to the project root for the default corpora).
    file: String,
    /// None when the corpus gives none (two WCXB pages).
    url: Option<String>,
    /// Corpus label (folder name).
    corpus: String,
    /// WCXB page type (`article`, `documentation`, `forum`), if known.
    page_type: Option<String>,
}

/// What an extractor returns for one page.
#[derive(Default)]
struct Out {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published_time: Option<String>,
    lang: Option<String>,
    dir: Option<String>,
    readerable: Option<bool>,
    text: String,
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn run_baca(html: &str, url: Option<&str>) -> Result<Out, String> {
    let options = baca::Options { url: url.map(str::to_owned), ..Default::default() };
    let a = baca::extract(html, &options).map_err(|e| e.code().to_owned())?;
    let text = a.text();
    Ok(Out {
        title: a.title,
        byline: a.byline,
        excerpt: a.excerpt,
        site_name: a.site_name,
        published_time: a.published_time,
        lang: a.lang,
        dir: a.dir,
        readerable: Some(a.readerable),
        text,
    })
}

fn run_dom_smoothie(html: &str, url: Option<&str>) -> Result<Out, String> {
    use dom_smoothie::{Config, Readability, TextMode};
    // Defaults (Readability.js's candidate selection), with the plain-text output that keeps
    // block breaks.
    let cfg = Config { text_mode: TextMode::Formatted, ..Default::default() };
    let mut r = Readability::new(html, url, Some(cfg)).map_err(|e| e.to_string())?;
    let readerable = r.is_probably_readable();
    let a = r.parse().map_err(|e| e.to_string())?;
    Ok(Out {
        title: nonempty(Some(a.title)),
        byline: a.byline,
        excerpt: a.excerpt,
        site_name: a.site_name,
        published_time: a.published_time,
        lang: a.lang,
        dir: a.dir,
        readerable: Some(readerable),
        text: a.text_content.to_string(),
    })
}

fn run_rs_trafilatura(html: &str, url: Option<&str>) -> Result<Out, String> {
    // The options its own benchmark wrapper (`extract_stdin`) uses: defaults plus the URL.
    let options = rs_trafilatura::Options { url: url.map(str::to_owned), ..Default::default() };
    let r = rs_trafilatura::extract_with_options(html, &options).map_err(|e| e.to_string())?;
    let m = r.metadata;
    Ok(Out {
        title: m.title,
        byline: m.author,
        excerpt: m.description,
        site_name: m.sitename,
        published_time: m.date.map(|d| d.to_rfc3339()),
        lang: m.language,
        dir: None,
        readerable: None,
        text: r.content_text,
    })
}

fn run(name: &str, html: &str, url: Option<&str>) -> Result<Out, String> {
    match name {
        "baca" => run_baca(html, url),
        "dom_smoothie" => run_dom_smoothie(html, url),
        "rs_trafilatura" => run_rs_trafilatura(html, url),
        _ => unreachable!(),
    }
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

/// Lists the pages of one corpus folder.
fn list_pages(dir: &str) -> Vec<Page> {
    let root = Path::new(dir);
    let corpus = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| dir.to_owned());
    let mut pages = Vec::new();
    if root.join("html").is_dir() {
        let index = read_json(&root.join("index.json"));
        let mut names: Vec<String> = fs::read_dir(root.join("html"))
            .expect("read html/")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.ends_with(".html.gz") || n.ends_with(".html"))
            .collect();
        names.sort();
        for name in names {
            let id = name.trim_end_matches(".gz").trim_end_matches(".html").to_owned();
            let gt = read_json(&root.join("ground-truth").join(format!("{id}.json")));
            let url =
                gt.as_ref().and_then(|g| g["url"].as_str()).filter(|u| !u.is_empty()).map(str::to_owned);
            let page_type = index.as_ref().and_then(|i| i[&id]["page_type"].as_str()).map(str::to_owned);
            pages.push(Page { file: format!("{dir}/html/{name}"), url, corpus: corpus.clone(), page_type });
        }
    } else {
        let mut cases: Vec<PathBuf> = fs::read_dir(root)
            .unwrap_or_else(|e| panic!("read {dir}: {e}"))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("source.html").is_file())
            .collect();
        cases.sort();
        for case in cases {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            pages.push(Page {
                file: format!("{dir}/{name}/source.html"),
                url: Some(READABILITY_URL.to_owned()),
                corpus: corpus.clone(),
                page_type: None,
            });
        }
    }
    pages
}

fn read_html(file: &str) -> std::io::Result<String> {
    let bytes = fs::read(file)?;
    let bytes = if file.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Per extractor, per group: elapsed times of the pages that succeeded, and the failure count.
#[derive(Default)]
struct Stats {
    ok: Vec<Duration>,
    failed: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

fn main() {
    // `cargo bench` passes `--bench`; anything not starting with `-` is a corpus folder.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let dirs: Vec<String> =
        if args.is_empty() { DEFAULT_DIRS.iter().map(|s| s.to_string()).collect() } else { args };
    let selected: Vec<&str> = match std::env::var("PEERS") {
        Ok(list) if !list.trim().is_empty() => {
            EXTRACTORS.iter().copied().filter(|e| list.split(',').any(|x| x.trim() == *e)).collect()
        }
        _ => EXTRACTORS.to_vec(),
    };
    let out_dir = PathBuf::from(std::env::var("PEERS_OUT").unwrap_or_else(|_| "target/peers".into()));
    fs::create_dir_all(&out_dir).expect("create output folder");

    let mut pages = Vec::new();
    for dir in &dirs {
        if !Path::new(dir).is_dir() {
            eprintln!("peers: skipping {dir}: no such folder");
            continue;
        }
        pages.extend(list_pages(dir));
    }
    if pages.is_empty() {
        eprintln!("peers: no pages found (corpora at ../shared/corpus absent?); nothing to do");
        return;
    }

    // Panics are caught per page; keep their messages off the terminal.
    panic::set_hook(Box::new(|_| {}));

    let mut writers: Vec<BufWriter<fs::File>> = selected
        .iter()
        .map(|name| {
            let path = out_dir.join(format!("{name}.jsonl"));
            BufWriter::new(
                fs::File::create(&path).unwrap_or_else(|e| panic!("create {}: {e}", path.display())),
            )
        })
        .collect();
    // (extractor index, group label) -> stats
    let mut stats: BTreeMap<(usize, String), Stats> = BTreeMap::new();
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let started = Instant::now();

    for (n, page) in pages.iter().enumerate() {
        if tty {
            eprint!("\rpeers: {}/{} {}\x1b[K", n + 1, pages.len(), page.file);
        }
        let mut groups = vec![page.corpus.clone()];
        if let Some(t) = &page.page_type {
            groups.push(format!("{} ({t})", page.corpus));
        }
        let html = read_html(&page.file);
        for (i, name) in selected.iter().enumerate() {
            let (line, elapsed) = match &html {
                Err(e) => (json!({"file": page.file, "url": page.url, "error": format!("read: {e}")}), None),
                Ok(html) => {
                    let t0 = Instant::now();
                    let res = panic::catch_unwind(AssertUnwindSafe(|| run(name, html, page.url.as_deref())));
                    let elapsed = t0.elapsed();
                    let res = res.unwrap_or_else(|p| Err(format!("panic: {}", panic_message(&*p))));
                    let line = match res {
                        Ok(o) => json!({
                            "file": page.file, "url": page.url,
                            "title": nonempty(o.title), "byline": nonempty(o.byline),
                            "excerpt": nonempty(o.excerpt), "site_name": nonempty(o.site_name),
                            "published_time": nonempty(o.published_time), "lang": nonempty(o.lang),
                            "dir": nonempty(o.dir), "readerable": o.readerable,
                            "text": o.text.trim(), "elapsed_ms": ms(elapsed),
                        }),
                        Err(e) => {
                            json!({"file": page.file, "url": page.url, "error": e, "elapsed_ms": ms(elapsed)})
                        }
                    };
                    let ok = line.get("error").is_none();
                    (line, ok.then_some(elapsed))
                }
            };
            serde_json::to_writer(&mut writers[i], &line).expect("write");
            writers[i].write_all(b"\n").expect("write");
            for g in &groups {
                let s = stats.entry((i, g.clone())).or_default();
                match elapsed {
                    Some(d) => s.ok.push(d),
                    None => s.failed += 1,
                }
            }
        }
    }
    if tty {
        eprintln!();
    }
    for w in &mut writers {
        w.flush().expect("flush");
    }

    // Rows for the other outputs already in the folder (Readability.js, written by
    // tests/peers/readability.mjs): their own `elapsed_ms`, timed in their own run.
    let mut names: Vec<String> = selected.iter().map(|s| s.to_string()).collect();
    let by_file: std::collections::HashMap<&str, &Page> =
        pages.iter().map(|p| (p.file.as_str(), p)).collect();
    let mut extra_files: Vec<PathBuf> = fs::read_dir(&out_dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    extra_files.sort();
    for path in extra_files {
        let Some(stem) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".jsonl"))
        else {
            continue;
        };
        if EXTRACTORS.contains(&stem) {
            continue;
        }
        let Ok(body) = fs::read_to_string(&path) else { continue };
        let i = names.len();
        let mut seen = 0;
        for line in body.lines() {
            let Ok(v) = serde_json::from_str::<Value>(line) else { continue };
            let Some(page) = v["file"].as_str().and_then(|f| by_file.get(f)) else { continue };
            seen += 1;
            let mut groups = vec![page.corpus.clone()];
            if let Some(t) = &page.page_type {
                groups.push(format!("{} ({t})", page.corpus));
            }
            for g in groups {
                let s = stats.entry((i, g)).or_default();
                match (v.get("error"), v["elapsed_ms"].as_f64()) {
                    (None, Some(t)) => s.ok.push(Duration::from_secs_f64(t / 1000.0)),
                    _ => s.failed += 1,
                }
            }
        }
        if seen > 0 {
            names.push(format!("{stem}*"));
        }
    }

    // The table: one block per group, one row per extractor.
    let mut group_names: Vec<String> = stats.keys().map(|(_, g)| g.clone()).collect();
    group_names.sort();
    group_names.dedup();
    println!(
        "\npeers: {} pages in {:.1} s; outputs in {}/{{{}}}.jsonl\n",
        pages.len(),
        started.elapsed().as_secs_f64(),
        out_dir.display(),
        selected.join(",")
    );
    println!(
        "{:<32} {:<16} {:>5} {:>6} {:>9} {:>9} {:>9} {:>9}",
        "corpus", "extractor", "ok", "failed", "median ms", "p95 ms", "mean ms", "total s"
    );
    for g in &group_names {
        for (i, name) in names.iter().enumerate() {
            let Some(s) = stats.get_mut(&(i, g.clone())) else { continue };
            s.ok.sort();
            let total: Duration = s.ok.iter().sum();
            let mean = if s.ok.is_empty() { 0.0 } else { ms(total) / s.ok.len() as f64 };
            println!(
                "{:<32} {:<16} {:>5} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
                g,
                name,
                s.ok.len(),
                s.failed,
                ms(percentile(&s.ok, 0.5)),
                ms(percentile(&s.ok, 0.95)),
                mean,
                total.as_secs_f64()
            );
        }
    }
    if names.len() > selected.len() {
        println!("\n* read from {}/NAME.jsonl, timed in its own run", out_dir.display());
    }
}
