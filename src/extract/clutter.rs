//! Structural clutter detection: what Readability's scoring lets through inside the article, and
//! the block labels the extension uses to hide ads and widgets on the live page.
//!
//! Rules (all language-neutral, the lexicon only adds labels):
//! - *repeated blocks*: a block whose normalised text also appears elsewhere on the page
//!   (promos, widgets); inside the article only the first of several copies stays;
//! - *inline teasers*: `label: <a>title</a>` blocks (short label ending in ':' or a
//!   [`TEASER_LABELS`] label, then mostly one link), and a bare label followed by a link list;
//! - *ad slots*: `div-gpt-ad-*` ids, [`AD_TOKENS`] class/id tokens, ad-network iframes, IAB sizes;
//! - *widgets*: [`CLUTTER_TOKENS`] class/id tokens (share bars, newsletter, login, related…).
//!
//! No rule removes a block holding a large share of the article's text.

use std::collections::HashMap;

use crate::dom::{Document, Edge, NodeData, NodeId};

use super::lexicon::{self, AD_HOSTS, AD_SIZES, TEASER_LABELS};
use super::util::{has_descendant_where, has_text, inner_text, inner_text_len, link_density, style_prop, Pruner, TextTable};

/// Text length range of blocks considered for repetition.
const REPEAT_MIN: usize = 15;
const REPEAT_MAX: usize = 400;
/// A rule may not remove a block holding more than this share of the article's text.
const MAX_SHARE: f64 = 0.25;
/// Share of the article's text in lists from which sectioned link lists are an index page's
/// content rather than related-content blocks.
const INDEX_LIST_SHARE: f64 = 0.5;
/// … and the article's link density from which it is an index page (a listicle or a long
/// how-to is mostly lists too, but of prose).
const INDEX_LINK_DENSITY: f64 = 0.35;
/// Repeated-block removal is skipped when it would take more than this share of the text
/// (the page probably shows the article twice).
const MAX_REPEAT_SHARE: f64 = 0.35;
/// Distinct repeated blocks from which the article is taken to be shown twice.
const TWICE_MIN_DISTINCT: usize = 3;
/// Lists whose items have at most this many words on average are label lists, not teasers.
const LABEL_LIST_MAX_WORDS: usize = 4;
/// Largest text (chars) of a box around a form that is removed with it.
const FORM_BOX_MAX: usize = 400;

fn is_inline(tag: &str) -> bool {
    lexicon::PHRASING_ELEMS.contains(&tag) || matches!(tag, "a" | "del" | "ins" | "font" | "u" | "s" | "strike" | "tt" | "big")
}

#[cfg(test)]
pub(crate) fn hash_text(s: &str) -> u64 {
    super::util::hash_piece(s).0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn naive_hash(s: &str) -> u64 {
        let mut h: u64 = 0;
        for c in s.chars().flat_map(char::to_lowercase) {
            if c.is_whitespace() {
                continue;
            }
            let mut b = [0u8; 4];
            for &x in c.encode_utf8(&mut b).as_bytes() {
                h = h.wrapping_mul(crate::extract::util::HASH_BASE).wrapping_add(x as u64);
            }
        }
        h
    }

    /// The extracted text of a page whose article is `body` between two long paragraphs.
    pub(crate) fn article_text(body: &str) -> String {
        let para = "This is a sentence of the article, long enough to be scored as a paragraph of prose. ".repeat(4);
        let html = format!("<html><body><nav><a href=/>Home</a></nav><article><p>Opening. {para}</p>{body}<p>Closing. {para}</p></article></body></html>");
        crate::extract(&html, &crate::Options::default()).map(|a| a.text()).unwrap_or_default()
    }

    #[test]
    fn author_signoff_at_the_end_is_removed() {
        let t = article_text("");
        assert!(t.contains("Closing."), "{t}");
        let bio = "<h3>Written by Jane Doe</h3><p>Jane Doe is a finance writer who helps people, with an MBA, and her work has been published widely.</p>";
        let para = "This is a sentence of the article, long enough to be scored as a paragraph of prose. ".repeat(4);
        let html = format!("<html><body><article><p>Opening. {para}</p><p>Closing. {para}</p>{bio}</article></body></html>");
        let t = crate::extract(&html, &crate::Options::default()).unwrap().text();
        assert!(t.contains("Closing.") && !t.contains("Written by") && !t.contains("finance writer"), "{t}");
        // Mid-article, the same words are text.
        let t = article_text("<p>Written by hand, the letters were slow to arrive.</p>");
        assert!(t.contains("Written by hand"), "{t}");
    }

    #[test]
    fn author_box_is_removed() {
        let t = article_text("<div class=about_author><div class=about_author_caption>About the Author</div><p>Jane Doe is a freelance writer and researcher. Besides this site, she has written articles for education companies, travel magazines, and newspapers, and she also published a book on learning, teaching, and schools.</p></div>");
        assert!(!t.contains("About the Author") && !t.contains("freelance writer"), "{t}");
        assert!(t.contains("Closing."), "{t}");
    }

    #[test]
    fn check_boxes_and_toggles_are_not_form_boxes() {
        let t = article_text("<ul><li><input type=checkbox disabled> Book the venue early</li><li><input type=checkbox disabled> Order the cake</li></ul>");
        assert!(t.contains("Book the venue early"), "{t}");
        let t = article_text("<div><button aria-expanded=true>How long?</button><div><p>About two weeks.</p></div></div>");
        assert!(t.contains("About two weeks."), "{t}");
        // A button labelled with what it shows is a toggle too (the box of an API
        // reference's attribute with its description).
        let t = article_text("<div><p>Billing information associated with the payment.</p><div><button>Show child attributes</button></div></div>");
        assert!(t.contains("Billing information"), "{t}");
        // "Show more" truncates a widget's list: its box goes as before.
        let t = article_text("<div><p>Top questions about the subject</p><button>Show more</button></div>");
        assert!(!t.contains("Top questions"), "{t}");
        // A sign-up box still goes.
        let t = article_text("<div><p>Get our weekly letter</p><form><input type=email><button>Sign up</button></form></div>");
        assert!(!t.contains("weekly letter"), "{t}");
    }

    #[test]
    fn article_shown_twice_is_kept_once() {
        let copy: String = ["first", "second", "third", "fourth"].iter().map(|w| format!("<p>The {w} paragraph of the story, with enough words in it to be a paragraph, and then some more words so that a copy is long.</p>")).collect();
        let t = article_text(&format!("<div class=tab>{copy}</div><div class=tab>{copy}</div>"));
        for w in ["first", "second", "third", "fourth"] {
            assert_eq!(t.matches(&format!("The {w} paragraph")).count(), 1, "{t}");
        }
        // Two paragraphs said again (filler text) are not a second copy: all stay.
        let p: String = ["one", "two"].iter().map(|w| format!("<p>Filler paragraph {w}. {}</p>", "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(3))).collect();
        let t = article_text(&format!("{p}{p}"));
        assert_eq!(t.matches("Filler paragraph one").count(), 2, "{t}");
    }

    /// Paragraphs of article text around `inner`, extracted to plain text.
    /// The text extracted from a page of `n` distinct prose paragraphs followed by `tail`.
    fn prose_then(n: usize, tail: &str) -> String {
        let body: String = (1..=n).map(|i| format!("<p>Paragraph {i} of the guide explains one part of the subject, with enough words to be read as prose.</p>")).collect();
        let html = format!("<html><body><div class=main>{body}{tail}</div></body></html>");
        crate::extract(&html, &crate::Options::default()).unwrap().text()
    }

    #[test]
    fn steps_written_as_sentences_around_links_are_no_card_list() {
        let step = |what: &str, url: &str| format!("<li><a href={url}>Install {what}</a>.</li>");
        let list = format!(
            "<ul>{}{}<li>Download the <a href=/sdk>SDK</a> jar file with all dependencies:<ol><li>Open the <a href=/repo>repository</a>.</li><li>Click the latest version.</li></ol></li>{}</ul>",
            step("the Java Development Kit", "/jdk"),
            step("and set up the tunnel", "/tunnel"),
            step("the IDE Community Edition", "/ide")
        );
        let t = prose_then(8, &list);
        assert!(t.contains("Install the IDE Community Edition"), "{t}");
        // Headlines without punctuation of their own are still a card list.
        let cards: String = ["Council votes on the budget", "Bridge reopens after repairs", "Team wins the final", "Storm closes schools"].iter().map(|h| format!("<li><a href=/n>{h}</a></li>")).collect();
        let t = prose_then(8, &format!("<ul>{cards}</ul>"));
        assert!(!t.contains("Bridge reopens"), "{t}");
    }

    #[test]
    fn a_list_of_labelled_entries_is_no_teaser_list() {
        // Each item says who wrote the linked work: a list of entries, not "Read also:" teasers.
        let entry = |who: &str, what: &str| format!("<li><p>{who}: <a href=/p/{what}.pdf>{what} of latent variable models</a></p></li>");
        let list = format!("<h4>Student projects</h4><ul>{}{}{}{}</ul>", entry("Ann Lee", "Learning"), entry("Bo Chen, Cy Park", "Sampling"), entry("Di Wu", "Rounding"), entry("Ed Roy", "Training"));
        let t = prose_then(8, &list);
        assert!(t.contains("Bo Chen, Cy Park: Sampling"), "{t}");
        // One stock label on every item is a teaser list still.
        let teasers: String = ["Learning", "Sampling", "Rounding", "Training"].iter().map(|w| entry("Read also", w)).collect();
        let t = prose_then(8, &format!("<ul>{teasers}</ul>"));
        assert!(!t.contains("Sampling of latent"), "{t}");
    }

    fn extract_with(inner: &str) -> String {
        let para = "<p>The configuration file is read once at start-up, and every key in it overrides the default value, which keeps the setup easy to follow for new readers.</p>";
        let html = format!("<html><body><div class=main>{para}{para}{inner}{para}{para}</div></body></html>");
        crate::extract(&html, &crate::Options::default()).unwrap().text()
    }

    #[test]
    fn a_button_beside_a_heading_takes_its_own_box() {
        // A section header: heading, permalink, and a feedback button beside it.
        let t = extract_with("<div><div><h2 id=setup>Complete the setup</h2><a href=#setup>#</a></div><div><button type=button>Rate this section</button></div></div><p>Install the command-line tool, sign in with your account, and create a project before you go on.</p>");
        assert!(t.contains("Complete the setup"), "{t}");
        assert!(!t.contains("Rate this section"), "{t}");
        // A popup with a close button goes whole, heading and all.
        let t = extract_with("<div><button class=closebutton>Close</button><h2>Make us your home page</h2><ol><li>Open the settings.</li><li>Type our address.</li></ol></div>");
        assert!(!t.contains("Make us your home page") && !t.contains("Open the settings"), "{t}");
    }

    #[test]
    fn tab_sets_of_link_lists_are_content() {
        let panel = |lang: &str| format!("<div role=tabpanel><ul><li><a href=/{lang}>Install {lang}</a></li><li><a href=/ngrok>Install and set up ngrok</a></li><li><a href=/sdk-{lang}>The {lang} SDK</a></li></ul></div>");
        let tabs = format!("<div role=tablist><button role=tab aria-controls=p1>Python</button><button role=tab aria-controls=p2>Ruby</button><button role=tab aria-controls=p3>Go</button></div><div>{}{}{}</div>", panel("Python"), panel("Ruby"), panel("Go"));
        let t = extract_with(&format!("<h2>Before you start</h2><div>{tabs}</div>"));
        for lang in ["Python", "Ruby", "Go"] {
            assert!(t.contains(&format!("Install {lang}")), "{t}");
        }
        // The same link lists without tab panels are a card list.
        let cards = format!("<div>{}{}{}</div>", panel("Python"), panel("Ruby"), panel("Go")).replace(" role=tabpanel", "");
        let t = extract_with(&cards);
        assert!(!t.contains("Install Ruby"), "{t}");
    }

    #[test]
    fn link_lists_with_code_are_steps() {
        let steps = |code: &str| format!("<ul><li><a href=/python>Install Python (link takes you to an external page)</a>.</li><li><a href=/ngrok>Install and set up ngrok (link takes you to an external page)</a>.</li><li>Install <a href=/flask>Flask (link takes you to an external page)</a>{code}</li></ul>");
        let t = extract_with(&steps("<pre>pip install flask</pre>"));
        assert!(t.contains("Install and set up ngrok"), "{t}");
        // The same list without code is a card list.
        let t = extract_with(&steps(""));
        assert!(!t.contains("Install and set up ngrok"), "{t}");
    }

    #[test]
    fn sectioned_link_lists_are_an_index_pages_content() {
        let list = |topic: &str| format!("<h2>{topic}</h2><ul><li><a href=/a>{topic}: the first guide that everyone should read</a> by Ann</li><li><a href=/b>{topic}: second guide, on what to measure first</a></li><li><a href=/c>{topic}: a third guide, with worked examples</a></li><li><a href=/d>{topic}: the fourth one, for experts only</a></li></ul>");
        let sections: String = ["Hardware", "Maintenance", "Tuning", "Monitoring"].iter().map(|t| list(t)).collect();
        let page = format!("<html><body><nav><a href=/>Home</a></nav><div id=content><h1>Performance</h1><p>Pages about performance, collected by the community, with the guides below.</p>{sections}</div><footer>(c) wiki</footer></body></html>");
        let t = crate::extract(&page, &crate::Options::default()).unwrap().text();
        assert!(t.contains("Maintenance: second guide") && t.contains("Monitoring: the fourth one"), "{t}");
        // After a prose article, the same sections are related-content blocks.
        let t = prose_then(12, &sections);
        assert!(!t.contains("Maintenance: second guide"), "{t}");
    }

    #[test]
    fn a_permalinked_reference_section_is_content() {
        let refs = "<section id=references><h2>References<a class=headerlink href=#references>¶</a></h2><p>Ann Author, “The perfect patch”. &lt;<a href=https://example.org/tpp.txt>https://example.org/tpp.txt</a>&gt;</p><p>Bo Writer, “Patch format”. &lt;<a href=https://example.org/format.html>https://example.org/format.html</a>&gt;</p><p>Cy Editor, “Maintainers”. &lt;<a href=https://example.org/maintainers.html>https://example.org/maintainers.html</a>&gt;</p><p>Di Coder, “Style”. &lt;<a href=https://example.org/coding-style.html>https://example.org/coding-style.html</a>&gt;</p></section>";
        let page = |refs: &str| prose_then(10, refs);
        let t = page(refs);
        assert!(t.contains("The perfect patch") && t.contains("https://example.org/format.html"), "{t}");
        // The same link-dense block headed by a linked heading is a card list.
        let t = page(&refs.replace("<a class=headerlink href=#references>¶</a>", "<a href=/more>¶</a>"));
        assert!(!t.contains("https://example.org/format.html"), "{t}");
    }

    #[test]
    fn a_url_given_as_link_text_is_no_teaser_label() {
        let doc = crate::parse::parse_html("<p>&lt;<a href=https://example.org/a/b/c.txt>https://example.org/a/b/c.txt</a>&gt;</p>");
        let p = doc.find_tag(doc.root(), "p").unwrap();
        assert!(!is_teaser(&doc, p));
        let doc = crate::parse::parse_html("<p>Read more: <a href=/x>Ten ways to cook rice at home</a></p>");
        let p = doc.find_tag(doc.root(), "p").unwrap();
        assert!(is_teaser(&doc, p));
    }

    #[test]
    fn a_list_a_sentence_introduces_is_content() {
        let list = "<ul><li><a href=/a>Understand the journey of a model</a></li><li><a href=/b>Manage access control</a> for the machine learning service</li><li><a href=/c>Create and train models</a> including regression and clustering</li><li><a href=/d>Evaluate a trained model</a></li></ul>";
        let page = |intro: &str| prose_then(10, &format!("{intro}{list}"));
        let t = page("<p>Task guidance to help if you need to do the following:</p>");
        assert!(t.contains("Manage access control") && t.contains("Evaluate a trained model"), "{t}");
        // After a short label, the same list is a teaser list.
        let t = page("<p>See also:</p>");
        assert!(!t.contains("Manage access control"), "{t}");
    }

    #[test]
    fn buttons_on_code_and_headings_are_not_form_boxes() {
        let t = extract_with("<h2>Installing the tool<button>#</button></h2><div class=highlight><button>Copy</button><pre>cargo install sampletool</pre></div>");
        assert!(t.contains("Installing the tool"), "{t}");
        assert!(t.contains("cargo install sampletool"), "{t}");
        // A box around a lone button elsewhere still goes.
        let t = extract_with("<div><span>Get our daily letter</span><button>Sign me up</button></div>");
        assert!(!t.contains("daily letter"), "{t}");
    }

    #[test]
    fn first_copy_of_a_block_repeated_inside_stays() {
        let note = "<p>The currency is a three-letter ISO code, in lowercase.</p>";
        let paras: String = ["first", "second", "third", "fourth"].iter().map(|w| format!("<p>The {w} field of the charge object is read once when it is created, and each key overrides a default value.</p>")).collect();
        let t = article_text(&format!("{paras}<h3>amount</h3>{note}<h3>refund</h3>{note}"));
        assert_eq!(t.matches("three-letter ISO code").count(), 1, "{t}");
        // A list entry under its own heading belongs to each list that has it (a parameter
        // two methods share).
        let entry = format!("<li><h4>currency</h4>{note}</li>");
        let other = |name: &str| format!("<li><h4>{name}</h4><p>The {name} of the charge, set when it is created and read back in every answer about it, as the dashboard shows it too.</p></li>");
        let (a, b, c, d, e) = (other("amount"), other("description"), other("receipt email"), other("shipping"), other("status"));
        let t = article_text(&format!("{paras}<h3>Create a charge</h3><ul>{a}{entry}{b}{c}{e}</ul><h3>Update a charge</h3><ul>{entry}{d}{c}{e}{b}</ul>"));
        assert_eq!(t.matches("three-letter ISO code").count(), 2, "{t}");
        assert_eq!(t.matches("receipt email of the charge").count(), 2, "{t}");
        // In the panels of a tab set every copy stays: each panel is the whole guide for one
        // language.
        let panel = |lang: &str| format!("<div role=tabpanel><p>Install the {lang} library with the package manager of the language, then check the version it prints: the steps below need a recent release.</p><pre>install {lang}</pre>{note}<p>Send the first request from a {lang} script and read the answer that comes back: it holds the identifier of the new charge, its amount and its status, which stays pending until the bank confirms the payment a few seconds later, or fails when the card is declined by the bank that issued it.</p></div>");
        let t = article_text(&format!("{paras}<div>{}{}{}</div>", panel("python"), panel("ruby"), panel("go")));
        assert_eq!(t.matches("three-letter ISO code").count(), 3, "{t}");
    }

    #[test]
    fn header_rows_repeated_over_tables_stay() {
        // Every table of a reference repeats its column names: a header row names its table's
        // columns, it is no repeated widget.
        let row = |f: &str| format!("<tr><td>{f}</td><td>string</td><td>The {f} of the product, shown to buyers in search results and on the page of the product.</td></tr>");
        let table = |f: &str| format!("<table><thead><tr><th>Attribute</th><th>Data type</th><th>Description</th></tr></thead><tbody>{}{}{}{}{}{}</tbody></table>", row(f), row("id"), row("link"), row("color"), row("size"), row("gtin"));
        let paras: String = ["first", "second", "third"].iter().map(|w| format!("<p>The {w} group of fields of the product feed is described in the table below, with its type.</p>")).collect();
        let t = article_text(&format!("{paras}{}{}{}", table("title"), table("price"), table("brand")));
        assert_eq!(t.matches("Attribute Data type Description").count(), 3, "{t}");
    }

    #[test]
    fn labelled_sublists_of_an_outline_stay() {
        // A branch of an outline: an item's own label over its how-to links.
        let links = |t: &str| ["generate", "complete", "explain", "summarize"].iter().map(|v| format!("<li><a href=/{t}/{v}>{v} {t} code</a></li>")).collect::<String>();
        let t = article_text(&format!("<p>You can use the assistant to work with code in these languages, as the guides below show:</p><ul><li>SQL code assist<ul>{}</ul></li><li>Python code assist<ul>{}</ul></li></ul>", links("sql"), links("python")));
        assert!(t.contains("explain sql code") && t.contains("summarize python code"), "{t}");
        // The same links as an unlabelled list are a card list.
        let t = article_text(&format!("<ul>{}</ul>", links("sql")));
        assert!(!t.contains("explain sql code"), "{t}");
    }

    #[test]
    fn button_link_rows_are_removed() {
        let t = extract_with(r#"<p><a class="button" href="/hf">Get it on Hugging Face</a>
            <a class="button button-primary" href="/kaggle">Get it on Kaggle</a></p><p>See <a href="/guide">the guide</a> and <a class=btn href="/x">this</a> too.</p>"#);
        assert!(!t.contains("Hugging Face"), "{t}");
        // A link styled as a button inside a sentence stays.
        assert!(t.contains("the guide and this too"), "{t}");
    }

    #[test]
    fn headings_and_terms_are_not_widgets() {
        let t = extract_with(r#"<h2 id="sharing-state-between-components" class="heading">Sharing state between components</h2><dl><dt id="auth.LoginMiddleware">class LoginMiddleware</dt><dd><p>Redirects anonymous users.</p></dd></dl>"#);
        assert!(t.contains("Sharing state between components"), "{t}");
        assert!(t.contains("class LoginMiddleware"), "{t}");
        // The same tokens on a block still mark a widget.
        let t = extract_with(r#"<div class="share-tools">Share this page</div>"#);
        assert!(!t.contains("Share this page"), "{t}");
        // A `toc` class on a heading that its id names says how the outline lists it; on a
        // table of contents' title it marks the widget.
        let t = extract_with(r#"<h3 id="hello-world" class="hide-from-toc">Hello, world!</h3><p>Follow this introductory codelab to create an app.</p><h4 class="toc-title">Table of Contents</h4>"#);
        assert!(t.contains("Hello, world!"), "{t}");
        assert!(!t.contains("Table of Contents"), "{t}");
        // A heading that sticks below the navigation bar while its section scrolls is still
        // a heading; a sticky block is still a widget.
        let t = extract_with(r#"<h3 class="anchor anchorWithStickyNavbar_LWe7" id="meta-attributes">Meta attributes of the feed</h3><p>The engine can rank by these.</p><div class="sticky-bar">Get the app today</div>"#);
        assert!(t.contains("Meta attributes of the feed"), "{t}");
        assert!(!t.contains("Get the app today"), "{t}");
    }

    #[test]
    fn a_widget_name_on_the_documents_own_sections_is_styling() {
        let card = |title: &str, id: &str| format!(r#"<div><h3 id="{id}"><a href="/{id}">{title}</a></h3><p>Take the full course to learn how {title} works, one small app after another.</p><p>As you create a series of apps, you learn the basics of the language and the fundamentals of app development.</p></div>"#);
        let two = format!("{}{}", card("Start the basics course", "start-the-basics-course"), card("Browse learning resources", "browse-learning-resources"));
        let t = prose_then(20, &format!("<section class=android-promo>{two}</section>"));
        assert!(t.contains("Browse learning resources"), "{t}");
        // One outlined heading, or headings without such ids, leave a promo box.
        let one = card("Start the basics course", "start-the-basics-course");
        let t = prose_then(20, &format!("<section class=android-promo>{one}</section>"));
        assert!(!t.contains("Take the full course"), "{t}");
        let t = prose_then(20, &format!("<section class=android-promo>{}{}</section>", card("Start the basics course", "c1"), card("Browse learning resources", "c2")));
        assert!(!t.contains("Take the full course"), "{t}");
    }

    #[test]
    fn a_sections_grid_of_link_cards_stays() {
        let card = |name: &str| format!(r#"<a href="/auth-{name}"><div><div><img src="/{name}.svg"></div><div><h5>{name}</h5></div></div></a>"#);
        let grid: String = ["Apple", "Bitbucket", "Discord", "Figma"].iter().map(|n| card(n)).collect();
        let t = prose_then(8, &format!(r##"<h3 id="social-auth">Social Auth<a href="#social-auth">#</a></h3><div>{grid}</div>"##));
        assert!(t.contains("Bitbucket") && t.contains("Figma"), "{t}");
        let t = prose_then(8, &format!(r##"<h3>Social Auth</h3><div>{grid}</div>"##));
        assert!(!t.contains("Bitbucket"), "{t}");
    }

    #[test]
    fn outlines_of_other_pages_stay() {
        let branch = |page: &str| {
            let subs: String = ["initial data", "validation", "ordering and deletion"].iter().map(|t| format!("<li><a href=\"{page}/#{}\">{page} {t}</a></li>", t.replace(' ', "-"))).collect();
            format!("<li><a href=\"{page}/\">{page} guide</a><ul>{subs}</ul></li>")
        };
        let outline: String = ["formsets", "modelforms", "media"].iter().map(|p| branch(p)).collect();
        let t = prose_then(8, &format!("<h2>Further topics</h2><div class=wrapper><ul>{outline}</ul></div>"));
        assert!(t.contains("modelforms guide") && t.contains("media ordering and deletion"), "{t}");
        // The same links as a flat list are a card list.
        let flat: String = ["formsets", "modelforms", "media"].iter().map(|p| format!("<li><a href=\"{p}/\">{p} guide</a></li><li><a href=\"{p}/#v\">{p} validation</a></li>")).collect();
        let t = prose_then(8, &format!("<h2>Further topics</h2><div class=wrapper><ul>{flat}</ul></div>"));
        assert!(!t.contains("modelforms guide"), "{t}");
    }

    #[test]
    fn described_link_lists_stay() {
        let run = |topic: &str, intro: bool| {
            let p = if intro { format!("<p>A model that makes decisions about {topic} by asking a series of simple questions.</p>") } else { String::new() };
            format!("<h3>{topic}</h3>{p}<ul><li><a href=/{topic}/1>Introduction to {topic} models</a></li><li><a href=/{topic}/2>Training {topic} models in practice</a></li><li><a href=/{topic}/3>Evaluating {topic} models on held-out data</a></li></ul>")
        };
        let topics = ["regression", "trees", "clustering"];
        // A tutorial hub: each topic described, then its pages listed.
        let t = extract_with(&topics.iter().map(|x| run(x, true)).collect::<String>());
        assert!(t.contains("Evaluating trees models"), "{t}");
        // Link lists under bare headings are related-content blocks here.
        let t = extract_with(&topics.iter().map(|x| run(x, false)).collect::<String>());
        assert!(!t.contains("Evaluating trees models"), "{t}");
    }

    #[test]
    fn introduced_label_lists_stay() {
        let t = extract_with("<h3>Social providers</h3><ul><li><a href=/apple>Apple</a></li><li><a href=/github>GitHub</a></li><li><a href=/gitlab>GitLab</a></li><li><a href=/google>Google</a></li></ul>");
        assert!(t.contains("GitLab"), "{t}");
        // Headline lists and lists without an introduction still go.
        let t = extract_with("<h3>More stories</h3><ul><li><a href=/1>Council votes on the new budget for the city schools</a></li><li><a href=/2>Bridge on the east side reopens after two months of repairs</a></li><li><a href=/3>Local team wins the regional final after extra time</a></li></ul>");
        assert!(!t.contains("Bridge on the east side"), "{t}");
        let t = extract_with("<ul><li><a href=/s>Share</a></li><li><a href=/b>Bookmark</a></li><li><a href=/r>Report</a></li></ul>");
        assert!(!t.contains("Bookmark"), "{t}");
    }

    #[test]
    fn fast_hash_matches_naive() {
        for t in ["", "Baca juga: Sesuatu", " A\u{a0}B\tC ", "İstanbul ÇAĞ", "ΣΑΣ", "日本 語", "\u{2028}x\u{85}"] {
            assert_eq!(hash_text(t), naive_hash(t), "{t:?}");
        }
        let doc = crate::parse::parse_html("<p>Read <b>ALSO</b>: <a>thing</a>  here, İstanbul</p><p>x</p>");
        let p = doc.find_tag(doc.root(), "p").unwrap();
        let texts = TextTable::new(&doc);
        assert_eq!(hash_node(&doc, p, &texts), naive_hash(&doc.text_content(p)));
        // Twice through the table (the second time from its cache), and on a later node.
        assert_eq!(hash_node(&doc, p, &texts), naive_hash(&doc.text_content(p)));
        assert_eq!(hash_node(&doc, doc.root(), &texts), naive_hash(&doc.text_content(doc.root())));
    }
}

/// The [`super::util::HASH_BASE`] hash of the subtree's text content, from its text nodes' cached hashes.
pub(crate) fn hash_node(doc: &Document, id: NodeId, texts: &TextTable) -> u64 {
    let mut h = 0u64;
    for d in doc.descendants(id) {
        if let NodeData::Text(t) = doc.data(d) {
            let (th, pow) = texts.hash(d, t);
            h = h.wrapping_mul(pow).wrapping_add(th);
        }
    }
    h
}

/// Non-whitespace character count of every element's text, by node index (one pass).
pub(crate) fn text_lengths(doc: &Document, root: NodeId, texts: &TextTable) -> Vec<u32> {
    let mut len = vec![0u32; doc.len()];
    let mut stack: Vec<u32> = Vec::new();
    for e in doc.traverse(root) {
        match e {
            Edge::Open(id) => match doc.data(id) {
                NodeData::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        *top += texts.get(id, t).nonws;
                    }
                }
                NodeData::Element(_) | NodeData::Document => stack.push(0),
                _ => {}
            },
            Edge::Close(id) => {
                if matches!(doc.data(id), NodeData::Element(_) | NodeData::Document) {
                    let v = stack.pop().unwrap_or(0);
                    len[id.index()] = v;
                    if let Some(top) = stack.last_mut() {
                        *top += v;
                    }
                }
            }
        }
    }
    len
}

/// Blocks whose text length is in range and smaller than their parent's: one per distinct
/// text span (wrapper chains count once).
pub(crate) fn maximal_blocks(doc: &Document, root: NodeId, len: &[u32]) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        let Edge::Open(id) = e else { continue };
        let Some(tag) = doc.tag(id) else { continue };
        let l = len[id.index()] as usize;
        if l < REPEAT_MIN {
            walk.skip_children(id);
            continue;
        }
        if l > REPEAT_MAX || id == root {
            continue;
        }
        // Headings, table rows and header rows (every table of a reference repeats its column
        // names) and code are no widgets however often they repeat.
        if is_inline(tag) || matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "td" | "th" | "tr" | "thead" | "pre" | "code") {
            continue;
        }
        let parent_len = doc.parent(id).map(|p| len[p.index()]).unwrap_or(u32::MAX);
        if parent_len as usize > l {
            out.push(id);
            walk.skip_children(id);
        }
    }
    out
}

/// How many times each block text occurs on the page.
pub struct RepeatIndex {
    counts: HashMap<u64, u32>,
}

impl RepeatIndex {
    pub fn build(doc: &Document, body: NodeId, texts: &TextTable) -> RepeatIndex {
        let len = text_lengths(doc, body, texts);
        let mut counts = HashMap::new();
        for b in maximal_blocks(doc, body, &len) {
            *counts.entry(hash_node(doc, b, texts)).or_insert(0) += 1;
        }
        RepeatIndex { counts }
    }

    pub(crate) fn count(&self, h: u64) -> u32 {
        self.counts.get(&h).copied().unwrap_or(0)
    }
}

fn lower_label(s: &str) -> String {
    s.trim().trim_end_matches([':', '：', '»', '›', '>', '-', '–', '|']).trim().to_lowercase()
}

/// Text length (chars) of the links under `id`.
fn link_text_len(doc: &Document, id: NodeId) -> usize {
    doc.descendants(id).filter(|&d| doc.is_tag(d, "a")).map(|a| inner_text_len(doc, a)).sum()
}

/// Whether list `l` (with `n` items) holds short labels ([`LABEL_LIST_MAX_WORDS`] words per
/// item on average) and comes right after a heading or a text ending in ':', or opens a tab
/// panel (whose tab names it).
fn is_introduced_label_list(doc: &Document, l: NodeId, n: usize) -> bool {
    let Some(parent) = doc.parent(l) else { return false };
    let intro = match doc.prev_element_sibling(l) {
        None => doc.attr(parent, "role") == Some("tabpanel"),
        Some(prev) => match doc.tag(prev) {
            Some("h2" | "h3" | "h4" | "h5" | "h6") => true,
            Some("p" | "div") => inner_text(doc, prev).trim_end().ends_with([':', '：']),
            _ => false,
        },
    };
    intro && crate::text::tokens(&inner_text(doc, l)).count() <= LABEL_LIST_MAX_WORDS * n
}

/// Fewest words of a sentence that introduces a list (shorter ones are labels: "Read more:").
const INTRO_SENTENCE_MIN_WORDS: usize = 5;
/// Text (chars) outside links from which a list item says more than its link.
const ITEM_OWN_TEXT_MIN: f64 = 12.0;

/// Whether list `l` comes right after a paragraph of [`INTRO_SENTENCE_MIN_WORDS`]+ words ending
/// in ':', and at least a third of its items hold [`ITEM_OWN_TEXT_MIN`] chars outside links.
fn is_introduced_prose_list(doc: &Document, l: NodeId, kids: &[NodeId], stats: &super::util::TextStats) -> bool {
    let Some(prev) = doc.prev_element_sibling(l) else { return false };
    if !doc.is_tag(prev, "p") {
        return false;
    }
    let intro = inner_text(doc, prev);
    let intro = intro.trim_end();
    if !intro.ends_with([':', '：']) || crate::text::tokens(intro).count() < INTRO_SENTENCE_MIN_WORDS {
        return false;
    }
    let wordy = kids.iter().filter(|&&k| stats.len(k) as f64 * (1.0 - stats.link_density(k)) >= ITEM_OWN_TEXT_MIN).count();
    wordy * 3 >= kids.len()
}

/// Whether list `l` is nested in a list item that labels it with text of its own outside
/// links ("SQL code assist" over its how-to links): a branch of an outline, not a card list.
fn is_labelled_sublist(doc: &Document, l: NodeId, stats: &super::util::TextStats) -> bool {
    let Some(item) = doc.parent(l).filter(|&p| doc.is_tag(p, "li")) else { return false };
    let own = |id: NodeId| stats.len(id) as f64 * (1.0 - stats.link_density(id));
    own(item) - own(l) >= 1.0
}

/// Whether list items `kids` are a two-level outline of other pages: most of them (at least
/// two) hold a link and a nested list of links, and most links lead off the page (not `#`
/// anchors). A chapter index (Sphinx `toctree`, "Further topics" with each page's sections);
/// related-content lists are flat, a page's own outline links its anchors.
fn is_outline_of_pages(doc: &Document, kids: &[NodeId]) -> bool {
    let branches = kids
        .iter()
        .filter(|&&k| doc.element_children(k).any(|c| doc.is_tag(c, "a")) && doc.element_children(k).any(|c| matches!(doc.tag(c), Some("ul" | "ol"))))
        .count();
    if branches < 2 || branches * 2 < kids.len() {
        return false;
    }
    // The links of the two levels: items' own, and their sublists' items' own (bounded work).
    let (mut links, mut off_page) = (0usize, 0usize);
    let mut count = |item: NodeId| {
        for a in doc.element_children(item).filter(|&c| doc.is_tag(c, "a")) {
            links += 1;
            off_page += doc.attr(a, "href").is_some_and(|h| !h.trim_start().starts_with('#')) as usize;
        }
    };
    for &k in kids {
        count(k);
        for sub in doc.element_children(k).filter(|&c| matches!(doc.tag(c), Some("ul" | "ol"))) {
            doc.element_children(sub).for_each(&mut count);
        }
    }
    off_page * 2 > links
}

/// Removes a link-dense card list and the short unlinked heading or label right before it.
fn remove_card_list(doc: &mut Document, pruner: &mut Pruner, l: NodeId, has_link: &[bool]) {
    let prev = doc.prev_element_sibling(l);
    if let Some(pv) = prev {
        let t = inner_text_len(doc, pv);
        if matches!(doc.tag(pv), Some("h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div")) && t > 0 && t <= 40 && !has_link[pv.index()] {
            pruner.detach(doc, pv);
        }
    }
    pruner.detach(doc, l);
}

/// Least link density of the lists of a described-list run, most of their paragraphs'.
const DESCRIBED_LIST_MIN_LD: f64 = 0.5;

/// Fewest heading + list pairs (lists of 3+ items) among siblings that make a page of
/// sectioned link lists.
const SECTIONED_LISTS_MIN: usize = 3;

/// Whether list `l` comes right after a heading and its parent holds at least
/// [`SECTIONED_LISTS_MIN`] such heading + list pairs, each list of 3+ items (a wiki portal,
/// a topic index).
fn is_sectioned_list(doc: &Document, l: NodeId) -> bool {
    let Some(parent) = doc.parent(l) else { return false };
    let in_pair = |c: NodeId| matches!(doc.tag(c), Some("ul" | "ol")) && doc.element_children(c).nth(2).is_some() && doc.prev_element_sibling(c).is_some_and(|h| super::util::is_heading(doc, h));
    // Most lists are in no pair: only those that are scan their siblings.
    if !in_pair(l) {
        return false;
    }
    let mut pairs = 0;
    let mut prev_heading = false;
    let mut this_pair = false;
    for c in doc.element_children(parent) {
        let is_list = matches!(doc.tag(c), Some("ul" | "ol")) && doc.element_children(c).nth(2).is_some();
        if is_list && prev_heading {
            pairs += 1;
            this_pair |= c == l;
        }
        prev_heading = super::util::is_heading(doc, c);
    }
    this_pair && pairs >= SECTIONED_LISTS_MIN
}

/// Whether list `l` comes after a heading and one paragraph that introduces it, and its
/// parent holds at least [`SECTIONED_LISTS_MIN`] such heading + paragraph + link list runs
/// (2+ items each, link density at least [`DESCRIBED_LIST_MIN_LD`]): a tutorial hub
/// describes each topic, then lists its pages. Related-content blocks come without a
/// paragraph per list.
fn is_described_list(doc: &Document, l: NodeId, stats: &super::util::TextStats) -> bool {
    let Some(parent) = doc.parent(l) else { return false };
    let listed = |c: NodeId| matches!(doc.tag(c), Some("ul" | "ol")) && doc.element_children(c).nth(1).is_some() && stats.link_density(c) >= DESCRIBED_LIST_MIN_LD;
    let described = |p: NodeId| doc.is_tag(p, "p") && stats.link_density(p) < DESCRIBED_LIST_MIN_LD;
    // Only a list that is itself in such a run scans its siblings.
    let Some(p) = doc.prev_element_sibling(l).filter(|&p| listed(l) && described(p)) else { return false };
    if !doc.prev_element_sibling(p).is_some_and(|h| super::util::is_heading(doc, h)) {
        return false;
    }
    let (mut runs, mut this_run) = (0, false);
    // The previous two element siblings: a heading, then a paragraph.
    let (mut prev2, mut prev1): (Option<NodeId>, Option<NodeId>) = (None, None);
    for c in doc.element_children(parent) {
        if listed(c) && prev2.is_some_and(|h| super::util::is_heading(doc, h)) && prev1.is_some_and(described) {
            runs += 1;
            this_run |= c == l;
        }
        (prev2, prev1) = (prev1, Some(c));
    }
    this_run && runs >= SECTIONED_LISTS_MIN
}

/// Whether at least four in five items of a list end their own text (outside links and
/// nested lists) with a '.' or a ':': steps written as sentences around their links ("Install
/// <a>the SDK</a>.", "Download <a>the jar</a> with its dependencies:" then sub-steps).
/// Headlines and menu entries end without punctuation of their own.
fn is_sentence_list(doc: &Document, items: &[NodeId]) -> bool {
    let ends_sentence = |li: NodeId| {
        let last = doc.children(li).filter_map(|c| doc.text(c)).map(str::trim).filter(|t| !t.is_empty()).last();
        last.is_some_and(|t| t.ends_with('.') || t.ends_with(':'))
    };
    items.iter().filter(|&&li| doc.is_tag(li, "li") && ends_sentence(li)).count() * 5 >= items.len() * 4
}

/// Fewest items of a list of labelled entries.
const LABELLED_ENTRIES_MIN: usize = 3;
/// Longest label (chars) of a labelled entry (authors' names, a topic).
const ENTRY_LABEL_MAX: usize = 60;

/// The label of a list item that reads "Label: linked text": the unlinked text before its
/// first ':' (at most [`ENTRY_LABEL_MAX`] chars, not a link's), when a link follows it.
fn entry_label(doc: &Document, li: NodeId) -> Option<String> {
    let mut label = String::new();
    for d in doc.descendants(li) {
        if let NodeData::Text(t) = doc.data(d) {
            if doc.ancestors(d).take_while(|&a| a != li).any(|a| doc.is_tag(a, "a")) {
                return None;
            }
            if let Some(i) = t.find([':', '：']) {
                label.push_str(&t[..i]);
                let label = label.trim().to_lowercase();
                let after_link = doc.descendants(li).any(|x| doc.is_tag(x, "a"));
                return (!label.is_empty() && label.chars().count() <= ENTRY_LABEL_MAX && after_link).then_some(label);
            }
            label.push_str(t);
            if label.len() > ENTRY_LABEL_MAX * 4 {
                return None;
            }
        }
    }
    None
}

/// Whether list `l` is a list of labelled entries: [`LABELLED_ENTRIES_MIN`]+ items, each
/// "Label: linked title" with a label of its own (a course's student projects by author,
/// readings by topic). An inline teaser repeats one stock label ("Read also:"), or stands
/// alone.
fn is_labelled_entry_list(doc: &Document, l: NodeId) -> bool {
    if !matches!(doc.tag(l), Some("ul" | "ol")) {
        return false;
    }
    let mut labels = std::collections::HashSet::new();
    let mut n = 0;
    for c in doc.element_children(l) {
        if !doc.is_tag(c, "li") {
            return false;
        }
        n += 1;
        match entry_label(doc, c) {
            Some(label) => {
                if !labels.insert(label) {
                    return false;
                }
            }
            None => return false,
        }
    }
    n >= LABELLED_ENTRIES_MIN
}

/// Whether a block is an inline "read also" teaser: a short label, then mostly link text.
pub fn is_teaser(doc: &Document, id: NodeId) -> bool {
    // Cheap refusals first: no link, or too long.
    if !doc.descendants(id).any(|d| doc.is_tag(d, "a")) || inner_text_len(doc, id) > 250 {
        return false;
    }
    let text = inner_text(doc, id);
    let n = text.chars().count();
    if n == 0 || n > 250 {
        return false;
    }
    let links = link_text_len(doc, id);
    if links == 0 {
        return false;
    }
    let lower = text.to_lowercase();
    // Label from the lexicon, with or without a colon.
    let mut rest_len = None;
    for l in TEASER_LABELS {
        if let Some(r) = lower.strip_prefix(l) {
            if r.is_empty() || !r.chars().next().unwrap().is_alphanumeric() {
                rest_len = Some(r.trim_start_matches(|c: char| !c.is_alphanumeric()).chars().count());
                break;
            }
        }
    }
    // Language-neutral: a label of at most 4 words ending in ':'.
    if rest_len.is_none() {
        if let Some(i) = text.find([':', '：']) {
            let label = &text[..i];
            let words = label.split_whitespace().count();
            if (1..=4).contains(&words) && label.chars().count() <= 30 {
                let r = text[i..].trim_start_matches([':', '：']).trim();
                // The label itself must not be a link, nor the colon one of a link's (the
                // `https:` of a URL given as a link's text).
                let bare = label.trim().trim_start_matches(|c: char| !c.is_alphanumeric());
                let with_colon = format!("{bare}{}", &text[i..].chars().next().map(String::from).unwrap_or_default());
                let label_link = doc.descendants(id).filter(|&d| doc.is_tag(d, "a")).any(|a| {
                    let t = inner_text(doc, a);
                    t.contains(label.trim()) || (!bare.is_empty() && t.contains(&with_colon))
                });
                if !label_link && crate::text::tokens(r).count() >= 3 {
                    rest_len = Some(r.chars().count());
                }
            }
        }
    }
    match rest_len {
        Some(r) if r > 0 => links as f64 >= 0.8 * r as f64,
        _ => false,
    }
}

/// A block holding only a teaser label ("Baca juga:", "Related").
fn is_bare_label(doc: &Document, id: NodeId, texts: &TextTable) -> bool {
    // Measured through the text table first: most blocks are paragraphs, far longer.
    if texts.inner_text_measure(doc, id).0 > 40 {
        return false;
    }
    let text = inner_text(doc, id);
    if text.chars().count() > 40 {
        return false;
    }
    let l = lower_label(&text);
    TEASER_LABELS.contains(&l.as_str())
}

/// Whether an element is an ad slot (id, class tokens, ad-network iframe, IAB size).
pub fn is_ad_slot(doc: &Document, id: NodeId, sig: &lexicon::Signals) -> bool {
    let Some(e) = doc.element(id) else { return false };
    if let Some(i) = e.attr("id") {
        let l = i.to_ascii_lowercase();
        if l.starts_with("div-gpt-ad") || l.starts_with("google_ads") || l.contains("gpt-ad") {
            return true;
        }
    }
    if sig.has(doc, id, lexicon::sig::AD_TOKEN) {
        return true;
    }
    if matches!(&*e.name, "iframe" | "ins" | "amp-ad") {
        if &*e.name == "amp-ad" || e.has_attr("data-ad-client") || e.has_attr("data-ad-slot") {
            return true;
        }
        if let Some(src) = e.attr("src") {
            let host = src.split("//").nth(1).unwrap_or("").split(['/', '?', ':']).next().unwrap_or("").to_ascii_lowercase();
            if AD_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}"))) {
                return true;
            }
        }
    }
    let (mut w, mut h) = (e.attr("width").and_then(super::util::px), e.attr("height").and_then(super::util::px));
    if let Some(st) = e.attr("style") {
        w = style_prop(st, "width").and_then(|v| super::util::px(&v)).or(w);
        h = style_prop(st, "height").and_then(|v| super::util::px(&v)).or(h);
        if h.is_none() {
            h = style_prop(st, "min-height").and_then(|v| super::util::px(&v));
        }
    }
    if let (Some(w), Some(h)) = (w, h) {
        if AD_SIZES.contains(&(w, h)) && !matches!(&*e.name, "img" | "video" | "picture") {
            return true;
        }
    }
    false
}

/// Whether the element's class/id names a widget (share, newsletter, related, promo…).
pub fn is_widget(doc: &Document, id: NodeId, sig: &lexicon::Signals) -> bool {
    sig.has(doc, id, lexicon::sig::CLUTTER_TOKEN)
}

/// Whether an element marks a form box: a `form`, `select`, `textarea`, a text-like `input`
/// or a `button`. Check boxes and radio buttons (rendered task lists, quizzes), hidden inputs
/// and disclosure toggles (`aria-expanded`/`aria-controls` buttons of accordions and FAQs)
/// are not forms.
fn is_form_control(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    match &*e.name {
        "form" | "select" | "textarea" => true,
        "input" => !e.attr("type").is_some_and(|t| t.eq_ignore_ascii_case("checkbox") || t.eq_ignore_ascii_case("radio") || t.eq_ignore_ascii_case("hidden")),
        "button" => !(e.has_attr("aria-expanded") || e.has_attr("aria-controls") || is_disclosure_label(&doc.text_content(id))),
        _ => false,
    }
}

/// Whether a button's label starts with a [`lexicon::DISCLOSURE_VERBS`] word followed by
/// what it shows ("Show child attributes", "Hide details"): it shows or hides content, as
/// `aria-expanded` toggles do. A lone "Show" says nothing of what, and "Show more" is a
/// [`lexicon::TRUNCATION_WORDS`] toggle.
fn is_disclosure_label(label: &str) -> bool {
    let mut words = label.split_whitespace().map(str::to_lowercase);
    words.next().is_some_and(|w| lexicon::DISCLOSURE_VERBS.contains(&w.as_str())) && words.next().is_some_and(|w| !lexicon::TRUNCATION_WORDS.contains(&w.as_str()))
}

/// Whether a button closes what holds it: its label, `aria-label` or `title` is one of
/// [`lexicon::CLOSE_LABELS`], or a class/id token is `close`.
fn is_close_button(doc: &Document, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else { return false };
    let label = |s: &str| lexicon::CLOSE_LABELS.contains(&s.trim().to_lowercase().as_str());
    label(&doc.text_content(id)) || e.attr("aria-label").is_some_and(label) || e.attr("title").is_some_and(label) || lexicon::has_token(&e.class_and_id(), &["close"])
}

/// Longest text (chars) of a call-to-action row of button links.
const BUTTON_ROW_MAX: usize = 200;

/// Whether `id`'s children are only links whose class names them buttons
/// ([`lexicon::BUTTON_LINK_TOKENS`]), at least one, with no other text and little text.
fn is_button_link_row(doc: &Document, id: NodeId) -> bool {
    let mut links = 0;
    for c in doc.children(id) {
        match doc.data(c) {
            NodeData::Text(t) if super::util::is_blank(t) => {}
            NodeData::Element(e) if &*e.name == "br" => {}
            NodeData::Element(e) if &*e.name == "a" && e.attr("class").is_some_and(|v| lexicon::has_token(v, lexicon::BUTTON_LINK_TOKENS)) => links += 1,
            NodeData::Comment => {}
            _ => return false,
        }
    }
    links > 0 && inner_text_len(doc, id) <= BUTTON_ROW_MAX
}

/// Fewest outline headings (see [`outline_heading_counts`]) of a block that is a part of the
/// document whatever its class/id says.
const OUTLINED_SECTIONS_MIN: u32 = 2;

/// How many `h2`–`h6` under each element (not counting itself) are targets of the page's
/// outline: their id is their words ([`super::docs::is_toc_target`],
/// [`super::docs::id_is_heading_anchor`]). One bottom-up walk.
fn outline_heading_counts(doc: &Document, root: NodeId) -> Vec<u32> {
    let mut out = vec![0u32; doc.len()];
    for e in doc.traverse(root) {
        let Edge::Close(id) = e else { continue };
        let Some(p) = doc.parent(id).filter(|_| id != root) else { continue };
        let own = matches!(doc.tag(id), Some("h2" | "h3" | "h4" | "h5" | "h6")) && (super::docs::is_toc_target(doc, id) || super::docs::id_is_heading_anchor(doc, id));
        out[p.index()] += out[id.index()] + own as u32;
    }
    out
}

/// Phase 4: removes structural clutter from the article container.
pub fn clean_article(doc: &mut Document, root: NodeId, repeats: &RepeatIndex, ctx: &super::score::Ctx) {
    let stats = super::util::TextStats::new(doc, root, &ctx.texts);
    let total = stats.len(root).max(1);
    let small = |_: &Document, id: NodeId| (stats.len(id) as f64) < MAX_SHARE * total as f64;
    let wrapper_of: HashMap<NodeId, NodeId> = ctx.unwrapped.iter().copied().collect();

    // Ad slots and widgets by class/id.
    let mut remove = Vec::new();
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        let Edge::Open(id) = e else { continue };
        if id == root || !doc.is_element(id) {
            continue;
        }
        // A heading or a definition term names what follows: its id is an anchor made from
        // its text, only its classes can say "widget".
        if matches!(doc.tag(id), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt")) {
            let class = doc.attr(id, "class").unwrap_or("");
            // A `toc` token on a heading that its id names (`h3.hide-from-toc#hello-world`)
            // says how the page's outline lists it; a placement token how it scrolls.
            let clutter = lexicon::any_token(class, |t| lexicon::CLUTTER_TOKENS.contains(&t) && !lexicon::TOC_TOKENS.contains(&t) && !lexicon::PLACEMENT_TOKENS.contains(&t));
            let toc = || lexicon::has_token(class, lexicon::TOC_TOKENS);
            if (clutter || (toc() && !super::docs::is_toc_target(doc, id))) && small(doc, id) {
                remove.push(id);
            }
            walk.skip_children(id);
            continue;
        }
        let sig = &*ctx.sig;
        let wrapper_hit = wrapper_of.get(&id).is_some_and(|&w| is_ad_slot(doc, w, sig) || is_widget(doc, w, sig));
        if (wrapper_hit || is_ad_slot(doc, id, sig) || is_widget(doc, id, sig)) && small(doc, id) {
            remove.push(id);
            walk.skip_children(id);
        }
    }
    // A block holding two or more of the document's own sections (headings whose ids are
    // their words: targets of the page's outline) is a part of the document, whatever its
    // class says (`section.android-promo` around two of a landing page's sections).
    if remove.iter().any(|&id| !super::util::is_heading(doc, id)) {
        let outlined = outline_heading_counts(doc, root);
        remove.retain(|&id| outlined[id.index()] < OUTLINED_SECTIONS_MIN);
    }
    // Many hits mean the tokens are page-wide styling, not widgets: skip the rule.
    let removed: usize = remove.iter().map(|&id| stats.len(id)).sum();
    if (removed as f64) <= MAX_REPEAT_SHARE * total as f64 {
        for id in remove {
            doc.detach(id);
        }
    }

    // Boxes around a form (newsletter sign-up, login): the outermost ancestor of a form or
    // input that still has little text.
    let mut pruner = Pruner::new(doc);
    let forms: Vec<NodeId> = doc.descendants(root).filter(|&d| is_form_control(doc, d)).collect();
    // A button on a code sample or in a heading (copy, anchor link) is no form: computed once
    // (when there is a control at all), removals only take subtrees out.
    let flags = |pred: fn(&Document, NodeId) -> bool| if forms.is_empty() { Vec::new() } else { has_descendant_where(doc, root, pred) };
    let has_code = flags(|d, n| matches!(d.tag(n), Some("pre" | "code")));
    // A lone button (copy link, feedback, "continue reading") beside a heading takes its own
    // box, not the heading's section: the box stops below any ancestor holding a heading,
    // unless a field (a sign-up form) or a close button (a popup) says the box is a widget.
    let has_heading = flags(super::util::is_heading);
    let has_field = flags(|d, n| is_form_control(d, n) && !d.is_tag(n, "button"));
    for f in forms {
        if pruner.is_dead(f) {
            continue;
        }
        let is_button = doc.is_tag(f, "button");
        // A close button makes its box a popup (a dialog, a banner), heading and all.
        let closes = is_button && is_close_button(doc, f);
        let mut target = f;
        let mut in_heading = false;
        while let Some(p) = doc.parent(target) {
            if p == root || stats.len(p) > FORM_BOX_MAX || !small(doc, p) {
                break;
            }
            if is_button && !closes && has_heading[p.index()] && !super::util::is_heading(doc, p) && !has_field[p.index()] {
                break;
            }
            in_heading |= super::util::is_heading(doc, p);
            target = p;
        }
        if is_button && (in_heading || has_code[target.index()]) {
            continue;
        }
        if target != f || doc.is_tag(f, "form") {
            pruner.detach(doc, target);
        }
    }

    // Call-to-action rows: a paragraph or box holding only links styled as buttons.
    let rows: Vec<NodeId> = doc.descendants(root).filter(|&d| d != root && matches!(doc.tag(d), Some("p" | "div"))).collect();
    for r in rows {
        if !pruner.is_dead(r) && is_button_link_row(doc, r) {
            pruner.detach(doc, r);
        }
    }

    // Link-dense card lists: 3+ children that each hold a link, mostly link text.
    let lists: Vec<NodeId> = doc.descendants(root).filter(|&d| d != root && matches!(doc.tag(d), Some("div" | "section" | "ul" | "ol"))).collect();
    // Removals below only take whole subtrees out, never add links: computed once.
    let has_link = has_descendant_where(doc, root, |d, n| d.is_tag(n, "a"));
    // Steps that show code (install commands) are instructions, never cards.
    let has_pre = has_descendant_where(doc, root, |d, n| d.is_tag(n, "pre"));
    // Lists under their own headings, in runs (see `is_sectioned_list`), are the sections of
    // an index page (a wiki portal, a topic index) when lists hold most of the article's
    // text and links much of it; elsewhere they are the related/popular/more-from blocks
    // after a post.
    let mut sectioned: Vec<NodeId> = Vec::new();
    let mut outlines: HashMap<NodeId, bool> = HashMap::new();
    let (mut counted, mut list_text) = (Pruner::new(doc), 0);
    for l in lists {
        let is_list = matches!(doc.tag(l), Some("ul" | "ol"));
        if is_list && !pruner.is_dead(l) && !counted.is_dead(l) {
            counted.mark(doc, l);
            list_text += stats.len(l);
        }
        if pruner.is_dead(l) || !small(doc, l) {
            continue;
        }
        let kids: Vec<NodeId> = doc.element_children(l).collect();
        if kids.len() < 3 {
            continue;
        }
        if has_pre[l.index()] {
            continue;
        }
        let with_link = kids.iter().filter(|&&k| doc.is_tag(k, "a") || has_link[k.index()]).count();
        let min_ld = if is_list { 0.5 } else { 0.35 };
        // A list of short labels (a few words each: topics, commands, providers) introduced by
        // a heading or a line ending in ':' indexes the document's subjects; teaser lists are
        // of headlines, toolbars and menus come without an introduction.
        if is_list && is_introduced_label_list(doc, l, kids.len()) {
            continue;
        }
        // A list that a sentence introduces ("…to do the following:") and whose items say
        // more than their links is a list of the document's tasks or references.
        if is_list && is_introduced_prose_list(doc, l, &kids, &stats) {
            continue;
        }
        // Sections that open with an unlinked heading are parts of a document (a tab set of
        // per-role guides), not cards; so are the panels of a tab set (the same steps per
        // language or platform).
        if kids.iter().filter(|&&k| super::docs::opens_with_plain_heading(doc, k) || doc.attr(k, "role") == Some("tabpanel")).count() * 5 >= kids.len() * 4 {
            continue;
        }
        // A section headed by its own permalinked heading is a part of the document (its
        // references, its further reading), whatever its link density.
        if super::docs::opens_with_permalinked_heading(doc, l) || super::docs::is_section_card_grid(doc, l) {
            continue;
        }
        if with_link * 5 >= kids.len() * 4 && stats.link_density(l) >= min_ld {
            if is_list && is_labelled_sublist(doc, l, &stats) {
                continue;
            }
            if is_list && is_described_list(doc, l, &stats) {
                continue;
            }
            if is_list && is_outline_of_pages(doc, &kids) {
                continue;
            }
            // A branch of such an outline.
            if let Some(outer) = doc.parent(l).filter(|&p| doc.is_tag(p, "li")).and_then(|li| doc.parent(li)) {
                let outline = *outlines.entry(outer).or_insert_with(|| is_outline_of_pages(doc, &doc.element_children(outer).collect::<Vec<_>>()));
                if outline {
                    continue;
                }
            }
            if is_labelled_entry_list(doc, l) {
                continue;
            }
            if is_list && is_sentence_list(doc, &kids) {
                continue;
            }
            if is_list && is_sectioned_list(doc, l) {
                sectioned.push(l);
                continue;
            }
            remove_card_list(doc, &mut pruner, l, &has_link);
        }
    }
    let index_page = list_text as f64 >= INDEX_LIST_SHARE * total as f64 && stats.link_density(root) >= INDEX_LINK_DENSITY;
    if !index_page {
        for l in sectioned {
            if !pruner.is_dead(l) {
                remove_card_list(doc, &mut pruner, l, &has_link);
            }
        }
    }

    // Inline teasers and bare labels followed by a link list.
    let blocks: Vec<NodeId> = doc
        .descendants(root)
        .filter(|&d| matches!(doc.tag(d), Some("p" | "div" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "strong" | "b" | "span")))
        .collect();
    // Blocks that hold other blocks are not leaf-ish. Removals take whole subtrees after the
    // block was looked at, so flags computed once stay exact for the blocks still attached.
    let has_block = has_descendant_where(doc, root, |d, n| matches!(d.tag(n), Some("p" | "div" | "ul" | "ol" | "table" | "blockquote")));
    let mut entry_lists: HashMap<NodeId, bool> = HashMap::new();
    for b in blocks {
        if pruner.is_dead(b) {
            continue;
        }
        // Only leaf-ish blocks: no block children.
        if has_block[b.index()] {
            continue;
        }
        if is_teaser(doc, b) {
            // An entry of a list of labelled entries (`li > p` or `li`) is no teaser: the
            // list is judged once.
            let li = if doc.is_tag(b, "li") { Some(b) } else { doc.parent(b).filter(|&p| doc.is_tag(p, "li")) };
            if let Some(list) = li.and_then(|li| doc.parent(li)) {
                let entries = *entry_lists.entry(list).or_insert_with(|| is_labelled_entry_list(doc, list));
                if entries {
                    continue;
                }
            }
            // Remove the enclosing block when it has no other text.
            let mut target = b;
            while let Some(p) = doc.parent(target) {
                if p == root || doc.children(p).any(|c| c != target && has_text(doc, c)) {
                    break;
                }
                target = p;
            }
            pruner.detach(doc, target);
        } else if is_bare_label(doc, b, &ctx.texts) && !matches!(doc.tag(b), Some("span" | "strong" | "b")) {
            let next = doc.next_element_sibling(b);
            if let Some(n) = next {
                if matches!(doc.tag(n), Some("ul" | "ol" | "div")) && link_density(doc, n) > 0.5 {
                    pruner.detach(doc, n);
                }
            }
            pruner.detach(doc, b);
        }
    }

    // Repeated blocks.
    let len = text_lengths(doc, root, &ctx.texts);
    let blocks = maximal_blocks(doc, root, &len);
    let hashes: Vec<u64> = blocks.iter().map(|&b| hash_node(doc, b, &ctx.texts)).collect();
    let mut inside: HashMap<u64, u32> = HashMap::new();
    for &h in &hashes {
        *inside.entry(h).or_insert(0) += 1;
    }
    // Blocks in code listings (lines of code repeat legitimately) and in the panels of a tab
    // set (the same steps and notes said once per language or platform, one panel shown at
    // a time).
    let mut in_code_or_tabs = vec![false; doc.len()];
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        if let Edge::Open(id) = e {
            if id != root && (matches!(doc.tag(id), Some("pre" | "code")) || doc.attr(id, "role") == Some("tabpanel")) {
                for d in doc.descendants(id).skip(1) {
                    in_code_or_tabs[d.index()] = true;
                }
                walk.skip_children(id);
            }
        }
    }
    // A list entry under its own heading said again inside the article (a parameter that
    // two methods of an API reference share, with its name, type and description) belongs
    // to each list. Blocks are disjoint: one walk of each at most.
    let holds_heading = |b: NodeId| doc.is_tag(b, "li") && doc.descendants(b).any(|d| super::util::is_heading(doc, d));
    let mut seen: HashMap<u64, u32> = HashMap::new();
    let mut to_remove = Vec::new();
    let mut removed_len = 0usize;
    // Second and later copies of blocks repeated inside the article.
    let mut later_copies = Vec::new();
    for (&b, &h) in blocks.iter().zip(&hashes) {
        let total_count = repeats.count(h);
        let ins = inside[&h];
        let outside = total_count.saturating_sub(ins);
        let k = seen.entry(h).or_insert(0);
        *k += 1;
        // A later copy inside the article (`k` counts the copies met inside, so `ins >= 2`).
        let later = *k >= 2 && !in_code_or_tabs[b.index()] && !holds_heading(b);
        if outside >= 1 || ins >= 2 {
            // Every copy counts towards the share (as many copies make page-wide filler), but
            // inside the article the first copy of a repeated block stays (a definition or a
            // note said again in a reference, a caption under a repeated image) and lines of
            // code stay: only later copies go.
            removed_len += len[b.index()] as usize;
            if outside >= 1 || later {
                to_remove.push(b);
            }
        }
        if later {
            later_copies.push((b, h));
        }
    }
    let total_nonws = len[root.index()].max(1) as f64;
    if (removed_len as f64) <= MAX_REPEAT_SHARE * total_nonws {
        for b in to_remove {
            doc.detach(b);
        }
    } else if later_copies.iter().map(|&(_, h)| h).collect::<std::collections::HashSet<u64>>().len() >= TWICE_MIN_DISTINCT {
        // The page shows the article twice (tabs, print copies): the first copy stays. A few
        // paragraphs said again (filler text, captions) are not a second copy.
        for (b, _) in later_copies {
            doc.detach(b);
        }
    }
    remove_author_signoff(doc, root, &ctx.texts);
}

/// Longest sign-off line ("Written by Jane Doe", "About the author"), non-space characters.
const SIGNOFF_MAX: u32 = 60;
/// Most text after a sign-off line (a short bio) for it to end the article.
const SIGNOFF_TAIL_MAX: u32 = 600;

/// Whether a lowercased line is an author sign-off: a whole [`lexicon::AUTHOR_SIGNOFF_HEADINGS`]
/// text, or "written by" and a name (at most four words, no sentence punctuation).
fn is_author_signoff(t: &str) -> bool {
    if lexicon::AUTHOR_SIGNOFF_HEADINGS.contains(&t) {
        return true;
    }
    t.strip_prefix("written by ").is_some_and(|name| name.split_whitespace().count() <= 4 && !name.contains([',', '.', ';', '!', '?']))
}

/// An author sign-off at the end of the article: a short heading or line ([`is_author_signoff`]), followed by at most a short bio. It and
/// everything after it are the writer's description, not the article.
fn remove_author_signoff(doc: &mut Document, root: NodeId, texts: &TextTable) {
    let len = text_lengths(doc, root, texts);
    let total = len[root.index()];
    let mut before = 0u32;
    let mut found = None;
    let mut walk = doc.traverse(root);
    while let Some(e) = walk.next() {
        let Edge::Open(id) = e else { continue };
        match doc.data(id) {
            NodeData::Text(t) => before += texts.get(id, t).nonws,
            NodeData::Element(el) if matches!(&*el.name, "p" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let l = len[id.index()];
                if l > 0 && l <= SIGNOFF_MAX && total - before - l <= SIGNOFF_TAIL_MAX && before > 0 {
                    let t = lower_label(&inner_text(doc, id));
                    if is_author_signoff(&t) {
                        found = Some(id);
                        break;
                    }
                }
                walk.skip_children(id);
                before += l;
            }
            _ => {}
        }
    }
    let Some(mut cur) = found else { return };
    // The line, what follows it, and what follows each of its ancestors inside the article.
    let mut with_self = true;
    loop {
        let parent = doc.parent(cur);
        let mut n = if with_self { Some(cur) } else { doc.next_sibling(cur) };
        while let Some(x) = n {
            n = doc.next_sibling(x);
            doc.detach(x);
        }
        match parent {
            Some(p) if p != root => {
                cur = p;
                with_self = false;
            }
            _ => break,
        }
    }
}

