//! Which files a library is made of: each path given, folders read recursively, hidden files
//! and folders skipped, and files that plainly are not threads (images, archives, binaries by
//! their name) listed as skipped rather than read.

use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A file to read, or a path that gave nothing to read and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// How the list shows it: relative to the folder it was found in, or as given.
    pub shown: String,
    pub size: u64,
    /// Why it is not read, when it is not.
    pub skipped: Option<String>,
}

/// Endings of files that are never threads.
const NOT_THREADS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "svg", "tif", "tiff", "heic", "avif", "pdf",
    "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "mp3", "mp4", "m4a", "ogg", "opus",
    "wav", "flac", "webm", "mkv", "mov", "avi", "woff", "woff2", "ttf", "otf", "eot", "exe", "dll",
    "so", "dylib", "o", "a", "class", "jar", "pyc", "wasm", "db", "sqlite", "css", "js", "map",
];

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') && name != "." && name != "..")
}

fn not_a_thread(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| NOT_THREADS.iter().any(|n| n.eq_ignore_ascii_case(ext)))
}

/// The files under `paths`, in the order given, each folder's files sorted by name. A path
/// that cannot be read is a `Found` with the reason, so it shows as a row.
pub fn collect(paths: &[PathBuf]) -> Vec<Found> {
    let mut found = Vec::new();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) => {
                found.push(Found {
                    path: path.clone(),
                    shown: path.display().to_string(),
                    size: 0,
                    skipped: Some(describe(&err)),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            // Named on the command line: read it, whatever its name (the reader says what
            // it is).
            found.push(Found {
                path: path.clone(),
                shown: path.display().to_string(),
                size: meta.len(),
                skipped: None,
            });
            continue;
        }
        walk(path, &mut found);
    }
    found
}

fn walk(root: &Path, found: &mut Vec<Found>) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                let path = entry.path().to_path_buf();
                let shown = path
                    .strip_prefix(root)
                    .map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
                let size = entry.metadata().map_or(0, |m| m.len());
                let skipped = if !entry.file_type().is_file() {
                    Some("not a regular file".to_string())
                } else if not_a_thread(&path) {
                    Some("not a thread (by its name)".to_string())
                } else {
                    None
                };
                found.push(Found {
                    path,
                    shown,
                    size,
                    skipped,
                });
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let reason = if err.loop_ancestor().is_some() {
                    "a link back to a folder above it (a loop): not followed".to_string()
                } else {
                    err.io_error().map_or_else(|| err.to_string(), describe)
                };
                let shown = path
                    .strip_prefix(root)
                    .map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
                found.push(Found {
                    path,
                    shown,
                    size: 0,
                    skipped: Some(reason),
                });
            }
        }
    }
}

fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn folders_are_read_recursively_without_hidden_files_and_with_reasons() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/deeper")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        fs::write(root.join("b/deeper/c.json"), "{}").unwrap();
        fs::write(root.join(".hidden.txt"), "x").unwrap();
        fs::write(root.join(".git/config"), "x").unwrap();
        fs::write(root.join("photo.JPG"), "x").unwrap();
        std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
        let found = collect(&[root.to_path_buf()]);
        let rows: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|f| (f.shown.as_str(), f.skipped.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                ("a.txt", None),
                ("b/deeper/c.json", None),
                (
                    "b/loop",
                    Some("a link back to a folder above it (a loop): not followed")
                ),
                ("photo.JPG", Some("not a thread (by its name)")),
            ]
        );
        let missing = collect(&[root.join("nope.txt")]);
        assert_eq!(missing[0].skipped.as_deref(), Some("no such file"));
    }
}
