//! Clean-page labels: which blocks of a page are the article, ads, repeated widgets or chrome.
//!
//! Used by the extension's clean-page mode (wasm `classify`) and the www outline view.

use crate::dom::{Document, Edge, NodeData, NodeId};

use super::clutter::{hash_node, is_ad_slot, is_teaser, is_widget, maximal_blocks, text_lengths, RepeatIndex};
use super::lexicon;

/// What a page block is, for the extension's clean-page mode.
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// A block of the article (the chosen content and its merged siblings).
    MainContent,
    /// An ad slot.
    Advertisement,
    /// A promo or widget repeated on the page, a share bar, newsletter or login prompt, a
    /// related-content list.
    RepeatedWidget,
    /// Navigation, header, footer, sidebar.
    Chrome,
}

/// A labelled block: `ordinal` is the element's index among all elements of the document in
/// preorder (the content script walks the live DOM in the same order).
#[derive(Copy, Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BlockLabel {
    pub ordinal: u32,
    pub kind: BlockKind,
}

/// Labels the page's blocks. Hideable labels (everything but [`BlockKind::MainContent`]) are
/// never given to an element that holds article text or contains such an element; labels are
/// outermost (descendants of a labelled block are not listed).
pub fn classify(doc: &Document) -> Vec<BlockLabel> {
    let orig_len = doc.len();
    let mut ordinal = vec![u32::MAX; orig_len];
    let mut k = 0u32;
    for id in doc.descendants(doc.root()) {
        if doc.is_element(id) {
            ordinal[id.index()] = k;
            k += 1;
        }
    }
    let md = super::metadata::read(doc);
    let Some(ex) = super::extract_content(doc.clone(), &md, &crate::Options::default()) else { return Vec::new() };
    // Elements of the original page that hold article text.
    let mut main = vec![false; orig_len];
    for d in ex.doc.descendants(ex.container) {
        if d.index() >= orig_len {
            continue;
        }
        if let NodeData::Text(t) = ex.doc.data(d) {
            if t.trim().is_empty() {
                continue;
            }
            let mut cur = Some(d);
            while let Some(c) = cur {
                if main[c.index()] {
                    break;
                }
                main[c.index()] = true;
                cur = doc.parent(c);
            }
        }
    }
    let mut labels = Vec::new();
    let mut in_main_root = vec![false; orig_len];
    for c in ex.doc.element_children(ex.container) {
        if c.index() < orig_len && ordinal[c.index()] != u32::MAX {
            labels.push(BlockLabel { ordinal: ordinal[c.index()], kind: BlockKind::MainContent });
            for d in doc.descendants(c) {
                in_main_root[d.index()] = true;
            }
        }
    }
    let body = match doc.body() {
        Some(b) => b,
        None => return labels,
    };
    let sig = lexicon::Signals::new(doc);
    let len = text_lengths(doc, body);
    let repeats = RepeatIndex::build(doc, body);
    let repeated: std::collections::HashSet<NodeId> = maximal_blocks(doc, body, &len)
        .into_iter()
        .filter(|&b| repeats.count(hash_node(doc, b)) >= 2)
        .collect();
    let mut walk = doc.traverse(body);
    while let Some(e) = walk.next() {
        let Edge::Open(id) = e else { continue };
        let Some(el) = doc.element(id) else { continue };
        if id == body || main[id.index()] {
            continue;
        }
        if matches!(&*el.name, "script" | "style" | "noscript" | "template" | "link" | "meta") {
            walk.skip_children(id);
            continue;
        }
        let kind = if is_ad_slot(doc, id, &sig) {
            Some(BlockKind::Advertisement)
        } else if repeated.contains(&id) || is_widget(doc, id, &sig) || is_teaser(doc, id) {
            Some(BlockKind::RepeatedWidget)
        } else if !in_main_root[id.index()]
            && (lexicon::CHROME_TAGS.contains(&&*el.name)
                || el.attr("role").is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary")))
        {
            Some(BlockKind::Chrome)
        } else {
            None
        };
        if let Some(kind) = kind {
            labels.push(BlockLabel { ordinal: ordinal[id.index()], kind });
            walk.skip_children(id);
        }
    }
    labels
}
