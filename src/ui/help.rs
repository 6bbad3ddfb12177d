//! The help overlay, generated from the key table so it can never drift from the keys.

use crate::keymap::{Section, bindings};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;

const KEY_COLUMN: usize = 15;

pub fn lines(theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for section in Section::ALL {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            section.title(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for binding in bindings().filter(|b| b.section == section) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {:<KEY_COLUMN$}", binding.label),
                    theme.help_key(),
                ),
                Span::raw(binding.description),
            ]));
        }
    }
    lines
}

/// Draws the overlay scrolled by `scroll` (clamped); returns how far it can scroll and its
/// page, so the keys stop where the text does.
pub fn draw(theme: Theme, scroll: u16, area: Rect, buf: &mut Buffer) -> (u16, u16) {
    let lines = lines(theme);
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
                .title_bottom(" j/k scroll · Esc close "),
        )
        .scroll((scroll.min(max_scroll), 0))
        .render(popup, buf);
    (max_scroll, height - 2)
}
