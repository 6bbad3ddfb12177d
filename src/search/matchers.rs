//! The matchers that find comments by who wrote them, each giving the set of matching
//! comments the outline filters by: part of a name, exact commenters, and the exchange
//! between two people. (Text is matched on a worker thread: see `scan`.)

use crate::bitset::BitSet;
use crate::text::fold::fold;
use crate::thread::{AuthorIndex, CommenterId, Thread};

/// Comments whose author's name contains `part` (case- and accent-insensitive). One pass
/// over the names and one over the comments.
pub fn author_part(thread: &Thread, index: &AuthorIndex, part: &str) -> BitSet {
    let matching = index.matching(&fold(part));
    let mut set = BitSet::new(thread.len());
    for (who, _) in matching.iter().enumerate().filter(|(_, m)| **m) {
        for &node in index.comments_of(CommenterId(who as u32)) {
            set.set(node as usize, true);
        }
    }
    set
}

/// Comments written by any of `who`. Costs their comments.
pub fn authors(thread: &Thread, index: &AuthorIndex, who: &[CommenterId]) -> BitSet {
    let mut set = BitSet::new(thread.len());
    for &one in who {
        for &node in index.comments_of(one) {
            set.set(node as usize, true);
        }
    }
    set
}

/// Comments in which one of `a` and `b` answers the other (see `AuthorIndex::answers`).
/// Costs the answers to them.
pub fn exchange(thread: &Thread, index: &AuthorIndex, a: CommenterId, b: CommenterId) -> BitSet {
    let mut set = BitSet::new(thread.len());
    for (from, to) in [(a, b), (b, a)] {
        for &node in index.answers_to(to) {
            if index.author_of(node as usize) == Some(from) {
                set.set(node as usize, true);
            }
        }
    }
    set
}
