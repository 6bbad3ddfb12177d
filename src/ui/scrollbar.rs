//! A pane's scrollbar drawn from the part of the content on screen: the thumb covers
//! `start..end` of `total`, so it shows the view, not the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

/// Draws on the right border of `pane` (inside its corners) when not everything is shown.
pub fn draw(pane: Rect, buf: &mut Buffer, total: usize, start: usize, end: usize) {
    let end = end.min(total);
    let start = start.min(end);
    if start == 0 && end >= total {
        return;
    }
    // ratatui's scrollbar takes scroll positions: `total - shown + 1` of them, thumb at `start`.
    let shown = (end - start).max(1);
    let mut state = ScrollbarState::new(total - shown + 1)
        .viewport_content_length(shown)
        .position(start);
    Scrollbar::new(ScrollbarOrientation::VerticalRight).render(
        pane.inner(Margin::new(0, 1)),
        buf,
        &mut state,
    );
}
