//! The reader pane: the selected row in full. Wrapped text is cached per (row, width), and
//! only the lines inside the pane are drawn, however long the text.

use super::outline::{MISSING, UNKNOWN_AUTHOR};
use super::theme;
use crate::app::{App, Focus};
use crate::outline::Row;
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width, wrap_text};
use crate::thread::Thread;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Padding, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
    Widget,
};
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

pub fn draw(app: &mut App, area: Rect, buf: &mut Buffer) {
    if app.reader_row != app.outline.selected {
        app.reader_row = app.outline.selected;
        app.reader_scroll = 0;
    }
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Reader;
    let title = match app.reader_row {
        Row::Article => " Article ",
        Row::Comment(_) => " Comment ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .padding(Padding::horizontal(1))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    if width == 0 || inner.height == 0 {
        return;
    }

    let laid = app.reader_cache.wrapped(&app.thread, app.reader_row, width);
    let header = match app.reader_row {
        Row::Article => article_header(&app.thread, width),
        Row::Comment(id) => comment_header(&app.thread, id, laid.replies, width),
    };
    let body = &laid.lines;
    let empty_note = body
        .is_empty()
        .then(|| Line::styled("(no text)", theme::dim()));
    let total = header.len() + body.len() + usize::from(empty_note.is_some());
    app.layout.reader_lines = total;
    let height = inner.height as usize;
    app.reader_scroll = app.reader_scroll.min(total.saturating_sub(height));

    for (offset, index) in (app.reader_scroll..total).take(height).enumerate() {
        let line_area = Rect::new(inner.x, inner.y + offset as u16, inner.width, 1);
        if let Some(line) = header.get(index) {
            line.clone().render(line_area, buf);
        } else if let Some(text) = body.get(index - header.len()) {
            buf.set_stringn(line_area.x, line_area.y, text, width, Style::new());
        } else if let Some(note) = &empty_note {
            note.clone().render(line_area, buf);
        }
    }

    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height) + 1)
            .viewport_content_length(height)
            .position(app.reader_scroll);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
            area.inner(Margin::new(0, 1)),
            buf,
            &mut state,
        );
    }
}

fn rule(width: usize) -> Line<'static> {
    Line::styled("─".repeat(width), theme::dim())
}

fn plural(count: usize, one: &str, many: &str) -> String {
    match count {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{count} {many}"),
    }
}

fn article_header(thread: &Thread, width: usize) -> Vec<Line<'static>> {
    let title = if thread.title().is_empty() {
        "(untitled)"
    } else {
        thread.title()
    };
    let mut lines: Vec<Line<'static>> = wrap_text(title, width)
        .into_iter()
        .map(|line| Line::styled(line, theme::title()))
        .collect();
    let mut facts = Vec::new();
    if let Some(date) = thread.date() {
        facts.push(snippet(date, 40));
    }
    facts.push(plural(thread.comment_count(), "comment", "comments"));
    facts.push(plural(thread.top_level_count(), "thread", "threads"));
    lines.push(Line::styled(
        truncate_to_width(&facts.join(" · "), width).into_owned(),
        theme::dim(),
    ));
    lines.push(rule(width));
    lines
}

fn comment_header(thread: &Thread, id: usize, replies: usize, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let name_line = if thread.is_missing(id) {
        Line::styled(MISSING, theme::dim())
    } else {
        match thread.author(id) {
            Some(author) => Line::styled(snippet(author, width), theme::author(author)),
            None => Line::styled(UNKNOWN_AUTHOR, theme::unknown_author()),
        }
    };
    lines.push(name_line);

    let mut facts = Vec::new();
    if thread.is_missing(id) {
        facts.push("not on the saved page".to_string());
    } else {
        facts.push(format!(
            "#{} of {}",
            thread.ordinal(id),
            thread.comment_count()
        ));
    }
    facts.push(format!("level {}", thread.depth(id)));
    facts.push(plural(replies, "reply", "replies"));
    let below = thread.hidden_by_fold(id);
    if below > replies {
        facts.push(format!("{below} in its sub-thread"));
    }
    lines.push(Line::styled(
        truncate_to_width(&facts.join(" · "), width).into_owned(),
        theme::dim(),
    ));

    if thread.parent(id).is_some() {
        lines.push(reply_chain(thread, id, width));
    }
    lines.push(rule(width));
    lines
}

/// "↳ to Fog of War ← Ashur-ban-them-all ← …": the authors up the chain, nearest first,
/// walking only as far up as the line has room for.
fn reply_chain(thread: &Thread, id: usize, width: usize) -> Line<'static> {
    let mut spans = vec![Span::styled("↳ to ", theme::dim())];
    let mut used = 5;
    for (index, ancestor) in thread.ancestors(id).enumerate() {
        let (name, style) = if thread.is_missing(ancestor) {
            (MISSING.to_string(), theme::dim())
        } else {
            match thread.author(ancestor) {
                Some(author) => (snippet(author, 24), theme::author(author)),
                None => (UNKNOWN_AUTHOR.to_string(), theme::unknown_author()),
            }
        };
        let separator = if index == 0 { "" } else { " ← " };
        let needed = display_width(separator) + display_width(&name);
        if used + needed > width {
            if used + 4 <= width {
                spans.push(Span::styled(" ← …", theme::dim()));
            }
            break;
        }
        used += needed;
        spans.push(Span::styled(separator, theme::dim()));
        spans.push(Span::styled(name, style));
    }
    Line::from(spans)
}
