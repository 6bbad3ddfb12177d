//! The command line: what can be asked of thread-tui without opening the reader.
//! clap turns usage mistakes into a message and exit code 2.

use crate::thread::Format;
use clap::{Parser, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "thread-tui",
    version,
    about = "Read a saved discussion thread: the article beside a foldable outline of its comments",
    after_help = "The format is detected from the file's content; --format lists the formats read. \
Press ? in the reader for its keys."
)]
pub struct Cli {
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

    /// Open with the commenter search set to NAME
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DumpKind {
    /// The whole tree as JSON (the same JSON thread-tui reads)
    Json,
    /// One line per comment with tree guides, for pipes and grep
    Outline,
}
