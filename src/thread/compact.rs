//! Line scanning and in-place compaction shared by the text parsers: kept text is moved
//! down inside the file's own buffer, so parsing allocates nothing per comment.

use super::TextRange;
use memchr::memchr;
use std::ops::Range;

/// Writes kept text to the front of the buffer it reads from. Every write lands at or
/// before the bytes already consumed, because the parsers only ever drop bytes
/// (indentation, headers, blank lines) or replace newlines by at most as many newlines.
pub struct Compactor {
    pub buf: Vec<u8>,
    write: usize,
}

impl Compactor {
    pub fn new(buf: Vec<u8>) -> Self {
        Compactor { buf, write: 0 }
    }

    pub fn position(&self) -> usize {
        self.write
    }

    /// Moves `src` (at or after the write position) down to the write position.
    pub fn emit(&mut self, src: Range<usize>) -> TextRange {
        debug_assert!(src.start >= self.write);
        let start = self.write;
        let len = src.len();
        self.buf.copy_within(src, start);
        self.write += len;
        TextRange::new(start..self.write)
    }

    fn emit_newlines(&mut self, count: usize) {
        let end = self.write + count;
        self.buf[self.write..end].fill(b'\n');
        self.write = end;
    }

    pub fn into_text(mut self) -> Vec<u8> {
        self.buf.truncate(self.write);
        self.buf
    }
}

/// The compacted buffer as text. Parsers only drop ASCII bytes from valid UTF-8, so the
/// lossy branch is a safety net that never runs.
pub fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// Joins lines into paragraphs: lines of one paragraph by "\n", paragraphs by "\n\n";
/// leading, trailing and repeated blank lines vanish.
pub struct Paragraphs {
    start: usize,
    has_content: bool,
    blank_pending: bool,
}

impl Paragraphs {
    pub fn begin(out: &Compactor) -> Self {
        Paragraphs {
            start: out.position(),
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

    pub fn line(&mut self, out: &mut Compactor, src: Range<usize>) {
        if self.has_content {
            // The source had at least this many newlines before `src`, so this never
            // overwrites unread bytes.
            out.emit_newlines(if self.blank_pending { 2 } else { 1 });
        }
        out.emit(src);
        self.has_content = true;
        self.blank_pending = false;
    }

    pub fn finish(&self, out: &Compactor) -> TextRange {
        TextRange::new(self.start..out.position())
    }
}

/// The line starting at `pos` (without its '\n') and where the next one starts.
pub fn next_line(buf: &[u8], pos: usize, end: usize) -> (Range<usize>, usize) {
    match memchr(b'\n', &buf[pos..end]) {
        Some(at) => (pos..pos + at, pos + at + 1),
        None => (pos..end, end),
    }
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

/// Where the thread's content ends: trailing blank lines and furniture lines cut off.
pub fn content_end(buf: &[u8]) -> usize {
    let mut end = buf.len();
    loop {
        let line_start = memchr::memrchr(b'\n', &buf[..end]).map_or(0, |at| at + 1);
        let line = trim(buf, line_start..end);
        let removable =
            line.is_empty() || FURNITURE.iter().any(|f| f.as_bytes() == &buf[line.clone()]);
        if !removable {
            return end;
        }
        if line_start == 0 {
            return 0;
        }
        end = line_start - 1;
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn is_month(token: &str) -> bool {
    let token = token.trim_end_matches('.').to_ascii_lowercase();
    token.len() >= 3 && MONTHS.iter().any(|m| m.starts_with(&token))
}

fn is_weekday(token: &str) -> bool {
    let token = token.trim_end_matches('.').to_ascii_lowercase();
    token.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&token))
}

fn is_year(token: &str) -> bool {
    token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && matches!(&token[..2], "19" | "20")
}

fn is_day(token: &str) -> bool {
    let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &token[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th")
        && (1..=2).contains(&digits.len())
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

/// A numeric date such as 2021-05-18, 18.05.2021 or 05/18/2021.
fn is_numeric_date(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['-', '.', '/']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.iter().any(|p| is_year(p))
}

/// Whether a line is the date a saved article page shows above its title ("MAY 2021").
pub fn looks_like_date(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 40 {
        return false;
    }
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() == 1 && is_numeric_date(tokens[0]) {
        return true;
    }
    let mut has_year = false;
    let mut has_month = false;
    for token in &tokens {
        if is_year(token) {
            has_year = true;
        } else if is_month(token) {
            has_month = true;
        } else if !(is_day(token) || is_weekday(token)) {
            return false;
        }
    }
    has_year && has_month
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_recognised() {
        for date in [
            "MAY 2021",
            "May 18, 2021",
            "18 May 2021",
            "2021-05-18",
            "Tue, Sep 1st 2020",
        ] {
            assert!(looks_like_date(date), "{date}");
        }
        for not_date in [
            "Is Lukashenko Losing Battle For Belarus?",
            "2021",
            "May",
            "March on 2021 streets",
        ] {
            assert!(!looks_like_date(not_date), "{not_date}");
        }
    }

    #[test]
    fn furniture_and_blank_tail_are_cut() {
        let text = b"a\n\nb\n\nWould love your thoughts, please comment.x\n\n";
        assert_eq!(content_end(text), 4);
        assert_eq!(content_end(b"\n\n  \n"), 0);
        assert_eq!(content_end(b"only"), 4);
        assert_eq!(content_end(b"Notify of"), 0);
    }

    #[test]
    fn indentation_counts_tabs_to_the_next_stop() {
        let line = b"\t  x";
        assert_eq!(indent_columns(line, 0..line.len()), 10);
        assert_eq!(strip_indent(line, 0..line.len(), 4), 1..4);
    }
}
