//! Everything a user can ask the reader to do, independent of which key asked. Each action
//! has a name (its serde name, used in the configuration file), a help section and a
//! description; key tables (keymap.rs) map keys to these and `App::update` carries them out.
//!
//! Names are the variant in snake_case: `FoldAll` is `"fold_all"`. An action with a value is
//! written as an inline table: `UnfoldToLevel(3)` is `{ unfold_to_level = 3 }`.
//!
//! A new action: add the variant (its place in the enum is its row's place in the help),
//! its arms in `description` and `section` (the compiler asks for them), its default key
//! in `src/keymap.toml` under the mode's table (`x = "new_action"`; a new mode is a
//! `KeyMode` variant with its `fallback`, `title` and `name`), what it does in `App::update`
//! (or the mode's handler), then regenerate the README's key table (`cargo test --test
//! readme` prints it).

use serde::Deserialize;

/// Where an action is listed in the help and the README's key table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Move,
    Tree,
    Fold,
    Search,
    Conversation,
    Save,
    Edit,
    Panel,
    Library,
    Other,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Move (in the reader and the help: scroll)",
            Section::Tree => "Tree",
            Section::Fold => "Fold many",
            Section::Search => "Search and follow",
            Section::Conversation => "Conversations",
            Section::Save => "Copy and save",
            Section::Panel => "In the commenters panel",
            Section::Edit => "Edit",
            Section::Library => "A library (a folder, several files, a file of many threads)",
            Section::Other => "Other",
        }
    }
}

/// The order of the variants is the order of the help's rows within a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    First,
    Last,
    FoldOrParent,
    UnfoldOrChild,
    ToggleFold,
    ToggleFoldOrRead,
    Parent,
    NextSibling,
    PrevSibling,
    NextThread,
    PrevThread,
    FoldAll,
    UnfoldAll,
    UnfoldToLevel(u8),
    FoldSubtree,
    UnfoldSubtree,
    StartSearch,
    NextMatch,
    PrevMatch,
    ToggleFilter,
    ClearSearch,
    StartTextSearch,
    TrackAuthor,
    Context,
    Exchange,
    Commenters,
    CopyComment,
    CopySubthread,
    WriteFile,
    // The commenters panel.
    SortNext,
    SortPrev,
    SortReverse,
    TrackCommenter,
    // The search prompt.
    Complete,
    CompleteBack,
    PickNext,
    PickPrev,
    CursorLeft,
    CursorRight,
    CursorStart,
    CursorEnd,
    DeleteBefore,
    DeleteAfter,
    DeleteToStart,
    DeleteToEnd,
    DeleteWordBefore,
    Accept,
    Cancel,
    // The library.
    Back,
    Sort,
    ReverseSort,
    FindCommenter,
    ShowCommenters,
    SwitchFocus,
    Help,
    CloseHelp,
    Redraw,
    Suspend,
    Quit,
}

impl Action {
    /// What the action does, as the help and the README say it.
    pub fn description(self) -> &'static str {
        match self {
            Action::Down => "next row",
            Action::Up => "previous row",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::First => "first row (the article)",
            Action::Last => "last row",
            Action::FoldOrParent => "fold, or go to the parent",
            Action::UnfoldOrChild => "unfold, or go to the first reply",
            Action::ToggleFold => "fold / unfold",
            Action::ToggleFoldOrRead => "fold / unfold (narrow screen: read it)",
            Action::Parent => "parent",
            Action::NextSibling => "next sibling",
            Action::PrevSibling => "previous sibling",
            Action::NextThread => "next top-level thread",
            Action::PrevThread => "previous top-level thread",
            Action::FoldAll => "fold all to top-level threads",
            Action::UnfoldAll => "unfold all",
            Action::UnfoldToLevel(_) => "unfold down to that level",
            Action::FoldSubtree => "fold the whole sub-thread",
            Action::UnfoldSubtree => "unfold the whole sub-thread",
            Action::StartSearch => "search by commenter name",
            Action::NextMatch => "next match",
            Action::PrevMatch => "previous match",
            Action::ToggleFilter => "only matches (and their context) / all",
            Action::ClearSearch => "clear the search (and leave context or exchange)",
            Action::StartTextSearch => {
                "search the text (with a commenter: what they wrote about it)"
            }
            Action::TrackAuthor => "track this comment's author (again: stop)",
            Action::Context => "read it in context: the chain it answers as one text",
            Action::Exchange => "the exchange between its author and the one it answers",
            Action::Commenters => "commenters: who talks most, and to whom (open / close)",
            Action::CopyComment => "copy the comment to the clipboard",
            Action::CopySubthread => "copy the sub-thread, as Markdown",
            Action::WriteFile => "write the sub-thread or filtered view to a file",
            Action::SortNext => "sort by the column to the right",
            Action::SortPrev => "sort by the column to the left",
            Action::SortReverse => "reverse the order",
            Action::TrackCommenter => "track the commenter in the outline",
            Action::Complete => "choose the next commenter in the list (and fill it in)",
            Action::CompleteBack => "choose the previous commenter in the list (and fill it in)",
            Action::PickNext => "choose the next commenter in the list",
            Action::PickPrev => "choose the previous commenter in the list",
            Action::CursorLeft => "cursor left",
            Action::CursorRight => "cursor right",
            Action::CursorStart => "cursor to the start",
            Action::CursorEnd => "cursor to the end",
            Action::DeleteBefore => "delete the character before",
            Action::DeleteAfter => "delete the character under the cursor",
            Action::DeleteToStart => "delete to the start",
            Action::DeleteToEnd => "delete to the end",
            Action::DeleteWordBefore => "delete the word before",
            Action::Accept => "keep the search (a file name: write the file)",
            Action::Cancel => "give back the search as it was (a file name: write nothing)",
            Action::Back => "back from a thread to the list (or the results it came from)",
            Action::Sort => "sort the list (or the commenters) by the next column",
            Action::ReverseSort => "reverse the order of the list (or the commenters)",
            Action::FindCommenter => "every comment of a commenter, across the library",
            Action::ShowCommenters => "every commenter of the library",
            Action::SwitchFocus => "focus outline / reader",
            Action::Help => "help",
            Action::CloseHelp => "close the help",
            Action::Redraw => "repaint the screen",
            Action::Suspend => "suspend (fg to come back)",
            Action::Quit => "quit",
        }
    }

    pub fn section(self) -> Section {
        use Action as A;
        match self {
            A::Down
            | A::Up
            | A::PageDown
            | A::PageUp
            | A::HalfPageDown
            | A::HalfPageUp
            | A::First
            | A::Last => Section::Move,
            A::FoldOrParent
            | A::UnfoldOrChild
            | A::ToggleFold
            | A::ToggleFoldOrRead
            | A::Parent
            | A::NextSibling
            | A::PrevSibling
            | A::NextThread
            | A::PrevThread => Section::Tree,
            A::FoldAll | A::UnfoldAll | A::UnfoldToLevel(_) | A::FoldSubtree | A::UnfoldSubtree => {
                Section::Fold
            }
            A::StartSearch
            | A::NextMatch
            | A::PrevMatch
            | A::ToggleFilter
            | A::ClearSearch
            | A::StartTextSearch
            | A::TrackAuthor => Section::Search,
            A::Context | A::Exchange | A::Commenters => Section::Conversation,
            A::CopyComment | A::CopySubthread | A::WriteFile => Section::Save,
            A::SortNext | A::SortPrev | A::SortReverse | A::TrackCommenter => Section::Panel,
            A::Complete
            | A::CompleteBack
            | A::PickNext
            | A::PickPrev
            | A::CursorLeft
            | A::CursorRight
            | A::CursorStart
            | A::CursorEnd
            | A::DeleteBefore
            | A::DeleteAfter
            | A::DeleteToStart
            | A::DeleteToEnd
            | A::DeleteWordBefore
            | A::Accept
            | A::Cancel => Section::Edit,
            A::Back | A::Sort | A::ReverseSort | A::FindCommenter | A::ShowCommenters => {
                Section::Library
            }
            A::SwitchFocus | A::Help | A::CloseHelp | A::Redraw | A::Suspend | A::Quit => {
                Section::Other
            }
        }
    }

    /// Actions that change the prompt's text or cursor: a burst of them is searched for once.
    pub fn edits_text(self) -> bool {
        matches!(
            self,
            Action::CursorLeft
                | Action::CursorRight
                | Action::CursorStart
                | Action::CursorEnd
                | Action::DeleteBefore
                | Action::DeleteAfter
                | Action::DeleteToStart
                | Action::DeleteToEnd
                | Action::DeleteWordBefore
        )
    }

    /// Actions listed in one help row whatever their value (`1…9  unfold down to that
    /// level`): the variant without its value.
    pub(crate) fn row_kind(self) -> Action {
        match self {
            Action::UnfoldToLevel(_) => Action::UnfoldToLevel(0),
            other => other,
        }
    }

    /// The value of an action that has one, for ordering a row's keys.
    pub(crate) fn value(self) -> Option<u8> {
        match self {
            Action::UnfoldToLevel(level) => Some(level),
            _ => None,
        }
    }
}
