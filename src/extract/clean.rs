//! Phase 3, article cleaning (Readability's `_prepArticle`): data tables, lazy images,
//! conditional cleaning of forms, tables, lists and divs, embeds, share widgets, headers with
//! negative weight, empty paragraphs, single-cell tables.

use crate::dom::{Document, Edge, NodeData, NodeId};

use super::lexicon::{self, VIDEO_HOSTS};
use super::score::{class_weight, Ctx};
use super::util::*;

/// Whether an embed (`iframe`, `object`, `embed`) points at an allowed video host.
pub fn is_video_embed(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    let hit = |v: &str| {
        let l = v.to_ascii_lowercase();
        VIDEO_HOSTS.iter().any(|h| l.contains(h))
    };
    if e.attrs.iter().any(|a| hit(&a.value)) {
        return true;
    }
    // <object> with a <param>/<embed> child naming a video.
    &*e.name == "object" && doc.descendants(id).skip(1).any(|d| doc.element(d).is_some_and(|c| c.attrs.iter().any(|a| hit(&a.value))))
}

/// Readability's `_markDataTables`.
fn mark_data_tables(doc: &Document, root: NodeId, ctx: &mut Ctx) {
    ctx.grow(doc.len());
    let tables: Vec<NodeId> = doc.find_all_tags(root, "table").collect();
    for t in tables {
        let e = doc.element(t).unwrap();
        let is_data = if e.attr("role") == Some("presentation") || e.attr("datatable") == Some("0") {
            false
        } else if e.has_attr("summary") {
            true
        } else if doc.find_tag(t, "caption").is_some_and(|c| doc.first_child(c).is_some()) {
            true
        } else if doc.descendants(t).skip(1).any(|d| matches!(doc.tag(d), Some("col" | "colgroup" | "tfoot" | "thead" | "th"))) {
            true
        } else if doc.descendants(t).skip(1).any(|d| doc.is_tag(d, "table")) {
            false
        } else {
            let (rows, cols) = row_col_count(doc, t);
            if rows == 1 || cols == 1 {
                false
            } else if rows >= 10 || cols > 4 {
                true
            } else {
                rows * cols > 10
            }
        };
        ctx.data_table[t.index()] = is_data;
    }
}

fn row_col_count(doc: &Document, table: NodeId) -> (usize, usize) {
    let mut rows = 0;
    let mut cols = 0;
    for tr in doc.find_all_tags(table, "tr") {
        let rs = doc.attr(tr, "rowspan").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0);
        rows += rs.max(1);
        let mut in_row = 0;
        for c in doc.element_children(tr) {
            if doc.is_tag(c, "td") {
                in_row += doc.attr(c, "colspan").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0).max(1);
            }
        }
        cols = cols.max(in_row);
    }
    (rows, cols)
}

/// Removes every `tag` under `root` except video embeds (Readability's `_clean`).
fn clean_tag(doc: &mut Document, root: NodeId, tag: &str) {
    let is_embed = matches!(tag, "object" | "embed" | "iframe");
    let nodes: Vec<NodeId> = doc.find_all_tags(root, tag).filter(|&n| n != root).collect();
    for n in nodes {
        if is_embed && is_video_embed(doc, n) {
            continue;
        }
        doc.detach(n);
    }
}

/// Per-subtree sums that `_cleanConditionally` asks about, built bottom-up in one walk.
/// Every field counts descendants only (never the node itself), as Readability's
/// `getElementsByTagName` does.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Sums {
    /// Text length as [`inner_text_len`] measures it (see [`TextStats`]).
    len: u32,
    /// Link text length ×10, hash links weighted 0.3; links of a [`is_page_toc`] descendant
    /// are left out.
    link10: u32,
    /// Text length of links to other pages (an `href` without `#`), likewise.
    page_link: u32,
    commas: u32,
    /// Text length of `ul`/`ol` descendants (nested ones counted again, as in Readability).
    list_text: u32,
    /// Text length of `h1`–`h6` descendants.
    heading_text: u32,
    /// Text length of descendants in [`TEXTISH`].
    textish_text: u32,
    /// Text length of `pre` descendants (nested ones counted again).
    pre_text: u32,
    p: u32,
    img: u32,
    li: u32,
    input: u32,
    /// `object`/`embed`/`iframe` descendants that are not video embeds.
    embeds: u32,
    /// Video embeds among the descendants.
    videos: u32,
    /// Data tables among the descendants.
    data_tables: u32,
    /// Text length of `role=tabpanel` descendants (nested ones counted again).
    tab_text: u32,
}

/// A block with at least this share of its text in tab panels is a tab set, kept.
const TAB_SET_SHARE: f64 = 0.8;

/// A block with at least this share of its text in `pre` is a code sample box, kept.
const CODE_BOX_SHARE: f64 = 0.8;

/// A block with at least this share of its text in headings is a heading line.
const HEADING_BLOCK_SHARE: f64 = 0.9;

/// Tags whose text counts as "text" in `_cleanConditionally`'s text density.
const TEXTISH: &[&str] = &["span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

impl Sums {
    /// Adds a finished child `c` (its own sums `cs`) into its parent's sums.
    fn add_child(&mut self, doc: &Document, c: NodeId, cs: &Sums, ctx: &Ctx) {
        self.len += cs.len;
        // A table of contents of other pages is the content of an index page: its links do
        // not make the blocks around it link-dense.
        if !is_page_toc(doc, c, cs.link10, cs.page_link, ctx) {
            self.link10 += cs.link10;
            self.page_link += cs.page_link;
        }
        self.commas += cs.commas;
        self.list_text += cs.list_text;
        self.heading_text += cs.heading_text;
        self.textish_text += cs.textish_text;
        self.pre_text += cs.pre_text;
        self.p += cs.p;
        self.img += cs.img;
        self.li += cs.li;
        self.input += cs.input;
        self.embeds += cs.embeds;
        self.videos += cs.videos;
        self.data_tables += cs.data_tables;
        self.tab_text += cs.tab_text;
        if doc.attr(c, "role") == Some("tabpanel") {
            self.tab_text += cs.len;
        }
        let Some(t) = doc.tag(c) else { return };
        match t {
            "ul" | "ol" => self.list_text += cs.len,
            "pre" => self.pre_text += cs.len,
            "p" => self.p += 1,
            "img" => self.img += 1,
            "li" => self.li += 1,
            "input" => self.input += 1,
            "object" | "embed" | "iframe" => {
                if is_video_embed(doc, c) {
                    self.videos += 1
                } else {
                    self.embeds += 1
                }
            }
            "table" if ctx.is_data_table(c) => self.data_tables += 1,
            _ => {}
        }
        if HEADINGS.contains(&t) {
            self.heading_text += cs.len;
        }
        if TEXTISH.contains(&t) {
            self.textish_text += cs.len;
        }
    }
}

/// Readability's `_cleanConditionally` for `tag` under `root`: one post-order walk. A node's
/// verdict depends only on its own subtree (after the removals inside it) and on its
/// ancestors, so deciding each node when the walk leaves it gives Readability's result (it
/// walks backwards, which also visits descendants first) in time linear in the subtree.
fn clean_conditionally(doc: &mut Document, root: NodeId, tag: &str, ctx: &Ctx) {
    if !ctx.flags.clean_conditionally || !doc.descendants(root).skip(1).any(|d| doc.is_tag(d, tag)) {
        return;
    }
    // Ancestor flags above `root` (and `root` itself, for its descendants).
    let mut top = Flags::default();
    for a in std::iter::once(root).chain(doc.ancestors(root)) {
        top = top.with(doc, a, ctx);
    }
    struct Frame {
        id: NodeId,
        sums: Sums,
        /// Flags of this node's ancestors (not the node).
        above: Flags,
        /// Flags of this node and its ancestors: its children's `above`, computed once.
        inner: Flags,
        /// Weight ×10 of the innermost link among the node and its ancestors below `root`
        /// (10, or 3 for `#` links), 0 outside links.
        link_w: u32,
        /// Whether that link leads to another page ([`link_kind`]).
        page: bool,
    }
    let (root_w, root_page) = link_kind(doc, root).unwrap_or((0, false));
    let mut stack: Vec<Frame> = vec![Frame { id: root, sums: Sums::default(), above: top, inner: top, link_w: root_w, page: root_page }];
    let mut removed: Vec<NodeId> = Vec::new();
    let mut is_removed = vec![false; doc.len()];
    let mut walk = doc.traverse(root);
    walk.next(); // Open(root): its frame is already there.
    while let Some(e) = walk.next() {
        match e {
            Edge::Open(id) => {
                let parent = stack.last().expect("root frame");
                let (pflags, pw, ppage) = (parent.inner, parent.link_w, parent.page);
                match doc.data(id) {
                    NodeData::Text(t) => {
                        let (l, c) = ctx.texts.get(id, t).measure();
                        let top = stack.last_mut().expect("root frame");
                        top.sums.len += l;
                        top.sums.commas += c;
                        top.sums.link10 += l * pw;
                        top.sums.page_link += if ppage { l } else { 0 };
                    }
                    NodeData::Element(_) => {
                        let (link_w, page) = link_kind(doc, id).unwrap_or((pw, ppage));
                        stack.push(Frame { id, sums: Sums::default(), above: pflags, inner: pflags.with(doc, id, ctx), link_w, page });
                    }
                    _ => {}
                }
            }
            Edge::Close(id) => {
                if !doc.is_element(id) || id == root {
                    continue;
                }
                let f = stack.pop().expect("frame of an open element");
                debug_assert_eq!(f.id, id);
                if doc.is_tag(id, tag) && should_remove(doc, id, tag, ctx, &f.sums, f.above, &is_removed) {
                    removed.push(id);
                    is_removed[id.index()] = true;
                    continue;
                }
                let parent = stack.last_mut().expect("root frame");
                parent.sums.add_child(doc, id, &f.sums, ctx);
            }
        }
    }
    for id in removed {
        doc.detach(id);
    }
}

/// The link-density weight ×10 of an `a` element (3 for in-page `#` links, else 10), and
/// whether it leads to another page: an `href` without `#` (nor `javascript:`).
fn link_kind(doc: &Document, id: NodeId) -> Option<(u32, bool)> {
    let e = doc.element(id).filter(|e| &*e.name == "a")?;
    Some(match e.attr("href") {
        Some(h) if h.len() > 1 && h.starts_with('#') => (3, false),
        Some(h) => (10, !h.trim().is_empty() && !h.contains('#') && !h.trim_start().starts_with("javascript:")),
        None => (10, false),
    })
}

/// Whether a block is a table of contents of other pages: a [`lexicon::TOC_TOKENS`] class/id
/// token, and links to other pages (`page`, text length) make at least half of its weighted
/// link text (`link10`). A chapter or section index page (DocBook, Sphinx `toctree`) is such
/// a list and a paragraph; a page's own outline links `#` anchors.
fn is_page_toc(doc: &Document, id: NodeId, link10: u32, page: u32, ctx: &Ctx) -> bool {
    page > 0 && page * 20 >= link10 && ctx.sig.has(doc, id, lexicon::sig::TOC)
}

/// What `_cleanConditionally` asks about a node's ancestors.
#[derive(Clone, Copy, Default, Debug)]
struct Flags {
    in_data_table: bool,
    in_code: bool,
    in_figure: bool,
    in_section_cards: bool,
}

impl Flags {
    /// The flags for the children of `id`, given the flags of `id`'s ancestors.
    fn with(self, doc: &Document, id: NodeId, ctx: &Ctx) -> Flags {
        match doc.tag(id) {
            Some("table") => Flags { in_data_table: self.in_data_table || ctx.is_data_table(id), ..self },
            Some("code") => Flags { in_code: true, ..self },
            Some("figure") => Flags { in_figure: true, ..self },
            _ if !self.in_section_cards && super::docs::is_section_card_grid(doc, id) => Flags { in_section_cards: true, ..self },
            _ => self,
        }
    }
}

/// Longest label (chars) read from the first element of a possible admonition box.
const ADMONITION_LABEL_MAX: usize = 12;

/// Whether a block is a documentation admonition (note, tip, warning box): its class has a
/// [`lexicon::ADMONITION_TOKENS`] token, or its first child is an element whose whole text is
/// a [`lexicon::ADMONITION_LABELS`] label. Docs rule: kept by conditional cleaning.
fn is_admonition(doc: &Document, id: NodeId) -> bool {
    if doc.attr(id, "class").is_some_and(|c| lexicon::has_token(c, lexicon::ADMONITION_TOKENS)) {
        return true;
    }
    // The first element, looking through up to two paragraph wrappers (phrasing runs of a
    // box are wrapped in a `p` by the scoring phase).
    let first_child = |n: NodeId| doc.children(n).find(|&c| !matches!(doc.data(c), NodeData::Text(t) if is_blank(t))).filter(|&c| doc.is_element(c));
    let mut cur = id;
    for _ in 0..3 {
        let Some(first) = first_child(cur) else { return false };
        let mut label = String::new();
        let mut long = false;
        for d in doc.descendants(first) {
            if let NodeData::Text(t) = doc.data(d) {
                label.push_str(t);
                if label.len() > ADMONITION_LABEL_MAX * 2 {
                    long = true;
                    break;
                }
            }
        }
        if long {
            if matches!(doc.tag(first), Some("p" | "div")) {
                cur = first;
                continue;
            }
            return false;
        }
        let label = label.trim().trim_end_matches(':').trim().to_lowercase();
        return label.chars().count() <= ADMONITION_LABEL_MAX && lexicon::ADMONITION_LABELS.contains(&label.as_str());
    }
    false
}

/// The decision of Readability's `_cleanConditionally` for one node: `s` holds the sums of
/// its subtree without the descendants already removed (`removed`), `above` its ancestors'
/// flags.
fn should_remove(doc: &Document, node: NodeId, tag: &str, ctx: &Ctx, s: &Sums, above: Flags, removed: &[bool]) -> bool {
    let inner_len = s.len as usize;
    let is_list = matches!(tag, "ul" | "ol") || (inner_len > 0 && s.list_text as f64 / inner_len as f64 > 0.9);
    if tag == "table" && ctx.is_data_table(node) {
        return false;
    }
    if above.in_data_table || above.in_code || above.in_section_cards || s.data_tables > 0 || super::docs::is_section_card_grid(doc, node) {
        return false;
    }
    // A box around a code sample (with its copy button, file name or language tab) is
    // content whatever its classes say.
    if inner_len > 0 && s.pre_text as f64 >= CODE_BOX_SHARE * inner_len as f64 {
        return false;
    }
    if is_admonition(doc, node) {
        return false;
    }
    let weight = class_weight(doc, node, ctx);
    // A tab set holds variants of the document's content (the same steps per language or
    // platform): the reader shows every panel in turn.
    let tabs = s.tab_text as usize + if doc.attr(node, "role") == Some("tabpanel") { inner_len } else { 0 };
    if weight >= 0.0 && inner_len > 0 && tabs as f64 >= TAB_SET_SHARE * inner_len as f64 {
        return false;
    }
    let ld = if inner_len == 0 { 0.0 } else { s.link10 as f64 / 10.0 / inner_len as f64 };
    if weight < 0.0 && !weak_negative_text_block(doc, node, inner_len, ld, s.p as usize) {
        return true;
    }
    // A block that is only a section's permalinked heading (the title of an examples box
    // whose tab buttons were removed) is the document's outline, not an empty wrapper.
    if inner_len > 0 && s.heading_text as f64 >= HEADING_BLOCK_SHARE * inner_len as f64 && super::docs::opens_with_permalinked_heading(doc, node) {
        return false;
    }
    if is_page_toc(doc, node, s.link10, s.page_link, ctx) {
        return false;
    }
    if s.commas >= 10 {
        return false;
    }
    if s.videos > 0 {
        return false;
    }
    let p = s.p as f64;
    let img = s.img as f64;
    let li = s.li as f64 - 100.0;
    let input = s.input as f64;
    let heading_density = if inner_len == 0 { 0.0 } else { s.heading_text as f64 / inner_len as f64 };
    let embeds = s.embeds as usize;
    let content_len = inner_len;
    if content_len <= 40 {
        let lower = inner_text_where(doc, node, |n| removed[n.index()]).to_lowercase();
        if lexicon::AD_OR_LOADING_TEXTS.contains(&lower.as_str()) {
            return true;
        }
    }
    let td = if inner_len == 0 { 0.0 } else { s.textish_text as f64 / inner_len as f64 };
    let figure_child = above.in_figure;
    let mut remove = false;
    if !figure_child && img > 1.0 && p / img < 0.5 {
        remove = true;
    }
    if !is_list && li > p {
        remove = true;
    }
    if input > (p / 3.0).floor() {
        remove = true;
    }
    if !is_list && !figure_child && heading_density < 0.9 && content_len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0 {
        remove = true;
    }
    if !is_list && weight < 25.0 && ld > 0.2 && !(ld < WRAPPED_PARAGRAPH_MAX_LD && wraps_one_paragraph(doc, node, |c| removed[c.index()])) {
        remove = true;
    }
    if weight >= 25.0 && ld > 0.5 {
        remove = true;
    }
    if (embeds == 1 && content_len < 75) || embeds > 1 {
        remove = true;
    }
    if img == 0.0 && td == 0.0 {
        remove = true;
    }
    if is_list && remove {
        // Simple lists of images stay.
        for c in doc.element_children(node).filter(|c| !removed[c.index()]) {
            if doc.element_children(c).filter(|g| !removed[g.index()]).count() > 1 {
                return remove;
            }
        }
        if s.img == s.li {
            return false;
        }
    }
    remove
}

/// Link density below which a `div` holding one paragraph is judged as that paragraph.
const WRAPPED_PARAGRAPH_MAX_LD: f64 = 0.5;

/// Whether `div` only wraps one paragraph of sentences: its one element child (not `gone`)
/// is a `p` of two sentences or more, with no text beside it. Readability makes such a `div` a `p` itself when its link density is
/// under 0.25, and paragraphs are not cleaned conditionally: a sentence with a few links
/// in it (an API reference's "Three-letter ISO currency code, in lowercase. Must be a
/// supported currency.") is a paragraph whether or not a component wraps it.
fn wraps_one_paragraph(doc: &Document, div: NodeId, gone: impl Fn(NodeId) -> bool) -> bool {
    // A box with a role (a hatnote's `note`, an `alert`) says what it is.
    if !doc.is_tag(div, "div") || doc.element(div).is_some_and(|e| e.has_attr("role")) {
        return false;
    }
    let mut p = None;
    for c in doc.children(div) {
        match doc.data(c) {
            NodeData::Text(t) if !is_blank(t) => return false,
            NodeData::Element(_) if !gone(c) => {
                if p.is_some() || !doc.is_tag(c, "p") {
                    return false;
                }
                p = Some(c);
            }
            _ => {}
        }
    }
    // Sentences: at least two, the last one ended (not a breadcrumb, a byline or a label).
    p.is_some_and(|p| {
        let t = doc.text_content(p);
        let t = t.trim();
        t.ends_with('.') && t[..t.len() - 1].contains(". ")
    })
}

/// Text length (chars) from which a block named only with [`lexicon::WEAK_NEGATIVE`] words is
/// judged on its content rather than its name.
const WEAK_NEGATIVE_MIN_LEN: usize = 150;
/// Largest link density of such a block.
const WEAK_NEGATIVE_MAX_LD: f64 = 0.1;

/// Whether a block with negative class weight is still prose: its class/id's negative words are
/// all [`lexicon::WEAK_NEGATIVE`] (component names like `media-block`, `product-widget`), and it
/// holds a long text in paragraphs with few links. CMS components wrap article sections in such names.
fn weak_negative_text_block(doc: &Document, id: NodeId, len: usize, ld: f64, paragraphs: usize) -> bool {
    if len < WEAK_NEGATIVE_MIN_LEN || ld >= WEAK_NEGATIVE_MAX_LD || paragraphs == 0 {
        return false;
    }
    let Some(e) = doc.element(id) else { return false };
    let ci = e.class_and_id().to_lowercase();
    if ci.split_ascii_whitespace().any(|t| lexicon::NEGATIVE_TOKENS.contains(&t)) {
        return false;
    }
    lexicon::NEGATIVE.iter().filter(|w| ci.contains(*w)).all(|w| lexicon::WEAK_NEGATIVE.contains(w))
}

/// Shortest text (chars) of a disclosure toggle kept as a heading line.
const TOGGLE_TEXT_MIN: usize = 25;

/// Disclosure toggles (`button` with `aria-expanded`, as in FAQ accordions) whose text is a
/// sentence-long question or title become paragraphs instead of being removed with the other
/// buttons: their text is the heading of the answer that follows. Short ones ("Menu",
/// "Show more") and image zoom toggles go with the other buttons.
fn keep_toggle_headings(doc: &mut Document, root: NodeId) {
    let toggles: Vec<NodeId> = doc.find_all_tags(root, "button").filter(|&b| doc.attr(b, "aria-expanded").is_some() && !doc.descendants(b).any(|d| matches!(doc.tag(d), Some("img" | "picture" | "figure"))) && inner_text_len(doc, b) >= TOGGLE_TEXT_MIN).collect();
    for b in toggles {
        doc.rename(b, "p");
    }
}

/// Fewest section headers (see [`section_headers_stay`]) that make them the document's own.
const SECTION_HEADERS_MIN: usize = 2;
/// Most nodes under a section header (a heading, its text, a wrapper or two).
const SECTION_HEADER_MAX_NODES: usize = 16;

/// A `header` holding only an `h2`–`h6` heading is a section's header (`header > h2` atop each
/// part of a landing page, each stop of a guide) when the article holds
/// [`SECTION_HEADERS_MIN`]+ of them: it becomes a `div`, which the sanitizer keeps where it
/// drops page and post headers with their subtree. A lone one is the header of a box (a
/// promo, a tool panel) as often. Only small headers are looked into (bounded work).
fn section_headers_stay(doc: &mut Document, root: NodeId, ctx: &Ctx) {
    let mut found = Vec::new();
    for h in doc.find_all_tags(root, "header") {
        let nodes: Vec<NodeId> = doc.descendants(h).skip(1).take(SECTION_HEADER_MAX_NODES + 1).collect();
        if nodes.len() > SECTION_HEADER_MAX_NODES {
            continue;
        }
        let Some(head) = nodes.into_iter().find(|&d| super::util::is_heading(doc, d)) else { continue };
        if doc.is_tag(head, "h1") {
            continue;
        }
        let len = ctx.texts.inner_text_measure(doc, head).0;
        if len > 0 && len == ctx.texts.inner_text_measure(doc, h).0 {
            found.push(h);
        }
    }
    if found.len() >= SECTION_HEADERS_MIN {
        for h in found {
            doc.rename(h, "div");
        }
    }
}

/// Readability's `_prepArticle` on the container.
pub fn prep_article(doc: &mut Document, root: NodeId, ctx: &mut Ctx) {
    mark_data_tables(doc, root, ctx);
    super::prep::fix_lazy_images(doc, root);
    clean_conditionally(doc, root, "form", ctx);
    clean_conditionally(doc, root, "fieldset", ctx);
    for t in ["object", "embed", "footer", "link", "aside"] {
        clean_tag(doc, root, t);
    }
    // Small blocks whose class/id says "share".
    let tops: Vec<NodeId> = doc.element_children(root).collect();
    let mut pruner = Pruner::new(doc);
    for top in tops {
        let nodes: Vec<NodeId> = doc.descendants(top).skip(1).filter(|&d| doc.is_element(d)).collect();
        for n in nodes {
            if pruner.is_dead(n) {
                continue;
            }
            if ctx.sig.has(doc, n, lexicon::sig::SHARE) && doc.text_content(n).chars().count() < 500 {
                pruner.detach(doc, n);
            }
        }
    }
    keep_toggle_headings(doc, root);
    for t in ["iframe", "input", "textarea", "select", "button"] {
        clean_tag(doc, root, t);
    }
    // h1/h2 with negative class weight. A heading with a permalink to itself, or whose id is its
    // words (a target of the page's outline), is a section of a generated document whatever
    // its classes say (`h2.scroll-mt-20#modules`).
    let heads: Vec<NodeId> = doc.descendants(root).filter(|&d| matches!(doc.tag(d), Some("h1" | "h2"))).collect();
    for h in heads {
        if class_weight(doc, h, ctx) < 0.0 && !super::docs::is_permalinked_heading(doc, h, None) && !super::docs::is_toc_target(doc, h) {
            doc.detach(h);
        }
    }
    clean_conditionally(doc, root, "table", ctx);
    clean_conditionally(doc, root, "ul", ctx);
    clean_conditionally(doc, root, "div", ctx);
    super::docs::space_heading_labels(doc, root);
    section_headers_stay(doc, root, ctx);
    let h1s: Vec<NodeId> = doc.find_all_tags(root, "h1").collect();
    for h in h1s {
        doc.rename(h, "h2");
    }
    // Empty paragraphs.
    let ps: Vec<NodeId> = doc.find_all_tags(root, "p").collect();
    for p in ps {
        let media = doc.descendants(p).skip(1).any(|d| matches!(doc.tag(d), Some("img" | "embed" | "object" | "iframe")));
        if !media && !has_text(doc, p) {
            doc.detach(p);
        }
    }
    // <br> right before a <p>.
    let brs: Vec<NodeId> = doc.find_all_tags(root, "br").collect();
    for br in brs {
        let mut n = doc.next_sibling(br);
        while let Some(x) = n {
            if matches!(doc.data(x), NodeData::Text(t) if super::util::is_blank(t)) {
                n = doc.next_sibling(x);
            } else {
                break;
            }
        }
        if n.is_some_and(|x| doc.is_tag(x, "p")) {
            doc.detach(br);
        }
    }
    // Single-cell tables become their cell.
    let tables: Vec<NodeId> = doc.find_all_tags(root, "table").collect();
    for t in tables {
        let tbody = if has_single_tag_inside(doc, t, "tbody") { doc.element_children(t).next().unwrap() } else { t };
        if has_single_tag_inside(doc, tbody, "tr") {
            let row = doc.element_children(tbody).next().unwrap();
            if has_single_tag_inside(doc, row, "td") {
                let cell = doc.element_children(row).next().unwrap();
                let all_phrasing = doc.children(cell).all(|c| is_phrasing(doc, c));
                doc.rename(cell, if all_phrasing { "p" } else { "div" });
                if doc.parent(t).is_some() {
                    doc.insert_before(t, cell);
                    doc.detach(t);
                }
            }
        }
    }
}

/// The direct transcription of Readability's `_cleanConditionally` (subtree walks per node,
/// O(nodes × depth)), kept as the reference the linear [`clean_conditionally`] is checked
/// against.
#[cfg(test)]
mod naive {
    use super::*;
    use crate::extract::util::TextStats;

    fn count_tag(doc: &Document, id: NodeId, tag: &str) -> usize {
        doc.descendants(id).skip(1).filter(|&d| doc.is_tag(d, tag)).count()
    }

    fn has_data_table_ancestor(doc: &Document, id: NodeId, ctx: &Ctx) -> bool {
        doc.ancestors(id).any(|a| doc.is_tag(a, "table") && ctx.is_data_table(a))
    }

    /// Readability's `_cleanConditionally` for `tag` under `root`.
    pub fn clean_conditionally(doc: &mut Document, root: NodeId, tag: &str, ctx: &Ctx) {
        if !ctx.flags.clean_conditionally {
            return;
        }
        // Reverse document order, as Readability's removeNodes walks backwards.
        let nodes: Vec<NodeId> = doc.find_all_tags(root, tag).filter(|&n| n != root).collect();
        if nodes.is_empty() {
            return;
        }
        let mut stats = TextStats::new(doc, root, &ctx.texts);
        let mut removed = vec![false; doc.len()];
        for &node in nodes.iter().rev() {
            // Skip nodes inside a subtree already removed.
            if doc.ancestors(node).take_while(|&a| a != root).any(|a| removed[a.index()]) {
                continue;
            }
            if should_remove(doc, node, root, tag, ctx, &stats) {
                stats.remove(doc, node, root);
                removed[node.index()] = true;
                doc.detach(node);
            }
        }
    }

    fn text_density(doc: &Document, id: NodeId, tags: &[&str], stats: &TextStats) -> f64 {
        let total = stats.len(id);
        if total == 0 {
            return 0.0;
        }
        stats.tag_text(doc, id, tags) as f64 / total as f64
    }

    /// Weighted link text and page link text of `n`'s subtree (its innermost link `w`), the
    /// links of page tables of contents left out.
    fn links_outside_tocs(doc: &Document, ctx: &Ctx, n: NodeId, w: (u32, bool)) -> (u32, u32) {
        let (mut link10, mut page) = (0, 0);
        for c in doc.children(n) {
            match doc.data(c) {
                NodeData::Text(t) => {
                    let l = ctx.texts.get(c, t).measure().0;
                    link10 += l * w.0;
                    page += if w.1 { l } else { 0 };
                }
                NodeData::Element(_) => {
                    let (l, p) = links_outside_tocs(doc, ctx, c, link_kind(doc, c).unwrap_or(w));
                    if !is_page_toc(doc, c, l, p, ctx) {
                        link10 += l;
                        page += p;
                    }
                }
                _ => {}
            }
        }
        (link10, page)
    }

    fn should_remove(doc: &Document, node: NodeId, root: NodeId, tag: &str, ctx: &Ctx, stats: &TextStats) -> bool {
        let mut is_list = matches!(tag, "ul" | "ol");
        let inner_len = stats.len(node);
        if !is_list {
            let list_len = stats.tag_text(doc, node, &["ul", "ol"]);
            is_list = inner_len > 0 && list_len as f64 / inner_len as f64 > 0.9;
        }
        if tag == "table" && ctx.is_data_table(node) {
            return false;
        }
        if has_data_table_ancestor(doc, node, ctx) {
            return false;
        }
        if has_ancestor_tag(doc, node, "code", 0) {
            return false;
        }
        if std::iter::once(node).chain(doc.ancestors(node)).any(|a| crate::extract::docs::is_section_card_grid(doc, a)) {
            return false;
        }
        if doc.descendants(node).skip(1).any(|d| doc.is_tag(d, "table") && ctx.is_data_table(d)) {
            return false;
        }
        if inner_len > 0 && stats.tag_text(doc, node, &["pre"]) as f64 >= CODE_BOX_SHARE * inner_len as f64 {
            return false;
        }
        if is_admonition(doc, node) {
            return false;
        }
        let weight = class_weight(doc, node, ctx);
        let tabs: usize = doc.descendants(node).filter(|&d| doc.attr(d, "role") == Some("tabpanel")).map(|d| stats.len(d)).sum();
        if weight >= 0.0 && inner_len > 0 && tabs as f64 >= TAB_SET_SHARE * inner_len as f64 {
            return false;
        }
        // Link text without that of page tables of contents inside.
        let w = std::iter::once(node).chain(doc.ancestors(node).take_while(|&a| a != root)).chain(std::iter::once(root)).find_map(|a| link_kind(doc, a)).unwrap_or((0, false));
        let (link10, page) = links_outside_tocs(doc, ctx, node, w);
        let ld = if inner_len == 0 { 0.0 } else { link10 as f64 / 10.0 / inner_len as f64 };
        if weight < 0.0 && !weak_negative_text_block(doc, node, inner_len, ld, count_tag(doc, node, "p")) {
            return true;
        }
        if inner_len > 0 && stats.tag_text(doc, node, HEADINGS) as f64 >= HEADING_BLOCK_SHARE * inner_len as f64 && crate::extract::docs::opens_with_permalinked_heading(doc, node) {
            return false;
        }
        if is_page_toc(doc, node, link10, page, ctx) {
            return false;
        }
        if stats.commas[node.index()] >= 10 {
            return false;
        }
        let p = count_tag(doc, node, "p") as f64;
        let img = count_tag(doc, node, "img") as f64;
        let li = count_tag(doc, node, "li") as f64 - 100.0;
        let input = count_tag(doc, node, "input") as f64;
        let heading_density = text_density(doc, node, &["h1", "h2", "h3", "h4", "h5", "h6"], stats);
        let mut embeds = 0usize;
        for d in doc.descendants(node).skip(1) {
            if matches!(doc.tag(d), Some("object" | "embed" | "iframe")) {
                if is_video_embed(doc, d) {
                    return false;
                }
                embeds += 1;
            }
        }
        let content_len = inner_len;
        if content_len <= 40 {
            let lower = inner_text(doc, node).to_lowercase();
            if lexicon::AD_OR_LOADING_TEXTS.contains(&lower.as_str()) {
                return true;
            }
        }
        let textish = ["span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];
        let td = text_density(doc, node, &textish, stats);
        let figure_child = has_ancestor_tag(doc, node, "figure", 0);
        let mut remove = false;
        if !figure_child && img > 1.0 && p / img < 0.5 {
            remove = true;
        }
        if !is_list && li > p {
            remove = true;
        }
        if input > (p / 3.0).floor() {
            remove = true;
        }
        if !is_list && !figure_child && heading_density < 0.9 && content_len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0 {
            remove = true;
        }
        if !is_list && weight < 25.0 && ld > 0.2 && !(ld < WRAPPED_PARAGRAPH_MAX_LD && wraps_one_paragraph(doc, node, |_| false)) {
            remove = true;
        }
        if weight >= 25.0 && ld > 0.5 {
            remove = true;
        }
        if (embeds == 1 && content_len < 75) || embeds > 1 {
            remove = true;
        }
        if img == 0.0 && td == 0.0 {
            remove = true;
        }
        if is_list && remove {
            // Simple lists of images stay.
            for c in doc.element_children(node) {
                if doc.element_children(c).count() > 1 {
                    return remove;
                }
            }
            let li_count = count_tag(doc, node, "li") as f64;
            if img == li_count {
                return false;
            }
        }
        remove
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::score::Flags as RuleFlags;

    fn shape(doc: &Document) -> Vec<String> {
        doc.descendants(doc.root())
            .map(|d| match doc.data(d) {
                NodeData::Element(e) => format!("<{}", e.name),
                NodeData::Text(t) => t.to_string(),
                _ => String::new(),
            })
            .collect()
    }

    /// Runs both versions of every conditional cleaning on `html`'s body and compares.
    fn check(name: &str, html: &str) {
        let base = crate::parse::parse_html(html);
        let Some(body) = base.body() else { return };
        for weight_classes in [true, false] {
            let flags = RuleFlags { strip_unlikely: true, weight_classes, clean_conditionally: true };
            let (mut fast, mut slow) = (base.clone(), base.clone());
            let mut ctx = Ctx::new(flags, None, base.len(), std::rc::Rc::new(crate::extract::lexicon::Signals::new(&base)));
            mark_data_tables(&base, body, &mut ctx);
            for tag in ["form", "fieldset", "table", "ul", "div"] {
                clean_conditionally(&mut fast, body, tag, &ctx);
                naive::clean_conditionally(&mut slow, body, tag, &ctx);
                assert!(shape(&fast) == shape(&slow), "{name}: clean_conditionally({tag}) differs from the naive version");
            }
        }
    }

    /// The body's text after `clean_conditionally(div)` with class weighting on.
    fn cleaned_text(html: &str) -> String {
        let mut doc = crate::parse::parse_html(html);
        let body = doc.body().unwrap();
        let flags = RuleFlags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };
        let ctx = Ctx::new(flags, None, doc.len(), std::rc::Rc::new(crate::extract::lexicon::Signals::new(&doc)));
        clean_conditionally(&mut doc, body, "div", &ctx);
        crate::text::normalize_ws(&doc.text_content(body))
    }

    #[test]
    fn section_card_grids_stay() {
        let cards = r#"<div><a href="/auth-apple"><div><div><img src=a.svg></div><div><h5>Apple</h5><div></div></div></div></a><a href="/auth-azure"><div><div><img src=b.svg></div><div><h5>Azure (Microsoft)</h5></div></div></a><a href="/auth-discord"><div><div><img src=c.svg></div><div><h5>Discord</h5></div></div></a></div>"#;
        let t = cleaned_text(&format!(r##"<body><h3 id="social-auth">Social Auth<a href="#social-auth">#</a></h3>{cards}</body>"##));
        assert!(t.contains("Azure (Microsoft)") && t.contains("Discord"), "{t}");
        // After a heading without a permalink to itself, the link boxes go.
        let t = cleaned_text(&format!(r##"<body><h3 id="social-auth">Social Auth</h3>{cards}</body>"##));
        assert!(!t.contains("Azure (Microsoft)"), "{t}");
    }

    #[test]
    fn permalinked_headings_with_negative_classes_stay() {
        let page = |h: &str| {
            let p = "<p>In this guide series, you will gain hands-on experience, starting with installing and setting up the tools on your own machine.</p>";
            let html = format!("<html><body><div class=main>{p}{p}{h}{p}{p}</div></body></html>");
            crate::extract(&html, &crate::Options::default()).unwrap().text()
        };
        let t = page(r##"<h2 class="scroll-mt-20" id="modules"><a href="#modules">Modules</a></h2>"##);
        assert!(t.contains("Modules"), "{t}");
        // So does one whose id is its words (the target of the page's outline).
        let t = page(r##"<h2 class="scroll-mt-[110px]" id="prohibited-products-policy">Prohibited Products Policy</h2>"##);
        assert!(t.contains("Prohibited Products Policy"), "{t}");
        let t = page(r##"<h2 class="scroll-mt-20" id="modules">Modules</h2>"##);
        assert!(!t.contains("Modules"), "{t}");
    }

    #[test]
    fn section_headers_stay() {
        let page = |n: usize| {
            let p = "<p>The trail runs along the bayou for several miles, with shade, water fountains and benches on the way.</p>";
            let parts: String = (1..=n).map(|i| format!("<section><header><h3>Trail number {i}</h3></header>{p}{p}</section>")).collect();
            let html = format!("<html><body><article><header><h1>Best trails</h1><p>By Ann Lee</p></header>{p}{parts}</article></body></html>");
            crate::extract(&html, &crate::Options::default()).unwrap().text()
        };
        let t = page(3);
        assert!(t.contains("Trail number 2"), "{t}");
        assert!(!t.contains("By Ann Lee"), "{t}");
        // A lone one is a box's header.
        let t = page(1);
        assert!(!t.contains("Trail number 1"), "{t}");
    }

    #[test]
    fn faq_toggle_text_stays() {
        let t = crate::extract::clutter::tests::article_text(
            "<div><button aria-expanded=true>How long does the whole process take?</button><div><p>About two weeks.</p></div></div><button aria-expanded=false>Menu</button>",
        );
        assert!(t.contains("How long does the whole process take?") && !t.contains("Menu"), "{t}");
    }

    #[test]
    fn a_permalinked_section_heading_alone_in_its_box_stays() {
        let html = r##"<body><div><div><h4 id="examples-basic">Basic examples<a href="#examples-basic" aria-label="Link">#</a></h4><div></div></div><p>In this example the state variable holds a number, and clicking the button increments it.</p></div></body>"##;
        assert!(cleaned_text(html).contains("Basic examples"), "{}", cleaned_text(html));
        // A heading left alone in its box after its list went (related links) goes as before.
        let gone = cleaned_text(&html.replace(r##"<a href="#examples-basic" aria-label="Link">#</a>"##, ""));
        assert!(!gone.contains("Basic examples"), "{gone}");
    }

    #[test]
    fn a_paragraph_with_a_few_links_stays_in_its_wrapper() {
        let html = r#"<body><div data-testid="content"><p>Three-letter <a href="https://www.iso.org/iso-4217">ISO currency code</a>, in lowercase. Must be a <a href="/currencies">supported currency</a>.</p></div></body>"#;
        assert!(cleaned_text(html).contains("Must be a supported currency"), "{}", cleaned_text(html));
        // Link-dense lines stay out: a label and a headline, or a hatnote box with a role.
        let gone = cleaned_text(r#"<body><div><p>Read more: <a href="/x">The river rose overnight and the streets were closed</a>.</p></div></body>"#);
        assert!(!gone.contains("Read more"), "{gone}");
        let gone = cleaned_text(r#"<body><div role=note><p>This article is about the country. For other uses, see <a href="/d">New Zealand (disambiguation)</a>.</p></div></body>"#);
        assert!(!gone.contains("For other uses"), "{gone}");
    }

    #[test]
    fn admonitions_stay() {
        let tip = r#"<div class="admonition tip"><p class="admonition-title">Tip</p><p>For more on sending email, see <a href="../email/">Sending email</a>.</p></div>"#;
        let kept = cleaned_text(&format!("<body>{tip}</body>"));
        assert!(kept.contains("For more on sending email"), "{kept}");
        // The same box without the admonition class and label goes (short and link-dense).
        let gone = cleaned_text(&format!("<body>{}</body>", tip.replace("admonition tip", "box").replace(r#"<p class="admonition-title">Tip</p>"#, "")));
        assert!(!gone.contains("For more on sending email"), "{gone}");
        // A wiki's template box opening with a label, bare or wrapped in a paragraph.
        for b in [r#"<div class="template-box"><strong>Note</strong> <a href="/x">pactree</a> is in <a href="/y">contrib</a>.</div>"#, r#"<div class="template-box"><p><strong>Note:</strong> <a href="/x">pactree</a> is in <a href="/y">contrib and more packages</a>.</p></div>"#] {
            let kept = cleaned_text(&format!("<body>{b}</body>"));
            assert!(kept.contains("is in"), "{kept}");
        }
    }

    #[test]
    fn tables_of_contents_of_other_pages_stay() {
        let entries = ["Introduction", "Index Types", "Multicolumn Indexes", "Unique Indexes", "Partial Indexes", "Examining Index Usage"];
        let page = |href: &dyn Fn(usize) -> String| {
            let items: String = entries.iter().enumerate().map(|(i, e)| format!("<dt><span><a href=\"{}\">11.{i}. {e}</a></span></dt>", href(i))).collect();
            format!("<body><div class=chapter><h2>Chapter 11. Indexes</h2><div class=toc><p><strong>Table of Contents</strong></p><dl class=toc>{items}</dl></div><p>Indexes are a common way to enhance database performance.</p></div></body>")
        };
        // A chapter page: its table of contents and its paragraph stay.
        let kept = cleaned_text(&page(&|i| format!("indexes-{i}.html")));
        assert!(kept.contains("Partial Indexes") && kept.contains("enhance database performance"), "{kept}");
        // A page's own outline of `#` anchors is judged as before.
        let gone = cleaned_text(&page(&|i| format!("#s{i}")));
        assert!(!gone.contains("Partial Indexes"), "{gone}");
        // So is a list of other pages not named a table of contents.
        let gone = cleaned_text(&page(&|i| format!("indexes-{i}.html")).replace("class=toc", "class=list"));
        assert!(!gone.contains("Partial Indexes"), "{gone}");
    }

    #[test]
    fn long_prose_named_like_a_component_stays() {
        let prose = "This paragraph is part of the review and tells the reader a good deal about the product. ".repeat(3);
        // A product box named `widget` holding paragraphs of prose is content.
        let kept = cleaned_text(&format!("<body><div class='c-product-widget'><p>{prose}</p><p>{prose}</p></div></body>"));
        assert!(kept.contains("good deal"), "{kept}");
        // Strong negative names still remove, and so do short or link-heavy weak ones.
        for html in [
            format!("<body><div class='comments'><p>{prose}</p></div></body>"),
            format!("<body><div class='sidebar-widget'><p>{prose}</p></div></body>"),
            "<body><div class='promo'><p>Try our app today, it is free.</p></div></body>".to_owned(),
            format!("<body><div class='media-links'><p><a href=/a>{prose}</a></p></div></body>"),
        ] {
            assert!(!cleaned_text(&html).contains("good deal") && !cleaned_text(&html).contains("app"), "{html}");
        }
    }

    #[test]
    fn code_sample_boxes_stay() {
        let doc = crate::parse::parse_html(r#"<body><div id=root><p>Intro text.</p><div class="group scroll-mt-2"><div><pre>services:\n  web:\n    build: .</pre></div></div><div class="scroll-box">Plain negative box</div></div></body>"#);
        let root = doc.find_tag(doc.root(), "div").unwrap();
        let flags = RuleFlags { strip_unlikely: true, weight_classes: true, clean_conditionally: true };
        let mut ctx = Ctx::new(flags, None, doc.len(), std::rc::Rc::new(crate::extract::lexicon::Signals::new(&doc)));
        let mut d = doc.clone();
        mark_data_tables(&d, root, &mut ctx);
        clean_conditionally(&mut d, root, "div", &ctx);
        let text = d.text_content(root);
        assert!(text.contains("build: ."), "{text}");
        assert!(!text.contains("Plain negative box"), "{text}");
    }

    #[test]
    fn linear_clean_conditionally_matches_the_naive_one() {
        let mut n = 0;
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/readability-test-pages");
        for dir in [fixtures, corpus] {
            let Ok(rd) = std::fs::read_dir(dir) else {
                eprintln!("skipping {dir}: not present");
                continue;
            };
            let mut cases: Vec<_> = rd.flatten().map(|e| e.path()).collect();
            cases.sort();
            // Debug builds are slow on the naive version: a sample there, all in release.
            let take = if cfg!(debug_assertions) { 15 } else { usize::MAX };
            for case in cases.into_iter().take(take) {
                if let Ok(html) = std::fs::read_to_string(case.join("source.html")) {
                    check(&case.display().to_string(), &html);
                    n += 1;
                }
            }
        }
        // Hand-made edge cases: nested lists of images, link-only divs, embeds, data tables.
        check("edges", r##"<body><div><ul><li><img src=a></li><li><img src=b></li></ul>
            <div class="share"><a href="/x">x</a></div><div><a href="#a">in page</a> text text</div>
            <div><iframe src="https://www.youtube.com/embed/x"></iframe></div><div><iframe src="https://ads.example/x"></iframe>short</div>
            <table summary=s><tr><td><div><a href=/y>link</a></div></td></tr></table>
            <figure><div><img src=c><img src=d><img src=e></div></figure><div><input><input><p>p</p></div>
            <div>Loading…</div><div><p>a, b, c, d, e, f, g, h, i, j, k, l</p><a href=/z>zzz</a></div>
            <div class="scroll-mt-2"><button>Copy</button><pre>let x = 1;</pre></div><div class="scroll"><pre>a</pre><p>long text beside the code</p></div>
            <div><h2>Part</h2><div class=toc><div class=toc><a href=a.html>One part</a><a href=b.html#x>Two</a></div><a href=c.html>Three parts</a></div><p>Short.</p></div>
            <a href=d.html><div class=toc><a href=#y>Four</a>text</div></a><div id=toc><ul><li><a href="#z">Five</a></li></ul><a href=e.html>Six</a></div>
            <div><h4 id=ex>Examples<a href=#ex>#</a></h4><div></div></div><div><h4>Related</h4><div></div></div>
            <div><p>Three-letter <a href=/iso>ISO currency code</a>, in lowercase. Must be a <a href=/c>supported currency</a>.</p><div><a href=/x>gone link</a></div></div>
            <div role=note><p>This article is about the country. For other uses, see <a href=/d>the disambiguation page</a>.</p></div>
            <h3 id=social>Social<a href=#social>#</a></h3><div><a href=/a><div><img src=a><div>Apple</div></div></a><a href=/b><div><img src=b><div>Bitbucket</div></div></a><a href=/c><div>Discord</div></a></div></div></body>"##);
        assert!(n >= 1);
    }
}
