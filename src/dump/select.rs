//! Which comments a dump writes, and the tree they form: all of them, one sub-thread, or a set
//! (search matches, with or without their ancestors). A set is shown as a tree of its own: a
//! comment hangs under its nearest ancestor in the set, so the writers nest, indent and draw
//! guides the same way whatever was chosen.

use crate::bitset::BitSet;
use crate::search::text::TextQuery;
use crate::text::fold::{FoldBuffer, fold};
use crate::thread::{AuthorIndex, Thread};
use std::ops::Range;

/// What `--author`, `--grep` and `--context` ask of a dump.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Part of a commenter's name, matched as the reader's commenter search matches it.
    pub author: Option<String>,
    /// Text the comment's body must contain (see [`TextQuery`]: the reader's text search).
    pub grep: Option<String>,
    /// Also write each match's chain of ancestors.
    pub context: bool,
}

impl Filter {
    /// Whether anything is filtered: empty names and queries filter nothing.
    pub fn is_active(&self) -> bool {
        self.author_query().is_some() || self.text_matcher().is_some()
    }

    fn author_query(&self) -> Option<&str> {
        self.author.as_deref().filter(|a| !a.trim().is_empty())
    }

    fn text_matcher(&self) -> Option<TextQuery> {
        self.grep
            .as_deref()
            .filter(|grep| !grep.trim().is_empty())
            .and_then(TextQuery::new)
    }

    /// The comments of `thread` this filter writes.
    pub fn select(&self, thread: &Thread) -> Selection {
        let author = self.author_query();
        let text = self.text_matcher();
        if author.is_none() && text.is_none() {
            return Selection::all(thread);
        }
        let mut matches = match author {
            Some(name) => author_matches(thread, name),
            None => {
                let mut all = BitSet::new(thread.len());
                (0..thread.len())
                    .filter(|&id| !thread.is_missing(id))
                    .for_each(|id| {
                        all.set(id, true);
                    });
                all
            }
        };
        if let Some(text) = &text {
            let mut buffer = FoldBuffer::default();
            let mut next = matches.next_from(0);
            while let Some(id) = next {
                if !text.is_match(thread.body(id), &mut buffer) {
                    matches.set(id, false);
                }
                next = matches.next_from(id + 1);
            }
        }
        if self.context {
            Selection::with_context(thread, matches)
        } else {
            Selection::set(matches)
        }
    }
}

/// The comments whose author matches `name` as the reader's `/` search matches it: every
/// commenter whose folded name holds the folded `name`.
fn author_matches(thread: &Thread, name: &str) -> BitSet {
    let index = AuthorIndex::build(thread);
    let mut matches = BitSet::new(thread.len());
    for who in index.candidates(&fold(name)) {
        for &id in index.comments_of(who) {
            matches.set(id as usize, true);
        }
    }
    matches
}

#[derive(Clone, Debug)]
enum Shown {
    /// Consecutive nodes: every comment, or one sub-thread (a node and its descendants).
    Range(Range<usize>),
    Set(BitSet),
}

/// A choice of comments of one thread.
#[derive(Clone, Debug)]
pub struct Selection {
    shown: Shown,
    /// Shown only as a match's ancestor, not as a match.
    context: Option<BitSet>,
}

impl Selection {
    pub fn all(thread: &Thread) -> Selection {
        Selection {
            shown: Shown::Range(0..thread.len()),
            context: None,
        }
    }

    /// Comment `root` and all its replies: what the reader copies or writes for a sub-thread.
    /// An id past the thread selects nothing.
    pub fn subtree(thread: &Thread, root: usize) -> Selection {
        let range = if root < thread.len() {
            root..thread.subtree_end(root)
        } else {
            0..0
        };
        Selection {
            shown: Shown::Range(range),
            context: None,
        }
    }

    /// Exactly these comments (the reader's filtered view passes its shown set).
    pub fn set(shown: BitSet) -> Selection {
        Selection {
            shown: Shown::Set(shown),
            context: None,
        }
    }

    /// `matches` and every ancestor of a match, the ancestors marked as context.
    pub fn with_context(thread: &Thread, matches: BitSet) -> Selection {
        let mut shown = matches.clone();
        let mut context = BitSet::new(thread.len());
        let mut next = matches.next_from(0);
        while let Some(id) = next {
            for ancestor in thread.ancestors(id) {
                // An ancestor already shown has its own ancestors shown too.
                if !shown.set(ancestor, true) {
                    break;
                }
                context.set(ancestor, true);
            }
            next = matches.next_from(id + 1);
        }
        Selection {
            shown: Shown::Set(shown),
            context: Some(context),
        }
    }

    pub fn contains(&self, id: usize) -> bool {
        match &self.shown {
            Shown::Range(range) => range.contains(&id),
            Shown::Set(set) => set.contains(id),
        }
    }

    /// Shown only because a match is among its replies (`--context`).
    pub fn is_context(&self, id: usize) -> bool {
        self.context.as_ref().is_some_and(|c| c.contains(id))
    }

    /// The shown comments in file order.
    pub fn ids(&self) -> impl Iterator<Item = usize> + '_ {
        let (range, set) = match &self.shown {
            Shown::Range(range) => (range.clone(), None),
            Shown::Set(set) => (0..0, Some(set)),
        };
        let mut next_in_set = set.and_then(|s| s.next_from(0));
        range.chain(std::iter::from_fn(move || {
            let id = next_in_set?;
            next_in_set = set.and_then(|s| s.next_from(id + 1));
            Some(id)
        }))
    }

    /// Number of shown nodes.
    pub fn len(&self) -> usize {
        match &self.shown {
            Shown::Range(range) => range.len(),
            Shown::Set(set) => set.count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The shown comments as a tree, in file order: each with its depth in that tree and
    /// whether it is the last reply of its shown parent.
    pub fn walk<'a>(&'a self, thread: &'a Thread) -> Walk<'a> {
        match &self.shown {
            Shown::Range(range) => Walk::Range {
                thread,
                range: range.clone(),
                base: range
                    .clone()
                    .next()
                    .map_or(0, |root| thread.depth(root) - 1),
            },
            Shown::Set(set) => Walk::List(tree_of_set(thread, set).into_iter()),
        }
    }

    /// The nearest shown ancestor of a shown comment: its parent in the shown tree.
    pub fn shown_parent(&self, thread: &Thread, id: usize) -> Option<usize> {
        match &self.shown {
            Shown::Range(range) => thread.parent(id).filter(|p| range.contains(p)),
            Shown::Set(set) => thread.ancestors(id).find(|&a| set.contains(a)),
        }
    }
}

/// One shown comment in the shown tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: usize,
    /// 1 for a comment with no shown ancestor.
    pub depth: usize,
    /// No later shown comment has the same shown parent.
    pub last: bool,
}

pub enum Walk<'a> {
    Range {
        thread: &'a Thread,
        range: Range<usize>,
        /// Depth of the range's first node, less one: its depth in the shown tree is 1.
        base: usize,
    },
    List(std::vec::IntoIter<Item>),
}

impl Iterator for Walk<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self {
            Walk::Range {
                thread,
                range,
                base,
            } => {
                let id = range.next()?;
                let siblings_end = thread
                    .parent(id)
                    .map_or(thread.len(), |p| thread.subtree_end(p))
                    .min(range.end);
                Some(Item {
                    id,
                    depth: thread.depth(id) - *base,
                    last: thread.subtree_end(id) >= siblings_end,
                })
            }
            Walk::List(items) => items.next(),
        }
    }
}

/// The shown tree of a set, without recursion: a stack of the open shown ancestors gives
/// each comment its shown parent and depth; a backward pass finds each parent's last reply.
fn tree_of_set(thread: &Thread, set: &BitSet) -> Vec<Item> {
    let mut items = Vec::new();
    // Each item's shown parent, as an index into `items` (usize::MAX for none).
    let mut parents = Vec::new();
    // Open shown ancestors: (index into items, subtree end).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut next = set.next_from(0);
    while let Some(id) = next {
        while open.last().is_some_and(|&(_, end)| end <= id) {
            open.pop();
        }
        parents.push(open.last().map_or(usize::MAX, |&(index, _)| index));
        open.push((items.len(), thread.subtree_end(id)));
        items.push(Item {
            id,
            depth: open.len(),
            last: false,
        });
        next = set.next_from(id + 1);
    }
    // Walking backwards, the first reply met of each parent is its last.
    let mut has_later = BitSet::new(items.len() + 1);
    for index in (0..items.len()).rev() {
        let parent = parents[index].min(items.len());
        items[index].last = has_later.set(parent, true);
    }
    items
}
