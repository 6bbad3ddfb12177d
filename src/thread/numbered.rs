//! The numbered format: `<indent><n>. <Name> says:` headers, two spaces of indent per level,
//! each comment's text indented two spaces more than its header.

use super::budget::CommentBudget;
use super::formats::{Family, Finished, FormatSpec, Input, LineParser, Parse, Report};
use super::lines::{Paragraphs, Preamble, indent_columns, strip_indent, trim, trim_end};
use super::output::Output;
use super::sniff::{Head, Sniff};
use super::{TextRange, ThreadBuilder, ThreadInfo};
use std::ops::Range;

pub static SPEC: FormatSpec = FormatSpec {
    name: "numbered",
    label: "numbered text (\"  1. Name says:\" headers indented by level)",
    family: Family::Text,
    sniff,
    parse: Parse::Lines(new_parser),
    input: Input::Text,
};

fn new_parser(out: &mut Output, budget: CommentBudget) -> Box<dyn LineParser> {
    Box::new(Numbered::new(out, budget))
}

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

/// How well a text fits the numbered structure, counted line by line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Structure {
    pub headers: usize,
    /// Lines of content from the first header on.
    pub lines_after_first: usize,
    /// Of those, the headers and the lines indented as the text of the comment above.
    pub fitting: usize,
    /// How far the text of the last header's comment is indented.
    text_indent: Option<usize>,
}

impl Structure {
    pub fn line(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let kept = trim_end(bytes, 0..bytes.len());
        if kept.is_empty() {
            return;
        }
        if let Some(header) = parse_trimmed_header(bytes, kept.clone()) {
            self.headers += 1;
            self.lines_after_first += 1;
            self.fitting += 1;
            self.text_indent = Some((header.indent_columns / 2).max(1) * 2 + 2);
        } else if let Some(indent) = self.text_indent {
            self.lines_after_first += 1;
            if indent_columns(bytes, kept) >= indent {
                self.fitting += 1;
            }
        }
    }

    /// Most lines after the first header belong to comments: the headers are the page's
    /// structure, not a lookalike line inside some text.
    pub fn is_numbered(&self) -> bool {
        self.headers > 0 && self.fitting * 10 >= self.lines_after_first * 7
    }
}

pub fn structure<'a>(lines: impl IntoIterator<Item = &'a str>) -> Structure {
    let mut found = Structure::default();
    for line in lines {
        found.line(line);
    }
    found
}

/// Numbered when the lines after the first header fit the structure; a lone header-shaped
/// line in a page of text is not enough (the flat parser says when it saw one).
fn sniff(head: &Head) -> Sniff {
    if structure(head.lines()).is_numbered() {
        Sniff::Maybe(50)
    } else {
        Sniff::No
    }
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
    pub fn new(out: &mut Output, budget: CommentBudget) -> Self {
        Numbered {
            builder: ThreadBuilder::new(budget),
            preamble: Preamble::default(),
            article: TextRange::EMPTY,
            paragraphs: Paragraphs::begin(out),
            current: None,
        }
    }

    fn finish_text(&mut self, out: &mut Output) {
        let text = self.paragraphs.finish(out);
        match self.current {
            Some((id, _)) => self.builder.set_written_body(id, text, out),
            None => self.article = text,
        }
    }
}

impl LineParser for Numbered {
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
            // A comment past the budget keeps no name (names past a few are one each).
            let name = self
                .builder
                .has_room()
                .then(|| out.emit_name(&line[header.name]));
            let id = self.builder.push(level, name, TextRange::EMPTY);
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

    fn finish(mut self: Box<Self>, mut out: Output, _report: &mut Report) -> Finished {
        self.preamble.end_untitled(&out);
        self.finish_text(&mut out);
        let Preamble { title, date, .. } = self.preamble;
        let info = ThreadInfo {
            title,
            date,
            article: self.article,
            ..ThreadInfo::default()
        };
        Finished::thread(self.builder.finish(out.into_text(), info))
    }
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
