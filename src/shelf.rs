//! The library's views and their state: the list of threads (sorted, filtered by title), a
//! commenter's comments across the library, and every commenter. The threads' own documents
//! are parked here while another one is open, so each keeps its place.

use crate::document::Document;
use crate::library::loader::Loading;
use crate::library::{FileState, Library};
use crate::text::fold::fold;
use std::cmp::Ordering;

/// What fills the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// One thread: the outline and the reader.
    Thread,
    /// The library's threads.
    List,
    /// Every comment of a commenter across the library.
    Results,
    /// Every commenter of the library.
    Commenters,
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// As the files were given and found.
    File,
    Title,
    Date,
    /// Most comments first.
    Size,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::File => SortKey::Title,
            SortKey::Title => SortKey::Date,
            SortKey::Date => SortKey::Size,
            SortKey::Size => SortKey::File,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::File => "file",
            SortKey::Title => "title",
            SortKey::Date => "date",
            SortKey::Size => "comments",
        }
    }
}

/// A row of the list: a thread, or a file that gave none (still reading, skipped, failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRow {
    Thread(usize),
    File(usize),
}

/// A movable selection over rows, with the first row on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub top: usize,
    /// The reader has moved the selection: it follows its row as rows arrive and re-sort.
    /// Until then it stays on the first row, so a list filling in does not jump away.
    pub held: bool,
}

impl Cursor {
    pub fn move_by(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
    }

    pub fn to_end(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    /// Keeps the selection on one of `height` rows, with a margin where there is room.
    pub fn scroll(&mut self, height: usize, len: usize) {
        if height == 0 {
            return;
        }
        self.selected = self.selected.min(len.saturating_sub(1));
        let margin = 2.min(height.saturating_sub(1) / 2);
        if self.selected < self.top + margin {
            self.top = self.selected.saturating_sub(margin);
        } else if self.selected + margin >= self.top + height {
            self.top = self.selected + margin + 1 - height;
        }
        self.top = self.top.min(len.saturating_sub(height));
    }
}

#[derive(Debug)]
pub struct List {
    pub sort: SortKey,
    pub reverse: bool,
    /// Only threads whose title holds this (case- and accent-insensitive).
    pub filter: String,
    pub rows: Vec<ListRow>,
    pub cursor: Cursor,
}

impl Default for List {
    fn default() -> Self {
        List {
            sort: SortKey::File,
            reverse: false,
            filter: String::new(),
            rows: Vec::new(),
            cursor: Cursor::default(),
        }
    }
}

impl List {
    /// Rebuilds the rows from the library, keeping the selected row selected.
    pub fn rebuild(&mut self, library: &Library) {
        let selected = self.rows.get(self.cursor.selected).copied();
        let key = fold(self.filter.trim());
        let mut rows: Vec<ListRow> = (0..library.entries.len())
            .filter(|&e| key.is_empty() || fold(library.entries[e].thread.title()).contains(&key))
            .map(ListRow::Thread)
            .collect();
        if key.is_empty() {
            rows.extend(
                library
                    .files
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| !matches!(f.state, FileState::Loaded { .. }))
                    .map(|(index, _)| ListRow::File(index)),
            );
        }
        let order = |a: &ListRow, b: &ListRow| compare(library, self.sort, *a, *b);
        rows.sort_by(order);
        if self.reverse {
            rows.reverse();
        }
        self.rows = rows;
        if self.cursor.held
            && let Some(row) = selected
            && let Some(at) = self.rows.iter().position(|&r| r == row)
        {
            self.cursor.selected = at;
        }
        self.cursor.selected = self.cursor.selected.min(self.rows.len().saturating_sub(1));
    }
}

fn file_of(library: &Library, row: ListRow) -> (usize, usize) {
    match row {
        ListRow::Thread(e) => (library.entries[e].file, library.entries[e].place),
        ListRow::File(f) => (f, 0),
    }
}

/// Rows by the sort key; ties (and files without threads) by their place in the files.
fn compare(library: &Library, sort: SortKey, a: ListRow, b: ListRow) -> Ordering {
    let by_file = file_of(library, a).cmp(&file_of(library, b));
    let (ListRow::Thread(a), ListRow::Thread(b)) = (a, b) else {
        // Threads before the files that gave none, in every order.
        return match (a, b) {
            (ListRow::Thread(_), ListRow::File(_)) => Ordering::Less,
            (ListRow::File(_), ListRow::Thread(_)) => Ordering::Greater,
            _ => by_file,
        };
    };
    let (ea, eb) = (&library.entries[a], &library.entries[b]);
    let primary = match sort {
        SortKey::File => Ordering::Equal,
        SortKey::Title => fold(ea.thread.title()).cmp(&fold(eb.thread.title())),
        // Threads with a time first, oldest first.
        SortKey::Date => match (ea.summary.time, eb.summary.time) {
            (Some(x), Some(y)) => x.wall().cmp(&y.wall()),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortKey::Size => eb.summary.comments.cmp(&ea.summary.comments),
    };
    primary.then(by_file)
}

/// A row of a commenter's comments across the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultRow {
    /// A thread's heading, with how many of the comments are in it.
    Thread {
        entry: usize,
        count: usize,
    },
    Comment {
        entry: usize,
        node: usize,
    },
}

#[derive(Debug)]
pub struct Results {
    /// What was searched: an exact name or part of names.
    pub query: String,
    pub exact: bool,
    pub rows: Vec<ResultRow>,
    pub comments: usize,
    pub cursor: Cursor,
}

/// Every commenter, sortable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommenterSort {
    Comments,
    Threads,
    Name,
    FirstSeen,
    LastSeen,
}

impl CommenterSort {
    pub fn next(self) -> CommenterSort {
        match self {
            CommenterSort::Comments => CommenterSort::Threads,
            CommenterSort::Threads => CommenterSort::Name,
            CommenterSort::Name => CommenterSort::FirstSeen,
            CommenterSort::FirstSeen => CommenterSort::LastSeen,
            CommenterSort::LastSeen => CommenterSort::Comments,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CommenterSort::Comments => "comments",
            CommenterSort::Threads => "threads",
            CommenterSort::Name => "name",
            CommenterSort::FirstSeen => "first seen",
            CommenterSort::LastSeen => "last seen",
        }
    }
}

#[derive(Debug)]
pub struct CommenterList {
    pub sort: CommenterSort,
    pub reverse: bool,
    /// Indices into the library's commenters, in the order shown.
    pub order: Vec<usize>,
    pub cursor: Cursor,
}

impl Default for CommenterList {
    fn default() -> Self {
        CommenterList {
            sort: CommenterSort::Comments,
            reverse: false,
            order: Vec::new(),
            cursor: Cursor::default(),
        }
    }
}

impl CommenterList {
    pub fn rebuild(&mut self, library: &Library) {
        let Some(commenters) = &library.commenters else {
            self.order.clear();
            return;
        };
        let list = commenters.list();
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&list[a], &list[b]);
            let primary = match self.sort {
                CommenterSort::Comments => y.comments.cmp(&x.comments),
                CommenterSort::Threads => y.threads.cmp(&x.threads),
                CommenterSort::Name => fold(&x.name).cmp(&fold(&y.name)),
                CommenterSort::FirstSeen => {
                    x.first.map(|t| t.wall()).cmp(&y.first.map(|t| t.wall()))
                }
                CommenterSort::LastSeen => y.last.map(|t| t.wall()).cmp(&x.last.map(|t| t.wall())),
            };
            primary.then_with(|| x.name.cmp(&y.name))
        });
        if self.reverse {
            order.reverse();
        }
        self.order = order;
        self.cursor.selected = self.cursor.selected.min(self.order.len().saturating_sub(1));
    }
}

/// What a line typed in a library view is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Filters the list by title as it is typed.
    FilterTitles,
    /// Finds a commenter across the library: candidates show as it is typed.
    FindCommenter,
}

/// A line being typed in a library view.
#[derive(Debug)]
pub struct Input {
    pub purpose: Purpose,
    pub text: String,
    /// Byte offset of the cursor.
    pub cursor: usize,
    /// The text before the prompt opened, for Esc.
    pub saved: String,
    /// The commenters matching the text, most comments first (FindCommenter).
    pub candidates: Vec<usize>,
    /// The candidate chosen with the arrows or Tab: Enter takes exactly that name.
    pub picked: Option<usize>,
}

impl Input {
    pub fn new(purpose: Purpose, text: String) -> Input {
        Input {
            purpose,
            cursor: text.len(),
            saved: text.clone(),
            text,
            candidates: Vec::new(),
            picked: None,
        }
    }
}

/// The library with its views.
pub struct Shelf {
    pub library: Library,
    pub loading: Option<Loading>,
    pub list: List,
    pub results: Option<Results>,
    pub commenters: CommenterList,
    pub input: Option<Input>,
    /// The documents of threads opened before and left, by entry.
    parked: Vec<Option<Document>>,
    /// The entry the app's document shows.
    pub open: Option<usize>,
    /// Where going back from a thread leads.
    pub back_to: View,
}

impl Shelf {
    pub fn new(library: Library, loading: Option<Loading>) -> Shelf {
        let mut shelf = Shelf {
            library,
            loading,
            list: List::default(),
            results: None,
            commenters: CommenterList::default(),
            input: None,
            parked: Vec::new(),
            open: None,
            back_to: View::List,
        };
        shelf.list.rebuild(&shelf.library);
        shelf.commenters.rebuild(&shelf.library);
        shelf
    }

    /// Takes what the loader sent since last time; returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        let events = loading.poll();
        if events.is_empty() {
            return false;
        }
        let mut indexed = false;
        for event in events {
            indexed |= matches!(event, crate::library::loader::Event::Indexed(_));
            self.library.apply(event);
        }
        if indexed {
            self.loading = None;
            self.commenters.rebuild(&self.library);
            // A name typed while the library was read is looked up now.
            if let (Some(input), Some(index)) = (&mut self.input, &self.library.commenters)
                && input.purpose == Purpose::FindCommenter
            {
                input.candidates = index.matching(&input.text);
            }
        }
        self.list.rebuild(&self.library);
        true
    }

    /// Keeps `doc` (the document of entry `open`) for later.
    pub fn park(&mut self, entry: usize, doc: Document) {
        if self.parked.len() <= entry {
            self.parked.resize_with(entry + 1, || None);
        }
        self.parked[entry] = Some(doc);
    }

    /// The document of `entry` as it was left, or a fresh one.
    pub fn unpark(&mut self, entry: usize) -> Document {
        if let Some(doc) = self.parked.get_mut(entry).and_then(Option::take) {
            return doc;
        }
        let thread = std::sync::Arc::clone(&self.library.entries[entry].thread);
        let mut doc = Document::shared(thread, self.library.entry_name(entry));
        let file = self.library.entries[entry].file;
        doc.source = self.library.files.get(file).map(|file| file.path.clone());
        doc
    }

    /// The comments of `commenters` (indices into the library's commenters), grouped by
    /// thread in list order (by file).
    pub fn results_for(&self, query: String, exact: bool, commenters: &[usize]) -> Results {
        let mut rows = Vec::new();
        let mut comments = 0;
        if let Some(index) = &self.library.commenters {
            let mut places = index.places_of(commenters);
            places.sort_by_key(|&(entry, node)| {
                let e = &self.library.entries[entry as usize];
                (e.file, e.place, node)
            });
            let mut at = 0;
            while at < places.len() {
                let entry = places[at].0;
                let end = at + places[at..].iter().take_while(|p| p.0 == entry).count();
                rows.push(ResultRow::Thread {
                    entry: entry as usize,
                    count: end - at,
                });
                rows.extend(
                    places[at..end]
                        .iter()
                        .map(|&(entry, node)| ResultRow::Comment {
                            entry: entry as usize,
                            node: node as usize,
                        }),
                );
                comments += end - at;
                at = end;
            }
        }
        Results {
            query,
            exact,
            rows,
            comments,
            cursor: Cursor {
                selected: 1,
                top: 0,
                held: true,
            },
        }
    }
}
