//! One open thread and the reader's place in it: folds, selection, scroll, search, the
//! prompt being typed and the wrapped text of the reader. Each thread of a library keeps
//! its own, so going back to a thread finds it as it was left.

use crate::outline::{Filter, Outline, Row};
use crate::search::Search;
use crate::thread::Thread;
use crate::ui::reader::{Laid, ReaderCache};
use std::rc::Rc;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Reader,
}

/// The search prompt's editing state; meaningful while `Mode::Prompt` is on.
#[derive(Debug, Default)]
pub struct Prompt {
    /// Byte offset of the cursor in the query.
    pub cursor: usize,
    /// The search and filtered view as they were when `/` opened the prompt: Esc gives
    /// them back.
    pub(crate) saved_query: String,
    pub(crate) saved_filter: Option<Filter>,
}

pub struct Document {
    /// Shared with the thread that builds the author index.
    pub thread: Arc<Thread>,
    /// What the status line calls the thread: its file, and its place when the file holds
    /// several threads.
    pub file_name: String,
    pub outline: Outline,
    pub search: Search,
    pub focus: Focus,
    pub prompt: Prompt,
    /// The row the reader shows and how far it is scrolled.
    pub reader_row: Row,
    pub reader_scroll: usize,
    pub reader_cache: ReaderCache,
    /// The reader's text for `reader_row` at the width last laid out (see `App::prepare`).
    pub reader_text: Option<Rc<Laid>>,
    /// Once the search's matches are known, select the first at or after this row (`--author`,
    /// or Enter in the prompt before the author index was ready).
    pub(crate) pending_jump: Option<Row>,
    /// Once the matches are known, show only them (Enter in a prompt opened from the filter).
    pub(crate) pending_filter: bool,
}

impl Document {
    pub fn new(thread: Thread, file_name: String) -> Self {
        Document::shared(Arc::new(thread), file_name)
    }

    /// A document over a thread a library already holds.
    pub fn shared(thread: Arc<Thread>, file_name: String) -> Self {
        let outline = Outline::new(&thread);
        Document {
            thread,
            file_name,
            outline,
            search: Search::default(),
            focus: Focus::Outline,
            prompt: Prompt::default(),
            reader_row: Row::Article,
            reader_scroll: 0,
            reader_cache: ReaderCache::default(),
            reader_text: None,
            pending_jump: None,
            pending_filter: false,
        }
    }

    pub fn selected_comment(&self) -> Option<usize> {
        match self.outline.selected {
            Row::Comment(id) => Some(id),
            Row::Article => None,
        }
    }
}
