//! Non-interactive output: the outline (one line per comment with tree guides).
//! The JSON dump lives with the JSON reader in `thread::json`; the commenters table in
//! `commenters`.

pub mod commenters;

use crate::text::wrap::snippet;
use crate::thread::Thread;
use std::io::{self, Write};

/// Guides stop here so a line never grows with a pathological depth.
pub const MAX_GUIDE_LEVELS: usize = 32;
/// Columns of comment text shown after the author.
const SNIPPET_COLUMNS: usize = 100;

pub const UNKNOWN_AUTHOR: &str = "(unknown)";
pub const MISSING_COMMENT: &str = "[missing comment]";

/// Writes one line per comment: `├─ Author: start of the text`. Text is sanitised, so the
/// output is safe on a terminal and stable for grep.
pub fn write_outline(thread: &Thread, out: &mut impl Write) -> io::Result<()> {
    // last_sibling[d] tells whether the open ancestor at depth d + 1 is its parent's last child.
    let mut last_sibling: Vec<bool> = Vec::new();
    let mut line = String::new();
    for id in 0..thread.len() {
        let depth = thread.depth(id);
        let siblings_end = thread
            .parent(id)
            .map_or(thread.len(), |p| thread.subtree_end(p));
        let is_last = thread.subtree_end(id) == siblings_end;
        last_sibling.truncate(depth - 1);
        last_sibling.push(is_last);

        line.clear();
        let shown = (depth - 1).min(MAX_GUIDE_LEVELS);
        for &last in &last_sibling[..shown] {
            line.push_str(if last { "   " } else { "│  " });
        }
        if depth - 1 > shown {
            line.push_str(&format!("┄{} levels┄ ", depth - 1 - shown));
        }
        line.push_str(if is_last { "└─ " } else { "├─ " });
        if thread.is_missing(id) {
            line.push_str(MISSING_COMMENT);
        } else {
            match thread.author(id) {
                Some(author) => line.push_str(&snippet(author, 40)),
                None => line.push_str(UNKNOWN_AUTHOR),
            }
            let text = snippet(thread.body(id), SNIPPET_COLUMNS);
            if !text.is_empty() {
                line.push_str(": ");
                line.push_str(&text);
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}
