//! thread-tui's command line: open a file, then print a dump or run the reader.

use anyhow::Result;
use clap::builder::Styles;
use clap::{CommandFactory, FromArgMatches};
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use thread_tui::app::{App, Shelf};
use thread_tui::cli::{Cli, Command, ExportArgs};
use thread_tui::config::{self, Config};
use thread_tui::dump::{DumpKind, Dumper, Filter};
use thread_tui::library::{FileState, Library, loader};
use thread_tui::state::{self, FileKey, Place, Places};
use thread_tui::text::sanitize::{sanitize_line, sanitize_lines};
use thread_tui::thread::{self, Loaded, Thread};
use thread_tui::ui::theme::Theme;
use thread_tui::{export, inputs};

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
        return run_export(args);
    }
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
    if cli.paths.is_empty() {
        anyhow::bail!("no file to open");
    }
    let options = thread::Options {
        format: cli.format,
        all_comments: cli.all_comments,
    };
    let stdin = cli.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && cli.paths.len() > 1 {
        anyhow::bail!("standard input (-) is read on its own, not with other paths");
    }
    let single_file = cli.paths.len() == 1 && (stdin || !cli.paths[0].is_dir());
    if !single_file {
        return run_library(&cli, options, &config);
    }
    let path = &cli.paths[0];
    let loaded = if stdin {
        thread::load_stdin(&options)?
    } else {
        thread::load_path_with(path, &options)?
    };
    let shown = if stdin {
        "standard input".to_string()
    } else {
        path.display().to_string()
    };
    warn_about(&shown, &loaded);
    if let Some(kind) = cli.dump {
        let threads: Vec<&Thread> = loaded.threads.iter().collect();
        dump(&cli, kind, &[(Path::new(&shown), threads)])?;
        return Ok(ExitCode::SUCCESS);
    }
    check_terminal(stdin)?;
    if loaded.threads.len() > 1 {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let library = Library::of_file(path.clone(), shown, size, loaded);
        let index = thread_tui::library::loader::index(&library);
        let mut app = App::with_library(Shelf::new(library, Some(index)));
        configure(&mut app, &config);
        return run_app(&mut app);
    }
    let file_name = if stdin {
        shown
    } else {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    };
    let mut notes = loaded.notes.clone();
    let mut app = App::new(loaded.into_main_thread(), file_name);
    app.doc.source = (!stdin).then(|| path.clone());
    configure(&mut app, &config);
    // --fresh, or standard input: nothing read, nothing written.
    let remembered = (!cli.fresh && !stdin)
        .then(|| Some((FileKey::of(path)?, state::default_dir()?)))
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
        remember(&app, key, dir);
    }
    exit_status(ended_by?)
}

/// Keeps where the reader left `app`'s thread, for the next time the file is opened.
fn remember(app: &App, key: &FileKey, dir: &Path) {
    // Read again: another reader may have remembered a file meanwhile. A damaged file is
    // replaced.
    let mut places = Places::load(dir).unwrap_or_default();
    places.remember(Place::of(&app.doc, key));
    if let Err(err) = places.save(dir) {
        report(&format!(
            "thread-tui: could not remember the place in {}: {err}",
            dir.display()
        ));
    }
}

/// The user's keys and theme (NO_COLOR wins over the theme).
fn configure(app: &mut App, config: &Config) {
    app.keymap = config.keymap.clone();
    app.theme = Theme::unless_no_color(config.chosen_theme());
}

/// Several files or a folder: a library.
/// Messages about the files of a library that a dump writes to stderr before counting the rest.
const MAX_FILE_MESSAGES: usize = 20;

fn run_library(cli: &Cli, options: thread::Options, config: &Config) -> Result<ExitCode> {
    if let Some(kind) = cli.dump {
        let library = loader::load_blocking(cli.paths.clone(), options, |_| {});
        // A folder of thousands of unreadable files must not bury the terminal: the first
        // messages are written, the rest counted.
        let mut messages = 0usize;
        let mut held_back = (0usize, 0usize, 0usize);
        for file in &library.files {
            let shown = file.path.display();
            let lines: Vec<String> = match &file.state {
                FileState::Loaded { notes, .. } => notes
                    .iter()
                    .map(|note| format!("thread-tui: {shown}: {note}"))
                    .collect(),
                FileState::Failed(why) => vec![format!("thread-tui: {shown}: {why}")],
                FileState::Skipped(why) => vec![format!("thread-tui: {shown}: skipped: {why}")],
                FileState::Waiting => Vec::new(),
            };
            for line in lines {
                messages += 1;
                if messages <= MAX_FILE_MESSAGES {
                    report(&line);
                } else {
                    match &file.state {
                        FileState::Skipped(_) => held_back.0 += 1,
                        FileState::Failed(_) => held_back.1 += 1,
                        _ => held_back.2 += 1,
                    }
                }
            }
        }
        let (skipped, failed, notes) = held_back;
        if skipped + failed + notes > 0 {
            report(&format!(
                "thread-tui: and {} more: {skipped} skipped, {failed} unreadable, {notes} notes \
                 (the reader's library list has a row for each file)",
                skipped + failed + notes
            ));
        }
        if library.files.is_empty() {
            let shown: Vec<String> = cli.paths.iter().map(|p| p.display().to_string()).collect();
            anyhow::bail!("{}: no files to read", shown.join(", "));
        }
        if library.entries.is_empty() {
            anyhow::bail!(
                "no thread could be read from the {} file{} found",
                library.files.len(),
                if library.files.len() == 1 { "" } else { "s" }
            );
        }
        // Each file with its threads, in file order.
        let mut files: Vec<(&Path, Vec<&Thread>)> = Vec::new();
        for entry in library.entries_in_file_order() {
            let entry = &library.entries[entry];
            let path = library.files[entry.file].path.as_path();
            match files.last_mut() {
                Some((last, threads)) if *last == path => threads.push(&entry.thread),
                _ => files.push((path, vec![&entry.thread])),
            }
        }
        dump(cli, kind, &files)?;
        return Ok(ExitCode::SUCCESS);
    }
    check_terminal(false)?;
    let loading = loader::start(cli.paths.clone(), options);
    let mut app = App::with_library(Shelf::new(Library::default(), Some(loading)));
    configure(&mut app, config);
    run_app(&mut app)
}

fn warn_about(shown: &str, loaded: &Loaded) {
    if loaded.replaced_sequences > 0 {
        report(&format!(
            "thread-tui: warning: {shown}: {} invalid UTF-8 sequence{} replaced with U+FFFD",
            thread_tui::text::thousands(loaded.replaced_sequences),
            if loaded.replaced_sequences == 1 {
                ""
            } else {
                "s"
            }
        ));
    }
    for note in &loaded.notes {
        report(&format!("thread-tui: {shown}: {note}"));
    }
}

/// Writes the files' threads to stdout as one dump of `kind`, filtered as asked.
fn dump(cli: &Cli, kind: DumpKind, files: &[(&Path, Vec<&Thread>)]) -> Result<()> {
    let filter = Filter {
        author: cli.author.clone(),
        grep: cli.grep.clone(),
        context: cli.context,
    };
    let out = io::BufWriter::new(io::stdout().lock());
    let mut dumper = Dumper::new(kind, filter, files.len() > 1, out)?;
    for (path, threads) in files {
        dumper.threads(path, threads)?;
    }
    dumper.finish()?;
    Ok(())
}

fn run_export(args: ExportArgs) -> Result<ExitCode> {
    let options = thread::Options {
        format: args.format,
        all_comments: args.all_comments,
    };
    let inputs = inputs::load_each(&args.paths, &options, |path, why| {
        report(&format!("thread-tui: {}: skipped: {why}", path.display()))
    });
    let summary = export::export_sqlite(&args.sqlite, inputs, |path, loaded| {
        warn_about(&path.display().to_string(), loaded)
    })?;
    let replaced = match summary.replaced {
        0 => String::new(),
        n => format!(" ({n} replaced)"),
    };
    report(&format!(
        "thread-tui: {}: {} thread{}{replaced}, {} comment{} from {} file{}",
        args.sqlite.display(),
        summary.threads,
        if summary.threads == 1 { "" } else { "s" },
        summary.comments,
        if summary.comments == 1 { "" } else { "s" },
        summary.files,
        if summary.files == 1 { "" } else { "s" },
    ));
    Ok(ExitCode::SUCCESS)
}

/// Checked before the terminal is touched, so a pipe never receives escape codes. With the
/// thread read from standard input, keys come from the terminal itself (/dev/tty).
fn check_terminal(thread_from_stdin: bool) -> Result<()> {
    let stdin_ok =
        io::stdin().is_terminal() || (thread_from_stdin && std::fs::File::open("/dev/tty").is_ok());
    let not_terminal = match (stdin_ok, io::stdout().is_terminal()) {
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
    Ok(())
}

fn run_app(app: &mut App) -> Result<ExitCode> {
    exit_status(thread_tui::terminal::run(app)?)
}

fn exit_status(ended_by: Option<i32>) -> Result<ExitCode> {
    match ended_by {
        // The conventional status for "ended by signal N".
        Some(signal) => Ok(ExitCode::from(128 + signal as u8)),
        None => Ok(ExitCode::SUCCESS),
    }
}
