//! Colours and styles in one place. Author colours come from a hash of the name, so a
//! commenter keeps the same colour in every row and every session.

use ratatui::style::{Color, Modifier, Style};

const AUTHOR_COLORS: [Color; 12] = [
    Color::Cyan,
    Color::Green,
    Color::Yellow,
    Color::Magenta,
    Color::LightBlue,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightMagenta,
    Color::LightCyan,
    Color::Blue,
    Color::Red,
];

/// FNV-1a: tiny, stable across runs and platforms (std's hasher is randomly seeded).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub fn author(name: &str) -> Style {
    let color = AUTHOR_COLORS[(stable_hash(name) % AUTHOR_COLORS.len() as u64) as usize];
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

pub fn unknown_author() -> Style {
    Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn guide() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn snippet() -> Style {
    Style::new()
}

pub fn selected_row() -> Style {
    Style::new()
        .bg(Color::Indexed(236))
        .add_modifier(Modifier::BOLD)
}

pub fn search_match() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn fold_count() -> Style {
    Style::new().fg(Color::Black).bg(Color::Gray)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn status() -> Style {
    Style::new().bg(Color::Indexed(236)).fg(Color::White)
}

pub fn status_key() -> Style {
    Style::new()
        .bg(Color::Indexed(236))
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

pub fn notice() -> Style {
    Style::new()
        .bg(Color::Indexed(236))
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD)
}
