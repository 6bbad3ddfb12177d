//! Everything a user can ask the reader to do, independent of which key asked.
//! Key bindings (keymap.rs) map to these; `App::update` carries them out.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move down one row (or scroll the reader down one line)
    Down,
    /// Move up one row (or scroll the reader up one line)
    Up,
    /// Move down one page
    PageDown,
    /// Move up one page
    PageUp,
    /// Move down half a page
    HalfPageDown,
    /// Move up half a page
    HalfPageUp,
    /// Go to the first row (the article)
    First,
    /// Go to the last row
    Last,
    /// Fold the comment, or go to its parent when already folded or without replies
    FoldOrParent,
    /// Unfold the comment, or go to its first reply when already unfolded
    UnfoldOrChild,
    /// Fold or unfold the comment
    ToggleFold,
    /// Fold or unfold; on a narrow screen (one pane at a time), switch to the reader and back
    ToggleFoldOrRead,
    /// Go to the parent comment
    Parent,
    /// Go to the next sibling
    NextSibling,
    /// Go to the previous sibling
    PrevSibling,
    /// Go to the next top-level thread
    NextThread,
    /// Go to the previous top-level thread
    PrevThread,
    /// Fold every thread down to its top-level comment
    FoldAll,
    /// Unfold everything
    UnfoldAll,
    /// Show levels 1 to N, fold the comments at level N
    UnfoldToLevel(u8),
    /// Fold the comment and every reply under it
    FoldSubtree,
    /// Unfold the comment and every reply under it
    UnfoldSubtree,
    /// Switch focus between the outline and the reader
    SwitchFocus,
    /// Search comments by commenter name
    StartSearch,
    /// Go to the next search match
    NextMatch,
    /// Go to the previous search match
    PrevMatch,
    /// Show only the matching comments (and their ancestors), or the whole tree again
    ToggleFilter,
    /// Search the text of the comments and the article
    StartTextSearch,
    /// Track the selected comment's author by exact name, or stop tracking them
    TrackAuthor,
    /// Show the chain from the top-level comment down to the selected one as one text
    Context,
    /// Show the exchange between the selected comment's author and the author it answers
    Exchange,
    /// Open or close the commenters panel
    Commenters,
    /// In the commenters panel: sort by the next column
    SortNext,
    /// In the commenters panel: sort by the previous column
    SortPrev,
    /// In the commenters panel: reverse the order
    SortReverse,
    /// In the commenters panel: track the selected commenter in the outline
    TrackCommenter,
    /// Show or hide the help
    Help,
    /// Close the overlay, or clear the search
    Escape,
    /// Quit
    Quit,
    /// Suspend to the shell (fg brings the reader back)
    Suspend,
    /// Redraw the whole screen (after another program or the terminal scribbled on it)
    Redraw,
}
