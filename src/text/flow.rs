//! Lays a text out in rows as it reads it: the input's grapheme clusters go through the
//! sanitiser and the word wrapper a few kilobytes at a time, so nothing proportional to the
//! text is held, however long its lines. Between steps the whole state is a few short
//! strings: a copy of it is a checkpoint to resume from. The reader reads a long text once
//! to count its rows and keep such checkpoints, then lays out only the rows on screen, from
//! the checkpoint before them.
//!
//! The rows are exactly [`wrap_text`](super::wrap::wrap_text)'s (which is this, collected):
//! every `'\n'`-separated line, a trailing `'\r'` dropped, sanitised and wrapped on its own.

use memchr::memchr;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

use super::sanitize::{LineSanitizer, grapheme_width};

/// Input read per step: what a checkpoint costs to resume from, at most (plus the output of
/// the clusters in progress).
const STEP_BYTES: usize = 4 << 10;

/// Where the rows go.
pub trait Sink {
    /// A finished row of the current line; `start` is where it begins in the line's
    /// sanitised text.
    fn row(&mut self, row: &str, start: usize);
    /// The current line's sanitised text, in order, a piece at a time (each before the rows
    /// cut from it).
    fn shown(&mut self, _text: &str) {}
    /// The current line ended: all its rows were given.
    fn line_end(&mut self) {}
}

/// The line being read: offsets in the text.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    /// End of its text (before "\n" or "\r\n").
    end: usize,
    /// Where the next line starts; None for the last.
    next: Option<usize>,
}

/// A text being laid out at a width. Every call to [`Flow::step`] must pass the same text.
#[derive(Clone)]
pub struct Flow {
    /// Input read per step ([`STEP_BYTES`]; tests take smaller steps).
    step_bytes: usize,
    /// Offset in the text of the next byte to read.
    pos: usize,
    line: Option<Line>,
    /// Finds the input's cluster boundaries in the line, at `pos`; None when `pos` is a
    /// boundary after ASCII, where a fresh cursor needs no context.
    cursor: Option<GraphemeCursor>,
    /// Inside an input cluster longer than a step.
    in_cluster: bool,
    sanitizer: LineSanitizer,
    wrapper: Wrapper,
    /// Lines finished.
    lines: usize,
    done: bool,
}

impl Flow {
    pub fn new(width: usize) -> Self {
        Flow {
            step_bytes: STEP_BYTES,
            pos: 0,
            line: None,
            cursor: None,
            in_cluster: false,
            sanitizer: LineSanitizer::new(false, 0),
            wrapper: Wrapper::new(width),
            lines: 0,
            // A zero width has no rows.
            done: width == 0,
        }
    }

    /// Offset in the text of what is read next.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Where the line being read starts in the text (between lines: the next one).
    pub fn line_start(&self) -> usize {
        self.line.map_or(self.pos, |line| line.start)
    }

    /// The current line's sanitised text the layout holds and where it starts in it: the
    /// open row, the whitespace after it while that could still fit and the word being read
    /// (as far back as they are contiguous).
    pub fn held(&self) -> (usize, String) {
        self.wrapper.held()
    }

    /// Lines finished so far (the number of the line being read).
    pub fn lines(&self) -> usize {
        self.lines
    }

    /// Rows given so far.
    pub fn rows(&self) -> usize {
        self.wrapper.rows
    }

    /// Where the next piece of the current line's sanitised text starts in it.
    pub fn shown_at(&self) -> usize {
        self.wrapper.at
    }

    /// Reads about [`STEP_BYTES`] more of `text`, giving the rows it finishes to `sink`.
    /// False once the text is done.
    pub fn step(&mut self, text: &str, sink: &mut dyn Sink) -> bool {
        if self.done {
            return false;
        }
        let budget_end = self.pos.saturating_add(self.step_bytes);
        loop {
            let line = match self.line {
                Some(line) => line,
                None => self.open_line(text),
            };
            self.read(text, line, budget_end);
            self.hand_on(sink);
            if self.pos >= line.end && !self.in_cluster {
                let sanitizer =
                    std::mem::replace(&mut self.sanitizer, LineSanitizer::new(false, 0));
                let rest = sanitizer.into_output();
                sink.shown(&rest);
                self.wrapper.feed(&rest, sink);
                self.wrapper.end_line(sink);
                self.lines += 1;
                sink.line_end();
                self.line = None;
                self.cursor = None;
                match line.next {
                    Some(next) => self.pos = next,
                    None => {
                        self.done = true;
                        return false;
                    }
                }
            }
            if self.pos >= budget_end {
                return true;
            }
        }
    }

    fn open_line(&mut self, text: &str) -> Line {
        let rest = text.get(self.pos..).unwrap_or("");
        let (mut end, next) = match memchr(b'\n', rest.as_bytes()) {
            Some(at) => (self.pos + at, Some(self.pos + at + 1)),
            None => (text.len(), None),
        };
        if end > self.pos && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        let line = Line {
            start: self.pos,
            end,
            next,
        };
        let body = text.get(line.start..line.end).unwrap_or("");
        let tabs = memchr(b'\t', body.as_bytes()).is_some();
        self.sanitizer = LineSanitizer::new(tabs, self.step_bytes.min(body.len()));
        self.line = Some(line);
        line
    }

    /// Feeds the sanitiser the line's input clusters up to `budget_end` (or the line's end).
    fn read(&mut self, text: &str, line: Line, budget_end: usize) {
        let body = text.get(line.start..line.end).unwrap_or("");
        let bytes = body.as_bytes();
        while self.pos < line.end && self.pos < budget_end {
            let at = self.pos - line.start;
            if !self.in_cluster {
                let max = (budget_end - self.pos).min(bytes.len() - at);
                let mut run = bytes[at..at + max]
                    .iter()
                    .position(|b| !(0x20..=0x7e).contains(b))
                    .unwrap_or(max);
                // A mark after the run would join its last char: leave that to the cursor.
                if bytes.get(at + run).is_some_and(|b| !b.is_ascii()) {
                    run = run.saturating_sub(1);
                }
                if run > 0 {
                    self.sanitizer.push_printable(&body[at..at + run]);
                    self.pos += run;
                    self.cursor = None;
                    continue;
                }
            }
            let cursor = self
                .cursor
                .get_or_insert_with(|| GraphemeCursor::new(at, body.len(), true));
            // At least a char, so that every call moves on.
            let limit =
                body.floor_char_boundary((at + (budget_end - self.pos).max(8)).min(body.len()));
            // The chunk starts at the line's start, so no context is ever missing; a
            // boundary past it is found on the next call.
            let (end, closes) = match cursor.next_boundary(&body[..limit], 0) {
                Ok(Some(end)) => (end, true),
                Ok(None) => (body.len(), true),
                Err(_) => (limit, false),
            };
            let piece = body.get(at..end).unwrap_or("");
            let mut chars = piece.chars();
            if !self.in_cluster
                && let Some(first) = chars.next()
            {
                self.sanitizer.start_cluster(first);
                self.sanitizer.push_char(first);
            }
            for c in chars {
                self.sanitizer.push_char(c);
            }
            if closes {
                self.sanitizer.end_cluster();
            }
            self.in_cluster = !closes;
            self.pos = line.start + end;
        }
    }

    /// Gives the wrapper (and the sink) the sanitised output whose clusters are closed.
    fn hand_on(&mut self, sink: &mut dyn Sink) {
        let closed = self.sanitizer.closed();
        if closed.is_empty() {
            return;
        }
        sink.shown(closed);
        self.wrapper.feed(closed, sink);
        self.sanitizer.drop_closed();
    }
}

/// Whether a grapheme is a place to break. No-break spaces hold their neighbours together.
pub(crate) fn is_break_space(g: &str) -> bool {
    g == " "
        || g.chars()
            .all(|c| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}'))
}

/// First-fit greedy wrapping of one sanitised line, fed in pieces that end at cluster
/// boundaries. Rows break at whitespace, which is dropped at the break; a line's leading
/// indentation stays on its first row while it leaves room for the first word. A word wider
/// than the pane breaks between clusters, starting on a row of its own.
///
/// Only what can still go on the open row is held: a word until it is wider than the pane
/// (then it is cut into rows as it comes), whitespace while it could still fit.
#[derive(Clone)]
struct Wrapper {
    width: usize,
    /// The open row, where it starts in the line's sanitised text, and its columns.
    row: String,
    row_start: usize,
    row_cols: usize,
    /// Whether the open row holds a word (else it is empty or only indentation).
    row_has_word: bool,
    /// The whitespace since the last word (the indentation on the first row): its text
    /// while it is no wider than the pane, and its columns.
    gap: String,
    gap_cols: usize,
    /// The word being read, while it is no wider than the pane.
    word: String,
    word_start: usize,
    word_cols: usize,
    /// The word being read is wider than the pane: its clusters go straight into rows.
    breaking: bool,
    /// Rows of this line, and of the whole text, given so far.
    line_rows: usize,
    rows: usize,
    /// Offset in the line's sanitised text of the next piece.
    at: usize,
}

impl Wrapper {
    fn new(width: usize) -> Self {
        Wrapper {
            width,
            row: String::new(),
            row_start: 0,
            row_cols: 0,
            row_has_word: false,
            gap: String::new(),
            gap_cols: 0,
            word: String::new(),
            word_start: 0,
            word_cols: 0,
            breaking: false,
            line_rows: 0,
            rows: 0,
            at: 0,
        }
    }

    fn held(&self) -> (usize, String) {
        let mut start = self.at - self.word.len();
        let mut parts = vec![self.word.as_str()];
        if self.gap_cols <= self.width && start >= self.gap.len() {
            start -= self.gap.len();
            parts.push(&self.gap);
            if self.row_start + self.row.len() == start {
                start = self.row_start;
                parts.push(&self.row);
            }
        }
        (start, parts.into_iter().rev().collect())
    }

    fn feed(&mut self, piece: &str, sink: &mut dyn Sink) {
        if piece.is_ascii() {
            // Sanitised ASCII is printable: each byte a cluster one column wide, and the
            // space the only whitespace.
            let mut rest = piece;
            while !rest.is_empty() {
                match memchr(b' ', rest.as_bytes()) {
                    Some(0) => {
                        self.space(" ", 1, sink);
                        rest = &rest[1..];
                    }
                    Some(n) => {
                        self.ascii_word(&rest[..n], sink);
                        rest = &rest[n..];
                    }
                    None => {
                        self.ascii_word(rest, sink);
                        rest = "";
                    }
                }
            }
            return;
        }
        for g in piece.graphemes(true) {
            let cols = grapheme_width(g);
            if is_break_space(g) {
                self.space(g, cols, sink);
            } else {
                self.word_cluster(g, cols, sink);
            }
        }
    }

    fn space(&mut self, g: &str, cols: usize, sink: &mut dyn Sink) {
        if self.breaking {
            self.breaking = false;
        } else if !self.word.is_empty() {
            self.place_word(sink);
        }
        self.gap_cols += cols;
        // Wider than the pane, the gap can never be kept (see `place_word`, `start_breaking`).
        if self.gap_cols <= self.width {
            self.gap.push_str(g);
        }
        self.at += g.len();
    }

    fn word_cluster(&mut self, g: &str, cols: usize, sink: &mut dyn Sink) {
        let start = self.at;
        self.at += g.len();
        if self.breaking {
            self.break_cluster(g, cols, start, sink);
            return;
        }
        if self.word.is_empty() {
            self.word_start = start;
        }
        self.word.push_str(g);
        self.word_cols += cols;
        if self.word_cols > self.width {
            self.start_breaking(sink);
        }
    }

    /// Part of a word in ASCII: a column a byte.
    fn ascii_word(&mut self, run: &str, sink: &mut dyn Sink) {
        let start = self.at;
        self.at += run.len();
        if self.breaking {
            self.break_ascii(run, start, sink);
            return;
        }
        if self.word.is_empty() {
            self.word_start = start;
        }
        self.word.push_str(run);
        self.word_cols += run.len();
        if self.word_cols > self.width {
            self.start_breaking(sink);
        }
    }

    /// The word read, no wider than the pane, goes on the open row or starts the next.
    fn place_word(&mut self, sink: &mut dyn Sink) {
        let gap = std::mem::take(&mut self.gap_cols);
        let first_row = self.line_rows == 0;
        if self.row_has_word {
            if self.row_cols + gap + self.word_cols <= self.width {
                self.row.push_str(&self.gap);
                self.row.push_str(&self.word);
                self.row_cols += gap + self.word_cols;
                self.clear_word();
                return;
            }
            self.emit(sink);
        } else if first_row && gap + self.word_cols <= self.width {
            // First word of the line fits after the indentation: keep both.
            self.row.push_str(&self.gap);
            self.row.push_str(&self.word);
            self.row_start = 0;
            self.row_cols = gap + self.word_cols;
            self.row_has_word = true;
            self.clear_word();
            return;
        }
        // Whitespace before the word is dropped at the break (or as indentation that no
        // longer leaves room for the word).
        self.row.clear();
        self.row.push_str(&self.word);
        self.row_start = self.word_start;
        self.row_cols = self.word_cols;
        self.row_has_word = true;
        self.clear_word();
    }

    fn clear_word(&mut self) {
        self.gap.clear();
        self.word.clear();
        self.word_cols = 0;
    }

    /// The word read is wider than the pane: it starts a row of its own (after the
    /// indentation, on a line's first row, when that leaves room) and is cut between clusters.
    fn start_breaking(&mut self, sink: &mut dyn Sink) {
        let gap = std::mem::take(&mut self.gap_cols);
        let keeps_indentation = !self.row_has_word && self.line_rows == 0 && gap < self.width;
        if self.row_has_word {
            self.emit(sink);
        }
        self.row.clear();
        if keeps_indentation {
            self.row.push_str(&self.gap);
            self.row_start = 0;
            self.row_cols = gap;
        } else {
            self.row_start = self.word_start;
            self.row_cols = 0;
        }
        self.row_has_word = false;
        self.gap.clear();
        self.breaking = true;
        let word = std::mem::take(&mut self.word);
        let mut at = self.word_start;
        if word.is_ascii() {
            self.break_ascii(&word, at, sink);
        } else {
            for g in word.graphemes(true) {
                self.break_cluster(g, grapheme_width(g), at, sink);
                at += g.len();
            }
        }
        self.word = word;
        self.word.clear();
        self.word_cols = 0;
    }

    /// A cluster of a word wider than the pane, starting at `start`.
    fn break_cluster(&mut self, g: &str, cols: usize, start: usize, sink: &mut dyn Sink) {
        if self.row_cols + cols > self.width {
            if self.row_has_word {
                self.emit(sink);
            }
            // Also drops indentation that cannot fit this cluster beside it.
            self.row.clear();
            self.row_cols = 0;
        }
        if self.row.is_empty() {
            self.row_start = start;
        }
        self.row.push_str(g);
        self.row_cols += cols;
        self.row_has_word = true;
    }

    /// ASCII of a word wider than the pane: as `break_cluster`, a row's worth at a time.
    fn break_ascii(&mut self, mut run: &str, mut start: usize, sink: &mut dyn Sink) {
        while !run.is_empty() {
            if self.row_cols >= self.width {
                if self.row_has_word {
                    self.emit(sink);
                }
                self.row.clear();
                self.row_cols = 0;
            }
            if self.row.is_empty() {
                self.row_start = start;
            }
            let take = (self.width - self.row_cols).min(run.len());
            self.row.push_str(&run[..take]);
            self.row_cols += take;
            self.row_has_word = true;
            run = &run[take..];
            start += take;
        }
    }

    fn emit(&mut self, sink: &mut dyn Sink) {
        sink.row(&self.row, self.row_start);
        self.row.clear();
        self.row_cols = 0;
        self.row_has_word = false;
        self.line_rows += 1;
        self.rows += 1;
    }

    fn end_line(&mut self, sink: &mut dyn Sink) {
        if self.breaking {
            self.breaking = false;
        } else if !self.word.is_empty() {
            self.place_word(sink);
        }
        if self.row_has_word {
            self.emit(sink);
        }
        if self.line_rows == 0 {
            // Blank or whitespace-only line: a blank row (a paragraph break).
            self.row.clear();
            self.row_start = 0;
            self.emit(sink);
        }
        self.row.clear();
        self.row_start = 0;
        self.row_cols = 0;
        self.gap.clear();
        self.gap_cols = 0;
        self.clear_word();
        self.line_rows = 0;
        self.at = 0;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::super::sanitize::sanitize_line;
    use super::*;

    /// Rows with where they start in their line's sanitised text, and the line's number.
    #[derive(Default)]
    struct Rows {
        rows: Vec<(String, usize, usize)>,
        line: usize,
        shown: String,
        shown_lines: Vec<String>,
    }

    impl Sink for Rows {
        fn row(&mut self, row: &str, start: usize) {
            self.rows.push((row.to_string(), start, self.line));
        }
        fn shown(&mut self, text: &str) {
            self.shown.push_str(text);
        }
        fn line_end(&mut self) {
            self.line += 1;
            self.shown_lines.push(std::mem::take(&mut self.shown));
        }
    }

    /// All rows, and a checkpoint after every step (with the rows given before it).
    fn run(text: &str, width: usize, step: usize) -> (Rows, Vec<(Flow, usize, usize)>) {
        let mut flow = Flow::new(width);
        flow.step_bytes = step;
        let mut rows = Rows::default();
        let mut checkpoints = vec![(flow.clone(), 0, 0)];
        while flow.step(text, &mut rows) {
            checkpoints.push((flow.clone(), rows.rows.len(), rows.line));
        }
        (rows, checkpoints)
    }

    fn reference(text: &str, width: usize) -> Vec<String> {
        let mut rows = Vec::new();
        if width == 0 {
            return rows;
        }
        for raw in text.split('\n') {
            let line = sanitize_line(raw.strip_suffix('\r').unwrap_or(raw));
            LineWrapper::new(&line, width, &mut rows).run();
        }
        rows
    }

    /// The rows are the reference's, each where the offset says in its line's sanitised
    /// text, which the sink was shown whole; and resuming from any checkpoint gives the rest.
    fn check(text: &str, width: usize, step: usize) {
        let (all, checkpoints) = run(text, width, step);
        let rows: Vec<&str> = all.rows.iter().map(|(row, _, _)| row.as_str()).collect();
        assert_eq!(
            rows,
            reference(text, width),
            "{text:?} at {width}, step {step}"
        );
        if width > 0 {
            let lines: Vec<String> = text
                .split('\n')
                .map(|raw| sanitize_line(raw.strip_suffix('\r').unwrap_or(raw)).into_owned())
                .collect();
            assert_eq!(all.shown_lines, lines);
            for (row, start, line) in &all.rows {
                assert!(
                    lines[*line][*start..].starts_with(row.as_str()),
                    "{row:?} at {start}"
                );
            }
        }
        for (checkpoint, before, line) in checkpoints {
            let mut flow = checkpoint;
            let mut rest = Rows {
                line,
                ..Rows::default()
            };
            while flow.step(text, &mut rest) {}
            assert_eq!(rest.rows, all.rows[before..], "resumed at {}", flow.pos);
        }
    }

    #[test]
    fn resumes_inside_long_clusters_words_and_blank_runs() {
        let tower = format!("a{}", "\u{301}".repeat(100));
        let flags = "🇯🇵".repeat(30);
        let family = "👨\u{200d}👩\u{200d}👧".repeat(20);
        for text in [
            format!("{tower} {tower}{tower} b"),
            format!("x{flags} {flags}y"),
            format!("{family}\u{200d}\u{200d} z"),
            "word ".repeat(100),
            "  indented ".repeat(30),
            format!("{}x", "\n".repeat(50)),
            format!("\t{}\r\n\x1b[2J{}", "y".repeat(200), " ".repeat(90)),
            "日本語のテキスト".repeat(20),
        ] {
            for width in [1, 2, 7, 40] {
                for step in [1, 3, 16, 4096] {
                    check(&text, width, step);
                }
            }
        }
    }

    #[test]
    fn a_zero_width_has_no_rows() {
        let (rows, _) = run("some text", 0, 4);
        assert!(rows.rows.is_empty());
    }

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            3 => any::<char>(),
            4 => prop::sample::select(vec![' ', ' ', ' ', '\t', '\n', '\r', '\u{a0}', '\u{3000}', 'a', 'b']),
            1 => prop::char::range('\0', '\u{a0}'),
            2 => prop::char::range('\u{300}', '\u{36f}'),
            1 => prop::char::range('\u{1f1e6}', '\u{1f1ff}'),
            1 => prop::char::range('\u{1f3fb}', '\u{1f3ff}'),
            1 => prop::char::range('\u{1100}', '\u{11ff}'),
            1 => prop::char::range('\u{600}', '\u{605}'),
            1 => prop::char::range('\u{2000}', '\u{206f}'),
            1 => prop::sample::select(vec!['\u{200d}', '\u{fe0f}', '👩', '中', '\u{94d}', 'क', '\u{fffe}']),
        ]
    }

    proptest! {
        #[test]
        fn streamed_rows_are_the_whole_lines_rows(
            chars in prop::collection::vec(hostile_char(), 0..200),
            width in 0usize..30,
            step in 1usize..24,
        ) {
            check(&String::from_iter(chars), width, step);
        }
    }

    /// The wrapper as it was before it streamed: whole sanitised lines, rows as byte ranges.
    struct LineWrapper<'a, 'r> {
        line: &'a str,
        width: usize,
        rows: &'r mut Vec<String>,
        rows_before: usize,
        /// The open row is `line[row_start..row_end]`, `row_cols` wide.
        row_start: usize,
        row_end: usize,
        row_cols: usize,
        /// Whether the open row holds a word (else it is empty or only indentation).
        row_has_word: bool,
        /// Width of the whitespace run since the last word (indentation on the first row).
        gap_cols: usize,
    }

    impl<'a, 'r> LineWrapper<'a, 'r> {
        fn new(line: &'a str, width: usize, rows: &'r mut Vec<String>) -> Self {
            let rows_before = rows.len();
            LineWrapper {
                line,
                width,
                rows,
                rows_before,
                row_start: 0,
                row_end: 0,
                row_cols: 0,
                row_has_word: false,
                gap_cols: 0,
            }
        }

        fn run(mut self) {
            // (start, end, cols) of the word being read.
            let mut word: Option<(usize, usize, usize)> = None;
            for (i, g) in self.line.grapheme_indices(true) {
                if is_break_space(g) {
                    if let Some((start, end, cols)) = word.take() {
                        self.place_word(start, end, cols);
                    }
                    self.gap_cols += grapheme_width(g);
                } else {
                    let cols = grapheme_width(g);
                    let end = i + g.len();
                    word = Some(match word {
                        Some((start, _, before)) => (start, end, before + cols),
                        None => (i, end, cols),
                    });
                }
            }
            if let Some((start, end, cols)) = word {
                self.place_word(start, end, cols);
            }
            if self.row_has_word {
                self.emit();
            }
            if self.rows.len() == self.rows_before {
                // Blank or whitespace-only line: keep it as a blank row (paragraph break).
                self.rows.push(String::new());
            }
        }

        fn place_word(&mut self, start: usize, end: usize, cols: usize) {
            let gap = std::mem::take(&mut self.gap_cols);
            let first_row = self.rows.len() == self.rows_before;
            if self.row_has_word {
                if self.row_cols + gap + cols <= self.width {
                    self.row_end = end;
                    self.row_cols += gap + cols;
                    return;
                }
                self.emit();
            } else if first_row && gap + cols <= self.width {
                // First word of the line fits after the indentation: keep both.
                self.row_start = 0;
                self.row_end = end;
                self.row_cols = gap + cols;
                self.row_has_word = true;
                return;
            } else if first_row && cols > self.width && gap < self.width {
                // Overlong first word: start breaking it right after the indentation.
                self.break_word(0, gap, start, end);
                return;
            }
            // Whitespace before the word is dropped at the break (or as indentation that no
            // longer leaves room for the word).
            if cols <= self.width {
                self.row_start = start;
                self.row_end = end;
                self.row_cols = cols;
                self.row_has_word = true;
            } else {
                self.break_word(start, 0, start, end);
            }
        }

        /// Breaks `line[start..end]`, a word wider than the pane, between graphemes, filling rows
        /// first-fit. The row so far is `line[row_start..start]`: empty or `lead_cols` of indentation.
        fn break_word(&mut self, row_start: usize, lead_cols: usize, start: usize, end: usize) {
            self.row_start = row_start;
            self.row_end = start;
            self.row_cols = lead_cols;
            self.row_has_word = false;
            let word = self.line.get(start..end).unwrap_or("");
            for (i, g) in word.grapheme_indices(true) {
                let cols = grapheme_width(g);
                let g_start = start + i;
                if self.row_cols + cols > self.width {
                    if self.row_has_word {
                        self.emit();
                    }
                    // Also drops indentation that cannot fit this grapheme beside it.
                    self.row_start = g_start;
                    self.row_cols = 0;
                }
                self.row_end = g_start + g.len();
                self.row_cols += cols;
                self.row_has_word = true;
            }
        }

        fn emit(&mut self) {
            let row = self.line.get(self.row_start..self.row_end).unwrap_or("");
            self.rows.push(row.to_owned());
            self.row_has_word = false;
            self.row_cols = 0;
        }
    }
}
