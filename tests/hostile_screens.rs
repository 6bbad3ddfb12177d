//! Hostile threads on screen (ratatui TestBackend): whatever the text, size or keys, no cell
//! holds a control, bidi or removed format character, and no wide grapheme crosses a pane
//! border, neither in ratatui's buffer nor as a terminal that measures characters with the C
//! library (tmux) draws it. Property tests: random trees drawn at random sizes, and the
//! parser's invariants for arbitrary text and bytes in every format.

mod common;

use std::path::Path;
use std::sync::Once;

use common::tree::{assert_tree_invariants, check_all_formats};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use thread_tui::app::{App, Focus, Mode};
use thread_tui::text::sanitize::{display_width, sanitize_line};
use thread_tui::thread::{Format, Thread, parse_bytes};
use thread_tui::ui;
use unicode_segmentation::UnicodeSegmentation;

// ---------------------------------------------------------------------------------------
// Building threads: through the JSON reader, the public way in.

/// One comment: depth (1 = top level), author, body, placeholder flag.
#[derive(Clone, Debug)]
struct Comment {
    depth: usize,
    author: Option<String>,
    body: String,
    missing: bool,
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON thread format. Depths must start at 1 and grow by at most one per comment.
fn thread_json(title: &str, article: &str, comments: &[Comment]) -> String {
    let mut out = format!(
        "{{\"title\":{},\"date\":null,\"article\":{},\"comments\":[",
        json_string(title),
        json_string(article)
    );
    let mut open = 0;
    for (n, c) in comments.iter().enumerate() {
        assert!(
            c.depth >= 1 && c.depth <= open + 1,
            "depth {} after {open}",
            c.depth
        );
        while open >= c.depth {
            out.push_str("]}");
            open -= 1;
        }
        if n > 0 && !out.ends_with('[') {
            out.push(',');
        }
        let author = c.author.as_deref().map_or("null".to_string(), json_string);
        out.push_str(&format!(
            "{{\"author\":{author},\"body\":{},\"missing\":{},\"children\":[",
            json_string(&c.body),
            c.missing
        ));
        open = c.depth;
    }
    for _ in 0..open {
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

fn parse_json(json: &str) -> Thread {
    parse_bytes(
        json.as_bytes().to_vec(),
        Some(Format::Json),
        Path::new("t.json"),
    )
    .expect("generated JSON parses")
    .into_main_thread()
}

fn comment(depth: usize, author: &str, body: &str) -> Comment {
    Comment {
        depth,
        author: Some(author.to_string()),
        body: body.to_string(),
        missing: false,
    }
}

// ---------------------------------------------------------------------------------------
// What a screen must never hold

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_removed_format(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{ad}' | '\u{180e}' | '\u{fff9}'..='\u{fffb}')
}

fn forbidden(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || is_bidi_control(c)
        || is_removed_format(c)
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The screen as text, one String per row (for messages and searches).
fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.y..area.bottom())
        .map(|y| {
            (area.x..area.right())
                .map(|x| buf[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// No cell holds a forbidden char or an over-long grapheme cluster.
fn assert_inert(buf: &Buffer, context: &str) {
    for y in buf.area.y..buf.area.bottom() {
        for x in buf.area.x..buf.area.right() {
            let symbol = buf[(x, y)].symbol();
            if let Some(c) = symbol.chars().find(|&c| forbidden(c)) {
                panic!(
                    "{context}: {:#06x} in cell ({x},{y}) {symbol:?}\n{}",
                    u32::from(c),
                    rows(buf).join("\n")
                );
            }
            assert!(
                symbol.chars().count() <= 32,
                "{context}: cluster {symbol:?}"
            );
        }
    }
}

/// Each pane's frame is intact: border glyphs (or the scrollbar on the right edge) in every
/// border cell, so nothing wide spilled across it.
fn assert_borders(buf: &Buffer, pane: Rect, context: &str) {
    if pane.width < 2 || pane.height < 2 {
        return;
    }
    let at = |x: u16, y: u16| buf[(x, y)].symbol();
    let (left, right, top, bottom) = (pane.x, pane.right() - 1, pane.y, pane.bottom() - 1);
    let screen = || rows(buf).join("\n");
    assert_eq!(at(left, top), "╭", "{context}\n{}", screen());
    assert_eq!(at(right, top), "╮", "{context}\n{}", screen());
    assert_eq!(at(left, bottom), "╰", "{context}\n{}", screen());
    assert_eq!(at(right, bottom), "╯", "{context}\n{}", screen());
    for y in top + 1..bottom {
        assert_eq!(
            at(left, y),
            "│",
            "{context}: left edge row {y}\n{}",
            screen()
        );
        assert!(
            ["│", "║", "█", "▲", "▼"].contains(&at(right, y)),
            "{context}: right edge row {y} holds {:?}\n{}",
            at(right, y),
            screen()
        );
    }
    for x in left + 1..right {
        // The top edge carries the title (plain ASCII); the bottom edge only the line.
        assert_eq!(
            at(x, bottom),
            "─",
            "{context}: bottom edge col {x}\n{}",
            screen()
        );
        let s = at(x, top);
        assert!(
            s == "─" || (s.len() == 1 && s.is_ascii() && !s.is_empty()) || s == "·",
            "{context}: top edge col {x} holds {s:?}\n{}",
            screen()
        );
    }
}

// ---------------------------------------------------------------------------------------
// The screen as a terminal draws it

unsafe extern "C" {
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

/// Columns the C library gives `c` (-1: unknown to it). tmux and screen measure with it;
/// glibc 2.36 (Debian 12) knows Unicode 14.
fn c_library_width(c: char) -> i32 {
    static LOCALE: Once = Once::new();
    LOCALE.call_once(|| {
        // SAFETY: called once, before any wcwidth; nothing else here reads the locale.
        let set = unsafe { libc::setlocale(libc::LC_CTYPE, c"C.UTF-8".as_ptr()) };
        assert!(!set.is_null(), "the C.UTF-8 locale is needed");
    });
    // SAFETY: wcwidth only reads its argument and the locale set above.
    unsafe { wcwidth(u32::from(c) as libc::wchar_t) }
}

/// Whether `c` is a spacing mark that joins its letter (Bengali U+09BE, Tamil U+0BBE, ...):
/// zero columns to unicode-width, one to the C library. Terminals differ on these and the
/// sanitiser leaves them alone (see src/text/sanitize/gen_drawable.py), so they are not
/// modelled here.
fn is_joining_spacing_mark(c: char) -> bool {
    display_width(&format!("a{c}")) == 1
        && format!("a{c}").graphemes(true).count() == 1
        && c_library_width(c) == 1
}

/// Columns a terminal that measures with wcwidth gives one cell's symbol. Characters it does
/// not know take none, as tmux 3.3 draws them.
fn terminal_width(symbol: &str) -> usize {
    symbol
        .chars()
        .enumerate()
        .filter(|&(i, c)| i == 0 || !is_joining_spacing_mark(c))
        .map(|(_, c)| usize::try_from(c_library_width(c)).unwrap_or(0))
        .sum()
}

/// `buf` as a wcwidth terminal shows it after a full redraw: every cell differs from the
/// screen before, so ratatui sends its updates back to back and moves the cursor only where
/// an update does not follow the one before (after a wide character). Each symbol goes where
/// the terminal's cursor is; a zero-width one joins the cell before it.
fn as_terminal_draws(buf: &Buffer) -> Buffer {
    let area = buf.area;
    let before = Buffer::filled(area, Cell::new("¤"));
    let mut screen = Buffer::empty(area);
    let mut last: Option<(u16, u16)> = None;
    let mut cursor = 0;
    for (x, y, cell) in before.diff(buf) {
        if last != Some((x.wrapping_sub(1), y)) {
            cursor = x;
        }
        last = Some((x, y));
        let symbol = cell.symbol();
        let width = u16::try_from(terminal_width(symbol)).unwrap_or(u16::MAX);
        if width == 0 {
            if cursor > area.x {
                let joined = format!("{}{symbol}", screen[(cursor - 1, y)].symbol());
                screen[(cursor - 1, y)].set_symbol(&joined);
            }
            continue;
        }
        if cursor.saturating_add(width) > area.right() {
            cursor = area.right();
            continue;
        }
        screen[(cursor, y)].set_symbol(symbol);
        cursor += width;
    }
    screen
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// Draws and checks the whole screen.
fn check(app: &mut App, width: u16, height: u16, context: &str) -> Buffer {
    let buf = draw(app, width, height);
    let context = format!("{context} at {width}x{height}");
    assert_inert(&buf, &context);
    // The help overlay is drawn over both panes on purpose.
    if !matches!(app.mode, Mode::Help { .. }) {
        let drawn = as_terminal_draws(&buf);
        for pane in [app.layout.outline, app.layout.reader] {
            assert_borders(&buf, pane, &context);
            assert_borders(&drawn, pane, &format!("{context}, as a terminal draws it"));
        }
    }
    buf
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

fn press(app: &mut App, keys: &[KeyEvent]) {
    for &k in keys {
        app.on_key(k);
    }
}

const SIZES: &[(u16, u16)] = &[
    (0, 0),
    (1, 1),
    (10, 3),
    (20, 5),
    (37, 11),
    (69, 12),
    (100, 30),
];

// ---------------------------------------------------------------------------------------
// Hand-made hostile threads

fn hostile_thread() -> Thread {
    let zalgo = format!("Z{}algo", "\u{301}\u{316}\u{35c}".repeat(17));
    let long_name = "Nom".repeat(3_334);
    let comments = vec![
        comment(1, "Esc \x1b]0;owned\x07 \x1b[2J", "clear \x1b[2J\x1b[H home\nOSC 52 \x1b]52;c;cm0gLXJm\x07\nlink \x1b]8;;http://x\x1b\\click\x1b]8;;\x1b\\\nDCS \x1bP+q\x1b\\ C1 \u{9b}31m \u{90}x\u{9c} bell\x07 bs\x08\x08 del\x7f cr\rover"),
        comment(2, "Bidi \u{202e}nimda", "Trojan \u{202e}}\u{2066}if (admin)\u{2069}{\u{2067} \u{200f}\u{200e}\u{061c} end"),
        comment(3, "Zero\u{200b}width\u{feff}", "zw\u{200b}sp \u{feff}bom soft\u{ad}hyphen \u{2060}joiner \u{206a}deprecated\u{206f} line\u{2028}sep para\u{2029}sep"),
        comment(2, "宽字符名字很长很长很长很长很长很长", &"日本語のテキスト、中文、한국어 全角ＡＢＣ ｶﾀｶﾅ 🇺🇦🇯🇵 👨\u{200d}👩\u{200d}👧\u{200d}👦👍🏿 👩🏽\u{200d}💻".repeat(8)),
        comment(1, &zalgo, &format!("{zalgo} {zalgo}\n{}", "e\u{301}".repeat(300))),
        comment(1, &long_name, &"word ".repeat(3_000)),
        comment(2, "Tabs", "x\ty\t\tz\n\tlead\n  \t mixed"),
        comment(1, "RTL שלום", "مرحبا بالعالم هذا نص عربي طويل جدا جدا שלום עולם"),
        comment(1, "Controls \u{1}\u{2}\u{1f}\u{85}", "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{e}\u{f}\u{10}\u{1a}\u{1b}\u{1c}\u{7f}\u{80}\u{9f}\u{0b}\u{0c}"),
    ];
    parse_json(&thread_json(
        "Title \x1b]2;pwned\x1b\\ \u{202e}eltit 日本語",
        "Article\twith\ttabs \x1b[31mred\x1b[0m\nx\ty\t\tz\nand a lone\rCR",
        &comments,
    ))
}

/// Walks every row of `app` in both focuses, opening help and the search prompt, checking
/// the screen at `width` x `height` after each step.
fn tour(app: &mut App, width: u16, height: u16, name: &str) {
    check(app, width, height, &format!("{name} start"));
    let rows = app.doc.thread.len() + 1;
    for step in 0..rows {
        check(app, width, height, &format!("{name} row {step}"));
        press(app, &[key(KeyCode::Tab)]);
        check(app, width, height, &format!("{name} row {step} reader"));
        press(app, &[key(KeyCode::PageDown), key(KeyCode::End)]);
        check(app, width, height, &format!("{name} row {step} reader end"));
        press(
            app,
            &[
                key(KeyCode::Home),
                key(KeyCode::Tab),
                key(KeyCode::Char('j')),
            ],
        );
    }
    press(app, &[key(KeyCode::Char('?'))]);
    check(app, width, height, &format!("{name} help"));
    press(app, &[key(KeyCode::Esc), key(KeyCode::Char('z'))]);
    check(app, width, height, &format!("{name} folded"));
}

#[test]
fn hostile_text_never_reaches_a_cell() {
    for &(width, height) in SIZES {
        let mut app = App::new(hostile_thread(), "\x1b]0;name\x07\u{202e}txt.exe".into());
        tour(&mut app, width, height, "hostile");
    }
}

#[test]
fn hostile_search_queries_and_notices_are_shown_inert() {
    let queries = [
        "\x1b]0;owned\x07",
        "\x1b[2J",
        "\u{9b}31m",
        "\u{202e}nimda",
        "zero\u{200b}\u{feff}",
        "日本語👨\u{200d}👩\u{200d}👧",
        "\t\x08\x7f",
    ];
    for &(width, height) in SIZES {
        for query in queries {
            let mut app = App::new(hostile_thread(), "thread.txt".into());
            check(&mut app, width, height, "before search");
            press(&mut app, &[key(KeyCode::Char('/'))]);
            for c in query.chars() {
                press(&mut app, &[key(KeyCode::Char(c))]);
                check(&mut app, width, height, &format!("prompt {query:?}"));
            }
            press(&mut app, &[key(KeyCode::Tab)]);
            check(&mut app, width, height, &format!("completed {query:?}"));
            press(&mut app, &[key(KeyCode::Enter)]);
            // "No commenter matches “…”" quotes the query in the status line.
            check(&mut app, width, height, &format!("notice {query:?}"));
            press(
                &mut app,
                &[key(KeyCode::Char('n')), key(KeyCode::Char('f'))],
            );
            check(&mut app, width, height, &format!("next {query:?}"));
            // --author with the same hostile name.
            let mut app = App::new(hostile_thread(), query.into()).with_author_search(query);
            check(&mut app, width, height, &format!("--author {query:?}"));
        }
    }
}

#[test]
fn the_status_line_shows_the_query_and_file_name_visibly() {
    let mut app = App::new(hostile_thread(), "\x1b]0;name\x07.txt".into());
    press(&mut app, &[key(KeyCode::Char('/'))]);
    // Matches no commenter ("\x1b[2J" would: one name holds it).
    for c in "\x1b[3J".chars() {
        press(&mut app, &[key(KeyCode::Char(c))]);
    }
    let screen = rows(&check(&mut app, 100, 30, "prompt"));
    assert!(screen[29].starts_with(" /^[[3J"), "{:?}", screen[29]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let screen = rows(&check(&mut app, 100, 30, "notice"));
    assert!(screen[29].contains("^[]0;name^G.txt"), "{:?}", screen[29]);
    assert!(
        screen[29].contains("No commenter matches “^[[3J”"),
        "{:?}",
        screen[29]
    );
}

#[test]
fn controls_and_tabs_are_visible_in_the_reader() {
    // Wide enough that none of the checked lines wraps.
    let (width, height) = (160, 40);
    let mut app = App::new(hostile_thread(), "t".into());
    let screen = rows(&check(&mut app, width, height, "article")).join("\n");
    // Tabs expand to 8-column stops counted from the start of the line in the pane.
    assert!(screen.contains("x       y               z"), "{screen}");
    assert!(
        screen.contains("Article with    tabs ^[[31mred^[[0m"),
        "{screen}"
    );
    // A lone CR inside text (possible through JSON) shows as ^M instead of overwriting.
    assert!(screen.contains("and a lone^MCR"), "{screen}");
    // The first comment: every kind of sequence shows up as text.
    press(&mut app, &[key(KeyCode::Char('j'))]);
    let screen = rows(&check(&mut app, width, height, "comment 1")).join("\n");
    for shown in [
        "clear ^[[2J^[[H home",
        "OSC 52 ^[]52;c;cm0gLXJm^G",
        "^[]8;;http://x^[\\click^[]8;;^[\\",
        "<U+009B>31m",
        "bell^G bs^H^H del^? cr^Mover",
    ] {
        assert!(screen.contains(shown), "{shown:?} in\n{screen}");
    }
    // Controls that are white space: visible in the reader too.
    press(&mut app, &[key(KeyCode::Char('G'))]);
    let screen = rows(&check(&mut app, width, height, "controls")).join("\n");
    assert!(
        screen.contains("^A^B^C^D^E^F^N^O^P^Z^[^\\^?<U+0080><U+009F>^K^L"),
        "{screen}"
    );
}

#[test]
fn wide_graphemes_stay_inside_their_pane_at_every_width() {
    let wide = "日本語👨\u{200d}👩\u{200d}👧\u{200d}👦🇺🇦中文字".repeat(20);
    let thread = parse_json(&thread_json(
        &wide,
        &wide,
        &[
            comment(1, &wide, &wide),
            comment(2, &format!("a{wide}"), &format!("b {wide}")),
        ],
    ));
    for width in 20..=110 {
        for row in 0..3 {
            let mut app = App::new(thread.clone(), wide.clone());
            for _ in 0..row {
                press(&mut app, &[key(KeyCode::Char('j'))]);
            }
            check(&mut app, width, 12, &format!("wide row {row}"));
            press(&mut app, &[key(KeyCode::Tab)]);
            check(&mut app, width, 12, &format!("wide row {row} reader"));
        }
    }
}

/// Characters terminals draw with another width than ratatui gives them, or not at all.
const UNDRAWABLE: &str = "nonchar \u{fffe}\u{ffff}\u{fdd0}\u{fdef}\u{1fffe}\u{10ffff} \
    unassigned \u{378}\u{2065} newer \u{1fae8}\u{1fae8} reph \u{d4e}\u{d15} \
    egyptian \u{13430}\u{13438}\u{13439}\u{1343f}\u{13440}\u{13455} \
    format \u{600}1\u{6dd}\u{70f}\u{110bd}\u{1bca0}\u{1d173}\u{e0001} \
    private \u{e000}\u{f8ff}\u{f0000} fillers \u{3164}\u{ffa0} trigram \u{2630} end";

#[test]
fn undrawable_characters_keep_every_border_in_its_column() {
    let body = format!("{UNDRAWABLE}\n{}", UNDRAWABLE.replace(' ', ""));
    let thread = parse_json(&thread_json(
        UNDRAWABLE,
        &body,
        &[
            comment(1, UNDRAWABLE, &body),
            comment(2, &UNDRAWABLE.replace(' ', ""), &body.repeat(5)),
        ],
    ));
    let sizes = SIZES.iter().copied().chain((20..=120).map(|w| (w, 14)));
    for (width, height) in sizes {
        for row in 0..3 {
            let mut app = App::new(thread.clone(), UNDRAWABLE.into());
            for _ in 0..row {
                press(&mut app, &[key(KeyCode::Char('j'))]);
            }
            check(&mut app, width, height, &format!("row {row}"));
            press(&mut app, &[key(KeyCode::Tab)]);
            check(&mut app, width, height, &format!("row {row} reader"));
        }
    }
    // Shown as placeholders of known width.
    let mut app = App::new(thread, "t".into());
    press(&mut app, &[key(KeyCode::Char('j'))]);
    let screen = rows(&check(&mut app, 220, 30, "wide")).join("\n");
    for shown in [
        "nonchar <U+FFFE><U+FFFF><U+FDD0><U+FDEF><U+1FFFE><U+10FFFF> ",
        " unassigned <U+0378><U+2065> newer <U+1FAE8><U+1FAE8> reph <U+0D4E>\u{d15} ",
        "<U+13430><U+13438><U+13439><U+1343F><U+13440><U+13455> ",
        " format <U+0600>1<U+06DD><U+070F><U+110BD><U+1BCA0><U+1D173><U+E0001> ",
        "<U+E000><U+F8FF><U+F0000> fillers <U+3164><U+FFA0> trigram <U+2630> end",
    ] {
        assert!(screen.contains(shown), "{shown:?} in\n{screen}");
    }
}

/// The characters the sanitiser shows as they are have the width the C library (and with it
/// tmux) gives them, but for joining spacing marks (see `is_joining_spacing_mark`).
#[test]
fn every_character_shown_as_is_has_the_terminals_width() {
    let mut differ = Vec::new();
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let alone = c.to_string();
        if sanitize_line(&alone) != alone.as_str() || is_joining_spacing_mark(c) {
            continue;
        }
        let ours = i32::try_from(display_width(&alone)).unwrap_or(-1);
        let theirs = c_library_width(c);
        if ours != theirs {
            differ.push(format!(
                "U+{:04X}: {ours} here, {theirs} for wcwidth",
                u32::from(c)
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

#[test]
fn huge_names_bodies_and_depth_draw_bounded() {
    // 3 000 levels deep, a 10 000-char name at the bottom, and a 1 MB body (wrapped once per
    // width; hostile.rs dumps a 10 MB line).
    let mut comments: Vec<Comment> = (1..=3_000)
        .map(|depth| comment(depth, &format!("L{depth}"), "x"))
        .collect();
    comments.push(comment(
        3_001,
        &"N".repeat(10_000),
        &"long body ".repeat(100_000),
    ));
    comments.push(comment(1, "after", "the last"));
    let thread = parse_json(&thread_json("Deep", "a", &comments));
    assert_eq!(thread.depth(3_000), 3_001);
    for &(width, height) in SIZES {
        let mut app = App::new(thread.clone(), "deep".into());
        press(
            &mut app,
            &[key(KeyCode::Char('G')), key(KeyCode::Char('k'))],
        );
        let buf = check(&mut app, width, height, "deepest");
        if width >= 70 {
            let screen = rows(&buf).join("\n");
            assert!(screen.contains("NNNNN"), "{screen}");
            assert!(screen.contains("level 3001"), "{screen}");
        }
        press(&mut app, &[key(KeyCode::Tab), key(KeyCode::End)]);
        check(&mut app, width, height, "deepest, end of its body");
        press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Char('G'))]);
        check(&mut app, width, height, "after");
    }
}

#[test]
fn an_empty_thread_says_so() {
    let thread = parse_bytes(Vec::new(), None, Path::new("empty"))
        .unwrap()
        .into_main_thread();
    let mut app = App::new(thread, "empty".into());
    let screen = rows(&check(&mut app, 100, 30, "empty")).join("\n");
    assert!(screen.contains("This file holds no text"), "{screen}");
    for &(width, height) in SIZES {
        tour(&mut app, width, height, "empty");
    }
}

#[test]
fn tiny_screens_say_too_small() {
    for (width, height) in [(1, 1), (10, 3), (19, 20), (100, 3)] {
        let mut app = App::new(hostile_thread(), "t".into());
        let screen = rows(&check(&mut app, width, height, "tiny")).join(" ");
        let screen = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        let notice = "Terminal too small";
        assert!(
            screen.starts_with(&notice[..notice.len().min(screen.len())]),
            "{width}x{height}: {screen:?}"
        );
        assert_eq!(app.layout.outline, Rect::default());
    }
    // A resize storm: every size from 0x0 to 40x12 and back, on one app.
    let mut app = App::new(hostile_thread(), "t".into());
    press(&mut app, &[key(KeyCode::Char('j')), key(KeyCode::Tab)]);
    let sizes: Vec<(u16, u16)> = (0..=40).flat_map(|w| [(w, w * 3 / 10), (w, 12)]).collect();
    for &(width, height) in sizes.iter().chain(sizes.iter().rev()) {
        check(&mut app, width, height, "storm");
    }
    assert_eq!(app.doc.focus, Focus::Reader);
}

// ---------------------------------------------------------------------------------------
// Property tests

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => prop::sample::select(vec![' ', '\n', '\t', 'a', 'é', '中', '👩', '\u{200d}', '\u{301}', '\r']),
        2 => prop::char::range('\0', '\u{a0}'),
        1 => prop::char::range('\u{2000}', '\u{206f}'),
        1 => prop::char::range('\u{1f1e6}', '\u{1f1ff}'),
        1 => prop::char::range('\u{1f3fb}', '\u{1f3ff}'),
        1 => prop::char::range('\u{600}', '\u{605}'),
        // Noncharacters, unassigned, newer than Unicode 14, Prepend letters, format
        // controls, private use.
        1 => prop::sample::select(UNDRAWABLE.chars().filter(|c| !c.is_ascii()).collect::<Vec<_>>()),
        1 => prop::char::range('\u{13430}', '\u{13455}'),
        1 => prop::char::range('\u{1fa70}', '\u{1faff}'),
    ]
}

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(String::from_iter)
}

/// Depth steps: each comment is at most one level below the previous.
fn arb_comments() -> impl Strategy<Value = Vec<Comment>> {
    let one = (
        0usize..4,
        prop::option::weighted(0.8, hostile_text(30)),
        hostile_text(120),
        prop::bool::weighted(0.1),
    );
    prop::collection::vec(one, 0..24).prop_map(|raw| {
        let mut depth: usize = 0;
        raw.into_iter()
            .map(|(step, author, body, missing)| {
                // 0 goes one deeper; 1..3 climb back up that many levels (at least to 1).
                depth = if step == 0 {
                    depth + 1
                } else {
                    depth.saturating_sub(step - 1).max(1)
                };
                Comment {
                    depth,
                    author,
                    body,
                    missing,
                }
            })
            .collect()
    })
}

fn arb_key() -> impl Strategy<Value = KeyEvent> {
    prop_oneof![
        4 => prop::sample::select(vec![
            'j', 'k', 'G', 'g', 'l', 'h', ' ', 'z', 'Z', '2', '-', '+', 'J', 'K', '}', '{', 'p',
            'n', 'N', 'f', '?', '/',
        ])
        .prop_map(|c| key(KeyCode::Char(c))),
        2 => prop::sample::select(vec![
            KeyCode::Tab, KeyCode::Enter, KeyCode::Esc, KeyCode::PageDown, KeyCode::PageUp,
            KeyCode::End, KeyCode::Home, KeyCode::Backspace, KeyCode::Down, KeyCode::Up,
        ])
        .prop_map(key),
        1 => hostile_char().prop_map(|c| key(KeyCode::Char(c))),
        1 => Just(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_trees_draw_inert_at_random_sizes(
        title in hostile_text(60),
        article in hostile_text(300),
        comments in arb_comments(),
        keys in prop::collection::vec(arb_key(), 0..16),
        sizes in prop::collection::vec((0u16..130, 0u16..40), 1..4),
        file_name in hostile_text(20),
    ) {
        let thread = parse_json(&thread_json(&title, &article, &comments));
        let mut app = App::new(thread, file_name);
        for (n, k) in keys.iter().enumerate() {
            let (width, height) = sizes[n % sizes.len()];
            check(&mut app, width, height, &format!("after {n} keys"));
            app.on_key(*k);
        }
        for &(width, height) in &sizes {
            check(&mut app, width, height, "end");
        }
    }
}

// Parser invariants (tests/common/tree.rs: also the fuzz target and the fuzz regressions)

/// Text that looks like the three formats often enough to build real trees.
fn format_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0usize..12, 0u32..120, "[A-Za-z' ]{0,12}").prop_map(|(indent, n, name)| {
            format!("{}{n}. {name} says:\n", " ".repeat(indent))
        }),
        2 => Just("\n\n".to_string()),
        1 => Just("\n\n\n".to_string()),
        2 => "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?\n".prop_map(|s| s),
        1 => Just("JUNE 3, 2022\n".to_string()),
        1 => prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"comments\":", "\"children\":", "\"author\":",
            "\"body\":", "\"missing\":true", "null", "\"x\"", "\t", "\r\n", "\r", " ",
            // Reddit's and Hacker News's keys.
            "\"kind\":\"t1\"", "\"data\":", "\"replies\":", "\"count\":3", "\"text\":",
            "\"created_at\":", "\"user\":", "\"content\":", "\"selftext\":",
        ])
        .prop_map(String::from),
        3 => hostile_text(40),
    ]
}

fn format_text() -> impl Strategy<Value = String> {
    prop::collection::vec(format_fragment(), 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn parsers_keep_invariants_on_arbitrary_text(text in format_text()) {
        check_all_formats(text.as_bytes());
    }

    #[test]
    fn parsers_keep_invariants_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        prefix in prop::sample::select(vec!["", "Title\n\n  1. A says:\n\n    ", "{\"comments\":[", "\u{feff}"]),
    ) {
        check_all_formats(&[prefix.as_bytes(), &bytes].concat());
    }
}

proptest! {
    // Case generation dominates here (strategies are slow in debug builds): fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_json_trees_read_back_exactly(
        title in hostile_text(30),
        comments in arb_comments(),
    ) {
        let thread = parse_json(&thread_json(&title, "", &comments));
        assert_tree_invariants(&thread);
        prop_assert_eq!(thread.len(), comments.len());
        prop_assert_eq!(thread.title(), title.as_str());
        for (id, c) in comments.iter().enumerate() {
            prop_assert_eq!(thread.depth(id), c.depth);
            prop_assert_eq!(thread.author(id), c.author.as_deref());
            prop_assert_eq!(thread.body(id), c.body.as_str());
            prop_assert_eq!(thread.is_missing(id), c.missing);
        }
    }
}
