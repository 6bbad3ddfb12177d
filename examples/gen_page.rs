//! Writes a generated WordPress-shaped saved page to stdout, for trying the reader and
//! measuring it: `cargo run --release --example gen_page -- 2000 1 > /tmp/page.html`
//! (comments, then seed; about 2.5 KB a comment).

#[path = "gen/wordpress_page.rs"]
mod wordpress_page;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let comments = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let page = wordpress_page::page(comments, seed);
    match std::io::stdout().lock().write_all(page.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_page: {e}");
            ExitCode::FAILURE
        }
    }
}
