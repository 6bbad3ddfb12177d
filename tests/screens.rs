//! What the screen shows after a sequence of keys, on the real sample files, at a wide and a
//! narrow size (ratatui TestBackend + insta snapshots in tests/snapshots/).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use thread_tui::app::App;
use thread_tui::thread::load_path;
use thread_tui::ui;

const BELARUS: &str = "losing-battle-for-belarus.txt";
const RUSSIA: &str = "integration-with-russia.txt";

fn open(name: &str) -> App {
    let loaded = load_path(&Path::new("data").join(name), None).expect("sample loads");
    App::new(loaded.into_main_thread(), name.to_string())
}

/// Types keys: plain characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<Down>`, `<C-d>` and so on.
fn press(app: &mut App, keys: &str) {
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (event, used) = if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            let event = match name {
                "Enter" => KeyEvent::from(KeyCode::Enter),
                "Esc" => KeyEvent::from(KeyCode::Esc),
                "Tab" => KeyEvent::from(KeyCode::Tab),
                "Space" => KeyEvent::from(KeyCode::Char(' ')),
                "Down" => KeyEvent::from(KeyCode::Down),
                "Up" => KeyEvent::from(KeyCode::Up),
                "PgDn" => KeyEvent::from(KeyCode::PageDown),
                "BS" => KeyEvent::from(KeyCode::Backspace),
                ctrl if ctrl.starts_with("C-") => KeyEvent::new(
                    KeyCode::Char(ctrl.chars().nth(2).unwrap()),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key <{other}>"),
            };
            (event, end + 1)
        } else {
            (KeyEvent::from(KeyCode::Char(c)), c.len_utf8())
        };
        app.on_key(event);
        rest = &rest[used..];
    }
}

fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal
}

/// Runs `keys` on a fresh app for each size and snapshots the screen.
fn scenario(name: &str, file: &str, keys: &str) {
    for (size, width, height) in [("wide", 100, 30), ("narrow", 60, 20)] {
        let mut app = open(file);
        // Draw once first so paging knows the pane height, as in the real loop.
        screen(&mut app, width, height);
        press(&mut app, keys);
        insta::assert_snapshot!(
            format!("{name}_{size}"),
            screen(&mut app, width, height).backend()
        );
    }
}

#[test]
fn opening() {
    scenario("open_numbered", BELARUS, "");
    scenario("open_flat", RUSSIA, "");
}

#[test]
fn folding_one_comment() {
    // Second top-level comment, folded with h: its 28 replies are hidden and counted.
    scenario("fold_one", BELARUS, "}}h");
}

#[test]
fn fold_all() {
    scenario("fold_all", BELARUS, "z");
}

#[test]
fn unfold_to_level_two() {
    scenario("level_2", BELARUS, "2");
}

#[test]
fn search_then_next_twice() {
    scenario("search_occupy_nn", BELARUS, "/occupy<Enter>nn");
}

#[test]
fn search_prompt_while_typing() {
    scenario("search_prompt", BELARUS, "/Jens");
}

#[test]
fn filter_shows_matches_with_context() {
    scenario("filter", BELARUS, "/ma_l<Enter>f");
}

#[test]
fn help_overlay() {
    scenario("help", BELARUS, "?");
}

#[test]
fn reader_focus_scrolls_the_text() {
    scenario("reader_scrolled", BELARUS, "<Tab><C-d>");
}

#[test]
fn a_one_by_one_terminal() {
    let mut app = open(BELARUS);
    insta::assert_snapshot!("tiny_1x1", screen(&mut app, 1, 1).backend());
    insta::assert_snapshot!("tiny_10x3", screen(&mut app, 10, 3).backend());
    // Zero-sized screens draw nothing and do not panic.
    screen(&mut app, 0, 0);
    screen(&mut app, 0, 5);
}
