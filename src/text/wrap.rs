//! Lays untrusted text out for terminal panes (word wrap, snippets, width cuts) per grapheme, as ratatui draws.
//! Not textwrap: it measures width per char, not per grapheme, so it can split a ZWJ emoji and disagree with ratatui.

use std::borrow::Cow;

use unicode_segmentation::{GraphemeIndices, UnicodeSegmentation};

use super::flow::{Flow, Sink};
use super::sanitize::{grapheme_width, sanitize_line};

/// How many bytes of a body `snippet` may look at per column: generous for CJK, emoji and
/// collapsed whitespace, yet bounded so a 10 MB body costs no more than a short one.
const SNIPPET_BYTES_PER_COL: usize = 16;
const ELLIPSIS: char = '…';

/// Lays out a text for a pane `width` columns wide: one String per screen row.
///
/// Every `'\n'`-separated line (a trailing `'\r'` is dropped) is sanitised and wrapped on its
/// own; an empty line yields an empty row. Rows break at whitespace, which is dropped at the
/// break; a line's leading indentation stays on its first row while it leaves room. Words wider
/// than the pane break between grapheme clusters. No row is wider than `width` except one
/// holding a single grapheme that is wider by itself. A zero width yields no rows.
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    struct Rows(Vec<String>);
    impl Sink for Rows {
        fn row(&mut self, row: &str, _start: usize) {
            self.0.push(row.to_owned());
        }
    }
    let mut rows = Rows(Vec::new());
    let mut flow = Flow::new(width);
    while flow.step(text, &mut rows) {}
    rows.0
}

/// The line a snippet shows: the first non-blank line of the prefix `max_cols` can use, and
/// whether the prefix cut it short.
fn first_shown_line(text: &str, max_cols: usize) -> (&str, bool) {
    let limit = text.floor_char_boundary(max_cols.saturating_mul(SNIPPET_BYTES_PER_COL));
    let prefix = text.get(..limit).unwrap_or("");
    let clipped = limit < text.len();
    let mut rest = prefix;
    loop {
        match rest.split_once('\n') {
            Some((line, tail)) if line.trim().is_empty() => rest = tail,
            Some((line, _)) => return (line, false),
            None => return (rest, clipped),
        }
    }
}

/// First line of `text`, whitespace runs collapsed to one space, sanitised and cut to `max_cols`
/// columns at a grapheme boundary, ending in '…' when cut. Used for outline rows every frame,
/// so it must look at only a bounded prefix of `text` (about max_cols * 16 bytes, floored to a
/// char boundary), never the whole text: bodies can be 10 MB.
///
/// If the text starts with blank lines, the first non-blank line inside that prefix is used.
///
/// The work follows what is shown, not the prefix: words are taken a few at a time until
/// their sanitised text is wider than `max_cols`, which decides the cut (see [`cut_early`]);
/// only a line that ends within the prefix without filling the width is read to its end.
pub fn snippet(text: &str, max_cols: usize) -> String {
    if max_cols == 0 {
        return String::new();
    }
    let (line, line_clipped) = first_shown_line(text, max_cols);
    if let Some(shown) = simple_snippet(line, line_clipped, max_cols) {
        return shown;
    }
    if let Some(cut) = cut_early(line, max_cols) {
        return cut;
    }

    let mut collapsed = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.push_str(word);
    }
    if line_clipped && !line.ends_with(char::is_whitespace) {
        // The prefix may end inside a grapheme cluster; never show half of one.
        let partial = collapsed.graphemes(true).next_back().map_or(0, str::len);
        collapsed.truncate(collapsed.len() - partial);
    }
    let clean = sanitize_line(&collapsed);
    if line_clipped {
        with_ellipsis(&clean, max_cols)
    } else {
        truncate_to_width(&clean, max_cols).into_owned()
    }
}

/// Characters that are their own grapheme cluster next to one another, one column wide, and
/// shown as they are: most text (ASCII, Latin, Cyrillic, typographic quotes and dashes).
/// A test checks every one of them against the sanitiser and the width measure.
fn is_simple(c: char) -> bool {
    matches!(c,
        '!'..='~'
        | '\u{a1}'..='\u{ac}'
        | '\u{ae}'..='\u{2ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{4ff}'
        | '\u{2010}'..='\u{2027}'
        | '€')
}

/// The snippet of a line whose first `max_cols + 2` shown characters (or all of them) are
/// simple (see [`is_simple`]): no segmentation, no sanitising, no width look-ups, since each
/// such character is one cluster one column wide that the sanitiser keeps. None otherwise.
///
/// Two characters past the width make the cut certain: the cut keeps `max_cols - 1` of them
/// and an ellipsis, and dropping a cluster cut by the prefix (the last one) cannot bring the
/// line back within the width.
fn simple_snippet(line: &str, line_clipped: bool, max_cols: usize) -> Option<String> {
    let mut shown = String::with_capacity(max_cols + 8);
    let mut count = 0;
    // Bytes of the first max_cols - 1 characters: what a cut keeps.
    let mut keep = 0;
    let mut space_before = false;
    let cut = |shown: &str, keep: usize| {
        let mut cut = shown[..keep].trim_end().to_string();
        cut.push(ELLIPSIS);
        cut
    };
    for c in line.chars() {
        if c.is_whitespace() {
            space_before = count > 0;
            continue;
        }
        if !is_simple(c) {
            return None;
        }
        for unit in [' ', c] {
            if unit == ' ' && !std::mem::take(&mut space_before) {
                continue;
            }
            shown.push(unit);
            count += 1;
            if count < max_cols {
                keep = shown.len();
            }
            if count == max_cols + 2 {
                return Some(cut(&shown, keep));
            }
        }
    }
    match (line_clipped, count <= max_cols) {
        // The whole line, narrower than the width.
        (false, true) => Some(shown),
        (false, false) => Some(cut(&shown, keep)),
        (true, _) => None,
    }
}

/// The snippet of `line` when a prefix of its words already overflows `max_cols`, looking at
/// a few times `max_cols` bytes first and twice as many each round; None when the line ends
/// (or its last word starts) before that, for `snippet` to finish as it always did.
///
/// Why a prefix decides: the words are joined by single spaces, and a space after a word
/// never joins the sanitised cluster before it (sanitised text has no Prepend characters),
/// so the sanitised text of the first words is a prefix of the whole line's, cluster for
/// cluster. Once it is wider than `max_cols`, the whole line is too, and both are cut at the
/// same place, the ellipsis included. The last word taken is always whole: the next one starts
/// after it.
fn cut_early(line: &str, max_cols: usize) -> Option<String> {
    let mut budget = max_cols.saturating_mul(2).max(16);
    let mut words = line.split_whitespace().peekable();
    let mut collapsed = String::new();
    loop {
        while collapsed.len() < budget {
            let word = words.next()?;
            if !collapsed.is_empty() {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
        }
        // The line goes on past these words (else `snippet` handles the end of line).
        words.peek()?;
        if let Cow::Owned(cut) = truncate_to_width(&sanitize_line(&collapsed), max_cols) {
            return Some(cut);
        }
        budget = budget.saturating_mul(2);
    }
}

/// Cuts `s` (already sanitised) to at most `max_cols` columns at a grapheme boundary, adding '…' when cut.
pub fn truncate_to_width(s: &str, max_cols: usize) -> Cow<'_, str> {
    if max_cols == 0 {
        return Cow::Borrowed("");
    }
    let mut cols = 0;
    // End of the longest prefix that still leaves a column for the ellipsis.
    let mut keep = 0;
    for (i, g) in units(s) {
        cols += grapheme_width(g);
        if cols > max_cols {
            return Cow::Owned(ellipsize(s.get(..keep).unwrap_or("")));
        }
        if cols < max_cols {
            keep = i + g.len();
        }
    }
    Cow::Borrowed(s)
}

/// `s` cut to leave room for, and then ended by, an ellipsis: for text known to go on.
fn with_ellipsis(s: &str, max_cols: usize) -> String {
    match truncate_to_width(s, max_cols) {
        Cow::Owned(cut) => cut,
        Cow::Borrowed(whole) => match truncate_to_width(whole, max_cols.saturating_sub(1)) {
            Cow::Borrowed(fits) => ellipsize(fits),
            // Cut below max_cols - 1 already carries its ellipsis and is narrower still.
            Cow::Owned(cut) => cut,
        },
    }
}

fn ellipsize(kept: &str) -> String {
    let kept = kept.trim_end();
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len_utf8());
    out.push_str(kept);
    out.push(ELLIPSIS);
    out
}

/// Graphemes with their byte offsets; ASCII takes a byte-per-grapheme shortcut, valid because
/// sanitised text has no "\r\n", the only multi-byte ASCII cluster.
enum Units<'a> {
    Ascii { s: &'a str, pos: usize },
    Graphemes(GraphemeIndices<'a>),
}

fn units(s: &str) -> Units<'_> {
    if s.is_ascii() {
        Units::Ascii { s, pos: 0 }
    } else {
        Units::Graphemes(s.grapheme_indices(true))
    }
}

impl<'a> Iterator for Units<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Units::Ascii { s, pos } => {
                let at = *pos;
                let g = s.get(at..at + 1)?;
                *pos += 1;
                Some((at, g))
            }
            Units::Graphemes(it) => it.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::flow::is_break_space;
    use super::super::sanitize::display_width;
    use super::*;

    fn is_lone_wide_grapheme(row: &str, width: usize) -> bool {
        let mut gs = row.graphemes(true);
        matches!((gs.next(), gs.next()), (Some(g), None) if display_width(g) > width)
    }

    /// Checks the layout contract for `text` at `width`:
    /// rows fit (bar a lone over-wide grapheme), and reading the rows back yields the
    /// sanitised lines' graphemes in order, with only breaking whitespace missing.
    fn check_layout(text: &str, width: usize) -> Vec<String> {
        let rows = wrap_text(text, width);
        if width == 0 {
            assert!(rows.is_empty());
            return rows;
        }
        for row in &rows {
            let w = display_width(row);
            assert!(
                w <= width || is_lone_wide_grapheme(row, width),
                "row {row:?} is {w} cols at width {width}"
            );
            let last = row.graphemes(true).next_back();
            assert!(
                !last.is_some_and(is_break_space),
                "trailing space in {row:?}"
            );
        }
        let mut rows_iter = rows.iter();
        for raw in text.split('\n') {
            let line = sanitize_line(raw.strip_suffix('\r').unwrap_or(raw)).into_owned();
            let mut expected = line.graphemes(true).peekable();
            let mut first = true;
            loop {
                // Stop once only whitespace (dropped at the end) is left of this line.
                while expected.peek().is_some_and(|g| is_break_space(g)) && !first {
                    expected.next();
                }
                if expected.peek().is_none() && !first {
                    break;
                }
                let row = rows_iter.next().expect("ran out of rows");
                for g in row.graphemes(true) {
                    // Whitespace may vanish at a break or as indentation that did not fit.
                    loop {
                        let want = expected.next().expect("row has extra graphemes");
                        if want == g {
                            break;
                        }
                        assert!(is_break_space(want), "expected {want:?}, row had {g:?}");
                    }
                }
                first = false;
            }
        }
        assert!(rows_iter.next().is_none(), "extra rows");
        rows
    }

    #[test]
    fn width_zero_yields_no_rows() {
        assert!(wrap_text("hello world", 0).is_empty());
        assert!(wrap_text("", 0).is_empty());
    }

    #[test]
    fn simple_words_wrap_first_fit() {
        assert_eq!(
            check_layout("the quick brown fox jumps", 10),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(check_layout("exactly ten", 11), ["exactly ten"]);
        assert_eq!(check_layout("a  b", 10), ["a  b"]);
        assert_eq!(check_layout("a    b", 3), ["a", "b"]);
    }

    #[test]
    fn paragraphs_and_blank_lines() {
        assert_eq!(check_layout("one\n\ntwo", 10), ["one", "", "two"]);
        assert_eq!(check_layout("", 10), [""]);
        assert_eq!(check_layout("   ", 10), [""]);
        assert_eq!(check_layout("a\r\nb\r\n", 10), ["a", "b", ""]);
    }

    #[test]
    fn indentation_stays_on_first_row() {
        assert_eq!(
            check_layout("  • first item wraps here", 12),
            ["  • first", "item wraps", "here"]
        );
        // Indentation that leaves no room for the first word is dropped.
        assert_eq!(check_layout("        word", 6), ["word"]);
        // An overlong first word still starts after the indentation.
        assert_eq!(check_layout("  abcdefgh", 5), ["  abc", "defgh"]);
    }

    #[test]
    fn long_word_breaks_at_graphemes() {
        assert_eq!(
            check_layout("see abcdefghij", 4),
            ["see", "abcd", "efgh", "ij"]
        );
        let word = "x".repeat(10_000);
        let rows = check_layout(&word, 80);
        assert_eq!(rows.len(), 125);
        assert!(rows.iter().all(|r| r.len() == 80));
    }

    #[test]
    fn cjk_at_odd_widths() {
        let text = "日本語のテキストを折り返す";
        for width in [1, 3, 5, 7] {
            let rows = check_layout(text, width);
            for row in &rows {
                assert!(display_width(row) <= width.max(2));
            }
        }
        assert_eq!(check_layout("日本語", 5), ["日本", "語"]);
        assert_eq!(check_layout("日本語", 1), ["日", "本", "語"]);
    }

    #[test]
    fn emoji_are_laid_out_as_their_parts() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let text = format!("{family}{family}{family} 🇯🇵🇺🇦🇫🇷 👍🏽👍🏿");
        for width in 1..8 {
            for row in check_layout(&text, width) {
                for g in row.graphemes(true) {
                    assert!(
                        [
                            "👨", "👩", "👧", "👦", "👍", "[", "]", "J", "P", "U", "A", "F", "R"
                        ]
                        .contains(&g),
                        "unexpected cluster {g:?}"
                    );
                }
            }
        }
        assert_eq!(
            check_layout(&family.repeat(3), 8),
            ["👨👩👧👦", "👨👩👧👦", "👨👩👧👦"]
        );
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        let tower = format!("a{}", "\u{301}".repeat(50));
        let text = format!("{tower}{tower}{tower}");
        let rows = check_layout(&text, 2);
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.starts_with('a')));
        assert_eq!(
            check_layout("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn rtl_text_wraps_in_logical_order() {
        let rows = check_layout("שלום עולם \u{202e}מה שלומך", 9);
        assert_eq!(rows, ["שלום עולם", "מה שלומך"]);
        check_layout("مرحبا بالعالم هذا نص عربي طويل", 7);
    }

    #[test]
    fn lone_wide_grapheme_overflows_width_one() {
        assert_eq!(check_layout("中", 1), ["中"]);
        assert_eq!(check_layout("a中b", 1), ["a", "中", "b"]);
    }

    #[test]
    fn hostile_controls_never_reach_rows() {
        let rows = check_layout("hi \x1b]0;title\x07 \x1b[2J there\u{9b}", 6);
        assert!(rows.iter().all(|r| !r.contains(|c: char| c.is_control())));
    }

    /// Megabyte-long lines wrap whole into rows that fit, with no panic. Speed belongs to
    /// `cargo bench`; 1 MB keeps the point (far longer than any screen) and the debug suite quick.
    #[test]
    fn megabyte_lines_wrap_into_fitting_rows() {
        const SIZE: usize = 1024 * 1024;
        let ascii = "lorem ipsum dolor sit amet ".repeat(SIZE / 27);
        let mixed = "word 日本語 e\u{301} 👨‍👩‍👧 ".repeat(SIZE / 32);
        let word = "y".repeat(SIZE);
        for text in [ascii, mixed, word] {
            let rows = wrap_text(&text, 80);
            assert!(rows.len() > SIZE / 80 / 2, "{} rows", rows.len());
            assert!(rows.iter().all(|r| display_width(r) <= 80));
            // Nothing is lost but the breaking spaces (and the ZWJs between emoji).
            let kept: usize = rows.iter().map(|r| r.len()).sum();
            let spaces = text.bytes().filter(|&b| b == b' ').count();
            let joiners = text.matches('\u{200d}').count() * '\u{200d}'.len_utf8();
            assert!(
                kept >= text.len() - spaces - joiners,
                "{kept} of {}",
                text.len()
            );
        }
    }

    #[test]
    fn truncate_keeps_fitting_text_borrowed() {
        assert!(matches!(
            truncate_to_width("hello", 5),
            Cow::Borrowed("hello")
        ));
        assert_eq!(truncate_to_width("hello world", 8), "hello w…");
        assert_eq!(truncate_to_width("hello world", 7), "hello…");
        assert_eq!(truncate_to_width("日本語", 4), "日…");
        assert_eq!(truncate_to_width("日本語", 1), "…");
        assert_eq!(truncate_to_width("abc", 0), "");
        assert_eq!(truncate_to_width("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", 3), "👨‍👩‍👧‍👦…");
    }

    #[test]
    fn snippet_collapses_and_cuts() {
        assert_eq!(snippet("hello   world\nsecond line", 40), "hello world");
        assert_eq!(
            snippet("\n\n  \n  first\treal line  \nmore", 40),
            "first real line"
        );
        assert_eq!(snippet("a long first line of text", 10), "a long fi…");
        assert_eq!(snippet("\x1b]0;x\x07ok \u{202e}yes", 40), "^[]0;x^Gok yes");
        assert_eq!(snippet("anything", 0), "");
        assert_eq!(snippet("", 10), "");
        assert_eq!(snippet("日本語のテキスト", 5), "日本…");
    }

    #[test]
    fn snippet_of_ten_megabytes_is_bounded() {
        // The bound is structural: a body whose second half is not UTF-8-clean text would
        // panic or show up if `snippet` looked past its prefix; here the prefix is all it sees.
        let mut body = "word ".repeat(2 * 1024 * 1024);
        body.push_str("\x1b[2J TAIL");
        for max_cols in [1, 10, 60] {
            let s = snippet(&body, max_cols);
            assert!(display_width(&s) <= max_cols);
            assert!(s.ends_with('…'));
            assert!(!s.contains("TAIL") && !s.contains('^'));
            assert!(s.len() <= max_cols * SNIPPET_BYTES_PER_COL);
        }
        // Content past the prefix is never reached, so the clipped line still gets an ellipsis.
        assert_eq!(snippet(&format!("hi{}", " ".repeat(1000)), 4), "hi…");
        // Nothing visible within the prefix, but the body goes on: say so.
        assert_eq!(snippet(&"\n".repeat(10_000), 4), "…");
        // The 160-byte prefix ends just after the ZWJ; the half-cluster is not shown.
        let cut_cluster = format!("{}ab👨‍👩‍👧‍👦 more", " ".repeat(150));
        assert_eq!(snippet(&cut_cluster, 10), "ab…");
    }

    /// `snippet` as it was before the early cut: the whole prefix line collapsed, sanitised
    /// and cut.
    fn snippet_reference(text: &str, max_cols: usize) -> String {
        if max_cols == 0 {
            return String::new();
        }
        let (line, line_clipped) = first_shown_line(text, max_cols);
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut collapsed = collapsed;
        if line_clipped && !line.ends_with(char::is_whitespace) {
            let partial = collapsed.graphemes(true).next_back().map_or(0, str::len);
            collapsed.truncate(collapsed.len() - partial);
        }
        let clean = sanitize_line(&collapsed);
        if line_clipped {
            with_ellipsis(&clean, max_cols)
        } else {
            truncate_to_width(&clean, max_cols).into_owned()
        }
    }

    #[test]
    fn simple_characters_are_single_clusters_one_column_wide_and_kept() {
        let simple: Vec<char> = ('\0'..=char::MAX).filter(|&c| is_simple(c)).collect();
        assert!(simple.len() > 900, "{}", simple.len());
        for &c in &simple {
            let alone = c.to_string();
            assert_eq!(sanitize_line(&alone), alone, "{c:?} is kept");
            assert_eq!(display_width(&alone), 1, "{c:?} is one column");
            assert!(!c.is_whitespace());
            for &next in [c, 'a', '\u{301}', '日']
                .iter()
                .chain(simple.iter().step_by(97))
            {
                if is_simple(next) || next == '日' {
                    let pair = format!("{c}{next}");
                    assert_eq!(pair.graphemes(true).count(), 2, "{c:?} {next:?}");
                }
            }
        }
    }

    #[test]
    fn snippet_cuts_long_lines_as_before() {
        let long = "word ".repeat(400);
        let mixed = "日本語 e\u{301} 👨\u{200d}👩 \x1b[2J 🇯🇵 ".repeat(50);
        // One word filling the prefix and cut inside by it (32 bytes at 2 columns): the
        // early cut must leave it to the prefix reading, which drops the cut cluster.
        let cut_word = format!("x{}\u{ad}yzTAIL", "\u{200b}".repeat(9));
        // The same in simple characters: the prefix (48 bytes at 3 columns) ends one
        // character past the width, and that character is dropped as cut.
        let cut_simple = format!("ab{}cTAIL", " ".repeat(45));
        let texts = [
            &long,
            &mixed,
            &cut_word,
            &cut_simple,
            "a b",
            "ab\ncd",
            "Ж “é” — €",
        ];
        for text in texts {
            for max_cols in [1, 2, 3, 5, 40, 100] {
                assert_eq!(snippet(text, max_cols), snippet_reference(text, max_cols));
            }
        }
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => any::<char>(),
            3 => prop::sample::select(vec![' ', ' ', '\t', '\n', '\u{a0}', '\u{3000}', 'a', 'b']),
            1 => prop::char::range('\0', '\u{a0}'),
            1 => prop::char::range('\u{300}', '\u{36f}'),
            1 => prop::char::range('\u{1f1e6}', '\u{1f1ff}'),
            1 => prop::char::range('\u{1f3fb}', '\u{1f3ff}'),
            1 => prop::char::range('\u{600}', '\u{605}'),
            1 => prop::char::range('\u{2000}', '\u{206f}'),
            1 => prop::sample::select(vec!['\u{200d}', '\u{fe0f}', '👩', '中', '\u{94d}', 'क']),
            // Around the simple characters of the snippet's fast path.
            2 => prop::sample::select(vec!['é', 'Ж', '“', '’', '—', '€', '\u{483}', '\u{2ff}', '\u{ad}', '\u{300}']),
        ]
    }

    fn hostile_string() -> impl Strategy<Value = String> {
        prop::collection::vec(hostile_char(), 0..160).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn rows_respect_width_and_keep_every_grapheme(s in hostile_string(), width in 0usize..200) {
            check_layout(&s, width);
        }

        #[test]
        fn rows_are_inert(s in hostile_string(), width in 1usize..40) {
            for row in wrap_text(&s, width) {
                prop_assert!(!row.contains(|c: char| c.is_control()));
            }
        }

        /// The early cut gives exactly what reading the whole prefix gives.
        #[test]
        fn snippet_matches_the_whole_prefix_reading(
            words in prop::collection::vec(hostile_string(), 0..8),
            max_cols in 0usize..60,
        ) {
            let text = words.join(" ");
            prop_assert_eq!(snippet(&text, max_cols), snippet_reference(&text, max_cols));
        }

        #[test]
        fn snippet_fits(s in hostile_string(), max_cols in 0usize..60) {
            let out = snippet(&s, max_cols);
            prop_assert!(display_width(&out) <= max_cols);
            prop_assert!(!out.contains(|c: char| c.is_control() || c == '\n'));
        }

        #[test]
        fn truncate_fits_and_is_a_prefix(s in hostile_string(), max_cols in 0usize..60) {
            let clean = sanitize_line(&s);
            let out = truncate_to_width(&clean, max_cols);
            prop_assert!(display_width(&out) <= max_cols);
            let kept = out.strip_suffix(ELLIPSIS).unwrap_or(&out);
            prop_assert!(clean.starts_with(kept));
        }
    }
}
