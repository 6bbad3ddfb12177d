//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::builder::Styles;
use clap::{CommandFactory, FromArgMatches};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use thread_tui::app::App;
use thread_tui::cli::{Cli, Command, DumpKind, ExportArgs};
use thread_tui::dump::{Dumper, Filter};
use thread_tui::text::sanitize::{sanitize_line, sanitize_lines};
use thread_tui::thread::{self, Loaded};
use thread_tui::{export, inputs};

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
    if matches.subcommand_name().is_some() && given_before_subcommand(&matches) {
        return Err(command.error(
            clap::error::ErrorKind::ArgumentConflict,
            "a file or options before `export` are not read: give them after it",
        ));
    }
    Cli::from_arg_matches(&matches).map_err(|err| err.format(&mut command))
}

/// Whether the command line has a file or an option of the reader before a subcommand.
fn given_before_subcommand(matches: &clap::ArgMatches) -> bool {
    matches
        .ids()
        .any(|id| matches.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine))
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
    if let Some(Command::Export(args)) = cli.command {
        return export(args);
    }
    let Some(file) = cli.file.clone() else {
        anyhow::bail!("no file given");
    };
    let options = thread::Options {
        format: cli.format,
        all_comments: cli.all_comments,
    };
    let loaded = thread::load_path_with(&file, &options)?;
    report_loaded(&file, &loaded);
    match cli.dump {
        Some(kind) => {
            let filter = Filter {
                author: cli.author.clone(),
                grep: cli.grep.clone(),
                context: cli.context,
            };
            dump(kind, &[(file, loaded)], filter)?;
            Ok(ExitCode::SUCCESS)
        }
        None => open_reader(cli, loaded),
    }
}

/// Writes the loaded files to stdout as one dump of `kind`.
fn dump(kind: DumpKind, items: &[(PathBuf, Loaded)], filter: Filter) -> Result<()> {
    let out = io::BufWriter::new(io::stdout().lock());
    let mut dumper = Dumper::new(kind, filter, items.len() > 1, out)?;
    for (path, loaded) in items {
        dumper.file(path, loaded)?;
    }
    dumper.finish()?;
    Ok(())
}

fn export(args: ExportArgs) -> Result<ExitCode> {
    let options = thread::Options {
        format: args.format,
        all_comments: args.all_comments,
    };
    let inputs = inputs::load_each(&args.paths, &options);
    let summary = export::export_sqlite(&args.sqlite, inputs, |path, loaded| {
        report_loaded(path, loaded)
    })?;
    let replaced = match summary.replaced {
        0 => String::new(),
        n => format!(" ({n} replaced)"),
    };
    report(&format!(
        "thread-tui: {}: {} thread{}{replaced}, {} comments from {} file{}",
        args.sqlite.display(),
        summary.threads,
        if summary.threads == 1 { "" } else { "s" },
        summary.comments,
        summary.files,
        if summary.files == 1 { "" } else { "s" },
    ));
    Ok(ExitCode::SUCCESS)
}

/// Tells on stderr what loading `path` replaced, skipped or doubted.
fn report_loaded(path: &Path, loaded: &Loaded) {
    if loaded.replaced_sequences > 0 {
        report(&format!(
            "thread-tui: warning: {}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            path.display(),
            loaded.replaced_sequences,
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    for note in &loaded.notes {
        report(&format!("thread-tui: {}: {note}", path.display()));
    }
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
    let path = cli.file.unwrap_or_default();
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
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
