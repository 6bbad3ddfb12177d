//! The JSON format, both ways: `--dump json` writes it and the reader opens it. One thread
//! is one JSON object on one line; a file of several threads is JSON Lines. Both sides walk
//! the tree with an explicit stack, so nesting depth is limited only by memory, and reading
//! streams: memory follows the text kept, not the file.

use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Report};
use super::output::Output;
use super::sniff::{Head, Sniff};
use super::{Status, TextRange, Thread, ThreadBuilder, ThreadInfo, Timestamp};
use std::io::{self, BufRead, Write};
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ReaderSettings, ValueType};
use struson::writer::{JsonStreamWriter, JsonWriter, WriterSettings};

pub static SPEC: FormatSpec = FormatSpec {
    name: "json",
    label: "thread-tui JSON (what --dump json writes; JSON Lines for several threads)",
    family: Family::Json,
    sniff,
    parse: Parse::Stream(parse_stream),
    input: Input::Text,
};

/// Keys only thread-tui's own JSON uses together.
fn sniff(head: &Head) -> Sniff {
    let keys = head.json_keys();
    let has = |key: &str| keys.contains(key);
    if head.first_byte() == Some(b'{')
        && (has("article") || has("missing") || (has("comments") && has("body")))
    {
        Sniff::Sure
    } else {
        Sniff::No
    }
}

fn settings() -> ReaderSettings {
    ReaderSettings {
        max_nesting_depth: None,
        track_path: false,
        allow_multiple_top_level: true,
        ..ReaderSettings::default()
    }
}

fn parse_stream(
    input: &mut dyn BufRead,
    _options: &Options,
    report: &mut Report,
) -> Result<Vec<Thread>, FormatError> {
    let mut reader = JsonStreamReader::new_custom(input, settings());
    let (threads, error) = read_threads(&mut reader);
    match error {
        None => Ok(threads),
        Some(err)
            if threads
                .iter()
                .any(|t| !t.is_empty() || !t.title().is_empty()) =>
        {
            // A file cut short or broken part-way: what came before the break is kept.
            report.note(format!(
                "the JSON breaks at {}: what follows was skipped",
                describe_error(&err)
            ));
            Ok(threads)
        }
        Some(err) => Err(FormatError::new(describe_error(&err))),
    }
}

/// Every thread of a JSON or JSON Lines text, up to the first error (a thread broken
/// part-way is kept with the comments read before the break).
fn read_threads(reader: &mut impl JsonReader) -> (Vec<Thread>, Option<ReaderError>) {
    let mut threads = Vec::new();
    loop {
        let (thread, error) = read_thread(reader);
        threads.push(thread);
        if error.is_some() {
            return (threads, error);
        }
        match reader.has_next() {
            Ok(true) => {}
            Ok(false) => return (threads, None),
            Err(err) => return (threads, Some(err)),
        }
    }
}

/// Parses threads from their JSON form, already in memory.
pub fn parse(buf: &[u8]) -> Result<Vec<Thread>, ReaderError> {
    let mut reader = JsonStreamReader::new_custom(buf, settings());
    match read_threads(&mut reader) {
        (threads, None) => Ok(threads),
        (_, Some(err)) => Err(err),
    }
}

/// Appends a JSON string value to the thread's text.
fn read_text(reader: &mut impl JsonReader, out: &mut Output) -> Result<TextRange, ReaderError> {
    let value = reader.next_str()?;
    Ok(out.emit(value))
}

fn read_optional_text(
    reader: &mut impl JsonReader,
    out: &mut Output,
) -> Result<Option<TextRange>, ReaderError> {
    if reader.peek()? == ValueType::Null {
        reader.next_null()?;
        Ok(None)
    } else {
        read_text(reader, out).map(Some)
    }
}

/// A string that holds a time; one that does not read as one is dropped.
fn read_time(reader: &mut impl JsonReader) -> Result<Option<Timestamp>, ReaderError> {
    if reader.peek()? == ValueType::String {
        Ok(Timestamp::parse_iso(reader.next_str()?))
    } else {
        reader.skip_value()?;
        Ok(None)
    }
}

fn read_integer(reader: &mut impl JsonReader) -> Result<Option<i64>, ReaderError> {
    if reader.peek()? == ValueType::Number {
        Ok(reader.next_number_as_str()?.parse().ok())
    } else {
        reader.skip_value()?;
        Ok(None)
    }
}

fn read_count(reader: &mut impl JsonReader) -> Result<u32, ReaderError> {
    Ok(read_integer(reader)?.map_or(0, |n| u32::try_from(n).unwrap_or(0)))
}

enum Frame {
    /// Inside a `children` (or top-level `comments`) array.
    Children,
    /// Inside a comment object, reading its fields.
    Comment(usize),
}

/// Reads the `comments` array into the builder, depth-first, without recursion.
fn read_comments(
    reader: &mut impl JsonReader,
    out: &mut Output,
    builder: &mut ThreadBuilder,
) -> Result<(), ReaderError> {
    reader.begin_array()?;
    let mut stack = vec![Frame::Children];
    let mut depth = 0;
    while let Some(frame) = stack.last() {
        match *frame {
            Frame::Children => {
                if reader.has_next()? {
                    reader.begin_object()?;
                    depth += 1;
                    let id = builder.push(depth, None, TextRange::EMPTY);
                    stack.push(Frame::Comment(id));
                } else {
                    reader.end_array()?;
                    stack.pop();
                }
            }
            Frame::Comment(id) => {
                if !reader.has_next()? {
                    reader.end_object()?;
                    depth -= 1;
                    stack.pop();
                    continue;
                }
                match reader.next_name()? {
                    "author" => {
                        let author = match reader.peek()? {
                            ValueType::Null => {
                                reader.next_null()?;
                                None
                            }
                            _ => Some(out.emit_name(reader.next_str()?)),
                        };
                        builder.set_author(id, author);
                    }
                    "body" => {
                        let body = read_optional_text(reader, out)?.unwrap_or(TextRange::EMPTY);
                        builder.set_body(id, body);
                    }
                    "missing" => {
                        let missing = reader.next_bool()?;
                        builder.set_missing(id, missing);
                    }
                    "time" => {
                        let time = read_time(reader)?;
                        builder.details_mut().time.set(id, time);
                    }
                    "id" => {
                        let value = read_optional_text(reader, out)?;
                        builder.details_mut().id.set(id, value);
                    }
                    "url" => {
                        let value = read_optional_text(reader, out)?;
                        builder.details_mut().url.set(id, value);
                    }
                    "score" => {
                        let score = read_integer(reader)?;
                        builder.details_mut().score.set(id, score);
                    }
                    "more" => {
                        let more = read_count(reader)?;
                        builder.details_mut().more_replies.set(id, more);
                    }
                    "levels" => {
                        let levels = read_count(reader)?;
                        builder.details_mut().skipped_levels.set(id, levels);
                    }
                    "status" => {
                        let status = match reader.peek()? {
                            ValueType::String => Status::from_name(reader.next_str()?),
                            _ => {
                                reader.skip_value()?;
                                None
                            }
                        };
                        builder
                            .details_mut()
                            .status
                            .set(id, status.unwrap_or_default());
                    }
                    "children" => {
                        reader.begin_array()?;
                        stack.push(Frame::Children);
                    }
                    _ => reader.skip_value()?,
                }
            }
        }
    }
    Ok(())
}

/// Reads one thread object; on an error, the thread as far as it was read, and the error.
fn read_thread(reader: &mut impl JsonReader) -> (Thread, Option<ReaderError>) {
    let mut out = Output::default();
    let mut builder = ThreadBuilder::new();
    let mut info = ThreadInfo::default();
    let error = read_thread_fields(reader, &mut out, &mut builder, &mut info).err();
    (builder.finish(out.into_text(), info), error)
}

fn read_thread_fields(
    reader: &mut impl JsonReader,
    out: &mut Output,
    builder: &mut ThreadBuilder,
    info: &mut ThreadInfo,
) -> Result<(), ReaderError> {
    let out = &mut *out;
    reader.begin_object()?;
    while reader.has_next()? {
        match reader.next_name()? {
            "title" => info.title = read_optional_text(reader, out)?.unwrap_or_default(),
            "date" => info.date = read_optional_text(reader, out)?,
            "article" => info.article = read_optional_text(reader, out)?.unwrap_or_default(),
            "author" => info.author = read_optional_text(reader, out)?,
            "time" => info.time = read_time(reader)?,
            "id" => info.id = read_optional_text(reader, out)?,
            "url" => info.url = read_optional_text(reader, out)?,
            "score" => info.score = read_integer(reader)?,
            "more" => info.more_replies = read_count(reader)?,
            "comments" => read_comments(reader, out, builder)?,
            _ => reader.skip_value()?,
        }
    }
    reader.end_object()
}

/// A reader error as a person wants it: 1-based line and column first, then what is wrong.
pub fn describe_error(err: &ReaderError) -> String {
    let (what, location) = match err {
        ReaderError::SyntaxError(e) => (format!("syntax error ({})", e.kind), &e.location),
        ReaderError::UnexpectedValueType {
            expected,
            actual,
            location,
        } => (format!("expected {expected}, found {actual}"), location),
        ReaderError::UnexpectedStructure { kind, location } => {
            (format!("unexpected structure ({kind})"), location)
        }
        ReaderError::MaxNestingDepthExceeded { location, .. } => {
            ("nested too deeply".to_string(), location)
        }
        ReaderError::UnsupportedNumberValue { number, location } => {
            (format!("unsupported number {number}"), location)
        }
        ReaderError::IoError { error, location } => (error.to_string(), location),
        other => return other.to_string(),
    };
    match location.line_pos {
        Some(at) => format!("line {}, column {}: {what}", at.line + 1, at.column + 1),
        None => what,
    }
}

fn optional_string(writer: &mut impl JsonWriter, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => writer.string_value(value),
        None => writer.null_value(),
    }
}

/// Writes the fields a source may add, only those it has.
struct Extras<'a> {
    time: Option<Timestamp>,
    id: Option<&'a str>,
    url: Option<&'a str>,
    score: Option<i64>,
    more: u32,
}

impl Extras<'_> {
    fn write(&self, writer: &mut impl JsonWriter) -> io::Result<()> {
        if let Some(time) = self.time {
            writer.name("time")?;
            writer.string_value(&time.to_string())?;
        }
        if let Some(id) = self.id {
            writer.name("id")?;
            writer.string_value(id)?;
        }
        if let Some(url) = self.url {
            writer.name("url")?;
            writer.string_value(url)?;
        }
        if let Some(score) = self.score {
            writer.name("score")?;
            writer.number_value(score)?;
        }
        if self.more > 0 {
            writer.name("more")?;
            writer.number_value(self.more)?;
        }
        Ok(())
    }
}

/// Writes the thread as one line of JSON (compact: indentation would grow with the square of
/// the depth on deep threads). Every control character, DEL and C1 included, is escaped, so
/// the dump is inert even when printed to a terminal. Fields a source does not have (time,
/// id, url, score, more) are left out, so a plain text thread dumps as it always did.
pub fn write(thread: &Thread, out: impl Write) -> io::Result<()> {
    let settings = WriterSettings {
        escape_all_control_chars: true,
        ..WriterSettings::default()
    };
    let mut writer = JsonStreamWriter::new_custom(out, settings);
    writer.begin_object()?;
    writer.name("title")?;
    writer.string_value(thread.title())?;
    writer.name("date")?;
    optional_string(&mut writer, thread.date())?;
    writer.name("article")?;
    writer.string_value(thread.article())?;
    if let Some(author) = thread.article_author() {
        writer.name("author")?;
        writer.string_value(author)?;
    }
    Extras {
        time: thread.article_time(),
        id: thread.thread_id(),
        url: thread.url(),
        score: thread.article_score(),
        more: thread.more_top_level(),
    }
    .write(&mut writer)?;
    writer.name("comments")?;
    writer.begin_array()?;
    // Each open comment has its object and its `children` array open.
    let mut open = 0;
    for id in 0..thread.len() {
        let depth = thread.depth(id);
        while open >= depth {
            writer.end_array()?;
            writer.end_object()?;
            open -= 1;
        }
        writer.begin_object()?;
        writer.name("author")?;
        optional_string(&mut writer, thread.author(id))?;
        writer.name("body")?;
        writer.string_value(thread.body(id))?;
        writer.name("missing")?;
        writer.bool_value(thread.is_missing(id))?;
        Extras {
            time: thread.time(id),
            id: thread.comment_id(id),
            url: thread.comment_url(id),
            score: thread.score(id),
            more: thread.more_replies(id),
        }
        .write(&mut writer)?;
        if thread.status(id) != Status::Approved {
            writer.name("status")?;
            writer.string_value(thread.status(id).name())?;
        }
        if thread.skipped_levels(id) > 1 {
            writer.name("levels")?;
            writer.number_value(thread.skipped_levels(id) as u64)?;
        }
        writer.name("children")?;
        writer.begin_array()?;
        open = depth;
    }
    for _ in 0..open {
        writer.end_array()?;
        writer.end_object()?;
    }
    writer.end_array()?;
    writer.end_object()?;
    let mut out = writer.finish_document()?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes threads as JSON Lines: one thread object per line (one line for one thread).
pub fn write_all<'a>(
    threads: impl IntoIterator<Item = &'a Thread>,
    mut out: impl Write,
) -> io::Result<()> {
    for thread in threads {
        write(thread, &mut out)?;
    }
    out.flush()
}
