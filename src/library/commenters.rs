//! Every commenter of a library: how much they wrote, in how many threads, when they were
//! first and last seen, and where each of their comments is. Built once when loading ends;
//! a search over it scans the distinct names, not the comments.

use crate::text::fold::fold;
use crate::thread::{TextRange, Thread, Timestamp};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commenter {
    pub name: String,
    pub comments: usize,
    pub threads: usize,
    pub first: Option<Timestamp>,
    pub last: Option<Timestamp>,
}

/// Where a comment is: the library entry (thread) and the comment's node in it.
pub type Place = (u32, u32);

#[derive(Debug, Default)]
pub struct Commenters {
    list: Vec<Commenter>,
    /// Each commenter's comments, in entry order and, within an entry, in thread order.
    places: Vec<Vec<Place>>,
    /// Every commenter's name folded for search (case and accents away), in list order, each
    /// ended by '\n': a query is looked for in this one text at memchr's speed, not name by
    /// name (a library has hundreds of thousands of names).
    keys: String,
    /// Where each commenter's key starts in `keys`.
    key_starts: Vec<usize>,
}

impl Commenters {
    /// Indexes the threads, each given with its entry number, in entry order.
    pub fn build<'a>(threads: impl Iterator<Item = (usize, &'a Thread)>) -> Commenters {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut list: Vec<Commenter> = Vec::new();
        let mut places: Vec<Vec<Place>> = Vec::new();
        // The entry each commenter was last counted in, to count threads once each.
        let mut last_entry: Vec<usize> = Vec::new();
        for (entry, thread) in threads {
            // Names are stored once per thread by the text parsers: each range is looked up
            // by name once, then by its eight bytes.
            let mut local: HashMap<TextRange, usize> = HashMap::new();
            for node in 0..thread.len() {
                let Some(range) = thread.node(node).author else {
                    continue;
                };
                let at = match local.get(&range) {
                    Some(&at) => at,
                    None => {
                        let name = thread.author(node).unwrap_or_default();
                        // Looked up by reference first: a name seen in another thread
                        // allocates nothing.
                        let at = match index.get(name) {
                            Some(&at) => at,
                            None => {
                                list.push(Commenter {
                                    name: name.to_string(),
                                    comments: 0,
                                    threads: 0,
                                    first: None,
                                    last: None,
                                });
                                places.push(Vec::new());
                                last_entry.push(usize::MAX);
                                index.insert(name.to_string(), list.len() - 1);
                                list.len() - 1
                            }
                        };
                        local.insert(range, at);
                        at
                    }
                };
                let commenter = &mut list[at];
                commenter.comments += 1;
                if last_entry[at] != entry {
                    last_entry[at] = entry;
                    commenter.threads += 1;
                }
                if let Some(time) = thread.time(node) {
                    commenter.first = Some(commenter.first.map_or(time, |t| t.min(time)));
                    commenter.last = Some(commenter.last.map_or(time, |t| t.max(time)));
                }
                places[at].push((entry as u32, node as u32));
            }
        }
        let mut keys = String::new();
        let mut key_starts = Vec::with_capacity(list.len());
        for commenter in &list {
            key_starts.push(keys.len());
            // A line break in a name would end its key early: it matches as a space.
            keys.push_str(&fold(&commenter.name).replace('\n', " "));
            keys.push('\n');
        }
        Commenters {
            list,
            places,
            keys,
            key_starts,
        }
    }

    pub fn list(&self) -> &[Commenter] {
        &self.list
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Commenters whose name contains `query` (case- and accent-insensitive), most comments
    /// first. An empty query matches nobody.
    pub fn matching(&self, query: &str) -> Vec<usize> {
        let key = fold(query.trim()).replace('\n', " ");
        if key.is_empty() {
            return Vec::new();
        }
        // The key holds no '\n', so a match never runs from one name into the next.
        let finder = memchr::memmem::Finder::new(key.as_bytes());
        let keys = self.keys.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(offset) = finder.find(&keys[at..]) {
            let hit = at + offset;
            let commenter = self.key_starts.partition_point(|&start| start <= hit) - 1;
            found.push(commenter);
            at = self
                .key_starts
                .get(commenter + 1)
                .copied()
                .unwrap_or(keys.len());
        }
        found.sort_by(|&a, &b| {
            self.list[b]
                .comments
                .cmp(&self.list[a].comments)
                .then_with(|| self.list[a].name.cmp(&self.list[b].name))
        });
        found
    }

    /// The commenter with exactly this name.
    pub fn exact(&self, name: &str) -> Option<usize> {
        self.list.iter().position(|c| c.name == name)
    }

    /// Every comment of these commenters, in entry order, then thread order.
    pub fn places_of(&self, commenters: &[usize]) -> Vec<Place> {
        let mut all: Vec<Place> = commenters
            .iter()
            .filter_map(|&c| self.places.get(c))
            .flatten()
            .copied()
            .collect();
        all.sort_unstable();
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::thread::parse_bytes;
    use std::path::Path;

    fn thread(text: &str) -> Thread {
        parse_bytes(text.as_bytes().to_vec(), None, Path::new("t"))
            .unwrap()
            .into_main_thread()
    }

    #[test]
    fn counts_threads_and_places_across_the_library() {
        let a = thread(
            "A\n\n  1. Zoë Ångström says:\n\n    one\n\n  2. Bob says:\n\n    two\n\n    1. Zoë Ångström says:\n\n      three\n",
        );
        let b = thread("B\n\n  1. Bob says:\n\n    four\n\n  2. zoe says:\n\n    five\n");
        let index = Commenters::build([(0, &a), (1, &b)].into_iter());
        let zoes = index.matching("ZOE");
        let names: Vec<&str> = zoes
            .iter()
            .map(|&i| index.list()[i].name.as_str())
            .collect();
        assert_eq!(names, ["Zoë Ångström", "zoe"]);
        let bob = index.exact("Bob").unwrap();
        assert_eq!(index.list()[bob].comments, 2);
        assert_eq!(index.list()[bob].threads, 2);
        assert_eq!(index.places_of(&zoes), [(0, 0), (0, 2), (1, 1)]);
        assert!(index.matching("  ").is_empty());
    }
}
