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

/// [`NEGATIVE`] words that name components rather than boilerplate (`media-block`,
/// `product-widget`, `node--promoted`, `post-meta`): a long, link-poor block named only with
/// these is prose and is not removed for its name by conditional cleaning.
pub const WEAK_NEGATIVE: &[&str] = &["media", "widget", "promo", "meta", "scroll", "shopping"];

/// Parts of a class word holding `hidden` that say the element is *not* hidden on a desktop
/// screen: something inside it is (`overflow-hidden`, `field--label-hidden`,
/// `scrollbar-hidden`), or it is hidden only on small screens or in print (`hidden-xs`,
/// `elementor-hidden-mobile`, `print:hidden`, `max-md:hidden`). Such words are not the
/// [`NEGATIVE`] word `hidden`.
pub const NEUTRAL_HIDDEN_PARTS: &[&str] = &["overflow", "label", "scroll", "mobile", "tablet", "phone", "print", "hidden-xs", "hidden-sm", "max-"];

/// Whether a lowercased class word contains `hidden` only in a [`NEUTRAL_HIDDEN_PARTS`] sense.
fn is_neutral_hidden(w: &str) -> bool {
    w.contains("hidden") && NEUTRAL_HIDDEN_PARTS.iter().any(|p| w.contains(p))
}

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

/// Clutter tokens that say how a block is placed, not what it is: on a heading they mean it
/// sticks while its section scrolls (`anchorWithStickyNavbar`), it stays a heading.
pub const PLACEMENT_TOKENS: &[&str] = &["sticky"];

/// Whole lowercased labels of a button that closes a popup, dialog or banner.
pub const CLOSE_LABELS: &[&str] = &["close", "dismiss", "×", "✕", "✖", "x", "close dialog", "close modal", "close banner", "schließen", "fermer", "cerrar", "chiudi", "fechar", "tutup", "закрыть", "关闭", "閉じる"];

/// First words of a button label that shows or hides part of the page ("Show child
/// attributes", "Hide details", "Expand all"): a disclosure toggle, not a form control.
pub const DISCLOSURE_VERBS: &[&str] = &["show", "hide", "expand", "collapse", "toggle", "afficher", "masquer", "mostrar", "ocultar", "anzeigen", "ausblenden", "mostra", "nascondi"];
/// Second words after a [`DISCLOSURE_VERBS`] word that make a truncation toggle ("Show
/// more", "Show less", "Expand all"): widgets (comment threads, question lists) have them
/// as often as content, so they do not make a box content.
pub const TRUNCATION_WORDS: &[&str] = &["more", "less", "all", "plus", "moins", "más", "menos", "mehr", "weniger", "altro", "tutto"];

/// Tokens that, in one class/id word together with `author` or `authors`, name an author
/// box (`about-author`, `author-bio`, `author_box`, `authorInfo`, `author-card`): the
/// writer's description at the edge of an article, not its text. Matched as a widget.
pub const AUTHOR_BOX_PARTS: &[&str] = &["about", "bio", "box", "info", "card", "profile", "details", "description", "desc"];

/// Whether one class/id word (no spaces) names an author box ([`AUTHOR_BOX_PARTS`]).
pub fn is_author_box_word(w: &str) -> bool {
    let (mut author, mut part) = (false, false);
    any_token(w, |t| {
        author |= t == "author" || t == "authors";
        part |= AUTHOR_BOX_PARTS.contains(&t);
        author && part
    })
}

/// Whole lowercased texts of a heading that introduces the writer's bio at the end of an
/// article ("About the author"); with "Written by Jane Doe" lines, near the end of the
/// article the line and the short bio after it are removed.
pub const AUTHOR_SIGNOFF_HEADINGS: &[&str] = &["about the author", "about the writer", "meet the author", "author bio", "about the authors"];

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

/// Bit flags of what an element's `class` and `id` say against the lists above; computed once
/// per element of the page ([`Signals`]) and shared by every phase and retry.
pub mod sig {
    /// `class + " " + id` contains an [`super::UNLIKELY`] word…
    pub const UNLIKELY: u16 = 1 << 0;
    /// … or a [`super::MAYBE`] word.
    pub const MAYBE: u16 = 1 << 1;
    /// … or a [`super::BYLINE`] word.
    pub const BYLINE: u16 = 1 << 2;
    /// `class` alone has a negative / positive word (Readability weighs class and id apart).
    pub const CLASS_NEG: u16 = 1 << 3;
    pub const CLASS_POS: u16 = 1 << 4;
    /// `id` alone has a negative / positive word.
    pub const ID_NEG: u16 = 1 << 5;
    pub const ID_POS: u16 = 1 << 6;
    /// A whole token of class or id is in [`super::AD_TOKENS`].
    pub const AD_TOKEN: u16 = 1 << 7;
    /// A whole token of class or id is in [`super::CLUTTER_TOKENS`].
    pub const CLUTTER_TOKEN: u16 = 1 << 8;
    /// `share`/`sharedaddy` as a word of class or id ([`super::is_share_match`]).
    pub const SHARE: u16 = 1 << 9;
    /// A whole token of class or id is in [`super::TOC_TOKENS`].
    pub const TOC: u16 = 1 << 10;
}

/// The [`sig`] flags of one element. `buf` is scratch space.
pub fn element_signals(e: &crate::dom::Element, buf: &mut String) -> u16 {
    signals_of(e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""), buf)
}

/// [`element_signals`] of a `class` and an `id` value: each attribute's flags on their own,
/// OR-ed (no list word or token holds a space, so nothing matches across the two; checked
/// against the joint reading in the tests).
fn signals_of(class: &str, id: &str, buf: &mut String) -> u16 {
    attr_signals(class, sig::CLASS_NEG, sig::CLASS_POS, buf) | attr_signals(id, sig::ID_NEG, sig::ID_POS, buf)
}

/// The flags one `class` or `id` value gives, `nb`/`pb` being its negative/positive flags.
fn attr_signals(v: &str, nb: u16, pb: u16, buf: &mut String) -> u16 {
    if v.is_empty() {
        return 0;
    }
    let idx = word_index();
    let mut bits = 0u16;
    let l = lower_into(v, buf);
    let mut found = idx.scan(l);
    if found & NEG != 0 && l.split_ascii_whitespace().any(is_neutral_hidden) {
        // Rescan without the words that only say a part is hidden, or hidden elsewhere.
        let kept: String = l.split_ascii_whitespace().filter(|w| !is_neutral_hidden(w)).collect::<Vec<_>>().join(" ");
        found = (found & !NEG) | (idx.scan(&kept) & NEG);
    }
    if found & NEG != 0 || l.split_ascii_whitespace().any(|t| NEGATIVE_TOKENS.contains(&t)) {
        bits |= nb;
    }
    if found & POS != 0 {
        bits |= pb;
    }
    for (b, bit) in [(UNL, sig::UNLIKELY), (MAY, sig::MAYBE), (BYL, sig::BYLINE)] {
        if found & b != 0 {
            bits |= bit;
        }
    }
    if is_share_match(l) {
        bits |= sig::SHARE;
    }
    let (ad, clutter) = token_sets();
    any_token(v, |t| {
        if ad.binary_search(&t).is_ok() {
            bits |= sig::AD_TOKEN;
        }
        if clutter.binary_search(&t).is_ok() {
            bits |= sig::CLUTTER_TOKEN;
        }
        if TOC_TOKENS.contains(&t) {
            bits |= sig::TOC;
        }
        false
    });
    if v.split_ascii_whitespace().any(is_author_box_word) {
        bits |= sig::CLUTTER_TOKEN;
    }
    bits
}

/// [`element_signals`] of a page's elements, by node index, computed on first use (most
/// elements are never asked about) and kept for every later phase and retry.
pub struct Signals {
    /// `COMPUTED | flags`, or 0 when not computed yet.
    bits: Vec<std::cell::Cell<u16>>,
    /// Lowercasing buffer reused by every computation.
    buf: std::cell::RefCell<String>,
    /// Flags of each distinct `class` value: pages repeat the same class lists on many
    /// elements (ids are unique, so they are read each time).
    memo: std::cell::RefCell<std::collections::HashMap<Box<str>, u16>>,
}

const COMPUTED: u16 = 1 << 15;

impl Signals {
    pub fn new(doc: &crate::dom::Document) -> Signals {
        Signals { bits: vec![std::cell::Cell::new(0); doc.len()], buf: Default::default(), memo: Default::default() }
    }

    /// [`element_signals`] of `e`, its class part once per distinct class value.
    fn memoized(&self, e: &crate::dom::Element) -> u16 {
        let (class, id) = (e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
        let buf = &mut *self.buf.borrow_mut();
        let by_id = attr_signals(id, sig::ID_NEG, sig::ID_POS, buf);
        if class.is_empty() {
            return by_id;
        }
        if let Some(&b) = self.memo.borrow().get(class) {
            return b | by_id;
        }
        let b = attr_signals(class, sig::CLASS_NEG, sig::CLASS_POS, buf);
        self.memo.borrow_mut().insert(class.into(), b);
        b | by_id
    }

    /// Whether element `id` has every flag in `mask`.
    pub fn has(&self, doc: &crate::dom::Document, id: crate::dom::NodeId, mask: u16) -> bool {
        // The id of a document section made from its heading's words
        // (`respond-to-review-comments`) is an anchor, not a name for the block: it does not
        // make the block unlikely or a widget (Readability's class weights still read it).
        let compute = || {
            doc.element(id).map_or(0, |e| {
                let all = self.memoized(e);
                let by_name = sig::UNLIKELY | sig::MAYBE | sig::AD_TOKEN | sig::CLUTTER_TOKEN | sig::SHARE;
                if all & by_name == 0 || !e.has_attr("id") || !super::docs::id_is_heading_anchor(doc, id) {
                    return all;
                }
                let class_only = signals_of(e.attr("class").unwrap_or(""), "", &mut self.buf.borrow_mut());
                (all & !by_name) | (class_only & by_name)
            })
        };
        let b = match self.bits.get(id.index()) {
            Some(c) if c.get() & COMPUTED != 0 => c.get(),
            Some(c) => {
                let b = compute() | COMPUTED;
                c.set(b);
                b
            }
            // Nodes created after the table: not cached.
            None => compute(),
        };
        b & mask == mask
    }
}

/// Several word lists for [`contains_any`]-style matching in one scan: words indexed by first
/// byte, each with the bit of every list it belongs to.
struct WordIndex {
    by_first: Vec<Vec<(&'static [u8], u8)>>,
}

impl WordIndex {
    fn new(lists: &[&'static [&'static str]]) -> WordIndex {
        let mut by_first: Vec<Vec<(&'static [u8], u8)>> = vec![Vec::new(); 256];
        for (bit, list) in lists.iter().enumerate() {
            for w in list.iter() {
                let slot = &mut by_first[w.as_bytes()[0] as usize];
                match slot.iter_mut().find(|(x, _)| *x == w.as_bytes()) {
                    Some((_, m)) => *m |= 1 << bit,
                    None => slot.push((w.as_bytes(), 1 << bit)),
                }
            }
        }
        WordIndex { by_first }
    }

    /// Bit `i` set when `hay` contains a word of list `i` (each bit answers [`contains_any`]).
    fn scan(&self, hay: &str) -> u8 {
        let h = hay.as_bytes();
        let mut found = 0u8;
        for i in 0..h.len() {
            for &(w, m) in &self.by_first[h[i] as usize] {
                if found & m != m && h.len() - i >= w.len() && w.iter().zip(&h[i..]).all(|(a, b)| a == b) {
                    found |= m;
                }
            }
        }
        found
    }
}

/// Bits of [`WordIndex::scan`] for the lists of [`element_signals`].
const NEG: u8 = 1;
const POS: u8 = 2;
const UNL: u8 = 4;
const MAY: u8 = 8;
const BYL: u8 = 16;

/// The substring lists used by [`element_signals`], indexed once per process.
fn word_index() -> &'static WordIndex {
    static I: std::sync::OnceLock<WordIndex> = std::sync::OnceLock::new();
    I.get_or_init(|| WordIndex::new(&[NEGATIVE, POSITIVE, UNLIKELY, MAYBE, BYLINE]))
}

/// [`AD_TOKENS`] and [`CLUTTER_TOKENS`] sorted for binary search, built once per process.
fn token_sets() -> &'static (Vec<&'static str>, Vec<&'static str>) {
    static S: std::sync::OnceLock<(Vec<&'static str>, Vec<&'static str>)> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let sorted = |l: &[&'static str]| {
            let mut v = l.to_vec();
            v.sort_unstable();
            v
        };
        (sorted(AD_TOKENS), sorted(CLUTTER_TOKENS))
    })
}

/// Readability's `shareElements`: `share`/`sharedaddy` as a word of the lowercased
/// `class + " " + id`.
pub fn is_share_match(ms: &str) -> bool {
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

/// Lowercase ASCII `s` into `buf` (reused) and return it.
pub fn lower_into<'a>(s: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return buf;
    }
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
    let mut buf = String::new();
    let css = |w: &str| w.bytes().any(|b| matches!(b, b':' | b'[' | b'(' | b'/' | b'@' | b'&' | b'='));
    s.split_ascii_whitespace().filter(|w| !css(w)).any(|w| any_token_word(strip_module_hash(w), &mut buf, &mut f))
}

/// A class word without its CSS-modules build hash (`table_root__adKqa`,
/// `anchorWithStickyNavbar_LWe7`): a last `_`-separated part of 4–8 letters and digits that
/// mixes an uppercase letter with lowercase letters or digits is generated, not a name, and its
/// camelCase humps would read as words (`ad`).
fn strip_module_hash(w: &str) -> &str {
    let Some(i) = w.rfind('_') else { return w };
    let (head, hash) = (w[..i].trim_end_matches('_'), &w[i + 1..]);
    let generated = (4..=8).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_alphanumeric())
        && hash.bytes().any(|b| b.is_ascii_uppercase())
        && hash.bytes().any(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if generated && !head.is_empty() {
        head
    } else {
        w
    }
}

fn any_token_word(s: &str, buf: &mut String, f: &mut impl FnMut(&str) -> bool) -> bool {
    buf.clear();
    let mut prev_lower = false;
    for c in s.chars() {
        // ASCII first: class names are nearly always ASCII (same answers, no table lookups).
        let (alnum, upper, lower) = if c.is_ascii() {
            (c.is_ascii_alphanumeric(), c.is_ascii_uppercase(), c.is_ascii_lowercase())
        } else {
            (c.is_alphanumeric(), c.is_uppercase(), c.is_lowercase())
        };
        if alnum {
            if upper && prev_lower && !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
            prev_lower = lower || c.is_ascii_digit();
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                buf.extend(c.to_lowercase());
            }
        } else {
            prev_lower = false;
            if !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
        }
    }
    !buf.is_empty() && f(buf)
}

/// Whether any whole token of `s` is in `list`.
pub fn has_token(s: &str, list: &[&str]) -> bool {
    any_token(s, |t| list.contains(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_box_words() {
        for w in ["about_author", "author-bio", "authorInfo", "c-authors-article__about-title", "author_box"] {
            assert!(is_author_box_word(w), "{w}");
        }
        for w in ["author", "c-meta__author", "post-author-name", "infobox", "authoring"] {
            assert!(!is_author_box_word(w), "{w}");
        }
    }

    #[test]
    fn word_index_matches_contains_any() {
        let hays = ["", "x", "article-body", "site-header menu", "com-ment", "-ad-slot", "sidebar_left", "ünïcode-menu", "byline", "ab", "main-content author"];
        let lists = [NEGATIVE, POSITIVE, UNLIKELY, MAYBE, BYLINE];
        let idx = WordIndex::new(&lists);
        for h in hays {
            let found = idx.scan(h);
            for (i, list) in lists.iter().enumerate() {
                assert_eq!(found & (1 << i) != 0, contains_any(h, list), "{h:?} list {i}");
            }
        }
        assert!(lists.iter().all(|l| l.iter().all(|w| !w.contains(' '))), "a word with a space breaks the class/id split");
    }

    /// The char-by-char tokenizer the ASCII fast path of [`any_token`] must agree with.
    fn naive_tokens(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for w in s.split_ascii_whitespace().filter(|w| !w.contains([':', '[', '(', '/', '@', '&', '='])) {
            let (mut buf, mut prev_lower) = (String::new(), false);
            for c in w.chars() {
                if c.is_alphanumeric() {
                    if c.is_uppercase() && prev_lower && !buf.is_empty() {
                        out.push(std::mem::take(&mut buf));
                    }
                    prev_lower = c.is_lowercase() || c.is_ascii_digit();
                    buf.extend(c.to_lowercase());
                } else {
                    prev_lower = false;
                    if !buf.is_empty() {
                        out.push(std::mem::take(&mut buf));
                    }
                }
            }
            if !buf.is_empty() {
                out.push(buf);
            }
        }
        out
    }

    #[test]
    fn fast_paths_match_naive_ones() {
        let samples = ["", "adSlot top", "div-gpt-ad-1234-0", "XMLHttp fooBAR a1B2", "Ünïcode-Menü ÉtéX", "md:flex w-[3px] share_box", "ΣΊΣΥΦΟΣ İstanbul", "a__b--C", "x9Y z"];
        for s in samples {
            let mut got = Vec::new();
            any_token(s, |t| {
                got.push(t.to_owned());
                false
            });
            assert_eq!(got, naive_tokens(s), "{s:?}");
            let naive: String = s.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lower_into(s, &mut String::new()), naive, "{s:?}");
        }
    }

    #[test]
    fn hidden_only_inside_or_elsewhere_is_not_negative() {
        let bits = |class: &str| {
            let mut e = crate::dom::Element::new("div");
            e.set_attr("class", class.to_owned());
            element_signals(&e, &mut String::new())
        };
        for c in ["grid overflow-hidden", "field field--label-hidden", "hidden-xs", "elementor-hidden-mobile", "print:hidden"] {
            assert_eq!(bits(c) & sig::CLASS_NEG, 0, "{c}");
        }
        for c in ["hidden", "is-hidden", "overflow-hidden sidebar", "md:hidden"] {
            assert_ne!(bits(c) & sig::CLASS_NEG, 0, "{c}");
        }
    }

    /// The joint reading of `class + " " + id` that [`signals_of`] splits per attribute.
    fn joint_signals(class: &str, id: &str) -> u16 {
        let mut buf = String::new();
        let mut bits = 0u16;
        let mut words = 0u8;
        for (v, nb, pb) in [(class, sig::CLASS_NEG, sig::CLASS_POS), (id, sig::ID_NEG, sig::ID_POS)] {
            if v.is_empty() {
                continue;
            }
            let l = lower_into(v, &mut buf).to_owned();
            let mut found = word_index().scan(&l);
            if found & NEG != 0 && l.split_ascii_whitespace().any(is_neutral_hidden) {
                let kept: String = l.split_ascii_whitespace().filter(|w| !is_neutral_hidden(w)).collect::<Vec<_>>().join(" ");
                found = (found & !NEG) | (word_index().scan(&kept) & NEG);
            }
            words |= found;
            if found & NEG != 0 || l.split_ascii_whitespace().any(|t| NEGATIVE_TOKENS.contains(&t)) {
                bits |= nb;
            }
            if found & POS != 0 {
                bits |= pb;
            }
        }
        for (b, bit) in [(UNL, sig::UNLIKELY), (MAY, sig::MAYBE), (BYL, sig::BYLINE)] {
            if words & b != 0 {
                bits |= bit;
            }
        }
        let ci = if id.is_empty() { class.to_owned() } else { format!("{class} {id}") };
        let (ad, clutter) = token_sets();
        any_token(&ci, |t| {
            bits |= if ad.binary_search(&t).is_ok() { sig::AD_TOKEN } else { 0 };
            bits |= if clutter.binary_search(&t).is_ok() { sig::CLUTTER_TOKEN } else { 0 };
            bits |= if TOC_TOKENS.contains(&t) { sig::TOC } else { 0 };
            false
        });
        if is_share_match(&lower_into(&ci, &mut buf).to_owned()) {
            bits |= sig::SHARE;
        }
        bits
    }

    #[test]
    fn per_attribute_signals_match_the_joint_reading() {
        let values = ["", "share", "x", "article-body main", "sidebar widget", "adSlot", "overflow-hidden comment", "byline author", "Share-Tools", "post_abcD1", "hidden-xs promo", "sharedaddy", "md:flex"];
        for c in values {
            for i in values {
                assert_eq!(signals_of(c, i, &mut String::new()), joint_signals(c, i), "class {c:?} id {i:?}");
            }
        }
    }

    #[test]
    fn tokens_are_whole() {
        assert!(has_token("div-gpt-ad-1234-0", AD_TOKENS));
        assert!(has_token("adSlot top", AD_TOKENS));
        assert!(!has_token("header download read__content shadow", AD_TOKENS));
        assert!(has_token("social--share-top", CLUTTER_TOKENS));
        // CSS-modules hashes are not words; the names before them still count.
        assert!(!has_token("mdx-table_root__adKqa", AD_TOKENS));
        assert!(!has_token("content_adFq9", AD_TOKENS));
        assert!(has_token("share_bar__x7Kq2", CLUTTER_TOKENS));
        assert!(has_token("promo_Box", CLUTTER_TOKENS));
    }
}

/// Class/id tokens that mark a promo box even inside the article region (clean-page labels).
pub const PROMO_TOKENS: &[&str] = &["promo", "promos", "promotion", "promotions", "promoted"];

// ---- Forum threads ([`super::forum`]) ----

/// Class/id/itemprop/data-role tokens naming one post of a forum or Q&A thread (phpBB `post`,
/// XenForo `message`, Discourse `topic-post`, Invision `ipsComment`, vBulletin `postbit`,
/// Stack Exchange `answer`, comment trees): a run of sibling elements named so is a thread.
pub const FORUM_POST_TOKENS: &[&str] = &[
    "post", "posts", "postbit", "postcontainer", "message", "reply", "answer", "comment", "question", "msg", "entry",
];

/// schema.org itemtypes of one post of a thread.
pub const FORUM_POST_TYPES: &[&str] = &["Comment", "Answer", "Question", "DiscussionForumPosting", "SocialMediaPosting", "UserComments"];

/// Class/id tokens of per-post chrome removed from a thread's posts: action and reaction
/// bars, vote and report controls, menus and pop-ups.
pub const FORUM_CHROME_TOKENS: &[&str] = &[
    "actions", "actionbar", "controls", "toolbar", "reactions", "reaction", "likes", "share", "report", "menu",
    "dropdown", "modal", "popup", "popupbody", "tooltip", "avatar", "badge", "badges", "buttons", "votecell", "voting", "vote",
    "taglist",
];

/// Class/id tokens of the poster's name inside a post: such an element is never per-post chrome
/// by its other class tokens (GameFAQs `name menu_toggle`).
pub const FORUM_NAME_TOKENS: &[&str] = &["name", "username", "author", "poster", "nickname"];

/// Whole texts or `aria-label`s (lowercased) of a post's own reply button: a run of sibling
/// blocks each holding one is a thread even when its class names are generated hashes.
pub const FORUM_REPLY_LABELS: &[&str] = &[
    "reply", "reply to post", "reply to this post", "reply to comment", "reply to this comment", "reply with quote",
    "quote reply",
];

/// Units of a relative post time ("3 hours ago"), singular: such a stamp alone is post chrome.
pub const TIME_UNITS: &[&str] = &["second", "sec", "minute", "min", "hour", "hr", "day", "week", "month", "year", "yr"];

/// Last path segments of a post part's `component`/`data-role` name (NodeBB `post/parent`) for
/// the preview or link of the post a reply answers: it repeats that post.
pub const FORUM_REPLY_TO_PARTS: &[&str] = &["parent", "parent-post", "in-reply-to"];

/// Parts of class/id names (lowercased, `-`/`_` dropped) of per-post chrome in forum software:
/// signatures, the poster's title, rank and stats, quote expanders, post controls, and labels
/// shown to screen readers only (`visually-hidden`, `sr-only`: "Offline", "last edited by"), and
/// the phone-only copy of the poster's pane (Invision `ipsResponsive_showPhone`, `desktop-hide`).
pub const FORUM_CHROME_PARTS: &[&str] = &[
    "signature", "usertitle", "userstats", "userextras", "userbanner", "userinfoextra", "userrank", "expandlink",
    "postcontrols", "reactionsbar", "profilejoined", "profileposts", "profilecustomfield", "authorstatistics", "visuallyhidden", "sronly",
    "screenreader", "showphone", "desktophide", "hidedesktop", "mobileonly",
];

/// Whole texts of per-post buttons, links and badges (lowercased: the poster's online status, "original
/// poster"): removed from a thread's posts.
pub const FORUM_ACTION_LABELS: &[&str] = &[
    "click to expand...", "click to expand", "click to shrink...", "reply with quote", "reply", "quote", "multiquote",
    "multi-quote", "report", "report post", "like", "likes", "share", "view profile", "view forum posts",
    "view forum threads", "send private message", "permalink", "link", "flag", "upvote", "downvote", "vote",
    "wrote on", "+ quote", "quote reply", "reply quote", "mark as solution", "go to post", "expand", "collapse", "reactions:", "embed",
    "save", "parent", "give award", "[–]", "[+]", "[-]", "top", "back to top", "select all", "code: select all", "online",
    "offline", "original poster", "original post",
];

/// Labels that start a poster's stats line ("Joined: Oct 2023", "Posts: 1,234") or a post's
/// edit notice ("Last edited: Jul 5, 2024"): such short lines are removed from a thread's posts.
pub const FORUM_STAT_LABELS: &[&str] = &[
    "joined", "join date", "posts", "messages", "reaction score", "location", "likes received", "points", "reputation",
    "member since", "trophy points", "solutions", "karma", "registered", "total posts", "threads", "last edited",
];

/// Words of a link's href (path segments, query words) leading to a user's profile
/// (XenForo `/members/`, Invision `/profile/`, Discourse `/u/`, phpBB `viewprofile`, vBulletin
/// `member.php`): such a link in a post's header is the author's name.
pub const PROFILE_URL_TOKENS: &[&str] = &["members", "member", "user", "users", "u", "profile", "profiles", "viewprofile", "memberlist"];

/// Utility classes that hide an element (Bootstrap `d-none`, `hidden`, `is-hidden`): inside a
/// thread's post, such an element is not shown (machine timestamps, duplicate copies).
pub const HIDDEN_CLASSES: &[&str] = &["d-none", "hidden", "is-hidden", "u-hidden", "hide", "invisible"];

/// Class/id tokens of a user's avatar picture (its link to the profile is not the name).
pub const AVATAR_TOKENS: &[&str] = &["avatar", "userpic", "photo"];

/// JSON-LD `@type`s of a discussion or Q&A page: its threads are the main content.
pub const FORUM_PAGE_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage"];

/// `og:type` values of a discussion page.
pub const FORUM_OG_TYPES: &[&str] = &["forum", "discussion", "qa"];

/// `og:type` values of an article page: a run of comments under it is not the main content.
pub const ARTICLE_OG_TYPES: &[&str] = &["article", "blog", "news"];

/// Class/id tokens of a question or answer post in a Q&A thread.
pub const QA_POST_TOKENS: &[&str] = &["question", "answer", "acceptedanswer", "suggestedanswer"];

/// Class/id tokens of the comment list under a Q&A post (not part of the question or answer).
pub const QA_COMMENT_TOKENS: &[&str] = &["comments", "comment"];

/// Class/id tokens of a block quoting another post inside a forum post (XenForo
/// `bbCodeBlock--quote`, Invision `ipsQuote`, vBulletin `bbcode_quote`, phpBB `uncited`).
pub const FORUM_QUOTE_TOKENS: &[&str] = &["quote", "quotes", "uncited", "blockquote", "quotecontainer"];

/// Class/id tokens naming a post's own body, which is never a quote block even when marked up
/// as a blockquote or named "select to quote".
pub const FORUM_BODY_TOKENS: &[&str] = &["message", "post", "postcontent", "body", "content", "text", "select", "messagetext"];

// --- Documentation pages ---

/// Class tokens of a link styled as a button ("Get it on Hugging Face", "Try it"): a block
/// holding only such links is a call-to-action row, not text. Used by
/// [`super::clutter::clean_article`].
pub const BUTTON_LINK_TOKENS: &[&str] = &["button", "btn"];

/// Class tokens of a documentation admonition (Sphinx, MkDocs, Docusaurus `admonition`): a
/// note, tip or warning box that is part of the text however short or link-dense. Used by
/// [`super::clean`]'s conditional cleaning.
pub const ADMONITION_TOKENS: &[&str] = &["admonition"];

/// Class/id tokens of a table of contents (DocBook's `div.toc`, Sphinx's `toctree-wrapper`).
/// One whose links lead to other pages is a chapter or section index page's content, kept by
/// [`super::clean`]'s conditional cleaning; one of in-page `#` links is the page's own outline.
/// On a heading whose id is its words (`h3.hide-from-toc#hello-world`) they say how the
/// outline lists it: not a widget ([`super::clutter::clean_article`]).
pub const TOC_TOKENS: &[&str] = &["toc", "toctree"];

/// Labels that open an admonition box as its first element (`<strong>Warning</strong> …` in
/// a wiki's template box, `<p class="title">Note</p>`), lowercased, without a trailing ':'.
pub const ADMONITION_LABELS: &[&str] = &["note", "warning", "tip", "important", "caution", "danger", "hint", "attention", "see also"];

/// Entity and tag names that a slug generator working on a heading's source markup leaves in
/// the id (`composecolonbr-build-…` for `Compose&colon;<br> Build …`): skipped, alone or
/// glued after a word, when an id is compared with its heading's words
/// ([`super::docs::is_toc_target`]).
pub const SLUG_MARKUP_WORDS: &[&str] = &[
    "amp", "apos", "br", "colon", "comma", "gt", "hellip", "ldquo", "lsquo", "lt", "mdash", "nbsp", "ndash", "period",
    "quot", "rdquo", "rsquo", "semi",
];
