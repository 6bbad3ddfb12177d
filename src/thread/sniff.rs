//! Which format a file is in, decided once from its beginning: every format rates the head,
//! the best rating wins, and a file that is plainly structured data of a shape no format
//! knows is said to be unknown rather than read as text.

use super::Format;
use super::formats::Family;
use super::lines;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeSet;
use struson::reader::{JsonReader, JsonStreamReader, ReaderSettings, ValueType};

/// How much of the file the formats look at.
pub const HEAD_BYTES: usize = 1 << 20;

/// How sure a format is that the head is in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sniff {
    No,
    /// A guess from the text's shape, with a strength: the highest wins.
    Maybe(u32),
    /// The file says what it is (a JSON shape, an XML root element, a doctype).
    Sure,
}

/// The beginning of a file, with views the formats share (each computed once).
pub struct Head<'a> {
    bytes: &'a [u8],
    /// The whole file is in `bytes`.
    complete: bool,
    text: OnceCell<Cow<'a, str>>,
    /// Byte ranges of the lines of `text`.
    lines: OnceCell<Vec<std::ops::Range<usize>>>,
    json_keys: OnceCell<BTreeSet<String>>,
}

impl<'a> Head<'a> {
    pub fn new(bytes: &'a [u8], complete: bool) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        Head {
            bytes,
            complete,
            text: OnceCell::new(),
            lines: OnceCell::new(),
            json_keys: OnceCell::new(),
        }
    }

    pub fn bytes(&self) -> &[u8] {
        self.bytes
    }

    /// Whether the head is the whole file.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The head as text, invalid UTF-8 replaced, line endings as they are.
    pub fn text(&self) -> &str {
        // Borrowed when the head is valid UTF-8, as almost every head is: the vectorised
        // check is many times faster than the lossy conversion's walk.
        self.text
            .get_or_init(|| match simdutf8::basic::from_utf8(self.bytes) {
                Ok(text) => Cow::Borrowed(text),
                Err(_) => String::from_utf8_lossy(self.bytes),
            })
    }

    /// The lines of `text()` (split at '\n', line ends as they are): split once for every
    /// text format that looks at them.
    pub fn lines(&self) -> impl Iterator<Item = &str> + Clone {
        let text = self.text();
        let ranges = self
            .lines
            .get_or_init(|| lines::line_ranges(text).collect());
        ranges.iter().map(move |range| &text[range.clone()])
    }

    /// The first byte that is not white space.
    pub fn first_byte(&self) -> Option<u8> {
        self.bytes
            .iter()
            .copied()
            .find(|b| !b.is_ascii_whitespace())
    }

    /// The head without leading white space (and without one stray byte before a '<', as
    /// some exports have).
    pub fn trimmed(&self) -> &[u8] {
        let start = self
            .bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(self.bytes.len());
        let rest = &self.bytes[start..];
        match rest {
            [first, b'<', ..] if *first != b'<' && !first.is_ascii_alphanumeric() => &rest[1..],
            _ => rest,
        }
    }

    /// Whether the head starts (after white space) with `prefix`, ignoring ASCII case.
    pub fn starts_with_ignore_case(&self, prefix: &str) -> bool {
        let trimmed = self.trimmed();
        trimmed.len() >= prefix.len()
            && trimmed[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    }

    /// Every object key in the JSON that the head holds, read until the head ends or the
    /// JSON breaks; empty when the head is not JSON. Lets each JSON format recognise its
    /// shape by the keys it uses.
    pub fn json_keys(&self) -> &BTreeSet<String> {
        self.json_keys.get_or_init(|| collect_json_keys(self.bytes))
    }

    pub fn is_json(&self) -> bool {
        matches!(self.first_byte(), Some(b'{' | b'['))
    }

    pub fn is_xml(&self) -> bool {
        self.starts_with_ignore_case("<?xml")
    }
}

/// Keys of every object, walking the JSON iteratively as far as it goes.
fn collect_json_keys(bytes: &[u8]) -> BTreeSet<String> {
    let settings = ReaderSettings {
        max_nesting_depth: None,
        track_path: false,
        ..ReaderSettings::default()
    };
    let mut reader = JsonStreamReader::new_custom(bytes, settings);
    let mut keys = BTreeSet::new();
    // true: inside an object (names come next), false: inside an array.
    let mut stack: Vec<bool> = Vec::new();
    const MAX_KEYS: usize = 512;
    loop {
        let step = (|| -> Result<bool, struson::reader::ReaderError> {
            if let Some(&in_object) = stack.last() {
                if !reader.has_next()? {
                    if in_object {
                        reader.end_object()?;
                    } else {
                        reader.end_array()?;
                    }
                    stack.pop();
                    return Ok(!stack.is_empty());
                }
                if in_object && keys.len() < MAX_KEYS {
                    keys.insert(reader.next_name()?.to_string());
                } else if in_object {
                    reader.next_name()?;
                }
            }
            match reader.peek()? {
                ValueType::Object => {
                    reader.begin_object()?;
                    stack.push(true);
                }
                ValueType::Array => {
                    reader.begin_array()?;
                    stack.push(false);
                }
                _ => reader.skip_value()?,
            }
            Ok(!stack.is_empty())
        })();
        match step {
            Ok(true) => {}
            // The end of the first value (a JSON Lines file holds more: the first is enough).
            Ok(false) | Err(_) => break,
        }
    }
    keys
}

/// Why no format was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    Json,
    Xml,
}

/// The format of a file whose beginning is `head`: the best-rated format, or unknown
/// structured data (JSON or XML no format claims). Ties go to the earlier format in
/// [`Format::ALL`].
pub fn detect(head: &Head) -> Result<Format, Unknown> {
    let mut best: Option<(Sniff, Format)> = None;
    for &format in Format::ALL {
        let rating = (format.spec().sniff)(head);
        if rating == Sniff::No {
            continue;
        }
        if best.is_none_or(|(b, _)| rating > b) {
            best = Some((rating, format));
        }
    }
    match best {
        Some((Sniff::Sure, format)) => Ok(format),
        _ if head.is_json() => Err(Unknown::Json),
        _ if head.is_xml() => Err(Unknown::Xml),
        Some((_, format)) => Ok(format),
        None => Ok(Format::Flat),
    }
}

/// What to tell a user whose file is structured data of an unknown shape: the shapes of
/// that kind thread-tui reads.
pub fn describe_unknown(unknown: Unknown) -> String {
    let (what, family) = match unknown {
        Unknown::Json => ("JSON", Family::Json),
        Unknown::Xml => ("XML", Family::Xml),
    };
    let readable: Vec<&str> = Format::ALL
        .iter()
        .map(|f| f.spec())
        .filter(|spec| spec.family == family)
        .map(|spec| spec.label)
        .collect();
    if readable.is_empty() {
        format!("{what} of a shape thread-tui does not read")
    } else {
        format!(
            "{what} of a shape thread-tui does not read (it reads {})",
            readable.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keys_are_collected_across_nesting_until_the_head_ends() {
        let head = Head::new(
            br#"[{"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {"bo"#,
            false,
        );
        let keys: Vec<&str> = head.json_keys().iter().map(String::as_str).collect();
        assert_eq!(keys, ["children", "data", "kind"]);
        assert!(Head::new(b"not json", true).json_keys().is_empty());
    }
}
