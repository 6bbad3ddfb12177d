//! The in-memory thread: an article and its comments as one pre-order arena.
//! All text lives in a few large buffers and nodes hold byte ranges into them.

mod assemble;
pub mod authors;
pub mod budget;
mod builder;
pub mod copy;
pub mod dates;
pub mod details;
pub mod disqus;
pub mod flat;
pub mod formats;
pub mod hackernews;
pub mod html;
pub mod html_text;
pub mod json;
mod json_reader;
pub mod json_values;
pub mod lines;
pub mod load;
pub mod mbox;
pub mod numbered;
pub mod output;
pub mod page_text;
pub mod read;
pub mod reddit;
pub mod says;
pub mod sniff;
pub mod text_dump;
pub mod time;
pub mod wxr;
pub mod xml;

pub use assemble::{CommentFields, ThreadAssembler, ThreadFields};
pub use authors::{AuthorIndex, CommenterId, CommenterStats, Partners};
pub use builder::ThreadBuilder;
pub use details::{Details, Status, ThreadInfo};
pub use formats::{Format, FormatError, Options, Report};
pub use load::{
    LoadError, Loaded, load_path, load_path_with, load_path_within, load_stdin, parse_bytes,
    parse_bytes_with,
};
pub use time::Timestamp;

use crate::bitset::BitSet;
use std::ops::Range;

/// Levels whose comments with replies are listed at parse time (the digit keys reach 9).
pub const MAX_INDEXED_LEVEL: usize = 9;

/// Sentinel for "no parent": top-level comments.
pub const NO_PARENT: u32 = u32::MAX;

/// A byte range into [`Thread::text`]. u32 keeps nodes small; files are capped at 4 GiB.
/// The text parsers store each commenter's name once: equal names share one range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const EMPTY: TextRange = TextRange { start: 0, end: 0 };

    pub fn new(range: Range<usize>) -> Self {
        // Callers only pass offsets into a buffer that load.rs caps below u32::MAX.
        TextRange {
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

/// The thread's text: consecutive regions of one address space that [`TextRange`]s index.
/// The text parsers fill regions of a few megabytes (see compact.rs); JSON makes one.
#[derive(Clone, Debug, Default)]
pub struct Text {
    regions: Vec<String>,
    /// Offset of each region's first byte; `starts[0]` is 0.
    starts: Vec<u32>,
}

impl Text {
    pub fn from_string(text: String) -> Self {
        Text {
            regions: vec![text],
            starts: vec![0],
        }
    }

    fn from_regions(regions: Vec<String>, starts: Vec<u32>) -> Self {
        debug_assert_eq!(regions.len(), starts.len());
        Text { regions, starts }
    }

    /// The text of `range`; a piece never straddles two regions.
    pub fn get(&self, range: TextRange) -> &str {
        if range.is_empty() {
            return "";
        }
        let index = match self.starts.len() {
            0 => return "",
            1 => 0,
            _ => self.starts.partition_point(|&start| start <= range.start) - 1,
        };
        let start = self.starts[index];
        self.regions[index]
            .get((range.start - start) as usize..(range.end - start) as usize)
            .unwrap_or("")
    }

    /// Bytes of text held.
    pub fn len(&self) -> usize {
        self.regions.iter().map(String::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One comment (or a placeholder for a comment missing from the page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub author: Option<TextRange>,
    pub body: TextRange,
    /// Index of the parent node, or [`NO_PARENT`].
    pub parent: u32,
    /// 1 for a top-level comment, parent's depth + 1 otherwise.
    pub depth: u32,
    /// One past the last descendant: the next sibling (or an ancestor's sibling) starts here.
    pub subtree_end: u32,
    /// A level skipped in the file: no author, no text, present only to hold its replies.
    pub missing: bool,
}

/// A parsed thread. Comments are stored in pre-order, so a node's descendants are the
/// contiguous slice `id + 1 .. subtree_end`.
#[derive(Clone, Debug, Default)]
pub struct Thread {
    text: Text,
    info: ThreadInfo,
    nodes: Vec<Node>,
    details: Details,
    /// Indices of placeholder nodes, ascending: lets `ordinal` skip them without a scan.
    missing: Vec<u32>,
    top_level_count: usize,
    /// Top-level comments that have replies: what "fold all" folds, found while parsing so
    /// that folding all is a copy rather than a walk over every thread.
    top_level_parents: BitSet,
    /// Comments with replies at levels 2..=MAX_INDEXED_LEVEL, in file order: "unfold to
    /// level N" folds exactly these, without walking the levels above.
    parents_by_level: Vec<Vec<u32>>,
}

impl Thread {
    fn slice(&self, range: TextRange) -> &str {
        self.text.get(range)
    }

    pub fn title(&self) -> &str {
        self.slice(self.info.title)
    }

    /// The date line shown above the title, as the page wrote it.
    pub fn date(&self) -> Option<&str> {
        self.info.date.map(|range| self.slice(range))
    }

    pub fn article(&self) -> &str {
        self.slice(self.info.article)
    }

    /// Who wrote the article or started the thread, where the source says.
    pub fn article_author(&self) -> Option<&str> {
        self.info.author.map(|range| self.slice(range))
    }

    /// When the article was published or the thread started.
    pub fn article_time(&self) -> Option<Timestamp> {
        self.info.time
    }

    /// The source's id for the thread.
    pub fn thread_id(&self) -> Option<&str> {
        self.info.id.map(|range| self.slice(range))
    }

    /// Where the thread lives on the web.
    pub fn url(&self) -> Option<&str> {
        self.info.url.map(|range| self.slice(range))
    }

    pub fn article_score(&self) -> Option<i64> {
        self.info.score
    }

    /// Top-level comments the source counts that are not in the file.
    pub fn more_top_level(&self) -> u32 {
        self.info.more_replies
    }

    /// When comment `id` was written, where the source says.
    pub fn time(&self, id: usize) -> Option<Timestamp> {
        self.details.time.get(id)
    }

    /// The source's id for comment `id` (`comment-123`).
    pub fn comment_id(&self, id: usize) -> Option<&str> {
        self.details.id.get(id).map(|range| self.slice(range))
    }

    pub fn comment_url(&self, id: usize) -> Option<&str> {
        self.details.url.get(id).map(|range| self.slice(range))
    }

    pub fn score(&self, id: usize) -> Option<i64> {
        self.details.score.get(id)
    }

    /// Replies to `id` the source counts that are not in the file.
    pub fn more_replies(&self, id: usize) -> u32 {
        self.details.more_replies.get(id)
    }

    pub fn status(&self, id: usize) -> Status {
        self.details.status.get(id)
    }

    /// How many levels of the page placeholder `id` stands for (1 for a real comment).
    pub fn skipped_levels(&self, id: usize) -> usize {
        (self.details.skipped_levels.get(id) as usize).max(1)
    }

    /// The comment's level on the page: its depth in the tree plus the extra levels that
    /// placeholders above it stand for. O(depth).
    pub fn level(&self, id: usize) -> usize {
        if self.details.skipped_levels.is_empty() {
            return self.depth(id);
        }
        self.depth(id)
            + self
                .ancestors(id)
                .map(|a| self.skipped_levels(a) - 1)
                .sum::<usize>()
    }

    /// The per-comment columns (time, id, url, score...), for writers that walk them all.
    pub fn details(&self) -> &Details {
        &self.details
    }

    /// Bytes of text held.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Number of nodes, placeholders included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn node(&self, id: usize) -> &Node {
        &self.nodes[id]
    }

    /// Number of top-level comments (threads).
    pub fn top_level_count(&self) -> usize {
        self.top_level_count
    }

    /// Top-level comments that have replies.
    pub fn top_level_parents(&self) -> &BitSet {
        &self.top_level_parents
    }

    /// The comments with replies at `level` (2..=MAX_INDEXED_LEVEL), or None past that.
    pub fn parents_at_level(&self, level: usize) -> Option<&[u32]> {
        let index = level.checked_sub(2)?;
        self.parents_by_level.get(index).map(Vec::as_slice)
    }

    /// Number of real comments (placeholders not counted).
    pub fn comment_count(&self) -> usize {
        self.nodes.len() - self.missing.len()
    }

    pub fn author(&self, id: usize) -> Option<&str> {
        self.nodes[id].author.map(|range| self.slice(range))
    }

    pub fn body(&self, id: usize) -> &str {
        self.slice(self.nodes[id].body)
    }

    pub fn is_missing(&self, id: usize) -> bool {
        self.nodes[id].missing
    }

    pub fn depth(&self, id: usize) -> usize {
        self.nodes[id].depth as usize
    }

    pub fn parent(&self, id: usize) -> Option<usize> {
        match self.nodes[id].parent {
            NO_PARENT => None,
            parent => Some(parent as usize),
        }
    }

    pub fn subtree_end(&self, id: usize) -> usize {
        self.nodes[id].subtree_end as usize
    }

    /// Number of descendants (all levels).
    pub fn descendant_count(&self, id: usize) -> usize {
        self.subtree_end(id) - id - 1
    }

    pub fn has_children(&self, id: usize) -> bool {
        self.subtree_end(id) > id + 1
    }

    /// Direct replies of `id`, or the top-level comments for `None`.
    pub fn children(&self, id: Option<usize>) -> Children<'_> {
        let (next, end) = match id {
            Some(id) => (id + 1, self.subtree_end(id)),
            None => (0, self.nodes.len()),
        };
        Children {
            thread: self,
            next,
            end,
        }
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent(id), move |&node| self.parent(node))
    }

    /// The next reply to the same parent (or the next top-level comment).
    pub fn next_sibling(&self, id: usize) -> Option<usize> {
        let next = self.subtree_end(id);
        (next < self.nodes.len() && self.nodes[next].parent == self.nodes[id].parent)
            .then_some(next)
    }

    /// The previous reply to the same parent: the ancestor of `id - 1` at `id`'s depth.
    pub fn prev_sibling(&self, id: usize) -> Option<usize> {
        let mut node = id.checked_sub(1)?;
        while self.depth(node) > self.depth(id) {
            node = self.parent(node)?;
        }
        (node != id
            && self.nodes[node].parent == self.nodes[id].parent
            && self.depth(node) == self.depth(id))
        .then_some(node)
    }

    /// The top-level comment whose thread holds `id`.
    pub fn root_of(&self, id: usize) -> usize {
        self.ancestors(id).last().unwrap_or(id)
    }

    /// Real comments (placeholders not counted) among the nodes in `range`.
    pub fn comments_in(&self, range: Range<usize>) -> usize {
        let missing_before = |at: usize| self.missing.partition_point(|&m| (m as usize) < at);
        range.len() - (missing_before(range.end) - missing_before(range.start))
    }

    /// Real comments below `id`, all levels: what folding it hides.
    pub fn hidden_by_fold(&self, id: usize) -> usize {
        self.comments_in(id + 1..self.subtree_end(id))
    }

    /// The 1-based position of a real comment among the real comments, in file order.
    pub fn ordinal(&self, id: usize) -> usize {
        let missing_before = self.missing.partition_point(|&m| (m as usize) < id);
        id - missing_before + 1
    }
}

/// Iterator over the direct children of a node: each step jumps over a whole sub-thread.
pub struct Children<'a> {
    thread: &'a Thread,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.thread.subtree_end(id);
        Some(id)
    }
}
