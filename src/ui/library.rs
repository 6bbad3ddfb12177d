//! The library views: the list of threads, a commenter's comments across the library and
//! every commenter, each a header, a table and a status line; only the rows on screen are
//! built. Every name, title and file name goes through the sanitiser (`snippet`).

use super::reader::plural;
use super::thousands;
use crate::app::App;
use crate::browse::PICKER_ROWS;
use crate::library::{FileState, Library};
use crate::shelf::{Input, ListRow, Purpose, ResultRow, Shelf, View};
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width};
use crate::thread::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Widget};

/// Rows above the table (the header and the column names) and below it (the status line).
const CHROME_ROWS: u16 = 3;

/// Rows the table has in `area`.
pub fn body_height(area: Rect, _shelf: &Shelf) -> usize {
    area.height.saturating_sub(CHROME_ROWS) as usize
}

fn date(time: Option<Timestamp>) -> String {
    match time {
        Some(time) => {
            let (y, m, d, ..) = time.civil();
            format!("{y:04}-{m:02}-{d:02}")
        }
        None => String::new(),
    }
}

/// A cell: the text cut to `width` columns and padded to it (right-aligned for numbers).
fn cell(text: &str, width: usize, right: bool) -> String {
    let text = snippet(text, width);
    let pad = width.saturating_sub(display_width(&text));
    if right {
        format!("{}{text}", " ".repeat(pad))
    } else {
        format!("{text}{}", " ".repeat(pad))
    }
}

/// Draws a library view; returns where the cursor goes while a line is typed, and the rows
/// of its table.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> (Option<Position>, usize) {
    let Some(shelf) = app.shelf.as_ref() else {
        return (None, 0);
    };
    let theme = app.theme;
    let [header, headings, body, status] = split(area);
    draw_header(app, shelf, header, buf);
    let height = body.height as usize;
    match app.view {
        View::List => draw_list(app, shelf, headings, body, buf),
        View::Results => draw_results(app, shelf, headings, body, buf),
        View::Commenters => draw_commenters(app, shelf, headings, body, buf),
        View::Thread => {}
    }
    if let Some(input) = &shelf.input
        && input.purpose == Purpose::FindCommenter
    {
        draw_picker(app, &shelf.library, input, body, buf);
    }
    buf.set_style(status, theme.status());
    let cursor = draw_status(app, shelf, status, buf);
    (cursor, height)
}

fn split(area: Rect) -> [Rect; 4] {
    let row = |y: u16, h: u16| Rect::new(area.x, area.y + y, area.width, h);
    let body = area.height.saturating_sub(CHROME_ROWS);
    [
        row(0, 1.min(area.height)),
        row(1, 1.min(area.height.saturating_sub(1))),
        row(2, body),
        row(area.height.saturating_sub(1), 1.min(area.height)),
    ]
}

fn draw_header(app: &App, shelf: &Shelf, area: Rect, buf: &mut Buffer) {
    let library = &shelf.library;
    let progress = library.progress;
    let files = library.files.len();
    let mut text = match app.view {
        View::Results => match &shelf.results {
            Some(results) => format!(
                " {} “{}”: {} in {}",
                if results.exact {
                    "Commenter"
                } else {
                    "Commenters matching"
                },
                snippet(&results.query, 40),
                plural(results.comments, "comment", "comments"),
                plural(results.rows.len() - results.comments, "thread", "threads"),
            ),
            None => String::new(),
        },
        View::Commenters => format!(
            " Commenters of the library: {} · by {}{}",
            thousands(library.commenters.as_ref().map_or(0, |c| c.len())),
            shelf.commenters.sort.name(),
            if shelf.commenters.reverse {
                ", reversed"
            } else {
                ""
            }
        ),
        _ => format!(
            " Library: {} in {}{} · by {}{}",
            count(library.entries.len(), "thread", "threads"),
            count(files, "file", "files"),
            match library.progress.files_with_notes {
                0 => String::new(),
                1 => " (1 with a note, shown when opened)".to_string(),
                n => format!(" ({} with notes, shown when opened)", thousands(n)),
            },
            shelf.list.sort.name(),
            if shelf.list.reverse { ", reversed" } else { "" }
        ),
    };
    if !progress.finished {
        let share = if progress.bytes_total > 0 {
            progress.bytes_done as f64 / progress.bytes_total as f64
        } else if progress.files_total > 0 {
            progress.files_done as f64 / progress.files_total as f64
        } else {
            0.0
        };
        let bar_width = 20;
        let full = ((share * bar_width as f64).round() as usize).min(bar_width);
        text.push_str(&format!(
            "  reading ▕{}{}▏ {} of {} files · {} of {} MB",
            "█".repeat(full),
            " ".repeat(bar_width - full),
            thousands(progress.files_done),
            thousands(progress.files_total),
            thousands((progress.bytes_done >> 20) as usize),
            thousands((progress.bytes_total >> 20) as usize),
        ));
    }
    let line = truncate_to_width(&text, area.width as usize).into_owned();
    Line::styled(line, app.theme.title()).render(area, buf);
}

/// Which list columns fit, and how wide the flexible ones are.
struct Columns {
    title: usize,
    date: bool,
    file: usize,
    format: bool,
    top: usize,
}

const DATE: usize = 10;
const COUNT: usize = 9;
const FORMAT: usize = 10;

fn columns(width: usize) -> Columns {
    let date = width >= 60;
    let format = width >= 120;
    let fixed = 2 * COUNT + if date { DATE + 1 } else { 0 } + if format { FORMAT + 1 } else { 0 };
    let rest = width.saturating_sub(fixed + 2);
    let (title, file, top) = if width >= 140 {
        (
            rest * 4 / 10,
            rest * 3 / 10,
            rest - rest * 4 / 10 - rest * 3 / 10,
        )
    } else if width >= 80 {
        (rest * 6 / 10, rest - rest * 6 / 10, 0)
    } else {
        (rest, 0, 0)
    };
    Columns {
        title,
        date,
        file,
        format,
        top,
    }
}

fn headings_line(cols: &Columns) -> String {
    let mut line = format!(" {}", cell("Title", cols.title, false));
    if cols.date {
        line.push_str(&format!(" {}", cell("Date", DATE, false)));
    }
    line.push_str(&cell("Comments", COUNT, true));
    line.push_str(&cell("People", COUNT, true));
    if cols.format {
        line.push_str(&format!(" {}", cell("Format", FORMAT, false)));
    }
    if cols.file > 0 {
        line.push_str(&format!(" {}", cell("File", cols.file, false)));
    }
    if cols.top > 0 {
        line.push_str(&format!(" {}", cell("Most active", cols.top, false)));
    }
    line
}

fn draw_list(app: &App, shelf: &Shelf, headings: Rect, body: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let width = body.width as usize;
    let cols = columns(width);
    let list = &shelf.list;
    let heading = headings_line(&cols);
    Line::styled(truncate_to_width(&heading, width).into_owned(), theme.dim())
        .render(headings, buf);
    let library = &shelf.library;
    if list.rows.is_empty() {
        let text = if list.filter.is_empty() {
            "No threads yet".to_string()
        } else {
            format!(
                "No thread's title holds “{}” (Esc clears the filter)",
                snippet(&list.filter, 40)
            )
        };
        Line::styled(text, theme.dim()).render(Rect::new(body.x, body.y, body.width, 1), buf);
        return;
    }
    for (offset, index) in (list.cursor.top..list.rows.len())
        .take(body.height as usize)
        .enumerate()
    {
        let area = Rect::new(body.x, body.y + offset as u16, body.width, 1);
        let (text, style) = match list.rows[index] {
            ListRow::Thread(entry) => (thread_row(library, entry, &cols), Style::new()),
            ListRow::File(file) => file_row(app, library, file, &cols),
        };
        let line = truncate_to_width(&text, width).into_owned();
        Line::styled(line, style).render(area, buf);
        if index == list.cursor.selected {
            buf.set_style(area, theme.selected_row());
        }
    }
}

fn thread_row(library: &Library, entry: usize, cols: &Columns) -> String {
    let e = &library.entries[entry];
    let title = if e.thread.title().is_empty() {
        "(untitled)"
    } else {
        e.thread.title()
    };
    let mut line = format!(" {}", cell(title, cols.title, false));
    if cols.date {
        // The time when the source gives one, else the date line as the page wrote it.
        let shown = match e.summary.time {
            Some(_) => date(e.summary.time),
            None => e.thread.date().unwrap_or_default().to_string(),
        };
        line.push_str(&format!(" {}", cell(&shown, DATE, false)));
    }
    line.push_str(&cell(&thousands(e.summary.comments), COUNT, true));
    line.push_str(&cell(&thousands(e.summary.commenters), COUNT, true));
    if cols.format {
        line.push_str(&format!(" {}", cell(e.format.name(), FORMAT, false)));
    }
    if cols.file > 0 {
        line.push_str(&format!(
            " {}",
            cell(&library.entry_name(entry), cols.file, false)
        ));
    }
    if cols.top > 0 {
        let top: Vec<String> = e
            .summary
            .top
            .iter()
            .map(|(name, count)| format!("{} ({count})", snippet(name, 24)))
            .collect();
        line.push_str(&format!(" {}", cell(&top.join(", "), cols.top, false)));
    }
    line
}

fn file_row(app: &App, library: &Library, file: usize, cols: &Columns) -> (String, Style) {
    let row = &library.files[file];
    let (what, style) = match &row.state {
        FileState::Waiting => ("reading…".to_string(), app.theme.dim()),
        FileState::Skipped(why) => (format!("skipped: {why}"), app.theme.dim()),
        FileState::Failed(why) => (format!("cannot be read: {why}"), app.theme.notice()),
        FileState::Loaded { .. } => (String::new(), Style::new()),
    };
    let name_width = cols.title.max(20);
    let text = format!(
        " {} {}",
        cell(&row.shown, name_width, false),
        snippet(&what, 200)
    );
    (text, style)
}

fn draw_results(app: &App, shelf: &Shelf, headings: Rect, body: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let width = body.width as usize;
    let Some(results) = &shelf.results else {
        return;
    };
    Line::styled(
        truncate_to_width(
            " Thread / #position  date        commenter            text",
            width,
        )
        .into_owned(),
        theme.dim(),
    )
    .render(headings, buf);
    let library = &shelf.library;
    for (offset, index) in (results.cursor.top..results.rows.len())
        .take(body.height as usize)
        .enumerate()
    {
        let area = Rect::new(body.x, body.y + offset as u16, body.width, 1);
        let line = match results.rows[index] {
            ResultRow::Thread { entry, count } => {
                let e = &library.entries[entry];
                let title = if e.thread.title().is_empty() {
                    "(untitled)"
                } else {
                    e.thread.title()
                };
                Line::from(vec![
                    Span::styled(" ▣ ", theme.dim()),
                    Span::styled(snippet(title, width / 2), theme.title()),
                    Span::styled(
                        format!(
                            "  {} · {} comment{}",
                            snippet(&library.entry_name(entry), 40),
                            thousands(count),
                            if count == 1 { "" } else { "s" }
                        ),
                        theme.dim(),
                    ),
                ])
            }
            ResultRow::Comment { entry, node } => {
                let thread = &library.entries[entry].thread;
                let author = thread.author(node).unwrap_or("(unknown)");
                let head = format!(
                    "   {:>8}  {:<10}  ",
                    format!("#{}", thousands(thread.ordinal(node))),
                    date(thread.time(node)),
                );
                let name = cell(author, 20, false);
                let used = display_width(&head) + display_width(&name) + 1;
                let text = snippet(thread.body(node), width.saturating_sub(used));
                Line::from(vec![
                    Span::styled(head, theme.dim()),
                    Span::styled(name, theme.author(None)),
                    Span::raw(" "),
                    Span::styled(text, theme.snippet()),
                ])
            }
        };
        line.render(area, buf);
        if index == results.cursor.selected {
            buf.set_style(area, theme.selected_row());
        }
    }
}

fn draw_commenters(app: &App, shelf: &Shelf, headings: Rect, body: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let width = body.width as usize;
    let list = &shelf.commenters;
    let Some(index) = &shelf.library.commenters else {
        return;
    };
    let name_width = width
        .saturating_sub(2 * COUNT + 2 * (DATE + 2) + 2)
        .clamp(10, 40);
    let heading = format!(
        " {}{}{}  {}  {}",
        cell("Commenter", name_width, false),
        cell("Comments", COUNT, true),
        cell("Threads", COUNT, true),
        cell("First seen", DATE, false),
        cell("Last seen", DATE, false),
    );
    Line::styled(truncate_to_width(&heading, width).into_owned(), theme.dim())
        .render(headings, buf);
    for (offset, row) in (list.cursor.top..list.order.len())
        .take(body.height as usize)
        .enumerate()
    {
        let area = Rect::new(body.x, body.y + offset as u16, body.width, 1);
        let c = &index.list()[list.order[row]];
        let text = format!(
            " {}{}{}  {}  {}",
            cell(&c.name, name_width, false),
            cell(&thousands(c.comments), COUNT, true),
            cell(&thousands(c.threads), COUNT, true),
            cell(&date(c.first), DATE, false),
            cell(&date(c.last), DATE, false),
        );
        Line::raw(truncate_to_width(&text, width).into_owned()).render(area, buf);
        if row == list.cursor.selected {
            buf.set_style(area, theme.selected_row());
        }
    }
}

/// The commenters matching what is typed, over the bottom of the table.
fn draw_picker(app: &App, library: &Library, input: &Input, body: Rect, buf: &mut Buffer) {
    let shown = input.candidates.len().min(PICKER_ROWS);
    let rows = (shown.max(1) as u16).min(body.height);
    if rows == 0 {
        return;
    }
    let area = Rect::new(body.x, body.bottom() - rows, body.width, rows);
    Clear.render(area, buf);
    let width = area.width as usize;
    let Some(index) = &library.commenters else {
        let text = " Reading the library: the names show when it is read";
        Line::styled(truncate_to_width(text, width).into_owned(), app.theme.dim())
            .render(area, buf);
        return;
    };
    if shown == 0 {
        let text = if input.text.trim().is_empty() {
            " Type part of a name; ↑↓ pick one, Enter shows their comments".to_string()
        } else {
            format!(" No commenter’s name holds “{}”", snippet(&input.text, 40))
        };
        Line::styled(
            truncate_to_width(&text, width).into_owned(),
            app.theme.dim(),
        )
        .render(area, buf);
        return;
    }
    for (offset, &candidate) in input.candidates.iter().take(shown).enumerate() {
        let c = &index.list()[candidate];
        let text = format!(
            " {} {} in {}",
            cell(&c.name, 30.min(width), false),
            plural(c.comments, "comment", "comments"),
            plural(c.threads, "thread", "threads")
        );
        let line_area = Rect::new(area.x, area.y + offset as u16, area.width, 1);
        Line::raw(truncate_to_width(&text, width).into_owned()).render(line_area, buf);
        if input.picked == Some(offset) {
            buf.set_style(line_area, app.theme.selected_row());
        }
    }
}

fn draw_status(app: &App, shelf: &Shelf, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = app.theme;
    let width = area.width as usize;
    if let Some(input) = &shelf.input {
        let label = match input.purpose {
            Purpose::FilterTitles => " Title: ",
            Purpose::FindCommenter => " Commenter: ",
        };
        let before = snippet(
            &input.text[..input.cursor],
            width.saturating_sub(label.len() + 2),
        );
        let after = snippet(&input.text[input.cursor..], width);
        let shown = format!("{label}{before}");
        let cursor = Position::new(area.x + display_width(&shown) as u16, area.y);
        Line::from(vec![
            Span::styled(shown, theme.status_key()),
            Span::styled(after, theme.status_key()),
        ])
        .render(area, buf);
        return (cursor.x < area.right()).then_some(cursor);
    }
    let mut left = String::new();
    if let Some(notice) = &app.notice {
        left = format!(" {} ", snippet(notice, width));
    } else if app.view == View::List && !shelf.list.filter.is_empty() {
        left = format!(" title holds “{}” ", snippet(&shelf.list.filter, 30));
    }
    let hints: &[(&str, &str)] = match app.view {
        View::List => &[
            ("Enter", "open"),
            ("/", "title"),
            ("@", "commenter"),
            ("C", "commenters"),
            ("s", "sort"),
            ("?", "help"),
            ("q", "quit"),
        ],
        _ => &[
            ("Enter", "open"),
            ("Esc", "list"),
            ("s", "sort"),
            ("?", "help"),
            ("q", "quit"),
        ],
    };
    let left_width = display_width(&left);
    Line::styled(left, theme.notice()).render(area, buf);
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, what) in hints {
        let w = display_width(keys) + display_width(what) + 3;
        if left_width + used + w + 1 > width {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {keys}"), theme.status_key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    if used > 0 {
        let x = area.x + (width - used) as u16;
        Line::from(spans).render(Rect::new(x, area.y, used as u16, 1), buf);
    }
    None
}

/// `n` things, with the number even when it is 0 ("0 files" while the folder is walked).
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}
