//! The reader's state and how keys, mouse and actions change it. Drawing lives in ui/;
//! this module never touches the terminal, so tests drive it directly.

use crate::action::Action;
use crate::keymap;
use crate::outline::{Outline, Row};
use crate::search::Search;
use crate::thread::Thread;
use crate::ui::reader::ReaderCache;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Reader,
}

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
}

/// Lines the wheel moves.
const WHEEL_STEP: isize = 3;

pub struct App {
    pub thread: Thread,
    pub file_name: String,
    pub outline: Outline,
    pub search: Search,
    pub focus: Focus,
    pub mode: Mode,
    /// The row the reader shows and how far it is scrolled.
    pub reader_row: Row,
    pub reader_scroll: usize,
    pub reader_cache: ReaderCache,
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
        let outline = Outline::new(&thread);
        let notice =
            (thread.is_empty() && thread.title().is_empty() && thread.article().is_empty())
                .then(|| "This file holds no text: an empty thread".to_string());
        App {
            thread,
            file_name,
            outline,
            search: Search::default(),
            focus: Focus::Outline,
            mode: Mode::Normal,
            reader_row: Row::Article,
            reader_scroll: 0,
            reader_cache: ReaderCache::default(),
            notice,
            layout: ScreenLayout::default(),
            should_quit: false,
            suspend_requested: false,
            redraw_requested: false,
        }
    }

    /// Opens with a commenter search already made (`--author`).
    pub fn with_author_search(mut self, name: &str) -> Self {
        self.search.set_query(&self.thread, name);
        self.goto_match_from(0);
        if self.search.match_count() == 0 {
            self.notice = Some(format!("No commenter matches “{name}”"));
        }
        self
    }

    /// Work done once the first frame is on screen, so the search is instant later.
    pub fn idle(&mut self) {
        if !self.search.is_prepared() {
            self.search.prepare(&self.thread);
        }
    }

    fn selected_comment(&self) -> Option<usize> {
        match self.outline.selected {
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

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.notice = None;
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

    fn on_prompt_key(&mut self, key: KeyEvent, origin: Row) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let mut query = self.search.query().to_string();
        match key.code {
            KeyCode::Char('c') if ctrl => self.should_quit = true,
            KeyCode::Char('u') if ctrl => query.clear(),
            KeyCode::Char(c) if !ctrl => query.push(c),
            KeyCode::Backspace => {
                query.pop();
            }
            KeyCode::Tab => {
                self.search.complete(&self.thread);
                self.follow_search(origin);
                return;
            }
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                if self.search.is_active() && self.search.match_count() == 0 {
                    self.notice = Some(format!("No commenter matches “{}”", self.search.query()));
                }
                return;
            }
            KeyCode::Esc => {
                self.search.clear();
                self.outline.selected = origin;
                self.mode = Mode::Normal;
                return;
            }
            _ => return,
        }
        if query != self.search.query() {
            self.search.set_query(&self.thread, &query);
            self.follow_search(origin);
        }
    }

    /// Moves the selection to the first match at or after where the search started.
    fn follow_search(&mut self, origin: Row) {
        let from = match origin {
            Row::Article => 0,
            Row::Comment(id) => id,
        };
        if !self.goto_match_from(from) {
            self.outline.selected = origin;
        }
    }

    fn goto_match_from(&mut self, from: usize) -> bool {
        match self.search.next_match(from) {
            Some((id, _)) => {
                self.outline.reveal(&self.thread, id);
                true
            }
            None => false,
        }
    }

    fn on_help_key(&mut self, key: KeyEvent, scroll: u16) {
        let scroll = match keymap::lookup(key) {
            Some(Action::Quit) if key.code != KeyCode::Char('q') => {
                self.should_quit = true;
                return;
            }
            Some(Action::Down) => scroll.saturating_add(1),
            Some(Action::Up) => scroll.saturating_sub(1),
            Some(Action::PageDown | Action::HalfPageDown) => scroll.saturating_add(10),
            Some(Action::PageUp | Action::HalfPageUp) => scroll.saturating_sub(10),
            Some(Action::First) => 0,
            _ => {
                self.mode = Mode::Normal;
                return;
            }
        };
        self.mode = Mode::Help { scroll };
    }

    pub fn update(&mut self, action: Action) {
        if self.focus == Focus::Reader && self.scroll_reader(action) {
            return;
        }
        let page = self.page();
        let thread = &self.thread;
        let outline = &mut self.outline;
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
            Action::ToggleFold => {
                if let Some(id) = self.selected_comment() {
                    self.outline.toggle(&self.thread, id);
                }
            }
            Action::Parent => self.go_to_parent(),
            Action::NextSibling => self.jump(|t, id| t.next_sibling(id)),
            Action::PrevSibling => self.jump(|t, id| t.prev_sibling(id)),
            Action::NextThread => self.next_thread(),
            Action::PrevThread => self.prev_thread(),
            Action::FoldAll => self.outline.fold_all(&self.thread),
            Action::UnfoldAll => self.outline.unfold_all(),
            Action::UnfoldToLevel(level) => {
                self.outline.unfold_to_level(&self.thread, level as usize)
            }
            Action::FoldSubtree => {
                if let Some(id) = self.selected_comment() {
                    self.outline.fold_subtree(&self.thread, id);
                }
            }
            Action::UnfoldSubtree => {
                if let Some(id) = self.selected_comment() {
                    self.outline.unfold_subtree(&self.thread, id);
                }
            }
            Action::SwitchFocus => {
                self.focus = match self.focus {
                    Focus::Outline => Focus::Reader,
                    Focus::Reader => Focus::Outline,
                }
            }
            Action::StartSearch => {
                if self.outline.filter().is_some() {
                    self.outline.set_filter(&self.thread, None);
                }
                self.search.clear();
                self.mode = Mode::Prompt {
                    origin: self.outline.selected,
                };
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleFilter => self.toggle_filter(),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Escape => {
                if self.search.is_active() {
                    self.search.clear();
                    if self.outline.filter().is_some() {
                        self.outline.set_filter(&self.thread, None);
                        if let Some(id) = self.selected_comment() {
                            self.outline.reveal(&self.thread, id);
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
        self.reader_scroll = self.reader_scroll.saturating_add_signed(delta).min(max);
    }

    fn fold_or_parent(&mut self) {
        let Some(id) = self.selected_comment() else {
            return;
        };
        if self.thread.has_children(id)
            && !self.outline.shows_folded(id)
            && self.outline.filter().is_none()
        {
            self.outline.fold(&self.thread, id);
        } else {
            self.go_to_parent();
        }
    }

    fn unfold_or_child(&mut self) {
        let Some(id) = self.selected_comment() else {
            self.outline.move_by(&self.thread, 1);
            return;
        };
        if self.outline.shows_folded(id) {
            self.outline.unfold(id);
        } else if self.thread.has_children(id) {
            self.outline.move_by(&self.thread, 1);
        }
    }

    fn go_to_parent(&mut self) {
        if let Some(id) = self.selected_comment() {
            self.outline.selected = self.thread.parent(id).map_or(Row::Article, Row::Comment);
        }
    }

    /// Selects a tree neighbour of the selection; in the filtered view only a shown one.
    fn jump(&mut self, step: impl Fn(&Thread, usize) -> Option<usize>) {
        let Some(mut id) = self.selected_comment() else {
            return;
        };
        while let Some(next) = step(&self.thread, id) {
            id = next;
            if self.outline.filter().is_none_or(|f| f.contains(id)) {
                self.outline.selected = Row::Comment(id);
                return;
            }
        }
    }

    fn next_thread(&mut self) {
        match self.selected_comment() {
            None if !self.thread.is_empty() => {
                self.outline.selected = Row::Comment(0);
                if self.outline.filter().is_some_and(|f| !f.contains(0)) {
                    self.jump(|t, id| t.next_sibling(id));
                }
            }
            None => {}
            Some(id) => {
                let root = self.thread.root_of(id);
                self.outline.selected = Row::Comment(root);
                self.jump(|t, id| t.next_sibling(id));
                if self.outline.selected == Row::Comment(root) {
                    self.outline.selected = Row::Comment(id);
                }
            }
        }
    }

    fn prev_thread(&mut self) {
        if let Some(id) = self.selected_comment() {
            let root = self.thread.root_of(id);
            self.outline.selected = Row::Comment(root);
            self.jump(|t, id| t.prev_sibling(id));
            if self.outline.selected == Row::Comment(root) {
                self.outline.selected = Row::Article;
            }
        }
    }

    fn step_match(&mut self, forward: bool) {
        if !self.search.is_active() {
            self.notice = Some("No search: press / to find a commenter".into());
            return;
        }
        let found = match (self.selected_comment(), forward) {
            (None, true) => self.search.next_match(0),
            (None, false) => self.search.prev_match(self.thread.len()),
            (Some(id), true) => self.search.next_match(id + 1),
            (Some(id), false) => self.search.prev_match(id),
        };
        match found {
            Some((id, wrapped)) => {
                self.outline.reveal(&self.thread, id);
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
            None => self.notice = Some(format!("No commenter matches “{}”", self.search.query())),
        }
    }

    fn toggle_filter(&mut self) {
        if self.outline.filter().is_some() {
            self.outline.set_filter(&self.thread, None);
            if let Some(id) = self.selected_comment() {
                self.outline.reveal(&self.thread, id);
            }
            return;
        }
        match self.search.filter_set(&self.thread) {
            Some(filter) if self.search.match_count() > 0 => {
                self.outline.set_filter(&self.thread, Some(filter));
            }
            _ => {
                self.notice = Some("Nothing to filter: search for a commenter with / first".into())
            }
        }
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
                    self.outline.move_by(&self.thread, step);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if in_reader {
                    self.focus = Focus::Reader;
                } else if in_outline {
                    self.focus = Focus::Outline;
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
        self.outline.selected = row;
        if let Row::Comment(id) = row
            && self.layout.marker_columns.get(index) == Some(&at.x)
            && self.outline.filter().is_none()
        {
            self.outline.toggle(&self.thread, id);
        }
    }
}
