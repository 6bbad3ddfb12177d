//! Search by commenter name: an index of distinct authors with case- and accent-folded
//! keys, and the set of matching comments for the current query.

use crate::bitset::BitSet;
use crate::text::sanitize::sanitize_line;
use crate::thread::{TextRange, Thread};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const NO_AUTHOR: u32 = u32::MAX;
/// Name ranges remembered while indexing (a thread whose names are not shared, JSON's, would
/// otherwise fill the map with one entry per comment).
const RANGES_CACHED: usize = 1 << 17;

/// Lower case without accents: "Zoë" and "ZOE" both become "zoe". Names and queries are
/// sanitised first, so both sides match on what the screen shows (a query pasted with a
/// zero-width space or a bidi override still finds the name).
pub fn fold(text: &str) -> String {
    sanitize_line(text)
        .nfd()
        .filter(|&c| !is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The thread's commenters, each with a folded key, and which one wrote each node.
pub struct AuthorIndex {
    names: Vec<String>,
    keys: Vec<String>,
    counts: Vec<u32>,
    author_of: Vec<u32>,
}

impl AuthorIndex {
    pub fn build(thread: &Thread) -> Self {
        // The text parsers store each name once, so most lookups are by range (no text
        // read); a range not seen yet is looked up by name (JSON stores every name anew).
        let mut by_range: HashMap<TextRange, u32> = HashMap::new();
        let mut by_name: HashMap<&str, u32> = HashMap::new();
        let mut names = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let author_of = thread
            .nodes()
            .iter()
            .enumerate()
            .map(|(node, fields)| {
                let Some(range) = fields.author else {
                    return NO_AUTHOR;
                };
                let id = match by_range.get(&range) {
                    Some(&id) => id,
                    None => {
                        let name = thread.author(node).unwrap_or("");
                        let id = *by_name.entry(name).or_insert_with(|| {
                            names.push(name.to_string());
                            counts.push(0);
                            (names.len() - 1) as u32
                        });
                        if by_range.len() < RANGES_CACHED {
                            by_range.insert(range, id);
                        }
                        id
                    }
                };
                counts[id as usize] += 1;
                id
            })
            .collect();
        let keys = names.iter().map(|name| fold(name)).collect();
        AuthorIndex {
            names,
            keys,
            counts,
            author_of,
        }
    }

    /// Commenters whose folded name contains `folded_query`, most prolific first.
    pub fn candidates(&self, folded_query: &str) -> Vec<&str> {
        let mut found: Vec<usize> = (0..self.names.len())
            .filter(|&i| self.keys[i].contains(folded_query))
            .collect();
        found.sort_by(|&a, &b| {
            self.counts[b]
                .cmp(&self.counts[a])
                .then(self.names[a].cmp(&self.names[b]))
        });
        found.into_iter().map(|i| self.names[i].as_str()).collect()
    }
}

/// Tab completion in progress: what was typed, and which candidate is shown.
struct Completion {
    typed: String,
    next: usize,
}

#[derive(Default)]
pub struct Search {
    query: String,
    index: Option<AuthorIndex>,
    matches: Option<BitSet>,
    match_count: usize,
    completion: Option<Completion>,
}

impl Search {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Builds the author index now (the app calls this when idle after the first frame).
    pub fn prepare(&mut self, thread: &Thread) -> &AuthorIndex {
        self.index.get_or_insert_with(|| AuthorIndex::build(thread))
    }

    pub fn is_prepared(&self) -> bool {
        self.index.is_some()
    }

    /// Sets the query and recomputes the matching comments.
    pub fn set_query(&mut self, thread: &Thread, query: &str) {
        self.query = query.to_string();
        self.completion = None;
        self.refresh(thread);
    }

    fn refresh(&mut self, thread: &Thread) {
        if self.query.is_empty() {
            self.matches = None;
            self.match_count = 0;
            return;
        }
        let key = fold(&self.query);
        let index = self.prepare(thread);
        let author_matches: Vec<bool> = index.keys.iter().map(|k| k.contains(&key)).collect();
        let mut matches = BitSet::new(thread.len());
        let mut count = 0;
        for (node, &author) in index.author_of.iter().enumerate() {
            if author != NO_AUTHOR && author_matches[author as usize] {
                matches.set(node, true);
                count += 1;
            }
        }
        self.matches = Some(matches);
        self.match_count = count;
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.matches = None;
        self.match_count = 0;
        self.completion = None;
    }

    /// Replaces the query with the next commenter whose name contains what was typed.
    pub fn complete(&mut self, thread: &Thread) {
        let typed = match self.completion.take() {
            Some(completion) => completion,
            None => Completion {
                typed: self.query.clone(),
                next: 0,
            },
        };
        let candidates = self.prepare(thread).candidates(&fold(&typed.typed));
        if candidates.is_empty() {
            self.completion = Some(typed);
            return;
        }
        let pick = candidates[typed.next % candidates.len()].to_string();
        self.query = pick;
        self.refresh(thread);
        self.completion = Some(Completion {
            typed: typed.typed,
            next: typed.next + 1,
        });
    }

    pub fn is_match(&self, id: usize) -> bool {
        self.matches.as_ref().is_some_and(|m| m.contains(id))
    }

    pub fn match_count(&self) -> usize {
        self.match_count
    }

    /// 1-based number of the match at `id`, or of the last match before it (0 if none).
    pub fn match_number(&self, id: usize) -> usize {
        self.matches.as_ref().map_or(0, |m| m.rank(id + 1))
    }

    /// The first match at or after `from`, wrapping to the top; tells whether it wrapped.
    pub fn next_match(&self, from: usize) -> Option<(usize, bool)> {
        let matches = self.matches.as_ref()?;
        match matches.next_from(from) {
            Some(id) => Some((id, false)),
            None => matches.next_from(0).map(|id| (id, true)),
        }
    }

    /// The last match before `before`, wrapping to the bottom; tells whether it wrapped.
    pub fn prev_match(&self, before: usize) -> Option<(usize, bool)> {
        let matches = self.matches.as_ref()?;
        match matches.prev_before(before) {
            Some(id) => Some((id, false)),
            None => matches.prev_before(matches.len()).map(|id| (id, true)),
        }
    }

    /// The matches plus every ancestor of a match: what the filtered outline shows.
    pub fn filter_set(&self, thread: &Thread) -> Option<BitSet> {
        let matches = self.matches.as_ref()?;
        let mut shown = matches.clone();
        let mut next = matches.next_from(0);
        while let Some(id) = next {
            for ancestor in thread.ancestors(id) {
                if !shown.set(ancestor, true) {
                    break;
                }
            }
            next = matches.next_from(id + 1);
        }
        Some(shown)
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Zoë Ångström"), "zoe angstrom");
        assert_eq!(fold("OCCUPYbacon"), "occupybacon");
        assert_eq!(fold("Иван"), "иван");
        assert_eq!(fold("Jens\u{200b} \u{202e}Holm"), "jens holm");
    }
}
