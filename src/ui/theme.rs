//! Colours and styles in one place, with a monochrome set for `NO_COLOR` that marks the same
//! things with reverse video, underline and bold. Author colours come from a hash of the
//! name, so a commenter keeps one colour wherever possible; a reply whose colour would equal
//! its parent's takes its name's second colour instead.

use crate::thread::Thread;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;
use std::collections::HashMap;

/// xterm-256 colours that read well on a dark background and stay apart from each other.
/// The selection and status line already use the 256-colour palette (236).
const AUTHOR_COLORS: [Color; 20] = [
    Color::Indexed(203), // light red
    Color::Indexed(209), // salmon
    Color::Indexed(214), // orange
    Color::Indexed(220), // gold
    Color::Indexed(186), // khaki
    Color::Indexed(148), // yellow green
    Color::Indexed(77),  // green
    Color::Indexed(43),  // sea green
    Color::Indexed(51),  // cyan
    Color::Indexed(39),  // sky blue
    Color::Indexed(69),  // cornflower
    Color::Indexed(105), // slate blue
    Color::Indexed(141), // purple
    Color::Indexed(171), // orchid
    Color::Indexed(213), // pink
    Color::Indexed(168), // rose
    Color::Indexed(180), // tan
    Color::Indexed(109), // grey blue
    Color::Indexed(150), // pale green
    Color::Indexed(117), // light blue
];

/// FNV-1a: tiny, stable across runs and platforms (std's hasher is randomly seeded).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A name's first and second colour (indices into the palette), never equal.
fn colour_choices(name: &str) -> (u8, u8) {
    let hash = stable_hash(name);
    let count = AUTHOR_COLORS.len() as u64;
    let first = hash % count;
    let second = (first + 1 + (hash >> 32) % (count - 1)) % count;
    (first as u8, second as u8)
}

/// The colour each comment's author is drawn in, worked out for the rows of one frame.
/// A comment's colour depends on its parent's only when its first colour could clash with
/// it, so most lookups stop at once; the answers are kept for the rest of the frame.
pub struct AuthorColours<'a> {
    thread: &'a Thread,
    known: HashMap<usize, Option<u8>>,
}

impl<'a> AuthorColours<'a> {
    pub fn new(thread: &'a Thread) -> Self {
        AuthorColours {
            thread,
            known: HashMap::new(),
        }
    }

    /// Palette choices for the comment's author; None for a placeholder or no author.
    fn choices(&self, id: usize) -> Option<(u8, u8)> {
        if self.thread.is_missing(id) {
            return None;
        }
        self.thread.author(id).map(colour_choices)
    }

    /// The palette index of `id`'s author, or None when it is drawn without one.
    pub fn of(&mut self, id: usize) -> Option<u8> {
        // Climb while the answer depends on the parent's (iteratively: the depth is the input's).
        let mut pending = Vec::new();
        let mut node = id;
        let mut resolved = loop {
            if let Some(&known) = self.known.get(&node) {
                break known;
            }
            let Some((first, _)) = self.choices(node) else {
                break None;
            };
            match self.thread.parent(node).and_then(|p| self.choices(p)) {
                Some((a, b)) if first == a || first == b => {
                    pending.push(node);
                    node = self.thread.parent(node).unwrap_or(node);
                }
                _ => break Some(first),
            }
        };
        self.known.insert(node, resolved);
        while let Some(child) = pending.pop() {
            resolved = self.choices(child).map(|(first, second)| {
                if Some(first) == resolved {
                    second
                } else {
                    first
                }
            });
            self.known.insert(child, resolved);
        }
        resolved
    }
}

/// Every style the reader draws with. `Theme::MONO` uses no colour at all (`NO_COLOR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::COLOUR
    }
}

impl Theme {
    pub const COLOUR: Theme = Theme { colour: true };
    pub const MONO: Theme = Theme { colour: false };

    /// Monochrome when `NO_COLOR` is set to anything but the empty string (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::MONO,
            _ => Theme::COLOUR,
        }
    }

    pub fn has_colour(self) -> bool {
        self.colour
    }

    fn pick(self, colour: Style, mono: Style) -> Style {
        if self.colour { colour } else { mono }
    }

    /// An author's name; `colour` from [`AuthorColours::of`].
    pub fn author(self, colour: Option<u8>) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match colour {
            Some(index) if self.colour => bold.fg(AUTHOR_COLORS[index as usize]),
            _ => bold,
        }
    }

    pub fn unknown_author(self) -> Style {
        let italic = Style::new().add_modifier(Modifier::ITALIC);
        self.pick(italic.fg(Color::Gray), italic)
    }

    pub fn dim(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn guide(self) -> Style {
        self.dim()
    }

    pub fn snippet(self) -> Style {
        Style::new()
    }

    pub fn selected_row(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Indexed(236))
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn search_match(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn fold_count(self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Gray),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        match (self.colour, focused) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().fg(Color::DarkGray),
            (false, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, false) => Style::new().add_modifier(Modifier::DIM),
        }
    }

    /// Without colour the focused pane also gets a heavier line.
    pub fn border_type(self, focused: bool) -> BorderType {
        if focused && !self.colour {
            BorderType::Thick
        } else {
            BorderType::Rounded
        }
    }

    pub fn status(self) -> Style {
        self.pick(
            Style::new().bg(Color::Indexed(236)).fg(Color::White),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn status_key(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Indexed(236))
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// A key name inside the help overlay (no status-line background).
    pub fn help_key(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn notice(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Indexed(236))
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_has_two_different_colours() {
        for name in ["Jens Holm", "Dick Von Dast'Ard", "", "x", "Zoë"] {
            let (first, second) = colour_choices(name);
            assert_ne!(first, second, "{name}");
            assert!((second as usize) < AUTHOR_COLORS.len());
        }
    }

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::MONO;
        for style in [
            t.author(Some(3)),
            t.unknown_author(),
            t.dim(),
            t.selected_row(),
            t.search_match(),
            t.fold_count(),
            t.border(true),
            t.border(false),
            t.status(),
            t.status_key(),
            t.help_key(),
            t.notice(),
        ] {
            assert_eq!(style.fg, None, "{style:?}");
            assert_eq!(style.bg, None, "{style:?}");
        }
    }
}
