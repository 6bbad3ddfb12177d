//! The JSON format, both ways: `--dump json` writes it and the reader opens it. Both sides
//! walk the tree with an explicit stack, so nesting depth is limited only by memory.

use super::{Text, TextRange, Thread, ThreadBuilder};
use std::io::{self, Write};
use struson::reader::{JsonReader, JsonStreamReader, ReaderError, ReaderSettings, ValueType};
use struson::writer::{JsonStreamWriter, JsonWriter, WriterSettings};

/// Whether `buf` holds a JSON document (a thread starts with '{').
pub fn looks_json(buf: &[u8]) -> bool {
    buf.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// Appends a JSON string value to the thread's text buffer.
fn read_text(reader: &mut impl JsonReader, text: &mut String) -> Result<TextRange, ReaderError> {
    let value = reader.next_str()?;
    let start = text.len();
    text.push_str(value);
    Ok(TextRange::new(start..text.len()))
}

fn read_optional_text(
    reader: &mut impl JsonReader,
    text: &mut String,
) -> Result<Option<TextRange>, ReaderError> {
    if reader.peek()? == ValueType::Null {
        reader.next_null()?;
        Ok(None)
    } else {
        read_text(reader, text).map(Some)
    }
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
    text: &mut String,
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
                        let author = read_optional_text(reader, text)?;
                        builder.set_author(id, author);
                    }
                    "body" => {
                        let body = read_optional_text(reader, text)?.unwrap_or(TextRange::EMPTY);
                        builder.set_body(id, body);
                    }
                    "missing" => {
                        let missing = reader.next_bool()?;
                        builder.set_missing(id, missing);
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

/// Parses a thread from its JSON form.
pub fn parse(buf: &[u8]) -> Result<Thread, ReaderError> {
    let settings = ReaderSettings {
        max_nesting_depth: None,
        track_path: false,
        ..ReaderSettings::default()
    };
    let mut reader = JsonStreamReader::new_custom(buf, settings);
    let mut text = String::new();
    let mut builder = ThreadBuilder::new();
    let mut title = TextRange::EMPTY;
    let mut date = None;
    let mut article = TextRange::EMPTY;
    reader.begin_object()?;
    while reader.has_next()? {
        match reader.next_name()? {
            "title" => title = read_optional_text(&mut reader, &mut text)?.unwrap_or_default(),
            "date" => date = read_optional_text(&mut reader, &mut text)?,
            "article" => article = read_optional_text(&mut reader, &mut text)?.unwrap_or_default(),
            "comments" => read_comments(&mut reader, &mut text, &mut builder)?,
            _ => reader.skip_value()?,
        }
    }
    reader.end_object()?;
    reader.consume_trailing_whitespace()?;
    Ok(builder.finish(Text::from_string(text), title, date, article))
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

/// Writes the thread as one line of JSON (compact: indentation would grow with the square of
/// the depth on deep threads). Every control character, DEL and C1 included, is escaped, so
/// the dump is inert even when printed to a terminal.
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
