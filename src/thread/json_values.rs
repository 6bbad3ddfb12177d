//! Reading the values of platform JSON (Reddit, Hacker News) leniently: a field of the wrong
//! type is skipped and counted rather than fatal, a string is kept up to a bound (the rest is
//! read past, never held), and where the JSON breaks is said once, for a person.

use super::Timestamp;
use super::formats::Report;
use std::io::{self, Read};
use struson::reader::{
    JsonReader, JsonSyntaxError, LinePosition, ReaderError, ReaderSettings, SyntaxErrorKind,
    ValueType,
};

/// The most of one string kept: no real comment comes near it, and it bounds what one hostile
/// string costs (an HTML body is parsed into a tree several times its size).
pub const MAX_STRING_BYTES: usize = 1 << 20;

/// Nesting is limited only by memory: the walkers keep explicit stacks.
pub fn settings() -> ReaderSettings {
    ReaderSettings {
        max_nesting_depth: None,
        track_path: false,
        // A number past what struson accepts by default (`1e400`) would leave the reader
        // unusable; numbers are parsed here into i64, and one that does not fit is skipped.
        restrict_number_values: false,
        ..ReaderSettings::default()
    }
}

/// Where and why the JSON stopped being readable.
#[derive(Debug)]
pub struct Broken {
    /// "line 3, column 14", when known.
    pub at: Option<String>,
    pub what: String,
    /// The file ends inside the JSON (a download cut short), rather than holding bad JSON.
    pub cut_short: bool,
}

impl Broken {
    /// Not JSON of the format's shape at all.
    pub fn shape(what: String) -> Broken {
        Broken {
            at: None,
            what,
            cut_short: false,
        }
    }

    /// "line 3, column 14: what is wrong", for a person.
    pub fn message(&self) -> String {
        match &self.at {
            Some(at) => format!("{at}: {}", self.what),
            None => self.what.clone(),
        }
    }
}

impl From<ReaderError> for Broken {
    fn from(err: ReaderError) -> Self {
        match &err {
            ReaderError::SyntaxError(syntax) => describe_syntax(syntax),
            _ => Broken::shape(describe_error(&err)),
        }
    }
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
    match line_column(location.line_pos) {
        Some(at) => format!("{at}: {what}"),
        None => what,
    }
}

fn line_column(pos: Option<LinePosition>) -> Option<String> {
    pos.map(|at| format!("line {}, column {}", at.line + 1, at.column + 1))
}

/// A file cut short is the common case: said in words rather than struson's name for it.
fn describe_syntax(err: &JsonSyntaxError) -> Broken {
    let cut_short = err.kind == SyntaxErrorKind::IncompleteDocument;
    Broken {
        at: line_column(err.location.line_pos),
        what: if cut_short {
            "the file ends in the middle of the JSON".to_string()
        } else {
            format!("syntax error ({})", err.kind)
        },
        cut_short,
    }
}

pub type Step<T = ()> = Result<T, Broken>;

/// Reads values and counts what it could not use.
#[derive(Default)]
pub struct Values {
    /// Fields skipped because their value had a type the field never has.
    pub wrong_types: usize,
    /// Strings longer than [`MAX_STRING_BYTES`], kept cut.
    pub cut_strings: usize,
    /// Something follows the JSON value (a second value, junk): not read.
    pub trailing: bool,
    buf: Vec<u8>,
}

impl Values {
    /// A string (null gives None), into `slot`. When the JSON breaks inside the string, what
    /// was read of it is in `slot` before the error is returned.
    pub fn string_into(&mut self, reader: &mut impl JsonReader, slot: &mut Option<String>) -> Step {
        match reader.peek()? {
            ValueType::String => {}
            ValueType::Null => {
                reader.next_null()?;
                *slot = None;
                return Ok(());
            }
            _ => return self.wrong_type(reader),
        }
        self.buf.clear();
        let mut cut = false;
        let result = read_capped(reader, &mut self.buf, &mut cut);
        // A cut (or a break) can fall inside a character: keep the whole ones before it.
        let valid = match std::str::from_utf8(&self.buf) {
            Ok(_) => self.buf.len(),
            Err(err) => err.valid_up_to(),
        };
        self.buf.truncate(valid);
        *slot = Some(String::from_utf8(std::mem::take(&mut self.buf)).unwrap_or_default());
        if cut {
            self.cut_strings += 1;
        }
        result.map_err(|err| describe_io(reader, &err))
    }

    /// A string, or None (null, or skipped when of another type).
    pub fn string(&mut self, reader: &mut impl JsonReader) -> Step<Option<String>> {
        let mut slot = None;
        self.string_into(reader, &mut slot)?;
        Ok(slot)
    }

    /// An id: a string, or a number written as its digits.
    pub fn id(&mut self, reader: &mut impl JsonReader) -> Step<Option<String>> {
        if reader.peek()? == ValueType::Number {
            let number = reader.next_number_as_str()?;
            return Ok(Some(number.chars().take(64).collect()));
        }
        self.string(reader)
    }

    /// A whole number (a fraction is rounded down); a string of digits is taken too.
    pub fn integer(&mut self, reader: &mut impl JsonReader) -> Step<Option<i64>> {
        let number = match reader.peek()? {
            ValueType::Number => parse_integer(reader.next_number_as_str()?),
            ValueType::String => self.string(reader)?.and_then(|text| parse_integer(&text)),
            ValueType::Null => {
                reader.next_null()?;
                return Ok(None);
            }
            _ => {
                self.wrong_type(reader)?;
                return Ok(None);
            }
        };
        if number.is_none() {
            self.wrong_types += 1;
        }
        Ok(number)
    }

    /// A count: a whole number from 0 up.
    pub fn count(&mut self, reader: &mut impl JsonReader) -> Step<Option<u32>> {
        Ok(self
            .integer(reader)?
            .map(|n| u32::try_from(n.max(0)).unwrap_or(u32::MAX)))
    }

    /// Unix seconds (Reddit writes them as `1366044279.0`).
    pub fn unix_time(&mut self, reader: &mut impl JsonReader) -> Step<Option<Timestamp>> {
        Ok(self.integer(reader)?.and_then(Timestamp::from_unix))
    }

    /// An RFC 3339 time.
    pub fn iso_time(&mut self, reader: &mut impl JsonReader) -> Step<Option<Timestamp>> {
        Ok(self
            .string(reader)?
            .and_then(|text| Timestamp::parse_iso(&text)))
    }

    /// A flag: true, or anything else as false.
    pub fn flag(&mut self, reader: &mut impl JsonReader) -> Step<bool> {
        match reader.peek()? {
            ValueType::Boolean => Ok(reader.next_bool()?),
            ValueType::Null => {
                reader.next_null()?;
                Ok(false)
            }
            _ => {
                self.wrong_type(reader)?;
                Ok(false)
            }
        }
    }

    /// Skips a value of a type its field never has, and counts it.
    pub fn wrong_type(&mut self, reader: &mut impl JsonReader) -> Step {
        self.wrong_types += 1;
        reader.skip_value()?;
        Ok(())
    }

    /// One line for everything skipped or cut (with the format's own `skipped` parts), and
    /// where the JSON broke if it did; nothing when all was read.
    pub fn report(&self, broken: Option<&Broken>, skipped: &[String], report: &mut Report) {
        let mut parts = Vec::new();
        let at = |broken: &Broken| broken.at.as_deref().map(|at| format!(" at {at}"));
        match broken {
            Some(broken) if broken.cut_short => parts.push(format!(
                "the file ends in the middle of the JSON{}: what came before it is shown",
                at(broken).unwrap_or_default()
            )),
            Some(broken) => parts.push(format!(
                "the JSON breaks{} ({}): the rest of the file was skipped",
                at(broken).unwrap_or_default(),
                broken.what
            )),
            None => {}
        }
        if self.trailing {
            parts.push("what follows the JSON value was skipped".to_string());
        }
        parts.extend(skipped.iter().cloned());
        if self.wrong_types > 0 {
            let s = if self.wrong_types == 1 { "" } else { "s" };
            parts.push(format!(
                "{} field{s} of an unexpected type skipped",
                self.wrong_types
            ));
        }
        if self.cut_strings > 0 {
            let (s, was) = if self.cut_strings == 1 {
                ("", "was")
            } else {
                ("s", "were")
            };
            parts.push(format!(
                "{} text{s} longer than 1 MiB {was} cut to 1 MiB",
                self.cut_strings
            ));
        }
        if !parts.is_empty() {
            report.note(parts.join("; "));
        }
    }
}

/// Reads a string value into `buf`, at most [`MAX_STRING_BYTES`] of it; `cut` tells whether
/// there was more. When the value breaks off, `buf` keeps what was read before the break.
fn read_capped(reader: &mut impl JsonReader, buf: &mut Vec<u8>, cut: &mut bool) -> io::Result<()> {
    const CHUNK: usize = 8 << 10;
    let mut value = reader.next_string_reader().map_err(io::Error::other)?;
    loop {
        let start = buf.len();
        // Small first: most strings are a name or a short comment.
        let want = start.clamp(64, CHUNK).min(MAX_STRING_BYTES - start);
        if want == 0 {
            break;
        }
        // A read that fails has still copied what it read, without saying how much: 0xFF
        // never occurs in UTF-8, so the first one left marks where the copy ended.
        buf.resize(start + want, 0xFF);
        match value.read(&mut buf[start..]) {
            Ok(0) => {
                buf.truncate(start);
                return Ok(());
            }
            Ok(n) => buf.truncate(start + n),
            Err(err) => {
                let copied = buf[start..].iter().position(|&b| b == 0xFF).unwrap_or(0);
                buf.truncate(start + copied);
                return Err(err);
            }
        }
    }
    // Read past the rest without keeping it.
    let mut scratch = [0u8; CHUNK];
    loop {
        match value.read(&mut scratch)? {
            0 => return Ok(()),
            _ => *cut = true,
        }
    }
}

/// "an array", "a string"...: what a JSON value is, in words.
pub fn a_value(value: ValueType) -> &'static str {
    match value {
        ValueType::Array => "an array",
        ValueType::Object => "an object",
        ValueType::String => "a string",
        ValueType::Number => "a number",
        ValueType::Boolean => "true or false",
        ValueType::Null => "null",
    }
}

fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim();
    text.parse::<i64>().ok().or_else(|| {
        let float: f64 = text.parse().ok()?;
        // `as` saturates, and NaN gives 0: only finite values in range are taken.
        (float.is_finite() && float.abs() < 9.0e18).then(|| float.floor() as i64)
    })
}

/// A break inside a string value, with the position the reader reached.
fn describe_io(reader: &impl JsonReader, err: &io::Error) -> Broken {
    let inner = err.get_ref();
    if let Some(syntax) = inner.and_then(|e| e.downcast_ref::<JsonSyntaxError>()) {
        return describe_syntax(syntax);
    }
    Broken {
        at: line_column(reader.current_position(false).line_pos),
        what: inner.map_or_else(|| err.to_string(), ToString::to_string),
        cut_short: false,
    }
}

/// Reddit escapes `&`, `<` and `>` in its Markdown (`&amp;`, `&lt;`, `&gt;`): the text as
/// written. Other entities are left as they are: Reddit writes no others there.
pub fn unescape_markdown(text: String) -> String {
    if !text.contains('&') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (with, len) = if rest.starts_with("&amp;") {
            ('&', 5)
        } else if rest.starts_with("&lt;") {
            ('<', 4)
        } else if rest.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(with);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use struson::reader::JsonStreamReader;

    #[test]
    fn entities_are_unescaped_once() {
        assert_eq!(
            unescape_markdown("a &amp;lt; b &lt;3 &gt; &quot; & &am".into()),
            "a &lt; b <3 > &quot; & &am"
        );
    }

    #[test]
    fn numbers_read_leniently() {
        let mut reader = JsonStreamReader::new_custom(
            &br#"[1366044279.0, "42", -3, 1e400, "x", true, null]"#[..],
            settings(),
        );
        let mut values = Values::default();
        reader.begin_array().unwrap();
        let read: Vec<Option<i64>> = (0..7)
            .map(|_| values.integer(&mut reader).unwrap())
            .collect();
        assert_eq!(
            read,
            [Some(1366044279), Some(42), Some(-3), None, None, None, None]
        );
        assert_eq!(values.wrong_types, 3);
    }

    #[test]
    fn a_long_string_is_cut_at_a_character_boundary() {
        let long = "é".repeat(MAX_STRING_BYTES);
        let json = format!("[\"{long}\", \"next\"]");
        let mut reader = JsonStreamReader::new_custom(json.as_bytes(), settings());
        let mut values = Values::default();
        reader.begin_array().unwrap();
        let first = values.string(&mut reader).unwrap().unwrap();
        assert_eq!(first.len(), MAX_STRING_BYTES);
        assert!(first.chars().all(|c| c == 'é'));
        assert_eq!(values.string(&mut reader).unwrap().as_deref(), Some("next"));
        assert_eq!(values.cut_strings, 1);
    }

    #[test]
    fn a_string_cut_by_the_end_of_the_file_keeps_what_was_read() {
        let mut reader = JsonStreamReader::new_custom(&b"[\"half a sent"[..], settings());
        let mut values = Values::default();
        reader.begin_array().unwrap();
        let mut slot = None;
        assert!(values.string_into(&mut reader, &mut slot).is_err());
        assert_eq!(slot.as_deref(), Some("half a sent"));
    }
}
