//! The JSON format, both ways: `--dump json` writes it and the reader opens it. One thread
//! is one JSON object on one line; a file of several threads is JSON Lines. Both sides walk
//! the tree with an explicit stack, so nesting depth is limited only by memory, and reading
//! streams: memory follows the text kept, not the file.

use super::budget::CommentBudget;
use super::formats::{Family, FormatError, FormatSpec, Input, Options, Parse, Report};
use super::json_reader::{Error, Reader, TextSink, ValueType};
use super::output::Output;
use super::sniff::{Head, Sniff};
use super::{Status, TextRange, Thread, ThreadBuilder, ThreadInfo, Timestamp};
use std::io::{self, BufRead, Read, Write};

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

fn parse_stream(
    input: &mut dyn BufRead,
    _options: &Options,
    report: &mut Report,
) -> Result<Vec<Thread>, FormatError> {
    let mut reader = Reader::new(input);
    let (threads, error) = read_threads(&mut reader, &report.budget());
    match error {
        None => Ok(threads),
        Some(err)
            if threads
                .iter()
                .any(|t| !t.is_empty() || !t.title().is_empty()) =>
        {
            // A file cut short or broken part-way: what came before the break is kept.
            report.note(format!(
                "the JSON breaks at {err}: what follows was skipped"
            ));
            Ok(threads)
        }
        Some(err) => Err(FormatError::new(err.to_string())),
    }
}

/// Every thread of a JSON or JSON Lines text, up to the first error (a thread broken
/// part-way is kept with the comments read before the break).
fn read_threads<R: Read>(
    reader: &mut Reader<R>,
    budget: &CommentBudget,
) -> (Vec<Thread>, Option<Error>) {
    let mut threads = Vec::new();
    loop {
        let (thread, error) = read_thread(reader, budget);
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
pub fn parse(buf: &[u8]) -> Result<Vec<Thread>, Error> {
    let mut reader = Reader::new(buf);
    match read_threads(&mut reader, &CommentBudget::unlimited()) {
        (threads, None) => Ok(threads),
        (_, Some(err)) => Err(err),
    }
}

impl TextSink for Output {
    fn push_str(&mut self, text: &str) {
        self.push(text);
    }
}

/// Appends a JSON string value to the thread's text as it is read: a long one is never held
/// twice.
fn read_text<R: Read>(reader: &mut Reader<R>, out: &mut Output) -> Result<TextRange, Error> {
    out.begin();
    reader.next_str_into(out)?;
    Ok(out.finish())
}

fn read_optional_text<R: Read>(
    reader: &mut Reader<R>,
    out: &mut Output,
) -> Result<Option<TextRange>, Error> {
    if reader.peek()? == ValueType::Null {
        reader.next_null()?;
        Ok(None)
    } else {
        read_text(reader, out).map(Some)
    }
}

/// A string that holds a time; one that does not read as one is dropped.
fn read_time<R: Read>(reader: &mut Reader<R>) -> Result<Option<Timestamp>, Error> {
    if reader.peek()? == ValueType::String {
        Ok(Timestamp::parse_iso(reader.next_str()?))
    } else {
        reader.skip_value()?;
        Ok(None)
    }
}

fn read_integer<R: Read>(reader: &mut Reader<R>) -> Result<Option<i64>, Error> {
    if reader.peek()? == ValueType::Number {
        reader.next_integer()
    } else {
        reader.skip_value()?;
        Ok(None)
    }
}

fn read_count<R: Read>(reader: &mut Reader<R>) -> Result<u32, Error> {
    Ok(read_integer(reader)?.map_or(0, |n| u32::try_from(n).unwrap_or(0)))
}

enum Frame {
    /// Inside a `children` (or top-level `comments`) array.
    Children,
    /// Inside a comment object, reading its fields.
    Comment(usize),
}

/// Reads the `comments` array into the builder, depth-first, without recursion.
fn read_comments<R: Read>(
    reader: &mut Reader<R>,
    out: &mut Output,
    builder: &mut ThreadBuilder,
) -> Result<(), Error> {
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
                let kept = builder.keeps(id);
                let name = reader.next_name()?;
                if !kept && name != "children" {
                    // Past the comment budget: counted, its text not copied.
                    reader.skip_value()?;
                    continue;
                }
                match name {
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
fn read_thread<R: Read>(reader: &mut Reader<R>, budget: &CommentBudget) -> (Thread, Option<Error>) {
    let mut out = Output::default();
    let mut builder = ThreadBuilder::new(budget.clone());
    let mut info = ThreadInfo::default();
    let error = read_thread_fields(reader, &mut out, &mut builder, &mut info).err();
    (builder.finish(out.into_text(), info), error)
}

fn read_thread_fields<R: Read>(
    reader: &mut Reader<R>,
    out: &mut Output,
    builder: &mut ThreadBuilder,
    info: &mut ThreadInfo,
) -> Result<(), Error> {
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

/// Bytes that may need an escape in a JSON string: `"`, `\`, C0 controls, DEL, and 0xC2, the
/// first byte of the C1 controls (U+0080..U+009F) and of other characters that need none.
static NEEDS_LOOK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table[0x7f] = true;
    table[0xc2] = true;
    table
};

/// Writes `value` as a JSON string with every control character escaped, DEL and C1
/// included, so the dump is inert on a terminal: `\n`-style escapes where JSON has them,
/// `\u00XX` (upper-case hex) otherwise. A byte scan with one table look-up per byte: this is
/// the dump's hot loop.
fn string(out: &mut impl Write, value: &str) -> io::Result<()> {
    let bytes = value.as_bytes();
    out.write_all(b"\"")?;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !NEEDS_LOOK[usize::from(b)] {
            i += 1;
            continue;
        }
        let (code, len) = match b {
            // C1 control: 0xC2 then 0x80..=0x9F is U+0080..U+009F.
            0xc2 => match bytes.get(i + 1) {
                Some(&next @ 0x80..=0x9f) => (next, 2),
                _ => {
                    i += 1;
                    continue;
                }
            },
            _ => (b, 1),
        };
        out.write_all(&bytes[start..i])?;
        let short: &[u8] = match code {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            _ => b"",
        };
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let escape = [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(code >> 4)],
                HEX[usize::from(code & 0xf)],
            ];
            out.write_all(&escape)?;
        } else {
            out.write_all(short)?;
        }
        i += len;
        start = i;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// `,"name":` (or without the comma for an object's first member).
fn name(out: &mut impl Write, name: &str, first: bool) -> io::Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    string(out, name)?;
    out.write_all(b":")
}

fn optional_string(out: &mut impl Write, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => string(out, value),
        None => out.write_all(b"null"),
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
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        if let Some(time) = self.time {
            name(out, "time", false)?;
            string(out, &time.to_string())?;
        }
        if let Some(id) = self.id {
            name(out, "id", false)?;
            string(out, id)?;
        }
        if let Some(url) = self.url {
            name(out, "url", false)?;
            string(out, url)?;
        }
        if let Some(score) = self.score {
            name(out, "score", false)?;
            write!(out, "{score}")?;
        }
        if self.more > 0 {
            name(out, "more", false)?;
            write!(out, "{}", self.more)?;
        }
        Ok(())
    }
}

/// Writes the thread as one line of JSON (compact: indentation would grow with the square of
/// the depth on deep threads). Every control character, DEL and C1 included, is escaped, so
/// the dump is inert even when printed to a terminal. Fields a source does not have (time,
/// id, url, score, more) are left out, so a plain text thread dumps as it always did.
pub fn write(thread: &Thread, out: impl Write) -> io::Result<()> {
    write_nodes(
        thread,
        (0..thread.len()).map(|id| (id, thread.depth(id))),
        out,
    )
}

/// [`write`] for some of the comments: `nodes` gives each written comment's id and its depth
/// in the written tree, in file order, each depth at most one more than the one before (as
/// `dump::Selection::walk` gives them).
pub fn write_nodes(
    thread: &Thread,
    nodes: impl IntoIterator<Item = (usize, usize)>,
    mut out: impl Write,
) -> io::Result<()> {
    let out = &mut out;
    out.write_all(b"{")?;
    name(out, "title", true)?;
    string(out, thread.title())?;
    name(out, "date", false)?;
    optional_string(out, thread.date())?;
    name(out, "article", false)?;
    string(out, thread.article())?;
    if let Some(author) = thread.article_author() {
        name(out, "author", false)?;
        string(out, author)?;
    }
    Extras {
        time: thread.article_time(),
        id: thread.thread_id(),
        url: thread.url(),
        score: thread.article_score(),
        more: thread.more_top_level(),
    }
    .write(out)?;
    name(out, "comments", false)?;
    out.write_all(b"[")?;
    // Each open comment has its object and its `children` array open; `first` is whether
    // the innermost open array is still empty.
    let mut open = 0;
    let mut first = true;
    for (id, depth) in nodes {
        while open >= depth {
            out.write_all(b"]}")?;
            open -= 1;
            first = false;
        }
        if !first {
            out.write_all(b",")?;
        }
        out.write_all(b"{")?;
        name(out, "author", true)?;
        optional_string(out, thread.author(id))?;
        name(out, "body", false)?;
        string(out, thread.body(id))?;
        name(out, "missing", false)?;
        out.write_all(if thread.is_missing(id) {
            b"true"
        } else {
            b"false"
        })?;
        Extras {
            time: thread.time(id),
            id: thread.comment_id(id),
            url: thread.comment_url(id),
            score: thread.score(id),
            more: thread.more_replies(id),
        }
        .write(out)?;
        if thread.status(id) != Status::Approved {
            name(out, "status", false)?;
            string(out, thread.status(id).name())?;
        }
        if thread.skipped_levels(id) > 1 {
            name(out, "levels", false)?;
            write!(out, "{}", thread.skipped_levels(id))?;
        }
        name(out, "children", false)?;
        out.write_all(b"[")?;
        open = depth;
        first = true;
    }
    for _ in 0..open {
        out.write_all(b"]}")?;
    }
    out.write_all(b"]}\n")?;
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

#[cfg(test)]
mod writer_tests {
    use super::string;

    fn escaped(value: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_every_control_and_nothing_else() {
        assert_eq!(escaped("plain"), r#""plain""#);
        assert_eq!(
            escaped("q\"b\\n\nr\rt\tb\u{8}f\u{c}e\x1b[0m"),
            r#""q\"b\\n\nr\rt\tb\bf\fe\u001B[0m""#
        );
        assert_eq!(escaped("del\x7f c1\u{9b}x"), r#""del\u007F c1\u009Bx""#);
        // 0xC2 starts other characters too: those stay as they are.
        assert_eq!(escaped("¢ £ ÿ é / 日本 👍"), "\"¢ £ ÿ é / 日本 👍\"");
        assert_eq!(escaped("\u{80}\u{9f}\u{a0}"), "\"\\u0080\\u009F\u{a0}\"");
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    #[test]
    fn comments_past_the_budget_leave_no_text_behind() {
        let json = r#"{"title":"T","article":"A","comments":[{"author":"Ann","body":"Kept.","children":[{"author":"Bob","body":"A long text not kept.","id":"c2","children":[]}]},{"author":"Cleo","body":"Nor this.","children":[]}]}"#;
        let budget = CommentBudget::with_limit(1, "file");
        let (threads, error) = read_threads(&mut Reader::new(json.as_bytes()), &budget);
        assert!(error.is_none(), "{error:?}");
        let thread = &threads[0];
        assert_eq!(thread.len(), 1);
        assert_eq!(thread.body(0), "Kept.");
        assert_eq!(budget.dropped(), 2);
        assert_eq!(thread.text_len(), "TAAnnKept.".len());
    }
}
