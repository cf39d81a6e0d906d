//! The extraction pipeline (first pass): metadata from the head, the densest block of
//! paragraphs as the article.

use crate::article::{sanitize, Article};
use crate::dom::{Document, NodeData, NodeId};
use crate::url::Url;
use crate::{Error, Options};

pub fn run(doc: Document, base: Option<&Url>, options: &Options) -> Result<Article, Error> {
    let mut article = Article::default();
    let mut title = None;
    for id in doc.descendants(doc.root()) {
        let Some(e) = doc.element(id) else { continue };
        match &*e.name {
            "title" if title.is_none() => title = Some(crate::text::normalize_ws(&doc.text_content(id))),
            "meta" => {
                let key = e.attr("property").or(e.attr("name")).unwrap_or("");
                let val = e.attr("content").map(crate::text::normalize_ws);
                match key {
                    "og:title" => article.title = val,
                    "og:site_name" => article.site_name = val,
                    "author" => article.byline = val,
                    "article:published_time" => article.published_time = val,
                    "description" | "og:description" => article.excerpt = article.excerpt.take().or(val),
                    _ => {}
                }
            }
            "html" => {
                article.lang = e.attr("lang").map(str::to_owned);
                article.dir = e.attr("dir").map(str::to_owned);
            }
            _ => {}
        }
    }
    if article.title.is_none() {
        article.title = title;
    }
    // Score each element by the text of its direct <p> children.
    let mut score = vec![0usize; doc.len()];
    for id in doc.descendants(doc.root()) {
        if doc.is_tag(id, "p") {
            let len = doc.text_content(id).trim().len();
            if let Some(p) = doc.parent(id) {
                score[p.index()] += len;
            }
        }
    }
    let best: Option<NodeId> = (0..doc.len())
        .filter(|&i| score[i] > 0)
        .max_by_key(|&i| score[i])
        .map(|i| doc.descendants(doc.root()).find(|d| d.index() == i).unwrap());
    let best = best.ok_or(Error::NoArticle)?;
    if score[best.index()] < options.char_threshold {
        return Err(Error::NoArticle);
    }
    let _ = NodeData::Comment;
    article.readerable = true;
    article.content = sanitize(&doc, best, base);
    Ok(article)
}
