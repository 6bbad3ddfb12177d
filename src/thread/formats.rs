//! The registry of input formats: each format is one module with a [`FormatSpec`] (how to
//! recognise it and how to parse it), and one line in [`Format::spec`]. Loading (load.rs)
//! reads the bytes once, asks sniff.rs which format they are, and hands them to its parser.

use super::budget::CommentBudget;
use super::output::Output;
use super::sniff::{Head, Sniff};
use super::{
    Thread, copy, disqus, flat, hackernews, html, json, mbox, numbered, reddit, text_dump, wxr,
};
use std::fmt;
use std::io::BufRead;

/// Every format thread-tui reads. `--format` takes these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// "  1. Name says:" headers indented two spaces a level (a nested page as text)
    Numbered,
    /// Comments separated by blank lines, a name line before each (a page that lost its nesting)
    Flat,
    /// The JSON thread-tui writes with --dump json (one thread, or JSON Lines of threads)
    Json,
    /// A WordPress export (WXR): each post with comments is a thread
    Wordpress,
    /// A Disqus export: each thread with posts is a thread
    Disqus,
    /// A comment section copied from a browser: "Name says:", a date line, the text, "Reply"
    Copy,
    /// A comment section dumped by w3m or lynx (-dump, -dump -nolist): numbered, indented
    TextDump,
    /// A saved web page: WordPress, Blogger or Hacker News comments; any other page as an article
    Html,
    /// A Reddit comments page's .json (or a single Listing, or a bdfr archive)
    Reddit,
    /// A Hacker News item with its comments as JSON (Algolia's items API, or a reader's saved item)
    Hackernews,
    /// A mailbox: mbox files and Mailman/pipermail .txt archives, one thread per root message
    Mbox,
}

impl Format {
    /// Every format, in the order sniffing breaks ties.
    /// Reddit comes before JSON: a bdfr archive has thread-tui's `comments` and `body` too.
    /// The exports come before HTML: an XHTML sniff looks for `<html` in a head whose post
    /// bodies may hold one.
    pub const ALL: &[Format] = &[
        Format::Reddit,
        Format::Hackernews,
        Format::Json,
        Format::Wordpress,
        Format::Disqus,
        Format::Mbox,
        Format::Html,
        Format::TextDump,
        Format::Copy,
        Format::Numbered,
        Format::Flat,
    ];

    /// The registry: the module that reads each format.
    pub fn spec(self) -> &'static FormatSpec {
        match self {
            Format::Numbered => &numbered::SPEC,
            Format::Flat => &flat::SPEC,
            Format::Json => &json::SPEC,
            Format::Wordpress => &wxr::SPEC,
            Format::Disqus => &disqus::SPEC,
            Format::Copy => &copy::SPEC,
            Format::TextDump => &text_dump::SPEC,
            Format::Html => &html::SPEC,
            Format::Reddit => &reddit::SPEC,
            Format::Hackernews => &hackernews::SPEC,
            Format::Mbox => &mbox::SPEC,
        }
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a format is recognised and read.
pub struct FormatSpec {
    /// The name `--format` takes.
    pub name: &'static str,
    /// What it is, for people: "Reddit comments page (.json)".
    pub label: &'static str,
    pub family: Family,
    /// How sure the format is that a file's beginning is in it.
    pub sniff: fn(&Head) -> Sniff,
    pub parse: Parse,
    /// What the parser is given: text, or the bytes as they are.
    pub input: Input,
}

/// The kind of file a format is: a file of a family no format claims is "unknown", not text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Text,
    Json,
    Xml,
    Html,
    Mail,
}

/// What a parser is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// UTF-8 with invalid sequences replaced (and counted), NUL bytes refused.
    Text,
    /// The bytes as they are, NUL bytes included: the format decodes (mail with its charsets).
    Bytes,
}

/// How a format reads its input. Every way gets the text with a UTF-8 BOM dropped and line
/// endings unified to '\n'.
pub enum Parse {
    /// Fed line by line while the file is read (large plain-text threads).
    Lines(fn(&mut Output, CommentBudget) -> Box<dyn LineParser>),
    /// Reads a stream (exports, archives, JSON): memory follows what is kept, not the file.
    Stream(fn(&mut dyn BufRead, &Options, &mut Report) -> Parsed),
    /// Given the whole input at once (saved pages).
    Whole(fn(&[u8], &Options, &mut Report) -> Parsed),
}

/// The threads a format read (in file order), or why it could not read the input.
pub type Parsed = Result<Vec<Thread>, FormatError>;

/// What the user asked of loading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Read as this format instead of detecting it.
    pub format: Option<Format>,
    /// Keep comments an export marks as held for moderation, spam or deleted (marked as
    /// such) instead of leaving them out.
    pub all_comments: bool,
}

/// A parser fed one line at a time (without its line end). Blank and furniture lines at the
/// very end of the file are cut off before they reach it, and a run of more than three blank
/// lines reaches it as three.
pub trait LineParser {
    fn line(&mut self, out: &mut Output, line: &str);
    fn finish(self: Box<Self>, out: Output, report: &mut Report) -> Finished;
}

/// What a line parser found.
pub struct Finished {
    pub thread: Thread,
    /// The whole file reads better as this format: unless the format was given, it is read
    /// again as that.
    pub reads_better_as: Option<Format>,
}

impl Finished {
    pub fn thread(thread: Thread) -> Self {
        Finished {
            thread,
            reads_better_as: None,
        }
    }
}

/// A file that cannot be read as the format: the message says why, for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
}

impl FormatError {
    pub fn new(message: impl Into<String>) -> Self {
        FormatError {
            message: message.into(),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// What a parser tells the user besides the threads: what it skipped, what it was unsure of.
/// Each note is one line, shown on stderr and in the reader's status line.
#[derive(Clone, Debug)]
pub struct Report {
    notes: Vec<String>,
    budget: CommentBudget,
}

impl Default for Report {
    fn default() -> Self {
        Report::with_budget(CommentBudget::unlimited())
    }
}

impl Report {
    pub fn with_budget(budget: CommentBudget) -> Self {
        Report {
            notes: Vec::new(),
            budget,
        }
    }

    /// The comments the file's threads may hold: every thread builder takes from it.
    pub fn budget(&self) -> CommentBudget {
        self.budget.clone()
    }

    /// Says how many comments (and messages) were left out because the budget was spent.
    /// First: the status line shows the first note, and this one says the most.
    pub fn note_comments_over_budget(&mut self) {
        let notes = self.budget.notes();
        self.notes.splice(0..0, notes);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// "3 spam comments left out", said only when there were some.
    pub fn skipped(&mut self, count: usize, one: &str, many: &str, why: &str) {
        if count > 0 {
            let what = if count == 1 { one } else { many };
            self.note(format!("{} {what} {why}", crate::text::thousands(count)));
        }
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    pub fn into_notes(self) -> Vec<String> {
        self.notes
    }
}
