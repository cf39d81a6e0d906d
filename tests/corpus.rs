//! Runs the corpus evaluation (readability-test-pages and WCXB dev) and fails when an aggregate
//! drops below its floor. Skips when `../shared/corpus` is absent.
//!
//! `cargo test --release --test corpus -- --nocapture` prints the whole table.
//! `BACA_EVAL_DIRS=dir1:dir2` restricts the run to some corpus folders;
//! `BACA_COMPARE=name=file.jsonl,…` adds other extractors' outputs side by side.

use std::path::PathBuf;

/// Floors: set at the level actually reached, so quality cannot silently regress.
const FLOORS: &[(&str, f64)] = &[
    ("rtp.word_f1", 0.9955),
    ("rtp.pages_word_f1_ge_0.90", 130.0),
    ("rtp.meta.title", 127.0),
    ("rtp.meta.byline", 125.0),
    ("rtp.meta.excerpt", 130.0),
    ("rtp.meta.site_name", 130.0),
    ("rtp.meta.readerable", 130.0),
    ("wcxb.article.word_f1", 0.952),
    ("wcxb.documentation.word_f1", 0.952),
    ("wcxb.forum.word_f1", 0.850),
    ("wcxb.without_absent", 0.972),
];

#[test]
fn corpus_quality_floors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !root.is_dir() {
        println!("SKIPPED: corpus folder {} is absent; corpus evaluation not run", root.display());
        return;
    }
    let dirs: Vec<PathBuf> = match std::env::var("BACA_EVAL_DIRS") {
        Ok(v) => v.split(':').map(|d| root.join(d)).collect(),
        // Debug builds are ~10x slower: only the small corpus, unless asked.
        Err(_) if cfg!(debug_assertions) => {
            println!("NOTE: debug build, WCXB skipped (run `cargo test --release --test corpus` or set BACA_EVAL_DIRS)");
            vec![root.join("readability-test-pages")]
        }
        Err(_) => vec![root.join("readability-test-pages"), root.join("wcxb-dev")],
    };
    let dirs: Vec<PathBuf> = dirs.into_iter().filter(|d| d.is_dir()).collect();
    if dirs.is_empty() {
        println!("SKIPPED: no corpus folder under {}", root.display());
        return;
    }
    let mut out = std::io::stdout();
    // BACA_COMPARE="name=file.jsonl,name=file.jsonl": other extractors, printed side by side.
    let compare: Vec<(String, PathBuf)> = std::env::var("BACA_COMPARE")
        .map(|v| v.split(',').filter_map(|p| p.split_once('=')).map(|(n, f)| (n.to_owned(), PathBuf::from(f))).collect())
        .unwrap_or_default();
    let summary = baca::eval::run_eval(&dirs, &compare, &mut out);
    let mut failures = Vec::new();
    for (name, floor) in FLOORS {
        match summary.get(name) {
            Some(v) if v + 1e-9 < *floor => failures.push(format!("{name}: {v:.4} < floor {floor}")),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "quality regressed:\n{}", failures.join("\n"));
}
