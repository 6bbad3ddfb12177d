//! The picker under the commenter prompt: the commenters whose name holds what is typed,
//! with their comment counts, most comments first. The arrows and Tab choose one (Enter
//! then tracks exactly that name); the list scrolls to keep the choice in view.

use super::theme::Theme;
use super::thousands;
use crate::app::App;
use crate::text::sanitize::display_width;
use crate::text::wrap::snippet;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

/// Rows of names at most: the thread stays visible above.
const MAX_ROWS: usize = 8;
const MAX_WIDTH: u16 = 48;

/// Draws the picker at the bottom left of `main`.
pub fn draw(app: &App, main: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let prompt = &app.doc.prompt;
    let Some(index) = app.doc.authors.get() else {
        return draw_note(theme, main, buf, "indexing the commenters…");
    };
    if prompt.candidates_for.is_none() {
        return;
    }
    let total = prompt.candidates.len();
    if total == 0 {
        return draw_note(theme, main, buf, "no commenter matches");
    }
    let rows = total
        .min(MAX_ROWS)
        .min(main.height.saturating_sub(2) as usize);
    let width = main.width.min(MAX_WIDTH);
    if rows == 0 || width < 16 {
        return;
    }
    let area = Rect::new(
        main.x,
        main.bottom() - rows as u16 - 2,
        width,
        rows as u16 + 2,
    );
    let title = if total == 1 {
        " 1 commenter ".to_string()
    } else {
        format!(" {} commenters ", thousands(total))
    };
    let block = Block::bordered()
        .border_style(theme.border(true))
        .title(title)
        .title_bottom(" ↓↑ Tab choose · Enter track ");
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    let top = prompt.chosen.map_or(0, |at| (at + 1).saturating_sub(rows));
    let inner_width = inner.width as usize;
    for (offset, &who) in prompt.candidates.iter().skip(top).take(rows).enumerate() {
        let count = thousands(index.stats(who).comments as usize);
        let name_room = inner_width.saturating_sub(display_width(&count) + 2);
        let name = snippet(index.name(&app.doc.thread, who), name_room);
        let pad = inner_width.saturating_sub(display_width(&name) + display_width(&count) + 1);
        let row = Rect::new(inner.x, inner.y + offset as u16, inner.width, 1);
        let chosen = prompt.chosen == Some(top + offset);
        if chosen {
            buf.set_style(row, theme.selected_row());
        }
        let tracked = app.doc.search.is_tracked(who);
        Line::from(vec![
            Span::styled(
                name,
                if tracked {
                    theme.search_match()
                } else {
                    theme.title()
                },
            ),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, theme.dim()),
        ])
        .render(row, buf);
    }
}

fn draw_note(theme: Theme, main: Rect, buf: &mut Buffer, note: &str) {
    let width = (display_width(note) as u16 + 4).min(main.width);
    if main.height < 3 || width < 8 {
        return;
    }
    let area = Rect::new(main.x, main.bottom() - 3, width, 3);
    let block = Block::bordered().border_style(theme.border(true));
    let inner = block.inner(area);
    Clear.render(area, buf);
    block.render(area, buf);
    Line::styled(format!(" {note}"), theme.dim()).render(inner, buf);
}
