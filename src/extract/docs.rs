//! Documentation pages (API references, manuals, product docs, wikis): structure that
//! Readability's news-article rules misread.
//!
//! - *heading anchors*: a section or heading whose `id` is made from its heading's words
//!   (`respond-to-review-comments`, `Skip_package_from_being_upgraded`) is not read as a name
//!   for the block: it makes it neither an unlikely candidate nor a widget
//!   ([`super::lexicon::Signals`]); Readability's class weights still read it.

use crate::dom::{Document, NodeId};

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
    let is_heading = |n: NodeId| matches!(doc.tag(n), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    let heading = if is_heading(id) { Some(id) } else { doc.element_children(id).take(2).find(|&c| is_heading(c)) };
    let Some(h) = heading else { return false };
    let id_words = words(idv);
    if id_words.len() < ANCHOR_MIN_WORDS {
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
    if head_words.len() < ANCHOR_MIN_WORDS {
        return false;
    }
    id_words.windows(head_words.len()).any(|w| w == head_words.as_slice()) || head_words.starts_with(&id_words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(doc: &Document, tag: &str) -> NodeId {
        doc.find_tag(doc.root(), tag).unwrap()
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
