//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::Parser;
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use thread_tui::app::App;
use thread_tui::cli::{Cli, DumpKind};
use thread_tui::text::sanitize::sanitize_line;
use thread_tui::thread::{self, Loaded, json};

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
    let options = thread::Options {
        format: cli.format,
        all_comments: cli.all_comments,
    };
    let loaded = thread::load_path_with(&cli.file, &options)?;
    let shown_path = sanitize_line(&cli.file.display().to_string()).into_owned();
    if loaded.replaced_sequences > 0 {
        eprintln!(
            "thread-tui: warning: {shown_path}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            loaded.replaced_sequences,
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        );
    }
    for note in &loaded.notes {
        eprintln!("thread-tui: {shown_path}: {}", sanitize_line(note));
    }
    let stdout = io::stdout().lock();
    let mut out = io::BufWriter::new(stdout);
    match cli.dump {
        Some(DumpKind::Json) => json::write_all(&loaded.threads, &mut out)?,
        Some(DumpKind::Outline) => {
            for thread in &loaded.threads {
                thread_tui::dump::write_outline(thread, &mut out)?;
            }
        }
        None => return open_reader(cli, loaded),
    }
    Ok(ExitCode::SUCCESS)
}

fn open_reader(cli: Cli, loaded: Loaded) -> Result<ExitCode> {
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
    let mut notes = loaded.notes.clone();
    let others = loaded.threads.len() - 1;
    let thread = loaded.into_main_thread();
    if others > 0 {
        notes.insert(
            0,
            format!(
                "this file holds {} threads: showing the one with the most comments",
                others + 1
            ),
        );
    }
    let mut app = App::new(thread, file_name);
    if let Some(note) = notes.first() {
        app.notice = Some(note.clone());
    }
    if let Some(name) = &cli.author {
        app = app.with_author_search(name);
    }
    match thread_tui::terminal::run(app)? {
        // The conventional status for "ended by signal N".
        Some(signal) => Ok(ExitCode::from(128 + signal as u8)),
        None => Ok(ExitCode::SUCCESS),
    }
}
