//! Test-data generator for thread-tui's export formats: writes a WordPress (WXR) or Disqus
//! export of a generated blog to stdout.
//! Usage: `cargo run --release -p thread-tui-gen --bin gen-export -- --format wordpress|disqus --comments N --seed S > export.xml`
//! The same arguments always give byte-identical output. The generator is in exports.rs,
//! which the benchmarks share.

#[path = "../exports.rs"]
mod exports;

use clap::{Parser, ValueEnum};
use std::io;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A WordPress export (WXR): posts with their comments.
    Wordpress,
    /// A Disqus export: threads, then posts naming their thread and parent.
    Disqus,
}

/// Generate a realistic site export for thread-tui.
#[derive(Parser, Debug)]
#[command(name = "gen-export")]
struct Args {
    #[arg(long, value_enum, default_value_t = Format::Wordpress)]
    format: Format,
    /// Number of comments to write, over as many posts as they need.
    #[arg(long, default_value_t = 1000)]
    comments: u64,
    /// PRNG seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let export = match args.format {
        Format::Wordpress => exports::Export::Wordpress,
        Format::Disqus => exports::Export::Disqus,
    };
    match exports::write(export, args.comments, args.seed, io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gen-export | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-export: {e}");
            ExitCode::FAILURE
        }
    }
}
