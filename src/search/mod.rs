//! The search: which comments match, by who wrote them (part of a name, exact commenters,
//! an exchange between two people) and by what they say (full text). Each matcher gives a
//! set of comments; "who" matchers add up (A or B), text narrows them (what A wrote about
//! "gas"). The result is one set the outline marks, filters by, and `n`/`N` walk.

pub mod matchers;
pub mod scan;
pub mod text;

use crate::bitset::BitSet;
use crate::thread::{AuthorIndex, CommenterId, Thread};
use scan::{Found, Scanner};
use std::sync::Arc;
use text::TextQuery;

/// The longest query the prompt takes, in characters: far past any name, and it bounds the
/// work of each keystroke whatever is pasted.
pub const MAX_QUERY_CHARS: usize = 256;

/// Who the search looks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People {
    /// Commenters tracked by exact name, in the order they were added.
    pub tracked: Vec<CommenterId>,
    /// Part of a name, as typed into the commenter prompt.
    pub part: String,
    /// The back-and-forth between two commenters; while on, the others are off.
    pub exchange: Option<(CommenterId, CommenterId)>,
}

impl People {
    pub fn is_empty(&self) -> bool {
        self.tracked.is_empty() && self.part.is_empty() && self.exchange.is_none()
    }
}

/// The full-text side: the query, its scan, and what the scan found so far.
#[derive(Default)]
struct TextSearch {
    typed: String,
    query: Option<Arc<TextQuery>>,
    scanner: Option<Scanner>,
    /// Comments found so far; None until a scan started.
    found: Option<BitSet>,
    article: bool,
    scanned: usize,
    done: bool,
    /// The query changed and no scan for it started yet.
    stale: bool,
}

#[derive(Default)]
pub struct Search {
    people: People,
    /// A commenter chosen in the picker: shown alone, live, while the prompt is open.
    choice: Option<CommenterId>,
    /// The "who" matches; None while unknown (no index yet) or when nobody is looked for.
    people_matches: Option<BitSet>,
    people_stale: bool,
    text: TextSearch,
    /// Who and what together; None when there is no search or it is not known yet.
    matches: Option<BitSet>,
    match_count: usize,
}

impl Search {
    pub fn people(&self) -> &People {
        &self.people
    }

    /// The part of a name being looked for (the commenter prompt's text).
    pub fn part(&self) -> &str {
        &self.people.part
    }

    /// The text being looked for (the text prompt's).
    pub fn text(&self) -> &str {
        &self.text.typed
    }

    /// The compiled text query, once there is one.
    pub fn text_query(&self) -> Option<&Arc<TextQuery>> {
        self.text.query.as_ref()
    }

    fn looks_for_people(&self) -> bool {
        !self.people.is_empty() || self.choice.is_some()
    }

    pub fn is_active(&self) -> bool {
        self.looks_for_people() || !self.text.typed.is_empty()
    }

    /// Sets the part of a name; its matches are computed by the next `refresh`.
    pub fn set_part(&mut self, part: &str) {
        if self.people.part != part {
            self.people.part = part.to_string();
            self.people.exchange = None;
            self.mark_people_stale();
        }
    }

    /// Sets the text query; the next `refresh` starts its scan (cancelling the last one).
    pub fn set_text(&mut self, text: &str) {
        if self.text.typed == text {
            return;
        }
        self.text.typed = text.to_string();
        self.text.query = TextQuery::new(text).map(Arc::new);
        self.text.found = None;
        self.text.article = false;
        self.text.done = false;
        self.text.scanned = 0;
        self.text.stale = self.text.query.is_some();
        if let Some(scanner) = &mut self.text.scanner {
            scanner.cancel();
        }
        self.combine();
    }

    /// Shows `choice` alone among the people while it is chosen in the picker.
    pub fn set_choice(&mut self, choice: Option<CommenterId>) {
        if self.choice != choice {
            self.choice = choice;
            self.mark_people_stale();
        }
    }

    pub fn is_tracked(&self, who: CommenterId) -> bool {
        self.people.tracked.contains(&who)
    }

    /// Adds a commenter to those tracked by exact name (an exchange ends).
    pub fn track(&mut self, who: CommenterId) {
        let ended_exchange = self.people.exchange.take().is_some();
        let added = !self.is_tracked(who);
        if added {
            self.people.tracked.push(who);
        }
        if ended_exchange || added {
            self.mark_people_stale();
        }
    }

    pub fn untrack(&mut self, who: CommenterId) {
        if self.is_tracked(who) {
            self.people.tracked.retain(|&w| w != who);
            self.mark_people_stale();
        }
    }

    /// Looks for the exchange between two commenters instead of anyone else.
    pub fn set_exchange(&mut self, pair: Option<(CommenterId, CommenterId)>) {
        if pair.is_some() {
            self.people.tracked.clear();
            self.people.part.clear();
        }
        self.people.exchange = pair;
        self.mark_people_stale();
    }

    /// Gives back a set of people as it was (Esc in a prompt).
    pub fn set_people(&mut self, people: People) {
        if self.people != people {
            self.people = people;
            self.mark_people_stale();
        }
    }

    /// Clears everything: people and text.
    pub fn clear(&mut self) {
        self.people = People::default();
        self.choice = None;
        self.mark_people_stale();
        self.set_text("");
    }

    fn mark_people_stale(&mut self) {
        self.people_matches = None;
        self.people_stale = self.looks_for_people();
        self.combine();
    }

    /// Whether the matches are known: the people's computed and the text's scan started.
    /// (A scan still running has found part of them: see `is_scanning`.)
    pub fn is_settled(&self) -> bool {
        !self.people_stale && !self.text.stale
    }

    /// Something waits for `refresh`.
    pub fn needs_refresh(&self) -> bool {
        !self.is_settled()
    }

    /// The people's matches wait for the author index.
    pub fn waits_for_index(&self) -> bool {
        self.people_stale
    }

    /// A text scan is running: more matches may come.
    pub fn is_scanning(&self) -> bool {
        self.text.query.is_some() && !self.text.done
    }

    /// How far the scan is, in per cent.
    pub fn scan_percent(&self, thread: &Thread) -> usize {
        (self.text.scanned * 100)
            .checked_div(thread.len())
            .unwrap_or(100)
    }

    /// Computes what changed: the people's matches (with the index) and the start of a text
    /// scan at comment `from`. Returns whether the matches changed.
    pub fn refresh(
        &mut self,
        thread: &Arc<Thread>,
        index: Option<&AuthorIndex>,
        from: usize,
    ) -> bool {
        let mut changed = false;
        if self.people_stale
            && let Some(index) = index
        {
            self.people_matches = Some(self.people_set(thread, index));
            self.people_stale = false;
            changed = true;
        }
        if self.text.stale
            && let Some(query) = &self.text.query
        {
            if self.text.scanner.is_none() {
                self.text.scanner = Scanner::new(Arc::clone(thread));
            }
            if let Some(scanner) = &mut self.text.scanner {
                scanner.start(Arc::clone(query), from);
                self.text.found = Some(BitSet::new(thread.len()));
            } else {
                // No worker thread: scan here (slow, but never wrong).
                let (found, article) = scan_here(thread, query);
                self.text.found = Some(found);
                self.text.article = article;
                self.text.done = true;
            }
            self.text.stale = false;
            changed = true;
        }
        if changed {
            self.combine();
        }
        changed
    }

    /// Takes what the text scan found since the last call: None when nothing came, else the
    /// comments that became matches, in the order found.
    pub fn poll_scan(&mut self) -> Option<Vec<u32>> {
        let scanner = self.text.scanner.as_mut()?;
        let batches: Vec<Found> = scanner.take_found();
        if batches.is_empty() {
            return None;
        }
        let mut added = Vec::new();
        let looks_for_people = self.looks_for_people();
        for batch in batches {
            let Some(found) = &mut self.text.found else {
                break;
            };
            for &id in &batch.ids {
                found.set(id as usize, true);
            }
            self.text.article = batch.article;
            self.text.scanned = batch.scanned;
            self.text.done = batch.done;
            let Some(matches) = &mut self.matches else {
                continue;
            };
            for &id in &batch.ids {
                let wanted = match &self.people_matches {
                    Some(people) => people.contains(id as usize),
                    None => !looks_for_people,
                };
                if wanted && matches.set(id as usize, true) {
                    self.match_count += 1;
                    added.push(id);
                }
            }
        }
        Some(added)
    }

    /// The comments of the people looked for.
    fn people_set(&self, thread: &Thread, index: &AuthorIndex) -> BitSet {
        if let Some((a, b)) = self.people.exchange {
            return matchers::exchange(thread, index, a, b);
        }
        let mut exact = self.people.tracked.clone();
        if let Some(choice) = self.choice {
            exact.push(choice);
        }
        let mut set = matchers::authors(thread, index, &exact);
        if self.choice.is_none() && !self.people.part.is_empty() {
            let part = matchers::author_part(thread, index, &self.people.part);
            let mut next = part.next_from(0);
            while let Some(id) = next {
                set.set(id, true);
                next = part.next_from(id + 1);
            }
        }
        set
    }

    /// Puts who and what together, as far as each is known.
    fn combine(&mut self) {
        let people = self.looks_for_people();
        let text = self.text.query.is_some();
        self.matches = match (people, text) {
            (false, false) => None,
            (true, false) => self.people_matches.clone(),
            (false, true) => self.text.found.clone(),
            (true, true) => match (&self.people_matches, &self.text.found) {
                (Some(people), Some(found)) => {
                    let mut both = found.clone();
                    both.intersect_with(people);
                    Some(both)
                }
                _ => None,
            },
        };
        self.match_count = self.matches.as_ref().map_or(0, BitSet::count);
    }

    pub fn is_match(&self, id: usize) -> bool {
        self.matches.as_ref().is_some_and(|m| m.contains(id))
    }

    /// Whether the title or the article holds the text looked for.
    pub fn article_matches(&self) -> bool {
        self.text.query.is_some() && self.text.article
    }

    pub fn match_count(&self) -> usize {
        self.match_count
    }

    /// Matches among the nodes `start..end` (what a folded row hides).
    pub fn matches_in(&self, start: usize, end: usize) -> usize {
        self.matches.as_ref().map_or(0, |m| m.count_in(start, end))
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

    /// The match with `k` matches before it.
    pub fn nth_match(&self, k: usize) -> Option<usize> {
        self.matches.as_ref()?.select(k)
    }

    /// The matches in file order from `from`, at most `limit` of them.
    pub fn matches_from(&self, from: usize, limit: usize) -> Vec<usize> {
        let Some(matches) = &self.matches else {
            return Vec::new();
        };
        std::iter::successors(matches.next_from(from), |&id| matches.next_from(id + 1))
            .take(limit)
            .collect()
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

/// The whole scan on the calling thread, for when no worker can be started.
fn scan_here(thread: &Thread, query: &TextQuery) -> (BitSet, bool) {
    let mut found = BitSet::new(thread.len());
    let mut scratch = crate::text::fold::FoldBuffer::default();
    let article = query.is_match(thread.title(), &mut scratch)
        || query.is_match(thread.article(), &mut scratch);
    for id in 0..thread.len() {
        if !thread.is_missing(id) && query.is_match(thread.body(id), &mut scratch) {
            found.set(id, true);
        }
    }
    (found, article)
}
