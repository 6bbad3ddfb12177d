//! Search by commenter name: an index of distinct authors with case- and accent-folded
//! keys (built on a second thread for the reader), and the set of matching comments for
//! the current query.

use crate::bitset::BitSet;
use crate::text::sanitize::sanitize_line;
use crate::thread::{TextRange, Thread};
use memchr::memmem;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const NO_AUTHOR: u32 = u32::MAX;
/// Name ranges remembered while indexing (a thread whose names are not shared, JSON's, would
/// otherwise fill the map with one entry per comment).
const RANGES_CACHED: usize = 1 << 17;
/// The longest query the prompt takes, in characters: far past any name, and it bounds the
/// work of each keystroke whatever is pasted.
pub const MAX_QUERY_CHARS: usize = 256;

/// Letters that are not a base letter plus accents, so NFD leaves them whole: what a
/// reader types for each.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'ß' | 'ẞ' => "ss",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        _ => return None,
    })
}

/// Lower case without accents: "Zoë" and "ZOE" both become "zoe", "Łukasz" "lukasz". Names
/// and queries are sanitised first, so both sides match on what the screen shows (a query
/// pasted with a zero-width space or a bidi override still finds the name).
pub fn fold(text: &str) -> String {
    let shown = sanitize_line(text);
    if shown.is_ascii() {
        return shown.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(shown.len());
    for c in shown.nfd() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else if let Some(letters) = fold_letter(c) {
            folded.push_str(letters);
        } else if !is_combining_mark(c) {
            folded.extend(c.to_lowercase());
        }
    }
    folded
}

/// The thread's commenters, each with a folded key, and which one wrote each node.
pub struct AuthorIndex {
    /// A comment by each commenter: where the name is read from.
    written_by: Vec<u32>,
    /// The folded keys back to back; commenter `i`'s is `keys[key_ends[i-1]..key_ends[i]]`.
    keys: String,
    key_ends: Vec<usize>,
    counts: Vec<u32>,
    author_of: Vec<u32>,
}

impl AuthorIndex {
    pub fn build(thread: &Thread) -> Self {
        // The text parsers store each name once, so most lookups are by range (no text
        // read); a range not seen yet is looked up by name (JSON stores every name anew).
        let mut by_range: HashMap<TextRange, u32> = HashMap::new();
        let mut by_name: HashMap<&str, u32> = HashMap::new();
        let mut written_by = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut keys = String::new();
        let mut key_ends = Vec::new();
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
                            written_by.push(node as u32);
                            counts.push(0);
                            keys.push_str(&fold(name));
                            key_ends.push(keys.len());
                            (written_by.len() - 1) as u32
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
        AuthorIndex {
            written_by,
            keys,
            key_ends,
            counts,
            author_of,
        }
    }

    fn key(&self, author: usize) -> &str {
        let start = author.checked_sub(1).map_or(0, |i| self.key_ends[i]);
        &self.keys[start..self.key_ends[author]]
    }

    /// Which commenters' folded names contain `folded_query`. The needle is prepared once,
    /// so the scan costs the length of the names, not names times query.
    fn matching_authors(&self, folded_query: &str) -> Vec<bool> {
        let finder = memmem::Finder::new(folded_query.as_bytes());
        (0..self.written_by.len())
            .map(|i| {
                let key = self.key(i);
                key.len() >= folded_query.len() && finder.find(key.as_bytes()).is_some()
            })
            .collect()
    }

    /// Commenters whose folded name contains `folded_query`, most prolific first.
    pub fn candidates<'t>(&self, thread: &'t Thread, folded_query: &str) -> Vec<&'t str> {
        let matching = self.matching_authors(folded_query);
        let name = |i: usize| thread.author(self.written_by[i] as usize).unwrap_or("");
        let mut found: Vec<usize> = (0..matching.len()).filter(|&i| matching[i]).collect();
        found.sort_by(|&a, &b| {
            self.counts[b]
                .cmp(&self.counts[a])
                .then(name(a).cmp(name(b)))
        });
        found.into_iter().map(name).collect()
    }
}

/// Tab completion in progress: what was typed, and which candidate is shown.
struct Completion {
    typed: String,
    next: usize,
}

#[derive(Default)]
enum IndexState {
    /// Built on first use, on the calling thread (tests, benchmarks).
    #[default]
    Absent,
    /// Being built on a second thread (the reader): searches wait, keys do not.
    Building(Receiver<AuthorIndex>),
    Ready(AuthorIndex),
}

#[derive(Default)]
pub struct Search {
    query: String,
    index: IndexState,
    /// The matches of `query`; None while they are not known yet (no index) or no query.
    matches: Option<BitSet>,
    match_count: usize,
    /// The query changed and its matches are not computed yet.
    stale: bool,
    completion: Option<Completion>,
}

impl Search {
    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Starts building the author index on a second thread; `poll_index` picks it up.
    pub fn index_in_background(&mut self, thread: Arc<Thread>) {
        if !matches!(self.index, IndexState::Absent) {
            return;
        }
        let (send, receive) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("author-index".into())
            .spawn(move || {
                // The reader may have quit meanwhile: nobody to tell, nothing to do.
                let _ = send.send(AuthorIndex::build(&thread));
            });
        if spawned.is_ok() {
            self.index = IndexState::Building(receive);
        }
    }

    /// Takes the index if the second thread finished it; returns whether it just arrived.
    pub fn poll_index(&mut self) -> bool {
        let IndexState::Building(receive) = &self.index else {
            return false;
        };
        match receive.try_recv() {
            Ok(index) => {
                self.index = IndexState::Ready(index);
                true
            }
            Err(TryRecvError::Empty) => false,
            // The builder died (it cannot, short of a panic): build on first use instead.
            Err(TryRecvError::Disconnected) => {
                self.index = IndexState::Absent;
                false
            }
        }
    }

    /// Builds the index now on this thread unless it exists or is being built.
    pub fn build_index(&mut self, thread: &Thread) {
        if matches!(self.index, IndexState::Absent) {
            self.index = IndexState::Ready(AuthorIndex::build(thread));
        }
    }

    /// The index is being built on the second thread.
    pub fn is_indexing(&self) -> bool {
        matches!(self.index, IndexState::Building(_))
    }

    fn index(&self) -> Option<&AuthorIndex> {
        match &self.index {
            IndexState::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// Sets the query; its matches are computed by the next `refresh`.
    pub fn set_query(&mut self, query: &str) {
        self.query = query.to_string();
        self.completion = None;
        self.mark_stale();
    }

    fn mark_stale(&mut self) {
        self.stale = !self.query.is_empty();
        self.matches = None;
        self.match_count = 0;
    }

    /// Whether the current query's matches are known (true for no query).
    pub fn is_settled(&self) -> bool {
        !self.stale
    }

    /// The query changed and its matches wait for the index (or the next refresh).
    pub fn needs_refresh(&self) -> bool {
        self.stale
    }

    /// Computes the matches of a changed query once the index is there; returns whether it
    /// did. One pass over the commenters and one over the comments, whatever the query.
    pub fn refresh(&mut self, thread: &Thread) -> bool {
        if !self.stale {
            return false;
        }
        let Some(index) = self.index() else {
            return false;
        };
        let author_matches = index.matching_authors(&fold(&self.query));
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
        self.stale = false;
        true
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.completion = None;
        self.mark_stale();
    }

    /// Replaces the query with the next commenter whose name contains what was typed.
    /// Returns false when there is no index yet to complete from.
    pub fn complete(&mut self, thread: &Thread) -> bool {
        let Some(index) = self.index() else {
            return false;
        };
        let (typed, next) = match &self.completion {
            Some(completion) => (completion.typed.clone(), completion.next),
            None => (self.query.clone(), 0),
        };
        let candidates = index.candidates(thread, &fold(&typed));
        if candidates.is_empty() {
            return true;
        }
        self.query = candidates[next % candidates.len()].to_string();
        self.mark_stale();
        self.completion = Some(Completion {
            typed,
            next: next + 1,
        });
        true
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

    #[test]
    fn letters_without_a_decomposition_fold_to_what_people_type() {
        assert_eq!(fold("Łukasz Wąsik"), "lukasz wasik");
        assert_eq!(fold("Øystein Ødegaard"), "oystein odegaard");
        assert_eq!(fold("Straße Fan"), "strasse fan");
        assert_eq!(fold("ĐORĐE Þór Æsa Œuvre"), "dorde thor aesa oeuvre");
        assert_eq!(fold("Iıİ ħĦ ŧŦ ðÐ ẞ"), "iii hh tt dd ss");
    }
}
