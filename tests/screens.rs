//! What the screen shows after a sequence of keys, on the real sample files, at a wide and a
//! narrow size (ratatui TestBackend + insta snapshots in tests/snapshots/).

mod common;

use common::keys::{press, rows, screen};
use std::path::Path;
use thread_tui::app::{App, Mode};
use thread_tui::thread::load_path;

const BELARUS: &str = "losing-battle-for-belarus.txt";
const RUSSIA: &str = "integration-with-russia.txt";

fn open(name: &str) -> App {
    let loaded = load_path(&Path::new("data").join(name), None).expect("sample loads");
    App::new(loaded.into_main_thread(), name.to_string())
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
fn a_missing_comment_says_it_is_not_in_the_file() {
    // At level 2, the 24th comment row is the placeholder for a level the file skips.
    let keys = format!("2{}", "j".repeat(24));
    scenario("missing_selected", BELARUS, &keys);
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

/// The outline's right border, top to bottom: where its scrollbar is drawn.
fn outline_scrollbar(app: &mut App, width: u16, height: u16) -> String {
    let terminal = screen(app, width, height);
    let area = app.layout.outline;
    let x = area.x + area.width - 1;
    (area.y + 1..area.y + area.height - 1)
        .map(|y| terminal.backend().buffer()[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn the_outline_scrollbar_follows_the_view_not_the_selection() {
    let mut app = open(BELARUS);
    let at_start = outline_scrollbar(&mut app, 100, 30);
    assert!(at_start.starts_with("▲█"), "{at_start}");
    // The selection moves, the view does not: neither does the thumb.
    press(&mut app, &"j".repeat(20));
    assert_eq!(outline_scrollbar(&mut app, 100, 30), at_start);
    // The view moves: so does the thumb.
    press(&mut app, &"j".repeat(10));
    assert_ne!(outline_scrollbar(&mut app, 100, 30), at_start);
    // Everything folded fits: no scrollbar at all, wherever the selection goes.
    press(&mut app, "zgG");
    assert_eq!(outline_scrollbar(&mut app, 100, 30), "│".repeat(27));
    press(&mut app, "g");
    assert_eq!(outline_scrollbar(&mut app, 100, 30), "│".repeat(27));
}

#[test]
fn help_scrolls_within_its_text_and_g_keys_stay_in_it() {
    let mut app = open(BELARUS);
    screen(&mut app, 60, 15);
    press(&mut app, "?");
    screen(&mut app, 60, 15);
    press(&mut app, &"j".repeat(300));
    let bottom = rows(&screen(&mut app, 60, 15));
    assert!(
        bottom.iter().any(|row| row.contains("q Ctrl-c")),
        "{bottom:#?}"
    );
    // One k moves it at once: the scroll stopped at the end.
    press(&mut app, "k");
    assert_ne!(rows(&screen(&mut app, 60, 15)), bottom);
    // g and G go to either end and keep the help open.
    press(&mut app, "g");
    let top = rows(&screen(&mut app, 60, 15));
    assert!(
        top.iter().any(|row| row.contains("Move (in the reader")),
        "{top:#?}"
    );
    press(&mut app, "G");
    assert_eq!(rows(&screen(&mut app, 60, 15)), bottom);
    assert!(matches!(app.mode, Mode::Help { .. }));
    // Another key closes it and does its job.
    press(&mut app, "j");
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, "z");
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(app.doc.outline.folded_count(), 10);
}

/// A generated numbered thread big enough for four-digit counts: each top-level comment has
/// a chain of replies three deep with two answers at the end.
fn big_thread() -> App {
    let mut text = String::from("A long thread\n\nThe article.\n");
    let mut n = 0;
    for thread in 0..300 {
        for (level, name) in [
            (1, "Aino"),
            (2, "Bert"),
            (3, "Cleo"),
            (4, "Dara"),
            (4, "Emil"),
        ] {
            n += 1;
            let indent = "  ".repeat(level);
            text.push_str(&format!(
                "\n{indent}{n}. {name} says:\n\n{indent}  Comment {n} in thread {thread}.\n"
            ));
        }
    }
    let loaded = thread_tui::thread::parse_bytes(text.into_bytes(), None, Path::new("big"))
        .expect("generated thread parses");
    App::new(loaded.into_main_thread(), "big.txt".into())
}

#[test]
fn large_counts_have_separators_and_the_reader_header_wraps() {
    let mut app = big_thread();
    screen(&mut app, 80, 24);
    press(&mut app, "G");
    // The header at 80 columns: every fact is there, wrapped between facts, none cut.
    let mut app_deep = big_thread();
    screen(&mut app_deep, 80, 24);
    app_deep.doc.outline.reveal(&app_deep.doc.thread, 1236);
    insta::assert_snapshot!("big_reader_80x24", screen(&mut app_deep, 80, 24).backend());
    let status = rows(&screen(&mut app, 80, 24)).pop().unwrap();
    assert!(status.contains("#1,500/1,500"), "{status}");
    press(&mut app, "g");
    let screen_rows = rows(&screen(&mut app, 80, 24));
    assert!(screen_rows.iter().any(|r| r.contains("1,500 comments")));
}

#[test]
fn narrow_screens_keep_help_and_the_notice_whole() {
    let mut app = open(BELARUS);
    for keys in ["", "/occupy<Enter>", "<Tab>"] {
        press(&mut app, keys);
        let status = rows(&screen(&mut app, 40, 12)).pop().unwrap();
        assert!(status.trim_end().ends_with("? help"), "{status:?}");
    }
    let mut app = open(BELARUS);
    insta::assert_snapshot!("too_small_12x4", screen(&mut app, 12, 4).backend());
    insta::assert_snapshot!("too_small_19x2", screen(&mut app, 19, 2).backend());
}

#[test]
fn the_prompt_shows_where_you_type_and_the_cursor() {
    let mut app = open(BELARUS);
    screen(&mut app, 40, 12);
    press(&mut app, "/a very long search for somebody called occ");
    let mut terminal = screen(&mut app, 40, 12);
    let status = rows(&terminal).pop().unwrap();
    assert!(status.starts_with(" /…"), "{status:?}");
    assert!(status.contains("called occ "), "{status:?}");
    let end = status.find("occ ").unwrap() + 3;
    assert!(terminal.backend().cursor_visible());
    terminal
        .backend_mut()
        .assert_cursor_position((status[..end].chars().count() as u16, 11));
    // Moved to the start, the start shows.
    press(&mut app, "<Home>");
    let terminal = screen(&mut app, 40, 12);
    let status = rows(&terminal).pop().unwrap();
    assert!(status.starts_with(" /a very"), "{status:?}");
    assert_eq!(terminal.backend().cursor_position().x, 2);
}

#[test]
fn an_empty_comment_says_no_text() {
    let mut app = open(BELARUS);
    let empty = (0..app.doc.thread.len())
        .find(|&id| app.doc.thread.body(id).is_empty() && !app.doc.thread.is_missing(id))
        .expect("the sample has an empty comment");
    app.doc.outline.reveal(&app.doc.thread, empty);
    let screen_rows = rows(&screen(&mut app, 100, 30));
    // In the reader, under the header's rule.
    let rule = screen_rows
        .iter()
        .position(|r| r.contains("│ ─────"))
        .unwrap();
    assert!(
        screen_rows[rule + 1].contains("│ (no text)"),
        "{screen_rows:#?}"
    );
}

/// A numbered thread whose first comment is one line of `bytes` of numbered words, the
/// second a short one; returns it and the long comment's last word.
fn thread_with_a_huge_comment(bytes: usize) -> (App, String) {
    let mut body = String::new();
    let mut words = 0;
    while body.len() < bytes {
        body.push_str(&format!("w{words:08} "));
        words += 1;
    }
    let text = format!(
        "Huge\n\nThe article.\n\n  1. Ann says:\n\n    {body}\n\n  2. Bob says:\n\n    Short.\n"
    );
    let loaded = thread_tui::thread::parse_bytes(text.into_bytes(), None, Path::new("huge"))
        .expect("generated thread parses");
    let app = App::new(loaded.into_main_thread(), "huge.txt".into());
    (app, format!("w{:08}", words - 1))
}

#[test]
fn a_huge_comment_is_laid_out_off_the_ui_thread_and_keys_typed_meanwhile_count() {
    let (mut app, last) = thread_with_a_huge_comment(6 << 20);
    screen(&mut app, 80, 24);
    press(&mut app, "j");
    // The frame after selecting it shows how far the layout is, not a frozen screen.
    let shown = rows(&screen(&mut app, 80, 24));
    assert!(
        shown.iter().any(|r| r.contains("Laying out 7 MB of text…")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|r| r.contains("Ann")), "{shown:#?}");
    // `G` typed while it is laid out still goes to the end once it is done.
    press(&mut app, "<Tab>G");
    settle_layout(&mut app);
    let shown = rows(&screen(&mut app, 80, 24));
    assert!(shown.iter().any(|r| r.contains(&last)), "{shown:#?}");
    assert!(!shown.iter().any(|r| r.contains("Laying out")));
}

#[test]
fn moving_on_from_a_huge_comment_stops_its_layout() {
    let (mut app, _) = thread_with_a_huge_comment(6 << 20);
    screen(&mut app, 80, 24);
    press(&mut app, "j");
    screen(&mut app, 80, 24);
    assert!(app.doc.reader_cache.is_working());
    press(&mut app, "j");
    let shown = rows(&screen(&mut app, 80, 24));
    assert!(shown.iter().any(|r| r.contains("Short.")), "{shown:#?}");
    assert!(!app.doc.reader_cache.is_working());
}

/// Lets the layout on the second thread finish and be taken.
fn settle_layout(app: &mut App) {
    while app.doc.reader_cache.is_working() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.settle();
    }
}

#[test]
fn scrolling_typed_while_a_huge_comment_is_laid_out_keeps_its_last_word() {
    let (mut app, last) = thread_with_a_huge_comment(6 << 20);
    screen(&mut app, 80, 24);
    press(&mut app, "j");
    screen(&mut app, 80, 24);
    // `G` then `g`: the top, not one row above where the layout puts it.
    press(&mut app, "<Tab>Gg");
    settle_layout(&mut app);
    let shown = rows(&screen(&mut app, 80, 24));
    assert!(shown.iter().any(|r| r.contains("w00000000")), "{shown:#?}");
    // Resized while laid out again, `G` still reaches the end.
    screen(&mut app, 100, 30);
    assert!(app.doc.reader_cache.is_working());
    press(&mut app, "G");
    settle_layout(&mut app);
    let shown = rows(&screen(&mut app, 100, 30));
    assert!(shown.iter().any(|r| r.contains(&last)), "{shown:#?}");
}
