//! Blogger (Blogspot) comment sections: `div.comment-thread` lists of `li.comment`, each with
//! `cite.user`, a `.datetime` link and `.comment-content`, its replies in `.comment-replies`.
//! Blogger often shows only the time of day ("21:00"); its link's `showComment=` parameter
//! holds the moment in milliseconds, which is used when it agrees with the time shown.

use super::super::html_text::{Links, element_to_text};
use super::super::{CommentFields, ThreadAssembler, ThreadFields, Timestamp};
use super::page::{self, Css, css, first, has_class, line_text, non_empty};
use super::{Found, Report};
use crate::thread::dates::read_time;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

static THREAD: Css = css!("div.comment-thread");
static POST_TITLE: Css = css!(".post-title");
static POST_BODY: Css = css!(".post-body");
static DATE_HEADER: Css = css!(".date-header");
static POST_TIME: Css =
    css!(".post-timestamp abbr[title], .post-timestamp time[datetime], abbr.published[title]");
static POST_AUTHOR: Css = css!(".post-author .fn, .post-author [itemprop=name]");

pub fn recognise(html: &Html) -> bool {
    first(html, &THREAD).is_some()
}

fn is_comment(element: &Element) -> bool {
    element.name() == "li" && has_class(element, "comment")
}

fn is_thread(element: &Element) -> bool {
    element.name() == "div" && has_class(element, "comment-thread")
}

pub fn read(html: &Html, thread: &mut ThreadAssembler, _report: &mut Report) -> Found {
    let title = first(html, &POST_TITLE)
        .map(line_text)
        .and_then(non_empty)
        .unwrap_or_else(|| page::title(html));
    let date = first(html, &DATE_HEADER).map(line_text).and_then(non_empty);
    let time = first(html, &POST_TIME)
        .and_then(|e| e.attr("title").or_else(|| e.attr("datetime")))
        .and_then(Timestamp::parse_iso)
        .or_else(|| page::published(html, None).1);
    let article = first(html, &POST_BODY)
        .or_else(|| page::main_element(html))
        .map(page::article_text)
        .unwrap_or_default();
    let author = first(html, &POST_AUTHOR).map(line_text).and_then(non_empty);
    let url = page::page_url(html);
    thread.set_thread(ThreadFields {
        title: &title,
        date: date.as_deref(),
        article: &article,
        author: author.as_deref(),
        time,
        url: url.as_deref(),
        ..ThreadFields::default()
    });

    let mut count = 0;
    for (item, level) in comments(html) {
        let comment = read_comment(item);
        thread.push_at_level(
            level,
            CommentFields {
                author: comment.author.as_deref(),
                body: &comment.body,
                time: comment.time,
                id: comment.id,
                url: comment.url,
                ..CommentFields::default()
            },
        );
        count += 1;
    }
    if count == 0 {
        Found::Empty
    } else {
        Found::Read
    }
}

/// Every `li.comment` inside a comment thread, in page order, with its level.
fn comments(html: &Html) -> Vec<(ElementRef<'_>, usize)> {
    page::nested_items(html, is_thread, |element| is_comment(element).then_some(()))
        .into_iter()
        .map(|(item, (), level)| (item, level))
        .collect()
}

struct Comment<'a> {
    author: Option<String>,
    body: String,
    time: Option<Timestamp>,
    id: Option<&'a str>,
    url: Option<&'a str>,
}

/// The comment's own elements: not those of its replies.
fn own_elements(item: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut own = Vec::new();
    let mut stack: Vec<NodeRef<'_, Node>> = item.children().rev().collect();
    while let Some(node) = stack.pop() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let value = element.value();
        if has_class(value, "comment-replies") || is_comment(value) || is_thread(value) {
            continue;
        }
        own.push(element);
        stack.extend(node.children().rev());
    }
    own
}

fn read_comment(item: ElementRef<'_>) -> Comment<'_> {
    let own = own_elements(item);
    let find = |pick: &dyn Fn(&Element) -> bool| own.iter().copied().find(|e| pick(e.value()));
    let author = find(&|e| e.name() == "cite" && has_class(e, "user"))
        .or_else(|| find(&|e| has_class(e, "user")))
        .map(line_text)
        .and_then(non_empty);
    let body = find(&|e| has_class(e, "comment-content"))
        .map(|e| element_to_text(e, Links::TextOnly))
        .unwrap_or_default();
    let datetime = find(&|e| has_class(e, "datetime"));
    let link = datetime.and_then(|d| {
        d.descendent_elements()
            .find(|e| e.value().name() == "a" && e.attr("href").is_some())
    });
    let shown = datetime.map(line_text).unwrap_or_default();
    let href = link.and_then(|a| a.attr("href"));
    let time = read_time(&shown).or_else(|| href.and_then(|h| from_show_comment(h, &shown)));
    let id = item.value().id();
    Comment {
        author,
        body,
        time,
        id,
        url: href.filter(|h| h.starts_with("http")),
    }
}

/// The moment in a permalink's `showComment=1381172401460` (milliseconds since 1970, UTC),
/// in the offset that makes it the time of day shown ("21:00" -> +02:00). None unless the
/// page shows a time of day that agrees with it to the minute (in an offset of whole
/// quarter hours): a number that is not the comment's moment is never taken for it.
fn from_show_comment(href: &str, shown: &str) -> Option<Timestamp> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next()?;
    let millis: i64 = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("showComment="))?
        .parse()
        .ok()?;
    let (hours, minutes) = shown.trim().split_once(':')?;
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.get(..2)?.parse().ok()?);
    if !(0..24).contains(&hours) || !(0..60).contains(&minutes) {
        return None;
    }
    let seconds = millis.div_euclid(1000);
    let utc = Timestamp::from_unix(seconds)?;
    let (_, _, _, h, m, _) = utc.civil();
    let shown_minutes = hours * 60 + minutes;
    let utc_minutes = i64::from(h) * 60 + i64::from(m);
    // The offset east of UTC, between -12:00 and +14:00.
    let mut offset = (shown_minutes - utc_minutes).rem_euclid(24 * 60);
    if offset > 14 * 60 {
        offset -= 24 * 60;
    }
    if offset % 15 != 0 {
        return None;
    }
    let (y, mo, d, h, mi, s) = Timestamp::from_unix(seconds + offset * 60)?.civil();
    Timestamp::from_parts(y, mo, d, h, mi, s, Some(i16::try_from(offset).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_comment_gives_the_moment_in_the_offset_shown() {
        let href = "https://x.blogspot.com/2013/10/p.html?showComment=1381172401460#c42";
        assert_eq!(
            from_show_comment(href, "21:00")
                .map(|t| t.to_string())
                .as_deref(),
            Some("2013-10-07T21:00:01+02:00")
        );
        // West of UTC.
        assert_eq!(
            from_show_comment(href, "15:00")
                .map(|t| t.to_string())
                .as_deref(),
            Some("2013-10-07T15:00:01-04:00")
        );
        // The minutes disagree: not the comment's moment.
        assert_eq!(from_show_comment(href, "21:07"), None);
        assert_eq!(from_show_comment(href, ""), None);
        assert_eq!(from_show_comment("https://x/p.html#c42", "21:00"), None);
        assert_eq!(
            from_show_comment("https://x/p.html?showComment=abc", "21:00"),
            None
        );
    }
}
