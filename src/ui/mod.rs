//! Drawing the reader: the layout of panes and which pane shows at which size.
//! Each pane has its own module; all of them draw only what fits on screen.

pub mod help;
pub mod outline;
pub mod reader;
pub mod status;
pub mod theme;

use crate::app::{App, Focus, Mode};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Below this width the outline and the reader take turns (Tab switches).
pub const TWO_PANE_MIN_WIDTH: u16 = 70;
/// Smaller than this, nothing useful fits.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 4;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        app.layout = Default::default();
        draw_too_small(area, buf);
        return;
    }
    let [main, status_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let (outline_area, reader_area) = if area.width >= TWO_PANE_MIN_WIDTH {
        let outline_width = (main.width * 2 / 5).clamp(30, 72);
        let [left, right] =
            Layout::horizontal([Constraint::Length(outline_width), Constraint::Fill(1)])
                .areas(main);
        (left, right)
    } else if app.focus == Focus::Outline {
        (main, Rect::default())
    } else {
        (Rect::default(), main)
    };
    app.layout.outline = outline_area;
    app.layout.reader = reader_area;
    outline::draw(app, outline_area, buf);
    reader::draw(app, reader_area, buf);
    let cursor = status::draw(app, status_area, buf);
    if let Mode::Help { scroll } = app.mode {
        help::draw(scroll, main, buf);
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

fn draw_too_small(area: Rect, buf: &mut Buffer) {
    Paragraph::new("Terminal too small for thread-tui: make it larger (or q to quit)")
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
