//! Folding text for search: what a reader types against what the page shows. Accents go
//! (NFD, marks dropped), letters without a decomposition take their plain spelling (ł → l,
//! ß → ss), typographic quotes and spaces become ASCII, and case goes unless asked to stay.
//! Queries and texts are folded by the same table, so the two always agree.

use crate::text::sanitize::sanitize_line;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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

/// Whether a query asks for its case to be matched: smart case, as in ripgrep and vim.
pub fn has_upper(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// Characters below this have their folding in a table; above it (CJK, Hangul, symbols)
/// only a few blocks have case at all.
const TABLE_CHARS: usize = 0x3000;
/// The longest folding a table entry holds; longer ones (none known) keep the character.
const MAX_FOLDED: usize = 7;

/// One character's folding: `bytes[..len]`.
#[derive(Clone, Copy)]
struct Folded {
    len: u8,
    bytes: [u8; MAX_FOLDED],
}

impl Folded {
    const EMPTY: Folded = Folded {
        len: 0,
        bytes: [0; MAX_FOLDED],
    };

    fn of(text: &str) -> Option<Folded> {
        let mut bytes = [0; MAX_FOLDED];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(Folded {
            len: text.len() as u8,
            bytes,
        })
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

/// Invisible characters a page may hold inside a word: they never stop a match.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}')
}

/// A character's folding, worked out the slow way (the tables are made from it).
fn fold_char(c: char, ignore_case: bool, out: &mut String) {
    match c {
        '\n' | '\t' | '\r' => return out.push(' '),
        '‘' | '’' | '‚' | '‛' | '′' => return out.push('\''),
        '“' | '”' | '„' | '‟' | '″' => return out.push('"'),
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => return out.push(' '),
        '\u{2010}' | '\u{2011}' => return out.push('-'),
        c if is_invisible(c) || is_combining_mark(c) => return,
        _ => {}
    }
    let upper = c.is_uppercase();
    for base in std::iter::once(c).nfd() {
        if is_combining_mark(base) {
            continue;
        }
        if let Some(letters) = fold_letter(base) {
            if upper && !ignore_case {
                out.push_str(&letters.to_ascii_uppercase());
            } else {
                out.push_str(letters);
            }
        } else if ignore_case {
            out.extend(base.to_lowercase().filter(|&l| !is_combining_mark(l)));
        } else {
            out.push(base);
        }
    }
}

fn table(ignore_case: bool) -> &'static [Folded] {
    static TABLES: [OnceLock<Vec<Folded>>; 2] = [OnceLock::new(), OnceLock::new()];
    TABLES[usize::from(ignore_case)].get_or_init(|| {
        let mut text = String::new();
        (0..TABLE_CHARS as u32)
            .map(|code| {
                let Some(c) = char::from_u32(code) else {
                    return Folded::EMPTY;
                };
                text.clear();
                fold_char(c, ignore_case, &mut text);
                Folded::of(&text).unwrap_or_else(|| {
                    let mut own = [0; 4];
                    let own = c.encode_utf8(&mut own);
                    Folded::of(own).unwrap_or(Folded::EMPTY)
                })
            })
            .collect()
    })
}

/// Folds text for search, fast: ASCII runs a word at a time, other characters by table.
/// Also tells, when asked, where each folded byte came from (for highlighting).
#[derive(Clone, Copy)]
pub struct Folder {
    ignore_case: bool,
    table: &'static [Folded],
}

impl Folder {
    pub fn new(ignore_case: bool) -> Self {
        Folder {
            ignore_case,
            table: table(ignore_case),
        }
    }

    pub fn ignores_case(&self) -> bool {
        self.ignore_case
    }

    /// Appends the folding of `text` to `out`.
    pub fn fold_into(&self, text: &str, out: &mut Vec<u8>) {
        self.fold_mapped(text, out, None);
    }

    /// Appends the folding of `text` to `out`; with `origins`, also appends for each folded
    /// byte the range of `text` it came from, as (start, end) byte offsets.
    pub fn fold_mapped(
        &self,
        text: &str,
        out: &mut Vec<u8>,
        mut origins: Option<&mut Vec<(u32, u32)>>,
    ) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let run = ascii_prefix(&bytes[at..]);
            if run > 0 {
                self.fold_ascii(&bytes[at..at + run], out);
                if let Some(origins) = origins.as_deref_mut() {
                    origins.extend((at..at + run).map(|i| (i as u32, i as u32 + 1)));
                }
                at += run;
                continue;
            }
            // A non-ASCII character starts here: `at` is a char boundary of valid UTF-8.
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let end = at + c.len_utf8();
            let before = out.len();
            self.fold_other(c, out);
            if let Some(origins) = origins.as_deref_mut() {
                origins.extend(std::iter::repeat_n(
                    (at as u32, end as u32),
                    out.len() - before,
                ));
            }
            at = end;
        }
    }

    fn fold_ascii(&self, run: &[u8], out: &mut Vec<u8>) {
        let start = out.len();
        out.resize(start + run.len(), 0);
        let lower = if self.ignore_case { 0x20 } else { 0 };
        // Branch-free, so the compiler vectorises it: upper-case letters get bit 5 when case
        // is ignored, line breaks and tabs become spaces.
        for (folded, &b) in out[start..].iter_mut().zip(run) {
            let is_upper = b.wrapping_sub(b'A') < 26;
            let is_break = b == b'\n' || b == b'\t' || b == b'\r';
            let b = if is_upper { b | lower } else { b };
            *folded = if is_break { b' ' } else { b };
        }
    }

    fn fold_other(&self, c: char, out: &mut Vec<u8>) {
        let code = c as usize;
        if let Some(folded) = self.table.get(code) {
            out.extend_from_slice(folded.as_bytes());
            return;
        }
        let mut buf = [0; 4];
        // CJK, kana and Hangul have no case and no accents to drop: kept as they are.
        if !self.ignore_case || (0x3000..0xa640).contains(&code) || !c.is_uppercase() {
            if c == '\u{feff}' {
                return;
            }
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            return;
        }
        for lower in c.to_lowercase() {
            out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
        }
    }
}

/// Length of the ASCII prefix of `bytes`, eight bytes at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]);
        if word & HIGH != 0 {
            break;
        }
        at += 8;
    }
    at + bytes[at..].iter().take_while(|b| b.is_ascii()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str, ignore_case: bool) -> String {
        let mut out = Vec::new();
        Folder::new(ignore_case).fold_into(text, &mut out);
        String::from_utf8(out).unwrap()
    }

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

    #[test]
    fn the_table_folds_text_as_names_fold() {
        for text in [
            "Zoë Ångström",
            "Łukasz Wąsik",
            "ĐORĐE Þór Æsa Œuvre",
            "Иван",
            "Ελλάδα",
        ] {
            assert_eq!(folded(text, true), fold(text), "{text}");
        }
        assert_eq!(
            folded("Putin’s “gas”\u{a0}deal", true),
            "putin's \"gas\" deal"
        );
        assert_eq!(folded("a\u{200b}b\nc\td", true), "ab c d");
        assert_eq!(folded("山田太郎 김민준", true), "山田太郎 김민준");
    }

    #[test]
    fn case_can_stay() {
        assert_eq!(folded("Zoë ÅNGSTRÖM Łódź", false), "Zoe ANGSTROM Lodz");
        assert_eq!(folded("Straße ẞ Æ", false), "Strasse SS AE");
        assert!(has_upper("Gas"));
        assert!(!has_upper("gas 42"));
    }

    #[test]
    fn origins_point_back_into_the_text() {
        let mut out = Vec::new();
        let mut origins = Vec::new();
        Folder::new(true).fold_mapped("aß é", &mut out, Some(&mut origins));
        assert_eq!(out, b"ass e");
        assert_eq!(origins, [(0, 1), (1, 3), (1, 3), (3, 4), (4, 6)]);
    }
}
