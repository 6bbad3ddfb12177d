//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::builder::Styles;
use clap::{CommandFactory, FromArgMatches};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use thread_tui::app::App;
use thread_tui::cli::{Cli, DumpKind};
use thread_tui::config::{self, Config};
use thread_tui::state::{self, FileKey, Place, Places};
use thread_tui::text::sanitize::{sanitize_line, sanitize_lines};
use thread_tui::thread::{self, Loaded, json};
use thread_tui::ui::theme::Theme;

/// The exit status for a configuration file that cannot be used, like a usage error: the
/// program was asked wrongly and did nothing.
const CONFIG_ERROR: u8 = 2;

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
    let mut stdout = io::stdout().lock();
    if cli.print_config {
        stdout.write_all(config::default_text().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(shell) = cli.completions {
        clap_complete::generate(shell, &mut Cli::command(), "thread-tui", &mut stdout);
        return Ok(ExitCode::SUCCESS);
    }
    if cli.man {
        clap_mangen::Man::new(Cli::command()).render(&mut stdout)?;
        return Ok(ExitCode::SUCCESS);
    }
    drop(stdout);
    // The whole file or nothing: a mistake stops here, before the terminal is touched.
    let config = match config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => {
            report(&format!("thread-tui: {err}"));
            return Ok(ExitCode::from(CONFIG_ERROR));
        }
    };
    let Some(file) = cli.file.clone() else {
        anyhow::bail!("no file to open");
    };
    let options = thread::Options {
        format: cli.format,
        all_comments: cli.all_comments,
    };
    let loaded = thread::load_path_with(&file, &options)?;
    if loaded.replaced_sequences > 0 {
        report(&format!(
            "thread-tui: warning: {}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            file.display(),
            loaded.replaced_sequences,
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    for note in &loaded.notes {
        report(&format!("thread-tui: {}: {note}", file.display()));
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
        None => return open_reader(&cli, &file, loaded, &config),
    }
    Ok(ExitCode::SUCCESS)
}

fn open_reader(cli: &Cli, file: &Path, loaded: Loaded, config: &Config) -> Result<ExitCode> {
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
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
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
    app.keymap = config.keymap.clone();
    app.theme = Theme::unless_no_color(config.chosen_theme());
    // --fresh: nothing read, nothing written.
    let remembered = (!cli.fresh)
        .then(|| Some((FileKey::of(file)?, state::default_dir()?)))
        .flatten();
    if let Some((key, dir)) = &remembered {
        match Places::load(dir) {
            Ok(places) => {
                if let Some(place) = places.find(key) {
                    place.restore(&mut app.doc);
                }
            }
            Err(reason) => notes.push(format!(
                "remembered places unreadable, opened fresh ({reason})"
            )),
        }
    }
    if let Some(note) = notes.first() {
        app.notice = Some(note.clone());
    }
    if let Some(name) = &cli.author {
        app = app.with_author_search(name);
    }
    let ended_by = thread_tui::terminal::run(&mut app);
    if let Some((key, dir)) = &remembered {
        // Read again: another reader may have remembered a file meanwhile. A damaged file
        // is replaced.
        let mut places = Places::load(dir).unwrap_or_default();
        places.remember(Place::of(&app.doc, key));
        if let Err(err) = places.save(dir) {
            report(&format!(
                "thread-tui: could not remember the place in {}: {err}",
                dir.display()
            ));
        }
    }
    match ended_by? {
        // The conventional status for "ended by signal N".
        Some(signal) => Ok(ExitCode::from(128 + signal as u8)),
        None => Ok(ExitCode::SUCCESS),
    }
}
