//! Typing into the app as a person would, and drawing what they would see.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thread_tui::app::App;
use thread_tui::ui;

/// Types keys: plain characters, or `<Enter>`, `<Esc>`, `<Tab>`, `<Down>`, `<BS>`, `<C-d>`…
pub fn press(app: &mut App, keys: &str) {
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
                "Home" => KeyEvent::from(KeyCode::Home),
                ctrl if ctrl.starts_with("C-") => KeyEvent::new(
                    KeyCode::Char(ctrl.chars().nth(2).expect("a key after C-")),
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

/// One frame at `width` x `height`, as the terminal loop draws it.
pub fn screen(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| ui::render(frame, app))
        .expect("draws");
    terminal
}

/// The screen's rows as text.
pub fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}
