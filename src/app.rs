//! The reader's state and how keys, mouse and actions change it. Drawing lives in ui/;
//! this module never touches the terminal, so tests drive it directly.

use crate::action::Action;
use crate::document::ScrollTarget;
pub use crate::document::{Authors, Document, Focus, Prompt, PromptKind, ReaderView};
use crate::keymap::{Key, KeyMode, Keymap};
use crate::line_edit;
use crate::outline::Row;
use crate::save::{FilePrompt, Writing};
use crate::search::{MAX_QUERY_CHARS, Search};
pub use crate::shelf::{Shelf, View};
use crate::text::wrap::snippet;
use crate::thread::{AuthorIndex, CommenterId, Thread};
use crate::ui;
use crate::ui::reader::{ExchangeInput, LayoutInput, SECTION_WINDOW, Subject};
use crate::ui::theme::Theme;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search (which one: `Document::prompt`); `origin` is where the selection
    /// was when it opened.
    Prompt {
        origin: Row,
    },
    Help {
        scroll: u16,
        /// Opened from the commenters panel, which comes back when the help closes.
        over_panel: bool,
    },
    /// The commenters panel fills the screen.
    Commenters,
    /// Typing the name of a file to write comments to (`App::file_prompt`).
    WriteFile,
}

/// Where things were drawn last frame: paging sizes and mouse hit-testing use it.
#[derive(Clone, Debug, Default)]
pub struct ScreenLayout {
    pub outline: Rect,
    pub reader: Rect,
    pub outline_rows: Vec<Row>,
    /// The column of each outline row's fold marker.
    pub marker_columns: Vec<u16>,
    /// Lines of the reader's body, and how many rows it has under the header.
    pub reader_lines: usize,
    pub reader_body_rows: usize,
    /// Rows of the commenters panel's table.
    pub panel_rows: usize,
    /// The outline and the reader take turns on the screen (a narrow terminal).
    pub single_pane: bool,
    /// Rows of a library view's list (for paging).
    pub list_height: usize,
    /// How far the help overlay can scroll, and its page.
    pub help_max_scroll: u16,
    pub help_page: u16,
}

/// Lines the wheel moves.
const WHEEL_STEP: isize = 3;

const INDEXING_NOTICE: &str = "Still indexing the commenters: the search follows in a moment";
const INDEXING_WAIT: &str = "Still indexing the commenters: try again in a moment";

/// What a key does in a prompt.
pub(crate) enum PromptInput {
    Action(Action),
    /// A character the prompt's table does not take types itself.
    Type(char),
}

pub struct App {
    /// The thread on screen (or the last one opened, while the library list shows).
    pub doc: Document,
    pub view: View,
    /// The library, when several threads are open.
    pub shelf: Option<Shelf>,
    pub mode: Mode,
    pub theme: Theme,
    /// The key tables, shared by the documents' views.
    pub keymap: Arc<Keymap>,
    /// A one-off message for the status line, cleared by the next key.
    pub notice: Option<String>,
    pub layout: ScreenLayout,
    pub should_quit: bool,
    pub suspend_requested: bool,
    /// The terminal loop repaints every cell on the next frame (Ctrl-l).
    pub redraw_requested: bool,
    /// An OSC 52 sequence (`y`, `Y`) the terminal loop writes to the terminal as it is.
    pub clipboard_request: Option<String>,
    pub file_prompt: FilePrompt,
    /// The file being written (`w`), on a worker thread.
    pub(crate) writing: Option<Writing>,
}

impl App {
    pub fn new(thread: Thread, file_name: String) -> Self {
        let notice =
            (thread.is_empty() && thread.title().is_empty() && thread.article().is_empty())
                .then(|| "This file holds no text: an empty thread".to_string());
        App {
            doc: Document::new(thread, file_name),
            view: View::Thread,
            shelf: None,
            mode: Mode::Normal,
            theme: Theme::default(),
            keymap: Keymap::defaults(),
            notice,
            layout: ScreenLayout::default(),
            should_quit: false,
            suspend_requested: false,
            redraw_requested: false,
            clipboard_request: None,
            file_prompt: FilePrompt::default(),
            writing: None,
        }
    }

    /// Settles what the next frame of size `area` shows: the outline scrolled to keep the
    /// selection in view, the reader's subject, scroll and laid-out text, the panel's rows.
    /// Drawing then only reads.
    pub fn prepare(&mut self, area: Rect) {
        if self.view != View::Thread {
            return self.prepare_library(area);
        }
        if self.mode == Mode::Commenters
            || matches!(
                self.mode,
                Mode::Help {
                    over_panel: true,
                    ..
                }
            )
        {
            let doc = &mut self.doc;
            if let Some(index) = doc.authors.get() {
                let rows = ui::commenters::table_rows(area);
                doc.panel.prepare(index, rows);
            }
            return;
        }
        let Some(panes) = ui::panes(area, self.doc.focus) else {
            return;
        };
        let height = ui::outline::inner_height(panes.outline);
        if height > 0 {
            self.doc
                .outline
                .scroll_to_selection(&self.doc.thread, height);
        }
        let width = ui::reader::text_width(panes.reader);
        if width == 0 {
            self.doc.reader_text = None;
            return;
        }
        let subject = self.reader_subject();
        let doc = &mut self.doc;
        let exchange = match subject {
            Subject::Exchange { block, count } => {
                exchange_input(&doc.thread, &doc.search, &doc.authors, block, count)
            }
            _ => None,
        };
        let input = LayoutInput {
            theme: self.theme,
            query: doc.search.text_query().cloned(),
            exchange,
        };
        let laid = doc.reader_cache.laid(&doc.thread, &subject, width, input);
        let anchor = (
            subject.clone(),
            doc.outline.selected,
            doc.search.text().to_string(),
        );
        let pane = ui::reader::inner_height(panes.reader);
        let rows = pane - ui::reader::header_rows(laid.header.len(), pane);
        if laid.pending {
            // A stand-in sets no scroll (the layout's first match does); a remembered one
            // waits for the layout of the subject it was remembered for.
            if let Some(row) = doc.restored_scroll.take() {
                doc.scroll_while_pending = Some((subject.clone(), ScrollTarget::To(row)));
            }
        } else if doc.reader_anchor.as_ref() != Some(&anchor) {
            let restored = doc.restored_scroll.take();
            doc.reader_scroll = match (&subject, doc.outline.selected) {
                _ if let Some(scroll) = restored => scroll,
                (Subject::Exchange { .. }, Row::Comment(id)) => laid.section_of(id).unwrap_or(0),
                (Subject::Row(_), _) => match laid.first_match {
                    // The first match in view, with a line above it.
                    Some(line) if line + 1 >= rows => line - 1,
                    _ => 0,
                },
                _ => 0,
            };
            doc.reader_anchor = Some(anchor);
        }
        if !laid.pending
            && let Some((pending, target)) = doc.scroll_while_pending.take()
            && pending == subject
        {
            let max = laid.body.len().saturating_sub(rows.max(1));
            doc.reader_scroll = target.apply(doc.reader_scroll, max);
        }
        doc.reader_subject = Some(subject);
        doc.reader_text = Some(laid);
    }

    /// What the reader shows for the current view and selection.
    fn reader_subject(&self) -> Subject {
        let selected = self.doc.outline.selected;
        match (self.doc.reader_view, selected) {
            (ReaderView::Context, Row::Comment(id)) => Subject::Context(id),
            (ReaderView::Exchange, _) if self.doc.search.people().exchange.is_some() => {
                let number = match selected {
                    Row::Comment(id) => self.doc.search.match_number(id),
                    Row::Article => 0,
                };
                Subject::Exchange {
                    block: number.saturating_sub(1) / SECTION_WINDOW,
                    count: self.doc.search.match_count(),
                }
            }
            _ => Subject::Row(selected),
        }
    }

    /// Opens with a commenter search (`--author`); an empty name is no search. The search
    /// runs at the next `settle`, which the reader's loop calls once the author index is
    /// being built off the UI thread, so a huge thread opens without waiting for it.
    pub fn with_author_search(mut self, name: &str) -> Self {
        if name.trim().is_empty() {
            return self;
        }
        let name: String = name.chars().take(MAX_QUERY_CHARS).collect();
        self.doc.search.set_part(&name);
        self.doc.pending_jump = Some(Row::Article);
        self
    }

    /// Builds the author index on a second thread from now on (the reader does this before
    /// its first frame); otherwise it is built on first use, on the calling thread.
    pub fn index_in_background(&mut self) {
        self.doc
            .authors
            .build_in_background(Arc::clone(&self.doc.thread));
    }

    /// Builds the author index now, on this thread (benchmarks).
    pub fn prepare_search(&mut self) {
        self.doc.authors.build_now(&self.doc.thread);
    }

    /// The author index, built here first if nobody started it; None while a second thread
    /// builds it (with a notice saying so).
    fn author_index(&mut self) -> Option<Arc<AuthorIndex>> {
        if !self.doc.authors.is_building() {
            self.doc.authors.build_now(&self.doc.thread);
        }
        let index = self.doc.authors.get().cloned();
        if index.is_none() {
            self.notice = Some(INDEXING_WAIT.into());
        }
        index
    }

    /// Finishes deferred work: takes the author index when it is ready, computes the
    /// matches of a changed search, takes what the text scan found, and follows them.
    /// Returns whether the screen changed.
    pub fn settle(&mut self) -> bool {
        let mut changed = self.shelf.as_mut().is_some_and(Shelf::poll);
        changed |= self.poll_writing();
        changed |= self.doc.authors.poll();
        changed |= self.doc.reader_cache.poll();
        if self.doc.search.needs_refresh() {
            if self.doc.search.waits_for_index() && !self.doc.authors.is_building() {
                self.doc.authors.build_now(&self.doc.thread);
            }
            let from = match self.mode {
                Mode::Prompt { origin } => origin,
                _ => self.doc.pending_jump.unwrap_or(self.doc.outline.selected),
            };
            let from = match from {
                Row::Comment(id) => id,
                Row::Article => 0,
            };
            let index = self.doc.authors.get().cloned();
            if self
                .doc
                .search
                .refresh(&self.doc.thread, index.as_deref(), from)
            {
                changed = true;
                self.follow_known_matches(true);
            }
        }
        if let Some(added) = self.doc.search.poll_scan() {
            changed = true;
            if !added.is_empty() && self.doc.outline.filter().is_some() {
                self.doc.outline.show_also(&self.doc.thread, &added);
            }
            self.follow_known_matches(false);
        }
        changed | self.list_candidates()
    }

    /// Whether deferred work is under way that `settle` will pick up: the loop then looks
    /// for it every frame.
    pub fn is_busy(&self) -> bool {
        self.doc.authors.is_building()
            || self.doc.search.is_scanning()
            || self.is_writing()
            || self.doc.reader_cache.is_working()
    }

    /// Lists the picker's commenters for what is typed, once the index is there.
    fn list_candidates(&mut self) -> bool {
        let typing_name = matches!(self.mode, Mode::Prompt { .. })
            && self.doc.prompt.kind == PromptKind::Commenter;
        let part = self.doc.search.part();
        if !typing_name || self.doc.prompt.candidates_for.as_deref() == Some(part) {
            return false;
        }
        let Some(index) = self.doc.authors.get() else {
            return false;
        };
        self.doc.prompt.candidates = index.candidates(&crate::text::fold::fold(part));
        self.doc.prompt.candidates_for = Some(part.to_string());
        self.doc.prompt.chosen = None;
        true
    }

    /// After the matches changed (`refreshed`) or grew: the prompt's selection follows the
    /// first match; a jump or a filter waiting for them happens; a filter on shows them.
    fn follow_known_matches(&mut self, refreshed: bool) {
        if let Mode::Prompt { origin } = self.mode {
            self.follow_search(origin);
            return;
        }
        let count = self.doc.search.match_count();
        let complete = self.doc.search.is_settled() && !self.doc.search.is_scanning();
        if let Some(origin) = self.doc.pending_jump
            && (count > 0 || complete)
        {
            self.doc.pending_jump = None;
            self.follow_search(origin);
            if count == 0 {
                self.notice = Some(self.no_match_notice());
            }
        }
        let refilter = refreshed && self.doc.outline.filter().is_some();
        if (self.doc.pending_filter || refilter) && count > 0 {
            self.doc.pending_filter = false;
            let shown = self.doc.search.filter_set(&self.doc.thread);
            self.doc.outline.set_filter(&self.doc.thread, shown);
        } else if refilter && complete {
            self.doc.outline.set_filter(&self.doc.thread, None);
        }
    }

    fn no_match_notice(&self) -> String {
        let search = &self.doc.search;
        let text = search.text();
        let people = search.people();
        if text.is_empty() && people.tracked.is_empty() && people.exchange.is_none() {
            return format!("No commenter matches “{}”", snippet(search.part(), 40));
        }
        if text.is_empty() {
            return "No comment by the commenters searched".into();
        }
        let by = if people.is_empty() {
            ""
        } else {
            " among the commenters searched"
        };
        format!("No comment holds “{}”{by}", snippet(text, 40))
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
        (self.layout.reader_body_rows as isize).max(1)
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
        match self.mode {
            Mode::Help { over_panel, .. } => {
                self.settle();
                // A key the help does not hold closes it and does what it does beneath.
                let beneath = if over_panel {
                    KeyMode::Panel
                } else {
                    self.view_mode()
                };
                match self.keymap.lookup(&[KeyMode::Help, beneath], key) {
                    Some(action) => self.update(action),
                    None => {
                        self.mode = if over_panel {
                            Mode::Commenters
                        } else {
                            Mode::Normal
                        }
                    }
                }
            }
            _ if self.view != View::Thread => self.on_library_key(key),
            Mode::Prompt { origin } => self.on_prompt_key(key, origin),
            Mode::WriteFile => {
                self.settle();
                self.on_file_prompt_key(key);
            }
            Mode::Commenters => {
                self.settle();
                if let Some(action) = self.keymap.lookup(&[KeyMode::Panel], key) {
                    self.update_panel(action);
                }
            }
            Mode::Normal => {
                self.settle();
                if let Some(action) = self.keymap.lookup(&[self.view_mode()], key) {
                    self.update(action);
                }
            }
        }
    }

    /// The key table of the view that has the keys outside prompts and overlays.
    pub fn view_mode(&self) -> KeyMode {
        match (self.view, self.mode, self.doc.focus) {
            (View::Thread, Mode::Commenters, _) => KeyMode::Panel,
            (View::Thread, _, Focus::Outline) => KeyMode::Outline,
            (View::Thread, _, Focus::Reader) => KeyMode::Reader,
            _ => KeyMode::List,
        }
    }

    /// The keys modes in force now, nearest first (each followed by its fallbacks).
    pub fn key_modes(&self) -> Vec<KeyMode> {
        match self.mode {
            Mode::Prompt { .. } | Mode::WriteFile => vec![KeyMode::Prompt],
            Mode::Help {
                over_panel: true, ..
            } => vec![KeyMode::Help, KeyMode::Panel],
            Mode::Help { .. } => vec![KeyMode::Help, self.view_mode()],
            Mode::Commenters => vec![KeyMode::Panel],
            Mode::Normal => vec![self.view_mode()],
        }
    }

    /// How to write the first key that does `action` in the view, for notices; the
    /// action's description when no key does it.
    fn key_name(&self, action: Action) -> String {
        self.keymap
            .keys_for(&[self.view_mode()], action)
            .first()
            .map_or_else(|| format!("“{}”", action.description()), Key::to_string)
    }

    /// A paste (bracketed by the terminal): one edit of the search prompt or the file name.
    pub fn on_paste(&mut self, text: &str) {
        self.notice = None;
        if self.mode == Mode::WriteFile {
            return self.type_file_name(text);
        }
        if !matches!(self.mode, Mode::Prompt { .. }) {
            self.notice = Some(format!(
                "A paste goes into the search: press {} or {} first",
                self.key_name(Action::StartSearch),
                self.key_name(Action::StartTextSearch)
            ));
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
        let mut query = self.prompt_query().to_string();
        let mut cursor = self.doc.prompt.cursor;
        if !line_edit::insert(&mut query, &mut cursor, text, MAX_QUERY_CHARS) {
            self.notice = Some(format!(
                "The search takes {MAX_QUERY_CHARS} characters at most"
            ));
        }
        if query != self.prompt_query() {
            self.doc.prompt.cursor = cursor;
            self.set_prompt_query(&query);
        }
    }

    /// The text of the search the prompt edits.
    fn prompt_query(&self) -> &str {
        match self.doc.prompt.kind {
            PromptKind::Commenter => self.doc.search.part(),
            PromptKind::Text => self.doc.search.text(),
        }
    }

    /// An edit of the prompt's text: the picker's choice goes, the search follows the text.
    fn set_prompt_query(&mut self, query: &str) {
        match self.doc.prompt.kind {
            PromptKind::Commenter => {
                self.doc.prompt.chosen = None;
                self.doc.search.set_choice(None);
                self.doc.search.set_part(query);
            }
            PromptKind::Text => self.doc.search.set_text(query),
        }
    }

    /// Moves the picker's choice by `step` rows (None is the text as typed, above the first).
    fn choose(&mut self, step: isize, wrap: bool) {
        if self.doc.prompt.kind != PromptKind::Commenter {
            return;
        }
        if self.doc.prompt.candidates_for.is_none() {
            self.notice =
                Some("Still indexing the commenters: the list follows in a moment".into());
            return;
        }
        let count = self.doc.prompt.candidates.len() as isize;
        if count == 0 {
            return;
        }
        // Positions: -1 is "nothing chosen", 0..count the rows.
        let at = self.doc.prompt.chosen.map_or(-1, |i| i as isize);
        let next = if wrap {
            (at + 1 + step).rem_euclid(count + 1) - 1
        } else {
            (at + step).clamp(-1, count - 1)
        };
        self.doc.prompt.chosen = usize::try_from(next).ok();
        let choice = self.doc.prompt.chosen_commenter();
        self.doc.search.set_choice(choice);
    }

    /// What a key does in a prompt: its action in the prompt's table, else a character
    /// types itself, else the keys that work everywhere.
    pub(crate) fn prompt_input(&self, key: KeyEvent) -> Option<PromptInput> {
        let pressed = Key::from_event(key);
        match self.keymap.get(KeyMode::Prompt, pressed) {
            Some(bound) => bound.map(PromptInput::Action),
            None => match pressed {
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                } => Some(PromptInput::Type(c)),
                _ => self
                    .keymap
                    .lookup(&[KeyMode::Prompt], key)
                    .map(PromptInput::Action),
            },
        }
    }

    fn on_prompt_key(&mut self, key: KeyEvent, origin: Row) {
        let input = self.prompt_input(key);
        // Edits are searched for once per burst (see `handle_key`).
        let edits = match input {
            Some(PromptInput::Type(_)) => true,
            Some(PromptInput::Action(action)) => action.edits_text(),
            None => false,
        };
        if !edits {
            self.settle();
        }
        match input {
            Some(PromptInput::Type(c)) => self.insert_into_query(c.encode_utf8(&mut [0; 4])),
            Some(PromptInput::Action(action)) => self.prompt_action(action, origin),
            None => {}
        }
    }

    fn prompt_action(&mut self, action: Action, origin: Row) {
        match action {
            Action::Complete => self.choose(1, true),
            Action::CompleteBack => self.choose(-1, true),
            Action::PickNext => self.choose(1, false),
            Action::PickPrev => self.choose(-1, false),
            Action::Accept => self.keep_search(origin),
            Action::Cancel => self.cancel_prompt(origin),
            // Keys that type nothing still quit, suspend and repaint.
            Action::Quit | Action::Suspend | Action::Redraw => self.view_action(action),
            action if action.edits_text() => self.edit_query(action),
            _ => {}
        }
    }

    /// Moves the prompt's cursor or deletes around it.
    fn edit_query(&mut self, action: Action) {
        let mut query = self.prompt_query().to_string();
        let changed = line_edit::apply(&mut query, &mut self.doc.prompt.cursor, action);
        if changed {
            self.set_prompt_query(&query);
        }
    }

    /// Enter: the search stays (a commenter chosen in the picker is tracked); a filtered
    /// view left for the prompt comes back with the new matches.
    fn keep_search(&mut self, origin: Row) {
        if let Some(who) = self.doc.prompt.chosen_commenter() {
            self.doc.search.set_choice(None);
            self.doc.search.set_part("");
            self.doc.search.track(who);
        }
        self.mode = Mode::Normal;
        let refilter = self.doc.prompt.saved_filter.take().is_some();
        if !self.doc.search.is_active() {
            return;
        }
        let count = self.doc.search.match_count();
        if !self.doc.search.is_settled() || (count == 0 && self.doc.search.is_scanning()) {
            // The index is still being built, or the scan has found nothing yet: finish
            // the search when they are there.
            self.doc.pending_jump = Some(origin);
            self.doc.pending_filter = refilter;
            return;
        }
        if count == 0 {
            self.notice = Some(self.no_match_notice());
        } else if refilter {
            let shown = self.doc.search.filter_set(&self.doc.thread);
            self.doc.outline.set_filter(&self.doc.thread, shown);
        }
    }

    /// Esc: everything as it was before the prompt opened.
    fn cancel_prompt(&mut self, origin: Row) {
        let saved = std::mem::take(&mut self.doc.prompt);
        self.doc.search.set_choice(None);
        self.doc.search.set_people(saved.saved_people);
        self.doc.search.set_text(&saved.saved_text);
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

    /// In the help, movement actions scroll it (within its length); `close_help` and
    /// `help` close it; any other action closes it and does what it does beneath.
    fn help_action(&mut self, action: Action, scroll: u16, over_panel: bool) {
        let max = self.layout.help_max_scroll;
        let page = self.layout.help_page.max(1);
        let back = if over_panel {
            Mode::Commenters
        } else {
            Mode::Normal
        };
        let scroll = match action {
            Action::Down => scroll.saturating_add(1),
            Action::Up => scroll.saturating_sub(1),
            Action::PageDown => scroll.saturating_add(page),
            Action::PageUp => scroll.saturating_sub(page),
            Action::HalfPageDown => scroll.saturating_add(page / 2),
            Action::HalfPageUp => scroll.saturating_sub(page / 2),
            Action::First => 0,
            Action::Last => max,
            Action::Suspend | Action::Redraw | Action::Quit => {
                self.view_action(action);
                scroll
            }
            Action::Help | Action::CloseHelp => {
                self.mode = back;
                return;
            }
            other => {
                self.mode = back;
                if over_panel {
                    self.update_panel(other);
                } else {
                    self.update(other);
                }
                return;
            }
        };
        self.mode = Mode::Help {
            scroll: scroll.min(max),
            over_panel,
        };
    }

    /// Carries out `action` as the current mode understands it.
    pub fn update(&mut self, action: Action) {
        match self.mode {
            Mode::Help { scroll, over_panel } => self.help_action(action, scroll, over_panel),
            _ if self.view != View::Thread => self.library_update(action),
            Mode::Normal => self.view_action(action),
            Mode::Prompt { origin } => self.prompt_action(action, origin),
            Mode::WriteFile => self.file_prompt_action(action),
            Mode::Commenters => self.update_panel(action),
        }
    }

    /// An action in the thread's view (outline or reader).
    fn view_action(&mut self, action: Action) {
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
                    self.view_action(Action::SwitchFocus);
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
            Action::StartSearch => self.start_search(PromptKind::Commenter),
            Action::StartTextSearch => self.start_search(PromptKind::Text),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::ToggleFilter => self.toggle_filter(),
            Action::TrackAuthor => self.track_author(),
            Action::Context => self.toggle_context(),
            Action::Exchange => self.toggle_exchange(),
            Action::Commenters => self.open_panel(),
            Action::CopyComment => self.copy_selected(false),
            Action::CopySubthread => self.copy_selected(true),
            Action::WriteFile => self.start_write_file(),
            Action::Help => {
                self.mode = Mode::Help {
                    scroll: 0,
                    over_panel: false,
                }
            }
            Action::ClearSearch => {
                if self.doc.reader_view != ReaderView::Comment {
                    self.leave_view();
                } else if self.doc.search.is_active() {
                    self.doc.search.clear();
                    self.filter_off();
                }
            }
            Action::Back => self.back_to_library(),
            Action::Sort | Action::ReverseSort | Action::FindCommenter | Action::ShowCommenters => {
                self.library_action(action)
            }
            Action::Quit => self.should_quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Redraw => self.redraw_requested = true,
            // The prompt's, the help's and the panel's own actions do nothing in the view.
            Action::Complete
            | Action::CompleteBack
            | Action::PickNext
            | Action::PickPrev
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorStart
            | Action::CursorEnd
            | Action::DeleteBefore
            | Action::DeleteAfter
            | Action::DeleteToStart
            | Action::DeleteToEnd
            | Action::DeleteWordBefore
            | Action::Accept
            | Action::Cancel
            | Action::CloseHelp
            | Action::SortNext
            | Action::SortPrev
            | Action::SortReverse
            | Action::TrackCommenter => {}
        }
    }

    /// The whole tree again, the selection still in view.
    fn filter_off(&mut self) {
        if self.doc.outline.filter().is_some() {
            self.doc.outline.set_filter(&self.doc.thread, None);
            if let Some(id) = self.selected_comment() {
                self.doc.outline.reveal(&self.doc.thread, id);
            }
        }
    }

    /// `a`: tracks the selected comment's author by exact name, or stops tracking them.
    fn track_author(&mut self) {
        let Some(id) = self.selected_comment() else {
            self.notice = Some("Select a comment to track its author".into());
            return;
        };
        let Some(index) = self.author_index() else {
            return;
        };
        let Some(who) = index.author_of(id) else {
            self.notice = Some("This comment has no author to track".into());
            return;
        };
        let name = snippet(index.name(&self.doc.thread, who), 40);
        if self.doc.search.is_tracked(who) {
            self.doc.search.untrack(who);
            self.notice = Some(format!("No longer tracking {name}"));
            if !self.doc.search.is_active() {
                self.filter_off();
            }
        } else {
            self.doc.search.track(who);
            if self.doc.reader_view == ReaderView::Exchange {
                self.doc.reader_view = ReaderView::Comment;
            }
            let comments = index.stats(who).comments as usize;
            self.notice = Some(format!(
                "Tracking {name}: {} · n/N walk them",
                ui::reader::plural(comments, "comment", "comments")
            ));
        }
    }

    /// `r`: the chain down to the selected comment as one text in the reader, or back.
    fn toggle_context(&mut self) {
        if self.doc.reader_view == ReaderView::Context {
            return self.leave_view();
        }
        if self.selected_comment().is_none() {
            self.notice = Some("Select a comment to read it in context".into());
            return;
        }
        if self.doc.reader_view == ReaderView::Exchange {
            self.leave_view();
        }
        self.doc.reader_view = ReaderView::Context;
        self.doc.focus = Focus::Reader;
    }

    /// `e`: the back-and-forth between the selected comment's author and the author it
    /// answers, as a filter in the outline and one text in the reader; or back.
    fn toggle_exchange(&mut self) {
        if self.doc.reader_view == ReaderView::Exchange {
            return self.leave_view();
        }
        let Some(id) = self.selected_comment() else {
            self.notice = Some(
                "Select a reply: an exchange is between its author and the one it answers".into(),
            );
            return;
        };
        let Some(index) = self.author_index() else {
            return;
        };
        let (Some(a), Some(b)) = (index.author_of(id), index.answers(id)) else {
            self.notice = Some("This comment answers no other known commenter: no exchange".into());
            return;
        };
        self.doc.search.set_exchange(Some((a, b)));
        self.doc.pending_filter = true;
        self.doc.reader_view = ReaderView::Exchange;
        self.doc.focus = Focus::Reader;
    }

    /// Back from the context or exchange view to the selected comment.
    fn leave_view(&mut self) {
        if self.doc.reader_view == ReaderView::Exchange {
            self.doc.search.set_exchange(None);
            self.doc.pending_filter = false;
            self.filter_off();
        }
        self.doc.reader_view = ReaderView::Comment;
        self.doc.focus = Focus::Outline;
    }

    /// `c`: the commenters panel.
    fn open_panel(&mut self) {
        let Some(index) = self.author_index() else {
            return;
        };
        if index.is_empty() {
            self.notice = Some("No commenter has a name in this thread".into());
            return;
        }
        self.doc.panel.open(&self.doc.thread, &index);
        self.mode = Mode::Commenters;
    }

    /// A key in the commenters panel.
    fn update_panel(&mut self, action: Action) {
        let page = (self.layout.panel_rows as isize).max(1);
        let panel = &mut self.doc.panel;
        match action {
            Action::Down => panel.move_by(1),
            Action::Up => panel.move_by(-1),
            Action::PageDown => panel.move_by(page),
            Action::PageUp => panel.move_by(-page),
            Action::HalfPageDown => panel.move_by((page / 2).max(1)),
            Action::HalfPageUp => panel.move_by(-(page / 2).max(1)),
            Action::First => panel.selected = 0,
            Action::Last => panel.select_last(),
            Action::SortNext | Action::SortPrev | Action::SortReverse => {
                let Some(index) = self.doc.authors.get() else {
                    return;
                };
                let (column, reversed) = match action {
                    Action::SortReverse => (panel.sort, !panel.reversed),
                    Action::SortNext => (panel.sort.step(true), false),
                    _ => (panel.sort.step(false), false),
                };
                panel.sort_by(&self.doc.thread, index, column, reversed);
            }
            Action::TrackCommenter => self.track_from_panel(),
            Action::Commenters | Action::ClearSearch | Action::CloseHelp => {
                self.mode = Mode::Normal
            }
            Action::Help => {
                self.mode = Mode::Help {
                    scroll: 0,
                    over_panel: true,
                }
            }
            Action::Quit => self.should_quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Redraw => self.redraw_requested = true,
            _ => {}
        }
    }

    /// Enter in the panel: the commenter is tracked, and the outline goes to their first
    /// comment at or after the selection.
    fn track_from_panel(&mut self) {
        let (Some(who), Some(index)) = (
            self.doc.panel.selected_commenter(),
            self.doc.authors.get().cloned(),
        ) else {
            return;
        };
        self.doc.search.track(who);
        if self.doc.reader_view == ReaderView::Exchange {
            self.doc.reader_view = ReaderView::Comment;
        }
        self.mode = Mode::Normal;
        self.doc.pending_jump = Some(self.doc.outline.selected);
        let name = snippet(index.name(&self.doc.thread, who), 40);
        self.notice = Some(format!("Tracking {name} · n/N walk their comments"));
    }

    /// In the reader, movement keys scroll the text. Returns whether the action was used.
    fn scroll_reader(&mut self, action: Action) -> bool {
        let page = self.reader_page();
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown | Action::ToggleFold => page,
            Action::PageUp => -page,
            Action::HalfPageDown => (page / 2).max(1),
            Action::HalfPageUp => -(page / 2).max(1),
            Action::First => {
                self.scroll_reader_to(ScrollTarget::To(0));
                return true;
            }
            Action::Last => {
                self.scroll_reader_to(ScrollTarget::To(usize::MAX));
                return true;
            }
            _ => return false,
        };
        self.scroll_reader_by(delta);
        true
    }

    fn scroll_reader_by(&mut self, delta: isize) {
        self.scroll_reader_to(ScrollTarget::By(delta));
    }

    /// Scrolls the reader, or, while its text is being laid out, remembers where to.
    fn scroll_reader_to(&mut self, target: ScrollTarget) {
        let doc = &mut self.doc;
        if let (Some(laid), Some(subject)) = (&doc.reader_text, &doc.reader_subject)
            && laid.pending
        {
            let before = match &doc.scroll_while_pending {
                Some((pending, before)) if pending == subject => *before,
                _ => ScrollTarget::By(0),
            };
            doc.scroll_while_pending = Some((subject.clone(), before.then(target)));
            return;
        }
        let visible = self.layout.reader_body_rows;
        let max = self.layout.reader_lines.saturating_sub(visible.max(1));
        self.doc.reader_scroll = target.apply(self.doc.reader_scroll, max);
    }

    /// `/` or `t`: the prompt opens on that search's current text, cursor at its end. The
    /// filtered view steps aside while typing (the whole tree shows the live matches); Esc
    /// gives back both.
    fn start_search(&mut self, kind: PromptKind) {
        if self.doc.reader_view == ReaderView::Exchange {
            self.leave_view();
        }
        let saved_filter = self.doc.outline.take_filter(&self.doc.thread);
        self.doc.prompt = Prompt {
            kind,
            saved_people: self.doc.search.people().clone(),
            saved_text: self.doc.search.text().to_string(),
            saved_filter,
            ..Prompt::default()
        };
        self.doc.prompt.cursor = self.prompt_query().len();
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
            self.notice = Some(format!(
                "No search: press {} to find a commenter, {} to find words",
                self.key_name(Action::StartSearch),
                self.key_name(Action::StartTextSearch)
            ));
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
            format!(
                "Nothing to filter: search with {} or {} first",
                self.key_name(Action::StartSearch),
                self.key_name(Action::StartTextSearch)
            )
        } else if !self.doc.search.is_settled() {
            INDEXING_NOTICE.into()
        } else if self.doc.search.match_count() == 0 && self.doc.search.is_scanning() {
            "Still searching: nothing found to filter yet".into()
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

/// The comments of the exchange window `block` (the search's matches) and the two names.
fn exchange_input(
    thread: &Thread,
    search: &Search,
    authors: &Authors,
    block: usize,
    count: usize,
) -> Option<ExchangeInput> {
    let (a, b) = search.people().exchange?;
    let index = authors.get()?;
    let names = |who: CommenterId| index.name(thread, who).to_string();
    let before = (block * SECTION_WINDOW).min(count);
    let comments: Vec<(usize, bool)> = match search.nth_match(before) {
        Some(first) => search
            .matches_from(first, SECTION_WINDOW)
            .into_iter()
            .map(|id| (id, index.author_of(id) == Some(a)))
            .collect(),
        None => Vec::new(),
    };
    let after = count - before - comments.len().min(count - before);
    Some(ExchangeInput {
        names: (names(a), names(b)),
        comments,
        before,
        after,
    })
}
