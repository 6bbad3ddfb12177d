//! A library: the threads of many files (a folder, several files, a file of many threads),
//! loaded in parallel off the UI thread, with a summary of each thread for the list and an
//! index of every commenter across all of them.

pub mod collect;
pub mod commenters;
pub mod loader;

use crate::thread::{Format, Thread, Timestamp};
use commenters::Commenters;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One file of the library and what became of it.
#[derive(Clone, Debug)]
pub struct FileRow {
    pub path: PathBuf,
    /// How the list names it (relative to the folder it was found in).
    pub shown: String,
    pub size: u64,
    pub state: FileState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    /// Not read yet.
    Waiting,
    Loaded {
        format: Format,
        /// What loading said about the file (skipped comments, doubts).
        notes: Vec<String>,
    },
    /// Read, but not a thread (not text, an image, structured data of an unknown shape).
    Skipped(String),
    /// Could not be read.
    Failed(String),
}

/// A thread of the library, with what the list shows of it.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Index into `Library::files`.
    pub file: usize,
    /// Its place among the threads of its file (0-based), and how many the file holds.
    pub place: usize,
    pub places: usize,
    pub format: Format,
    pub thread: Arc<Thread>,
    pub summary: Summary,
}

/// What the list shows of a thread, computed once while loading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub comments: usize,
    pub commenters: usize,
    /// The most active commenters, most comments first, with their counts.
    pub top: Vec<(String, usize)>,
    /// When the thread started: the article's time, else its first comment's.
    pub time: Option<Timestamp>,
}

/// How many of the most active commenters a summary keeps.
const TOP_COMMENTERS: usize = 3;

impl Summary {
    pub fn of(thread: &Thread) -> Summary {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut first_time: Option<Timestamp> = None;
        for id in 0..thread.len() {
            if let Some(author) = thread.author(id) {
                *counts.entry(author).or_default() += 1;
            }
            if let Some(time) = thread.time(id) {
                first_time = Some(first_time.map_or(time, |t| t.min(time)));
            }
        }
        let commenters = counts.len();
        let mut top: Vec<(&str, usize)> = counts.into_iter().collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        top.truncate(TOP_COMMENTERS);
        Summary {
            comments: thread.comment_count(),
            commenters,
            top: top.into_iter().map(|(n, c)| (n.to_string(), c)).collect(),
            time: thread.article_time().or(first_time),
        }
    }
}

/// Files read so far, of how many, in files and bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Files read whose threads come with notes (something left out, a doubtful guess):
    /// opening one of their threads shows them.
    pub files_with_notes: usize,
    /// Every file is read and the commenters are indexed.
    pub finished: bool,
}

#[derive(Default)]
pub struct Library {
    pub files: Vec<FileRow>,
    pub entries: Vec<Entry>,
    pub progress: Progress,
    /// Every commenter across the library; there once loading has finished.
    pub commenters: Option<Arc<Commenters>>,
}

impl Library {
    /// A library of the threads of one file that holds several (an export, an archive).
    /// The commenters are indexed off the UI thread: see `loader::index`.
    pub fn of_file(
        path: PathBuf,
        shown: String,
        size: u64,
        loaded: crate::thread::Loaded,
    ) -> Library {
        let (state, threads) = loader::file_result(Ok(loaded));
        let mut library = Library::default();
        library.apply(loader::Event::Found(vec![collect::Found {
            path,
            shown,
            size,
            skipped: None,
        }]));
        library.apply(loader::Event::Read {
            file: 0,
            state,
            threads,
        });
        library
    }

    /// The entries in the order of their files and places (entries are numbered as files
    /// finish loading).
    pub fn entries_in_file_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.entries.len()).collect();
        order.sort_by_key(|&e| (self.entries[e].file, self.entries[e].place));
        order
    }

    /// The list's name for an entry: its file, and its place when the file holds several.
    pub fn entry_name(&self, index: usize) -> String {
        let entry = &self.entries[index];
        let file = &self.files[entry.file].shown;
        if entry.places > 1 {
            format!("{file} #{}", entry.place + 1)
        } else {
            file.clone()
        }
    }

    /// Applies what the loader found.
    pub fn apply(&mut self, event: loader::Event) {
        match event {
            loader::Event::Found(found) => {
                self.progress.files_total = found.len();
                self.progress.bytes_total = found.iter().map(|f| f.size).sum();
                self.files = found
                    .into_iter()
                    .map(|f| FileRow {
                        state: match f.skipped {
                            Some(why) => FileState::Skipped(why),
                            None => FileState::Waiting,
                        },
                        path: f.path,
                        shown: f.shown,
                        size: f.size,
                    })
                    .collect();
                self.progress.files_done = self
                    .files
                    .iter()
                    .filter(|f| f.state != FileState::Waiting)
                    .count();
            }
            loader::Event::Read {
                file,
                state,
                threads,
            } => {
                if let Some(row) = self.files.get_mut(file) {
                    if matches!(&state, FileState::Loaded { notes, .. } if !notes.is_empty()) {
                        self.progress.files_with_notes += 1;
                    }
                    row.state = state;
                    self.progress.files_done += 1;
                    self.progress.bytes_done += row.size;
                    let places = threads.len();
                    for (place, (thread, format, summary)) in threads.into_iter().enumerate() {
                        self.entries.push(Entry {
                            file,
                            place,
                            places,
                            format,
                            thread,
                            summary,
                        });
                    }
                }
            }
            loader::Event::Indexed(commenters) => {
                self.commenters = Some(commenters);
                self.progress.finished = true;
            }
        }
    }
}
