//! The arena DOM every part of Baca works on.
//!
//! A [`Document`] is a `Vec` of [`Node`]s addressed by [`NodeId`]. Two front-ends fill it:
//! [`crate::parse`] (html5ever, native only) and [`crate::snapshot`] (the compact string the
//! content script builds from the live DOM in one pass).
//!
//! # Invariants
//! - Node 0 is the document node; it has no parent and no siblings.
//! - Links are consistent: `a.first_child == Some(b)` ⇔ `b.parent == Some(a) && b.prev_sibling
//!   == None`, and likewise for `last_child`/`next_sibling`.
//! - Nodes are never freed. [`Document::detach`] unlinks a subtree, which keeps its own
//!   internal links and can be re-inserted elsewhere; ids stay valid for the document's life.
//!   A detached subtree is simply unreachable from the root.
//! - Element names are ASCII-lowercase for HTML elements (front-ends guarantee it).
//! - Nothing here recurses: every walk follows sibling and parent links, so a document nested
//!   100,000 levels deep is as safe as a flat one.
//!
//! Per-node data computed by the extraction (scores, labels) lives in side tables indexed by
//! [`NodeId::index`], never in attributes.

use std::fmt;
use std::rc::Rc;

/// Index of a node in its [`Document`]. Stored as index + 1, so `Option<NodeId>` takes four
/// bytes (a node's five links fit in 20 bytes instead of 40).
#[derive(Copy, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(std::num::NonZeroU32);

impl NodeId {
    /// The position of this node in the arena, for side tables.
    #[inline]
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }

    /// The id of arena slot `i` (for walks over a side table).
    #[inline]
    pub fn from_index(i: usize) -> NodeId {
        u32::try_from(i)
            .ok()
            .and_then(|i| i.checked_add(1))
            .and_then(std::num::NonZeroU32::new)
            .map(NodeId)
            .expect("arena index fits u32")
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.index())
    }
}

/// The text of a text node. Shared between copies of a document, so the working copy each
/// extraction attempt makes costs a reference count per text node instead of an allocation;
/// one allocation holds the count and the bytes. The rare change (appending) makes a new one.
#[derive(Clone, PartialEq, Eq)]
pub struct Text(Rc<str>);

impl Default for Text {
    fn default() -> Text {
        EMPTY_TEXT.with(|e| e.clone())
    }
}

thread_local! {
    /// The one empty text (and attribute list) every default shares: no allocation per node.
    static EMPTY_TEXT: Text = Text(Rc::from(""));
    static NO_ATTRS: Rc<Vec<Attr>> = Rc::new(Vec::new());
}

impl Text {
    pub fn push_str(&mut self, s: &str) {
        if !s.is_empty() {
            let mut t = String::with_capacity(self.0.len() + s.len());
            t.push_str(&self.0);
            t.push_str(s);
            self.0 = Rc::from(t);
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text(Rc::from(s))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text(Rc::from(s))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// One attribute of an element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: Rc<str>,
    pub value: String,
}

/// An element: its local name and attributes in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub name: Rc<str>,
    /// Shared between copies of a document like [`Text`]; changes copy on write.
    pub attrs: Rc<Vec<Attr>>,
    /// Set by the browser front-end when the element was not rendered (computed
    /// `display: none` or `visibility: hidden`); the html5ever front-end leaves it false.
    pub hidden: bool,
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element { name: name.into(), attrs: Element::no_attrs(), hidden: false }
    }

    /// The shared empty attribute list (no allocation per element).
    pub fn no_attrs() -> Rc<Vec<Attr>> {
        NO_ATTRS.with(|a| a.clone())
    }

    /// The value of attribute `name` (exact, lowercase match).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.name == name).map(|a| a.value.as_str())
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| &*a.name == name)
    }

    pub fn set_attr(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        let attrs = Rc::make_mut(&mut self.attrs);
        match attrs.iter_mut().find(|a| &*a.name == name) {
            Some(a) => a.value = value,
            None => attrs.push(Attr { name: name.into(), value }),
        }
    }

    /// Appends an attribute as given (front-ends: source order, no de-duplication).
    pub fn push_attr(&mut self, a: Attr) {
        Rc::make_mut(&mut self.attrs).push(a);
    }

    pub fn remove_attr(&mut self, name: &str) {
        if self.has_attr(name) {
            Rc::make_mut(&mut self.attrs).retain(|a| &*a.name != name);
        }
    }

    /// Whitespace-separated tokens of the `class` attribute.
    pub fn classes(&self) -> impl Iterator<Item = &str> {
        self.attr("class").unwrap_or("").split_ascii_whitespace()
    }

    /// Whether `class` contains `token` as a whole token (case-sensitive, as in CSS).
    pub fn has_class(&self, token: &str) -> bool {
        self.classes().any(|c| c == token)
    }

    /// `class` and `id` joined by a space: the string the scoring regexes look at.
    pub fn class_and_id(&self) -> String {
        let mut s = String::new();
        if let Some(c) = self.attr("class") {
            s.push_str(c);
        }
        if let Some(i) = self.attr("id") {
            s.push(' ');
            s.push_str(i);
        }
        s
    }
}

/// What a node is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeData {
    Document,
    Element(Element),
    Text(Text),
    Comment,
}

/// A node with its tree links.
#[derive(Clone, Debug)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub prev_sibling: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub data: NodeData,
}

/// An arena of nodes; see the module docs for its invariants.
#[derive(Clone, Debug)]
pub struct Document {
    nodes: Vec<Node>,
}

/// One step of a depth-first walk: entering or leaving a node.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Edge {
    Open(NodeId),
    Close(NodeId),
}

impl Default for Document {
    fn default() -> Self {
        Self::new()
    }
}

impl Document {
    /// An empty document holding only the document node.
    pub fn new() -> Document {
        Document::with_capacity(1)
    }

    pub fn with_capacity(n: usize) -> Document {
        let mut nodes = Vec::with_capacity(n.max(1));
        nodes.push(Node {
            parent: None,
            prev_sibling: None,
            next_sibling: None,
            first_child: None,
            last_child: None,
            data: NodeData::Document,
        });
        Document { nodes }
    }

    /// The document node.
    #[inline]
    pub fn root(&self) -> NodeId {
        NodeId(std::num::NonZeroU32::MIN)
    }

    /// Number of nodes ever created, attached or not.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    #[inline]
    pub fn data(&self, id: NodeId) -> &NodeData {
        &self.nodes[id.index()].data
    }

    #[inline]
    pub fn data_mut(&mut self, id: NodeId) -> &mut NodeData {
        &mut self.nodes[id.index()].data
    }

    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id.index()].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    #[inline]
    pub fn element_mut(&mut self, id: NodeId) -> Option<&mut Element> {
        match &mut self.nodes[id.index()].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The element's local name, or `None` for other nodes.
    #[inline]
    pub fn tag(&self, id: NodeId) -> Option<&str> {
        self.element(id).map(|e| &*e.name)
    }

    #[inline]
    pub fn is_tag(&self, id: NodeId, name: &str) -> bool {
        self.tag(id) == Some(name)
    }

    #[inline]
    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.nodes[id.index()].data, NodeData::Element(_))
    }

    #[inline]
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id.index()].data {
            NodeData::Text(t) => Some(t),
            _ => None,
        }
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    #[inline]
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }
    #[inline]
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].first_child
    }
    #[inline]
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].last_child
    }
    #[inline]
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].next_sibling
    }
    #[inline]
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].prev_sibling
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        let id = NodeId::from_index(self.nodes.len());
        self.nodes.push(Node {
            parent: None,
            prev_sibling: None,
            next_sibling: None,
            first_child: None,
            last_child: None,
            data,
        });
        id
    }

    /// A new detached element.
    pub fn create_element(&mut self, element: Element) -> NodeId {
        self.push(NodeData::Element(element))
    }

    /// A new detached text node.
    pub fn create_text(&mut self, text: impl Into<Text>) -> NodeId {
        self.push(NodeData::Text(text.into()))
    }

    pub fn create_comment(&mut self) -> NodeId {
        self.push(NodeData::Comment)
    }

    /// Unlinks `id` (with its subtree) from its parent and siblings.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id.index()];
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        if let Some(p) = prev {
            self.nodes[p.index()].next_sibling = next;
        } else if let Some(par) = parent {
            self.nodes[par.index()].first_child = next;
        }
        if let Some(nx) = next {
            self.nodes[nx.index()].prev_sibling = prev;
        } else if let Some(par) = parent {
            self.nodes[par.index()].last_child = prev;
        }
        let n = &mut self.nodes[id.index()];
        n.parent = None;
        n.prev_sibling = None;
        n.next_sibling = None;
    }

    /// Whether `ancestor` is `id` or one of its ancestors.
    pub fn is_inclusive_ancestor(&self, ancestor: NodeId, id: NodeId) -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == ancestor {
                return true;
            }
            cur = self.parent(c);
        }
        false
    }

    /// Appends `child` as the last child of `parent`, detaching it first.
    ///
    /// # Panics
    /// When `child` is `parent` or one of its ancestors (that would make a cycle).
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        // A leaf can only make a cycle with itself; only subtrees need the ancestor walk.
        assert!(
            child != parent && (self.first_child(child).is_none() || !self.is_inclusive_ancestor(child, parent)),
            "append would create a cycle"
        );
        self.detach(child);
        let last = self.nodes[parent.index()].last_child;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(l) => self.nodes[l.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
        self.nodes[parent.index()].last_child = Some(child);
    }

    /// Inserts `child` just before `sibling`, detaching it first.
    ///
    /// # Panics
    /// When `sibling` has no parent, or the insertion would make a cycle.
    pub fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        let parent = self.parent(sibling).expect("insert_before: sibling has no parent");
        assert!(
            child != parent && (self.first_child(child).is_none() || !self.is_inclusive_ancestor(child, parent)),
            "insert_before would create a cycle"
        );
        if child == sibling {
            return;
        }
        self.detach(child);
        let prev = self.nodes[sibling.index()].prev_sibling;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = prev;
            c.next_sibling = Some(sibling);
        }
        self.nodes[sibling.index()].prev_sibling = Some(child);
        match prev {
            Some(p) => self.nodes[p.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
    }

    /// Appends text to `parent`, merging with a trailing text node.
    pub fn append_text(&mut self, parent: NodeId, text: &str) {
        if let Some(last) = self.last_child(parent) {
            if let NodeData::Text(t) = &mut self.nodes[last.index()].data {
                t.push_str(text);
                return;
            }
        }
        let t = self.create_text(text);
        self.append(parent, t);
    }

    /// Moves the children of `id` in its place and detaches `id`.
    pub fn unwrap(&mut self, id: NodeId) {
        if self.parent(id).is_none() {
            return;
        }
        while let Some(c) = self.first_child(id) {
            self.insert_before(id, c);
        }
        self.detach(id);
    }

    /// Moves all children of `from` to the end of `to`.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.first_child(from) {
            self.append(to, c);
        }
    }

    /// Renames an element in place.
    pub fn rename(&mut self, id: NodeId, name: &str) {
        if let Some(e) = self.element_mut(id) {
            e.name = name.into();
        }
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { doc: self, next: self.first_child(id) }
    }

    /// The nearest preceding sibling of `id` that is an element.
    pub fn prev_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        std::iter::successors(self.prev_sibling(id), |&n| self.prev_sibling(n)).find(|&n| self.is_element(n))
    }

    /// The nearest following sibling of `id` that is an element.
    pub fn next_element_sibling(&self, id: NodeId) -> Option<NodeId> {
        std::iter::successors(self.next_sibling(id), |&n| self.next_sibling(n)).find(|&n| self.is_element(n))
    }

    /// Element children of `id`.
    pub fn element_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(move |&c| self.is_element(c))
    }

    /// `id` and all its descendants in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants { doc: self, root: id, next: Some(id) }
    }

    /// Open/close edges of the subtree at `id`, in document order.
    pub fn traverse(&self, id: NodeId) -> Traverse<'_> {
        Traverse { doc: self, root: id, next: Some(Edge::Open(id)) }
    }

    /// Ancestors of `id`, nearest first, excluding `id`.
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors { doc: self, next: self.parent(id) }
    }

    /// The node after `id` in document order, not entering `id`'s children when `skip_children`.
    pub fn next_in_order(&self, id: NodeId, skip_children: bool) -> Option<NodeId> {
        if !skip_children {
            if let Some(c) = self.first_child(id) {
                return Some(c);
            }
        }
        let mut cur = id;
        loop {
            if let Some(s) = self.next_sibling(cur) {
                return Some(s);
            }
            cur = self.parent(cur)?;
        }
    }

    /// Concatenated text of all text nodes under `id`.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut s = String::new();
        self.text_content_into(id, &mut s);
        s
    }

    pub fn text_content_into(&self, id: NodeId, out: &mut String) {
        for d in self.descendants(id) {
            if let NodeData::Text(t) = self.data(d) {
                out.push_str(t);
            }
        }
    }

    /// First element named `name` in document order under `id` (inclusive).
    pub fn find_tag(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.descendants(id).find(|&d| self.is_tag(d, name))
    }

    /// All elements named `name` under `id` (inclusive), in document order.
    pub fn find_all_tags<'a>(&'a self, id: NodeId, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        self.descendants(id).filter(move |&d| self.is_tag(d, name))
    }

    /// The `<html>` element, if any.
    pub fn html_element(&self) -> Option<NodeId> {
        self.element_children(self.root()).find(|&c| self.is_tag(c, "html"))
    }

    pub fn head(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.element_children(html).find(|&c| self.is_tag(c, "head"))
    }

    pub fn body(&self) -> Option<NodeId> {
        let html = self.html_element()?;
        self.element_children(html).find(|&c| self.is_tag(c, "body"))
    }

    /// Depth of `id` below the root.
    pub fn depth(&self, id: NodeId) -> usize {
        self.ancestors(id).count()
    }
}

pub struct Children<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.doc.next_sibling(cur);
        Some(cur)
    }
}

pub struct Ancestors<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.doc.parent(cur);
        Some(cur)
    }
}

pub struct Traverse<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<Edge>,
}

impl Iterator for Traverse<'_> {
    type Item = Edge;
    fn next(&mut self) -> Option<Edge> {
        let edge = self.next?;
        self.next = match edge {
            Edge::Open(n) => match self.doc.first_child(n) {
                Some(c) => Some(Edge::Open(c)),
                None => Some(Edge::Close(n)),
            },
            Edge::Close(n) => {
                if n == self.root {
                    None
                } else if let Some(s) = self.doc.next_sibling(n) {
                    Some(Edge::Open(s))
                } else {
                    self.doc.parent(n).map(Edge::Close)
                }
            }
        };
        Some(edge)
    }
}

impl Traverse<'_> {
    /// Do not enter the children of the node just opened: the next edge closes it.
    pub fn skip_children(&mut self, opened: NodeId) {
        self.next = Some(Edge::Close(opened));
    }
}

/// The nodes of a subtree in document order, root first: the opening edges of [`Traverse`],
/// stepped directly (first child, else the next sibling of the nearest ancestor inside the
/// subtree that has one).
pub struct Descendants<'a> {
    doc: &'a Document,
    root: NodeId,
    next: Option<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        let n = self.next?;
        self.next = match self.doc.first_child(n) {
            Some(c) => Some(c),
            None => {
                let mut cur = n;
                loop {
                    if cur == self.root {
                        break None;
                    }
                    if let Some(s) = self.doc.next_sibling(cur) {
                        break Some(s);
                    }
                    match self.doc.parent(cur) {
                        Some(p) => cur = p,
                        None => break None,
                    }
                }
            }
        };
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(doc: &mut Document, parent: NodeId, name: &str) -> NodeId {
        let e = doc.create_element(Element::new(name));
        doc.append(parent, e);
        e
    }

    #[test]
    fn descendants_are_the_opening_edges_of_traverse() {
        let mut d = Document::new();
        let r = d.root();
        let a = el(&mut d, r, "a");
        let b = el(&mut d, a, "b");
        el(&mut d, b, "c");
        let e = el(&mut d, a, "e");
        el(&mut d, r, "f");
        let lone = d.create_element(Element::new("lone"));
        el(&mut d, lone, "g");
        for root in [r, a, b, e, lone] {
            let opens: Vec<NodeId> = d.traverse(root).filter_map(|x| if let Edge::Open(n) = x { Some(n) } else { None }).collect();
            assert_eq!(d.descendants(root).collect::<Vec<_>>(), opens, "{root:?}");
        }
        // A subtree's walk stops at its root's end, not at its next sibling.
        assert_eq!(d.descendants(b).count(), 2);
    }

    #[test]
    fn element_siblings_match_a_scan_of_the_children() {
        let mut d = Document::new();
        let r = d.root();
        d.append_text(r, "x");
        let a = el(&mut d, r, "a");
        d.append_text(r, "y");
        let b = el(&mut d, r, "b");
        let c = el(&mut d, r, "c");
        d.append_text(r, "z");
        for n in [a, b, c] {
            let kids: Vec<NodeId> = d.element_children(r).collect();
            let i = kids.iter().position(|&k| k == n).unwrap();
            assert_eq!(d.prev_element_sibling(n), i.checked_sub(1).map(|j| kids[j]));
            assert_eq!(d.next_element_sibling(n), kids.get(i + 1).copied());
        }
        assert_eq!(d.prev_element_sibling(r), None);
    }

    #[test]
    fn node_ids_round_trip_and_links_stay_small() {
        for i in [0, 1, 2, 1000, u32::MAX as usize - 1] {
            assert_eq!(NodeId::from_index(i).index(), i);
        }
        assert_eq!(Document::new().root().index(), 0);
        assert_eq!(std::mem::size_of::<Option<NodeId>>(), 4);
        assert!(std::panic::catch_unwind(|| NodeId::from_index(u32::MAX as usize)).is_err());
    }

    #[test]
    fn appended_text_is_a_new_shared_string() {
        let mut d = Document::new();
        let r = d.root();
        d.append_text(r, "a");
        let copy = d.clone();
        d.append_text(r, "b");
        let t = d.first_child(r).unwrap();
        assert_eq!(d.text(t), Some("ab"));
        assert_eq!(copy.text(t), Some("a"));
        assert_eq!(Text::default().as_str(), "");
    }

    #[test]
    fn links_stay_consistent() {
        let mut d = Document::new();
        let r = d.root();
        let a = el(&mut d, r, "a");
        let b = el(&mut d, r, "b");
        let c = el(&mut d, r, "c");
        d.detach(b);
        assert_eq!(d.children(r).collect::<Vec<_>>(), vec![a, c]);
        d.insert_before(a, b);
        assert_eq!(d.children(r).collect::<Vec<_>>(), vec![b, a, c]);
        d.append(a, c);
        assert_eq!(d.children(r).collect::<Vec<_>>(), vec![b, a]);
        assert_eq!(d.last_child(r), Some(a));
        assert_eq!(d.parent(c), Some(a));
        d.unwrap(a);
        assert_eq!(d.children(r).collect::<Vec<_>>(), vec![b, c]);
        assert_eq!(d.prev_sibling(c), Some(b));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut d = Document::new();
        let mut p = d.root();
        for _ in 0..200_000 {
            p = el(&mut d, p, "div");
        }
        d.append_text(p, "deep");
        assert_eq!(d.text_content(d.root()), "deep");
        assert_eq!(d.descendants(d.root()).count(), 200_002);
        let copy = d.clone();
        std::mem::drop(copy);
    }

    #[test]
    #[should_panic]
    fn append_refuses_cycles() {
        let mut d = Document::new();
        let r = d.root();
        let a = el(&mut d, r, "a");
        let b = el(&mut d, a, "b");
        d.append(b, a);
    }
}
