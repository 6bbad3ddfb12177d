//! The commenters panel's state: every commenter with their figures, sorted by a column,
//! the selected row and whom the selected commenter talks with. Figures come from the
//! thread's author index; drawing is in ui/commenters.rs.

use crate::thread::{AuthorIndex, CommenterId, Partners, Thread};
use std::cmp::Ordering;

/// A column of the panel, in the order shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Column {
    Name,
    #[default]
    Comments,
    TopLevel,
    Written,
    Received,
    People,
    Words,
    First,
    Last,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Name,
        Column::Comments,
        Column::TopLevel,
        Column::Written,
        Column::Received,
        Column::People,
        Column::Words,
        Column::First,
        Column::Last,
    ];

    /// The heading, and what it means (the panel's title tells it for the sorted column).
    pub fn title(self) -> &'static str {
        match self {
            Column::Name => "Commenter",
            Column::Comments => "Comments",
            Column::TopLevel => "Started",
            Column::Written => "Replies",
            Column::Received => "Received",
            Column::People => "People",
            Column::Words => "Words",
            Column::First => "First",
            Column::Last => "Last",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Comments => "comments",
            Column::TopLevel => "threads started (top-level comments)",
            Column::Written => "replies written",
            Column::Received => "replies received from others",
            Column::People => "people they answered",
            Column::Words => "words written",
            Column::First => "first comment",
            Column::Last => "last comment",
        }
    }

    fn index(self) -> usize {
        Column::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }

    /// The next column to the right (`forward`) or left, wrapping around.
    pub fn step(self, forward: bool) -> Column {
        let count = Column::ALL.len();
        let at = self.index();
        Column::ALL[if forward {
            (at + 1) % count
        } else {
            (at + count - 1) % count
        }]
    }

    /// The natural order: names A to Z, positions first to last, counts most first.
    fn compare(
        self,
        thread: &Thread,
        index: &AuthorIndex,
        a: CommenterId,
        b: CommenterId,
    ) -> Ordering {
        let (x, y) = (index.stats(a), index.stats(b));
        match self {
            Column::Name => index
                .folded_name(a)
                .cmp(index.folded_name(b))
                .then_with(|| index.name(thread, a).cmp(index.name(thread, b))),
            Column::Comments => y.comments.cmp(&x.comments),
            Column::TopLevel => y.top_level.cmp(&x.top_level),
            Column::Written => y.replies_written.cmp(&x.replies_written),
            Column::Received => y.replies_received.cmp(&x.replies_received),
            Column::People => y.people_answered.cmp(&x.people_answered),
            Column::Words => y.words.cmp(&x.words),
            Column::First => x.first.cmp(&y.first),
            Column::Last => x.last.cmp(&y.last),
        }
    }
}

#[derive(Debug, Default)]
pub struct Panel {
    pub sort: Column,
    /// The sort's natural order reversed.
    pub reversed: bool,
    /// Every commenter, in the order shown.
    pub order: Vec<CommenterId>,
    pub selected: usize,
    /// The first row on screen (settled by `scroll_to_selection`).
    pub top: usize,
    /// Whom the selected commenter answers and who answers them.
    pub partners: Option<(CommenterId, Partners)>,
}

impl Panel {
    /// Lists the commenters, sorted as last time (the first time: by comments).
    pub fn open(&mut self, thread: &Thread, index: &AuthorIndex) {
        if self.order.len() != index.len() {
            self.order = index.by_count().to_vec();
            self.selected = 0;
            self.top = 0;
            if self.sort != Column::Comments || self.reversed {
                self.sort_by(thread, index, self.sort, self.reversed);
            }
        }
    }

    /// Sorts by `column` (reversed or not), keeping the selected commenter selected. Ties
    /// keep the order by comments.
    pub fn sort_by(
        &mut self,
        thread: &Thread,
        index: &AuthorIndex,
        column: Column,
        reversed: bool,
    ) {
        let selected = self.selected_commenter();
        self.sort = column;
        self.reversed = reversed;
        let mut order = index.by_count().to_vec();
        order.sort_by(|&a, &b| {
            let natural = column.compare(thread, index, a, b);
            if reversed { natural.reverse() } else { natural }
        });
        self.order = order;
        self.selected = selected
            .and_then(|who| self.order.iter().position(|&w| w == who))
            .unwrap_or(0);
    }

    pub fn selected_commenter(&self) -> Option<CommenterId> {
        self.order.get(self.selected).copied()
    }

    /// Moves the selection `delta` rows, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_last(&mut self) {
        self.selected = self.order.len().saturating_sub(1);
    }

    /// Scrolls so the selection is on one of `height` rows, and works out the selected
    /// commenter's partners if the selection moved to someone new.
    pub fn prepare(&mut self, index: &AuthorIndex, height: usize) {
        if height > 0 {
            if self.selected < self.top {
                self.top = self.selected;
            } else if self.selected >= self.top + height {
                self.top = self.selected + 1 - height;
            }
        }
        let who = self.selected_commenter();
        if who != self.partners.as_ref().map(|(w, _)| *w)
            && let Some(who) = who
        {
            self.partners = Some((who, index.partners(who)));
        }
    }
}
