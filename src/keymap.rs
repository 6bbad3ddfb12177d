//! Keys as data: one table per mode, key -> action, read from `keymap.toml` (embedded) with
//! the user's tables merged over it (config.rs). The help overlay, the status-line hints and
//! the README's key table are all generated from the tables.

use crate::action::{Action, Section};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The default key tables, in the configuration file's `[keys.MODE]` form.
pub const DEFAULT_KEYS: &str = include_str!("keymap.toml");

/// A set of keys that work together. A key is looked up in its mode's table, then in the
/// modes it falls back to (`fallback`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// The outline has focus (and the reader, which falls back to it).
    Outline,
    /// The reader has focus: keys here win over the outline's.
    Reader,
    /// Typing a search or a file name: keys not in the table type themselves.
    Prompt,
    /// The help overlay: keys not in the table close it and do what they do beneath.
    Help,
    /// The library's views (the list, a commenter's comments, the commenters): the
    /// outline's movement and opening keys work too.
    List,
    /// The commenters panel: its own keys, then the ones that work everywhere.
    Panel,
    /// Every view; in the prompt only keys that type nothing.
    Global,
}

impl KeyMode {
    /// In the order the help lists them.
    pub const ALL: [KeyMode; 7] = [
        KeyMode::Outline,
        KeyMode::Reader,
        KeyMode::Prompt,
        KeyMode::Help,
        KeyMode::Panel,
        KeyMode::List,
        KeyMode::Global,
    ];

    /// Where a key not in this mode's table is looked up next.
    pub fn fallback(self) -> Option<KeyMode> {
        match self {
            KeyMode::Reader | KeyMode::List => Some(KeyMode::Outline),
            KeyMode::Outline | KeyMode::Prompt | KeyMode::Panel => Some(KeyMode::Global),
            KeyMode::Help | KeyMode::Global => None,
        }
    }

    /// The heading of this mode's keys in the help; None for the main view, whose keys are
    /// headed by section.
    pub fn title(self) -> Option<&'static str> {
        match self {
            KeyMode::Outline => None,
            KeyMode::Reader => Some("In the reader (the outline's keys work too)"),
            KeyMode::Prompt => Some("In a prompt (a search, a file name)"),
            KeyMode::Help => Some("In the help"),
            KeyMode::List => Some("In the library's lists (the outline's keys move and open)"),
            KeyMode::Panel => Some("In the commenters panel"),
            KeyMode::Global => Some("Everywhere (the prompt types letters)"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyMode::Outline => "outline",
            KeyMode::Reader => "reader",
            KeyMode::Prompt => "prompt",
            KeyMode::Help => "help",
            KeyMode::List => "list",
            KeyMode::Panel => "panel",
            KeyMode::Global => "global",
        }
    }
}

/// A key as the tables hold it: the key code, and whether Ctrl is down. Shift is in the
/// character (`G`); Alt cannot be bound, terminals send it as Esc before the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// Key names in the configuration file, case-insensitive; the first of each is the one
/// the help shows (after the arrows, which show as arrows).
const KEY_NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Del", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Ins", KeyCode::Insert),
    ("Insert", KeyCode::Insert),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgUp", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
];

const ARROWS: [(char, KeyCode); 4] = [
    ('↑', KeyCode::Up),
    ('↓', KeyCode::Down),
    ('←', KeyCode::Left),
    ('→', KeyCode::Right),
];

pub const KEY_SYNTAX: &str = "a character (j, G, ?), a name (enter, esc, tab, backtab, space, \
backspace, delete, insert, home, end, pgup, pgdn, up, down, left, right, f1 to f12), \
or ctrl- before either (ctrl-d)";

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    /// The key of a key press (other modifiers than Ctrl and Shift are not looked at).
    pub fn from_event(event: KeyEvent) -> Key {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Ctrl-D and Ctrl-d are one key to a terminal.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            // Terminals report Shift+letter as the upper-case letter, some with SHIFT too.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            code => code,
        };
        Key { code, ctrl }
    }

    /// Reads a key name (see `KEY_SYNTAX`).
    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("alt-") || lower.starts_with("meta-") {
            return Err(format!(
                "\"{text}\": Alt keys cannot be bound (terminals send them as Esc and the key)"
            ));
        }
        let (ctrl, rest) = match lower.strip_prefix("ctrl-") {
            Some(_) if text.len() > 5 => (true, &text[5..]),
            _ => (false, text),
        };
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => ARROWS
                .iter()
                .find(|(arrow, _)| *arrow == c)
                .map_or(KeyCode::Char(c), |&(_, code)| code),
            _ => named(rest)
                .ok_or_else(|| format!("unknown key \"{text}\": a key is {KEY_SYNTAX}"))?,
        };
        let code = match code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        if let KeyCode::Char(c) = code
            && c.is_control()
        {
            return Err(format!("\"{text}\": a control character is not a key name"));
        }
        Ok(Key { code, ctrl })
    }
}

fn named(name: &str) -> Option<KeyCode> {
    if let Some(number) = name.strip_prefix(['f', 'F'])
        && let Ok(n @ 1..=12) = number.parse::<u8>()
    {
        return Some(KeyCode::F(n));
    }
    KEY_NAMES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|&(_, code)| code)
}

/// How the help and the README write a key: `j`, `G`, `Ctrl-d`, `PgDn`, `↓`, `Space`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if let Some((arrow, _)) = ARROWS.iter().find(|(_, code)| *code == self.code) {
            return write!(f, "{arrow}");
        }
        match self.code {
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            code => {
                let name = KEY_NAMES
                    .iter()
                    .find(|(_, known)| *known == code)
                    .map_or("?", |(name, _)| name);
                f.write_str(name)
            }
        }
    }
}

/// One mode's keys: in the order written (the help lists them so), with an index for
/// lookups. `None` unbinds a key: it does nothing there, and is not looked up further.
#[derive(Clone, Debug, Default)]
struct Table {
    entries: Vec<(Key, Option<Action>)>,
    index: HashMap<Key, Option<Action>>,
}

impl Table {
    /// Binds `key`; a new key goes at `position` of the order (see `Keymap::bind`).
    fn set(&mut self, position: usize, key: Key, action: Option<Action>) {
        match self.index.insert(key, action) {
            Some(_) => {
                if let Some(entry) = self.entries.iter_mut().find(|(k, _)| *k == key) {
                    entry.1 = action;
                }
            }
            None => self
                .entries
                .insert(position.min(self.entries.len()), (key, action)),
        }
    }
}

/// Every mode's table. Cheap to look up (a hash per table on the way), built once at start.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    tables: HashMap<KeyMode, Table>,
}

/// Where a help row goes: its section and its action without a value.
type RowKind = (Section, Action);

/// A row of the help: the keys, written for reading, and what they do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpRow {
    pub label: String,
    pub description: &'static str,
}

/// A heading of the help and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpSection {
    pub title: &'static str,
    pub rows: Vec<HelpRow>,
}

impl Keymap {
    /// The default tables (`keymap.toml`), shared.
    pub fn defaults() -> Arc<Keymap> {
        Arc::clone(&crate::config::defaults().keymap)
    }

    /// Binds `key` in `mode` (None unbinds it there), replacing what it did. A key new to
    /// the table goes at `position` in its order: a user's keys go first, so the hints
    /// show them rather than the defaults they add to.
    pub fn bind(&mut self, mode: KeyMode, position: usize, key: Key, action: Option<Action>) {
        self.tables
            .entry(mode)
            .or_default()
            .set(position, key, action);
    }

    /// The action `key` does in `mode`'s own table: None when the table does not hold it,
    /// Some(None) when it unbinds it.
    pub fn get(&self, mode: KeyMode, key: Key) -> Option<Option<Action>> {
        self.tables.get(&mode)?.index.get(&key).copied()
    }

    /// The tables `modes` stand for, in lookup order: each mode, then its fallbacks.
    fn chain(modes: &[KeyMode]) -> impl Iterator<Item = KeyMode> + '_ {
        modes
            .iter()
            .flat_map(|&mode| std::iter::successors(Some(mode), |m| m.fallback()))
    }

    /// The action of a key press in the first of `modes` that holds the key, each mode
    /// followed by its fallbacks (the help over the reader: `[Help, Reader]`).
    pub fn lookup(&self, modes: &[KeyMode], event: KeyEvent) -> Option<Action> {
        self.lookup_key(modes, Key::from_event(event))
    }

    pub fn lookup_key(&self, modes: &[KeyMode], key: Key) -> Option<Action> {
        Keymap::chain(modes).find_map(|mode| self.get(mode, key))?
    }

    /// The keys that do `action` where `modes` are in force, nearest table first, leaving
    /// out keys a nearer table gives to something else.
    pub fn keys_for(&self, modes: &[KeyMode], action: Action) -> Vec<Key> {
        let mut keys = Vec::new();
        for mode in Keymap::chain(modes) {
            let Some(table) = self.tables.get(&mode) else {
                continue;
            };
            for &(key, bound) in &table.entries {
                if bound == Some(action)
                    && !keys.contains(&key)
                    && self.lookup_key(modes, key) == Some(action)
                {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// The help's headings and rows, mode by mode: the main view's by section, each other
    /// mode's under its own title. Rows follow the order of `Action`; a row's keys the
    /// order they were written.
    pub fn help(&self) -> Vec<HelpSection> {
        let mut sections = Vec::new();
        for mode in KeyMode::ALL {
            let Some(table) = self.tables.get(&mode) else {
                continue;
            };
            // (section, the row's action kind) -> the row's (action, key)s.
            let mut rows: Vec<(RowKind, Vec<(Action, Key)>)> = Vec::new();
            for &(key, bound) in &table.entries {
                let Some(action) = bound else { continue };
                let kind = (action.section(), action.row_kind());
                match rows.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, keys)) => keys.push((action, key)),
                    None => rows.push((kind, vec![(action, key)])),
                }
            }
            rows.sort_by_key(|(kind, _)| *kind);
            for ((section, _), mut keys) in rows {
                let title = mode.title().unwrap_or(section.title());
                let row = HelpRow {
                    label: label(&mut keys),
                    description: keys[0].0.description(),
                };
                match sections.last_mut() {
                    Some(HelpSection { title: last, rows }) if *last == title => rows.push(row),
                    _ => sections.push(HelpSection {
                        title,
                        rows: vec![row],
                    }),
                }
            }
        }
        sections
    }

    /// The key tables as Markdown, as the README shows them (a test keeps them equal).
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        for section in self.help() {
            out.push_str(&format!("| {} | |\n|---|---|\n", section.title));
            for row in section.rows {
                out.push_str(&format!("| `{}` | {} |\n", row.label, row.description));
            }
            out.push('\n');
        }
        out
    }
}

/// The keys of one help row, written out; a run of digit keys bound to their own values
/// (the levels) as `1…9`.
fn label(keys: &mut [(Action, Key)]) -> String {
    keys.sort_by_key(|(action, _)| action.value());
    let digits: Option<Vec<u8>> = keys
        .iter()
        .map(|&(action, key)| match (action.value(), key) {
            (
                Some(value),
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                },
            ) if c.to_digit(10) == Some(u32::from(value)) => Some(value),
            _ => None,
        })
        .collect();
    if let Some(digits) = digits
        && digits.len() >= 3
        && digits.windows(2).all(|pair| pair[1] == pair[0] + 1)
    {
        return format!("{}…{}", digits[0], digits[digits.len() - 1]);
    }
    let written: Vec<String> = keys.iter().map(|(_, key)| key.to_string()).collect();
    written.join(" ")
}

/// The default key tables as Markdown (the README's).
pub fn markdown_table() -> String {
    Keymap::defaults().markdown_table()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Key {
        Key::parse(text).unwrap()
    }

    #[test]
    fn key_names_read_as_keys() {
        assert_eq!(key("j"), Key::plain(KeyCode::Char('j')));
        assert_eq!(key("G"), Key::plain(KeyCode::Char('G')));
        assert_eq!(
            key("ctrl-d"),
            Key {
                code: KeyCode::Char('d'),
                ctrl: true
            }
        );
        assert_eq!(key("Ctrl-D"), key("ctrl-d"));
        assert_eq!(key("pgdn"), Key::plain(KeyCode::PageDown));
        assert_eq!(key("PageDown"), Key::plain(KeyCode::PageDown));
        assert_eq!(key("space"), Key::plain(KeyCode::Char(' ')));
        assert_eq!(key("f1"), Key::plain(KeyCode::F(1)));
        assert_eq!(key("↓"), Key::plain(KeyCode::Down));
        assert_eq!(key("-"), Key::plain(KeyCode::Char('-')));
        assert_eq!(
            key("ctrl--"),
            Key {
                code: KeyCode::Char('-'),
                ctrl: true
            }
        );
        assert_eq!(key("shift-tab"), Key::plain(KeyCode::BackTab));
        for bad in ["", "ctrl-", "f13", "pgdown", "alt-x", "jj", "\u{1b}"] {
            assert!(Key::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn keys_are_written_as_the_help_shows_them() {
        for (name, shown) in [
            ("j", "j"),
            ("ctrl-d", "Ctrl-d"),
            ("pagedown", "PgDn"),
            ("down", "↓"),
            ("space", "Space"),
            ("escape", "Esc"),
            ("f10", "F10"),
        ] {
            assert_eq!(key(name).to_string(), shown);
            // What the help shows reads back as the same key.
            assert_eq!(key(shown), key(name));
        }
    }

    #[test]
    fn keys_map_to_their_actions() {
        let keymap = Keymap::defaults();
        let press = |mode, code, modifiers| keymap.lookup(&[mode], KeyEvent::new(code, modifiers));
        use KeyMode::*;
        assert_eq!(
            press(Outline, KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            press(Outline, KeyCode::Char('J'), KeyModifiers::SHIFT),
            Some(Action::NextSibling)
        );
        assert_eq!(
            press(Outline, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            press(Outline, KeyCode::Char('7'), KeyModifiers::NONE),
            Some(Action::UnfoldToLevel(7))
        );
        assert_eq!(
            press(Reader, KeyCode::Char('l'), KeyModifiers::CONTROL),
            Some(Action::Redraw)
        );
        assert_eq!(press(Outline, KeyCode::Char('x'), KeyModifiers::NONE), None);
        // The prompt's own keys, and the global ones that type nothing.
        assert_eq!(
            press(Prompt, KeyCode::Char('w'), KeyModifiers::CONTROL),
            Some(Action::DeleteWordBefore)
        );
        assert_eq!(
            press(Prompt, KeyCode::Char('z'), KeyModifiers::CONTROL),
            Some(Action::Suspend)
        );
        assert_eq!(
            press(Help, KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::CloseHelp)
        );
    }

    #[test]
    fn a_run_of_levels_is_one_row() {
        let help = Keymap::defaults().help();
        let fold = help.iter().find(|s| s.title == "Fold many").unwrap();
        assert!(
            fold.rows
                .iter()
                .any(|row| row.label == "1…9" && row.description == "unfold down to that level"),
            "{fold:?}"
        );
    }
}
