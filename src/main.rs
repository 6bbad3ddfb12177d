//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::Parser;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use thread_tui::app::App;
use thread_tui::cli::{Cli, DumpKind};
use thread_tui::text::sanitize::sanitize_line;
use thread_tui::thread::{self, Thread, json};

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
            // Messages quote the path, which may hold escape sequences: shown, never sent.
            eprintln!("thread-tui: {}", sanitize_line(&err.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let loaded = thread::load_path(&cli.file, cli.format.map(Into::into))?;
    if loaded.replaced_sequences > 0 {
        eprintln!(
            "thread-tui: warning: {}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            sanitize_line(&cli.file.display().to_string()),
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
        None => return open_reader(cli, loaded.thread),
    }
    Ok(ExitCode::SUCCESS)
}

fn open_reader(cli: Cli, thread: Thread) -> Result<ExitCode> {
    // Checked before the terminal is touched, so a pipe never receives escape codes.
    let not_terminal = match (io::stdin().is_terminal(), io::stdout().is_terminal()) {
        (_, false) => Some("stdout"),
        (false, true) => Some("stdin"),
        (true, true) => None,
    };
    if let Some(stream) = not_terminal {
        anyhow::bail!(
            "the reader needs a terminal, and {stream} is not one; \
             to print the thread use --dump outline or --dump json"
        );
    }
    let file_name = cli.file.file_name().map_or_else(
        || cli.file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let mut app = App::new(thread, file_name);
    if let Some(name) = &cli.author {
        app = app.with_author_search(name);
    }
    match thread_tui::terminal::run(app)? {
        // The conventional status for "ended by signal N".
        Some(signal) => Ok(ExitCode::from(128 + signal as u8)),
        None => Ok(ExitCode::SUCCESS),
    }
}
