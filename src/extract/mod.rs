//! The extraction pipeline, as a flat list of named phases:
//!
//! 0. [`metadata::read`] and [`readerable::is_probably_readerable`] on the page as parsed;
//! 1. [`prep`]: noscript image fallbacks, streamed segments moved to their placeholders,
//!    scripts/styles/hidden nodes removed, `<br>` chains to paragraphs, `font` to `span`;
//!    [`clutter::RepeatIndex`] counts the page's repeated blocks;
//! 2. [`score::grab_article`]: Readability-style candidate scoring and sibling merging;
//! 3. [`clutter::clean_article`]: structural clutter inside the article (repeated blocks,
//!    inline teasers, ad slots, link-dense card lists, form boxes, share/newsletter widgets);
//! 4. [`clean::prep_article`]: Readability's conditional cleaning of the chosen content;
//! 5. retry with looser rules while the text is shorter than `char_threshold`;
//! 5b. [`forum`]: a thread of sibling posts found on the prepared page replaces that result
//!    when the result holds little outside the posts (one post, a title, chrome);
//! 6. [`crate::article::sanitize`] builds the allowlisted tree.
//!
//! [`classify`] labels the page's blocks (main content, ads, repeated widgets, chrome) by
//! element ordinal for the extension's "clean page" mode.

pub mod classify;
pub mod clean;
pub mod clutter;
pub mod forum;
pub mod docs;
pub mod lexicon;
pub mod metadata;
pub mod prep;
pub mod readerable;
pub mod score;
pub mod util;

pub use classify::{classify, BlockKind, BlockLabel};

use crate::article::{sanitize, Article};
use crate::dom::{Document, NodeId};
use crate::url::Url;
use crate::{Error, Options};

use score::{Ctx, Flags};

/// The looser rule sets tried in turn when the article is too short.
const ATTEMPTS: [Flags; 4] = [
    Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true },
    Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true },
    Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true },
    Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false },
];

/// The outcome of the content phases on a working copy of the page.
pub(crate) struct Extracted {
    pub doc: Document,
    pub container: NodeId,
    pub ctx: Ctx,
    pub text_len: usize,
}

/// Phases 1–5 on `doc`: the working document with the article container.
pub(crate) fn extract_content(mut doc: Document, md: &metadata::Metadata, options: &Options) -> Option<Extracted> {
    let declared = forum::declared_kind(&doc);
    prep::unwrap_noscript_images(&mut doc);
    prep::place_streamed_segments(&mut doc);
    // Text node measures, read once and shared by every phase and attempt.
    let texts = std::rc::Rc::new(util::TextTable::new(&doc));
    prep::remove_invisible(&mut doc, &texts);
    let body = doc.body()?;
    prep::replace_brs(&mut doc, body);
    prep::replace_fonts(&mut doc, body);
    let repeats = clutter::RepeatIndex::build(&doc, body, &texts);
    let sig = std::rc::Rc::new(lexicon::Signals::new(&doc));
    let thread = forum::find_thread(&doc, body, &util::TextStats::new(&doc, body, &texts));
    let mut best: Option<Extracted> = None;
    for flags in ATTEMPTS {
        let mut d = doc.clone();
        let mut ctx = Ctx::new(flags, md.title.clone(), d.len(), sig.clone());
        ctx.have_byline = md.byline.is_some();
        ctx.texts = texts.clone();
        let Some(container) = score::grab_article(&mut d, &mut ctx) else { continue };
        clutter::clean_article(&mut d, container, &repeats, &ctx);
        clean::prep_article(&mut d, container, &mut ctx);
        let text_len = ctx.texts.inner_text_measure(&d, container).0;
        let done = text_len >= options.char_threshold;
        if best.as_ref().is_none_or(|b| text_len > b.text_len) {
            best = Some(Extracted { doc: d, container, ctx, text_len });
        }
        if done {
            break;
        }
    }
    // A forum or Q&A thread replaces the regular result when that found little outside it.
    if let Some(t) = &thread {
        let split = forum::Split::of(&doc, t, best.as_ref().map(|b| (&b.doc, b.container)), &texts);
        if forum::takes_over(declared, t, &split) {
            // The page itself is not needed after this: the thread is built on it, no copy.
            let mut d = doc;
            let ctx = Ctx::new(ATTEMPTS[0], md.title.clone(), d.len(), sig.clone());
            let container = forum::build(&mut d, t, &sig, &texts);
            let text_len = texts.inner_text_measure(&d, container).0;
            return Some(Extracted { doc: d, container, ctx, text_len });
        }
    }
    best
}

/// Runs the pipeline on a parsed page.
pub fn run(doc: Document, base: Option<&Url>, options: &Options) -> Result<Article, Error> {
    let md = metadata::read(&doc);
    let readerable = readerable::is_probably_readerable(&doc);
    let ex = extract_content(doc, &md, options).ok_or(Error::NoArticle)?;
    // Nothing to read, or a short text on a page that does not look like an article (a home
    // page, a login wall): the reader says so instead of showing a fragment.
    if ex.text_len == 0 || (options.reject_unreaderable && !readerable && ex.text_len < options.char_threshold) {
        return Err(Error::NoArticle);
    }
    let content = sanitize(&ex.doc, ex.container, base);
    let mut article = Article {
        title: md.title,
        byline: md.byline.or(ex.ctx.byline.clone().filter(|b| !b.is_empty())),
        published_time: md.published_time,
        site_name: md.site_name,
        lang: md.lang,
        dir: ex.ctx.dir.clone().or(md.dir),
        excerpt: md.excerpt,
        lead_image: md.lead_image.and_then(|u| match base {
            Some(b) => b.join(&u).map(|x| x.as_str().to_owned()),
            None => Some(u),
        }),
        canonical_url: md.canonical_url.and_then(|u| match base {
            Some(b) => b.join(&u).map(|x| x.as_str().to_owned()),
            None => Some(u),
        }),
        readerable,
        content,
    };
    if article.excerpt.is_none() {
        let d = &article.content;
        article.excerpt = d.find_tag(d.root(), "p").map(|p| d.text_content(p).trim().to_owned()).filter(|s| !s.is_empty());
    }
    Ok(article)
}
