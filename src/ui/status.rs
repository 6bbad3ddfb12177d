//! The status line: file, position, folds, the active search with match k of N, a notice,
//! and the keys that matter in the current mode (labels taken from the key table). The
//! help key is always shown; other hints give way on narrow screens.

use super::reader::plural;
use super::thousands;
use crate::action::Action;
use crate::app::{App, Focus, Mode, PromptKind, ReaderView};
use crate::keymap::{KeyMode, Keymap};
use crate::outline::Row;
use crate::text::sanitize::{display_width, sanitize_line};
use crate::text::wrap::{snippet, truncate_to_width};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

const FILE_NAME_MIN_WIDTH: usize = 90;
const ELLIPSIS: &str = "…";

/// A hint: (keys, what they do).
type Hint = (String, &'static str);

/// The first key of each of `actions` where `modes` are in force ("n N"); None when one
/// of them has no key.
pub(super) fn hint_label(keymap: &Keymap, modes: &[KeyMode], actions: &[Action]) -> Option<String> {
    let keys: Option<Vec<String>> = actions
        .iter()
        .map(|&action| {
            keymap
                .keys_for(modes, action)
                .first()
                .map(ToString::to_string)
        })
        .collect();
    keys.map(|keys| keys.join(" "))
}

/// The hints for the current mode, in the order shown, and the one kept on any width. A
/// hint whose action has no key is left out.
fn hints(app: &App) -> (Vec<Hint>, Option<usize>) {
    use Action as A;
    let (wanted, kept): (&[(&[Action], &'static str)], usize) = match app.mode {
        Mode::Prompt { .. } if app.doc.prompt.kind == PromptKind::Commenter => (
            &[
                (&[A::Accept], "keep"),
                (&[A::PickNext, A::Complete], "choose"),
                (&[A::Cancel], "back"),
            ],
            0,
        ),
        Mode::Prompt { .. } => (&[(&[A::Accept], "keep"), (&[A::Cancel], "back")], 0),
        // The question's answers are typed letters, said in the question; a notice about
        // the name needs the room more than Enter and Esc need saying.
        Mode::WriteFile if app.file_prompt.is_confirming() || app.notice.is_some() => (&[], 0),
        Mode::WriteFile => (&[(&[A::Accept], "write"), (&[A::Cancel], "back")], 0),
        Mode::Commenters => (
            &[
                (&[A::TrackCommenter], "track"),
                (&[A::SortNext], "sort"),
                (&[A::SortReverse], "reverse"),
                (&[A::Commenters], "close"),
                (&[A::Help], "help"),
            ],
            4,
        ),
        Mode::Normal if app.doc.reader_view != ReaderView::Comment => (
            &[
                (&[A::Down], "scroll"),
                (&[A::NextMatch, A::PrevMatch], "next/prev"),
                (&[A::ClearSearch], "back"),
                (&[A::Help], "help"),
            ],
            3,
        ),
        Mode::Help { .. } => (
            &[(&[A::Down, A::Up], "scroll"), (&[A::CloseHelp], "close")],
            1,
        ),
        Mode::Normal if app.doc.focus == Focus::Reader => (
            &[
                (&[A::Down], "scroll"),
                (&[A::SwitchFocus], "outline"),
                (&[A::Help], "help"),
                (&[A::Quit], "quit"),
            ],
            2,
        ),
        Mode::Normal if app.doc.search.is_active() => (
            &[
                (&[A::NextMatch, A::PrevMatch], "next/prev"),
                (&[A::ToggleFilter], "filter"),
                (&[A::ClearSearch], "clear"),
                (&[A::Help], "help"),
            ],
            3,
        ),
        Mode::Normal => (
            &[
                (&[A::FoldOrParent], "fold"),
                (&[A::StartSearch], "search"),
                (&[A::SwitchFocus], "reader"),
                (&[A::Help], "help"),
                (&[A::Quit], "quit"),
            ],
            3,
        ),
    };
    let modes = app.key_modes();
    let mut hints = Vec::new();
    let mut kept_index = None;
    // In a library, the way back to the list comes first.
    if app.shelf.is_some()
        && matches!(app.mode, Mode::Normal)
        && let Some(keys) = hint_label(&app.keymap, &modes, &[A::Back])
    {
        hints.push((keys, "list"));
    }
    for (index, &(actions, what)) in wanted.iter().enumerate() {
        if let Some(keys) = hint_label(&app.keymap, &modes, actions) {
            if index == kept {
                kept_index = Some(hints.len());
            }
            hints.push((keys, what));
        }
    }
    (hints, kept_index)
}

fn hint_width((keys, what): &Hint) -> usize {
    display_width(keys) + display_width(what) + 3
}

/// Draws the status line; returns where the cursor goes while the prompt is open.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = app.theme;
    buf.set_style(area, theme.status());
    let width = area.width as usize;
    let (hints, kept) = hints(app);
    // Room the kept hint needs at the right end.
    let reserved = kept
        .and_then(|index| hints.get(index))
        .map_or(0, hint_width)
        .min(width);
    let room = width - reserved;
    let mut left: Vec<Span<'static>> = Vec::new();
    let mut cursor = None;

    if app.mode == Mode::WriteFile {
        let (spans, at) = file_prompt_spans(app, area, room);
        left = spans;
        cursor = at;
    } else if let Mode::Prompt { .. } = app.mode {
        let summary = match_summary(app);
        let summary_width = display_width(&summary) + 1;
        let (label, query) = match app.doc.prompt.kind {
            PromptKind::Commenter => (" /", app.doc.search.part()),
            PromptKind::Text => (" text: ", app.doc.search.text()),
        };
        // The query gets what the match count leaves, but never less than a few columns.
        let query_room = room
            .saturating_sub(label.len() + summary_width)
            .max(room.min(8));
        let (before, after) = query_window(query, app.doc.prompt.cursor, query_room);
        let prompt = format!("{label}{before}");
        cursor = Some(Position::new(
            area.x + display_width(&prompt) as u16,
            area.y,
        ));
        left.push(Span::styled(prompt, theme.status_key()));
        left.push(Span::styled(after, theme.status_key()));
        left.push(Span::raw(" "));
        left.push(Span::raw(summary));
        if let Some(notice) = &app.notice {
            left.push(Span::styled(
                format!(" │ {} ", snippet(notice, width)),
                theme.notice(),
            ));
        }
    } else {
        left = position_spans(app, width);
    }

    let left_width: usize = left.iter().map(|s| display_width(&s.content)).sum();
    Line::from(left).render(Rect::new(area.x, area.y, room as u16, 1), buf);

    // Hints fill what the left part leaves, in order; the kept one has its room reserved.
    let mut budget = width - (left_width + 1).min(room);
    let mut shown: Vec<bool> = (0..hints.len()).map(|index| Some(index) == kept).collect();
    budget = budget.saturating_sub(reserved);
    for (index, hint) in hints.iter().enumerate() {
        if shown[index] {
            continue;
        }
        if hint_width(hint) > budget {
            break;
        }
        shown[index] = true;
        budget -= hint_width(hint);
    }
    let mut right: Vec<Span<'static>> = Vec::new();
    let mut right_width = 0;
    for (hint, _) in hints.iter().zip(&shown).filter(|(_, shown)| **shown) {
        right_width += hint_width(hint);
        let (keys, what) = hint;
        right.push(Span::styled(format!(" {keys}"), theme.status_key()));
        right.push(Span::raw(format!(" {what} ")));
    }
    if right_width > 0 && right_width <= width {
        let x = area.x + (width - right_width) as u16;
        Line::from(right).render(Rect::new(x, area.y, right_width as u16, 1), buf);
    }
    cursor.filter(|c| c.x < area.right())
}

/// The file-name prompt in `room` columns: `write WHAT to: NAME`, or `NAME exists:
/// overwrite? (y/n)`, then a notice; and where the cursor goes. The name is typed text,
/// sanitised like any.
fn file_prompt_spans(app: &App, area: Rect, room: usize) -> (Vec<Span<'static>>, Option<Position>) {
    let theme = app.theme;
    let prompt = &app.file_prompt;
    let mut spans = Vec::new();
    let mut cursor = None;
    // A notice says what is wrong with the name: it keeps its room, the name a few columns.
    let notice = app
        .notice
        .as_deref()
        .map(|notice| format!(" │ {} ", snippet(notice, room)));
    let notice_width = notice.as_deref().map_or(0, display_width);
    if prompt.is_confirming() {
        let question = " exists: overwrite? (y/n) ";
        let name_room = room
            .saturating_sub(display_width(question) + 1 + notice_width)
            .max(8);
        let name = tail_to_width(&sanitize_line(prompt.name.trim()), name_room);
        spans.push(Span::styled(format!(" {name}{question}"), theme.notice()));
    } else {
        // The long label while it leaves room for a name and no notice needs the room.
        let long = format!(" write {} to: ", prompt.what);
        let label = if notice.is_none() && display_width(&long) + 24 <= room {
            long
        } else {
            " file: ".to_string()
        };
        let name_room = room
            .saturating_sub(display_width(&label) + notice_width)
            .max(room.min(8));
        let (before, after) = query_window(&prompt.name, prompt.cursor, name_room);
        let typed = format!("{label}{before}");
        cursor = Some(Position::new(area.x + display_width(&typed) as u16, area.y));
        spans.push(Span::styled(typed, theme.status_key()));
        spans.push(Span::styled(after, theme.status_key()));
    }
    if let Some(notice) = notice {
        spans.push(Span::styled(notice, theme.notice()));
    }
    (spans, cursor)
}

/// File, position, folds, the search and a notice: the left part outside the prompt.
fn position_spans(app: &App, width: usize) -> Vec<Span<'static>> {
    let theme = app.theme;
    let thread = &app.doc.thread;
    let mut left = Vec::new();
    // On narrow screens the keys matter more than the file name.
    if width >= FILE_NAME_MIN_WIDTH {
        left.push(Span::raw(format!(" {} │", snippet(&app.doc.file_name, 30))));
    }
    let position = match app.doc.outline.selected {
        Row::Article => format!(
            "article · {}",
            plural(thread.comment_count(), "comment", "comments")
        ),
        Row::Comment(id) if thread.is_missing(id) => format!("missing · L{}", thread.depth(id)),
        Row::Comment(id) => format!(
            "#{}/{} · L{}",
            thousands(thread.ordinal(id)),
            thousands(thread.comment_count()),
            thread.depth(id)
        ),
    };
    left.push(Span::raw(format!(" {position} ")));
    // The filtered view's folds count rows it does not show: only the whole tree's are told.
    if app.doc.outline.folded_count() > 0 && app.doc.outline.filter().is_none() {
        left.push(Span::raw(format!(
            "│ {} folded ",
            thousands(app.doc.outline.folded_count())
        )));
    }
    if app.doc.search.is_active() {
        let filter = if app.doc.outline.filter().is_some() {
            " [filter]"
        } else {
            ""
        };
        left.push(Span::styled(
            format!("│ {} {}{filter} ", search_summary(app), match_summary(app)),
            theme.status_key(),
        ));
    }
    if let Some(notice) = &app.notice {
        left.push(Span::styled(
            format!("│ {} ", snippet(notice, width)),
            theme.notice(),
        ));
    }
    left
}

/// The query as shown around the cursor in `room` columns: (before, after the cursor). The
/// cursor stays in view: when the query is too long, its start gives way first (that is
/// where the typing is not), marked with '…'.
fn query_window(query: &str, cursor: usize, room: usize) -> (String, String) {
    let cursor = query.floor_char_boundary(cursor.min(query.len()));
    let before = sanitize_line(&query[..cursor]);
    let after = sanitize_line(&query[cursor..]);
    // The cursor cell itself takes a column.
    let room = room.saturating_sub(1);
    let after_width = display_width(&after);
    // When both sides do not fit, the text after the cursor gets what the text before
    // leaves, and at least a third.
    let after_room = after_width.min(room.saturating_sub(display_width(&before)).max(room / 3));
    let after = truncate_to_width(&after, after_room).into_owned();
    let before_room = room.saturating_sub(display_width(&after));
    (tail_to_width(&before, before_room), after)
}

/// The end of `text` (sanitised) in at most `max_cols` columns, starting with '…' when cut.
pub(crate) fn tail_to_width(text: &str, max_cols: usize) -> String {
    if display_width(text) <= max_cols {
        return text.to_string();
    }
    if max_cols == 0 {
        return String::new();
    }
    let mut cols = 1;
    let mut start = text.len();
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        cols += display_width(grapheme);
        if cols > max_cols {
            break;
        }
        start = at;
    }
    format!("{ELLIPSIS}{}", &text[start..])
}

/// What is searched: each tracked commenter, the part of a name, the exchange, the text.
/// `@Jens Holm @occupybacon /dav “gas”`, `occupybacon ⇄ Lone Ranger`.
fn search_summary(app: &App) -> String {
    let search = &app.doc.search;
    let people = search.people();
    let name = |who| {
        app.doc.authors.get().map_or(String::new(), |index| {
            snippet(index.name(&app.doc.thread, who), 20)
        })
    };
    let mut parts = Vec::new();
    if let Some((a, b)) = people.exchange {
        parts.push(format!("{} ⇄ {}", name(a), name(b)));
    }
    parts.extend(people.tracked.iter().map(|&who| format!("@{}", name(who))));
    if !people.part.is_empty() {
        parts.push(format!("/{}", snippet(&people.part, 24)));
    }
    if !search.text().is_empty() {
        parts.push(format!("“{}”", snippet(search.text(), 24)));
    }
    parts.join(" ")
}

/// "3/30" while on a match (match 3 of 30), "-/30" elsewhere, "no match" for none,
/// "indexing…" while the author index is still being built, and how far a text scan is.
fn match_summary(app: &App) -> String {
    let search = &app.doc.search;
    if !search.is_active() {
        return String::new();
    }
    if !search.is_settled() {
        return "indexing…".into();
    }
    let total = search.match_count();
    let scanning = search
        .is_scanning()
        .then(|| format!(" · searching {}%", search.scan_percent(&app.doc.thread)));
    if total == 0 {
        return match scanning {
            Some(progress) => progress.trim_start_matches(" · ").to_string() + "…",
            None => "no match".into(),
        };
    }
    let found = match app.doc.outline.selected {
        Row::Comment(id) if search.is_match(id) => {
            format!(
                "{}/{}",
                thousands(search.match_number(id)),
                thousands(total)
            )
        }
        _ => format!("-/{}", thousands(total)),
    };
    found + scanning.as_deref().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_query_shows_its_end_where_the_cursor_is() {
        let query = "abcdefghijklmnopqrstuvwxyz";
        assert_eq!(
            query_window(query, query.len(), 11),
            ("…rstuvwxyz".into(), String::new())
        );
        assert_eq!(
            query_window(query, 0, 11),
            (String::new(), "abcdefghi…".into())
        );
        assert_eq!(query_window("abc", 1, 11), ("a".into(), "bc".into()));
    }
}
