//! `--dump outline`: one line per comment with tree guides, sanitised, for pipes and grep.

use super::select::Selection;
use crate::text::wrap::snippet;
use crate::thread::Thread;
use std::io::{self, Write};

/// Guides stop here so a line never grows with a pathological depth.
pub const MAX_GUIDE_LEVELS: usize = 32;
/// Columns of comment text shown after the author.
const SNIPPET_COLUMNS: usize = 100;
/// Columns of a commenter's name.
const AUTHOR_COLUMNS: usize = 40;

pub const UNKNOWN_AUTHOR: &str = "(unknown)";
pub const MISSING_COMMENT: &str = "[missing comment]";

/// Writes one line per comment: `├─ Author: start of the text`. Text is sanitised, so the
/// output is safe on a terminal and stable for grep.
pub fn write_outline(thread: &Thread, out: &mut impl Write) -> io::Result<()> {
    write_selected(thread, &Selection::all(thread), out)?;
    out.flush()
}

/// One line per chosen comment, without the tree: `#12 Author: start of the text`, after
/// `prefix` (where the thread is) when given. What a search across files prints.
pub fn write_matches(
    thread: &Thread,
    selection: &Selection,
    prefix: Option<&str>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut line = String::new();
    for item in selection.walk(thread) {
        let id = item.id;
        if thread.is_missing(id) {
            continue;
        }
        line.clear();
        if let Some(prefix) = prefix {
            line.push_str(prefix);
            line.push(' ');
        }
        line.push_str(&format!("#{} ", thread.ordinal(id)));
        push_comment(&mut line, thread, id);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// `Author: the start of the text`, as every outline line ends.
fn push_comment(line: &mut String, thread: &Thread, id: usize) {
    match thread.author(id) {
        Some(author) => line.push_str(&snippet(author, AUTHOR_COLUMNS)),
        None => line.push_str(UNKNOWN_AUTHOR),
    }
    let text = snippet(thread.body(id), SNIPPET_COLUMNS);
    if !text.is_empty() {
        line.push_str(": ");
        line.push_str(&text);
    }
}

/// [`write_outline`] for the chosen comments, drawn as the tree they form (see
/// [`Selection::walk`]).
pub fn write_selected(
    thread: &Thread,
    selection: &Selection,
    out: &mut impl Write,
) -> io::Result<()> {
    // last_sibling[d] tells whether the open ancestor at depth d + 1 is its parent's last child.
    let mut last_sibling: Vec<bool> = Vec::new();
    let mut line = String::new();
    for item in selection.walk(thread) {
        let (id, depth, is_last) = (item.id, item.depth, item.last);
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
            push_comment(&mut line, thread, id);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}
