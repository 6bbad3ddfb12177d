//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::Parser;
use std::io::{self, Write};
use std::process::ExitCode;
use thread_tui::cli::{Cli, DumpKind};
use thread_tui::thread::{self, json};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // `head` closing the pipe is not an error worth reporting.
            if err
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("thread-tui: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let loaded = thread::load_path(&cli.file, cli.format.map(Into::into))?;
    if loaded.replaced_sequences > 0 {
        eprintln!(
            "thread-tui: warning: {}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            cli.file.display(),
            loaded.replaced_sequences,
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    let stdout = io::stdout().lock();
    let mut out = io::BufWriter::new(stdout);
    match cli.dump {
        Some(DumpKind::Json) => json::write(&loaded.thread, &mut out)?,
        Some(DumpKind::Outline) => thread_tui::dump::write_outline(&loaded.thread, &mut out)?,
        None => {
            out.flush()?;
            anyhow::bail!("the reader is not built yet");
        }
    }
    Ok(ExitCode::SUCCESS)
}
