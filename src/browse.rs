//! How keys move through a library: the list of threads, a commenter's comments across the
//! library and every commenter; opening a thread (at a comment) and coming back.

use crate::action::Action;
use crate::app::{App, Mode};
use crate::document::Document;
use crate::keymap::KeyMode;
use crate::outline::Row;
use crate::shelf::{Input, ListRow, Purpose, ResultRow, Shelf, View};
use crate::thread::Thread;
use crate::ui;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// Candidates shown under the commenter prompt.
pub const PICKER_ROWS: usize = 8;

impl App {
    /// A library of the threads `shelf` holds, opening on its list.
    pub fn with_library(shelf: Shelf) -> App {
        let mut app = App::new(Thread::default(), String::new());
        app.notice = None;
        app.shelf = Some(shelf);
        app.view = View::List;
        app
    }

    /// Files are still being read or indexed: the loop looks for news often.
    pub fn is_loading(&self) -> bool {
        self.shelf.as_ref().is_some_and(|s| s.loading.is_some())
    }

    /// The library views: keep the selection on screen.
    pub(crate) fn prepare_library(&mut self, area: Rect) {
        let view = self.view;
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let height = ui::library::body_height(area, shelf);
        match view {
            View::List => shelf.list.cursor.scroll(height, shelf.list.rows.len()),
            View::Results => {
                if let Some(results) = shelf.results.as_mut() {
                    results.cursor.scroll(height, results.rows.len());
                }
            }
            View::Commenters => {
                let len = shelf.commenters.order.len();
                shelf.commenters.cursor.scroll(height, len);
            }
            View::Thread => {}
        }
    }

    pub(crate) fn on_library_key(&mut self, key: KeyEvent) {
        if self.shelf.as_ref().is_some_and(|s| s.input.is_some()) {
            return self.on_input_key(key);
        }
        if let Some(action) = self.keymap.lookup(&[KeyMode::List], key) {
            self.update(action);
        }
    }

    /// An action in a library view.
    pub(crate) fn library_update(&mut self, action: Action) {
        let page = (self.layout.list_height as isize).max(1);
        let view = self.view;
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let (cursor, len) = match view {
            View::List => (&mut shelf.list.cursor, shelf.list.rows.len()),
            View::Results => match shelf.results.as_mut() {
                Some(results) => (&mut results.cursor, results.rows.len()),
                None => return,
            },
            View::Commenters => (&mut shelf.commenters.cursor, shelf.commenters.order.len()),
            View::Thread => return,
        };
        cursor.held = true;
        match action {
            Action::Down => cursor.move_by(1, len),
            Action::Up => cursor.move_by(-1, len),
            Action::PageDown => cursor.move_by(page, len),
            Action::PageUp => cursor.move_by(-page, len),
            Action::HalfPageDown => cursor.move_by((page / 2).max(1), len),
            Action::HalfPageUp => cursor.move_by(-(page / 2).max(1), len),
            Action::First => cursor.selected = 0,
            Action::Last => cursor.to_end(len),
            Action::ToggleFoldOrRead | Action::UnfoldOrChild | Action::ToggleFold => {
                self.open_selected()
            }
            Action::StartSearch if view == View::List => {
                let filter = shelf.list.filter.clone();
                shelf.input = Some(Input::new(Purpose::FilterTitles, filter));
            }
            Action::StartSearch | Action::FindCommenter => self.start_find_commenter(),
            Action::Sort | Action::ReverseSort | Action::ShowCommenters => {
                self.library_action(action)
            }
            Action::ClearSearch | Action::FoldOrParent | Action::Back => self.library_back(),
            Action::CopyComment | Action::CopySubthread => {
                self.copy_from_results(action == Action::CopySubthread)
            }
            Action::WriteFile => {
                self.notice = Some("Open a thread to write it, or a part of it, to a file".into())
            }
            Action::Help => {
                self.mode = Mode::Help {
                    scroll: 0,
                    over_panel: false,
                }
            }
            Action::Quit => self.should_quit = true,
            Action::Suspend => self.suspend_requested = true,
            Action::Redraw => self.redraw_requested = true,
            _ => {}
        }
    }

    /// Sorting and the library-wide views, from any view.
    pub(crate) fn library_action(&mut self, action: Action) {
        let Some(shelf) = self.shelf.as_mut() else {
            self.notice = Some("One thread is open: there is no library".into());
            return;
        };
        match action {
            Action::Sort | Action::ReverseSort if self.view == View::Commenters => {
                let list = &mut shelf.commenters;
                if action == Action::Sort {
                    list.sort = list.sort.next();
                } else {
                    list.reverse = !list.reverse;
                }
                list.rebuild(&shelf.library);
                self.notice = Some(format!("Commenters by {}", list.sort.name()));
            }
            Action::Sort | Action::ReverseSort => {
                let list = &mut shelf.list;
                if action == Action::Sort {
                    list.sort = list.sort.next();
                } else {
                    list.reverse = !list.reverse;
                }
                list.rebuild(&shelf.library);
                self.view = View::List;
                self.notice = Some(format!(
                    "Threads by {}{}",
                    list.sort.name(),
                    if list.reverse { ", reversed" } else { "" }
                ));
            }
            Action::ShowCommenters => {
                if shelf.library.commenters.is_none() {
                    self.notice = Some("Still reading the library: commenters in a moment".into());
                    return;
                }
                self.leave_thread();
                self.view = View::Commenters;
            }
            Action::FindCommenter => self.start_find_commenter(),
            _ => {}
        }
    }

    fn start_find_commenter(&mut self) {
        if self.shelf.is_none() {
            return;
        }
        // While the library is still being read the prompt opens all the same: what is typed
        // is kept, and the names are listed once the commenters are indexed (letters must
        // never fall through to the list, where `l` opens a thread).
        self.leave_thread();
        if let Some(shelf) = self.shelf.as_mut() {
            shelf.input = Some(Input::new(Purpose::FindCommenter, String::new()));
        }
    }

    /// Esc, h or Backspace in a library view: a filter goes first, then back to the list.
    fn library_back(&mut self) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        match self.view {
            View::List if !shelf.list.filter.is_empty() => {
                shelf.list.filter.clear();
                shelf.list.rebuild(&shelf.library);
            }
            View::Results | View::Commenters => self.view = View::List,
            _ => {}
        }
    }

    /// Backspace in a thread: park it and go back where it was opened from.
    pub(crate) fn back_to_library(&mut self) {
        let Some(shelf) = self.shelf.as_ref() else {
            self.notice = Some("One thread is open: there is no list to go back to".into());
            return;
        };
        let back = shelf.back_to;
        self.leave_thread();
        self.view = back;
    }

    /// Parks the open document, if any; the app shows a library view next.
    fn leave_thread(&mut self) {
        if self.view != View::Thread {
            return;
        }
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        if let Some(open) = shelf.open.take() {
            let doc = std::mem::replace(
                &mut self.doc,
                Document::new(Thread::default(), String::new()),
            );
            shelf.park(open, doc);
        }
        self.mode = Mode::Normal;
    }

    /// Enter in a library view.
    fn open_selected(&mut self) {
        let Some(shelf) = self.shelf.as_ref() else {
            return;
        };
        match self.view {
            View::List => match shelf.list.rows.get(shelf.list.cursor.selected) {
                Some(&ListRow::Thread(entry)) => self.open_entry(entry, None, View::List),
                Some(&ListRow::File(file)) => {
                    let row = &shelf.library.files[file];
                    self.notice = Some(match &row.state {
                        crate::library::FileState::Waiting => "Still reading this file".into(),
                        crate::library::FileState::Skipped(why)
                        | crate::library::FileState::Failed(why) => why.clone(),
                        crate::library::FileState::Loaded { .. } => String::new(),
                    });
                }
                None => {}
            },
            View::Results => {
                let Some(results) = shelf.results.as_ref() else {
                    return;
                };
                match results.rows.get(results.cursor.selected) {
                    Some(&ResultRow::Comment { entry, node }) => {
                        self.open_entry(entry, Some(node), View::Results)
                    }
                    Some(&ResultRow::Thread { entry, .. }) => {
                        self.open_entry(entry, None, View::Results)
                    }
                    None => {}
                }
            }
            View::Commenters => {
                let commenters = &shelf.commenters;
                if let Some(&index) = commenters.order.get(commenters.cursor.selected) {
                    let name = shelf
                        .library
                        .commenters
                        .as_ref()
                        .map(|c| c.list()[index].name.clone())
                        .unwrap_or_default();
                    self.show_results(name, true, vec![index]);
                }
            }
            View::Thread => {}
        }
    }

    /// Opens a thread of the library where it was left (or at comment `node`).
    pub fn open_entry(&mut self, entry: usize, node: Option<usize>, from: View) {
        self.leave_thread();
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        if entry >= shelf.library.entries.len() {
            return;
        }
        let doc = shelf.unpark(entry);
        shelf.open = Some(entry);
        shelf.back_to = from;
        let notes = match &shelf.library.files[shelf.library.entries[entry].file].state {
            crate::library::FileState::Loaded { notes, .. } => notes.first().cloned(),
            _ => None,
        };
        self.doc = doc;
        self.view = View::Thread;
        self.mode = Mode::Normal;
        if let Some(node) = node {
            self.doc.outline.reveal(&self.doc.thread, node);
        }
        self.index_in_background();
        // What the file left out says more than that no comment is left.
        self.notice = notes;
        if self.notice.is_none()
            && self.doc.outline.selected == Row::Article
            && self.doc.thread.is_empty()
        {
            self.notice = Some("This thread has no comments".into());
        }
    }

    /// `y`/`Y` in a library view: a comment of the results, else nothing to copy.
    fn copy_from_results(&mut self, subthread: bool) {
        let row = match (self.view, self.shelf.as_ref()) {
            (View::Results, Some(shelf)) => shelf.results.as_ref().and_then(|results| {
                let row = results.rows.get(results.cursor.selected)?;
                match *row {
                    ResultRow::Comment { entry, node } => {
                        let thread = shelf.library.entries.get(entry)?;
                        Some((std::sync::Arc::clone(&thread.thread), node))
                    }
                    ResultRow::Thread { .. } => None,
                }
            }),
            _ => None,
        };
        match row {
            Some((thread, node)) => self.copy_comment(&thread, node, subthread),
            None => self.notice = Some("Select a comment, or open a thread, to copy it".into()),
        }
    }

    /// Shows every comment of `commenters` across the library.
    fn show_results(&mut self, query: String, exact: bool, commenters: Vec<usize>) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let results = shelf.results_for(query, exact, &commenters);
        if results.comments == 0 {
            self.notice = Some(format!("No commenter matches “{}”", results.query));
            return;
        }
        shelf.results = Some(results);
        self.view = View::Results;
    }

    /// A key while a line is typed in a library view.
    fn on_input_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let Some(input) = shelf.input.as_mut() else {
            return;
        };
        let before = input.text[..input.cursor]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        let after = input.text[input.cursor..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        match key.code {
            KeyCode::Char('c') if ctrl => self.should_quit = true,
            KeyCode::Char('u') if ctrl => {
                input.text.replace_range(..input.cursor, "");
                input.cursor = 0;
            }
            KeyCode::Char(c)
                if !ctrl && input.text.chars().count() < crate::search::MAX_QUERY_CHARS =>
            {
                input.text.insert(input.cursor, c);
                input.cursor += c.len_utf8();
            }
            KeyCode::Backspace if before > 0 => {
                input.cursor -= before;
                input
                    .text
                    .replace_range(input.cursor..input.cursor + before, "");
            }
            KeyCode::Delete if after > 0 => {
                input
                    .text
                    .replace_range(input.cursor..input.cursor + after, "");
            }
            KeyCode::Left => input.cursor -= before,
            KeyCode::Right => input.cursor += after,
            KeyCode::Home => input.cursor = 0,
            KeyCode::End => input.cursor = input.text.len(),
            KeyCode::Down | KeyCode::Tab => {
                let len = input.candidates.len().min(PICKER_ROWS);
                if len > 0 {
                    input.picked = Some(input.picked.map_or(0, |p| (p + 1) % len));
                }
                return;
            }
            KeyCode::Up | KeyCode::BackTab => {
                let len = input.candidates.len().min(PICKER_ROWS);
                if len > 0 {
                    input.picked = Some(input.picked.map_or(len - 1, |p| (p + len - 1) % len));
                }
                return;
            }
            KeyCode::Enter => return self.finish_input(),
            KeyCode::Esc => {
                let input = shelf.input.take();
                if let Some(input) = input
                    && input.purpose == Purpose::FilterTitles
                {
                    shelf.list.filter = input.saved;
                    shelf.list.rebuild(&shelf.library);
                }
                return;
            }
            _ => return,
        }
        // The text changed: the list filters as it is typed; the commenters are listed.
        input.picked = None;
        match input.purpose {
            Purpose::FilterTitles => {
                shelf.list.filter = input.text.clone();
                shelf.list.rebuild(&shelf.library);
                shelf.list.cursor.selected = 0;
            }
            Purpose::FindCommenter => {
                input.candidates = shelf
                    .library
                    .commenters
                    .as_ref()
                    .map(|c| c.matching(&input.text))
                    .unwrap_or_default();
            }
        }
    }

    /// Enter in a library prompt: the filter stays, or the commenter's comments show.
    fn finish_input(&mut self) {
        let Some(shelf) = self.shelf.as_mut() else {
            return;
        };
        let Some(input) = shelf.input.take() else {
            return;
        };
        match input.purpose {
            Purpose::FilterTitles => {
                if shelf.list.rows.is_empty() {
                    self.notice = Some(format!("No thread's title holds “{}”", input.text));
                }
            }
            Purpose::FindCommenter => {
                let Some(index) = shelf.library.commenters.as_ref() else {
                    shelf.input = Some(input);
                    self.notice =
                        Some("Still reading the library: Enter again once it is read".into());
                    return;
                };
                let picked = input.picked.and_then(|p| input.candidates.get(p)).copied();
                match picked {
                    Some(one) => {
                        let name = index.list()[one].name.clone();
                        self.show_results(name, true, vec![one]);
                    }
                    None if input.text.trim().is_empty() => {}
                    None => {
                        let all = index.matching(&input.text);
                        self.show_results(input.text, false, all);
                    }
                }
            }
        }
    }
}
