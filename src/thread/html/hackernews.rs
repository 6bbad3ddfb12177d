//! Hacker News item pages: the story (title, link, text, points) in `table.fatitem`, then one
//! `tr.athing.comtr` row per comment in page order. A row's nesting is the `indent` attribute
//! of its `td.ind`, or (older pages) the width of the spacer image in it, 40 pixels a level.
//! Deleted and flagged comments stay as the page shows them.

use super::super::html_text::{Links, element_to_text_without};
use super::super::{CommentFields, Status, ThreadAssembler, ThreadFields, Timestamp};
use super::page::{self, Css, css, first, first_in, has_class, line_text, non_empty, resolve};
use super::{Found, Report};
use scraper::node::Element;
use scraper::{ElementRef, Html};

static ROWS: Css = css!("tr.athing");
static STORY: Css = css!("table.fatitem tr.athing");
static TITLE_LINK: Css = css!(".titleline > a, a.storylink, td.title > a");
static SUBTEXT: Css = css!(".subtext, .subline");
static USER: Css = css!("a.hnuser");
static AGE: Css = css!("span.age");
static SCORE: Css = css!(".score");
static TOPTEXT: Css = css!(".toptext");
static FATITEM_TEXT: Css = css!("table.fatitem .commtext");
static INDENT: Css = css!("td.ind");
static SPACER: Css = css!("td.ind img[width], img[src='s.gif'][width]");
static COMMTEXT: Css = css!(".commtext");
static COMMENT: Css = css!(".comment");
static MORE: Css = css!("a.morelink");
static COMMENTS_LINK: Css = css!(".subtext a, .subline a");

pub fn recognise(html: &Html) -> bool {
    first(html, &ROWS).is_some()
}

/// Pixels of spacer per level on pages without an `indent` attribute.
const SPACER_PER_LEVEL: usize = 40;

pub fn read(html: &Html, thread: &mut ThreadAssembler, report: &mut Report) -> Found {
    let base = page::page_url(html);
    let story = first(html, &STORY);
    read_story(html, story, base.as_deref(), thread);

    let mut count = 0usize;
    let mut unknown_level = 0usize;
    for row in html.select(ROWS.get()) {
        if Some(row) == story || !is_comment_row(row.value()) {
            continue;
        }
        let level = match level(row) {
            Some(level) => level,
            None => {
                unknown_level += 1;
                1
            }
        };
        let comment = read_comment(row, base.as_deref());
        thread.push_at_level(
            level,
            CommentFields {
                author: comment.author.as_deref(),
                body: &comment.body,
                time: comment.time,
                id: row.value().id(),
                url: comment.url.as_deref(),
                status: comment.status,
                ..CommentFields::default()
            },
        );
        count += 1;
    }
    report.skipped(
        unknown_level,
        "comment shows no indentation and was",
        "comments show no indentation and were",
        "read as top level",
    );
    if let Some(total) = story.and_then(comment_total).filter(|&total| total > count) {
        report.note(format!(
            "the story has {total} comments; this page holds {count} of them"
        ));
    } else if first(html, &MORE).is_some() {
        report.note("the discussion goes on past this page (its “More” link): only this page's comments are here");
    }
    if count == 0 && story.is_some() {
        Found::Empty
    } else {
        Found::Read
    }
}

fn is_comment_row(row: &Element) -> bool {
    has_class(row, "comtr") || !has_class(row, "submission")
}

/// The row's level, 1 for a top-level comment.
fn level(row: ElementRef) -> Option<usize> {
    let indent = first_in(row, &INDENT)
        .and_then(|td| td.attr("indent"))
        .and_then(|n| n.trim().parse::<usize>().ok());
    let from_spacer = || {
        first_in(row, &SPACER)
            .and_then(|img| img.attr("width"))
            .and_then(|w| w.trim().parse::<usize>().ok())
            .map(|width| width / SPACER_PER_LEVEL)
    };
    indent.or_else(from_spacer).map(|n| n.saturating_add(1))
}

/// `span.age`'s title: "2026-06-01T00:51:16 1780275076" (the time in UTC without saying so,
/// then Unix seconds), or the time alone on older pages. The Unix seconds say the moment
/// exactly; the time alone is kept without an offset.
fn age_time(age: ElementRef) -> Option<Timestamp> {
    let title = age.attr("title")?;
    let mut parts = title.split_whitespace();
    let iso = parts.next()?;
    let unix = parts.next().and_then(|n| n.parse::<i64>().ok());
    unix.and_then(Timestamp::from_unix)
        .or_else(|| Timestamp::parse_iso(iso))
}

struct Comment {
    author: Option<String>,
    body: String,
    time: Option<Timestamp>,
    url: Option<String>,
    status: Status,
}

fn is_reply_link(element: &Element) -> bool {
    has_class(element, "reply")
}

fn read_comment(row: ElementRef, base: Option<&str>) -> Comment {
    let author = first_in(row, &USER).map(line_text).and_then(non_empty);
    let age = first_in(row, &AGE);
    let time = age.and_then(age_time);
    let url = age
        .and_then(|a| a.descendent_elements().find(|e| e.value().name() == "a"))
        .and_then(|a| a.attr("href"))
        .and_then(|href| resolve(base, href));
    let text = first_in(row, &COMMTEXT).or_else(|| first_in(row, &COMMENT));
    // With addresses: Hacker News shortens the text of long links.
    let body = text
        .map(|e| element_to_text_without(e, Links::WithAddress, is_reply_link))
        .unwrap_or_default();
    let status = if author.is_none() && body == "[deleted]" {
        Status::Deleted
    } else {
        Status::Approved
    };
    Comment {
        author,
        body,
        time,
        url,
        status,
    }
}

/// The story above the comments: its title, link, text, points, submitter and time.
fn read_story(
    html: &Html,
    story: Option<ElementRef>,
    base: Option<&str>,
    thread: &mut ThreadAssembler,
) {
    let title_link = story.and_then(|s| first_in(s, &TITLE_LINK));
    let title = title_link
        .map(line_text)
        .and_then(non_empty)
        .unwrap_or_else(|| page::title(html));
    let link = title_link
        .and_then(|a| a.attr("href"))
        .and_then(|href| resolve(base, href))
        .filter(|link| Some(link.as_str()) != base);
    // The line under the title is the next row of the story's table.
    let subtext = story.and_then(|s| {
        s.next_siblings()
            .filter_map(ElementRef::wrap)
            .find_map(|row| first_in(row, &SUBTEXT))
    });
    let author = subtext
        .and_then(|s| first_in(s, &USER))
        .map(line_text)
        .and_then(non_empty);
    let time = subtext.and_then(|s| first_in(s, &AGE)).and_then(age_time);
    let score = subtext
        .and_then(|s| first_in(s, &SCORE))
        .map(line_text)
        .and_then(|text| text.split_whitespace().next()?.parse::<i64>().ok());
    let text = first(html, &TOPTEXT)
        .or_else(|| first(html, &FATITEM_TEXT))
        .map(|e| element_to_text_without(e, Links::WithAddress, is_reply_link))
        .unwrap_or_default();
    let article = match (&link, text.is_empty()) {
        (Some(link), true) => link.clone(),
        (Some(link), false) => format!("{link}\n\n{text}"),
        (None, _) => text,
    };
    thread.set_thread(ThreadFields {
        title: &title,
        article: &article,
        author: author.as_deref(),
        time,
        id: story.and_then(|s| s.value().id()),
        url: base,
        score,
        ..ThreadFields::default()
    });
}

/// "124 comments" under the story: how many comments the story has in all.
fn comment_total(story: ElementRef) -> Option<usize> {
    let subtext = story
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .find_map(|row| first_in(row, &SUBTEXT))?;
    subtext.select(COMMENTS_LINK.get()).find_map(|a| {
        let text = line_text(a);
        let (number, word) = text.split_once(' ')?;
        (word.starts_with("comment")).then(|| number.parse().ok())?
    })
}
