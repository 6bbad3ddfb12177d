//! The files a command reads, loaded one at a time: what `export` iterates over. A file
//! named is read or the run fails; a folder is read as the library reads it (recursively,
//! hidden files and files that are plainly not threads left out), and a file in it that
//! cannot be read is told and left out.

use crate::library::collect::collect;
use crate::thread::{self, LoadError, Loaded, Options};
use std::path::{Path, PathBuf};

/// Each file under `paths` loaded in turn, lazily: memory holds one file's threads at a
/// time. `skipped` hears of the files inside folders that are left out, and why.
pub fn load_each<'a>(
    paths: &'a [PathBuf],
    options: &'a Options,
    mut skipped: impl FnMut(&Path, &str) + 'a,
) -> impl Iterator<Item = Result<(PathBuf, Loaded), LoadError>> + 'a {
    // (file, why it is left out, whether it was named rather than found in a folder)
    let mut files: Vec<(PathBuf, Option<String>, bool)> = Vec::new();
    for path in paths {
        if path.is_dir() {
            files.extend(
                collect(std::slice::from_ref(path))
                    .into_iter()
                    .map(|found| (found.path, found.skipped, false)),
            );
        } else {
            files.push((path.clone(), None, true));
        }
    }
    files
        .into_iter()
        .filter_map(move |(path, left_out, named)| {
            if let Some(why) = left_out {
                skipped(&path, &why);
                return None;
            }
            match thread::load_path_with(&path, options) {
                Ok(loaded) => Some(Ok((path, loaded))),
                Err(err) if named => Some(Err(err)),
                Err(err) => {
                    let text = err.to_string();
                    let why = text.split_once(": ").map_or(text.as_str(), |(_, why)| why);
                    skipped(&path, why);
                    None
                }
            }
        })
}
