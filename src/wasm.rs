//! The wasm boundary, all of it: strings in, strings out.
//!
//! The content script hands over the page as one snapshot string (see [`crate::snapshot`]) and
//! the options as JSON; it gets back one JSON string:
//!
//! ```text
//! {"ok":true,"article":{"title":…,"byline":…,"published_time":…,"site_name":…,"lang":…,
//!   "dir":…,"excerpt":…,"lead_image":…,"canonical_url":…,"readerable":…,"word_count":…,
//!   "content":[ops]}}
//! {"ok":false,"error":{"code":"no-article","message":"no article was found on this page"}}
//! ```
//!
//! `code` is [`crate::Error::code`], plus `bad-options` when the options JSON does not parse
//! (a bug in the caller, never a page). The op list is [`crate::Article::content_ops`].
//! One call each way: crossing the boundary per DOM node costs far more (the `websys-bench`
//! feature exists only to measure that, see `tests/e2e/MEASUREMENTS.md`).

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

use crate::{Article, Error, Options};

/// Extracts the article from `snapshot`; `options_json` is a JSON [`Options`] object (missing
/// fields take their defaults; an empty string means all defaults).
#[wasm_bindgen]
pub fn extract(snapshot: &str, options_json: &str) -> String {
    match parse_options(options_json) {
        Ok(options) => respond(crate::extract_snapshot(snapshot, &options)),
        Err(message) => failure("bad-options", &message),
    }
}

/// The article of `snapshot` in a saved format (`markdown`, `text` or `html`), so the
/// extension saves exactly the bytes the CLI prints. `saved` is the ISO 8601 time for the
/// Markdown front matter (empty: omitted). Returns `{"ok":true,"output":…}` or an error.
#[wasm_bindgen]
pub fn render(snapshot: &str, options_json: &str, format: &str, saved: &str) -> String {
    let options = match parse_options(options_json) {
        Ok(o) => o,
        Err(message) => return failure("bad-options", &message),
    };
    let article = match crate::extract_snapshot(snapshot, &options) {
        Ok(a) => a,
        Err(e) => return failure(e.code(), &e.to_string()),
    };
    let url = options.url.as_deref();
    let output = match format {
        "markdown" => crate::markdown::to_markdown(
            &article,
            &crate::markdown::FrontMatter { url, saved: Some(saved).filter(|s| !s.is_empty()) },
        ),
        "text" => crate::formats::to_text(&article),
        "html" => crate::formats::to_html_page(&article, url),
        _ => return failure("bad-options", "unknown format (markdown, text, html)"),
    };
    json!({ "ok": true, "output": output }).to_string()
}

/// Labels of the page's blocks for clean-page mode: `[{"ordinal":n,"kind":"advertisement"|
/// "repeated-widget"|"chrome"|"main-content"}]`, `ordinal` being the element's index in
/// document preorder, the order of the snapshot walk. With `with_content` true the answer is
/// `{"labels":[…],"content":[ops]|null}`: the same labels plus the content (op list, see
/// [`crate::Article::content_ops`]) of the article the labels protect, from the same single
/// extraction, so clean-page mode never runs a second one.
#[wasm_bindgen]
pub fn classify(snapshot: &str, with_content: Option<bool>) -> String {
    let doc = crate::snapshot::decode(snapshot);
    if with_content != Some(true) {
        return serde_json::to_string(&crate::extract::classify(&doc)).expect("labels serialize");
    }
    let page = crate::extract::classify::classify_page(&doc);
    let content = page.content.map(|content| Article { content, ..Article::default() }.content_ops());
    json!({ "labels": page.labels, "content": content }).to_string()
}

/// The default [`Options`] as JSON, so the extension never restates them.
#[wasm_bindgen]
pub fn defaults() -> String {
    serde_json::to_string(&reader_defaults()).expect("options serialize")
}

/// The options of a reader: the library defaults, but a page that does not look like an
/// article and has little text is refused with `no-article` rather than shown as scraps.
fn reader_defaults() -> Options {
    Options { reject_unreaderable: true, ..Options::default() }
}

fn parse_options(options_json: &str) -> Result<Options, String> {
    if options_json.trim().is_empty() {
        return Ok(reader_defaults());
    }
    serde_json::from_str(options_json).map_err(|e| e.to_string())
}

fn respond(result: Result<Article, Error>) -> String {
    match result {
        Ok(article) => {
            let mut value = serde_json::to_value(&article).expect("article serializes");
            if let Value::Object(map) = &mut value {
                map.insert("word_count".into(), Value::from(article.word_count()));
                map.insert("content".into(), article.content_ops());
            }
            json!({ "ok": true, "article": value }).to_string()
        }
        Err(e) => failure(e.code(), &e.to_string()),
    }
}

fn failure(code: &str, message: &str) -> String {
    json!({ "ok": false, "error": { "code": code, "message": message } }).to_string()
}

/// Measurement only: builds the arena by walking the live DOM under `root` through web-sys
/// calls (one or more boundary crossings per node), then runs the same extraction.
#[cfg(feature = "websys-bench")]
#[wasm_bindgen]
pub fn extract_websys(root: &web_sys::Element, options_json: &str) -> String {
    match parse_options(options_json) {
        Ok(options) => respond(crate::extract_document(websys_walk(root), &options)),
        Err(message) => failure("bad-options", &message),
    }
}

/// Measurement only: the web-sys walk alone; returns the arena's node count.
#[cfg(feature = "websys-bench")]
#[wasm_bindgen]
pub fn websys_walk_only(root: &web_sys::Element) -> usize {
    websys_walk(root).len()
}

/// Measurement only: decoding a snapshot alone; returns the arena's node count.
#[cfg(feature = "websys-bench")]
#[wasm_bindgen]
pub fn snapshot_decode_only(snapshot: &str) -> usize {
    crate::snapshot::decode(snapshot).len()
}

/// The same walk as the content script's snapshot (iterative, skips script/style/noscript/
/// template contents and `baca-reader`, `hidden` attribute → not rendered), through web-sys.
#[cfg(feature = "websys-bench")]
fn websys_walk(root: &web_sys::Element) -> crate::dom::Document {
    use crate::dom::{Attr, Document, Element};
    use wasm_bindgen::JsCast;
    use web_sys::Node;

    let mut doc = Document::with_capacity(4096);
    let mut parents = vec![doc.root()];
    let root_node: &Node = root.as_ref();
    let mut node: Option<Node> = Some(root_node.clone());
    while let Some(n) = node {
        let mut descend = false;
        match n.node_type() {
            Node::ELEMENT_NODE => {
                let el: &web_sys::Element = n.unchecked_ref();
                let name = el.local_name();
                if name != "baca-reader" {
                    let mut element = Element::new(&name);
                    let attrs = el.attributes();
                    for i in 0..attrs.length() {
                        if let Some(a) = attrs.item(i) {
                            element.attrs.push(Attr { name: a.name().into(), value: a.value() });
                        }
                    }
                    element.hidden = el.has_attribute("hidden");
                    let id = doc.create_element(element);
                    doc.append(*parents.last().expect("root"), id);
                    if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
                        // contents skipped, like the snapshot walk
                    } else if n.first_child().is_some() {
                        parents.push(id);
                        descend = true;
                    }
                }
            }
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => {
                if let Some(t) = n.node_value() {
                    doc.append_text(*parents.last().expect("root"), &t);
                }
            }
            _ => {}
        }
        if descend {
            node = n.first_child();
            continue;
        }
        // Next in document order: a sibling, or the sibling of the nearest ancestor that has one.
        let mut cur = n;
        node = loop {
            if cur.is_same_node(Some(root_node)) {
                break None;
            }
            if let Some(s) = cur.next_sibling() {
                break Some(s);
            }
            match cur.parent_node() {
                Some(p) => {
                    parents.pop();
                    cur = p;
                }
                None => break None,
            }
        };
    }
    doc
}
