//! The status line: file, position, folds, the active search with match k of N, a notice,
//! and the keys that matter in the current mode (labels taken from the key table).

use super::theme;
use crate::action::Action;
use crate::app::{App, Focus, Mode};
use crate::keymap::label_of;
use crate::outline::Row;
use crate::text::sanitize::display_width;
use crate::text::wrap::snippet;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

const FILE_NAME_MIN_WIDTH: usize = 90;

/// The hints for the current mode: (keys, what they do).
fn hints(app: &App) -> Vec<(&'static str, &'static str)> {
    match app.mode {
        Mode::Prompt { .. } => vec![("Enter", "keep"), ("Tab", "complete"), ("Esc", "clear")],
        Mode::Help { .. } => vec![("j/k", "scroll"), ("Esc", "close")],
        Mode::Normal if app.focus == Focus::Reader => vec![
            (label_of(Action::Down), "scroll"),
            (label_of(Action::SwitchFocus), "outline"),
            (label_of(Action::Help), "help"),
            ("q", "quit"),
        ],
        Mode::Normal if app.search.is_active() => vec![
            (label_of(Action::NextMatch), "next/prev"),
            (label_of(Action::ToggleFilter), "filter"),
            ("Esc", "clear"),
            (label_of(Action::Help), "help"),
        ],
        Mode::Normal => vec![
            (label_of(Action::FoldOrParent), "fold"),
            (label_of(Action::StartSearch), "search"),
            (label_of(Action::SwitchFocus), "reader"),
            (label_of(Action::Help), "help"),
            ("q", "quit"),
        ],
    }
}

/// Draws the status line; returns where the cursor goes while the prompt is open.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    buf.set_style(area, theme::status());
    let width = area.width as usize;
    let thread = &app.thread;
    let mut left: Vec<Span<'static>> = Vec::new();
    let mut cursor = None;

    if let Mode::Prompt { .. } = app.mode {
        let query = snippet(app.search.query(), width.saturating_sub(20));
        let prompt = format!(" /{query}");
        cursor = Some(Position::new(
            area.x + display_width(&prompt) as u16,
            area.y,
        ));
        left.push(Span::styled(prompt, theme::status_key()));
        left.push(Span::raw(" "));
        left.push(Span::raw(match_summary(app)));
    } else {
        // On narrow screens the keys matter more than the file name.
        if width >= FILE_NAME_MIN_WIDTH {
            left.push(Span::raw(format!(" {} │", snippet(&app.file_name, 30))));
        }
        let position = match app.outline.selected {
            Row::Article => format!("article · {} comments", thread.comment_count()),
            Row::Comment(id) if thread.is_missing(id) => format!("missing · L{}", thread.depth(id)),
            Row::Comment(id) => format!(
                "#{}/{} · L{}",
                thread.ordinal(id),
                thread.comment_count(),
                thread.depth(id)
            ),
        };
        left.push(Span::raw(format!(" {position} ")));
        if app.outline.folded_count() > 0 {
            left.push(Span::raw(format!(
                "│ {} folded ",
                app.outline.folded_count()
            )));
        }
        if app.search.is_active() {
            let filter = if app.outline.filter().is_some() {
                " [filter]"
            } else {
                ""
            };
            left.push(Span::styled(
                format!(
                    "│ /{} {}{filter} ",
                    snippet(app.search.query(), 24),
                    match_summary(app)
                ),
                theme::status_key(),
            ));
        }
        if let Some(notice) = &app.notice {
            left.push(Span::styled(
                format!("│ {} ", snippet(notice, width)),
                theme::notice(),
            ));
        }
    }

    let left_width: usize = left.iter().map(|s| display_width(&s.content)).sum();
    Line::from(left).render(area, buf);

    let mut right: Vec<Span<'static>> = Vec::new();
    let mut right_width = 0;
    for (keys, what) in hints(app) {
        let piece_width = display_width(keys) + display_width(what) + 3;
        if left_width + right_width + piece_width + 1 > width {
            break;
        }
        right_width += piece_width;
        right.push(Span::styled(format!(" {keys}"), theme::status_key()));
        right.push(Span::raw(format!(" {what} ")));
    }
    if right_width > 0 {
        let x = area.x + (width - right_width) as u16;
        Line::from(right).render(Rect::new(x, area.y, right_width as u16, 1), buf);
    }
    cursor.filter(|c| c.x < area.right())
}

/// "3/30" while on a match (match 3 of 30), "-/30" elsewhere, "no match" for none.
fn match_summary(app: &App) -> String {
    let total = app.search.match_count();
    if app.search.query().is_empty() {
        return String::new();
    }
    if total == 0 {
        return "no match".into();
    }
    match app.outline.selected {
        Row::Comment(id) if app.search.is_match(id) => {
            format!("{}/{total}", app.search.match_number(id))
        }
        _ => format!("-/{total}"),
    }
}
