//! The reader pane: the selected row in full, the chain it answers (context) or every
//! comment of an exchange, as one text. A header (who, where, when) stays at the top while
//! the body scrolls. Texts are laid out once per subject and width (`App::prepare`) into
//! checkpoints (see `body`), and only the rows inside the pane are drawn, with the text
//! search's matches highlighted. A subject too large to lay out between two frames is laid
//! out on a second thread while a stand-in shows how far it has got.

mod body;

use super::outline::{MISSING, NO_TEXT, UNKNOWN_AUTHOR};
use super::theme::{AuthorColours, Theme};
use super::{readable_time, scrollbar, thousands};
use crate::app::App;
use crate::document::Focus;
use crate::outline::Row;
use crate::search::text::TextQuery;
use crate::text::flow::{Flow, Sink};
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width};
use crate::thread::{Status, Thread};
use body::{Body, Source};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Widget};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

/// How many laid-out texts stay cached: going back and forth between neighbours is free.
const CACHE_ENTRIES: usize = 8;
/// Comments of a context or exchange laid out at once: a window of the whole, so a chain
/// or an exchange of thousands costs no more than this.
pub const SECTION_WINDOW: usize = 100;
/// Rows of an article's title in its header at most: more than half of any pane, which is
/// all the header shows.
const TITLE_ROWS: usize = 200;
/// Text a subject may hold and still be laid out between two frames (the layout reads about
/// 160 MB/s, so this is some 25 ms); a larger one is laid out on a second thread, its
/// progress shown, while keys are answered.
pub const IN_FRAME_BYTES: usize = 4 << 20;

/// What the reader shows, independent of the width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Row(Row),
    /// The chain from the top-level comment down to this one.
    Context(usize),
    /// The exchange between two people (the search's matches), from the `block`-th window of
    /// `SECTION_WINDOW` matches; `count` is how many matches there were.
    Exchange {
        block: usize,
        count: usize,
    },
}

/// A subject laid out at a width.
pub struct Laid {
    /// Stays at the top of the pane.
    pub header: Vec<Line<'static>>,
    /// Scrolls under the header.
    pub body: Body,
    /// Where each comment starts in `body` (context and exchange), in order.
    pub sections: Vec<(usize, usize)>,
    /// The body line of the first text-search match.
    pub first_match: Option<usize>,
    /// A stand-in shown while a second thread lays the subject out.
    pub pending: bool,
}

impl Laid {
    /// The body line where comment `id`'s section starts.
    pub fn section_of(&self, id: usize) -> Option<usize> {
        self.sections
            .iter()
            .find(|&&(node, _)| node == id)
            .map(|&(_, line)| line)
    }
}

/// Everything a layout depends on.
#[derive(Clone, PartialEq)]
struct Key {
    subject: Subject,
    width: usize,
    query: Option<String>,
    theme: Theme,
}

#[derive(Default)]
pub struct ReaderCache {
    /// Most recently used last.
    entries: Vec<(Key, Rc<Laid>)>,
    /// A subject too large to lay out between two frames, being laid out on a second thread.
    job: Option<Job>,
    /// A subject whose second thread stopped without a layout: laid out here instead.
    failed: Option<Key>,
}

/// A layout on a second thread. Dropping it (another subject or width is wanted) tells the
/// thread to stop.
struct Job {
    key: Key,
    progress: Arc<Progress>,
    receive: Receiver<Laid>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.progress.stop.store(true, Ordering::Relaxed);
    }
}

/// How far a layout has read, and whether it is still wanted.
#[derive(Default)]
pub struct Progress {
    read: AtomicUsize,
    stop: AtomicBool,
}

impl Progress {
    /// Records that `bytes` more were read; false once nobody wants the layout any more.
    fn advance(&self, bytes: usize) -> bool {
        self.read.fetch_add(bytes, Ordering::Relaxed);
        !self.stop.load(Ordering::Relaxed)
    }
}

/// What the layout of a subject reads besides the thread.
#[derive(Clone)]
pub struct LayoutInput {
    pub theme: Theme,
    pub query: Option<Arc<TextQuery>>,
    /// The comments of an exchange window, in order, and the two people's names.
    pub exchange: Option<ExchangeInput>,
}

#[derive(Clone)]
pub struct ExchangeInput {
    pub names: (String, String),
    /// Each comment, and whether the first of the two wrote it (it answers the second).
    pub comments: Vec<(usize, bool)>,
    /// Matches before the window and after it.
    pub before: usize,
    pub after: usize,
}

impl ReaderCache {
    /// `subject` laid out at `width`, laying it out only on a miss. A subject of more than
    /// [`IN_FRAME_BYTES`] is laid out on a second thread: until it is done (`poll`), this
    /// returns a stand-in (`pending`) with the header and how far the layout has got.
    pub fn laid(
        &mut self,
        thread: &Arc<Thread>,
        subject: &Subject,
        width: usize,
        input: LayoutInput,
    ) -> Rc<Laid> {
        let key = Key {
            subject: subject.clone(),
            width,
            query: input.query.as_ref().map(|q| q.as_str().to_string()),
            theme: input.theme,
        };
        if let Some(at) = self.entries.iter().position(|(k, _)| *k == key) {
            let entry = self.entries.remove(at);
            let laid = Rc::clone(&entry.1);
            self.entries.push(entry);
            return laid;
        }
        if self.job.as_ref().is_some_and(|job| job.key != key) {
            self.job = None;
        }
        let total = subject_bytes(thread, subject, &input);
        if total > IN_FRAME_BYTES && self.failed.as_ref() != Some(&key) {
            if self.job.is_none() {
                self.job = start(thread, key.clone(), input.clone());
            }
            if let Some(job) = &self.job {
                let read = job.progress.read.load(Ordering::Relaxed);
                return Rc::new(stand_in(thread, subject, width, input.theme, read, total));
            }
            // No second thread to be had: the layout is done here, as for a small subject.
        }
        let laid = Rc::new(lay_out(
            thread,
            subject,
            width,
            &input,
            &Progress::default(),
        ));
        self.insert(key, Rc::clone(&laid));
        laid
    }

    fn insert(&mut self, key: Key, laid: Rc<Laid>) {
        if self.entries.len() == CACHE_ENTRIES {
            self.entries.remove(0);
        }
        self.entries.push((key, laid));
    }

    /// Takes a layout the second thread finished. Returns whether the screen changes: when
    /// it arrives, or while one is under way (its progress is shown).
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        match job.receive.try_recv() {
            Ok(laid) => {
                let job = self.job.take().expect("a job was polled");
                self.insert(job.key.clone(), Rc::new(laid));
                true
            }
            Err(TryRecvError::Empty) => true,
            // The thread could not finish (it cannot, short of a panic): the next frame lays
            // the subject out here rather than start another.
            Err(TryRecvError::Disconnected) => {
                self.failed = self.job.take().map(|job| job.key.clone());
                true
            }
        }
    }

    /// Whether a layout is under way on a second thread.
    pub fn is_working(&self) -> bool {
        self.job.is_some()
    }
}

/// The block around the reader's text: a border and a column of padding each side.
fn block(theme: Theme, focused: bool, title: &'static str) -> Block<'static> {
    Block::bordered()
        .border_type(theme.border_type(focused))
        .border_style(theme.border(focused))
        .padding(Padding::horizontal(1))
        .title(title)
}

/// The columns the reader's text is wrapped to in `area`.
pub fn text_width(area: Rect) -> usize {
    block(Theme::default(), false, "").inner(area).width as usize
}

/// The rows inside the reader's border.
pub fn inner_height(area: Rect) -> usize {
    area.height.saturating_sub(2) as usize
}

/// How many header lines stay on screen in a pane of `height` rows: all of them while they
/// leave the body half the pane.
pub fn header_rows(header: usize, height: usize) -> usize {
    header.min((height / 2).max(1))
}

fn title(subject: &Subject) -> &'static str {
    match subject {
        Subject::Row(Row::Article) => " Article ",
        Subject::Row(Row::Comment(_)) => " Comment ",
        Subject::Context(_) => " Context ",
        Subject::Exchange { .. } => " Exchange ",
    }
}

/// What the reader drew: body lines, and how many rows the body has on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    pub body_lines: usize,
    pub body_rows: usize,
}

/// Draws the reader's text as `App::prepare` laid it out.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Drawn {
    if area.is_empty() {
        return Drawn::default();
    }
    let theme = app.theme;
    let focused = app.doc.focus == Focus::Reader;
    let subject = app
        .doc
        .reader_subject
        .clone()
        .unwrap_or(Subject::Row(app.doc.outline.selected));
    let block = block(theme, focused, title(&subject));
    let inner = block.inner(area);
    block.render(area, buf);
    let Some(laid) = app.doc.reader_text.as_ref() else {
        return Drawn::default();
    };
    if inner.width == 0 || inner.height == 0 {
        return Drawn::default();
    }
    let height = inner.height as usize;
    let header = header_rows(laid.header.len(), height);
    for (row, line) in laid.header.iter().take(header).enumerate() {
        line.clone().render(
            Rect::new(inner.x, inner.y + row as u16, inner.width, 1),
            buf,
        );
    }
    let rows = height - header;
    let body_top = inner.y + header as u16;
    let scroll = app
        .doc
        .reader_scroll
        .min(laid.body.len().saturating_sub(rows));
    for (row, line) in laid.body.lines(scroll, rows).into_iter().enumerate() {
        line.render(
            Rect::new(inner.x, body_top + row as u16, inner.width, 1),
            buf,
        );
    }
    // The scrollbar runs beside the body only.
    let bar = Rect::new(
        area.x,
        body_top - 1,
        area.width,
        area.bottom() - (body_top - 1),
    );
    scrollbar::draw(bar, buf, laid.body.len(), scroll, scroll + rows);
    Drawn {
        body_lines: laid.body.len(),
        body_rows: rows,
    }
}

/// Starts laying `key`'s subject out on a second thread.
fn start(thread: &Arc<Thread>, key: Key, input: LayoutInput) -> Option<Job> {
    let progress = Arc::new(Progress::default());
    let (send, receive) = mpsc::channel();
    let (thread, subject, width) = (Arc::clone(thread), key.subject.clone(), key.width);
    let shared = Arc::clone(&progress);
    std::thread::Builder::new()
        .name("layout".into())
        .spawn(move || {
            let laid = lay_out(&thread, &subject, width, &input, &shared);
            if !shared.stop.load(Ordering::Relaxed) {
                // The reader may have quit meanwhile: nobody to tell.
                let _ = send.send(laid);
            }
        })
        .ok()?;
    Some(Job {
        key,
        progress,
        receive,
    })
}

/// Bytes of text `subject` lays out.
fn subject_bytes(thread: &Thread, subject: &Subject, input: &LayoutInput) -> usize {
    match *subject {
        Subject::Row(Row::Article) => thread.article().len(),
        Subject::Row(Row::Comment(id)) => thread.body(id).len(),
        Subject::Context(id) => std::iter::once(id)
            .chain(thread.ancestors(id).take(SECTION_WINDOW - 1))
            .map(|node| thread.body(node).len())
            .sum(),
        Subject::Exchange { .. } => input.exchange.as_ref().map_or(0, |exchange| {
            exchange
                .comments
                .iter()
                .map(|&(node, _)| thread.body(node).len())
                .sum()
        }),
    }
}

/// What the reader shows while a second thread lays `subject` out: its header, where it
/// has one of its own, and how far the layout has got.
fn stand_in(
    thread: &Arc<Thread>,
    subject: &Subject,
    width: usize,
    theme: Theme,
    read: usize,
    total: usize,
) -> Laid {
    let header = match *subject {
        Subject::Row(Row::Article) => article_header(theme, thread, width),
        Subject::Row(Row::Comment(id)) => {
            let mut colours = theme.author_colours(thread);
            comment_header(theme, thread, &mut colours, id, width)
        }
        _ => Vec::new(),
    };
    let mut body = Body::new(Arc::clone(thread), width, None, theme.search_match());
    let percent = read.min(total) * 100 / total.max(1);
    let line = format!(
        "Laying out {} of text… {percent}% (keys work meanwhile)",
        megabytes(total)
    );
    body.push(Line::styled(snippet(&line, width), theme.dim()));
    Laid {
        header,
        body,
        sections: Vec::new(),
        first_match: None,
        pending: true,
    }
}

/// `bytes` for people: "412 MB".
fn megabytes(bytes: usize) -> String {
    format!("{} MB", thousands(bytes.div_ceil(1_000_000)))
}

fn lay_out(
    thread: &Arc<Thread>,
    subject: &Subject,
    width: usize,
    input: &LayoutInput,
    progress: &Progress,
) -> Laid {
    let mut laid = Laid {
        header: Vec::new(),
        body: Body::new(
            Arc::clone(thread),
            width,
            input.query.clone(),
            input.theme.search_match(),
        ),
        sections: Vec::new(),
        first_match: None,
        pending: false,
    };
    if width == 0 {
        return laid;
    }
    let theme = input.theme;
    let mut colours = theme.author_colours(thread);
    match *subject {
        Subject::Row(Row::Article) => {
            laid.header = article_header(theme, thread, width);
            let mut body = Writer::new(&mut laid, theme, width, progress);
            body.text(thread.article(), Source::Article, theme.snippet());
        }
        Subject::Row(Row::Comment(id)) => {
            laid.header = comment_header(theme, thread, &mut colours, id, width);
            let mut body = Writer::new(&mut laid, theme, width, progress);
            if !thread.is_missing(id) {
                body.text(thread.body(id), Source::Body(id), theme.snippet());
            }
        }
        Subject::Context(id) => {
            let mut chain: Vec<usize> = thread.ancestors(id).collect();
            let above = chain.len().saturating_sub(SECTION_WINDOW - 1);
            chain.truncate(SECTION_WINDOW - 1);
            chain.reverse();
            chain.push(id);
            let mut facts = vec![plural(chain.len() + above, "comment", "comments")];
            if let Some(&top) = chain.first() {
                facts.push(format!(
                    "level {} to {}",
                    thread.depth(top),
                    thread.depth(id)
                ));
            }
            laid.header = view_header(
                theme,
                vec![Span::styled(
                    "The chain down to this comment",
                    theme.title(),
                )],
                &facts,
                width,
            );
            let mut body = Writer::new(&mut laid, theme, width, progress);
            if above > 0 {
                body.note(&format!("… {} above", plural(above, "comment", "comments")));
            }
            for &node in &chain {
                body.section(thread, &mut colours, node, None);
            }
        }
        Subject::Exchange { .. } => {
            let Some(exchange) = &input.exchange else {
                return laid;
            };
            let (a, b) = (exchange.names.0.as_str(), exchange.names.1.as_str());
            let total = exchange.before + exchange.comments.len() + exchange.after;
            laid.header = view_header(
                theme,
                vec![
                    Span::styled(snippet(a, width / 2), theme.title()),
                    Span::styled(" ⇄ ", theme.dim()),
                    Span::styled(snippet(b, width / 2), theme.title()),
                ],
                &[format!(
                    "{} in which one answers the other{}",
                    plural(total, "comment", "comments"),
                    input.query.as_ref().map_or(String::new(), |q| format!(
                        ", holding “{}”",
                        snippet(q.as_str(), 24)
                    ))
                )],
                width,
            );
            let mut body = Writer::new(&mut laid, theme, width, progress);
            if exchange.before > 0 {
                body.note(&format!(
                    "… {} earlier (N goes back)",
                    plural(exchange.before, "comment", "comments")
                ));
            }
            for &(node, by_first) in &exchange.comments {
                let to = if by_first { b } else { a };
                body.section(thread, &mut colours, node, Some(to));
            }
            if exchange.after > 0 {
                body.note(&format!(
                    "… {} more (n goes on)",
                    plural(exchange.after, "comment", "comments")
                ));
            }
        }
    }
    laid
}

/// Lays out the body: texts, comments under their authors.
struct Writer<'a> {
    laid: &'a mut Laid,
    theme: Theme,
    width: usize,
    progress: &'a Progress,
}

impl<'a> Writer<'a> {
    fn new(laid: &'a mut Laid, theme: Theme, width: usize, progress: &'a Progress) -> Self {
        Writer {
            laid,
            theme,
            width,
            progress,
        }
    }

    fn note(&mut self, text: &str) {
        self.laid
            .body
            .push(Line::styled(snippet(text, self.width), self.theme.dim()));
        self.laid.body.push(Line::default());
    }

    /// A text, wrapped; a blank one says so.
    fn text(&mut self, text: &str, source: Source, style: Style) {
        if text.trim().is_empty() {
            self.laid.body.push(Line::styled(NO_TEXT, self.theme.dim()));
            return;
        }
        let found = self.laid.body.push_text(source, style, self.progress);
        if self.laid.first_match.is_none() {
            self.laid.first_match = found;
        }
    }

    /// One comment under its author, with where and when; in an exchange, whom it answers.
    fn section(
        &mut self,
        thread: &Thread,
        colours: &mut AuthorColours,
        id: usize,
        answers: Option<&str>,
    ) {
        let theme = self.theme;
        self.laid.sections.push((id, self.laid.body.len()));
        let mut spans = vec![author_span(theme, thread, colours, id, self.width)];
        let mut facts = Vec::new();
        if !thread.is_missing(id) {
            facts.push(format!("#{}", thousands(thread.ordinal(id))));
        }
        if let Some(time) = thread.time(id) {
            facts.push(readable_time(time));
        }
        let mut line = String::new();
        for fact in facts {
            line.push_str(" · ");
            line.push_str(&fact);
        }
        spans.push(Span::styled(line, theme.dim()));
        if let Some(name) = answers {
            spans.push(Span::styled(" ↳ to ", theme.dim()));
            spans.push(Span::styled(snippet(name, 24), theme.author(None)));
        }
        self.laid.body.push(Line::from(spans));
        if thread.is_missing(id) {
            self.laid
                .body
                .push(Line::styled("not in this file", theme.dim()));
        } else {
            self.text(thread.body(id), Source::Body(id), theme.snippet());
        }
        self.laid.body.push(Line::default());
    }
}

/// A row of text with the parts inside `ranges` (offsets into the text the row was cut
/// from, the row starting at `start`) in the match style.
pub(crate) fn highlighted(
    row: &str,
    start: usize,
    ranges: &[std::ops::Range<usize>],
    style: Style,
    mark: Style,
) -> Line<'static> {
    let end = start + row.len();
    let mut spans = Vec::new();
    let mut at = 0;
    for range in ranges.iter().filter(|r| r.start < end && r.end > start) {
        let from = range.start.max(start) - start;
        let to = range.end.min(end) - start;
        let (Some(plain), Some(marked)) = (row.get(at..from), row.get(from..to)) else {
            continue;
        };
        if !plain.is_empty() {
            spans.push(Span::styled(plain.to_string(), style));
        }
        spans.push(Span::styled(marked.to_string(), mark));
        at = to;
    }
    if let Some(rest) = row.get(at..).filter(|rest| !rest.is_empty()) {
        spans.push(Span::styled(rest.to_string(), style));
    }
    Line::from(spans)
}

fn rule(theme: Theme, width: usize) -> Line<'static> {
    Line::styled("─".repeat(width), theme.dim())
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    match count {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{} {many}", thousands(count)),
    }
}

/// Facts joined by " · ", wrapped between facts (a fact wider than the pane is cut).
fn facts_lines(theme: Theme, facts: &[String], width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<String> = Vec::new();
    for fact in facts {
        match lines.last_mut() {
            Some(line) if display_width(line) + 3 + display_width(fact) <= width => {
                line.push_str(" · ");
                line.push_str(fact);
            }
            _ => lines.push(truncate_to_width(fact, width).into_owned()),
        }
    }
    lines
        .into_iter()
        .map(|line| Line::styled(line, theme.dim()))
        .collect()
}

fn view_header(
    theme: Theme,
    title: Vec<Span<'static>>,
    facts: &[String],
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(title)];
    lines.extend(facts_lines(theme, facts, width));
    lines.push(rule(theme, width));
    lines
}

fn score(score: i64) -> String {
    match score {
        1 | -1 => format!("{score} point"),
        _ => format!("{score} points"),
    }
}

/// The title wrapped, up to [`TITLE_ROWS`] rows: a title can be a whole file's worth.
fn title_lines(title: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    struct Rows(Vec<Line<'static>>, Style);
    impl Sink for Rows {
        fn row(&mut self, row: &str, _start: usize) {
            if self.0.len() < TITLE_ROWS {
                self.0.push(Line::styled(row.to_string(), self.1));
            }
        }
    }
    let mut rows = Rows(Vec::new(), style);
    let mut flow = Flow::new(width);
    while rows.0.len() < TITLE_ROWS && flow.step(title, &mut rows) {}
    rows.0
}

fn article_header(theme: Theme, thread: &Thread, width: usize) -> Vec<Line<'static>> {
    let title = if thread.title().is_empty() {
        "(untitled)"
    } else {
        thread.title()
    };
    let mut lines = title_lines(title, width, theme.title());
    let mut facts = Vec::new();
    if let Some(author) = thread.article_author() {
        facts.push(format!("by {}", snippet(author, 40)));
    }
    if let Some(date) = thread.date() {
        facts.push(snippet(date, 40));
    }
    if let Some(time) = thread.article_time() {
        facts.push(readable_time(time));
    }
    if let Some(points) = thread.article_score() {
        facts.push(score(points));
    }
    facts.push(plural(thread.comment_count(), "comment", "comments"));
    facts.push(plural(thread.top_level_count(), "thread", "threads"));
    if thread.more_top_level() > 0 {
        facts.push(format!(
            "{} more not in this file",
            thousands(thread.more_top_level() as usize)
        ));
    }
    lines.extend(facts_lines(theme, &facts, width));
    lines.push(rule(theme, width));
    lines
}

/// An author's name as drawn: placeholder, unknown, or the name in its colour.
fn author_span(
    theme: Theme,
    thread: &Thread,
    colours: &mut AuthorColours,
    id: usize,
    max_cols: usize,
) -> Span<'static> {
    if thread.is_missing(id) {
        return Span::styled(MISSING, theme.dim());
    }
    match thread.author(id) {
        Some(author) => Span::styled(snippet(author, max_cols), theme.author(colours.of(id))),
        None => Span::styled(UNKNOWN_AUTHOR, theme.unknown_author()),
    }
}

fn comment_header(
    theme: Theme,
    thread: &Thread,
    colours: &mut AuthorColours,
    id: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(author_span(theme, thread, colours, id, width))];

    let mut facts = Vec::new();
    if thread.is_missing(id) {
        facts.push("not in this file".to_string());
    } else {
        facts.push(format!(
            "#{} of {}",
            thousands(thread.ordinal(id)),
            thousands(thread.comment_count())
        ));
    }
    facts.push(format!("level {}", thread.depth(id)));
    if let Some(time) = thread.time(id) {
        facts.push(readable_time(time));
    }
    if let Some(points) = thread.score(id) {
        facts.push(score(points));
    }
    if thread.status(id) != Status::Approved {
        facts.push(thread.status(id).name().to_string());
    }
    let replies = thread.children(Some(id)).count();
    facts.push(plural(replies, "reply", "replies"));
    let below = thread.hidden_by_fold(id);
    if below > replies {
        facts.push(format!("{} in its sub-thread", thousands(below)));
    }
    let more = thread.more_replies(id) as usize;
    if more > 0 {
        let replies = if more == 1 { "reply" } else { "replies" };
        facts.push(format!(
            "{} more {replies} not in this file",
            thousands(more)
        ));
    }
    lines.extend(facts_lines(theme, &facts, width));

    if thread.parent(id).is_some() {
        lines.push(reply_chain(theme, thread, colours, id, width));
    }
    lines.push(rule(theme, width));
    lines
}

/// "↳ to Fog of War ← Ashur-ban-them-all ← …": the authors up the chain, nearest first,
/// walking only as far up as the line has room for.
fn reply_chain(
    theme: Theme,
    thread: &Thread,
    colours: &mut AuthorColours,
    id: usize,
    width: usize,
) -> Line<'static> {
    let mut spans = vec![Span::styled("↳ to ", theme.dim())];
    let mut used = 5;
    for (index, ancestor) in thread.ancestors(id).enumerate() {
        let name = author_span(theme, thread, colours, ancestor, 24);
        let separator = if index == 0 { "" } else { " ← " };
        let needed = display_width(separator) + display_width(&name.content);
        if used + needed > width {
            if used + 4 <= width {
                spans.push(Span::styled(" ← …", theme.dim()));
            }
            break;
        }
        used += needed;
        spans.push(Span::styled(separator, theme.dim()));
        spans.push(name);
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::wrap::wrap_text;

    #[test]
    fn a_title_is_laid_out_only_as_far_as_a_header_shows() {
        let title = "a long title ".repeat(100_000);
        let lines = title_lines(&title, 30, Style::new());
        assert_eq!(lines.len(), TITLE_ROWS);
        let rows = wrap_text(&title, 30);
        for (line, row) in lines.iter().zip(&rows) {
            assert_eq!(line.to_string(), *row);
        }
        assert_eq!(title_lines("short", 30, Style::new()).len(), 1);
    }
}
