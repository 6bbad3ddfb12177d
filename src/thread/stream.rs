//! Reading and parsing at once, on two threads, with the file read exactly once.
//!
//! The reading thread reads the file in chunks of about a megabyte, each cut after a line
//! end, refuses what is not text (UTF-16, NUL bytes), unifies line endings, and pages in the
//! output regions the text will be copied to (a first touch of fresh memory is the single
//! largest cost of holding a big file). The calling thread checks each chunk as UTF-8 (once:
//! text is then moved as `&str`, never checked again), splits it into lines and feeds them
//! to the format's parser, which copies what it keeps into the output (compact.rs).
//!
//! Neither thread ever holds the whole file: memory is the kept text plus a few chunks.
//!
//! Trailing blank and furniture lines are held back until a line of content follows them,
//! so the parsers never see the end of the page. Without a format given, a file is parsed as
//! flat until a line reads as a numbered header; the chunks read so far are kept (up to
//! [`RETAIN_BYTES`]) so that the parse can start over as numbered without reading again.

use super::Thread;
use super::compact::{Output, REGION_BYTES, is_blank, is_removable};
use super::flat::Flat;
use super::load::{Format, MAX_FILE_BYTES, unify_line_endings};
use super::numbered::{self, Numbered};
use memchr::{memchr, memchr_iter, memrchr};
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// How much the reading thread reads at a time.
const CHUNK_BYTES: usize = 1 << 20;
/// Chunks read ahead of the parser.
const CHUNKS_IN_FLIGHT: usize = 4;
/// Output regions paged in ahead of the text read so far.
const REGIONS_AHEAD: usize = 2;
/// While the format is still unknown, this much of the file is kept for a restart.
pub const RETAIN_BYTES: usize = 32 << 20;

/// A format's parser, fed the file one line at a time (without line ends).
pub trait LineParser {
    fn new(out: &mut Output) -> Self;
    fn line(&mut self, out: &mut Output, line: &str);
    fn finish(self, out: Output) -> Thread;
}

/// Holds back blank and furniture lines until content follows them: what trails the last
/// line of content is dropped.
struct Lines<P> {
    parser: P,
    /// Held lines in order; `None` for a blank line.
    held: Vec<Option<String>>,
}

impl<P: LineParser> Lines<P> {
    fn new(out: &mut Output) -> Self {
        Lines {
            parser: P::new(out),
            held: Vec::new(),
        }
    }

    fn line(&mut self, out: &mut Output, line: &str) {
        let bytes = line.as_bytes();
        if is_removable(bytes) {
            let furniture = !is_blank(bytes, 0..bytes.len());
            self.held.push(furniture.then(|| line.to_string()));
            return;
        }
        if !self.held.is_empty() {
            for held in self.held.drain(..) {
                self.parser.line(out, held.as_deref().unwrap_or(""));
            }
        }
        self.parser.line(out, line);
    }

    fn finish(self, out: Output) -> Thread {
        self.parser.finish(out)
    }
}

/// Calls `f` with each line of `text`; stops early when `f` returns false.
fn each_line(text: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut start = 0;
    for end in memchr_iter(b'\n', text.as_bytes()) {
        if !f(&text[start..end]) {
            return false;
        }
        start = end + 1;
    }
    start >= text.len() || f(&text[start..])
}

/// Parses a whole text in the calling thread.
pub fn parse_text<P: LineParser>(text: &str) -> Thread {
    let mut out = Output::default();
    let mut lines = Lines::<P>::new(&mut out);
    each_line(text, |line| {
        lines.line(&mut out, line);
        true
    });
    lines.finish(out)
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum Failure {
    Io(io::Error),
    NotText(&'static str),
    TooLarge(u64),
}

/// What [`run`] found.
pub enum Outcome {
    Parsed {
        thread: Thread,
        format: Format,
        /// Invalid UTF-8 sequences replaced by U+FFFD.
        replaced: usize,
    },
    /// The text is JSON: parse it whole (json.rs).
    Json,
    /// A numbered header showed up after the kept start of a file read as flat: read it
    /// again as this format.
    Restart(Format),
}

/// Reads `source` (of about `size` bytes) and parses it as `format` (Numbered or Flat), or
/// as the format its content shows when `None`.
pub fn run<R: Read + Send>(
    source: R,
    size: usize,
    format: Option<Format>,
) -> Result<Outcome, Failure> {
    let (chunk_tx, chunk_rx) = sync_channel(CHUNKS_IN_FLIGHT);
    let (spent_tx, spent_rx) = channel();
    let (fresh_tx, fresh_rx) = channel();
    std::thread::scope(|scope| {
        scope.spawn(move || read_chunks(source, size, chunk_tx, spent_rx, fresh_tx));
        parse_chunks(chunk_rx, spent_tx, fresh_rx, format)
    })
}

// ------------------------------------------------------------------ the reading thread

/// A fresh region whose pages are already in memory (filled with spaces, then emptied: a
/// fill with zeros could be turned into an untouched calloc by the optimiser).
fn paged_region(size: usize) -> String {
    let mut bytes = Vec::with_capacity(size);
    bytes.resize(size, b' ');
    bytes.clear();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The reading thread: sends chunks that each end after a line end (the last one may not),
/// with line endings unified; pages in output regions ahead of need, up to `size` bytes.
fn read_chunks<R: Read>(
    source: R,
    size: usize,
    chunks: SyncSender<Result<Vec<u8>, Failure>>,
    spent: Receiver<Vec<u8>>,
    fresh: Sender<String>,
) {
    let mut source = source.take(MAX_FILE_BYTES + 1);
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    let mut total: u64 = 0;
    let mut sent = 0;
    let mut paged = 0;
    loop {
        // The kept text is never longer than the text read.
        while paged < size.min(sent + REGIONS_AHEAD * REGION_BYTES) {
            let region = REGION_BYTES.min(size - paged);
            if fresh.send(paged_region(region)).is_err() {
                return;
            }
            paged += region;
        }
        let mut buf = spent
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(CHUNK_BYTES));
        buf.clear();
        buf.append(&mut carry);
        let eof = loop {
            let before = buf.len();
            let want = if before < CHUNK_BYTES {
                CHUNK_BYTES - before
            } else {
                CHUNK_BYTES
            };
            let read = match (&mut source).take(want as u64).read_to_end(&mut buf) {
                Ok(read) => read,
                Err(err) => {
                    let _ = chunks.send(Err(Failure::Io(err)));
                    return;
                }
            };
            total += read as u64;
            if total > MAX_FILE_BYTES {
                let _ = chunks.send(Err(Failure::TooLarge(total)));
                return;
            }
            if read < want {
                break true;
            }
            if let Some(at) = memrchr(b'\n', &buf[before..]) {
                let cut = before + at + 1;
                carry.extend_from_slice(&buf[cut..]);
                buf.truncate(cut);
                break false;
            }
        };
        if let Err(why) = check_raw(&mut buf, first) {
            let _ = chunks.send(Err(Failure::NotText(why)));
            return;
        }
        first = false;
        sent += buf.len();
        if chunks.send(Ok(buf)).is_err() || eof {
            return;
        }
    }
}

/// Refuses what is not text and unifies line endings, in place. Chunks end after a '\n', so
/// a CR LF pair is never split between two of them.
fn check_raw(buf: &mut Vec<u8>, first: bool) -> Result<(), &'static str> {
    if first && (buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF])) {
        return Err("UTF-16");
    }
    if memchr(0, buf).is_some() {
        return Err("it contains NUL bytes");
    }
    if first && buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    unify_line_endings(buf);
    Ok(())
}

// ------------------------------------------------------------------ the parsing thread

/// A chunk as the parser keeps it: valid UTF-8 as read, or repaired.
enum Chunk {
    Valid(Vec<u8>),
    Repaired(String),
}

impl Chunk {
    /// Checks the bytes once: valid UTF-8 stays as it is; invalid sequences are replaced by
    /// U+FFFD (counted). Chunks end after a '\n', which no invalid sequence can span, so this
    /// counts as over the whole file.
    fn new(bytes: Vec<u8>, replaced: &mut usize) -> Self {
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            return Chunk::Valid(bytes);
        }
        let mut fixed = String::with_capacity(bytes.len() + 16);
        for piece in bytes.utf8_chunks() {
            fixed.push_str(piece.valid());
            if !piece.invalid().is_empty() {
                fixed.push(char::REPLACEMENT_CHARACTER);
                *replaced += 1;
            }
        }
        Chunk::Repaired(fixed)
    }

    /// The text (checked again, at memory speed: a `&str` cannot be kept beside its bytes).
    fn text(&self) -> &str {
        match self {
            Chunk::Valid(bytes) => simdutf8::basic::from_utf8(bytes).unwrap_or_default(),
            Chunk::Repaired(text) => text,
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Chunk::Valid(bytes) => bytes,
            Chunk::Repaired(text) => text.into_bytes(),
        }
    }
}

enum Parser {
    Numbered(Lines<Numbered>),
    /// `speculative`: no format was given, so a header line turns the file numbered.
    Flat(Lines<Flat>, bool),
}

impl Parser {
    /// Feeds a chunk's lines; returns false if a header showed up in a speculative flat parse.
    fn feed(&mut self, out: &mut Output, text: &str) -> bool {
        match self {
            Parser::Numbered(lines) => each_line(text, |line| {
                lines.line(out, line);
                true
            }),
            Parser::Flat(lines, false) => each_line(text, |line| {
                lines.line(out, line);
                true
            }),
            Parser::Flat(lines, true) => each_line(text, |line| {
                if numbered::is_header(line.as_bytes()) {
                    return false;
                }
                lines.line(out, line);
                true
            }),
        }
    }

    fn is_speculative(&self) -> bool {
        matches!(self, Parser::Flat(_, true))
    }
}

fn parse_chunks(
    chunks: Receiver<Result<Vec<u8>, Failure>>,
    spent: Sender<Vec<u8>>,
    fresh: Receiver<String>,
    format: Option<Format>,
) -> Result<Outcome, Failure> {
    let mut out = Output::new(Some(fresh));
    let mut replaced = 0;
    let mut parser: Option<Parser> = match format {
        Some(Format::Flat) => Some(Parser::Flat(Lines::new(&mut out), false)),
        Some(_) => Some(Parser::Numbered(Lines::new(&mut out))),
        None => None,
    };
    // Until something other than white space shows up, the text may still be JSON.
    let mut maybe_json = format.is_none();
    // The chunks so far, while a restart as numbered may still need them.
    let mut kept: Vec<Chunk> = Vec::new();
    let mut kept_bytes = 0;
    let mut keeping = format.is_none();

    for chunk in chunks {
        let chunk = Chunk::new(chunk?, &mut replaced);
        let text = chunk.text();
        if maybe_json {
            match text.bytes().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => return Ok(Outcome::Json),
                Some(_) => maybe_json = false,
                None => {}
            }
        }
        let parser = parser.get_or_insert_with(|| {
            if numbered::looks_numbered(text.as_bytes()) {
                Parser::Numbered(Lines::new(&mut out))
            } else {
                Parser::Flat(Lines::new(&mut out), true)
            }
        });
        if !parser.feed(&mut out, text) {
            // A header: the file is numbered after all.
            if !keeping {
                return Ok(Outcome::Restart(Format::Numbered));
            }
            out.reset();
            let mut numbered = Parser::Numbered(Lines::new(&mut out));
            for earlier in kept.iter().chain(std::iter::once(&chunk)) {
                numbered.feed(&mut out, earlier.text());
            }
            *parser = numbered;
        }
        let len = text.len();
        if keeping && parser.is_speculative() && kept_bytes + len <= RETAIN_BYTES {
            kept_bytes += len;
            kept.push(chunk);
            continue;
        }
        if keeping {
            keeping = false;
            for earlier in kept.drain(..) {
                let _ = spent.send(earlier.into_bytes());
            }
        }
        let _ = spent.send(chunk.into_bytes());
    }
    let (thread, format) = match parser {
        Some(Parser::Numbered(lines)) => (lines.finish(out), Format::Numbered),
        Some(Parser::Flat(lines, _)) => (lines.finish(out), Format::Flat),
        // An empty file.
        None => {
            let lines = Lines::<Flat>::new(&mut out);
            (lines.finish(out), Format::Flat)
        }
    };
    Ok(Outcome::Parsed {
        thread,
        format,
        replaced,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Format, json, parse_bytes};
    use std::path::Path;

    fn parsed(bytes: &[u8], format: Option<Format>) -> (String, Format, usize) {
        let loaded = parse_bytes(bytes.to_vec(), format, Path::new("t.txt")).expect("parses");
        let mut dump = Vec::new();
        json::write(&loaded.thread, &mut dump).expect("dump");
        (
            String::from_utf8(dump).expect("utf-8 dump"),
            loaded.format,
            loaded.replaced_sequences,
        )
    }

    /// A numbered thread of a few megabytes: several chunks and output regions.
    fn numbered_text(comments: usize) -> String {
        let mut text = String::from("May 2021\n\nA Title\n\nThe article.\n\n");
        for i in 0..comments {
            let indent = "  ".repeat(1 + i % 4);
            text.push_str(&format!("{indent}{}. Name {} says:\n\n", i + 1, i % 50));
            for line in 0..3 {
                text.push_str(&format!(
                    "{indent}  Line {line} of comment {i}, ünïcödé text.\n"
                ));
            }
            text.push('\n');
        }
        text.push_str("\nNotify of\n\n");
        text
    }

    #[test]
    fn line_endings_parse_alike_across_chunks() {
        let lf = numbered_text(20_000);
        assert!(lf.len() > 3 * super::CHUNK_BYTES);
        let expected = parsed(lf.as_bytes(), None);
        assert_eq!(expected.1, Format::Numbered);
        for variant in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
            assert_eq!(parsed(variant.as_bytes(), None), expected);
        }
    }

    #[test]
    fn a_late_header_makes_the_file_numbered() {
        let mut text = String::from("Title\n\nArticle.\n");
        while text.len() < 2 * super::CHUNK_BYTES {
            text.push_str("\n\nJohn Smith\n\nA comment that reads like flat text.\n");
        }
        text.push_str("\n  1. Late Header says:\n\n    boo\n");
        let detected = parsed(text.as_bytes(), None);
        assert_eq!(detected.1, Format::Numbered);
        assert_eq!(detected, parsed(text.as_bytes(), Some(Format::Numbered)));
    }

    #[test]
    fn invalid_sequences_are_counted_in_every_chunk() {
        let mut bytes = numbered_text(20_000).into_bytes();
        let mut expected = 0;
        for at in (1000..bytes.len()).step_by(400_000) {
            // A lone continuation byte in place of an ASCII one: one replacement each.
            if bytes[at].is_ascii() && bytes[at] != b'\n' {
                bytes[at] = 0x80;
                expected += 1;
            }
        }
        let (_, _, replaced) = parsed(&bytes, None);
        assert_eq!(replaced, expected);
    }
}
