//! Test-data generator for thread-tui: writes one saved comment thread (or a site export of
//! many) to stdout, or a folder of them (a library).
//! Usage: `cargo run --release -p thread-tui-gen -- --format numbered|flat|wordpress-page|reddit|hackernews|mbox|wxr|disqus --comments N --seed S > file`,
//! or `... --library DIR --files N --comments TOTAL` for N threads of TOTAL comments in all.
//! The same arguments always give byte-identical output (own PRNG, integer-only sampling).
//! The generator itself is in generator.rs, which the benchmarks share.

mod exports;
mod generator;
mod mbox;
mod platform;
mod rng;
mod wordpress_page;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Nested page: "  1. Name says:" headers, indentation shows the reply level.
    Numbered,
    /// Page that lost its nesting: comments in blank-line runs, optional name lines.
    Flat,
    /// A saved WordPress page (HTML), about 2.5 KB a comment.
    WordpressPage,
    /// A Reddit comments page's .json, about 1.1 KB a comment.
    Reddit,
    /// A mailing-list archive (mbox), about 1.6 KB a message; --comments counts messages.
    Mbox,
    /// A Hacker News item from Algolia's items API (JSON, HTML text), about 650 bytes a comment.
    Hackernews,
    /// A WordPress export (WXR) of a blog, about 1.3 KB a comment over as many posts as needed.
    Wxr,
    /// A Disqus export: threads, then posts naming their thread and parent, about 1 KB a comment.
    Disqus,
}

/// Generate a realistic saved comment thread for thread-tui.
#[derive(Parser, Debug)]
#[command(name = "gen")]
struct Args {
    /// Layout of the saved page.
    #[arg(long, value_enum, default_value_t = Format::Numbered)]
    format: Format,
    /// Number of comments to write (empty ones included).
    #[arg(long, default_value_t = 1000)]
    comments: u64,
    /// PRNG seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write a folder of threads here instead of one thread to stdout: --files of them,
    /// numbered and flat by turns, --comments in all (sizes vary, from a few to many).
    #[arg(long, value_name = "DIR")]
    library: Option<std::path::PathBuf>,
    /// How many threads the library folder holds.
    #[arg(long, default_value_t = 100)]
    files: u64,
}

fn run(args: &Args) -> io::Result<()> {
    if let Some(dir) = &args.library {
        return generator::write_library(dir, args.files, args.comments, args.seed);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let format = match args.format {
        Format::Numbered => generator::Format::Numbered,
        Format::Flat => generator::Format::Flat,
        Format::WordpressPage => {
            let page = wordpress_page::page(args.comments as usize, args.seed);
            return out.write_all(page.as_bytes()).and_then(|()| out.flush());
        }
        Format::Reddit => return platform::write_reddit(args.comments, args.seed, out),
        Format::Mbox => return mbox::write(args.comments, args.seed, out),
        Format::Hackernews => return platform::write_hackernews(args.comments, args.seed, out),
        Format::Wxr => {
            return exports::write(exports::Export::Wordpress, args.comments, args.seed, out);
        }
        Format::Disqus => {
            return exports::write(exports::Export::Disqus, args.comments, args.seed, out);
        }
    };
    generator::write(format, args.comments, args.seed, out)
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gen | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}
