//! Drawing the reader: the layout of panes and which pane shows at which size.
//! Each pane has its own module; all of them draw only what fits on screen.

pub mod commenters;
pub mod help;
pub mod library;
pub mod outline;
pub mod picker;
pub mod reader;
pub mod scrollbar;
pub mod status;
pub mod theme;

use crate::app::{App, Focus, Mode, PromptKind, ScreenLayout, View};
pub use crate::text::thousands;
use crate::thread::Timestamp;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Widget};

/// Below this width the outline and the reader take turns (Tab switches).
pub const TWO_PANE_MIN_WIDTH: u16 = 70;
/// Smaller than this, nothing useful fits.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 4;

/// Where the parts of the screen go.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// Everything above the status line (the help overlay's room).
    pub main: Rect,
    pub outline: Rect,
    pub reader: Rect,
    pub status: Rect,
    /// The outline and the reader take turns on the screen.
    pub single_pane: bool,
}

/// The panes at a screen size, with `focus` deciding which one a narrow screen shows; None
/// when the screen is too small for anything.
pub fn panes(area: Rect, focus: Focus) -> Option<Panes> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let single_pane = area.width < TWO_PANE_MIN_WIDTH;
    let (outline, reader) = if !single_pane {
        let outline_width = (main.width * 2 / 5).clamp(30, 72);
        let [left, right] =
            Layout::horizontal([Constraint::Length(outline_width), Constraint::Fill(1)])
                .areas(main);
        (left, right)
    } else if focus == Focus::Outline {
        (main, Rect::default())
    } else {
        (Rect::default(), main)
    };
    Some(Panes {
        main,
        outline,
        reader,
        status,
        single_pane,
    })
}

/// A frame: the app settles what the screen needs (scroll positions, wrapped text) for this
/// size, then the screen is drawn from the app as it is, and what was laid out is kept for
/// the next keys and clicks.
pub fn render(frame: &mut Frame, app: &mut App) {
    app.prepare(frame.area());
    app.layout = draw(frame, app);
}

/// Draws the whole screen from the app's state, without changing it; returns where things
/// went (for paging and the mouse).
pub fn draw(frame: &mut Frame, app: &App) -> ScreenLayout {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if app.view != View::Thread && area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        let (cursor, list_height) = library::draw(app, area, buf);
        let mut layout = ScreenLayout {
            list_height,
            ..ScreenLayout::default()
        };
        if let Mode::Help { scroll, .. } = app.mode {
            let main = Rect::new(area.x, area.y, area.width, area.height - 1);
            (layout.help_max_scroll, layout.help_page) = help::draw(app, scroll, main, buf);
        }
        if let Some(position) = cursor {
            frame.set_cursor_position(position);
        }
        return layout;
    }
    let Some(panes) = panes(area, app.doc.focus) else {
        draw_too_small(area, buf);
        return ScreenLayout::default();
    };
    let over_panel = matches!(
        app.mode,
        Mode::Help {
            over_panel: true,
            ..
        }
    );
    if app.mode == Mode::Commenters || over_panel {
        let mut layout = ScreenLayout {
            panel_rows: commenters::draw(app, panes.main, buf),
            ..ScreenLayout::default()
        };
        status::draw(app, panes.status, buf);
        if let Mode::Help { scroll, .. } = app.mode {
            (layout.help_max_scroll, layout.help_page) = help::draw(app, scroll, panes.main, buf);
        }
        return layout;
    }
    let mut layout = ScreenLayout {
        outline: panes.outline,
        reader: panes.reader,
        single_pane: panes.single_pane,
        ..ScreenLayout::default()
    };
    (layout.outline_rows, layout.marker_columns) = outline::draw(app, panes.outline, buf);
    let drawn = reader::draw(app, panes.reader, buf);
    (layout.reader_lines, layout.reader_body_rows) = (drawn.body_lines, drawn.body_rows);
    if matches!(app.mode, Mode::Prompt { .. }) && app.doc.prompt.kind == PromptKind::Commenter {
        // Inside the outline's frame (the reader's when it alone shows), which stays whole.
        let pane = if panes.outline.is_empty() {
            panes.reader
        } else {
            panes.outline
        };
        picker::draw(app, pane.inner(ratatui::layout::Margin::new(1, 1)), buf);
    }
    let cursor = status::draw(app, panes.status, buf);
    if let Mode::Help { scroll, .. } = app.mode {
        (layout.help_max_scroll, layout.help_page) = help::draw(app, scroll, panes.main, buf);
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
    layout
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

/// A time as a reader writes it: `2019-08-03 04:11 UTC`, `2019-08-03 06:11 +02:00`, or
/// without a zone when the source gave none.
pub fn readable_time(time: Timestamp) -> String {
    let (_, _, _, hour, minute, _) = time.civil();
    let zone = match time.offset() {
        None => String::new(),
        Some(0) => " UTC".into(),
        Some(offset) => {
            let sign = if offset < 0 { '-' } else { '+' };
            let offset = offset.unsigned_abs();
            format!(" {sign}{:02}:{:02}", offset / 60, offset % 60)
        }
    };
    format!("{} {hour:02}:{minute:02}{zone}", readable_date(time))
}

/// The day of a time: `2019-08-03`.
pub fn readable_date(time: Timestamp) -> String {
    let (year, month, day, ..) = time.civil();
    format!("{year:04}-{month:02}-{day:02}")
}

/// A size as people read it: `812 B`, `1.2 KB`, `34.5 KB`, `2.3 MB` (of 1024).
pub fn size_in_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut size = bytes as f64 / 1024.0;
    let mut unit = 0;
    while size >= 1024.0 && unit + 1 < UNITS.len() {
        size /= 1024.0;
        unit += 1;
    }
    format!("{size:.1} {}", UNITS[unit])
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
    fn sizes_read_in_units() {
        assert_eq!(size_in_bytes(0), "0 B");
        assert_eq!(size_in_bytes(1023), "1023 B");
        assert_eq!(size_in_bytes(1229), "1.2 KB");
        assert_eq!(size_in_bytes(512 * 1024), "512.0 KB");
        assert_eq!(size_in_bytes(2_411_725), "2.3 MB");
    }

    #[test]
    fn times_read_as_a_reader_writes_them() {
        let at = |text| readable_time(Timestamp::parse_iso(text).unwrap());
        assert_eq!(at("2019-08-03T04:11:59+00:00"), "2019-08-03 04:11 UTC");
        assert_eq!(at("2019-08-03T06:11:00+02:00"), "2019-08-03 06:11 +02:00");
        assert_eq!(at("2019-08-03T04:11:00-05:30"), "2019-08-03 04:11 -05:30");
        assert_eq!(at("2019-08-03 04:11:00"), "2019-08-03 04:11");
    }

    #[test]
    fn the_notice_wraps_by_words() {
        assert_eq!(
            word_wrap(TOO_SMALL[1], 12),
            ["Terminal too", "small: make", "it larger (q", "quits)"]
        );
    }
}
