//! The thread's commenters: who wrote each comment, each commenter's figures (comments,
//! replies each way, words, first and last comment) and their folded names for search.
//! Built once per thread (in the reader, on a second thread); the commenter search, the
//! commenters panel, `--dump commenters` and the exchange view all read it.

use super::{TextRange, Thread};
use crate::text::fold::fold;
use std::collections::HashMap;

/// One commenter of a thread: an index into its [`AuthorIndex`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommenterId(pub u32);

impl CommenterId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

const NO_AUTHOR: u32 = u32::MAX;
/// Name ranges remembered while indexing (a thread whose names are not shared, JSON's, would
/// otherwise fill the map with one entry per comment).
const RANGES_CACHED: usize = 1 << 17;

/// What one commenter did in the thread. Positions are node ids (`Thread::ordinal` gives the
/// number a reader sees, `Thread::time` when it was written).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommenterStats {
    pub comments: u32,
    /// Comments that start a thread (level 1).
    pub top_level: u32,
    /// Their comments that answer another comment.
    pub replies_written: u32,
    /// Comments by others that answer them (see [`AuthorIndex::answers`]).
    pub replies_received: u32,
    /// How many other commenters they answered at least once.
    pub people_answered: u32,
    /// Runs of characters between spaces and line breaks, over all their comments.
    pub words: u64,
    /// Their first and last comment in file order (`Thread::time` tells when, where known).
    pub first: u32,
    pub last: u32,
}

/// Whom a commenter answers and who answers them, most often first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Partners {
    pub answers: Vec<(CommenterId, u32)>,
    pub answered_by: Vec<(CommenterId, u32)>,
}

pub struct AuthorIndex {
    /// A comment by each commenter: where the name is read from.
    written_by: Vec<u32>,
    /// The folded names back to back; commenter `i`'s is `keys[key_ends[i-1]..key_ends[i]]`.
    keys: String,
    key_ends: Vec<usize>,
    author_of: Vec<u32>,
    stats: Vec<CommenterStats>,
    /// Commenters with the most comments first (ties: who commented first).
    by_count: Vec<CommenterId>,
    /// Each commenter's comments in file order: commenter `i`'s are
    /// `comments[comment_starts[i]..comment_starts[i + 1]]`.
    comments: Vec<u32>,
    comment_starts: Vec<u32>,
    /// Whom each comment answers (see [`AuthorIndex::answers`]), by node.
    answers: Vec<u32>,
    /// The comments that answer each commenter, grouped like `comments`.
    answered: Vec<u32>,
    answer_starts: Vec<u32>,
}

impl AuthorIndex {
    pub fn build(thread: &Thread) -> Self {
        let mut index = AuthorIndex::names(thread);
        index.count(thread);
        index
    }

    /// Tells commenters apart by name and records who wrote each comment.
    fn names(thread: &Thread) -> Self {
        // The text parsers store each name once, so most lookups are by range (no text
        // read); a range not seen yet is looked up by name (JSON stores every name anew).
        let mut by_range: HashMap<TextRange, u32> = HashMap::new();
        let mut by_name: HashMap<&str, u32> = HashMap::new();
        let mut written_by = Vec::new();
        let mut keys = String::new();
        let mut key_ends = Vec::new();
        let author_of = thread
            .nodes()
            .iter()
            .enumerate()
            .map(|(node, fields)| {
                let Some(range) = fields.author.filter(|_| !fields.missing) else {
                    return NO_AUTHOR;
                };
                if let Some(&id) = by_range.get(&range) {
                    return id;
                }
                let name = thread.author(node).unwrap_or("");
                let id = *by_name.entry(name).or_insert_with(|| {
                    written_by.push(node as u32);
                    keys.push_str(&fold(name));
                    key_ends.push(keys.len());
                    (written_by.len() - 1) as u32
                });
                if by_range.len() < RANGES_CACHED {
                    by_range.insert(range, id);
                }
                id
            })
            .collect();
        AuthorIndex {
            written_by,
            keys,
            key_ends,
            author_of,
            stats: Vec::new(),
            by_count: Vec::new(),
            comments: Vec::new(),
            comment_starts: Vec::new(),
            answers: Vec::new(),
            answered: Vec::new(),
            answer_starts: Vec::new(),
        }
    }

    /// Whom each comment answers, the figures, each commenter's comments and the answers
    /// they received, and the order by count: a few passes over the nodes and one over the
    /// text (for words).
    fn count(&mut self, thread: &Thread) {
        let people = self.written_by.len();
        self.answers = answers(thread, &self.author_of);
        let mut stats = vec![CommenterStats::default(); people];
        for (node, &author) in self.author_of.iter().enumerate() {
            if author == NO_AUTHOR {
                continue;
            }
            let own = &mut stats[author as usize];
            if own.comments == 0 {
                own.first = node as u32;
            }
            own.comments += 1;
            own.last = node as u32;
            if thread.parent(node).is_none() {
                own.top_level += 1;
            } else {
                own.replies_written += 1;
            }
            own.words += count_words(thread.body(node));
            let to = self.answers[node];
            if to != NO_AUTHOR {
                stats[to as usize].replies_received += 1;
            }
        }
        (self.comment_starts, self.comments) = group_by(people, &self.author_of);
        (self.answer_starts, self.answered) = group_by(people, &self.answers);

        // People answered: the distinct commenters each one's comments answer.
        let mut last_counted_for = vec![NO_AUTHOR; people];
        for (author, own) in stats.iter_mut().enumerate() {
            for &node in self.comments_of(CommenterId(author as u32)) {
                let to = self.answers[node as usize];
                if to != NO_AUTHOR && last_counted_for[to as usize] != author as u32 {
                    last_counted_for[to as usize] = author as u32;
                    own.people_answered += 1;
                }
            }
        }

        let mut order: Vec<u64> = stats
            .iter()
            .enumerate()
            .map(|(i, s)| (u64::from(u32::MAX - s.comments) << 32) | i as u64)
            .collect();
        order.sort_unstable();
        self.by_count = order
            .into_iter()
            .map(|key| CommenterId(key as u32))
            .collect();
        self.stats = stats;
    }

    /// Number of distinct commenters.
    pub fn len(&self) -> usize {
        self.written_by.len()
    }

    pub fn is_empty(&self) -> bool {
        self.written_by.is_empty()
    }

    /// The commenter's name as the thread spells it.
    pub fn name<'t>(&self, thread: &'t Thread, who: CommenterId) -> &'t str {
        self.written_by
            .get(who.index())
            .and_then(|&node| thread.author(node as usize))
            .unwrap_or("")
    }

    /// The commenter's name folded for search (lower case, no accents).
    pub fn folded_name(&self, who: CommenterId) -> &str {
        let i = who.index();
        let start = i.checked_sub(1).map_or(0, |p| self.key_ends[p]);
        &self.keys[start..self.key_ends[i]]
    }

    /// Who wrote comment `node`; None for placeholders and comments without a name.
    pub fn author_of(&self, node: usize) -> Option<CommenterId> {
        match self.author_of.get(node) {
            Some(&author) if author != NO_AUTHOR => Some(CommenterId(author)),
            _ => None,
        }
    }

    /// The commenter with exactly this name.
    pub fn find(&self, thread: &Thread, name: &str) -> Option<CommenterId> {
        let folded = fold(name);
        (0..self.len() as u32)
            .map(CommenterId)
            .find(|&who| self.folded_name(who) == folded && self.name(thread, who) == name)
    }

    pub fn stats(&self, who: CommenterId) -> &CommenterStats {
        &self.stats[who.index()]
    }

    /// Every commenter, the most comments first (ties: who commented first).
    pub fn by_count(&self) -> &[CommenterId] {
        &self.by_count
    }

    /// The commenter's comments (node ids) in file order.
    pub fn comments_of(&self, who: CommenterId) -> &[u32] {
        group(&self.comment_starts, &self.comments, who)
    }

    /// The comments that answer the commenter (node ids) in file order.
    pub fn answers_to(&self, who: CommenterId) -> &[u32] {
        group(&self.answer_starts, &self.answered, who)
    }

    /// The commenter comment `node` answers: its parent's author. Pages stop nesting at a
    /// depth, so a conversation there is a run of siblings under one comment: at the
    /// thread's deepest level, a reply under its own author's comment answers the nearest
    /// earlier sibling by someone else. Never the comment's own author; None for top-level
    /// comments, comments without a known author and replies to unknown authors.
    pub fn answers(&self, node: usize) -> Option<CommenterId> {
        match self.answers.get(node) {
            Some(&to) if to != NO_AUTHOR => Some(CommenterId(to)),
            _ => None,
        }
    }

    /// For each commenter, whether their folded name contains `folded_query`. The needle is
    /// prepared once, so the scan costs the length of the names, not names times query.
    pub fn matching(&self, folded_query: &str) -> Vec<bool> {
        let finder = memchr::memmem::Finder::new(folded_query.as_bytes());
        (0..self.len() as u32)
            .map(|i| {
                let key = self.folded_name(CommenterId(i));
                key.len() >= folded_query.len() && finder.find(key.as_bytes()).is_some()
            })
            .collect()
    }

    /// Commenters whose folded name contains `folded_query`, the most comments first.
    pub fn candidates(&self, folded_query: &str) -> Vec<CommenterId> {
        let matching = self.matching(folded_query);
        self.by_count
            .iter()
            .copied()
            .filter(|who| matching[who.index()])
            .collect()
    }

    /// Whom `who` answers and who answers them, with counts, most first (ties: who
    /// commented first). Costs their comments and the answers to them.
    pub fn partners(&self, who: CommenterId) -> Partners {
        let tally = |nodes: &[u32], whose: &dyn Fn(usize) -> Option<CommenterId>| {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            for &node in nodes {
                if let Some(other) = whose(node as usize) {
                    *counts.entry(other.0).or_default() += 1;
                }
            }
            let mut list: Vec<(CommenterId, u32)> = counts
                .into_iter()
                .map(|(other, n)| (CommenterId(other), n))
                .collect();
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list
        };
        Partners {
            answers: tally(self.comments_of(who), &|node| self.answers(node)),
            answered_by: tally(self.answers_to(who), &|node| self.author_of(node)),
        }
    }
}

/// Node ids grouped by a value per node (a counting sort): the ids with value `i` are
/// `ids[starts[i]..starts[i + 1]]`, in node order. Nodes with `NO_AUTHOR` are left out.
fn group_by(groups: usize, value_of: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let mut starts = vec![0u32; groups + 1];
    for &value in value_of.iter().filter(|&&v| v != NO_AUTHOR) {
        starts[value as usize + 1] += 1;
    }
    for i in 0..groups {
        starts[i + 1] += starts[i];
    }
    let mut next = starts.clone();
    let mut ids = vec![0u32; starts[groups] as usize];
    for (node, &value) in value_of.iter().enumerate() {
        if value != NO_AUTHOR {
            ids[next[value as usize] as usize] = node as u32;
            next[value as usize] += 1;
        }
    }
    (starts, ids)
}

fn group<'a>(starts: &[u32], ids: &'a [u32], who: CommenterId) -> &'a [u32] {
    let i = who.index();
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&start), Some(&end)) => &ids[start as usize..end as usize],
        _ => &[],
    }
}

/// Whom each comment answers (see [`AuthorIndex::answers`]), in one pass: at the deepest
/// level a run of siblings has no sub-threads, so siblings there are consecutive nodes.
fn answers(thread: &Thread, author_of: &[u32]) -> Vec<u32> {
    let deepest = (0..thread.len())
        .map(|id| thread.depth(id))
        .max()
        .unwrap_or(0);
    // The run of siblings at the deepest level: its parent, the latest author in it and the
    // latest author other than that one.
    let mut run_parent = None;
    let mut latest = [NO_AUTHOR; 2];
    (0..thread.len())
        .map(|node| {
            let me = author_of[node];
            // A comment without a known author answers nobody anyone can name.
            let Some(parent) = thread.parent(node).filter(|_| me != NO_AUTHOR) else {
                return NO_AUTHOR;
            };
            let parent_author = author_of[parent];
            let mut to = parent_author;
            if deepest >= 2 && thread.depth(node) == deepest {
                if run_parent != Some(parent) {
                    run_parent = Some(parent);
                    latest = [NO_AUTHOR; 2];
                }
                let earlier_other = if latest[0] != me {
                    latest[0]
                } else {
                    latest[1]
                };
                if parent_author == me && earlier_other != NO_AUTHOR {
                    to = earlier_other;
                }
                if me != NO_AUTHOR && latest[0] != me {
                    latest = [me, latest[0]];
                }
            }
            if to == me { NO_AUTHOR } else { to }
        })
        .collect()
}

/// Words: runs of bytes above the space, between spaces, line breaks and controls. Eight
/// bytes at a time in a u64: a byte starts a word when it is above the space and the byte
/// before it is not, so a word start is a bit of `above & !(above shifted one byte)`.
pub fn count_words(text: &str) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut count = 0;
    // Bit 7 set when the byte before the current word was above the space.
    let mut before = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        // Bit 7 of each byte: above the space (every byte past ASCII counts as a letter).
        let above = (((word & !HIGH) + ONES * u64::from(0x80 - 0x21u8)) | word) & HIGH;
        count += u64::from((above & !((above << 8) | before)).count_ones());
        before = above >> 56;
    }
    let mut previous_above = before != 0;
    for &b in chunks.remainder() {
        let above = b > b' ';
        count += u64::from(above && !previous_above);
        previous_above = above;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn words_are_runs_between_spaces() {
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("one"), 1);
        assert_eq!(count_words(" Putin’s gas,\n\nand  oil. "), 4);
        // Across the eight-byte steps, whatever the alignment.
        let text = "a bb ccc dddd eeeee\tff\n  ggg h, i. jjjjjjjjjjjjjjjjjjj k";
        for start in 0..9 {
            let part = &text[start..];
            assert_eq!(
                count_words(part),
                part.split_whitespace().count() as u64,
                "{part:?}"
            );
        }
    }
}
