//! Phase 3, article cleaning (Readability's `_prepArticle`): data tables, lazy images,
//! conditional cleaning of forms, tables, lists and divs, embeds, share widgets, headers with
//! negative weight, empty paragraphs, single-cell tables.

use crate::dom::{Document, NodeData, NodeId};

use super::lexicon::{self, VIDEO_HOSTS};
use super::score::{class_weight, Ctx};
use super::util::*;

/// Whether an embed (`iframe`, `object`, `embed`) points at an allowed video host.
pub fn is_video_embed(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    let hit = |v: &str| {
        let l = v.to_ascii_lowercase();
        VIDEO_HOSTS.iter().any(|h| l.contains(h))
    };
    if e.attrs.iter().any(|a| hit(&a.value)) {
        return true;
    }
    // <object> with a <param>/<embed> child naming a video.
    &*e.name == "object" && doc.descendants(id).skip(1).any(|d| doc.element(d).is_some_and(|c| c.attrs.iter().any(|a| hit(&a.value))))
}

/// Readability's `_markDataTables`.
fn mark_data_tables(doc: &Document, root: NodeId, ctx: &mut Ctx) {
    ctx.grow(doc.len());
    let tables: Vec<NodeId> = doc.find_all_tags(root, "table").collect();
    for t in tables {
        let e = doc.element(t).unwrap();
        let is_data = if e.attr("role") == Some("presentation") || e.attr("datatable") == Some("0") {
            false
        } else if e.has_attr("summary") {
            true
        } else if doc.find_tag(t, "caption").is_some_and(|c| doc.first_child(c).is_some()) {
            true
        } else if doc.descendants(t).skip(1).any(|d| matches!(doc.tag(d), Some("col" | "colgroup" | "tfoot" | "thead" | "th"))) {
            true
        } else if doc.descendants(t).skip(1).any(|d| doc.is_tag(d, "table")) {
            false
        } else {
            let (rows, cols) = row_col_count(doc, t);
            if rows == 1 || cols == 1 {
                false
            } else if rows >= 10 || cols > 4 {
                true
            } else {
                rows * cols > 10
            }
        };
        ctx.data_table[t.index()] = is_data;
    }
}

fn row_col_count(doc: &Document, table: NodeId) -> (usize, usize) {
    let mut rows = 0;
    let mut cols = 0;
    for tr in doc.find_all_tags(table, "tr") {
        let rs = doc.attr(tr, "rowspan").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0);
        rows += rs.max(1);
        let mut in_row = 0;
        for c in doc.element_children(tr) {
            if doc.is_tag(c, "td") {
                in_row += doc.attr(c, "colspan").and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(0).max(1);
            }
        }
        cols = cols.max(in_row);
    }
    (rows, cols)
}

/// Removes every `tag` under `root` except video embeds (Readability's `_clean`).
fn clean_tag(doc: &mut Document, root: NodeId, tag: &str) {
    let is_embed = matches!(tag, "object" | "embed" | "iframe");
    let nodes: Vec<NodeId> = doc.find_all_tags(root, tag).filter(|&n| n != root).collect();
    for n in nodes {
        if is_embed && is_video_embed(doc, n) {
            continue;
        }
        doc.detach(n);
    }
}

fn count_tag(doc: &Document, id: NodeId, tag: &str) -> usize {
    doc.descendants(id).skip(1).filter(|&d| doc.is_tag(d, tag)).count()
}

fn has_data_table_ancestor(doc: &Document, id: NodeId, ctx: &Ctx) -> bool {
    doc.ancestors(id).any(|a| doc.is_tag(a, "table") && ctx.is_data_table(a))
}

/// Readability's `_cleanConditionally` for `tag` under `root`.
fn clean_conditionally(doc: &mut Document, root: NodeId, tag: &str, ctx: &Ctx) {
    if !ctx.flags.clean_conditionally {
        return;
    }
    // Reverse document order, as Readability's removeNodes walks backwards.
    let nodes: Vec<NodeId> = doc.find_all_tags(root, tag).filter(|&n| n != root).collect();
    if nodes.is_empty() {
        return;
    }
    let mut stats = TextStats::new(doc, root);
    let mut removed = vec![false; doc.len()];
    for &node in nodes.iter().rev() {
        // Skip nodes inside a subtree already removed.
        if doc.ancestors(node).take_while(|&a| a != root).any(|a| removed[a.index()]) {
            continue;
        }
        if should_remove(doc, node, tag, ctx, &stats) {
            stats.remove(doc, node, root);
            removed[node.index()] = true;
            doc.detach(node);
        }
    }
}

fn text_density(doc: &Document, id: NodeId, tags: &[&str], stats: &TextStats) -> f64 {
    let total = stats.len(id);
    if total == 0 {
        return 0.0;
    }
    stats.tag_text(doc, id, tags) as f64 / total as f64
}

fn should_remove(doc: &Document, node: NodeId, tag: &str, ctx: &Ctx, stats: &TextStats) -> bool {
    let mut is_list = matches!(tag, "ul" | "ol");
    let inner_len = stats.len(node);
    if !is_list {
        let list_len = stats.tag_text(doc, node, &["ul", "ol"]);
        is_list = inner_len > 0 && list_len as f64 / inner_len as f64 > 0.9;
    }
    if tag == "table" && ctx.is_data_table(node) {
        return false;
    }
    if has_data_table_ancestor(doc, node, ctx) {
        return false;
    }
    if has_ancestor_tag(doc, node, "code", 0) {
        return false;
    }
    if doc.descendants(node).skip(1).any(|d| doc.is_tag(d, "table") && ctx.is_data_table(d)) {
        return false;
    }
    let weight = class_weight(doc, node, ctx.flags);
    if weight < 0.0 {
        return true;
    }
    if stats.commas[node.index()] >= 10 {
        return false;
    }
    let p = count_tag(doc, node, "p") as f64;
    let img = count_tag(doc, node, "img") as f64;
    let li = count_tag(doc, node, "li") as f64 - 100.0;
    let input = count_tag(doc, node, "input") as f64;
    let heading_density = text_density(doc, node, &["h1", "h2", "h3", "h4", "h5", "h6"], stats);
    let mut embeds = 0usize;
    for d in doc.descendants(node).skip(1) {
        if matches!(doc.tag(d), Some("object" | "embed" | "iframe")) {
            if is_video_embed(doc, d) {
                return false;
            }
            embeds += 1;
        }
    }
    let content_len = inner_len;
    if content_len <= 40 {
        let lower = inner_text(doc, node).to_lowercase();
        if lexicon::AD_OR_LOADING_TEXTS.contains(&lower.as_str()) {
            return true;
        }
    }
    let ld = stats.link_density(node);
    let textish = ["span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];
    let td = text_density(doc, node, &textish, stats);
    let figure_child = has_ancestor_tag(doc, node, "figure", 0);
    let mut remove = false;
    if !figure_child && img > 1.0 && p / img < 0.5 {
        remove = true;
    }
    if !is_list && li > p {
        remove = true;
    }
    if input > (p / 3.0).floor() {
        remove = true;
    }
    if !is_list && !figure_child && heading_density < 0.9 && content_len < 25 && (img == 0.0 || img > 2.0) && ld > 0.0 {
        remove = true;
    }
    if !is_list && weight < 25.0 && ld > 0.2 {
        remove = true;
    }
    if weight >= 25.0 && ld > 0.5 {
        remove = true;
    }
    if (embeds == 1 && content_len < 75) || embeds > 1 {
        remove = true;
    }
    if img == 0.0 && td == 0.0 {
        remove = true;
    }
    if is_list && remove {
        // Simple lists of images stay.
        for c in doc.element_children(node) {
            if doc.element_children(c).count() > 1 {
                return remove;
            }
        }
        let li_count = count_tag(doc, node, "li") as f64;
        if img == li_count {
            return false;
        }
    }
    remove
}

/// Readability's `_prepArticle` on the container.
pub fn prep_article(doc: &mut Document, root: NodeId, ctx: &mut Ctx) {
    mark_data_tables(doc, root, ctx);
    super::prep::fix_lazy_images(doc, root);
    clean_conditionally(doc, root, "form", ctx);
    clean_conditionally(doc, root, "fieldset", ctx);
    for t in ["object", "embed", "footer", "link", "aside"] {
        clean_tag(doc, root, t);
    }
    // Small blocks whose class/id says "share".
    let tops: Vec<NodeId> = doc.element_children(root).collect();
    for top in tops {
        let nodes: Vec<NodeId> = doc.descendants(top).skip(1).filter(|&d| doc.is_element(d)).collect();
        for n in nodes {
            if !doc.is_inclusive_ancestor(top, n) {
                continue;
            }
            let ms = match_string(doc, n);
            if is_share_match(&ms) && doc.text_content(n).chars().count() < 500 {
                doc.detach(n);
            }
        }
    }
    for t in ["iframe", "input", "textarea", "select", "button"] {
        clean_tag(doc, root, t);
    }
    // h1/h2 with negative class weight.
    let heads: Vec<NodeId> = doc.descendants(root).filter(|&d| matches!(doc.tag(d), Some("h1" | "h2"))).collect();
    for h in heads {
        if class_weight(doc, h, ctx.flags) < 0.0 {
            doc.detach(h);
        }
    }
    clean_conditionally(doc, root, "table", ctx);
    clean_conditionally(doc, root, "ul", ctx);
    clean_conditionally(doc, root, "div", ctx);
    let h1s: Vec<NodeId> = doc.find_all_tags(root, "h1").collect();
    for h in h1s {
        doc.rename(h, "h2");
    }
    // Empty paragraphs.
    let ps: Vec<NodeId> = doc.find_all_tags(root, "p").collect();
    for p in ps {
        let media = doc.descendants(p).skip(1).any(|d| matches!(doc.tag(d), Some("img" | "embed" | "object" | "iframe")));
        if !media && !has_text(doc, p) {
            doc.detach(p);
        }
    }
    // <br> right before a <p>.
    let brs: Vec<NodeId> = doc.find_all_tags(root, "br").collect();
    for br in brs {
        let mut n = doc.next_sibling(br);
        while let Some(x) = n {
            if matches!(doc.data(x), NodeData::Text(t) if t.trim().is_empty()) {
                n = doc.next_sibling(x);
            } else {
                break;
            }
        }
        if n.is_some_and(|x| doc.is_tag(x, "p")) {
            doc.detach(br);
        }
    }
    // Single-cell tables become their cell.
    let tables: Vec<NodeId> = doc.find_all_tags(root, "table").collect();
    for t in tables {
        let tbody = if has_single_tag_inside(doc, t, "tbody") { doc.element_children(t).next().unwrap() } else { t };
        if has_single_tag_inside(doc, tbody, "tr") {
            let row = doc.element_children(tbody).next().unwrap();
            if has_single_tag_inside(doc, row, "td") {
                let cell = doc.element_children(row).next().unwrap();
                let all_phrasing = doc.children(cell).all(|c| is_phrasing(doc, c));
                doc.rename(cell, if all_phrasing { "p" } else { "div" });
                if doc.parent(t).is_some() {
                    doc.insert_before(t, cell);
                    doc.detach(t);
                }
            }
        }
    }
}

/// Readability's `shareElements`: `share`/`sharedaddy` as a word of class or id.
fn is_share_match(ms: &str) -> bool {
    for w in ["share", "sharedaddy"] {
        let mut from = 0;
        while let Some(i) = ms[from..].find(w) {
            let s = from + i;
            let e = s + w.len();
            let before = ms[..s].chars().next_back();
            let after = ms[e..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || c == '_');
            if boundary(before) && boundary(after) {
                return true;
            }
            from = e;
        }
    }
    false
}
