//! Full-text matching: a query compiled once (smart case, accent-insensitive), then asked
//! whether a text holds it, or where. Texts are folded as they are read (see text::fold),
//! a run of ASCII at a time, and searched with memchr's memmem: no folded copy of the
//! thread is kept.

use crate::text::fold::{FoldBuffer, Folder, has_upper};
use memchr::memmem::Finder;
use std::ops::Range;

/// A text query, ready to match: the folded needle and its searcher.
pub struct TextQuery {
    typed: String,
    folder: Folder,
    finder: Finder<'static>,
    /// The folded needle is all ASCII.
    ascii: bool,
}

impl TextQuery {
    /// Compiles `query`: case matters only when it holds an upper-case letter, accents never.
    /// None when nothing is left to look for (an empty query, or only invisible characters).
    pub fn new(query: &str) -> Option<TextQuery> {
        let folder = Folder::new(!has_upper(query));
        let mut needle = Vec::new();
        folder.fold_into(query, &mut needle);
        (!needle.is_empty()).then(|| TextQuery {
            typed: query.to_string(),
            folder,
            ascii: needle.is_ascii(),
            finder: Finder::new(&needle).into_owned(),
        })
    }

    /// The query as typed.
    pub fn as_str(&self) -> &str {
        &self.typed
    }

    /// Bytes of the folded query: a match spans about as many characters of a text.
    pub fn folded_len(&self) -> usize {
        self.finder.needle().len()
    }

    pub fn is_case_sensitive(&self) -> bool {
        !self.folder.ignores_case()
    }

    /// Whether `haystack` holds the query. `buffer` is reused from call to call: the
    /// folded text goes there. An ASCII query is first looked for with only the ASCII
    /// folded (a vectorised pass): found there, or in a text that is all ASCII, that is
    /// the answer; only the other texts are folded in full.
    pub fn is_match(&self, haystack: &str, buffer: &mut FoldBuffer) -> bool {
        if self.ascii {
            let (folded, other) = self.folder.fold_ascii_only(haystack, buffer);
            if self.finder.find(folded).is_some() {
                return true;
            }
            if !other {
                return false;
            }
        }
        let folded = self.folder.fold(haystack, buffer);
        self.finder.find(folded).is_some()
    }

    /// Where `haystack` holds the query: byte ranges of `haystack`, in order, not
    /// overlapping (a match that ends inside a character takes the whole character).
    pub fn find_all(&self, haystack: &str) -> Vec<Range<usize>> {
        let mut folded = Vec::with_capacity(haystack.len());
        let mut origins = Vec::with_capacity(haystack.len());
        self.folder
            .fold_mapped(haystack, &mut folded, Some(&mut origins));
        let needle_len = self.finder.needle().len();
        let mut found: Vec<Range<usize>> = Vec::new();
        for at in self.finder.find_iter(&folded) {
            let start = origins[at].0 as usize;
            let end = origins[at + needle_len - 1].1 as usize;
            match found.last_mut() {
                Some(last) if last.end > start => last.end = last.end.max(end),
                _ => found.push(start..end),
            }
        }
        found
    }
}

/// Where `haystack` holds `query`, as byte ranges (see [`TextQuery::find_all`]).
pub fn matches(haystack: &str, query: &TextQuery) -> Vec<Range<usize>> {
    query.find_all(haystack)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(query: &str, text: &'a str) -> Vec<&'a str> {
        let query = TextQuery::new(query).unwrap();
        matches(text, &query)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn lower_case_queries_ignore_case_and_accents() {
        assert_eq!(found("gas", "Gas, GAS and gás"), ["Gas", "GAS", "gás"]);
        assert_eq!(found("cafe", "Café crème"), ["Café"]);
        assert_eq!(found("café", "a cafe"), ["cafe"]);
        assert_eq!(found("lodz", "in Łódź."), ["Łódź"]);
        assert_eq!(found("putin's", "Putin’s war"), ["Putin’s"]);
    }

    #[test]
    fn an_upper_case_letter_makes_case_count() {
        assert_eq!(found("Gas", "gas Gas GAS Gás"), ["Gas", "Gás"]);
        assert!(TextQuery::new("Gas").unwrap().is_case_sensitive());
        assert!(!TextQuery::new("gas").unwrap().is_case_sensitive());
    }

    #[test]
    fn matches_do_not_overlap_and_cover_whole_characters() {
        assert_eq!(found("aa", "aaaaa"), ["aa", "aa"]);
        assert_eq!(found("s", "Straße"), ["S", "ß"]);
        assert_eq!(found("natural gas", "natural\ngas"), ["natural\ngas"]);
    }

    #[test]
    fn nothing_to_look_for_is_no_query() {
        assert!(TextQuery::new("").is_none());
        assert!(TextQuery::new("\u{200b}").is_none());
        let query = TextQuery::new("x").unwrap();
        let mut buffer = FoldBuffer::default();
        assert!(!query.is_match("", &mut buffer));
        assert!(query.is_match("aXb", &mut buffer));
        // Found past the ASCII pass: through an accent, a dropped mark, a folded letter.
        let query = TextQuery::new("cafe au").unwrap();
        assert!(query.is_match("un CAFÉ\u{a0}au lait", &mut buffer));
        assert!(query.is_match("cafe\u{301} au", &mut buffer));
        assert!(!query.is_match("café noir", &mut buffer));
    }
}
