//! Builds the pre-order arena one node at a time, the way the streaming parsers meet
//! comments: in file order, each with a depth. Parents, placeholders and subtree ends are
//! derived here. (Sources that give parent ids go through `assemble.rs`, which ends here.)

use super::{Details, MAX_INDEXED_LEVEL, NO_PARENT, Node, Text, TextRange, Thread, ThreadInfo};
use crate::bitset::BitSet;

#[derive(Default)]
pub struct ThreadBuilder {
    nodes: Vec<Node>,
    /// The open chain of ancestors: `path[i]` is the latest node at tree depth `i + 1`.
    path: Vec<u32>,
    /// The page level of each node on `path` (deeper than its depth below a placeholder
    /// that stands for several skipped levels).
    path_levels: Vec<usize>,
    missing: Vec<u32>,
    details: Details,
}

impl ThreadBuilder {
    pub fn new() -> Self {
        Self::default()
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
        let id = self.nodes.len();
        let parent = self.path.last().copied().unwrap_or(NO_PARENT);
        self.nodes.push(Node {
            author,
            body,
            parent,
            depth: (self.path.len() + 1) as u32,
            subtree_end: 0,
            missing,
        });
        if missing {
            self.missing.push(id as u32);
        }
        self.path.push(id as u32);
        self.path_levels.push(level);
        id
    }

    pub fn set_author(&mut self, id: usize, author: Option<TextRange>) {
        self.nodes[id].author = author;
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
    pub fn finish(self, text: Text, info: ThreadInfo) -> Thread {
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
        let mut builder = ThreadBuilder::new();
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
        let mut builder = ThreadBuilder::new();
        builder.push(1, None, TextRange::EMPTY);
        builder.push(3, None, TextRange::EMPTY);
        builder.push(3, None, TextRange::EMPTY);
        let thread = builder.finish(Text::default(), ThreadInfo::default());
        assert_eq!(thread.len(), 4);
        assert_eq!(thread.skipped_levels(1), 1);
        assert_eq!(thread.parent(3), Some(1));
        assert!(thread.details().skipped_levels.is_empty());
    }
}
