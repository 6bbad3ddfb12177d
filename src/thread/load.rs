//! From a path to a [`Thread`]: refuse what is not a readable text file, decode to UTF-8
//! with line endings unified, detect the format and hand over to its parser. The text
//! formats are read and parsed at once (stream.rs); JSON is read whole.

use super::stream::{self, Failure, Outcome};
use super::{Thread, json, numbered};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest file read: node ranges are u32 offsets.
pub const MAX_FILE_BYTES: u64 = u32::MAX as u64 - 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Numbered,
    Flat,
    Json,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Numbered => "numbered",
            Format::Flat => "flat",
            Format::Json => "json",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("{path}: is a directory")]
    Directory { path: PathBuf },
    #[error("{path}: not a regular file")]
    NotRegular { path: PathBuf },
    #[error("{path}: file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: not a text file ({why})")]
    NotText { path: PathBuf, why: &'static str },
    #[error("{path}: not a valid thread in JSON: {message}")]
    Json { path: PathBuf, message: String },
}

/// A parsed thread and what the reader should be told about its input.
#[derive(Debug)]
pub struct Loaded {
    pub thread: Thread,
    pub format: Format,
    /// Invalid UTF-8 sequences replaced by U+FFFD.
    pub replaced_sequences: usize,
}

/// io::Error's text without the "(os error 2)" tail people do not need.
fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

/// Opens a file for reading. Refuses directories, FIFOs and devices before opening (a FIFO
/// would block, /dev/zero never ends), and files over the size limit.
fn open_file(path: &Path) -> Result<(File, u64), LoadError> {
    let meta = std::fs::metadata(path).map_err(|err| io_error(path, &err))?;
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
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let file = File::open(path).map_err(|err| io_error(path, &err))?;
    Ok((file, meta.len()))
}

fn io_error(path: &Path, err: &io::Error) -> LoadError {
    LoadError::Io {
        path: path.to_path_buf(),
        reason: describe(err),
    }
}

/// Reads a whole file (only ever opening it for reading).
pub fn read_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let (file, len) = open_file(path)?;
    let mut buf = Vec::with_capacity(len as usize);
    // Bounded even if the file grows while we read it.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|err| io_error(path, &err))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: buf.len() as u64,
        });
    }
    Ok(buf)
}

/// Turns raw bytes into UTF-8 with '\n' line endings, in place where possible.
/// Returns the text and how many invalid sequences were replaced.
fn decode(mut buf: Vec<u8>) -> Result<(Vec<u8>, usize), &'static str> {
    if buf.starts_with(&[0xFF, 0xFE]) || buf.starts_with(&[0xFE, 0xFF]) {
        return Err("UTF-16");
    }
    if memchr::memchr(0, &buf).is_some() {
        return Err("it contains NUL bytes");
    }
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    let mut replaced = 0;
    if std::str::from_utf8(&buf).is_err() {
        let mut fixed = String::with_capacity(buf.len() + 16);
        for chunk in buf.utf8_chunks() {
            fixed.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                fixed.push(char::REPLACEMENT_CHARACTER);
                replaced += 1;
            }
        }
        buf = fixed.into_bytes();
    }
    unify_line_endings(&mut buf);
    Ok((buf, replaced))
}

/// CRLF and lone CR become LF, in place.
pub(super) fn unify_line_endings(buf: &mut Vec<u8>) {
    let Some(first) = memchr::memchr(b'\r', buf) else {
        return;
    };
    let mut write = first;
    let mut read = first;
    while read < buf.len() {
        let byte = buf[read];
        read += 1;
        if byte == b'\r' {
            buf[write] = b'\n';
            if buf.get(read) == Some(&b'\n') {
                read += 1;
            }
        } else {
            buf[write] = byte;
        }
        write += 1;
    }
    buf.truncate(write);
}

/// Which format a file is in, by its content.
pub fn detect(text: &[u8]) -> Format {
    if json::looks_json(text) {
        Format::Json
    } else if numbered::looks_numbered(text) {
        Format::Numbered
    } else {
        Format::Flat
    }
}

/// Parses whole-file content as JSON.
fn parse_json(raw: Vec<u8>, path: &Path) -> Result<Loaded, LoadError> {
    let (text, replaced_sequences) = decode(raw).map_err(|why| LoadError::NotText {
        path: path.to_path_buf(),
        why,
    })?;
    let thread = json::parse(&text).map_err(|err| LoadError::Json {
        path: path.to_path_buf(),
        message: json::describe_error(&err),
    })?;
    Ok(Loaded {
        thread,
        format: Format::Json,
        replaced_sequences,
    })
}

fn failure(path: &Path, failure: Failure) -> LoadError {
    match failure {
        Failure::Io(err) => io_error(path, &err),
        Failure::NotText(why) => LoadError::NotText {
            path: path.to_path_buf(),
            why,
        },
        Failure::TooLarge(size) => LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
        },
    }
}

/// Reads and parses a text format from what `open` gives (a second time only when a file
/// read as flat turns out numbered past its kept start). `None`: the content is JSON.
fn load_text<R: Read + Send>(
    path: &Path,
    mut format: Option<Format>,
    open: impl Fn() -> Result<(R, usize), LoadError>,
) -> Result<Option<Loaded>, LoadError> {
    loop {
        let (source, size) = open()?;
        match stream::run(source, size, format).map_err(|err| failure(path, err))? {
            Outcome::Parsed {
                thread,
                format,
                replaced,
            } => {
                return Ok(Some(Loaded {
                    thread,
                    format,
                    replaced_sequences: replaced,
                }));
            }
            Outcome::Json => return Ok(None),
            Outcome::Restart(again) => format = Some(again),
        }
    }
}

/// Parses file content; `path` only names the file in errors.
pub fn parse_bytes(raw: Vec<u8>, format: Option<Format>, path: &Path) -> Result<Loaded, LoadError> {
    if format != Some(Format::Json)
        && let Some(loaded) = load_text(path, format, || Ok((&raw[..], raw.len())))?
    {
        return Ok(loaded);
    }
    parse_json(raw, path)
}

/// Reads and parses the file at `path`, detecting the format unless one is given.
pub fn load_path(path: &Path, format: Option<Format>) -> Result<Loaded, LoadError> {
    if format != Some(Format::Json)
        && let Some(loaded) = load_text(path, format, || {
            open_file(path).map(|(file, size)| (file, size as usize))
        })?
    {
        return Ok(loaded);
    }
    parse_json(read_file(path)?, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_unified() {
        let mut buf = b"a\r\nb\rc\n\r\nd\r".to_vec();
        unify_line_endings(&mut buf);
        assert_eq!(buf, b"a\nb\nc\n\nd\n");
    }

    #[test]
    fn decoding_counts_replacements_and_strips_the_bom() {
        let (text, replaced) = decode(b"\xEF\xBB\xBFok \xFF\xFE and \xE2\x82".to_vec()).unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "ok \u{FFFD}\u{FFFD} and \u{FFFD}"
        );
        assert_eq!(replaced, 3);
        assert_eq!(decode(b"\xFF\xFEa\0".to_vec()), Err("UTF-16"));
        assert!(decode(b"ab\0cd".to_vec()).is_err());
    }
}
