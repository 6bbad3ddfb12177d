//! Colours and styles in one place, as data: the built-in `dark` and `light` themes are read
//! from `src/themes.toml` (embedded), a user's themes from the configuration file (see
//! config.rs), and a monochrome set for `NO_COLOR` marks the same things with reverse video,
//! underline and bold. Author colours come from a hash of the name, so a commenter keeps
//! one colour wherever possible; a reply whose colour would equal its parent's takes its
//! name's second colour instead.

use crate::thread::Thread;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use std::collections::HashMap;
use std::ops::Range;
use std::str::FromStr;
use toml::Spanned;

/// The most author colours a theme holds (a fixed array keeps `Theme` a small `Copy` value).
pub const MAX_AUTHOR_COLOURS: usize = 32;
/// A reply and its parent need two colours to tell apart.
pub const MIN_AUTHOR_COLOURS: usize = 2;

/// How many author colours the built-in themes have; `AuthorColours::new` assumes it.
const DEFAULT_AUTHOR_COLOURS: usize = 20;

/// FNV-1a: tiny, stable across runs and platforms (std's hasher is randomly seeded).
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A name's first and second colour (indices into a palette of `count`), never equal.
fn colour_choices(name: &str, count: usize) -> (u8, u8) {
    let hash = stable_hash(name);
    let count = count.max(MIN_AUTHOR_COLOURS) as u64;
    let first = hash % count;
    let second = (first + 1 + (hash >> 32) % (count - 1)) % count;
    (first as u8, second as u8)
}

/// The colour each comment's author is drawn in, worked out for the rows of one frame.
/// A comment's colour depends on its parent's only when its first colour could clash with
/// it, so most lookups stop at once; the answers are kept for the rest of the frame.
pub struct AuthorColours<'a> {
    thread: &'a Thread,
    count: usize,
    known: HashMap<usize, Option<u8>>,
}

impl<'a> AuthorColours<'a> {
    /// For the built-in themes' palette.
    pub fn new(thread: &'a Thread) -> Self {
        AuthorColours::with_palette(thread, DEFAULT_AUTHOR_COLOURS)
    }

    /// For a palette of `count` colours.
    pub fn with_palette(thread: &'a Thread, count: usize) -> Self {
        AuthorColours {
            thread,
            count,
            known: HashMap::new(),
        }
    }

    /// Palette choices for the comment's author; None for a placeholder or no author.
    fn choices(&self, id: usize) -> Option<(u8, u8)> {
        if self.thread.is_missing(id) {
            return None;
        }
        self.thread
            .author(id)
            .map(|name| colour_choices(name, self.count))
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
    authors: [Color; MAX_AUTHOR_COLOURS],
    author_count: u8,
    unknown_author: Style,
    dim: Style,
    selected_row: Style,
    search_match: Style,
    fold_count: Style,
    title: Style,
    border: Style,
    border_focused: Style,
    status: Style,
    status_key: Style,
    help_key: Style,
    notice: Style,
}

impl Default for Theme {
    /// The built-in dark theme.
    fn default() -> Self {
        crate::config::defaults()
            .theme("dark")
            .unwrap_or(Theme::MONO)
    }
}

const fn modifier(modifier: Modifier) -> Style {
    Style::new().add_modifier(modifier)
}

impl Theme {
    /// Marks without colour: reverse video, underline, bold, dim; the focused pane gets a
    /// heavier border.
    pub const MONO: Theme = Theme {
        colour: false,
        authors: [Color::Reset; MAX_AUTHOR_COLOURS],
        author_count: 0,
        unknown_author: modifier(Modifier::ITALIC),
        dim: modifier(Modifier::DIM),
        selected_row: modifier(Modifier::REVERSED),
        search_match: modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        fold_count: modifier(Modifier::BOLD),
        title: modifier(Modifier::BOLD),
        border: modifier(Modifier::DIM),
        border_focused: modifier(Modifier::BOLD),
        status: modifier(Modifier::REVERSED),
        status_key: modifier(Modifier::REVERSED.union(Modifier::BOLD)),
        help_key: modifier(Modifier::BOLD),
        notice: modifier(Modifier::REVERSED.union(Modifier::BOLD)),
    };

    /// A colour theme with these author colours (at least `MIN_AUTHOR_COLOURS`, at most
    /// `MAX_AUTHOR_COLOURS`) and, until set, the monochrome styles.
    pub fn with_authors(colours: &[Color]) -> Option<Theme> {
        if !(MIN_AUTHOR_COLOURS..=MAX_AUTHOR_COLOURS).contains(&colours.len()) {
            return None;
        }
        let mut authors = [Color::Reset; MAX_AUTHOR_COLOURS];
        authors[..colours.len()].copy_from_slice(colours);
        Some(Theme {
            colour: true,
            authors,
            author_count: colours.len() as u8,
            ..Theme::MONO
        })
    }

    /// `chosen`, or no colour when `NO_COLOR` is set to anything but the empty string
    /// (no-color.org): it wins over any theme.
    pub fn unless_no_color(chosen: Theme) -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::MONO,
            _ => chosen,
        }
    }

    pub fn has_colour(self) -> bool {
        self.colour
    }

    /// The author colours, in palette order.
    pub fn author_palette(&self) -> &[Color] {
        &self.authors[..usize::from(self.author_count)]
    }

    /// Works out authors' colours for this theme's palette.
    pub fn author_colours(self, thread: &Thread) -> AuthorColours<'_> {
        AuthorColours::with_palette(thread, usize::from(self.author_count))
    }

    /// An author's name; `colour` from [`AuthorColours::of`].
    pub fn author(self, colour: Option<u8>) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match colour.and_then(|index| self.author_palette().get(usize::from(index))) {
            Some(&colour) if self.colour => bold.fg(colour),
            _ => bold,
        }
    }

    pub fn unknown_author(self) -> Style {
        self.unknown_author
    }

    pub fn dim(self) -> Style {
        self.dim
    }

    pub fn guide(self) -> Style {
        self.dim
    }

    pub fn snippet(self) -> Style {
        Style::new()
    }

    pub fn selected_row(self) -> Style {
        self.selected_row
    }

    pub fn search_match(self) -> Style {
        self.search_match
    }

    pub fn fold_count(self) -> Style {
        self.fold_count
    }

    pub fn title(self) -> Style {
        self.title
    }

    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
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
        self.status
    }

    pub fn status_key(self) -> Style {
        self.status_key
    }

    /// A key name inside the help overlay (no status-line background).
    pub fn help_key(self) -> Style {
        self.help_key
    }

    pub fn notice(self) -> Style {
        self.notice
    }
}

/// A colour as a theme file writes it: a name (`darkgray`), `#rrggbb`, or an xterm-256
/// index (`236` or "236").
#[derive(Clone, Copy, Debug)]
struct Colour(Color);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ColourVisitor;
        impl de::Visitor<'_> for ColourVisitor {
            type Value = Colour;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a colour: a name (red, darkgray, lightyellow), \"#rrggbb\" or 0 to 255",
                )
            }
            fn visit_i64<E: de::Error>(self, index: i64) -> Result<Colour, E> {
                u8::try_from(index)
                    .map(|index| Colour(Color::Indexed(index)))
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(index), &self))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Colour, E> {
                Color::from_str(text)
                    .map(Colour)
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(text), &self))
            }
        }
        deserializer.deserialize_any(ColourVisitor)
    }
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ModifierName {
    Bold,
    Dim,
    Italic,
    Underlined,
    Reversed,
    CrossedOut,
}

impl ModifierName {
    fn modifier(self) -> Modifier {
        match self {
            ModifierName::Bold => Modifier::BOLD,
            ModifierName::Dim => Modifier::DIM,
            ModifierName::Italic => Modifier::ITALIC,
            ModifierName::Underlined => Modifier::UNDERLINED,
            ModifierName::Reversed => Modifier::REVERSED,
            ModifierName::CrossedOut => Modifier::CROSSED_OUT,
        }
    }
}

/// A style as a theme file writes it: `{ fg = "black", bg = 236, modifiers = ["bold"] }`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleFile {
    fg: Option<Colour>,
    bg: Option<Colour>,
    #[serde(default)]
    modifiers: Vec<ModifierName>,
}

impl StyleFile {
    fn style(&self) -> Style {
        let mut style = Style::new();
        if let Some(Colour(fg)) = self.fg {
            style = style.fg(fg);
        }
        if let Some(Colour(bg)) = self.bg {
            style = style.bg(bg);
        }
        self.modifiers
            .iter()
            .fold(style, |style, name| style.add_modifier(name.modifier()))
    }
}

/// A `[themes.NAME]` table. Every field is optional: what is left out comes from `base`
/// (a theme of that name, else `dark`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    pub base: Option<Spanned<String>>,
    authors: Option<Spanned<Vec<Colour>>>,
    unknown_author: Option<StyleFile>,
    dim: Option<StyleFile>,
    selected_row: Option<StyleFile>,
    search_match: Option<StyleFile>,
    fold_count: Option<StyleFile>,
    title: Option<StyleFile>,
    border: Option<StyleFile>,
    border_focused: Option<StyleFile>,
    status: Option<StyleFile>,
    status_key: Option<StyleFile>,
    help_key: Option<StyleFile>,
    notice: Option<StyleFile>,
}

impl ThemeFile {
    /// `base` with what this table sets; an error (its span, the message) for a palette
    /// of the wrong size.
    pub fn apply(&self, base: Theme) -> Result<Theme, (Range<usize>, String)> {
        let mut theme = match &self.authors {
            Some(authors) => {
                let colours: Vec<Color> = authors.get_ref().iter().map(|c| c.0).collect();
                let mut theme = Theme::with_authors(&colours).ok_or_else(|| {
                    (
                        authors.span(),
                        format!(
                            "a theme has {MIN_AUTHOR_COLOURS} to {MAX_AUTHOR_COLOURS} author \
                             colours, not {}",
                            colours.len()
                        ),
                    )
                })?;
                theme.copy_styles(&base);
                theme
            }
            None => base,
        };
        theme.colour = true;
        let fields: [(&Option<StyleFile>, &mut Style); 12] = [
            (&self.unknown_author, &mut theme.unknown_author),
            (&self.dim, &mut theme.dim),
            (&self.selected_row, &mut theme.selected_row),
            (&self.search_match, &mut theme.search_match),
            (&self.fold_count, &mut theme.fold_count),
            (&self.title, &mut theme.title),
            (&self.border, &mut theme.border),
            (&self.border_focused, &mut theme.border_focused),
            (&self.status, &mut theme.status),
            (&self.status_key, &mut theme.status_key),
            (&self.help_key, &mut theme.help_key),
            (&self.notice, &mut theme.notice),
        ];
        for (file, style) in fields {
            if let Some(file) = file {
                *style = file.style();
            }
        }
        Ok(theme)
    }
}

impl Theme {
    fn copy_styles(&mut self, from: &Theme) {
        *self = Theme {
            colour: self.colour,
            authors: self.authors,
            author_count: self.author_count,
            ..*from
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_has_two_different_colours() {
        for name in ["Jens Holm", "Dick Von Dast'Ard", "", "x", "Zoë"] {
            for count in [2, 3, 20, 32] {
                let (first, second) = colour_choices(name, count);
                assert_ne!(first, second, "{name}");
                assert!((first as usize) < count && (second as usize) < count);
            }
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
