//! Line-level helpers shared by the plain-text parsers: the preamble (date and title lines),
//! paragraphs joined as the reader shows them, indentation, trimming and page furniture.

use super::TextRange;
use super::dates;
use super::output::Output;
use std::ops::Range;

/// The lines before the article, shared by the text formats: an optional date line
/// ("MAY 2021"), then the title. Blank lines before the title are skipped.
#[derive(Default)]
pub struct Preamble {
    done: bool,
    pub title: TextRange,
    pub date: Option<TextRange>,
}

impl Preamble {
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Reads one line of the preamble; returns true when it was the title (the article
    /// starts on the next line).
    pub fn line(&mut self, out: &mut Output, line: &str) -> bool {
        let bytes = line.as_bytes();
        if is_blank(bytes, 0..bytes.len()) {
            return false;
        }
        let text = &line[trim(bytes, 0..bytes.len())];
        if self.date.is_none() && dates::is_date_line(text) {
            self.date = Some(out.emit(text));
            return false;
        }
        self.title = out.emit(text);
        self.done = true;
        true
    }

    /// Ends the preamble without a title: a comment came first, or the file ended.
    pub fn end_untitled(&mut self, out: &Output) {
        if !self.done {
            self.title = TextRange::new(out.position()..out.position());
            self.done = true;
        }
    }
}

/// Joins lines into paragraphs: lines of one paragraph by "\n", paragraphs by "\n\n";
/// leading, trailing and repeated blank lines vanish.
pub struct Paragraphs {
    has_content: bool,
    blank_pending: bool,
}

impl Paragraphs {
    pub fn begin(out: &mut Output) -> Self {
        out.begin();
        Paragraphs {
            has_content: false,
            blank_pending: false,
        }
    }

    pub fn blank(&mut self) {
        self.blank_pending = self.has_content;
    }

    /// Starts a new paragraph for the next line even without a blank line in between.
    pub fn break_paragraph(&mut self) {
        self.blank();
    }

    pub fn line(&mut self, out: &mut Output, text: &str) {
        if self.has_content {
            out.push_newlines(if self.blank_pending { 2 } else { 1 });
        }
        out.push(text);
        self.has_content = true;
        self.blank_pending = false;
    }

    pub fn finish(&self, out: &mut Output) -> TextRange {
        out.finish()
    }
}

/// Where the lines of `text` lie, split at every '\n' (a final empty piece after a last
/// '\n' included) as `str::split` would, but found with the vectorised `memchr`: sniffing
/// splits the head of every file in a library. '\n' is ASCII, so every range is on
/// character boundaries.
pub fn line_ranges(text: &str) -> impl Iterator<Item = Range<usize>> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = start..end;
            start = end + 1;
            line
        })
}

/// The lines of `text`, as `line_ranges` finds them.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    line_ranges(text).map(|range| &text[range])
}

fn is_blank_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
}

pub fn trim_end(buf: &[u8], line: Range<usize>) -> Range<usize> {
    let mut end = line.end;
    while end > line.start && is_blank_byte(buf[end - 1]) {
        end -= 1;
    }
    line.start..end
}

pub fn trim(buf: &[u8], line: Range<usize>) -> Range<usize> {
    let line = trim_end(buf, line);
    let mut start = line.start;
    while start < line.end && is_blank_byte(buf[start]) {
        start += 1;
    }
    start..line.end
}

pub fn is_blank(buf: &[u8], line: Range<usize>) -> bool {
    buf[line].iter().all(|&b| is_blank_byte(b))
}

pub const TAB_WIDTH: usize = 8;

/// Width in columns of the leading white space (tabs advance to the next multiple of 8).
pub fn indent_columns(buf: &[u8], line: Range<usize>) -> usize {
    let mut cols = 0;
    for &b in &buf[line] {
        match b {
            b' ' => cols += 1,
            b'\t' => cols = (cols / TAB_WIDTH + 1) * TAB_WIDTH,
            _ => break,
        }
    }
    cols
}

/// Skips up to `columns` columns of leading white space; a tab that would overshoot is
/// dropped whole, since it was indentation.
pub fn strip_indent(buf: &[u8], line: Range<usize>, columns: usize) -> Range<usize> {
    let mut cols = 0;
    let mut start = line.start;
    while start < line.end && cols < columns {
        match buf[start] {
            b' ' => cols += 1,
            b'\t' => cols = (cols / TAB_WIDTH + 1) * TAB_WIDTH,
            _ => break,
        }
        start += 1;
    }
    start..line.end
}

/// Page furniture that saving a page leaves after the last comment.
const FURNITURE: &[&str] = &[
    "Would love your thoughts, please comment.x",
    "Would love your thoughts, please comment.",
    "Notify of",
    "Inline Feedbacks",
    "View all comments",
    "Load More Comments",
];

/// Whether a line may be cut from the end of the file: blank, or page furniture. Such lines
/// are dropped only when nothing but such lines follows them.
pub fn is_removable(buf: &[u8]) -> bool {
    // Most lines end in a byte that no blank or furniture line ends in.
    match buf.last() {
        None => return true,
        Some(&last) if !is_blank_byte(last) && !matches!(last, b'x' | b'.' | b'f' | b's') => {
            return false;
        }
        _ => {}
    }
    let line = &buf[trim(buf, 0..buf.len())];
    line.is_empty()
        || FURNITURE
            .iter()
            .any(|f| f.len() == line.len() && f.as_bytes() == line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_str_split_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb",
            "\n\nü\n",
            "one\ntwo\n\nthree",
        ] {
            let ours: Vec<&str> = split_lines(text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn furniture_and_blank_lines_are_removable() {
        assert!(is_removable(
            b"  Would love your thoughts, please comment.x "
        ));
        assert!(is_removable(b" \t"));
        assert!(is_removable(b""));
        assert!(is_removable(b"Notify of"));
        assert!(!is_removable(b"only"));
        assert!(!is_removable(b"Notify of it"));
    }

    #[test]
    fn indentation_counts_tabs_to_the_next_stop() {
        let line = b"\t  x";
        assert_eq!(indent_columns(line, 0..line.len()), 10);
        assert_eq!(strip_indent(line, 0..line.len(), 4), 1..4);
    }
}
