//! The one key table: keys -> actions with a description each. The help overlay, the
//! status-line hints and the README's key table are all generated from it.

use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Move,
    Tree,
    Fold,
    Search,
    Conversation,
    Prompt,
    Panel,
    Other,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Move,
        Section::Tree,
        Section::Fold,
        Section::Search,
        Section::Conversation,
        Section::Prompt,
        Section::Panel,
        Section::Other,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Move (in the reader: scroll)",
            Section::Tree => "Tree",
            Section::Fold => "Fold many",
            Section::Search => "Search and follow",
            Section::Conversation => "Conversations",
            Section::Prompt => "In the search prompt",
            Section::Panel => "In the commenters panel (and the move keys)",
            Section::Other => "Other",
        }
    }
}

/// A key with its modifiers. Shift is folded into the character for letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn on(code: KeyCode, action: Action) -> (Key, Action) {
    (Key { code, ctrl: false }, action)
}

const fn ctrl(c: char, action: Action) -> (Key, Action) {
    (
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        },
        action,
    )
}

const fn ch(c: char, action: Action) -> (Key, Action) {
    on(KeyCode::Char(c), action)
}

pub struct Binding {
    pub section: Section,
    /// How the keys are written in help and README.
    pub label: &'static str,
    pub description: &'static str,
    /// The keys and what each does; empty for prompt keys, which edit text instead.
    pub keys: &'static [(Key, Action)],
}

const fn bind(
    section: Section,
    label: &'static str,
    description: &'static str,
    keys: &'static [(Key, Action)],
) -> Binding {
    Binding {
        section,
        label,
        description,
        keys,
    }
}

use Action as A;
use KeyCode as K;
use Section as S;

pub const KEYMAP: &[Binding] = &[
    bind(
        S::Move,
        "j ↓",
        "next row",
        &[ch('j', A::Down), on(K::Down, A::Down)],
    ),
    bind(
        S::Move,
        "k ↑",
        "previous row",
        &[ch('k', A::Up), on(K::Up, A::Up)],
    ),
    bind(
        S::Move,
        "PgDn PgUp",
        "page down / up",
        &[on(K::PageDown, A::PageDown), on(K::PageUp, A::PageUp)],
    ),
    bind(
        S::Move,
        "Ctrl-d Ctrl-u",
        "half a page down / up",
        &[ctrl('d', A::HalfPageDown), ctrl('u', A::HalfPageUp)],
    ),
    bind(
        S::Move,
        "g Home",
        "first row (the article)",
        &[ch('g', A::First), on(K::Home, A::First)],
    ),
    bind(
        S::Move,
        "G End",
        "last row",
        &[ch('G', A::Last), on(K::End, A::Last)],
    ),
    bind(
        S::Tree,
        "h ←",
        "fold, or go to the parent",
        &[ch('h', A::FoldOrParent), on(K::Left, A::FoldOrParent)],
    ),
    bind(
        S::Tree,
        "l →",
        "unfold, or go to the first reply",
        &[ch('l', A::UnfoldOrChild), on(K::Right, A::UnfoldOrChild)],
    ),
    bind(
        S::Tree,
        "Space",
        "fold / unfold (in the reader: page down)",
        &[ch(' ', A::ToggleFold)],
    ),
    bind(
        S::Tree,
        "Enter",
        "fold / unfold (narrow screen: read it)",
        &[on(K::Enter, A::ToggleFoldOrRead)],
    ),
    bind(S::Tree, "p", "parent", &[ch('p', A::Parent)]),
    bind(
        S::Tree,
        "J K",
        "next / previous sibling",
        &[ch('J', A::NextSibling), ch('K', A::PrevSibling)],
    ),
    bind(
        S::Tree,
        "} {",
        "next / previous top-level thread",
        &[ch('}', A::NextThread), ch('{', A::PrevThread)],
    ),
    bind(
        S::Fold,
        "z",
        "fold all to top-level threads",
        &[ch('z', A::FoldAll)],
    ),
    bind(S::Fold, "Z", "unfold all", &[ch('Z', A::UnfoldAll)]),
    bind(
        S::Fold,
        "1…9",
        "unfold down to that level",
        &[
            ch('1', A::UnfoldToLevel(1)),
            ch('2', A::UnfoldToLevel(2)),
            ch('3', A::UnfoldToLevel(3)),
            ch('4', A::UnfoldToLevel(4)),
            ch('5', A::UnfoldToLevel(5)),
            ch('6', A::UnfoldToLevel(6)),
            ch('7', A::UnfoldToLevel(7)),
            ch('8', A::UnfoldToLevel(8)),
            ch('9', A::UnfoldToLevel(9)),
        ],
    ),
    bind(
        S::Fold,
        "-",
        "fold the whole sub-thread",
        &[ch('-', A::FoldSubtree)],
    ),
    bind(
        S::Fold,
        "+ =",
        "unfold the whole sub-thread",
        &[ch('+', A::UnfoldSubtree), ch('=', A::UnfoldSubtree)],
    ),
    bind(
        S::Search,
        "/",
        "search by commenter name",
        &[ch('/', A::StartSearch)],
    ),
    bind(
        S::Search,
        "t",
        "search the text (what A wrote about it, with a commenter)",
        &[ch('t', A::StartTextSearch)],
    ),
    bind(
        S::Search,
        "a",
        "track this comment's author (again: stop)",
        &[ch('a', A::TrackAuthor)],
    ),
    bind(
        S::Search,
        "n N",
        "next / previous match",
        &[ch('n', A::NextMatch), ch('N', A::PrevMatch)],
    ),
    bind(
        S::Search,
        "f",
        "only matches (and their context) / all",
        &[ch('f', A::ToggleFilter)],
    ),
    bind(
        S::Conversation,
        "r",
        "read it in context: the chain it answers as one text",
        &[ch('r', A::Context)],
    ),
    bind(
        S::Conversation,
        "e",
        "the exchange between its author and the one it answers",
        &[ch('e', A::Exchange)],
    ),
    bind(
        S::Conversation,
        "c",
        "commenters: who talks most, and to whom",
        &[ch('c', A::Commenters)],
    ),
    bind(
        S::Prompt,
        "↓ ↑ Tab",
        "choose a commenter from the list",
        &[],
    ),
    bind(
        S::Prompt,
        "Enter",
        "track the chosen commenter, or keep the search",
        &[],
    ),
    bind(S::Prompt, "← → Home End", "move the cursor", &[]),
    bind(
        S::Prompt,
        "Ctrl-u Ctrl-w",
        "delete to the start / the word before",
        &[],
    ),
    bind(S::Prompt, "Esc", "give back the search as it was", &[]),
    bind(
        S::Other,
        "Tab",
        "focus outline / reader",
        &[on(K::Tab, A::SwitchFocus), on(K::BackTab, A::SwitchFocus)],
    ),
    bind(S::Other, "?", "help", &[ch('?', A::Help)]),
    bind(
        S::Other,
        "Esc",
        "close help, leave context or exchange, clear the search",
        &[on(K::Esc, A::Escape)],
    ),
    bind(
        S::Other,
        "Ctrl-l",
        "repaint the screen",
        &[ctrl('l', A::Redraw)],
    ),
    bind(
        S::Other,
        "Ctrl-z",
        "suspend (fg to come back)",
        &[ctrl('z', A::Suspend)],
    ),
    bind(
        S::Other,
        "q Ctrl-c",
        "quit",
        &[ch('q', A::Quit), ctrl('c', A::Quit)],
    ),
];

/// The commenters panel's own keys; the move keys, help and quit work there too.
pub const PANEL_KEYMAP: &[Binding] = &[
    bind(
        S::Panel,
        "h l ← →",
        "sort by the column to the left / right",
        &[
            ch('h', A::SortPrev),
            on(K::Left, A::SortPrev),
            ch('l', A::SortNext),
            on(K::Right, A::SortNext),
        ],
    ),
    bind(
        S::Panel,
        "r",
        "reverse the order",
        &[ch('r', A::SortReverse)],
    ),
    bind(
        S::Panel,
        "Enter",
        "track the commenter in the outline",
        &[on(K::Enter, A::TrackCommenter)],
    ),
    bind(
        S::Panel,
        "Esc c",
        "close the panel",
        &[on(K::Esc, A::Commenters), ch('c', A::Commenters)],
    ),
];

/// Every binding, for help, hints and the README.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().chain(PANEL_KEYMAP)
}

/// The key pressed, as the tables write it.
fn key_of(event: KeyEvent) -> Key {
    let code = match event.code {
        // Terminals report Shift+letter as the upper-case letter, some with SHIFT too.
        KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_ascii_uppercase())
        }
        code => code,
    };
    Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    }
}

fn find(table: &[Binding], key: Key) -> Option<Action> {
    table
        .iter()
        .flat_map(|binding| binding.keys.iter())
        .find(|(k, _)| *k == key)
        .map(|&(_, action)| action)
}

/// The action of a key press in the commenters panel: its own keys first, then the move
/// keys and the few others that work everywhere.
pub fn lookup_panel(event: KeyEvent) -> Option<Action> {
    let key = key_of(event);
    find(PANEL_KEYMAP, key).or_else(|| {
        find(KEYMAP, key).filter(|action| {
            matches!(
                action,
                A::Down
                    | A::Up
                    | A::PageDown
                    | A::PageUp
                    | A::HalfPageDown
                    | A::HalfPageUp
                    | A::First
                    | A::Last
                    | A::Help
                    | A::Quit
                    | A::Suspend
                    | A::Redraw
            )
        })
    })
}

/// The action bound to a key press, if any.
pub fn lookup(event: KeyEvent) -> Option<Action> {
    find(KEYMAP, key_of(event))
}

/// The label of the first binding for `action`, for status-line hints.
pub fn label_of(action: Action) -> &'static str {
    bindings()
        .find(|binding| binding.keys.iter().any(|&(_, a)| a == action))
        .map_or("", |binding| binding.label)
}

/// The key table as Markdown, as the README shows it (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::new();
    for section in Section::ALL {
        out.push_str(&format!("| {} | |\n|---|---|\n", section.title()));
        for binding in bindings().filter(|b| b.section == section) {
            out.push_str(&format!(
                "| `{}` | {} |\n",
                binding.label, binding.description
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice() {
        for table in [KEYMAP, PANEL_KEYMAP] {
            let mut seen = HashSet::new();
            for (key, _) in table.iter().flat_map(|b| b.keys.iter()) {
                assert!(
                    seen.insert((format!("{:?}", key.code), key.ctrl)),
                    "{key:?} bound twice"
                );
            }
        }
    }

    #[test]
    fn the_panel_has_its_keys_and_the_move_keys() {
        let press = |code| lookup_panel(KeyEvent::new(code, KeyModifiers::NONE));
        assert_eq!(press(KeyCode::Char('l')), Some(Action::SortNext));
        assert_eq!(press(KeyCode::Enter), Some(Action::TrackCommenter));
        assert_eq!(press(KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(press(KeyCode::Char('G')), Some(Action::Last));
        assert_eq!(press(KeyCode::Char('z')), None);
    }

    #[test]
    fn keys_map_to_their_actions() {
        let press = |code, modifiers| lookup(KeyEvent::new(code, modifiers));
        assert_eq!(
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            press(KeyCode::Char('J'), KeyModifiers::SHIFT),
            Some(Action::NextSibling)
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            press(KeyCode::Char('7'), KeyModifiers::NONE),
            Some(Action::UnfoldToLevel(7))
        );
        assert_eq!(
            press(KeyCode::Char('l'), KeyModifiers::CONTROL),
            Some(Action::Redraw)
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::NONE), None);
    }
}
