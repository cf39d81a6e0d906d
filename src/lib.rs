//! Baca pulls the article out of a web page: the main text with its headings, lists, figures,
//! tables and code, plus its metadata, without the ads, promos, teasers and navigation around
//! it.
//!
//! It is the core of the Baca browser extension (compiled to WebAssembly, fed the live DOM
//! through [`snapshot`]) and of the `baca` command line tool (fed HTML through [`parse`]).
//! The extraction works on its own arena DOM ([`dom`]), never recurses on the depth of the
//! page, and hands the article out as an allowlisted tree ([`article`]), never as page HTML.
//!
//! ```
//! let html = r#"<html lang="en"><head><title>Rain returns - The Ledger</title></head><body>
//!   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Rain returns</h1>
//!   <p>After four dry months, steady rain fell across the valley on Tuesday, filling the
//!   reservoirs that farmers had watched shrink since spring, and the mood in town lifted.</p>
//!   <p>The water board said the levels were still below normal, but that the forecast for the
//!   coming weeks promised more of the same, which would let the restrictions end soon.</p>
//!   <p>Growers who had delayed planting said they would start again next week, once the soil
//!   had dried enough for the machines to get onto the fields without sinking in the mud.</p>
//!   </article><footer>© The Ledger</footer></body></html>"#;
//! # #[cfg(feature = "native")] {
//! let options = baca::Options { url: Some("https://ledger.example/rain".into()), ..Default::default() };
//! let article = baca::extract(html, &options).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Rain returns"));
//! assert!(article.text().starts_with("After four dry months"));
//! assert!(!article.text().contains("Home"));
//! # }
//! ```

pub mod article;
pub mod dom;
pub mod formats;
pub mod markdown;
mod error;
#[cfg(feature = "native")]
pub mod eval;
pub mod extract;
#[cfg(feature = "native")]
pub mod parse;
pub mod snapshot;
pub mod text;
pub mod url;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use article::Article;
pub use error::Error;

/// Extraction options. The defaults are defined here once; the extension asks the wasm module
/// for them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Options {
    /// The page's URL, used to resolve relative links and images.
    pub url: Option<String>,
    /// Pages with more nodes than this are refused with [`Error::TooLarge`].
    pub max_nodes: usize,
    /// HTML input longer than this (bytes) is refused with [`Error::TooLarge`].
    pub max_bytes: usize,
    /// Minimum number of characters of text an article must have.
    pub char_threshold: usize,
    /// Refuse ([`Error::NoArticle`]) a page that does not look like an article and whose text is
    /// shorter than `char_threshold`, instead of returning that fragment. Readers want the
    /// refusal (the CLI's `extract`, the extension); evaluations against Readability.js, which
    /// returns the fragment, leave it off.
    pub reject_unreaderable: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { url: None, max_nodes: 1_000_000, max_bytes: 32 << 20, char_threshold: 500, reject_unreaderable: false }
    }
}

/// Parses `html` with html5ever and extracts its article.
#[cfg(feature = "native")]
pub fn extract(html: &str, options: &Options) -> Result<Article, Error> {
    if html.trim().is_empty() {
        return Err(Error::EmptyInput);
    }
    if html.len() > options.max_bytes {
        return Err(Error::TooLarge { size: html.len(), limit: options.max_bytes });
    }
    let head = &html.as_bytes()[..html.len().min(4096)];
    if head.iter().filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b)).count() > head.len() / 20 {
        return Err(Error::NotHtml);
    }
    extract_document(parse::parse_html(html), options)
}

/// Extracts the article from a live-DOM snapshot (see [`snapshot`]).
pub fn extract_snapshot(snapshot: &str, options: &Options) -> Result<Article, Error> {
    if snapshot.is_empty() {
        return Err(Error::EmptyInput);
    }
    if snapshot.len() > options.max_bytes {
        return Err(Error::TooLarge { size: snapshot.len(), limit: options.max_bytes });
    }
    extract_document(snapshot::decode(snapshot), options)
}

/// Extracts the article from a document built by either front-end.
pub fn extract_document(doc: dom::Document, options: &Options) -> Result<Article, Error> {
    if doc.len() > options.max_nodes {
        return Err(Error::TooLarge { size: doc.len(), limit: options.max_nodes });
    }
    let base = options.url.as_deref().and_then(url::Url::parse);
    extract::run(doc, base.as_ref(), options)
}
