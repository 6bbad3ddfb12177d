//! The outline pane: one row per visible comment with tree guides, fold marker, author
//! and the start of the text. Only the rows on screen are built.

use super::reader::highlighted;
use super::theme::AuthorColours;
use super::{scrollbar, thousands};
use crate::app::{App, Focus};
use crate::outline::{Outline, Row};
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width};
use crate::thread::Thread;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

/// Past this many levels the indentation stops growing so names stay readable.
pub const MAX_INDENT_LEVELS: usize = 12;
const MAX_AUTHOR_COLUMNS: usize = 24;
pub const UNKNOWN_AUTHOR: &str = "(unknown)";
pub const MISSING: &str = "[missing comment]";
pub const NO_TEXT: &str = "(no text)";

/// For each level of the path to the current row: does that ancestor have a later sibling
/// on screen (so its guide line continues below)? Updated row by row as the rows go down.
struct Guides {
    continues: Vec<bool>,
}

impl Guides {
    /// The path to the first row on screen, computed once per frame.
    fn starting_at(thread: &Thread, outline: &Outline, id: usize) -> Self {
        let mut continues: Vec<bool> = std::iter::once(id)
            .chain(thread.ancestors(id))
            .map(|node| outline.next_sibling(thread, node).is_some())
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

/// The rows inside the outline's border.
pub fn inner_height(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// Draws the outline from the selection and scroll anchor `App::prepare` settled; returns
/// the rows drawn and the column of each one's fold marker (for the mouse).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> (Vec<Row>, Vec<u16>) {
    let mut drawn = Vec::new();
    let mut markers = Vec::new();
    if area.is_empty() {
        return (drawn, markers);
    }
    let theme = app.theme;
    let focused = app.doc.focus == Focus::Outline;
    let title = match app.doc.outline.filter() {
        Some(_) => " Outline · filtered ",
        None => " Outline ",
    };
    let block = Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    let height = inner.height as usize;
    let rows = app.doc.outline.visible_rows(&app.doc.thread, height);
    let thread = &app.doc.thread;
    let mut colours = theme.author_colours(thread);

    let mut guides = match rows.iter().find_map(|row| match row {
        Row::Comment(id) => Some(*id),
        Row::Article => None,
    }) {
        Some(first) => Guides::starting_at(thread, &app.doc.outline, first),
        None => Guides {
            continues: Vec::new(),
        },
    };
    // Leave room for the author: fewer indent levels on narrow panes.
    let indent_levels = MAX_INDENT_LEVELS.min((inner.width as usize / 4).saturating_sub(2));

    for (index, &row) in rows.iter().enumerate() {
        let y = inner.y + index as u16;
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        let selected = row == app.doc.outline.selected;
        let (line, marker_column) = match row {
            Row::Article => (article_line(app, inner.width as usize), inner.x),
            Row::Comment(id) => {
                guides.advance(thread, id);
                let context = RowContext {
                    guides: &guides,
                    indent_levels,
                    width: inner.width as usize,
                };
                let line = comment_line(app, &mut colours, id, &context);
                guides.push(app.doc.outline.next_sibling(thread, id).is_some());
                line
            }
        };
        if selected {
            buf.set_style(row_area, theme.selected_row());
        }
        line.render(row_area, buf);
        drawn.push(row);
        markers.push(inner.x + marker_column);
    }

    if !app.doc.outline.fits(thread, height)
        && let (Some(&first), Some(&last)) = (rows.first(), rows.last())
    {
        // Positions in the file: the thumb covers the comments on screen, folded ones included.
        let start = app.doc.outline.file_span(thread, first).0;
        let end = app.doc.outline.file_span(thread, last).1;
        scrollbar::draw(area, buf, thread.len() + 1, start, end);
    }
    (drawn, markers)
}

fn article_line(app: &App, width: usize) -> Line<'static> {
    let (theme, thread) = (app.theme, &app.doc.thread);
    let title = if thread.title().is_empty() {
        "(untitled)"
    } else {
        thread.title()
    };
    let title = snippet(title, width.saturating_sub(2));
    // The article holds the words searched for: marked like a matching comment.
    let style = if app.doc.search.article_matches() {
        theme.search_match()
    } else {
        theme.title()
    };
    Line::from(vec![
        Span::styled("▣ ", theme.dim()),
        Span::styled(title, style),
    ])
}

/// What every comment row of a frame shares.
struct RowContext<'a> {
    guides: &'a Guides,
    indent_levels: usize,
    width: usize,
}

/// Builds a comment row; returns it with the column of its fold marker.
fn comment_line(
    app: &App,
    colours: &mut AuthorColours,
    id: usize,
    context: &RowContext,
) -> (Line<'static>, u16) {
    let thread = &app.doc.thread;
    let theme = app.theme;
    let width = context.width;
    let depth = thread.depth(id);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;

    // Guides: one two-column cell per ancestor level below the top, capped.
    let levels = depth - 1;
    let shown = levels.min(context.indent_levels);
    let mut guide_text = String::new();
    for level in 1..shown {
        let continues = context.guides.continues.get(level).copied();
        guide_text.push_str(if continues.unwrap_or(false) {
            "│ "
        } else {
            "  "
        });
    }
    if shown > 0 {
        if levels > shown {
            guide_text.push_str("┄╴");
        } else if app.doc.outline.next_sibling(thread, id).is_some() {
            guide_text.push_str("├╴");
        } else {
            guide_text.push_str("╰╴");
        }
    }
    used += display_width(&guide_text);
    spans.push(Span::styled(guide_text, theme.guide()));

    let folded = app.doc.outline.shows_folded(thread, id);
    let marker = if !app.doc.outline.has_visible_replies(thread, id) {
        "· "
    } else if folded {
        "▸ "
    } else {
        "▾ "
    };
    let marker_column = used as u16;
    used += 2;
    spans.push(Span::styled(marker, theme.dim()));

    let is_match = app.doc.search.is_match(id);
    let in_context_only = app.doc.outline.filter().is_some() && !is_match;
    let (name, style) = if thread.is_missing(id) {
        (MISSING.to_string(), theme.dim())
    } else {
        match thread.author(id) {
            Some(author) => (
                snippet(author, MAX_AUTHOR_COLUMNS),
                theme.author(colours.of(id)),
            ),
            None => (UNKNOWN_AUTHOR.to_string(), theme.unknown_author()),
        }
    };
    let style = if is_match {
        theme.search_match()
    } else if in_context_only {
        theme.dim()
    } else {
        style
    };
    let name = truncate_to_width(&name, width.saturating_sub(used)).into_owned();
    used += display_width(&name);
    spans.push(Span::styled(name, style));

    if folded {
        let count = format!(
            " +{} ",
            thousands(app.doc.outline.hidden_by_fold(thread, id))
        );
        if used + display_width(&count) < width {
            used += display_width(&count) + 1;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(count, theme.fold_count()));
        }
        // The matches the fold hides.
        let hidden = app.doc.search.matches_in(id + 1, thread.subtree_end(id));
        let found = format!(" {} found ", thousands(hidden));
        if hidden > 0 && used + display_width(&found) < width {
            used += display_width(&found);
            spans.push(Span::styled(found, theme.search_match()));
        }
    }
    if used + 2 < width && !thread.is_missing(id) {
        let text = snippet(thread.body(id), width - used - 1);
        let (text, text_style) = if text.trim().is_empty() {
            (NO_TEXT.to_string(), theme.dim())
        } else if in_context_only {
            (text, theme.dim())
        } else {
            (text, theme.snippet())
        };
        let text = truncate_to_width(&text, width - used - 1).into_owned();
        spans.push(Span::raw(" "));
        // The words searched for, where the snippet shows them.
        match app.doc.search.text_query() {
            Some(query) if is_match => {
                let found = query.find_all(&text);
                let line = highlighted(&text, 0, &found, text_style, theme.search_match());
                spans.extend(line.spans);
            }
            _ => spans.push(Span::styled(text, text_style)),
        }
    }
    (Line::from(spans), marker_column)
}
