//! Finding a piece of text in comment bodies the way people expect of a search box: smart case
//! (a query with a capital letter matches case exactly, one without ignores case), accents
//! ignored both ways ("cafe" finds "café" and "Café" finds "Cafe" only with its capital),
//! invisible characters ignored, and any run of whitespace, line breaks included, matching
//! any other. Used by `--grep`; the reader's full-text search can use the same matcher.

use crate::search::fold_letter;
use crate::text::sanitize::{is_bidi_control, is_invisible_format};
use memchr::memmem;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A compiled text query. Matching folds each haystack into a scratch buffer, so it takes
/// `&mut self`; clone one per thread.
#[derive(Clone, Debug)]
pub struct TextMatcher {
    finder: memmem::Finder<'static>,
    keep_case: bool,
    /// The needle has a space, so whitespace runs in the text must be collapsed to match it;
    /// without one, whitespace can be copied as it is, and ASCII folded a run at a time.
    collapse: bool,
    scratch: Vec<u8>,
}

impl TextMatcher {
    /// None for a query with nothing to look for (empty, or only whitespace and invisible
    /// characters): no filter, rather than a filter that matches everything or nothing.
    pub fn new(query: &str) -> Option<TextMatcher> {
        let keep_case = query.chars().any(char::is_uppercase);
        let mut needle = Vec::new();
        fold_into(query, keep_case, &mut needle);
        let needle = needle.trim_ascii();
        if needle.is_empty() {
            return None;
        }
        Some(TextMatcher {
            finder: memmem::Finder::new(needle).into_owned(),
            keep_case,
            collapse: needle.contains(&b' '),
            scratch: Vec::new(),
        })
    }

    /// Whether the query matches case exactly (it has a capital letter).
    pub fn is_case_sensitive(&self) -> bool {
        self.keep_case
    }

    pub fn is_match(&mut self, text: &str) -> bool {
        if self.keep_case && !self.collapse && text.is_ascii() {
            // Nothing to fold.
            return self.finder.find(text.as_bytes()).is_some();
        }
        self.scratch.clear();
        fold(text, self.keep_case, self.collapse, &mut self.scratch);
        self.finder.find(&self.scratch).is_some()
    }
}

/// Appends `text` folded, as UTF-8: accents and invisible characters dropped, letters without
/// a decomposition spelled as people type them (ł as l, ß as ss), whitespace runs as one
/// space, lower case unless `keep_case`. ASCII, most of any text, is folded a byte at a time.
pub fn fold_into(text: &str, keep_case: bool, out: &mut Vec<u8>) {
    fold(text, keep_case, true, out);
}

/// [`fold_into`], with whitespace left as it is unless `collapse`.
fn fold(text: &str, keep_case: bool, collapse: bool, out: &mut Vec<u8>) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() && !collapse {
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |at| i + at);
            let run = &bytes[i..end];
            if keep_case {
                out.extend_from_slice(run);
            } else {
                out.extend(run.iter().map(u8::to_ascii_lowercase));
            }
            i = end;
        } else if b.is_ascii() {
            i += 1;
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                if !in_space {
                    out.push(b' ');
                }
                in_space = true;
            } else {
                in_space = false;
                out.push(if keep_case { b } else { b.to_ascii_lowercase() });
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        fold_char(c, keep_case, &mut in_space, out);
    }
}

fn fold_char(c: char, keep_case: bool, in_space: &mut bool, out: &mut Vec<u8>) {
    let mut push = |d: char| {
        if d.is_whitespace() {
            if !*in_space {
                out.push(b' ');
            }
            *in_space = true;
            return;
        }
        *in_space = false;
        let mut buf = [0; 4];
        if keep_case || d.is_ascii_lowercase() {
            out.extend_from_slice(d.encode_utf8(&mut buf).as_bytes());
        } else {
            // Some lower cases add a combining mark (İ is i and a dot above): drop it too.
            for l in d.to_lowercase().filter(|&l| !is_combining_mark(l)) {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    };
    if is_combining_mark(c) || is_invisible_format(c) || is_bidi_control(c) {
        // Dropped: nothing a reader sees or types.
    } else if let Some(letters) = fold_letter(c) {
        for l in letters.chars() {
            push(if c.is_uppercase() {
                l.to_ascii_uppercase()
            } else {
                l
            });
        }
    } else {
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                push(d);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        TextMatcher::new(query).expect("a query").is_match(text)
    }

    #[test]
    fn lower_case_queries_ignore_case() {
        assert!(finds("belarus", "Is Lukashenko Losing Battle For BELARUS?"));
        assert!(finds("battle for", "Losing Battle For Belarus"));
        assert!(!finds("belarus", "Minsk"));
    }

    #[test]
    fn a_capital_letter_makes_the_query_match_case() {
        assert!(finds("Putin", "what Putin said"));
        assert!(!finds("Putin", "a putin-like figure"));
        assert!(TextMatcher::new("Putin").unwrap().is_case_sensitive());
        assert!(!TextMatcher::new("putin").unwrap().is_case_sensitive());
    }

    #[test]
    fn accents_are_ignored_both_ways() {
        assert!(finds("cafe", "un café crème"));
        assert!(finds("café", "the cafe"));
        assert!(finds("lodz", "Łódź in winter"));
        assert!(finds("Lodz", "Łódź in winter"));
        assert!(!finds("Lodz", "łódź in winter"));
        assert!(finds("strasse", "Hauptstraße 5"));
        assert!(finds("zoe", "ZOË wrote"));
        assert!(finds("istanbul", "İSTANBUL"));
    }

    #[test]
    fn whitespace_runs_and_line_breaks_match_one_space() {
        assert!(finds("the end", "until the\n\n  end"));
        assert!(finds("  the   end ", "the end"));
        assert!(!finds("the end", "theend"));
    }

    #[test]
    fn words_match_across_any_whitespace_only_when_the_query_has_a_space() {
        assert!(finds("café", "le\tCAFÉ\n"));
        assert!(finds("Café", "le\tCafé\n"));
        assert!(!finds("Café", "le\tCAFÉ\n"));
        assert!(finds("b c", "a b\u{a0}\n c d"));
        assert!(!finds("bc", "a b c d"));
    }

    #[test]
    fn invisible_characters_cannot_hide_a_word() {
        assert!(finds("secret", "se\u{200b}cr\u{ad}et \u{202e}plan"));
    }

    #[test]
    fn empty_queries_are_no_filter() {
        assert!(TextMatcher::new("").is_none());
        assert!(TextMatcher::new(" \n\u{200b} ").is_none());
    }

    #[test]
    fn non_latin_scripts_fold_case() {
        assert!(finds("привет", "ПРИВЕТ всем"));
        assert!(finds("日本", "日本語のテキスト"));
    }
}
