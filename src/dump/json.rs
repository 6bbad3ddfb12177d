//! `--dump json` of the chosen comments: the JSON writer lives with the JSON reader in
//! `thread::json`; this gives it the shown tree.

use super::select::Selection;
use crate::thread::{Thread, json};
use std::io::{self, Write};

/// The thread as one line of thread-tui JSON holding only the selection's comments, each
/// nested under its nearest shown ancestor.
pub fn write_selected(thread: &Thread, selection: &Selection, out: impl Write) -> io::Result<()> {
    let nodes = selection.walk(thread).map(|item| (item.id, item.depth));
    json::write_nodes(thread, nodes, out)
}
