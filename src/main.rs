//! `baca`: the command-line face of the extractor. Its interface is a stable contract:
//!
//! ```text
//! baca                                   extract the embedded sample page, print Markdown
//! baca extract [--url URL] [--format markdown|text|html|json] FILE|-
//! baca batch --format jsonl LISTFILE     LISTFILE lines: PATH<TAB>URL; one JSON object per line
//! baca eval DIR... [--compare NAME=FILE.jsonl]...
//! ```

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use baca::{Article, Options};

/// The sample page `baca` runs on with no arguments: the project's Kompas-style fixture
/// (its own text, the clutter of the seed page).
const SAMPLE_HTML: &str = include_str!("../tests/fixtures/kompas-style/source.html");
const SAMPLE_URL: &str =
    "https://kabarnusa.example/regional/read/2026/03/14/073000/kereta-komuter-semarang-kendal-mulai-beroperasi";

const USAGE: &str = "usage:
  baca                                      extract the embedded sample page, print Markdown
  baca extract [--url URL] [--format markdown|text|html|json] FILE|-
  baca batch --format jsonl LISTFILE        each line of LISTFILE: PATH<TAB>URL
  baca eval DIR... [--compare NAME=FILE.jsonl]...
  baca --help | --version";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => sample(),
        Some("extract") => cmd_extract(&args[1..]),
        Some("batch") => cmd_batch(&args[1..]),
        Some("eval") => cmd_eval(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some("-V" | "--version") => {
            println!("baca {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Some(other) => Err(CliError::Usage(format!("unknown command '{other}'"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(m)) => {
            eprintln!("baca: {m}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(m)) => {
            eprintln!("baca: {m}");
            ExitCode::FAILURE
        }
    }
}

enum CliError {
    Usage(String),
    Failed(String),
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        CliError::Failed(e.to_string().to_lowercase())
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Markdown,
    Text,
    Html,
    Json,
}

fn parse_format(s: &str) -> Result<Format, CliError> {
    Ok(match s {
        "markdown" | "md" => Format::Markdown,
        "text" | "txt" => Format::Text,
        "html" => Format::Html,
        "json" => Format::Json,
        _ => return Err(CliError::Usage(format!("unknown format '{s}' (markdown, text, html, json)"))),
    })
}

fn sample() -> Result<(), CliError> {
    let options = Options { url: Some(SAMPLE_URL.into()), ..Options::default() };
    let article = baca::extract(SAMPLE_HTML, &options).map_err(|e| CliError::Failed(e.to_string()))?;
    let md = baca::markdown::to_markdown(&article, &baca::markdown::FrontMatter { url: Some(SAMPLE_URL), saved: None });
    io::stdout().write_all(md.as_bytes())?;
    Ok(())
}

/// Reads a page: `-` is stdin, `.gz` files are decompressed. Invalid UTF-8 is replaced.
fn read_page(path: &str) -> io::Result<String> {
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(path)?;
    }
    if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        bytes = out;
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

fn cmd_extract(args: &[String]) -> Result<(), CliError> {
    let mut url = None;
    let mut format = Format::Markdown;
    let mut file = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--url" => url = Some(it.next().ok_or_else(|| CliError::Usage("--url needs a value".into()))?.clone()),
            "--format" => {
                format = parse_format(it.next().ok_or_else(|| CliError::Usage("--format needs a value".into()))?)?
            }
            s if s.starts_with("--url=") => url = Some(s[6..].to_owned()),
            s if s.starts_with("--format=") => format = parse_format(&s[9..])?,
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option '{s}'"))),
            s => {
                if file.replace(s.to_owned()).is_some() {
                    return Err(CliError::Usage("extract takes one FILE".into()));
                }
            }
        }
    }
    let file = file.ok_or_else(|| CliError::Usage("extract needs a FILE (or - for stdin)".into()))?;
    let html = read_page(&file).map_err(|e| CliError::Failed(format!("cannot read {file}: {}", e.to_string().to_lowercase())))?;
    let options = Options { url: url.clone(), reject_unreaderable: true, ..Options::default() };
    let article = match baca::extract(&html, &options) {
        Ok(a) => a,
        Err(e) if format == Format::Json => {
            let v = serde_json::json!({"file": file, "error": e.to_string(), "code": e.code()});
            println!("{v}");
            return Err(CliError::Failed(e.to_string()));
        }
        Err(e) => return Err(CliError::Failed(e.to_string())),
    };
    let out = match format {
        Format::Markdown => {
            baca::markdown::to_markdown(&article, &baca::markdown::FrontMatter { url: url.as_deref(), saved: None })
        }
        Format::Text => baca::formats::to_text(&article),
        Format::Html => baca::formats::to_html_page(&article, url.as_deref()),
        Format::Json => format!("{}\n", json_record(&file, url.as_deref(), &article, None)),
    };
    io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

fn json_record(file: &str, url: Option<&str>, a: &Article, elapsed_ms: Option<f64>) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "url": url,
        "title": a.title,
        "byline": a.byline,
        "published_time": a.published_time,
        "site_name": a.site_name,
        "lang": a.lang,
        "dir": a.dir,
        "excerpt": a.excerpt,
        "readerable": a.readerable,
        "text": a.text(),
        "html": a.content_html(),
        "elapsed_ms": elapsed_ms,
    })
}

fn cmd_batch(args: &[String]) -> Result<(), CliError> {
    let mut format = None;
    let mut list = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => format = Some(it.next().ok_or_else(|| CliError::Usage("--format needs a value".into()))?.clone()),
            s if s.starts_with("--format=") => format = Some(s[9..].to_owned()),
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option '{s}'"))),
            s => list = Some(s.to_owned()),
        }
    }
    if format.as_deref().unwrap_or("jsonl") != "jsonl" {
        return Err(CliError::Usage("batch supports --format jsonl only".into()));
    }
    let list = list.ok_or_else(|| CliError::Usage("batch needs a LISTFILE".into()))?;
    let reader: Box<dyn BufRead> = if list == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        Box::new(io::BufReader::new(
            std::fs::File::open(&list).map_err(|e| CliError::Failed(format!("cannot read {list}: {}", e.to_string().to_lowercase())))?,
        ))
    };
    let lines: Vec<String> = reader.lines().collect::<Result<_, _>>()?;
    let jobs: Vec<(&str, Option<&str>)> = lines
        .iter()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('\t') {
            Some((p, u)) => (p, Some(u.trim()).filter(|u| !u.is_empty())),
            None => (l, None),
        })
        .collect();
    let progress = io::stderr().is_terminal();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    for (i, (path, url)) in jobs.iter().enumerate() {
        if progress {
            eprint!("\r\x1b[K[{}/{}] {}", i + 1, jobs.len(), path);
        }
        let record = match read_page(path) {
            Err(e) => {
                failed += 1;
                serde_json::json!({"file": path, "url": url, "error": format!("cannot read file: {}", e.to_string().to_lowercase()), "code": "io"})
            }
            Ok(html) => {
                let options = Options { url: url.map(str::to_owned), ..Options::default() };
                let t = Instant::now();
                match baca::extract(&html, &options) {
                    Ok(a) => {
                        let ms = t.elapsed().as_secs_f64() * 1e3;
                        ok += 1;
                        json_record(path, *url, &a, Some((ms * 1000.0).round() / 1000.0))
                    }
                    Err(e) => {
                        failed += 1;
                        serde_json::json!({"file": path, "url": url, "error": e.to_string(), "code": e.code()})
                    }
                }
            }
        };
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    if progress {
        eprintln!("\r\x1b[K{ok} extracted, {failed} failed");
    }
    Ok(())
}

fn cmd_eval(args: &[String]) -> Result<(), CliError> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut compare: Vec<(String, PathBuf)> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let spec = match a.as_str() {
            "--compare" => Some(it.next().ok_or_else(|| CliError::Usage("--compare needs NAME=FILE".into()))?.clone()),
            s if s.starts_with("--compare=") => Some(s[10..].to_owned()),
            s if s.starts_with("--") => return Err(CliError::Usage(format!("unknown option '{s}'"))),
            s => {
                dirs.push(PathBuf::from(s));
                None
            }
        };
        if let Some(spec) = spec {
            let (name, file) =
                spec.split_once('=').ok_or_else(|| CliError::Usage(format!("--compare wants NAME=FILE, got '{spec}'")))?;
            compare.push((name.to_owned(), PathBuf::from(file)));
        }
    }
    if dirs.is_empty() {
        return Err(CliError::Usage("eval needs at least one corpus DIR".into()));
    }
    for d in &dirs {
        if !Path::new(d).is_dir() {
            return Err(CliError::Failed(format!("{} is not a directory", d.display())));
        }
    }
    eval_impl(&dirs, &compare)
}

fn eval_impl(dirs: &[PathBuf], compare: &[(String, PathBuf)]) -> Result<(), CliError> {
    for (name, file) in compare {
        if !file.is_file() {
            return Err(CliError::Failed(format!("--compare {name}: {} is not a file", file.display())));
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let summary = baca::eval::run_eval(dirs, compare, &mut out);
    out.flush()?;
    if summary.pages == 0 {
        return Err(CliError::Failed("no corpus page found in the given directories".into()));
    }
    Ok(())
}
