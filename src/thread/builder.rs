//! Builds the pre-order arena one node at a time, the way every parser meets comments:
//! in file order, each with a depth. Parents, placeholders and subtree ends are derived here.

use super::{MAX_INDEXED_LEVEL, NO_PARENT, Node, Text, TextRange, Thread};
use crate::bitset::BitSet;

#[derive(Default)]
pub struct ThreadBuilder {
    nodes: Vec<Node>,
    /// The open chain of ancestors: `path[d - 1]` is the latest node at depth `d`.
    path: Vec<u32>,
    missing: Vec<u32>,
}

impl ThreadBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a node at `depth` (1 = top level). A reply belongs to the nearest node one
    /// level up; when the file skips levels, placeholders fill each skipped level.
    pub fn push(&mut self, depth: usize, author: Option<TextRange>, body: TextRange) -> usize {
        let depth = depth.max(1);
        self.path.truncate(depth - 1);
        while self.path.len() < depth - 1 {
            self.push_at_path_end(None, TextRange::EMPTY, true);
        }
        self.push_at_path_end(author, body, false)
    }

    fn push_at_path_end(
        &mut self,
        author: Option<TextRange>,
        body: TextRange,
        missing: bool,
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

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Computes every `subtree_end` in one pass with an explicit stack (no recursion).
    pub fn finish(
        mut self,
        text: Text,
        title: TextRange,
        date: Option<TextRange>,
        article: TextRange,
    ) -> Thread {
        let total = self.nodes.len() as u32;
        let mut open: Vec<u32> = Vec::new();
        for id in 0..self.nodes.len() {
            let depth = self.nodes[id].depth;
            while let Some(&top) = open.last() {
                if self.nodes[top as usize].depth < depth {
                    break;
                }
                self.nodes[top as usize].subtree_end = id as u32;
                open.pop();
            }
            open.push(id as u32);
        }
        for id in open {
            self.nodes[id as usize].subtree_end = total;
        }
        let mut top_level_count = 0;
        let mut top_level_parents = BitSet::new(self.nodes.len());
        let mut parents_by_level: Vec<Vec<u32>> = vec![Vec::new(); MAX_INDEXED_LEVEL - 1];
        for (id, node) in self.nodes.iter().enumerate() {
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
        Thread {
            top_level_count,
            top_level_parents,
            parents_by_level,
            text,
            title,
            date,
            article,
            nodes: self.nodes,
            missing: self.missing,
        }
    }
}
