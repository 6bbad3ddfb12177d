//! Builds the pre-order arena one node at a time, the way the streaming parsers meet
//! comments: in file order, each with a depth. Parents, placeholders and subtree ends are
//! derived here. (Sources that give parent ids go through `assemble.rs`, which ends here.)

use super::budget::CommentBudget;
use super::output::Output;
use super::{Details, MAX_INDEXED_LEVEL, NO_PARENT, Node, Text, TextRange, Thread, ThreadInfo};
use crate::bitset::BitSet;

pub struct ThreadBuilder {
    nodes: Vec<Node>,
    /// The comments the file may still hold: once it is spent, every comment goes to one
    /// scratch node past the last kept, dropped at the end.
    budget: CommentBudget,
    scratch: Option<u32>,
    /// The open chain of ancestors: `path[i]` is the latest node at tree depth `i + 1`.
    path: Vec<u32>,
    /// The page level of each node on `path` (deeper than its depth below a placeholder
    /// that stands for several skipped levels).
    path_levels: Vec<usize>,
    missing: Vec<u32>,
    details: Details,
}

impl ThreadBuilder {
    pub fn new(budget: CommentBudget) -> Self {
        ThreadBuilder {
            nodes: Vec::new(),
            budget,
            scratch: None,
            path: Vec::new(),
            path_levels: Vec::new(),
            missing: Vec::new(),
            details: Details::default(),
        }
    }

    /// Whether the next comment will be kept: a caller may skip copying the text of one
    /// that will not.
    pub fn has_room(&self) -> bool {
        self.scratch.is_none() && self.budget.has_room()
    }

    /// Appends a node at page level `level` (1 = top level). A reply belongs to the nearest
    /// node above it at a lower level; when the page skips levels, one placeholder stands
    /// for all the skipped ones (so a run of skipped levels costs one node, whatever its
    /// length).
    pub fn push(&mut self, level: usize, author: Option<TextRange>, body: TextRange) -> usize {
        let level = level.max(1);
        let keep = self.path_levels.partition_point(|&l| l < level);
        self.path.truncate(keep);
        self.path_levels.truncate(keep);
        let above = self.path_levels.last().copied().unwrap_or(0);
        if level > above + 1 {
            let skipped = level - above - 1;
            let id = self.push_at_path_end(None, TextRange::EMPTY, true, above + skipped);
            if skipped > 1 {
                self.details
                    .skipped_levels
                    .set(id, u32::try_from(skipped).unwrap_or(u32::MAX));
            }
        }
        self.push_at_path_end(author, body, false, level)
    }

    fn push_at_path_end(
        &mut self,
        author: Option<TextRange>,
        body: TextRange,
        missing: bool,
        level: usize,
    ) -> usize {
        // Once one is past the budget, all after it are: each comment is counted, for the
        // note that says so (a placeholder is no comment of the file).
        let room = self.scratch.is_none() && self.budget.try_take();
        if !room {
            if !missing {
                self.budget.count_dropped();
            }
            if self.scratch.is_none() {
                self.scratch = Some(self.nodes.len() as u32);
            }
        }
        let parent = self.path.last().copied().unwrap_or(NO_PARENT);
        let node = Node {
            author,
            body,
            parent,
            depth: (self.path.len() + 1) as u32,
            subtree_end: 0,
            missing,
        };
        let id = match self.scratch {
            Some(scratch) => {
                // Counted, then written over by the next one.
                self.nodes.truncate(scratch as usize);
                self.nodes.push(node);
                scratch as usize
            }
            None => {
                self.nodes.push(node);
                self.nodes.len() - 1
            }
        };
        if missing && self.scratch.is_none() {
            self.missing.push(id as u32);
        }
        self.path.push(id as u32);
        self.path_levels.push(level);
        id
    }

    /// Whether `id` is a comment that will be kept (not past the budget).
    pub fn keeps(&self, id: usize) -> bool {
        id < self.nodes.len() && self.scratch != Some(id as u32)
    }

    pub fn set_author(&mut self, id: usize, author: Option<TextRange>) {
        self.nodes[id].author = author;
    }

    /// Sets the body of `id` to the piece just written to `out`, or, for a comment past the
    /// budget, takes the piece back out of `out`.
    pub fn set_written_body(&mut self, id: usize, body: TextRange, out: &mut Output) {
        if self.keeps(id) {
            self.set_body(id, body);
        } else {
            out.take_back(body);
        }
    }

    pub fn set_body(&mut self, id: usize, body: TextRange) {
        self.nodes[id].body = body;
    }

    pub fn set_missing(&mut self, id: usize, missing: bool) {
        let node = &mut self.nodes[id];
        if node.missing == missing {
            return;
        }
        node.missing = missing;
        if self.scratch == Some(id as u32) {
            return;
        }
        let id = id as u32;
        // Nodes are flagged right after they are pushed, so the list stays sorted.
        match self.missing.binary_search(&id) {
            Ok(at) if !missing => {
                self.missing.remove(at);
            }
            Err(at) if missing => self.missing.insert(at, id),
            _ => {}
        }
    }

    /// Times, ids, scores and the other optional details, by node id.
    pub fn details_mut(&mut self) -> &mut Details {
        &mut self.details
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Computes every `subtree_end` in one pass with an explicit stack (no recursion).
    pub fn finish(mut self, text: Text, info: ThreadInfo) -> Thread {
        if let Some(scratch) = self.scratch {
            self.nodes.truncate(scratch as usize);
            self.details.truncate(scratch as usize);
        }
        finish_nodes(self.nodes, self.missing, self.details, text, info)
    }
}

/// Completes nodes given in pre-order with their depths and parents: subtree ends, and the
/// indexes folding uses.
pub(super) fn finish_nodes(
    mut nodes: Vec<Node>,
    missing: Vec<u32>,
    details: Details,
    text: Text,
    info: ThreadInfo,
) -> Thread {
    let total = nodes.len() as u32;
    let mut open: Vec<u32> = Vec::new();
    for id in 0..nodes.len() {
        let depth = nodes[id].depth;
        while let Some(&top) = open.last() {
            if nodes[top as usize].depth < depth {
                break;
            }
            nodes[top as usize].subtree_end = id as u32;
            open.pop();
        }
        open.push(id as u32);
    }
    for id in open {
        nodes[id as usize].subtree_end = total;
    }
    let mut top_level_count = 0;
    let mut top_level_parents = BitSet::new(nodes.len());
    let mut parents_by_level: Vec<Vec<u32>> = vec![Vec::new(); MAX_INDEXED_LEVEL - 1];
    for (id, node) in nodes.iter().enumerate() {
        let has_replies = node.subtree_end as usize > id + 1;
        if node.depth == 1 {
            top_level_count += 1;
            if has_replies {
                top_level_parents.set(id, true);
            }
        } else if has_replies && node.depth as usize <= MAX_INDEXED_LEVEL {
            parents_by_level[node.depth as usize - 2].push(id as u32);
        }
    }
    nodes.shrink_to_fit();
    Thread {
        top_level_count,
        top_level_parents,
        parents_by_level,
        text,
        info,
        nodes,
        details: details.trimmed(),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_skipped_levels_is_one_placeholder() {
        let mut builder = ThreadBuilder::new(CommentBudget::unlimited());
        builder.push(1, None, TextRange::EMPTY);
        builder.push(1_000_000, None, TextRange::EMPTY);
        builder.push(2, None, TextRange::EMPTY);
        let thread = builder.finish(Text::default(), ThreadInfo::default());
        assert_eq!(thread.len(), 4);
        assert!(thread.is_missing(1));
        assert_eq!(thread.depth(2), 3);
        assert_eq!(thread.level(2), 1_000_000);
        assert_eq!(thread.skipped_levels(1), 999_998);
        // Level 2 after the deep reply is a reply to the first comment again.
        assert_eq!(thread.parent(3), Some(0));
        assert_eq!(thread.level(3), 2);
    }

    #[test]
    fn one_skipped_level_is_one_plain_placeholder() {
        let mut builder = ThreadBuilder::new(CommentBudget::unlimited());
        builder.push(1, None, TextRange::EMPTY);
        builder.push(3, None, TextRange::EMPTY);
        builder.push(3, None, TextRange::EMPTY);
        let thread = builder.finish(Text::default(), ThreadInfo::default());
        assert_eq!(thread.len(), 4);
        assert_eq!(thread.skipped_levels(1), 1);
        assert_eq!(thread.parent(3), Some(1));
        assert!(thread.details().skipped_levels.is_empty());
    }

    #[test]
    fn comments_past_the_budget_are_counted_not_kept() {
        let budget = CommentBudget::with_limit(3, "file");
        let mut builder = ThreadBuilder::new(budget.clone());
        let a = builder.push(1, None, TextRange::EMPTY);
        builder.details_mut().score.set(a, Some(1));
        builder.push(2, None, TextRange::EMPTY);
        // A reply two levels down: its placeholder takes the third place, and the reply is
        // the first not kept.
        builder.push(4, None, TextRange::EMPTY);
        assert!(!builder.has_room());
        for level in [1, 2, 7, 1] {
            let past = builder.push(level, None, TextRange::EMPTY);
            assert!(!builder.keeps(past));
            builder.details_mut().score.set(past, Some(9));
            builder.set_missing(past, true);
        }
        let thread = builder.finish(Text::default(), ThreadInfo::default());
        assert_eq!(thread.len(), 3);
        // The reply, and the four after it (placeholders are not counted).
        assert_eq!(budget.dropped(), 5);
        assert!(thread.is_missing(2));
        assert_eq!(thread.subtree_end(0), 3);
        assert_eq!(thread.score(0), Some(1));
        assert_eq!(thread.details().score.get(3), None);
    }
}
