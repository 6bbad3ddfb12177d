//! From a path (or bytes) to threads: refuse what is not a readable regular file, then hand
//! it to the reading pipeline (read.rs), which detects the format and parses it; read it a
//! second time only when a plain-text parser finds the file reads better as another format.

use super::budget::CommentBudget;
use super::formats::Options;
use super::output::MAX_TEXT_BYTES;
use super::read::{self, Failure, Outcome, Parsed};
use super::sniff;
use super::{Format, Thread};
use std::fs::File;
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("{path}: is a directory")]
    Directory { path: PathBuf },
    #[error("{path}: not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: too large ({what})")]
    TooLarge { path: PathBuf, what: String },
    #[error("{path}: not a text file ({why})")]
    NotText { path: PathBuf, why: &'static str },
    #[error("{path}: {what}")]
    Unknown { path: PathBuf, what: String },
    /// The file is of a known format but broken beyond reading.
    #[error("{path}: not a valid {format} file: {message}")]
    Format {
        path: PathBuf,
        format: Format,
        message: String,
    },
}

/// The threads of one input and what the reader should be told about it.
#[derive(Debug)]
pub struct Loaded {
    /// In file order; at least one (an empty thread for an empty file).
    pub threads: Vec<Thread>,
    pub format: Format,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replaced_sequences: usize,
    /// What was skipped or doubtful, one line each, for stderr and the status line.
    pub notes: Vec<String>,
}

impl Loaded {
    /// The thread with the most comments (the first of those): what a reader of one thread
    /// opens.
    pub fn main_index(&self) -> usize {
        let mut best = 0;
        for (index, thread) in self.threads.iter().enumerate() {
            if thread.comment_count() > self.threads[best].comment_count() {
                best = index;
            }
        }
        best
    }

    pub fn main_thread(&self) -> &Thread {
        &self.threads[self.main_index()]
    }

    /// The thread with the most comments.
    pub fn into_main_thread(mut self) -> Thread {
        let index = self.main_index();
        self.threads.swap_remove(index)
    }
}

/// io::Error's text without the "(os error 2)" tail people do not need.
pub fn describe_io_error(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::WouldBlock => "reading it would block (not a regular file)".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

fn io_error(path: &Path, err: &io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        reason: describe_io_error(err),
    }
}

/// Opens a file for reading without blocking, then checks what was opened: a path swapped
/// for a FIFO between a check and the open cannot hang us, and a "regular" file that blocks
/// (/proc/kmsg) answers reads with "would block" instead of waiting forever.
pub fn open_file(path: &Path) -> Result<(File, u64), LoadError> {
    let file = File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|err| match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => LoadError::Directory {
                path: path.to_path_buf(),
            },
            _ => io_error(path, &err),
        })?;
    let meta = file.metadata().map_err(|err| io_error(path, &err))?;
    if meta.is_dir() {
        return Err(LoadError::Directory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    Ok((file, meta.len()))
}

fn failure(path: &Path, failure: Failure) -> LoadError {
    let path = path.to_path_buf();
    match failure {
        Failure::Io(err) => LoadError::Io {
            reason: describe_io_error(&err),
            path,
        },
        Failure::NotText(why) => LoadError::NotText { path, why },
        Failure::TooLarge(size) => LoadError::TooLarge {
            path,
            what: format!("more than {size} bytes"),
        },
        Failure::Unknown(unknown) => LoadError::Unknown {
            path,
            what: sniff::describe_unknown(unknown),
        },
        Failure::Format(format, err) => LoadError::Format {
            path,
            format,
            message: err.message,
        },
    }
}

/// Reads and parses what `open` gives (a second time only when the parser asks for it).
/// Its comments take their places from the library's budget, or from one of the file's own.
fn load<R: Read + Send>(
    path: &Path,
    options: &Options,
    library: Option<&CommentBudget>,
    open: impl Fn() -> Result<(R, usize), LoadError>,
) -> Result<Loaded, LoadError> {
    let mut options = *options;
    loop {
        let (source, size) = open()?;
        let budget = library.map_or_else(
            || CommentBudget::for_file(size),
            |library| library.share(size),
        );
        match read::run(source, size, &options, &budget) {
            Ok(Outcome::Parsed(parsed)) => return finish(path, parsed),
            // Only asked when no format was given, so this runs at most twice.
            Ok(Outcome::Reparse(again)) => {
                budget.give_back();
                options.format = Some(again);
            }
            Err(err) => {
                budget.give_back();
                return Err(failure(path, err));
            }
        }
    }
}

fn finish(path: &Path, parsed: Parsed) -> Result<Loaded, LoadError> {
    let Parsed {
        mut threads,
        format,
        replaced,
        report,
    } = parsed;
    if threads.iter().any(|t| t.text_len() > MAX_TEXT_BYTES) {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            what: "its text is over 4 GiB once decoded".into(),
        });
    }
    if threads.is_empty() {
        threads.push(Thread::default());
    }
    Ok(Loaded {
        threads,
        format,
        replaced_sequences: replaced,
        notes: report.into_notes(),
    })
}

/// Parses content already in memory, detecting the format unless one is given; `path`
/// only names it in errors.
pub fn parse_bytes(raw: Vec<u8>, format: Option<Format>, path: &Path) -> Result<Loaded, LoadError> {
    parse_bytes_with(
        raw,
        path,
        &Options {
            format,
            ..Options::default()
        },
    )
}

pub fn parse_bytes_with(raw: Vec<u8>, path: &Path, options: &Options) -> Result<Loaded, LoadError> {
    load(path, options, None, || Ok((&raw[..], raw.len())))
}

/// Reads and parses the file at `path`, detecting the format unless one is given.
pub fn load_path(path: &Path, format: Option<Format>) -> Result<Loaded, LoadError> {
    load_path_with(
        path,
        &Options {
            format,
            ..Options::default()
        },
    )
}

/// Reads standard input whole (it cannot be read twice), then parses it.
pub fn load_stdin(options: &Options) -> Result<Loaded, LoadError> {
    let path = Path::new("standard input");
    let mut raw = Vec::new();
    io::stdin()
        .lock()
        .take(read::MAX_INPUT_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|err| io_error(path, &err))?;
    if raw.len() as u64 > read::MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            what: format!("more than {} bytes", read::MAX_INPUT_BYTES),
        });
    }
    parse_bytes_with(raw, path, options)
}

pub fn load_path_with(path: &Path, options: &Options) -> Result<Loaded, LoadError> {
    load_path_within(path, options, None)
}

/// [`load_path_with`] for a file of a library: its comments take their places from the
/// library's budget.
pub fn load_path_within(
    path: &Path,
    options: &Options,
    library: Option<&CommentBudget>,
) -> Result<Loaded, LoadError> {
    load(path, options, library, || {
        open_file(path).map(|(file, size)| (file, usize::try_from(size).unwrap_or(usize::MAX)))
    })
}
