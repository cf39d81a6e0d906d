//! Phase 0, metadata: JSON-LD, `<meta>` (Open Graph, Twitter, Dublin Core, Parse.ly), `<title>`
//! with the site name stripped, byline, published time (ISO 8601), site name, lang, dir, excerpt,
//! lead image, canonical URL. Follows Readability's `_getArticleMetadata` precedence.

use std::collections::HashMap;

use crate::dom::{Document, NodeId};
use crate::text::normalize_ws;

use super::lexicon::{JSONLD_ARTICLE_TYPES, TITLE_SEPARATORS};
use super::util::text_similarity;

/// Metadata found in the page before extraction.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub excerpt: Option<String>,
    pub site_name: Option<String>,
    pub published_time: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub lead_image: Option<String>,
    pub canonical_url: Option<String>,
}

/// Readability's `_unescapeHtmlEntities` for values that were escaped twice.
pub fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|j| j + 1).filter(|&j| j <= 12);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let rep: Option<String> = match ent {
            "quot" => Some("\"".into()),
            "amp" => Some("&".into()),
            "apos" => Some("'".into()),
            "lt" => Some("<".into()),
            "gt" => Some(">".into()),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().map(num_char),
            _ if ent.starts_with('#') => ent[1..].parse::<u32>().ok().map(num_char),
            _ => None,
        };
        match rep {
            Some(r) => {
                out.push_str(&r);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn num_char(n: u32) -> String {
    let c = if n == 0 || n > 0x10FFFF || (0xD800..=0xDFFF).contains(&n) { '\u{FFFD}' } else { char::from_u32(n).unwrap_or('\u{FFFD}') };
    c.to_string()
}

fn clean(s: &str) -> Option<String> {
    let t = normalize_ws(&unescape_entities(s));
    (!t.is_empty()).then_some(t)
}

/// Property tokens Readability reads from `<meta property>`.
fn property_key(tok: &str) -> Option<String> {
    let t = tok.to_ascii_lowercase();
    let (prefix, name) = t.split_once(':')?;
    let prefix = prefix.trim();
    let name = name.trim();
    if matches!(prefix, "article" | "dc" | "dcterm" | "og" | "twitter")
        && matches!(name, "author" | "creator" | "description" | "published_time" | "title" | "site_name" | "image" | "locale" | "modified_time")
    {
        Some(format!("{prefix}:{name}"))
    } else {
        None
    }
}

/// Names Readability reads from `<meta name>`.
fn name_key(name: &str) -> Option<String> {
    let n: String = name.trim().to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
    let n = n.replace('.', ":");
    let base = ["author", "creator", "pub-date", "description", "title", "site_name", "date", "pubdate", "publishdate", "publish-date", "dc:date", "sailthru:date", "article:published_time", "og:image", "twitter:image"];
    if base.contains(&n.as_str()) {
        return Some(n);
    }
    for prefix in ["dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage"] {
        if let Some(rest) = n.strip_prefix(prefix) {
            let rest = rest.trim_start_matches([':', '-', '.']);
            if rest.len() < n.len() - prefix.len() && matches!(rest, "author" | "creator" | "pub-date" | "description" | "title" | "site_name" | "image") {
                return Some(format!("{prefix}:{rest}"));
            }
        }
    }
    None
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

#[derive(Default)]
struct JsonLd {
    title: Option<String>,
    byline: Option<String>,
    excerpt: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    image: Option<String>,
}

fn type_matches(v: &serde_json::Value) -> bool {
    match v.get("@type") {
        Some(serde_json::Value::String(t)) => JSONLD_ARTICLE_TYPES.contains(&t.as_str()),
        Some(serde_json::Value::Array(a)) => a.iter().any(|t| t.as_str().is_some_and(|t| JSONLD_ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn author_names(author: &serde_json::Value, graph: &[serde_json::Value]) -> Vec<String> {
    let resolve = |a: &serde_json::Value| -> Option<String> {
        match a {
            serde_json::Value::String(s) if !is_url(s) => Some(s.trim().to_owned()),
            serde_json::Value::Object(_) => {
                if let Some(n) = a.get("name").and_then(|n| n.as_str()) {
                    return Some(n.trim().to_owned());
                }
                let id = a.get("@id").and_then(|i| i.as_str())?;
                graph.iter().find(|g| g.get("@id").and_then(|i| i.as_str()) == Some(id)).and_then(|g| g.get("name")).and_then(|n| n.as_str()).map(|n| n.trim().to_owned())
            }
            _ => None,
        }
    };
    match author {
        serde_json::Value::Array(a) => a.iter().filter_map(resolve).filter(|s| !s.is_empty()).collect(),
        other => resolve(other).into_iter().filter(|s| !s.is_empty()).collect(),
    }
}

fn parse_jsonld(doc: &Document, html_title: &dyn Fn() -> String) -> JsonLd {
    let mut out = JsonLd::default();
    for s in doc.find_all_tags(doc.root(), "script") {
        if !doc.attr(s, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
            continue;
        }
        let text = doc.text_content(s);
        let text = text.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let Ok(mut v) = serde_json::from_str::<serde_json::Value>(text) else { continue };
        if let serde_json::Value::Array(a) = &v {
            match a.iter().find(|x| type_matches(x) || x.get("@graph").is_some()) {
                Some(x) => v = x.clone(),
                None => continue,
            }
        }
        let ctx_ok = match v.get("@context") {
            Some(serde_json::Value::String(c)) => c.contains("schema.org"),
            Some(serde_json::Value::Object(o)) => o.get("@vocab").and_then(|x| x.as_str()).is_some_and(|c| c.contains("schema.org")),
            Some(serde_json::Value::Array(a)) => a.iter().any(|c| c.as_str().is_some_and(|c| c.contains("schema.org"))),
            _ => false,
        };
        if !ctx_ok {
            continue;
        }
        let graph: Vec<serde_json::Value> = v.get("@graph").and_then(|g| g.as_array()).cloned().unwrap_or_default();
        let item = if type_matches(&v) {
            v.clone()
        } else if let Some(x) = graph.iter().find(|x| type_matches(x)) {
            x.clone()
        } else {
            continue;
        };
        let name = item.get("name").and_then(|x| x.as_str());
        let headline = item.get("headline").and_then(|x| x.as_str());
        out.title = match (name, headline) {
            (Some(n), Some(h)) if n != h => {
                let t = html_title();
                let nm = text_similarity(n, &t) > 0.75;
                let hm = text_similarity(h, &t) > 0.75;
                Some(if hm && !nm { h } else { n }.trim().to_owned())
            }
            (Some(n), _) => Some(n.trim().to_owned()),
            (None, Some(h)) => Some(h.trim().to_owned()),
            _ => None,
        };
        if let Some(a) = item.get("author") {
            let names = author_names(a, &graph);
            if !names.is_empty() {
                out.byline = Some(names.join(", "));
            }
        }
        out.excerpt = item.get("description").and_then(|x| x.as_str()).map(|s| s.trim().to_owned());
        let publisher = item.get("publisher").map(|p| {
            if p.get("name").is_none() {
                if let Some(id) = p.get("@id").and_then(|i| i.as_str()) {
                    if let Some(g) = graph.iter().find(|g| g.get("@id").and_then(|i| i.as_str()) == Some(id)) {
                        return g.clone();
                    }
                }
            }
            p.clone()
        });
        out.site_name = publisher.as_ref().and_then(|p| p.get("name")).and_then(|x| x.as_str()).map(|s| s.trim().to_owned());
        if out.site_name.is_none() {
            out.site_name = graph.iter().find(|g| g.get("@type").and_then(|t| t.as_str()) == Some("WebSite")).and_then(|g| g.get("name")).and_then(|x| x.as_str()).map(|s| s.trim().to_owned());
        }
        out.published = item.get("datePublished").and_then(|x| x.as_str()).map(|s| s.trim().to_owned());
        out.image = match item.get("image") {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Object(o)) => o.get("url").and_then(|x| x.as_str()).map(str::to_owned),
            Some(serde_json::Value::Array(a)) => a.first().and_then(|x| x.as_str().map(str::to_owned).or_else(|| x.get("url").and_then(|u| u.as_str()).map(str::to_owned))),
            _ => None,
        };
        break;
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Readability's `_getArticleTitle`: `<title>` without the site name.
pub fn article_title(doc: &Document) -> String {
    let orig = doc.find_tag(doc.root(), "title").map(|t| normalize_ws(&doc.text_content(t))).unwrap_or_default();
    let mut cur = orig.clone();
    let mut hierarchical = false;
    // Positions of separators.
    let mut seps: Vec<(usize, usize)> = Vec::new();
    for sep in TITLE_SEPARATORS.iter().filter(|s| **s != " :: " && **s != " · ") {
        let mut from = 0;
        while let Some(i) = orig[from..].find(sep) {
            seps.push((from + i, sep.len()));
            from += i + sep.len();
        }
    }
    seps.sort();
    if !seps.is_empty() {
        let heads: Vec<String> = doc.descendants(doc.root()).filter(|&d| doc.is_tag(d, "h1")).map(|h| normalize_ws(&doc.text_content(h))).filter(|h| !h.is_empty()).collect();
        for &(i, l) in &seps {
            for part in [orig[..i].trim(), orig[i + l..].trim()] {
                if heads.iter().any(|h| h == part) {
                    return part.to_owned();
                }
            }
        }
    }
    if !seps.is_empty() {
        hierarchical = [" \\ ", " / ", " > ", " » "].iter().any(|s| orig.contains(s));
        let (last, _) = *seps.last().unwrap();
        cur = orig[..last].to_owned();
        if word_count(&cur) < 3 {
            let (first, len) = seps[0];
            cur = orig[first + len..].to_owned();
        }
    } else if orig.contains(": ") {
        let headings_match = doc.descendants(doc.root()).filter(|&d| matches!(doc.tag(d), Some("h1" | "h2"))).any(|h| normalize_ws(&doc.text_content(h)) == orig.trim());
        if !headings_match {
            let li = orig.rfind(':').unwrap();
            cur = orig[li + 1..].to_owned();
            if word_count(&cur) < 3 {
                let fi = orig.find(':').unwrap();
                cur = orig[fi + 1..].to_owned();
            } else if word_count(&orig[..orig.find(':').unwrap()]) > 5 {
                cur = orig.clone();
            }
        }
    } else if orig.chars().count() > 150 || orig.chars().count() < 15 {
        let h1s: Vec<NodeId> = doc.find_all_tags(doc.root(), "h1").collect();
        if h1s.len() == 1 {
            cur = normalize_ws(&doc.text_content(h1s[0]));
        }
    }
    cur = normalize_ws(&cur);
    let n = word_count(&cur);
    let stripped: String = orig.chars().map(|c| if matches!(c, '|' | '-' | '\\' | '/' | '>' | '»' | '–' | '—') { ' ' } else { c }).collect();
    if n <= 4 && (!hierarchical || n != word_count(&stripped).saturating_sub(1)) {
        cur = orig.clone();
    }
    // When nothing was stripped, a heading equal to the text before (or after) a separator is the title without the site name.
    cur
}

/// ISO 8601 for the common date forms; other strings are returned trimmed.
pub fn normalize_date(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    let iso_date = b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit);
    if iso_date {
        let mut out = s.to_owned();
        // "2019-04-28 06:01:07" → "2019-04-28T06:01:07"
        if b.len() > 11 && b[10] == b' ' && b[11].is_ascii_digit() {
            out.replace_range(10..11, "T");
        }
        // "+0100" → "+01:00"
        let ob = out.as_bytes();
        if ob.len() >= 16 {
            let n = ob.len();
            if (ob[n - 5] == b'+' || ob[n - 5] == b'-') && ob[n - 4..].iter().all(u8::is_ascii_digit) && ob[n - 8..n - 5].contains(&b':') {
                out.insert(n - 2, ':');
            }
        }
        return out;
    }
    // RFC 2822: "Tue, 09 May 2017 10:00:00 +0200" / "09 May 2017".
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let parts: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|p| !p.is_empty()).collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    let mut offset = None;
    for p in &parts {
        let l = p.to_ascii_lowercase();
        if let Some(m) = months.iter().position(|m| l.starts_with(m)) {
            month = Some(m + 1);
        } else if p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()) {
            year = Some(p.to_string());
        } else if p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()) {
            day = p.parse::<u32>().ok();
        } else if p.contains(':') && p.chars().all(|c| c.is_ascii_digit() || c == ':') {
            time = Some(p.to_string());
        } else if (p.starts_with('+') || p.starts_with('-')) && p.len() == 5 {
            offset = Some(format!("{}:{}", &p[..3], &p[3..]));
        } else if matches!(*p, "GMT" | "UTC" | "Z") {
            offset = Some("Z".into());
        }
    }
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => {
            let mut o = format!("{y}-{m:02}-{d:02}");
            if let Some(t) = time {
                let t = if t.len() == 5 { format!("{t}:00") } else { t };
                o.push('T');
                o.push_str(&t);
                if let Some(off) = offset {
                    o.push_str(if off == "Z" { "+00:00" } else { &off });
                }
            }
            o
        }
        _ => s.to_owned(),
    }
}

/// Reads the page's metadata (run on the unmodified document).
pub fn read(doc: &Document) -> Metadata {
    let mut values: HashMap<String, String> = HashMap::new();
    let mut md = Metadata::default();
    let mut first_time: Option<String> = None;
    let mut itemprop_time: Option<String> = None;
    for id in doc.descendants(doc.root()) {
        let Some(e) = doc.element(id) else { continue };
        match &*e.name {
            "meta" => {
                let Some(content) = e.attr("content") else { continue };
                let content = content.trim();
                if content.is_empty() {
                    continue;
                }
                let mut matched = false;
                if let Some(prop) = e.attr("property") {
                    for tok in prop.split_whitespace() {
                        if let Some(k) = property_key(tok) {
                            values.insert(k, content.to_owned());
                            matched = true;
                        }
                    }
                }
                if !matched {
                    if let Some(name) = e.attr("name") {
                        if let Some(k) = name_key(name) {
                            values.insert(k, content.to_owned());
                        }
                    }
                }
                if e.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language")) {
                    values.entry("content-language".into()).or_insert_with(|| content.to_owned());
                }
                if e.attr("itemprop") == Some("datePublished") {
                    itemprop_time.get_or_insert_with(|| content.to_owned());
                }
            }
            "link" => {
                if e.attr("rel").is_some_and(|r| r.split_whitespace().any(|t| t.eq_ignore_ascii_case("canonical"))) {
                    md.canonical_url = md.canonical_url.take().or_else(|| e.attr("href").map(str::to_owned));
                }
            }
            "time" => {
                if let Some(dt) = e.attr("datetime") {
                    if e.attr("itemprop") == Some("datePublished") || e.attr("pubdate").is_some() {
                        itemprop_time.get_or_insert_with(|| dt.to_owned());
                    }
                    first_time.get_or_insert_with(|| dt.to_owned());
                }
            }
            "html" => {
                md.lang = e.attr("lang").or(e.attr("xml:lang")).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
                md.dir = e.attr("dir").map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
            }
            _ => {}
        }
    }
    let html_title = || article_title(doc);
    let jl = parse_jsonld(doc, &html_title);
    let get = |k: &str| values.get(k).cloned();
    let title = jl
        .title
        .clone()
        .or_else(|| get("dc:title"))
        .or_else(|| get("dcterm:title"))
        .or_else(|| get("og:title"))
        .or_else(|| get("weibo:article:title"))
        .or_else(|| get("weibo:webpage:title"))
        .or_else(|| get("title"))
        .or_else(|| get("twitter:title"))
        .or_else(|| get("parsely:title"));
    md.title = match title {
        Some(t) => clean(&t),
        None => clean(&html_title()),
    };
    let article_author = get("article:author").filter(|a| !is_url(a));
    md.byline = jl
        .byline
        .clone()
        .or_else(|| get("dc:creator"))
        .or_else(|| get("dcterm:creator"))
        .or_else(|| get("author"))
        .or_else(|| get("parsely:author"))
        .or(article_author)
        .and_then(|s| clean(&s));
    md.excerpt = jl
        .excerpt
        .clone()
        .or_else(|| get("dc:description"))
        .or_else(|| get("dcterm:description"))
        .or_else(|| get("og:description"))
        .or_else(|| get("weibo:article:description"))
        .or_else(|| get("weibo:webpage:description"))
        .or_else(|| get("description"))
        .or_else(|| get("twitter:description"))
        .and_then(|s| clean(&s));
    md.site_name = jl.site_name.clone().or_else(|| get("og:site_name")).and_then(|s| clean(&s));
    md.published_time = jl
        .published
        .clone()
        .or_else(|| get("article:published_time"))
        .or_else(|| get("parsely:pub-date"))
        .or(itemprop_time)
        .or_else(|| get("date"))
        .or_else(|| get("pubdate"))
        .or_else(|| get("publishdate"))
        .or_else(|| get("publish-date"))
        .or_else(|| get("dc:date"))
        .or_else(|| get("sailthru:date"))
        .or(first_time)
        .map(|s| normalize_date(&unescape_entities(&s)))
        .filter(|s| !s.is_empty());
    if md.lang.is_none() {
        md.lang = get("content-language").or_else(|| get("og:locale").map(|l| l.replace('_', "-")));
    }
    md.lead_image = get("og:image").or_else(|| get("twitter:image")).or(jl.image);
    md
}
