//! How things are marked on screen beyond their text: without colour (`NO_COLOR`) the
//! selection, the matches and the focused pane still stand out; with colour, a reply never
//! takes its parent's colour and a commenter keeps one colour where possible.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::{Color, Modifier};
use std::collections::HashSet;
use std::path::Path;
use thread_tui::app::App;
use thread_tui::outline::Row;
use thread_tui::thread::{Thread, load_path, parse_bytes};
use thread_tui::ui;
use thread_tui::ui::theme::{AuthorColours, Theme};

fn open(name: &str) -> App {
    let loaded = load_path(&Path::new("data").join(name), None).expect("sample loads");
    App::new(loaded.into_main_thread(), name.to_string())
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::from(code));
    }
}

/// One letter per cell for its modifiers: R reverse, U underline (with bold), B bold,
/// D dim, I italic, '.' none. Text and marks side by side make a readable snapshot.
fn style_map(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut text = String::new();
        let mut marks = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            text.push_str(cell.symbol());
            let m = cell.modifier;
            marks.push(if m.contains(Modifier::REVERSED) {
                'R'
            } else if m.contains(Modifier::UNDERLINED) {
                'U'
            } else if m.contains(Modifier::BOLD) {
                'B'
            } else if m.contains(Modifier::DIM) {
                'D'
            } else if m.contains(Modifier::ITALIC) {
                'I'
            } else {
                '.'
            });
        }
        out.push_str(&format!("{text}\n{marks}\n"));
    }
    out
}

#[test]
fn without_colour_selection_matches_and_focus_still_show() {
    let mut app = open("losing-battle-for-belarus.txt");
    app.theme = Theme::MONO;
    draw(&mut app, 100, 30);
    type_keys(&mut app, "/occupy\n");
    let buffer = draw(&mut app, 100, 30);
    for cell in buffer.content() {
        assert_eq!(cell.fg, Color::Reset, "a colour was drawn: {cell:?}");
        assert_eq!(cell.bg, Color::Reset, "a colour was drawn: {cell:?}");
    }
    let outline = app.layout.outline;
    let selected_y = app
        .layout
        .outline_rows
        .iter()
        .position(|&row| row == app.doc.outline.selected)
        .unwrap() as u16
        + outline.y
        + 1;
    // The selected row is in reverse video from border to border.
    for x in outline.x + 1..outline.x + outline.width - 1 {
        assert!(
            buffer[(x, selected_y)]
                .modifier
                .contains(Modifier::REVERSED)
        );
    }
    // Every match on screen is underlined and bold; other names are not underlined.
    for (index, &row) in app.layout.outline_rows.iter().enumerate() {
        let Row::Comment(id) = row else { continue };
        let name_x = app.layout.marker_columns[index] + 2;
        let cell = &buffer[(name_x, outline.y + 1 + index as u16)];
        let underlined = cell
            .modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD);
        assert_eq!(
            underlined,
            app.doc.search.is_match(id),
            "row {index}: {cell:?}"
        );
    }
    // The focused pane has a heavy bold border, the other a plain one.
    assert_eq!(buffer[(outline.x, outline.y)].symbol(), "┏");
    assert!(
        buffer[(outline.x, outline.y)]
            .modifier
            .contains(Modifier::BOLD)
    );
    let reader = app.layout.reader;
    assert_eq!(buffer[(reader.x, reader.y)].symbol(), "╭");
    assert!(
        !buffer[(reader.x, reader.y)]
            .modifier
            .contains(Modifier::BOLD)
    );
    // Off the match, at a smaller size: the match underlined, the selection reversed.
    let mut app = open("losing-battle-for-belarus.txt");
    app.theme = Theme::MONO;
    draw(&mut app, 80, 16);
    type_keys(&mut app, "/occupy\nkk");
    insta::assert_snapshot!("no_colour_search", style_map(&draw(&mut app, 80, 16)));
}

fn thread_from(text: &str) -> Thread {
    parse_bytes(text.as_bytes().to_vec(), None, Path::new("t"))
        .unwrap()
        .into_main_thread()
}

/// Checks every comment against its parent.
fn assert_replies_differ_from_parents(thread: &Thread) {
    let mut colours = AuthorColours::new(thread);
    for id in 0..thread.len() {
        if let (Some(parent), Some(own)) = (thread.parent(id), colours.of(id)) {
            assert_ne!(
                colours.of(parent),
                Some(own),
                "{:?} under {:?}",
                thread.author(id),
                thread.author(parent)
            );
        }
    }
}

#[test]
fn a_reply_never_has_its_parents_colour() {
    for sample in [
        "losing-battle-for-belarus.txt",
        "integration-with-russia.txt",
    ] {
        assert_replies_differ_from_parents(&open(sample).doc.thread);
    }
    // The same commenter answering themselves, three levels deep: the colours alternate.
    let thread = thread_from(
        "T\n\n  1. Ann Lee says:\n\n    a\n\n    2. Ann Lee says:\n\n      b\n\n      3. Ann Lee says:\n\n        c\n",
    );
    assert_replies_differ_from_parents(&thread);
    let mut colours = AuthorColours::new(&thread);
    assert_eq!(colours.of(0), colours.of(2));

    // On screen too: Jens Holm's reply to Dick Von Dast'Ard (they shared a colour before).
    let mut app = open("losing-battle-for-belarus.txt");
    let buffer = draw(&mut app, 100, 30);
    let name_colour = |index: usize| {
        let x = app.layout.marker_columns[index] + 2;
        buffer[(x, app.layout.outline.y + 1 + index as u16)].fg
    };
    for (index, &row) in app.layout.outline_rows.iter().enumerate() {
        let Row::Comment(id) = row else { continue };
        let Some(parent) = app.doc.thread.parent(id) else {
            continue;
        };
        if let Some(parent_index) = app
            .layout
            .outline_rows
            .iter()
            .position(|&r| r == Row::Comment(parent))
        {
            assert_ne!(name_colour(index), name_colour(parent_index), "row {index}");
        }
    }
}

#[test]
fn a_commenter_keeps_one_colour_and_there_are_many() {
    let mut text = String::from("T\n");
    for n in 0..200 {
        text.push_str(&format!("\n  {n}. Person {n} says:\n\n    x\n"));
    }
    text.push_str("\n  1. Person 7 says:\n\n    again\n");
    let thread = thread_from(&text);
    let mut colours = AuthorColours::new(&thread);
    // Top-level comments have no parent to avoid: each name its own first colour.
    assert_eq!(colours.of(7), colours.of(200));
    let distinct: HashSet<_> = (0..thread.len()).map(|id| colours.of(id)).collect();
    assert!(distinct.len() >= 16, "{} colours", distinct.len());
}

/// Each row as runs of one style: `{fg bg modifiers}text`, a new run where the style
/// changes. Colours show as ratatui writes them (`Indexed(236)`, `Yellow`).
fn style_runs(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut last = None;
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = (cell.fg, cell.bg, cell.modifier);
            if last != Some(style) {
                out.push_str(&format!(
                    "{{{:?} {:?} {:?}}}",
                    cell.fg, cell.bg, cell.modifier
                ));
                last = Some(style);
            }
            out.push_str(cell.symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_light_theme_draws_dark_colours_on_the_terminal_background() {
    let mut app = open("losing-battle-for-belarus.txt");
    app.theme = thread_tui::config::defaults().theme("light").unwrap();
    draw(&mut app, 80, 12);
    type_keys(&mut app, "jj/occupy\n");
    let buffer = draw(&mut app, 80, 12);
    insta::assert_snapshot!("light_theme", style_runs(&buffer));
    // Nothing is drawn on a dark background, and no text in white or yellow.
    for cell in buffer.content() {
        assert!(
            !matches!(
                cell.bg,
                Color::Black | Color::DarkGray | Color::Indexed(232..=240)
            ),
            "{cell:?}"
        );
        assert!(
            !matches!(cell.fg, Color::White | Color::Yellow | Color::LightYellow),
            "{cell:?}"
        );
    }
}

#[test]
fn a_reply_and_its_parent_differ_in_the_light_theme_too() {
    let app = open("losing-battle-for-belarus.txt");
    let light = thread_tui::config::defaults().theme("light").unwrap();
    let thread = &app.doc.thread;
    let mut colours = light.author_colours(thread);
    for id in 0..thread.len() {
        if let (Some(parent), Some(mine)) = (thread.parent(id), colours.of(id))
            && thread.author(parent) != thread.author(id)
        {
            assert_ne!(
                Some(mine),
                colours.of(parent),
                "comment {id} and its parent"
            );
        }
    }
}
