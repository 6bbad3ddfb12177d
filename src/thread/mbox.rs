//! Mailing-list archives: mbox files and Mailman/pipermail monthly `.txt` archives. Messages
//! are split at `From ` lines as the file streams by, each is parsed with mail-parser (MIME,
//! transfer encodings, charsets, RFC 2047 words) and only the texts a thread shows are kept.
//! Threads are built once the whole file is read: a message replies to the message its
//! `In-Reply-To` or `References` names, or, when neither names one in the file, to the first
//! message with the same subject; a message that replies to none starts a thread.

use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::{CommentFields, Thread, ThreadAssembler, ThreadFields, Timestamp};
use mail_parser::{HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use memchr::{memchr, memchr_iter, memrchr};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::io::BufRead;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Mutex};

pub static SPEC: FormatSpec = FormatSpec {
    name: "mbox",
    label: "mailbox (mbox, Mailman/pipermail .txt archives)",
    family: Family::Mail,
    sniff,
    parse: Parse::Stream(parse_stream),
    input: Input::Bytes,
};

/// A message is read this far and no further: its text comes first, and what follows in a
/// message this long is attachment data, which is never shown. Bounds the memory one
/// message takes while it is parsed (the raw bytes, and up to 3/4 of them again for a
/// decoded attachment).
const MAX_MESSAGE_BYTES: usize = 16 << 20;
/// A message is read to its this-many-th line that may start a MIME part (a `--boundary`
/// or a `Content-Type:` line; a part usually has both): mail-parser spends about a
/// kilobyte on each part, so a message of nothing but part starts would take many times
/// its size.
const MAX_PART_LINES: usize = 20_000;
/// A line longer than this is handed on in pieces, so one endless line is never held whole.
const MAX_LINE_BYTES: usize = 1 << 20;
/// The nearest ancestors a message's `References` may name that are remembered: a reply is
/// linked to the nearest one in the file, and further ones are not needed in practice.
const MAX_REFERENCES: usize = 32;
/// Marks "no message" in index arrays.
const NONE: u32 = u32::MAX;

// ------------------------------------------------------------------ detection

/// Headers that say a header block is mail, not just "Word: text" lines.
const MAIL_HEADERS: &[&str] = &[
    "from",
    "date",
    "subject",
    "message-id",
    "to",
    "received",
    "return-path",
    "delivered-to",
    "in-reply-to",
    "references",
    "mime-version",
    "content-type",
];

/// Sure when the file starts with a `From ` separator line (a sender and a date) followed by
/// a header block with at least one mail header. When the first message's headers are
/// damaged, a guess if the head holds two more such messages after blank lines. Never
/// anything else.
fn sniff(head: &Head) -> Sniff {
    let split = head
        .trimmed()
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    // Settled by the first line for almost every file: split no further unless it is one.
    if !split.clone().next().is_some_and(is_separator_line) {
        return Sniff::No;
    }
    let lines: Vec<&[u8]> = split.collect();
    if is_mail_header_block(&lines[1..]) {
        return Sniff::Sure;
    }
    let messages = (1..lines.len())
        .filter(|&at| {
            lines[at - 1].is_empty()
                && is_separator_line(lines[at])
                && is_mail_header_block(&lines[at + 1..])
        })
        .take(2)
        .count();
    if messages == 2 {
        Sniff::Maybe(60)
    } else {
        Sniff::No
    }
}

/// Whether `lines` start with header lines (up to a blank line or their end), one of them
/// a mail header.
fn is_mail_header_block(lines: &[&[u8]]) -> bool {
    let mut mail_header = false;
    let mut headers = 0;
    for line in lines {
        if line.is_empty() {
            break;
        }
        if headers > 0 && matches!(line[0], b' ' | b'\t') {
            continue;
        }
        match header_name(line) {
            Some(name) => {
                headers += 1;
                mail_header |= MAIL_HEADERS
                    .iter()
                    .any(|known| name.eq_ignore_ascii_case(known.as_bytes()));
            }
            None => return false,
        }
    }
    mail_header
}

/// The name of a header field line (`Subject: ...`), if `line` is one.
fn header_name(line: &[u8]) -> Option<&[u8]> {
    let colon = memchr(b':', &line[..line.len().min(80)])?;
    let name = &line[..colon];
    (!name.is_empty()
        && name
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')))
    .then_some(name)
}

/// `From sender date`: the line that starts a message, with a time of day and a year
/// (mbox writers put an asctime date there; text that merely starts with "From " has none).
fn is_separator_line(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let mut time = false;
    let mut year = false;
    for token in rest.split(|&b| b == b' ' || b == b'\t') {
        time |= is_time_of_day(token);
        year |= token.len() == 4 && token.iter().all(u8::is_ascii_digit);
    }
    time && year
}

/// `hh:mm` or `hh:mm:ss`.
fn is_time_of_day(token: &[u8]) -> bool {
    let digits = |part: &[u8]| (1..=2).contains(&part.len()) && part.iter().all(u8::is_ascii_digit);
    let mut parts = token.split(|&b| b == b':');
    let count = token.iter().filter(|&&b| b == b':').count();
    (1..=2).contains(&count) && parts.all(digits)
}

// ------------------------------------------------------------------ splitting

/// Splits messages on this thread and parses them on the others: MIME parsing is most of
/// the work, and batches of messages can be parsed in any order. The parsed batches are
/// then put back in file order, and the threads built.
fn parse_stream(input: &mut dyn BufRead, _options: &Options, report: &mut Report) -> Parsed {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_WORKERS);
    let (to_workers, batches) = sync_channel::<(usize, Batch)>(workers);
    // Shared by the workers only: if they all stop (a panic), the queue goes with them and
    // the splitter's sends fail instead of waiting forever.
    let batches = Arc::new(Mutex::new(batches));
    let (recycle, recycled) = channel::<Batch>();
    // One key for every thread: ids and subjects are compared by hash across batches.
    let hasher = RandomState::new();
    let (parsed, ends_mid_line) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (batches, recycle) = (Arc::clone(&batches), recycle.clone());
                let mut reader = MessageReader::new(hasher.clone());
                scope.spawn(move || {
                    let mut parsed = Vec::new();
                    // The lock is held while waiting: the others wait for it instead.
                    while let Ok(Ok((seq, mut batch))) = batches.lock().map(|queue| queue.recv()) {
                        let text = std::mem::take(&mut batch.text);
                        parsed.push(reader.read_batch(seq, &batch, text));
                        if batch.bytes.capacity() <= 4 * BATCH_BYTES {
                            batch.bytes.clear();
                            batch.messages.clear();
                            // The splitter may be gone already.
                            let _ = recycle.send(batch);
                        }
                    }
                    parsed
                })
            })
            .collect();
        drop((recycle, batches));
        let mut splitter = Splitter::new(to_workers, recycled, report.budget());
        let ends_mid_line = for_each_block(input, |block, starts_line| {
            splitter.block(block, starts_line);
        });
        splitter.finish();
        let mut parsed = Vec::new();
        for handle in handles {
            match handle.join() {
                Ok(batches) => parsed.extend(batches),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        (parsed, ends_mid_line)
    });
    let mut archive = Archive::collect(parsed);
    archive.skipped.ends_mid_line = ends_mid_line;
    if archive.mails.is_empty() && archive.skipped.preamble_lines > 0 {
        return Err(FormatError::new(
            "no message found: each message of a mailbox starts after a line \
             `From <sender> <date>`",
        ));
    }
    Ok(archive.into_threads(report))
}

/// Calls `f` with the input in blocks of whole lines (each with its '\n'), and whether the
/// block starts at the start of a line: a line longer than [`MAX_LINE_BYTES`] comes in
/// pieces. Returns whether the input ended inside a line. Stops quietly on a read error
/// (the reading pipeline reports it).
fn for_each_block(input: &mut dyn BufRead, mut f: impl FnMut(&[u8], bool)) -> bool {
    // A line that began in an earlier buffer.
    let mut partial: Vec<u8> = Vec::new();
    // Whether `partial` (or the next block) starts a line.
    let mut starts_line = true;
    while let Ok(buf) = input.fill_buf() {
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        let mut at = 0;
        if !partial.is_empty() {
            match memchr(b'\n', buf) {
                Some(end) => {
                    partial.extend_from_slice(&buf[..=end]);
                    f(&partial, starts_line);
                    partial.clear();
                    starts_line = true;
                    at = end + 1;
                }
                None => {
                    partial.extend_from_slice(buf);
                    if partial.len() >= MAX_LINE_BYTES {
                        f(&partial, starts_line);
                        partial.clear();
                        starts_line = false;
                    }
                    input.consume(len);
                    continue;
                }
            }
        }
        let whole = memrchr(b'\n', &buf[at..]).map_or(at, |end| at + end + 1);
        if whole > at {
            f(&buf[at..whole], starts_line);
            starts_line = true;
        }
        let rest = &buf[whole..];
        if rest.len() >= MAX_LINE_BYTES {
            f(rest, starts_line);
            starts_line = false;
        } else {
            partial.extend_from_slice(rest);
        }
        input.consume(len);
    }
    if !partial.is_empty() {
        f(&partial, starts_line);
        return true;
    }
    !starts_line
}

/// Messages on their way from the splitter to a worker thread, about a megabyte at a time.
#[derive(Default)]
struct Batch {
    /// Separator lines and raw messages, back to back.
    bytes: Vec<u8>,
    messages: Vec<RawMessage>,
    /// Where the worker puts the texts it keeps. It is allocated by the splitting thread,
    /// whose allocator arena also serves the threads built at the end: the store's memory is
    /// reused for them as it is freed.
    text: String,
}

/// Where a message is in its [`Batch`].
struct RawMessage {
    /// Its separator line; None for what comes before the first one.
    separator: Option<(usize, usize)>,
    /// Its headers and body.
    raw: (usize, usize),
    cut: Option<Cut>,
}

/// A batch is handed on once it holds this much.
const BATCH_BYTES: usize = 1 << 20;
/// Threads that parse messages, at most.
const MAX_WORKERS: usize = 4;

/// Cuts the stream into messages at separator lines and undoes `>From ` quoting. Lines
/// are looked at one by one but copied in runs: only a line that starts like a separator,
/// a quoted `From ` or a MIME part is handled on its own.
struct Splitter {
    /// The messages being gathered; the current one is at its end, from `message_start`.
    batch: Batch,
    message_start: usize,
    /// The current message's separator line in the batch; None before the first one.
    separator: Option<(usize, usize)>,
    /// A separator-shaped line not after a blank line: a separator only if a header follows.
    pending: Option<Vec<u8>>,
    /// The last line seen was blank (or there was none).
    after_blank: bool,
    /// Lines of the current message that may start a MIME part.
    part_lines: usize,
    /// Why the rest of the current message is dropped, once it is.
    cut: Option<Cut>,
    /// Batches handed on so far: the next one's place in the file.
    handed_on: usize,
    /// Each message takes its places (its comment's included) here: past the budget,
    /// messages are counted as not read and their bytes never copied.
    budget: CommentBudget,
    dropping: bool,
    to_workers: SyncSender<(usize, Batch)>,
    recycled: Receiver<Batch>,
}

/// Why a message was read only part of the way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    Size,
    Parts,
}

impl Splitter {
    fn new(
        to_workers: SyncSender<(usize, Batch)>,
        recycled: Receiver<Batch>,
        budget: CommentBudget,
    ) -> Self {
        Splitter {
            batch: Batch {
                bytes: Vec::with_capacity(BATCH_BYTES + (64 << 10)),
                ..Batch::default()
            },
            message_start: 0,
            separator: None,
            pending: None,
            after_blank: true,
            part_lines: 0,
            cut: None,
            handed_on: 0,
            budget,
            dropping: false,
            to_workers,
            recycled,
        }
    }

    /// Takes whole lines, or (when `starts_line` is false) the rest of a long line first.
    fn block(&mut self, block: &[u8], starts_line: bool) {
        let mut at = 0;
        if !starts_line {
            at = memchr(b'\n', block).map_or(block.len(), |end| end + 1);
            self.append(&block[..at]);
            self.after_blank = false;
        }
        // Lines from `run` to `at` are plain text, appended together.
        let mut run = at;
        while at < block.len() {
            let end = memchr(b'\n', &block[at..]).map_or(block.len(), |end| at + end + 1);
            let line = &block[at..end];
            let content = line.strip_suffix(b"\n").unwrap_or(line);
            if let Some(pending) = self.pending.take() {
                // The line before was the pending one, so nothing is waiting in the run.
                if header_name(content).is_some() {
                    self.start_message(&pending);
                } else {
                    self.append(&pending);
                    self.append(b"\n");
                }
            }
            match content.first() {
                Some(b'F') if is_separator_line(content) => {
                    self.append(&block[run..at]);
                    if self.after_blank {
                        self.start_message(content);
                    } else {
                        self.pending = Some(content.to_vec());
                    }
                    run = end;
                }
                Some(b'>') if is_quoted_from(content) => {
                    // mboxrd: one '>' was added before every body line matching ^>*From .
                    self.append(&block[run..at]);
                    self.append(&line[1..]);
                    run = end;
                }
                Some(b'-' | b'C' | b'c') if may_start_part(content) => {
                    self.part_lines += 1;
                    if self.part_lines > MAX_PART_LINES && self.cut.is_none() {
                        self.append(&block[run..at]);
                        self.cut = Some(Cut::Parts);
                    }
                }
                _ => {}
            }
            self.after_blank = content.iter().all(|&b| b == b' ' || b == b'\t');
            at = end;
        }
        self.append(&block[run..]);
    }

    /// Appends whole lines while the message has room for them.
    fn append(&mut self, bytes: &[u8]) {
        if self.cut.is_some() || self.dropping || bytes.is_empty() {
            return;
        }
        let room = MAX_MESSAGE_BYTES - (self.batch.bytes.len() - self.message_start);
        if bytes.len() <= room {
            self.batch.bytes.extend_from_slice(bytes);
        } else {
            let fits = memrchr(b'\n', &bytes[..room]).map_or(0, |end| end + 1);
            self.batch.bytes.extend_from_slice(&bytes[..fits]);
            self.cut = Some(Cut::Size);
        }
    }

    fn start_message(&mut self, separator: &[u8]) {
        self.end_message();
        // A message past the budget is counted, and its lines are not copied.
        self.dropping = !self.budget.take_message();
        if self.dropping {
            return;
        }
        let start = self.batch.bytes.len();
        self.batch.bytes.extend_from_slice(separator);
        self.separator = Some((start, self.batch.bytes.len()));
        self.message_start = self.batch.bytes.len();
    }

    fn end_message(&mut self) {
        if self.dropping {
            self.cut = None;
            self.part_lines = 0;
            return;
        }
        self.batch.messages.push(RawMessage {
            separator: self.separator.take(),
            raw: (self.message_start, self.batch.bytes.len()),
            cut: self.cut.take(),
        });
        self.part_lines = 0;
        if self.batch.bytes.len() >= BATCH_BYTES {
            self.hand_on();
        }
        self.message_start = self.batch.bytes.len();
    }

    fn hand_on(&mut self) {
        let fresh = self.recycled.try_recv().unwrap_or_else(|_| Batch {
            bytes: Vec::with_capacity(BATCH_BYTES + (64 << 10)),
            ..Batch::default()
        });
        let mut full = std::mem::replace(&mut self.batch, fresh);
        // Kept text is seldom longer than the raw messages.
        full.text = String::with_capacity(full.bytes.len());
        // Fails only when the parsing threads are gone (one panicked: the join says so).
        let _ = self.to_workers.send((self.handed_on, full));
        self.handed_on += 1;
    }

    fn finish(mut self) {
        if let Some(pending) = self.pending.take() {
            self.append(&pending);
        }
        self.end_message();
        self.hand_on();
    }
}

/// A `--boundary` or `Content-Type:` line.
fn may_start_part(line: &[u8]) -> bool {
    line.starts_with(b"--")
        || line
            .get(..13)
            .is_some_and(|name| name.eq_ignore_ascii_case(b"content-type:"))
}

/// `>From `, `>>From `...: a body line quoted by the mbox writer.
fn is_quoted_from(line: &[u8]) -> bool {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    line[quotes..].starts_with(b"From ")
}

// ------------------------------------------------------------------ one message

/// What was left out or read with doubt, said in one line at the end.
#[derive(Default)]
struct Skipped {
    duplicates: usize,
    attachments: usize,
    broken_mime: usize,
    headerless: usize,
    cut: usize,
    too_many_parts: usize,
    preamble_lines: usize,
    cycles: usize,
    ends_mid_line: bool,
}

impl Skipped {
    /// Adds a batch's counts.
    fn add(&mut self, other: &Skipped) {
        self.duplicates += other.duplicates;
        self.attachments += other.attachments;
        self.broken_mime += other.broken_mime;
        self.headerless += other.headerless;
        self.cut += other.cut;
        self.too_many_parts += other.too_many_parts;
        self.preamble_lines += other.preamble_lines;
        self.cycles += other.cycles;
        self.ends_mid_line |= other.ends_mid_line;
    }

    fn report(&self, report: &mut Report) {
        let mut parts: Vec<String> = Vec::new();
        let mut say = |count: usize, one: &str, many: &str| {
            if count > 0 {
                parts.push(format!(
                    "{} {}",
                    crate::text::thousands(count),
                    if count == 1 { one } else { many }
                ));
            }
        };
        say(
            self.duplicates,
            "duplicate message (a Message-ID seen before) left out",
            "duplicate messages (a Message-ID seen before) left out",
        );
        say(
            self.attachments,
            "attachment left out (not text)",
            "attachments left out (not text)",
        );
        say(
            self.broken_mime,
            "message with a broken MIME part read as far as it goes",
            "messages with a broken MIME part read as far as they go",
        );
        say(
            self.headerless,
            "message without headers shown as it is",
            "messages without headers shown as they are",
        );
        say(
            self.cut,
            "message over 16 MiB read only to its first 16 MiB",
            "messages over 16 MiB read only to their first 16 MiB",
        );
        say(
            self.too_many_parts,
            "message with over 20 000 MIME boundary and Content-Type lines read only that far",
            "messages with over 20 000 MIME boundary and Content-Type lines read only that far",
        );
        say(
            self.preamble_lines,
            "line before the first message skipped",
            "lines before the first message skipped",
        );
        say(
            self.cycles,
            "reply loop (messages naming each other as parents) broken",
            "reply loops (messages naming each other as parents) broken",
        );
        if self.ends_mid_line {
            parts.push("the file ends in the middle of a line (cut short?)".into());
        }
        if !parts.is_empty() {
            report.note(parts.join("; "));
        }
    }
}

/// A kept message: its texts in the store, its links as hashes of message ids.
struct Mail {
    region: u32,
    start: u32,
    /// Lengths of its Message-ID, author, subject (cleaned) and body, stored in that order.
    lens: [u32; 4],
    has_id: bool,
    has_author: bool,
    time: Option<Timestamp>,
    /// Hash of the subject as threads are matched by it; 0 for none.
    subject_key: u64,
    /// Its `In-Reply-To` then `References` (nearest first), as a range of `refs` beside it.
    refs: (u32, u32),
}

/// A batch of messages as a parsing thread read them: their texts one after another in
/// `text`, their [`Mail`]s with `start` in `text` (and no region yet), their references.
struct ParsedBatch {
    /// Its place in the file.
    seq: usize,
    text: String,
    mails: Vec<Mail>,
    /// Each message's Message-ID hash, beside `mails`.
    ids: Vec<Option<u64>>,
    refs: Vec<u64>,
    skipped: Skipped,
}

/// Reads messages with mail-parser and keeps what a thread shows; one per parsing thread.
struct MessageReader {
    parser: MessageParser,
    /// Keyed per run: ids and subjects are compared by hash, and nobody can aim at a
    /// collision without the key.
    hasher: RandomState,
    /// A subject in lower case, to hash it (kept to reuse its buffer).
    lowercase: String,
}

/// Texts of one message, before they are stored.
struct Texts<'a> {
    id: Option<&'a str>,
    author: Option<String>,
    subject: String,
    /// As decoded: cleaned on its way into the store.
    body: Cow<'a, str>,
    time: Option<Timestamp>,
}

impl MessageReader {
    fn new(hasher: RandomState) -> Self {
        MessageReader {
            // Only the headers read here are parsed; the others are skipped.
            parser: MessageParser::new()
                .header_content_type(HeaderName::ContentType)
                .header_content_type(HeaderName::ContentDisposition)
                .header_text(HeaderName::ContentTransferEncoding)
                .header_text(HeaderName::Subject)
                .header_address(HeaderName::From)
                .header_id(HeaderName::MessageId)
                .header_id(HeaderName::InReplyTo)
                .header_id(HeaderName::References)
                .header_raw(HeaderName::Date)
                .default_header_ignore(),
            hasher,
            lowercase: String::new(),
        }
    }

    /// Reads a batch, keeping its texts in `text` (emptied first).
    fn read_batch(&mut self, seq: usize, batch: &Batch, mut text: String) -> ParsedBatch {
        text.clear();
        let mut out = ParsedBatch {
            seq,
            text,
            mails: Vec::new(),
            ids: Vec::new(),
            refs: Vec::new(),
            skipped: Skipped::default(),
        };
        for message in &batch.messages {
            let separator = message.separator.map(|(from, to)| &batch.bytes[from..to]);
            let (from, to) = message.raw;
            self.read(separator, &batch.bytes[from..to], message.cut, &mut out);
        }
        // What is left over goes back.
        out.text.shrink_to_fit();
        out
    }

    /// Reads one message: `raw` as it followed its separator line (None before the first).
    fn read(
        &mut self,
        separator: Option<&[u8]>,
        raw: &[u8],
        cut: Option<Cut>,
        out: &mut ParsedBatch,
    ) {
        let starts_with_header = header_name(raw).is_some();
        if separator.is_none() {
            // Text before the first separator: a message only if it starts like one.
            if !starts_with_header {
                let lines = memchr_iter(b'\n', raw).count() + usize::from(!raw.ends_with(b"\n"));
                if !raw.iter().all(u8::is_ascii_whitespace) {
                    out.skipped.preamble_lines += lines;
                }
                return;
            }
        }
        out.skipped.cut += usize::from(cut == Some(Cut::Size));
        out.skipped.too_many_parts += usize::from(cut == Some(Cut::Parts));
        // Who and when the separator line says, for a message whose headers do not.
        let from_separator = || separator.map(parse_separator).unwrap_or_default();
        let message = if starts_with_header {
            self.parser.parse(raw)
        } else {
            None
        };
        let first_ref = out.refs.len();
        let Some(message) = message else {
            out.skipped.headerless += 1;
            let (sender, sent) = from_separator();
            let texts = Texts {
                id: None,
                author: sender,
                subject: String::new(),
                body: String::from_utf8_lossy(raw),
                time: sent,
            };
            self.keep(texts, first_ref, out);
            return;
        };
        let mut last = "";
        let references = message_ids(message.references());
        let nearest_first = message_ids(message.in_reply_to())
            .into_iter()
            .chain(references.into_iter().rev());
        for id in nearest_first {
            // In-Reply-To is most often the last of References too: hashed once.
            if out.refs.len() - first_ref < MAX_REFERENCES && !id.is_empty() && id != last {
                out.refs.push(self.hasher.hash_one(id));
                last = id;
            }
        }
        let body = body_text(&message);
        out.skipped.attachments += body.attachments;
        out.skipped.broken_mime += usize::from(body.broken);
        let texts = Texts {
            id: message.message_id().filter(|id| !id.is_empty()),
            author: message
                .from()
                .and_then(author_of)
                .or_else(|| from_separator().0),
            subject: clean_subject(message.subject().unwrap_or_default()),
            body: body.text,
            time: message
                .header(HeaderName::Date)
                .and_then(HeaderValue::as_text)
                .and_then(parse_date)
                .or_else(|| from_separator().1),
        };
        self.keep(texts, first_ref, out);
        drop_flat(message);
    }

    /// Keeps a message whose references were pushed to `out.refs` from `first_ref` on.
    fn keep(&mut self, texts: Texts, first_ref: usize, out: &mut ParsedBatch) {
        let subject_key = match texts.subject.is_empty() {
            true => 0,
            false => {
                self.lowercase.clear();
                self.lowercase
                    .extend(texts.subject.chars().flat_map(char::to_lowercase));
                self.hasher.hash_one(&self.lowercase).max(1)
            }
        };
        let author = texts.author.as_deref().unwrap_or_default();
        let start = out.text.len();
        for piece in [texts.id.unwrap_or_default(), author, &texts.subject] {
            out.text.push_str(piece);
        }
        let body_start = out.text.len();
        clean_body_into(&texts.body, &mut out.text);
        let len = |text: &str| u32::try_from(text.len()).unwrap_or(u32::MAX);
        out.mails.push(Mail {
            region: 0,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            lens: [
                len(texts.id.unwrap_or_default()),
                len(author),
                len(&texts.subject),
                len(&out.text[body_start..]),
            ],
            has_id: texts.id.is_some(),
            has_author: texts.author.is_some(),
            time: texts.time,
            subject_key,
            refs: (first_ref as u32, out.refs.len() as u32),
        });
        out.ids.push(texts.id.map(|id| self.hasher.hash_one(id)));
    }
}

/// Every message of the file, in file order, and how to find them.
struct Archive {
    store: Store,
    mails: Vec<Mail>,
    refs: Vec<u64>,
    /// The first message with each Message-ID.
    by_id: ByHash,
    /// The first message with each subject.
    by_subject: ByHash,
    skipped: Skipped,
}

/// Message indexes by the hash of an id or subject.
type ByHash = HashMap<u64, u32, BuildHasherDefault<HashIsKey>>;

/// The keys of [`ByHash`] are hashes already (keyed per run): hashing them again would only
/// cost time.
#[derive(Default)]
struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl Archive {
    /// Puts the parsed batches back in file order: each batch's text becomes a region of
    /// the store, and a Message-ID seen before is left out (its text goes with its region).
    fn collect(mut batches: Vec<ParsedBatch>) -> Archive {
        batches.sort_unstable_by_key(|batch| batch.seq);
        // Sized once: grown by doubling, they would hold up to twice what they need.
        let mails: usize = batches.iter().map(|batch| batch.mails.len()).sum();
        let refs: usize = batches.iter().map(|batch| batch.refs.len()).sum();
        let mut archive = Archive {
            store: Store::default(),
            mails: Vec::with_capacity(mails),
            refs: Vec::with_capacity(refs),
            by_id: ByHash::default(),
            by_subject: ByHash::default(),
            skipped: Skipped::default(),
        };
        for batch in batches {
            archive.skipped.add(&batch.skipped);
            let region = archive.store.regions.len() as u32;
            let mut live = 0;
            for (mut mail, id) in batch.mails.into_iter().zip(batch.ids) {
                let Ok(at) = u32::try_from(archive.mails.len()) else {
                    break;
                };
                if let Some(id) = id {
                    if archive.by_id.contains_key(&id) {
                        archive.skipped.duplicates += 1;
                        continue;
                    }
                    archive.by_id.insert(id, at);
                }
                if mail.subject_key != 0 {
                    archive.by_subject.entry(mail.subject_key).or_insert(at);
                }
                let refs = batch
                    .refs
                    .get(mail.refs.0 as usize..mail.refs.1 as usize)
                    .unwrap_or_default();
                let first = archive.refs.len() as u32;
                archive.refs.extend_from_slice(refs);
                mail.refs = (first, archive.refs.len() as u32);
                mail.region = region;
                archive.mails.push(mail);
                live += 1;
            }
            let text = if live > 0 { batch.text } else { String::new() };
            archive.store.regions.push(text);
            archive.store.live.push(live);
        }
        archive
    }

    /// The message each message replies to, or [`NONE`]; and how many loops of messages
    /// naming each other as parents were cut. Headers decide first; a message they leave
    /// without a parent in the file replies to the first message with its subject, unless
    /// that message is among its own replies.
    fn parents(&self) -> (Vec<u32>, usize) {
        let mut parents = Vec::with_capacity(self.mails.len());
        for (at, mail) in self.mails.iter().enumerate() {
            let (first, end) = mail.refs;
            let by_header = self
                .refs
                .get(first as usize..end as usize)
                .unwrap_or_default()
                .iter()
                .filter_map(|hash| self.by_id.get(hash).copied())
                .find(|&other| other as usize != at);
            parents.push(by_header.unwrap_or(NONE));
        }
        let (header_roots, loops) = find_roots(&mut parents);
        for (at, mail) in self.mails.iter().enumerate() {
            if parents[at] != NONE || mail.subject_key == 0 {
                continue;
            }
            if let Some(&first) = self.by_subject.get(&mail.subject_key)
                && first as usize != at
                && header_roots[first as usize] as usize != at
            {
                parents[at] = first;
            }
        }
        // Subject links may still close a loop through other threads: cut it quietly, as
        // it is this reader's guess that made it, not the messages.
        find_roots(&mut parents);
        (parents, loops)
    }

    fn into_threads(mut self, report: &mut Report) -> Vec<Thread> {
        let (parents, loops) = self.parents();
        self.skipped.cycles = loops;
        self.skipped.report(report);
        // The replies to each message, in file order, as linked lists.
        let count = self.mails.len();
        let mut first_reply = vec![NONE; count];
        let mut last_reply = vec![NONE; count];
        let mut next_reply = vec![NONE; count];
        for (at, &parent) in parents.iter().enumerate() {
            let Some(parent) = (parent != NONE).then_some(parent as usize) else {
                continue;
            };
            match last_reply[parent] {
                NONE => first_reply[parent] = at as u32,
                last => next_reply[last as usize] = at as u32,
            }
            last_reply[parent] = at as u32;
        }
        let replies = Replies {
            first: first_reply,
            next: next_reply,
        };
        (0..count)
            .filter(|&at| parents[at] == NONE)
            .map(|root| self.assemble(root, &replies))
            .collect()
    }

    /// One thread: the root message is the article, the messages below it its comments,
    /// put in page order here (each reply followed by its own, replies in file order).
    /// Each message's store region is released once its text is copied.
    fn assemble(&mut self, root: usize, replies: &Replies) -> Thread {
        // The splitter took each message's places in the budget.
        let mut assembler = ThreadAssembler::new(CommentBudget::unlimited());
        let mail = &self.mails[root];
        let [id, author, subject, body] = self.store.texts(mail);
        assembler.set_thread(ThreadFields {
            title: subject,
            article: body,
            author: mail.has_author.then_some(author),
            time: mail.time,
            id: mail.has_id.then_some(id),
            ..ThreadFields::default()
        });
        self.store.release(mail.region);
        // (message, level), the next to push on top.
        let mut stack: Vec<(u32, usize)> = Vec::new();
        replies.push_reversed(root, 1, &mut stack);
        while let Some((at, level)) = stack.pop() {
            let mail = &self.mails[at as usize];
            let [id, author, _, body] = self.store.texts(mail);
            assembler.push_at_level(
                level,
                CommentFields {
                    author: mail.has_author.then_some(author),
                    body,
                    time: mail.time,
                    id: mail.has_id.then_some(id),
                    ..CommentFields::default()
                },
            );
            self.store.release(mail.region);
            replies.push_reversed(at as usize, level + 1, &mut stack);
        }
        assembler.finish().0
    }
}

/// The replies to each message, in file order: `first[m]`, then `next[...]` until [`NONE`].
struct Replies {
    first: Vec<u32>,
    next: Vec<u32>,
}

impl Replies {
    /// Pushes the replies to `at` so that the first of them is popped first.
    fn push_reversed(&self, at: usize, level: usize, stack: &mut Vec<(u32, usize)>) {
        let from = stack.len();
        let mut reply = self.first[at];
        while reply != NONE {
            stack.push((reply, level));
            reply = self.next[reply as usize];
        }
        stack[from..].reverse();
    }
}

/// The ids an `In-Reply-To` or `References` header holds, in its order.
fn message_ids<'a>(value: &'a HeaderValue<'_>) -> Vec<&'a str> {
    match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(ids) => ids.iter().map(|id| id.as_ref()).collect(),
        _ => Vec::new(),
    }
}

/// Drops a parsed message without recursion: nested `message/rfc822` parts form a tree as
/// deep as the input makes it, and dropping it as it is would recurse that deep.
fn drop_flat(message: Message) {
    let mut stack = vec![message];
    while let Some(mut message) = stack.pop() {
        for part in &mut message.parts {
            if let PartType::Message(inner) = std::mem::take(&mut part.body) {
                stack.push(inner);
            }
        }
    }
}

/// The root of each message's thread, with loops broken at their earliest message (which
/// becomes a root); and how many loops there were. Walks without recursion.
fn find_roots(parents: &mut [u32]) -> (Vec<u32>, usize) {
    const ON_PATH: u32 = NONE - 1;
    let mut roots = vec![NONE; parents.len()];
    let mut path: Vec<u32> = Vec::new();
    let mut cycles = 0;
    for start in 0..parents.len() as u32 {
        if roots[start as usize] != NONE {
            continue;
        }
        let mut at = start;
        let root = loop {
            match roots[at as usize] {
                ON_PATH => {
                    // A loop: cut it at its earliest message and walk again.
                    let from = path.iter().position(|&p| p == at).unwrap_or(0);
                    let earliest = path[from..].iter().copied().min().unwrap_or(at);
                    parents[earliest as usize] = NONE;
                    cycles += 1;
                    for &p in &path {
                        roots[p as usize] = NONE;
                    }
                    path.clear();
                    at = start;
                }
                NONE => {
                    roots[at as usize] = ON_PATH;
                    path.push(at);
                    match parents[at as usize] {
                        NONE => break at,
                        parent => at = parent,
                    }
                }
                root => break root,
            }
        };
        for &p in &path {
            roots[p as usize] = root;
        }
        path.clear();
    }
    (roots, cycles)
}

/// The kept texts of every message until the threads are built, one region per batch,
/// each freed as soon as every message in it has been copied into its thread: archives hold
/// threads that start and end close together, so most of the store is gone before the last
/// thread is built.
#[derive(Default)]
struct Store {
    regions: Vec<String>,
    /// Messages in each region not yet copied into their thread.
    live: Vec<u32>,
}

impl Store {
    /// A message's Message-ID, author, subject and body.
    fn texts(&self, mail: &Mail) -> [&str; 4] {
        let region = self
            .regions
            .get(mail.region as usize)
            .map_or("", String::as_str);
        let mut at = mail.start as usize;
        mail.lens.map(|len| {
            let text = region.get(at..at + len as usize).unwrap_or_default();
            at += len as usize;
            text
        })
    }

    fn release(&mut self, region: u32) {
        let region = region as usize;
        if let Some(live) = self.live.get_mut(region) {
            *live = live.saturating_sub(1);
            if *live == 0 {
                self.regions[region] = String::new();
            }
        }
    }
}

// ------------------------------------------------------------------ fields

/// What a message's MIME parts give.
struct Body<'a> {
    text: Cow<'a, str>,
    /// Attachments left out (not text).
    attachments: usize,
    /// A part could not be decoded, or a multipart's boundary never came.
    broken: bool,
}

/// The text of a message: its text/plain parts (an HTML part turned into text when there
/// is no plain one); when MIME gave none, the first text that is not an attachment (a
/// multipart whose boundary never comes is read as text).
fn body_text<'a>(message: &'a Message) -> Body<'a> {
    let mut text: Cow<str> = Cow::Borrowed("");
    for &id in &message.text_body {
        let part: Cow<str> = match message.parts.get(id as usize).map(|part| &part.body) {
            Some(PartType::Text(part)) => Cow::Borrowed(part),
            Some(PartType::Html(html)) => {
                html_text::fragment_to_text(html, Links::WithAddress).into()
            }
            _ => continue,
        };
        if text.is_empty() {
            text = part;
        } else {
            let joined = text.to_mut();
            joined.push_str("\n\n");
            joined.push_str(&part);
        }
    }
    let mut fallback = None;
    if text.trim().is_empty() {
        fallback = message.parts.iter().position(|part| {
            matches!(part.body, PartType::Text(_))
                && !part.is_encoding_problem
                && part
                    .content_disposition()
                    .is_none_or(|disposition| !disposition.is_attachment())
        });
        if let Some(PartType::Text(part)) = fallback.map(|at| &message.parts[at].body) {
            text = Cow::Borrowed(part);
        }
    }
    let failed_text = |part: &mail_parser::MessagePart| {
        part.is_encoding_problem && part.content_type().is_none_or(|ct| ct.ctype() == "text")
    };
    let attachments = message
        .attachments
        .iter()
        .filter(|&&id| Some(id as usize) != fallback)
        .filter(|&&id| {
            message
                .parts
                .get(id as usize)
                .is_some_and(|part| !failed_text(part))
        })
        .count();
    let multipart_as_text = fallback
        .and_then(|at| message.parts[at].content_type())
        .is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("multipart"));
    Body {
        text,
        attachments,
        broken: multipart_as_text || message.parts.iter().any(|part| part.is_encoding_problem),
    }
}

/// Appends `text` with its line ends made '\n' (decoded parts keep the CR LF of the wire),
/// blank lines at either end dropped and trailing white space removed.
fn clean_body_into(text: &str, out: &mut String) {
    let text = text.trim_end();
    let blank = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Keep the indentation of the first line: only whole blank lines go.
    let start = text[..blank].rfind(['\n', '\r']).map_or(0, |end| end + 1);
    let mut rest = &text[start..];
    while let Some(cr) = memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..cr]);
        out.push('\n');
        rest = &rest[cr + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
}

/// Prefixes replies and forwards add, in the languages lists see most (`Re:`, `AW:`...).
const REPLY_PREFIXES: &[&str] = &["re", "aw", "fwd", "fw", "sv", "antw"];

/// The subject a person would give the thread: reply and forward prefixes and list tags
/// (`[Numpy-discussion]`) removed from its start, runs of white space made one space.
pub fn clean_subject(subject: &str) -> String {
    let mut rest = subject.trim_start();
    loop {
        if let Some(tag) = rest.strip_prefix('[')
            && let Some(end) = tag.find(']')
        {
            rest = tag[end + 1..].trim_start();
            continue;
        }
        let word_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (word, after) = rest.split_at(word_len);
        if REPLY_PREFIXES
            .iter()
            .any(|prefix| word.eq_ignore_ascii_case(prefix))
        {
            // "Re:", "RE :", "Re[2]:", "Re^2:".
            let after =
                after.trim_start_matches(|c: char| c.is_ascii_digit() || "[]^()".contains(c));
            if let Some(after) = after.trim_start().strip_prefix(':') {
                rest = after.trim_start();
                continue;
            }
        }
        break;
    }
    let rest = rest.trim_end();
    if rest.contains(|c: char| c.is_whitespace() && c != ' ') || rest.contains("  ") {
        rest.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        rest.to_string()
    }
}

/// The sender as people know them: the display name, or pipermail's `user at host (Name)`
/// name, or else the address, written with ` at ` as pipermail shows it.
fn author_of(address: &mail_parser::Address) -> Option<String> {
    let addr = address.first()?;
    let name = addr.name().map(str::trim).filter(|name| !name.is_empty());
    let author = match (name, addr.address()) {
        (Some(name), _) => pipermail_name(name),
        (None, Some(address)) => address.trim().to_string(),
        (None, None) => return None,
    };
    let author = if !author.contains(' ') && author.contains('@') {
        author.replacen('@', " at ", 1)
    } else {
        author
    };
    (!author.is_empty()).then_some(author)
}

/// `user at host (Name)` gives `Name`; `Name <user at host>` inside the parentheses too.
fn pipermail_name(name: &str) -> String {
    let (Some(open), true) = (name.find('('), name.ends_with(')')) else {
        return name.to_string();
    };
    let inner = name[open + 1..name.len() - 1].trim();
    let inner = match inner.rfind('<') {
        Some(lt) if inner.ends_with('>') && lt > 0 => inner[..lt].trim(),
        _ => inner,
    };
    let inner = inner.trim_matches('"').trim();
    if inner.is_empty() {
        name[..open].trim().to_string()
    } else {
        inner.to_string()
    }
}

/// The sender and date of a `From sender date` line; pipermail writes the sender with
/// ` at `, so the date starts at the first day or month name.
fn parse_separator(line: &[u8]) -> (Option<String>, Option<Timestamp>) {
    let line = String::from_utf8_lossy(line);
    let rest = line.strip_prefix("From ").unwrap_or(&line);
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let date_at = tokens
        .iter()
        .position(|token| weekday(token) || month(token).is_some())
        .filter(|&at| at > 0)
        .unwrap_or(tokens.len().min(1));
    let sender = tokens[..date_at].join(" ");
    let sender = (!sender.is_empty() && sender != "-" && sender != "MAILER-DAEMON")
        .then(|| sender.replacen('@', " at ", 1));
    (sender, parse_date(&tokens[date_at..].join(" ")))
}

fn weekday(token: &str) -> bool {
    let token = token.trim_end_matches(',');
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .any(|day| {
            token
                .get(..3)
                .is_some_and(|start| start.eq_ignore_ascii_case(day))
        })
}

/// 1..=12 for a month name (`Nov`, `November`).
fn month(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = token.get(..3)?;
    if !token.bytes().all(|b| b.is_ascii_alphabetic() || b == b'.') {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| prefix.eq_ignore_ascii_case(m))
        .map(|i| i as u32 + 1)
}

/// A mail date: RFC 2822 (`Fri, 2 Nov 2001 10:24:10 -0800 (PST)`, with the obsolete zone
/// names), asctime as pipermail and mbox separators write it (`Fri Nov  2 10:24:10 2001`,
/// no offset), or ISO 8601. The offset is kept as written; a date without one has none.
pub fn parse_date(text: &str) -> Option<Timestamp> {
    // Comments such as "(PST)" say nothing the offset does not.
    let plain: Cow<str> = match text.contains('(') {
        false => text.into(),
        true => {
            let mut plain = String::with_capacity(text.len());
            let mut depth = 0u32;
            for c in text.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ if depth == 0 => plain.push(c),
                    _ => {}
                }
            }
            plain.into()
        }
    };
    if let Some(time) = Timestamp::parse_iso(&plain) {
        return Some(time);
    }
    let (mut day, mut month_number, mut year) = (None, None, None);
    let mut clock = None;
    let mut offset = None;
    let tokens = plain
        .split(|c: char| c.is_ascii_whitespace() || c == ',')
        .filter(|token| !token.is_empty());
    for token in tokens {
        if token.bytes().all(|b| b.is_ascii_digit()) {
            let n: i64 = token.parse().ok()?;
            match token.len() {
                1 | 2 if day.is_none() => day = Some(n as u32),
                // RFC 2822's obsolete two-digit years.
                2 if year.is_none() => year = Some(if n < 50 { 2000 + n } else { 1900 + n }),
                4 if year.is_none() => year = Some(n),
                _ => {}
            }
        } else if let Some(m) = month(token) {
            month_number.get_or_insert(m);
        } else if is_time_of_day(token.as_bytes()) {
            let mut parts = token.split(':').map(|p| p.parse::<u32>().ok());
            let (h, m, s) = (
                parts.next()??,
                parts.next()??,
                parts.next().flatten().unwrap_or(0),
            );
            clock.get_or_insert((h, m, s));
        } else if let Some(zone) = zone_offset(token) {
            offset.get_or_insert(zone);
        }
    }
    let (h, mi, s) = clock.unwrap_or((0, 0, 0));
    Timestamp::from_parts(year?, month_number?, day?, h, mi, s, offset)
}

/// Minutes east of UTC for `+0100`, `-0800`, `GMT`, `EST`...
fn zone_offset(token: &str) -> Option<i16> {
    let bytes = token.as_bytes();
    if let [sign @ (b'+' | b'-'), digits @ ..] = bytes
        && digits.len() == 4
        && digits.iter().all(u8::is_ascii_digit)
    {
        let value: i16 = token[1..].parse().ok()?;
        let minutes = value / 100 * 60 + value % 100;
        return Some(if *sign == b'-' { -minutes } else { minutes });
    }
    const ZONES: &[(&str, i16)] = &[
        ("UT", 0),
        ("UTC", 0),
        ("GMT", 0),
        ("Z", 0),
        ("EDT", -4),
        ("EST", -5),
        ("CDT", -5),
        ("CST", -6),
        ("MDT", -6),
        ("MST", -7),
        ("PDT", -7),
        ("PST", -8),
    ];
    ZONES
        .iter()
        .find(|(name, _)| token.eq_ignore_ascii_case(name))
        .map(|&(_, hours)| hours * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_lose_prefixes_and_tags_only_at_the_start() {
        for (subject, clean) in [
            ("[Numpy-discussion] RE: Numeric2", "Numeric2"),
            (
                "Re: [Numpy-discussion] Re: Meta: too   many\n thing?",
                "Meta: too many thing?",
            ),
            ("AW: Aw: SV: Antw: Fw: FWD: hello", "hello"),
            ("Re[2]: hello", "hello"),
            ("RE : hello", "hello"),
            ("Regarding: the plan", "Regarding: the plan"),
            ("Why Re: here", "Why Re: here"),
            ("[unclosed tag", "[unclosed tag"),
            ("", ""),
        ] {
            assert_eq!(clean_subject(subject), clean, "{subject:?}");
        }
    }

    #[test]
    fn dates_keep_their_offset_and_asctime_has_none() {
        for (date, shown) in [
            (
                "Fri, 2 Nov 2001 10:24:10 -0800 (PST)",
                "2001-11-02T10:24:10-08:00",
            ),
            ("Fri, 02 Nov 2001 10:24 GMT", "2001-11-02T10:24:00+00:00"),
            ("2 Nov 01 10:24:10 EST", "2001-11-02T10:24:10-05:00"),
            ("Thu Nov  1 11:19:12 2001", "2001-11-01T11:19:12"),
            (
                "Mon Oct 12 10:42:55 +0000 2020",
                "2020-10-12T10:42:55+00:00",
            ),
            ("2001-11-02T10:24:10+05:30", "2001-11-02T10:24:10+05:30"),
        ] {
            let time = parse_date(date).unwrap_or_else(|| panic!("{date}"));
            assert_eq!(time.to_string(), shown, "{date}");
        }
        for bad in [
            "",
            "yesterday",
            "Fri, 31 Feb 2001 10:00:00 +0000",
            "Nov 2001",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn separator_lines_need_a_time_and_a_year() {
        assert!(is_separator_line(
            b"From jjl at pobox.com  Thu Nov  1 11:19:12 2001"
        ));
        assert!(is_separator_line(
            b"From MAILER-DAEMON Fri Jul  8 12:08:34 2011"
        ));
        assert!(is_separator_line(b"From - Thu Nov 01 10:24:10 2001"));
        assert!(!is_separator_line(
            b"From the start, I thought 2001 was late"
        ));
        assert!(!is_separator_line(b"From: someone@example.org"));
        let (sender, time) = parse_separator(b"From jjl at pobox.com  Thu Nov  1 11:19:12 2001");
        assert_eq!(sender.as_deref(), Some("jjl at pobox.com"));
        assert_eq!(
            time.map(|t| t.to_string()).as_deref(),
            Some("2001-11-01T11:19:12")
        );
        let (sender, _) = parse_separator(b"From ann@example.org Mon Oct 12 10:42:55 2020");
        assert_eq!(sender.as_deref(), Some("ann at example.org"));
        // A sender with a character of several bytes where a day name could start.
        let (sender, time) = parse_separator("From T\u{FFFD}e Mon Oct 12 10:42:55 2020".as_bytes());
        assert_eq!(sender.as_deref(), Some("T\u{FFFD}e"));
        assert!(time.is_some());
    }

    #[test]
    fn pipermail_names_come_from_the_parentheses() {
        assert_eq!(
            pipermail_name("jjl at pobox.com (John J. Lee)"),
            "John J. Lee"
        );
        assert_eq!(
            pipermail_name("siopis at umich.edu (Christos Siopis <siopis@umich.edu>)"),
            "Christos Siopis"
        );
        assert_eq!(
            pipermail_name("ann at example.org ()"),
            "ann at example.org"
        );
        assert_eq!(pipermail_name("Ann Example"), "Ann Example");
    }

    #[test]
    fn loops_are_cut_at_their_earliest_message() {
        // 0 <- 1, 2 <-> 3 (a loop), 4 -> 3.
        let mut parents = vec![NONE, 0, 3, 2, 3];
        let (roots, cycles) = find_roots(&mut parents);
        assert_eq!(cycles, 1);
        assert_eq!(roots, [0, 0, 2, 2, 2]);
        assert_eq!(parents[2], NONE);
    }

    #[test]
    fn bodies_lose_blank_ends_and_carriage_returns() {
        let mut out = String::from("kept ");
        clean_body_into("\n\n  indented\r\nline\rend  \n\n\n", &mut out);
        assert_eq!(out, "kept   indented\nline\nend");
    }
}
