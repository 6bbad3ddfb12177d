//! One open thread and the reader's place in it: folds, selection, scroll, search, the
//! prompt being typed, the commenters panel and the wrapped text of the reader. Each thread
//! of a library keeps its own, so going back to a thread finds it as it was left.

use crate::outline::{Filter, Outline, Row};
use crate::panel::Panel;
use crate::search::{People, Search};
use crate::thread::{AuthorIndex, CommenterId, Thread};
use crate::ui::reader::{Laid, ReaderCache, Subject};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Reader,
}

/// What the reader pane shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReaderView {
    /// The selected row.
    #[default]
    Comment,
    /// The chain from the top-level comment down to the selected one, as one text.
    Context,
    /// Every comment of the exchange between two people, as one text.
    Exchange,
}

/// Which search the prompt edits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PromptKind {
    /// Part of a commenter's name, with the picker of matching commenters under it.
    #[default]
    Commenter,
    /// Words in the comments' text.
    Text,
}

/// The search prompt's editing state; meaningful while `Mode::Prompt` is on.
#[derive(Debug, Default)]
pub struct Prompt {
    pub kind: PromptKind,
    /// Byte offset of the cursor in the query.
    pub cursor: usize,
    /// The commenters whose name holds what was typed, most comments first (the picker).
    pub candidates: Vec<CommenterId>,
    /// The part of a name `candidates` were listed for; None until listed.
    pub(crate) candidates_for: Option<String>,
    /// The picker's row chosen with the arrows or Tab.
    pub chosen: Option<usize>,
    /// The search and filtered view as they were when the prompt opened: Esc gives them back.
    pub(crate) saved_people: People,
    pub(crate) saved_text: String,
    pub(crate) saved_filter: Option<Filter>,
}

impl Prompt {
    /// The commenter chosen in the picker.
    pub fn chosen_commenter(&self) -> Option<CommenterId> {
        self.chosen.and_then(|at| self.candidates.get(at).copied())
    }
}

/// The thread's author index: built on a second thread for the reader, or here on first use.
#[derive(Default)]
pub enum Authors {
    #[default]
    Absent,
    Building(Receiver<AuthorIndex>),
    Ready(Arc<AuthorIndex>),
}

impl Authors {
    /// Starts building the index on a second thread; `poll` picks it up.
    pub fn build_in_background(&mut self, thread: Arc<Thread>) {
        if !matches!(self, Authors::Absent) {
            return;
        }
        let (send, receive) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("author-index".into())
            .spawn(move || {
                // The reader may have quit meanwhile: nobody to tell, nothing to do.
                let _ = send.send(AuthorIndex::build(&thread));
            });
        if spawned.is_ok() {
            *self = Authors::Building(receive);
        }
    }

    /// Takes the index if the second thread finished it; returns whether it just arrived.
    pub fn poll(&mut self) -> bool {
        let Authors::Building(receive) = self else {
            return false;
        };
        match receive.try_recv() {
            Ok(index) => {
                *self = Authors::Ready(Arc::new(index));
                true
            }
            Err(TryRecvError::Empty) => false,
            // The builder died (it cannot, short of a panic): build on first use instead.
            Err(TryRecvError::Disconnected) => {
                *self = Authors::Absent;
                false
            }
        }
    }

    /// Builds the index now on this thread unless it exists or is being built.
    pub fn build_now(&mut self, thread: &Thread) {
        if matches!(self, Authors::Absent) {
            *self = Authors::Ready(Arc::new(AuthorIndex::build(thread)));
        }
    }

    pub fn is_building(&self) -> bool {
        matches!(self, Authors::Building(_))
    }

    pub fn get(&self) -> Option<&Arc<AuthorIndex>> {
        match self {
            Authors::Ready(index) => Some(index),
            _ => None,
        }
    }
}

pub struct Document {
    /// Shared with the threads that build the author index and scan the text.
    pub thread: Arc<Thread>,
    /// What the status line calls the thread: its file, and its place when the file holds
    /// several threads.
    pub file_name: String,
    /// The file the thread was read from (None for standard input): never written over.
    pub source: Option<PathBuf>,
    pub outline: Outline,
    pub authors: Authors,
    pub search: Search,
    pub focus: Focus,
    pub prompt: Prompt,
    pub panel: Panel,
    pub reader_view: ReaderView,
    /// How far the reader's body is scrolled (the header stays).
    pub reader_scroll: usize,
    /// The reader's scroll from a remembered place, for the first frame.
    pub restored_scroll: Option<usize>,
    /// Scrolling asked for while the reader showed a stand-in for this subject (its layout
    /// under way), or a remembered scroll: done once the layout arrives, so `G` typed
    /// meanwhile still reaches the end.
    pub(crate) scroll_while_pending: Option<(Subject, ScrollTarget)>,
    pub reader_cache: ReaderCache,
    /// What the reader showed last frame and its text as `App::prepare` laid it out.
    pub reader_subject: Option<Subject>,
    pub reader_text: Option<Rc<Laid>>,
    /// What the reader's scroll was last set for: the subject, the selection and the text
    /// query. When one changes, the reader goes to the top (or to the first match, or to
    /// the selected comment of an exchange).
    pub(crate) reader_anchor: Option<(Subject, Row, String)>,
    /// Once the search's matches are known, select the first at or after this row (`--author`,
    /// or Enter in the prompt before the matches were known).
    pub(crate) pending_jump: Option<Row>,
    /// Once the matches are known, show only them (Enter in a prompt opened from the filter).
    pub(crate) pending_filter: bool,
}

/// Where the reader is to scroll once its text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollTarget {
    /// This many rows from where the layout puts it (the top, or the first match).
    By(isize),
    /// This row (`usize::MAX`: the end).
    To(usize),
}

impl ScrollTarget {
    /// This target, then `then`: a move to a row forgets the moves before it.
    pub fn then(self, then: ScrollTarget) -> ScrollTarget {
        match (self, then) {
            (_, ScrollTarget::To(row)) => ScrollTarget::To(row),
            (ScrollTarget::By(a), ScrollTarget::By(b)) => ScrollTarget::By(a.saturating_add(b)),
            (ScrollTarget::To(row), ScrollTarget::By(b)) => {
                ScrollTarget::To(row.saturating_add_signed(b))
            }
        }
    }

    /// The row it gives from `base`, at most `max`.
    pub fn apply(self, base: usize, max: usize) -> usize {
        match self {
            ScrollTarget::By(delta) => base.saturating_add_signed(delta),
            ScrollTarget::To(row) => row,
        }
        .min(max)
    }
}

impl Document {
    /// The reader's scroll as it will be: a remembered or typed scroll still waiting for its
    /// layout counts (what is saved as the place).
    pub fn settled_reader_scroll(&self) -> usize {
        match (&self.scroll_while_pending, &self.reader_subject) {
            (Some((pending, ScrollTarget::To(row))), Some(subject)) if pending == subject => *row,
            _ => self.reader_scroll,
        }
    }

    pub fn new(thread: Thread, file_name: String) -> Self {
        Document::shared(Arc::new(thread), file_name)
    }

    /// A document over a thread a library already holds.
    pub fn shared(thread: Arc<Thread>, file_name: String) -> Self {
        let outline = Outline::new(&thread);
        Document {
            thread,
            file_name,
            source: None,
            outline,
            authors: Authors::default(),
            search: Search::default(),
            focus: Focus::Outline,
            prompt: Prompt::default(),
            panel: Panel::default(),
            reader_view: ReaderView::Comment,
            reader_scroll: 0,
            restored_scroll: None,
            scroll_while_pending: None,
            reader_cache: ReaderCache::default(),
            reader_subject: None,
            reader_text: None,
            reader_anchor: None,
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
