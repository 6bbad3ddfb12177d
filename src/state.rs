//! Remembered places: where the reader left each file (selection, folds, focus, search and
//! filter), kept in `$XDG_STATE_HOME/thread-tui/places.toml` (else
//! `~/.local/state/thread-tui/`), keyed by the file's canonical path and size, so a changed
//! file starts fresh. The file is small (folds as the differences from the nearest
//! "unfold to level N" state, in runs) and capped to the most recent `MAX_PLACES` files; it
//! is written whole to a temporary file and renamed over the old one.

use crate::document::{Document, Focus};
use crate::outline::{Outline, Row};
use serde::Deserialize;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Files remembered; the oldest place is forgotten first.
pub const MAX_PLACES: usize = 200;
/// Fold runs kept per file: past this, the folds are not remembered (the rest is).
const MAX_FOLD_RUNS: usize = 10_000;
const FILE_NAME: &str = "places.toml";

/// A file's identity: its canonical path (as UTF-8) and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileKey {
    pub path: String,
    pub size: u64,
}

impl FileKey {
    /// None for a path that is not UTF-8 (it is then not remembered) or cannot be resolved.
    pub fn of(path: &Path) -> Option<FileKey> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let size = std::fs::metadata(&canonical).ok()?.len();
        Some(FileKey {
            path: canonical.to_str()?.to_string(),
            size,
        })
    }
}

/// Where the reader was in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub path: String,
    pub size: u64,
    /// The selected comment; None for the article.
    #[serde(default)]
    pub selected: Option<usize>,
    #[serde(default)]
    pub reader_focus: bool,
    #[serde(default)]
    pub reader_scroll: usize,
    /// The folds start as "unfold to level N" (0: all unfolded)…
    #[serde(default)]
    pub fold_level: u8,
    /// …and these runs of comments `[start, end)` are toggled from there.
    #[serde(default)]
    pub fold_changes: Vec<(usize, usize)>,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub filter: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlacesFile {
    #[serde(default)]
    place: Vec<Place>,
}

/// The folds of `outline` as a level and the runs that differ from it, whichever level
/// gives the fewest runs; None when even that is more than `MAX_FOLD_RUNS`.
fn fold_changes(doc: &Document) -> Option<(u8, Vec<(usize, usize)>)> {
    let folds = doc.outline.tree_folds();
    let mut best: Option<(u8, Vec<(usize, usize)>)> = None;
    for level in 0..=9u8 {
        let mut base = Outline::new(&doc.thread);
        if level > 0 {
            base.unfold_to_level(&doc.thread, usize::from(level));
        }
        let runs: Vec<(usize, usize)> = base
            .tree_folds()
            .symmetric_difference(folds)
            .ranges()
            .take(MAX_FOLD_RUNS + 1)
            .collect();
        if best
            .as_ref()
            .is_none_or(|(_, fewest)| runs.len() < fewest.len())
        {
            best = Some((level, runs));
        }
        if best.as_ref().is_some_and(|(_, runs)| runs.is_empty()) {
            break;
        }
    }
    best.filter(|(_, runs)| runs.len() <= MAX_FOLD_RUNS)
}

impl Place {
    /// Where `doc` is now.
    pub fn of(doc: &Document, key: &FileKey) -> Place {
        let (fold_level, fold_changes) = fold_changes(doc).unwrap_or_default();
        Place {
            path: key.path.clone(),
            size: key.size,
            selected: doc.selected_comment(),
            reader_focus: doc.focus == Focus::Reader,
            reader_scroll: doc.settled_reader_scroll(),
            fold_level,
            fold_changes,
            query: doc.search.part().to_string(),
            filter: doc.outline.filter().is_some(),
        }
    }

    /// Puts `doc` (freshly opened) where this place was. Values out of the thread's range
    /// (a file changed without changing size) are left out.
    pub fn restore(&self, doc: &mut Document) {
        let thread = std::sync::Arc::clone(&doc.thread);
        let outline = &mut doc.outline;
        if self.fold_level > 0 {
            outline.unfold_to_level(&thread, usize::from(self.fold_level));
        }
        for &(start, end) in &self.fold_changes {
            for id in start..end.min(thread.len()) {
                if outline.is_folded(id) {
                    outline.unfold(id);
                } else {
                    outline.fold(&thread, id);
                }
            }
        }
        match self.selected {
            Some(id) if id < thread.len() => outline.reveal(&thread, id),
            _ => outline.selected = Row::Article,
        }
        if self.reader_focus {
            doc.focus = Focus::Reader;
        }
        // The reader opens on the selection at this scroll (`App::prepare` takes it).
        doc.restored_scroll = Some(self.reader_scroll);
        if !self.query.is_empty() {
            doc.search.set_part(&self.query);
            doc.pending_filter = self.filter;
        }
    }
}

/// The remembered places, newest first.
#[derive(Debug, Default)]
pub struct Places {
    places: Vec<Place>,
}

/// Where the places are kept: `$XDG_STATE_HOME/thread-tui/`, else `~/.local/state/thread-tui/`.
pub fn default_dir() -> Option<PathBuf> {
    crate::config::base_dir("XDG_STATE_HOME", ".local/state").map(|dir| dir.join("thread-tui"))
}

impl Places {
    /// The places in `dir`; none when there is no file yet. A file that cannot be read is
    /// an error to tell (as a notice): the reader then starts fresh.
    pub fn load(dir: &Path) -> Result<Places, String> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Places::default());
            }
            Err(err) => return Err(crate::thread::load::describe_io_error(&err)),
        };
        let file: PlacesFile = toml::from_str(&text).map_err(|err| {
            err.message()
                .lines()
                .next()
                .unwrap_or("not readable")
                .to_string()
        })?;
        Ok(Places { places: file.place })
    }

    pub fn find(&self, key: &FileKey) -> Option<&Place> {
        self.places
            .iter()
            .find(|place| place.path == key.path && place.size == key.size)
    }

    /// Remembers `place` as the newest, forgetting the same file's older place (of any
    /// size) and the oldest past `MAX_PLACES`.
    pub fn remember(&mut self, place: Place) {
        self.places.retain(|known| known.path != place.path);
        self.places.insert(0, place);
        self.places.truncate(MAX_PLACES);
    }

    /// Writes the places to `dir` (made if missing) through a temporary file renamed over
    /// the old one, so a crash leaves the old file or the new one, never half of one.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(FILE_NAME);
        let temporary = dir.join(format!("{FILE_NAME}.{}.tmp", std::process::id()));
        let result = std::fs::File::create(&temporary).and_then(|mut file| {
            file.write_all(self.to_toml().as_bytes())?;
            file.sync_all()
        });
        match result.and_then(|()| std::fs::rename(&temporary, &path)) {
            Ok(()) => Ok(()),
            Err(err) => {
                let _ = std::fs::remove_file(&temporary);
                Err(err)
            }
        }
    }

    fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Where thread-tui left each file, newest first (deleting this file forgets them).\n",
        );
        for place in &self.places {
            let _ = write!(
                out,
                "\n[[place]]\npath = {}\nsize = {}\n",
                toml_string(&place.path),
                place.size
            );
            if let Some(id) = place.selected {
                let _ = writeln!(out, "selected = {id}");
            }
            if place.reader_focus {
                out.push_str("reader_focus = true\n");
            }
            if place.reader_scroll > 0 {
                let _ = writeln!(out, "reader_scroll = {}", place.reader_scroll);
            }
            if place.fold_level > 0 {
                let _ = writeln!(out, "fold_level = {}", place.fold_level);
            }
            if !place.fold_changes.is_empty() {
                let runs: Vec<String> = place
                    .fold_changes
                    .iter()
                    .map(|(start, end)| format!("[{start}, {end}]"))
                    .collect();
                let _ = writeln!(out, "fold_changes = [{}]", runs.join(", "));
            }
            if !place.query.is_empty() {
                let _ = writeln!(out, "query = {}", toml_string(&place.query));
            }
            if place.filter {
                out.push_str("filter = true\n");
            }
        }
        out
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_back_as_written() {
        let place = Place {
            path: "/tmp/a \"quoted\" \\ name\u{1b}[31m.txt".into(),
            size: 42,
            selected: Some(7),
            reader_focus: true,
            reader_scroll: 3,
            fold_level: 2,
            fold_changes: vec![(1, 2), (5, 9)],
            query: "zoë".into(),
            filter: true,
        };
        let mut places = Places::default();
        places.remember(place.clone());
        let file: PlacesFile = toml::from_str(&places.to_toml()).unwrap();
        assert_eq!(file.place, [place]);
    }

    #[test]
    fn the_oldest_place_goes_first_and_a_file_has_one_place() {
        let mut places = Places::default();
        for n in 0..MAX_PLACES + 5 {
            places.remember(Place {
                path: format!("/f{n}"),
                size: 1,
                ..Place::default()
            });
        }
        places.remember(Place {
            path: "/f10".into(),
            size: 2,
            ..Place::default()
        });
        assert_eq!(places.places.len(), MAX_PLACES);
        assert_eq!(places.places[0].path, "/f10");
        assert_eq!(places.places.iter().filter(|p| p.path == "/f10").count(), 1);
        assert!(places.places.iter().all(|p| p.path != "/f0"));
        let key = FileKey {
            path: "/f10".into(),
            size: 1,
        };
        assert!(places.find(&key).is_none(), "a changed size is a new file");
    }
}
