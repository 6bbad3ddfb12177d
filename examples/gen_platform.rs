//! Generates platform JSON for thread-tui: a Reddit comments page or a Hacker News item.
//! Usage: `cargo run --release --example gen_platform -- reddit|hackernews COMMENTS [SEED] > file.json`

#[path = "gen/platform.rs"]
mod platform;

use std::io::{self, BufWriter};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || {
        eprintln!("usage: gen_platform reddit|hackernews COMMENTS [SEED]");
        ExitCode::from(2)
    };
    let (Some(format), Some(Ok(comments))) = (args.first(), args.get(1).map(|n| n.parse())) else {
        return usage();
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    let result = match format.as_str() {
        "reddit" => platform::write_reddit(comments, seed, out),
        "hackernews" => platform::write_hackernews(comments, seed, out),
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_platform: {e}");
            ExitCode::FAILURE
        }
    }
}
