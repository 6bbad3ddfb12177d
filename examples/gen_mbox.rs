//! Test-data generator for thread-tui's mailbox format: writes a mailing-list archive in
//! mbox format to stdout.
//! Usage: `cargo run --release --example gen_mbox -- --messages N --seed S > list.mbox`
//! The same arguments always give byte-identical output. The generator itself is in
//! gen/mbox.rs, which the benchmarks share.

#[path = "gen/mbox.rs"]
mod mbox;

use clap::Parser;
use std::io::{self, BufWriter};
use std::process::ExitCode;

/// Generate a mailing-list archive (mbox) for thread-tui.
#[derive(Parser, Debug)]
#[command(name = "gen_mbox")]
struct Args {
    /// Number of messages to write (about 1.6 KB each).
    #[arg(long, default_value_t = 1000)]
    messages: u64,
    /// PRNG seed; the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    match mbox::write(args.messages, args.seed, out) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gen_mbox | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_mbox: {e}");
            ExitCode::FAILURE
        }
    }
}
