//! The help overlay, generated from the key table so it can never drift from the keys.

use crate::action::Action;
use crate::app::App;
use crate::keymap::Keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::status::hint_label;
use super::theme::Theme;

const KEY_COLUMN: usize = 15;

pub fn lines(theme: Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for section in keymap.help() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            section.title,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for row in section.rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<KEY_COLUMN$}", row.label), theme.help_key()),
                Span::raw(row.description),
            ]));
        }
    }
    lines
}

/// Draws the overlay scrolled by `scroll` (clamped); returns how far it can scroll and its
/// page, so the keys stop where the text does.
pub fn draw(app: &App, scroll: u16, area: Rect, buf: &mut Buffer) -> (u16, u16) {
    let theme = app.theme;
    let lines = lines(theme, &app.keymap);
    let width = (area.width.saturating_sub(4)).min(60);
    let height = (area.height.saturating_sub(2)).min(lines.len() as u16 + 2);
    if width < 10 || height < 3 {
        return (0, 0);
    }
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let max_scroll = (lines.len() as u16 + 2).saturating_sub(height);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .border_type(theme.border_type(true))
                .border_style(theme.border(true))
                .title(" Keys ")
                .title_bottom(footer(app)),
        )
        .scroll((scroll.min(max_scroll), 0))
        .render(popup, buf);
    (max_scroll, height - 2)
}

/// " j k scroll · Esc close ", with the keys the tables give.
fn footer(app: &App) -> String {
    let modes = app.key_modes();
    let mut parts = Vec::new();
    for (actions, what) in [
        (&[Action::Down, Action::Up][..], "scroll"),
        (&[Action::CloseHelp][..], "close"),
    ] {
        if let Some(keys) = hint_label(&app.keymap, &modes, actions) {
            parts.push(format!("{keys} {what}"));
        }
    }
    format!(" {} ", parts.join(" · "))
}
