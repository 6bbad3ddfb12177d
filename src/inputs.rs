//! The files a command reads, loaded one at a time: what `export` (and a dump of several
//! files) iterates over. One function, so that loading a folder as a library can take its
//! place.

use crate::thread::{self, LoadError, Loaded, Options};
use std::path::{Path, PathBuf};

/// Each path loaded in turn, lazily: memory holds one file's threads at a time. A directory
/// is refused with a message saying what to give instead.
pub fn load_each<'a>(
    paths: &'a [PathBuf],
    options: &'a Options,
) -> impl Iterator<Item = Result<(PathBuf, Loaded), LoadError>> + 'a {
    paths.iter().map(move |path| load_one(path, options))
}

fn load_one(path: &Path, options: &Options) -> Result<(PathBuf, Loaded), LoadError> {
    if path.is_dir() {
        return Err(LoadError::Io {
            path: path.to_path_buf(),
            reason: "is a directory: give the thread files in it (for example DIR/*)".into(),
        });
    }
    let loaded = thread::load_path_with(path, options)?;
    Ok((path.to_path_buf(), loaded))
}
