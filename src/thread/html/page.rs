//! What every saved page has, whatever its platform (title, address, date, main text), and
//! the small helpers the platform readers share.

use super::super::html_text::{Links, element_to_text, element_to_text_without};
use super::super::{ThreadAssembler, ThreadFields, Timestamp};
use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// A CSS selector written in this file: parsed once.
pub struct Css(LazyLock<Selector>);

impl Css {
    pub const fn new(parse: fn() -> Selector) -> Self {
        Css(LazyLock::new(parse))
    }

    pub fn get(&self) -> &Selector {
        &self.0
    }
}

/// `css!("a.b, c")`: a selector parsed on first use (the selectors are constants here).
macro_rules! css {
    ($selector:literal) => {
        $crate::thread::html::page::Css::new(|| {
            scraper::Selector::parse($selector).expect("a valid selector")
        })
    };
}
pub(crate) use css;

pub fn has_class(element: &Element, class: &str) -> bool {
    element.classes().any(|c| c == class)
}

pub fn first<'a>(html: &'a Html, css: &Css) -> Option<ElementRef<'a>> {
    html.select(css.get()).next()
}

pub fn first_in<'a>(element: ElementRef<'a>, css: &Css) -> Option<ElementRef<'a>> {
    element.select(css.get()).next()
}

/// The page's `<head>`: its `<title>`, links and metadata are looked for there only, not in
/// the megabytes of comments below.
pub fn head(html: &Html) -> Option<ElementRef<'_>> {
    html.root_element()
        .child_elements()
        .find(|e| e.value().name() == "head")
}

fn first_in_head<'a>(html: &'a Html, css: &Css) -> Option<ElementRef<'a>> {
    head(html).and_then(|head| first_in(head, css))
}

/// An element's text on one line: names, titles, dates.
pub fn line_text(element: ElementRef) -> String {
    let text = element_to_text(element, Links::TextOnly);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name or title, or None when it is empty.
pub fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

static CANONICAL: Css = css!("link[rel=canonical][href]");
static OG_URL: Css = css!("meta[property='og:url'][content]");
static OG_TITLE: Css = css!("meta[property='og:title'][content]");
static SITE_NAME: Css =
    css!("meta[property='og:site_name'][content], meta[name='application-name'][content]");
static TITLE: Css = css!("title");
static HEADINGS: Css = css!("h1, h2");
static H1_ENTRY_TITLE: Css = css!("h1.entry-title");
static ENTRY_TITLE: Css = css!(".entry-title");
static ENTRY_DATE: Css = css!("time.entry-date");
static PUBLISHED_META: Css = css!("meta[property='article:published_time'][content]");
static MAIN_CANDIDATES: [Css; 5] = [
    css!(".entry-content"),
    css!("article"),
    css!("main"),
    css!("[role=main]"),
    css!("body"),
];

/// The page's own address: its canonical link, else its `og:url`.
pub fn page_url(html: &Html) -> Option<String> {
    let web = |url: &&str| url.starts_with("https://") || url.starts_with("http://");
    first_in_head(html, &CANONICAL)
        .and_then(|e| e.attr("href"))
        .map(str::trim)
        .filter(web)
        .or_else(|| {
            first_in_head(html, &OG_URL)
                .and_then(|e| e.attr("content"))
                .map(str::trim)
                .filter(web)
        })
        .map(str::to_string)
}

/// The post's title: `h1.entry-title`, another `.entry-title`, `og:title`, else `<title>`
/// without the site's name.
pub fn title(html: &Html) -> String {
    let heading = first(html, &H1_ENTRY_TITLE)
        .or_else(|| first(html, &ENTRY_TITLE))
        .map(line_text)
        .and_then(non_empty);
    if let Some(heading) = heading {
        return heading;
    }
    let og = first_in_head(html, &OG_TITLE)
        .and_then(|e| e.attr("content"))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .and_then(non_empty);
    if let Some(og) = og {
        return og;
    }
    let Some(title) = first_in_head(html, &TITLE).map(line_text) else {
        return String::new();
    };
    // The longest heading the title holds ("Blog » Post" with an <h2>Post</h2>).
    let heading = html
        .select(HEADINGS.get())
        .take(64)
        .map(line_text)
        .filter(|h| h.chars().count() >= 3 && title.contains(h.as_str()))
        .max_by_key(String::len);
    if let Some(heading) = heading {
        return heading;
    }
    let site = first_in_head(html, &SITE_NAME)
        .and_then(|e| e.attr("content"))
        .map(str::trim);
    without_site_name(&title, site)
}

const TITLE_SEPARATORS: [&str; 8] = [" | ", " – ", " — ", " - ", " · ", " :: ", " » ", " « "];

/// "Post title – Site name" -> "Post title": the site's name when the page says it, else the
/// shorter part after the last separator.
pub fn without_site_name(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site.filter(|s| !s.is_empty() && *s != title) {
        for separator in TITLE_SEPARATORS {
            if let Some(rest) = title
                .strip_suffix(site)
                .and_then(|t| t.strip_suffix(separator))
            {
                return rest.trim().to_string();
            }
            if let Some(rest) = title
                .strip_prefix(site)
                .and_then(|t| t.strip_prefix(separator))
            {
                return rest.trim().to_string();
            }
        }
    }
    let last = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max();
    match last {
        Some((at, len)) if title[at + len..].trim().len() < title[..at].trim().len() => {
            title[..at].trim().to_string()
        }
        _ => title.to_string(),
    }
}

/// When the post was published: `time.entry-date` (its text as the date line, its
/// `datetime` as the time) in the post when it is known, else `article:published_time`.
pub fn published(html: &Html, post: Option<ElementRef>) -> (Option<String>, Option<Timestamp>) {
    let entry_date = match post {
        Some(post) => first_in(post, &ENTRY_DATE),
        None => first(html, &ENTRY_DATE),
    };
    if let Some(time) = entry_date {
        let text = non_empty(line_text(time));
        let when = time.attr("datetime").and_then(Timestamp::parse_iso);
        if text.is_some() || when.is_some() {
            return (text, when);
        }
    }
    let when = first_in_head(html, &PUBLISHED_META)
        .and_then(|e| e.attr("content"))
        .and_then(Timestamp::parse_iso);
    (None, when)
}

/// Parts of a page that are not its text: menus, headers and footers, sidebars, forms, share
/// buttons and "related posts".
pub fn is_page_furniture(element: &Element) -> bool {
    matches!(
        element.name(),
        "nav" | "header" | "footer" | "aside" | "form" | "dialog"
    ) || element.attr("role").is_some_and(|role| {
        matches!(
            role,
            "navigation" | "banner" | "contentinfo" | "complementary" | "search"
        )
    }) || element.classes().any(|class| {
        matches!(
            class,
            "sharedaddy"
                | "sd-sharing-enabled"
                | "jp-relatedposts"
                | "wpcnt"
                | "addtoany_share_save_container"
                | "yarpp-related"
                | "screen-reader-text"
                | "post-share-buttons"
                | "comments"
                | "comments-area"
                | "comment-respond"
        )
    })
}

/// Readable paragraphs of a page part, without its furniture.
pub fn article_text(element: ElementRef) -> String {
    element_to_text_without(element, Links::TextOnly, is_page_furniture)
}

/// The post an element is part of: its nearest `article`, `.post` or `.hentry` ancestor.
pub fn post_around(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    element.ancestors().filter_map(ElementRef::wrap).find(|e| {
        let value = e.value();
        value.name() == "article" || has_class(value, "post") || has_class(value, "hentry")
    })
}

/// The element holding the page's main text.
pub fn main_element(html: &Html) -> Option<ElementRef<'_>> {
    MAIN_CANDIDATES.iter().find_map(|css| first(html, css))
}

/// A page of no known platform: its title, address, date and main text.
pub fn read_article(html: &Html, thread: &mut ThreadAssembler) {
    let title = title(html);
    let url = page_url(html);
    let main = main_element(html);
    let (date, time) = published(html, main);
    let article = main.map(article_text).unwrap_or_default();
    thread.set_thread(ThreadFields {
        title: &title,
        date: date.as_deref(),
        article: &article,
        time,
        url: url.as_deref(),
        ..ThreadFields::default()
    });
}

/// `href` made absolute against the page's address; None when it cannot be.
pub fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.starts_with("https://") || href.starts_with("http://") {
        return Some(href.to_string());
    }
    if href.is_empty() || href.starts_with('#') || href.contains(':') {
        return None;
    }
    let base = base?;
    let scheme_end = base.find("://")? + 3;
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |at| scheme_end + at);
    if let Some(rest) = href.strip_prefix("//") {
        return Some(format!("{}{rest}", &base[..scheme_end]));
    }
    if href.starts_with('/') {
        return Some(format!("{}{href}", &base[..host_end]));
    }
    // Relative to the base's directory (what comes before its last '/', query left out).
    let path_end = base[host_end..]
        .find(['?', '#'])
        .map_or(base.len(), |at| host_end + at);
    let dir_end = base[host_end..path_end]
        .rfind('/')
        .map_or(host_end, |at| host_end + at);
    Some(format!("{}/{href}", &base[..dir_end]))
}

/// Every element `item` picks inside a container `is_container` accepts (a comment list, a
/// comment thread), in page order, with its level: 1 plus how many picked items it is nested
/// in. One walk of the page with a stack of the items open around the current node, so
/// nesting costs nothing.
pub fn nested_items<'a, T>(
    html: &'a Html,
    is_container: impl Fn(&Element) -> bool,
    item: impl Fn(&Element) -> Option<T>,
) -> Vec<(ElementRef<'a>, T, usize)> {
    let mut items = Vec::new();
    let mut containers = 0usize;
    let mut open: Vec<ego_tree::NodeId> = Vec::new();
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Some(element) = node.value().as_element() else {
                    continue;
                };
                if is_container(element) {
                    containers += 1;
                } else if containers > 0
                    && let Some(kind) = item(element)
                    && let Some(found) = ElementRef::wrap(node)
                {
                    items.push((found, kind, open.len() + 1));
                    open.push(node.id());
                }
            }
            Edge::Close(node) => {
                let Some(element) = node.value().as_element() else {
                    continue;
                };
                if is_container(element) {
                    containers = containers.saturating_sub(1);
                } else if open.last() == Some(&node.id()) {
                    open.pop();
                }
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_leave_titles() {
        assert_eq!(
            without_site_name("A post about parsing – Somebody's blog", None),
            "A post about parsing"
        );
        assert_eq!(
            without_site_name("Chuwi | Hacker News", Some("Hacker News")),
            "Chuwi"
        );
        assert_eq!(
            without_site_name("My Blog: the post", Some("My Blog")),
            "My Blog: the post"
        );
        assert_eq!(
            without_site_name("Short - a much longer part", None),
            "Short - a much longer part"
        );
        assert_eq!(without_site_name("Plain title", None), "Plain title");
    }

    #[test]
    fn links_resolve_against_the_page() {
        let base = Some("https://news.ycombinator.com/item?id=1");
        assert_eq!(
            resolve(base, "item?id=2").as_deref(),
            Some("https://news.ycombinator.com/item?id=2")
        );
        assert_eq!(
            resolve(Some("https://e.org/blog/2019/post/"), "/about").as_deref(),
            Some("https://e.org/about")
        );
        assert_eq!(
            resolve(Some("https://e.org/a/b.html"), "c.html").as_deref(),
            Some("https://e.org/a/c.html")
        );
        assert_eq!(resolve(None, "item?id=2"), None);
        assert_eq!(resolve(base, "javascript:void(0)"), None);
        assert_eq!(
            resolve(None, "https://x.org/").as_deref(),
            Some("https://x.org/")
        );
    }
}
