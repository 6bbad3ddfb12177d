//! Non-interactive output (`--dump`): one writer per kind, all fed the same way, file by file
//! and thread by thread, through [`Dumper`]; each kind writes only the comments a [`Filter`]
//! selects. The reader calls the same writers for a sub-thread or its filtered view.

pub mod commenters;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod outline;
pub mod select;

pub use outline::{MAX_GUIDE_LEVELS, MISSING_COMMENT, UNKNOWN_AUTHOR, write_outline};
pub use select::{Filter, Item, Selection};

use crate::text::sanitize::sanitize_line;
use crate::thread::{Loaded, Thread};
use clap::ValueEnum;
use std::io::{self, Write};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DumpKind {
    /// The whole tree as JSON (the same JSON thread-tui reads); JSON Lines for several threads
    Json,
    /// One line per comment with tree guides, for pipes and grep
    Outline,
    /// One row per comment (RFC 4180, UTF-8, a header row), for spreadsheets, pandas and R
    Csv,
    /// The thread as readable Markdown, for notes and reports
    Markdown,
    /// Every commenter with their figures, as tab-separated values
    Commenters,
}

/// Writes the threads of one or more files as one dump: JSON Lines, one outline with a
/// header line per thread, one CSV table, or one Markdown document with a section per thread.
pub struct Dumper<W: Write> {
    kind: DumpKind,
    filter: Filter,
    /// Several files were given: each thread says which file it came from.
    several_files: bool,
    out: Sink<W>,
    threads_written: usize,
}

enum Sink<W: Write> {
    Plain(W),
    Csv(Box<csv::CsvDump<W>>),
    Commenters(Box<commenters::Tally>, W),
}

impl<W: Write> Dumper<W> {
    /// A dumper writing to `out`; the CSV header row is written at once.
    pub fn new(kind: DumpKind, filter: Filter, several_files: bool, out: W) -> io::Result<Self> {
        let out = match kind {
            DumpKind::Csv => Sink::Csv(Box::new(csv::CsvDump::new(out)?)),
            DumpKind::Commenters => Sink::Commenters(Box::default(), out),
            _ => Sink::Plain(out),
        };
        Ok(Dumper {
            kind,
            filter,
            several_files,
            out,
            threads_written: 0,
        })
    }

    /// Writes every thread of a file, `path` naming the file as the user gave it.
    pub fn file(&mut self, path: &Path, loaded: &Loaded) -> io::Result<()> {
        let threads: Vec<&Thread> = loaded.threads.iter().collect();
        self.threads(path, &threads)
    }

    /// The threads of the file at `path`, in file order.
    pub fn threads(&mut self, path: &Path, threads: &[&Thread]) -> io::Result<()> {
        let several_threads = self.several_files || threads.len() > 1;
        for (index, thread) in threads.iter().enumerate() {
            let place = Place {
                path,
                index: index + 1,
                of: threads.len(),
                several_threads,
                several_files: self.several_files,
            };
            self.thread(&place, thread)?;
        }
        Ok(())
    }

    fn thread(&mut self, place: &Place, thread: &Thread) -> io::Result<()> {
        let selection = self.filter.select(thread);
        // A thread with nothing that matches is left out, header and all.
        if self.filter.is_active() && selection.is_empty() {
            return Ok(());
        }
        self.selected(place, thread, &selection)
    }

    fn selected(
        &mut self,
        place: &Place,
        thread: &Thread,
        selection: &Selection,
    ) -> io::Result<()> {
        let first = self.threads_written == 0;
        self.threads_written += 1;
        match &mut self.out {
            Sink::Csv(csv) => csv.thread(place, thread, selection),
            Sink::Commenters(tally, _) => {
                tally.add(thread, selection, !self.filter.is_active());
                Ok(())
            }
            Sink::Plain(out) => match self.kind {
                DumpKind::Json => json::write_selected(thread, selection, out),
                // Matches alone: a line each, saying where it is, for grep and sort.
                DumpKind::Outline if self.filter.is_active() && !self.filter.context => {
                    let prefix = place.several_threads.then(|| place_label(place));
                    outline::write_matches(thread, selection, prefix.as_deref(), out)
                }
                DumpKind::Outline => {
                    if place.several_threads {
                        outline_header(place, thread, out)?;
                    }
                    outline::write_selected(thread, selection, out)
                }
                DumpKind::Markdown => {
                    if !first {
                        out.write_all(b"\n")?;
                    }
                    let file = place.several_files.then_some(place.path);
                    markdown::write_document(thread, selection, file, out)
                }
                // Their own sinks above.
                DumpKind::Csv | DumpKind::Commenters => Ok(()),
            },
        }
    }

    /// Flushes what is buffered.
    pub fn finish(self) -> io::Result<()> {
        match self.out {
            Sink::Plain(mut out) => out.flush(),
            Sink::Csv(csv) => csv.finish(),
            Sink::Commenters(tally, mut out) => tally.finish(&mut out),
        }
    }
}

/// Writes some comments of one thread as a dump of `kind`, with the thread's header: what
/// the reader writes to a file for a sub-thread (`Selection::subtree`) or its filtered view
/// (`Selection::set` of the search's shown set). `path` is the thread's file, for the CSV's
/// `file` column.
pub fn write_selection(
    kind: DumpKind,
    path: &Path,
    thread: &Thread,
    selection: &Selection,
    out: impl Write,
) -> io::Result<()> {
    let mut dumper = Dumper::new(kind, Filter::default(), false, out)?;
    let place = Place {
        path,
        index: 1,
        of: 1,
        several_threads: false,
        several_files: false,
    };
    dumper.selected(&place, thread, selection)?;
    dumper.finish()
}

/// Where a thread comes from.
pub struct Place<'a> {
    pub path: &'a Path,
    /// 1-based place of the thread in its file.
    pub index: usize,
    /// How many threads its file holds.
    pub of: usize,
    several_threads: bool,
    several_files: bool,
}

/// The file (when several were given) and the thread's place in it (when it holds several):
/// `saved/belarus.txt`, `export.xml #3`.
fn place_label(place: &Place) -> String {
    let mut parts = Vec::new();
    if place.several_files {
        parts.push(sanitize_line(&place.path.to_string_lossy()).into_owned());
    }
    if place.of > 1 {
        parts.push(format!("thread {}", place.index));
    }
    parts.join(" ")
}

/// `▣ Title` before each thread of a multi-thread outline, with the file when several files
/// were given: `▣ saved/belarus.txt · Title`. Sanitised like the rest of the outline.
fn outline_header(place: &Place, thread: &Thread, out: &mut impl Write) -> io::Result<()> {
    let title = match thread.title() {
        "" => "(untitled)",
        title => title,
    };
    let mut line = String::from("▣ ");
    if place.several_files {
        line.push_str(&sanitize_line(&place.path.to_string_lossy()));
        line.push_str(" · ");
    }
    line.push_str(&sanitize_line(title));
    line.push('\n');
    out.write_all(line.as_bytes())
}
