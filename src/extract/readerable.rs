//! The cheap "is this an article?" test (Readability's `isProbablyReaderable`): enough long,
//! visible paragraphs outside unlikely blocks.

use crate::dom::{Document, NodeData, NodeId};

use super::lexicon::{self, contains_any};
use super::prep::is_hidden;

/// Minimum text length of a paragraph that counts.
const MIN_CONTENT_LENGTH: usize = 140;
/// Sum of `sqrt(len - MIN_CONTENT_LENGTH)` needed.
const MIN_SCORE: f64 = 20.0;

fn visible(doc: &Document, id: NodeId) -> bool {
    doc.element(id).is_some_and(|e| {
        !e.hidden
            && !e.has_attr("hidden")
            && !(e.attr("aria-hidden") == Some("true") && !e.attr("class").is_some_and(|c| c.contains("fallback-image")))
            && !e.attr("style").and_then(|s| super::util::style_prop(s, "display")).is_some_and(|d| d.starts_with("none"))
    })
}

/// Whether the page probably holds an article.
pub fn is_probably_readerable(doc: &Document) -> bool {
    let _ = is_hidden;
    let mut nodes: Vec<NodeId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in doc.descendants(doc.root()) {
        match doc.tag(id) {
            Some("p" | "pre" | "article") => {
                if seen.insert(id) {
                    nodes.push(id);
                }
            }
            Some("br") => {
                if let Some(p) = doc.parent(id) {
                    if doc.is_tag(p, "div") && seen.insert(p) {
                        nodes.push(p);
                    }
                }
            }
            _ => {}
        }
    }
    let mut score = 0.0;
    for n in nodes {
        if !visible(doc, n) {
            continue;
        }
        let ms = super::util::match_string(doc, n);
        if contains_any(&ms, lexicon::UNLIKELY) && !contains_any(&ms, lexicon::MAYBE) {
            continue;
        }
        if doc.is_tag(n, "p") && doc.ancestors(n).any(|a| doc.is_tag(a, "li")) {
            continue;
        }
        let mut len = 0usize;
        let mut text = String::new();
        for d in doc.descendants(n) {
            if let NodeData::Text(t) = doc.data(d) {
                text.push_str(t);
            }
        }
        len += text.trim().chars().count();
        if len < MIN_CONTENT_LENGTH {
            continue;
        }
        score += ((len - MIN_CONTENT_LENGTH) as f64).sqrt();
        if score > MIN_SCORE {
            return true;
        }
    }
    false
}
