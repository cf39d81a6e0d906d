//! The CLI contract: `baca` with no arguments, `extract`, `batch`.

use std::io::Write;
use std::process::{Command, Stdio};

fn baca() -> Command {
    Command::new(env!("CARGO_BIN_EXE_baca"))
}

fn expected(name: &str) -> serde_json::Value {
    let p = format!("{}/tests/fixtures/{name}/expected.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn no_arguments_prints_the_clean_sample() {
    let out = baca().output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    // Compare words, not Markdown syntax: drop emphasis markers and escapes.
    let md: String = md.chars().filter(|c| !matches!(c, '*' | '\\')).collect();
    let exp = expected("kompas-style");
    assert!(md.starts_with("---\ntitle: "), "front matter first:\n{md}");
    let mut failures = Vec::new();
    let mut last = 0;
    for p in exp["paragraphs"].as_array().unwrap() {
        // Markdown escapes and emphasis aside, each paragraph's words appear in order.
        let p = p.as_str().unwrap();
        let probe: String = p.split_whitespace().skip(3).take(6).collect::<Vec<_>>().join(" ");
        match md[last..].find(&probe) {
            Some(i) => last += i,
            None => failures.push(format!("missing or out of order: {probe:?}")),
        }
    }
    for c in exp["clutter"].as_array().unwrap() {
        let c = c.as_str().unwrap();
        if c.len() > 3 && md.contains(c) {
            failures.push(format!("clutter present: {c:?}"));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn batch_prints_one_json_line_per_page_and_goes_on_after_failures() {
    let dir = std::env::temp_dir().join(format!("baca-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fx = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let list = dir.join("list.tsv");
    let mut f = std::fs::File::create(&list).unwrap();
    for name in ["plain-article", "en-news", "kompas-style"] {
        let url = expected(name)["url"].as_str().unwrap().to_owned();
        writeln!(f, "{fx}/{name}/source.html\t{url}").unwrap();
    }
    writeln!(f, "{}/does-not-exist.html\thttps://x.example/", dir.display()).unwrap();
    drop(f);
    let out = baca().args(["batch", "--format", "jsonl"]).arg(&list).stderr(Stdio::piped()).output().unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for l in &lines[..3] {
        for field in [
            "file", "url", "title", "byline", "published_time", "site_name", "lang", "dir", "excerpt",
            "readerable", "text", "html", "elapsed_ms",
        ] {
            assert!(l.get(field).is_some(), "field {field} missing in {l}");
        }
        assert!(l["text"].as_str().unwrap().len() > 500);
        assert!(l["elapsed_ms"].as_f64().unwrap() >= 0.0);
    }
    assert!(lines[3]["error"].is_string());
}

#[test]
fn extract_reads_stdin_and_reports_errors_with_codes() {
    let mut child = baca()
        .args(["extract", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"<html><body><nav>Home</nav></body></html>").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["code"], "no-article");
    let out = baca().args(["extract", "--format", "pdf", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
