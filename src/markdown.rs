//! Markdown output (CommonMark + GFM tables) with YAML front matter, written from the
//! allowlisted content tree in one iterative walk.

use crate::article::Article;
use crate::dom::{Document, Edge, NodeData, NodeId};

/// Front matter values. `saved` is passed in so output stays reproducible in tests.
pub struct FrontMatter<'a> {
    pub url: Option<&'a str>,
    /// ISO 8601 time the article was saved; omitted when `None`.
    pub saved: Option<&'a str>,
}

fn yaml_str(s: &str) -> String {
    // Double-quoted YAML scalar: escape backslash, quote and control characters.
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The article as Markdown, front matter first.
pub fn to_markdown(article: &Article, fm: &FrontMatter<'_>) -> String {
    let mut out = String::from("---\n");
    let url = article.canonical_url.as_deref().or(fm.url);
    for (k, v) in [
        ("title", article.title.as_deref()),
        ("author", article.byline.as_deref()),
        ("published", article.published_time.as_deref()),
        ("site", article.site_name.as_deref()),
        ("url", url),
        ("lang", article.lang.as_deref()),
        ("saved", fm.saved),
    ] {
        if let Some(v) = v {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&yaml_str(v));
            out.push('\n');
        }
    }
    out.push_str("---\n\n");
    if let Some(t) = &article.title {
        out.push_str("# ");
        out.push_str(&escape_inline(t, true));
        out.push_str("\n\n");
    }
    out.push_str(&body_markdown(&article.content));
    out
}

/// Escapes characters that would otherwise be read as Markdown syntax.
fn escape_inline(s: &str, at_line_start: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' => {
                out.push('\\');
                out.push(c)
            }
            '#' | '+' | '-' | '=' if i == 0 && at_line_start => {
                out.push('\\');
                out.push(c)
            }
            c => out.push(c),
        }
    }
    out
}

struct Writer {
    out: String,
    /// Line prefixes of the open containers (blockquote `> `, list item indentation).
    prefixes: Vec<String>,
    /// Whether something was written on the current line after its prefix.
    line_has_content: bool,
    pending_space: bool,
    /// The first line of a list item gets its marker instead of the indentation prefix.
    pending_marker: Option<String>,
    /// Where the blank line ending the last block starts, while nothing follows it.
    blank_at: Option<usize>,
    /// Where the current line's content starts (after its prefix or list marker).
    line_start: usize,
    /// Opening emphasis markers not yet written: they go out with the next word, so that no
    /// marker is followed by a space (CommonMark would not read it as emphasis).
    pending_open: String,
}

impl Writer {
    fn prefix(&self) -> String {
        self.prefixes.concat()
    }

    /// Ends the current block with a blank line (prefixed, so blockquotes stay joined).
    fn block_break(&mut self) {
        self.pending_space = false;
        if self.out.is_empty() || self.blank_at.is_some() {
            self.line_has_content = false;
            return;
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.blank_at = Some(self.out.len());
        let p = self.prefix();
        self.out.push_str(p.trim_end());
        self.out.push('\n');
        self.line_has_content = false;
    }

    /// Closes a container: its trailing blank line is rewritten with the outer prefix.
    fn pop_prefix(&mut self) {
        self.prefixes.pop();
        self.pending_marker = None;
        if let Some(at) = self.blank_at {
            self.out.truncate(at);
            let p = self.prefix();
            self.out.push_str(p.trim_end());
            self.out.push('\n');
        }
    }

    fn start_line(&mut self) {
        if !self.line_has_content {
            if let Some(m) = self.pending_marker.take() {
                let n = self.prefixes.len();
                let outer: String = self.prefixes[..n.saturating_sub(1)].concat();
                self.out.push_str(&outer);
                self.out.push_str(&m);
            } else {
                let p = self.prefix();
                self.out.push_str(&p);
            }
            self.line_has_content = true;
            self.blank_at = None;
            self.line_start = self.out.len();
        }
    }

    /// Opens an inline marker (`*`, `**`, `~~`, `[`).
    fn open_marker(&mut self, m: &str) {
        self.pending_open.push_str(m);
    }

    /// Closes an inline marker; returns false when its element had no text (nothing written).
    fn close_marker(&mut self, open: &str, close: &str) -> bool {
        if self.pending_open.ends_with(open) {
            let n = self.pending_open.len() - open.len();
            self.pending_open.truncate(n);
            return false;
        }
        let had_space = self.out.ends_with(' ');
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        self.out.push_str(close);
        if had_space {
            self.pending_space = true;
        }
        true
    }

    fn flush_open(&mut self) {
        if !self.pending_open.is_empty() {
            let m = std::mem::take(&mut self.pending_open);
            self.out.push_str(&m);
        }
    }

    fn text(&mut self, s: &str) {
        let mut first = true;
        for word in s.split_whitespace() {
            if !first || self.pending_space || s.starts_with(char::is_whitespace) {
                if self.line_has_content && !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
            }
            self.start_line();
            let at_start = self.out.len() == self.line_start && self.pending_open.is_empty();
            self.flush_open();
            self.out.push_str(&escape_inline(word, at_start));
            first = false;
            self.pending_space = false;
        }
        if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
            self.pending_space = true;
        } else if s.trim().is_empty() && !s.is_empty() {
            self.pending_space = true;
        }
    }

    fn raw(&mut self, s: &str) {
        if self.pending_space && self.line_has_content && !self.out.ends_with([' ', '\n']) {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.start_line();
        self.flush_open();
        self.out.push_str(s);
    }

    fn hard_break(&mut self) {
        if self.line_has_content {
            self.out.push_str("\\\n");
            self.line_has_content = false;
            self.pending_space = false;
        }
    }
}

fn inline_text(doc: &Document, id: NodeId) -> String {
    crate::text::normalize_ws(&doc.text_content(id))
}

fn table_markdown(doc: &Document, table: NodeId) -> Vec<String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header_rows = 0usize;
    for d in doc.descendants(table) {
        if doc.is_tag(d, "tr") {
            let mut cells = Vec::new();
            let mut all_th = true;
            for c in doc.element_children(d) {
                if doc.is_tag(c, "td") || doc.is_tag(c, "th") {
                    all_th &= doc.is_tag(c, "th");
                    let span: usize =
                        doc.attr(c, "colspan").and_then(|s| s.trim().parse().ok()).unwrap_or(1).clamp(1, 50);
                    let t = escape_inline(&inline_text(doc, c), false);
                    cells.push(t);
                    for _ in 1..span {
                        cells.push(String::new());
                    }
                }
            }
            if rows.len() == header_rows && all_th && !cells.is_empty() {
                header_rows += 1;
            }
            rows.push(cells);
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let header: Vec<String> = if header_rows > 0 { rows.remove(0) } else { vec![String::new(); width] };
    let fmt = |cells: &[String]| {
        let mut v: Vec<String> = cells.to_vec();
        v.resize(width, String::new());
        format!("| {} |", v.join(" | "))
    };
    lines.push(fmt(&header));
    lines.push(format!("|{}", " --- |".repeat(width)));
    for r in rows {
        lines.push(fmt(&r));
    }
    lines
}

/// The content tree as Markdown, without front matter.
pub fn body_markdown(doc: &Document) -> String {
    let mut w = Writer {
        out: String::new(),
        prefixes: Vec::new(),
        line_has_content: false,
        pending_space: false,
        pending_marker: None,
        blank_at: None,
        line_start: 0,
        pending_open: String::new(),
    };
    // Per open `ol`/`ul`: (ordered, next number).
    let mut lists: Vec<(bool, u64)> = Vec::new();
    // Per open element: whether a prefix was pushed for it.
    let mut pushed_prefix: Vec<(NodeId, bool)> = Vec::new();
    let mut link_href: Vec<Option<String>> = Vec::new();
    let mut walk = doc.traverse(doc.root());
    while let Some(edge) = walk.next() {
        match edge {
            Edge::Open(id) => match doc.data(id) {
                NodeData::Text(t) => w.text(t),
                NodeData::Element(e) => {
                    let tag = &*e.name;
                    let mut pushed = false;
                    match tag {
                        "p" | "div" | "section" | "figure" | "figcaption" | "details" | "summary" | "dl" | "dt"
                        | "dd" | "caption" => w.block_break(),
                        "h2" | "h3" | "h4" | "h5" | "h6" => {
                            w.block_break();
                            let level = tag[1..].parse::<usize>().unwrap_or(2);
                            w.raw(&"#".repeat(level));
                            w.out.push(' ');
                        }
                        "blockquote" => {
                            w.block_break();
                            w.prefixes.push("> ".into());
                            pushed = true;
                        }
                        "ul" | "ol" => {
                            w.block_break();
                            let start = e.attr("start").and_then(|s| s.trim().parse().ok()).unwrap_or(1);
                            lists.push((tag == "ol", start));
                        }
                        "li" => {
                            w.block_break();
                            let marker = match lists.last_mut() {
                                Some((true, n)) => {
                                    let m = format!("{n}. ");
                                    *n += 1;
                                    m
                                }
                                _ => "- ".to_owned(),
                            };
                            w.prefixes.push(" ".repeat(marker.len()));
                            w.pending_marker = Some(marker);
                            pushed = true;
                        }
                        "pre" => {
                            w.block_break();
                            let code = doc.text_content(id);
                            let lang = doc
                                .descendants(id)
                                .filter_map(|d| doc.attr(d, "class"))
                                .flat_map(|c| c.split_ascii_whitespace())
                                .find_map(|c| c.strip_prefix("language-").or_else(|| c.strip_prefix("lang-")))
                                .unwrap_or("")
                                .to_owned();
                            let mut ticks = 3;
                            let mut run = 0;
                            for ch in code.chars() {
                                if ch == '`' {
                                    run += 1;
                                    ticks = ticks.max(run + 1);
                                } else {
                                    run = 0;
                                }
                            }
                            let fence = "`".repeat(ticks);
                            w.raw(&format!("{fence}{lang}"));
                            let p = w.prefix();
                            let code = code.strip_suffix('\n').unwrap_or(&code);
                            for line in code.split('\n') {
                                w.out.push('\n');
                                w.out.push_str(&p);
                                w.out.push_str(line);
                            }
                            w.out.push('\n');
                            w.out.push_str(&p);
                            w.out.push_str(&fence);
                            w.line_has_content = true;
                            w.block_break();
                            walk.skip_children(id);
                        }
                        "table" => {
                            w.block_break();
                            // GFM tables have no caption: it goes first, as its own paragraph.
                            if let Some(cap) = doc.element_children(id).find(|&c| doc.is_tag(c, "caption")) {
                                let t = escape_inline(&inline_text(doc, cap), false);
                                if !t.trim().is_empty() {
                                    w.raw(t.trim());
                                    w.block_break();
                                }
                            }
                            let p = w.prefix();
                            let lines = table_markdown(doc, id);
                            for (i, l) in lines.iter().enumerate() {
                                if i == 0 {
                                    w.raw(l);
                                } else {
                                    w.out.push('\n');
                                    w.out.push_str(&p);
                                    w.out.push_str(l);
                                }
                            }
                            w.block_break();
                            walk.skip_children(id);
                        }
                        "hr" => {
                            w.block_break();
                            w.raw("---");
                            w.block_break();
                        }
                        "br" => w.hard_break(),
                        "img" => {
                            let alt = escape_inline(e.attr("alt").unwrap_or(""), false);
                            let src = e.attr("src").or_else(|| {
                                e.attr("srcset").and_then(|s| s.split(',').next()).and_then(|s| s.split_whitespace().next())
                            });
                            if let Some(src) = src {
                                w.raw(&format!("![{alt}](<{}>)", src.replace('>', "%3E")));
                            }
                        }
                        "iframe" => {
                            if let Some(src) = e.attr("src") {
                                w.block_break();
                                w.raw(&format!("[Video](<{}>)", src.replace('>', "%3E")));
                                w.block_break();
                            }
                        }
                        "em" | "i" | "cite" => w.open_marker("*"),
                        "strong" | "b" => w.open_marker("**"),
                        "del" | "s" => w.open_marker("~~"),
                        "code" | "kbd" | "samp" => {
                            let t = doc.text_content(id);
                            let mut ticks = 1;
                            while t.contains(&"`".repeat(ticks)) {
                                ticks += 1;
                            }
                            let f = "`".repeat(ticks);
                            let pad = if t.starts_with('`') || t.ends_with('`') { " " } else { "" };
                            w.raw(&format!("{f}{pad}{}{pad}{f}", t.replace('\n', " ")));
                            walk.skip_children(id);
                        }
                        "a" => {
                            link_href.push(e.attr("href").map(str::to_owned));
                            if e.attr("href").is_some() {
                                w.open_marker("[");
                            }
                        }
                        _ => {}
                    }
                    pushed_prefix.push((id, pushed));
                }
                _ => {}
            },
            Edge::Close(id) => {
                let Some(tag) = doc.tag(id) else { continue };
                if id == doc.root() {
                    continue;
                }
                if let Some((_, pushed)) = pushed_prefix.pop() {
                    match tag {
                        "em" | "i" | "cite" => {
                            w.close_marker("*", "*");
                        }
                        "strong" | "b" => {
                            w.close_marker("**", "**");
                        }
                        "del" | "s" => {
                            w.close_marker("~~", "~~");
                        }
                        "a" => {
                            if let Some(Some(href)) = link_href.pop() {
                                let target = format!("](<{}>)", href.replace('>', "%3E"));
                                if !w.close_marker("[", &target) {
                                    // A link without text is dropped.
                                }
                            }
                        }
                        "ul" | "ol" => {
                            lists.pop();
                            w.block_break();
                        }
                        t if crate::article::is_block(t) => w.block_break(),
                        _ => {}
                    }
                    if pushed {
                        w.block_break();
                        w.pop_prefix();
                    }
                }
            }
        }
    }
    let mut out = w.out;
    while out.ends_with(['\n', ' ', '>']) {
        out.pop();
    }
    out.push('\n');
    out
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::article::sanitize;
    use crate::parse::parse_html;

    fn md(html: &str) -> String {
        let d = parse_html(html);
        let body = d.body().unwrap();
        let base = crate::url::Url::parse("https://x.example/a/b");
        body_markdown(&sanitize(&d, body, base.as_ref()))
    }

    #[test]
    fn basic_blocks() {
        let m = md("<h2>Head</h2><p>One <em>two</em> <a href='/c'>three</a>.</p><ul><li>a</li><li>b<ol><li>c</li></ol></li></ul><blockquote><p>q1</p><p>q2</p></blockquote><pre><code class='language-rust'>fn main() {\n    x\n}</code></pre>");
        assert_eq!(
            m,
            "## Head\n\nOne *two* [three](<https://x.example/c>).\n\n- a\n\n- b\n\n  1. c\n\n> q1\n>\n> q2\n\n```rust\nfn main() {\n    x\n}\n```\n"
        );
    }

    #[test]
    fn emphasis_never_hugs_spaces() {
        assert_eq!(md("<p><b>Read also: </b><a href='/x'>Title</a> - end<i> </i></p>"), "**Read also:** [Title](<https://x.example/x>) - end\n");
    }

    #[test]
    fn table_captions_are_kept() {
        let m = md("<table><caption>Rainfall, mm</caption><tr><th>a</th></tr><tr><td>1</td></tr></table>");
        assert_eq!(m, "Rainfall, mm\n\n| a |\n| --- |\n| 1 |\n");
    }

    #[test]
    fn tables_and_escapes() {
        let m = md("<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>*2*</td></tr></table><p># not a heading</p>");
        assert_eq!(m, "| a | b\\|c |\n| --- | --- |\n| 1 | \\*2\\* |\n\n\\# not a heading\n");
    }
}
