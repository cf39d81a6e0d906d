//! The extracted article: metadata plus an allowlisted content tree, and its output formats.
//!
//! The content is a [`Document`] that has passed [`sanitize`]: only the tags in [`ALLOWED_TAGS`]
//! and the attributes in [`allowed_attr`] remain, URLs are absolute `http(s)` (or `mailto:`
//! for links, `data:image/` for images). Every output (the browser's op list, HTML, Markdown,
//! text) is written from that tree, never from page HTML.

use serde::Serialize;

use crate::dom::{Document, Edge, NodeData, NodeId};
use crate::url::Url;

/// An extracted article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601, with its UTC offset when the page gave one.
    pub published_time: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// `ltr` or `rtl` when the page declares it.
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub lead_image: Option<String>,
    pub canonical_url: Option<String>,
    /// Whether the page looks like an article (the cheap check, see [`crate::readerable`]).
    pub readerable: bool,
    /// The sanitized content; the root's children are the article's top-level blocks.
    #[serde(skip)]
    pub content: Document,
}

/// Tags that may appear in article content. Anything else is unwrapped (its children kept) or
/// dropped (see [`DROPPED_TAGS`]).
pub const ALLOWED_TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
    "em", "strong", "i", "b", "u", "s", "sub", "sup", "small", "mark", "q", "cite", "abbr", "time", "br",
    "hr", "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
    "td", "del", "ins", "kbd", "samp", "var", "details", "summary", "iframe", "section", "div",
    // MathML, kept as written.
    "math", "mi", "mn", "mo", "ms", "mtext", "mrow", "msup", "msub", "msubsup", "mfrac", "msqrt", "mroot",
    "mtable", "mtr", "mtd", "munder", "mover", "munderover", "semantics", "annotation", "mspace",
    "mstyle", "mpadded", "mphantom", "menclose",
];

/// Tags whose whole subtree is dropped by the sanitizer.
pub const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "object", "embed", "applet", "form", "input", "button",
    "select", "textarea", "option", "svg", "canvas", "audio", "video", "source", "track", "link", "meta",
    "base", "head", "title", "frame", "frameset", "dialog", "nav", "aside", "footer", "header",
];

/// Hosts whose embeds (iframes) are kept as video embeds.
pub const ALLOWED_EMBED_HOSTS: &[&str] = &[
    "www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com",
    "www.dailymotion.com", "player.twitch.tv", "archive.org",
];

/// Whether attribute `attr` may stay on `tag` (URL attributes are checked separately).
pub fn allowed_attr(tag: &str, attr: &str) -> bool {
    match attr {
        "lang" | "dir" => true,
        "title" => matches!(tag, "abbr" | "img" | "a"),
        "href" => tag == "a",
        "src" | "alt" | "srcset" | "sizes" | "width" | "height" => {
            tag == "img" || (tag == "iframe" && matches!(attr, "src" | "width" | "height"))
        }
        "colspan" | "rowspan" | "headers" => matches!(tag, "td" | "th"),
        "scope" => tag == "th",
        "start" | "reversed" | "type" => tag == "ol",
        "value" => tag == "li",
        "datetime" => matches!(tag, "time" | "del" | "ins"),
        "class" => matches!(tag, "code" | "pre"), // only `language-*` tokens survive
        "display" | "mathvariant" | "stretchy" | "fence" | "separator" | "accent" | "lspace"
        | "rspace" | "encoding" | "notation" | "columnalign" => tag.starts_with('m') || tag == "annotation",
        "open" => tag == "details",
        _ => false,
    }
}

fn is_allowed_tag(tag: &str) -> bool {
    ALLOWED_TAGS.contains(&tag)
}

/// Makes `url` absolute against `base` and returns it when its scheme is allowed for `attr`.
fn clean_url(base: Option<&Url>, attr: &str, tag: &str, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if tag == "img" && value.len() > 5 && value[..5].eq_ignore_ascii_case("data:") {
        return value.get(..11).filter(|p| p.eq_ignore_ascii_case("data:image/")).map(|_| value.to_owned());
    }
    if tag == "a" && value.starts_with('#') {
        return Some(value.to_owned());
    }
    let abs = match base {
        Some(b) => b.join(value)?,
        None => Url::parse(value)?,
    };
    let ok = match abs.scheme() {
        "http" | "https" => true,
        "mailto" => tag == "a" && attr == "href",
        _ => false,
    };
    if tag == "iframe" && !ALLOWED_EMBED_HOSTS.contains(&abs.host()) {
        return None;
    }
    ok.then(|| abs.as_str().to_owned())
}

fn clean_srcset(base: Option<&Url>, value: &str) -> Option<String> {
    let mut out = Vec::new();
    for cand in value.split(',') {
        let cand = cand.trim();
        let (u, desc) = match cand.split_once(char::is_whitespace) {
            Some((u, d)) => (u, d.trim()),
            None => (cand, ""),
        };
        if let Some(abs) = clean_url(base, "src", "img", u) {
            if desc.is_empty() {
                out.push(abs)
            } else {
                out.push(format!("{abs} {desc}"))
            }
        }
    }
    (!out.is_empty()).then(|| out.join(", "))
}

/// Whether an element inside `pre` is one line of a highlighted code block: class token
/// `line` or `*-line` (Shiki `span.line`, Prism `token-line`, CodeMirror `cm-line`…), which the
/// page's CSS shows as a block.
fn is_code_line(e: &crate::dom::Element) -> bool {
    e.classes().any(|c| c == "line" || c.ends_with("-line"))
}

/// Builds the allowlisted content tree from the subtree of `src_root` in `src`.
///
/// Elements not allowed are unwrapped (`span`, `font`, `article`…) or dropped with their
/// subtree ([`DROPPED_TAGS`], hidden elements); `h1` becomes `h2`. Inside `pre`, a code line
/// element ([`is_code_line`]) that follows text not ending in a line break gets a `\n` before
/// it (minified highlighter output has none). Iterative: a stack of (source node, output
/// parent) pairs.
pub fn sanitize(src: &Document, src_root: NodeId, base: Option<&Url>) -> Document {
    let mut out = Document::with_capacity(256);
    let out_root = out.root();
    // Open `pre` elements, and whether the text written inside them so far ends mid-line.
    let mut pre_depth = 0usize;
    let mut mid_line = false;
    // Output parent for each open source element (None: unwrapped, children go to the parent).
    let mut parents: Vec<NodeId> = vec![out_root];
    let mut pushed: Vec<bool> = Vec::new();
    let mut walk = src.traverse(src_root);
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(id) => {
                let parent = *parents.last().expect("root");
                match src.data(id) {
                    NodeData::Text(t) => {
                        out.append_text(parent, t);
                        if pre_depth > 0 && !t.is_empty() {
                            mid_line = !t.ends_with('\n');
                        }
                    }
                    NodeData::Element(e) if id != src_root => {
                        let tag: &str = if &*e.name == "h1" { "h2" } else { &e.name };
                        if DROPPED_TAGS.contains(&tag) || e.hidden {
                            walk.skip_children(id);
                            pushed.push(false);
                            continue;
                        }
                        if pre_depth > 0 {
                            if mid_line && is_code_line(e) {
                                out.append_text(parent, "\n");
                                mid_line = false;
                            } else if tag == "br" {
                                mid_line = false;
                            }
                        }
                        if tag == "pre" {
                            pre_depth += 1;
                            mid_line = false;
                        }
                        if !is_allowed_tag(tag) {
                            pushed.push(false);
                            continue;
                        }
                        let mut el = crate::dom::Element::new(tag);
                        for a in e.attrs.iter() {
                            let name = &*a.name;
                            if !allowed_attr(tag, name) {
                                continue;
                            }
                            let value = match name {
                                "href" | "src" => match clean_url(base, name, tag, &a.value) {
                                    Some(v) => v,
                                    None => continue,
                                },
                                "srcset" => match clean_srcset(base, &a.value) {
                                    Some(v) => v,
                                    None => continue,
                                },
                                "class" => {
                                    let langs: Vec<&str> = a
                                        .value
                                        .split_ascii_whitespace()
                                        .filter(|c| c.starts_with("language-") || c.starts_with("lang-"))
                                        .take(1)
                                        .collect();
                                    if langs.is_empty() {
                                        continue;
                                    }
                                    langs.join(" ")
                                }
                                _ => a.value.clone(),
                            };
                            el.push_attr(crate::dom::Attr { name: a.name.clone(), value });
                        }
                        if (tag == "img" && !el.has_attr("src") && !el.has_attr("srcset"))
                            || (tag == "iframe" && !el.has_attr("src"))
                        {
                            walk.skip_children(id);
                            pushed.push(false);
                            continue;
                        }
                        let n = out.create_element(el);
                        out.append(parent, n);
                        parents.push(n);
                        pushed.push(true);
                        if matches!(tag, "img" | "br" | "hr" | "iframe") {
                            walk.skip_children(id);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(id) => {
                if id != src_root && src.is_element(id) && pushed.pop() == Some(true) {
                    parents.pop();
                    if src.tag(id) == Some("pre") {
                        pre_depth -= 1;
                    }
                }
            }
        }
    }
    out
}

/// Block-level tags of the content tree, for text and Markdown output.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "dl" | "dt" | "dd" | "blockquote"
            | "pre" | "figure" | "figcaption" | "table" | "caption" | "thead" | "tbody" | "tfoot" | "tr"
            | "hr" | "details" | "summary" | "section" | "div" | "iframe"
    )
}

fn collapse_ws_into(s: &str, out: &mut String) {
    // Word by word: each whitespace run becomes one space (none at the start of the output or
    // of a line), each word is copied whole.
    let mut rest = s;
    while !rest.is_empty() {
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        out.push_str(&rest[..word]);
        rest = &rest[word..];
        let ws = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        if ws > 0 && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        rest = &rest[ws..];
    }
}

impl Article {
    /// The article as plain text: blocks separated by blank lines, whitespace collapsed
    /// (except inside `pre`).
    pub fn text(&self) -> String {
        let d = &self.content;
        let mut out = String::new();
        let mut in_pre = 0usize;
        let end_block = |out: &mut String| {
            while out.ends_with(' ') {
                out.pop();
            }
            if !out.is_empty() && !out.ends_with("\n\n") {
                if out.ends_with('\n') {
                    out.push('\n');
                } else {
                    out.push_str("\n\n");
                }
            }
        };
        for edge in d.traverse(d.root()) {
            match edge {
                Edge::Open(id) => match d.data(id) {
                    NodeData::Text(t) => {
                        if in_pre > 0 {
                            out.push_str(t);
                        } else {
                            collapse_ws_into(t, &mut out);
                        }
                    }
                    NodeData::Element(e) => {
                        if &*e.name == "pre" {
                            end_block(&mut out);
                            in_pre += 1;
                        } else if is_block(&e.name) || matches!(&*e.name, "td" | "th") {
                            if matches!(&*e.name, "td" | "th") {
                                if !out.is_empty() && !out.ends_with([' ', '\n']) {
                                    out.push(' ');
                                }
                            } else {
                                end_block(&mut out);
                            }
                        } else if &*e.name == "br" {
                            while out.ends_with(' ') {
                                out.pop();
                            }
                            out.push('\n');
                        } else if &*e.name == "img" {
                            // images carry no text
                        }
                    }
                    _ => {}
                },
                Edge::Close(id) => {
                    if let Some(tag) = d.tag(id) {
                        if tag == "pre" {
                            in_pre -= 1;
                            end_block(&mut out);
                        } else if is_block(tag) {
                            end_block(&mut out);
                        }
                    }
                }
            }
        }
        while out.ends_with(['\n', ' ']) {
            out.pop();
        }
        out
    }

    /// The content as HTML (allowlisted tree, escaped).
    pub fn content_html(&self) -> String {
        let d = &self.content;
        let mut out = String::new();
        for edge in d.traverse(d.root()) {
            match edge {
                Edge::Open(id) => match d.data(id) {
                    NodeData::Text(t) => escape_into(t, false, &mut out),
                    NodeData::Element(e) => {
                        out.push('<');
                        out.push_str(&e.name);
                        for a in e.attrs.iter() {
                            out.push(' ');
                            out.push_str(&a.name);
                            out.push_str("=\"");
                            escape_into(&a.value, true, &mut out);
                            out.push('"');
                        }
                        out.push('>');
                    }
                    _ => {}
                },
                Edge::Close(id) => {
                    if let Some(tag) = d.tag(id) {
                        if !matches!(tag, "img" | "br" | "hr") {
                            out.push_str("</");
                            out.push_str(tag);
                            out.push('>');
                        }
                    }
                }
            }
        }
        out
    }

    /// The content as a flat op list for the browser: a text node is a JSON string, an element
    /// start is `[tag, {attrs}]`, an element end is `0`. JS builds DOM nodes from it with
    /// `createElement`/`textContent` only.
    pub fn content_ops(&self) -> serde_json::Value {
        use serde_json::Value;
        let d = &self.content;
        let mut ops = Vec::new();
        for edge in d.traverse(d.root()) {
            match edge {
                Edge::Open(id) => match d.data(id) {
                    NodeData::Text(t) => ops.push(Value::String(t.to_string())),
                    NodeData::Element(e) => {
                        let mut attrs = serde_json::Map::new();
                        for a in e.attrs.iter() {
                            attrs.insert(a.name.to_string(), Value::String(a.value.clone()));
                        }
                        ops.push(Value::Array(vec![Value::String(e.name.to_string()), Value::Object(attrs)]));
                    }
                    _ => {}
                },
                Edge::Close(id) => {
                    if d.is_element(id) {
                        ops.push(Value::from(0));
                    }
                }
            }
        }
        Value::Array(ops)
    }

    /// Number of words in the text (runs of letters or digits; each CJK character counts).
    pub fn word_count(&self) -> usize {
        crate::text::word_count(&self.text())
    }
}

/// HTML-escapes `s` (quotes too when `attr`).
pub fn escape_into(s: &str, attr: bool, out: &mut String) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char definition [`collapse_ws_into`] must agree with.
    fn naive_collapse_into(s: &str, out: &mut String) {
        for ch in s.chars() {
            if ch.is_whitespace() {
                if !out.is_empty() && !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            } else {
                out.push(ch);
            }
        }
    }

    fn sanitized_text(html: &str) -> String {
        let doc = crate::parse::parse_html(html);
        let body = doc.body().unwrap();
        Article { content: sanitize(&doc, body, None), ..Default::default() }.text()
    }

    #[test]
    fn minified_code_lines_get_line_breaks() {
        let html = r#"<pre><code><span class="line"><span>npm</span><span> create app</span></span><span class="line"><span>cd</span><span> app</span></span></code></pre>"#;
        assert_eq!(sanitized_text(html), "npm create app\ncd app");
        // Lines already separated (by text or `br`) get nothing more; other spans are inline.
        let html = r#"<pre><span class="token-line">a b</span><br><span class="token-line">c</span>
<span class="line">d</span><span class="tok">e</span></pre>"#;
        assert_eq!(sanitized_text(html), "a b\nc\nde");
    }

    #[test]
    fn word_by_word_collapse_matches_naive() {
        let samples = ["", " ", "a", "  a  b\t\nc ", "\u{a0}x\u{3000}y\u{2028}", "日本 語", "tail ", " lead"];
        for prefix in ["", "x", "x ", "x\n"] {
            for t in samples {
                let (mut a, mut b) = (prefix.to_owned(), prefix.to_owned());
                collapse_ws_into(t, &mut a);
                naive_collapse_into(t, &mut b);
                assert_eq!(a, b, "{prefix:?} + {t:?}");
            }
        }
    }
}
