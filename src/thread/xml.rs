//! The XML reading the export formats share: a lenient pull reader over quick-xml that hands
//! over elements with their depth and the text inside them, and forgives what real exports
//! get wrong: undeclared namespace prefixes (names are matched by their local part), end
//! tags that do not match (an end tag closes the open element of its name; a stray one is
//! ignored), a stray byte before the root, a file cut short. Entities are never expanded
//! beyond the five XML ones and character references: a DTD's own entities stay as written,
//! so nothing grows as it is read and no other file or address is ever read.

use super::formats::Report;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use std::borrow::Cow;
use std::io::BufRead;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// The most text kept of one element (a comment body): past it, the rest is left out and said.
pub const MAX_FIELD_BYTES: usize = 16 << 20;
/// A buffer one huge element grew past this is let go rather than kept for the rest of the file.
const KEEP_BUFFER_BYTES: usize = 1 << 20;
/// Open elements whose names are remembered; deeper ones are only counted (exports nest a
/// handful of levels, and a name per level of a hostile file would outgrow the file).
const MAX_NAMED_DEPTH: usize = 256;
/// The longest attribute value kept (ids); longer ones read as absent.
const MAX_ATTRIBUTE_BYTES: usize = 1024;

/// What the reader found, in document order.
pub enum Event<'a> {
    /// An element opens.
    Open(Element<'a>),
    /// `<name/>`.
    Empty(Element<'a>),
    /// The element at `depth` (1 for the root) closes.
    Close { depth: usize },
    /// A piece of text: character data, CDATA or a reference.
    Text(Cow<'a, str>),
}

/// How the XML ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ending {
    /// The file ended with elements still open: it was cut short.
    cut_short: bool,
    /// Places where the XML broke and the reader skipped ahead.
    errors: usize,
    /// The first of them: its byte offset and what was wrong.
    first_error: Option<(u64, String)>,
    /// The XML broke where the reader could not go on: what follows was not read.
    stopped: bool,
}

impl Ending {
    /// Whether the file ended with elements still open.
    pub fn is_cut_short(&self) -> bool {
        self.cut_short
    }

    /// "the XML breaks at byte 120 (...)", when it broke.
    pub fn first_error(&self) -> Option<String> {
        let (at, why) = self.first_error.as_ref()?;
        Some(format!("the XML breaks at byte {at}: {why}"))
    }

    /// One line for the report when the XML did not end well, saying what was lost.
    pub fn describe(&self, lost: &str) -> Option<String> {
        let error = self
            .first_error
            .as_ref()
            .map(|(at, why)| format!("at byte {at} ({why})"));
        match (&error, self.stopped, self.cut_short) {
            (Some(error), true, _) => Some(format!(
                "the XML breaks {error}: the rest of the file was not read{lost}"
            )),
            (None, _, true) => Some(format!("the file ends early (cut short?){lost}")),
            (Some(error), false, true) => Some(format!(
                "the file ends early (cut short?){lost}; broken XML skipped {} time{} (first {error})",
                self.errors,
                plural(self.errors)
            )),
            (Some(error), false, false) => Some(format!(
                "broken XML skipped {} time{} (first {error}){lost}",
                self.errors,
                plural(self.errors)
            )),
            (None, _, false) => None,
        }
    }
}

/// "s" for counts other than one.
pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Titles are one line: white space, line ends included, becomes one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An opening tag, at `depth` (1 for the root).
pub struct Element<'a> {
    start: BytesStart<'a>,
    pub depth: usize,
}

impl Element<'_> {
    /// The name without its namespace prefix: `comment` for `wp:comment`.
    pub fn local_name(&self) -> &str {
        self.start.local_name().into_inner()
    }

    pub fn prefix(&self) -> Option<&str> {
        self.start.name().prefix().map(|p| p.into_inner())
    }

    /// The value of the first attribute whose local name is `local` (`dsq:id` for "id"),
    /// references decoded; quotes may be missing, as in HTML. None when absent, empty or
    /// longer than an id can be.
    pub fn attribute(&self, local: &str) -> Option<String> {
        for attribute in self.start.html_attributes().with_checks(false).flatten() {
            if attribute.key.local_name().into_inner() != local {
                continue;
            }
            let value = decode_references(&attribute.value);
            let value = value.trim();
            return (!value.is_empty() && value.len() <= MAX_ATTRIBUTE_BYTES)
                .then(|| value.to_string());
        }
        None
    }
}

/// The names of the open elements.
#[derive(Default)]
struct Open {
    /// Names (up to [`MAX_NAMED_DEPTH`]), one after another.
    names: Vec<u8>,
    /// Where each name ends in `names`.
    ends: Vec<usize>,
    /// Open elements deeper than [`MAX_NAMED_DEPTH`].
    unnamed: usize,
}

impl Open {
    fn depth(&self) -> usize {
        self.ends.len() + self.unnamed
    }

    fn push(&mut self, name: &[u8]) {
        if self.ends.len() < MAX_NAMED_DEPTH && self.unnamed == 0 {
            self.names.extend_from_slice(name);
            self.ends.push(self.names.len());
        } else {
            self.unnamed += 1;
        }
    }

    /// Closes the innermost open element; returns the depth it was at.
    fn pop(&mut self) -> usize {
        let depth = self.depth();
        if self.unnamed > 0 {
            self.unnamed -= 1;
        } else if self.ends.pop().is_some() {
            let start = self.ends.last().copied().unwrap_or(0);
            self.names.truncate(start);
        }
        depth
    }

    /// How many open elements an end tag named `name` closes: up to the innermost open one
    /// of that name, or none when no open element has it (a stray end tag).
    fn closed_by(&self, name: &[u8]) -> usize {
        if self.unnamed > 0 {
            // Too deep to know names: each end tag closes one.
            return 1;
        }
        let mut end = self.names.len();
        let starts = self.ends.iter().rev().skip(1).copied().chain([0]);
        for (index, start) in starts.enumerate() {
            if &self.names[start..end] == name {
                return index + 1;
            }
            end = start;
        }
        0
    }
}

/// Reads XML from `input` to its end, handing every element and piece of text to `on`.
pub fn read(input: &mut dyn BufRead, mut on: impl FnMut(Event<'_>)) -> Ending {
    let mut reader = lenient_reader(input);
    // Where the reader started in the input: a new one starts after broken markup.
    let mut base = 0;
    let mut buf = Vec::new();
    let mut open = Open::default();
    let mut ending = Ending::default();
    // The last thing read was broken markup (at the very end, that is the cut itself).
    let mut after_error = false;
    loop {
        if buf.capacity() > KEEP_BUFFER_BYTES {
            buf = Vec::new();
        }
        buf.clear();
        let event = reader.read_event_into(&mut buf);
        if event.is_ok() && !matches!(event, Ok(XmlEvent::Eof)) {
            after_error = false;
        }
        match event {
            Ok(XmlEvent::Start(start)) => {
                // "a < b" in text reads as a tag without a name: not an element.
                if start.name().as_ref().is_empty() {
                    continue;
                }
                open.push(start.name().as_ref().as_bytes());
                let depth = open.depth();
                on(Event::Open(Element { start, depth }));
            }
            Ok(XmlEvent::Empty(start)) => {
                let depth = open.depth() + 1;
                on(Event::Empty(Element { start, depth }));
            }
            Ok(XmlEvent::End(end)) => {
                for _ in 0..open.closed_by(end.name().as_ref().as_bytes()) {
                    let depth = open.pop();
                    on(Event::Close { depth });
                }
            }
            // Line ends are '\n' already (read.rs unifies them): no normalising to do.
            Ok(XmlEvent::Text(text)) => on(Event::Text(text.into_inner())),
            Ok(XmlEvent::CData(text)) => on(Event::Text(text.into_inner())),
            Ok(XmlEvent::GeneralRef(name)) => on(Event::Text(reference(&name))),
            Ok(XmlEvent::Eof) => {
                ending.cut_short = open.depth() > 0 || after_error;
                if after_error {
                    ending.errors -= 1;
                    if ending.errors == 0 {
                        ending.first_error = None;
                    }
                }
                return ending;
            }
            // Declarations, comments, processing instructions, doctypes (with whatever
            // entities they declare): nothing to read.
            Ok(_) => {}
            Err(err) => {
                let at = reader.error_position();
                let stuck = reader.buffer_position() <= at;
                let at_end = reader
                    .get_mut()
                    .fill_buf()
                    .map_or(true, |rest| rest.is_empty());
                if at_end {
                    // Markup cut off by the end of the file: the file was cut short.
                    ending.cut_short = true;
                    return ending;
                }
                ending.errors += 1;
                ending
                    .first_error
                    .get_or_insert((base + at, err.to_string()));
                after_error = true;
                // quick-xml reads nothing more after an error: a new reader goes on after the
                // broken markup (skipped to its '>' when quick-xml stopped at its start).
                base += reader.buffer_position();
                let input = reader.into_inner();
                if stuck {
                    match skip_past_tag(input) {
                        Some(skipped) => base += skipped,
                        None => {
                            ending.stopped = true;
                            return ending;
                        }
                    }
                }
                reader = lenient_reader(input);
            }
        }
    }
}

/// A quick-xml reader that reads on where a strict parser stops: real exports are not always
/// well-formed.
fn lenient_reader(input: &mut dyn BufRead) -> Reader<&mut dyn BufRead> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    reader
}

/// Consumes input up to and including the next '>'; the bytes consumed, or None when the
/// input ends first.
fn skip_past_tag(input: &mut dyn BufRead) -> Option<u64> {
    let mut skipped = 0;
    loop {
        let (used, found) = match input.fill_buf() {
            Ok([]) | Err(_) => return None,
            Ok(rest) => match memchr::memchr(b'>', rest) {
                Some(at) => (at + 1, true),
                None => (rest.len(), false),
            },
        };
        input.consume(used);
        skipped += used as u64;
        if found {
            return Some(skipped);
        }
    }
}

/// Decodes the XML references in `raw`: the five named ones and character references. Any
/// other `&name;` stays as written (never expanded from a DTD).
pub fn decode_references(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest[1..].find(';').filter(|&end| end <= 32) {
            Some(end) => {
                out.push_str(&reference(&rest[1..1 + end]));
                rest = &rest[end + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text a reference `&name;` stands for (`name` without `&` and `;`).
fn reference(name: &str) -> Cow<'static, str> {
    let named = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => {
            let code = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
                Some(decimal) => decimal.parse().ok(),
                None => return Cow::Owned(format!("&{name};")),
            };
            let c = code
                .and_then(char::from_u32)
                .filter(|&c| c != '\0')
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            return Cow::Owned(c.to_string());
        }
    };
    Cow::Borrowed(named)
}

/// The name of the root element (with its prefix) when `head`, the beginning of a file, is
/// XML: only a declaration, comments, processing instructions, a doctype and white space may
/// come before it. None otherwise.
pub fn root_element(head: &[u8]) -> Option<String> {
    if head.first() != Some(&b'<') {
        return None;
    }
    let mut reader = Reader::from_reader(head);
    let mut buf = Vec::new();
    // The root comes after a few events at most; a head of endless comments is not an export.
    for _ in 0..64 {
        buf.clear();
        match reader.read_event_into(&mut buf).ok()? {
            XmlEvent::Start(start) | XmlEvent::Empty(start) => {
                let name = start.name().as_ref().to_string();
                return (!name.is_empty()).then_some(name);
            }
            XmlEvent::Text(text) if text.trim().is_empty() => {}
            XmlEvent::Decl(_) | XmlEvent::Comment(_) | XmlEvent::PI(_) | XmlEvent::DocType(_) => {}
            _ => return None,
        }
    }
    None
}

/// The local part of a qualified name: `rss` for `rss`, `disqus` for `dsq:disqus`.
pub fn local_part(name: &str) -> &str {
    name.split_once(':').map_or(name, |(_, local)| local)
}

/// A piece of a batch's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

/// Records read from the XML, with the text of their fields in one buffer.
pub struct Batch<R> {
    text: String,
    pub records: Vec<R>,
}

impl<R> Default for Batch<R> {
    fn default() -> Self {
        Batch {
            text: String::new(),
            records: Vec::new(),
        }
    }
}

impl<R> Batch<R> {
    pub fn get(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// A batch is handed over once it holds this much text or this many records.
const BATCH_BYTES: usize = 256 << 10;
const BATCH_RECORDS: usize = 1024;
/// Batches waiting for the building thread: enough to keep both threads busy, few enough
/// that memory stays a few megabytes (plus the longest field).
const BATCHES_IN_FLIGHT: usize = 4;

/// The reading side: collects the text of fields and whole records, and hands them over in
/// batches.
pub struct Records<R> {
    batch: Batch<R>,
    /// Where the field being read starts in the batch's text, and whether the limit cut it.
    field_start: usize,
    field_cut: bool,
    /// Fields longer than [`MAX_FIELD_BYTES`], cut to it.
    pub cut_fields: usize,
    full: SyncSender<Batch<R>>,
    spent: Receiver<Batch<R>>,
}

impl<R> Records<R> {
    /// Starts reading a field's text.
    pub fn begin_field(&mut self) {
        self.field_start = self.batch.text.len();
        self.field_cut = false;
    }

    /// Text of the field being read (up to the limit).
    pub fn push_text(&mut self, piece: &str) {
        let room = MAX_FIELD_BYTES - (self.batch.text.len() - self.field_start);
        if piece.len() <= room {
            self.batch.text.push_str(piece);
            return;
        }
        let mut end = room;
        while !piece.is_char_boundary(end) {
            end -= 1;
        }
        self.batch.text.push_str(&piece[..end]);
        if !self.field_cut {
            self.field_cut = true;
            self.cut_fields += 1;
        }
    }

    /// The field's text read since [`begin_field`](Self::begin_field).
    pub fn end_field(&mut self) -> Span {
        self.span_from(self.field_start)
    }

    /// A piece of text of a record that is not a field (an attribute's value).
    pub fn add(&mut self, text: &str) -> Span {
        let start = self.batch.text.len();
        self.batch.text.push_str(text);
        self.span_from(start)
    }

    fn span_from(&self, start: usize) -> Span {
        // A batch is handed over at 256 KiB, and a field holds at most 16 MiB.
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            start: offset(start),
            end: offset(self.batch.text.len()),
        }
    }

    /// A whole record, whose spans are all in the current batch. Only here is a batch
    /// handed over, so no record's text is ever split from it.
    pub fn push(&mut self, record: R) {
        self.batch.records.push(record);
        if self.batch.text.len() >= BATCH_BYTES || self.batch.records.len() >= BATCH_RECORDS {
            self.hand_over();
        }
    }

    fn hand_over(&mut self) {
        let mut next = self.spent.try_recv().unwrap_or_default();
        next.text.clear();
        next.records.clear();
        // A batch that one long field grew is not kept.
        if next.text.capacity() > KEEP_BUFFER_BYTES {
            next.text = String::new();
        }
        let full = std::mem::replace(&mut self.batch, next);
        // The building thread only stops early by panicking, which join() passes on.
        let _ = self.full.send(full);
    }
}

/// The building side: the batches in order, each given back for reuse once the next is taken.
pub struct Batches<R> {
    full: Receiver<Batch<R>>,
    spent: Sender<Batch<R>>,
    current: Option<Batch<R>>,
}

impl<R> Batches<R> {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&Batch<R>> {
        if let Some(done) = self.current.take() {
            let _ = self.spent.send(done);
        }
        self.current = self.full.recv().ok();
        self.current.as_ref()
    }
}

/// What turns XML events into records.
pub trait RecordReader<R> {
    fn event(&mut self, event: Event<'_>, records: &mut Records<R>);
    /// The XML is read: the last records (what was cut off, say).
    fn end(&mut self, ending: &Ending, records: &mut Records<R>);
}

/// Reads the XML of `input` on this thread, `reader` turning events into records, while
/// `build` turns the records into threads on a thread of its own: reading the XML and making
/// text of the HTML bodies each take about half the time. Returns how the XML ended, the
/// fields cut, and what `build` made.
pub fn read_records<R: Send, T: Send>(
    input: &mut dyn BufRead,
    reader: &mut impl RecordReader<R>,
    build: impl FnOnce(Batches<R>) -> T + Send,
) -> (Ending, usize, T) {
    let (full_tx, full_rx) = sync_channel(BATCHES_IN_FLIGHT);
    let (spent_tx, spent_rx) = channel();
    std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            build(Batches {
                full: full_rx,
                spent: spent_tx,
                current: None,
            })
        });
        let mut records = Records {
            batch: Batch::default(),
            field_start: 0,
            field_cut: false,
            cut_fields: 0,
            full: full_tx,
            spent: spent_rx,
        };
        let ending = self::read(input, |event| reader.event(event, &mut records));
        reader.end(&ending, &mut records);
        records.hand_over();
        let cut_fields = records.cut_fields;
        drop(records);
        match builder.join() {
            Ok(built) => (ending, cut_fields, built),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// "; 2 replies to them are under placeholders", said after what was left out; empty for none.
pub fn replies_under_placeholders(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => "; 1 reply to them is under a placeholder".into(),
        n => format!("; {n} replies to them are under placeholders"),
    }
}

/// Replies put under placeholders because their parent is not in the file at all.
pub fn note_orphans(report: &mut Report, count: usize) {
    match count {
        0 => {}
        1 => report.note("1 reply whose parent is not in the file is under a placeholder"),
        n => report.note(format!(
            "{} replies whose parents are not in the file are under placeholders",
            crate::text::thousands(n)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events of `xml` in a short form: `<name@depth`, `>depth`, `"text"`.
    fn events(xml: &str) -> (Vec<String>, Ending) {
        let mut seen = Vec::new();
        let ending = read(&mut xml.as_bytes(), |event| {
            seen.push(match event {
                Event::Open(e) => format!("<{}@{}", e.local_name(), e.depth),
                Event::Empty(e) => format!("<{}/@{}", e.local_name(), e.depth),
                Event::Close { depth } => format!(">{depth}"),
                Event::Text(text) => format!("{text:?}"),
            })
        });
        (seen, ending)
    }

    #[test]
    fn end_tags_close_the_open_element_of_their_name() {
        let (seen, ending) = events("<a><b><c>x</b><d/></x></a>");
        assert_eq!(
            seen,
            ["<a@1", "<b@2", "<c@3", "\"x\"", ">3", ">2", "<d/@2", ">1"]
        );
        assert_eq!(ending, Ending::default());
    }

    #[test]
    fn references_are_decoded_but_never_expanded_from_a_doctype() {
        let (seen, _) =
            events("<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&lt;&#65;&#x42;&e;&#0; & x</a>");
        let text: String = seen
            .iter()
            .filter(|s| s.starts_with('"'))
            .map(|s| s.trim_matches('"').to_string())
            .collect();
        assert_eq!(text, "<AB&e;\u{fffd} & x");
        assert_eq!(decode_references("a&amp;b&#x263A;&nope;&"), "a&b☺&nope;&");
    }

    #[test]
    fn a_cut_file_and_broken_markup_are_told_apart() {
        let (_, cut) = events("<a><b>text");
        assert_eq!(
            cut.describe(": lost"),
            Some("the file ends early (cut short?): lost".to_string())
        );
        let (_, cut_in_tag) = events("<a><b attr=\"x");
        assert!(cut_in_tag.cut_short && cut_in_tag.errors == 0);
        let (seen, fine) = events("<a><![CDATA[x]]><!-- ok --></a>");
        assert_eq!(seen.len(), 3);
        assert_eq!(fine.describe(""), None);
        // Markup quick-xml cannot read: skipped to its end, counted, and read on.
        let (seen, broken) = events("<a><!x>y</a><b/>");
        assert_eq!(seen, ["<a@1", "\"y\"", ">1", "<b/@1"]);
        assert_eq!(
            broken.describe(""),
            Some(
                "broken XML skipped 1 time (first at byte 3 (syntax error: unknown or missed \
                 symbol in markup))"
                    .to_string()
            )
        );
    }

    #[test]
    fn the_root_element_is_found_behind_declarations_only() {
        assert_eq!(
            root_element(b"<?xml version=\"1.0\"?>\n<!-- c --><!DOCTYPE x><dsq:disqus x=\"1\">")
                .as_deref(),
            Some("dsq:disqus")
        );
        assert_eq!(local_part("dsq:disqus"), "disqus");
        assert_eq!(root_element(b"text <disqus>"), None);
        assert_eq!(root_element(b"<?xml version=\"1.0\"?>text<disqus>"), None);
    }

    #[test]
    fn a_field_keeps_at_most_its_limit() {
        let (full, _) = sync_channel(1);
        let (_, spent) = channel();
        let mut records: Records<()> = Records {
            batch: Batch::default(),
            field_start: 0,
            field_cut: false,
            cut_fields: 0,
            full,
            spent,
        };
        records.begin_field();
        let piece = "é".repeat(1 << 20);
        for _ in 0..10 {
            records.push_text(&piece);
        }
        let span = records.end_field();
        assert!(records.batch.get(span).len() <= MAX_FIELD_BYTES);
        assert!(records.batch.get(span).len() > MAX_FIELD_BYTES - 4);
        assert_eq!(records.cut_fields, 1);
    }
}
