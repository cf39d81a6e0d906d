//! The saved formats, generated here so that the CLI and the extension write the same bytes:
//! Markdown ([`crate::markdown`]), a self-contained HTML file and plain text.

use crate::article::{escape_into, Article};

/// Reader CSS inlined into saved HTML files: readable offline, prints well.
const SAVED_CSS: &str = "body{margin:0;background:#fff;color:#1b1b1b;font:19px/1.6 Georgia,'Times New Roman',serif}\
article{max-width:680px;margin:0 auto;padding:32px 20px}\
header p{color:#555;font:15px/1.4 system-ui,sans-serif;margin:4px 0}\
h1{font-size:32px;line-height:1.2;margin:0 0 12px}h2,h3,h4{line-height:1.3}\
img,video,iframe{max-width:100%;height:auto}figure{margin:24px 0}figcaption{color:#555;font-size:15px}\
pre{overflow-x:auto;background:#f4f4f4;padding:12px;font:14px/1.45 ui-monospace,monospace;white-space:pre}\
code{font-family:ui-monospace,monospace}blockquote{margin:16px 0;padding-left:16px;border-left:3px solid #ccc;color:#333}\
table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #ccc;padding:4px 8px}\
a{color:#0b57d0}@media print{body{font-size:12pt}article{max-width:none;padding:0}a{color:inherit}}";

/// One self-contained HTML file: inline CSS, a metadata header, the sanitized article, no
/// script and no external resource but the article's own images.
pub fn to_html_page(article: &Article, url: Option<&str>) -> String {
    let mut s = String::from("<!doctype html>\n<html");
    for (k, v) in [("lang", &article.lang), ("dir", &article.dir)] {
        if let Some(v) = v {
            s.push_str(&format!(" {k}=\""));
            escape_into(v, true, &mut s);
            s.push('"');
        }
    }
    s.push_str(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n");
    s.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src * data:; style-src 'unsafe-inline'\">\n<title>");
    escape_into(article.title.as_deref().unwrap_or("Article"), false, &mut s);
    s.push_str("</title>\n<style>");
    s.push_str(SAVED_CSS);
    s.push_str("</style>\n</head>\n<body>\n<article>\n<header>\n");
    if let Some(site) = &article.site_name {
        s.push_str("<p>");
        escape_into(site, false, &mut s);
        s.push_str("</p>\n");
    }
    if let Some(t) = &article.title {
        s.push_str("<h1>");
        escape_into(t, false, &mut s);
        s.push_str("</h1>\n");
    }
    let mut line = Vec::new();
    if let Some(b) = &article.byline {
        line.push(b.clone());
    }
    if let Some(p) = &article.published_time {
        line.push(p.clone());
    }
    if !line.is_empty() {
        s.push_str("<p>");
        escape_into(&line.join(" · "), false, &mut s);
        s.push_str("</p>\n");
    }
    if let Some(u) = article.canonical_url.as_deref().or(url) {
        if crate::url::Url::parse(u).is_some_and(|p| matches!(p.scheme(), "http" | "https")) {
            s.push_str("<p><a href=\"");
            escape_into(u, true, &mut s);
            s.push_str("\">");
            escape_into(u, false, &mut s);
            s.push_str("</a></p>\n");
        }
    }
    s.push_str("</header>\n");
    s.push_str(&article.content_html());
    s.push_str("\n</article>\n</body>\n</html>\n");
    s
}

/// Plain text: the title, a byline line, then the paragraphs separated by blank lines.
pub fn to_text(article: &Article) -> String {
    let mut s = String::new();
    if let Some(t) = &article.title {
        s.push_str(t);
        s.push_str("\n\n");
    }
    let mut line = Vec::new();
    if let Some(b) = &article.byline {
        line.push(b.as_str());
    }
    if let Some(p) = &article.published_time {
        line.push(p.as_str());
    }
    if !line.is_empty() {
        s.push_str(&line.join(" · "));
        s.push_str("\n\n");
    }
    s.push_str(&article.text());
    s.push('\n');
    s
}
