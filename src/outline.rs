//! Fold state, the selection and the scroll anchor over the arena, and every movement
//! between visible rows. Each step costs O(1) or O(depth), never O(thread size).

use crate::bitset::BitSet;
use crate::thread::Thread;

/// A row of the outline: the article, then the comments in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Row {
    Article,
    Comment(usize),
}

#[derive(Clone, Debug)]
pub struct Outline {
    folded: BitSet,
    folded_count: usize,
    /// When set, only these comments are shown (search matches and their ancestors); folds
    /// are kept aside until the filter is turned off.
    filter: Option<BitSet>,
    pub selected: Row,
    /// The first row on screen.
    pub top: Row,
}

impl Outline {
    /// A fully unfolded outline with the article selected.
    pub fn new(thread: &Thread) -> Self {
        Outline {
            folded: BitSet::new(thread.len()),
            folded_count: 0,
            filter: None,
            selected: Row::Article,
            top: Row::Article,
        }
    }

    pub fn is_folded(&self, id: usize) -> bool {
        self.folded.contains(id)
    }

    /// Folded comments that have replies.
    pub fn folded_count(&self) -> usize {
        self.folded_count
    }

    pub fn filter(&self) -> Option<&BitSet> {
        self.filter.as_ref()
    }

    /// Whether `id` is shown folded: in a filtered view nothing is folded.
    pub fn shows_folded(&self, id: usize) -> bool {
        self.filter.is_none() && self.is_folded(id)
    }

    fn set_folded(&mut self, id: usize, folded: bool) {
        if self.folded.set(id, folded) {
            if folded {
                self.folded_count += 1;
            } else {
                self.folded_count -= 1;
            }
        }
    }

    /// The row after `row` on screen.
    pub fn next_row(&self, thread: &Thread, row: Row) -> Option<Row> {
        let next = match (row, &self.filter) {
            (Row::Article, None) => 0,
            (Row::Article, Some(filter)) => return filter.next_from(0).map(Row::Comment),
            (Row::Comment(id), Some(filter)) => return filter.next_from(id + 1).map(Row::Comment),
            (Row::Comment(id), None) if self.is_folded(id) => thread.subtree_end(id),
            (Row::Comment(id), None) => id + 1,
        };
        (next < thread.len()).then_some(Row::Comment(next))
    }

    /// The row before `row` on screen.
    pub fn prev_row(&self, thread: &Thread, row: Row) -> Option<Row> {
        let Row::Comment(id) = row else {
            return None;
        };
        if let Some(filter) = &self.filter {
            return Some(filter.prev_before(id).map_or(Row::Article, Row::Comment));
        }
        if id == 0 {
            return Some(Row::Article);
        }
        Some(Row::Comment(self.shown_self_or_ancestor(thread, id - 1)))
    }

    /// `id` itself when it is on screen, otherwise the folded ancestor that hides it.
    pub fn shown_self_or_ancestor(&self, thread: &Thread, id: usize) -> usize {
        let mut shown = id;
        for ancestor in thread.ancestors(id) {
            if self.is_folded(ancestor) {
                shown = ancestor;
            }
        }
        shown
    }

    /// The last row of the outline.
    pub fn last_row(&self, thread: &Thread) -> Row {
        match &self.filter {
            Some(filter) => filter
                .prev_before(thread.len())
                .map_or(Row::Article, Row::Comment),
            None if thread.is_empty() => Row::Article,
            None => Row::Comment(self.shown_self_or_ancestor(thread, thread.len() - 1)),
        }
    }

    /// Moves the selection `count` rows down (or up for negative counts), stopping at the ends.
    pub fn move_by(&mut self, thread: &Thread, count: isize) {
        for _ in 0..count.unsigned_abs() {
            let next = if count > 0 {
                self.next_row(thread, self.selected)
            } else {
                self.prev_row(thread, self.selected)
            };
            match next {
                Some(row) => self.selected = row,
                None => break,
            }
        }
    }

    /// Selects a comment, unfolding what hides it (or leaving the filter if it is outside).
    pub fn reveal(&mut self, thread: &Thread, id: usize) {
        if self.filter.as_ref().is_some_and(|f| !f.contains(id)) {
            self.filter = None;
        }
        for ancestor in thread.ancestors(id) {
            self.set_folded(ancestor, false);
        }
        self.selected = Row::Comment(id);
    }

    /// Moves the selection and the scroll anchor out of folded sub-threads.
    fn keep_selection_shown(&mut self, thread: &Thread) {
        if self.filter.is_some() {
            return;
        }
        if let Row::Comment(id) = self.selected {
            self.selected = Row::Comment(self.shown_self_or_ancestor(thread, id));
        }
        if let Row::Comment(id) = self.top {
            self.top = Row::Comment(self.shown_self_or_ancestor(thread, id));
        }
    }

    pub fn fold(&mut self, thread: &Thread, id: usize) {
        if thread.has_children(id) {
            self.set_folded(id, true);
            self.keep_selection_shown(thread);
        }
    }

    pub fn unfold(&mut self, id: usize) {
        self.set_folded(id, false);
    }

    pub fn toggle(&mut self, thread: &Thread, id: usize) {
        if self.is_folded(id) {
            self.unfold(id);
        } else {
            self.fold(thread, id);
        }
    }

    /// Folds every top-level thread that has replies; deeper folds are reset.
    pub fn fold_all(&mut self, thread: &Thread) {
        // A copy of a set the parser made: no walk over the top-level threads.
        self.folded.clone_from(thread.top_level_parents());
        self.folded_count = self.folded.count();
        self.keep_selection_shown(thread);
    }

    pub fn unfold_all(&mut self) {
        self.folded.clear();
        self.folded_count = 0;
    }

    /// Shows levels 1..=level and folds the comments at `level` that have replies. Visits
    /// only the nodes at those levels: deeper sub-threads are jumped over.
    pub fn unfold_to_level(&mut self, thread: &Thread, level: usize) {
        if level <= 1 {
            // Only the top-level threads with replies fold: the set the parser made.
            self.fold_all(thread);
            return;
        }
        self.unfold_all();
        if let Some(parents) = thread.parents_at_level(level) {
            // The parser listed them: no walk over the levels above.
            for &id in parents {
                self.set_folded(id as usize, true);
            }
            self.keep_selection_shown(thread);
            return;
        }
        let mut id = 0;
        while id < thread.len() {
            if thread.depth(id) >= level {
                if thread.has_children(id) {
                    self.set_folded(id, true);
                }
                id = thread.subtree_end(id);
            } else {
                id += 1;
            }
        }
        self.keep_selection_shown(thread);
    }

    /// Folds `id` and every reply under it that has replies of its own.
    pub fn fold_subtree(&mut self, thread: &Thread, id: usize) {
        for node in id..thread.subtree_end(id) {
            if thread.has_children(node) {
                self.set_folded(node, true);
            }
        }
        self.keep_selection_shown(thread);
    }

    pub fn unfold_subtree(&mut self, thread: &Thread, id: usize) {
        for node in id..thread.subtree_end(id) {
            self.set_folded(node, false);
        }
    }

    /// Shows only `filter`'s comments, keeping the selection if it is among them.
    pub fn set_filter(&mut self, thread: &Thread, filter: Option<BitSet>) {
        self.filter = filter;
        if let (Some(filter), Row::Comment(id)) = (&self.filter, self.selected)
            && !filter.contains(id)
        {
            self.selected = filter
                .next_from(id)
                .or_else(|| filter.prev_before(id))
                .map_or(Row::Article, Row::Comment);
        }
        self.top = Row::Article;
        self.keep_selection_shown(thread);
    }

    /// Moves the scroll anchor so the selection is on one of `height` rows. O(height).
    pub fn scroll_to_selection(&mut self, thread: &Thread, height: usize) {
        if height == 0 {
            return;
        }
        if self.selected < self.top || !self.row_is_shown(thread, self.top) {
            self.top = self.selected;
        } else if !self.within_rows(thread, self.top, self.selected, height) {
            // The selection is below the screen: put it on the last row.
            let mut top = self.selected;
            for _ in 1..height {
                match self.prev_row(thread, top) {
                    Some(prev) => top = prev,
                    None => break,
                }
            }
            self.top = top;
        }
        self.fill_screen(thread, height);
    }

    /// Whether `target` is among the `height` rows starting at `from`.
    fn within_rows(&self, thread: &Thread, from: Row, target: Row, height: usize) -> bool {
        let mut row = from;
        for _ in 1..height {
            if row >= target {
                break;
            }
            match self.next_row(thread, row) {
                Some(next) => row = next,
                None => break,
            }
        }
        row == target
    }

    /// After the screen grew or rows were folded away, pulls the anchor up so the rows
    /// below it fill the screen when there are rows above to show.
    fn fill_screen(&mut self, thread: &Thread, height: usize) {
        let mut rows_from_top = 1;
        let mut row = self.top;
        while rows_from_top < height {
            match self.next_row(thread, row) {
                Some(next) => row = next,
                None => break,
            }
            rows_from_top += 1;
        }
        for _ in rows_from_top..height {
            match self.prev_row(thread, self.top) {
                Some(prev) => self.top = prev,
                None => break,
            }
        }
    }

    fn row_is_shown(&self, thread: &Thread, row: Row) -> bool {
        match (row, &self.filter) {
            (Row::Article, _) => true,
            (Row::Comment(id), Some(filter)) => filter.contains(id),
            (Row::Comment(id), None) => self.shown_self_or_ancestor(thread, id) == id,
        }
    }

    /// The rows on screen, from the anchor down.
    pub fn visible_rows(&self, thread: &Thread, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut row = Some(self.top);
        while let Some(current) = row {
            if rows.len() == height {
                break;
            }
            rows.push(current);
            row = self.next_row(thread, current);
        }
        rows
    }
}
