//! The commenters panel, full screen: every commenter with their figures in sortable
//! columns, and for the selected one whom they answer most and who answers them most.
//! Only the rows on screen are built; the order and the partners are settled in
//! `App::prepare` (see panel.rs).

use super::theme::Theme;
use super::thousands;
use crate::app::App;
use crate::panel::Column;
use crate::text::sanitize::display_width;
use crate::text::wrap::{snippet, truncate_to_width};
use crate::thread::{AuthorIndex, CommenterId, CommenterStats, Thread};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Widget};

/// Rows under the table for the selected commenter's partners, and a rule above them.
const PARTNER_ROWS: u16 = 3;
const MIN_NAME_COLUMNS: usize = 12;

/// The parts of the panel inside `main` (the screen above the status line).
struct Parts {
    heading: Rect,
    table: Rect,
    partners: Option<Rect>,
}

fn block(theme: Theme) -> Block<'static> {
    Block::bordered()
        .border_type(theme.border_type(true))
        .border_style(theme.border(true))
        .padding(Padding::horizontal(1))
}

fn parts(main: Rect, theme: Theme) -> Parts {
    let inner = block(theme).inner(main);
    let heading = Rect::new(inner.x, inner.y, inner.width, inner.height.min(1));
    let rest = inner.height.saturating_sub(1);
    let with_partners = rest > PARTNER_ROWS + 3;
    let table_height = if with_partners {
        rest - PARTNER_ROWS
    } else {
        rest
    };
    let table = Rect::new(inner.x, inner.y + 1, inner.width, table_height);
    let partners =
        with_partners.then(|| Rect::new(inner.x, table.bottom(), inner.width, PARTNER_ROWS));
    Parts {
        heading,
        table,
        partners,
    }
}

/// How many commenters fit on a screen of `area` (the whole terminal).
pub fn table_rows(area: Rect) -> usize {
    let main = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    parts(main, Theme::default()).table.height as usize
}

/// A column's width: its heading, or its widest figure.
fn width_of(column: Column, with_times: bool) -> usize {
    match column {
        Column::Name => 0,
        // "#1,000,000" and a date.
        Column::First | Column::Last if with_times => 21,
        Column::First | Column::Last => 10,
        Column::Words => 11,
        // Room for the heading and the sort arrow.
        other => (other.title().len() + 1).max(7),
    }
}

fn cell(thread: &Thread, stats: &CommenterStats, column: Column) -> String {
    let at = |node: u32| {
        let node = node as usize;
        let mut text = format!("#{}", thousands(thread.ordinal(node)));
        if let Some(time) = thread.time(node) {
            text.push(' ');
            text.push_str(&super::readable_date(time));
        }
        text
    };
    match column {
        Column::Name => String::new(),
        Column::Comments => thousands(stats.comments as usize),
        Column::TopLevel => thousands(stats.top_level as usize),
        Column::Written => thousands(stats.replies_written as usize),
        Column::Received => thousands(stats.replies_received as usize),
        Column::People => thousands(stats.people_answered as usize),
        Column::Words => thousands(stats.words as usize),
        Column::First => at(stats.first),
        Column::Last => at(stats.last),
    }
}

/// The columns that fit `width` after the name's minimum, in order (the last ones give way).
fn columns(width: usize, with_times: bool) -> Vec<Column> {
    let mut used = MIN_NAME_COLUMNS;
    let mut shown = vec![Column::Name];
    for column in Column::ALL.into_iter().skip(1) {
        let needed = width_of(column, with_times) + 1;
        if used + needed > width {
            break;
        }
        used += needed;
        shown.push(column);
    }
    shown
}

/// Draws the panel; returns how many commenters the table shows at once (paging).
pub fn draw(app: &App, main: Rect, buf: &mut Buffer) -> usize {
    if main.is_empty() {
        return 0;
    }
    let theme = app.theme;
    let thread = &app.doc.thread;
    let panel = &app.doc.panel;
    let Some(index) = app.doc.authors.get() else {
        return 0;
    };
    let order = if panel.reversed { " ▲" } else { " ▼" };
    let title = format!(
        " Commenters · {} · by {}{order} ",
        thousands(index.len()),
        panel.sort.meaning()
    );
    let block = block(theme)
        .title(title)
        .title_bottom(" h/l sort · r reverse · Enter track · Esc close ");
    block.render(main, buf);
    let parts = parts(main, theme);
    let width = parts.table.width as usize;
    let with_times = index
        .by_count()
        .first()
        .is_some_and(|&who| thread.time(index.stats(who).first as usize).is_some());
    let shown = columns(width, with_times);
    let figures: usize = shown
        .iter()
        .skip(1)
        .map(|&c| width_of(c, with_times) + 1)
        .sum();
    let name_width = width.saturating_sub(figures);

    // The heading: the sorted column marked.
    let mut heading = Vec::new();
    for &column in &shown {
        let mut title = column.title().to_string();
        if column == panel.sort {
            title.push_str(order.trim_start());
        }
        let style = if column == panel.sort {
            theme.title()
        } else {
            theme.dim()
        };
        heading.push(Span::styled(
            fit(&title, column, name_width, with_times),
            style,
        ));
    }
    Line::from(heading).render(parts.heading, buf);

    let mut colours = app.theme.author_colours(thread);
    let rows = parts.table.height as usize;
    for (offset, &who) in panel.order.iter().skip(panel.top).take(rows).enumerate() {
        let y = parts.table.y + offset as u16;
        let row_area = Rect::new(parts.table.x, y, parts.table.width, 1);
        let stats = index.stats(who);
        let tracked = app.doc.search.is_tracked(who);
        let marker = if tracked { "● " } else { "" };
        let name = snippet(
            index.name(thread, who),
            name_width.saturating_sub(1 + display_width(marker)),
        );
        let mut spans = vec![
            Span::styled(marker, theme.search_match()),
            Span::styled(name.clone(), theme.author(colours.of(stats.first as usize))),
            Span::raw(
                " ".repeat(name_width.saturating_sub(display_width(&name) + display_width(marker))),
            ),
        ];
        for &column in shown.iter().skip(1) {
            spans.push(Span::raw(fit(
                &cell(thread, stats, column),
                column,
                name_width,
                with_times,
            )));
        }
        if panel.top + offset == panel.selected {
            buf.set_style(row_area, theme.selected_row());
        }
        Line::from(spans).render(row_area, buf);
    }

    if let Some(area) = parts.partners
        && let Some((who, partners)) = &panel.partners
    {
        let rule = "─".repeat(area.width as usize);
        buf.set_stringn(area.x, area.y, &rule, area.width as usize, theme.dim());
        let name = snippet(index.name(thread, *who), 30);
        let lines = [
            (format!("{name} answers most: "), &partners.answers),
            ("Answered most by: ".to_string(), &partners.answered_by),
        ];
        for (row, (label, list)) in lines.into_iter().enumerate() {
            let line = partner_line(theme, thread, index, &label, list, area.width as usize);
            line.render(
                Rect::new(area.x, area.y + 1 + row as u16, area.width, 1),
                buf,
            );
        }
    }
    rows
}

/// A cell padded to its column: names left, figures right.
fn fit(text: &str, column: Column, name_width: usize, with_times: bool) -> String {
    if column == Column::Name {
        let text = truncate_to_width(text, name_width);
        let pad = name_width.saturating_sub(display_width(&text));
        return format!("{text}{}", " ".repeat(pad));
    }
    let width = width_of(column, with_times);
    let text = truncate_to_width(text, width);
    format!(
        "{}{text} ",
        " ".repeat(width.saturating_sub(display_width(&text)))
    )
}

/// "Answers most: Lone Ranger 12 · Jens Holm 3", as many as fit.
fn partner_line(
    theme: Theme,
    thread: &Thread,
    index: &AuthorIndex,
    label: &str,
    list: &[(CommenterId, u32)],
    width: usize,
) -> Line<'static> {
    let mut spans = vec![Span::styled(label.to_string(), theme.dim())];
    let mut used = display_width(label);
    if list.is_empty() {
        spans.push(Span::styled("nobody", theme.dim()));
        return Line::from(spans);
    }
    for (at, &(who, count)) in list.iter().enumerate() {
        let name = snippet(index.name(thread, who), 30);
        let separator = if at == 0 { "" } else { " · " };
        let item = format!("{name} {}", thousands(count as usize));
        if used + display_width(separator) + display_width(&item) > width {
            if used + 4 <= width {
                spans.push(Span::styled(" · …", theme.dim()));
            }
            break;
        }
        used += display_width(separator) + display_width(&item);
        spans.push(Span::styled(separator, theme.dim()));
        spans.push(Span::styled(item, Style::new()));
    }
    Line::from(spans)
}
