//! The overlay re-checks the core's allowlists in JS (defence in depth). This keeps the JS
//! mirror in `extension/content/render.js` equal to `src/article.rs`.

use std::collections::BTreeSet;

fn js_set(src: &str, name: &str) -> BTreeSet<String> {
    let start = src.find(&format!("const {name} = new Set(")).unwrap_or_else(|| panic!("{name} not found in render.js"));
    let rest = &src[start..];
    let end = rest.find(");").unwrap();
    let body = &rest[..end];
    let mut out = BTreeSet::new();
    // Either a split(" ") string or an array of string literals: take every quoted run's words.
    for (i, part) in body.split('"').enumerate() {
        if i % 2 == 1 {
            out.extend(part.split_whitespace().map(str::to_owned));
        }
    }
    out
}

#[test]
fn render_js_mirrors_the_core_allowlists() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content/render.js")).unwrap();
    let mut js_tags = js_set(&src, "HTML_TAGS");
    js_tags.extend(js_set(&src, "MATH_TAGS"));
    let rust_tags: BTreeSet<String> = baca::article::ALLOWED_TAGS.iter().map(|s| s.to_string()).collect();
    assert_eq!(js_tags, rust_tags, "tags differ between render.js and ALLOWED_TAGS");
    let js_hosts = js_set(&src, "EMBED_HOSTS");
    let rust_hosts: BTreeSet<String> = baca::article::ALLOWED_EMBED_HOSTS.iter().map(|s| s.to_string()).collect();
    assert_eq!(js_hosts, rust_hosts, "embed hosts differ");
    // Every attribute the core allows on some tag is one the JS mirror knows by name.
    for tag in baca::article::ALLOWED_TAGS {
        for attr in ["lang", "dir", "title", "href", "src", "alt", "srcset", "sizes", "width", "height", "colspan",
            "rowspan", "headers", "scope", "start", "reversed", "type", "value", "datetime", "class", "open", "style", "onclick"]
        {
            if baca::article::allowed_attr(tag, attr) {
                assert!(src.contains(&format!("\"{attr}\"")), "render.js does not know attribute {attr} ({tag})");
            }
        }
    }
}
