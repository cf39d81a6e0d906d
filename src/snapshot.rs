//! The browser front-end: a compact snapshot of the live DOM, handed to Rust in one call.
//!
//! The content script walks the page once (iteratively) and joins its fields with U+0000 into
//! one string; crossing the wasm boundary once with a string is far cheaper than thousands of
//! `web-sys` calls (figures in the README). This module decodes that string into a
//! [`Document`], and [`encode`] writes the same format from a `Document`, so the format is
//! tested natively by a round trip.
//!
//! # Format
//! Fields separated by `\0`, in document order:
//! - `<name`: start of an element (its local name); `!name` the same for an element the
//!   browser did not render (computed `display: none`, `visibility: hidden`, `hidden`);
//! - then zero or more attribute pairs, each two fields: `@attrname`, `value`;
//! - `"text`: a text node;
//! - `>`: end of the current element (void elements are closed too).
//!
//! A `\0` inside text or an attribute is replaced by U+FFFD by the writer. Unbalanced input is
//! tolerated: stray `>` are ignored and open elements are closed at the end.

use crate::dom::{Attr, Document, Edge, Element, NodeData};

/// Decodes a snapshot into a document. The snapshot's top-level element becomes the
/// document element (normally `<html>`).
pub fn decode(snapshot: &str) -> Document {
    // A rough node count for the arena: one node per `<` or `"` field.
    let mut doc = Document::with_capacity(snapshot.len() / 48);
    let mut stack = vec![doc.root()];
    let mut fields = snapshot.split('\0').peekable();
    while let Some(field) = fields.next() {
        let Some(kind) = field.chars().next() else { continue };
        let rest = &field[1..];
        match kind {
            '<' | '!' => {
                let mut element = Element::new(rest);
                element.hidden = kind == '!';
                while let Some(next) = fields.peek() {
                    let Some(name) = next.strip_prefix('@') else { break };
                    fields.next();
                    let value = fields.next().unwrap_or("");
                    element.push_attr(Attr { name: name.into(), value: value.to_owned() });
                }
                let id = doc.create_element(element);
                doc.append(*stack.last().expect("stack holds the root"), id);
                stack.push(id);
            }
            '"' => {
                let parent = *stack.last().expect("stack holds the root");
                doc.append_text(parent, rest);
            }
            '>' => {
                if stack.len() > 1 {
                    stack.pop();
                }
            }
            _ => {}
        }
    }
    doc
}

/// Writes `doc` in the snapshot format (what the content script produces).
pub fn encode(doc: &Document) -> String {
    let mut out = String::new();
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push('\0');
        }
    };
    let clean = |s: &str, out: &mut String| {
        if s.contains('\0') {
            out.push_str(&s.replace('\0', "\u{FFFD}"));
        } else {
            out.push_str(s);
        }
    };
    for edge in doc.traverse(doc.root()) {
        match edge {
            Edge::Open(id) => match doc.data(id) {
                NodeData::Element(e) => {
                    sep(&mut out);
                    out.push(if e.hidden { '!' } else { '<' });
                    out.push_str(&e.name);
                    for a in e.attrs.iter() {
                        sep(&mut out);
                        out.push('@');
                        clean(&a.name, &mut out);
                        sep(&mut out);
                        clean(&a.value, &mut out);
                    }
                }
                NodeData::Text(t) => {
                    sep(&mut out);
                    out.push('"');
                    clean(t, &mut out);
                }
                _ => {}
            },
            Edge::Close(id) => {
                if doc.is_element(id) {
                    sep(&mut out);
                    out.push('>');
                }
            }
        }
    }
    out
}

#[cfg(all(test, feature = "native"))]
mod tests {
    use super::*;
    use crate::parse::parse_html;

    fn shape(doc: &Document) -> Vec<String> {
        doc.traverse(doc.root())
            .map(|e| match e {
                Edge::Open(id) => match doc.data(id) {
                    NodeData::Element(el) => format!("<{} {:?}", el.name, el.attrs),
                    NodeData::Text(t) => format!("{t:?}"),
                    _ => "?".into(),
                },
                Edge::Close(_) => ">".into(),
            })
            .collect()
    }

    #[test]
    fn round_trips_a_parsed_page() {
        let d = parse_html(
            r#"<html lang=id><head><title>A "title"</title></head><body><div class="x y" data-a="@b">Hi <br> there<p>para</p><img src=a.jpg alt=""></div>"#,
        );
        let s = encode(&d);
        let back = decode(&s);
        assert_eq!(shape(&d), shape(&back));
    }

    #[test]
    fn attribute_names_starting_with_at_survive() {
        let d = parse_html(r#"<body><button @click="go">x</button>"#);
        let back = decode(&encode(&d));
        let b = back.find_tag(back.root(), "button").unwrap();
        assert_eq!(back.attr(b, "@click"), Some("go"));
    }

    #[test]
    fn tolerates_garbage() {
        for s in ["", ">>>", "<div\0@", "\"text\0>\0>\0<p\0@a", "\0\0\0x\0<\0>"] {
            let _ = decode(s);
        }
        let d = decode("!div\0\"hid\0>");
        let div = d.find_tag(d.root(), "div").unwrap();
        assert!(d.element(div).unwrap().hidden);
    }

    #[test]
    fn deep_snapshot_decodes() {
        let s = "<div\0".repeat(100_000) + "\"x" + &"\0>".repeat(100_000);
        let d = decode(&s);
        assert_eq!(d.text_content(d.root()), "x");
    }
}
