//! Mailing-list archives: mbox files and Mailman/pipermail monthly `.txt` archives. Messages
//! are split at `From ` lines as the file streams by, each is parsed with mail-parser (MIME,
//! transfer encodings, charsets, RFC 2047 words) and only the texts a thread shows are kept.
//! Threads are built once the whole file is read: a message replies to the message its
//! `In-Reply-To` or `References` names, or, when neither names one in the file, to the first
//! message with the same subject; a message that replies to none starts a thread.

use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Parsed, Report};
use super::html_text::{self, Links};
use super::sniff::{Head, Sniff};
use super::{CommentFields, Thread, ThreadAssembler, ThreadFields, Timestamp};
use mail_parser::{HeaderName, HeaderValue, Message, MessageParser, MimeHeaders, PartType};
use memchr::{memchr, memchr_iter};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::io::BufRead;

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
/// Kept text is stored in regions of this size until the threads are built.
const REGION_BYTES: usize = 1 << 20;
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
/// a header block with at least one mail header; never anything else.
fn sniff(head: &Head) -> Sniff {
    let mut lines = head
        .trimmed()
        .split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line));
    if !lines.next().is_some_and(is_separator_line) {
        return Sniff::No;
    }
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
            None => return Sniff::No,
        }
    }
    if mail_header { Sniff::Sure } else { Sniff::No }
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

fn parse_stream(input: &mut dyn BufRead, _options: &Options, report: &mut Report) -> Parsed {
    let mut archive = Archive::new();
    let mut splitter = Splitter::new();
    let ends_mid_line = for_each_line(input, |line, starts_line| {
        splitter.line(line, starts_line, &mut archive);
    });
    splitter.finish(&mut archive);
    if archive.mails.is_empty() && archive.skipped.preamble_lines > 0 {
        return Err(FormatError::new(
            "no message found: each message of a mailbox starts after a line \
             `From <sender> <date>`",
        ));
    }
    archive.skipped.ends_mid_line = ends_mid_line;
    Ok(archive.into_threads(report))
}

/// Calls `f` with each line of `input` (its '\n' included) and whether it starts a line:
/// a line longer than [`MAX_LINE_BYTES`] comes in pieces. Returns whether the input ended
/// inside a line. Stops quietly on a read error (the reading pipeline reports it).
fn for_each_line(input: &mut dyn BufRead, mut f: impl FnMut(&[u8], bool)) -> bool {
    let mut partial: Vec<u8> = Vec::new();
    // Whether `partial` (or the next line) starts a line.
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
        let base = at;
        for end in memchr_iter(b'\n', &buf[base..]) {
            let end = base + end;
            f(&buf[at..=end], starts_line);
            starts_line = true;
            at = end + 1;
        }
        let rest = &buf[at..];
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

/// Cuts the stream of lines into messages at separator lines and undoes `>From ` quoting.
struct Splitter {
    /// The current message's raw bytes, headers and body, without its separator line.
    message: Vec<u8>,
    /// The current message's separator line; None before the first one.
    separator: Option<Vec<u8>>,
    /// A separator-shaped line not after a blank line: a separator only if a header follows.
    pending: Option<Vec<u8>>,
    /// The line before was blank (or there was none).
    after_blank: bool,
    /// Lines of the current message that may start a MIME part.
    part_lines: usize,
    /// Why the rest of the current message is dropped, once it is.
    cut: Option<Cut>,
}

/// Why a message was read only part of the way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cut {
    Size,
    Parts,
}

impl Splitter {
    fn new() -> Self {
        Splitter {
            message: Vec::new(),
            separator: None,
            pending: None,
            after_blank: true,
            part_lines: 0,
            cut: None,
        }
    }

    fn line(&mut self, line: &[u8], starts_line: bool, archive: &mut Archive) {
        if !starts_line {
            self.append(line);
            return;
        }
        let content = line.strip_suffix(b"\n").unwrap_or(line);
        if let Some(pending) = self.pending.take() {
            if header_name(content).is_some() {
                self.start_message(pending, archive);
            } else {
                self.append(&pending);
                self.append(b"\n");
            }
        }
        if content.first() == Some(&b'F') && is_separator_line(content) {
            if self.after_blank {
                self.start_message(content.to_vec(), archive);
            } else {
                self.pending = Some(content.to_vec());
            }
            self.after_blank = false;
            return;
        }
        match content.first() {
            Some(b'>') if is_quoted_from(content) => {
                // mboxrd: one '>' was added before every body line matching ^>*From .
                self.append(&line[1..]);
            }
            Some(b'-' | b'C' | b'c') if may_start_part(content) => {
                self.part_lines += 1;
                if self.part_lines > MAX_PART_LINES {
                    self.cut.get_or_insert(Cut::Parts);
                }
                self.append(line);
            }
            _ => self.append(line),
        }
        self.after_blank = content.iter().all(|&b| b == b' ' || b == b'\t');
    }

    fn append(&mut self, bytes: &[u8]) {
        if self.cut.is_some() {
            return;
        }
        if self.message.len() + bytes.len() <= MAX_MESSAGE_BYTES {
            self.message.extend_from_slice(bytes);
        } else {
            self.cut = Some(Cut::Size);
        }
    }

    fn start_message(&mut self, separator: Vec<u8>, archive: &mut Archive) {
        self.end_message(archive);
        self.separator = Some(separator);
    }

    fn end_message(&mut self, archive: &mut Archive) {
        archive.add(self.separator.as_deref(), &self.message, self.cut);
        self.message.clear();
        self.cut = None;
        self.part_lines = 0;
        if self.message.capacity() > 4 * REGION_BYTES {
            self.message = Vec::new();
        }
    }

    fn finish(mut self, archive: &mut Archive) {
        if let Some(pending) = self.pending.take() {
            self.append(&pending);
        }
        self.end_message(archive);
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
    fn report(&self, report: &mut Report) {
        let mut parts: Vec<String> = Vec::new();
        let mut say = |count: usize, one: &str, many: &str| {
            if count > 0 {
                parts.push(format!("{count} {}", if count == 1 { one } else { many }));
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
    /// Its `In-Reply-To` then `References` (nearest first), as a range of `Archive::refs`.
    refs: (u32, u32),
}

/// The messages read so far and how to find them.
struct Archive {
    parser: MessageParser,
    /// Keyed per run: ids and subjects are compared by hash, and nobody can aim at a
    /// collision without the key.
    hasher: RandomState,
    store: Store,
    mails: Vec<Mail>,
    refs: Vec<u64>,
    /// The first message with each Message-ID.
    by_id: HashMap<u64, u32>,
    /// The first message with each subject.
    by_subject: HashMap<u64, u32>,
    skipped: Skipped,
}

/// Texts of one message, before they are stored.
struct Texts<'a> {
    id: Option<&'a str>,
    author: Option<String>,
    subject: String,
    body: String,
    time: Option<Timestamp>,
}

impl Archive {
    fn new() -> Self {
        Archive {
            parser: MessageParser::new()
                .with_mime_headers()
                .header_text(HeaderName::Subject)
                .header_address(HeaderName::From)
                .header_id(HeaderName::MessageId)
                .header_id(HeaderName::InReplyTo)
                .header_id(HeaderName::References)
                .header_raw(HeaderName::Date)
                .default_header_ignore(),
            hasher: RandomState::new(),
            store: Store::default(),
            mails: Vec::new(),
            refs: Vec::new(),
            by_id: HashMap::new(),
            by_subject: HashMap::new(),
            skipped: Skipped::default(),
        }
    }

    /// Adds one message: `raw` as it followed its separator line (None before the first).
    fn add(&mut self, separator: Option<&[u8]>, raw: &[u8], cut: Option<Cut>) {
        let starts_with_header = header_name(raw).is_some();
        if separator.is_none() {
            // Text before the first separator: a message only if it starts like one.
            if !starts_with_header {
                let lines = memchr_iter(b'\n', raw).count() + usize::from(!raw.ends_with(b"\n"));
                if !raw.iter().all(u8::is_ascii_whitespace) {
                    self.skipped.preamble_lines += lines;
                }
                return;
            }
        }
        self.skipped.cut += usize::from(cut == Some(Cut::Size));
        self.skipped.too_many_parts += usize::from(cut == Some(Cut::Parts));
        // Who and when the separator line says, for a message whose headers do not.
        let from_separator = || separator.map(parse_separator).unwrap_or_default();
        let message = if starts_with_header {
            self.parser.parse(raw)
        } else {
            None
        };
        let Some(message) = message else {
            self.skipped.headerless += 1;
            let (sender, sent) = from_separator();
            let texts = Texts {
                id: None,
                author: sender,
                subject: String::new(),
                body: clean_body(&String::from_utf8_lossy(raw)),
                time: sent,
            };
            let first_ref = self.refs.len();
            self.keep(texts, first_ref);
            return;
        };
        let id = message.message_id().filter(|id| !id.is_empty());
        if let Some(id) = id
            && self.by_id.contains_key(&self.hasher.hash_one(id))
        {
            self.skipped.duplicates += 1;
            drop_flat(message);
            return;
        }
        let first_ref = self.refs.len();
        let mut add_ref = |id: &str| {
            if self.refs.len() - first_ref < MAX_REFERENCES && !id.is_empty() {
                self.refs.push(self.hasher.hash_one(id));
            }
        };
        match message.in_reply_to() {
            HeaderValue::Text(id) => add_ref(id),
            HeaderValue::TextList(ids) => ids.iter().for_each(|id| add_ref(id)),
            _ => {}
        }
        match message.references() {
            HeaderValue::Text(id) => add_ref(id),
            HeaderValue::TextList(ids) => ids.iter().rev().for_each(|id| add_ref(id)),
            _ => {}
        }
        let body = body_text(&message);
        self.skipped.attachments += body.attachments;
        self.skipped.broken_mime += usize::from(body.broken);
        let texts = Texts {
            id,
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
        self.keep(texts, first_ref);
        drop_flat(message);
    }

    /// Keeps a message whose references were pushed to `self.refs` from `first_ref` on.
    fn keep(&mut self, texts: Texts, first_ref: usize) {
        let at = u32::try_from(self.mails.len()).unwrap_or(NONE);
        if at == NONE {
            self.refs.truncate(first_ref);
            return;
        }
        if let Some(id) = texts.id {
            self.by_id.insert(self.hasher.hash_one(id), at);
        }
        let subject_key = match texts.subject.is_empty() {
            true => 0,
            false => self.hasher.hash_one(texts.subject.to_lowercase()).max(1),
        };
        if subject_key != 0 {
            self.by_subject.entry(subject_key).or_insert(at);
        }
        let author = texts.author.as_deref().unwrap_or_default();
        let pieces = [
            texts.id.unwrap_or_default(),
            author,
            &texts.subject,
            &texts.body,
        ];
        let (region, start) = self.store.push(&pieces);
        self.mails.push(Mail {
            region,
            start,
            lens: pieces.map(|piece| piece.len() as u32),
            has_id: texts.id.is_some(),
            has_author: texts.author.is_some(),
            time: texts.time,
            subject_key,
            refs: (first_ref as u32, self.refs.len() as u32),
        });
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
        let (mut parents, loops) = self.parents();
        let (roots, _) = find_roots(&mut parents);
        self.skipped.cycles = loops;
        self.skipped.report(report);
        // Each thread's messages in file order, threads in the order of their first message.
        let count = self.mails.len();
        let mut starts = vec![0u32; count + 1];
        for &root in &roots {
            starts[root as usize + 1] += 1;
        }
        for at in 0..count {
            starts[at + 1] += starts[at];
        }
        let mut members = vec![0u32; count];
        let mut next = starts.clone();
        for (at, &root) in roots.iter().enumerate() {
            members[next[root as usize] as usize] = at as u32;
            next[root as usize] += 1;
        }
        let mut threads = Vec::new();
        for root in 0..count {
            if roots[root] as usize != root {
                continue;
            }
            let thread_members = &members[starts[root] as usize..starts[root + 1] as usize];
            threads.push(self.assemble(root as u32, thread_members, &parents));
            for &member in thread_members {
                self.store.release(self.mails[member as usize].region);
            }
        }
        threads
    }

    /// One thread: the root message is the article, the others its comments.
    fn assemble(&self, root: u32, members: &[u32], parents: &[u32]) -> Thread {
        let mut assembler = ThreadAssembler::new();
        let mail = &self.mails[root as usize];
        let [id, author, subject, body] = self.store.texts(mail);
        assembler.set_thread(ThreadFields {
            title: subject,
            article: body,
            author: mail.has_author.then_some(author),
            time: mail.time,
            id: mail.has_id.then_some(id),
            ..ThreadFields::default()
        });
        for &member in members.iter().filter(|&&member| member != root) {
            let mail = &self.mails[member as usize];
            let [id, author, _, body] = self.store.texts(mail);
            let parent = parents[member as usize];
            let parent_key = (parent != root).then(|| parent.to_string());
            assembler.push_reply(
                Some(&member.to_string()),
                parent_key.as_deref(),
                CommentFields {
                    author: mail.has_author.then_some(author),
                    body,
                    time: mail.time,
                    id: mail.has_id.then_some(id),
                    ..CommentFields::default()
                },
            );
        }
        assembler.finish().0
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

/// The kept texts of every message until the threads are built, in regions that are freed
/// as soon as every message in them has been copied into its thread: archives hold threads
/// that start and end close together, so most of the store is gone before the last thread
/// is built.
#[derive(Default)]
struct Store {
    regions: Vec<String>,
    /// Messages in each region not yet copied into their thread.
    live: Vec<u32>,
}

impl Store {
    /// Stores pieces one after another in one region; returns the region and where they start.
    fn push(&mut self, pieces: &[&str]) -> (u32, u32) {
        let total: usize = pieces.iter().map(|piece| piece.len()).sum();
        let fits = self
            .regions
            .last()
            .is_some_and(|region| region.capacity() - region.len() >= total);
        if !fits {
            self.regions
                .push(String::with_capacity(REGION_BYTES.max(total)));
            self.live.push(0);
        }
        let index = self.regions.len() - 1;
        let region = &mut self.regions[index];
        let start = region.len();
        for piece in pieces {
            region.push_str(piece);
        }
        self.live[index] += 1;
        (index as u32, start as u32)
    }

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
struct Body {
    text: String,
    /// Attachments left out (not text).
    attachments: usize,
    /// A part could not be decoded, or a multipart's boundary never came.
    broken: bool,
}

/// The text of a message: its text/plain parts (an HTML part turned into text when there
/// is no plain one); when MIME gave none, the first text that is not an attachment (a
/// multipart whose boundary never comes is read as text).
fn body_text(message: &Message) -> Body {
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
        text: clean_body(&text),
        attachments,
        broken: multipart_as_text || message.parts.iter().any(|part| part.is_encoding_problem),
    }
}

/// Line ends made '\n' (decoded parts keep the CR LF of the wire), blank lines at either
/// end dropped, trailing white space removed.
fn clean_body(text: &str) -> String {
    let text = text.trim_end();
    let blank = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Keep the indentation of the first line: only whole blank lines go.
    let start = text[..blank].rfind(['\n', '\r']).map_or(0, |end| end + 1);
    let mut rest = &text[start..];
    let mut out = String::with_capacity(rest.len());
    while let Some(cr) = memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..cr]);
        out.push('\n');
        rest = &rest[cr + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
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
            token.len() >= 3 && token[..3].eq_ignore_ascii_case(day) && token.is_char_boundary(3)
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
        assert_eq!(
            clean_body("\n\n  indented\r\nline\rend  \n\n\n"),
            "  indented\nline\nend"
        );
    }
}
