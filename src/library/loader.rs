//! Loads a library off the UI thread: finds the files, reads them in parallel (rayon), and
//! reports each file as it finishes, so the list shows at once and fills in. A file that
//! cannot be read becomes a row with its reason and never stops the rest.

use super::collect::{Found, collect};
use super::commenters::Commenters;
use super::{FileState, Summary};
use crate::thread::budget::CommentBudget;
use crate::thread::{Format, LoadError, Loaded, Options, Thread, load_path_within};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What the loader reports, in order: the files, then each file read, then the index.
pub enum Event {
    Found(Vec<Found>),
    Read {
        file: usize,
        state: FileState,
        threads: Vec<(Arc<Thread>, Format, Summary)>,
    },
    Indexed(Arc<Commenters>),
}

/// A library being loaded; dropping it stops the loading at the next file.
pub struct Loading {
    events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Loading {
    /// What happened since the last call, without waiting.
    pub fn poll(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// Waits for the next event; None once everything is loaded.
    pub fn wait(&self) -> Option<Event> {
        self.events.recv().ok()
    }
}

/// Starts loading `paths` (files and folders) in the background.
pub fn start(paths: Vec<PathBuf>, options: Options) -> Loading {
    let (tx, events) = channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = Arc::clone(&cancel);
    std::thread::spawn(move || run(paths, options, tx, stop));
    Loading { events, cancel }
}

/// Indexes the commenters of a library already loaded, in the background.
pub fn index(library: &super::Library) -> Loading {
    let (tx, events) = channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let threads: Vec<Arc<Thread>> = library
        .entries
        .iter()
        .map(|e| Arc::clone(&e.thread))
        .collect();
    std::thread::spawn(move || {
        let commenters =
            Commenters::build(threads.iter().enumerate().map(|(i, t)| (i, t.as_ref())));
        let _ = tx.send(Event::Indexed(Arc::new(commenters)));
    });
    Loading { events, cancel }
}

/// Loads a library and waits for it (for dumps); `on_file` hears of each file read.
pub fn load_blocking(
    paths: Vec<PathBuf>,
    options: Options,
    mut on_file: impl FnMut(&super::FileRow),
) -> super::Library {
    let loading = start(paths, options);
    let mut library = super::Library::default();
    while let Some(event) = loading.wait() {
        let file = match &event {
            Event::Read { file, .. } => Some(*file),
            _ => None,
        };
        let done = matches!(event, Event::Indexed(_));
        library.apply(event);
        if let Some(file) = file {
            on_file(&library.files[file]);
        }
        if done {
            break;
        }
    }
    library
}

/// Turns what loading one file gave into its row and threads.
pub fn file_result(
    result: Result<Loaded, LoadError>,
) -> (FileState, Vec<(Arc<Thread>, Format, Summary)>) {
    match result {
        Ok(loaded) => {
            let format = loaded.format;
            let threads: Vec<_> = loaded
                .threads
                .into_iter()
                .filter(|t| !(t.is_empty() && t.title().is_empty() && t.article().is_empty()))
                .map(|thread| {
                    let summary = Summary::of(&thread);
                    (Arc::new(thread), format, summary)
                })
                .collect();
            if threads.is_empty() {
                return (FileState::Skipped("empty: no text".into()), threads);
            }
            let state = FileState::Loaded {
                format,
                notes: loaded.notes,
            };
            (state, threads)
        }
        // Not a thread at all: listed as skipped, not as an error.
        Err(err @ (LoadError::NotText { .. } | LoadError::Unknown { .. })) => {
            (FileState::Skipped(reason(&err)), Vec::new())
        }
        Err(err) => (FileState::Failed(reason(&err)), Vec::new()),
    }
}

/// The error without the path in front (the row shows the file).
fn reason(err: &LoadError) -> String {
    let text = err.to_string();
    match text.split_once(": ") {
        Some((_, why)) => why.to_string(),
        None => text,
    }
}

fn run(paths: Vec<PathBuf>, options: Options, tx: Sender<Event>, cancel: Arc<AtomicBool>) {
    let found = collect(&paths);
    let to_read: Vec<(usize, PathBuf)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.skipped.is_none())
        .map(|(index, f)| (index, f.path.clone()))
        .collect();
    // One budget of comments for the whole library, so that many files of comments a few
    // bytes long cost no more than one file of them all would.
    let bytes = found
        .iter()
        .filter(|f| f.skipped.is_none())
        .map(|f| usize::try_from(f.size).unwrap_or(usize::MAX))
        .fold(0usize, usize::saturating_add);
    let budget = CommentBudget::for_library(bytes);
    if tx.send(Event::Found(found)).is_err() {
        return;
    }
    // Entries are numbered in the order the library receives them: numbering and sending
    // happen together, under one lock, so the commenter index can use the same numbers.
    let sending = Mutex::new((0usize, tx));
    let read: Vec<(usize, Vec<Arc<Thread>>)> = to_read
        .into_par_iter()
        .filter_map(|(file, path)| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let (state, threads) = file_result(load_path_within(&path, &options, Some(&budget)));
            let kept: Vec<Arc<Thread>> = threads.iter().map(|(t, ..)| Arc::clone(t)).collect();
            let mut guard = sending.lock().ok()?;
            let first = guard.0;
            guard.0 += kept.len();
            guard
                .1
                .send(Event::Read {
                    file,
                    state,
                    threads,
                })
                .ok()?;
            Some((first, kept))
        })
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return;
    }
    let commenters = Commenters::build(read.iter().flat_map(|(first, threads)| {
        threads
            .iter()
            .enumerate()
            .map(move |(place, thread)| (first + place, thread.as_ref()))
    }));
    if let Ok(guard) = sending.lock() {
        let _ = guard.1.send(Event::Indexed(Arc::new(commenters)));
    }
}
