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
        names: RefCell::new(vec![None]),
        templates: RefCell::new(Vec::new()),
        interned: RefCell::new(std::collections::HashMap::default()),
    };
    html5ever::parse_document(sink, opts).one(StrTendril::from(html))
}

struct Sink {
    doc: RefCell<Document>,
    /// Qualified names of elements, indexed like the arena: html5ever asks for them by reference.
    names: RefCell<Vec<Option<QualName>>>,
    /// (template element, its contents node).
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    /// Element and attribute names already seen: one allocation per distinct name per page.
    interned: RefCell<std::collections::HashMap<html5ever::LocalName, std::rc::Rc<str>, std::hash::BuildHasherDefault<AtomHasher>>>,
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
    fn new_node(&self, data: NodeData, name: Option<QualName>) -> NodeId {
        let id = match data {
            NodeData::Element(e) => self.doc.borrow_mut().create_element(e),
            NodeData::Text(t) => self.doc.borrow_mut().create_text(t),
            _ => self.doc.borrow_mut().create_comment(),
        };
        let mut names = self.names.borrow_mut();
        debug_assert_eq!(names.len(), id.index());
        names.push(name);
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
                let mut doc = self.doc.borrow_mut();
                // Merge with the adjacent text node, as the DOM does.
                let prev = match before {
                    Some(b) => doc.prev_sibling(b),
                    None => doc.last_child(parent),
                };
                if let Some(p) = prev {
                    if let NodeData::Text(s) = doc.data_mut(p) {
                        s.push_str(&t);
                        return;
                    }
                }
                drop(doc);
                let n = self.new_node(NodeData::Text(String::from(&*t).into()), None);
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
        self.doc.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.doc.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |n| n[target.index()].as_ref().expect("not an element"))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let element = Element {
            name: if name.ns == ns!(html) && !name.local.bytes().any(|b| b.is_ascii_uppercase()) { self.intern(&name.local) } else { lower_name(&name) },
            attrs: std::rc::Rc::new(
                attrs.into_iter().map(|a| Attr { name: self.intern(&a.name.local), value: String::from(&*a.value) }).collect(),
            ),
            hidden: false,
        };
        let id = self.new_node(NodeData::Element(element), Some(name));
        if flags.template {
            let contents = self.new_node(NodeData::Comment, None);
            self.templates.borrow_mut().push((id, contents));
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.new_node(NodeData::Comment, None)
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
