//! The command line: what can be asked of thread-tui without opening the reader.
//! clap turns usage mistakes into a message and exit code 2.

pub use crate::dump::DumpKind;
use crate::thread::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "thread-tui",
    version,
    about = "Read a saved discussion thread: the article beside a foldable outline of its comments",
    after_help = "The format is detected from the file's content; --format lists the formats read. \
Press ? in the reader for its keys.",
    subcommand_negates_reqs = true,
    disable_help_subcommand = true,
    override_usage = "thread-tui [OPTIONS] <PATH>...
       thread-tui export --sqlite <OUT.db> <PATH>..."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The saved threads to open: files, folders (read recursively), or - for standard input.
    /// One file with one thread opens in the reader; anything more opens the library
    #[arg(value_name = "PATH", required_unless_present_any = ["print_config", "completions", "man"])]
    pub paths: Vec<PathBuf>,

    /// Print the thread to stdout instead of opening the reader
    #[arg(long, value_enum, value_name = "WHAT")]
    pub dump: Option<DumpKind>,

    /// Read the file as this format instead of detecting it
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Keep the comments an export marks as held for moderation, spam or deleted (marked),
    /// instead of leaving them out
    #[arg(long)]
    pub all_comments: bool,

    /// Open with the commenter search set to NAME; with --dump, write only the comments of
    /// commenters whose name contains NAME (case and accents ignored)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,

    /// Read the configuration (keys, theme) from PATH instead of
    /// $XDG_CONFIG_HOME/thread-tui/config.toml (else ~/.config/thread-tui/config.toml)
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print the default configuration, to start a file of your own from
    #[arg(long, exclusive = true)]
    pub print_config: bool,

    /// Open at the top with everything unfolded, instead of where the file was left
    /// (and remember nothing of this run)
    #[arg(long)]
    pub fresh: bool,

    /// Print the completion script for SHELL
    #[arg(long, value_enum, value_name = "SHELL", exclusive = true)]
    pub completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff)
    #[arg(long, exclusive = true)]
    pub man: bool,

    /// With --dump, write only the comments whose text contains TEXT (accents ignored; case
    /// too, unless TEXT has a capital letter); with --author, comments matching both
    #[arg(long, value_name = "TEXT", requires = "dump")]
    pub grep: Option<String>,

    /// With --dump and --author or --grep, also write each match's chain of parent comments
    #[arg(long, requires = "dump")]
    pub context: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write threads into a SQLite database for Datasette, sqlite-utils or DuckDB
    ///
    /// Tables threads, comments and commenters, and comments_fts, a full-text index (FTS5) of
    /// the comments. Re-running with the same files replaces their threads; other threads
    /// stay. A failed run leaves the database as it was.
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The database to create or add to; a file that is not a thread-tui database is refused
    #[arg(long, value_name = "OUT.db")]
    pub sqlite: PathBuf,

    /// The saved threads to write
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file as this format instead of detecting it
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Keep the comments an export marks as held for moderation, spam or deleted (with their
    /// status), instead of leaving them out
    #[arg(long)]
    pub all_comments: bool,
}
