//! The reader's state and how keys, mouse and actions change it. Drawing lives in ui/;
//! this module never touches the terminal, so tests drive it directly.

use crate::action::Action;
pub use crate::document::{Document, Focus, Prompt};
use crate::keymap;
use crate::outline::Row;
use crate::search::MAX_QUERY_CHARS;
use crate::thread::Thread;
use crate::ui;
use crate::ui::theme::Theme;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a commenter search; `origin` is where the selection was when it opened.
    Prompt {
        origin: Row,
    },
    Help {
        scroll: u16,
    },
}

/// Where things were drawn last frame: paging sizes and mouse hit-testing use it.
#[derive(Clone, Debug, Default)]
pub struct ScreenLayout {
    pub outline: Rect,
    pub reader: Rect,
    pub outline_rows: Vec<Row>,
    /// The column of each outline row's fold marker.
    pub marker_columns: Vec<u16>,
    pub reader_lines: usize,
    /// The outline and the reader take turns on the screen (a narrow terminal).
    pub single_pane: bool,
    /// How far the help overlay can scroll, and its page.
    pub help_max_scroll: u16,
    pub help_page: u16,
}

/// Lines the wheel moves.
const WHEEL_STEP: isize = 3;

const INDEXING_NOTICE: &str = "Still indexing the commenters: the search follows in a moment";

/// Keys that change the prompt's text or cursor: a burst of them is searched for once.
fn is_text_edit(key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if ctrl => matches!(c, 'u' | 'k' | 'w' | 'a' | 'e'),
        KeyCode::Char(_) => true,
        code => matches!(
            code,
            KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Home
                | KeyCode::End
        ),
    }
}

pub struct App {
    /// The thread on screen (or the last one opened, while the library list shows).
    pub doc: Document,
    pub mode: Mode,
    pub theme: Theme,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    pub layout: ScreenLayout,
    pub should_quit: bool,
    pub suspend_requested: bool,
    /// The terminal loop repaints every cell on the next frame (Ctrl-l).
    pub redraw_requested: bool,
}

impl App {
    pub fn new(thread: Thread, file_name: String) -> Self {
        let notice =
            (thread.is_empty() && thread.title().is_empty() && thread.article().is_empty())
                .then(|| "This file holds no text: an empty thread".to_string());
        App {
            doc: Document::new(thread, file_name),
            mode: Mode::Normal,
            theme: Theme::default(),
            notice,
            layout: ScreenLayout::default(),
            should_quit: false,
            suspend_requested: false,
            redraw_requested: false,
        }
    }

    /// Settles what the next frame of size `area` shows: the outline scrolled to keep the
    /// selection in view, the reader's row, scroll and wrapped text. Drawing then only reads.
    pub fn prepare(&mut self, area: Rect) {
        let Some(panes) = ui::panes(area, self.doc.focus) else {
            return;
        };
        let doc = &mut self.doc;
        let height = ui::outline::inner_height(panes.outline);
        if height > 0 {
            doc.outline.scroll_to_selection(&doc.thread, height);
        }
        if doc.reader_row != doc.outline.selected {
            doc.reader_row = doc.outline.selected;
            doc.reader_scroll = 0;
        }
        let width = ui::reader::text_width(panes.reader);
        doc.reader_text =
            (width > 0).then(|| doc.reader_cache.wrapped(&doc.thread, doc.reader_row, width));
    }

    /// Opens with a commenter search (`--author`); an empty name is no search. The search
    /// runs at the next `settle`, which the reader's loop calls once the author index is
    /// being built off the UI thread, so a huge thread opens without waiting for it.
    pub fn with_author_search(mut self, name: &str) -> Self {
        if name.trim().is_empty() {
            return self;
        }
        let name: String = name.chars().take(MAX_QUERY_CHARS).collect();
        self.doc.search.set_query(&name);
        self.doc.pending_jump = Some(Row::Article);
        self
    }

    /// Builds the author index on a second thread from now on (the reader does this before
    /// its first frame); otherwise it is built on first use, on the calling thread.
    pub fn index_in_background(&mut self) {
        self.doc
            .search
            .index_in_background(Arc::clone(&self.doc.thread));
    }

    /// Builds the author index now, on this thread (benchmarks).
    pub fn prepare_search(&mut self) {
        self.doc.search.build_index(&self.doc.thread);
    }

    /// Finishes deferred work: takes the author index when it is ready and computes the
    /// matches of a changed query, then follows them. Returns whether the screen changed.
    pub fn settle(&mut self) -> bool {
        let mut changed = self.doc.search.poll_index();
        if self.doc.search.needs_refresh() {
            if !self.doc.search.is_indexing() {
                self.doc.search.build_index(&self.doc.thread);
            }
            if self.doc.search.refresh(&self.doc.thread) {
                changed = true;
                self.follow_known_matches();
            }
        }
        changed
    }

    fn follow_known_matches(&mut self) {
        if let Mode::Prompt { origin } = self.mode {
            self.follow_search(origin);
            return;
        }
        if let Some(origin) = self.doc.pending_jump.take() {
            self.follow_search(origin);
            if self.doc.search.match_count() == 0 {
                self.notice = Some(self.no_match_notice());
            }
        }
        if std::mem::take(&mut self.doc.pending_filter) && self.doc.search.match_count() > 0 {
            let shown = self.doc.search.filter_set(&self.doc.thread);
            self.doc.outline.set_filter(&self.doc.thread, shown);
        }
    }

    fn no_match_notice(&self) -> String {
        format!("No commenter matches “{}”", self.doc.search.query())
    }

    fn selected_comment(&self) -> Option<usize> {
        match self.doc.outline.selected {
            Row::Comment(id) => Some(id),
            Row::Article => None,
        }
    }

    fn page(&self) -> isize {
        (self.layout.outline.height.saturating_sub(2) as isize).max(1)
    }

    fn reader_page(&self) -> isize {
        (self.layout.reader.height.saturating_sub(2) as isize).max(1)
    }

    /// Handles a key and finishes what it started (see `settle`).
    pub fn on_key(&mut self, key: KeyEvent) {
        self.handle_key(key);
        self.settle();
    }

    /// Handles a key; text typed into the prompt is only searched for at the next `settle`,
    /// so a burst of keys (a paste into a terminal without bracketed paste) is one search.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        // A terminal sends Esc and the key after it, typed quickly, as one Alt+key: read it
        // as the two keys that were typed.
        if key.modifiers.contains(KeyModifiers::ALT) {
            self.handle_key(KeyEvent::from(KeyCode::Esc));
            let mut key = key;
            key.modifiers.remove(KeyModifiers::ALT);
            return self.handle_key(key);
        }
        self.notice = None;
        let edits_prompt = matches!(self.mode, Mode::Prompt { .. }) && is_text_edit(key);
        if !edits_prompt {
            self.settle();
        }
        match self.mode {
            Mode::Prompt { origin } => self.on_prompt_key(key, origin),
            Mode::Help { scroll } => self.on_help_key(key, scroll),
            Mode::Normal => {
                if let Some(action) = keymap::lookup(key) {
                    self.update(action);
                }
            }
        }
    }

    /// A paste (bracketed by the terminal): one edit of the search prompt.
    pub fn on_paste(&mut self, text: &str) {
        self.notice = None;
        if !matches!(self.mode, Mode::Prompt { .. }) {
            self.notice = Some("A paste goes into the search: press / first".into());
            return;
        }
        // Names are one line: line breaks and tabs become spaces.
        let text: String = text
            .chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        self.insert_into_query(&text);
        self.settle();
    }

    /// Inserts at the cursor, up to `MAX_QUERY_CHARS` characters in all.
    fn insert_into_query(&mut self, text: &str) {
        let query = self.doc.search.query();
        let room = MAX_QUERY_CHARS.saturating_sub(query.chars().count());
        let taken: String = text.chars().take(room).collect();
        if taken.len() < text.len() {
            self.notice = Some(format!(
                "The search takes {MAX_QUERY_CHARS} characters at most"
            ));
        }
        if taken.is_empty() {
            return;
        }
        let cursor = self.doc.prompt.cursor.min(query.len());
        let mut query = query.to_string();
        query.insert_str(cursor, &taken);
        self.doc.prompt.cursor = cursor + taken.len();
        self.doc.search.set_query(&query);
    }

    fn on_prompt_key(&mut self, key: KeyEvent, origin: Row) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let query = self.doc.search.query();
        let cursor = self.doc.prompt.cursor.min(query.len());
        let before = query[..cursor]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let after = query[cursor..].chars().next().map_or(0, char::len_utf8);
        // The edit as (range removed, new cursor); None for keys that do not edit.
        let removal = match key.code {
            KeyCode::Char('c') if ctrl => {
                self.should_quit = true;
                return;
            }
            KeyCode::Char('l') if ctrl => {
                self.redraw_requested = true;
                return;
            }
            KeyCode::Char('z') if ctrl => {
                self.suspend_requested = true;
                return;
            }
            KeyCode::Char('u') if ctrl => Some(0..cursor),
            KeyCode::Char('k') if ctrl => Some(cursor..query.len()),
            KeyCode::Char('w') if ctrl => {
                let start = query[..cursor].trim_end().rfind(' ').map_or(0, |at| at + 1);
                Some(start..cursor)
            }
            KeyCode::Char('a') if ctrl => {
                self.doc.prompt.cursor = 0;
                None
            }
            KeyCode::Char('e') if ctrl => {
                self.doc.prompt.cursor = query.len();
                None
            }
            KeyCode::Char(c) if !ctrl => {
                self.insert_into_query(c.encode_utf8(&mut [0; 4]));
                None
            }
            KeyCode::Backspace => Some(cursor - before..cursor),
            KeyCode::Delete => Some(cursor..cursor + after),
            KeyCode::Left => {
                self.doc.prompt.cursor = cursor - before;
                None
            }
            KeyCode::Right => {
                self.doc.prompt.cursor = cursor + after;
                None
            }
            KeyCode::Home => {
                self.doc.prompt.cursor = 0;
                None
            }
            KeyCode::End => {
                self.doc.prompt.cursor = query.len();
                None
            }
            KeyCode::Tab => {
                if !self.doc.search.complete(&self.doc.thread) {
                    self.notice = Some("Still indexing the commenters: Tab in a moment".into());
                }
                self.doc.prompt.cursor = self.doc.search.query().len();
                return;
            }
            KeyCode::Enter => return self.keep_search(origin),
            KeyCode::Esc => return self.cancel_prompt(origin),
            _ => None,
        };
        if let Some(range) = removal
            && !range.is_empty()
        {
            let mut query = self.doc.search.query().to_string();
            self.doc.prompt.cursor = range.start;
            query.replace_range(range, "");
            self.doc.search.set_query(&query);
        }
    }

    /// Enter: the search stays; a filtered view left for the prompt comes back with the new
    /// matches.
    fn keep_search(&mut self, origin: Row) {
        self.mode = Mode::Normal;
        let refilter = self.doc.prompt.saved_filter.take().is_some();
        if !self.doc.search.is_active() {
            return;
        }
        if !self.doc.search.is_settled() {
            // The index is still being built: finish the search when it is there.
            self.doc.pending_jump = Some(origin);
            self.doc.pending_filter = refilter;
            return;
        }
        if self.doc.search.match_count() == 0 {
            self.notice = Some(self.no_match_notice());
        } else if refilter {
            let shown = self.doc.search.filter_set(&self.doc.thread);
            self.doc.outline.set_filter(&self.doc.thread, shown);
        }
    }

    /// Esc: everything as it was before `/`.
    fn cancel_prompt(&mut self, origin: Row) {
        let saved = std::mem::take(&mut self.doc.prompt);
        self.doc.search.set_query(&saved.saved_query);
        self.doc
            .outline
            .restore_filter(&self.doc.thread, saved.saved_filter);
        self.doc.outline.selected = origin;
        self.mode = Mode::Normal;
    }

    /// Moves the selection to the first match at or after where the search started.
    fn follow_search(&mut self, origin: Row) {
        let from = match origin {
            Row::Article => 0,
            Row::Comment(id) => id,
        };
        if !self.goto_match_from(from) {
            self.doc.outline.selected = origin;
        }
    }

    fn goto_match_from(&mut self, from: usize) -> bool {
        match self.doc.search.next_match(from) {
            Some((id, _)) => {
                self.doc.outline.reveal(&self.doc.thread, id);
                true
            }
            None => false,
        }
    }

    /// Movement keys scroll the help (within its length); Esc, ? and q close it; any other
    /// key closes it and does what it does elsewhere.
    fn on_help_key(&mut self, key: KeyEvent, scroll: u16) {
        let max = self.layout.help_max_scroll;
        let page = self.layout.help_page.max(1);
        let Some(action) = keymap::lookup(key) else {
            // A key that does nothing elsewhere just closes the help.
            self.mode = Mode::Normal;
            return;
        };
        let scroll = match action {
            Action::Quit if key.code != KeyCode::Char('q') => {
                self.should_quit = true;
                return;
            }
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::HalfPageDown => scroll.saturating_add(page / 2),
            Action::HalfPageUp => scroll.saturating_sub(page / 2),
            Action::First => 0,
            Action::Last => max,
            Action::Suspend | Action::Redraw => {
                self.update(action);
                scroll
            }
            Action::Quit | Action::Help | Action::Escape => {
                self.mode = Mode::Normal;
                return;
            }
            other => {
                self.mode = Mode::Normal;
                self.update(other);
                return;
            }
        };
        self.mode = Mode::Help {
            scroll: scroll.min(max),
        };
    }

    pub fn update(&mut self, action: Action) {
        if self.doc.focus == Focus::Reader && self.scroll_reader(action) {
            return;
        }
        let page = self.page();
        let thread = &self.doc.thread;
        let outline = &mut self.doc.outline;
        match action {
            Action::Down => outline.move_by(thread, 1),
            Action::Up => outline.move_by(thread, -1),
            Action::PageDown => outline.move_by(thread, page),
            Action::PageUp => outline.move_by(thread, -page),
            Action::HalfPageDown => outline.move_by(thread, (page / 2).max(1)),
            Action::HalfPageUp => outline.move_by(thread, -(page / 2).max(1)),
            Action::First => outline.selected = Row::Article,
            Action::Last => outline.selected = outline.last_row(thread),
            Action::FoldOrParent => self.fold_or_parent(),
            Action::UnfoldOrChild => self.unfold_or_child(),
            Action::ToggleFold => self.toggle_fold(),
            Action::ToggleFoldOrRead => {
                if self.layout.single_pane {
                    self.update(Action::SwitchFocus);
                } else {
                    self.toggle_fold();
                }
            }
            Action::Parent => self.go_to_parent(),
            Action::NextSibling => self.jump(|t, id| t.next_sibling(id)),
            Action::PrevSibling => self.jump(|t, id| t.prev_sibling(id)),
            Action::NextThread => self.next_thread(),
            Action::PrevThread => self.prev_thread(),
            Action::FoldAll => self.doc.outline.fold_all(&self.doc.thread),
            Action::UnfoldAll => self.doc.outline.unfold_all(),
            Action::UnfoldToLevel(level) => self
                .doc
                .outline
                .unfold_to_level(&self.doc.thread, level as usize),
            Action::FoldSubtree => {
                if let Some(id) = self.selected_comment() {
                    self.doc.outline.fold_subtree(&self.doc.thread, id);
                }
            }
            Action::UnfoldSubtree => {
                if let Some(id) = self.selected_comment() {
                    self.doc.outline.unfold_subtree(&self.doc.thread, id);
                }
            }
            Action::SwitchFocus => {
                self.doc.focus = match self.doc.focus {
                    Focus::Outline => Focus::Reader,
                    Focus::Reader => Focus::Outline,
                }
            }
            Action::StartSearch => self.start_search(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleFilter => self.toggle_filter(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Escape => {
                if self.doc.search.is_active() {
                    self.doc.search.clear();
                    if self.doc.outline.filter().is_some() {
                        self.doc.outline.set_filter(&self.doc.thread, None);
                        if let Some(id) = self.selected_comment() {
                            self.doc.outline.reveal(&self.doc.thread, id);
                        }
                    }
                }
            }
            Action::Quit => self.should_quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Redraw => self.redraw_requested = true,
        }
    }

    /// In the reader, movement keys scroll the text. Returns whether the action was used.
    fn scroll_reader(&mut self, action: Action) -> bool {
        let page = self.reader_page();
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            Action::First => isize::MIN / 2,
            Action::Last => isize::MAX / 2,
            _ => return false,
        };
        self.scroll_reader_by(delta);
        true
    }

    fn scroll_reader_by(&mut self, delta: isize) {
        let visible = self.layout.reader.height.saturating_sub(2) as usize;
        let max = self.layout.reader_lines.saturating_sub(visible.max(1));
        self.doc.reader_scroll = self.doc.reader_scroll.saturating_add_signed(delta).min(max);
    }

    /// `/`: the prompt opens on the current query, cursor at its end. The filtered view
    /// steps aside while typing (the whole tree shows the live matches); Esc gives back both.
    fn start_search(&mut self) {
        let saved_filter = self.doc.outline.take_filter(&self.doc.thread);
        let query = self.doc.search.query().to_string();
        self.doc.prompt = Prompt {
            cursor: query.len(),
            saved_query: query,
            saved_filter,
        };
        self.doc.pending_jump = None;
        self.doc.pending_filter = false;
        self.mode = Mode::Prompt {
            origin: self.doc.outline.selected,
        };
    }

    fn toggle_fold(&mut self) {
        if let Some(id) = self.selected_comment() {
            self.doc.outline.toggle(&self.doc.thread, id);
        }
    }

    fn fold_or_parent(&mut self) {
        let Some(id) = self.selected_comment() else {
            return;
        };
        if self.doc.outline.has_visible_replies(&self.doc.thread, id)
            && !self.doc.outline.shows_folded(&self.doc.thread, id)
        {
            self.doc.outline.fold(&self.doc.thread, id);
        } else {
            self.go_to_parent();
        }
    }

    fn unfold_or_child(&mut self) {
        let Some(id) = self.selected_comment() else {
            self.doc.outline.move_by(&self.doc.thread, 1);
            return;
        };
        if self.doc.outline.shows_folded(&self.doc.thread, id) {
            self.doc.outline.unfold(id);
        } else if self.doc.outline.has_visible_replies(&self.doc.thread, id) {
            self.doc.outline.move_by(&self.doc.thread, 1);
        }
    }

    fn go_to_parent(&mut self) {
        if let Some(id) = self.selected_comment() {
            self.doc.outline.selected = self
                .doc
                .thread
                .parent(id)
                .map_or(Row::Article, Row::Comment);
        }
    }

    /// Selects a tree neighbour of the selection; in the filtered view only a shown one.
    fn jump(&mut self, step: impl Fn(&Thread, usize) -> Option<usize>) {
        let Some(mut id) = self.selected_comment() else {
            return;
        };
        while let Some(next) = step(&self.doc.thread, id) {
            id = next;
            if self.doc.outline.filter().is_none_or(|f| f.contains(id)) {
                self.doc.outline.selected = Row::Comment(id);
                return;
            }
        }
    }

    fn next_thread(&mut self) {
        match self.selected_comment() {
            None if !self.doc.thread.is_empty() => {
                self.doc.outline.selected = Row::Comment(0);
                if self.doc.outline.filter().is_some_and(|f| !f.contains(0)) {
                    self.jump(|t, id| t.next_sibling(id));
                }
            }
            None => {}
            Some(id) => {
                let root = self.doc.thread.root_of(id);
                self.doc.outline.selected = Row::Comment(root);
                self.jump(|t, id| t.next_sibling(id));
                if self.doc.outline.selected == Row::Comment(root) {
                    self.doc.outline.selected = Row::Comment(id);
                }
            }
        }
    }

    fn prev_thread(&mut self) {
        if let Some(id) = self.selected_comment() {
            let root = self.doc.thread.root_of(id);
            self.doc.outline.selected = Row::Comment(root);
            self.jump(|t, id| t.prev_sibling(id));
            if self.doc.outline.selected == Row::Comment(root) {
                self.doc.outline.selected = Row::Article;
            }
        }
    }

    fn step_match(&mut self, forward: bool) {
        if !self.doc.search.is_active() {
            self.notice = Some("No search: press / to find a commenter".into());
            return;
        }
        if !self.doc.search.is_settled() {
            self.notice = Some(INDEXING_NOTICE.into());
            return;
        }
        let found = match (self.selected_comment(), forward) {
            (None, true) => self.doc.search.next_match(0),
            (None, false) => self.doc.search.prev_match(self.doc.thread.len()),
            (Some(id), true) => self.doc.search.next_match(id + 1),
            (Some(id), false) => self.doc.search.prev_match(id),
        };
        match found {
            Some((id, wrapped)) => {
                self.doc.outline.reveal(&self.doc.thread, id);
                if wrapped {
                    self.notice = Some(
                        if forward {
                            "Search wrapped to the top"
                        } else {
                            "Search wrapped to the bottom"
                        }
                        .into(),
                    );
                }
            }
            None => self.notice = Some(self.no_match_notice()),
        }
    }

    fn toggle_filter(&mut self) {
        if self.doc.outline.filter().is_some() {
            self.doc.outline.set_filter(&self.doc.thread, None);
            if let Some(id) = self.selected_comment() {
                self.doc.outline.reveal(&self.doc.thread, id);
            }
            return;
        }
        self.notice = Some(if !self.doc.search.is_active() {
            "Nothing to filter: search for a commenter with / first".into()
        } else if !self.doc.search.is_settled() {
            INDEXING_NOTICE.into()
        } else if self.doc.search.match_count() == 0 {
            format!("{}: nothing to filter", self.no_match_notice())
        } else {
            let shown = self.doc.search.filter_set(&self.doc.thread);
            self.doc.outline.set_filter(&self.doc.thread, shown);
            return;
        });
    }

    pub fn on_mouse(&mut self, mouse: MouseEvent) {
        let at = Position::new(mouse.column, mouse.row);
        let in_outline = self.layout.outline.contains(at);
        let in_reader = self.layout.reader.contains(at);
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let step = if mouse.kind == MouseEventKind::ScrollDown {
                    WHEEL_STEP
                } else {
                    -WHEEL_STEP
                };
                if in_reader {
                    self.scroll_reader_by(step);
                } else if in_outline {
                    let height = self.layout.outline.height.saturating_sub(2);
                    self.doc
                        .outline
                        .scroll_view(&self.doc.thread, step, usize::from(height));
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if in_reader {
                    self.doc.focus = Focus::Reader;
                } else if in_outline {
                    self.doc.focus = Focus::Outline;
                    self.click_outline(at);
                }
            }
            _ => {}
        }
    }

    fn click_outline(&mut self, at: Position) {
        let first_row = self.layout.outline.y + 1;
        let Some(index) = at.y.checked_sub(first_row).map(usize::from) else {
            return;
        };
        let Some(&row) = self.layout.outline_rows.get(index) else {
            return;
        };
        self.doc.outline.selected = row;
        if let Row::Comment(id) = row
            && self.layout.marker_columns.get(index) == Some(&at.x)
        {
            self.doc.outline.toggle(&self.doc.thread, id);
        }
    }
}
