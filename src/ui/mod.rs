//! Drawing the reader: the layout of panes and which pane shows at which size.
//! Each pane has its own module; all of them draw only what fits on screen.

pub mod help;
pub mod outline;
pub mod reader;
pub mod status;
pub mod theme;

pub mod scrollbar;

use crate::app::{App, Focus, Mode};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget};

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
    app.layout.single_pane = area.width < TWO_PANE_MIN_WIDTH;
    let (outline_area, reader_area) = if !app.layout.single_pane {
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
        let (max_scroll, page) = help::draw(app.theme, scroll, main, buf);
        app.layout.help_max_scroll = max_scroll;
        app.layout.help_page = page;
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

/// What the notice says, longest first: the first that fits the screen is shown.
const TOO_SMALL: [&str; 3] = [
    "Terminal too small for thread-tui: make it larger (or q to quit)",
    "Terminal too small: make it larger (q quits)",
    "Terminal too small (q quits)",
];

fn draw_too_small(area: Rect, buf: &mut Buffer) {
    let lines = TOO_SMALL
        .iter()
        .map(|text| word_wrap(text, area.width as usize))
        .find(|lines| lines.len() <= area.height as usize)
        .unwrap_or_else(|| word_wrap(TOO_SMALL[2], area.width as usize));
    Paragraph::new(lines.join("\n")).render(area, buf);
}

/// Greedy word wrap of plain ASCII text; a word longer than the width is cut.
fn word_wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.chars().take(width).collect()),
        }
    }
    lines
}

/// A count with thousands separators: 200,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(200_000), "200,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn the_notice_wraps_by_words() {
        assert_eq!(
            word_wrap(TOO_SMALL[1], 12),
            ["Terminal too", "small: make", "it larger (q", "quits)"]
        );
    }
}
