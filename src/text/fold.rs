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
const MAX_FOLDED: usize = 8;

/// One character's folding: `bytes[..len]`. Eight bytes, so a copy is one store.
#[derive(Clone, Copy)]
struct Folded {
    bytes: [u8; MAX_FOLDED],
    len: u8,
}

impl Folded {
    const EMPTY: Folded = Folded {
        bytes: [0; MAX_FOLDED],
        len: 0,
    };

    fn of(text: &str) -> Option<Folded> {
        let mut bytes = [0; MAX_FOLDED];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(Folded {
            bytes,
            len: text.len() as u8,
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

/// Where `Folder::fold` writes: reused from one text to the next, it only grows.
#[derive(Default)]
pub struct FoldBuffer {
    bytes: Vec<u8>,
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
        let mut buffer = FoldBuffer::default();
        out.extend_from_slice(self.fold(text, &mut buffer));
    }

    /// Folds only the ASCII bytes of `text` into `buffer` (the others are copied as they
    /// are, so the length stays) and returns them, with whether any byte was not ASCII. A
    /// plain loop over bytes, which the compiler vectorises: where `text` is all ASCII this
    /// is its folding, and an ASCII needle found here is found in the folding too.
    pub fn fold_ascii_only<'b>(&self, text: &str, buffer: &'b mut FoldBuffer) -> (&'b [u8], bool) {
        let bytes = text.as_bytes();
        let buf = &mut buffer.bytes;
        if buf.len() < bytes.len() {
            buf.resize(bytes.len().max(2 * buf.len()), 0);
        }
        let lower = if self.ignore_case { 0x20 } else { 0 };
        let mut high = 0;
        for (out, &b) in buf.iter_mut().zip(bytes) {
            high |= b;
            let upper = b.wrapping_sub(b'A') < 26;
            let space = b.wrapping_sub(b'\t') < 5;
            let folded = if upper { b | lower } else { b };
            *out = if space { b' ' } else { folded };
        }
        (&buf[..bytes.len()], high >= 0x80)
    }

    /// Folds `text` into `buffer` and returns the folded bytes: the inner loop of the
    /// full-text scan. Eight ASCII bytes are folded at once in a u64; a character outside
    /// ASCII stops the word there, is folded by table, and the next word starts after it.
    pub fn fold<'b>(&self, text: &str, buffer: &'b mut FoldBuffer) -> &'b [u8] {
        // Room for a step's output whatever it is: eight bytes or one character's folding.
        const ROOM: usize = 16;
        let bytes = text.as_bytes();
        let lower = if self.ignore_case { LOWER } else { 0 };
        let buf = &mut buffer.bytes;
        let mut n = 0;
        let mut at = 0;
        while at < bytes.len() {
            if n + ROOM > buf.len() {
                let grown = (buf.len() * 2).max(n + ROOM + bytes.len() - at);
                buf.resize(grown, 0);
            }
            if let Some(Ok(chunk)) = bytes.get(at..at + 8).map(<[u8; 8]>::try_from) {
                let word = u64::from_le_bytes(chunk);
                let high = word & HIGH;
                // Up to the first byte that is not ASCII, folded with the others cleared.
                let ascii = if high == 0 {
                    8
                } else {
                    high.trailing_zeros() as usize / 8
                };
                let clean = word & !((high >> 7) * 0xff);
                buf[n..n + 8].copy_from_slice(&fold_word(clean, lower).to_le_bytes());
                n += ascii;
                at += ascii;
                if ascii == 8 {
                    continue;
                }
            } else if bytes[at] < 0x80 {
                buf[n] = fold_word(u64::from(bytes[at]), lower) as u8;
                n += 1;
                at += 1;
                continue;
            }
            let (c, len) = decode(bytes, at);
            at += len;
            match self.table.get(c as usize) {
                Some(folded) => {
                    buf[n..n + MAX_FOLDED].copy_from_slice(&folded.bytes);
                    n += folded.len as usize;
                }
                None => n += self.fold_beyond_table(c, &mut buf[n..n + ROOM]),
            }
        }
        &buf[..n]
    }

    /// Appends the folding of `text` to `out`; with `origins`, also appends for each folded
    /// byte the range of `text` it came from, as (start, end) byte offsets (highlighting).
    pub fn fold_mapped(
        &self,
        text: &str,
        out: &mut Vec<u8>,
        mut origins: Option<&mut Vec<(u32, u32)>>,
    ) {
        let lower = if self.ignore_case { LOWER } else { 0 };
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let before = out.len();
            let len = if bytes[at] < 0x80 {
                out.push(fold_word(u64::from(bytes[at]), lower) as u8);
                1
            } else {
                let (c, len) = decode(bytes, at);
                self.fold_other(c, out);
                len
            };
            if let Some(origins) = origins.as_deref_mut() {
                let from = (at as u32, (at + len) as u32);
                origins.extend(std::iter::repeat_n(from, out.len() - before));
            }
            at += len;
        }
    }

    fn fold_other(&self, c: char, out: &mut Vec<u8>) {
        match self.table.get(c as usize) {
            Some(folded) => out.extend_from_slice(folded.as_bytes()),
            None => {
                let mut room = [0; 16];
                let len = self.fold_beyond_table(c, &mut room);
                out.extend_from_slice(&room[..len]);
            }
        }
    }

    /// The folding of a character past the table into `room` (16 bytes); returns its length.
    /// CJK, kana and Hangul have no case and no accents to drop: kept as they are.
    fn fold_beyond_table(&self, c: char, room: &mut [u8]) -> usize {
        let code = c as usize;
        if c == '\u{feff}' {
            return 0;
        }
        if !self.ignore_case || (0x3000..0xa640).contains(&code) || !c.is_uppercase() {
            return c.encode_utf8(room).len();
        }
        let mut len = 0;
        for lower in c.to_lowercase() {
            len += lower.encode_utf8(&mut room[len..]).len();
        }
        len
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;
/// Bit 5 of each byte: upper to lower case.
const LOWER: u64 = 0x2020_2020_2020_2020;

/// Eight ASCII bytes folded at once (their high bits clear): upper-case letters take
/// `lower` (`LOWER`, or 0 to keep the case), and tabs, line breaks, vertical tabs and form
/// feeds become spaces. For a byte below 0x80, adding 0x80 - k sets its high bit exactly
/// when it is k or more, and never carries into the next byte.
#[inline(always)]
fn fold_word(word: u64, lower: u64) -> u64 {
    let at_least = |k: u8| word.wrapping_add(ONES * u64::from(0x80 - k)) & HIGH;
    let upper = at_least(b'A') & !at_least(b'Z' + 1);
    let space = at_least(b'\t') & !at_least(b'\r' + 1);
    let space_bytes = (space >> 7) * 0xff;
    let folded = word | ((upper >> 2) & lower);
    (folded & !space_bytes) | (space_bytes & (ONES * u64::from(b' ')))
}

/// The character starting at byte `at` of valid UTF-8, and its length.
fn decode(bytes: &[u8], at: usize) -> (char, usize) {
    let lead = bytes[at];
    let len = match lead {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    };
    let tail = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or(0x80) & 0x3f);
    let code = match len {
        1 => u32::from(lead),
        2 => (u32::from(lead & 0x1f) << 6) | tail(1),
        3 => (u32::from(lead & 0x0f) << 12) | (tail(1) << 6) | tail(2),
        _ => (u32::from(lead & 0x07) << 18) | (tail(1) << 12) | (tail(2) << 6) | tail(3),
    };
    (
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
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
    fn blocks_fold_as_bytes_do() {
        let long = "Mixed Case, Here! AND SOME MORE WORDS TO FILL A BLOCK OR TWO\t\n";
        for text in ["ABCDEFGH", "@[`{AZaz", "\t\n\x0b\x0c\r\x08\x0e ", long] {
            let by_word = folded(text, true);
            let by_byte: String = text
                .bytes()
                .map(|b| match b {
                    b'\t'..=b'\r' => ' ',
                    b => char::from(b.to_ascii_lowercase()),
                })
                .collect();
            assert_eq!(by_word, by_byte, "{text:?}");
        }
        assert_eq!(folded("ABC\tXYZ", false), "ABC XYZ");
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
