//! A comment section as text (a browser copy, a text-browser dump): the page before it (menus,
//! title, article), each comment (header, date line, text, `Reply`), and the page after it
//! (the comment form, navigation, sidebar). The formats find the headers; this reads the rest.

use super::assemble::{CommentFields, ThreadAssembler, ThreadFields};
use super::dates::{self, DateLine};
use super::formats::Report;
use super::lines::{self, TAB_WIDTH, indent_columns, strip_indent};
use super::says;
use super::{Thread, Timestamp};
use std::borrow::Cow;
use std::collections::HashMap;

/// A page's lines, as the format prepared them.
pub struct Page<'a> {
    pub lines: Vec<Cow<'a, str>>,
    /// For each line, the address of the first link on it when the text gives addresses
    /// (lynx's numbered links): a comment's date links to the comment. Empty otherwise.
    pub links: Vec<Option<&'a str>>,
    /// Where the page's own text ends (before lynx's `References`).
    pub end: usize,
}

impl<'a> Page<'a> {
    /// The lines of `text`, without their trailing white space.
    pub fn new(text: &'a str) -> Self {
        Page::from_lines(lines::split_lines(text))
    }

    /// A page of these lines (a head's, split once for every format that sniffs it).
    pub fn from_lines(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let lines: Vec<Cow<str>> = lines
            .into_iter()
            .map(|line| Cow::Borrowed(line.trim_end()))
            .collect();
        let end = lines.len();
        Page {
            lines,
            links: Vec::new(),
            end,
        }
    }

    pub fn line(&self, at: usize) -> &str {
        self.lines.get(at).map_or("", |line| line.as_ref())
    }

    fn is_blank(&self, at: usize) -> bool {
        self.line(at).trim().is_empty()
    }

    /// The first non-blank line at or after `from`, before `end`.
    pub fn next_content(&self, from: usize, end: usize) -> Option<usize> {
        (from..end.min(self.end)).find(|&at| !self.is_blank(at))
    }

    /// The last non-blank line before `before`.
    pub fn previous_content(&self, before: usize) -> Option<usize> {
        (0..before.min(self.end))
            .rev()
            .find(|&at| !self.is_blank(at))
    }

    fn link(&self, at: usize) -> Option<&'a str> {
        self.links.get(at).copied().flatten()
    }
}

/// A comment header a format found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The first line of the header (lynx puts the list number on a line of its own).
    pub first_line: usize,
    /// The line with the name.
    pub line: usize,
    /// 1 = top level.
    pub level: usize,
    pub name: String,
    /// Columns of indentation the comment's lines have, removed from its text.
    pub indent: usize,
}

/// Whether a header-shaped line stands where comment headers stand: a date line follows it,
/// or it follows the end of another comment (`Reply`, a pingback) or the heading above the
/// comments (`50 thoughts on “Robot Arm”`). A line of text that ends in "says:" does
/// neither.
pub fn placed_as_header(page: &Page, first_line: usize, line: usize) -> bool {
    let dated = page
        .next_content(line + 1, page.end)
        .is_some_and(|next| dates::is_date_line(page.line(next)));
    dated
        || page.previous_content(first_line).is_some_and(|before| {
            let before = page.line(before);
            says::is_reply_line(before)
                || says::is_pingback_line(before)
                || says::comments_heading(before).is_some()
        })
}

/// Whether the headers found make a comment section: two or more, or one whose comment ends
/// with a `Reply` line. Sniffing asks this of the file's beginning.
pub fn is_section(page: &Page, headers: &[Header]) -> bool {
    match headers {
        [] => false,
        [only] => (only.line + 1..page.end).any(|at| says::is_reply_line(page.line(at))),
        _ => true,
    }
}

/// Builds the thread: the page before the first header gives the title and the article, each
/// header starts a comment at its level, and the page after the last comment is left out.
pub fn assemble(page: &Page, headers: &[Header], report: &mut Report) -> Thread {
    let mut assembler = ThreadAssembler::new(report.budget());
    let first = headers.first().map_or(page.end, |h| h.first_line);
    let mut counts = Counts::default();
    let before = PageBefore::read(page, first, &mut counts);
    assembler.set_thread(ThreadFields {
        title: &before.title,
        date: before.date.as_deref(),
        article: &before.article,
        time: before.time,
        ..ThreadFields::default()
    });
    for (index, header) in headers.iter().enumerate() {
        let next = headers.get(index + 1).map(|h| h.first_line);
        let comment = read_comment(page, header, next, &mut counts);
        let id = comment.link.and_then(comment_id);
        assembler.push_at_level(
            header.level,
            CommentFields {
                author: Some(&header.name),
                body: &comment.body,
                time: comment.time,
                id,
                url: comment.link.filter(|_| id.is_some()),
                ..CommentFields::default()
            },
        );
    }
    // WordPress counts pingbacks among the comments; comments on other pages of a paged
    // section are not in the file.
    let read = headers.len() + counts.pingbacks;
    if let Some(count) = before.count
        && !headers.is_empty()
        && count as usize != read
    {
        report.note(format!(
            "the page says it has {count} comment{}; {read} {} found{}",
            if count == 1 { "" } else { "s" },
            if read == 1 { "was" } else { "were" },
            if (count as usize) > read {
                " (the others may be on other pages of the comments)"
            } else {
                ""
            }
        ));
    }
    if headers.is_empty() {
        report.note(
            "no comment section found (no \"Name says:\" header followed by a date line or \
             a Reply line): read as an article without comments",
        );
    }
    counts.report(report);
    assembler.finish().0
}

/// `comment-421882` from an address ending `#comment-421882`.
fn comment_id(url: &str) -> Option<&str> {
    let (_, fragment) = url.rsplit_once('#')?;
    let number = fragment.strip_prefix("comment-")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(fragment)
}

/// What was left out or doubtful, said once each.
#[derive(Default)]
struct Counts {
    pingbacks: usize,
    unclear_dates: usize,
    stray_lines: usize,
}

impl Counts {
    fn report(&self, report: &mut Report) {
        report.skipped(
            self.pingbacks,
            "pingback or trackback",
            "pingbacks and trackbacks",
            "left out (links from other pages, not comments)",
        );
        report.skipped(
            self.unclear_dates,
            "comment's date line does",
            "comments' date lines do",
            "not say one point in time (08/03/2019: day or month first?): no time given",
        );
        report.skipped(
            self.stray_lines,
            "line between comments was",
            "lines between comments were",
            "left out (after a comment's Reply line, before the next comment)",
        );
    }
}

/// The page before the comments.
struct PageBefore {
    /// How many comments the heading above them says there are.
    count: Option<u32>,
    title: String,
    date: Option<String>,
    time: Option<Timestamp>,
    article: String,
}

impl PageBefore {
    /// The title is the one the heading above the comments quotes (`50 thoughts on
    /// “Robot Arm”`) and the article what follows the line with that title (the menus before
    /// it are left out). Without such a heading, or when no line has the title, the title is
    /// the first line (after a date line) and the article all that follows: menus included.
    fn read(page: &Page, first_header: usize, counts: &mut Counts) -> PageBefore {
        let heading = (0..first_header)
            .rev()
            .find_map(|at| says::comments_heading(page.line(at)).map(|heading| (at, heading)));
        // The article ends at the heading, or before the pingbacks above the first comment.
        let mut article_end = first_header;
        if let Some((at, _)) = heading {
            for between in at + 1..first_header {
                if says::is_pingback_line(page.line(between)) {
                    counts.pingbacks += 1;
                }
            }
            article_end = at;
        } else {
            while let Some(at) = page.previous_content(article_end) {
                if !says::is_pingback_line(page.line(at)) {
                    break;
                }
                counts.pingbacks += 1;
                article_end = at;
            }
        }
        let quoted = heading.and_then(|(_, heading)| heading.title);
        let title_line = quoted.and_then(|title| {
            (0..article_end)
                .rev()
                .find(|&at| same_text(page.line(at), title))
        });
        let (title, title_at) = match (quoted, title_line) {
            (Some(title), Some(at)) => (title.to_string(), Some(at)),
            (Some(title), None) => (title.to_string(), None),
            (None, _) => match page.next_content(0, article_end) {
                Some(at) => {
                    let line = page.line(at).trim();
                    let after_date = dates::is_date_line(line)
                        .then(|| page.next_content(at + 1, article_end))
                        .flatten();
                    match after_date {
                        Some(title_at) => (page.line(title_at).trim().to_string(), Some(title_at)),
                        None => (line.to_string(), Some(at)),
                    }
                }
                None => (String::new(), None),
            },
        };
        let date_line = title_at
            .and_then(|at| page.previous_content(at))
            .map(|at| page.line(at).trim())
            .filter(|line| dates::is_date_line(line));
        let article_start = title_at.map_or(0, |at| at + 1);
        let article = dedented_paragraphs(page, article_start..article_end);
        PageBefore {
            count: heading.map(|(_, heading)| heading.count),
            title,
            date: date_line.map(str::to_string),
            time: date_line.and_then(dates::read_time),
            article,
        }
    }
}

/// Whether a line reads as `text`, ignoring case (CSS may upper-case a title) and spacing.
fn same_text(line: &str, text: &str) -> bool {
    let mut a = line.split_whitespace().flat_map(|w| w.chars().chain([' ']));
    let mut b = text.split_whitespace().flat_map(|w| w.chars().chain([' ']));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || x.to_lowercase().eq(y.to_lowercase()) => {}
            _ => return false,
        }
    }
}

/// Lines as paragraphs (blank lines between them collapse to one) without the indentation
/// most of them share: lynx indents paragraphs three columns, headings not at all.
fn dedented_paragraphs(page: &Page, range: std::ops::Range<usize>) -> String {
    let mut frequency: HashMap<usize, usize> = HashMap::new();
    for at in range.clone() {
        if !page.is_blank(at) {
            let line = page.line(at);
            *frequency
                .entry(indent_columns(line.as_bytes(), 0..line.len()))
                .or_default() += 1;
        }
    }
    let common = frequency
        .into_iter()
        .max_by_key(|&(indent, count)| (count, std::cmp::Reverse(indent)))
        .map_or(0, |(indent, _)| indent);
    let mut text = Paragraphs::default();
    for at in range {
        text.line(page.line(at), common);
    }
    text.finish()
}

/// Joins lines into paragraphs: lines of one by "\n", paragraphs by "\n\n".
#[derive(Default)]
struct Paragraphs {
    text: String,
    blank_pending: bool,
}

impl Paragraphs {
    fn line(&mut self, line: &str, indent: usize) {
        let line = &line[strip_indent(line.as_bytes(), 0..line.len(), indent)];
        if line.trim().is_empty() {
            self.blank_pending = !self.text.is_empty();
            return;
        }
        if !self.text.is_empty() {
            self.text
                .push_str(if self.blank_pending { "\n\n" } else { "\n" });
        }
        self.text.push_str(line.trim_end());
        self.blank_pending = false;
    }

    fn finish(self) -> String {
        self.text
    }
}

struct Comment<'a> {
    body: String,
    time: Option<Timestamp>,
    /// Where the date line links: the comment's own address.
    link: Option<&'a str>,
}

/// The date line at `at`, if it is one: its time when it reads unambiguously (an unclear one
/// is counted), and where it links.
fn date_at<'a>(
    page: &Page<'a>,
    at: usize,
    counts: &mut Counts,
) -> Option<(Option<Timestamp>, Option<&'a str>)> {
    match dates::read(page.line(at)) {
        DateLine::No => None,
        DateLine::Unclear => {
            counts.unclear_dates += 1;
            Some((None, None))
        }
        DateLine::At(when) => Some((Some(when), page.link(at))),
    }
}

/// Reads the comment of `header`, up to the next header's first line (or the end of the
/// page): its date line, then its text up to its `Reply` line (a theme that shows the date
/// below the text puts it last). What follows the `Reply` line is not the comment's:
/// pingbacks, or (after the last comment) the comment form.
fn read_comment<'a>(
    page: &Page<'a>,
    header: &Header,
    next: Option<usize>,
    counts: &mut Counts,
) -> Comment<'a> {
    let end = next.unwrap_or(page.end).min(page.end);
    let mut at = header.line + 1;
    let mut date = None;
    if let Some(first) = page.next_content(at, end)
        && let Some(found) = date_at(page, first, counts)
    {
        date = Some(found);
        at = first + 1;
    }
    let has_reply = (at..end).any(|line| says::is_reply_line(page.line(line)));
    let header_indent = {
        let line = page.line(header.first_line);
        indent_columns(line.as_bytes(), 0..line.len())
    };
    let mut body_lines: Vec<usize> = Vec::new();
    let mut after_body = end;
    for line_at in at..end {
        let line = page.line(line_at);
        if says::is_reply_line(line) || says::is_pingback_line(line) {
            after_body = line_at;
            break;
        }
        if next.is_none() && !has_reply && !line.trim().is_empty() {
            // The last comment, in a theme without Reply lines: it ends where the page after
            // the comments starts, or where a line is less indented than its header.
            let indent = indent_columns(line.as_bytes(), 0..line.len());
            if says::is_section_end(line) || indent < header_indent {
                after_body = line_at;
                break;
            }
        }
        if !says::is_comment_furniture(line) {
            body_lines.push(line_at);
        }
    }
    if date.is_none()
        && let Some(last) = body_lines.iter().rposition(|&l| !page.is_blank(l))
        && let Some(found) = date_at(page, body_lines[last], counts)
    {
        date = Some(found);
        body_lines.truncate(last);
    }
    let mut body = Paragraphs::default();
    for line_at in body_lines {
        body.line(page.line(line_at), header.indent);
    }
    if next.is_some() {
        for line_at in after_body..end {
            let line = page.line(line_at);
            if says::is_pingback_line(line) {
                counts.pingbacks += 1;
            } else if !(line.trim().is_empty() || says::is_reply_line(line)) {
                counts.stray_lines += 1;
            }
        }
    } else {
        // After the last comment: pingbacks listed below it, then the page after the comments.
        for line_at in after_body..end {
            let line = page.line(line_at);
            if says::is_section_end(line) {
                break;
            }
            if says::is_pingback_line(line) {
                counts.pingbacks += 1;
            }
        }
    }
    let (time, link) = date.unwrap_or_default();
    Comment {
        body: body.finish(),
        time,
        link,
    }
}

/// The column where a line's text starts after `prefix_bytes` bytes of it (tabs expanded).
pub fn column_of(line: &str, prefix_bytes: usize) -> usize {
    let mut columns = 0;
    for c in line[..prefix_bytes.min(line.len())].chars() {
        columns = if c == '\t' {
            (columns / TAB_WIDTH + 1) * TAB_WIDTH
        } else {
            columns + 1
        };
    }
    columns
}

/// Levels from indentation: a header more indented than the open one above it is its reply;
/// the step is whatever the file uses.
#[derive(Default)]
pub struct Levels {
    open: Vec<usize>,
}

impl Levels {
    pub fn level(&mut self, column: usize) -> usize {
        while self.open.last().is_some_and(|&open| open >= column) {
            self.open.pop();
        }
        self.open.push(column);
        self.open.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_indentation_whatever_the_step() {
        let mut levels = Levels::default();
        let found: Vec<usize> = [1, 1, 5, 9, 5, 1, 4]
            .into_iter()
            .map(|c| levels.level(c))
            .collect();
        assert_eq!(found, [1, 1, 2, 3, 2, 1, 2]);
    }

    #[test]
    fn titles_match_ignoring_case_and_spacing() {
        assert!(same_text("  ROBOT  ARM ", "Robot Arm"));
        assert!(!same_text("Robot Arms", "Robot Arm"));
        assert!(!same_text("", "Robot Arm"));
    }

    #[test]
    fn comment_ids_come_from_comment_anchors() {
        assert_eq!(
            comment_id("https://example.org/post/#comment-421882"),
            Some("comment-421882")
        );
        assert_eq!(comment_id("https://example.org/post/#respond"), None);
        assert_eq!(comment_id("https://example.org/post/"), None);
    }
}
