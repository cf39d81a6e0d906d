//! The one error type of the crate.

use std::fmt;

/// Why an extraction produced no article. [`Error::code`] is stable and machine-readable: the
/// extension and the CLI's JSON output use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input was empty (or only whitespace).
    EmptyInput,
    /// The input does not look like HTML (binary data, for example).
    NotHtml,
    /// The page is larger than the limit given in the options.
    TooLarge { size: usize, limit: usize },
    /// No content worth reading was found.
    NoArticle,
}

impl Error {
    /// A stable code: `empty-input`, `not-html`, `too-large`, `no-article`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyInput => "empty-input",
            Error::NotHtml => "not-html",
            Error::TooLarge { .. } => "too-large",
            Error::NoArticle => "no-article",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::EmptyInput => write!(f, "the page is empty"),
            Error::NotHtml => write!(f, "the input is not an html page"),
            Error::TooLarge { size, limit } => {
                write!(f, "the page is too large ({size} units, limit {limit})")
            }
            Error::NoArticle => write!(f, "no article was found on this page"),
        }
    }
}

impl std::error::Error for Error {}
