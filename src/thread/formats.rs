//! The registry of input formats: each format is one module with a [`FormatSpec`] (how to
//! recognise it and how to parse it), and one line in [`Format::spec`]. Loading (load.rs)
//! reads the bytes once, asks sniff.rs which format they are, and hands them to its parser.

use super::output::Output;
use super::sniff::{Head, Sniff};
use super::{
    Thread, copy, disqus, flat, hackernews, html, json, mbox, numbered, reddit, text_dump, wxr,
};
use crate::text::thousands;
use std::fmt;
use std::io::BufRead;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

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

/// Comments a file holds whatever its size; past these, one for every
/// [`BYTES_PER_COMMENT`] bytes of the file. A comment costs about 36 bytes whatever its text,
/// so a file of comments of a few bytes each (`{}` in JSON) would otherwise take ten times
/// its size; real threads run to hundreds of bytes a comment.
pub const FREE_COMMENTS: usize = 1 << 18;
pub const BYTES_PER_COMMENT: usize = 64;
/// What a mailbox's message costs, read and kept, in comments (about 190 bytes against 36
/// and its text): a mailbox holds a quarter as many messages as a file holds comments.
const MESSAGE_COST: usize = 4;

/// How many more comments a file's threads may hold, shared by all of them.
#[derive(Clone, Debug)]
pub struct CommentBudget {
    shared: Arc<BudgetState>,
}

#[derive(Debug)]
struct BudgetState {
    limit: usize,
    left: AtomicUsize,
    /// Comments met once the budget was spent.
    dropped: AtomicUsize,
    dropped_messages: AtomicUsize,
}

impl CommentBudget {
    pub fn unlimited() -> Self {
        CommentBudget::with_limit(usize::MAX)
    }

    /// The budget of a file of `bytes`.
    pub fn for_source(bytes: usize) -> Self {
        CommentBudget::with_limit(FREE_COMMENTS.saturating_add(bytes / BYTES_PER_COMMENT))
    }

    /// A budget of `limit` comments.
    pub fn with_limit(limit: usize) -> Self {
        CommentBudget {
            shared: Arc::new(BudgetState {
                limit,
                left: AtomicUsize::new(limit),
                dropped: AtomicUsize::new(0),
                dropped_messages: AtomicUsize::new(0),
            }),
        }
    }

    /// Takes one comment's place: false once none is left (the comment is counted as not
    /// read).
    pub fn take(&self) -> bool {
        let taken = self
            .shared
            .left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(1)
            })
            .is_ok();
        if !taken {
            self.shared.dropped.fetch_add(1, Ordering::Relaxed);
        }
        taken
    }

    /// Messages a mailbox may hold: a quarter as many as comments.
    pub fn message_limit(&self) -> usize {
        self.shared.limit / MESSAGE_COST
    }

    /// Counts a message a mailbox left out because the budget would not hold it.
    pub fn drop_message(&self) {
        self.shared.dropped_messages.fetch_add(1, Ordering::Relaxed);
    }

    pub fn dropped_messages(&self) -> usize {
        self.shared.dropped_messages.load(Ordering::Relaxed)
    }

    /// Whether a comment would still be held.
    pub fn has_room(&self) -> bool {
        self.shared.left.load(Ordering::Relaxed) > 0
    }

    /// Comments not read because the budget was spent.
    pub fn dropped(&self) -> usize {
        self.shared.dropped.load(Ordering::Relaxed)
    }

    pub fn limit(&self) -> usize {
        self.shared.limit
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
    pub fn note_comments_over_budget(&mut self) {
        let limit = self.budget.limit();
        let over = |count: usize, what: &str, per: usize, kept: usize| {
            let were = if count == 1 { "was" } else { "were" };
            let holder = if per == BYTES_PER_COMMENT {
                "file"
            } else {
                "mailbox"
            };
            format!(
                "{} {what} past the first {} {were} not read: a {holder} holds {} and one \
                 more for every {per} of its bytes",
                thousands(count),
                thousands(kept),
                thousands(FREE_COMMENTS / (per / BYTES_PER_COMMENT)),
            )
        };
        let dropped = self.budget.dropped();
        if dropped > 0 {
            let what = if dropped == 1 { "comment" } else { "comments" };
            self.note(over(dropped, what, BYTES_PER_COMMENT, limit));
        }
        let messages = self.budget.dropped_messages();
        if messages > 0 {
            let what = if messages == 1 { "message" } else { "messages" };
            let per = BYTES_PER_COMMENT * MESSAGE_COST;
            self.note(over(messages, what, per, limit / MESSAGE_COST));
        }
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// "3 spam comments left out", said only when there were some.
    pub fn skipped(&mut self, count: usize, one: &str, many: &str, why: &str) {
        if count > 0 {
            let what = if count == 1 { one } else { many };
            self.note(format!("{count} {what} {why}"));
        }
    }

    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    pub fn into_notes(self) -> Vec<String> {
        self.notes
    }
}
