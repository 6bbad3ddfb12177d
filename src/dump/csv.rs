//! `--dump csv`: one row per comment, RFC 4180 (the `csv` crate quotes commas, quotes and
//! line breaks; records end with CRLF), UTF-8 without a BOM, one header row, every thread of
//! every file in one table.
//!
//! Text is the original except for control characters: CSV has no escapes, and a CSV
//! printed to a terminal must not drive it, so C0 controls other than tab and line feed,
//! DEL and C1 controls become U+FFFD.

use super::Place;
use super::select::Selection;
use crate::text::controls::replace_controls;
use crate::thread::Thread;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The header row; the README's CSV section explains each column.
pub const COLUMNS: [&str; 15] = [
    "title",
    "file",
    "thread",
    "comment_id",
    "parent_id",
    "depth",
    "position",
    "author",
    "time",
    "body",
    "missing",
    "status",
    "score",
    "url",
    "context",
];

/// What stands for a control character in CSV text.
const REPLACEMENT: &str = "\u{fffd}";

pub struct CsvDump<W: Write> {
    writer: csv::Writer<W>,
}

fn clean(text: &str) -> Cow<'_, str> {
    replace_controls(text, REPLACEMENT)
}

impl<W: Write> CsvDump<W> {
    /// Starts the table with its header row.
    pub fn new(out: W) -> io::Result<Self> {
        let mut writer = csv::WriterBuilder::new()
            // RFC 4180 ends records with CRLF; line breaks inside a quoted body stay LF.
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(1 << 16)
            .from_writer(out);
        writer.write_record(COLUMNS).map_err(io_error)?;
        Ok(CsvDump { writer })
    }

    /// One row per shown comment of `thread`.
    pub fn thread(
        &mut self,
        place: &Place,
        thread: &Thread,
        selection: &Selection,
    ) -> io::Result<()> {
        let title = clean(thread.title());
        let file = place.path.to_string_lossy();
        let file = clean(&file);
        let thread_place = place.index.to_string();
        let ids = Ids::of(thread);
        // Numbers are formatted into these, reused for every row.
        let (mut id, mut parent, mut depth, mut position, mut time, mut score) = Default::default();
        for comment in selection.ids() {
            ids.write(thread, Some(comment), &mut id);
            ids.write(thread, thread.parent(comment), &mut parent);
            set(&mut depth, format_args!("{}", thread.depth(comment)));
            set(&mut position, format_args!("{}", comment + 1));
            match thread.time(comment) {
                Some(t) => set(&mut time, format_args!("{t}")),
                None => time.clear(),
            }
            match thread.score(comment) {
                Some(s) => set(&mut score, format_args!("{s}")),
                None => score.clear(),
            }
            let author = thread.author(comment).map(clean).unwrap_or_default();
            let url = thread.comment_url(comment).map(clean).unwrap_or_default();
            let row: [&str; 15] = [
                &title,
                &file,
                &thread_place,
                &id,
                &parent,
                &depth,
                &position,
                &author,
                &time,
                &clean(thread.body(comment)),
                bool_text(thread.is_missing(comment)),
                thread.status(comment).name(),
                &score,
                &url,
                bool_text(selection.is_context(comment)),
            ];
            self.writer.write_record(row).map_err(io_error)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The I/O error inside a CSV error as it is: a closed pipe (`| head`) must stay a
/// `BrokenPipe`, which the command line ends on quietly.
fn io_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn set(buffer: &mut String, value: std::fmt::Arguments) {
    buffer.clear();
    let _ = buffer.write_fmt(value);
}

/// How comments are named in the `comment_id` and `parent_id` columns.
enum Ids {
    /// The source gives ids: a comment's own, or `#position` for one without (a
    /// placeholder), which no source id looks like.
    Source,
    /// The source gives none: the position, a number stable for the file.
    Position,
}

impl Ids {
    fn of(thread: &Thread) -> Ids {
        if thread.details().id.is_empty() {
            Ids::Position
        } else {
            Ids::Source
        }
    }

    /// The id of `comment` into `out`; empty for none (a top-level comment's parent).
    fn write(&self, thread: &Thread, comment: Option<usize>, out: &mut String) {
        out.clear();
        let Some(comment) = comment else {
            return;
        };
        match (self, thread.comment_id(comment)) {
            (Ids::Source, Some(id)) => out.push_str(&clean(id)),
            (Ids::Source, None) => set(out, format_args!("#{}", comment + 1)),
            (Ids::Position, _) => set(out, format_args!("{}", comment + 1)),
        }
    }
}
