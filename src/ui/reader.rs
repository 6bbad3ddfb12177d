//! The reader pane: the selected row in full. Wrapped text is cached per (row, width), and
//! only the lines inside the pane are drawn, however long the text.

use super::outline::{MISSING, NO_TEXT, UNKNOWN_AUTHOR};
use super::theme::{AuthorColours, Theme};
use super::{scrollbar, thousands};
use crate::app::{App, Focus};
use crate::outline::Row;
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width, wrap_text};
use crate::thread::{Status, Thread};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Widget};
use std::rc::Rc;

/// How many wrapped texts stay cached: going back and forth between neighbours is free.
const CACHE_ENTRIES: usize = 8;

#[derive(Default)]
pub struct ReaderCache {
    /// Most recently used last.
    entries: Vec<(Row, usize, Rc<Laid>)>,
}

/// What the reader shows of a row, computed once per row and width.
pub struct Laid {
    pub lines: Vec<String>,
    /// Direct replies (the top-level threads for the article).
    pub replies: usize,
}

impl ReaderCache {
    /// The wrapped body of `row` at `width`, wrapping it only on a miss.
    pub fn wrapped(&mut self, thread: &Thread, row: Row, width: usize) -> Rc<Laid> {
        if let Some(at) = self
            .entries
            .iter()
            .position(|&(r, w, _)| r == row && w == width)
        {
            let entry = self.entries.remove(at);
            let lines = Rc::clone(&entry.2);
            self.entries.push(entry);
            return lines;
        }
        let (text, replies) = match row {
            Row::Article => (thread.article(), thread.top_level_count()),
            Row::Comment(id) => (thread.body(id), thread.children(Some(id)).count()),
        };
        let lines = Rc::new(Laid {
            lines: wrap_text(text, width),
            replies,
        });
        if self.entries.len() == CACHE_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push((row, width, Rc::clone(&lines)));
        lines
    }
}

/// The block around the reader's text: a border and a column of padding each side.
fn block(theme: Theme, focused: bool, row: Row) -> Block<'static> {
    let title = match row {
        Row::Article => " Article ",
        Row::Comment(_) => " Comment ",
    };
    Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .padding(Padding::horizontal(1))
        .title(title)
}

/// The columns the reader's text is wrapped to in `area`.
pub fn text_width(area: Rect) -> usize {
    block(Theme::default(), false, Row::Article)
        .inner(area)
        .width as usize
}

/// Draws the reader's text as `App::prepare` wrapped it; returns how many lines the text
/// has (for scrolling).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> usize {
    if area.is_empty() {
        return 0;
    }
    let theme = app.theme;
    let focused = app.doc.focus == Focus::Reader;
    let block = block(theme, focused, app.doc.reader_row);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    let Some(laid) = app.doc.reader_text.as_ref() else {
        return 0;
    };
    if width == 0 || inner.height == 0 {
        return 0;
    }

    let header = match app.doc.reader_row {
        Row::Article => article_header(theme, &app.doc.thread, width),
        Row::Comment(id) => comment_header(theme, &app.doc.thread, id, laid.replies, width),
    };
    let body = &laid.lines;
    let missing = matches!(app.doc.reader_row, Row::Comment(id) if app.doc.thread.is_missing(id));
    let empty_note = (!missing && body.iter().all(|line| line.trim().is_empty()))
        .then(|| Line::styled(NO_TEXT, theme.dim()));
    // A blank body is replaced by the note, not shown as blank lines above it.
    let body: &[String] = if empty_note.is_some() { &[] } else { body };
    let total = header.len() + body.len() + usize::from(empty_note.is_some());
    let height = inner.height as usize;
    let scroll = app.doc.reader_scroll.min(total.saturating_sub(height));

    for (offset, index) in (scroll..total).take(height).enumerate() {
        let line_area = Rect::new(inner.x, inner.y + offset as u16, inner.width, 1);
        if let Some(line) = header.get(index) {
            line.clone().render(line_area, buf);
        } else if let Some(text) = body.get(index - header.len()) {
            buf.set_stringn(line_area.x, line_area.y, text, width, Style::new());
        } else if let Some(note) = &empty_note {
            note.clone().render(line_area, buf);
        }
    }

    scrollbar::draw(area, buf, total, scroll, scroll + height);
    total
}

fn rule(theme: Theme, width: usize) -> Line<'static> {
    Line::styled("─".repeat(width), theme.dim())
}

fn plural(count: usize, one: &str, many: &str) -> String {
    match count {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{} {many}", thousands(count)),
    }
}

/// Facts joined by " · ", wrapped between facts (a fact wider than the pane is cut).
fn facts_lines(theme: Theme, facts: &[String], width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<String> = Vec::new();
    for fact in facts {
        match lines.last_mut() {
            Some(line) if display_width(line) + 3 + display_width(fact) <= width => {
                line.push_str(" · ");
                line.push_str(fact);
            }
            _ => lines.push(truncate_to_width(fact, width).into_owned()),
        }
    }
    lines
        .into_iter()
        .map(|line| Line::styled(line, theme.dim()))
        .collect()
}

fn article_header(theme: Theme, thread: &Thread, width: usize) -> Vec<Line<'static>> {
    let title = if thread.title().is_empty() {
        "(untitled)"
    } else {
        thread.title()
    };
    let mut lines: Vec<Line<'static>> = wrap_text(title, width)
        .into_iter()
        .map(|line| Line::styled(line, theme.title()))
        .collect();
    let mut facts = Vec::new();
    if let Some(date) = thread.date() {
        facts.push(snippet(date, 40));
    }
    if let Some(author) = thread.article_author() {
        facts.push(format!("by {}", snippet(author, 40)));
    }
    if let Some(time) = thread.article_time() {
        facts.push(time.to_string());
    }
    facts.push(plural(thread.comment_count(), "comment", "comments"));
    facts.push(plural(thread.top_level_count(), "thread", "threads"));
    lines.extend(facts_lines(theme, &facts, width));
    lines.push(rule(theme, width));
    lines
}

/// An author's name as drawn: placeholder, unknown, or the name in its colour.
fn author_span(
    theme: Theme,
    thread: &Thread,
    colours: &mut AuthorColours,
    id: usize,
    max_cols: usize,
) -> Span<'static> {
    if thread.is_missing(id) {
        return Span::styled(MISSING, theme.dim());
    }
    match thread.author(id) {
        Some(author) => Span::styled(snippet(author, max_cols), theme.author(colours.of(id))),
        None => Span::styled(UNKNOWN_AUTHOR, theme.unknown_author()),
    }
}

fn comment_header(
    theme: Theme,
    thread: &Thread,
    id: usize,
    replies: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let mut colours = AuthorColours::new(thread);
    let mut lines = vec![Line::from(author_span(
        theme,
        thread,
        &mut colours,
        id,
        width,
    ))];

    let mut facts = Vec::new();
    if thread.is_missing(id) {
        facts.push("not on the saved page".to_string());
    } else {
        facts.push(format!(
            "#{} of {}",
            thousands(thread.ordinal(id)),
            thousands(thread.comment_count())
        ));
    }
    // Only exports kept with --all-comments hold comments the site does not show.
    if thread.status(id) != Status::Approved {
        facts.push(thread.status(id).name().to_string());
    }
    facts.push(format!("level {}", thread.depth(id)));
    facts.push(plural(replies, "reply", "replies"));
    let below = thread.hidden_by_fold(id);
    if below > replies {
        facts.push(format!("{} in its sub-thread", thousands(below)));
    }
    if let Some(time) = thread.time(id) {
        facts.push(time.to_string());
    }
    lines.extend(facts_lines(theme, &facts, width));

    if thread.parent(id).is_some() {
        lines.push(reply_chain(theme, thread, &mut colours, id, width));
    }
    lines.push(rule(theme, width));
    lines
}

/// "↳ to Fog of War ← Ashur-ban-them-all ← …": the authors up the chain, nearest first,
/// walking only as far up as the line has room for.
fn reply_chain(
    theme: Theme,
    thread: &Thread,
    colours: &mut AuthorColours,
    id: usize,
    width: usize,
) -> Line<'static> {
    let mut spans = vec![Span::styled("↳ to ", theme.dim())];
    let mut used = 5;
    for (index, ancestor) in thread.ancestors(id).enumerate() {
        let name = author_span(theme, thread, colours, ancestor, 24);
        let separator = if index == 0 { "" } else { " ← " };
        let needed = display_width(separator) + display_width(&name.content);
        if used + needed > width {
            if used + 4 <= width {
                spans.push(Span::styled(" ← …", theme.dim()));
            }
            break;
        }
        used += needed;
        spans.push(Span::styled(separator, theme.dim()));
        spans.push(name);
    }
    Line::from(spans)
}
