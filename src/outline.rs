//! Fold state, the selection and the scroll anchor over the arena, and every movement
//! between visible rows. Each step costs O(1) or O(depth), never O(thread size); keeping
//! the selection on screen walks at most a few screens of rows.

use crate::bitset::BitSet;
use crate::thread::Thread;

/// Rows kept visible above and below the selection when it moves (fewer on tiny screens).
pub const SCROLL_MARGIN: usize = 3;

/// A row of the outline: the article, then the comments in file order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Row {
    Article,
    Comment(usize),
}

/// A set of folded comments with its size.
#[derive(Clone, Debug)]
struct Folds {
    set: BitSet,
    count: usize,
}

impl Folds {
    fn new(len: usize) -> Self {
        Folds {
            set: BitSet::new(len),
            count: 0,
        }
    }

    fn set(&mut self, id: usize, folded: bool) {
        if self.set.set(id, folded) {
            if folded {
                self.count += 1;
            } else {
                self.count -= 1;
            }
        }
    }
}

/// The filtered view: the comments it shows, and its own folds (the whole tree's folds wait
/// aside until the filter is turned off).
#[derive(Clone, Debug)]
pub struct Filter {
    shown: BitSet,
    folds: Folds,
}

impl Filter {
    pub fn contains(&self, id: usize) -> bool {
        self.shown.contains(id)
    }

    /// The comments shown: what `w` writes of the filtered view.
    pub fn shown(&self) -> &BitSet {
        &self.shown
    }
}

#[derive(Clone, Debug)]
pub struct Outline {
    folds: Folds,
    /// When set, only these comments are shown (search matches and their ancestors).
    filter: Option<Filter>,
    pub selected: Row,
    /// The first row on screen.
    pub top: Row,
    /// The selection the screen was last scrolled for: the margin and centring apply only
    /// when the selection moved since, so a wheel scroll or a resize is not undone.
    scrolled_for: Option<Row>,
}

impl Outline {
    /// A fully unfolded outline with the article selected.
    pub fn new(thread: &Thread) -> Self {
        Outline {
            folds: Folds::new(thread.len()),
            filter: None,
            selected: Row::Article,
            top: Row::Article,
            scrolled_for: None,
        }
    }

    /// The folds in effect: the filtered view's while it is on.
    fn active_folds(&self) -> &Folds {
        self.filter.as_ref().map_or(&self.folds, |f| &f.folds)
    }

    fn active_folds_mut(&mut self) -> &mut Folds {
        match &mut self.filter {
            Some(filter) => &mut filter.folds,
            None => &mut self.folds,
        }
    }

    /// Whether `id` is folded in the current view.
    pub fn is_folded(&self, id: usize) -> bool {
        self.active_folds().set.contains(id)
    }

    /// Folded comments in the current view.
    pub fn folded_count(&self) -> usize {
        self.active_folds().count
    }

    /// The whole tree's folds (the filtered view's own are not in it).
    pub fn tree_folds(&self) -> &BitSet {
        &self.folds.set
    }

    pub fn filter(&self) -> Option<&Filter> {
        self.filter.as_ref()
    }

    /// Whether `id` has replies in the current view (in the filtered view: shown ones).
    pub fn has_visible_replies(&self, thread: &Thread, id: usize) -> bool {
        match &self.filter {
            None => thread.has_children(id),
            Some(filter) => filter
                .shown
                .next_from(id + 1)
                .is_some_and(|next| next < thread.subtree_end(id)),
        }
    }

    /// Whether `id` is drawn folded: folded, with replies the fold hides.
    pub fn shows_folded(&self, thread: &Thread, id: usize) -> bool {
        self.is_folded(id) && self.has_visible_replies(thread, id)
    }

    /// Rows a fold of `id` hides from the current view.
    pub fn hidden_by_fold(&self, thread: &Thread, id: usize) -> usize {
        match &self.filter {
            None => thread.hidden_by_fold(id),
            Some(filter) => filter.shown.rank(thread.subtree_end(id)) - filter.shown.rank(id + 1),
        }
    }

    /// The next shown sibling of `id`: in the filtered view, siblings filtered out are skipped.
    pub fn next_sibling(&self, thread: &Thread, id: usize) -> Option<usize> {
        match &self.filter {
            None => thread.next_sibling(id),
            Some(filter) => {
                // The first shown node past the sub-thread: a sibling if it shares the parent
                // (an ancestor of a shown node is shown, so no shown cousin comes first).
                let next = filter.shown.next_from(thread.subtree_end(id))?;
                (thread.parent(next) == thread.parent(id)).then_some(next)
            }
        }
    }

    /// The row after `row` on screen.
    pub fn next_row(&self, thread: &Thread, row: Row) -> Option<Row> {
        let after = match row {
            Row::Article => 0,
            Row::Comment(id) if self.is_folded(id) => thread.subtree_end(id),
            Row::Comment(id) => id + 1,
        };
        match &self.filter {
            Some(filter) => filter.shown.next_from(after).map(Row::Comment),
            None => (after < thread.len()).then_some(Row::Comment(after)),
        }
    }

    /// The row before `row` on screen.
    pub fn prev_row(&self, thread: &Thread, row: Row) -> Option<Row> {
        let Row::Comment(id) = row else {
            return None;
        };
        let before = match &self.filter {
            Some(filter) => filter.shown.prev_before(id),
            None => id.checked_sub(1),
        };
        Some(match before {
            Some(node) => Row::Comment(self.shown_self_or_ancestor(thread, node)),
            None => Row::Article,
        })
    }

    /// `id` itself when no fold hides it, otherwise the outermost folded ancestor.
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
        let last = match &self.filter {
            Some(filter) => filter.shown.prev_before(thread.len()),
            None => thread.len().checked_sub(1),
        };
        last.map_or(Row::Article, |id| {
            Row::Comment(self.shown_self_or_ancestor(thread, id))
        })
    }

    /// Moves the selection `count` rows down (or up for negative counts), stopping at the ends.
    pub fn move_by(&mut self, thread: &Thread, count: isize) {
        self.selected = self.step(thread, self.selected, count);
    }

    /// The row `count` rows below `row` (above for negative counts), or the end reached.
    fn step(&self, thread: &Thread, mut row: Row, count: isize) -> Row {
        for _ in 0..count.unsigned_abs() {
            let next = if count > 0 {
                self.next_row(thread, row)
            } else {
                self.prev_row(thread, row)
            };
            match next {
                Some(next) => row = next,
                None => break,
            }
        }
        row
    }

    /// Selects a comment, unfolding what hides it (or leaving the filter if it is outside).
    pub fn reveal(&mut self, thread: &Thread, id: usize) {
        if self.filter.as_ref().is_some_and(|f| !f.contains(id)) {
            self.filter = None;
        }
        let folds = self.active_folds_mut();
        for ancestor in thread.ancestors(id) {
            folds.set(ancestor, false);
        }
        self.selected = Row::Comment(id);
    }

    /// Moves the selection and the scroll anchor out of folded sub-threads.
    fn keep_selection_shown(&mut self, thread: &Thread) {
        if let Row::Comment(id) = self.selected {
            self.selected = Row::Comment(self.shown_self_or_ancestor(thread, id));
        }
        if let Row::Comment(id) = self.top {
            self.top = Row::Comment(self.shown_self_or_ancestor(thread, id));
        }
    }

    pub fn fold(&mut self, thread: &Thread, id: usize) {
        if self.has_visible_replies(thread, id) {
            self.active_folds_mut().set(id, true);
            self.keep_selection_shown(thread);
        }
    }

    pub fn unfold(&mut self, id: usize) {
        self.active_folds_mut().set(id, false);
    }

    pub fn toggle(&mut self, thread: &Thread, id: usize) {
        if self.shows_folded(thread, id) {
            self.unfold(id);
        } else {
            self.fold(thread, id);
        }
    }

    /// Folds every top-level thread that has replies; deeper folds are reset.
    pub fn fold_all(&mut self, thread: &Thread) {
        // A copy of a set the parser made: no walk over the top-level threads.
        let folds = self.active_folds_mut();
        folds.set.clone_from(thread.top_level_parents());
        folds.count = folds.set.count();
        self.keep_selection_shown(thread);
    }

    pub fn unfold_all(&mut self) {
        let folds = self.active_folds_mut();
        folds.set.clear();
        folds.count = 0;
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
        let folds = self.active_folds_mut();
        if let Some(parents) = thread.parents_at_level(level) {
            // The parser listed them: no walk over the levels above.
            for &id in parents {
                folds.set(id as usize, true);
            }
        } else {
            let mut id = 0;
            while id < thread.len() {
                if thread.depth(id) >= level {
                    if thread.has_children(id) {
                        folds.set(id, true);
                    }
                    id = thread.subtree_end(id);
                } else {
                    id += 1;
                }
            }
        }
        self.keep_selection_shown(thread);
    }

    /// Folds `id` and every reply under it that has replies of its own.
    pub fn fold_subtree(&mut self, thread: &Thread, id: usize) {
        let folds = self.active_folds_mut();
        for node in id..thread.subtree_end(id) {
            if thread.has_children(node) {
                folds.set(node, true);
            }
        }
        self.keep_selection_shown(thread);
    }

    pub fn unfold_subtree(&mut self, thread: &Thread, id: usize) {
        let folds = self.active_folds_mut();
        for node in id..thread.subtree_end(id) {
            folds.set(node, false);
        }
    }

    /// Shows only `shown`'s comments (unfolded), keeping the selection if it is among them.
    pub fn set_filter(&mut self, thread: &Thread, shown: Option<BitSet>) {
        self.restore_filter(
            thread,
            shown.map(|shown| Filter {
                folds: Folds::new(shown.len()),
                shown,
            }),
        );
    }

    /// Adds comments to the filtered view, with their ancestors: matches a scan found after
    /// the filter was turned on.
    pub fn show_also(&mut self, thread: &Thread, ids: &[u32]) {
        let Some(filter) = &mut self.filter else {
            return;
        };
        for &id in ids {
            if !filter.shown.set(id as usize, true) {
                continue;
            }
            for ancestor in thread.ancestors(id as usize) {
                if !filter.shown.set(ancestor, true) {
                    break;
                }
            }
        }
    }

    /// Takes the filtered view away, folds and all, to give it back with `restore_filter`.
    pub fn take_filter(&mut self, thread: &Thread) -> Option<Filter> {
        let filter = self.filter.take();
        self.keep_selection_shown(thread);
        filter
    }

    /// Puts a filtered view (or none) in place.
    pub fn restore_filter(&mut self, thread: &Thread, filter: Option<Filter>) {
        self.filter = filter;
        if let (Some(filter), Row::Comment(id)) = (&self.filter, self.selected)
            && !filter.contains(id)
        {
            self.selected = filter
                .shown
                .next_from(id)
                .or_else(|| filter.shown.prev_before(id))
                .map_or(Row::Article, Row::Comment);
        }
        if let (Some(filter), Row::Comment(id)) = (&self.filter, self.top)
            && !filter.contains(id)
        {
            self.top = Row::Article;
        }
        self.keep_selection_shown(thread);
    }

    /// Moves the scroll anchor so the selection is on one of `height` rows. When the
    /// selection moved since the last call, it keeps `SCROLL_MARGIN` rows of context around
    /// it, and a jump farther than a screen away puts it in the middle. O(height).
    pub fn scroll_to_selection(&mut self, thread: &Thread, height: usize) {
        if height == 0 {
            return;
        }
        let moved = self.scrolled_for != Some(self.selected);
        self.scrolled_for = Some(self.selected);
        let margin = if moved {
            SCROLL_MARGIN.min((height - 1) / 2)
        } else {
            0
        };
        if !self.row_is_shown(thread, self.top) {
            self.top = self.selected;
        }
        let selected = self.selected;
        if selected < self.top {
            // Above the screen: less than a screen away scrolls just enough, farther centres.
            let far = moved && self.rows_from(thread, selected, self.top, height).is_none();
            let above = if far { height / 2 } else { margin };
            self.top = self.step(thread, selected, -(above as isize));
        } else {
            match self.rows_from(thread, self.top, selected, 2 * height) {
                Some(offset) if offset < margin => {
                    self.top = self.step(thread, selected, -(margin as isize));
                }
                Some(offset) if offset + margin < height => {}
                // Less than a screen below it: just enough to show the margin.
                Some(_) => {
                    self.top = self.step(thread, selected, -((height - 1 - margin) as isize));
                }
                // Farther: centre.
                None => self.top = self.step(thread, selected, -((height / 2) as isize)),
            }
        }
        self.fill_screen(thread, height);
    }

    /// How many rows down `target` is from `from`, if it is within `limit` rows.
    fn rows_from(&self, thread: &Thread, from: Row, target: Row, limit: usize) -> Option<usize> {
        let mut row = from;
        for offset in 0..limit {
            if row == target {
                return Some(offset);
            }
            if row > target {
                return None;
            }
            row = self.next_row(thread, row)?;
        }
        None
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
        self.top = self.step(thread, self.top, -((height - rows_from_top) as isize));
    }

    /// Scrolls the view `count` rows (the mouse wheel) without moving the selection, unless
    /// it would leave the screen: then it stays on the first or last row.
    pub fn scroll_view(&mut self, thread: &Thread, count: isize, height: usize) {
        if height == 0 {
            return;
        }
        self.top = self.step(thread, self.top, count);
        self.fill_screen(thread, height);
        if self.selected < self.top {
            self.selected = self.top;
        } else if self
            .rows_from(thread, self.top, self.selected, height)
            .is_none()
        {
            self.selected = self.step(thread, self.top, height as isize - 1);
        }
        self.scrolled_for = Some(self.selected);
    }

    /// Whether every row fits on a screen of `height` rows, so there is nothing to scroll.
    pub fn fits(&self, thread: &Thread, height: usize) -> bool {
        let last = self.step(thread, Row::Article, height as isize - 1);
        self.top == Row::Article && self.next_row(thread, last).is_none()
    }

    fn row_is_shown(&self, thread: &Thread, row: Row) -> bool {
        match (row, &self.filter) {
            (Row::Article, _) => true,
            (Row::Comment(id), Some(filter)) if !filter.contains(id) => false,
            (Row::Comment(id), _) => self.shown_self_or_ancestor(thread, id) == id,
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

    /// Where a row's nodes sit in the file, for the scrollbar: the article is 0 and comment
    /// `id` is `id + 1`; a folded row spans its whole sub-thread. Returns (start, end).
    pub fn file_span(&self, thread: &Thread, row: Row) -> (usize, usize) {
        match row {
            Row::Article => (0, 1),
            Row::Comment(id) if self.is_folded(id) => (id + 1, thread.subtree_end(id) + 1),
            Row::Comment(id) => (id + 1, id + 2),
        }
    }
}
