//! The outline pane: one row per visible comment with tree guides, fold marker, author
//! and the start of the text. Only the rows on screen are built.

use super::theme;
use crate::app::{App, Focus};
use crate::outline::Row;
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width};
use crate::thread::Thread;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, BorderType, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget,
};

/// Past this many levels the indentation stops growing so names stay readable.
pub const MAX_INDENT_LEVELS: usize = 12;
const MAX_AUTHOR_COLUMNS: usize = 24;
pub const UNKNOWN_AUTHOR: &str = "(unknown)";
pub const MISSING: &str = "[missing comment]";

/// For each level of the path to the current row: does that ancestor have a later sibling
/// (so its guide line continues below)? Updated row by row as the rows go down.
struct Guides {
    continues: Vec<bool>,
}

impl Guides {
    /// The path to the first row on screen, computed once per frame.
    fn starting_at(thread: &Thread, id: usize) -> Self {
        let mut continues: Vec<bool> = std::iter::once(id)
            .chain(thread.ancestors(id))
            .map(|node| thread.next_sibling(node).is_some())
            .collect();
        continues.reverse();
        continues.pop();
        Guides { continues }
    }

    /// Moves to the next row in pre-order: its ancestors are a prefix of the current path.
    fn advance(&mut self, thread: &Thread, id: usize) {
        self.continues.truncate(thread.depth(id) - 1);
    }

    fn push(&mut self, continues: bool) {
        self.continues.push(continues);
    }
}

pub fn draw(app: &mut App, area: Rect, buf: &mut Buffer) {
    app.layout.outline_rows.clear();
    app.layout.marker_columns.clear();
    if area.is_empty() {
        return;
    }
    let focused = app.focus == Focus::Outline;
    let title = match app.outline.filter() {
        Some(_) => " Outline · filtered ",
        None => " Outline ",
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    app.outline.scroll_to_selection(&app.thread, height);
    let rows = app.outline.visible_rows(&app.thread, height);
    let thread = &app.thread;

    let mut guides = match rows.iter().find_map(|row| match row {
        Row::Comment(id) => Some(*id),
        Row::Article => None,
    }) {
        Some(first) => Guides::starting_at(thread, first),
        None => Guides {
            continues: Vec::new(),
        },
    };
    // Leave room for the author: fewer indent levels on narrow panes.
    let indent_levels = MAX_INDENT_LEVELS.min((inner.width as usize / 4).saturating_sub(2));

    for (index, &row) in rows.iter().enumerate() {
        let y = inner.y + index as u16;
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        let selected = row == app.outline.selected;
        let (line, marker_column) = match row {
            Row::Article => (article_line(thread, inner.width as usize), inner.x),
            Row::Comment(id) => {
                guides.advance(thread, id);
                let line = comment_line(app, id, &guides, indent_levels, inner.width as usize);
                guides.push(thread.next_sibling(id).is_some());
                line
            }
        };
        if selected {
            buf.set_style(row_area, theme::selected_row());
        }
        line.render(row_area, buf);
        app.layout.outline_rows.push(row);
        app.layout.marker_columns.push(inner.x + marker_column);
    }

    if thread.len() > height && app.outline.filter().is_none() {
        let position = match app.outline.selected {
            Row::Article => 0,
            Row::Comment(id) => id + 1,
        };
        let mut state = ScrollbarState::new(thread.len() + 1)
            .viewport_content_length(height)
            .position(position);
        Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
            area.inner(Margin::new(0, 1)),
            buf,
            &mut state,
        );
    }
}

fn article_line(thread: &Thread, width: usize) -> Line<'static> {
    let title = if thread.title().is_empty() {
        "(untitled)"
    } else {
        thread.title()
    };
    let title = snippet(title, width.saturating_sub(2));
    Line::from(vec![
        Span::styled("▣ ", theme::dim()),
        Span::styled(title, theme::title()),
    ])
}

/// Builds a comment row; returns it with the column of its fold marker.
fn comment_line(
    app: &App,
    id: usize,
    guides: &Guides,
    indent_levels: usize,
    width: usize,
) -> (Line<'static>, u16) {
    let thread = &app.thread;
    let depth = thread.depth(id);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;

    // Guides: one two-column cell per ancestor level below the top, capped.
    let levels = depth - 1;
    let shown = levels.min(indent_levels);
    let mut guide_text = String::new();
    for level in 1..shown {
        guide_text.push_str(if guides.continues.get(level).copied().unwrap_or(false) {
            "│ "
        } else {
            "  "
        });
    }
    if shown > 0 {
        if levels > shown {
            guide_text.push_str("┄╴");
        } else if thread.next_sibling(id).is_some() {
            guide_text.push_str("├╴");
        } else {
            guide_text.push_str("╰╴");
        }
    }
    used += display_width(&guide_text);
    spans.push(Span::styled(guide_text, theme::guide()));

    let folded = app.outline.shows_folded(id);
    let marker = if !thread.has_children(id) {
        "· "
    } else if folded {
        "▸ "
    } else {
        "▾ "
    };
    let marker_column = used as u16;
    used += 2;
    spans.push(Span::styled(marker, theme::dim()));

    let is_match = app.search.is_match(id);
    let in_context_only = app.outline.filter().is_some() && !is_match;
    let (name, style) = if thread.is_missing(id) {
        (MISSING.to_string(), theme::dim())
    } else {
        match thread.author(id) {
            Some(author) => (snippet(author, MAX_AUTHOR_COLUMNS), theme::author(author)),
            None => (UNKNOWN_AUTHOR.to_string(), theme::unknown_author()),
        }
    };
    let style = if is_match {
        theme::search_match()
    } else if in_context_only {
        theme::dim()
    } else {
        style
    };
    let name = truncate_to_width(&name, width.saturating_sub(used)).into_owned();
    used += display_width(&name);
    spans.push(Span::styled(name, style));

    if folded {
        let count = format!(" +{} ", thread.hidden_by_fold(id));
        if used + display_width(&count) < width {
            used += display_width(&count) + 1;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(count, theme::fold_count()));
        }
    }
    if used + 2 < width && !thread.is_missing(id) {
        let text = snippet(thread.body(id), width - used - 1);
        if !text.is_empty() {
            let text_style = if in_context_only {
                theme::dim()
            } else {
                theme::snippet()
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(text, text_style));
        }
    }
    (Line::from(spans), marker_column)
}
