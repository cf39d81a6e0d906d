//! Small DOM measurements shared by the phases (all iterative).

use crate::dom::{Document, NodeData, NodeId};

use super::lexicon::{self, PHRASING_ELEMS};

/// Length in chars of Readability's `getInnerText(e)`: text content, trimmed, whitespace runs
/// collapsed to one char.
pub fn inner_text_len(doc: &Document, id: NodeId) -> usize {
    inner_text_measure(doc, id).0
}

/// [`inner_text_len`] and the number of comma-like chars ([`is_comma`]) of the subtree, in one
/// walk and without building the string.
pub fn inner_text_measure(doc: &Document, id: NodeId) -> (usize, usize) {
    let mut m = Collapse::default();
    for d in doc.descendants(id) {
        if let NodeData::Text(t) = doc.data(d) {
            m.feed(t);
        }
    }
    (m.len, m.commas)
}

/// Whitespace-collapsing counter behind [`inner_text_measure`] and [`text_measure`].
#[derive(Default)]
pub(crate) struct Collapse {
    pub len: usize,
    pub commas: usize,
    /// Non-whitespace chars (`len` less the whitespace runs counted).
    nonws: usize,
    pending_ws: bool,
    started: bool,
}

/// The high bit of each byte of a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// Bit `i` set when byte `i` (little-endian) of `v` is `b`; exact for every byte value.
#[inline]
fn bytes_equal_mask(v: u64, b: u8) -> u32 {
    let y = v ^ (b as u64 * 0x0101_0101_0101_0101);
    let zero = !(((y & LOW7) + LOW7) | y | LOW7);
    high_bits(zero)
}

/// Bit `i` set when byte `i` of `v` is ASCII White_Space (`\t \n \x0B \x0C \r` or space).
/// Every byte of `v` must be ASCII (below 0x80): then the additions carry into no other byte.
#[inline]
fn ascii_ws_mask(v: u64) -> u32 {
    let ge9 = v + 0x77 * 0x0101_0101_0101_0101; // high bit set when byte >= 9
    let ge14 = v + 0x72 * 0x0101_0101_0101_0101; // high bit set when byte >= 14
    high_bits(ge9 & !ge14 & HIGH) | bytes_equal_mask(v, b' ')
}

/// The high bit of each byte gathered into the low 8 bits.
#[inline]
fn high_bits(v: u64) -> u32 {
    (((v & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

impl Collapse {
    /// Feeds one text piece. ASCII bytes take a table-free fast path (the White_Space ASCII
    /// chars are `\t \n \x0B \x0C \r` and space); other chars are decoded and take the
    /// general one. Checked against a naive char loop in the tests.
    #[inline]
    pub fn feed(&mut self, t: &str) {
        let b = t.as_bytes();
        let (mut len, mut commas, mut pending, mut started) = (self.len, self.commas, self.pending_ws, self.started);
        let mut nonws = 0;
        let mut i = 0;
        while i < b.len() {
            // Eight ASCII bytes at a time (most page text): whitespace and comma bytes as bit
            // masks, counted with popcount.
            if let Some(chunk) = b.get(i..i + 8) {
                let v = u64::from_le_bytes(chunk.try_into().unwrap());
                if v & HIGH == 0 {
                    let ws = ascii_ws_mask(v);
                    let nw = !ws & 0xFF;
                    commas += bytes_equal_mask(v, b',').count_ones() as usize;
                    // Non-whitespace bytes right after whitespace (or after pending whitespace).
                    let prev_ws = ((ws << 1) | pending as u32) & 0xFF;
                    let mut gaps = (nw & prev_ws).count_ones() as usize;
                    if !started && nw != 0 && prev_ws & nw & nw.wrapping_neg() != 0 {
                        gaps -= 1; // no space before the first char
                    }
                    let n = nw.count_ones() as usize;
                    len += n + gaps;
                    nonws += n;
                    started |= nw != 0;
                    pending = ws & 0x80 != 0;
                    i += 8;
                    continue;
                }
            }
            let x = b[i];
            let ws;
            if x < 0x80 {
                i += 1;
                ws = matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
                if !ws {
                    commas += (x == b',') as usize;
                }
            } else {
                let c = t[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                ws = c.is_whitespace();
                if !ws {
                    commas += is_comma(c) as usize;
                }
            }
            if ws {
                pending = true;
            } else {
                len += (pending && started) as usize + 1;
                nonws += 1;
                pending = false;
                started = true;
            }
        }
        (self.len, self.commas, self.pending_ws, self.started) = (len, commas, pending, started);
        self.nonws += nonws;
    }

    /// [`Collapse::feed`] of a text whose [`TextSummary`] is `s`, in O(1).
    #[inline]
    pub fn add(&mut self, s: TextSummary) {
        if s.nonws == 0 {
            self.pending_ws |= s.any_ws;
            return;
        }
        self.len += ((self.pending_ws || s.lead) && self.started) as usize + (s.nonws + s.runs) as usize;
        self.commas += s.commas as usize;
        self.nonws += s.nonws as usize;
        self.pending_ws = s.trail;
        self.started = true;
    }
}

/// What the text phases need to know about one text node, so that each node's chars are read
/// once per page instead of once per phase: non-whitespace chars, whitespace runs between
/// them, comma-like chars, and whether it starts / ends with whitespace. [`Collapse::add`]
/// and [`TextSummary::measure`] give exactly what [`Collapse::feed`] and [`text_measure`]
/// give on the text itself (checked in the tests).
#[derive(Clone, Copy, Default, Debug, PartialEq)]
pub struct TextSummary {
    pub nonws: u32,
    runs: u32,
    commas: u32,
    lead: bool,
    trail: bool,
    any_ws: bool,
}

impl TextSummary {
    pub fn of(t: &str) -> TextSummary {
        let mut m = Collapse::default();
        m.feed(t);
        let lead = t.chars().next().is_some_and(char::is_whitespace);
        let nonws = m.nonws as u32;
        TextSummary {
            nonws,
            runs: (m.len as u32).saturating_sub(nonws),
            commas: m.commas as u32,
            lead,
            trail: m.pending_ws && m.started,
            any_ws: m.pending_ws || lead,
        }
    }

    /// [`text_measure`] of the node's text.
    #[inline]
    pub fn measure(&self) -> (u32, u32) {
        if self.nonws == 0 {
            return (0, 0);
        }
        (self.nonws + self.runs + self.lead as u32 + self.trail as u32, self.commas)
    }
}

/// Hash of a text for repetition counting: lowercased, whitespace ignored. A polynomial hash
/// over the UTF-8 bytes of the lowercased non-whitespace chars, `h = h·B + byte` (mod 2⁶⁴), so
/// the hash of a subtree's text combines its text nodes' hashes (`h(ab) = h(a)·B^|b| + h(b)`),
/// each computed once per page in the [`TextTable`]. Used by
/// [`super::clutter`] for repeated blocks.
pub(crate) const HASH_BASE: u64 = 0x100000001b3;

/// `(hash, B^bytes)` of one text piece (see [`HASH_BASE`]).
#[inline]
pub(crate) fn hash_piece(s: &str) -> (u64, u64) {
    let (mut h, mut pow) = (0u64, 1u64);
    let mut push = |y: u8| {
        h = h.wrapping_mul(HASH_BASE).wrapping_add(y as u64);
        pow = pow.wrapping_mul(HASH_BASE);
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            if !matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                push(x.to_ascii_lowercase());
            }
            continue;
        }
        let c = s[i..].chars().next().expect("char boundary");
        i += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        for l in c.to_lowercase() {
            let mut buf = [0u8; 4];
            for &y in l.encode_utf8(&mut buf).as_bytes() {
                push(y);
            }
        }
    }
    (h, pow)
}

/// [`TextSummary`] of a page's text nodes, by node index, filled on first use and shared by
/// the attempts (their working copies keep the ids). Text nodes are never edited by the
/// phases; as a guard, an entry is used only while the node's byte length matches, and nodes
/// created after the table are measured afresh.
#[derive(Default)]
pub struct TextTable {
    sums: Vec<std::cell::Cell<(u32, TextSummary)>>,
    /// `(byte length, hash, B^bytes)` of [`hash_piece`], filled on first use.
    hashes: Vec<std::cell::Cell<(u32, (u64, u64))>>,
}

/// Byte length marking an entry not measured yet.
const UNMEASURED: u32 = u32::MAX;

/// The entry of text node `id` (text `t`) in a [`TextTable`] column: read when its byte length
/// matches `t`'s, else computed by `f` (and kept when the slot was empty). Nodes created after
/// the table are computed each time.
#[inline]
fn cached<T: Copy>(column: &[std::cell::Cell<(u32, T)>], id: NodeId, t: &str, f: impl Fn(&str) -> T) -> T {
    let Some(cell) = column.get(id.index()) else { return f(t) };
    let (bytes, v) = cell.get();
    if bytes as usize == t.len() {
        return v;
    }
    let v = f(t);
    if bytes == UNMEASURED && t.len() < UNMEASURED as usize {
        cell.set((t.len() as u32, v));
    }
    v
}

/// Marks `id` and its ancestors in `marks`, stopping at the first one already marked (its
/// ancestors are marked too): marking many nodes this way is linear in the tree's size.
pub fn mark_with_ancestors(doc: &Document, id: NodeId, marks: &mut [bool]) {
    let mut cur = Some(id);
    while let Some(c) = cur {
        if marks[c.index()] {
            break;
        }
        marks[c.index()] = true;
        cur = doc.parent(c);
    }
}

impl TextTable {
    pub fn new(doc: &Document) -> TextTable {
        TextTable {
            sums: (0..doc.len()).map(|_| std::cell::Cell::new((UNMEASURED, TextSummary::default()))).collect(),
            hashes: (0..doc.len()).map(|_| std::cell::Cell::new((UNMEASURED, (0, 0)))).collect(),
        }
    }

    /// [`hash_piece`] of text node `id` whose text is `t`.
    #[inline]
    pub fn hash(&self, id: NodeId, t: &str) -> (u64, u64) {
        cached(&self.hashes, id, t, hash_piece)
    }

    /// The summary of text node `id` whose text is `t`.
    #[inline]
    pub fn get(&self, id: NodeId, t: &str) -> TextSummary {
        cached(&self.sums, id, t, TextSummary::of)
    }

    /// [`inner_text_measure`] through the table.
    pub fn inner_text_measure(&self, doc: &Document, id: NodeId) -> (usize, usize) {
        let mut m = Collapse::default();
        for d in doc.descendants(id) {
            if let NodeData::Text(t) = doc.data(d) {
                m.add(self.get(d, t));
            }
        }
        (m.len, m.commas)
    }
}

/// The comma-like chars Readability counts (`REGEXPS.commas`).
#[inline]
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{060C}' | '\u{FE50}' | '\u{FE10}' | '\u{FE11}' | '\u{2E41}' | '\u{2E34}' | '\u{2E32}' | '\u{FF0C}')
}

/// Readability's `getInnerText(e)`: trimmed, whitespace collapsed.
pub fn inner_text(doc: &Document, id: NodeId) -> String {
    inner_text_where(doc, id, |_| false)
}

/// [`inner_text`] leaving out the subtrees of the descendants for which `skip` is true.
pub fn inner_text_where(doc: &Document, id: NodeId, skip: impl Fn(NodeId) -> bool) -> String {
    let mut s = String::new();
    let mut walk = doc.traverse(id);
    while let Some(e) = walk.next() {
        let crate::dom::Edge::Open(n) = e else { continue };
        if n != id && skip(n) {
            walk.skip_children(n);
            continue;
        }
        if let NodeData::Text(t) = doc.data(n) {
            for c in t.chars() {
                if c.is_whitespace() {
                    if !s.is_empty() && !s.ends_with(' ') {
                        s.push(' ');
                    }
                } else {
                    s.push(c);
                }
            }
        }
    }
    if s.ends_with(' ') {
        s.pop();
    }
    s
}

/// `t.trim().is_empty()`: whether `t` is only whitespace. Indentation text nodes are most of
/// a page's nodes, so ASCII bytes are checked first and only other chars are decoded.
#[inline]
pub fn is_blank(t: &str) -> bool {
    for (i, b) in t.bytes().enumerate() {
        match b {
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => {}
            0x80.. => return t[i..].chars().all(char::is_whitespace),
            _ => return false,
        }
    }
    true
}

/// Whether `id` is a heading element (`h1`–`h6`).
#[inline]
pub fn is_heading(doc: &Document, id: NodeId) -> bool {
    matches!(doc.tag(id), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

/// Whether the subtree has any non-whitespace text.
pub fn has_text(doc: &Document, id: NodeId) -> bool {
    doc.descendants(id).any(|d| matches!(doc.data(d), NodeData::Text(t) if !is_blank(t)))
}

/// Readability's `getLinkDensity`: link text / text (hash links count 0.3).
pub fn link_density(doc: &Document, id: NodeId) -> f64 {
    let total = inner_text_len(doc, id);
    if total == 0 {
        return 0.0;
    }
    let mut links = 0.0;
    let mut walk = doc.traverse(id);
    while let Some(e) = walk.next() {
        if let crate::dom::Edge::Open(n) = e {
            if n != id && doc.is_tag(n, "a") {
                let coef = match doc.attr(n, "href") {
                    Some(h) if h.len() > 1 && h.starts_with('#') => 0.3,
                    _ => 1.0,
                };
                links += inner_text_len(doc, n) as f64 * coef;
                walk.skip_children(n);
            }
        }
    }
    links / total as f64
}

/// Readability's `isPhrasingContent`.
pub fn is_phrasing(doc: &Document, id: NodeId) -> bool {
    match doc.data(id) {
        NodeData::Text(_) => true,
        NodeData::Element(e) => {
            let t = &*e.name;
            if PHRASING_ELEMS.contains(&t) {
                return true;
            }
            if !matches!(t, "a" | "del" | "ins") {
                return false;
            }
            let mut walk = doc.traverse(id);
            while let Some(edge) = walk.next() {
                if let crate::dom::Edge::Open(n) = edge {
                    if n == id {
                        continue;
                    }
                    match doc.tag(n) {
                        None => {}
                        Some(t) if PHRASING_ELEMS.contains(&t) => walk.skip_children(n),
                        Some("a" | "del" | "ins") => {}
                        Some(_) => return false,
                    }
                }
            }
            true
        }
        _ => false,
    }
}

/// A whitespace-only text node or a `br`.
pub fn is_whitespace(doc: &Document, id: NodeId) -> bool {
    match doc.data(id) {
        NodeData::Text(t) => is_blank(t),
        NodeData::Element(e) => &*e.name == "br",
        _ => true,
    }
}

/// Readability's `hasSingleTagInsideElement`.
pub fn has_single_tag_inside(doc: &Document, id: NodeId, tag: &str) -> bool {
    let mut els = doc.element_children(id);
    let Some(first) = els.next() else { return false };
    if els.next().is_some() || !doc.is_tag(first, tag) {
        return false;
    }
    !doc.children(id).any(|c| matches!(doc.data(c), NodeData::Text(t) if !is_blank(t)))
}

/// Readability's `hasChildBlockElement` (any descendant in `DIV_TO_P_ELEMS`).
pub fn has_block_descendant(doc: &Document, id: NodeId) -> bool {
    doc.descendants(id).skip(1).any(|d| doc.tag(d).is_some_and(|t| lexicon::DIV_TO_P_ELEMS.contains(&t)))
}

/// Readability's `isElementWithoutContent`.
pub fn is_without_content(doc: &Document, id: NodeId) -> bool {
    if has_text(doc, id) {
        return false;
    }
    let kids: Vec<NodeId> = doc.element_children(id).collect();
    if kids.is_empty() {
        return true;
    }
    let brs = doc.descendants(id).skip(1).filter(|&d| matches!(doc.tag(d), Some("br" | "hr"))).count();
    kids.len() == brs
}

/// Whether an ancestor of `id` (within `max_depth` levels, 0 = unlimited) is a `tag`.
pub fn has_ancestor_tag(doc: &Document, id: NodeId, tag: &str, max_depth: usize) -> bool {
    for (i, a) in doc.ancestors(id).enumerate() {
        if max_depth > 0 && i >= max_depth {
            return false;
        }
        if doc.is_tag(a, tag) {
            return true;
        }
    }
    false
}

/// Lowercased `class + " " + id`.
pub fn match_string(doc: &Document, id: NodeId) -> String {
    doc.element(id).map(|e| e.class_and_id().to_lowercase()).unwrap_or_default()
}

/// Replaces `old` by a new element named `tag` holding `old`'s children and attributes;
/// returns the new node (Readability's `setNodeTag`). Renaming in place keeps the node id.
pub fn set_tag(doc: &mut Document, id: NodeId, tag: &str) -> NodeId {
    doc.rename(id, tag);
    id
}

/// Removes `id` and returns the next node in document order after it.
pub fn remove_and_next(doc: &mut Document, id: NodeId) -> Option<NodeId> {
    let next = doc.next_in_order(id, true);
    doc.detach(id);
    next
}

/// Number of `ch` (any of the comma-like chars) in the subtree's text.
pub fn count_commas(s: &str) -> usize {
    s.chars().filter(|&c| is_comma(c)).count()
}

/// Readability's `textSimilarity`: 1 - (length of B's tokens not in A) / (length of B's tokens).
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let la = a.to_lowercase();
    let lb = b.to_lowercase();
    let ta: Vec<&str> = la.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect();
    let tb: Vec<&str> = lb.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect();
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let joined_b: usize = tb.iter().map(|t| t.chars().count()).sum::<usize>() + tb.len() - 1;
    let uniq: Vec<&&str> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let joined_u: usize = if uniq.is_empty() { 0 } else { uniq.iter().map(|t| t.chars().count()).sum::<usize>() + uniq.len() - 1 };
    1.0 - joined_u as f64 / joined_b as f64
}

/// Parses a CSS length in px from an inline style property or attribute value.
pub fn px(v: &str) -> Option<u32> {
    let v = v.trim().trim_end_matches("px").trim();
    v.parse::<f32>().ok().map(|f| f as u32)
}

/// Value of CSS property `prop` in an inline `style` (lowercased, last declaration wins).
pub fn style_prop(style: &str, prop: &str) -> Option<String> {
    let mut out = None;
    for decl in style.split(';') {
        if let Some((k, v)) = decl.split_once(':') {
            if k.trim().eq_ignore_ascii_case(prop) {
                out = Some(v.trim().to_ascii_lowercase());
            }
        }
    }
    out
}

/// Additive per-node text measures, computed bottom-up in one walk and kept exact under
/// removals by [`TextStats::remove`]. Lengths follow [`inner_text_len`] closely (each
/// whitespace run inside or at the edge of a non-blank text node counts 1; blank text nodes
/// count 0).
pub struct TextStats {
    pub len: Vec<u32>,
    /// Link text length, hash links weighted 0.3 (times 10, to stay integral).
    pub link10: Vec<u32>,
    pub commas: Vec<u32>,
}

/// A text node's [`TextStats`] length and commas, read from the text (the reference that
/// [`TextSummary::measure`] is checked against).
#[cfg(test)]
pub(crate) fn text_measure(t: &str) -> (u32, u32) {
    // Blank text counts 0; otherwise a leading and a trailing whitespace run count 1 each.
    let mut m = Collapse::default();
    m.feed(t);
    if !m.started {
        return (0, 0);
    }
    let lead = t.chars().next().is_some_and(char::is_whitespace);
    ((m.len + lead as usize + m.pending_ws as usize) as u32, m.commas as u32)
}

impl TextStats {
    pub fn new(doc: &Document, root: NodeId, texts: &TextTable) -> TextStats {
        let n = doc.len();
        let mut s = TextStats { len: vec![0; n], link10: vec![0; n], commas: vec![0; n] };
        // Weight (x10) of the innermost link ancestor, 10 outside links.
        let mut link_stack: Vec<u32> = Vec::new();
        for e in doc.traverse(root) {
            match e {
                crate::dom::Edge::Open(id) => {
                    if let NodeData::Text(t) = doc.data(id) {
                        let (l, c) = texts.get(id, t).measure();
                        s.len[id.index()] = l;
                        s.commas[id.index()] = c;
                        if !link_stack.is_empty() {
                            s.link10[id.index()] = l * link_stack.last().copied().unwrap_or(10);
                        }
                    } else if doc.is_tag(id, "a") {
                        let w = match doc.attr(id, "href") {
                            Some(h) if h.len() > 1 && h.starts_with('#') => 3,
                            _ => 10,
                        };
                        link_stack.push(w);
                    }
                }
                crate::dom::Edge::Close(id) => {
                    if doc.is_tag(id, "a") {
                        link_stack.pop();
                    }
                    if id != root {
                        if let Some(p) = doc.parent(id) {
                            let (l, k, c) = (s.len[id.index()], s.link10[id.index()], s.commas[id.index()]);
                            s.len[p.index()] += l;
                            s.link10[p.index()] += k;
                            s.commas[p.index()] += c;
                        }
                    }
                }
            }
        }
        s
    }

    #[inline]
    pub fn len(&self, id: NodeId) -> usize {
        self.len.get(id.index()).copied().unwrap_or(0) as usize
    }

    pub fn link_density(&self, id: NodeId) -> f64 {
        let l = self.len(id);
        if l == 0 {
            return 0.0;
        }
        self.link10.get(id.index()).copied().unwrap_or(0) as f64 / 10.0 / l as f64
    }

    /// Call before detaching `id` (still attached) so the ancestors up to `root` stay exact.
    pub fn remove(&mut self, doc: &Document, id: NodeId, root: NodeId) {
        let (l, k, c) = (self.len[id.index()], self.link10[id.index()], self.commas[id.index()]);
        for a in doc.ancestors(id) {
            let i = a.index();
            self.len[i] -= l.min(self.len[i]);
            self.link10[i] -= k.min(self.link10[i]);
            self.commas[i] -= c.min(self.commas[i]);
            if a == root {
                break;
            }
        }
    }

    /// Sum of the lengths of descendants (excluding `id`) whose tag is in `tags`.
    pub fn tag_text(&self, doc: &Document, id: NodeId, tags: &[&str]) -> usize {
        doc.descendants(id).skip(1).filter(|&d| doc.tag(d).is_some_and(|t| tags.contains(&t))).map(|d| self.len(d)).sum()
    }
}

/// Detaches subtrees and remembers which nodes went with them, so "is this node still in
/// the tree?" costs O(1) instead of a walk to the root. Each node is marked at most once
/// (a detached subtree is unreachable, so it is never walked again): linear in total.
pub struct Pruner {
    dead: Vec<bool>,
}

impl Pruner {
    pub fn new(doc: &Document) -> Pruner {
        Pruner { dead: vec![false; doc.len()] }
    }

    /// Whether `id` was detached (itself or with an ancestor) through this pruner.
    #[inline]
    pub fn is_dead(&self, id: NodeId) -> bool {
        self.dead.get(id.index()).copied().unwrap_or(false)
    }

    pub fn detach(&mut self, doc: &mut Document, id: NodeId) {
        self.mark(doc, id);
        doc.detach(id);
    }

    /// Marks `id`'s subtree as gone without detaching it (a removal decided later).
    pub fn mark(&mut self, doc: &Document, id: NodeId) {
        if self.dead.len() < doc.len() {
            self.dead.resize(doc.len(), false);
        }
        for d in doc.descendants(id) {
            self.dead[d.index()] = true;
        }
    }
}

/// Bottom-up flags over the subtree at `root`, by node index: whether a descendant (not the
/// node itself) satisfies `pred`. One walk.
pub fn has_descendant_where(doc: &Document, root: NodeId, pred: impl Fn(&Document, NodeId) -> bool) -> Vec<bool> {
    let mut out = vec![false; doc.len()];
    for e in doc.traverse(root) {
        if let crate::dom::Edge::Close(id) = e {
            if id == root {
                continue;
            }
            if let Some(p) = doc.parent(id) {
                if out[id.index()] || pred(doc, id) {
                    out[p.index()] = true;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char definitions the fast counters must agree with.
    fn naive_measure(t: &str) -> (usize, usize) {
        let mut n = 0usize;
        let (mut pending, mut started) = (false, false);
        let mut commas = 0;
        for c in t.chars() {
            if c.is_whitespace() {
                pending = true;
            } else {
                if pending && started {
                    n += 1;
                }
                pending = false;
                started = true;
                n += 1;
                commas += is_comma(c) as usize;
            }
        }
        (n, commas)
    }

    fn naive_text_measure(t: &str) -> (u32, u32) {
        let (mut n, mut commas, mut in_ws, mut any) = (0u32, 0u32, false, false);
        for c in t.chars() {
            if c.is_whitespace() {
                in_ws = true;
            } else {
                if in_ws {
                    n += 1;
                    in_ws = false;
                }
                n += 1;
                any = true;
                commas += is_comma(c) as u32;
            }
        }
        if !any {
            return (0, 0);
        }
        (n + in_ws as u32, commas)
    }

    #[test]
    fn is_blank_is_trim_is_empty() {
        for t in ["", " ", "\n\t  ", "\u{a0}", " \u{3000}\u{2028} ", " x ", "\u{a0}x", "\u{85}", "\u{1c}", "\u{e9}", "  \u{200b}"] {
            assert_eq!(is_blank(t), t.trim().is_empty(), "{t:?}");
        }
    }

    #[test]
    fn fast_counters_match_naive_ones() {
        let samples = [
            "", " ", "a", " a ", "a  b", "\u{a0}x\u{2003}y\u{3000}", "caf\u{e9}, na\u{ef}ve\u{ff0c} \u{60c}",
            "\t\n\u{b}\u{c}\r x", "\u{85}z\u{2028}", "日本語の文章、です。", "  lead and trail  ", "a,b,,c",
            "\u{1c}\u{1f}\u{7f} x\u{0}", "mixed ascii, \u{e9}t\u{e9}\u{202f}\u{ff0c}end ,",
        ];
        for t in samples {
            let mut m = Collapse::default();
            m.feed(t);
            assert_eq!((m.len, m.commas), naive_measure(t), "{t:?}");
            assert_eq!(text_measure(t), naive_text_measure(t), "{t:?}");
        }
        // Summaries: the same measures as reading the text, alone and after any state.
        for t in samples {
            let s = TextSummary::of(t);
            assert_eq!(s.measure(), text_measure(t), "{t:?}");
            assert_eq!(s.nonws as usize, t.chars().filter(|c| !c.is_whitespace()).count(), "{t:?}");
            for prefix in ["", " ", "x", "x ", "a,"] {
                let (mut a, mut b) = (Collapse::default(), Collapse::default());
                a.feed(prefix);
                b.feed(prefix);
                a.feed(t);
                b.add(s);
                assert_eq!((a.len, a.commas, a.pending_ws, a.started), (b.len, b.commas, b.pending_ws, b.started), "{prefix:?} + {t:?}");
            }
        }
        // Random texts of every length around the eight-byte fast path, from an alphabet of
        // letters, each ASCII whitespace byte, commas, control bytes and wider chars.
        let alphabet = ['a', 'Z', ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', ',', '\u{1f}', '\u{7f}', '!', '\u{a0}', '\u{e9}', '\u{ff0c}', '\u{3000}'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..4000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 40) as usize;
            let t: String = (0..n)
                .map(|k| {
                    let r = seed.rotate_left(k as u32 * 5) ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    // Mostly ASCII so that whole eight-byte chunks occur.
                    alphabet[if r % 8 == 0 { (r >> 8) as usize % alphabet.len() } else { (r >> 8) as usize % 12 }]
                })
                .collect();
            let mut m = Collapse::default();
            m.feed(&t);
            assert_eq!((m.len, m.commas), naive_measure(&t), "{t:?}");
            assert_eq!(m.nonws, t.chars().filter(|c| !c.is_whitespace()).count(), "{t:?}");
            assert_eq!(text_measure(&t), naive_text_measure(&t), "{t:?}");
            for prefix in ["", " ", "x", "x "] {
                let (mut a, mut b) = (Collapse::default(), Collapse::default());
                a.feed(prefix);
                a.feed(&t);
                b.feed(&format!("{prefix}{t}"));
                assert_eq!((a.len, a.commas, a.pending_ws, a.started), (b.len, b.commas, b.pending_ws, b.started), "{prefix:?} + {t:?}");
                assert_eq!(a.len, naive_measure(&format!("{prefix}{t}")).0);
            }
        }
        for b in 0..=255u8 {
            let v = u64::from_le_bytes([b, 0, b, 1, 0x20, b, 0x7f, b]);
            let naive = |f: &dyn Fn(u8) -> bool| v.to_le_bytes().iter().enumerate().fold(0u32, |m, (i, &x)| m | ((f(x) as u32) << i));
            assert_eq!(bytes_equal_mask(v, b','), naive(&|x| x == b','), "{b}");
            if b < 0x80 {
                assert_eq!(ascii_ws_mask(v), naive(&|x| (x as char).is_whitespace()), "{b}");
            }
        }
        // Split across text nodes: feeding pieces equals feeding the whole.
        let whole = " Some words,  across\u{a0}nodes ";
        for cut in [1, 5, 11, 12, 20] {
            let mut m = Collapse::default();
            m.feed(&whole[..cut]);
            m.feed(&whole[cut..]);
            assert_eq!((m.len, m.commas), naive_measure(whole));
        }
    }
}
