//! WordPress comment sections: `ol.comment-list` (older themes `ol.commentlist`, some `ul`)
//! of `li.comment` items, each with `.comment-author .fn`, a localised `.says`, a time in
//! `.comment-metadata` (or `.commentmetadata`), the text in `.comment-content` (or the
//! paragraphs of `.comment-body`), a Reply link, and its replies in `ol.children`.
//! Pingbacks and trackbacks are list items too, but not comments.

use super::super::html_text::{Links, element_to_text_without};
use super::super::{CommentFields, ThreadAssembler, ThreadFields, Timestamp};
use super::page::{self, Css, css, first, has_class, line_text, non_empty};
use super::{Found, Report};
use crate::thread::dates::read_time;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

static COMMENT_LIST: Css = css!(
    "ol.comment-list, ol.commentlist, ul.comment-list, ul.commentlist, div.comment-list, \
     div.commentlist"
);
/// The post's text: `.entry-content`, or `.entry` in older themes.
static ARTICLE: Css = css!(".entry-content, .entry, .post-content");
static BYLINE_AUTHOR: Css = css!(".byline .author .fn, .byline .author a, .entry-meta .author a");

fn is_comment_list(element: &Element) -> bool {
    matches!(element.name(), "ol" | "ul" | "div")
        && (has_class(element, "comment-list") || has_class(element, "commentlist"))
}

/// What a list item in a comment list is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Item {
    Comment,
    /// A pingback or trackback: a link from another page.
    Ping,
}

fn item_kind(element: &Element) -> Option<Item> {
    if element.name() != "li" {
        return None;
    }
    if has_class(element, "pingback") || has_class(element, "trackback") {
        Some(Item::Ping)
    } else if has_class(element, "comment") {
        Some(Item::Comment)
    } else {
        None
    }
}

pub fn recognise(html: &Html) -> bool {
    first(html, &COMMENT_LIST).is_some()
}

pub fn read(html: &Html, thread: &mut ThreadAssembler, report: &mut Report) -> Found {
    let title = page::title(html);
    let url = page::page_url(html);
    let content = first(html, &ARTICLE);
    // The byline and date are looked for in the post only, not in the comments below it.
    let post = content.and_then(page::post_around);
    let (date, time) = page::published(html, post);
    let article = content.map(page::article_text).unwrap_or_default();
    let author = post
        .and_then(|post| page::first_in(post, &BYLINE_AUTHOR))
        .map(line_text)
        .and_then(non_empty);
    thread.set_thread(ThreadFields {
        title: &title,
        date: date.as_deref(),
        article: &article,
        author: author.as_deref(),
        time,
        url: url.as_deref(),
        ..ThreadFields::default()
    });

    let items = list_items(html);
    let mut pings = 0;
    for (item, kind, level) in &items {
        match kind {
            Item::Ping => pings += 1,
            Item::Comment => {
                let comment = read_comment(*item);
                thread.push_at_level(
                    *level,
                    CommentFields {
                        author: comment.author.as_deref(),
                        body: &comment.body,
                        time: comment.time,
                        id: comment.id.as_deref(),
                        url: comment.url.as_deref(),
                        ..CommentFields::default()
                    },
                );
            }
        }
    }
    report.skipped(
        pings,
        "pingback or trackback was",
        "pingbacks and trackbacks were",
        "left out (links from other pages, not comments)",
    );
    if items.len() == pings {
        Found::Empty
    } else {
        Found::Read
    }
}

/// Every comment, pingback and trackback in the page's comment lists, in page order, with its
/// level (1 = top level).
fn list_items(html: &Html) -> Vec<(ElementRef<'_>, Item, usize)> {
    page::nested_items(html, is_comment_list, item_kind)
}

struct Comment {
    author: Option<String>,
    body: String,
    time: Option<Timestamp>,
    id: Option<String>,
    url: Option<String>,
}

/// Parts of a comment that are not its text.
fn is_comment_furniture(element: &Element) -> bool {
    element.classes().any(|class| {
        matches!(
            class,
            "comment-author"
                | "vcard"
                | "comment-meta"
                | "comment-metadata"
                | "commentmetadata"
                | "reply"
                | "comment-reply-link"
                | "says"
                | "comment-awaiting-moderation"
                | "avatar"
                | "children"
                | "comment-edit-link"
        )
    }) || item_kind(element).is_some()
        || page::is_page_furniture(element)
}

/// Where the comment's date and permalink are (`comment-meta` alone wraps the author too).
fn is_metadata(element: &Element) -> bool {
    has_class(element, "comment-metadata") || has_class(element, "commentmetadata")
}

/// The parts of a comment, found in one walk of its own elements (not its replies').
#[derive(Default)]
struct Parts<'a> {
    name: Option<ElementRef<'a>>,
    author: Option<ElementRef<'a>>,
    time: Option<ElementRef<'a>>,
    date_link: Option<ElementRef<'a>>,
    content: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
    /// `div id="comment-123"`, which older themes wrap a comment in.
    wrapper: Option<ElementRef<'a>>,
    id: Option<String>,
}

/// Walks the comment's subtree with an explicit stack, without entering nested comment lists
/// and items, nor the parts whose inside does not matter here (the text, the name, images).
fn parts(item: ElementRef<'_>) -> Parts<'_> {
    let mut parts = Parts {
        id: item.value().id().and_then(normalise_id),
        ..Parts::default()
    };
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = Vec::new();
    push_children(&mut stack, *item, false);
    while let Some((node, in_meta)) = stack.pop() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let value = element.value();
        if item_kind(value).is_some() || has_class(value, "children") || value.name() == "img" {
            continue;
        }
        let in_meta = in_meta || is_metadata(value);
        if in_meta && value.name() == "time" {
            parts.time = parts.time.or(Some(element));
        }
        if in_meta && value.name() == "a" && value.attr("href").is_some() {
            parts.date_link = parts.date_link.or(Some(element));
        }
        if parts.id.is_none() {
            parts.id = value.id().and_then(normalise_id);
        }
        if has_class(value, "fn") {
            parts.name = parts.name.or(Some(element));
            continue;
        }
        if has_class(value, "comment-content") {
            parts.content = parts.content.or(Some(element));
            continue;
        }
        if has_class(value, "comment-author") {
            parts.author = parts.author.or(Some(element));
        }
        if has_class(value, "comment-body") {
            parts.body = parts.body.or(Some(element));
        }
        if value.name() == "div" && value.id().and_then(normalise_id).is_some() {
            parts.wrapper = parts.wrapper.or(Some(element));
        }
        push_children(&mut stack, node, in_meta);
    }
    parts
}

/// Children go on the stack so that the first comes off first.
fn push_children<'a>(
    stack: &mut Vec<(NodeRef<'a, Node>, bool)>,
    node: NodeRef<'a, Node>,
    in_meta: bool,
) {
    let start = stack.len();
    stack.extend(node.children().map(|child| (child, in_meta)));
    stack[start..].reverse();
}

fn read_comment(item: ElementRef) -> Comment {
    let parts = parts(item);
    let author = parts
        .name
        .map(line_text)
        .or_else(|| {
            parts.author.map(|e| {
                let text = element_to_text_without(e, Links::TextOnly, |inner| {
                    has_class(inner, "says") || has_class(inner, "avatar")
                });
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
        })
        .and_then(non_empty);
    let time = parts
        .time
        .and_then(|t| t.attr("datetime"))
        .and_then(Timestamp::parse_iso)
        .or_else(|| {
            parts
                .time
                .or(parts.date_link)
                .and_then(|e| read_time(&line_text(e)))
        });
    let url = parts
        .date_link
        .and_then(|a| a.attr("href"))
        .map(str::trim)
        .filter(|href| href.starts_with("http"))
        .map(str::to_string);
    // The text: `.comment-content`, else the paragraphs of `.comment-body` (or of the
    // wrapper older themes have) without their furniture.
    let body = match parts.content.or(parts.body).or(parts.wrapper) {
        Some(element) => element_to_text_without(element, Links::TextOnly, is_comment_furniture),
        // The text straight in the item: each part of it, so the item's list marker is not.
        None => item
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| !is_comment_furniture(e.value()))
            .map(|e| element_to_text_without(e, Links::TextOnly, is_comment_furniture))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    };
    Comment {
        author,
        body,
        time,
        id: parts.id,
        url,
    }
}

/// `comment-123` from the ids themes give a comment's item and its parts.
fn normalise_id(id: &str) -> Option<String> {
    let number = id
        .strip_prefix("li-comment-")
        .or_else(|| id.strip_prefix("div-comment-"))
        .or_else(|| id.strip_prefix("comment-"))?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("comment-{number}"))
}
