//! Phase 1, document preparation: noscript image fallbacks, streamed segments placed, removal
//! of scripts, styles and hidden nodes, `<br><br>` chains to paragraphs, `font` to `span`,
//! lazy images.

use crate::dom::{Document, Element, NodeData, NodeId};

use super::lexicon::ALWAYS_REMOVE_TAGS;
use super::util::{is_phrasing, is_whitespace, style_prop};

fn looks_like_image_url(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".webp"].iter().any(|e| l.contains(e))
}

/// Readability's `_isSingleImage`: an `img`, or a chain of only-children ending in one, with no text.
fn is_single_image(doc: &Document, mut id: NodeId) -> bool {
    loop {
        if doc.is_tag(id, "img") {
            return true;
        }
        let kids: Vec<NodeId> = doc.element_children(id).collect();
        if kids.len() != 1 || super::util::has_text(doc, id) {
            return false;
        }
        id = kids[0];
    }
}

/// Readability's `_unwrapNoscriptImages`: drops images without any source, then replaces a
/// placeholder image followed by `<noscript><img></noscript>` with the fallback image (keeping
/// the placeholder's lazy attributes).
pub fn unwrap_noscript_images(doc: &mut Document) {
    let imgs: Vec<NodeId> = doc.find_all_tags(doc.root(), "img").collect();
    for img in imgs {
        let e = doc.element(img).unwrap();
        let keep = e.attrs.iter().any(|a| {
            matches!(&*a.name, "src" | "srcset" | "data-src" | "data-srcset") || looks_like_image_url(&a.value)
        });
        if !keep {
            doc.detach(img);
        }
    }
    let noscripts: Vec<NodeId> = doc.find_all_tags(doc.root(), "noscript").collect();
    for ns in noscripts {
        if doc.parent(ns).is_none() || !is_single_image(doc, ns) {
            continue;
        }
        let Some(prev) = doc.prev_element_sibling(ns) else {
            continue;
        };
        if !is_single_image(doc, prev) {
            continue;
        }
        let prev_img = if doc.is_tag(prev, "img") { Some(prev) } else { doc.find_tag(prev, "img") };
        let Some(new_img) = doc.find_tag(ns, "img") else { continue };
        if let Some(pi) = prev_img {
            let old = doc.element(pi).unwrap().attrs.clone();
            for a in old.iter().cloned() {
                if a.value.is_empty() {
                    continue;
                }
                if &*a.name == "src" || &*a.name == "srcset" || looks_like_image_url(&a.value) {
                    let ne = doc.element(new_img).unwrap();
                    if ne.attr(&a.name) == Some(a.value.as_str()) {
                        continue;
                    }
                    let name = if ne.has_attr(&a.name) { format!("data-old-{}", a.name) } else { a.name.to_string() };
                    doc.element_mut(new_img).unwrap().set_attr(&name, a.value);
                }
            }
        }
        // The noscript's first element child replaces the placeholder.
        let first = doc.element_children(ns).next().unwrap_or(new_img);
        doc.insert_before(prev, first);
        doc.detach(prev);
    }
}

/// Whether the element is invisible: `hidden`, `aria-hidden=true`, inline `display:none` or
/// `visibility:hidden`, or hidden according to the browser.
pub fn is_hidden(e: &Element) -> bool {
    if e.hidden || e.has_attr("hidden") {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") && !e.attr("class").is_some_and(|c| c.contains("fallback-image")) {
        return true;
    }
    if let Some(style) = e.attr("style") {
        if style_prop(style, "display").is_some_and(|v| v.starts_with("none")) {
            return true;
        }
        if style_prop(style, "visibility").is_some_and(|v| v.starts_with("hidden")) {
            return true;
        }
    }
    false
}

/// Streamed server rendering (React 18 `renderToPipeableStream`): a part of the page sent late
/// arrives at the end of the body as `<div hidden id="S:n">`, and a script moves it to its
/// placeholder `<template id="B:n">`. Scripts do not run here, so the move is done on the page:
/// each hidden segment takes its placeholder's place and is shown.
pub fn place_streamed_segments(doc: &mut Document) {
    let mut holes: std::collections::HashMap<String, NodeId> = std::collections::HashMap::new();
    let mut segments = Vec::new();
    for id in doc.descendants(doc.root()) {
        let Some(e) = doc.element(id) else { continue };
        let Some(v) = e.attr("id") else { continue };
        if let Some(n) = v.strip_prefix("B:") {
            if &*e.name == "template" {
                holes.insert(n.to_owned(), id);
            }
        } else if let Some(n) = v.strip_prefix("S:") {
            if e.has_attr("hidden") {
                segments.push((n.to_owned(), id));
            }
        }
    }
    for (n, seg) in segments {
        let Some(&hole) = holes.get(&n) else { continue };
        if doc.parent(hole).is_none() || doc.is_inclusive_ancestor(seg, hole) {
            continue;
        }
        doc.insert_before(hole, seg);
        doc.detach(hole);
        if let Some(e) = doc.element_mut(seg) {
            e.remove_attr("hidden");
        }
    }
}

/// Text length (chars) from which a `<noscript>` is content rather than a fallback widget.
const NOSCRIPT_CONTENT_MIN: usize = 200;

/// A hidden-by-markup element holding at least this share of the page's text is kept.
const HIDDEN_KEEP_SHARE: f64 = 0.3;
/// … and at least this many characters.
const HIDDEN_KEEP_MIN: usize = 3000;

/// [`super::util::inner_text_len`] of `root` without the text of [`ALWAYS_REMOVE_TAGS`].
fn readable_text_len(doc: &Document, root: NodeId, texts: &super::util::TextTable) -> usize {
    let mut m = super::util::Collapse::default();
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        let crate::dom::Edge::Open(id) = e else { continue };
        match doc.data(id) {
            NodeData::Text(t) => m.add(texts.get(id, t)),
            NodeData::Element(el) if id != root && ALWAYS_REMOVE_TAGS.contains(&&*el.name) => walk.skip_children(id),
            _ => {}
        }
    }
    m.len
}

/// Removes comments, scripts, styles, noscripts, templates and hidden elements.
pub fn remove_invisible(doc: &mut Document, texts: &super::util::TextTable) {
    // Noscript content counts only on app-shell pages, whose text is mostly in noscripts.
    let noscripts: Vec<NodeId> = doc.find_all_tags(doc.root(), "noscript").collect();
    let mut keep_noscript = false;
    // The body's readable text length (script, style, template and noscript contents left
    // out), needed only when a noscript or a markup-hidden element is seen.
    let mut total_cache: Option<usize> = None;
    let mut total = |doc: &Document| *total_cache.get_or_insert_with(|| doc.body().map(|b| readable_text_len(doc, b, texts)).unwrap_or(0));
    if !noscripts.is_empty() {
        let total = total(doc);
        let inside: usize = noscripts.iter().map(|&n| super::util::inner_text_len(doc, n)).sum();
        keep_noscript = inside > total.saturating_sub(inside);
    }
    let mut cur = Some(doc.root());
    while let Some(id) = cur {
        // A <noscript> holding real content (server-rendered fallback of a script app, e.g.
        // forum software) is kept: scripting is off, this is what the reader sees.
        if keep_noscript
            && doc.is_tag(id, "noscript")
            && doc.element_children(id).next().is_some()
            && super::util::inner_text_len(doc, id) >= NOSCRIPT_CONTENT_MIN
        {
            doc.rename(id, "div");
            cur = doc.next_in_order(id, false);
            continue;
        }
        let remove = match doc.data(id) {
            NodeData::Comment => true,
            NodeData::Element(e) => {
                ALWAYS_REMOVE_TAGS.contains(&&*e.name)
                    || (&*e.name != "html"
                        && &*e.name != "body"
                        && &*e.name != "head"
                        && is_hidden(e)
                        // The other panels of a tab set (the same example in other languages,
                        // per-platform steps) are content the reader shows in turn.
                        && e.attr("role") != Some("tabpanel")
                        // Markup-level hiding of most of the page is a script's loading state
                        // (anti-flicker wrappers, streamed server rendering): keep it. The
                        // browser's computed `hidden` is always obeyed.
                        && (e.hidden || {
                            let l = super::util::inner_text_len(doc, id);
                            l < HIDDEN_KEEP_MIN || (l as f64) < HIDDEN_KEEP_SHARE * total(doc) as f64
                        }))
            }
            _ => false,
        };
        if remove {
            let next = doc.next_in_order(id, true);
            doc.detach(id);
            cur = next;
        } else {
            cur = doc.next_in_order(id, false);
        }
    }
}

/// The next sibling, skipping whitespace-only text (Readability's `_nextNode`).
fn next_non_ws(doc: &Document, mut id: Option<NodeId>) -> Option<NodeId> {
    while let Some(n) = id {
        match doc.data(n) {
            NodeData::Text(t) if super::util::is_blank(t) => id = doc.next_sibling(n),
            NodeData::Comment => id = doc.next_sibling(n),
            _ => return Some(n),
        }
    }
    None
}

/// Readability's `_replaceBrs`: a chain of 2+ `<br>` becomes a `<p>` holding the phrasing
/// content that follows.
pub fn replace_brs(doc: &mut Document, root: NodeId) {
    let brs: Vec<NodeId> = doc.find_all_tags(root, "br").collect();
    for br in brs {
        if doc.parent(br).is_none() {
            continue;
        }
        let mut next = doc.next_sibling(br);
        let mut replaced = false;
        while let Some(n) = next_non_ws(doc, next) {
            if !doc.is_tag(n, "br") {
                break;
            }
            replaced = true;
            let sib = doc.next_sibling(n);
            doc.detach(n);
            next = sib;
        }
        if !replaced {
            continue;
        }
        let p = doc.create_element(Element::new("p"));
        doc.insert_before(br, p);
        doc.detach(br);
        let mut next = doc.next_sibling(p);
        while let Some(n) = next {
            if doc.is_tag(n, "br") {
                if let Some(ne) = next_non_ws(doc, doc.next_sibling(n)) {
                    if doc.is_tag(ne, "br") {
                        break;
                    }
                }
            }
            if !is_phrasing(doc, n) {
                break;
            }
            let sib = doc.next_sibling(n);
            doc.append(p, n);
            next = sib;
        }
        while let Some(l) = doc.last_child(p) {
            if is_whitespace(doc, l) {
                doc.detach(l);
            } else {
                break;
            }
        }
        if let Some(par) = doc.parent(p) {
            if doc.is_tag(par, "p") {
                doc.rename(par, "div");
            }
        }
    }
}

/// `font` elements become `span`s.
pub fn replace_fonts(doc: &mut Document, root: NodeId) {
    let fonts: Vec<NodeId> = doc.find_all_tags(root, "font").collect();
    for f in fonts {
        doc.rename(f, "span");
    }
}

/// Readability's `_fixLazyImages` on `root`: copies lazy-loading attributes (`data-src`,
/// `data-srcset`, `data-original`, any attribute holding an image URL) to `src`/`srcset`, adds an
/// `img` to a `figure` that only names its image in an attribute, and uses the `<picture>`'s
/// `<source srcset>` when its `img` has none.
pub fn fix_lazy_images(doc: &mut Document, root: NodeId) {
    let targets: Vec<NodeId> = doc.descendants(root).filter(|&d| matches!(doc.tag(d), Some("img" | "picture" | "figure"))).collect();
    for id in targets {
        let e = doc.element(id).unwrap().clone();
        let tag = &*e.name;
        let mut src = e.attr("src").map(str::to_owned);
        if let Some(s) = src.as_deref() {
            if s.starts_with("data:") && !s.starts_with("data:image/svg+xml") {
                let could_remove = e.attrs.iter().any(|a| &*a.name != "src" && looks_like_image_url(&a.value));
                if could_remove {
                    let b64 = s.find("base64,").map(|i| i + 7).unwrap_or(0);
                    if s.len() - b64 < 133 {
                        doc.element_mut(id).unwrap().remove_attr("src");
                        src = None;
                    }
                }
            }
        }
        let has_srcset = e.attr("srcset").is_some_and(|s| s != "null" && !s.is_empty());
        let lazy_class = e.attr("class").is_some_and(|c| c.to_ascii_lowercase().contains("lazy"));
        let src_ok = src.as_deref().is_some_and(|s| !s.trim().is_empty());
        if (src_ok || has_srcset) && !lazy_class {
            continue;
        }
        for a in e.attrs.iter() {
            if matches!(&*a.name, "src" | "srcset" | "alt") {
                continue;
            }
            let v = a.value.trim();
            let l = v.to_ascii_lowercase();
            let copy_to = if has_descriptor_image(&l) {
                Some("srcset")
            } else if !v.contains(char::is_whitespace) && looks_like_image_url(&l) {
                Some("src")
            } else if matches!(&*a.name, "data-src" | "data-original" | "data-lazy-src" | "data-url") && (l.starts_with("http") || l.starts_with('/')) {
                Some("src")
            } else if matches!(&*a.name, "data-srcset" | "data-lazy-srcset") && !l.is_empty() {
                Some("srcset")
            } else {
                None
            };
            let Some(to) = copy_to else { continue };
            match tag {
                "img" | "picture" => doc.element_mut(id).unwrap().set_attr(to, v.to_owned()),
                "figure" => {
                    if !doc.descendants(id).any(|d| matches!(doc.tag(d), Some("img" | "picture"))) {
                        let mut img = Element::new("img");
                        img.set_attr(to, v.to_owned());
                        let n = doc.create_element(img);
                        doc.append(id, n);
                    }
                }
                _ => {}
            }
        }
    }
    // <picture>: an img without a usable source takes the first <source srcset>.
    let pictures: Vec<NodeId> = doc.find_all_tags(root, "picture").collect();
    for pic in pictures {
        let Some(img) = doc.find_tag(pic, "img") else { continue };
        let e = doc.element(img).unwrap();
        if e.attr("src").is_some_and(|s| !s.is_empty() && !s.starts_with("data:")) || e.attr("srcset").is_some_and(|s| !s.is_empty()) {
            continue;
        }
        let srcset = doc
            .find_all_tags(pic, "source")
            .filter_map(|s| {
                let se = doc.element(s).unwrap();
                se.attr("srcset").or(se.attr("data-srcset")).map(str::to_owned)
            })
            .find(|s| !s.is_empty());
        if let Some(s) = srcset {
            doc.element_mut(img).unwrap().set_attr("srcset", s);
        }
    }
}

fn has_descriptor_image(l: &str) -> bool {
    for ext in [".jpg", ".jpeg", ".png", ".webp"] {
        let mut from = 0;
        while let Some(i) = l[from..].find(ext) {
            let rest = &l[from + i + ext.len()..];
            let trimmed = rest.trim_start();
            if trimmed.len() < rest.len() && trimmed.starts_with(|c: char| c.is_ascii_digit()) {
                return true;
            }
            from += i + ext.len();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn hidden_tab_panels_stay() {
        let para = "<p>Send your first message with a few lines of code, then check the delivery status in the console, which lists every attempt.</p>";
        let html = format!(
            r#"<html><body><div class=main>{para}{para}<div role=tablist><span role=tab>Python</span><span role=tab>Ruby</span></div>
            <div role=tabpanel><pre>client.send(to, body)</pre></div>
            <div role=tabpanel hidden style="display:none"><pre>client.deliver(recipient)</pre></div>
            <div hidden>Loading preview</div>{para}</div></body></html>"#
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("client.deliver(recipient)"), "{t}");
        assert!(!t.contains("Loading preview"), "{t}");
    }

    #[test]
    fn streamed_segments_take_their_placeholders_place() {
        let para = "<p>Send your first message with a few lines of code, then check the delivery status in the console, which lists every attempt.</p>";
        let html = format!(
            r#"<html><body><div class=main>{para}<!--$?--><template id="B:1"></template><!--/$-->{para}</div><footer>Terms</footer>
            <div hidden id="S:1"><pre>client.deliver(recipient)</pre></div><script>$RC("B:1","S:1")</script></body></html>"#
        );
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("client.deliver(recipient)"), "{t}");
        // A hidden block with no placeholder stays hidden.
        let t = crate::extract(&html.replace("B:1", "B:2"), &crate::Options::default()).unwrap().text();
        assert!(!t.contains("client.deliver(recipient)"), "{t}");
    }
}
