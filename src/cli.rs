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
    after_help = "Formats: numbered (\"  1. Name says:\" headers), flat (comments separated by two blank lines), \
the JSON that --dump json writes, and WordPress (WXR) and Disqus exports. Press ? in the reader for its keys."
)]
pub struct Cli {
    /// The saved thread to open
    pub file: PathBuf,

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DumpKind {
    /// The whole tree as JSON (the same JSON thread-tui reads)
    Json,
    /// One line per comment with tree guides, for pipes and grep
    Outline,
}
