//! The flat format: the page lost its nesting. Comments are separated by two blank lines and
//! a one-line paragraph that is a person's name starts a comment by that person.

use super::compact::{
    Compactor, Paragraphs, content_end, is_blank, looks_like_date, next_line, trim, trim_end,
};
use super::{TextRange, Thread, ThreadBuilder};
use std::ops::Range;

/// What comes before the article: an optional date line and the title.
pub struct Preamble {
    pub date: Option<TextRange>,
    pub title: TextRange,
    /// Where the article starts.
    pub next: usize,
}

/// Reads the date and title lines; `is_comment` stops it early on a file that has no title.
pub fn read_preamble(
    out: &mut Compactor,
    end: usize,
    is_comment: impl Fn(&[u8], Range<usize>) -> bool,
) -> Preamble {
    let mut pos = 0;
    let mut date = None;
    while pos < end {
        let (line, next) = next_line(&out.buf, pos, end);
        if is_comment(&out.buf, line.clone()) {
            break;
        }
        if is_blank(&out.buf, line.clone()) {
            pos = next;
            continue;
        }
        let line = trim(&out.buf, line);
        let text = std::str::from_utf8(&out.buf[line.clone()]).unwrap_or("");
        if date.is_none() && looks_like_date(text) {
            date = Some(out.emit(line));
            pos = next;
            continue;
        }
        let title = out.emit(line);
        return Preamble { date, title, next };
    }
    Preamble {
        date,
        title: TextRange::new(out.position()..out.position()),
        next: pos,
    }
}

/// Words that may start in lower case inside a name ("Ludwig van Beethoven").
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ibn",
    "al", "el", "y", "zu", "ten", "ter",
];
const NAME_SUFFIXES: &[&str] = &["Jr.", "Sr.", "Dr.", "St.", "Mr.", "Mrs.", "Ms."];
const MAX_NAME_CHARS: usize = 40;
const MAX_NAME_WORDS: usize = 4;

/// "K." and the like.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// Whether a one-line paragraph is a commenter's name (`Tommy Jensen`, `Marta K.`,
/// `Kenny Jones ™`) rather than a short comment: title-case words, no sentence punctuation.
pub fn looks_like_name(line: &str) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty()
        || words.len() > MAX_NAME_WORDS
        || line.chars().count() > MAX_NAME_CHARS
        || !line.chars().any(char::is_alphabetic)
        || line.contains([
            ',', ';', ':', '!', '?', '"', '“', '”', '(', ')', '[', ']', '{', '}', '<', '>', '…',
        ])
    {
        return false;
    }
    // A final full stop belongs to an initial or a title ("Marta K.", "Sam Jones Jr."), not
    // to a sentence ("Ok.").
    if let Some(last) = words.last()
        && last.ends_with('.')
        && (words.len() < 2 || !(is_initial(last) || NAME_SUFFIXES.contains(last)))
    {
        return false;
    }
    words.iter().enumerate().all(|(index, word)| {
        let Some(first) = word.chars().next() else {
            return false;
        };
        if first.is_lowercase() {
            index > 0 && NAME_PARTICLES.contains(word)
        } else if first.is_ascii_digit() {
            index > 0
        } else {
            // Upper case, a script without case, or a symbol such as ™.
            true
        }
    })
}

/// A run of non-blank lines.
struct Paragraph {
    /// Blank lines between this paragraph and the previous one.
    blank_lines_before: usize,
    /// Start of its first line to the end of its last line.
    span: Range<usize>,
    line_count: usize,
    /// Where the next paragraph's search starts.
    next: usize,
}

fn next_paragraph(buf: &[u8], mut pos: usize, end: usize) -> Option<Paragraph> {
    let mut blank_lines_before = 0;
    let mut span: Option<Range<usize>> = None;
    let mut line_count = 0;
    while pos < end {
        let (line, next) = next_line(buf, pos, end);
        if is_blank(buf, line.clone()) {
            if span.is_some() {
                break;
            }
            blank_lines_before += 1;
        } else {
            span = Some(span.map_or(line.clone(), |s| s.start..line.end));
            line_count += 1;
        }
        pos = next;
    }
    span.map(|span| Paragraph {
        blank_lines_before,
        span,
        line_count,
        next: pos,
    })
}

/// Appends a paragraph's lines (trailing white space trimmed) to `paragraphs`.
fn emit_paragraph(out: &mut Compactor, paragraphs: &mut Paragraphs, span: Range<usize>) {
    paragraphs.break_paragraph();
    let mut pos = span.start;
    while pos < span.end {
        let (line, next) = next_line(&out.buf, pos, span.end);
        let line = trim_end(&out.buf, line);
        paragraphs.line(out, line);
        pos = next;
    }
}

/// Parses a flat thread. `buf` is valid UTF-8 with '\n' line endings.
pub fn parse(buf: Vec<u8>) -> Thread {
    let end = content_end(&buf);
    let mut out = Compactor::new(buf);
    let preamble = read_preamble(&mut out, end, |_, _| false);
    let mut builder = ThreadBuilder::new();
    let mut paragraphs = Paragraphs::begin(&out);
    let mut article: Option<TextRange> = None;
    let mut current: Option<usize> = None;
    let mut pos = preamble.next;

    while let Some(paragraph) = next_paragraph(&out.buf, pos, end) {
        pos = paragraph.next;
        let new_run = paragraph.blank_lines_before >= 2;
        if article.is_none() {
            if !new_run {
                emit_paragraph(&mut out, &mut paragraphs, paragraph.span);
                continue;
            }
            article = Some(paragraphs.finish(&out));
            paragraphs = Paragraphs::begin(&out);
        }
        if new_run && let Some(id) = current.take() {
            builder.set_body(id, paragraphs.finish(&out));
        }
        if paragraph.line_count == 1 {
            let line = trim(&out.buf, paragraph.span.clone());
            let text = std::str::from_utf8(&out.buf[line.clone()]).unwrap_or("");
            if looks_like_name(text) {
                if let Some(id) = current.take() {
                    builder.set_body(id, paragraphs.finish(&out));
                }
                let name = out.emit(line);
                current = Some(builder.push(1, Some(name), TextRange::EMPTY));
                paragraphs = Paragraphs::begin(&out);
                continue;
            }
        }
        if current.is_none() {
            current = Some(builder.push(1, None, TextRange::EMPTY));
            paragraphs = Paragraphs::begin(&out);
        }
        emit_paragraph(&mut out, &mut paragraphs, paragraph.span);
    }
    let text = paragraphs.finish(&out);
    let article = match (article, current) {
        (Some(article), Some(id)) => {
            builder.set_body(id, text);
            article
        }
        (Some(article), None) => article,
        (None, _) => text,
    };
    builder.finish(
        super::compact::into_string(out.into_text()),
        preamble.title,
        preamble.date,
        article,
    )
}

#[cfg(test)]
mod tests {
    use super::looks_like_name;

    #[test]
    fn names_and_not_names() {
        for name in [
            "Tommy Jensen",
            "Kenny Jones ™",
            "Marta K.",
            "Trap Is Not Gay",
            "Rhodium 10",
            "Иван Петров",
            "王小明",
            "Ludwig van Beethoven",
            "N/A",
        ] {
            assert!(looks_like_name(name), "{name}");
        }
        for text in [
            "Commonwealth of independant nations,bring it on!",
            "Kaliningrad and Belarus do not share a border.",
            "agreed",
            "Exactly right, sir",
            "This Is A Very Long Shout",
            "10 Downing",
            "Spot on…as long",
            "Ok.",
            "Well said Sir.",
        ] {
            assert!(!looks_like_name(text), "{text}");
        }
    }
}
