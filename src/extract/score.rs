//! Phase 2, candidate scoring (Readability's `_grabArticle`): unlikely-candidate removal, byline
//! and title-duplicate removal, divs of phrasing content to paragraphs, paragraph scores
//! propagated to ancestors, top candidate with sibling merging.

use crate::dom::{Document, Element, NodeId};

use super::lexicon;
use super::util::*;

/// Which of Readability's rules are on; the retry loop turns them off one by one.
#[derive(Copy, Clone, Debug)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

/// State shared by the phases of one attempt.
pub struct Ctx {
    pub flags: Flags,
    /// The article title (from metadata), to drop its duplicate heading.
    pub title: Option<String>,
    /// Byline text found in the page (the node is removed from the content).
    pub byline: Option<String>,
    /// Whether metadata already has a byline (the byline node is removed either way).
    pub scores: Vec<f64>,
    pub scored: Vec<bool>,
    /// Tables judged to be data tables (by node index).
    pub data_table: Vec<bool>,
    /// `dir` of the article's ancestors.
    pub dir: Option<String>,
    /// When metadata gave a byline, byline nodes stay in the content.
    pub have_byline: bool,
    /// (child, removed wrapper) pairs: a `div` holding a single `p` is replaced by the `p`;
    /// the clutter phase still looks at the wrapper's class and id.
    pub unwrapped: Vec<(NodeId, NodeId)>,
    /// Class/id signals of the page's elements, shared by the attempts.
    pub sig: std::rc::Rc<lexicon::Signals>,
    /// Text node measures of the page, shared by the attempts (empty: measured on the fly).
    pub texts: std::rc::Rc<super::util::TextTable>,
}

impl Ctx {
    pub fn new(flags: Flags, title: Option<String>, n: usize, sig: std::rc::Rc<lexicon::Signals>) -> Ctx {
        Ctx { flags, title, byline: None, scores: vec![0.0; n], scored: vec![false; n], data_table: vec![false; n], dir: None, have_byline: false, unwrapped: Vec::new(), sig, texts: Default::default() }
    }

    pub fn grow(&mut self, n: usize) {
        if self.scores.len() < n {
            self.scores.resize(n, 0.0);
            self.scored.resize(n, false);
            self.data_table.resize(n, false);
        }
    }

    pub fn score(&self, id: NodeId) -> Option<f64> {
        self.scored.get(id.index()).copied().unwrap_or(false).then(|| self.scores[id.index()])
    }

    pub fn is_data_table(&self, id: NodeId) -> bool {
        self.data_table.get(id.index()).copied().unwrap_or(false)
    }
}

/// Readability's `_getClassWeight` (0 when class weighting is off).
pub fn class_weight(doc: &Document, id: NodeId, ctx: &Ctx) -> f64 {
    use lexicon::sig;
    if !ctx.flags.weight_classes {
        return 0.0;
    }
    let mut w = 0.0;
    for (bit, d) in [(sig::CLASS_NEG, -25.0), (sig::CLASS_POS, 25.0), (sig::ID_NEG, -25.0), (sig::ID_POS, 25.0)] {
        if ctx.sig.has(doc, id, bit) {
            w += d;
        }
    }
    w
}

fn initialize(doc: &Document, id: NodeId, ctx: &mut Ctx) {
    ctx.grow(doc.len());
    let base = match doc.tag(id).unwrap_or("") {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    ctx.scores[id.index()] = base + class_weight(doc, id, ctx);
    ctx.scored[id.index()] = true;
}

fn is_valid_byline(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().count() < 100
}

/// Readability's `_checkByline`: records the byline text and tells the caller to remove the node.
fn check_byline(doc: &Document, id: NodeId, ctx: &mut Ctx) -> bool {
    if ctx.byline.is_some() || ctx.have_byline {
        return false;
    }
    let e = doc.element(id).unwrap();
    let rel_author = e.attr("rel") == Some("author");
    let itemprop_author = e.attr("itemprop").is_some_and(|v| v.contains("author"));
    if !(rel_author || itemprop_author || ctx.sig.has(doc, id, lexicon::sig::BYLINE)) {
        return false;
    }
    let text = doc.text_content(id);
    if !is_valid_byline(&text) {
        return false;
    }

    // A descendant with itemprop=name is the more accurate name.
    let name_node = doc
        .descendants(id)
        .skip(1)
        .find(|&d| doc.attr(d, "itemprop").is_some_and(|v| v.contains("name")))
        .or_else(|| doc.descendants(id).skip(1).find(|&d| doc.attr(d, "rel") == Some("author")));
    let t = match name_node {
        Some(n) => doc.text_content(n),
        None => text,
    };
    let t = crate::text::normalize_ws(&t);
    if t.is_empty() {
        return false;
    }
    ctx.byline = Some(t);
    true
}

fn header_duplicates_title(doc: &Document, id: NodeId, ctx: &Ctx) -> bool {
    if !matches!(doc.tag(id), Some("h1" | "h2")) {
        return false;
    }
    let Some(title) = &ctx.title else { return false };
    let heading = inner_text(doc, id);
    text_similarity(title, &heading) > 0.75
}

/// The first `max` ancestors of `id` that are elements below `<html>` (Readability stops at
/// nodes whose parent is not an element).
fn scoring_ancestors(doc: &Document, id: NodeId, max: usize) -> Vec<NodeId> {
    let mut v = Vec::with_capacity(max);
    for a in doc.ancestors(id) {
        if v.len() == max {
            break;
        }
        v.push(a);
    }
    v
}

/// [`is_without_content`] for every element under a root, computed in one walk.
struct WithoutContent {
    /// Whether the subtree holds non-blank text.
    text: Vec<bool>,
    /// `br`/`hr` descendants (not the node itself).
    brs: Vec<u32>,
}

impl WithoutContent {
    fn new(doc: &Document, root: NodeId, texts: &TextTable) -> WithoutContent {
        let mut w = WithoutContent { text: vec![false; doc.len()], brs: vec![0; doc.len()] };
        for e in doc.traverse(root) {
            if let crate::dom::Edge::Close(id) = e {
                let i = id.index();
                if matches!(doc.data(id), crate::dom::NodeData::Text(t) if texts.get(id, t).nonws > 0) {
                    w.text[i] = true;
                }
                if id == root {
                    continue;
                }
                if let Some(p) = doc.parent(id) {
                    let own = matches!(doc.tag(id), Some("br" | "hr")) as u32;
                    w.brs[p.index()] += w.brs[i] + own;
                    w.text[p.index()] |= w.text[i];
                }
            }
        }
        w
    }

    fn get(&self, doc: &Document, id: NodeId) -> bool {
        let i = id.index();
        if i >= self.text.len() {
            return is_without_content(doc, id);
        }
        if self.text[i] {
            return false;
        }
        let kids = doc.element_children(id).count();
        kids == 0 || kids == self.brs[i] as usize
    }
}

/// The page's `<article>` when it has exactly one, and likewise its `<main>`.
fn sole_landmarks(doc: &Document, root: NodeId) -> Vec<NodeId> {
    let (mut articles, mut mains) = (Vec::new(), Vec::new());
    for d in doc.descendants(root) {
        match doc.tag(d) {
            Some("article") => articles.push(d),
            Some("main") => mains.push(d),
            _ => {}
        }
    }
    let mut v = Vec::new();
    for l in [articles, mains] {
        if l.len() == 1 {
            v.push(l[0]);
        }
    }
    v
}

/// Runs one attempt on `doc`. Returns the article container (a new `div` outside the page).
pub fn grab_article(doc: &mut Document, ctx: &mut Ctx) -> Option<NodeId> {
    let html = doc.html_element()?;
    let body = doc.body()?;
    let mut to_score: Vec<NodeId> = Vec::new();
    let mut should_remove_title_header = true;
    // Readability's `isElementWithoutContent` asks each div about its whole subtree; answered
    // once bottom-up. Exact: in document order, an element's subtree is still as parsed when
    // the walk reaches it (earlier steps remove or wrap nodes outside it, or wrap phrasing
    // runs without changing their text).
    let without_content = WithoutContent::new(doc, html, &ctx.texts);
    // The page's one `<article>` (or one `<main>`) is its declared content: a class such as
    // `template-with-sidebar` does not make it an unlikely candidate.
    let sole_landmark = sole_landmarks(doc, html);
    // Blocks holding an `h1` as parsed (the walk below may remove a title heading).
    let has_h1 = super::util::has_descendant_where(doc, html, |d, n| d.is_tag(n, "h1"));
    let mut cur = Some(html);
    while let Some(node) = cur {
        let Some(e) = doc.element(node) else {
            cur = doc.next_in_order(node, false);
            continue;
        };
        let tag = e.name.clone();
        let tag: &str = &tag;
        if tag == "head" {
            cur = doc.next_in_order(node, true);
            continue;
        }
        if e.attr("aria-modal") == Some("true") && e.attr("role") == Some("dialog") {
            cur = remove_and_next(doc, node);
            continue;
        }
        if check_byline(doc, node, ctx) {
            cur = remove_and_next(doc, node);
            continue;
        }
        if should_remove_title_header && header_duplicates_title(doc, node, ctx) {
            should_remove_title_header = false;
            cur = remove_and_next(doc, node);
            continue;
        }
        if ctx.flags.strip_unlikely {
            if ctx.sig.has(doc, node, lexicon::sig::UNLIKELY)
                && !ctx.sig.has(doc, node, lexicon::sig::MAYBE)
                && !has_ancestor_tag(doc, node, "table", 0)
                && !has_ancestor_tag(doc, node, "code", 0)
                && tag != "body"
                // The root's classes are page state (`sidebar-visible`, `header-position-top`):
                // removing it would leave nothing to strip or score.
                && tag != "html"
                && tag != "a"
                && !sole_landmark.contains(&node)
            {
                cur = remove_and_next(doc, node);
                continue;
            }
            if doc.attr(node, "role").is_some_and(|r| lexicon::UNLIKELY_ROLES.contains(&r)) {
                cur = remove_and_next(doc, node);
                continue;
            }
        }
        if matches!(tag, "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            && without_content.get(doc, node)
        {
            cur = remove_and_next(doc, node);
            continue;
        }
        let mut node = node;
        if lexicon::TAGS_TO_SCORE.contains(&tag) {
            to_score.push(node);
        }
        if tag == "div" {
            // Phrasing runs become paragraphs.
            let mut p: Option<NodeId> = None;
            let mut child = doc.first_child(node);
            while let Some(c) = child {
                let next = doc.next_sibling(c);
                if is_phrasing(doc, c) {
                    if let Some(pp) = p {
                        doc.append(pp, c);
                    } else if !is_whitespace(doc, c) {
                        let np = doc.create_element(Element::new("p"));
                        doc.insert_before(c, np);
                        doc.append(np, c);
                        p = Some(np);
                    }
                } else if let Some(pp) = p.take() {
                    while let Some(l) = doc.last_child(pp) {
                        if is_whitespace(doc, l) {
                            doc.detach(l);
                        } else {
                            break;
                        }
                    }
                }
                child = next;
            }
            if has_single_tag_inside(doc, node, "p") && link_density(doc, node) < 0.25 {
                let child = doc.element_children(node).next().unwrap();
                doc.insert_before(node, child);
                doc.detach(node);
                ctx.unwrapped.push((child, node));
                node = child;
                to_score.push(node);
            } else if !has_block_descendant(doc, node) {
                set_tag(doc, node, "p");
                to_score.push(node);
            }
        }
        cur = doc.next_in_order(node, false);
    }

    // Score paragraphs and propagate to ancestors.
    ctx.grow(doc.len());
    let mut in_body = vec![false; doc.len()];
    for d in doc.descendants(body) {
        in_body[d.index()] = true;
    }
    let mut candidates: Vec<NodeId> = Vec::new();
    for &el in &to_score {
        let Some(parent) = doc.parent(el) else { continue };
        if !doc.is_element(parent) {
            continue;
        }
        // Skip nodes removed from the page since they were queued.
        if !in_body.get(el.index()).copied().unwrap_or(false) {
            continue;
        }
        let (len, commas) = ctx.texts.inner_text_measure(doc, el);
        if len < 25 {
            continue;
        }
        let ancestors = scoring_ancestors(doc, el, 5);
        if ancestors.is_empty() {
            continue;
        }
        let mut score = 1.0;
        score += (commas + 1) as f64;
        score += ((len / 100) as f64).min(3.0);
        for (level, &a) in ancestors.iter().enumerate() {
            let Some(ap) = doc.parent(a) else { break };
            if !doc.is_element(a) || !doc.is_element(ap) {
                break;
            }
            if ctx.score(a).is_none() {
                initialize(doc, a, ctx);
                candidates.push(a);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            ctx.scores[a.index()] += score / div;
        }
    }

    // Scale by link density, keep the best five.
    let mut top: Vec<NodeId> = Vec::new();
    let stats = TextStats::new(doc, doc.root(), &ctx.texts);
    for &c in &candidates {
        let s = ctx.scores[c.index()] * (1.0 - stats.link_density(c));
        ctx.scores[c.index()] = s;
        let pos = top.iter().position(|&t| s > ctx.scores[t.index()]);
        match pos {
            Some(i) => top.insert(i, c),
            None => top.push(c),
        }
        top.truncate(5);
    }

    let mut top_candidate = top.first().copied();
    let needed_to_create;
    if top_candidate.is_none() || top_candidate.is_some_and(|t| doc.is_tag(t, "body")) {
        let div = doc.create_element(Element::new("div"));
        doc.reparent_children(body, div);
        doc.append(body, div);
        initialize(doc, div, ctx);
        top_candidate = Some(div);
        needed_to_create = true;
    } else {
        needed_to_create = false;
        let mut tc = top_candidate.unwrap();
        let tc_score = ctx.scores[tc.index()];
        // A common ancestor of several near-best candidates is a better pick.
        let alternatives: Vec<std::collections::HashSet<NodeId>> = top[1..]
            .iter()
            .filter(|&&t| ctx.scores[t.index()] / tc_score >= 0.75)
            .map(|&t| doc.ancestors(t).collect())
            .collect();
        if alternatives.len() >= 3 {
            let mut p = doc.parent(tc);
            while let Some(pp) = p {
                if doc.is_tag(pp, "body") || !doc.is_element(pp) {
                    break;
                }
                let lists = alternatives.iter().filter(|l| l.contains(&pp)).count();
                if lists >= 3 {
                    tc = pp;
                    break;
                }
                p = doc.parent(pp);
            }
        }
        if let Some(a) = split_body_ancestor(doc, tc, &candidates, ctx) {
            tc = a;
        }
        if ctx.score(tc).is_none() {
            initialize(doc, tc, ctx);
        }
        // Climb while the parent's score goes up.
        let mut p = doc.parent(tc);
        let mut last = ctx.scores[tc.index()];
        let threshold = last / 3.0;
        while let Some(pp) = p {
            if doc.is_tag(pp, "body") || !doc.is_element(pp) {
                break;
            }
            let Some(ps) = ctx.score(pp) else {
                p = doc.parent(pp);
                continue;
            };
            if ps < threshold {
                break;
            }
            if ps > last {
                tc = pp;
                break;
            }
            last = ps;
            p = doc.parent(pp);
        }
        // An only child hands over to its parent.
        let mut p = doc.parent(tc);
        while let Some(pp) = p {
            if doc.is_tag(pp, "body") || !doc.is_element(pp) || doc.element_children(pp).count() != 1 {
                break;
            }
            tc = pp;
            p = doc.parent(tc);
        }
        if let Some(thread) = thread_container(doc, tc) {
            tc = thread;
        } else if let Some(doc_sections) = super::docs::section_container(doc, tc, &stats) {
            tc = doc_sections;
        }
        if ctx.score(tc).is_none() {
            initialize(doc, tc, ctx);
        }
        top_candidate = Some(tc);
    }
    let tc = top_candidate.unwrap();
    let _ = needed_to_create;

    // Merge siblings.
    let container = doc.create_element(Element::new("div"));
    ctx.grow(doc.len());
    let tc_score = ctx.scores[tc.index()];
    let threshold = (tc_score * 0.2).max(10.0);
    let parent = doc.parent(tc).unwrap_or(body);
    let tc_class = doc.attr(tc, "class").unwrap_or("").to_owned();
    let siblings: Vec<NodeId> = doc.element_children(parent).collect();
    for s in siblings {
        let mut append = false;
        if s == tc {
            append = true;
        } else {
            let mut bonus = 0.0;
            if !tc_class.is_empty() && doc.attr(s, "class") == Some(tc_class.as_str()) {
                bonus += tc_score * 0.2;
            }
            if ctx.score(s).is_some_and(|sc| sc + bonus >= threshold) {
                append = true;
            } else if has_h1.get(s.index()).copied().unwrap_or(false) && super::docs::is_document_header(doc, s, tc) {
                // The title and introduction block of a reference page, beside its body.
                append = true;
            } else if doc.is_tag(s, "p") {
                let ld = link_density(doc, s);
                let content = inner_text(doc, s);
                let len = content.chars().count();
                if len > 80 && ld < 0.25 {
                    append = true;
                } else if len < 80 && len > 0 && ld == 0.0 && ends_sentence(&content) {
                    append = true;
                }
            }
        }
        if append {
            if !doc.tag(s).is_some_and(|t| lexicon::ALTER_TO_DIV_EXCEPTIONS.contains(&t)) {
                doc.rename(s, "div");
            }
            doc.append(container, s);
        }
    }
    // Text direction from the candidate's ancestors.
    let mut chain = vec![parent, tc];
    chain.extend(doc.ancestors(parent));
    ctx.dir = chain.iter().find_map(|&a| doc.attr(a, "dir").filter(|d| !d.is_empty()).map(str::to_owned));
    Some(container)
}

/// How far above the top candidate the common ancestor of its same-class blocks may be.
const SPLIT_BODY_MAX_UP: usize = 6;
/// Score share of the top candidate's a same-class block needs to count.
const SPLIT_BODY_MIN_SHARE: f64 = 0.25;
/// Most same-class blocks looked at.
const SPLIT_BODY_MAX_BLOCKS: usize = 64;
/// Share of the common ancestor's text the same-class blocks must hold.
const SPLIT_BODY_MIN_TEXT_SHARE: f64 = 0.7;

/// Article bodies split into blocks of one component (page builders' text modules, AsciiDoc
/// sections, CMS rows): when other candidates have the top candidate's tag and class and a fair
/// share of its score, their nearest common ancestor (at most [`SPLIT_BODY_MAX_UP`] levels up)
/// holds the article, provided the blocks make most of its text. Copies of the top candidate
/// (pages that hold the article twice) do not count.
fn split_body_ancestor(doc: &Document, tc: NodeId, candidates: &[NodeId], ctx: &Ctx) -> Option<NodeId> {
    let class = doc.attr(tc, "class").filter(|c| !c.trim().is_empty())?;
    let tag = doc.tag(tc)?;
    let tc_score = ctx.scores[tc.index()];
    let up: Vec<NodeId> = doc.ancestors(tc).take(SPLIT_BODY_MAX_UP).take_while(|&a| doc.is_element(a) && !doc.is_tag(a, "body")).collect();
    let mut best: Option<usize> = None;
    let mut tc_hash = None;
    // The blocks counted (their text is measured only when an ancestor is found).
    let mut blocks = vec![tc];
    let same = candidates.iter().copied().filter(|&c| {
        c != tc && doc.tag(c) == Some(tag) && doc.attr(c, "class") == Some(class) && ctx.scores[c.index()] >= SPLIT_BODY_MIN_SHARE * tc_score
    });
    // Bounded: each block costs a walk of its subtree.
    for c in same.take(SPLIT_BODY_MAX_BLOCKS) {
        // A copy of the top candidate (pages that hold the article twice) is not a part of it.
        let h = *tc_hash.get_or_insert_with(|| super::clutter::hash_node(doc, tc, &ctx.texts));
        if super::clutter::hash_node(doc, c, &ctx.texts) == h {
            continue;
        }
        // The nearest of `up` that is an ancestor of `c`, climbing from `c` a bounded number of
        // levels.
        let Some(level) = doc.ancestors(c).take(SPLIT_BODY_MAX_UP + 2).find_map(|a| up.iter().position(|&u| u == a)) else { continue };
        best = Some(best.map_or(level, |b| b.max(level)));
        blocks.push(c);
    }
    let a = up[best?];
    let blocks_len: usize = blocks.iter().map(|&b| ctx.texts.inner_text_measure(doc, b).0).sum();
    // The blocks must make most of the ancestor's text (not teasers spread over a page), and a
    // form is not an article container.
    if (blocks_len as f64) < SPLIT_BODY_MIN_TEXT_SHARE * ctx.texts.inner_text_measure(doc, a).0 as f64 || doc.is_tag(a, "form") {
        return None;
    }
    Some(a)
}

/// First class token, tag and whether class/id/itemprop name a post.
fn post_signature(doc: &Document, id: NodeId) -> Option<(String, String)> {
    let e = doc.element(id)?;
    let class = e.attr("class").and_then(|c| c.split_ascii_whitespace().next()).unwrap_or("");
    let mut hay = e.class_and_id();
    if let Some(ip) = e.attr("itemprop") {
        hay.push(' ');
        hay.push_str(ip);
    }
    if let Some(it) = e.attr("itemtype") {
        hay.push(' ');
        hay.push_str(it.rsplit('/').next().unwrap_or(""));
    }
    if class.is_empty() || !lexicon::has_token(&hay, lexicon::POST_TOKENS) {
        return None;
    }
    Some((e.name.to_string(), class.to_owned()))
}

/// Forum and Q&A threads: when `tc` lies in one of several sibling posts of the same kind
/// (same tag and first class token, named like a post), their parent holds the thread.
fn thread_container(doc: &Document, tc: NodeId) -> Option<NodeId> {
    let mut a = tc;
    for _ in 0..6 {
        let p = doc.parent(a)?;
        if doc.is_tag(p, "body") || !doc.is_element(p) {
            return None;
        }
        if let Some(sig) = post_signature(doc, a) {
            let same = doc
                .element_children(p)
                .filter(|&c| c != a && post_signature(doc, c).as_ref() == Some(&sig) && inner_text_len(doc, c) >= 20)
                .count();
            if same >= 1 {
                return Some(p);
            }
        }
        a = p;
    }
    None
}

/// Readability's `/\.( |$)/` test.
fn ends_sentence(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| c == b'.' && (i + 1 == b.len() || b[i + 1] == b' '))
}

#[cfg(test)]
mod tests {
    #[test]
    fn article_split_into_same_class_blocks_is_taken_whole() {
        let p = |w: &str| format!("<p>{}</p>", format!("The {w} part of the story goes on, with commas, clauses, and detail. ").repeat(3));
        // Page-builder rows: the text module sits deep, next to an image, so neither climbing
        // nor sibling merging reaches the other rows.
        let block = |w: &str, n: usize| {
            format!("<div class=row><div class=w1><div class=w2><div class=col><div class='text-block rich'>{}</div><div class=pic><img src=a.jpg></div></div></div></div></div>", p(w).repeat(n))
        };
        let html = format!(
            "<html><body><nav><a href=/>Home</a></nav><main>{}{}{}</main><footer>Copyright</footer></body></html>",
            block("first", 4),
            block("second", 1),
            block("third", 2)
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        for w in ["first", "second", "third"] {
            assert!(t.contains(&format!("The {w} part")), "{w}: {t}");
        }
    }

    #[test]
    fn sole_article_is_not_stripped_for_an_unlikely_class() {
        let notice = "Our partners may pay us when you click a link, and this may change the order of offers. ".repeat(7);
        let body = "<p>The story goes on, with commas, clauses, and much more detail here. </p>".repeat(10);
        let html = format!(
            "<html><body><div class=notice><p>{}</p></div><article class='template-with-sidebar'><h1>T</h1>{body}</article></body></html>",
            notice
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("The story goes on"), "{t}");
    }

    #[test]
    fn unlikely_class_on_the_root_element_does_not_drop_the_page() {
        // `<html class="sidebar-visible">` (a layout state): removing the root would leave the
        // whole body, popups and sidebars included, as the article.
        let body = "<p>The story goes on, with commas, clauses, and much more detail here. </p>".repeat(10);
        let html = format!(
            "<html class='navy sidebar-visible'><body><div id='help-popup'><h2>Keyboard shortcuts</h2><p>Press the arrow keys to move between the chapters of this book.</p></div><main><h1>T</h1>{body}</main></body></html>"
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("The story goes on") && !t.contains("Keyboard shortcuts"), "{t}");
    }
}
