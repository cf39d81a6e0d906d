//! Documentation pages (API references, manuals, product docs, wikis): structure that
//! Readability's news-article rules misread.
//!
//! - *heading anchors*: a section or heading whose `id` is made from its heading's words
//!   (`respond-to-review-comments`, `Skip_package_from_being_upgraded`, or a one-word
//!   `commentary` that the heading's permalink points at) is not read as a name
//!   for the block: it makes it neither an unlikely candidate nor a widget
//!   ([`super::lexicon::Signals`]); Readability's class weights still read it;
//! - *sibling sections*: a manual split into sections of one kind (`div.sect1`, `<section>`),
//!   each opening with a heading, is one document: when the best candidate lies in one of
//!   them, their parent is the candidate ([`section_container`]);
//! - *labels side by side*: a heading made of separate labels (an API reference's parameter
//!   name, type and badges, laid out by CSS with no space between the elements) reads as
//!   separate words ([`space_heading_labels`]).

use crate::dom::{Document, NodeId};

use super::util::TextStats;

/// An id must have at least this many words to count as a heading anchor: a one- or two-word
/// id (`comments`, `related-posts`) names the block as often as it repeats its title.
const ANCHOR_MIN_WORDS: usize = 3;

/// Lowercased alphanumeric words of `s`, split on everything else and on camelCase humps.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    super::lexicon::any_token(s, |t| {
        out.push(t.to_owned());
        false
    });
    out
}

/// Whether element `id`'s `id` attribute is an anchor made from the words of its heading: the
/// element is a heading, or its first or second element child is one, and the id's words
/// contain the heading's words in order (a prefix like `s-` or a numbering is allowed) or the
/// heading starts with the id's words (a shortened slug). Needs at least
/// [`ANCHOR_MIN_WORDS`] words in common.
pub fn id_is_heading_anchor(doc: &Document, id: NodeId) -> bool {
    let Some(idv) = doc.attr(id, "id") else { return false };
    let is_heading = |n: NodeId| super::util::is_heading(doc, n);
    let heading = if is_heading(id) { Some(id) } else { doc.element_children(id).take(2).find(|&c| is_heading(c)) };
    let Some(h) = heading else { return false };
    let id_words = words(idv);
    // A heading that links to the id (a permalink, `¶`) makes a short id an anchor too when it
    // is the heading's words: a comment thread's heading does not link to itself.
    let self_link = || doc.descendants(h).any(|d| doc.is_tag(d, "a") && doc.attr(d, "href").and_then(|v| v.strip_prefix('#')) == Some(idv));
    let min_words = if self_link() { 1 } else { ANCHOR_MIN_WORDS };
    if id_words.len() < min_words {
        return false;
    }
    // Heading text, bounded: a slug is short.
    let mut text = String::new();
    for d in doc.descendants(h) {
        if let crate::dom::NodeData::Text(t) = doc.data(d) {
            text.push_str(t);
            text.push(' ');
            if text.len() > 300 {
                return false;
            }
        }
    }
    let head_words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if head_words.len() < min_words {
        return false;
    }
    if min_words < ANCHOR_MIN_WORDS {
        // Short ids: exactly the heading's words (`commentary` for "Commentary¶").
        return id_words == head_words;
    }
    id_words.windows(head_words.len()).any(|w| w == head_words.as_slice()) || head_words.starts_with(&id_words)
}

/// Whether `id` opens with a heading that carries a permalink to itself (an `a` whose href is
/// `#` + the heading's or `id`'s own id) and no other link: a section of a generated document
/// (Sphinx, MkDocs, Docusaurus), however many links its body holds (a reference list).
pub fn opens_with_permalinked_heading(doc: &Document, id: NodeId) -> bool {
    doc.element_children(id).next().filter(|&c| super::util::is_heading(doc, c)).is_some_and(|h| is_permalinked_heading(doc, h, Some(id)))
}

/// Whether `id` comes right after a heading that carries a permalink to itself: the body of a
/// section of a generated document whose headings and blocks are siblings (rendered Markdown).
fn follows_permalinked_heading(doc: &Document, id: NodeId) -> bool {
    doc.prev_element_sibling(id).filter(|&h| super::util::is_heading(doc, h)).is_some_and(|h| is_permalinked_heading(doc, h, None))
}

/// Fewest cards of a section's grid of link cards.
const SECTION_CARDS_MIN: usize = 3;

/// Whether `id` is a grid of link cards that makes up a section of a generated document: it
/// comes right after a heading with a permalink to itself ([`follows_permalinked_heading`])
/// and its element children are [`SECTION_CARDS_MIN`]+ links (`a`), and nothing else (the
/// providers, integrations or platforms the section lists, each a logo and a name). Neither a card list
/// ([`super::clutter::clean_article`]) nor removed by conditional cleaning, with everything
/// inside ([`super::clean`]).
pub fn is_section_card_grid(doc: &Document, id: NodeId) -> bool {
    if !follows_permalinked_heading(doc, id) {
        return false;
    }
    let mut n = 0;
    for c in doc.element_children(id) {
        if !doc.is_tag(c, "a") {
            return false;
        }
        n += 1;
    }
    n >= SECTION_CARDS_MIN
}

/// Whether heading `h` links to its own id (or to its `section`'s), and to nothing else.
pub fn is_permalinked_heading(doc: &Document, h: NodeId, section: Option<NodeId>) -> bool {
    let own = |target: &str| [doc.attr(h, "id"), section.and_then(|s| doc.attr(s, "id"))].into_iter().flatten().any(|i| !i.is_empty() && i == target);
    let mut permalink = false;
    for a in doc.descendants(h).filter(|&d| doc.is_tag(d, "a")) {
        // `#id`, or a path then `#id` (the page's own address written out).
        match doc.attr(a, "href").and_then(|v| v.rsplit_once('#')).map(|(_, t)| t) {
            Some(t) if own(t) => permalink = true,
            _ => return false,
        }
    }
    permalink
}

/// Whether heading `h`'s `id` is its words: a heading anchor ([`id_is_heading_anchor`]), or
/// exactly the heading's words when they are at least two (`hello-world` for "Hello, world!"),
/// possibly slugged from the heading's source markup ([`slug_of_markup`]).
/// Such a heading is a target of the page's table of contents, whatever its class says about
/// the table (`hide-from-toc`, `toc`).
pub fn is_toc_target(doc: &Document, h: NodeId) -> bool {
    let Some(idv) = doc.attr(h, "id") else { return false };
    if id_is_heading_anchor(doc, h) {
        return true;
    }
    let id_words = words(idv);
    if id_words.len() < 2 || id_words.len() > 20 {
        return false;
    }
    if super::util::inner_text_len(doc, h) > 300 {
        return false;
    }
    let text = doc.text_content(h);
    let head_words: Vec<String> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    id_words == head_words || slug_of_markup(&id_words, &head_words)
}

/// Whether `rest` is one or more [`super::lexicon::SLUG_MARKUP_WORDS`] glued together.
fn is_markup_run(rest: &str) -> bool {
    let mut r = rest;
    while !r.is_empty() {
        match super::lexicon::SLUG_MARKUP_WORDS.iter().find(|m| r.starts_with(**m)) {
            Some(m) => r = &r[m.len()..],
            None => return false,
        }
    }
    !rest.is_empty()
}

/// Whether `id_words` are `head_words` slugged from the heading's source markup: entity and tag
/// names ([`super::lexicon::SLUG_MARKUP_WORDS`]) stand alone or glued after a word
/// (`kotlincolon-br-a-modern-…` for `Kotlin&colon; <br> A modern …`), at least one of them.
fn slug_of_markup(id_words: &[String], head_words: &[String]) -> bool {
    let (mut i, mut markup) = (0, false);
    for w in id_words {
        let h = head_words.get(i);
        if h == Some(w) {
            i += 1;
        } else if h.and_then(|h| w.strip_prefix(h.as_str())).is_some_and(is_markup_run) {
            i += 1;
            markup = true;
        } else if is_markup_run(w) {
            markup = true;
        } else {
            return false;
        }
    }
    markup && i == head_words.len()
}

/// How many levels above the top candidate [`section_container`] looks for its section.
const SECTION_MAX_UP: usize = 4;
/// Sibling sections denser in links than this are a link hub (cards, menus), not a document.
const SECTION_MAX_LINK_DENSITY: f64 = 0.3;

/// Whether `id` opens with a heading: its first element child is `h1`–`h6`.
fn opens_with_heading(doc: &Document, id: NodeId) -> bool {
    doc.element_children(id).next().is_some_and(|c| super::util::is_heading(doc, c))
}

/// Whether `id` opens with a heading that holds no link: a section of a document, where a
/// card opens with a linked headline.
pub fn opens_with_plain_heading(doc: &Document, id: NodeId) -> bool {
    opens_with_heading(doc, id) && doc.element_children(id).next().is_some_and(|h| !doc.descendants(h).any(|d| doc.is_tag(d, "a") && doc.attr(d, "href").is_some_and(|v| !v.starts_with('#'))))
}

/// When `tc` lies (within [`SECTION_MAX_UP`] levels) in a section that opens with a heading and
/// has sibling sections of the same tag and class that also open with a heading, the parent of
/// those sections: the document of which the best-scoring section is one part. `None` when
/// the sibling sections are link-dense (a hub of cards or menus).
pub fn section_container(doc: &Document, tc: NodeId, stats: &TextStats) -> Option<NodeId> {
    let mut a = tc;
    for _ in 0..SECTION_MAX_UP {
        let p = doc.parent(a)?;
        if doc.is_tag(p, "body") || !doc.is_element(p) {
            return None;
        }
        if opens_with_heading(doc, a) {
            let key = (doc.tag(a), doc.attr(a, "class"));
            let (mut len, mut link10, mut n) = (0u64, 0u64, 0usize);
            for c in doc.element_children(p) {
                if c != a && (doc.tag(c), doc.attr(c, "class")) == key && opens_with_heading(doc, c) {
                    len += stats.len(c) as u64;
                    link10 += stats.link10.get(c.index()).copied().unwrap_or(0) as u64;
                    n += 1;
                }
            }
            if n > 0 && len > 0 && (link10 as f64 / 10.0) < SECTION_MAX_LINK_DENSITY * len as f64 {
                return Some(p);
            }
        }
        a = p;
    }
    None
}

/// Least paragraph text (chars) of a document header's introduction.
const HEADER_INTRO_MIN: usize = 200;
/// Most link density of a document header's introduction.
const HEADER_MAX_LINK_DENSITY: f64 = 0.25;

/// Whether `s`, a sibling before the top candidate `tc` that held the page's `h1` (the caller
/// knows), is the document's header: it holds an introduction of paragraphs
/// ([`HEADER_INTRO_MIN`] characters, few links). Reference pages put the title and the
/// summary in a header block beside the body (MDN's `reference-layout__header`), which scores
/// below the body's sibling threshold.
pub fn is_document_header(doc: &Document, s: NodeId, tc: NodeId) -> bool {
    if !doc.element_children(doc.parent(s).unwrap_or(s)).take_while(|&c| c != tc).any(|c| c == s) {
        return false;
    }
    let (mut text, mut links) = (0usize, 0usize);
    for d in doc.descendants(s) {
        if doc.is_tag(d, "p") {
            text += super::util::inner_text_len(doc, d);
            links += doc.descendants(d).filter(|&a| doc.is_tag(a, "a")).map(|a| super::util::inner_text_len(doc, a)).sum::<usize>();
        }
    }
    text >= HEADER_INTRO_MIN && (links as f64) < HEADER_MAX_LINK_DENSITY * text as f64
}

/// Shortest text (chars) on each side of a label boundary in a heading: a one-letter span is
/// a drop cap or a letter styled apart, not a label.
const LABEL_MIN_CHARS: usize = 2;

/// Puts a space between sibling elements of a heading (or a definition term) that the page
/// sets side by side with no space in the markup (`<span>customer</span><span>nullable
/// string</span><span>Expandable</span>`, a flex row of name, type and badge): when the text
/// before the boundary ends with a letter or digit and the text after it starts with one,
/// each side at least [`LABEL_MIN_CHARS`] long. Code (`code`, `pre`) is left alone: its
/// highlighted tokens touch on purpose. One walk of the headings' subtrees.
pub fn space_heading_labels(doc: &mut Document, root: NodeId) {
    use crate::dom::{Edge, NodeData};
    let mut spaces = Vec::new();
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        let Edge::Open(h) = e else { continue };
        if !(super::util::is_heading(doc, h) || doc.is_tag(h, "dt")) {
            continue;
        }
        walk.skip_children(h);
        // The previous non-blank text node of the heading, when nothing but elements (no
        // blank text, no code) came between it and the current one.
        let mut prev: Option<NodeId> = None;
        let mut inner = doc.traverse(h);
        while let Some(e) = inner.next() {
            let Edge::Open(n) = e else { continue };
            match doc.data(n) {
                NodeData::Text(t) if super::util::is_blank(t) => prev = None,
                NodeData::Text(t) => {
                    if let Some(p) = prev {
                        if let Some(at) = label_boundary(doc, h, p, n, t) {
                            spaces.push(at);
                        }
                    }
                    prev = Some(n);
                }
                NodeData::Element(el) if matches!(&*el.name, "code" | "pre") => {
                    inner.skip_children(n);
                    prev = None;
                }
                _ => {}
            }
        }
    }
    for at in spaces {
        let sp = doc.create_text(" ");
        doc.insert_before(at, sp);
    }
}

/// The element before which a space separates text nodes `a` and `b` (`b`'s text `tb`) of
/// heading `h`: `b`'s outermost ancestor below `h` that it starts, when that is an element
/// right after the outermost element that `a` ends.
fn label_boundary(doc: &Document, h: NodeId, a: NodeId, b: NodeId, tb: &str) -> Option<NodeId> {
    let ta = doc.text(a)?;
    let ends = ta.chars().last().is_some_and(char::is_alphanumeric);
    let starts = tb.chars().next().is_some_and(char::is_alphanumeric);
    if !ends || !starts || ta.trim().chars().count() < LABEL_MIN_CHARS || tb.trim().chars().count() < LABEL_MIN_CHARS {
        return None;
    }
    // Climb while the node is its parent's first (last) child, comments aside.
    let edge = |mut n: NodeId, first: bool| {
        while let Some(p) = doc.parent(n).filter(|&p| p != h) {
            let mut sibs = std::iter::successors(if first { doc.prev_sibling(n) } else { doc.next_sibling(n) }, |&s| if first { doc.prev_sibling(s) } else { doc.next_sibling(s) });
            if sibs.any(|s| !matches!(doc.data(s), crate::dom::NodeData::Comment)) {
                break;
            }
            n = p;
        }
        n
    };
    let (ea, eb) = (edge(a, false), edge(b, true));
    let (Some(x), Some(y)) = (doc.element(ea).filter(|_| ea != a), doc.element(eb).filter(|_| eb != b)) else { return None };
    // Twin elements (same tag, same attributes: a link an editor split mid-word) are one run.
    let twins = x.name == y.name && x.attrs == y.attrs;
    (!twins && doc.next_sibling(ea) == Some(eb)).then_some(eb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(doc: &Document, tag: &str) -> NodeId {
        doc.find_tag(doc.root(), tag).unwrap()
    }

    #[test]
    fn labels_side_by_side_in_a_heading_are_spaced() {
        let text = |html: &str| {
            let mut doc = crate::parse::parse_html(html);
            let root = doc.root();
            space_heading_labels(&mut doc, root);
            doc.text_content(first(&doc, "h4"))
        };
        assert_eq!(text(r#"<h4><button></button><div><span class=a><span class=n><span>customer</span></span><span class=t>nullable string</span><span class=b>Expandable</span></span></div></h4>"#), "customer nullable string Expandable");
        // Words split by markup, code tokens, a split link and a drop cap stay whole.
        assert_eq!(text(r#"<h4><a href=/b>Target Br</a><a href=/b>ands</a></h4>"#), "Target Brands");
        assert_eq!(text(r#"<h4><code><span class=k>let</span><span class=v>x1</span></code></h4>"#), "letx1");
        assert_eq!(text(r#"<h4><span class=cap>T</span><span>he end</span></h4>"#), "The end");
        assert_eq!(text(r#"<h4>Java<span>Script</span>()</h4>"#), "JavaScript()");
    }

    #[test]
    fn heading_anchor_ids() {
        let doc = crate::parse::parse_html(r##"<section id="respond-to-review-comments"><h2>Respond to review comments<a href="#x">¶</a></h2><p>x</p></section>"##);
        assert!(id_is_heading_anchor(&doc, first(&doc, "section")));
        let doc = crate::parse::parse_html(r#"<section id="s-be-careful-with-related-name"><h3>Be careful with related_name</h3></section>"#);
        assert!(id_is_heading_anchor(&doc, first(&doc, "section")));
        let doc = crate::parse::parse_html(r#"<h2 id="Skip_package_from_being_upgraded">Skip package from being upgraded</h2>"#);
        assert!(id_is_heading_anchor(&doc, first(&doc, "h2")));
        // Short ids name the block; ids that are not the heading's words are names too.
        let doc = crate::parse::parse_html(r#"<section id="comments"><h2>Comments</h2></section>"#);
        assert!(!id_is_heading_anchor(&doc, first(&doc, "section")));
        let doc = crate::parse::parse_html(r#"<div id="related-posts-widget"><h3>You may also like these</h3></div>"#);
        assert!(!id_is_heading_anchor(&doc, first(&doc, "div")));
        // A one-word id is an anchor when its heading links to it (a permalink).
        let doc = crate::parse::parse_html(r##"<section id="commentary"><h3>Commentary<a class="headerlink" href="#commentary">¶</a></h3><p>x</p></section>"##);
        assert!(id_is_heading_anchor(&doc, first(&doc, "section")));
        let doc = crate::parse::parse_html(r##"<section id="comments"><h3>Comments<a href="#top">¶</a></h3></section>"##);
        assert!(!id_is_heading_anchor(&doc, first(&doc, "section")));
        let doc = crate::parse::parse_html(r##"<section id="comments"><h3>Leave a comment<a href="#comments">¶</a></h3></section>"##);
        assert!(!id_is_heading_anchor(&doc, first(&doc, "section")));
    }

    #[test]
    fn slugs_of_heading_markup_are_toc_targets() {
        let doc = crate::parse::parse_html(r#"<h3 id="kotlincolon-br-a-modern-concise-language" class="hide-from-toc"><a href="/kotlin">Kotlin&colon; <br> A modern, concise language</a></h3>"#);
        assert!(is_toc_target(&doc, first(&doc, "h3")));
        let doc = crate::parse::parse_html(r#"<h3 id="composecolonbr-build-user-interfaces"><a href="/c">Compose&colon;<br> Build user interfaces</a></h3>"#);
        assert!(is_toc_target(&doc, first(&doc, "h3")));
        // Other extra words, or a word the heading lacks, still make a name.
        let doc = crate::parse::parse_html(r#"<h3 id="promo-build-user-interfaces">Compose: Build user interfaces</h3>"#);
        assert!(!is_toc_target(&doc, first(&doc, "h3")));
        let doc = crate::parse::parse_html(r#"<h3 id="composecolonbr-build-user">Compose: Build user interfaces</h3>"#);
        assert!(!is_toc_target(&doc, first(&doc, "h3")));
    }

    #[test]
    fn permalinks_may_write_out_the_page_address() {
        let doc = crate::parse::parse_html(r#"<h2 id="manage-resources"><a href="/docs/resources#manage-resources">#</a>Manage resources</h2>"#);
        assert!(is_permalinked_heading(&doc, first(&doc, "h2"), None));
        let doc = crate::parse::parse_html(r##"<h2 id="manage-resources"><a href="#manage-resources">#</a>Manage resources</h2>"##);
        assert!(is_permalinked_heading(&doc, first(&doc, "h2"), None));
        // A link to another anchor, or to a page, is no permalink.
        let doc = crate::parse::parse_html(r#"<h2 id="manage-resources"><a href="/docs/resources#intro">#</a>Manage resources</h2>"#);
        assert!(!is_permalinked_heading(&doc, first(&doc, "h2"), None));
        let doc = crate::parse::parse_html(r#"<h2 id="manage-resources"><a href="/docs/manage-resources">Manage resources</a></h2>"#);
        assert!(!is_permalinked_heading(&doc, first(&doc, "h2"), None));
    }

    #[test]
    fn plain_headings_open_sections_linked_ones_open_cards() {
        let doc = crate::parse::parse_html(r##"<section id=s><h3>Data analyst<a href="#data-analyst">¶</a></h3><p>Guides</p></section><article id=c><h3><a href=/x>Team wins the final</a></h3></article><div id=d><p>x</p></div>"##);
        let by_id = |v: &str| doc.descendants(doc.root()).find(|&d| doc.attr(d, "id") == Some(v)).unwrap();
        assert!(opens_with_plain_heading(&doc, by_id("s")));
        assert!(!opens_with_plain_heading(&doc, by_id("c")));
        assert!(!opens_with_plain_heading(&doc, by_id("d")));
    }

    #[test]
    fn sibling_sections_make_one_document() {
        let opt = "<dt>--verbose</dt><dd><div><p>Show the diff of every file in the commit message template, so that you can review what you are about to record.</p></div></dd>";
        let opts = opt.repeat(8);
        let html = format!(
            r#"<html><body><div class=nav><a href=/a>Home</a></div><div id=main>
            <div class=sect1><h2>NAME</h2><div class=body><div class=para><p>tool-commit - Record changes</p></div></div></div>
            <div class=sect1><h2>DESCRIPTION</h2><div class=body><div class=para><p>Create a new commit holding the staged contents.</p></div></div></div>
            <div class=sect1><h2>OPTIONS</h2><div class=body><div class=dlist><dl>{opts}</dl></div></div></div>
            </div></body></html>"#
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("Create a new commit holding"), "{t}");
        assert!(t.contains("tool-commit - Record changes"), "{t}");
        assert!(t.contains("--verbose"), "{t}");
    }

    #[test]
    fn link_dense_sibling_sections_stay_out() {
        let html = |other: &str| {
            format!(
                r#"<html><body><div id=page><section class=block><h2>Story</h2><div id=tc><p>The river rose overnight and the lower streets were closed.</p></div></section>
                <section class=block><h2>More</h2>{other}</section></div></body></html>"#
            )
        };
        let pick = |h: &str| {
            let doc = crate::parse::parse_html(h);
            let stats = TextStats::new(&doc, doc.root(), &crate::extract::util::TextTable::default());
            let tc = doc.descendants(doc.root()).find(|&d| doc.attr(d, "id") == Some("tc")).unwrap();
            section_container(&doc, tc, &stats).and_then(|p| doc.attr(p, "id").map(str::to_owned))
        };
        assert_eq!(pick(&html("<p>Crews and volunteers filled sandbags all night long.</p>")).as_deref(), Some("page"));
        assert_eq!(pick(&html("<ul><li><a href=/1>Council votes on the budget</a></li><li><a href=/2>Bridge reopens</a></li></ul>")), None);
    }

    #[test]
    fn header_block_with_the_introduction_joins_the_body() {
        let intro = "<p>The Fetch API provides an interface for making requests and reading the responses, and it is promise based.</p>";
        let para = "<p>To make a request, call the function with the resource to fetch, and an optional object of options, such as the method, the headers and the body of the request.</p>";
        let section = format!("<section class=content-section><h2>Making a request</h2>{para}{para}{para}</section>");
        let html = format!(
            r##"<html><head><title>Using the Fetch API</title></head><body><main><div class="layout__top"><h1>Using the Fetch API</h1><section class=content-section>{intro}{intro}</section></div>
            <aside class=toc><a href="#a">Making a request</a></aside><div class="layout__body">{}</div></main></body></html>"##,
            section.repeat(8)
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("Fetch API provides an interface"), "{t}");
        assert!(t.contains("To make a request"), "{t}");
    }

    #[test]
    fn section_named_by_its_heading_is_scored() {
        let para = "<p>Your patch will get comments from reviewers on ways in which it can be improved, in the form of a reply to your email, and you must answer them.</p>";
        let html = format!(
            r#"<html><body><main><section id="intro"><h2>Introduction</h2>{para}{para}{para}{para}{para}</section>
            <section id="respond-to-review-comments"><h2>Respond to review comments</h2><p>Thank the reviewers for their time and say what you changed.</p>{para}</section>
            <section id="comments"><h2>Comments</h2><p>Nice post, thanks a lot!</p></section></main></body></html>"#
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("Thank the reviewers"), "{t}");
        assert!(!t.contains("Nice post"), "{t}");
    }
}
