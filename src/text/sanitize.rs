//! Makes untrusted single-line text inert for a terminal cell grid: controls, bidi and invisible
//! characters, characters of uncertain width, tabs and oversized grapheme clusters; also owns
//! the display-width measure.

mod drawable;

use std::borrow::Cow;

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

const TAB_STOP: usize = 8;
/// Chars kept per grapheme cluster: enough for real accents, not for "zalgo" towers.
const MAX_CLUSTER_CHARS: usize = 8;

/// Makes one line of untrusted text safe and inert for a terminal cell grid.
///
/// Controls become visible (`^[`, `^?`, `<U+009B>`), bidi and invisible format characters are
/// removed, tabs expand to 8-column stops and each grapheme cluster is capped at 8 chars.
/// Characters terminals would draw with another width than ratatui gives them (unassigned
/// or newer than Unicode 14, noncharacters, other format characters, private use, see
/// [`is_drawable`]) show as `<U+FFFE>`: a placeholder of known width.
/// The cap is enforced on the *output's* clusters, so removing a character can never glue
/// pieces into an over-long cluster.
///
/// Emoji sequences are shown as their parts: terminals disagree on how wide a ZWJ family, a
/// skin-toned hand or a flag is (tmux draws each part), and a wrong guess leaves fragments on
/// screen. So ZWJ after an emoji, skin tones, variation selectors and tags are dropped, and a
/// flag's regional indicators become letters: 🇯🇵 shows as `[JP]`.
pub fn sanitize_line(line: &str) -> Cow<'_, str> {
    if line.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
        return Cow::Borrowed(line);
    }
    if line.is_ascii() {
        return Cow::Owned(sanitize_ascii(line));
    }
    let mut sanitizer = LineSanitizer::new(line.contains('\t'), line.len());
    for cluster in line.graphemes(true) {
        sanitizer.push_cluster(cluster);
    }
    let out = sanitizer.into_output();
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// [`sanitize_line`] a piece at a time, for lines too long to hold sanitised whole: the line's
/// grapheme clusters go in (a long one in parts), the output whose clusters are closed comes
/// out. Between clusters its state is the open output cluster and a few counts, small enough
/// to copy and resume from.
#[derive(Clone)]
pub(crate) struct LineSanitizer {
    out: Out,
    /// True while the output since the last ASCII char shared by input and output equals the
    /// input since then. No UAX #29 rule looks back past an ASCII char, so the input's
    /// boundaries then hold for the output too and the costlier check can be skipped.
    synced: bool,
    /// Until a char of the input cluster being read is emitted (see `Out::push`).
    starts_cluster: bool,
    /// The input cluster being read is a flag: its regional indicators become letters.
    regional: bool,
}

impl LineSanitizer {
    /// `track_width`: whether the line holds a tab (only then is the column needed).
    pub(crate) fn new(track_width: bool, capacity: usize) -> Self {
        LineSanitizer {
            out: Out::new(track_width, capacity),
            synced: true,
            starts_cluster: false,
            regional: false,
        }
    }

    pub(crate) fn push_cluster(&mut self, cluster: &str) {
        let mut chars = cluster.chars();
        if let Some(first) = chars.next() {
            self.start_cluster(first);
            self.push_char(first);
        }
        for c in chars {
            self.push_char(c);
        }
        self.end_cluster();
    }

    /// Starts an input cluster whose first char is `first` (then given to `push_char`).
    pub(crate) fn start_cluster(&mut self, first: char) {
        self.starts_cluster = true;
        self.regional = is_regional_indicator(first);
        if self.regional {
            self.synced = false;
            self.out.push('[', &mut self.starts_cluster, None);
        }
    }

    /// The next char of the input cluster.
    pub(crate) fn push_char(&mut self, c: char) {
        let out = &mut self.out;
        if self.regional {
            if let Some(letter) = regional_letter(c) {
                out.push(letter, &mut self.starts_cluster, None);
            }
            return;
        }
        let action = if c == ZWJ && out.buf.chars().next_back().is_some_and(is_pictograph) {
            Action::Drop
        } else {
            classify(c)
        };
        if !matches!(action, Action::Keep) {
            self.synced = false;
        }
        match action {
            Action::Keep => {
                let joins = self.synced.then_some(!self.starts_cluster);
                let verbatim = out.push(c, &mut self.starts_cluster, joins);
                self.synced = verbatim && (self.synced || c.is_ascii());
            }
            Action::Drop => {}
            Action::Space => {
                out.push(' ', &mut self.starts_cluster, None);
            }
            Action::Tab => {
                let col = out.column();
                for _ in 0..TAB_STOP - col % TAB_STOP {
                    out.push(' ', &mut self.starts_cluster, None);
                }
            }
            Action::Caret(b) => {
                out.push('^', &mut self.starts_cluster, None);
                out.push(char::from(b), &mut self.starts_cluster, None);
            }
            Action::Hex(v) => {
                for h in hex_form(v) {
                    out.push(h, &mut self.starts_cluster, None);
                }
            }
            Action::Flag(letter) => {
                for c in ['[', letter, ']'] {
                    out.push(c, &mut self.starts_cluster, None);
                }
            }
        }
    }

    /// Ends the input cluster.
    pub(crate) fn end_cluster(&mut self) {
        if std::mem::take(&mut self.regional) {
            self.out.push(']', &mut self.starts_cluster, None);
        }
    }

    /// Input clusters of printable ASCII (U+0020..U+007E), one char each: shown as they are,
    /// each its own output cluster (nothing joins an ASCII char to what is before it: no
    /// Prepend char reaches the output).
    pub(crate) fn push_printable(&mut self, run: &str) {
        debug_assert!(run.bytes().all(|b| (0x20..=0x7e).contains(&b)));
        let Some(last) = run.len().checked_sub(1) else {
            return;
        };
        let out = &mut self.out;
        let at = out.buf.len();
        out.buf.push_str(run);
        out.open_cluster(at);
        if out.track_width {
            out.closed_cols += last;
        }
        out.cluster_start = at + last;
        self.synced = true;
    }

    /// The output so far whose clusters are closed: final.
    pub(crate) fn closed(&self) -> &str {
        self.out.buf.get(..self.out.cluster_start).unwrap_or("")
    }

    /// Forgets the closed output (once taken with `closed`).
    pub(crate) fn drop_closed(&mut self) {
        let out = &mut self.out;
        out.buf.drain(..out.cluster_start);
        out.cluster_start = 0;
    }

    /// At the end of the line: all that is left, the open cluster included.
    pub(crate) fn into_output(self) -> String {
        self.out.buf
    }
}

/// [`sanitize_line`] on each line of a multi-line message, keeping its `\n` line breaks (and
/// nothing else: a `\r` still shows as `^M`).
pub fn sanitize_lines(text: &str) -> String {
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(sanitize_line).collect();
    lines.join("\n")
}

/// All-ASCII lines: every output char is one column wide and its own cluster, so the column
/// is the output length and no cluster bookkeeping is needed.
fn sanitize_ascii(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 4);
    for c in line.chars() {
        match classify(c) {
            Action::Keep => out.push(c),
            Action::Drop => {}
            Action::Space => out.push(' '),
            Action::Tab => {
                let n = TAB_STOP - out.len() % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
            }
            Action::Caret(b) => {
                out.push('^');
                out.push(char::from(b));
            }
            Action::Hex(v) => out.extend(hex_form(v)),
            // Regional indicators are not ASCII.
            Action::Flag(_) => {}
        }
    }
    out
}

/// `<U+XXXX>`: uppercase hex, at least four digits.
fn hex_form(v: u32) -> impl Iterator<Item = char> {
    let digits = (8 - v.leading_zeros() / 4).max(4);
    let hex = (0..digits).rev().map(move |i| {
        let nibble = (v >> (i * 4)) & 0xf;
        char::from_digit(nibble, 16).map_or('?', |d| d.to_ascii_uppercase())
    });
    "<U+".chars().chain(hex).chain(std::iter::once('>'))
}

/// Display width in terminal columns, summing graphemes like ratatui does.
///
/// ratatui 0.30 (`Buffer::set_stringn`, `Span::styled_graphemes`) walks `graphemes(true)`,
/// skips graphemes containing a control char and adds `UnicodeWidthStr::width` of each.
pub fn display_width(s: &str) -> usize {
    if s.is_ascii() {
        // Every ASCII grapheme is one byte except "\r\n", which is a control and skipped anyway.
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Width of one grapheme as ratatui draws it (controls are not drawn at all).
pub(crate) fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        g.width()
    }
}

/// What to emit for one input char.
enum Action {
    Keep,
    Drop,
    Space,
    Tab,
    /// Caret notation: `^` then this byte.
    Caret(u8),
    /// `<U+XXXX>`.
    Hex(u32),
    /// A regional indicator inside a cluster (after a Prepend char): `[A]`.
    Flag(char),
}

fn classify(c: char) -> Action {
    match c {
        // The common case first: printable, assigned and one column wide.
        ' '..='~' => Action::Keep,
        '\u{a0}'..='\u{377}' if c != '\u{ad}' => Action::Keep,
        '\t' => Action::Tab,
        // Includes '\n' and '\r': this is a single line, so they can only be smuggled in.
        '\0'..='\u{1f}' => Action::Caret(c as u8 + 0x40),
        '\u{7f}' => Action::Caret(b'?'),
        '\u{80}'..='\u{9f}' => Action::Hex(u32::from(c)),
        c if is_bidi_control(c) || is_invisible_format(c) || is_emoji_modifier(c) => Action::Drop,
        '\u{2028}' | '\u{2029}' => Action::Space,
        // Format characters, but emoji sequences and Indic scripts need ZWNJ and ZWJ.
        '\u{200c}' | ZWJ => Action::Keep,
        c if is_regional_indicator(c) => Action::Flag(regional_letter(c).unwrap_or('?')),
        c if !is_drawable(c) => Action::Hex(u32::from(c)),
        _ => Action::Keep,
    }
}

/// Whether terminals and our width measure agree on how wide `c` is, so it can be shown as
/// it is. Not drawable: code points unassigned in Unicode 14 (noncharacters, and characters
/// newer than the terminals' tables), format, private-use and other controls, Prepend
/// letters and the few characters whose width tables disagree (see `gen_drawable.py`).
fn is_drawable(c: char) -> bool {
    let v = u32::from(c);
    if v >= drawable::TRIE_END {
        let (first, last) = drawable::VARIATION_SELECTORS;
        return (first..=last).contains(&v);
    }
    let leaf = drawable::BLOCKS
        .get((v / 64) as usize)
        .and_then(|&leaf| drawable::LEAVES.get(usize::from(leaf)));
    leaf.is_some_and(|bits| bits >> (v % 64) & 1 == 1)
}

/// Characters that reorder text; removing them keeps a stranger from flipping our layout.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// Invisible format characters with no legitimate use in a comment, including the deprecated
/// U+206A..U+206F (symmetric swapping, Arabic shaping, digit shapes). ZWNJ/ZWJ are kept:
/// emoji sequences and Indic scripts need them.
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{ad}'
            | '\u{180e}'
            | '\u{fff9}'..='\u{fffb}'
    )
}

const ZWJ: char = '\u{200d}';

/// Parts of emoji sequences that only change how an emoji looks: skin tones, emoji/text
/// variation selectors and tag characters (subdivision flags).
fn is_emoji_modifier(c: char) -> bool {
    matches!(
        c,
        '\u{1f3fb}'..='\u{1f3ff}' | '\u{fe0e}' | '\u{fe0f}' | '\u{e0020}'..='\u{e007f}'
    )
}

/// Emoji and other pictographic symbols, after which a ZWJ joins an emoji sequence. Scripts
/// that need ZWJ (Devanagari, Arabic, ...) sit below U+2000, so their ZWJ is kept.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{a9}' | '\u{ae}' | '\u{2000}'..='\u{2bff}' | '\u{1f000}'..)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1f1e6}'..='\u{1f1ff}')
}

/// The letter a regional indicator stands for.
fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1f1e6)?;
    (offset < 26).then(|| char::from(b'A' + offset as u8))
}

/// Output under construction, tracking its open (last) grapheme cluster.
///
/// UAX #29 decides a boundary from the text before it and the one char after it, so once a
/// boundary is found it never moves; the open cluster's start can therefore stand in for the
/// start of text, which keeps every boundary check bounded by the cluster cap. The output
/// before the open cluster is final: a streaming reader may take it away.
#[derive(Clone)]
struct Out {
    buf: String,
    /// Byte offset where the open cluster starts.
    cluster_start: usize,
    cluster_chars: usize,
    /// Only lines with tabs need their width tracked; the rest skip the cost.
    track_width: bool,
    /// Columns of the closed clusters, so a tab never rescans the line.
    closed_cols: usize,
}

impl Out {
    fn new(track_width: bool, capacity: usize) -> Self {
        Out {
            buf: String::with_capacity(capacity),
            cluster_start: 0,
            cluster_chars: 0,
            track_width,
            closed_cols: 0,
        }
    }

    /// Appends `c` unless that would push its grapheme cluster past the cap; returns whether
    /// `c` went in as the open cluster's new last char with nothing else changed.
    ///
    /// `joins` is the caller's answer to "does `c` continue the open cluster?" when it knows.
    /// `starts_cluster` says `c` began a cluster of the input and is cleared once used. Such a
    /// char only joins the open cluster because something before it was dropped (for example
    /// a Prepend char, which glues onto anything). Dropping it would let one cluster swallow
    /// the rest of the line, so it displaces the open cluster's last char instead.
    fn push(&mut self, c: char, starts_cluster: &mut bool, joins: Option<bool>) -> bool {
        let displace = std::mem::take(starts_cluster);
        let at = self.buf.len();
        self.buf.push(c);
        if !joins.unwrap_or_else(|| self.joins_open_cluster(at)) {
            self.open_cluster(at);
            return true;
        }
        if self.cluster_chars < MAX_CLUSTER_CHARS {
            self.cluster_chars += 1;
            return true;
        }
        self.buf.truncate(at);
        if !displace {
            return false;
        }
        // The cap is 8, so the popped char is never the cluster's first.
        self.buf.pop();
        let at = self.buf.len();
        self.buf.push(c);
        if !self.joins_open_cluster(at) {
            self.open_cluster(at);
        }
        // Otherwise the count is unchanged: one char out, one in.
        false
    }

    fn open_cluster(&mut self, at: usize) {
        if self.track_width {
            self.closed_cols += grapheme_width(self.buf.get(self.cluster_start..at).unwrap_or(""));
        }
        self.cluster_start = at;
        self.cluster_chars = 1;
    }

    /// Whether the char just pushed at byte `at` continues the open cluster.
    fn joins_open_cluster(&self, at: usize) -> bool {
        if at == 0 {
            return false;
        }
        let bytes = self.buf.as_bytes();
        // ASCII pairs always break: the only exception, CR LF, never reaches the output.
        if bytes.get(at - 1).is_some_and(u8::is_ascii) && bytes.get(at).is_some_and(u8::is_ascii) {
            return false;
        }
        let Some(chunk) = self.buf.get(self.cluster_start..) else {
            return false;
        };
        let mut cursor = GraphemeCursor::new(at - self.cluster_start, chunk.len(), true);
        // The whole context is supplied, so an error cannot happen; joining is the safe
        // answer because it keeps the cap in force.
        cursor.is_boundary(chunk, 0).map_or(true, |b| !b)
    }

    /// Columns the output occupies so far, as `display_width` would measure it.
    fn column(&self) -> usize {
        self.closed_cols + grapheme_width(self.buf.get(self.cluster_start..).unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Fails if `s` holds anything a terminal could interpret or that we promise to remove.
    fn assert_inert(s: &str) {
        for c in s.chars() {
            let v = u32::from(c);
            assert!(v >= 0x20, "C0 control {v:#x} in {s:?}");
            assert_ne!(v, 0x7f, "DEL in {s:?}");
            assert!(!(0x80..=0x9f).contains(&v), "C1 control {v:#x} in {s:?}");
            assert!(!is_bidi_control(c), "bidi control {v:#x} in {s:?}");
            assert!(!is_invisible_format(c), "format char {v:#x} in {s:?}");
            assert!(!matches!(c, '\u{2028}' | '\u{2029}'), "separator in {s:?}");
            assert!(
                is_drawable(c) || matches!(c, '\u{200c}' | ZWJ),
                "undrawable {v:#x} in {s:?}"
            );
        }
    }

    fn assert_clusters_capped(s: &str) {
        for g in s.graphemes(true) {
            let n = g.chars().count();
            assert!(n <= MAX_CLUSTER_CHARS, "cluster of {n} chars in {s:?}");
        }
    }

    fn clean(s: &str) -> String {
        let out = sanitize_line(s).into_owned();
        assert_inert(&out);
        assert_clusters_capped(&out);
        out
    }

    #[test]
    fn printable_ascii_is_borrowed() {
        let s = "plain text, with punctuation ~!@#$%^&*()";
        let out = sanitize_line(s);
        assert!(matches!(out, Cow::Borrowed(b) if b.as_ptr() == s.as_ptr()));
        assert!(matches!(sanitize_line(""), Cow::Borrowed("")));
    }

    #[test]
    fn clean_unicode_is_unchanged() {
        for s in [
            "héllo wörld",
            "日本語のテキスト",
            "שלום עולם",
            "👨👩👧👦 🐱 ✓",
            "क्षत्रिय",
        ] {
            assert_eq!(sanitize_line(s), s);
        }
    }

    #[test]
    fn csi_clear_screen_is_inert() {
        assert_eq!(clean("\x1b[2J\x1b[H"), "^[[2J^[[H");
    }

    #[test]
    fn osc_title_with_bel_and_st_is_inert() {
        assert_eq!(clean("\x1b]0;pwned\x07"), "^[]0;pwned^G");
        assert_eq!(clean("\x1b]0;pwned\x1b\\"), "^[]0;pwned^[\\");
    }

    #[test]
    fn osc52_clipboard_is_inert() {
        assert_eq!(
            clean("\x1b]52;c;cm0gLXJmIH4=\x07"),
            "^[]52;c;cm0gLXJmIH4=^G"
        );
    }

    #[test]
    fn osc8_hyperlink_is_inert() {
        let s = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\";
        assert_eq!(clean(s), "^[]8;;https://evil.example^[\\click^[]8;;^[\\");
    }

    #[test]
    fn dcs_is_inert() {
        assert_eq!(clean("\x1bP+q544e\x1b\\"), "^[P+q544e^[\\");
        assert_eq!(clean("\u{90}+q544e\u{9c}"), "<U+0090>+q544e<U+009C>");
    }

    #[test]
    fn truncated_sequences_are_inert() {
        assert_eq!(clean("\x1b"), "^[");
        assert_eq!(clean("abc\x1b["), "abc^[[");
        assert_eq!(clean("\x1b]52;c;"), "^[]52;c;");
        assert_eq!(clean("\x1b[38;5"), "^[[38;5");
    }

    #[test]
    fn c0_controls_use_caret_notation() {
        assert_eq!(clean("\x07"), "^G");
        assert_eq!(clean("ab\x08\x08cd"), "ab^H^Hcd");
        assert_eq!(clean("\0"), "^@");
        assert_eq!(clean("a\rb"), "a^Mb");
        assert_eq!(clean("a\nb"), "a^Jb");
        assert_eq!(clean("\x1f"), "^_");
        assert_eq!(clean("\x7f"), "^?");
    }

    #[test]
    fn c1_controls_use_hex_notation() {
        assert_eq!(clean("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(clean("\u{80}\u{85}\u{9f}"), "<U+0080><U+0085><U+009F>");
    }

    #[test]
    fn bidi_controls_are_removed() {
        let s = "a\u{202e}b\u{2066}c\u{2069}d\u{200e}e\u{200f}f\u{061c}g\u{202a}h\u{202d}i";
        assert_eq!(clean(s), "abcdefghi");
    }

    #[test]
    fn invisible_format_chars_are_removed_but_joiners_kept() {
        let s = "a\u{200b}b\u{2060}c\u{2064}d\u{feff}e\u{ad}f\u{180e}g\u{fff9}h\u{fffb}i";
        assert_eq!(clean(s), "abcdefghi");
        // The deprecated format characters U+206A..U+206F.
        let s = "a\u{206a}b\u{206b}c\u{206c}d\u{206d}e\u{206e}f\u{206f}g";
        assert_eq!(clean(s), "abcdefg");
        assert_eq!(clean("a\u{200c}b"), "a\u{200c}b");
        // ZWJ is kept where a script needs it; after an emoji it goes (see below).
        assert_eq!(clean("क\u{94d}\u{200d}ष"), "क\u{94d}\u{200d}ष");
        assert_eq!(clean("👩\u{200d}💻"), "👩💻");
    }

    /// Characters terminals draw with another width than we measure, or not at all.
    const UNDRAWABLE: &[char] = &[
        '\u{fffe}',
        '\u{ffff}',
        '\u{fdd0}',
        '\u{fdef}',
        '\u{1fffe}',
        '\u{10ffff}',
        '\u{378}',   // unassigned
        '\u{2065}',  // unassigned, default-ignorable
        '\u{1fae8}', // SHAKING FACE: Unicode 15, newer than the terminals' tables
        '\u{0d4e}',  // MALAYALAM LETTER DOT REPH: a Prepend letter
        '\u{13430}', // EGYPTIAN HIEROGLYPH VERTICAL JOINER
        '\u{600}',   // ARABIC NUMBER SIGN, and other format characters
        '\u{6dd}',
        '\u{70f}',
        '\u{8e2}',
        '\u{110bd}',
        '\u{1bca0}',
        '\u{1d173}',
        '\u{e0001}',
        '\u{e000}', // private use
        '\u{f8ff}',
        '\u{f0000}',
        '\u{10fffd}',
        '\u{3164}', // HANGUL FILLER: 0 columns to unicode-width, 2 to glibc
        '\u{2630}', // TRIGRAM FOR HEAVEN: wide since Unicode 16, narrow before
    ];

    #[test]
    fn undrawable_characters_become_placeholders() {
        for &c in UNDRAWABLE {
            let hex = format!("<U+{:04X}>", u32::from(c));
            assert_eq!(clean(&format!("a{c}b")), format!("a{hex}b"));
            assert_eq!(display_width(&clean(&format!("{c}"))), hex.len());
        }
        // A Prepend letter no longer glues onto the next letter.
        assert_eq!(clean("\u{d4e}\u{d15}"), "<U+0D4E>\u{d15}");
    }

    #[test]
    fn every_noncharacter_and_egyptian_format_control_is_a_placeholder() {
        let noncharacters = (0..=16u32)
            .flat_map(|plane| [plane << 16 | 0xfffe, plane << 16 | 0xffff])
            .chain(0xfdd0..=0xfdef);
        // U+13430..U+1343F format controls, U+13440..U+13455 their marks and letters.
        for v in noncharacters.chain(0x13430..=0x13455) {
            let c = char::from_u32(v).unwrap();
            assert_eq!(clean(&c.to_string()), format!("<U+{v:04X}>"));
        }
    }

    #[test]
    fn private_use_planes_are_placeholders() {
        let private = (0xe000..=0xf8ff)
            .chain(0xf0000..=0xffffd)
            .chain(0x100000..=0x10fffd);
        for v in private {
            assert!(!is_drawable(char::from_u32(v).unwrap()), "{v:#x}");
        }
    }

    #[test]
    fn prepend_characters_are_never_shown() {
        // A Prepend char glues onto what follows: unicode-width counts it zero columns,
        // terminals one. Every one, as unicode-segmentation knows them, is a placeholder.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if !c.is_control() && format!("{c}a").graphemes(true).count() == 1 {
                assert!(!is_drawable(c), "{:#x}", u32::from(c));
            }
        }
    }

    #[test]
    fn text_of_unicode_14_and_older_is_kept() {
        for s in [
            "🫠 🥲 🧑", // emoji up to Unicode 14
            "தமிழ் বাংলা", // vowel signs stay (see gen_drawable.py)
            "Ελληνικά Кириллица עִבְרִית",
            "ｆｕｌｌ　ｗｉｄｔｈ ﾊﾝｶｸ",
            "\u{1100}\u{1161}\u{11a8} 한국어",
            "a\u{fe00} \u{e0100}", // variation selectors stay with their letter
            "\u{20000}\u{2a6df}\u{3134a}", // CJK extension B..G
        ] {
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn line_and_paragraph_separators_become_spaces() {
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a b c");
    }

    #[test]
    fn multi_line_messages_keep_their_line_breaks() {
        assert_eq!(
            sanitize_lines("error: '\x1b]0;x\x07'\n\nUsage: \u{9b}a\n"),
            "error: '^[]0;x^G'\n\nUsage: <U+009B>a\n"
        );
        assert_eq!(sanitize_lines("a\r\nb\u{202e}"), "a^M\nb");
        assert_eq!(sanitize_lines(""), "");
    }

    #[test]
    fn tabs_expand_to_next_stop() {
        assert_eq!(clean("\t"), " ".repeat(8));
        assert_eq!(clean("a\tb"), format!("a{}b", " ".repeat(7)));
        assert_eq!(clean("abcdefg\tx"), "abcdefg x");
        assert_eq!(clean("abcdefgh\tx"), format!("abcdefgh{}x", " ".repeat(8)));
        assert_eq!(clean("\t\t"), " ".repeat(16));
        // Column counts display width, not chars or bytes.
        assert_eq!(clean("中\tx"), format!("中{}x", " ".repeat(6)));
        assert_eq!(clean("e\u{301}\tx"), format!("e\u{301}{}x", " ".repeat(7)));
        assert_eq!(clean("👨‍👩‍👧‍👦\tx"), format!("👨👩👧👦{}x", " ".repeat(8)));
        // ...and of the output: the caret form of ESC is two columns.
        assert_eq!(clean("\x1b\tx"), format!("^[{}x", " ".repeat(6)));
        for prefix in ["", "a", "ab中", "日本語", "x\x07y", "\u{9b}"] {
            let out = clean(&format!("{prefix}\t"));
            assert_eq!(display_width(&out) % 8, 0, "{out:?}");
            assert!(out.ends_with(' '));
        }
    }

    #[test]
    fn zalgo_cluster_is_capped() {
        let tower = format!("a{}", "\u{301}".repeat(50));
        let out = clean(&format!("{tower}b{tower}"));
        let clusters: Vec<&str> = out.graphemes(true).collect();
        assert_eq!(clusters.len(), 3);
        assert_eq!(clusters[0].chars().count(), MAX_CLUSTER_CHARS);
        assert_eq!(clusters[1], "b");
        assert_eq!(display_width(&out), 3);
    }

    #[test]
    fn emoji_sequences_are_shown_as_their_parts() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let family_tones = "👨🏻\u{200d}👩🏿\u{200d}👧🏽\u{200d}👦🏼";
        let england = "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(sanitize_line(family), "👨👩👧👦");
        assert_eq!(sanitize_line(family_tones), "👨👩👧👦");
        assert_eq!(sanitize_line(england), "🏴");
        assert_eq!(
            sanitize_line("🇯🇵🇺🇦 and a lone 🇫"),
            "[JP][UA] and a lone [F]"
        );
        assert_eq!(sanitize_line("👋🏽 ❤\u{fe0f}"), "👋 ❤");
        assert_eq!(
            sanitize_line(&format!("👍{}", "\u{1f3fb}".repeat(40))),
            "👍"
        );
        // Each part is a cluster of its own, two columns wide on every terminal.
        assert_eq!(display_width(&sanitize_line(family)), 8);
        // ZWJ in scripts that need it stays: Devanagari "क्‍ष".
        let conjunct = "\u{915}\u{94d}\u{200d}\u{937}";
        assert_eq!(sanitize_line(conjunct), conjunct);
    }

    #[test]
    fn removed_chars_cannot_glue_a_tower_together() {
        // In the input every mark is its own cluster; without ZWSP they would all stack.
        let s = format!("a{}z", "\u{200b}\u{301}".repeat(200));
        let out = clean(&s);
        assert!(out.ends_with('z'));
        assert!(out.chars().count() <= MAX_CLUSTER_CHARS + 1);
    }

    #[test]
    fn prepend_run_does_not_swallow_the_line() {
        let s = format!("{}abc def", "\u{600}".repeat(20));
        let out = clean(&s);
        assert!(out.ends_with("bc def"), "{out:?}");
    }

    #[test]
    fn display_width_matches_grapheme_sum() {
        assert_eq!(display_width(""), 0);
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("中文"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert_eq!(display_width("👨‍👩‍👧‍👦"), 2);
        assert_eq!(display_width("🇺🇦"), 2);
        assert_eq!(display_width("❤\u{fe0f}"), 2);
        // ratatui skips graphemes holding controls when drawing.
        assert_eq!(display_width("a\x1bb"), 2);
        assert_eq!(display_width("a\r\nb"), 2);
        assert_eq!(display_width("a\u{85}b"), 2);
    }

    /// A megabyte-long hostile line: cleaned whole, bounded, no panic. (Speed is measured by
    /// `cargo bench`, not asserted here; 1 MB keeps the debug-mode suite quick.)
    #[test]
    fn megabyte_line_is_cleaned_whole() {
        let unit = "word 日本 e\u{301} 👨‍👩‍👧 \x1b[1m\t\u{202e}\u{9b} ";
        let line = unit.repeat(1024 * 1024 / unit.len());
        let out = sanitize_line(&line);
        assert!(out.len() >= line.len() / 2);
        // Each char grows to at most "<U+XXXX>" (8 bytes) or 8 columns of tab.
        assert!(out.len() <= line.len() * 8);
        assert_inert(&out);
        assert_clusters_capped(&out);
        let units = line.len() / unit.len();
        assert_eq!(out.matches("^[[1m").count(), units);
        assert_eq!(out.matches("<U+009B>").count(), units);
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => any::<char>(),
            2 => prop::char::range('\0', '\u{a0}'),
            1 => prop::char::range('\u{300}', '\u{36f}'),
            1 => prop::char::range('\u{1f1e6}', '\u{1f1ff}'),
            1 => prop::char::range('\u{1f3fb}', '\u{1f3ff}'),
            1 => prop::char::range('\u{1100}', '\u{11ff}'),
            1 => prop::char::range('\u{600}', '\u{605}'),
            1 => prop::char::range('\u{2000}', '\u{206f}'),
            1 => prop::char::range('\u{e0020}', '\u{e007f}'),
            1 => prop::sample::select(vec![
                '\t', ' ', '\u{200d}', '\u{fe0f}', '👩', '👍', '中', '\u{94d}', 'क', '\u{feff}',
            ]),
            1 => prop::sample::select(UNDRAWABLE),
            1 => prop::char::range('\u{13430}', '\u{13455}'),
        ]
    }

    fn hostile_string() -> impl Strategy<Value = String> {
        prop::collection::vec(hostile_char(), 0..120).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn sanitized_output_is_inert_and_capped(s in hostile_string()) {
            let out = sanitize_line(&s);
            assert_inert(&out);
            assert_clusters_capped(&out);
        }

        #[test]
        fn sanitize_is_idempotent(s in hostile_string()) {
            let once = sanitize_line(&s).into_owned();
            prop_assert_eq!(sanitize_line(&once), once.as_str());
        }

        #[test]
        fn tab_reaches_a_tab_stop(s in hostile_string()) {
            let out = sanitize_line(&format!("{s}\t")).into_owned();
            prop_assert_eq!(display_width(&out) % TAB_STOP, 0, "{:?} -> {:?}", s, out);
        }

        #[test]
        fn printable_ascii_passes_through(s in "[ -~]{0,200}") {
            prop_assert!(matches!(sanitize_line(&s), Cow::Borrowed(b) if b == s));
        }
    }
}
