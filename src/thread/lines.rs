//! Line-level helpers shared by the plain-text parsers: the preamble (date and title lines),
//! paragraphs joined as the reader shows them, indentation, trimming, page furniture and date
//! lines.

use super::TextRange;
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
        if self.date.is_none() && looks_like_date(text) {
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
