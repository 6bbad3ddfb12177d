//! The numbered format: `<indent><n>. <Name> says:` headers, two spaces of indent per level,
//! each comment's text indented two spaces more than its header.

use super::compact::{Output, Paragraphs, Preamble, indent_columns, strip_indent, trim, trim_end};
use super::stream::{self, LineParser};
use super::{TextRange, Thread, ThreadBuilder};
use std::ops::Range;

const SAYS: &[u8; 5] = b"says:";
/// More digits than this is not a comment number.
const MAX_NUMBER_DIGITS: usize = 9;

/// A recognised header line.
struct Header {
    indent_columns: usize,
    name: Range<usize>,
}

/// Parses `line` as a comment header. The numbers are not used: real pages restart them.
fn parse_header(buf: &[u8], line: Range<usize>) -> Option<Header> {
    parse_trimmed_header(buf, trim_end(buf, line))
}

/// [`parse_header`] for a line without trailing white space.
fn parse_trimmed_header(buf: &[u8], line: Range<usize>) -> Option<Header> {
    // Nearly every line fails the first test: few lines of text end in a colon.
    if line.is_empty()
        || buf[line.end - 1] != b':'
        || buf[line.clone()].last_chunk::<5>() != Some(SAYS)
    {
        return None;
    }
    let indent_columns = indent_columns(buf, line.clone());
    let mut at = line.start;
    while at < line.end && matches!(buf[at], b' ' | b'\t') {
        at += 1;
    }
    let digits_start = at;
    while at < line.end && buf[at].is_ascii_digit() {
        at += 1;
    }
    let digits = at - digits_start;
    if digits == 0 || digits > MAX_NUMBER_DIGITS || buf.get(at) != Some(&b'.') {
        return None;
    }
    at += 1;
    let name_start = at;
    while at < line.end && matches!(buf[at], b' ' | b'\t') {
        at += 1;
    }
    let says_start = line.end - SAYS.len();
    // "says:" must be a word of its own, after a name: "1. Simon says says:" is "Simon says".
    if at == name_start || says_start <= at || !matches!(buf[says_start - 1], b' ' | b'\t') {
        return None;
    }
    let name = trim(buf, at..says_start);
    (!name.is_empty()).then_some(Header {
        indent_columns,
        name,
    })
}

/// Whether any line of `buf` is a comment header.
pub fn looks_numbered(buf: &[u8]) -> bool {
    memchr::memmem::find_iter(buf, SAYS).any(|hit| {
        let line_start = memchr::memrchr(b'\n', &buf[..hit]).map_or(0, |at| at + 1);
        let line_end = memchr::memchr(b'\n', &buf[hit..]).map_or(buf.len(), |at| hit + at);
        parse_header(buf, line_start..line_end).is_some()
    })
}

/// Whether one line (without its '\n') is a comment header.
pub fn is_header(line: &[u8]) -> bool {
    parse_header(line, 0..line.len()).is_some()
}

/// The numbered parser, fed one line at a time (trailing blank and furniture lines already
/// cut off by the caller).
pub struct Numbered {
    builder: ThreadBuilder,
    preamble: Preamble,
    article: TextRange,
    paragraphs: Paragraphs,
    /// The comment being read and how far its text is indented; None while in the article.
    current: Option<(usize, usize)>,
}

impl Numbered {
    pub fn new(out: &mut Output) -> Self {
        Numbered {
            builder: ThreadBuilder::new(),
            preamble: Preamble::default(),
            article: TextRange::EMPTY,
            paragraphs: Paragraphs::begin(out),
            current: None,
        }
    }

    fn finish_text(&mut self, out: &mut Output) {
        let text = self.paragraphs.finish(out);
        match self.current {
            Some((id, _)) => self.builder.set_body(id, text),
            None => self.article = text,
        }
    }
}

impl LineParser for Numbered {
    fn new(out: &mut Output) -> Self {
        Numbered::new(out)
    }

    fn line(&mut self, out: &mut Output, line: &str) {
        let bytes = line.as_bytes();
        let kept = trim_end(bytes, 0..bytes.len());
        let header = parse_trimmed_header(bytes, kept.clone());
        if !self.preamble.is_done() {
            if header.is_none() {
                if self.preamble.line(out, line) {
                    self.paragraphs = Paragraphs::begin(out);
                }
                return;
            }
            // A file with no title: comments from the first line on.
            self.preamble.end_untitled(out);
        }
        if let Some(header) = header {
            self.finish_text(out);
            let level = (header.indent_columns / 2).max(1);
            let name = out.emit_name(&line[header.name]);
            let id = self.builder.push(level, Some(name), TextRange::EMPTY);
            self.current = Some((id, level * 2 + 2));
            self.paragraphs = Paragraphs::begin(out);
            return;
        }
        if kept.is_empty() {
            self.paragraphs.blank();
            return;
        }
        let content = match self.current {
            Some((_, text_indent)) => strip_indent(bytes, kept, text_indent),
            None => kept,
        };
        self.paragraphs.line(out, &line[content]);
    }

    fn finish(mut self, mut out: Output) -> Thread {
        self.preamble.end_untitled(&out);
        self.finish_text(&mut out);
        let Preamble { title, date, .. } = self.preamble;
        self.builder
            .finish(out.into_text(), title, date, self.article)
    }
}

/// Parses a numbered thread. `text` has '\n' line endings.
pub fn parse(text: &str) -> Thread {
    stream::parse_text::<Numbered>(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> Option<(usize, String)> {
        let buf = line.as_bytes();
        parse_header(buf, 0..buf.len()).map(|h| (h.indent_columns, line[h.name].to_string()))
    }

    #[test]
    fn headers() {
        assert_eq!(
            header("  1. Jens Holm says:"),
            Some((2, "Jens Holm".into()))
        );
        assert_eq!(
            header("    12. Simon says says:  "),
            Some((4, "Simon says".into()))
        );
        assert_eq!(
            header("1. Talks resume, the ministry says: nothing agreed."),
            None
        );
        assert_eq!(header("  1. says:"), None);
        assert_eq!(header("  1.Jens says:"), None);
        assert_eq!(header("  Jens Holm says:"), None);
        assert_eq!(header("  1. Jens Holmsays:"), None);
        assert_eq!(header("\t1. N/A says:"), Some((8, "N/A".into())));
    }
}
