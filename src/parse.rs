//! The native front-end: html5ever's tree builder filling the arena [`Document`].
//!
//! Used by the CLI, the tests and the benchmarks; never shipped in the extension (the browser
//! already parsed the page, see [`crate::snapshot`]). Parsing runs with scripting disabled, so
//! `<noscript>` content becomes elements (lazy-image fallbacks live there), as in Readability's
//! jsdom set-up. Comments and processing instructions are dropped; `<template>` contents go to
//! a detached node and never appear in the tree.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{ns, Attribute, ParseOpts, QualName};

use crate::dom::{Attr, Document, Element, NodeData, NodeId};

/// Parses a whole HTML document.
pub fn parse_html(html: &str) -> Document {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    let sink = Sink {
        doc: RefCell::new(Document::with_capacity(html.len() / 40)),
        slots: RefCell::new({
            let mut v = Vec::with_capacity(html.len() / 40);
            v.push(Slot::Other);
            v
        }),
        templates: RefCell::new(Vec::new()),
        interned: RefCell::new(std::collections::HashMap::default()),
    };
    html5ever::parse_document(sink, opts).one(StrTendril::from(html))
}

struct Sink {
    doc: RefCell<Document>,
    /// Per node, indexed like the arena: an element's qualified name (html5ever asks for it by
    /// reference) or a text node's text while parsing.
    slots: RefCell<Vec<Slot>>,
    /// (template element, its contents node).
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    /// Element and attribute names already seen: one allocation per distinct name per page.
    interned: RefCell<std::collections::HashMap<html5ever::LocalName, std::rc::Rc<str>, std::hash::BuildHasherDefault<AtomHasher>>>,
}

/// What the sink keeps per node while parsing.
enum Slot {
    Element(QualName),
    /// The text so far: html5ever hands text over in pieces (around character references,
    /// between whitespace and non-whitespace runs). The first piece is kept as given; later
    /// ones join in a growing buffer; the node gets its [`crate::dom::Text`] once, at the end.
    Text(StrTendril),
    Joined(String),
    Other,
}

/// Hasher for interned names: an atom hashes as its precomputed 32-bit hash, spread by one
/// multiply (SipHash cost more than the lookup itself). Other input: FNV-1a.
#[derive(Default)]
struct AtomHasher(u64);

impl std::hash::Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u32(&mut self, v: u32) {
        // One multiply spreads the bits to the top, where the table's tag bits come from.
        self.0 = (self.0 ^ v as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Sink {
    /// The shared copy of a local name (as is: attribute names and non-HTML element names
    /// keep their case; HTML element names come lowercase from the tokenizer).
    fn intern(&self, local: &html5ever::LocalName) -> std::rc::Rc<str> {
        self.interned.borrow_mut().entry(local.clone()).or_insert_with(|| (&**local).into()).clone()
    }
}

impl Sink {
    fn new_node(&self, data: NodeData, slot: Slot) -> NodeId {
        let id = match data {
            NodeData::Element(e) => self.doc.borrow_mut().create_element(e),
            NodeData::Text(t) => self.doc.borrow_mut().create_text(t),
            _ => self.doc.borrow_mut().create_comment(),
        };
        let mut slots = self.slots.borrow_mut();
        debug_assert_eq!(slots.len(), id.index());
        slots.push(slot);
        id
    }

    fn insert(&self, parent: NodeId, before: Option<NodeId>, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(n) => {
                let mut doc = self.doc.borrow_mut();
                match before {
                    Some(b) => doc.insert_before(b, n),
                    None => doc.append(parent, n),
                }
            }
            NodeOrText::AppendText(t) => {
                // Merge with the adjacent text node, as the DOM does.
                let prev = {
                    let doc = self.doc.borrow();
                    match before {
                        Some(b) => doc.prev_sibling(b),
                        None => doc.last_child(parent),
                    }
                };
                if let Some(p) = prev {
                    let mut slots = self.slots.borrow_mut();
                    let slot = &mut slots[p.index()];
                    match slot {
                        Slot::Text(first) => {
                            let mut joined = String::with_capacity(2 * (first.len() + t.len()));
                            joined.push_str(first);
                            joined.push_str(&t);
                            *slot = Slot::Joined(joined);
                            return;
                        }
                        Slot::Joined(s) => {
                            s.push_str(&t);
                            return;
                        }
                        _ => {}
                    }
                }
                let n = self.new_node(NodeData::Text(Default::default()), Slot::Text(t));
                let mut doc = self.doc.borrow_mut();
                match before {
                    Some(b) => doc.insert_before(b, n),
                    None => doc.append(parent, n),
                }
            }
        }
    }
}

fn lower_name(name: &QualName) -> std::rc::Rc<str> {
    if name.ns == ns!(html) && name.local.bytes().any(|b| b.is_ascii_uppercase()) {
        (*name.local).to_ascii_lowercase().into()
    } else {
        (&*name.local).into()
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        let mut doc = self.doc.into_inner();
        for (i, slot) in self.slots.into_inner().into_iter().enumerate() {
            match slot {
                Slot::Text(t) => *doc.data_mut(NodeId::from_index(i)) = NodeData::Text((&*t).into()),
                Slot::Joined(t) => *doc.data_mut(NodeId::from_index(i)) = NodeData::Text(t.as_str().into()),
                _ => {}
            }
        }
        doc
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.doc.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.slots.borrow(), |n| match &n[target.index()] {
            Slot::Element(name) => name,
            _ => panic!("not an element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let element = Element {
            name: if name.ns == ns!(html) && !name.local.bytes().any(|b| b.is_ascii_uppercase()) { self.intern(&name.local) } else { lower_name(&name) },
            attrs: if attrs.is_empty() {
                Element::no_attrs()
            } else {
                std::rc::Rc::new(attrs.into_iter().map(|a| Attr { name: self.intern(&a.name.local), value: String::from(&*a.value) }).collect())
            },
            hidden: false,
        };
        let id = self.new_node(NodeData::Element(element), Slot::Element(name));
        if flags.template {
            let contents = self.new_node(NodeData::Comment, Slot::Other);
            self.templates.borrow_mut().push((id, contents));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment, Slot::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment, Slot::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = &child {
            if matches!(self.doc.borrow().data(*n), NodeData::Comment) {
                return;
            }
        }
        self.insert(*parent, None, child)
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        if self.doc.borrow().parent(*element).is_some() {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.templates
            .borrow()
            .iter()
            .rev()
            .find(|(t, _)| t == target)
            .map(|(_, c)| *c)
            .expect("template contents")
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = &new_node {
            if matches!(self.doc.borrow().data(*n), NodeData::Comment) {
                return;
            }
        }
        let parent = self.doc.borrow().parent(*sibling);
        if let Some(p) = parent {
            self.insert(p, Some(*sibling), new_node)
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut doc = self.doc.borrow_mut();
        if let Some(e) = doc.element_mut(*target) {
            for a in attrs {
                if !e.has_attr(&a.name.local) {
                    e.push_attr(Attr { name: self.intern(&a.name.local), value: String::from(&*a.value) });
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.doc.borrow_mut().detach(*target)
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.doc.borrow_mut().reparent_children(*node, *new_parent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_simple_page() {
        let d = parse_html("<!doctype html><title>T</title><p class=a>Hello <b>world</b><!-- c --><template><p>x</p></template>");
        let body = d.body().unwrap();
        let p = d.find_tag(body, "p").unwrap();
        assert_eq!(d.text_content(p), "Hello world");
        assert_eq!(d.attr(p, "class"), Some("a"));
        assert_eq!(d.text_content(d.head().unwrap()), "T");
        // template contents are not in the tree
        assert_eq!(d.find_all_tags(d.root(), "p").count(), 1);
    }

    #[test]
    fn noscript_content_is_parsed_as_elements() {
        let d = parse_html("<body><noscript><img src=a.jpg></noscript>");
        assert!(d.find_tag(d.root(), "img").is_some());
    }

    #[test]
    fn very_deep_pages_parse_and_drop() {
        let html = "<div>".repeat(20_000) + "deep text" + &"</div>".repeat(20_000);
        let d = parse_html(&html);
        assert!(d.text_content(d.root()).contains("deep text"));
    }
}
