//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::builder::Styles;
use clap::{CommandFactory, FromArgMatches};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use thread_tui::app::App;
use thread_tui::cli::{Cli, DumpKind};
use thread_tui::text::sanitize::{sanitize_line, sanitize_lines};
use thread_tui::thread::{self, Loaded, json};

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(err) => return print_clap_message(&err),
    };
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
            report(&format!("thread-tui: {err}"));
            ExitCode::FAILURE
        }
    }
}

/// Parses the arguments with clap's styling off: its usage errors quote the arguments, and
/// styling codes could not be told apart from escape sequences in a file name.
fn parse_args() -> Result<Cli, clap::Error> {
    let mut command = Cli::command().styles(Styles::plain());
    let matches = command.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|err| err.format(&mut command))
}

/// Prints what clap would (usage error, --help, --version) where it would, with its exit
/// code, but sanitised line by line: a file name from a shell glob can hold escape sequences.
fn print_clap_message(err: &clap::Error) -> ExitCode {
    let text = err.render().ansi().to_string();
    let text = sanitize_lines(&text);
    // Like clap, ignore a closed pipe (`thread-tui --help | head -1`).
    let _ = if err.use_stderr() {
        io::stderr().lock().write_all(text.as_bytes())
    } else {
        io::stdout().lock().write_all(text.as_bytes())
    };
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}

/// Writes one message line to stderr. Messages quote the path (and whatever else came from
/// outside), which may hold escape sequences: they are shown, never sent. A line break in a
/// path shows as `^J`, so a path cannot fake a message of its own.
fn report(message: &str) {
    let mut line = sanitize_line(message).into_owned();
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

fn run(cli: Cli) -> Result<ExitCode> {
    let options = thread::Options {
        format: cli.format,
        all_comments: cli.all_comments,
    };
    let loaded = thread::load_path_with(&cli.file, &options)?;
    if loaded.replaced_sequences > 0 {
        report(&format!(
            "thread-tui: warning: {}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            cli.file.display(),
            loaded.replaced_sequences,
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    for note in &loaded.notes {
        report(&format!("thread-tui: {}: {note}", cli.file.display()));
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
        // The thread the reader would open (with a note when the file holds others).
        Some(DumpKind::Commenters) => {
            if loaded.threads.len() > 1 {
                report(&format!(
                    "thread-tui: {}: {} threads: the commenters of the one with the most comments",
                    cli.file.display(),
                    loaded.threads.len()
                ));
            }
            thread_tui::dump::commenters::write(loaded.main_thread(), &mut out)?
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
