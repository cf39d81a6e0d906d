//! Clean-page labels: which blocks of a page are the article, ads, repeated widgets or chrome.
//!
//! Used by the extension's clean-page mode (wasm `classify`) and the www outline view.
//!
//! The article the user reads must never be hidden, and Baca's own extraction may drop blocks
//! that another reader (Readability.js) keeps: newsletter boxes, share lines, "Related:" links,
//! author bios, a table of contents, a comment thread. So the page is split in three:
//!
//! * the article's *core*: the deepest element holding all of the extracted article's text.
//!   Only strong signals hide a block there: an ad slot by structure (`div-gpt-ad-*` id,
//!   ad-network iframe, `amp-ad`, AdSense `ins`), or an ad slot by class token whose text is only
//!   an ad label ("Advertisement"); a block whose exact text also occurs OUTSIDE the region (a
//!   promo repeated around the page); a box its class names a promo (no form inside); an inline
//!   teaser (`label: <a>title</a>`, or a label and a link list) its class names as one
//!   (`baca-juga-inline`, `read-more`, `related`); a share box by Readability's own rule
//!   (`share`/`sharedaddy` class or id, under 500 chars, holding links or buttons);
//! * the rest of the *region* (the chosen content and its merged siblings, as they are in the
//!   page): the same, plus small class-named widgets that are no prose (mostly links, or a form);
//! * outside the region: ads, repeated blocks, widgets (class/id tokens), teasers, and chrome
//!   (nav, header, footer, aside; the extension does not hide chrome, but labels the ads and
//!   widgets inside it).
//!
//! Whatever the rule, an element holding text of the extracted article (or an ancestor of such
//! an element) is never labelled hideable.

use crate::dom::{Document, Edge, NodeData, NodeId};

use super::clutter::{hash_node, is_ad_slot, is_teaser, is_widget, maximal_blocks, text_lengths, RepeatIndex};
use super::lexicon::{self, any_token, has_token, PROMO_TOKENS, TEASER_LABELS};

/// Inside the article region, a teaser or promo box is hidden only up to this much text.
const REGION_BOX_MAX_TEXT: u32 = 600;

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

/// The labels of a page and the article they protect (one extraction for both).
pub struct Classified {
    pub labels: Vec<BlockLabel>,
    /// The extracted article's sanitized content (see [`crate::article::sanitize`]; URLs left
    /// as they are), or `None` when no content was found (then there are no labels either).
    pub content: Option<Document>,
}

/// Labels the page's blocks. Hideable labels (everything but [`BlockKind::MainContent`]) are
/// never given to an element that holds article text or contains such an element; labels are
/// outermost (descendants of a labelled block are not listed), except that a chrome block
/// (never hidden) may contain hideable ones.
pub fn classify(doc: &Document) -> Vec<BlockLabel> {
    classify_with(doc, false).labels
}

/// [`classify`], plus the article content found by the same extraction.
pub fn classify_page(doc: &Document) -> Classified {
    classify_with(doc, true)
}

fn classify_with(doc: &Document, with_content: bool) -> Classified {
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
    let Some(ex) = super::extract_content(doc.clone(), &md, &crate::Options::default()) else {
        return Classified { labels: Vec::new(), content: None };
    };
    let content = with_content.then(|| crate::article::sanitize(&ex.doc, ex.container, None));
    // Elements of the original page that hold article text, and their ancestors.
    let mut main = vec![false; orig_len];
    for d in ex.doc.descendants(ex.container) {
        if d.index() >= orig_len {
            continue;
        }
        if let NodeData::Text(t) = ex.doc.data(d) {
            if super::util::is_blank(t) {
                continue;
            }
            super::util::mark_with_ancestors(doc, d, &mut main);
        }
    }
    // The region: the page's own nodes the extraction put at the container's top level (a
    // wrapper it created, e.g. when the body itself was the candidate, is looked through).
    let mut labels = Vec::new();
    let mut region = vec![false; orig_len];
    let mut roots: Vec<NodeId> = ex.doc.element_children(ex.container).collect();
    while let Some(c) = roots.pop() {
        if c.index() >= orig_len {
            roots.extend(ex.doc.element_children(c));
            continue;
        }
        if ordinal[c.index()] == u32::MAX {
            continue;
        }
        labels.push(BlockLabel { ordinal: ordinal[c.index()], kind: BlockKind::MainContent });
        for d in doc.descendants(c) {
            region[d.index()] = true;
        }
    }
    labels.sort_by_key(|l| l.ordinal);
    // The article's core: the deepest element holding all of its text (within the region: when
    // the article spans merged siblings, their parent's other children are not the core).
    let mut core_region = vec![false; orig_len];
    let mut core = doc.root();
    loop {
        let mut it = doc.children(core).filter(|c| main[c.index()]);
        match (it.next(), it.next()) {
            (Some(c), None) if doc.is_element(c) => core = c,
            _ => break,
        }
    }
    if core != doc.root() {
        for d in doc.descendants(core) {
            core_region[d.index()] = region[d.index()];
        }
    }
    let Some(body) = doc.body() else { return Classified { labels, content } };
    // Class/id signals by node index: the extraction's table (its working copy keeps the page's
    // ids and attributes), so each element is matched once for both.
    let sig = &*ex.ctx.sig;
    let len = text_lengths(doc, body, &ex.ctx.texts);
    let repeats = RepeatIndex::build(doc, body, &ex.ctx.texts);
    // Repeated blocks: anywhere on the page (outside the region), and those inside the region
    // whose text also occurs outside it.
    let blocks = maximal_blocks(doc, body, &len);
    let hashes: Vec<u64> = blocks.iter().map(|&b| hash_node(doc, b, &ex.ctx.texts)).collect();
    let mut in_region_count: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    for (&b, &h) in blocks.iter().zip(&hashes) {
        if region[b.index()] {
            *in_region_count.entry(h).or_insert(0) += 1;
        }
    }
    let mut repeated = std::collections::HashSet::new();
    for (&b, &h) in blocks.iter().zip(&hashes) {
        let total = repeats.count(h);
        let inside = in_region_count.get(&h).copied().unwrap_or(0);
        if (!region[b.index()] && total >= 2) || (region[b.index()] && total > inside) {
            repeated.insert(b);
        }
    }
    let mut chrome_root: Option<NodeId> = None;
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
        let kind = if core_region[id.index()] {
            region_kind(doc, id, &len, &repeated, sig)
        } else if region[id.index()] {
            outer_kind(doc, id, &len, &repeated, sig)
        } else if is_ad_slot(doc, id, sig) {
            Some(BlockKind::Advertisement)
        } else if repeated.contains(&id) || is_widget(doc, id, sig) || is_teaser(doc, id) || card_box(doc, id, &len) {
            Some(BlockKind::RepeatedWidget)
        } else if chrome_root.is_none_or(|r| !doc.is_inclusive_ancestor(r, id))
            && (lexicon::CHROME_TAGS.contains(&&*el.name)
                || el.attr("role").is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary")))
        {
            Some(BlockKind::Chrome)
        } else {
            None
        };
        if let Some(kind) = kind {
            labels.push(BlockLabel { ordinal: ordinal[id.index()], kind });
            // Chrome is not hidden: the ads and promos inside it are still labelled.
            if kind == BlockKind::Chrome {
                chrome_root = Some(id);
            } else {
                walk.skip_children(id);
            }
        }
    }
    Classified { labels, content }
}

/// The label of a block of the article's core that holds no article text: strong signals
/// only.
fn region_kind(doc: &Document, id: NodeId, len: &[u32], repeated: &std::collections::HashSet<NodeId>, sig: &lexicon::Signals) -> Option<BlockKind> {
    let l = len[id.index()];
    if is_ad_slot(doc, id, sig) && (structural_ad(doc, id) || is_ad_label(doc, id, l)) {
        return Some(BlockKind::Advertisement);
    }
    if repeated.contains(&id) || is_share_box(doc, id) {
        return Some(BlockKind::RepeatedWidget);
    }
    if l > REGION_BOX_MAX_TEXT {
        return None;
    }
    // Class only: ids are often made from heading text ("Eich_CEO_promotion_controversy").
    let class = doc.attr(id, "class").unwrap_or("");
    // A sign-up box (a form inside) is left: readers keep its text with the article.
    if has_token(class, PROMO_TOKENS) && !has_form_control(doc, id) {
        return Some(BlockKind::RepeatedWidget);
    }
    // A teaser line or teaser list that its markup names as one.
    if names_teaser(class) && link_share(doc, id, l) >= 0.5 {
        return Some(BlockKind::RepeatedWidget);
    }
    if is_teaser(doc, id) && doc.descendants(id).any(|d| doc.attr(d, "class").is_some_and(names_teaser)) {
        return Some(BlockKind::RepeatedWidget);
    }
    None
}

/// An ad slot by structure, whatever its text: a `div-gpt-ad-*` / `google_ads*` id, an
/// ad-network iframe, `amp-ad`, an AdSense `ins`.
fn structural_ad(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    if let Some(i) = e.attr("id") {
        let l = i.to_ascii_lowercase();
        if l.starts_with("div-gpt-ad") || l.starts_with("google_ads") || l.contains("gpt-ad") {
            return true;
        }
    }
    match &*e.name {
        "amp-ad" => true,
        "ins" => e.has_attr("data-ad-client") || e.has_attr("data-ad-slot"),
        "iframe" => e.attr("src").is_some_and(|src| {
            let host = src.split("//").nth(1).unwrap_or("").split(['/', '?', ':']).next().unwrap_or("").to_ascii_lowercase();
            lexicon::AD_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")))
        }),
        _ => false,
    }
}

/// Whether the slot's text is nothing but an ad label ("Advertisement", "Close Ads"), lines of
/// it, or nothing at all.
fn is_ad_label(doc: &Document, id: NodeId, l: u32) -> bool {
    if l == 0 {
        return true;
    }
    let text = doc.text_content(id).to_lowercase();
    let mut any = false;
    for line in text.split(['\n', '\r']).map(str::trim).filter(|x| !x.is_empty()) {
        any = true;
        let line = line.trim_end_matches([':', '.', '·']);
        if !lexicon::AD_OR_LOADING_TEXTS.contains(&line) {
            return false;
        }
    }
    any
}

/// Readability.js's own share-box rule (`_cleanMatchedNodes` with `shareElements`): class or id
/// holding the word `share` or `sharedaddy` (bounded by non-word chars or `_`), text under 500
/// chars. Readability removes these from its article, so hiding them hides nothing it keeps.
fn is_share_box(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    let hay = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")).to_ascii_lowercase();
    let b = hay.as_bytes();
    let bounded = |i: usize, j: usize| {
        let edge = |c: u8| !c.is_ascii_alphanumeric();
        (i == 0 || edge(b[i - 1])) && (j == b.len() || edge(b[j]))
    };
    let hit = ["sharedaddy", "share"].iter().any(|w| hay.match_indices(w).any(|(i, _)| bounded(i, i + w.len())));
    // ... and that holds links or buttons (a bare control label, e.g. a video player's
    // "Share" button face, stays with the player, as Readability's output shows).
    hit && doc.text_content(id).chars().count() < 500
        && doc.descendants(id).skip(1).any(|d| matches!(doc.tag(d), Some("a" | "button" | "svg" | "img" | "input")))
}

fn has_form_control(doc: &Document, id: NodeId) -> bool {
    doc.descendants(id).any(|d| matches!(doc.tag(d), Some("form" | "input" | "select" | "textarea")))
}

/// The label of a block of the region outside the article's core (the chosen content's
/// wrapper: comment threads, bios, sign-up boxes, share bars that other readers keep with the
/// article): the core's strong signals, plus small class-named widgets that are no prose (mostly
/// links, or a form).
fn outer_kind(doc: &Document, id: NodeId, len: &[u32], repeated: &std::collections::HashSet<NodeId>, sig: &lexicon::Signals) -> Option<BlockKind> {
    if let Some(k) = region_kind(doc, id, len, repeated, sig) {
        return Some(k);
    }
    let l = len[id.index()];
    if l <= REGION_BOX_MAX_TEXT && is_widget(doc, id, sig) && (l == 0 || link_share(doc, id, l) >= 0.5 || has_form_control(doc, id)) {
        return Some(BlockKind::RepeatedWidget);
    }
    if card_box(doc, id, len) {
        return Some(BlockKind::RepeatedWidget);
    }
    None
}

/// A list of link cards ("more on this", "most read"): 3+ element children, 4 in 5 of them
/// holding a link, link text at least 40 % of the text, 25+ chars per item (headlines, not a
/// menu); or such a list under a short heading alone in its box. Never in site navigation.
fn card_box(doc: &Document, id: NodeId, len: &[u32]) -> bool {
    card_box_shape(doc, id, len) && !in_navigation(doc, id)
}

fn card_box_shape(doc: &Document, id: NodeId, len: &[u32]) -> bool {
    let kids: Vec<NodeId> = doc.element_children(id).collect();
    if card_list(doc, id, &kids, len) {
        return true;
    }
    if kids.len() != 2 {
        return false;
    }
    let (h, mut list) = (kids[0], kids[1]);
    let hl = len[h.index()];
    if hl == 0 || hl > 40 || doc.find_tag(h, "a").is_some() {
        return false;
    }
    // The list may sit in wrappers of its own (`terkini__wrap > terkini__list`).
    for _ in 0..4 {
        let lk: Vec<NodeId> = doc.element_children(list).collect();
        if card_list(doc, list, &lk, len) {
            return true;
        }
        if lk.len() != 1 || len[lk[0].index()] != len[list.index()] {
            return false;
        }
        list = lk[0];
    }
    false
}

/// Inside site navigation (`nav`, `role=navigation`).
fn in_navigation(doc: &Document, id: NodeId) -> bool {
    doc.ancestors(id).any(|a| doc.is_tag(a, "nav") || doc.attr(a, "role") == Some("navigation"))
}

fn card_list(doc: &Document, id: NodeId, kids: &[NodeId], len: &[u32]) -> bool {
    if kids.len() < 3 || !matches!(doc.tag(id), Some("div" | "section" | "ul" | "ol" | "aside")) {
        return false;
    }
    let with_link = kids.iter().filter(|&&k| doc.is_tag(k, "a") || doc.find_tag(k, "a").is_some()).count();
    let l = len[id.index()];
    // Headlines, not a menu: the items average 25+ chars of text.
    with_link * 5 >= kids.len() * 4 && l > 0 && link_share(doc, id, l) >= 0.4 && l as usize >= 25 * kids.len()
}

/// Share of the block's non-whitespace text that is link text.
fn link_share(doc: &Document, id: NodeId, l: u32) -> f64 {
    if l == 0 {
        return 0.0;
    }
    let mut links = 0usize;
    let mut walk = doc.traverse(id);
    while let Some(e) = walk.next() {
        let Edge::Open(n) = e else { continue };
        if doc.is_tag(n, "a") {
            links += doc.text_content(n).chars().filter(|c| !c.is_whitespace()).count();
            walk.skip_children(n);
        }
    }
    links as f64 / l as f64
}

/// Whether class tokens name a teaser: `related`, `teaser`, or a label of several words in
/// sequence (`baca-juga-inline`, `readMore`, `see_also`).
fn names_teaser(class: &str) -> bool {
    let mut tokens = Vec::new();
    any_token(class, |t| {
        tokens.push(t.to_owned());
        false
    });
    if tokens.iter().any(|t| matches!(t.as_str(), "related" | "teaser" | "teasers")) {
        return true;
    }
    let joined = format!(" {} ", tokens.join(" "));
    // Class names are ASCII: compare with the labels' accents dropped ("leia-tambem").
    TEASER_LABELS.iter().filter(|l| l.contains(' ')).any(|l| joined.contains(&format!(" {} ", fold_accents(l))))
}

/// Latin letters with their common accents dropped.
fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ł' => 'l',
            'ż' | 'ź' => 'z',
            'ę' => 'e',
            'ą' => 'a',
            'ś' => 's',
            'ć' => 'c',
            'ń' => 'n',
            'đ' => 'd',
            x => x,
        })
        .collect()
}
