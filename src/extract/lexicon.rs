//! Every keyword list the extraction uses, in one place, each with what it is for.
//!
//! Two kinds of class/id matching exist:
//! - *substring* lists ([`UNLIKELY`], [`MAYBE`], [`POSITIVE`], [`NEGATIVE`], [`BYLINE`]) are
//!   Readability.js's regexes, matched case-insensitively inside `class + " " + id`. Their words
//!   are long enough not to hit unrelated names;
//! - *token* lists ([`CLUTTER_TOKENS`], [`AD_TOKENS`]) are matched against whole tokens of
//!   class and id, split on anything that is not a letter or digit and on camelCase humps,
//!   so `ad` matches `ad-slot` and `div-gpt-ad-1` but never `header`, `download` or
//!   `read__content`.

/// Readability `unlikelyCandidates`: blocks dropped before scoring unless [`MAYBE`] also matches.
pub const UNLIKELY: &[&str] = &[
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus",
    "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
    "pagination", "pager", "popup", "yom-remote",
];

/// Readability `okMaybeItsACandidate`: rescues an [`UNLIKELY`] match.
pub const MAYBE: &[&str] = &["and", "article", "body", "column", "content", "main", "mathjax", "shadow"];

/// Readability `positive`: +25 class weight.
pub const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
    "blog", "story",
];

/// Readability `negative`: -25 class weight (plus the whole token `hid`, see [`NEGATIVE_TOKENS`]).
pub const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
    "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags", "widget",
];

/// Whole space-separated tokens with negative weight (Readability's `^hid$| hid |…`).
pub const NEGATIVE_TOKENS: &[&str] = &["hid"];

/// Readability `byline`: class/id of the author line.
pub const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// ARIA roles removed before scoring (Readability `UNLIKELY_ROLES`).
pub const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

/// Tags whose elements are scored as paragraphs (Readability `DEFAULT_TAGS_TO_SCORE`).
pub const TAGS_TO_SCORE: &[&str] = &["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"];

/// Block tags that stop a `div` from becoming a `p` (Readability `DIV_TO_P_ELEMS`).
pub const DIV_TO_P_ELEMS: &[&str] = &["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"];

/// Phrasing elements (Readability `PHRASING_ELEMS`); `a`, `del`, `ins` are phrasing when
/// their content is.
pub const PHRASING_ELEMS: &[&str] = &[
    "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em", "embed", "i",
    "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
    "ruby", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time", "var",
    "wbr",
];

/// Sibling tags kept as they are when merged into the article (Readability `ALTER_TO_DIV_EXCEPTIONS`).
pub const ALTER_TO_DIV_EXCEPTIONS: &[&str] = &["div", "article", "section", "p", "ol", "ul"];

/// Substrings of embed URLs that mark an allowed video (Readability `videos`).
pub const VIDEO_HOSTS: &[&str] = &[
    "//www.dailymotion.com", "//dailymotion.com", "//www.youtube.com", "//youtube.com", "//www.youtube-nocookie.com",
    "//youtube-nocookie.com", "//player.vimeo.com", "//v.qq.com", "//www.bilibili.com", "//bilibili.com",
    "//live.bilibili.com", "//archive.org", "//www.archive.org", "//upload.wikimedia.org", "//player.twitch.tv",
];

/// Whole texts of a block that are only an ad label or a loading spinner (Readability `adWords`,
/// `loadingWords`, plus Indonesian/other labels), compared lowercased.
pub const AD_OR_LOADING_TEXTS: &[&str] = &[
    "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告", "реклама", "anuncio",
    "iklan", "anzeige", "publicidade", "pubblicità", "close ads", "scroll to continue with content",
    "loading", "loading…", "loading...", "正在加载", "загрузка", "chargement", "cargando", "memuat",
];

/// Class/id tokens of blocks that are clutter inside an article: ads, promos, share bars,
/// newsletter/login/subscribe prompts, related-content lists (whole-token match).
pub const CLUTTER_TOKENS: &[&str] = &[
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "adsense",
    "sponsored", "sponsor", "gpt", "dfp", "promo", "promotion", "share", "sharing", "sharebar", "social",
    "newsletter", "newsletters", "subscribe", "subscription", "signup", "login", "paywall", "related",
    "teaser", "teasers", "outbrain", "taboola", "recommended", "recommendations", "popular", "trending",
    "cookie", "cookies", "consent", "cmp", "gdpr", "sticky", "donate", "banner", "breadcrumb",
    "breadcrumbs", "tags", "comments", "disqus", "rating", "toolbar", "bio", "skip", "toc",
    "disclosure", "disclaimer",
];

/// Class/id tokens that mark advertising specifically (for [`super::classify::classify`]).
pub const AD_TOKENS: &[&str] = &[
    "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "adsense",
    "sponsored", "gpt", "dfp", "outbrain", "taboola",
];

/// Hosts (suffix match) of ad networks whose iframes and scripts are ad slots.
pub const AD_HOSTS: &[&str] = &[
    "doubleclick.net", "googlesyndication.com", "googleadservices.com", "adnxs.com", "amazon-adsystem.com",
    "criteo.com", "criteo.net", "taboola.com", "outbrain.com", "adform.net", "pubmatic.com", "rubiconproject.com",
    "openx.net", "smartadserver.com", "adsrvr.org", "moatads.com", "yieldmo.com", "teads.tv", "ads.example",
];

/// Standard IAB ad sizes (width, height) marking an ad slot.
pub const AD_SIZES: &[(u32, u32)] = &[
    (300, 250), (728, 90), (320, 50), (160, 600), (300, 600), (970, 250), (970, 90), (336, 280), (320, 100),
    (468, 60), (120, 600),
];

/// Labels that introduce an inline "read also" teaser (`label: <a>title</a>`), lowercased,
/// without the trailing colon. Language-neutral detection also accepts any short label ending
/// in ':'; this list adds labels written without a colon.
pub const TEASER_LABELS: &[&str] = &[
    "baca juga", "baca pula", "simak juga", "lihat juga", "read more", "read also", "see also", "related",
    "also read", "more", "recommended", "related article", "related articles", "related story",
    "related stories", "lesen sie auch", "mehr zum thema", "auch interessant", "lire aussi",
    "à lire aussi", "a lire aussi", "voir aussi", "leia também", "leia mais", "veja também", "lea también",
    "lee también", "ver también", "leggi anche", "vedi anche", "lees ook", "czytaj też", "czytaj także",
    "читайте также", "اقرأ أيضا", "اقرأ أيضاً", "devamını oku", "ayrıca okuyun", "đọc thêm", "xem thêm",
];

/// Short texts of share / login / subscribe prompts (lowercased prefixes).
pub const PROMPT_PREFIXES: &[&str] = &[
    "share this", "share on", "share article", "bagikan", "teilen", "partager", "compartilhe", "compartir",
    "condividi", "sign up for", "subscribe to", "subscribe for", "login untuk", "masuk untuk", "log in to",
    "sign in to", "follow us", "ikuti kami", "gabung", "join our", "get our newsletter",
];

/// Elements whose whole subtree is never content.
pub const ALWAYS_REMOVE_TAGS: &[&str] = &["script", "style", "template", "noscript"];

/// Class/id/itemprop tokens of a post in a forum or Q&A thread: when the top candidate sits in
/// one of several same-kind sibling posts, the whole thread is taken.
pub const POST_TOKENS: &[&str] = &[
    "post", "posts", "message", "messages", "reply", "replies", "answer", "answers", "comment", "comments",
    "topic", "thread", "crawler", "cooked", "postbody", "question", "entry", "text", "acceptedanswer",
    "suggestedanswer", "discussion", "msg", "forum",
];

/// Tags that make a page-level block "chrome" for [`super::classify::classify`].
pub const CHROME_TAGS: &[&str] = &["nav", "footer", "header", "aside"];

/// JSON-LD `@type`s that describe an article (Readability `jsonLdArticleTypes`).
pub const JSONLD_ARTICLE_TYPES: &[&str] = &[
    "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
    "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
    "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference",
];

/// Title separators between the article title and the site name (with surrounding spaces).
pub const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " :: ", " · "];

/// Lowercase ASCII `s` into `buf` (reused) and return it.
pub fn lower_into<'a>(s: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    for c in s.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    buf
}

/// Whether the lowercased `hay` contains any of `words`.
pub fn contains_any(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hay.contains(w))
}

/// Calls `f` on each whole token of a class/id string: split on non-alphanumerics and on
/// lower→upper case humps, lowercased. Utility-class words (`print:hidden`, `w-[3px]`,
/// `md:flex`) are skipped: their parts are CSS, not names. Stops early when `f` returns true;
/// returns whether it did.
pub fn any_token(s: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    s.split_ascii_whitespace().filter(|w| !w.contains([':', '[', '(', '/', '@', '&', '='])).any(|w| any_token_word(w, &mut f))
}

fn any_token_word(s: &str, f: &mut impl FnMut(&str) -> bool) -> bool {
    let mut buf = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !buf.is_empty() {
                if f(&buf) {
                    return true;
                }
                buf.clear();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            buf.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !buf.is_empty() {
                if f(&buf) {
                    return true;
                }
                buf.clear();
            }
        }
    }
    !buf.is_empty() && f(&buf)
}

/// Whether any whole token of `s` is in `list`.
pub fn has_token(s: &str, list: &[&str]) -> bool {
    any_token(s, |t| list.contains(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_whole() {
        assert!(has_token("div-gpt-ad-1234-0", AD_TOKENS));
        assert!(has_token("adSlot top", AD_TOKENS));
        assert!(!has_token("header download read__content shadow", AD_TOKENS));
        assert!(has_token("social--share-top", CLUTTER_TOKENS));
    }
}

/// Class/id tokens that mark a promo box even inside the article region (clean-page labels).
pub const PROMO_TOKENS: &[&str] = &["promo", "promos", "promotion", "promotions", "promoted"];
