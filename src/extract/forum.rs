//! Forum and Q&A threads: a page whose main content is a run of sibling posts of one kind
//! (same tag and class, named like a post or marked up as a schema.org comment/answer) is
//! extracted as the whole thread, each post kept with its author, date and body, instead of
//! the one post (or the sidebar) that paragraph scoring would pick.
//!
//! Detection is one walk over the page: children are grouped by a structural signature under
//! each parent, and the post-like group with the most non-link text is the thread.

use std::collections::HashMap;

use crate::dom::{Document, Edge, NodeData, NodeId};

use super::lexicon;
use super::util::{TextStats, TextTable};

/// A detected thread: the posts, in document order.
#[derive(Debug, Clone)]
pub struct Thread {
    /// The common parent of the main run of posts.
    pub parent: NodeId,
    /// The run of posts, in document order.
    pub posts: Vec<NodeId>,
    /// Non-link text of the posts (chars).
    pub text: usize,
    /// Non-link text of each post (chars).
    pub post_text: Vec<usize>,
    /// The opening post when it stands apart from the run ([`leading_post`]); not counted in
    /// `text`: the run alone must outweigh the rest of the page.
    pub lead: Option<NodeId>,
}

/// Minimum posts in a run.
const MIN_POSTS: usize = 2;
/// Minimum non-link text (chars) of the whole run.
const MIN_THREAD_TEXT: usize = 200;
/// Largest link density of a run of posts (higher: a list of teasers or links).
const MAX_LINK_DENSITY: f64 = 0.5;

/// The structural signature of a possible post: tag and first class token; without a class,
/// tag and the id with its digits removed (`post-123`, `p456`); else tag and itemtype; else, for
/// a bare wrapper of one element (`tr > td.msg`), its tag and that child's signature.
fn signature(doc: &Document, id: NodeId) -> Option<String> {
    let mut k = String::with_capacity(24);
    if own_signature(doc, id, &mut k) {
        return Some(k);
    }
    let mut kids = doc.element_children(id);
    let (Some(c), None) = (kids.next(), kids.next()) else { return None };
    k.push('>');
    own_signature(doc, c, &mut k).then_some(k)
}

/// Appends `id`'s own signature (tag and class, digitless id or itemtype) to `k`: whether it
/// has one.
fn own_signature(doc: &Document, id: NodeId, k: &mut String) -> bool {
    let Some(e) = doc.element(id) else { return false };
    k.push_str(&e.name);
    k.push('|');
    if let Some(c) = e.classes().next() {
        k.push_str(c);
        return true;
    }
    if let Some(i) = e.attr("id").filter(|i| i.bytes().any(|b| b.is_ascii_digit())) {
        k.extend(i.chars().filter(|c| !c.is_ascii_digit()));
        return true;
    }
    if let Some(t) = e.attr("itemtype") {
        k.push_str(t);
        return true;
    }
    false
}

/// Whether class, id, itemprop or itemtype name a post ([`lexicon::FORUM_POST_TOKENS`],
/// [`lexicon::FORUM_POST_TYPES`]).
pub fn is_named_post(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    if let Some(t) = e.attr("itemtype") {
        let last = t.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if lexicon::FORUM_POST_TYPES.contains(&last) {
            return true;
        }
    }
    // Ids numbered by the post (`post37597539`, `post_123`) name it without the number.
    let mut hay = String::new();
    if let Some(c) = e.attr("class") {
        hay.push_str(c);
    }
    if let Some(i) = e.attr("id") {
        hay.push(' ');
        hay.extend(i.chars().map(|c| if c.is_ascii_digit() { ' ' } else { c }));
    }
    if let Some(ip) = e.attr("itemprop") {
        hay.push(' ');
        hay.push_str(ip);
    }
    if let Some(r) = e.attr("data-role") {
        hay.push(' ');
        hay.push_str(r);
    }
    lexicon::has_token(&hay, lexicon::FORUM_POST_TOKENS) || e.attrs.iter().any(|a| data_id_names_post(&a.name))
}

/// Whether an attribute name is a `data-` id naming a post (`data-post-id`, `data-reply-id`,
/// `data-msgid`): forum software keys each post by such an attribute, whatever its classes.
fn data_id_names_post(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("data-") else { return false };
    let Some(stem) = rest.strip_suffix("id") else { return false };
    let stem = stem.trim_end_matches(['-', '_']);
    lexicon::FORUM_POST_TOKENS.contains(&stem)
}

/// Whether the element is a bare wrapper (no class) whose only element child is named like a
/// post (`div#edit123 > div#post123`).
fn only_child_named(doc: &Document, id: NodeId) -> bool {
    if doc.attr(id, "class").is_some_and(|c| !c.trim().is_empty()) {
        return false;
    }
    let mut kids = doc.element_children(id);
    match (kids.next(), kids.next()) {
        (Some(c), None) => is_named_post(doc, c),
        _ => false,
    }
}

#[derive(Default)]
struct Group {
    members: Vec<NodeId>,
    len: usize,
    link10: usize,
}

/// Non-link text (chars) of `id`.
fn own_text(stats: &TextStats, id: NodeId) -> usize {
    let l = stats.len(id);
    l.saturating_sub((stats.link10.get(id.index()).copied().unwrap_or(0) / 10) as usize)
}

/// Finds the thread under `root`: the run of same-signature sibling posts with the most
/// non-link text. One walk; each element is grouped once, under its parent.
pub fn find_thread(doc: &Document, root: NodeId, stats: &TextStats) -> Option<Thread> {
    let mut best: Option<Thread> = None;
    // Groups of the current parent in order of first member (deterministic ties).
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    // The current parent's grouped children with their group, in document order.
    let mut kids: Vec<(NodeId, usize)> = Vec::new();
    let mut keep: Vec<bool> = Vec::new();
    // By node index: holds a reply control ([`reply_controls`]), computed when first needed.
    let mut replies: Option<Vec<bool>> = None;
    for p in doc.descendants(root) {
        if !doc.is_element(p) || doc.first_child(p).is_none() {
            continue;
        }
        index.clear();
        groups.clear();
        kids.clear();
        for c in doc.element_children(p) {
            let Some(k) = signature(doc, c) else { continue };
            let n = groups.len();
            let i = *index.entry(k).or_insert(n);
            if i == n {
                groups.push(Group::default());
            }
            kids.push((c, i));
            let g = &mut groups[i];
            g.members.push(c);
            g.len += stats.len(c);
            g.link10 += stats.link10.get(c.index()).copied().unwrap_or(0) as usize;
        }
        keep.clear();
        keep.resize(groups.len(), false);
        let mut text = 0;
        for (gi, g) in groups.iter().enumerate() {
            if g.members.len() < MIN_POSTS || g.len == 0 {
                continue;
            }
            let t = g.len.saturating_sub(g.link10 / 10);
            if t < MIN_THREAD_TEXT || g.link10 as f64 / 10.0 / g.len as f64 > MAX_LINK_DENSITY {
                continue;
            }
            // Posts with text: at least two hold some.
            if g.members.iter().filter(|&&m| own_text(stats, m) >= 20).count() < MIN_POSTS {
                continue;
            }
            // Most members named like a post (asked last: the names are the costly part), or,
            // for posts with generated class names, most holding a reply control of their own.
            let named = g.members.iter().filter(|&&m| is_named_post(doc, m) || only_child_named(doc, m)).count();
            if named * 2 <= g.members.len() {
                let replies = replies.get_or_insert_with(|| reply_controls(doc, root, stats));
                let with_reply = g.members.iter().filter(|&&m| replies.get(m.index()).copied().unwrap_or(false)).count();
                if with_reply < MIN_POSTS || with_reply * 2 <= g.members.len() {
                    continue;
                }
            }
            keep[gi] = true;
            text += t;
        }
        // Every post-like group of the parent is part of the thread, in document order: nested
        // threads alternate a post with the wrapper of its replies, and a thread may mix post kinds.
        if text > 0 && best.as_ref().is_none_or(|b| text > b.text) {
            let posts: Vec<NodeId> = kids.iter().filter(|&&(_, gi)| keep[gi]).map(|&(c, _)| c).collect();
            let post_text = posts.iter().map(|&m| own_text(stats, m)).collect();
            best = Some(Thread { parent: p, posts, text, post_text, lead: None });
        }
    }
    let mut t = best?;
    t.lead = leading_post(doc, &t, stats);
    Some(t)
}

/// Longest text (chars) of a reply button.
const REPLY_LABEL_MAX: usize = 24;

/// By node index: whether the element is or holds a reply control, a button or link whose text
/// or `aria-label` is a reply label ([`lexicon::FORUM_REPLY_LABELS`]: "Reply", "Reply to post").
/// One walk; each control marks its ancestors up to the first one already marked.
fn reply_controls(doc: &Document, root: NodeId, stats: &TextStats) -> Vec<bool> {
    let mut marks = vec![false; doc.len()];
    let is_label = |s: &str| {
        let t = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        lexicon::FORUM_REPLY_LABELS.contains(&t.as_str())
    };
    for id in doc.descendants(root) {
        let Some(e) = doc.element(id) else { continue };
        if !(matches!(&*e.name, "button" | "a") || e.attr("role").is_some_and(|r| r.eq_ignore_ascii_case("button"))) {
            continue;
        }
        let by_text = stats.len(id) <= REPLY_LABEL_MAX && is_label(&doc.text_content(id));
        if !(by_text || e.attr("aria-label").is_some_and(|l| l.len() <= REPLY_LABEL_MAX * 2 && is_label(l))) {
            continue;
        }
        super::util::mark_with_ancestors(doc, id, &mut marks);
    }
    marks
}

/// Ancestor levels above the thread searched for a leading post.
const LEAD_LEVELS: usize = 4;
/// Least non-link text (chars) of a leading post.
const LEAD_MIN_TEXT: usize = 80;
/// A leading post that is mostly links (a changelog, a link roundup) still has this much
/// non-link text (chars), under this link density.
const LEAD_LINKY_MIN_TEXT: usize = 400;
const LEAD_LINKY_MAX_DENSITY: f64 = 0.75;

/// The opening post of a thread kept apart from the replies (a Q&A question, the link post of
/// a comment page): the first element named like a post, with text and few links, in the
/// subtrees just before the run's first post, then before the thread's parent, searched up to
/// [`LEAD_LEVELS`] ancestors up.
/// Each subtree is searched once.
fn leading_post(doc: &Document, thread: &Thread, stats: &TextStats) -> Option<NodeId> {
    // From the run's first post: the opening post may also be an earlier sibling marked up
    // apart from the replies (NodeBB's `topic-owner-post`).
    let mut child = *thread.posts.first()?;
    for _ in 0..=LEAD_LEVELS {
        let parent = doc.parent(child)?;
        if doc.is_tag(parent, "body") || !doc.is_element(parent) {
            return None;
        }
        let mut prev = doc.prev_sibling(child);
        while let Some(sib) = prev {
            let mut walk = doc.traverse(sib);
            while let Some(e) = walk.next() {
                let Edge::Open(id) = e else { continue };
                if !doc.is_element(id) {
                    continue;
                }
                // Form controls named for the posts (an answer-sort menu) are never one.
                let control = matches!(doc.tag(id), Some("select" | "button" | "label" | "textarea"));
                if control || (matches!(doc.tag(id), Some("nav" | "aside" | "header" | "footer" | "form" | "ul" | "ol")) && id != sib) {
                    walk.skip_children(id);
                    continue;
                }
                if is_named_post(doc, id) {
                    let t = own_text(stats, id);
                    let ld = stats.link_density(id);
                    if (t >= LEAD_MIN_TEXT && ld < MAX_LINK_DENSITY) || (t >= LEAD_LINKY_MIN_TEXT && ld < LEAD_LINKY_MAX_DENSITY) {
                        return Some(id);
                    }
                    walk.skip_children(id);
                }
            }
            prev = doc.prev_sibling(sib);
        }
        child = parent;
    }
    None
}

/// Whether an element inside a post is per-post chrome by its markup: form controls,
/// navigation, share widgets, the poster's title (`itemprop=jobTitle`), and class/id/role names
/// of signatures, action bars, user stats, screen-reader-only labels ([`lexicon::FORUM_CHROME_TOKENS`],
/// [`lexicon::FORUM_CHROME_PARTS`]).
fn is_post_chrome(doc: &Document, id: NodeId, sig: &lexicon::Signals, buf: &mut String, memo: &mut HashMap<String, bool>) -> bool {
    let Some(e) = doc.element(id) else { return false };
    if matches!(&*e.name, "button" | "input" | "select" | "textarea" | "nav" | "svg") {
        return true;
    }
    if e.attr("itemprop").is_some_and(|v| v.eq_ignore_ascii_case("jobtitle")) {
        return true;
    }
    if sig.has(doc, id, lexicon::sig::SHARE) {
        return true;
    }
    // Hidden by a utility class (`d-none`, `hidden`), unless a responsive class shows it again
    // (`d-none d-md-block`): machine timestamps, duplicate copies.
    if e.classes().any(|c| lexicon::HIDDEN_CLASSES.contains(&c))
        && !e.classes().any(|c| ["d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-"].iter().any(|p| c.starts_with(p)))
    {
        return true;
    }
    let mut ci = e.class_and_id();
    // NodeBB names its parts in a `component` attribute (`post/signature`), path segments read
    // as words (`post/parent`: the preview of the post replied to).
    for r in [e.attr("data-role"), e.attr("component")].into_iter().flatten() {
        ci.push(' ');
        ci.extend(r.chars().map(|c| if c == '/' { ' ' } else { c }));
        if r.rsplit('/').next().is_some_and(|last| lexicon::FORUM_REPLY_TO_PARTS.contains(&last)) {
            return true;
        }
    }
    if ci.is_empty() {
        return false;
    }
    // Posts repeat the same class lists: each distinct one is judged once per thread.
    if let Some(&v) = memo.get(&ci) {
        return v;
    }
    let v = chrome_by_names(&ci, buf);
    memo.insert(ci, v);
    v
}

/// The name part of [`is_post_chrome`]: `ci` is the element's class, id, `data-role` and
/// `component` joined by spaces.
fn chrome_by_names(ci: &str, buf: &mut String) -> bool {
    // The poster's name stays, even when it also opens a menu (`name menu_toggle`), unless it
    // is the avatar's copy of it.
    if lexicon::has_token(ci, lexicon::FORUM_CHROME_TOKENS) {
        return !lexicon::has_token(ci, lexicon::FORUM_NAME_TOKENS) || lexicon::has_token(ci, lexicon::AVATAR_TOKENS);
    }
    buf.clear();
    buf.extend(ci.chars().filter(|c| !matches!(c, '-' | '_')).flat_map(char::to_lowercase));
    lexicon::FORUM_CHROME_PARTS.iter().any(|p| buf.contains(p))
}

/// Whether an element inside a post quotes another post: a `blockquote` citing its source
/// (`has_cite`: a `cite` inside, "X wrote:"), or an element whose class/id has a quote token ([`lexicon::FORUM_QUOTE_TOKENS`]), unless it
/// is named as the post's own body ([`lexicon::FORUM_BODY_TOKENS`]: forum software names the
/// body "select to quote" or lays it out in a blockquote).
fn is_quote_block(doc: &Document, id: NodeId, has_cite: bool, names: &mut NameFlags) -> bool {
    let Some(e) = doc.element(id) else { return false };
    let f = names.of(e);
    if f & NAMES_BODY != 0 {
        return false;
    }
    (&*e.name == "blockquote" && has_cite) || f & NAMES_QUOTE != 0
}

/// Class/id token flags of post parts, per distinct class-and-id string (posts repeat the same
/// class lists): [`NAMES_BODY`], [`NAMES_QUOTE`], [`NAMES_QA_COMMENT`].
#[derive(Default)]
struct NameFlags(HashMap<String, u8>);

/// [`lexicon::FORUM_BODY_TOKENS`]
const NAMES_BODY: u8 = 1;
/// [`lexicon::FORUM_QUOTE_TOKENS`]
const NAMES_QUOTE: u8 = 2;
/// [`lexicon::QA_COMMENT_TOKENS`]
const NAMES_QA_COMMENT: u8 = 4;

impl NameFlags {
    fn of(&mut self, e: &crate::dom::Element) -> u8 {
        *self.0.entry(e.class_and_id()).or_insert_with_key(|ci| {
            let mut f = 0;
            for (list, bit) in [(lexicon::FORUM_BODY_TOKENS, NAMES_BODY), (lexicon::FORUM_QUOTE_TOKENS, NAMES_QUOTE), (lexicon::QA_COMMENT_TOKENS, NAMES_QA_COMMENT)] {
                if lexicon::has_token(ci, list) {
                    f |= bit;
                }
            }
            f
        })
    }
}

/// Whether a post is a question or an answer of a Q&A thread (class/id tokens
/// [`lexicon::QA_POST_TOKENS`] or schema.org `Question`/`Answer`).
fn is_qa_post(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    if e.attr("itemtype").is_some_and(|t| matches!(t.trim_end_matches('/').rsplit('/').next(), Some("Question" | "Answer"))) {
        return true;
    }
    lexicon::has_token(&e.class_and_id(), lexicon::QA_POST_TOKENS)
}

/// Longest text (chars) of a per-post button, link or stats line recognised by its text.
const LABEL_MAX: usize = 40;

/// Whether a short text is a per-post button or link ([`lexicon::FORUM_ACTION_LABELS`]) or a
/// poster's stats line ([`lexicon::FORUM_STAT_LABELS`] then a colon, space or digit).
fn is_chrome_text(text: &str) -> bool {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if t.is_empty() {
        return false;
    }
    if lexicon::FORUM_ACTION_LABELS.contains(&t.as_str()) {
        return true;
    }
    // The post's number, a permalink ("#12").
    if t.strip_prefix('#').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return true;
    }
    if is_relative_time(&t) {
        return true;
    }
    lexicon::FORUM_STAT_LABELS.iter().any(|l| {
        t.strip_prefix(l).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ']) || rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Whether a lowercased, whitespace-collapsed text is only a relative post time ("17 hours
/// ago", "posted 6 years ago", "a month ago"): a stamp of the moment the page was saved, not
/// the post's date.
fn is_relative_time(t: &str) -> bool {
    let t = t.strip_prefix("posted ").or_else(|| t.strip_prefix("submitted ")).unwrap_or(t);
    let Some(rest) = t.strip_suffix(" ago") else { return false };
    let mut w = rest.split(' ');
    let (Some(n), Some(unit), None) = (w.next(), w.next(), w.next()) else { return false };
    let unit = unit.strip_suffix('s').unwrap_or(unit);
    (matches!(n, "a" | "an" | "one") || (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        && lexicon::TIME_UNITS.contains(&unit)
}

/// Longest text (chars) of a link to the author's profile.
const AUTHOR_MAX: usize = 60;

/// The first link under `id` to a user's profile (a path segment or query word of its href in
/// [`lexicon::PROFILE_URL_TOKENS`]) with a short text, not an avatar: the author's name in a
/// post's header.
fn author_link(doc: &Document, id: NodeId) -> Option<NodeId> {
    doc.descendants(id).find(|&a| {
        doc.is_tag(a, "a")
            && doc.attr(a, "href").is_some_and(|h| {
                h.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| lexicon::PROFILE_URL_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(w)))
            })
            && !is_avatar(doc, a)
            && doc.parent(a).is_none_or(|p| !is_avatar(doc, p))
            && (2..=AUTHOR_MAX).contains(&doc.text_content(a).trim().chars().count())
    })
}

/// Whether class or id name an avatar ([`lexicon::AVATAR_TOKENS`]).
fn is_avatar(doc: &Document, id: NodeId) -> bool {
    doc.element(id).is_some_and(|e| lexicon::has_token(&e.class_and_id(), lexicon::AVATAR_TOKENS))
}

/// Whether a text is a bare count ("12", "+3", "1,204"): alone in an element of a post (not a
/// table cell or list item) it is a vote or reply counter.
fn is_counter(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    t.starts_with(|c: char| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Moves the thread's posts, in document order, into a new container `div` (outside the page)
/// and strips per-post chrome. Returns the container.
pub fn build(doc: &mut Document, thread: &Thread, sig: &lexicon::Signals, texts: &TextTable) -> NodeId {
    let container = doc.create_element(crate::dom::Element::new("div"));
    for &p in thread.lead.iter().chain(&thread.posts) {
        doc.append(container, p);
    }
    let stats = TextStats::new(doc, container, texts);
    let has_cite = super::util::has_descendant_where(doc, container, |d, n| d.is_tag(n, "cite"));
    // Q&A posts: the comment threads under a question or answer are not part of it.
    let qa: Vec<bool> = {
        let mut v = vec![false; doc.len()];
        for &p in thread.lead.iter().chain(&thread.posts) {
            if is_qa_post(doc, p) {
                for d in doc.descendants(p) {
                    v[d.index()] = true;
                }
            }
        }
        v
    };
    let titles = repeated_titles(doc, thread, &stats);
    // Chrome inside the posts: collected in one walk, outermost first (the container has no
    // parent or siblings, so the walk ends with it). A short element's text is read only when
    // it differs in length from its parent's (else it is the same text, already judged).
    let mut remove = Vec::new();
    let mut buf = String::new();
    let mut memo = HashMap::new();
    let mut names = NameFlags::default();
    let mut cur = doc.first_child(container);
    while let Some(id) = cur {
        let mut chrome = false;
        if doc.is_element(id) && doc.parent(id) != Some(container) {
            chrome = titles.contains(&id)
                || is_post_chrome(doc, id, sig, &mut buf, &mut memo)
                || is_quote_block(doc, id, has_cite.get(id.index()).copied().unwrap_or(false), &mut names)
                || (qa.get(id.index()).copied().unwrap_or(false) && doc.element(id).is_some_and(|e| names.of(e) & NAMES_QA_COMMENT != 0));
            let l = stats.len(id);
            if !chrome && l > 0 && l <= LABEL_MAX && doc.parent(id).is_none_or(|p| stats.len(p) != l) {
                let t = doc.text_content(id);
                chrome = is_chrome_text(&t) || (is_counter(&t) && !matches!(doc.tag(id), Some("td" | "th" | "li" | "code" | "pre")));
            }
        }
        if chrome {
            remove.push(id);
            cur = doc.next_in_order(id, true);
        } else {
            // The sanitizer drops forms, but inside a post a form wraps the text (comment
            // trees); its controls go above.
            if doc.is_tag(id, "form") {
                doc.rename(id, "div");
            }
            // The sanitizer drops `header` and `aside` with the user stats and links in them,
            // but inside a post they also hold the author's name (XenForo, Invision): it moves
            // out before them, in a div of its own.
            if doc.parent(id) != Some(container) && matches!(doc.tag(id), Some("header" | "aside")) {
                if let Some(a) = author_link(doc, id) {
                    let d = doc.create_element(crate::dom::Element::new("div"));
                    doc.insert_before(id, d);
                    doc.append(d, a);
                }
            }
            cur = doc.next_in_order(id, false);
        }
    }
    for id in remove {
        doc.detach(id);
    }
    container
}

/// Longest text (chars) of a post's title compared across posts.
const POST_TITLE_MAX: usize = 200;

/// The per-post titles that repeat the thread's title: each post's first heading, when at least
/// half the posts (two or more) open with the same one, "Re: " prefixes aside (phpBB's
/// "Re: Topic" over every reply); not a heading with the poster's name.
fn repeated_titles(doc: &Document, thread: &Thread, stats: &TextStats) -> Vec<NodeId> {
    let mut by_text: HashMap<String, Vec<NodeId>> = HashMap::new();
    let mut n = 0;
    for &p in thread.lead.iter().chain(&thread.posts) {
        n += 1;
        // A heading holding the poster's name repeats with the poster, not the thread.
        let is_name = |h: NodeId| {
            author_link(doc, h).is_some() || doc.element(h).is_some_and(|e| lexicon::has_token(&e.class_and_id(), lexicon::FORUM_NAME_TOKENS))
        };
        let Some(h) = doc.descendants(p).find(|&d| super::util::is_heading(doc, d) && !is_name(d)) else { continue };
        if stats.len(h) == 0 || stats.len(h) > POST_TITLE_MAX {
            continue;
        }
        let mut t = doc.text_content(h).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        while let Some(rest) = t.strip_prefix("re:").or_else(|| t.strip_prefix("re :")) {
            t = rest.trim_start().to_owned();
        }
        by_text.entry(t).or_default().push(h);
    }
    by_text.into_values().filter(|v| v.len() >= 2 && v.len() * 2 >= n).flatten().collect()
}

/// By node index: 1 + the index of the thread's post the node lies in (the post included;
/// the leading post after the run), 0 outside the posts.
pub fn post_flags(doc: &Document, thread: &Thread) -> Vec<u32> {
    let mut f = vec![0u32; doc.len()];
    // The leading post takes the last slot.
    for (i, &p) in thread.posts.iter().chain(thread.lead.iter()).enumerate() {
        for d in doc.descendants(p) {
            f[d.index()] = i as u32 + 1;
        }
    }
    f
}

/// Where the text under `root` comes from: chars (whitespace collapsed per text node) in each
/// post marked in `flags`, and outside the posts (nodes created after the flags count by
/// their ancestors). One walk.
pub struct Split {
    pub by_post: Vec<usize>,
    pub outside: usize,
}

impl Split {
    pub fn new(doc: &Document, root: NodeId, flags: &[u32], posts: usize, texts: &TextTable) -> Split {
        let mut s = Split { by_post: vec![0; posts], outside: 0 };
        // The innermost marked element's post.
        let mut stack: Vec<u32> = Vec::new();
        for e in doc.traverse(root) {
            match e {
                Edge::Open(id) => {
                    let mark = flags.get(id.index()).copied().unwrap_or(0);
                    if let NodeData::Text(t) = doc.data(id) {
                        let l = texts.get(id, t).measure().0 as usize;
                        match stack.last().copied().filter(|&m| m > 0).or((mark > 0).then_some(mark)) {
                            Some(m) => s.by_post[m as usize - 1] += l,
                            None => s.outside += l,
                        }
                    } else if mark > 0 && doc.is_element(id) {
                        stack.push(mark);
                    }
                }
                Edge::Close(id) => {
                    if doc.is_element(id) && flags.get(id.index()).copied().unwrap_or(0) > 0 {
                        stack.pop();
                    }
                }
            }
        }
        s
    }

    /// The split of the regular extraction's result (`None`: nothing found) for `thread`
    /// found on `page` (the result's document is a copy of it: node ids carry over).
    pub fn of(page: &Document, thread: &Thread, result: Option<(&Document, NodeId)>, texts: &TextTable) -> Split {
        let slots = thread.posts.len() + 1;
        match result {
            Some((doc, root)) => Split::new(doc, root, &post_flags(page, thread), slots, texts),
            None => Split { by_post: vec![0; slots], outside: 0 },
        }
    }
}

/// What the page says it is, in its `og:type`, JSON-LD `@type`s and microdata `itemtype`s.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Declared {
    /// A discussion or Q&A page ([`lexicon::FORUM_PAGE_TYPES`], [`lexicon::FORUM_OG_TYPES`]).
    Forum,
    /// An article ([`lexicon::JSONLD_ARTICLE_TYPES`], [`lexicon::ARTICLE_OG_TYPES`]).
    Article,
    Unknown,
}

/// Reads [`Declared`] from the page as parsed (before scripts are removed). A forum type wins
/// over an article type (forum software often also marks the page up as an article).
pub fn declared_kind(doc: &Document) -> Declared {
    let (mut forum, mut article) = (false, false);
    for id in doc.descendants(doc.root()) {
        let Some(e) = doc.element(id) else { continue };
        // Microdata: an element typed as a discussion (NodeBB's `DiscussionForumPosting`).
        if let Some(t) = e.attr("itemtype") {
            forum |= t.split_ascii_whitespace().any(|t| lexicon::FORUM_PAGE_TYPES.contains(&t.trim_end_matches('/').rsplit('/').next().unwrap_or("")));
        }
        match &*e.name {
            "meta" => {
                let prop = e.attr("property").or_else(|| e.attr("name")).unwrap_or("");
                if prop.eq_ignore_ascii_case("og:type") {
                    let v = e.attr("content").unwrap_or("").trim().to_ascii_lowercase();
                    forum |= lexicon::FORUM_OG_TYPES.contains(&v.as_str());
                    article |= lexicon::ARTICLE_OG_TYPES.contains(&v.as_str());
                }
            }
            "script" if e.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) => {
                let text = doc.text_content(id);
                forum |= quoted_any(&text, lexicon::FORUM_PAGE_TYPES);
                article |= quoted_any(&text, lexicon::JSONLD_ARTICLE_TYPES);
            }
            _ => {}
        }
    }
    if forum {
        Declared::Forum
    } else if article {
        Declared::Article
    } else {
        Declared::Unknown
    }
}

/// Whether `text` holds one of `words` as a JSON string (`"Word"`).
fn quoted_any(text: &str, words: &[&str]) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('"') {
        rest = &rest[i + 1..];
        let Some(j) = rest.find('"') else { break };
        if words.contains(&&rest[..j]) {
            return true;
        }
        rest = &rest[j + 1..];
    }
    false
}

/// Largest share of the thread's text that the regular extraction may find outside the posts
/// for the thread to replace it.
const MAX_OUTSIDE_SHARE: f64 = 0.5;
/// On a page declared an article, the regular extraction's text outside the posts (chars)
/// above which it is the article and the posts are its comments.
const ARTICLE_OUTSIDE_MIN: usize = 500;
/// On a page not declared a forum, the regular extraction's text outside the posts (chars)
/// from which it is an article body in its own right (the posts are its comments).
const ARTICLE_BODY_MIN: usize = 2000;

/// Share of the regular extraction's text in one post, and of that post in the thread, above
/// which that post is the page's article (a page laid out in sections named `post`) rather
/// than one post of a thread (a long guide among short replies still holds less).
const ONE_POST_SHARE: f64 = 0.9;
const ONE_POST_THREAD_SHARE: f64 = 0.85;

/// Whether the thread replaces the regular extraction, whose text splits as `split` between
/// the posts and the rest of the page: not when the text outside the posts is large next to
/// the thread, or, on a page declared an article, more than a title (it is the article and
/// the posts its comments); not when it lies in one post that holds most of the thread (that
/// post is the article).
pub fn takes_over(declared: Declared, thread: &Thread, split: &Split) -> bool {
    let run = &split.by_post[..thread.posts.len().min(split.by_post.len())];
    let lead = split.by_post.get(thread.posts.len()).copied().unwrap_or(0);
    // The leading post is the thread's opening on a page declared a discussion; elsewhere it
    // may be an article the run comments on, so it weighs as text outside the run.
    let outside = split.outside + if declared == Declared::Forum { 0 } else { lead };
    if (outside as f64) >= MAX_OUTSIDE_SHARE * thread.text as f64 {
        return false;
    }
    if declared == Declared::Article && outside >= ARTICLE_OUTSIDE_MIN {
        return false;
    }
    if declared != Declared::Forum && outside >= ARTICLE_BODY_MIN {
        return false;
    }
    let inside: usize = run.iter().sum();
    if let Some((i, &top)) = run.iter().enumerate().max_by_key(|&(_, &v)| v) {
        if inside > 0
            && top as f64 >= ONE_POST_SHARE * (inside + outside) as f64
            && thread.post_text[i] as f64 >= ONE_POST_THREAD_SHARE * thread.text as f64
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_html;

    fn para(words: &str, n: usize) -> String {
        format!("<p>{}</p>", vec![words; n].join(" "))
    }

    fn thread_of(html: &str) -> (Document, Option<Thread>) {
        let doc = parse_html(html);
        let body = doc.body().unwrap();
        let t = find_thread(&doc, body, &TextStats::new(&doc, body, &TextTable::new(&doc)));
        (doc, t)
    }

    fn text(html: &str) -> String {
        crate::extract(html, &crate::Options::default()).unwrap().text()
    }

    fn forum_page() -> String {
        let post = |n: usize, who: &str, body: &str| {
            format!(
                "<article class=\"message message--post\" id=\"post-{n}\"><div class=\"message-user\"><a class=\"username\">{who}</a>\
                 <h5 itemprop=\"jobTitle\">Senior Member</h5><dl class=\"pairs\"><dt>Joined</dt> <dd>Oct 2023</dd></dl></div>\
                 <time>May {n}, 2024</time><div class=\"message-body\">{body}\
                 <blockquote><cite>someone wrote:</cite> quoted earlier words quoted earlier words</blockquote></div>\
                 <div class=\"message-signature\">my rig: tower of power</div><a>Reply With Quote</a></article>"
            )
        };
        format!(
            "<html><head><title>Thread</title></head><body><div class=\"sidebar\"><ul><li><a href=\"/a\">Similar thread one</a></li><li><a href=\"/b\">Similar thread two</a></li></ul></div>\
             <div class=\"block-body\">{}{}{}</div></body></html>",
            post(1, "alice", &para("Opening question about building a quiet computer, with details.", 3)),
            post(2, "bob", &para("A reply recommending larger fans at lower speeds, which are quieter.", 3)),
            post(3, "carol", "<p>Short thanks, that worked for me.</p>"),
        )
    }

    #[test]
    fn finds_the_run_of_named_posts() {
        let (doc, t) = thread_of(&forum_page());
        let t = t.expect("thread");
        assert_eq!(t.posts.len(), 3);
        assert!(doc.attr(t.parent, "class").is_some_and(|c| c.contains("block-body")));
    }

    #[test]
    fn extracts_every_post_without_post_chrome() {
        let s = text(&forum_page());
        for w in ["Opening question", "larger fans", "Short thanks", "alice", "bob", "carol", "May 2, 2024"] {
            assert!(s.contains(w), "missing {w:?} in {s:?}");
        }
        for w in ["Similar thread", "Reply With Quote", "tower of power", "Senior Member", "Joined", "quoted earlier"] {
            assert!(!s.contains(w), "kept {w:?} in {s:?}");
        }
    }

    #[test]
    fn a_data_id_attribute_names_a_post() {
        let posts: String = (0..3)
            .map(|i| format!("<div class=\"relative pt-3\" data-reply-id=\"{i}\"><b>user{i}</b><p>Reply {i} with enough words to count as the text of a post, and a few more words.</p></div>"))
            .collect();
        let (_, t) = thread_of(&format!("<body><div>{posts}</div></body>"));
        assert_eq!(t.map(|t| t.posts.len()), Some(3));
        assert!(data_id_names_post("data-post-id") && data_id_names_post("data-msgid"));
        assert!(!data_id_names_post("data-user-id") && !data_id_names_post("data-post"));
    }

    #[test]
    fn a_post_header_keeps_the_author_name_not_the_avatar_or_stats() {
        let post = |n: usize, who: &str| {
            format!(
                "<article class=\"message\" id=\"post-{n}\"><header><div class=\"avatar\"><a href=\"/members/{who}.{n}/\">{}</a></div>\
                 <a class=\"name\" href=\"/members/{who}.{n}/\">{who}</a><span>Posts: 1,234</span></header>{}</article>",
                &who[..1],
                para(&format!("Post {n} explains at length what the member thinks of the bike."), 3)
            )
        };
        let html = format!("<html><body><div class=\"thread\">{}{}</div></body></html>", post(1, "alice"), post(2, "bob"));
        let s = text(&html);
        assert!(s.contains("alice") && s.contains("bob"), "{s}");
        assert!(!s.contains("1,234") && !s.lines().any(|l| l.trim() == "a"), "{s}");
    }

    #[test]
    fn screen_reader_labels_and_component_signatures_are_post_chrome() {
        let post = |n: usize| {
            format!(
                "<li component=\"post\" class=\"post\" data-index=\"{n}\"><span class=\"visually-hidden\">Offline</span><span class=\"sr-only\">Posted by</span>{}\
                 <div component=\"post/signature\" class=\"text-muted\"><p>Programming is the process of putting bugs in.</p></div></li>",
                para(&format!("Post {n} asks which version of the toolkit is stable enough to use now."), 3)
            )
        };
        let html = format!("<html><body><ul class=\"posts\">{}{}</ul></body></html>", post(1), post(2));
        let s = text(&html);
        assert!(s.contains("Post 2 asks"), "{s}");
        for w in ["Offline", "Posted by", "putting bugs"] {
            assert!(!s.contains(w), "kept {w:?} in {s:?}");
        }
    }

    #[test]
    fn utility_hidden_elements_in_posts_go_unless_shown_again() {
        let post = |n: usize| {
            format!(
                "<div class=\"comment\" id=\"comment-{n}\">{}<time class=\"d-none\">2019-01-21T21:40:59.62Z+00:00</time>\
                 <span class=\"d-none d-md-inline\">wide-screen-label</span></div>",
                para(&format!("Comment {n} explains how to reraise the exception after logging it."), 3)
            )
        };
        let html = format!("<html><body><div class=\"comments\">{}{}</div></body></html>", post(1), post(2));
        let s = text(&html);
        assert!(s.contains("Comment 2 explains") && s.contains("wide-screen-label"), "{s}");
        assert!(!s.contains("21:40:59"), "{s}");
    }

    #[test]
    fn bare_counters_are_chrome_but_table_cells_stay() {
        assert!(is_counter("12") && is_counter("+3") && is_counter("1,204"));
        assert!(!is_counter("12 replies") && !is_counter("3.5"));
        let post = |n: usize| {
            format!(
                "<div class=\"post\" id=\"p{n}\"><div class=\"score\"><span>4{n}7</span></div>{}<table><tr><td>Cell</td><td>90{n}</td></tr></table></div>",
                para(&format!("Post {n} compares the two versions of the library in detail."), 3)
            )
        };
        let html = format!("<html><body><div class=\"thread\">{}{}</div></body></html>", post(1), post(2));
        let s = text(&html);
        assert!(s.contains("901") && s.contains("902"), "{s}");
        assert!(!s.contains("417") && !s.contains("427"), "{s}");
    }

    #[test]
    fn status_badges_edit_notices_and_stats_are_chrome_text() {
        for t in ["Offline", "Original Poster", "Top", "Code: Select all", "Last edited: Jul 25, 2024", "Threads: 23", "#12"] {
            assert!(is_chrome_text(t), "{t}");
        }
        for t in ["17 hours ago", "Posted 6 years ago", "a month ago", "1 year ago"] {
            assert!(is_chrome_text(t), "{t}");
        }
        for t in ["Topology matters", "Posted 3 long years ago", "bought it 2 years ago", "years ago", "#sotd", "#"] {
            assert!(!is_chrome_text(t), "{t}");
        }
    }

    #[test]
    fn unnamed_runs_and_link_lists_are_not_threads() {
        let items: String = (0..5).map(|i| format!("<div class=\"card\"><p>Card {i} with enough words to count as some text here.</p></div>")).collect();
        assert!(thread_of(&format!("<body><div>{items}</div></body>")).1.is_none());
        let links: String = (0..5).map(|i| format!("<div class=\"post\"><a href=\"/p{i}\">A teaser title linking to post number {i}</a></div>")).collect();
        assert!(thread_of(&format!("<body><div>{links}</div></body>")).1.is_none());
    }

    #[test]
    fn an_article_keeps_its_body_not_its_comments() {
        let comments: String = (0..6)
            .map(|i| format!("<li class=\"comment\" id=\"comment-{i}\"><p>Reader comment number {i} saying something about the piece at length.</p></li>"))
            .collect();
        let html = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"></head><body><article><h1>Title</h1>{}</article>\
             <ol class=\"commentlist\">{comments}</ol></body></html>",
            para("The article body talks about rivers, towns and the people who live along them.", 12)
        );
        let s = text(&html);
        assert!(s.contains("rivers, towns"));
        assert!(!s.contains("Reader comment"), "{s}");
    }

    #[test]
    fn a_question_joins_its_answers_without_their_comments() {
        let answer = |n: usize| {
            format!(
                "<div class=\"answer\" id=\"answer-{n}\"><div class=\"post-text\">{}</div>\
                 <div class=\"comments\"><ul><li class=\"comment\">A comment under answer {n} asking for more details please.</li></ul></div></div>",
                para(&format!("Answer {n} explains how to set the keyboard focus to the file pane."), 2)
            )
        };
        let html = format!(
            "<html><body><div id=\"mainbar\"><div class=\"question\" id=\"question\"><div class=\"post-text\">{}</div></div>\
             <div id=\"answers\">{}{}</div></div></body></html>",
            para("How do I move keyboard focus to the file list in the explorer window?", 2),
            answer(1),
            answer(2)
        );
        let (_, t) = thread_of(&html);
        assert!(t.as_ref().is_some_and(|t| t.lead.is_some()), "no leading question");
        let s = text(&html);
        assert!(s.contains("How do I move keyboard focus"));
        assert!(s.contains("Answer 1 explains") && s.contains("Answer 2 explains"));
        assert!(!s.contains("A comment under answer"), "{s}");
    }

    #[test]
    fn markdown_quotes_stay_cited_quotes_go() {
        let post = |n: usize, inner: &str| format!("<div class=\"comment\" id=\"c{n}\">{}{inner}</div>", para(&format!("Comment {n} has its own words to say here."), 4));
        let html = format!(
            "<html><body><div class=\"comments\">{}{}</div></body></html>",
            post(1, "<blockquote><p>an excerpt the commenter quotes from the paper</p></blockquote>"),
            post(2, "<blockquote><cite>c1 wrote:</cite> a previous comment quoted again</blockquote>")
        );
        let s = text(&html);
        assert!(s.contains("an excerpt the commenter quotes"));
        assert!(!s.contains("a previous comment quoted again"), "{s}");
    }

    #[test]
    fn nested_replies_alternating_with_posts_join_the_thread() {
        // Each top-level post is followed by the wrapper of its replies: two post-like groups
        // under one parent, both part of the thread, in document order.
        let post = |n: usize| {
            format!(
                "<article class=\"js-post message\" id=\"js-post-{n}\">{}</article>\
                 <div class=\"nested-message-children-wrapper\"><article class=\"js-post message\" id=\"js-post-{n}0\">{}</article></div>",
                para(&format!("Top post {n} says the lift gate lights are easy to fit in an hour."), 2),
                para(&format!("Nested reply to {n} agrees and adds a note about the wiring harness."), 2)
            )
        };
        let html = format!("<html><body><div class=\"block-body\">{}{}{}</div></body></html>", post(1), post(2), post(3));
        let (_, t) = thread_of(&html);
        assert_eq!(t.map(|t| t.posts.len()), Some(6));
        let s = text(&html);
        for w in ["Top post 1", "Top post 3", "Nested reply to 2"] {
            assert!(s.contains(w), "missing {w:?} in {s:?}");
        }
        assert!(s.find("Top post 1").unwrap() < s.find("Nested reply to 1").unwrap() && s.find("Nested reply to 1").unwrap() < s.find("Top post 2").unwrap());
    }

    #[test]
    fn the_preview_of_the_post_replied_to_is_chrome() {
        let post = |n: usize, parent: &str| {
            format!(
                "<li component=\"post\" class=\"post\" data-index=\"{n}\"><span class=\"text-muted\">wrote on <a class=\"timeago\" title=\"2024\"></a></span>\
                 {parent}<div component=\"post/content\">{}</div></li>",
                para(&format!("Post {n} reports which toolkit version the distribution ships."), 3)
            )
        };
        let preview = "<div component=\"post/parent\" class=\"btn\"><a href=\"/user/a\">alice</a><div component=\"post/parent/content\"><p>Echoed words of the first post.</p></div></div>";
        let html = format!("<html><body><ul class=\"posts\">{}{}</ul></body></html>", post(1, ""), post(2, preview));
        let s = text(&html);
        assert!(s.contains("Post 2 reports"), "{s}");
        for w in ["Echoed words", "wrote on"] {
            assert!(!s.contains(w), "kept {w:?} in {s:?}");
        }
    }

    #[test]
    fn an_opening_post_marked_apart_in_the_same_list_leads_the_thread() {
        let post = |n: usize, class: &str| {
            format!("<li class=\"{class}\" itemtype=\"http://schema.org/Comment\">{}</li>", para(&format!("Post {n} discusses the release candidate and its fixes."), 3))
        };
        let html = format!(
            "<html><body><ul class=\"timeline\">{}{}{}</ul></body></html>",
            post(0, "topic-owner-post"),
            post(1, "pt-4 reply"),
            post(2, "pt-4 reply")
        );
        let (doc, t) = thread_of(&html);
        let t = t.expect("thread");
        assert_eq!(t.posts.len(), 2);
        assert!(t.lead.is_some_and(|l| doc.is_tag(l, "li")), "{:?}", t.lead.map(|l| doc.tag(l)));
        // A sort menu named for the posts is a form control, never the opening post.
        let menu = format!(
            "<html><body><ul class=\"timeline\"><select id=\"post-sort-menu\"><option>Oldest to newest first</option><option>Newest to oldest first</option>\
             <option>Most votes first, then oldest</option><option>Recently active posts first</option></select>{}{}</ul></body></html>",
            post(1, "pt-4 reply"),
            post(2, "pt-4 reply")
        );
        assert!(thread_of(&menu).1.is_some_and(|t| t.lead.is_none()));
        assert!(text(&html).contains("Post 0 discusses"));
    }

    #[test]
    fn a_link_heavy_opening_post_with_its_own_words_leads_the_thread() {
        let links: String = (0..12).map(|i| format!("<li><a href=\"/pr/{i}\">Fix number {i} to the federation code paths</a></li>")).collect();
        let comments: String = (0..3)
            .map(|i| format!("<li class=\"comment\">{}</li>", para(&format!("Comment {i} thanks the developers for the update and asks about votes."), 2)))
            .collect();
        let html = format!(
            "<html><body><div class=\"col\"><div class=\"post-listing\"><h1>Development update</h1>{}<ul>{links}</ul></div>\
             <div><ul class=\"comments\">{comments}</ul></div></div></body></html>",
            para("Here is our regular update that explains what we have been working on.", 6)
        );
        let (doc, t) = thread_of(&html);
        let t = t.expect("thread");
        assert!(t.lead.is_some_and(|l| doc.attr(l, "class") == Some("post-listing")), "no leading post");
    }

    #[test]
    fn post_badges_are_chrome() {
        let post = |n: usize| {
            format!(
                "<article class=\"comment-node\" id=\"comment-{n}\"><a href=\"/u/dess\">Dessalines</a> <span class=\"badge text-info\">OP</span>{}</article>",
                para(&format!("Comment {n} explains why the vote setting rejects remote downvotes."), 3)
            )
        };
        let s = text(&format!("<html><body><div class=\"comments\">{}{}</div></body></html>", post(1), post(2)));
        assert!(s.contains("Dessalines") && s.contains("Comment 2 explains"), "{s}");
        assert!(!s.contains("OP"), "{s}");
    }

    #[test]
    fn bare_rows_around_named_cells_are_posts_and_names_in_menus_stay() {
        let row = |n: usize, who: &str| {
            format!(
                "<tr><td class=\"msg\" id=\"message_{n}\"><div class=\"msg_infobox\"><a class=\"name menu_toggle\">{who}</a><span class=\"menu\">Options</span></div>{}</td></tr>",
                para(&format!("Message {n} looks forward to the showcase and the games it may bring."), 3)
            )
        };
        let html = format!("<html><body><table class=\"board\"><tbody>{}{}{}</tbody></table></body></html>", row(1, "Need2Know"), row(2, "McMonkey"), row(3, "Guyver"));
        let (doc, t) = thread_of(&html);
        let t = t.expect("thread");
        assert_eq!(t.posts.len(), 3);
        assert!(doc.is_tag(t.posts[0], "tr"));
        let s = text(&html);
        assert!(s.contains("Need2Know") && s.contains("Guyver") && s.contains("Message 3 looks"), "{s}");
        assert!(!s.contains("Options"), "{s}");
    }

    #[test]
    fn hashed_blocks_each_with_a_reply_button_are_a_thread() {
        let post = |n: usize| {
            format!(
                "<div style=\"display:contents\"><div class=\"sc-dYdCZC cUEmDw\"><div class=\"sc-jQbJRc\">Member {n}</div>{}\
                 <button class=\"MuiButton-root\" aria-label=\"Reply to post\"><span>Reply</span></button></div></div>",
                para(&format!("Reply {n} says working in early years childcare was rewarding but tiring."), 3)
            )
        };
        let html = format!("<html><body><main><div class=\"sc-bgJKwL\">{}{}{}</div></main></body></html>", post(1), post(2), post(3));
        let (_, t) = thread_of(&html);
        assert_eq!(t.map(|t| t.posts.len()), Some(3));
        let s = text(&html);
        assert!(s.contains("Reply 1 says") && s.contains("Reply 3 says") && s.contains("Member 2"), "{s}");
        // The same blocks without reply buttons are cards, not posts.
        assert!(thread_of(&html.replace("Reply to post", "Open").replace("<span>Reply</span>", "<span>Open</span>")).1.is_none());
    }

    #[test]
    fn post_titles_repeating_the_topic_are_chrome_but_names_are_not() {
        let post = |n: usize, title: &str, who: &str| {
            format!(
                "<div class=\"post\" id=\"p{n}\"><h4 class=\"message-name\"><a href=\"/members/{who}.{n}/\">{who}</a></h4><h3><a href=\"./viewtopic.php?p={n}\">{title}</a></h3>\
                 <dd class=\"profile-custom-field\"><strong>Primary OS:</strong> Mac OS X</dd>{}</div>",
                para(&format!("Post {n} reports the network problems after the upgrade."), 3)
            )
        };
        let html = format!(
            "<html><body><div class=\"page-body\">{}{}{}</div></body></html>",
            post(1, "Discuss the 7.1.0 release here", "galitsyn"),
            post(2, "Re: Discuss the 7.1.0 release here", "galitsyn"),
            post(3, "Re: Discuss the 7.1.0 release here", "ehasis")
        );
        let s = text(&html);
        assert!(s.contains("Post 3 reports") && s.matches("galitsyn").count() == 2, "{s}");
        assert!(!s.contains("Discuss the 7.1.0") && !s.contains("Primary OS"), "{s:?}");
    }

    #[test]
    fn a_long_post_among_short_replies_is_still_one_post_of_the_thread() {
        let post = |n: usize, body: String| format!("<div class=\"windowbg\" id=\"msg{n}\"><div class=\"poster\">user{n}</div><div class=\"inner\">{body}</div></div>");
        let html = format!(
            "<html><body><form id=\"quickModForm\">{}{}{}{}</form></body></html>",
            post(1, para("Which theme should I use for the new board, and can it be changed later?", 2)),
            post(2, (0..8).map(|i| para(&format!("Step {i} of the long guide explains how to install and configure the theme."), 3)).collect()),
            post(3, para("Thanks a lot, that guide worked for me on the first try.", 2)),
            post(4, para("Glad it helped; mark the topic solved when you can, please.", 2))
        );
        let (_, t) = thread_of(&html);
        let t = t.expect("thread");
        let share = t.post_text[1] as f64 / t.text as f64;
        assert!(share > 0.75, "{share}");
        let s = text(&html);
        assert!(s.contains("Which theme") && s.contains("Step 7 of the long guide") && s.contains("Glad it helped"), "{s}");
    }

    #[test]
    fn the_phone_copy_of_the_poster_pane_is_chrome() {
        let post = |n: usize| {
            format!(
                "<article class=\"cPost ipsComment\" id=\"elComment_{n}\"><div class=\"cAuthorPane_mobile ipsResponsive_showPhone\"><b>PhoneCopy{n}</b></div>\
                 <aside class=\"cAuthorPane\"><b>Desk{n}</b></aside>{}</article>",
                para(&format!("Comment {n} explains how to change the payment method of an order."), 3)
            )
        };
        let s = text(&format!("<html><body><div class=\"topic\">{}{}</div></body></html>", post(1), post(2)));
        assert!(s.contains("Comment 2 explains"), "{s}");
        assert!(!s.contains("PhoneCopy"), "{s}");
    }

    #[test]
    fn declared_kind_reads_og_type_and_json_ld() {
        let d = |head: &str| declared_kind(&parse_html(&format!("<html><head>{head}</head><body></body></html>")));
        assert_eq!(d("<meta property=\"og:type\" content=\"article\">"), Declared::Article);
        assert_eq!(d("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"), Declared::Article);
        assert_eq!(
            d("<meta property=\"og:type\" content=\"article\"><script type=\"application/ld+json\">{\"@type\": \"DiscussionForumPosting\"}</script>"),
            Declared::Forum
        );
        assert_eq!(d("<meta property=\"og:type\" content=\"website\">"), Declared::Unknown);
        // Microdata typing an element as a discussion wins over `og:type` article.
        let forum = parse_html("<html><head><meta property=\"og:type\" content=\"article\"></head><body><div itemscope itemtype=\"https://schema.org/DiscussionForumPosting\"></div></body></html>");
        assert_eq!(declared_kind(&forum), Declared::Forum);
    }
}
