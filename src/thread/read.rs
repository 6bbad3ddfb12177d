//! The reading pipeline: every input is read here, once, in chunks of about a megabyte on a
//! second thread, while the format's parser works on the first.
//!
//! The reading thread reads the head, asks sniff.rs which format it is (unless one was
//! given), then sends chunks made ready for that format: a UTF-8 BOM dropped, UTF-16 and
//! (for text formats) NUL bytes refused, line endings unified to '\n', each chunk cut after
//! a line end where it can be. For plain-text formats it also pages in the output regions
//! the parser will copy text to (a first touch of fresh memory is the largest single cost of
//! holding a big file). The parsing thread checks each chunk as UTF-8 once (invalid
//! sequences become U+FFFD, counted), then feeds the format: line by line, as a stream, or
//! whole.
//!
//! Neither thread holds the whole file unless the format needs it whole: memory is what the
//! parser keeps plus a few chunks.

use super::budget::CommentBudget;
use super::formats::{Finished, FormatError, Input, LineParser, Options, Parse, Report};
use super::lines::{is_blank, is_removable};
use super::output::{Output, REGION_BYTES};
use super::sniff::{self, HEAD_BYTES, Head, Unknown};
use super::{Format, Thread};
use memchr::{memchr, memchr_iter, memrchr2};
use std::io::{self, BufRead, Read};
use std::sync::mpsc::{Receiver, Sender, SyncSender, TrySendError, channel, sync_channel};

/// How much the reading thread reads at a time (the head is the first chunk).
const CHUNK_BYTES: usize = HEAD_BYTES;
/// Chunks read ahead of the parser.
const CHUNKS_IN_FLIGHT: usize = 4;
/// Fresh output regions waiting for the parser at most.
const REGIONS_AHEAD: usize = 2;
/// A line longer than this is broken into pieces for the plain-text parsers, so that one
/// endless line cannot make a chunk as large as the file.
pub const MAX_LINE_BYTES: usize = 16 << 20;
/// Repairing invalid UTF-8 may grow the text by this much, or by a quarter of what was read:
/// past that, the file is not UTF-8 text, and repairing it would multiply its size.
const MAX_GROWTH_BYTES: usize = 1 << 20;
/// Inputs up to this size are read whole on the calling thread: they fit in one chunk, so
/// the messages they make fit in the channel without a reader on the other side.
const SMALL_INPUT_BYTES: usize = HEAD_BYTES / 2;
/// The largest input read.
pub const MAX_INPUT_BYTES: u64 = 1 << 40;

/// Why an input could not be read.
#[derive(Debug)]
pub enum Failure {
    Io(io::Error),
    NotText(&'static str),
    TooLarge(u64),
    /// Structured data (JSON, XML) of a shape no format reads.
    Unknown(Unknown),
    /// The format's parser refused the input.
    Format(Format, FormatError),
}

/// What [`run`] found.
pub enum Outcome {
    Parsed(Parsed),
    /// The parser read the whole file and found it reads better as this format: read it
    /// again as that.
    Reparse(Format),
}

pub struct Parsed {
    pub threads: Vec<Thread>,
    pub format: Format,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replaced: usize,
    pub report: Report,
}

/// What the reading thread sends.
enum Message {
    Start(Format),
    Chunk(Vec<u8>),
    /// Lines longer than [`MAX_LINE_BYTES`] that were broken into pieces.
    BrokenLines(usize),
    Fail(Failure),
}

/// Reads `source` (of about `size` bytes) and parses it as `format`, or as the format its
/// beginning shows when `None`.
/// Reads and parses `source`; its threads take their comments' places from `budget`.
pub fn run<R: Read + Send>(
    mut source: R,
    size: usize,
    options: &Options,
    budget: &CommentBudget,
) -> Result<Outcome, Failure> {
    if size <= SMALL_INPUT_BYTES {
        // A small file (most of a library's) is read whole first: it makes one chunk, so the
        // pipeline runs on this thread, without a thread to start for it.
        let mut head = Vec::with_capacity(size + 1);
        (&mut source)
            .take(SMALL_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut head)
            .map_err(Failure::Io)?;
        if head.len() <= SMALL_INPUT_BYTES {
            let (message_tx, message_rx) = sync_channel(CHUNKS_IN_FLIGHT);
            let (spent_tx, spent_rx) = channel();
            let (fresh_tx, fresh_rx) = sync_channel(REGIONS_AHEAD);
            read(
                &head[..],
                head.len(),
                options.format,
                message_tx,
                spent_rx,
                fresh_tx,
            );
            return consume(message_rx, spent_tx, fresh_rx, budget, options);
        }
        // It grew since it was measured: read on, on a second thread.
        return run_threaded(
            std::io::Cursor::new(head).chain(source),
            size,
            options,
            budget,
        );
    }
    run_threaded(source, size, options, budget)
}

fn run_threaded<R: Read + Send>(
    source: R,
    size: usize,
    options: &Options,
    budget: &CommentBudget,
) -> Result<Outcome, Failure> {
    let (message_tx, message_rx) = sync_channel(CHUNKS_IN_FLIGHT);
    let (spent_tx, spent_rx) = channel();
    let (fresh_tx, fresh_rx) = sync_channel(REGIONS_AHEAD);
    let format = options.format;
    std::thread::scope(|scope| {
        scope.spawn(move || read(source, size, format, message_tx, spent_rx, fresh_tx));
        consume(message_rx, spent_tx, fresh_rx, budget, options)
    })
}

/// The reading side: sends the format, then the chunks, or the failure.
fn read<R: Read>(
    source: R,
    size: usize,
    format: Option<Format>,
    messages: SyncSender<Message>,
    spent: Receiver<Vec<u8>>,
    fresh: SyncSender<String>,
) {
    let mut reading = Reading {
        source: source.take(MAX_INPUT_BYTES + 1),
        total: 0,
        messages,
    };
    if let Err(failure) = reading.read_all(size, format, spent, fresh) {
        let _ = reading.messages.send(Message::Fail(failure));
    }
}

// ------------------------------------------------------------------ the reading thread

struct Reading<R> {
    source: std::io::Take<R>,
    total: u64,
    messages: SyncSender<Message>,
}

/// The reader is gone: stop quietly.
struct Hangup;

impl From<Hangup> for Failure {
    fn from(_: Hangup) -> Failure {
        Failure::Io(io::ErrorKind::BrokenPipe.into())
    }
}

impl<R: Read> Reading<R> {
    /// Appends up to `want` bytes; returns whether the input ended.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> Result<bool, Failure> {
        let read = (&mut self.source)
            .take(want as u64)
            .read_to_end(buf)
            .map_err(Failure::Io)?;
        self.total += read as u64;
        if self.total > MAX_INPUT_BYTES {
            return Err(Failure::TooLarge(self.total));
        }
        Ok(read < want)
    }

    fn send(&self, message: Message) -> Result<(), Failure> {
        self.messages.send(message).map_err(|_| Hangup.into())
    }

    fn read_all(
        &mut self,
        size: usize,
        forced: Option<Format>,
        spent: Receiver<Vec<u8>>,
        fresh: SyncSender<String>,
    ) -> Result<(), Failure> {
        let mut buf = Vec::with_capacity(CHUNK_BYTES);
        let mut eof = self.fill(&mut buf, HEAD_BYTES)?;
        if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
            return Err(Failure::NotText("UTF-16"));
        }
        let format = match forced {
            Some(format) => format,
            None => sniff::detect(&Head::new(&buf, eof)).map_err(Failure::Unknown)?,
        };
        self.send(Message::Start(format))?;
        let spec = format.spec();
        let by_lines = matches!(spec.parse, Parse::Lines(_));
        let nul_allowed = spec.input == Input::Bytes;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        let mut carry: Vec<u8> = Vec::new();
        let mut paged = 0;
        // A paged region the parser had no room for yet.
        let mut waiting: Option<String> = None;
        // Chunks sent and not yet given back, and a buffer given back for the next chunk.
        let mut outstanding = 0usize;
        let mut reusable: Option<Vec<u8>> = None;
        let mut broken_lines = 0;
        // The chunk before ended inside a line it broke: the next break of it is not another.
        let mut in_broken_line = false;
        loop {
            let cut = if eof {
                buf.len()
            } else {
                match chunk_end(&buf) {
                    Some(cut) => {
                        in_broken_line = false;
                        cut
                    }
                    None if by_lines && buf.len() < MAX_LINE_BYTES => {
                        // A line longer than a chunk: read on to its end, or to the most a
                        // line may hold.
                        let want = buf.len().max(CHUNK_BYTES).min(MAX_LINE_BYTES - buf.len());
                        eof = self.fill(&mut buf, want)?;
                        continue;
                    }
                    None => {
                        if by_lines && !in_broken_line {
                            broken_lines += 1;
                            in_broken_line = true;
                        }
                        char_boundary_before(&buf, buf.len())
                    }
                }
            };
            carry.extend_from_slice(&buf[cut..]);
            buf.truncate(cut);
            if !nul_allowed && memchr(0, &buf).is_some() {
                return Err(Failure::NotText("it contains NUL bytes"));
            }
            unify_line_endings(&mut buf);
            if by_lines {
                // Regions wait for the parser only as far as it uses them: text it does not
                // keep (blank lines) must not leave paged memory behind. The kept text is
                // never longer than the file.
                while paged < size {
                    let region = waiting
                        .take()
                        .unwrap_or_else(|| paged_region(REGION_BYTES.min(size - paged)));
                    let len = region.capacity();
                    match fresh.try_send(region) {
                        Ok(()) => paged += len,
                        Err(TrySendError::Full(region)) => {
                            waiting = Some(region);
                            break;
                        }
                        Err(TrySendError::Disconnected(_)) => return Err(Hangup.into()),
                    }
                }
            }
            if buf.len() > 2 * CHUNK_BYTES {
                // A piece of a long line: the chunks before it are parsed first, so long
                // lines in flight cost one line, not one line per chunk the channel holds.
                while outstanding > 0 {
                    let done = spent.recv().map_err(|_| Failure::from(Hangup))?;
                    outstanding -= 1;
                    reusable = Some(done);
                }
            }
            if !buf.is_empty() {
                self.send(Message::Chunk(std::mem::take(&mut buf)))?;
                outstanding += 1;
            }
            if eof && carry.is_empty() {
                break;
            }
            while let Ok(done) = spent.try_recv() {
                outstanding -= 1;
                reusable = Some(done);
            }
            buf = reusable
                .take()
                .unwrap_or_else(|| Vec::with_capacity(CHUNK_BYTES));
            buf.clear();
            buf.append(&mut carry);
            if !eof {
                eof = self.fill(&mut buf, CHUNK_BYTES)?;
            }
        }
        if broken_lines > 0 {
            self.send(Message::BrokenLines(broken_lines))?;
        }
        Ok(())
    }
}

/// Where to end a chunk: after its last complete line end. A CR at the very end may be the
/// first half of a CR LF pair, so its line goes to the next chunk. None when there is no
/// complete line end.
fn chunk_end(buf: &[u8]) -> Option<usize> {
    let searched = match buf {
        [rest @ .., b'\r'] => rest,
        _ => buf,
    };
    memrchr2(b'\n', b'\r', searched).map(|at| at + 1)
}

/// The last position at or before `end` that does not split a UTF-8 sequence.
fn char_boundary_before(buf: &[u8], end: usize) -> usize {
    let mut at = end;
    // A sequence is at most 4 bytes: look back at most 3 continuation bytes.
    while at > 0 && end - at < 4 && (buf[at - 1] & 0xC0) == 0x80 {
        at -= 1;
    }
    if at == 0 {
        return end;
    }
    let lead = buf[at - 1];
    let length = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    if at - 1 + length <= end { end } else { at - 1 }
}

/// A fresh region whose pages are already in memory (filled with spaces, then emptied: a
/// fill with zeros could be turned into an untouched calloc by the optimiser).
fn paged_region(size: usize) -> String {
    let mut bytes = Vec::with_capacity(size);
    bytes.resize(size, b' ');
    bytes.clear();
    String::from_utf8(bytes).unwrap_or_default()
}

/// CRLF and lone CR become LF, in place.
pub fn unify_line_endings(buf: &mut Vec<u8>) {
    let Some(first) = memchr(b'\r', buf) else {
        return;
    };
    let mut write = first;
    let mut read = first;
    while read < buf.len() {
        let byte = buf[read];
        read += 1;
        if byte == b'\r' {
            buf[write] = b'\n';
            if buf.get(read) == Some(&b'\n') {
                read += 1;
            }
        } else {
            buf[write] = byte;
        }
        write += 1;
    }
    buf.truncate(write);
}

// ------------------------------------------------------------------ the parsing thread

/// A chunk as the parser keeps it: valid UTF-8 as read, or repaired.
enum Chunk {
    Valid(Vec<u8>),
    Repaired(String),
    /// The bytes as read, for formats that decode themselves.
    Raw(Vec<u8>),
}

impl Chunk {
    /// Checks the bytes once: valid UTF-8 stays as it is; invalid sequences are replaced by
    /// U+FFFD (counted). Chunks never split a sequence, so this counts as over the whole file.
    fn new(bytes: Vec<u8>, input: Input, replaced: &mut usize) -> Self {
        if input == Input::Bytes {
            return Chunk::Raw(bytes);
        }
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
            Chunk::Valid(bytes) | Chunk::Raw(bytes) => {
                simdutf8::basic::from_utf8(bytes).unwrap_or_default()
            }
            Chunk::Repaired(text) => text,
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Chunk::Valid(bytes) | Chunk::Raw(bytes) => bytes,
            Chunk::Repaired(text) => text.as_bytes(),
        }
    }

    fn into_bytes(self) -> Vec<u8> {
        match self {
            Chunk::Valid(bytes) | Chunk::Raw(bytes) => bytes,
            Chunk::Repaired(text) => text.into_bytes(),
        }
    }
}

/// The chunks as the parsing thread receives them, ready for the format's input.
struct Chunks {
    messages: Receiver<Message>,
    spent: Sender<Vec<u8>>,
    input: Input,
    replaced: usize,
    /// Bytes received, and how many more the repaired text holds (U+FFFD is three bytes).
    received: usize,
    grown: usize,
    broken_lines: usize,
    failure: Option<Failure>,
}

impl Chunks {
    /// The next chunk; None at the end or on a failure (kept in `failure`).
    fn next_chunk(&mut self) -> Option<Chunk> {
        loop {
            match self.messages.recv() {
                Ok(Message::Chunk(bytes)) => {
                    let len = bytes.len();
                    let chunk = Chunk::new(bytes, self.input, &mut self.replaced);
                    self.received += len;
                    self.grown += chunk.bytes().len().saturating_sub(len);
                    if self.grown > MAX_GROWTH_BYTES.max(self.received / 4) {
                        // Text of which much is not UTF-8 would multiply as it is repaired.
                        self.failure.get_or_insert(Failure::NotText(
                            "much of it is not UTF-8: is it in another encoding?",
                        ));
                        return None;
                    }
                    return Some(chunk);
                }
                Ok(Message::BrokenLines(count)) => self.broken_lines += count,
                Ok(Message::Fail(failure)) => {
                    self.failure.get_or_insert(failure);
                    return None;
                }
                Ok(Message::Start(_)) => {}
                Err(_) => return None,
            }
        }
    }

    fn recycle(&self, chunk: Chunk) {
        let _ = self.spent.send(chunk.into_bytes());
    }

    fn report(&self, report: &mut Report) {
        report.skipped(
            self.broken_lines,
            "line longer than 16 MiB was",
            "lines longer than 16 MiB were",
            "broken into pieces",
        );
    }
}

/// The stream a [`Parse::Stream`] format reads: the chunks one after another.
struct ChunkReader<'a> {
    chunks: &'a mut Chunks,
    current: Option<Chunk>,
    at: usize,
}

impl Read for ChunkReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for ChunkReader<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self
            .current
            .as_ref()
            .is_none_or(|chunk| self.at >= chunk.bytes().len())
        {
            if let Some(done) = self.current.take() {
                self.chunks.recycle(done);
            }
            self.at = 0;
            match self.chunks.next_chunk() {
                Some(chunk) => self.current = Some(chunk),
                None if self.chunks.failure.is_some() => {
                    return Err(io::Error::other("the input could not be read"));
                }
                None => return Ok(&[]),
            }
        }
        Ok(self
            .current
            .as_ref()
            .map_or(&[][..], |chunk| &chunk.bytes()[self.at..]))
    }

    fn consume(&mut self, amount: usize) {
        self.at += amount;
    }
}

fn consume(
    messages: Receiver<Message>,
    spent: Sender<Vec<u8>>,
    fresh: Receiver<String>,
    budget: &CommentBudget,
    options: &Options,
) -> Result<Outcome, Failure> {
    let forced = options.format.is_some();
    let format = match messages.recv() {
        Ok(Message::Start(format)) => format,
        Ok(Message::Fail(failure)) => return Err(failure),
        _ => return Err(Failure::Io(io::ErrorKind::UnexpectedEof.into())),
    };
    let spec = format.spec();
    let mut chunks = Chunks {
        messages,
        spent,
        input: spec.input,
        replaced: 0,
        received: 0,
        grown: 0,
        broken_lines: 0,
        failure: None,
    };
    let mut report = Report::with_budget(budget.clone());
    let result = match spec.parse {
        Parse::Lines(new) => match parse_lines(new, &mut chunks, fresh, &mut report) {
            Some(Finished {
                reads_better_as: Some(again),
                ..
            }) if !forced => return Ok(Outcome::Reparse(again)),
            Some(finished) => Ok(vec![finished.thread]),
            None => Ok(Vec::new()),
        },
        Parse::Stream(parse) => {
            let mut reader = ChunkReader {
                chunks: &mut chunks,
                current: None,
                at: 0,
            };
            let result = parse(&mut reader, options, &mut report);
            // Whatever the parser left unread is drained, so a failure behind it is seen.
            while reader.fill_buf().is_ok_and(|rest| !rest.is_empty()) {
                let len = reader.fill_buf().map_or(0, <[u8]>::len);
                reader.consume(len);
            }
            result
        }
        Parse::Whole(parse) => {
            let mut whole = Vec::new();
            while let Some(chunk) = chunks.next_chunk() {
                whole.extend_from_slice(chunk.bytes());
                chunks.recycle(chunk);
            }
            if chunks.failure.is_some() {
                Ok(Vec::new())
            } else {
                parse(&whole, options, &mut report)
            }
        }
    };
    if let Some(failure) = chunks.failure.take() {
        return Err(failure);
    }
    let threads = result.map_err(|err| Failure::Format(format, err))?;
    chunks.report(&mut report);
    report.note_comments_over_budget();
    Ok(Outcome::Parsed(Parsed {
        threads,
        format,
        replaced: chunks.replaced,
        report,
    }))
}

/// Feeds a line parser; None when the input failed (the failure is in `chunks`).
fn parse_lines(
    new: fn(&mut Output, CommentBudget) -> Box<dyn LineParser>,
    chunks: &mut Chunks,
    fresh: Receiver<String>,
    report: &mut Report,
) -> Option<Finished> {
    let mut out = Output::new(Some(fresh));
    let mut lines = HeldLines::new(new(&mut out, report.budget()));
    while let Some(chunk) = chunks.next_chunk() {
        for line in each_line(chunk.text()) {
            lines.line(&mut out, line);
        }
        chunks.recycle(chunk);
    }
    if chunks.failure.is_some() {
        return None;
    }
    Some(lines.finish(out, report))
}

/// The lines of `text`: split at '\n', the last one without it.
fn each_line(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    ends.filter_map(move |end| {
        if start > text.len() || (end == text.len() && start == end) {
            start = text.len() + 1;
            return None;
        }
        let line = &text[start..end];
        start = end + 1;
        Some(line)
    })
}

/// Holds back blank and furniture lines until content follows them: what trails the last
/// line of content never reaches the parser. Held lines are kept as runs of one line, each
/// once with how many times it came, and a run of blank lines reaches the parser as at most
/// three (no parser tells more apart): a file of a million blank or furniture lines costs a
/// few bytes. Past [`MAX_HELD_BYTES`] of distinct lines they go on to the parser as they are.
struct HeldLines {
    parser: Box<dyn LineParser>,
    /// The line of each run, each ended by '\n'.
    held: String,
    /// How many times each run's line came, in order.
    counts: Vec<u32>,
    /// Where the last run's line starts in `held`.
    last_start: usize,
}

/// Distinct furniture lines held at most: a file does not end in a megabyte of them.
const MAX_HELD_BYTES: usize = 1 << 20;

impl HeldLines {
    fn new(parser: Box<dyn LineParser>) -> Self {
        HeldLines {
            parser,
            held: String::new(),
            counts: Vec::new(),
            last_start: 0,
        }
    }

    fn line(&mut self, out: &mut Output, line: &str) {
        let bytes = line.as_bytes();
        if is_removable(bytes) {
            self.hold(out, line, is_blank(bytes, 0..bytes.len()));
            return;
        }
        self.release(out);
        self.parser.line(out, line);
    }

    fn hold(&mut self, out: &mut Output, line: &str, blank: bool) {
        let line = if blank { "" } else { line };
        if let Some(count) = self.counts.last_mut() {
            let last = &self.held[self.last_start..self.held.len() - 1];
            // A blank line is told by its length alone: no comparison for the commonest.
            let same = if blank {
                last.is_empty()
            } else {
                last.len() == line.len() && last == line
            };
            if same && *count < u32::MAX {
                if !blank || *count < 3 {
                    *count += 1;
                }
                return;
            }
        }
        if self.held.len() + line.len() >= MAX_HELD_BYTES {
            self.release(out);
        }
        self.last_start = self.held.len();
        self.held.push_str(line);
        self.held.push('\n');
        self.counts.push(1);
    }

    /// Hands the held lines to the parser: content follows them.
    fn release(&mut self, out: &mut Output) {
        if self.counts.is_empty() {
            return;
        }
        let held = std::mem::take(&mut self.held);
        for (line, &count) in held.split_terminator('\n').zip(&self.counts) {
            for _ in 0..count {
                self.parser.line(out, line);
            }
        }
        self.held = held;
        self.held.clear();
        self.counts.clear();
    }

    fn finish(self, out: Output, report: &mut Report) -> Finished {
        self.parser.finish(out, report)
    }
}

/// Parses a whole text with a line parser in the calling thread (tests and the fuzzer).
pub fn parse_text(
    new: fn(&mut Output, CommentBudget) -> Box<dyn LineParser>,
    text: &str,
) -> Finished {
    parse_text_within(new, text, CommentBudget::unlimited())
}

/// [`parse_text`] with the comments' places taken from `budget`.
pub fn parse_text_within(
    new: fn(&mut Output, CommentBudget) -> Box<dyn LineParser>,
    text: &str,
    budget: CommentBudget,
) -> Finished {
    let mut out = Output::default();
    let mut lines = HeldLines::new(new(&mut out, budget));
    for line in each_line(text) {
        lines.line(&mut out, line);
    }
    lines.finish(out, &mut Report::default())
}

#[cfg(test)]
mod tests {
    use super::super::{json, parse_bytes};
    use super::*;
    use std::path::Path;

    fn parsed(bytes: &[u8], format: Option<Format>) -> (String, Format, usize, Vec<String>) {
        let loaded = parse_bytes(bytes.to_vec(), format, Path::new("t.txt")).expect("parses");
        let mut dump = Vec::new();
        json::write_all(&loaded.threads, &mut dump).expect("dump");
        (
            String::from_utf8(dump).expect("utf-8 dump"),
            loaded.format,
            loaded.replaced_sequences,
            loaded.notes,
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
        assert!(lf.len() > 3 * CHUNK_BYTES);
        let expected = parsed(lf.as_bytes(), None);
        assert_eq!(expected.1, Format::Numbered);
        for variant in [lf.replace('\n', "\r\n"), lf.replace('\n', "\r")] {
            assert!(parsed(variant.as_bytes(), None) == expected);
        }
    }

    #[test]
    fn numbered_comments_after_a_long_flat_start_make_the_file_numbered() {
        let mut text = String::from("Title\n\nArticle.\n");
        while text.len() < 2 * CHUNK_BYTES {
            text.push_str("\n\nA long article paragraph that goes on and on.\n");
        }
        text.push('\n');
        for i in 0..2000 {
            text.push_str(&format!(
                "  {}. Late Header says:\n\n    comment {i}\n\n",
                i + 1
            ));
        }
        let detected = parsed(text.as_bytes(), None);
        assert_eq!(detected.1, Format::Numbered);
        assert_eq!(detected, parsed(text.as_bytes(), Some(Format::Numbered)));
    }

    #[test]
    fn one_header_shaped_line_in_a_flat_page_stays_flat_and_is_said() {
        let mut text = String::from("Title\n\nArticle.\n");
        for i in 0..20_000 {
            text.push_str(&format!(
                "\n\nJohn Smith\n\nComment number {i} of a flat page.\n"
            ));
            if i == 10_000 {
                text.push_str("  1. Somebody says:\n");
            }
        }
        let (_, format, _, notes) = parsed(text.as_bytes(), None);
        assert_eq!(format, Format::Flat);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("1 line looked like a numbered comment header"),
            "{notes:?}"
        );
        // At the start of the file too.
        let early = text.replacen("Article.", "Article.\n\n  1. Early says:\n", 1);
        assert_eq!(parsed(early.as_bytes(), None).1, Format::Flat);
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
        let (_, _, replaced, _) = parsed(&bytes, None);
        assert_eq!(replaced, expected);
    }

    #[test]
    fn an_endless_line_is_broken_into_pieces_and_said() {
        let mut text = String::from("Title\n\n");
        // Two and a half times the longest line, broken twice, then one and a half times.
        text.push_str(&"word ".repeat(MAX_LINE_BYTES / 2));
        text.push('\n');
        text.push_str(&"more ".repeat(MAX_LINE_BYTES * 3 / 10));
        let loaded = parse_bytes(text.clone().into_bytes(), None, Path::new("t")).unwrap();
        let article = loaded.main_thread().article();
        // Nothing lost: every letter is there (white space at a break may go).
        let letters = |s: &str| s.split_whitespace().collect::<String>();
        assert!(letters(article) == letters(&text["Title\n\n".len()..]));
        // Lines, not breaks, are counted.
        assert_eq!(
            loaded.notes,
            ["2 lines longer than 16 MiB were broken into pieces"]
        );
    }

    fn lines_of(text: &str) -> Vec<&str> {
        each_line(text).collect()
    }

    #[test]
    fn lines_split_like_the_file() {
        assert_eq!(lines_of("a\nb\n"), ["a", "b"]);
        assert_eq!(lines_of("a\n\nb"), ["a", "", "b"]);
        assert_eq!(lines_of(""), Vec::<&str>::new());
        assert_eq!(lines_of("\n"), [""]);
    }

    #[test]
    fn line_endings_are_unified() {
        let mut buf = b"a\r\nb\rc\n\r\nd\r".to_vec();
        unify_line_endings(&mut buf);
        assert_eq!(buf, b"a\nb\nc\n\nd\n");
    }

    #[test]
    fn chunks_end_after_a_line_end_and_never_inside_a_character() {
        assert_eq!(chunk_end(b"ab\ncd"), Some(3));
        assert_eq!(chunk_end(b"ab\rcd"), Some(3));
        // A CR at the end may be followed by LF in the next chunk: its line waits.
        assert_eq!(chunk_end(b"a\r\nb\r"), Some(3));
        assert_eq!(chunk_end(b"ab\r"), None);
        assert_eq!(chunk_end(b"\r"), None);
        assert_eq!(chunk_end(b"abc"), None);
        let text = "aé€😀".as_bytes();
        for end in 0..=text.len() {
            let cut = char_boundary_before(text, end);
            assert!(std::str::from_utf8(&text[..cut]).is_ok(), "{end} -> {cut}");
            assert!(end - cut < 4);
        }
    }

    /// A line parser that keeps the lines it is given.
    struct Lines(std::rc::Rc<std::cell::RefCell<Vec<String>>>);

    impl LineParser for Lines {
        fn line(&mut self, _out: &mut Output, line: &str) {
            self.0.borrow_mut().push(line.to_string());
        }

        fn finish(self: Box<Self>, _out: Output, _report: &mut Report) -> Finished {
            Finished::thread(Thread::default())
        }
    }

    #[test]
    fn held_furniture_costs_its_runs_not_its_lines() {
        let given = std::rc::Rc::default();
        let mut held = HeldLines::new(Box::new(Lines(std::rc::Rc::clone(&given))));
        let mut out = Output::default();
        for line in ["text", "Notify of", "", "", "", "", ""] {
            held.line(&mut out, line);
        }
        for _ in 0..100_000 {
            held.line(&mut out, "Notify of");
        }
        held.line(&mut out, "  View all comments  ");
        assert_eq!(held.counts, [1, 3, 100_000, 1]);
        assert!(held.held.len() < 64, "{} bytes held", held.held.len());
        held.line(&mut out, "more text");
        let given = given.borrow();
        // Blank lines reach the parser as three at most; everything else as it came.
        assert_eq!(given.len(), 1 + 1 + 3 + 100_000 + 1 + 1);
        assert_eq!(&given[..5], ["text", "Notify of", "", "", ""]);
        assert_eq!(
            &given[given.len() - 2..],
            ["  View all comments  ", "more text"]
        );
        assert!(held.counts.is_empty());
    }

    #[test]
    fn distinct_furniture_past_a_megabyte_goes_on_to_the_parser() {
        let given = std::rc::Rc::default();
        let mut held = HeldLines::new(Box::new(Lines(std::rc::Rc::clone(&given))));
        let mut out = Output::default();
        for _ in 0..200_000 {
            held.line(&mut out, "Notify of");
            held.line(&mut out, "Inline Feedbacks");
        }
        assert!(held.held.len() < MAX_HELD_BYTES);
        assert!(given.borrow().len() > 200_000);
    }

    #[test]
    fn comments_past_the_budget_leave_no_text_behind() {
        let pages = [
            (
                Format::Flat,
                "Title\n\nThe article.\n\n\nAnn\n\nKept text.\n\n\nBob\n\nA long text not kept.\n\n\nCleo\n\nNor this one.\n",
            ),
            (
                Format::Numbered,
                "Title\n\nThe article.\n\n  1. Ann says:\n\n    Kept text.\n\n    2. Bob says:\n\n      A long text not kept.\n\n  3. Cleo says:\n\n    Nor this one.\n",
            ),
        ];
        for (format, page) in pages {
            let Parse::Lines(new) = format.spec().parse else {
                panic!("{format:?} is read by lines");
            };
            let budget = CommentBudget::with_limit(1, "file");
            let thread = parse_text_within(new, page, budget.clone()).thread;
            assert_eq!(thread.len(), 1, "{format:?}");
            assert_eq!(thread.body(0), "Kept text.", "{format:?}");
            assert_eq!(budget.dropped(), 2, "{format:?}");
            // The title, article, name and text kept, and the separators between paragraphs.
            let kept = "TitleThe article.AnnKept text.".len();
            assert!(
                thread.text_len() <= kept + 4,
                "{format:?}: {} bytes",
                thread.text_len()
            );
        }
    }
}
