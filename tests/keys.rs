//! Keys are data: a user's table over the defaults changes what keys do, and the help and
//! the status line's hints follow it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::sync::Arc;
use thread_tui::app::{App, Mode};
use thread_tui::config;
use thread_tui::keymap::Keymap;
use thread_tui::outline::Row;
use thread_tui::thread::load_path;
use thread_tui::ui;

fn belarus_with_keys(user: &str) -> App {
    let loaded = load_path(Path::new("data/losing-battle-for-belarus.txt"), None).unwrap();
    let mut app = App::new(loaded.into_main_thread(), "belarus.txt".into());
    let mut keymap = Keymap::clone(&Keymap::defaults());
    config::apply_keys(&mut keymap, user, "test.toml").unwrap();
    app.keymap = Arc::new(keymap);
    app
}

fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal
}

fn status_line(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

fn char_key(c: char) -> KeyEvent {
    KeyEvent::from(KeyCode::Char(c))
}

const REMAP: &str = r#"
[keys.outline]
h = "none"
b = "fold_or_parent"
F1 = "help"

[keys.global]
q = "none"
ctrl-q = "quit"
"#;

#[test]
fn a_remapped_key_does_its_new_action_and_the_old_one_nothing() {
    let mut app = belarus_with_keys(REMAP);
    screen(&mut app, 100, 30);
    let first = app.doc.thread.children(None).next().unwrap();
    app.doc.outline.selected = Row::Comment(first);
    app.on_key(char_key('h'));
    assert!(!app.doc.outline.is_folded(first), "h is unbound");
    app.on_key(char_key('b'));
    assert!(app.doc.outline.is_folded(first), "b folds");
    app.on_key(char_key('q'));
    assert!(!app.should_quit, "q is unbound");
    app.on_key(KeyEvent::from(KeyCode::F(1)));
    assert_eq!(
        app.mode,
        Mode::Help {
            scroll: 0,
            over_panel: false
        }
    );
    // In the help, q still closes it (the help's own table), Ctrl-q quits.
    app.on_key(char_key('q'));
    assert_eq!(app.mode, Mode::Normal);
    app.on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    assert!(app.should_quit);
}

#[test]
fn the_status_line_and_the_help_show_the_new_keys() {
    let mut defaults = belarus_with_keys("");
    let before = status_line(&screen(&mut defaults, 100, 30));
    assert!(
        before.ends_with("h fold  / search  Tab reader  ? help  q quit "),
        "{before}"
    );

    let mut app = belarus_with_keys(REMAP);
    let after = status_line(&screen(&mut app, 100, 30));
    assert!(
        after.ends_with("b fold  / search  Tab reader  F1 help  Ctrl-q quit "),
        "{after}"
    );
    app.on_key(char_key('?'));
    insta::assert_snapshot!("remapped_help", screen(&mut app, 100, 30).backend());
    app.on_key(char_key('G'));
    insta::assert_snapshot!("remapped_help_end", screen(&mut app, 100, 30).backend());
}

#[test]
fn a_hint_without_a_key_is_left_out() {
    let mut app = belarus_with_keys("[keys.outline]\n\"/\" = \"none\"\n");
    let status = status_line(&screen(&mut app, 100, 30));
    assert!(
        status.ends_with("h fold  Tab reader  ? help  q quit "),
        "{status}"
    );
    // A notice that names the key says the action instead.
    app.on_key(char_key('n'));
    assert_eq!(
        app.notice.as_deref(),
        Some("No search: press “search by commenter name” to find a commenter, t to find words")
    );
}

#[test]
fn prompt_keys_come_from_the_table() {
    let mut app = belarus_with_keys(
        "[keys.prompt]\nctrl-b = \"cursor_left\"\nleft = \"none\"\nenter = \"none\"\nctrl-j = \"accept\"\n",
    );
    screen(&mut app, 100, 30);
    for c in "/occupy".chars() {
        app.on_key(char_key(c));
    }
    app.on_key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::CONTROL));
    app.on_key(KeyEvent::from(KeyCode::Left));
    app.on_key(char_key('X'));
    assert_eq!(app.doc.search.part(), "occupXy");
    app.on_key(KeyEvent::from(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Prompt { .. }), "Enter is unbound");
    let status = status_line(&screen(&mut app, 100, 30));
    assert!(status.contains("Ctrl-j keep"), "{status}");
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL));
    assert_eq!(app.mode, Mode::Normal);
}
