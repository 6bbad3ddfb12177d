//! The reader's body as laid out for one subject and width: short lines (an author's line,
//! notes, blank rows) as they are drawn, and each text as checkpoints of its layout
//! (src/text/flow.rs) every few kilobytes. A text of any size costs a small part of its
//! bytes, and a frame lays out only the rows it shows, from the checkpoint before them,
//! with the text search's matches highlighted there.

use super::{Progress, highlighted};
use crate::search::text::TextQuery;
use crate::text::flow::{Flow, Sink};
use crate::text::fold::FoldBuffer;
use crate::thread::Thread;
use ratatui::style::Style;
use ratatui::text::Line;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

/// Input between two checkpoints of a text: laying out the rows on screen reads at most this
/// much besides them (and the text a match on screen may start in).
const CHECKPOINT_BYTES: usize = 16 << 10;
/// Shown text searched at a time while looking for the first match.
const SEARCH_CHUNK_BYTES: usize = 64 << 10;

/// Bytes of shown text a match of `query` spans at most, about: each byte of the folded
/// query comes from one cluster of at most 8 characters of 4 bytes.
fn match_span(query: &TextQuery) -> usize {
    32 * query.folded_len() + 32
}

/// A text of the thread.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    Article,
    Body(usize),
}

impl Source {
    fn text(self, thread: &Thread) -> &str {
        match self {
            Source::Article => thread.article(),
            Source::Body(id) => thread.body(id),
        }
    }
}

struct Text {
    source: Source,
    style: Style,
    rows: usize,
    /// The layout's state every [`CHECKPOINT_BYTES`] of input, the start first.
    checkpoints: Vec<Flow>,
}

enum Part {
    Line(Line<'static>),
    Text(Text),
}

pub struct Body {
    thread: Arc<Thread>,
    width: usize,
    query: Option<Arc<TextQuery>>,
    /// How a match is drawn.
    mark: Style,
    /// In order, each with its first row.
    parts: Vec<(usize, Part)>,
    rows: usize,
    /// The rows drawn last (from, count) as lines: a frame that scrolls nowhere lays out nothing.
    drawn: RefCell<Option<(usize, usize, Vec<Line<'static>>)>>,
    /// Bytes of text the last rows drawn were laid out from.
    #[cfg(test)]
    read: std::cell::Cell<usize>,
}

impl Body {
    pub fn new(
        thread: Arc<Thread>,
        width: usize,
        query: Option<Arc<TextQuery>>,
        mark: Style,
    ) -> Self {
        Body {
            thread,
            width,
            query,
            mark,
            parts: Vec::new(),
            rows: 0,
            drawn: RefCell::new(None),
            #[cfg(test)]
            read: std::cell::Cell::new(0),
        }
    }

    /// Rows in all.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    pub fn push(&mut self, line: Line<'static>) {
        self.parts.push((self.rows, Part::Line(line)));
        self.rows += 1;
    }

    /// Lays out a text: reads it once, counting its rows and keeping checkpoints, telling
    /// `progress` as it goes (and stopping early once nobody wants it). Returns the row
    /// holding the start of the text search's first match in it.
    pub fn push_text(
        &mut self,
        source: Source,
        style: Style,
        progress: &Progress,
    ) -> Option<usize> {
        let thread = Arc::clone(&self.thread);
        let text = source.text(&thread);
        let mut index = Index {
            query: self.query.as_deref(),
            buffer: FoldBuffer::default(),
            lines: 0,
            pending: String::new(),
            pending_start: 0,
            found: None,
        };
        let mut flow = Flow::new(self.width);
        let mut checkpoints = vec![flow.clone()];
        while flow.step(text, &mut index) {
            let last = checkpoints.last().map_or(0, Flow::pos);
            if flow.pos() - last >= CHECKPOINT_BYTES {
                checkpoints.push(flow.clone());
                if !progress.advance(flow.pos() - last) {
                    break;
                }
            }
        }
        let first_row = self.rows;
        let found = index
            .found
            .map(|(line, at)| first_row + row_at(text, &checkpoints, line, at));
        self.rows += flow.rows();
        self.parts.push((
            first_row,
            Part::Text(Text {
                source,
                style,
                rows: flow.rows(),
                checkpoints,
            }),
        ));
        found
    }

    /// `count` rows from row `from` (fewer at the end), laid out.
    pub fn lines(&self, from: usize, count: usize) -> Vec<Line<'static>> {
        if let Some((f, c, lines)) = &*self.drawn.borrow()
            && (*f, *c) == (from, count)
        {
            return lines.clone();
        }
        #[cfg(test)]
        self.read.set(0);
        let to = from.saturating_add(count).min(self.rows);
        let mut lines = Vec::new();
        let first = self
            .parts
            .partition_point(|(start, _)| *start <= from)
            .saturating_sub(1);
        for (start, part) in self.parts.iter().skip(first) {
            if *start >= to {
                break;
            }
            match part {
                Part::Line(line) if *start >= from => lines.push(line.clone()),
                Part::Line(_) => {}
                Part::Text(text) => {
                    let a = from.max(*start) - start;
                    let b = to.min(start + text.rows) - start;
                    if a < b {
                        lines.extend(self.text_rows(text, a, b));
                    }
                }
            }
        }
        *self.drawn.borrow_mut() = Some((from, count, lines.clone()));
        lines
    }

    /// Rows `from..to` of a text, laid out from the checkpoint before them.
    fn text_rows(&self, text: &Text, from: usize, to: usize) -> Vec<Line<'static>> {
        let query = self.query.as_deref();
        let span = query.map_or(0, match_span);
        let checkpoints = &text.checkpoints;
        let mut at = checkpoints
            .partition_point(|c| c.rows() <= from)
            .saturating_sub(1);
        // The first row starts in the text that checkpoint holds or after it, and a match on
        // it may start a span before: start early enough for that.
        let (line, held) = (checkpoints[at].line_start(), checkpoints[at].held().0);
        while at > 0
            && span > 0
            && checkpoints[at].line_start() == line
            && checkpoints[at].shown_at() + span > held
        {
            at -= 1;
        }
        let mut flow = checkpoints[at].clone();
        let mut window = Window {
            from,
            to,
            row: flow.rows(),
            style: text.style,
            mark: self.mark,
            query,
            span,
            lines: Vec::new(),
            waiting: Vec::new(),
            shown: String::new(),
            shown_start: flow.shown_at(),
        };
        let source = text.source.text(&self.thread);
        let mut next = at + 1;
        while !window.is_done() {
            #[cfg(test)]
            let before = flow.pos();
            let more = flow.step(source, &mut window);
            #[cfg(test)]
            self.read.set(self.read.get() + flow.pos() - before);
            if !more {
                break;
            }
            // At a checkpoint after which no row ends for a while (characters the sanitiser
            // drops, a huge cluster): go on from the last of that stretch.
            while checkpoints.get(next).is_some_and(|c| c.pos() < flow.pos()) {
                next += 1;
            }
            if checkpoints.get(next).is_some_and(|c| c.pos() == flow.pos()) {
                let same = checkpoints[next..].partition_point(|c| c.rows() == flow.rows());
                if same > 1 {
                    next += same - 1;
                    flow = checkpoints[next].clone();
                    window.jumped(flow.held());
                }
            }
        }
        window.flush();
        window.lines
    }
}

/// The row of a text holding byte `at` of line `line`'s shown text (or the row before, when
/// `at` is whitespace dropped at a break), laid out from the checkpoint before it.
fn row_at(text: &str, checkpoints: &[Flow], line: usize, at: usize) -> usize {
    struct Find {
        /// Line ends to go before the line.
        lines_before: usize,
        at: usize,
        row: usize,
        found: Option<usize>,
        done: bool,
    }
    impl Sink for Find {
        fn row(&mut self, _row: &str, start: usize) {
            if self.lines_before == 0 && !self.done {
                if start <= self.at || self.found.is_none() {
                    self.found = Some(self.row);
                } else {
                    self.done = true;
                }
            }
            self.row += 1;
        }
        fn line_end(&mut self) {
            match self.lines_before.checked_sub(1) {
                Some(before) => self.lines_before = before,
                None => self.done = true,
            }
        }
    }
    let before = checkpoints
        .partition_point(|c| c.lines() < line || (c.lines() == line && c.shown_at() <= at))
        .saturating_sub(1);
    let Some(checkpoint) = checkpoints.get(before) else {
        return 0;
    };
    let mut flow = checkpoint.clone();
    let mut find = Find {
        lines_before: line - flow.lines().min(line),
        at,
        row: flow.rows(),
        found: None,
        done: false,
    };
    while !find.done && flow.step(text, &mut find) {}
    find.found.unwrap_or(0)
}

/// Counts a text's lines and finds the query's first match, searching each line's shown text
/// a chunk at a time (each overlapping the last by a match's span).
struct Index<'q> {
    query: Option<&'q TextQuery>,
    buffer: FoldBuffer,
    lines: usize,
    /// The current line's shown text not yet searched, and where it starts in the line.
    pending: String,
    pending_start: usize,
    /// The line, and the byte of its shown text, where the first match starts.
    found: Option<(usize, usize)>,
}

impl Index<'_> {
    fn search(&mut self, query: &TextQuery, line_ends: bool) {
        if query.is_match(&self.pending, &mut self.buffer) {
            let at = query.find_all(&self.pending).first().map_or(0, |r| r.start);
            self.found = Some((self.lines, self.pending_start + at));
            self.pending = String::new();
        } else if !line_ends {
            let keep = match_span(query);
            let cut = self
                .pending
                .floor_char_boundary(self.pending.len().saturating_sub(keep));
            self.pending.drain(..cut);
            self.pending_start += cut;
        }
    }
}

impl Sink for Index<'_> {
    fn row(&mut self, _row: &str, _start: usize) {}

    fn shown(&mut self, text: &str) {
        let Some(query) = self.query.filter(|_| self.found.is_none()) else {
            return;
        };
        self.pending.push_str(text);
        if self.pending.len() >= SEARCH_CHUNK_BYTES.max(4 * match_span(query)) {
            self.search(query, false);
        }
    }

    fn line_end(&mut self) {
        if let Some(query) = self.query.filter(|_| self.found.is_none()) {
            self.search(query, true);
        }
        self.pending.clear();
        self.pending_start = 0;
        self.lines += 1;
    }
}

/// Collects rows `from..to` as lines, with the query's matches in them highlighted.
struct Window<'q> {
    from: usize,
    to: usize,
    /// The next row's number.
    row: usize,
    style: Style,
    mark: Style,
    query: Option<&'q TextQuery>,
    span: usize,
    lines: Vec<Line<'static>>,
    /// Rows of the current line that are wanted, with where they start in its shown text,
    /// waiting for its matches.
    waiting: Vec<(String, usize)>,
    /// The current line's shown text from `shown_start`.
    shown: String,
    shown_start: usize,
}

impl Window<'_> {
    /// All the rows are in, and the text after them that a match in them may end in.
    fn is_done(&self) -> bool {
        self.row >= self.to
            && self.waiting.last().is_none_or(|(row, start)| {
                self.shown_start + self.shown.len() >= start + row.len() + self.span
            })
    }

    fn flush(&mut self) {
        let Some(query) = self.query else {
            return;
        };
        if self.waiting.is_empty() {
            return;
        }
        let ranges: Vec<Range<usize>> = query
            .find_all(&self.shown)
            .into_iter()
            .map(|r| r.start + self.shown_start..r.end + self.shown_start)
            .collect();
        for (row, start) in self.waiting.drain(..) {
            let end = start + row.len();
            let first = ranges.partition_point(|r| r.end <= start);
            let last = ranges.partition_point(|r| r.start < end);
            self.lines.push(match ranges.get(first..last) {
                Some(inside) if !inside.is_empty() => {
                    highlighted(&row, start, inside, self.style, self.mark)
                }
                _ => Line::styled(row, self.style),
            });
        }
    }

    /// The layout skipped to a later checkpoint in the same line, where it holds `held` of
    /// the shown text, from `start`: the rest of the shown text skipped is only what the open
    /// row started with, so the two join up (unless the open row was empty before).
    fn jumped(&mut self, (start, held): (usize, String)) {
        if self.query.is_none() {
            return;
        }
        match start.checked_sub(self.shown_start) {
            Some(kept) if self.shown.is_char_boundary(kept) => self.shown.truncate(kept),
            _ => {
                self.flush();
                self.shown.clear();
                self.shown_start = start;
            }
        }
        self.shown.push_str(&held);
    }
}

impl Sink for Window<'_> {
    fn row(&mut self, row: &str, start: usize) {
        if (self.from..self.to).contains(&self.row) {
            match self.query {
                Some(_) => self.waiting.push((row.to_string(), start)),
                None => self.lines.push(Line::styled(row.to_string(), self.style)),
            }
        }
        self.row += 1;
    }

    fn shown(&mut self, text: &str) {
        if self.query.is_some() {
            self.shown.push_str(text);
        }
    }

    fn line_end(&mut self) {
        self.flush();
        self.shown.clear();
        self.shown_start = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::thread::{Format, parse_bytes};
    use ratatui::style::Color;
    use std::path::Path;

    fn json_string(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// A thread whose one comment is `body`.
    fn thread_with(body: &str) -> Arc<Thread> {
        let json = format!(
            r#"{{"title":"T","date":null,"article":"a","comments":[{{"author":"A","body":{},"missing":false,"children":[]}}]}}"#,
            json_string(body)
        );
        let loaded = parse_bytes(json.into_bytes(), Some(Format::Json), Path::new("t.json"));
        Arc::new(loaded.unwrap().into_main_thread())
    }

    const STYLE: Style = Style::new().fg(Color::Gray);
    const MARK: Style = Style::new().bg(Color::Yellow);

    /// Every row of `text` laid out in one go, each line's matches found in all of it; and
    /// the row holding the start of the first match.
    fn whole(
        text: &str,
        width: usize,
        query: Option<&TextQuery>,
    ) -> (Vec<Line<'static>>, Option<usize>) {
        struct All<'q> {
            query: Option<&'q TextQuery>,
            rows: Vec<(String, usize)>,
            shown: String,
            lines: Vec<Line<'static>>,
            first: Option<usize>,
        }
        impl Sink for All<'_> {
            fn row(&mut self, row: &str, start: usize) {
                self.rows.push((row.to_string(), start));
            }
            fn shown(&mut self, text: &str) {
                self.shown.push_str(text);
            }
            fn line_end(&mut self) {
                let ranges = self.query.map_or(Vec::new(), |q| q.find_all(&self.shown));
                if let Some(first) = ranges.first().filter(|_| self.first.is_none()) {
                    let in_line = self.rows.iter().filter(|(_, start)| *start <= first.start);
                    self.first = Some(self.lines.len() + in_line.count().max(1) - 1);
                }
                for (row, start) in self.rows.drain(..) {
                    let end = start + row.len();
                    let marked = ranges.iter().any(|r| r.start < end && r.end > start);
                    self.lines.push(match marked {
                        true => highlighted(&row, start, &ranges, STYLE, MARK),
                        false => Line::styled(row, STYLE),
                    });
                }
                self.shown.clear();
            }
        }
        let mut all = All {
            query,
            rows: Vec::new(),
            shown: String::new(),
            lines: Vec::new(),
            first: None,
        };
        let mut flow = Flow::new(width);
        while flow.step(text, &mut all) {}
        (all.lines, all.first)
    }

    /// The body of the comment laid out for `query`; checks that it has the whole layout's
    /// rows and first match, and that rows `from..from + count` are the whole layout's, for
    /// each `from`.
    fn check(
        text: &str,
        width: usize,
        query: &str,
        froms: impl Iterator<Item = usize>,
        count: usize,
    ) -> Body {
        let thread = thread_with(text);
        let query = TextQuery::new(query).map(Arc::new);
        let mut body = Body::new(Arc::clone(&thread), width, query.clone(), MARK);
        let first = body.push_text(Source::Body(0), STYLE, &Progress::default());
        let (all, all_first) = whole(thread.body(0), width, query.as_deref());
        assert_eq!(body.len(), all.len());
        assert_eq!(first, all_first);
        for from in froms {
            let to = (from + count).min(all.len());
            assert_eq!(
                body.lines(from, count),
                all[from.min(to)..to],
                "rows {from}..{to}"
            );
        }
        body
    }

    fn words(from: usize, count: usize) -> String {
        (from..from + count).map(|n| format!("word{n} ")).collect()
    }

    #[test]
    fn rows_on_screen_are_the_rows_of_the_whole_layout() {
        // Lines of words, a word longer than many checkpoints, blank lines, tabs, wide and
        // combining characters, controls.
        let mut text = String::new();
        for n in 0..40 {
            text.push_str(&words(n * 500, 500));
            text.push('\n');
            if n % 7 == 0 {
                text.push_str(&"y".repeat(70_000));
                text.push_str("\n\n\n\t日本語 e\u{301} \x1b[2J\u{9b} 🇯🇵\n");
            }
        }
        let rows = whole(&text, 37, None).0.len();
        let froms = (0..rows)
            .step_by(97)
            .chain(rows.saturating_sub(30)..rows + 2);
        let body = check(&text, 37, "", froms.clone(), 25);
        check(&text, 37, "word123", froms, 25);
        // A match can span rows and start before the checkpoint the rows are laid out from:
        // screens starting around each checkpoint.
        let Part::Text(laid) = &body.parts[0].1 else {
            panic!("a text")
        };
        let around = laid
            .checkpoints
            .iter()
            .flat_map(|c| c.rows().saturating_sub(1)..c.rows() + 2);
        check(&text, 37, "5 word", around, 3);
        check(&text, 1, "word7", (0..400).step_by(13), 40);
    }

    #[test]
    fn a_stretch_without_a_row_is_skipped_whole() {
        // 600 KB the sanitiser drops, then a cluster of 200 000 marks (8 chars kept): no row
        // ends inside either.
        let text = format!(
            "{}before{} after a{} end\n{}",
            words(0, 50),
            "\u{200b}".repeat(200_000),
            "\u{301}".repeat(200_000),
            words(50, 50)
        );
        let body = check(&text, 30, "after", 0..40, 5);
        body.lines(10, 30);
        assert!(
            body.read.get() < 3 * CHECKPOINT_BYTES,
            "{} bytes read",
            body.read.get()
        );
    }

    #[test]
    fn the_first_match_deep_in_a_long_line_is_found_in_its_row() {
        let long_query = "the needle in this haystack is rather long";
        let text = format!(
            "{}\n{}{long_query} {}",
            words(0, 10),
            words(0, 50_000),
            words(0, 10)
        );
        let body = check(&text, 50, long_query, std::iter::empty(), 0);
        assert!(body.len() > 5_000);
        // The same with the match straddling the ends of search chunks, wherever they fall.
        for pad in [1, 7, 1000, 30_000] {
            let text = format!("{}{long_query}", "z".repeat(pad) + " " + &words(0, 10_000));
            check(&text, 50, long_query, std::iter::empty(), 0);
        }
    }

    #[test]
    fn a_screen_reads_a_bounded_part_of_a_huge_line() {
        let text = words(0, 300_000);
        for query in ["", "word299990"] {
            let thread = thread_with(&text);
            let query = TextQuery::new(query).map(Arc::new);
            let mut body = Body::new(Arc::clone(&thread), 80, query, MARK);
            body.push_text(Source::Body(0), STYLE, &Progress::default());
            for from in [0, body.len() / 2, body.len() - 40] {
                let lines = body.lines(from, 40);
                assert_eq!(lines.len(), 40);
                let read = body.read.get();
                assert!(read < 3 * CHECKPOINT_BYTES, "{read} bytes read for 40 rows");
            }
            // What the text costs: a checkpoint every few kilobytes, no row kept.
            let Part::Text(laid) = &body.parts[0].1 else {
                panic!("a text")
            };
            assert!(laid.checkpoints.len() <= text.len() / CHECKPOINT_BYTES + 2);
        }
    }

    #[test]
    fn a_layout_nobody_wants_stops_at_the_next_checkpoint() {
        let thread = thread_with(&"word ".repeat(1 << 20));
        let mut body = Body::new(Arc::clone(&thread), 40, None, MARK);
        let progress = Progress::default();
        progress
            .stop
            .store(true, std::sync::atomic::Ordering::Relaxed);
        body.push_text(Source::Body(0), STYLE, &progress);
        let read = progress.read.load(std::sync::atomic::Ordering::Relaxed);
        assert!(read <= 2 * CHECKPOINT_BYTES, "read {read} bytes");
    }
}
