//! `--dump markdown`, and what the reader copies or saves as Markdown: the title, what the
//! source says of the thread, the article, then the comments as nested list items headed by
//! author and time.
//!
//! The text is the original, escaped so that Markdown shows it as it was written (no stray
//! emphasis, links, headings or raw HTML from a comment), with control characters replaced by
//! U+FFFD: the document is inert when printed to a terminal.

use super::select::Selection;
use super::{MISSING_COMMENT, UNKNOWN_AUTHOR};
use crate::text::controls::replace_controls;
use crate::thread::{Status, Thread};
use std::io::{self, Write};
use std::path::Path;

/// Deeper comments are written at this list level, with their real level said: list
/// indentation grows with the depth, and a thread 10 000 replies deep would otherwise write
/// a line of 20 000 spaces per comment.
pub const MAX_LIST_LEVELS: usize = 8;

/// Writes a section for the thread: `# Title`, a line of what the source says (file, date,
/// author, time, link), the article, then `## Comments` with the shown comments as nested
/// list items. `file` names the thread's file when several were dumped together.
pub fn write_document(
    thread: &Thread,
    selection: &Selection,
    file: Option<&Path>,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut text = String::new();
    let title = match thread.title() {
        "" => "(untitled)",
        title => title,
    };
    text.push_str("# ");
    push_inline(&mut text, &one_line(title));
    text.push_str("\n\n");
    let mut facts: Vec<String> = Vec::new();
    if let Some(file) = file {
        let mut fact = String::new();
        push_inline(&mut fact, &one_line(&file.to_string_lossy()));
        facts.push(fact);
    }
    if let Some(date) = thread.date() {
        let mut fact = String::new();
        push_inline(&mut fact, &one_line(date));
        facts.push(fact);
    }
    if let Some(author) = thread.article_author() {
        let mut fact = String::from("by **");
        push_inline(&mut fact, &one_line(author));
        fact.push_str("**");
        facts.push(fact);
    }
    if let Some(time) = thread.article_time() {
        facts.push(time.to_string());
    }
    if let Some(url) = thread.url() {
        facts.push(link(url));
    }
    if !facts.is_empty() {
        text.push_str(&facts.join(" · "));
        text.push_str("\n\n");
    }
    if !thread.article().trim().is_empty() {
        push_paragraphs(&mut text, thread.article(), 0);
        text.push('\n');
    }
    let total = thread.comment_count();
    let shown = selection.ids().filter(|&id| !thread.is_missing(id)).count();
    if shown == total {
        text.push_str(&format!("## Comments ({total})\n"));
    } else {
        text.push_str(&format!("## Comments ({shown} of {total})\n"));
    }
    out.write_all(text.as_bytes())?;
    write_comments(thread, selection, out)
}

/// The shown comments as nested list items, each headed by author and time, with "in reply
/// to" when its parent is not shown above it: what the reader's `Y` copies for a sub-thread.
pub fn write_comments(
    thread: &Thread,
    selection: &Selection,
    out: &mut impl Write,
) -> io::Result<()> {
    // shown_at[d] is the shown comment open at depth d + 1 of the shown tree.
    let mut shown_at: Vec<usize> = Vec::new();
    let mut text = String::new();
    for item in selection.walk(thread) {
        shown_at.truncate(item.depth - 1);
        let shown_parent = shown_at.last().copied();
        shown_at.push(item.id);
        text.clear();
        text.push('\n');
        push_comment(&mut text, thread, item.id, item.depth, shown_parent);
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The comments of `selection` as Markdown in a String (for the clipboard), as many whole
/// comments as fit in `max_bytes` (the first one always): copying a sub-thread of 200 000
/// comments costs no more than what a copy carries. Returns the text and whether comments
/// were left out.
pub fn comments_to_string(
    thread: &Thread,
    selection: &Selection,
    max_bytes: usize,
) -> (String, bool) {
    let mut out = UpTo {
        bytes: Vec::new(),
        max: max_bytes,
    };
    // Only a full `UpTo` fails.
    let stopped = write_comments(thread, selection, &mut out).is_err();
    let bytes = out.bytes.strip_prefix(b"\n").unwrap_or(&out.bytes);
    (String::from_utf8_lossy(bytes).into_owned(), stopped)
}

/// The whole thread as the Markdown dump writes it, in a String (for the clipboard), with as
/// many whole comments as fit in `max_bytes`. Returns the text and whether comments were
/// left out.
pub fn document_to_string(thread: &Thread, max_bytes: usize) -> (String, bool) {
    let mut out = UpTo {
        bytes: Vec::new(),
        max: max_bytes,
    };
    let stopped = write_document(thread, &Selection::all(thread), None, &mut out).is_err();
    (String::from_utf8_lossy(&out.bytes).into_owned(), stopped)
}

/// Bytes in memory, refusing a write that would take them past `max` bytes (but the first).
/// A write is a comment, taken whole or not at all.
struct UpTo {
    bytes: Vec<u8>,
    max: usize,
}

impl Write for UpTo {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.bytes.is_empty() && self.bytes.len() + buf.len() > self.max {
            return Err(io::Error::other("enough for a copy"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The article as plain text for the clipboard (the reader's `y` on the article row): its
/// title, a blank line, then its text as written.
pub fn article_text(thread: &Thread) -> String {
    let mut text = thread.title().to_string();
    text.push_str("\n\n");
    text.push_str(thread.article().trim_end());
    text.push('\n');
    text
}

/// One comment as plain text for the clipboard (the reader's `y`): `Author · time`, a blank
/// line, then its text as written. Control characters are left to the clipboard encoder.
pub fn comment_text(thread: &Thread, id: usize) -> String {
    if id >= thread.len() {
        return String::new();
    }
    if thread.is_missing(id) {
        return MISSING_COMMENT.to_string();
    }
    let mut text = thread.author(id).unwrap_or(UNKNOWN_AUTHOR).to_string();
    if let Some(time) = thread.time(id) {
        text.push_str(" · ");
        text.push_str(&time.to_string());
    }
    text.push_str("\n\n");
    text.push_str(thread.body(id).trim_end());
    text.push('\n');
    text
}

/// `- **Author** · time · …` then the body, indented under the item.
fn push_comment(
    text: &mut String,
    thread: &Thread,
    id: usize,
    depth: usize,
    shown_parent: Option<usize>,
) {
    let level = depth.min(MAX_LIST_LEVELS);
    let indent = 2 * (level - 1);
    text.extend(std::iter::repeat_n(' ', indent));
    text.push_str("- ");
    if depth > level {
        text.push_str(&format!("(level {}) ", thread.level(id)));
    }
    if thread.is_missing(id) {
        text.push('*');
        push_inline(text, MISSING_COMMENT);
        text.push_str("*\n");
        return;
    }
    text.push_str("**");
    push_inline(text, &one_line(thread.author(id).unwrap_or(UNKNOWN_AUTHOR)));
    text.push_str("**");
    if let Some(time) = thread.time(id) {
        text.push_str(" · ");
        text.push_str(&time.to_string());
    }
    if let Some(score) = thread.score(id) {
        text.push_str(&format!(" · {score} points"));
    }
    if thread.status(id) != Status::Approved {
        text.push_str(" · ");
        text.push_str(thread.status(id).name());
    }
    if let Some(url) = thread.comment_url(id) {
        text.push_str(" · ");
        text.push_str(&link(url));
    }
    if let Some(parent) = thread.parent(id)
        && shown_parent != Some(parent)
    {
        text.push_str(" · in reply to ");
        if thread.is_missing(parent) {
            text.push_str("a missing comment");
        } else {
            text.push_str("**");
            push_inline(
                text,
                &one_line(thread.author(parent).unwrap_or(UNKNOWN_AUTHOR)),
            );
            text.push_str("**");
        }
    }
    let more = thread.more_replies(id);
    if more > 0 {
        let s = if more == 1 { "y" } else { "ies" };
        text.push_str(&format!(" · {more} more repl{s} not in the file"));
    }
    text.push('\n');
    if !thread.body(id).trim().is_empty() {
        text.push('\n');
        push_paragraphs(text, thread.body(id), indent + 2);
    }
}

/// A link the source gave: `<https://…>` for a web address that needs no escaping, else the
/// escaped text (a `javascript:` address stays words, never a link).
fn link(url: &str) -> String {
    let url = one_line(url);
    let web = url.starts_with("https://") || url.starts_with("http://");
    if web && !url.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '\\')) {
        format!("<{url}>")
    } else {
        let mut text = String::new();
        push_inline(&mut text, &url);
        text
    }
}

/// Text that must stay on one line (a title, a name): line breaks become spaces, controls
/// U+FFFD.
fn one_line(text: &str) -> String {
    replace_controls(text, "\u{fffd}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text's paragraphs (separated by blank lines), each line indented by `indent` spaces:
/// lines of one paragraph are kept apart with a hard line break (a trailing backslash),
/// leading whitespace is dropped, since Markdown would read four spaces as code, and a tab
/// becomes a space.
fn push_paragraphs(text: &mut String, body: &str, indent: usize) {
    // Controls and tabs are replaced as each line is written (`push_inline`).
    let mut lines = body.lines().map(str::trim).peekable();
    // Leading blank lines say nothing.
    while lines.next_if(|l| l.is_empty()).is_some() {}
    while let Some(line) = lines.next() {
        if line.is_empty() {
            while lines.next_if(|l| l.is_empty()).is_some() {}
            if lines.peek().is_some() {
                text.push('\n');
            }
            continue;
        }
        text.extend(std::iter::repeat_n(' ', indent));
        push_line_start(text, line);
        if lines.peek().is_some_and(|next| !next.is_empty()) {
            text.push('\\');
        }
        text.push('\n');
    }
}

/// A line's text, escaped, with what would start a heading, list, quote or rule at a line's
/// start escaped too.
fn push_line_start(text: &mut String, line: &str) {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let first = line.as_bytes().first().copied();
    if matches!(first, Some(b'#' | b'+' | b'-' | b'=')) {
        text.push('\\');
    } else if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        // "1. " or "1) " would start a numbered list: escape the dot.
        text.push_str(&line[..digits]);
        text.push('\\');
        push_inline(text, &line[digits..]);
        return;
    }
    push_inline(text, line);
}

/// What `push_inline` looks at: Markdown's inline syntax, `&`, tab, C0 controls and DEL,
/// and 0xC2, which starts the C1 controls. Everything else is copied in runs.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let syntax = b"\\`*_[]<>~|&";
    let mut i = 0;
    while i < syntax.len() {
        table[syntax[i] as usize] = true;
        i += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// Text with Markdown's inline syntax escaped: emphasis, code, links, images, raw HTML and
/// entities, strikethrough and table pipes show as the characters they are. Control
/// characters become U+FFFD and a tab a space, so nothing reaches a terminal but text.
fn push_inline(text: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        let (replacement, len) = match b {
            b'\t' => (" ", 1),
            0..=0x1f | 0x7f => ("\u{fffd}", 1),
            0xc2 if bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => ("\u{fffd}", 2),
            0xc2 => ("", 0),
            b'&' if !bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'#') =>
            {
                ("", 0)
            }
            // Escaped: the backslash goes before the character, which stays.
            _ => ("\\", 0),
        };
        if replacement.is_empty() {
            i += 1;
            continue;
        }
        text.push_str(&line[start..i]);
        text.push_str(replacement);
        // A replaced character is skipped; an escaped one is copied with the next run.
        i += len.max(1);
        start = i - usize::from(len == 0);
    }
    text.push_str(&line[start..]);
}
