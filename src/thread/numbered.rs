//! The numbered format: `<indent><n>. <Name> says:` headers, two spaces of indent per level,
//! each comment's text indented two spaces more than its header.

use super::compact::{
    Compactor, Paragraphs, content_end, indent_columns, next_line, strip_indent, trim, trim_end,
};
use super::{TextRange, Thread, ThreadBuilder};
use std::ops::Range;

const SAYS: &[u8] = b"says:";
/// More digits than this is not a comment number.
const MAX_NUMBER_DIGITS: usize = 9;

/// A recognised header line.
struct Header {
    indent_columns: usize,
    name: Range<usize>,
}

/// Parses `line` as a comment header. The numbers are not used: real pages restart them.
fn parse_header(buf: &[u8], line: Range<usize>) -> Option<Header> {
    let line = trim_end(buf, line);
    if !buf[line.clone()].ends_with(SAYS) {
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

/// Parses a numbered thread. `buf` is valid UTF-8 with '\n' line endings.
pub fn parse(buf: Vec<u8>) -> Thread {
    let end = content_end(&buf);
    let mut out = Compactor::new(buf);
    let preamble =
        super::flat::read_preamble(&mut out, end, |buf, line| parse_header(buf, line).is_some());
    let mut pos = preamble.next;
    let mut builder = ThreadBuilder::new();
    let mut paragraphs = Paragraphs::begin(&out);
    // The comment being read and how far its text is indented; None while in the article.
    let mut current: Option<(usize, usize)> = None;
    let mut article = TextRange::EMPTY;

    while pos < end {
        let (line, next) = next_line(&out.buf, pos, end);
        pos = next;
        if let Some(header) = parse_header(&out.buf, line.clone()) {
            let text = paragraphs.finish(&out);
            match current {
                Some((id, _)) => builder.set_body(id, text),
                None => article = text,
            }
            let level = (header.indent_columns / 2).max(1);
            let name = out.emit(header.name);
            let id = builder.push(level, Some(name), TextRange::EMPTY);
            current = Some((id, level * 2 + 2));
            paragraphs = Paragraphs::begin(&out);
            continue;
        }
        let line = trim_end(&out.buf, line);
        if line.is_empty() {
            paragraphs.blank();
            continue;
        }
        let content = match current {
            Some((_, text_indent)) => strip_indent(&out.buf, line, text_indent),
            None => line,
        };
        paragraphs.line(&mut out, content);
    }
    let text = paragraphs.finish(&out);
    match current {
        Some((id, _)) => builder.set_body(id, text),
        None => article = text,
    }
    builder.finish(
        super::compact::into_string(out.into_text()),
        preamble.title,
        preamble.date,
        article,
    )
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
